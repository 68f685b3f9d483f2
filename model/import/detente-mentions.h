/* detente-mentions.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "detente-date.h"
#include "detente-gazetteer.h"
#include "detente-text.h"
#include "detente-types.h"

G_BEGIN_DECLS

/**
 * DetenteFoundActor:
 * @id: a slug of the name, as DetenteActor ids are
 * @name: the fullest name the article gives
 * @kind: person, country or organisation
 * @country: (nullable): ISO 3166 code
 * @role: (nullable): the role the article gives, or the gazetteer's at the
 *   article's date
 * @entry: (nullable): the gazetteer entry, when known
 * @mentions: how many times the article refers to it
 * @first: byte offset of its first mention
 */
typedef struct
{
  char               *id;
  char               *name;
  DetenteActorKind    kind;
  char               *country;
  char               *role;
  const DetenteEntry *entry;
  guint               mentions;
  guint               first;
} DetenteFoundActor;

typedef enum
{
  DETENTE_MENTION_ACTOR,
  DETENTE_MENTION_PLACE,
} DetenteMentionKind;

/**
 * DetenteMention:
 * @kind: an actor or a place
 * @span: where it stands in the text
 * @sentence: the index of its sentence
 * @actor: for an actor, its index in #DetenteMentions.actors
 * @place: for a place, the gazetteer's entry (a place or a capital's country)
 * @by_role: the actor was named by a role only ("the US Secretary of State")
 */
typedef struct
{
  DetenteMentionKind  kind;
  DetenteSpan         span;
  guint               sentence;
  guint               actor;
  const DetenteEntry *place;
  gboolean            by_role;
} DetenteMention;

/**
 * DetenteMentions:
 * @actors: (element-type DetenteFoundActor): persons, countries and
 *   organisations, in order of first mention
 * @mentions: (element-type DetenteMention): every mention, in text order
 *
 * What an article refers to: plain data, made on any thread.
 */
typedef struct
{
  GPtrArray *actors;
  GArray    *mentions;
} DetenteMentions;

DetenteMentions *detente_mentions_find (DetenteText       *text,
                                        DetenteGazetteer  *gazetteer,
                                        const DetenteDate *date);
void             detente_mentions_free (DetenteMentions   *mentions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteMentions, detente_mentions_free)

G_END_DECLS
