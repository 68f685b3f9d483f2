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

/* One edge of the trie: the node reached from @parent by @key. */
typedef struct
{
  guint  parent;
  guint  hash;      /* detente_gazetteer_hash_key() of the key alone */
  guint  child;     /* node index + 1; 0 marks an empty slot */
  guint  length;
  char  *key;
} TrieSlot;

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

G_END_DECLS
