/* detente-engagement.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "detente-engagement-private.h"
#include "detente-enums.h"
#include "detente-model-private.h"

struct _DetenteEngagement
{
  GObject                  parent_instance;

  char                    *id;
  char                   **participants;
  char                    *place;
  char                    *place_country;
  GPtrArray               *evidence;
  double                   confidence;
  DetenteDate              date;
  DetenteEngagementKind    kind;
  DetenteEngagementStatus  status;
  DetenteOrigin            origin;

  guint                    hidden : 1;
  /* The participants are one allocation, pointers and strings, as the
   * merge makes them: not a strv to free with g_strfreev(). */
  guint                    participants_packed : 1;
};

G_DEFINE_FINAL_TYPE (DetenteEngagement, detente_engagement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_STATUS,
  PROP_PARTICIPANTS,
  PROP_PLACE,
  PROP_PLACE_COUNTRY,
  PROP_DATE,
  PROP_CONFIDENCE,
  PROP_ORIGIN,
  PROP_HIDDEN,
  PROP_EVIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
/* Every engagement starts with this one empty array, which nobody may
 * change (see detente_engagement_get_evidence()): the merge and the project
 * reader give most engagements their own at once. */
static GPtrArray *no_evidence;

static void
clear_participants (DetenteEngagement *self)
{
  if (self->participants_packed)
    g_clear_pointer (&self->participants, g_free);
  else
    g_clear_pointer (&self->participants, g_strfreev);
  self->participants_packed = FALSE;
}

static void
detente_engagement_finalize (GObject *object)
{
  DetenteEngagement *self = (DetenteEngagement *) object;

  g_clear_pointer (&self->id, g_free);
  clear_participants (self);
  g_clear_pointer (&self->place, g_free);
  g_clear_pointer (&self->place_country, g_free);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);

  G_OBJECT_CLASS (detente_engagement_parent_class)->finalize (object);
}

