/* detente-extractor-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-date-parse.h"
#include "detente-extractor.h"

G_BEGIN_DECLS

/* What a word can do in a frame; one lookup gives all of a word's classes. */
typedef enum
{
  W_AUX        = 1 << 0,   /* is, has, will, did: part of a verb group */
  W_PLANNED    = 1 << 1,   /* will, scheduled, expected: not yet */
  W_POSSIBLE   = 1 << 2,   /* may, hopes, if: maybe */
  W_NEGATION   = 1 << 3,   /* not, never */
  W_CANCEL     = 1 << 4,
  W_POSTPONE   = 1 << 5,
  W_BOUNDARY   = 1 << 6,   /* where, which, during: a new clause */
  W_LIGHT      = 1 << 7,   /* held, had, paid, extended: a verb before an event noun */
  W_HE         = 1 << 8,   /* he, his, she, her */
  W_THEY       = 1 << 9,   /* they, their, both */
  W_DEFINITE   = 1 << 10,  /* the, this, that */
  W_IN         = 1 << 11,  /* in, at, to: before a place */
  W_JOIN       = 1 << 12,  /* and, & */
  W_VERB       = 1 << 13,  /* a finite verb that starts a new predicate after "and" */
  W_FUNCTION   = 1 << 14,  /* prepositions and conjunctions a participant may stand before */
  W_TELL       = 1 << 15,  /* told, assured: a verb of speaking to somebody */
  W_HELD       = 1 << 16,  /* took place, was held: happened */
  W_PREP       = 1 << 17,  /* during, after: a boundary for participants, not for dates */
  W_RELATIVE   = 1 << 18,  /* which, that, who: describes what comes before */
  W_DET        = 1 << 19,  /* a, an */
} WordClass;

/* The engagement a trigger word names, and whether it is a verb. */
typedef enum
{
  T_NONE,
  T_MEET,       /* met, meets */
  T_MEET_MAYBE, /* meeting: a verb only after "is", "be" */
  T_HOST,       /* hosted */
  T_RECEIVE,    /* received: a meeting when a person follows */
  T_CONFRONT,   /* confronted: face to face, when a person follows */
  T_SPEAK,      /* spoke with, talked to */
  T_CALL,       /* called, phoned: when an actor follows */
  T_INVITE,     /* invited */
  T_VISIT,      /* visited: a verb when a place follows, else a noun */
  T_TRAVEL,     /* traveled to, flew to */
  T_N_MEETING,  /* nouns */
  T_N_TALKS,
  T_N_SUMMIT,
  T_N_VISIT,
  T_N_CALL,
  T_N_INVITATION,
} Trigger;

typedef struct
{
  guint32 classes;
  Trigger trigger;
} WordInfo;

const WordInfo *_detente_extractor_word (const char *key,
                                         gsize       length);

G_END_DECLS
