/* detente-types.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  DETENTE_ACTOR_KIND_PERSON,
  DETENTE_ACTOR_KIND_COUNTRY,
  DETENTE_ACTOR_KIND_ORGANISATION,
} DetenteActorKind;

typedef enum
{
  DETENTE_ENGAGEMENT_KIND_MEETING,
  DETENTE_ENGAGEMENT_KIND_CALL,
  DETENTE_ENGAGEMENT_KIND_VISIT,
  DETENTE_ENGAGEMENT_KIND_HOST,
  DETENTE_ENGAGEMENT_KIND_THIRD_LOCATION,
  DETENTE_ENGAGEMENT_KIND_TALKS,
  DETENTE_ENGAGEMENT_KIND_INVITATION,
  DETENTE_ENGAGEMENT_KIND_SUMMIT,
  DETENTE_ENGAGEMENT_KIND_OTHER,
} DetenteEngagementKind;

typedef enum
{
  DETENTE_ENGAGEMENT_STATUS_HELD,
  DETENTE_ENGAGEMENT_STATUS_PLANNED,
  DETENTE_ENGAGEMENT_STATUS_CANCELLED,
  DETENTE_ENGAGEMENT_STATUS_POSTPONED,
  DETENTE_ENGAGEMENT_STATUS_POSSIBLE,
} DetenteEngagementStatus;

typedef enum
{
  DETENTE_ORIGIN_EXTRACTED,
  DETENTE_ORIGIN_MANUAL,
} DetenteOrigin;

const char *detente_enum_to_nick          (GType        enum_type,
                                           int          value);
gboolean    detente_enum_from_nick        (GType        enum_type,
                                           const char  *nick,
                                           int         *value);

const char *detente_engagement_kind_get_cameo_code (DetenteEngagementKind   kind);
const char *detente_engagement_kind_get_label      (DetenteEngagementKind   kind);
const char *detente_engagement_status_get_label    (DetenteEngagementStatus status);
const char *detente_actor_kind_get_label           (DetenteActorKind        kind);
gboolean    detente_engagement_kind_is_meeting     (DetenteEngagementKind   kind);
gboolean    detente_engagement_kinds_compatible    (DetenteEngagementKind   a,
                                                    DetenteEngagementKind   b);
gboolean    detente_engagement_statuses_compatible (DetenteEngagementStatus a,
                                                    DetenteEngagementStatus b);

G_END_DECLS