static void
detente_engagement_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DetenteEngagement *self = DETENTE_ENGAGEMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_PARTICIPANTS:
      g_value_set_boxed (value, self->participants);
      break;
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    case PROP_PLACE_COUNTRY:
      g_value_set_string (value, self->place_country);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, &self->date);
      break;
    case PROP_CONFIDENCE:
      g_value_set_double (value, self->confidence);
      break;
    case PROP_ORIGIN:
      g_value_set_enum (value, self->origin);
      break;
    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;
    case PROP_EVIDENCE:
      g_value_set_boxed (value, self->evidence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_engagement_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DetenteEngagement *self = DETENTE_ENGAGEMENT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      detente_engagement_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_STATUS:
      detente_engagement_set_status (self, g_value_get_enum (value));
      break;
    case PROP_PARTICIPANTS:
      detente_engagement_set_participants (self, g_value_get_boxed (value));
      break;
    case PROP_PLACE:
      detente_engagement_set_place (self, g_value_get_string (value));
      break;
    case PROP_PLACE_COUNTRY:
      detente_engagement_set_place_country (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      detente_engagement_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_CONFIDENCE:
      detente_engagement_set_confidence (self, g_value_get_double (value));
      break;
    case PROP_ORIGIN:
      detente_engagement_set_origin (self, g_value_get_enum (value));
      break;
    case PROP_HIDDEN:
      detente_engagement_set_hidden (self, g_value_get_boolean (value));
      break;
    case PROP_EVIDENCE:
      detente_engagement_set_evidence (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_engagement_class_init (DetenteEngagementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = detente_engagement_finalize;
  object_class->get_property = detente_engagement_get_property;
  object_class->set_property = detente_engagement_set_property;

  /**
   * DetenteEngagement:id:
   *
   * The engagement's id, unique in a project.
   */
  /* Read-only and set by the constructors, not construct-only: g_object_new()
   * would set a construct property to its default, through a GValue, for
   * each of the many engagements a merge makes. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * DetenteEngagement:kind:
   *
   * Meeting, call, visit and so on; see detente_engagement_kind_get_cameo_code().
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DETENTE_TYPE_ENGAGEMENT_KIND,
                       DETENTE_ENGAGEMENT_KIND_MEETING, rw);
  /**
   * DetenteEngagement:status:
   *
   * Held, planned, cancelled, postponed or possible.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DETENTE_TYPE_ENGAGEMENT_STATUS,
                       DETENTE_ENGAGEMENT_STATUS_HELD, rw);
  /**
   * DetenteEngagement:participants:
   *
   * The ids of the actors taking part. A visit has the visitors and the
   * host country.
   */
  properties[PROP_PARTICIPANTS] =
    g_param_spec_boxed ("participants", NULL, NULL, G_TYPE_STRV, rw);
  /**
   * DetenteEngagement:place:
   *
   * Where it took place, "Beijing", or %NULL if the text does not say.
   */
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, rw);
  /**
   * DetenteEngagement:place-country:
   *
   * The ISO 3166 alpha-2 code of the place's country.
   */
  properties[PROP_PLACE_COUNTRY] = g_param_spec_string ("place-country", NULL, NULL, NULL, rw);
  /**
   * DetenteEngagement:date:
   *
   * When, at the precision the sources give.
   */
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, DETENTE_TYPE_DATE, rw);
  /**
   * DetenteEngagement:confidence:
   *
   * How sure the extractor is, from 0 to 1; 1 for a manual engagement.
   */
  properties[PROP_CONFIDENCE] =
    g_param_spec_double ("confidence", NULL, NULL, 0.0, 1.0, 1.0, rw);
  /**
   * DetenteEngagement:origin:
   *
   * Whether the extractor found it or the user made it.
   */
  properties[PROP_ORIGIN] =
    g_param_spec_enum ("origin", NULL, NULL, DETENTE_TYPE_ORIGIN,
                       DETENTE_ORIGIN_EXTRACTED, rw);
  /**
   * DetenteEngagement:hidden:
   *
   * Whether the user rejected it; a hidden engagement is kept so that a
   * re-import does not bring it back.
   */
  properties[PROP_HIDDEN] = g_param_spec_boolean ("hidden", NULL, NULL, FALSE, rw);
  /**
   * DetenteEngagement:evidence:
   *
   * A #GPtrArray of #DetenteEvidence: the sentences it was found in.
   */
  properties[PROP_EVIDENCE] =
    g_param_spec_boxed ("evidence", NULL, NULL, G_TYPE_PTR_ARRAY, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  no_evidence = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
detente_engagement_init (DetenteEngagement *self)
{
  self->confidence = 1.0;
  self->evidence = g_ptr_array_ref (no_evidence);
}

/* Four decimals are more than any estimate means, and they let the project
 * file write it back exactly. */
static double
normalize_confidence (double confidence)
{
  return round (CLAMP (confidence, 0.0, 1.0) * 10000) / 10000;
}

/**
 * detente_engagement_new:
 * @id: an id, unique in the project
 * @kind: the kind of engagement
 *
 * Returns: (transfer full): a new held engagement with no participants
 */
DetenteEngagement *
detente_engagement_new (const char            *id,
                        DetenteEngagementKind  kind)
{
  DetenteEngagement *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  /* Fields set directly: a large project makes a hundred thousand. */
  self = g_object_new (DETENTE_TYPE_ENGAGEMENT, NULL);
  self->id = g_strdup (id);
  self->kind = kind;
  return self;
}

/**
 * detente_engagement_get_id:
 * @self: an engagement
 *
 * Returns: (transfer none): the id
 */
const char *
detente_engagement_get_id (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), NULL);
  return self->id;
}

/**
 * detente_engagement_get_kind:
 * @self: an engagement
 *
 * Returns: the kind
 */
DetenteEngagementKind
detente_engagement_get_kind (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), 0);
  return self->kind;
}

/**
 * detente_engagement_set_kind:
 * @self: an engagement
 * @kind: the kind
 */
void
detente_engagement_set_kind (DetenteEngagement     *self,
                             DetenteEngagementKind  kind)
{
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * detente_engagement_get_status:
 * @self: an engagement
 *
 * Returns: the status
 */
DetenteEngagementStatus
detente_engagement_get_status (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), 0);
  return self->status;
}

/**
 * detente_engagement_set_status:
 * @self: an engagement
 * @status: the status
 */
void
detente_engagement_set_status (DetenteEngagement       *self,
                               DetenteEngagementStatus  status)
{
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * detente_engagement_get_participants:
 * @self: an engagement
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): actor ids
 */
