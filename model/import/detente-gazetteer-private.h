/* detente-gazetteer-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "detente-gazetteer.h"

G_BEGIN_DECLS

/* What the trie and lookups (detente-gazetteer.c) and the reading of
 * gazetteer files (detente-gazetteer-load.c) share. */

/* The filter of keys after a name's first, in 64-bit words: 32 KiB, of
 * which the built-in names set about one bit in thirty. */
#define NEXT_KEY_WORDS 4096

/* Keys up to this long, most of them, are held in their slot: a lookup
 * then reads one slot and no string elsewhere in memory. */
#define TRIE_INLINE_KEY 16

/* One edge of the trie: the node reached from @parent by its key. */
typedef struct
{
  guint   parent;
  guint   hash;      /* detente_gazetteer_hash_key() of the key alone */
  guint   child;     /* node index + 1; 0 marks an empty slot */
  guint16 length;
  guint16 ends;      /* a name ends at the child: it has matches */
  union
  {
    char  bytes[TRIE_INLINE_KEY];  /* a key of at most TRIE_INLINE_KEY bytes */
    char *heap;                    /* a longer one */
  } key;
} TrieSlot;

/* An entry with what the mention finder asks of it in every article,
 * worked out once when the entry is committed, before any thread reads
 * it. Every DetenteEntry is the first member of one. */
typedef struct
{
  DetenteEntry  entry;
  char         *actor_id;    /* the id its actor takes (detente_actor_make_id() of a country) */
  char         *families[2]; /* detente_gazetteer_family_keys() of a person, or NULL */
  guint         actor_id_hash;    /* g_str_hash() of actor_id */
  guint         family_hashes[2]; /* and of the families */
} GazEntry;

struct _DetenteGazetteer
{
  GObject     parent_instance;

  GPtrArray  *entries;
  GHashTable *by_id;       /* "kind:id" → DetenteEntry */
  TrieSlot   *slots;       /* open addressing, a power of two of them */
  guint       n_slots;
  guint       n_used;
  GArray     *nodes;       /* TrieNode */
  GHashTable *roles;       /* folded title → GPtrArray of people */
  guint64     first_keys[1024];  /* a bit per hash of the names' first keys */
  guint64     next_keys[NEXT_KEY_WORDS];  /* a bit per (parent node, hash) of the other keys */
  GHashTable *families;    /* folded family name → GPtrArray of people */
  guint       counts[DETENTE_ENTRY_HONORIFIC + 1];
};

DetenteEntry     *_detente_gazetteer_entry_new    (DetenteEntryKind    kind,
                                                  const char         *id,
                                                  const char         *name,
                                                  const char         *country);
void              _detente_gazetteer_entry_free   (gpointer            data);
DetenteEntryRole *_detente_gazetteer_role_new     (const char         *title,
                                                  const char         *country,
                                                  const DetenteDate  *from,
                                                  const DetenteDate  *to);
void              _detente_gazetteer_commit_entry (DetenteGazetteer   *self,
                                                  DetenteEntry       *entry);
void              _detente_gazetteer_add_name     (DetenteGazetteer   *self,
                                                  const DetenteEntry *entry,
                                                  const char         *name,
                                                  DetenteMatchHow     how);

/* A folded key with what matching it needs, worked out by whoever folded
 * it: the mention finder folds every word of an article once. */
typedef struct
{
  const char *key;
  guint       length;
  guint       hash;      /* detente_gazetteer_hash_key() */
} GazKey;

/* A node of the trie: the end of a name when it has matches. */
typedef struct
{
  GArray             *matches;    /* DetenteMatch, or NULL */
  /* The matches summed up when the gazetteer is built, so that a name's
   * node is all the mention finder reads of it until it picks an entry. */
  const DetenteMatch *match_data; /* matches->data */
  guint               n_matches;
  guint               kinds;      /* a bit per DetenteEntryKind of the matches */
  gboolean            acronyms;   /* every match is an acronym */
} TrieNode;

/* detente_gazetteer_hash_key() hashes a key eight bytes at a time, so
 * that the mention finder, which folds words eight bytes at a time, hashes
 * them as it goes: a key's words, little-endian and zero past its end,
 * each go through _detente_gazetteer_hash_step(), from GAZ_HASH_SEED. The
 * high half of a product depends on every bit of both factors. */
#define GAZ_HASH_SEED G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)

static inline guint64
_detente_gazetteer_hash_step (guint64 h,
                              guint64 word)
{
  return (h ^ word) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
}

static inline guint
_detente_gazetteer_hash_end (guint64 h)
{
  return (guint) (h >> 32);
}

/* detente_gazetteer_may_begin(), inline for the mention finder, which asks
 * it of every word. */
static inline gboolean
_detente_gazetteer_may_begin (DetenteGazetteer *self,
                              guint             hash)
{
  hash &= 0xFFFF;
  return (self->first_keys[hash / 64] & (G_GUINT64_CONSTANT (1) << (hash % 64))) != 0;
}

guint             _detente_gazetteer_match_keys   (DetenteGazetteer   *self,
                                                  const GazKey       *keys,
                                                  gsize               stride,
                                                  guint               n_keys,
                                                  const TrieNode    **found);

/* What _detente_gazetteer_commit_entry() worked out: the id the entry's
 * actor takes, and the family names a person is called by alone. */
static inline const GazEntry *
_detente_gazetteer_entry_full (const DetenteEntry *entry)
{
  return (const GazEntry *) entry;
}

G_END_DECLS
