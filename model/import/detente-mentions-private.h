/* detente-mentions-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "detente-gazetteer-private.h"
#include "detente-mentions.h"

G_BEGIN_DECLS

/* What the pattern reader (detente-mentions.c), the cutting of sentences
 * into units (detente-mentions-units.c) and the bookkeeping of the actors
 * found (detente-mentions-actors.c) share. */

enum
{
  U_WORD     = 1 << 0,
  U_CAP      = 1 << 1,   /* begins with a capital letter */
  U_LOWER    = 1 << 2,   /* no capital letter at all */
  U_ALLCAPS  = 1 << 3,   /* "NATO", "US" */
  U_POSS     = 1 << 4,   /* "China’s" */
  U_INITIAL  = 1 << 5,   /* "L" of "Janet L. Yellen" */
  U_DOT      = 1 << 6,
  U_COMMA    = 1 << 7,
  U_PUNCT    = 1 << 8,
  U_CJK      = 1 << 9,
};

/* A unit's key lives in the sentence's arena of keys: units are many,
 * and a small unit keeps the work within the cache. The key comes first,
 * as the gazetteer reads it, so that the units themselves are what it
 * matches, without a copy of their keys. */
typedef struct
{
  GazKey      gaz;       /* the folded key, its length and hash */
  guint       offset;
  guint       length;
  guint       flags;
  guint       span;      /* the index + 1 of its GazSpan in Finder.spans, or 0 */
} Unit;

typedef struct
{
  guint               first;
  guint               n;
  const DetenteMatch *matches;
  guint               n_matches;
  guint               kinds;     /* a bit per DetenteEntryKind of the matches */
} GazSpan;

/* A lone surname, or a title with a lone surname, resolved at the end. */
typedef struct
{
  guint       offset;
  guint       length;
  guint       sentence;
  char        key[DETENTE_KEY_MAX];
  char       *title;      /* the title before it, if any */
  gboolean    honoured;   /* a title or an honorific came before it */
} Pending;

/* A table from a key to an actor, an article's worth. Starting a new
 * generation empties it without touching its slots: articles are many
 * and their actors few, and a hash table emptied and grown again for each
 * article cost more than all the lookups. */
typedef struct
{
  gconstpointer key;
  guint         hash;
  guint         generation;   /* live while equal to the table's */
  guint         value;
} IndexSlot;

typedef struct
{
  IndexSlot *slots;
  guint      size;            /* a power of two, or 0 */
  guint      used;
  guint      generation;
} ActorIndex;

/* One actor a family name stands for, in the order they were found. */
typedef struct
{
  guint actor;
  guint next;                 /* the next link + 1, or 0 */
} SurnameLink;

typedef struct
{
  DetenteText       *text;
  const char        *s;
  const guchar      *end;         /* the NUL after s */
  DetenteGazetteer  *gazetteer;
  const DetenteDate *date;

  /* What the article refers to, gathered in arrays the thread keeps, and
   * copied out at the end: grown anew for each article, they were
   * reallocated again and again. */
  GPtrArray         *actors;      /* DetenteFoundActor, owned */
  GArray            *mentions;    /* DetenteMention */
  guint              mentions_size; /* room allocated in mentions */
  ActorIndex         by_key;      /* folded full name → actor index */
  ActorIndex         by_entry;    /* gazetteer entry → actor index */
  ActorIndex         by_id;       /* actor id → actor index: one actor per id */
  ActorIndex         surnames;    /* family name key → first link in surname_links */
  GArray            *surname_links; /* SurnameLink */
  GPtrArray         *owned;       /* the article's keys that are no entry's */
  GArray            *pending;     /* Pending */

  /* The sentence being read. */
  GArray            *units;
  guint              units_size;  /* room allocated in units */
  GArray            *spans;       /* GazSpan */
  guint              spans_size;
  char              *arena;       /* the sentence's keys, NUL-separated */
  gsize              arena_length;
  gsize              arena_size;
  guint              sentence;
} Finder;

