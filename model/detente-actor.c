/* detente-actor.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "detente-actor.h"
#include "detente-enums.h"
#include "detente-model-private.h"

struct _DetenteActor
{
  GObject           parent_instance;

  char             *id;
  char             *name;
  char             *country;
  char            **aliases;
  GPtrArray        *roles;
  char             *notes;
  double            x;
  double            y;
  DetenteActorKind  kind;

  guint             pinned : 1;
};

G_DEFINE_FINAL_TYPE (DetenteActor, detente_actor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_COUNTRY,
  PROP_ALIASES,
  PROP_ROLES,
  PROP_NOTES,
  PROP_PINNED,
  PROP_X,
  PROP_Y,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Graph positions are finite and bounded, as project files require. */
static double
clamp_position (double v)
{
  if (!isfinite (v))
    return 0.0;
  return CLAMP (v, -DETENTE_ACTOR_MAX_POSITION, DETENTE_ACTOR_MAX_POSITION);
}

static GPtrArray *
copy_roles (GPtrArray *roles)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    g_ptr_array_add (copy, detente_role_copy (g_ptr_array_index (roles, i)));
  return copy;
}

static void
detente_actor_finalize (GObject *object)
{
  DetenteActor *self = (DetenteActor *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->aliases, g_strfreev);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (detente_actor_parent_class)->finalize (object);
}

static void
detente_actor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DetenteActor *self = DETENTE_ACTOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case PROP_ALIASES:
      g_value_set_boxed (value, self->aliases);
      break;
    case PROP_ROLES:
      g_value_set_boxed (value, self->roles);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_PINNED:
      g_value_set_boolean (value, self->pinned);
      break;
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_actor_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DetenteActor *self = DETENTE_ACTOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      detente_actor_set_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      detente_actor_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_COUNTRY:
      detente_actor_set_country (self, g_value_get_string (value));
      break;
    case PROP_ALIASES:
      detente_actor_set_aliases (self, g_value_get_boxed (value));
      break;
    case PROP_ROLES:
      detente_actor_set_roles (self, g_value_get_boxed (value));
      break;
    case PROP_NOTES:
      detente_actor_set_notes (self, g_value_get_string (value));
      break;
    case PROP_PINNED:
      detente_actor_set_pinned (self, g_value_get_boolean (value));
      break;
    case PROP_X:
      detente_actor_set_x (self, g_value_get_double (value));
      break;
    case PROP_Y:
      detente_actor_set_y (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_actor_class_init (DetenteActorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = detente_actor_finalize;
  object_class->get_property = detente_actor_get_property;
  object_class->set_property = detente_actor_set_property;

  /**
   * DetenteActor:id:
   *
   * The stable id: a slug of the canonical name, unique in a project.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * DetenteActor:name:
   *
   * The canonical name, "Antony Blinken".
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  /**
   * DetenteActor:kind:
   *
   * Person, country or organisation.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, DETENTE_TYPE_ACTOR_KIND,
                       DETENTE_ACTOR_KIND_PERSON, rw);
  /**
   * DetenteActor:country:
   *
   * The ISO 3166 alpha-2 code of the actor's country, or %NULL.
   */
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, rw);
  /**
   * DetenteActor:aliases:
   *
   * Other names the actor goes by.
   */
  properties[PROP_ALIASES] = g_param_spec_boxed ("aliases", NULL, NULL, G_TYPE_STRV, rw);
  /**
   * DetenteActor:roles:
   *
   * A #GPtrArray of #DetenteRole, the roles held over time.
   */
  properties[PROP_ROLES] = g_param_spec_boxed ("roles", NULL, NULL, G_TYPE_PTR_ARRAY, rw);
  /**
   * DetenteActor:notes:
   *
   * The user's notes.
   */
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  /**
   * DetenteActor:pinned:
   *
   * Whether the user pinned the actor's node at (#DetenteActor:x, #DetenteActor:y).
   */
  properties[PROP_PINNED] = g_param_spec_boolean ("pinned", NULL, NULL, FALSE, rw);
  /**
   * DetenteActor:x:
   *
   * The pinned node's horizontal position in graph units.
   */
  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL, -DETENTE_ACTOR_MAX_POSITION, DETENTE_ACTOR_MAX_POSITION, 0, rw);
  /**
   * DetenteActor:y:
   *
   * The pinned node's vertical position in graph units.
   */
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL, -DETENTE_ACTOR_MAX_POSITION, DETENTE_ACTOR_MAX_POSITION, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
detente_actor_init (DetenteActor *self)
{
  self->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);
}

