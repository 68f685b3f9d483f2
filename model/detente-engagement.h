/* detente-engagement.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "detente-date.h"
#include "detente-evidence.h"
#include "detente-types.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_ENGAGEMENT (detente_engagement_get_type ())

G_DECLARE_FINAL_TYPE (DetenteEngagement, detente_engagement, DETENTE, ENGAGEMENT, GObject)

DetenteEngagement      *detente_engagement_new               (const char              *id,
                                                              DetenteEngagementKind    kind);
const char             *detente_engagement_get_id            (DetenteEngagement       *self);
DetenteEngagementKind   detente_engagement_get_kind          (DetenteEngagement       *self);
void                    detente_engagement_set_kind          (DetenteEngagement       *self,
                                                              DetenteEngagementKind    kind);
DetenteEngagementStatus detente_engagement_get_status        (DetenteEngagement       *self);
void                    detente_engagement_set_status        (DetenteEngagement       *self,
                                                              DetenteEngagementStatus  status);
const char * const     *detente_engagement_get_participants  (DetenteEngagement       *self);
void                    detente_engagement_set_participants  (DetenteEngagement       *self,
                                                              const char * const      *participants);
gboolean                detente_engagement_has_participant   (DetenteEngagement       *self,
                                                              const char              *actor_id);
const char             *detente_engagement_get_place         (DetenteEngagement       *self);
void                    detente_engagement_set_place         (DetenteEngagement       *self,
                                                              const char              *place);
const char             *detente_engagement_get_place_country (DetenteEngagement       *self);
void                    detente_engagement_set_place_country (DetenteEngagement       *self,
                                                              const char              *country);
const DetenteDate      *detente_engagement_get_date          (DetenteEngagement       *self);
void                    detente_engagement_set_date          (DetenteEngagement       *self,
                                                              const DetenteDate       *date);
double                  detente_engagement_get_confidence    (DetenteEngagement       *self);
void                    detente_engagement_set_confidence    (DetenteEngagement       *self,
                                                              double                   confidence);
DetenteOrigin           detente_engagement_get_origin        (DetenteEngagement       *self);
void                    detente_engagement_set_origin        (DetenteEngagement       *self,
                                                              DetenteOrigin            origin);
gboolean                detente_engagement_get_hidden        (DetenteEngagement       *self);
void                    detente_engagement_set_hidden        (DetenteEngagement       *self,
                                                              gboolean                 hidden);
GPtrArray              *detente_engagement_get_evidence      (DetenteEngagement       *self);
void                    detente_engagement_set_evidence      (DetenteEngagement       *self,
                                                              GPtrArray               *evidence);

G_END_DECLS
