/* detente-project-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-project.h"

G_BEGIN_DECLS

/* Fills an empty project in one go, without undo steps or per-item
 * signals: the reader has already checked ids and references. Each index
 * maps the id of an item of the matching array to the item (the key is the
 * item's own id string), which the project copies into its own. */
void _detente_project_take_loaded (DetenteProject *self,
                                   GPtrArray      *sources,
                                   GPtrArray      *actors,
                                   GPtrArray      *engagements,
                                   GHashTable     *source_index,
                                   GHashTable     *actor_index,
                                   GHashTable     *engagement_index);

void _detente_project_flush                     (DetenteProject    *self);
void _detente_project_add_engagement_unchecked (DetenteProject    *self,
                                                DetenteEngagement *engagement);
void _detente_project_take_evidence             (DetenteProject    *self,
                                                DetenteEngagement *engagement,
                                                GPtrArray         *evidence);

void _detente_project_fill_engagement            (DetenteProject    *self,
                                                DetenteEngagement *engagement,
                                                const DetenteDate *date,
                                                const char        *place,
                                                const char        *place_country,
                                                gboolean           held);

G_END_DECLS