/**
 * detente_actor_new:
 * @id: a unique id, see detente_actor_make_id()
 * @name: the canonical name
 * @kind: person, country or organisation
 *
 * Returns: (transfer full): a new actor
 */
DetenteActor *
detente_actor_new (const char       *id,
                   const char       *name,
                   DetenteActorKind  kind)
{
  DetenteActor *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (DETENTE_TYPE_ACTOR, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->kind = kind;
  return self;
}

/**
 * detente_actor_make_id:
 * @name: a name, "Antony J. Blinken"
 *
 * Makes the slug used as an actor id: lower-case ASCII letters and digits
 * joined by single hyphens ("antony-j-blinken"). Accents are dropped; a name
 * with no Latin letters (a Chinese name) keeps its characters, lower-cased.
 *
 * Returns: (transfer full): the id
 */
char *
detente_actor_make_id (const char *name)
{
  g_autofree char *ascii = NULL;
  GString *slug;
  gboolean hyphen = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  ascii = g_str_to_ascii (name, "C");
  slug = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (hyphen && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          hyphen = FALSE;
        }
      else if (*p != '\'')  /* "O'Brien" is "obrien" */
        hyphen = TRUE;
    }

  if (slug->len == 0)
    {
      g_autofree char *folded = g_utf8_strdown (name, -1);
      g_auto(GStrv) words = NULL;
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();

      /* Ids never hold white space: project files list them space-separated. */
      g_string_free (slug, TRUE);
      words = g_strsplit_set (folded, " \t\n\r\v\f", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_ptr_array_add (kept, words[i]);
      g_ptr_array_add (kept, NULL);
      return kept->len > 1 ? g_strjoinv ("-", (char **) kept->pdata) : g_strdup ("actor");
    }

  return g_string_free (slug, FALSE);
}

/**
 * detente_actor_get_id:
 * @self: an actor
 *
 * Returns: (transfer none): the actor's id
 */
const char *
detente_actor_get_id (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), NULL);
  return self->id;
}

/**
 * detente_actor_get_name:
 * @self: an actor
 *
 * Returns: (transfer none): the canonical name
 */
const char *
detente_actor_get_name (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), NULL);
  return self->name;
}

/**
 * detente_actor_set_name:
 * @self: an actor
 * @name: the canonical name
 */
void
detente_actor_set_name (DetenteActor *self,
                        const char   *name)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (name, self->name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * detente_actor_get_kind:
 * @self: an actor
 *
 * Returns: the actor's kind
 */
DetenteActorKind
detente_actor_get_kind (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), 0);
  return self->kind;
}

/**
 * detente_actor_set_kind:
 * @self: an actor
 * @kind: person, country or organisation
 */
void
detente_actor_set_kind (DetenteActor     *self,
                        DetenteActorKind  kind)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * detente_actor_get_country:
 * @self: an actor
 *
 * Returns: (transfer none) (nullable): the ISO 3166 alpha-2 country code
 */
const char *
detente_actor_get_country (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), NULL);
  return self->country;
}

/**
 * detente_actor_set_country:
 * @self: an actor
 * @country: (nullable): an ISO 3166 alpha-2 country code
 */