const char * const *
detente_engagement_get_participants (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), NULL);
  return (const char * const *) self->participants;
}

/**
 * detente_engagement_set_participants:
 * @self: an engagement
 * @participants: (nullable) (array zero-terminated=1): actor ids
 */
void
detente_engagement_set_participants (DetenteEngagement  *self,
                                     const char * const *participants)
{
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  /* A strv again, for _detente_set_strv() to free. */
  if (self->participants_packed)
    {
      char **copy = g_strdupv (self->participants);

      clear_participants (self);
      self->participants = copy;
    }
  if (_detente_set_strv (&self->participants, participants))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTICIPANTS]);
}

/**
 * detente_engagement_has_participant:
 * @self: an engagement
 * @actor_id: an actor id
 *
 * Returns: %TRUE if the actor takes part
 */
gboolean
detente_engagement_has_participant (DetenteEngagement *self,
                                    const char        *actor_id)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);

  return self->participants != NULL &&
         g_strv_contains ((const char * const *) self->participants, actor_id);
}

/**
 * detente_engagement_get_place:
 * @self: an engagement
 *
 * Returns: (transfer none) (nullable): the place
 */
const char *
detente_engagement_get_place (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), NULL);
  return self->place;
}

/**
 * detente_engagement_set_place:
 * @self: an engagement
 * @place: (nullable): the place
 */
void
detente_engagement_set_place (DetenteEngagement *self,
                              const char        *place)
{
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  if (_detente_set_string (&self->place, place))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE]);
}

/**
 * detente_engagement_get_place_country:
 * @self: an engagement
 *
 * Returns: (transfer none) (nullable): the place's ISO 3166 country code
 */
const char *
detente_engagement_get_place_country (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), NULL);
  return self->place_country;
}

/**
 * detente_engagement_set_place_country:
 * @self: an engagement
 * @country: (nullable): an ISO 3166 alpha-2 code
 */
void
detente_engagement_set_place_country (DetenteEngagement *self,
                                      const char        *country)
{
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  if (_detente_set_string (&self->place_country, country))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE_COUNTRY]);
}

/**
 * detente_engagement_get_date:
 * @self: an engagement
 *
 * Returns: (transfer none): the date, which may be unknown
 */
const DetenteDate *
detente_engagement_get_date (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), NULL);
  return &self->date;
}

/**
 * detente_engagement_set_date:
 * @self: an engagement
 * @date: (nullable): the date, or %NULL if unknown
 */
void
detente_engagement_set_date (DetenteEngagement *self,
                             const DetenteDate *date)
{
  DetenteDate unknown = DETENTE_DATE_INIT;

  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  if (date == NULL)
    date = &unknown;
  if (detente_date_equal (&self->date, date))
    return;
  self->date = *date;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/**
 * detente_engagement_get_confidence:
 * @self: an engagement
 *
 * Returns: the confidence, 0 to 1
 */
double
detente_engagement_get_confidence (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), 0);
  return self->confidence;
}

/**
 * detente_engagement_set_confidence:
 * @self: an engagement
 * @confidence: 0 to 1, kept to four decimals
 */
void
detente_engagement_set_confidence (DetenteEngagement *self,
                                   double             confidence)
{
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  confidence = normalize_confidence (confidence);
  if (self->confidence == confidence)
    return;
  self->confidence = confidence;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
}

/**
 * detente_engagement_get_origin:
 * @self: an engagement
 *
 * Returns: extracted or manual
 */
DetenteOrigin
detente_engagement_get_origin (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), 0);
  return self->origin;
}

/**
 * detente_engagement_set_origin:
 * @self: an engagement
 * @origin: extracted or manual
 */
void
detente_engagement_set_origin (DetenteEngagement *self,
                               DetenteOrigin      origin)
{
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  if (self->origin == origin)
    return;
  self->origin = origin;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
}

/**
 * detente_engagement_get_hidden:
 * @self: an engagement
 *
 * Returns: whether the user hid it
 */
gboolean
detente_engagement_get_hidden (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), FALSE);
  return self->hidden;
}

/**
 * detente_engagement_set_hidden:
 * @self: an engagement
 * @hidden: whether to hide it
 */
