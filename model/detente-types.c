/* detente-types.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "detente-types.h"

/**
 * detente_enum_to_nick:
 * @enum_type: a registered enum type
 * @value: one of its values
 *
 * Returns: (transfer none) (nullable): the value's nick, as written in files
 */
const char *
detente_enum_to_nick (GType enum_type,
                      int   value)
{
  /* Enum classes are static types: once referenced they stay, and a
   * peek is cheap where a ref is not. */
  GEnumClass *klass = g_type_class_peek (enum_type);
  GEnumValue *ev;

  if (klass == NULL)
    klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

/**
 * detente_enum_from_nick:
 * @enum_type: a registered enum type
 * @nick: a nick such as "third-location"
 * @value: (out): where to store the value
 *
 * Returns: %TRUE if @nick names a value of @enum_type
 */
gboolean
detente_enum_from_nick (GType       enum_type,
                        const char *nick,
                        int        *value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  if (!(klass = g_type_class_peek (enum_type)))
    klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

/**
 * detente_engagement_kind_get_cameo_code:
 * @kind: an engagement kind
 *
 * Returns: (transfer none) (nullable): the CAMEO event code, or %NULL for
 *   %DETENTE_ENGAGEMENT_KIND_OTHER
 */
const char *
detente_engagement_kind_get_cameo_code (DetenteEngagementKind kind)
{
  switch (kind)
    {
    case DETENTE_ENGAGEMENT_KIND_MEETING:        return "040";
    case DETENTE_ENGAGEMENT_KIND_CALL:           return "041";
    case DETENTE_ENGAGEMENT_KIND_VISIT:          return "042";
    case DETENTE_ENGAGEMENT_KIND_HOST:           return "043";
    case DETENTE_ENGAGEMENT_KIND_THIRD_LOCATION: return "044";
    case DETENTE_ENGAGEMENT_KIND_TALKS:          return "046";
    case DETENTE_ENGAGEMENT_KIND_INVITATION:     return "036";
    /* CAMEO has no summit code; a summit is a meeting of leaders. */
    case DETENTE_ENGAGEMENT_KIND_SUMMIT:         return "040";
    case DETENTE_ENGAGEMENT_KIND_OTHER:
    default:                                     return NULL;
    }
}

/**
 * detente_engagement_kind_get_label:
 * @kind: an engagement kind
 *
 * Returns: (transfer none): the kind's name for display, translated
 */
const char *
detente_engagement_kind_get_label (DetenteEngagementKind kind)
{
  switch (kind)
    {
    case DETENTE_ENGAGEMENT_KIND_MEETING:        return C_("engagement kind", "Meeting");
    case DETENTE_ENGAGEMENT_KIND_CALL:           return C_("engagement kind", "Call");
    case DETENTE_ENGAGEMENT_KIND_VISIT:          return C_("engagement kind", "Visit");
    case DETENTE_ENGAGEMENT_KIND_HOST:           return C_("engagement kind", "Hosting");
    case DETENTE_ENGAGEMENT_KIND_THIRD_LOCATION: return C_("engagement kind", "Meeting elsewhere");
    case DETENTE_ENGAGEMENT_KIND_TALKS:          return C_("engagement kind", "Talks");
    case DETENTE_ENGAGEMENT_KIND_INVITATION:     return C_("engagement kind", "Invitation");
    case DETENTE_ENGAGEMENT_KIND_SUMMIT:         return C_("engagement kind", "Summit");
    case DETENTE_ENGAGEMENT_KIND_OTHER:
    default:                                     return C_("engagement kind", "Other");
    }
}

/**
 * detente_engagement_status_get_label:
 * @status: an engagement status
 *
 * Returns: (transfer none): the status for display, translated
 */
const char *
detente_engagement_status_get_label (DetenteEngagementStatus status)
{
  switch (status)
    {
    case DETENTE_ENGAGEMENT_STATUS_HELD:      return C_("engagement status", "Held");
    case DETENTE_ENGAGEMENT_STATUS_PLANNED:   return C_("engagement status", "Planned");
    case DETENTE_ENGAGEMENT_STATUS_CANCELLED: return C_("engagement status", "Cancelled");
    case DETENTE_ENGAGEMENT_STATUS_POSTPONED: return C_("engagement status", "Postponed");
    case DETENTE_ENGAGEMENT_STATUS_POSSIBLE:
    default:                                  return C_("engagement status", "Possible");
    }
}

/**
 * detente_actor_kind_get_label:
 * @kind: an actor kind
 *
 * Returns: (transfer none): the kind for display, translated
 */
const char *
detente_actor_kind_get_label (DetenteActorKind kind)
{
  switch (kind)
    {
    case DETENTE_ACTOR_KIND_PERSON:       return C_("actor kind", "Person");
    case DETENTE_ACTOR_KIND_COUNTRY:      return C_("actor kind", "Country");
    case DETENTE_ACTOR_KIND_ORGANISATION:
    default:                              return C_("actor kind", "Organisation");
    }
}

/**
 * detente_engagement_kind_is_meeting:
 * @kind: an engagement kind
 *
 * Returns: whether @kind is a meeting of some sort (meeting, talks, summit,
 *   hosting, a meeting at a third place), which reports of one engagement
 *   name in turn
 */
gboolean
detente_engagement_kind_is_meeting (DetenteEngagementKind kind)
{
  return kind == DETENTE_ENGAGEMENT_KIND_MEETING || kind == DETENTE_ENGAGEMENT_KIND_TALKS ||
         kind == DETENTE_ENGAGEMENT_KIND_SUMMIT || kind == DETENTE_ENGAGEMENT_KIND_THIRD_LOCATION ||
         kind == DETENTE_ENGAGEMENT_KIND_HOST;
}

/**
 * detente_engagement_kinds_compatible:
 * @a: an engagement kind
 * @b: another
 *
 * Returns: whether two reports of these kinds may be of one engagement
 */
gboolean
detente_engagement_kinds_compatible (DetenteEngagementKind a,
                                     DetenteEngagementKind b)
{
  return a == b || (detente_engagement_kind_is_meeting (a) && detente_engagement_kind_is_meeting (b));
}

/**
 * detente_engagement_statuses_compatible:
 * @a: an engagement status
 * @b: another
 *
 * A plan may be told before it happened and after; a mere possibility
 * ("may meet again") is not the meeting that did happen, and a cancelled
 * or postponed engagement is never the one that was held.
 *
 * Returns: whether two reports with these statuses may be of one
 *   engagement
 */
gboolean
detente_engagement_statuses_compatible (DetenteEngagementStatus a,
                                        DetenteEngagementStatus b)
{
  gboolean a_off = a == DETENTE_ENGAGEMENT_STATUS_CANCELLED || a == DETENTE_ENGAGEMENT_STATUS_POSTPONED;
  gboolean b_off = b == DETENTE_ENGAGEMENT_STATUS_CANCELLED || b == DETENTE_ENGAGEMENT_STATUS_POSTPONED;

  if (a_off || b_off)
    return a_off == b_off;
  return !((a == DETENTE_ENGAGEMENT_STATUS_HELD && b == DETENTE_ENGAGEMENT_STATUS_POSSIBLE) ||
           (b == DETENTE_ENGAGEMENT_STATUS_HELD && a == DETENTE_ENGAGEMENT_STATUS_POSSIBLE));
}
