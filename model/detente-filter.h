/* detente-filter.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "detente-engagement.h"
#include "detente-project.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_FILTER (detente_filter_get_type ())

/* Every kind, every status: masks of 1 << value. */
#define DETENTE_FILTER_ALL_KINDS ((1u << (DETENTE_ENGAGEMENT_KIND_OTHER + 1)) - 1)
#define DETENTE_FILTER_ALL_STATUSES ((1u << (DETENTE_ENGAGEMENT_STATUS_POSSIBLE + 1)) - 1)

G_DECLARE_FINAL_TYPE (DetenteFilter, detente_filter, DETENTE, FILTER, GObject)

DetenteFilter      *detente_filter_new            (void);

guint32             detente_filter_get_first_day  (DetenteFilter     *self);
guint32             detente_filter_get_last_day   (DetenteFilter     *self);
void                detente_filter_set_window     (DetenteFilter     *self,
                                                   guint32            first_day,
                                                   guint32            last_day);
guint               detente_filter_get_kinds      (DetenteFilter     *self);
void                detente_filter_set_kinds      (DetenteFilter     *self,
                                                   guint              kinds);
guint               detente_filter_get_statuses   (DetenteFilter     *self);
void                detente_filter_set_statuses   (DetenteFilter     *self,
                                                   guint              statuses);
const char * const *detente_filter_get_countries  (DetenteFilter     *self);
void                detente_filter_set_countries  (DetenteFilter     *self,
                                                   const char * const *countries);
guint               detente_filter_get_min_weight (DetenteFilter     *self);
void                detente_filter_set_min_weight (DetenteFilter     *self,
                                                   guint              min_weight);

gboolean            detente_filter_matches        (DetenteFilter     *self,
                                                   DetenteProject    *project,
                                                   DetenteEngagement *engagement);

G_END_DECLS
