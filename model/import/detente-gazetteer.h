/* detente-gazetteer.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "detente-actor.h"
#include "detente-date.h"
#include "detente-text.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_GAZETTEER (detente_gazetteer_get_type ())
#define DETENTE_GAZETTEER_ERROR (detente_gazetteer_error_quark ())

G_DECLARE_FINAL_TYPE (DetenteGazetteer, detente_gazetteer, DETENTE, GAZETTEER, GObject)

typedef enum
{
  DETENTE_GAZETTEER_ERROR_INVALID,
} DetenteGazetteerError;

typedef enum
{
  DETENTE_ENTRY_PERSON,
  DETENTE_ENTRY_COUNTRY,
  DETENTE_ENTRY_ORGANISATION,
  DETENTE_ENTRY_PLACE,
  DETENTE_ENTRY_TITLE,
  DETENTE_ENTRY_HONORIFIC,
} DetenteEntryKind;

/* How a name in the text reached its entry. */
typedef enum
{
  DETENTE_MATCH_NAME,
  DETENTE_MATCH_ALIAS,
  DETENTE_MATCH_DEMONYM,
  DETENTE_MATCH_CAPITAL,
} DetenteMatchHow;

/**
 * DetenteEntryRole:
 * @title: the title as the gazetteer writes it
 * @country: (nullable): the role's country, when not the person's
 * @from: when it began
 * @to: when it ended; unset while it lasts
 */
typedef struct
{
  char        *title;
  char        *country;
  DetenteDate  from;
  DetenteDate  to;
} DetenteEntryRole;

/**
 * DetenteEntry:
 * @kind: what it names
 * @id: stable id (people and organisations), the ISO code (countries), or
 *   the name (places, titles, honorifics)
 * @name: the canonical name
 * @country: (nullable): the ISO 3166 code of its country
 * @subkind: (nullable): the kind of place or organisation
 * @generic: for titles, whether anybody may hold it
 * @roles: (element-type DetenteEntryRole): a person's roles, oldest first
 *
 * One known thing. Entries belong to their gazetteer and never change once
 * it is built, so any thread may read them.
 */
typedef struct
{
  DetenteEntryKind  kind;
  char             *id;
  char             *name;
  char             *country;
  char             *subkind;
  gboolean          generic;
  GPtrArray        *roles;
} DetenteEntry;

/**
 * DetenteMatch:
 * @entry: the entry a name belongs to
 * @how: how the name names it
 * @acronym: the name is written in capitals ("TAO", "USTR") and only
 *   names the entry when the text writes it so ("Tao" is a name)
 * @kind: the entry's kind, kept with the match so that choosing among a
 *   name's matches reads no entry
 */
typedef struct
{
  const DetenteEntry *entry;
  DetenteMatchHow     how;
  gboolean            acronym;
  DetenteEntryKind    kind;
} DetenteMatch;

/* The gazetteer's unit of matching: a token folded to lower case, with
 * curly apostrophes made straight and a possessive "'s" cut off. */
#define DETENTE_KEY_MAX 64

GQuark              detente_gazetteer_error_quark  (void);
DetenteGazetteer   *detente_gazetteer_new          (void);
DetenteGazetteer   *detente_gazetteer_get_default  (void);
gboolean            detente_gazetteer_add_builtin  (DetenteGazetteer   *self,
                                                    GError            **error);
gboolean            detente_gazetteer_add_xml      (DetenteGazetteer   *self,
                                                    const char         *data,
                                                    gsize               length,
                                                    const char         *name,
                                                    GError            **error);
void                detente_gazetteer_add_actor    (DetenteGazetteer   *self,
                                                    DetenteActor       *actor);
guint               detente_gazetteer_get_n_entries (DetenteGazetteer  *self,
                                                     DetenteEntryKind   kind);
const DetenteEntry *detente_gazetteer_lookup_id    (DetenteGazetteer   *self,
                                                    DetenteEntryKind    kind,
                                                    const char         *id);
guint               detente_gazetteer_match        (DetenteGazetteer   *self,
                                                    const char * const *keys,
                                                    guint               n_keys,
                                                    const DetenteMatch **matches,
                                                    guint              *n_matches);
GPtrArray          *detente_gazetteer_find_holders (DetenteGazetteer   *self,
                                                    const char         *title,
                                                    const char         *country,
                                                    const DetenteDate  *date);
const char         *detente_gazetteer_get_title_country (DetenteGazetteer *self,
                                                         const char       *title);
gboolean            detente_entry_role_covers      (const DetenteEntryRole *role,
                                                    const DetenteDate      *date);
const DetenteEntryRole *detente_entry_role_at      (const DetenteEntry *entry,
                                                    const DetenteDate  *date);
gsize               detente_gazetteer_fold         (const char         *token,
                                                    gsize               length,
                                                    char               *key,
                                                    gboolean           *possessive);
guint               detente_gazetteer_family_keys  (const char         *name,
                                                    const char         *country,
                                                    char                keys[2][DETENTE_KEY_MAX]);
GPtrArray          *detente_gazetteer_find_family  (DetenteGazetteer   *self,
                                                    const char         *key);
guint               detente_gazetteer_hash_key     (const char         *key,
                                                    gsize               length);
gboolean            detente_gazetteer_may_begin    (DetenteGazetteer   *self,
                                                    guint               hash);
guint               detente_gazetteer_split_token  (const char         *text,
                                                    const DetenteSpan  *token,
                                                    DetenteSpan        *parts,
                                                    guint               max_parts);

G_END_DECLS