/* The lists of words the patterns consult (detente-mentions-units.c). */
typedef enum
{
  WORDS_STOP,           /* function words, months, days: no name */
  WORDS_THING,          /* "Institute", "Strait": the name of a thing */
  WORDS_SPEECH,         /* reporting verbs */
  WORDS_PAST,           /* "former": not today's holder */
  WORDS_AFTER_NAME,     /* what ends a clause after a name */
  WORDS_MEET_WITH,      /* "met" of "met with" */
  WORDS_MEET,           /* "hosted", "met" */
  WORDS_PLACE_BEFORE,   /* "in", "visited": a capital after them is a place */
  N_WORD_LISTS,
} WordList;

/* detente-mentions-units.c */
gboolean            _detente_mentions_is_word          (const Unit         *u,
                                                        WordList            list);
guint               _detente_mentions_read_units       (Finder             *f,
                                                        guint               first_token,
                                                        guint               n_tokens);
gboolean            _detente_mentions_shouted          (Finder             *f,
                                                        guint               first,
                                                        guint               n);
void                _detente_mentions_read_spans       (Finder             *f);

/* detente-mentions-actors.c */
void                _detente_mentions_index_reset      (ActorIndex         *index);
void                _detente_mentions_index_clear      (ActorIndex         *index);
guint               _detente_mentions_actor_index      (Finder             *f,
                                                        const char         *key);
void                _detente_mentions_mention          (Finder             *f,
                                                        guint               actor,
                                                        guint               offset,
                                                        guint               length,
                                                        gboolean            by_role);
guint               _detente_mentions_actor_for_entry  (Finder             *f,
                                                        const DetenteEntry *entry,
                                                        guint               offset);
gboolean            _detente_mentions_holds_title      (const DetenteEntry *person,
                                                        const char         *title,
                                                        const DetenteDate  *date);
const DetenteEntry *_detente_mentions_choose_person    (Finder             *f,
                                                        const GazSpan      *g);
char               *_detente_mentions_text_of          (Finder             *f,
                                                        guint               first,
                                                        guint               n);
guint               _detente_mentions_possessive_length (Finder            *f,
                                                         const Unit        *u);
char               *_detente_mentions_name_of          (Finder             *f,
                                                        guint               first,
                                                        guint               n);
guint               _detente_mentions_actor_for_name   (Finder             *f,
                                                        const char         *name,
                                                        const char         *country,
                                                        const char         *role,
                                                        guint               offset);
void                _detente_mentions_resolve_pending  (Finder             *f);
void                _detente_mentions_found_actor_set_role (DetenteFoundActor *a,
                                                            const char        *role);
void                _detente_mentions_found_actor_free (gpointer            data);

/* Accessors every part uses, inline because they run on every unit of
 * every sentence. */

/* Room for one more element at the end of @array, whose allocated room
 * the caller counts in @size: the arrays of a finder only grow, and a call
 * per element to append one cost more than filling it. */
static inline gpointer
array_push (GArray *array,
            guint  *size,
            gsize   element_size)
{
  if (G_UNLIKELY (array->len == *size))
    {
      guint len = array->len;

      *size = MAX (16, *size * 2);
      g_array_set_size (array, *size);
      array->len = len;
    }
  return array->data + element_size * array->len++;
}

static inline const Unit *
unit (Finder *f,
      guint   i)
{
  return &g_array_index (f->units, Unit, i);
}

static inline const GazSpan *
span_at (Finder *f,
         guint   i)
{
  guint s;

  if (i >= f->units->len)
    return NULL;
  s = unit (f, i)->span;
  return s == 0 ? NULL : &g_array_index (f->spans, GazSpan, s - 1);
}

static inline DetenteFoundActor *
found_actor (Finder *f,
             guint   index)
{
  return g_ptr_array_index (f->actors, index);
}

static inline gboolean
match_is (const DetenteMatch *m,
          DetenteEntryKind    kind)
{
  return m->kind == kind;
}

static inline gboolean
span_has (const GazSpan    *g,
          DetenteEntryKind  kind)
{
  return g != NULL && (g->kinds & (1u << kind)) != 0;
}

static inline const DetenteEntry *
span_entry (const GazSpan    *g,
            DetenteEntryKind  kind,
            DetenteMatchHow  *how)
{
  /* The kinds say without reading the entries whether one is there. */
  if (!span_has (g, kind))
    return NULL;
  for (guint i = 0; i < g->n_matches; i++)
    if (match_is (&g->matches[i], kind))
      {
        if (how != NULL)
          *how = g->matches[i].how;
        return g->matches[i].entry;
      }
  return NULL;
}

G_END_DECLS