void
detente_actor_set_country (DetenteActor *self,
                           const char   *country)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  if (_detente_set_string (&self->country, country))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

/**
 * detente_actor_get_aliases:
 * @self: an actor
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): other names
 */
const char * const *
detente_actor_get_aliases (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), NULL);
  return (const char * const *) self->aliases;
}

/**
 * detente_actor_set_aliases:
 * @self: an actor
 * @aliases: (nullable) (array zero-terminated=1): other names
 */
void
detente_actor_set_aliases (DetenteActor       *self,
                           const char * const *aliases)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  if (_detente_set_strv (&self->aliases, aliases))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALIASES]);
}

/**
 * detente_actor_get_roles:
 * @self: an actor
 *
 * Returns: (transfer none) (element-type DetenteRole): the roles; do not
 *   change the array, give a new one to detente_actor_set_roles()
 */
GPtrArray *
detente_actor_get_roles (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), NULL);
  return self->roles;
}

/**
 * detente_actor_set_roles:
 * @self: an actor
 * @roles: (nullable) (element-type DetenteRole): the roles, copied
 */
void
detente_actor_set_roles (DetenteActor *self,
                         GPtrArray    *roles)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  if (_detente_ptr_array_equal (self->roles, roles, (GEqualFunc) detente_role_equal))
    return;
  g_ptr_array_unref (self->roles);
  self->roles = copy_roles (roles);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLES]);
}

/**
 * detente_actor_get_notes:
 * @self: an actor
 *
 * Returns: (transfer none) (nullable): the user's notes
 */
const char *
detente_actor_get_notes (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), NULL);
  return self->notes;
}

/**
 * detente_actor_set_notes:
 * @self: an actor
 * @notes: (nullable): the user's notes
 */
void
detente_actor_set_notes (DetenteActor *self,
                         const char   *notes)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  if (_detente_set_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/**
 * detente_actor_get_pinned:
 * @self: an actor
 *
 * Returns: whether the node is pinned
 */
gboolean
detente_actor_get_pinned (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), FALSE);
  return self->pinned;
}

/**
 * detente_actor_set_pinned:
 * @self: an actor
 * @pinned: whether the node stays at its position
 */
void
detente_actor_set_pinned (DetenteActor *self,
                          gboolean      pinned)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  pinned = !!pinned;
  if (self->pinned == pinned)
    return;
  self->pinned = pinned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINNED]);
}

/**
 * detente_actor_get_x:
 * @self: an actor
 *
 * Returns: the pinned horizontal position
 */
double
detente_actor_get_x (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), 0);
  return self->x;
}

/**
 * detente_actor_set_x:
 * @self: an actor
 * @x: the pinned horizontal position
 */
void
detente_actor_set_x (DetenteActor *self,
                     double        x)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  x = clamp_position (x);
  if (self->x == x)
    return;
  self->x = x;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
}

/**
 * detente_actor_get_y:
 * @self: an actor
 *
 * Returns: the pinned vertical position
 */
double
detente_actor_get_y (DetenteActor *self)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), 0);
  return self->y;
}

/**
 * detente_actor_set_y:
 * @self: an actor
 * @y: the pinned vertical position
 */
void
detente_actor_set_y (DetenteActor *self,
                     double        y)
{
  g_return_if_fail (DETENTE_IS_ACTOR (self));

  y = clamp_position (y);
  if (self->y == y)
    return;
  self->y = y;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
}

/**
 * detente_actor_has_name:
 * @self: an actor
 * @name: a name
 *
 * Returns: %TRUE if @name is the actor's name or one of its aliases
 */
gboolean
detente_actor_has_name (DetenteActor *self,
                        const char   *name)
{
  g_return_val_if_fail (DETENTE_IS_ACTOR (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_strcmp0 (self->name, name) == 0)
    return TRUE;
  return self->aliases != NULL && g_strv_contains ((const char * const *) self->aliases, name);
}
