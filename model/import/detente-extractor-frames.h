/* detente-extractor-frames.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-extractor-private.h"

G_BEGIN_DECLS

typedef enum
{
  IT_WORD,
  IT_PUNCT,
  IT_ACTOR,
  IT_PLACE,
} ItemKind;

/* One word, punctuation mark or mention of a sentence. */
typedef struct
{
  ItemKind            kind;
  guint               offset;
  guint               length;
  char                key[24];
  gboolean            cap;
  gboolean            possessive;
  gboolean            consumed;
  const WordInfo     *info;
  guint               actor;
  gboolean            boundary;   /* set when the sentence is read for frames */
  const DetenteEntry *place;
} Item;

/* A place as an engagement records it; the name is copied because a
 * capital is named by the text, not by its country's entry. */
typedef struct
{
  char        name[64];
  const char *country;
  gboolean    set;
} Place;

typedef struct _Extraction Extraction;

typedef struct
{
  Extraction  *ex;
  GArray      *items;
  guint        n_items;
  guint        index;
  DetenteSpan  span;
  GArray      *last_subject;
  GPtrArray   *spare_lists;
  gboolean     weak_status;
} Sentence;

/* An engagement while the article is read. The engagement comes first:
 * the result takes a frame as its DetenteFoundEngagement, without a copy. */
typedef struct
{
  DetenteFoundEngagement e;
  guint                  sentence;
  guint                  trigger;
  gboolean               visit_context;
  gboolean               dated_here;
  gboolean               weak_status;
} Frame;

struct _Extraction
{
  DetenteText      *text;
  const char       *chars;
  gsize             n_chars;
  GPtrArray        *actors;
  GArray           *mentions;
  DetenteGazetteer *gazetteer;
  DetenteDate       reference;
  guint             focus;
  GArray           *pair;
  GPtrArray        *frames;
  GArray           *dates[3];       /* per tense, NULL until read; borrowed */
  GArray           *date_store[3];  /* what dates[] point to, kept for every sentence */
  gboolean          visit_words;
};

static inline Item *
item (Sentence *s,
      guint     i)
{
  return &g_array_index (s->items, Item, i);
}

static inline const DetenteFoundActor *
actor_of (Sentence   *s,
          const Item *it)
{
  return g_ptr_array_index (s->ex->actors, it->actor);
}

guint _detente_frames_clause_start   (Sentence                *s,
                                      guint                    i);
guint _detente_frames_clause_end     (Sentence                *s,
                                      guint                    i);
guint _detente_frames_country_actor  (Extraction              *ex,
                                      const DetenteEntry      *country);
void  _detente_frames_place_of_item  (Sentence                *s,
                                      const Item              *it,
                                      Place                   *place);
void  _detente_frames_emit           (Sentence                *s,
                                      guint                    trigger,
                                      DetenteEngagementKind    kind,
                                      DetenteEngagementStatus  status,
                                      GArray                  *participants,
                                      const Place             *place,
                                      double                   confidence);
void  _detente_frames_date_clause    (Sentence                *s,
                                      guint                    trigger,
                                      guint                   *start,
                                      guint                   *end);
gboolean _detente_frames_opens_frame (Sentence              *s,
                                      guint                    i);
void  _detente_frames_anaphor        (Sentence                *s,
                                      guint                    trigger,
                                      DetenteEngagementKind    kind,
                                      int                      status,
                                      const Place             *place);
void  _detente_frames_read           (Sentence                *s);

G_END_DECLS
