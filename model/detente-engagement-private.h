/* detente-engagement-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-engagement.h"

G_BEGIN_DECLS

/* For the project reader, which builds these itself: take them without the
 * copies the public setters make, and without notifying (nothing can be
 * connected to an engagement that is still being read). */
void _detente_engagement_take_participants (DetenteEngagement  *self,
                                            char              **participants);
void _detente_engagement_take_evidence     (DetenteEngagement  *self,
                                            GPtrArray          *evidence);
/* For the merge: takes @evidence, which differs from the present one, and
 * notifies as the setter does. */
void _detente_engagement_replace_evidence  (DetenteEngagement  *self,
                                            GPtrArray          *evidence);
GParamSpec *_detente_engagement_evidence_pspec (void);
/* The property @name (static), for the project, which records changes by
 * their pspec: found without the class's locked lookup. */
GParamSpec *_detente_engagement_pspec          (const char         *name);

DetenteEngagement *_detente_engagement_new_extracted (char                     *id,
                                                     DetenteEngagementKind     kind,
                                                     DetenteEngagementStatus   status,
                                                     const char * const       *participants,
                                                     guint                     n_participants,
                                                     const char               *place,
                                                     const char               *place_country,
                                                     const DetenteDate        *date,
                                                     double                    confidence,
                                                     GPtrArray                *evidence);

G_END_DECLS