void
detente_engagement_set_hidden (DetenteEngagement *self,
                               gboolean           hidden)
{
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  hidden = !!hidden;
  if (self->hidden == hidden)
    return;
  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN]);
}

/**
 * detente_engagement_get_evidence:
 * @self: an engagement
 *
 * Returns: (transfer none) (element-type DetenteEvidence): the evidence; do
 *   not change the array, give a new one to detente_engagement_set_evidence()
 */
GPtrArray *
detente_engagement_get_evidence (DetenteEngagement *self)
{
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (self), NULL);
  return self->evidence;
}

void
_detente_engagement_take_participants (DetenteEngagement  *self,
                                       char              **participants)
{
  clear_participants (self);
  self->participants = participants;
}

/* @participants (@n of them) in one allocation. */
static char **
pack_strv (const char * const *strings,
           guint               n)
{
  gsize size = (n + 1) * sizeof (char *);
  char **packed;
  char *w;

  for (guint i = 0; i < n; i++)
    size += strlen (strings[i]) + 1;
  packed = g_malloc (size);
  w = (char *) (packed + n + 1);
  for (guint i = 0; i < n; i++)
    {
      gsize length = strlen (strings[i]) + 1;

      memcpy (w, strings[i], length);
      packed[i] = w;
      w += length;
    }
  packed[n] = NULL;
  return packed;
}

/* A new engagement as the merge makes it from one the extractor found,
 * normalised as the setters would, but without a notification for each
 * field that nobody can be listening to yet: a merge makes many thousand.
 * Takes @id and @evidence; copies the @n_participants @participants into
 * one allocation. */
DetenteEngagement *
_detente_engagement_new_extracted (char                     *id,
                                   DetenteEngagementKind     kind,
                                   DetenteEngagementStatus   status,
                                   const char * const       *participants,
                                   guint                     n_participants,
                                   const char               *place,
                                   const char               *place_country,
                                   const DetenteDate        *date,
                                   double                    confidence,
                                   GPtrArray                *evidence)
{
  DetenteEngagement *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (DETENTE_TYPE_ENGAGEMENT, NULL);
  self->id = id;
  self->kind = kind;
  self->status = status;
  if (n_participants > 0)
    {
      self->participants = pack_strv (participants, n_participants);
      self->participants_packed = TRUE;
    }
  _detente_set_string (&self->place, place);
  _detente_set_string (&self->place_country, place_country);
  if (date != NULL)
    self->date = *date;
  self->confidence = normalize_confidence (confidence);
  self->origin = DETENTE_ORIGIN_EXTRACTED;
  _detente_engagement_take_evidence (self, evidence);
  return self;
}

void
_detente_engagement_take_evidence (DetenteEngagement *self,
                                   GPtrArray         *evidence)
{
  g_ptr_array_unref (self->evidence);
  self->evidence = evidence;
}

void
_detente_engagement_replace_evidence (DetenteEngagement *self,
                                      GPtrArray         *evidence)
{
  _detente_engagement_take_evidence (self, evidence);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE]);
}

/* Asked only of an engagement that exists, so the class is set up. */
GParamSpec *
_detente_engagement_evidence_pspec (void)
{
  g_assert (properties[PROP_EVIDENCE] != NULL);
  return properties[PROP_EVIDENCE];
}

GParamSpec *
_detente_engagement_pspec (const char *name)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_assert (properties[i] != NULL);
      if (strcmp (properties[i]->name, name) == 0)
        return properties[i];
    }
  g_return_val_if_reached (NULL);
}

/**
 * detente_engagement_set_evidence:
 * @self: an engagement
 * @evidence: (nullable) (element-type DetenteEvidence): the evidence; the
 *   array is copied, its items are shared (they are immutable)
 */
void
detente_engagement_set_evidence (DetenteEngagement *self,
                                 GPtrArray         *evidence)
{
  GPtrArray *copy;

  g_return_if_fail (DETENTE_IS_ENGAGEMENT (self));

  if (_detente_ptr_array_equal (self->evidence, evidence, (GEqualFunc) detente_evidence_equal))
    return;

  copy = g_ptr_array_new_full (evidence ? evidence->len : 0, g_object_unref);
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (evidence, i)));
  g_ptr_array_unref (self->evidence);
  self->evidence = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE]);
}
