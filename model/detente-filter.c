/* detente-filter.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "detente-filter.h"

#include "detente-actor.h"
#include "detente-date.h"

/* Which engagements the graph and the timeline show: a time window in
 * day numbers (detente_date_get_first_day()), kinds, statuses, countries
 * and the weight an edge needs. Hidden engagements never pass. It emits
 * ::changed once per change, after the properties' notifications. */

struct _DetenteFilter
{
  GObject  parent_instance;

  char   **countries;
  guint32  first_day;
  guint32  last_day;
  guint    kinds;
  guint    statuses;
  guint    min_weight;
};

G_DEFINE_FINAL_TYPE (DetenteFilter, detente_filter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIRST_DAY,
  PROP_LAST_DAY,
  PROP_KINDS,
  PROP_STATUSES,
  PROP_COUNTRIES,
  PROP_MIN_WEIGHT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
detente_filter_finalize (GObject *object)
{
  DetenteFilter *self = DETENTE_FILTER (object);

  g_strfreev (self->countries);

  G_OBJECT_CLASS (detente_filter_parent_class)->finalize (object);
}

static void
detente_filter_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DetenteFilter *self = DETENTE_FILTER (object);

  switch (prop_id)
    {
    case PROP_FIRST_DAY:
      g_value_set_uint (value, self->first_day);
      break;
    case PROP_LAST_DAY:
      g_value_set_uint (value, self->last_day);
      break;
    case PROP_KINDS:
      g_value_set_uint (value, self->kinds);
      break;
    case PROP_STATUSES:
      g_value_set_uint (value, self->statuses);
      break;
    case PROP_COUNTRIES:
      g_value_set_boxed (value, self->countries);
      break;
    case PROP_MIN_WEIGHT:
      g_value_set_uint (value, self->min_weight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_filter_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DetenteFilter *self = DETENTE_FILTER (object);

  switch (prop_id)
    {
    case PROP_FIRST_DAY:
      detente_filter_set_window (self, g_value_get_uint (value), self->last_day);
      break;
    case PROP_LAST_DAY:
      detente_filter_set_window (self, self->first_day, g_value_get_uint (value));
      break;
    case PROP_KINDS:
      detente_filter_set_kinds (self, g_value_get_uint (value));
      break;
    case PROP_STATUSES:
      detente_filter_set_statuses (self, g_value_get_uint (value));
      break;
    case PROP_COUNTRIES:
      detente_filter_set_countries (self, g_value_get_boxed (value));
      break;
    case PROP_MIN_WEIGHT:
      detente_filter_set_min_weight (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_filter_class_init (DetenteFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = detente_filter_finalize;
  object_class->get_property = detente_filter_get_property;
  object_class->set_property = detente_filter_set_property;

  properties[PROP_FIRST_DAY] =
    g_param_spec_uint ("first-day", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_DAY] =
    g_param_spec_uint ("last-day", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KINDS] =
    g_param_spec_uint ("kinds", NULL, NULL, 0, DETENTE_FILTER_ALL_KINDS, DETENTE_FILTER_ALL_KINDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUSES] =
    g_param_spec_uint ("statuses", NULL, NULL, 0, DETENTE_FILTER_ALL_STATUSES, DETENTE_FILTER_ALL_STATUSES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTRIES] =
    g_param_spec_boxed ("countries", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_WEIGHT] =
    g_param_spec_uint ("min-weight", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DetenteFilter::changed:
   *
   * Emitted once after any of the filter's settings changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
detente_filter_init (DetenteFilter *self)
{
  self->kinds = DETENTE_FILTER_ALL_KINDS;
  self->statuses = DETENTE_FILTER_ALL_STATUSES;
  self->min_weight = 1;
}

/**
 * detente_filter_new:
 *
 * Returns: (transfer full): a filter that lets every shown engagement
 *   through
 */
DetenteFilter *
detente_filter_new (void)
{
  return g_object_new (DETENTE_TYPE_FILTER, NULL);
}

/**
 * detente_filter_get_first_day:
 * @self: a #DetenteFilter
 *
 * Returns: the first day of the time window, 0 for no start
 */
guint32
detente_filter_get_first_day (DetenteFilter *self)
{
  g_return_val_if_fail (DETENTE_IS_FILTER (self), 0);

  return self->first_day;
}

/**
 * detente_filter_get_last_day:
 * @self: a #DetenteFilter
 *
 * Returns: the last day of the time window, 0 for no end
 */
guint32
detente_filter_get_last_day (DetenteFilter *self)
{
  g_return_val_if_fail (DETENTE_IS_FILTER (self), 0);

  return self->last_day;
}

/**
 * detente_filter_set_window:
 * @self: a #DetenteFilter
 * @first_day: the first day, as detente_date_get_first_day() counts, or 0
 * @last_day: the last day, or 0
 *
 * Sets the time window; 0 leaves that side open. With a window, an
 * engagement passes when its dates overlap it, and one without a date
 * does not pass.
 */
void
detente_filter_set_window (DetenteFilter *self,
                           guint32        first_day,
                           guint32        last_day)
{
  gboolean first_changed, last_changed;

  g_return_if_fail (DETENTE_IS_FILTER (self));
  g_return_if_fail (first_day == 0 || last_day == 0 || first_day <= last_day);

  first_changed = first_day != self->first_day;
  last_changed = last_day != self->last_day;
  if (!first_changed && !last_changed)
    return;
  self->first_day = first_day;
  self->last_day = last_day;
  if (first_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_DAY]);
  if (last_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_DAY]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * detente_filter_get_kinds:
 * @self: a #DetenteFilter
 *
 * Returns: the kinds that pass, a mask of 1 << #DetenteEngagementKind
 */
guint
detente_filter_get_kinds (DetenteFilter *self)
{
  g_return_val_if_fail (DETENTE_IS_FILTER (self), 0);

  return self->kinds;
}

/**
 * detente_filter_set_kinds:
 * @self: a #DetenteFilter
 * @kinds: a mask of 1 << #DetenteEngagementKind
 */
void
detente_filter_set_kinds (DetenteFilter *self,
                          guint          kinds)
{
  g_return_if_fail (DETENTE_IS_FILTER (self));

  kinds &= DETENTE_FILTER_ALL_KINDS;
  if (kinds == self->kinds)
    return;
  self->kinds = kinds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KINDS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * detente_filter_get_statuses:
 * @self: a #DetenteFilter
 *
 * Returns: the statuses that pass, a mask of 1 << #DetenteEngagementStatus
 */
guint
detente_filter_get_statuses (DetenteFilter *self)
{
  g_return_val_if_fail (DETENTE_IS_FILTER (self), 0);

  return self->statuses;
}

/**
 * detente_filter_set_statuses:
 * @self: a #DetenteFilter
 * @statuses: a mask of 1 << #DetenteEngagementStatus
 */
void
detente_filter_set_statuses (DetenteFilter *self,
                             guint          statuses)
{
  g_return_if_fail (DETENTE_IS_FILTER (self));

  statuses &= DETENTE_FILTER_ALL_STATUSES;
  if (statuses == self->statuses)
    return;
  self->statuses = statuses;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUSES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * detente_filter_get_countries:
 * @self: a #DetenteFilter
 *
 * Returns: (transfer none) (nullable): the ISO codes of the countries an
 *   engagement must involve, or %NULL for any
 */
const char * const *
detente_filter_get_countries (DetenteFilter *self)
{
  g_return_val_if_fail (DETENTE_IS_FILTER (self), NULL);

  return (const char * const *) self->countries;
}

/**
 * detente_filter_set_countries:
 * @self: a #DetenteFilter
 * @countries: (nullable) (array zero-terminated=1): ISO codes, or %NULL
 *
 * An engagement passes when one of its participants belongs to one of
 * @countries (a country actor belongs to itself). %NULL or an empty list
 * lets every country through.
 */
void
detente_filter_set_countries (DetenteFilter      *self,
                              const char * const *countries)
{
  g_return_if_fail (DETENTE_IS_FILTER (self));

  if (countries != NULL && countries[0] == NULL)
    countries = NULL;
  if (countries == NULL && self->countries == NULL)
    return;
  if (countries != NULL && self->countries != NULL &&
      g_strv_equal ((const char * const *) self->countries, countries))
    return;
  g_strfreev (self->countries);
  self->countries = g_strdupv ((char **) countries);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRIES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * detente_filter_get_min_weight:
 * @self: a #DetenteFilter
 *
 * Returns: the number of engagements an edge needs to be shown
 */
guint
detente_filter_get_min_weight (DetenteFilter *self)
{
  g_return_val_if_fail (DETENTE_IS_FILTER (self), 1);

  return self->min_weight;
}

/**
 * detente_filter_set_min_weight:
 * @self: a #DetenteFilter
 * @min_weight: engagements an edge needs, at least 1
 */
void
detente_filter_set_min_weight (DetenteFilter *self,
                               guint          min_weight)
{
  g_return_if_fail (DETENTE_IS_FILTER (self));

  min_weight = MAX (min_weight, 1);
  if (min_weight == self->min_weight)
    return;
  self->min_weight = min_weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_WEIGHT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
involves_country (DetenteFilter     *self,
                  DetenteProject    *project,
                  DetenteEngagement *engagement)
{
  const char * const *participants = detente_engagement_get_participants (engagement);

  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    {
      DetenteActor *actor = detente_project_lookup_actor (project, participants[i]);
      const char *country = actor != NULL ? detente_actor_get_country (actor) : NULL;

      if (country != NULL && g_strv_contains ((const char * const *) self->countries, country))
        return TRUE;
    }
  return FALSE;
}

/**
 * detente_filter_matches:
 * @self: a #DetenteFilter
 * @project: the project @engagement belongs to, for its actors' countries
 * @engagement: an engagement
 *
 * Whether @engagement passes, leaving the edge weight aside.
 *
 * Returns: %TRUE if it passes
 */
gboolean
detente_filter_matches (DetenteFilter     *self,
                        DetenteProject    *project,
                        DetenteEngagement *engagement)
{
  const DetenteDate *date;

  g_return_val_if_fail (DETENTE_IS_FILTER (self), FALSE);
  g_return_val_if_fail (DETENTE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (engagement), FALSE);

  if (detente_engagement_get_hidden (engagement))
    return FALSE;
  if (!(self->kinds & (1u << detente_engagement_get_kind (engagement))))
    return FALSE;
  if (!(self->statuses & (1u << detente_engagement_get_status (engagement))))
    return FALSE;
  if (self->first_day != 0 || self->last_day != 0)
    {
      date = detente_engagement_get_date (engagement);
      if (date == NULL || !detente_date_is_set (date))
        return FALSE;
      if (self->first_day != 0 && detente_date_get_last_day (date) < self->first_day)
        return FALSE;
      if (self->last_day != 0 && detente_date_get_first_day (date) > self->last_day)
        return FALSE;
    }
  if (self->countries != NULL && !involves_country (self, project, engagement))
    return FALSE;
  return TRUE;
}
