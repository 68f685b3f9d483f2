/* detente-project.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gobject/gvaluecollector.h>
#include <glib/gi18n-lib.h>

#include "detente-engagement-private.h"
#include "detente-model-private.h"
#include "detente-project-private.h"

/* The undo history is a stack of steps; a step is the list of primitive
 * operations one user action made (insert or remove an item of a list, set
 * a property). Undo replays a step's operations backwards, inverted. Every
 * mutation goes through these primitives, so every mutation is undoable. */

#define MAX_UNDO_STEPS 1000

typedef enum
{
  OP_INSERT,
  OP_REMOVE,
  OP_SET,
} OpType;

typedef struct
{
  OpType      type;
  GObject    *object;
  GParamSpec *pspec;
  GValue      old_value;
  GValue      new_value;
  guint       position;
} Op;

/* A step's operations are kept by value in one array: an import records a
 * hundred thousand, which would otherwise be as many allocations. */
typedef struct
{
  char      *label;
  GArray    *ops;
  guint64    serial;
} Step;

/* The project's lists: a GListModel over an array. A GListStore keeps a
 * tree with a node for each item, which an import of many thousand
 * engagements pays for in allocations and balancing; the project mostly
 * appends, and inserts or removes at a position only when undoing. */
#define ITEM_TYPE_LIST (item_list_get_type ())
G_DECLARE_FINAL_TYPE (ItemList, item_list, ITEM, LIST, GObject)

struct _ItemList
{
  GObject    parent_instance;

  GPtrArray *items;
  GType      item_type;
};

static GType
item_list_get_item_type (GListModel *model)
{
  return ((ItemList *) model)->item_type;
}

static guint
item_list_get_n_items (GListModel *model)
{
  return ((ItemList *) model)->items->len;
}

static gpointer
item_list_get_item (GListModel *model,
                    guint       position)
{
  ItemList *self = (ItemList *) model;

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
item_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = item_list_get_item_type;
  iface->get_n_items = item_list_get_n_items;
  iface->get_item = item_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ItemList, item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, item_list_model_init))

static void
item_list_finalize (GObject *object)
{
  ItemList *self = (ItemList *) object;

  g_ptr_array_unref (self->items);
  G_OBJECT_CLASS (item_list_parent_class)->finalize (object);
}

static void
item_list_class_init (ItemListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = item_list_finalize;
}

static void
item_list_init (ItemList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

static ItemList *
item_list_new (GType item_type)
{
  ItemList *self = g_object_new (ITEM_TYPE_LIST, NULL);

  self->item_type = item_type;
  return self;
}

static guint
item_list_length (ItemList *self)
{
  return self->items->len;
}

static void
item_list_insert (ItemList *self,
                  guint     position,
                  gpointer  item)
{
  g_assert (position <= self->items->len);
  g_ptr_array_insert (self->items, position, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
item_list_remove (ItemList *self,
                  guint     position)
{
  gpointer item = g_ptr_array_steal_index (self->items, position);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_unref (item);
}

/* Appends @n @items, adding a reference to each. */
static void
item_list_append (ItemList *self,
                  gpointer *items,
                  guint     n)
{
  guint position = self->items->len;

  if (n == 0)
    return;
  g_ptr_array_set_size (self->items, position + n);
  for (guint i = 0; i < n; i++)
    self->items->pdata[position + i] = g_object_ref (items[i]);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n);
}

static gboolean
item_list_find (ItemList *self,
                gpointer  item,
                guint    *position)
{
  return g_ptr_array_find (self->items, item, position);
}

struct _DetenteProject
{
  GObject     parent_instance;

  ItemList   *actors;
  ItemList   *engagements;
  ItemList   *sources;
  GHashTable *actor_index;
  GHashTable *engagement_index;
  GHashTable *source_index;
  GHashTable *counts;
  GPtrArray  *undo_stack;
  GPtrArray  *redo_stack;
  Step       *open_step;
  /* Items appended inside the open group, added to their store in one
   * splice when it ends: an import of thousands of engagements is then one
   * change of the list, not thousands, for the views that show it. */
  GPtrArray  *appended[3];
  /* The length of each store when its first pending item was appended. */
  guint       appended_base[3];
  GFile      *file;
  guint64     next_serial;
  guint64     saved_serial;
  guint64     base_serial;
  guint       group_depth;
};

G_DEFINE_FINAL_TYPE (DetenteProject, detente_project, G_TYPE_OBJECT)
G_DEFINE_QUARK (detente-project-error-quark, detente_project_error)

enum {
  PROP_0,
  PROP_DIRTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_FILE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
op_clear (Op *op)
{
  g_clear_object (&op->object);
  if (G_IS_VALUE (&op->old_value))
    g_value_unset (&op->old_value);
  if (G_IS_VALUE (&op->new_value))
    g_value_unset (&op->new_value);
}

static void
step_free (Step *step)
{
  g_free (step->label);
  g_array_unref (step->ops);
  g_free (step);
}

static Step *
step_new (const char *label,
          guint64     serial)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  g_array_set_clear_func (step->ops, (GDestroyNotify) op_clear);
  step->serial = serial;
  return step;
}

enum
{
  SLOT_ACTOR,
  SLOT_ENGAGEMENT,
  SLOT_SOURCE,
};

/* The three item types are final: comparing the instance's type is the
 * whole check, without the walk a G_TYPE_CHECK_INSTANCE_TYPE() makes. */
static guint
store_slot (GObject *object)
{
  GType type = G_OBJECT_TYPE (object);

  if (type == DETENTE_TYPE_ACTOR)
    return SLOT_ACTOR;
  if (type == DETENTE_TYPE_ENGAGEMENT)
    return SLOT_ENGAGEMENT;
  g_assert (type == DETENTE_TYPE_SOURCE);
  return SLOT_SOURCE;
}

static ItemList *
store_at (DetenteProject *self,
          guint           slot)
{
  return slot == SLOT_ACTOR ? self->actors : slot == SLOT_ENGAGEMENT ? self->engagements : self->sources;
}

static ItemList *
store_for (DetenteProject *self,
           GObject        *object)
{
  return store_at (self, store_slot (object));
}

/* Adds the items appended so far to their stores. Anything that reads a
 * store or a position in it calls this first. */
static void
flush_appended (DetenteProject *self)
{
  ItemList *stores[3] = { self->actors, self->engagements, self->sources };

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr(GPtrArray) pending = self->appended[i];

      if (pending == NULL || pending->len == 0)
        {
          g_steal_pointer (&pending);
          continue;
        }
      /* Handlers of items-changed may read the project, and so come back
       * here: they must find nothing left to add. */
      self->appended[i] = g_ptr_array_new ();
      item_list_append (stores[i], pending->pdata, pending->len);
    }
}

/* Lets a merge that stays open over many turns of the main loop show what
 * it added so far. */
void
_detente_project_flush (DetenteProject *self)
{
  flush_appended (self);
}

static GHashTable *
index_at (DetenteProject *self,
          guint           slot)
{
  return slot == SLOT_ACTOR ? self->actor_index
       : slot == SLOT_ENGAGEMENT ? self->engagement_index
       : self->source_index;
}

static GHashTable *
index_for (DetenteProject *self,
           GObject        *object)
{
  return index_at (self, store_slot (object));
}

static const char *
id_at (GObject *object,
       guint    slot)
{
  if (slot == SLOT_ACTOR)
    return detente_actor_get_id ((DetenteActor *) object);
  if (slot == SLOT_ENGAGEMENT)
    return detente_engagement_get_id ((DetenteEngagement *) object);
  return detente_source_get_id ((DetenteSource *) object);
}

static const char *
id_of (GObject *object)
{
  return id_at (object, store_slot (object));
}

static gboolean
owns (DetenteProject *self,
      gpointer        object)
{
  return g_hash_table_lookup (index_for (self, object), id_of (object)) == object;
}

static guint64
top_serial (DetenteProject *self)
{
  /* With every step undone, the state is the one the oldest kept step
   * started from: the last forgotten step's, or the start. */
  if (self->undo_stack->len == 0)
    return self->base_serial;
  return ((Step *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->serial;
}

/* Notifies what an undo-stack change may have changed. */
static void
notify_history (DetenteProject *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRV)
    return _detente_strv_equal0 (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == DETENTE_TYPE_DATE)
    {
      const DetenteDate *da = g_value_get_boxed (a);
      const DetenteDate *db = g_value_get_boxed (b);

      if (da == NULL || db == NULL)
        return detente_date_is_set (da) == detente_date_is_set (db) && !detente_date_is_set (da);
      return detente_date_equal (da, db);
    }
  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *ta = g_value_get_boxed (a);
      GDateTime *tb = g_value_get_boxed (b);

      return ta == tb || (ta != NULL && tb != NULL && g_date_time_equal (ta, tb));
    }
  /* Arrays (roles, evidence): setters replace the array only when its
   * contents change, so the same pointer means the same contents. */
  if (G_TYPE_IS_BOXED (type))
    return g_value_get_boxed (a) == g_value_get_boxed (b);
  return g_param_values_cmp (pspec, a, b) == 0;
}

static void
index_insert (DetenteProject *self,
              GObject        *object)
{
  g_hash_table_insert (index_for (self, object), (gpointer) id_of (object), object);
}

static void
apply_insert (DetenteProject *self,
              GObject        *object,
              guint           position)
{
  index_insert (self, object);
  item_list_insert (store_for (self, object), position, object);
}

static void
apply_remove (DetenteProject *self,
              GObject        *object,
              guint           position)
{
  ItemList *store = store_for (self, object);

  flush_appended (self);
  g_assert (position < item_list_length (store) && g_ptr_array_index (store->items, position) == object);
  g_hash_table_remove (index_for (self, object), id_of (object));
  item_list_remove (store, position);
}

static void
apply_op (DetenteProject *self,
          Op             *op,
          gboolean        forward)
{
  g_clear_pointer (&self->counts, g_hash_table_unref);
  flush_appended (self);

  switch (op->type)
    {
    case OP_INSERT:
      if (forward)
        apply_insert (self, op->object, op->position);
      else
        apply_remove (self, op->object, op->position);
      break;
    case OP_REMOVE:
      if (forward)
        apply_remove (self, op->object, op->position);
      else
        apply_insert (self, op->object, op->position);
      break;
    case OP_SET:
      g_object_set_property (op->object, op->pspec->name,
                             forward ? &op->new_value : &op->old_value);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Takes over @op, which the step keeps by value. */
static void
record (DetenteProject *self,
        Op             *op)
{
  /* Every primitive runs inside a group, see begin_group(). */
  g_assert (self->open_step != NULL);
  g_array_append_vals (self->open_step->ops, op, 1);
}

static inline Op *
step_op (Step  *step,
         guint  i)
{
  return &g_array_index (step->ops, Op, i);
}

/* @id is @object's, of the type @slot says. */
static void
do_insert (DetenteProject *self,
           GObject        *object,
           guint           slot,
           const char     *id)
{
  GPtrArray *pending = self->appended[slot];
  Op op = { OP_INSERT };

  /* Nothing changes a store while items wait to be appended to it, see
   * flush_appended(): its length is asked once for all of them. */
  if (pending->len == 0)
    self->appended_base[slot] = item_list_length (store_at (self, slot));
  op.object = g_object_ref (object);
  op.position = self->appended_base[slot] + pending->len;
  /* Appended now for lookups, to the store when the group ends. */
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_hash_table_insert (index_at (self, slot), (gpointer) id, object);
  g_ptr_array_add (pending, object);
  record (self, &op);
}

static void
do_remove (DetenteProject *self,
           GObject        *object)
{
  Op op = { OP_REMOVE };

  op.object = g_object_ref (object);
  flush_appended (self);
  if (!item_list_find (store_for (self, object), object, &op.position))
    g_assert_not_reached ();
  apply_op (self, &op, TRUE);
  record (self, &op);
}

/* An engagement's participants must be distinct actors of the project and
 * its evidence must cite the text of its sources; a project file that
 * broke this could not be read back. */
static gboolean
check_references (DetenteProject      *self,
                  const char * const  *participants,
                  GPtrArray           *evidence,
                  GError             **error)
{
  const char *last_id = NULL;
  DetenteSource *last = NULL;

  for (const char * const *p = participants; p != NULL && *p; p++)
    {
      if (!g_hash_table_contains (self->actor_index, *p))
        {
          g_set_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_UNKNOWN_ACTOR,
                       _("The project has no actor with the id “%s”"), *p);
          return FALSE;
        }
      for (const char * const *q = participants; q < p; q++)
        if (g_str_equal (*p, *q))
          {
            g_set_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_INVALID,
                         _("The actor “%s” takes part twice"), *p);
            return FALSE;
          }
    }

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      DetenteEvidence *ev = g_ptr_array_index (evidence, i);
      const char *source_id = detente_evidence_get_source_id (ev);
      DetenteSource *source;

      /* Sentences of one source, made with the source's own id, share
       * that string: looked up once. */
      if (source_id != last_id)
        last = g_hash_table_lookup (self->source_index, source_id);
      source = last;
      last_id = source_id;

      if (source == NULL ||
          (guint64) detente_evidence_get_offset (ev) + detente_evidence_get_length (ev) >
            detente_source_get_text_length (source))
        {
          g_set_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_UNKNOWN_SOURCE,
                       _("The evidence cites no text of the project’s sources"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Refuses, as a programming error, a value that would break the rules
 * check_references() keeps. */
static gboolean
value_acceptable (DetenteProject *self,
                  GObject        *object,
                  GParamSpec     *pspec,
                  const GValue   *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (DETENTE_IS_ENGAGEMENT (object) && g_str_equal (pspec->name, "participants"))
    ok = check_references (self, g_value_get_boxed (value), NULL, &error);
  else if (DETENTE_IS_ENGAGEMENT (object) && g_str_equal (pspec->name, "evidence"))
    ok = check_references (self, NULL, g_value_get_boxed (value), &error);

  if (!ok)
    g_critical ("Refusing to set %s of engagement “%s”: %s", pspec->name,
                detente_engagement_get_id (DETENTE_ENGAGEMENT (object)), error->message);
  return ok;
}

/* Records the change of @object's @pspec that @op holds the old and new
 * values of, unless they are equal; takes over @op. */
static void
record_set (DetenteProject *self,
            GObject        *object,
            GParamSpec     *pspec,
            Op             *op)
{
  if (values_equal (pspec, &op->old_value, &op->new_value))
    {
      op_clear (op);
      return;
    }

  g_clear_pointer (&self->counts, g_hash_table_unref);
  op->object = g_object_ref (object);
  op->pspec = pspec;
  record (self, op);
}

static void
do_set (DetenteProject *self,
        GObject        *object,
        GParamSpec     *pspec,
        const GValue   *value)
{
  Op op = { OP_SET };

  if (!value_acceptable (self, object, pspec, value))
    return;

  g_value_init (&op.old_value, pspec->value_type);
  g_value_init (&op.new_value, pspec->value_type);
  g_object_get_property (object, pspec->name, &op.old_value);
  g_object_set_property (object, pspec->name, value);
  /* Record what the setter kept, which may be clamped or normalised. */
  g_object_get_property (object, pspec->name, &op.new_value);
  record_set (self, object, pspec, &op);
}

static void
detente_project_dispose (GObject *object)
{
  DetenteProject *self = (DetenteProject *) object;

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->open_step, step_free);
  g_clear_pointer (&self->actor_index, g_hash_table_unref);
  g_clear_pointer (&self->engagement_index, g_hash_table_unref);
  g_clear_pointer (&self->source_index, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->appended); i++)
    g_clear_pointer (&self->appended[i], g_ptr_array_unref);
  g_clear_object (&self->actors);
  g_clear_object (&self->engagements);
  g_clear_object (&self->sources);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (detente_project_parent_class)->dispose (object);
}

static void
detente_project_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DetenteProject *self = DETENTE_PROJECT (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, detente_project_get_dirty (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, detente_project_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, detente_project_can_redo (self));
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_project_set_property_vfunc (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DetenteProject *self = DETENTE_PROJECT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      detente_project_set_file (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_project_class_init (DetenteProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = detente_project_dispose;
  object_class->get_property = detente_project_get_property;
  object_class->set_property = detente_project_set_property_vfunc;

  /**
   * DetenteProject:dirty:
   *
   * Whether the project differs from what was last saved.
   */
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  /**
   * DetenteProject:can-undo:
   *
   * Whether there is a step to undo.
   */
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  /**
   * DetenteProject:can-redo:
   *
   * Whether there is an undone step to redo.
   */
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  /**
   * DetenteProject:file:
   *
   * The file the project was loaded from or last saved to.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DetenteProject::changed:
   *
   * Emitted once after each user action, undo or redo has changed the
   * project; the list models have emitted their own items-changed before.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* Ids are hashed a word at a time: an import looks up and adds a hundred
 * thousand of them, and a source's id is sixty-four characters long, which
 * g_str_hash() takes one at a time. */
static guint
id_hash (gconstpointer key)
{
  const char *s = key;
  gsize n = strlen (s);
  guint64 h = n * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 w;

  for (; n >= 8; n -= 8, s += 8)
    {
      memcpy (&w, s, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 31;
    }
  w = 0;
  memcpy (&w, s, n);
  h = (h ^ w) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 29;
  return (guint) (h ^ (h >> 32));
}

static GHashTable *
index_new (void)
{
  return g_hash_table_new (id_hash, g_str_equal);
}

/* @index, whichever hash it was made with, as one of the project's. */
static GHashTable *
index_adopt (GHashTable *index)
{
  GHashTable *own = index_new ();
  GHashTableIter iter;
  gpointer id, item;

  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, &id, &item))
    g_hash_table_insert (own, id, item);
  return own;
}

static void
detente_project_init (DetenteProject *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->appended); i++)
    self->appended[i] = g_ptr_array_new ();
  self->actors = item_list_new (DETENTE_TYPE_ACTOR);
  self->engagements = item_list_new (DETENTE_TYPE_ENGAGEMENT);
  self->sources = item_list_new (DETENTE_TYPE_SOURCE);
  self->actor_index = index_new ();
  self->engagement_index = index_new ();
  self->source_index = index_new ();
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->next_serial = 1;
}

/**
 * detente_project_new:
 *
 * Returns: (transfer full): a new, empty project
 */
DetenteProject *
detente_project_new (void)
{
  return g_object_new (DETENTE_TYPE_PROJECT, NULL);
}

/**
 * detente_project_get_actors:
 * @self: a project
 *
 * Returns: (transfer none): a #GListModel of #DetenteActor
 */
GListModel *
detente_project_get_actors (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  flush_appended (self);
  return G_LIST_MODEL (self->actors);
}

/**
 * detente_project_get_engagements:
 * @self: a project
 *
 * Returns: (transfer none): a #GListModel of #DetenteEngagement
 */
GListModel *
detente_project_get_engagements (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  flush_appended (self);
  return G_LIST_MODEL (self->engagements);
}

/**
 * detente_project_get_sources:
 * @self: a project
 *
 * Returns: (transfer none): a #GListModel of #DetenteSource
 */
GListModel *
detente_project_get_sources (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  flush_appended (self);
  return G_LIST_MODEL (self->sources);
}

/**
 * detente_project_lookup_actor:
 * @self: a project
 * @id: an actor id
 *
 * Returns: (transfer none) (nullable): the actor with that id
 */
DetenteActor *
detente_project_lookup_actor (DetenteProject *self,
                              const char     *id)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->actor_index, id);
}

/**
 * detente_project_lookup_engagement:
 * @self: a project
 * @id: an engagement id
 *
 * Returns: (transfer none) (nullable): the engagement with that id
 */
DetenteEngagement *
detente_project_lookup_engagement (DetenteProject *self,
                                   const char     *id)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->engagement_index, id);
}

/**
 * detente_project_lookup_source:
 * @self: a project
 * @id: a source id
 *
 * Returns: (transfer none) (nullable): the source with that id
 */
DetenteSource *
detente_project_lookup_source (DetenteProject *self,
                               const char     *id)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->source_index, id);
}

/**
 * detente_project_count_engagements:
 * @self: a project
 * @actor_id: an actor id
 *
 * Counts the engagements the actor takes part in, hidden ones excluded.
 * The counts are kept until the project next changes, so asking for every
 * actor in turn is cheap.
 *
 * Returns: the number of engagements
 */
guint
detente_project_count_engagements (DetenteProject *self,
                                   const char     *actor_id)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), 0);
  g_return_val_if_fail (actor_id != NULL, 0);

  flush_appended (self);
  if (self->counts == NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->engagements));

      self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DetenteEngagement) e = g_list_model_get_item (G_LIST_MODEL (self->engagements), i);
          const char * const *p = detente_engagement_get_participants (e);

          if (detente_engagement_get_hidden (e))
            continue;
          for (; p != NULL && *p != NULL; p++)
            {
              guint c = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, *p));
              g_hash_table_insert (self->counts, g_strdup (*p), GUINT_TO_POINTER (c + 1));
            }
        }
    }

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, actor_id));
}

/**
 * detente_project_begin_group:
 * @self: a project
 * @label: (nullable): what the user did, for "Undo …"; the outermost
 *   group's label is kept
 *
 * Starts a group: every change until the matching
 * detente_project_end_group() is undone and redone as one step. Groups nest.
 */
void
detente_project_begin_group (DetenteProject *self,
                             const char     *label)
{
  g_return_if_fail (DETENTE_IS_PROJECT (self));

  if (self->group_depth++ == 0)
    self->open_step = step_new (label, self->next_serial++);
  else if (self->open_step->label == NULL)
    self->open_step->label = g_strdup (label);
}

/**
 * detente_project_end_group:
 * @self: a project
 *
 * Ends a group. When the outermost group ends and something changed, the
 * step joins the undo history, the redo history is dropped and
 * #DetenteProject::changed is emitted.
 */
void
detente_project_end_group (DetenteProject *self)
{
  Step *step;

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  flush_appended (self);
  step = g_steal_pointer (&self->open_step);
  if (step->ops->len == 0)
    {
      step_free (step);
      return;
    }

  g_ptr_array_add (self->undo_stack, step);
  g_ptr_array_set_size (self->redo_stack, 0);
  if (self->undo_stack->len > MAX_UNDO_STEPS)
    {
      self->base_serial = ((Step *) g_ptr_array_index (self->undo_stack, 0))->serial;
      g_ptr_array_remove_index (self->undo_stack, 0);
    }

  notify_history (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * detente_project_abort_group:
 * @self: a project
 *
 * Ends the outermost group by taking back everything done in it: the
 * project is as it was when the group began, and no step is recorded.
 */
void
detente_project_abort_group (DetenteProject *self)
{
  Step *step;

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (self->group_depth == 1);

  self->group_depth = 0;
  step = g_steal_pointer (&self->open_step);
  flush_appended (self);
  for (guint i = step->ops->len; i > 0; i--)
    apply_op (self, step_op (step, i - 1), FALSE);
  if (step->ops->len > 0)
    g_signal_emit (self, signals[CHANGED], 0);
  step_free (step);
}

/* Ids are written space-separated in project files; see
 * docs/project-format.md. */
static gboolean
check_new_id (DetenteProject  *self,
              GObject         *object,
              GError         **error)
{
  guint slot = store_slot (object);
  const char *id = id_at (object, slot);

  /* The spaces g_ascii_isspace() knows. */
  if (strpbrk (id, " \t\n\f\r") != NULL)
    {
      g_set_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_INVALID,
                   _("The id “%s” has a space in it"), id);
      return FALSE;
    }
  if (g_hash_table_contains (index_at (self, slot), id))
    {
      g_set_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_DUPLICATE_ID,
                   _("The project already has an item with the id “%s”"), id);
      return FALSE;
    }
  return TRUE;
}

/* Begins a group labelled @label, which is translated only if it opens a
 * step: inside a merge's group, many thousand edits never show theirs. */
static void
begin_labelled (DetenteProject *self,
                const char     *label)
{
  gboolean shown = self->group_depth == 0 || self->open_step->label == NULL;

  detente_project_begin_group (self, shown ? _(label) : NULL);
}

static void
add_object (DetenteProject *self,
            GObject        *object,
            guint           slot,
            const char     *id,
            const char     *label)
{
  begin_labelled (self, label);
  do_insert (self, object, slot, id);
  detente_project_end_group (self);
}

/* Adds @engagement as detente_project_add_engagement() does once its
 * checks pass. The merge calls it directly: it adds only what those checks
 * accept (ids it looked up itself, participants that are the project's
 * actors, evidence of a source it holds), and checking again each of many
 * thousand engagements would double the cost of an import. */
void
_detente_project_add_engagement_unchecked (DetenteProject    *self,
                                           DetenteEngagement *engagement)
{
  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (engagement));

  add_object (self, G_OBJECT (engagement), SLOT_ENGAGEMENT, detente_engagement_get_id (engagement),
              N_("Add Engagement"));
}

/* Sets an engagement's evidence as detente_project_set() would, for the
 * merge, whose evidence always cites the project's sources and is always
 * longer than the engagement's own: no checking, comparing or copying
 * through GValues, and the engagement takes @evidence itself instead of a
 * copy. */
void
_detente_project_take_evidence (DetenteProject    *self,
                                DetenteEngagement *engagement,
                                GPtrArray         *evidence)
{
  Op op = { OP_SET };

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (engagement));
  g_return_if_fail (evidence != NULL);

  begin_labelled (self, N_("Edit"));
  op.object = g_object_ref (G_OBJECT (engagement));
  op.pspec = _detente_engagement_evidence_pspec ();
  g_value_init (&op.old_value, G_TYPE_PTR_ARRAY);
  g_value_init (&op.new_value, G_TYPE_PTR_ARRAY);
  g_value_take_boxed (&op.old_value, g_ptr_array_ref (detente_engagement_get_evidence (engagement)));
  g_value_take_boxed (&op.new_value, g_ptr_array_ref (evidence));
  _detente_engagement_replace_evidence (engagement, evidence);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  record (self, &op);
  detente_project_end_group (self);
}

/* One field of _detente_project_fill_engagement(): @op holds the old
 * value, and the new one is read back as get_property() would. */
static void
fill_field (DetenteProject    *self,
            DetenteEngagement *engagement,
            const char        *name,
            Op                *op)
{
  GParamSpec *pspec = _detente_engagement_pspec (name);

  begin_labelled (self, N_("Edit"));
  g_value_init (&op->new_value, pspec->value_type);
  if (pspec->value_type == DETENTE_TYPE_DATE)
    g_value_set_boxed (&op->new_value, detente_engagement_get_date (engagement));
  else if (g_str_equal (name, "place"))
    g_value_set_string (&op->new_value, detente_engagement_get_place (engagement));
  else if (g_str_equal (name, "place-country"))
    g_value_set_string (&op->new_value, detente_engagement_get_place_country (engagement));
  else
    g_value_set_enum (&op->new_value, detente_engagement_get_status (engagement));
  record_set (self, G_OBJECT (engagement), pspec, op);
  detente_project_end_group (self);
}

/* Sets what is not %NULL of @date, @place and @place_country, then the
 * status to held if @held, each as detente_project_set() would: for the
 * merge, which fills the empty fields of many thousand extracted
 * engagements and so would pay for looking up, collecting and copying
 * each value through the property system twice. */
void
_detente_project_fill_engagement (DetenteProject    *self,
                                  DetenteEngagement *engagement,
                                  const DetenteDate *date,
                                  const char        *place,
                                  const char        *place_country,
                                  gboolean           held)
{
  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (engagement));

  if (date != NULL)
    {
      Op op = { OP_SET };

      g_value_init (&op.old_value, DETENTE_TYPE_DATE);
      g_value_set_boxed (&op.old_value, detente_engagement_get_date (engagement));
      detente_engagement_set_date (engagement, date);
      fill_field (self, engagement, "date", &op);
    }
  if (place != NULL)
    {
      Op op = { OP_SET };

      g_value_init (&op.old_value, G_TYPE_STRING);
      g_value_set_string (&op.old_value, detente_engagement_get_place (engagement));
      detente_engagement_set_place (engagement, place);
      fill_field (self, engagement, "place", &op);
    }
  if (place_country != NULL)
    {
      Op op = { OP_SET };

      g_value_init (&op.old_value, G_TYPE_STRING);
      g_value_set_string (&op.old_value, detente_engagement_get_place_country (engagement));
      detente_engagement_set_place_country (engagement, place_country);
      fill_field (self, engagement, "place-country", &op);
    }
  if (held)
    {
      Op op = { OP_SET };
      GParamSpec *pspec = _detente_engagement_pspec ("status");

      g_value_init (&op.old_value, pspec->value_type);
      g_value_set_enum (&op.old_value, detente_engagement_get_status (engagement));
      detente_engagement_set_status (engagement, DETENTE_ENGAGEMENT_STATUS_HELD);
      fill_field (self, engagement, "status", &op);
    }
}

/**
 * detente_project_add_actor:
 * @self: a project
 * @actor: a new actor
 * @error: return location for a #GError
 *
 * Returns: %TRUE if added; %FALSE if the id is taken
 */
gboolean
detente_project_add_actor (DetenteProject  *self,
                           DetenteActor    *actor,
                           GError         **error)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (DETENTE_IS_ACTOR (actor), FALSE);

  if (!check_new_id (self, G_OBJECT (actor), error))
    return FALSE;
  add_object (self, G_OBJECT (actor), SLOT_ACTOR, detente_actor_get_id (actor), N_("Add Actor"));
  return TRUE;
}

/**
 * detente_project_add_engagement:
 * @self: a project
 * @engagement: a new engagement whose participants are actors of @self
 * @error: return location for a #GError
 *
 * Returns: %TRUE if added; %FALSE if the id is taken or a participant is
 *   not in the project
 */
gboolean
detente_project_add_engagement (DetenteProject     *self,
                                DetenteEngagement  *engagement,
                                GError            **error)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (DETENTE_IS_ENGAGEMENT (engagement), FALSE);

  if (!check_new_id (self, G_OBJECT (engagement), error))
    return FALSE;

  if (!check_references (self, detente_engagement_get_participants (engagement),
                         detente_engagement_get_evidence (engagement), error))
    return FALSE;

  _detente_project_add_engagement_unchecked (self, engagement);
  return TRUE;
}

/**
 * detente_project_add_source:
 * @self: a project
 * @source: a new source
 * @error: return location for a #GError
 *
 * Returns: %TRUE if added; %FALSE if the project has that text already
 */
gboolean
detente_project_add_source (DetenteProject  *self,
                            DetenteSource   *source,
                            GError         **error)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (DETENTE_IS_SOURCE (source), FALSE);

  if (!check_new_id (self, G_OBJECT (source), error))
    return FALSE;
  add_object (self, G_OBJECT (source), SLOT_SOURCE, detente_source_get_id (source), N_("Add Article"));
  return TRUE;
}

/* Engagements are collected first: removing while walking the store would
 * shift positions under the loop. */
static GPtrArray *
engagements_where (DetenteProject *self,
                   gboolean (*match) (DetenteEngagement *, gconstpointer),
                   gconstpointer   data)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  flush_appended (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->engagements));

  for (guint i = 0; i < n; i++)
    {
      DetenteEngagement *e = g_list_model_get_item (G_LIST_MODEL (self->engagements), i);

      if (match (e, data))
        g_ptr_array_add (found, e);
      else
        g_object_unref (e);
    }
  return found;
}

static gboolean
involves_actor (DetenteEngagement *e,
                gconstpointer      actor_id)
{
  return detente_engagement_has_participant (e, actor_id);
}

static gboolean
cites_source (DetenteEngagement *e,
              gconstpointer      source_id)
{
  GPtrArray *evidence = detente_engagement_get_evidence (e);

  for (guint i = 0; i < evidence->len; i++)
    if (g_strcmp0 (detente_evidence_get_source_id (g_ptr_array_index (evidence, i)), source_id) == 0)
      return TRUE;
  return FALSE;
}

/**
 * detente_project_remove_actor:
 * @self: a project
 * @actor: an actor of @self
 *
 * Removes the actor and, in the same undo step, every engagement it takes
 * part in.
 */
void
detente_project_remove_actor (DetenteProject *self,
                              DetenteActor   *actor)
{
  g_autoptr(GPtrArray) doomed = NULL;

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (DETENTE_IS_ACTOR (actor));
  g_return_if_fail (owns (self, actor));

  detente_project_begin_group (self, _("Remove Actor"));
  doomed = engagements_where (self, involves_actor, detente_actor_get_id (actor));
  for (guint i = 0; i < doomed->len; i++)
    do_remove (self, g_ptr_array_index (doomed, i));
  do_remove (self, G_OBJECT (actor));
  detente_project_end_group (self);
}

/**
 * detente_project_remove_engagement:
 * @self: a project
 * @engagement: an engagement of @self
 */
void
detente_project_remove_engagement (DetenteProject    *self,
                                   DetenteEngagement *engagement)
{
  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (DETENTE_IS_ENGAGEMENT (engagement));
  g_return_if_fail (owns (self, engagement));

  detente_project_begin_group (self, _("Remove Engagement"));
  do_remove (self, G_OBJECT (engagement));
  detente_project_end_group (self);
}

/**
 * detente_project_remove_source:
 * @self: a project
 * @source: a source of @self
 *
 * Removes the source and its evidence. An extracted engagement left with
 * no evidence goes too; one the user made by hand stays.
 */
void
detente_project_remove_source (DetenteProject *self,
                               DetenteSource  *source)
{
  g_autoptr(GPtrArray) citing = NULL;
  const char *source_id;

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (DETENTE_IS_SOURCE (source));
  g_return_if_fail (owns (self, source));

  source_id = detente_source_get_id (source);
  detente_project_begin_group (self, _("Remove Article"));

  citing = engagements_where (self, cites_source, source_id);
  for (guint i = 0; i < citing->len; i++)
    {
      DetenteEngagement *e = g_ptr_array_index (citing, i);
      GPtrArray *evidence = detente_engagement_get_evidence (e);
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();

      for (guint j = 0; j < evidence->len; j++)
        if (g_strcmp0 (detente_evidence_get_source_id (g_ptr_array_index (evidence, j)), source_id) != 0)
          g_ptr_array_add (kept, g_ptr_array_index (evidence, j));

      if (kept->len == 0 && detente_engagement_get_origin (e) == DETENTE_ORIGIN_EXTRACTED)
        do_remove (self, G_OBJECT (e));
      else
        detente_project_set (self, e, "evidence", kept, NULL);
    }

  do_remove (self, G_OBJECT (source));
  detente_project_end_group (self);
}

static GParamSpec *
find_writable_property (gpointer    object,
                        const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);

  if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
    {
      g_critical ("%s has no writable property “%s”", G_OBJECT_TYPE_NAME (object), name);
      return NULL;
    }
  return pspec;
}

/**
 * detente_project_set_property:
 * @self: a project
 * @object: an actor, engagement or source of @self
 * @property_name: a writable property of @object
 * @value: the new value
 *
 * Sets a property as an undoable step.
 */
void
detente_project_set_property (DetenteProject *self,
                              gpointer        object,
                              const char     *property_name,
                              const GValue   *value)
{
  GParamSpec *pspec;

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (G_IS_OBJECT (object) && owns (self, object));
  g_return_if_fail (property_name != NULL);
  g_return_if_fail (G_IS_VALUE (value));

  if (!(pspec = find_writable_property (object, property_name)))
    return;

  begin_labelled (self, N_("Edit"));
  do_set (self, object, pspec, value);
  detente_project_end_group (self);
}

/**
 * detente_project_set:
 * @self: a project
 * @object: an actor, engagement or source of @self
 * @first_property_name: the first property to set
 * @...: its value, then more name/value pairs, then %NULL
 *
 * Sets properties like g_object_set(), as one undoable step.
 */
void
detente_project_set (DetenteProject *self,
                     gpointer        object,
                     const char     *first_property_name,
                     ...)
{
  const char *name = first_property_name;
  va_list args;

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (G_IS_OBJECT (object) && owns (self, object));

  begin_labelled (self, N_("Edit"));
  va_start (args, first_property_name);
  while (name != NULL)
    {
      GParamSpec *pspec = find_writable_property (object, name);
      GValue value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL)
        break;

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          g_value_unset (&value);
          break;
        }

      do_set (self, object, pspec, &value);
      g_value_unset (&value);
      name = va_arg (args, const char *);
    }
  va_end (args);
  detente_project_end_group (self);
}

static void
strv_add_unique (GPtrArray  *array,
                 const char *s,
                 const char *except)
{
  if (s == NULL || g_strcmp0 (s, except) == 0)
    return;
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), s) == 0)
      return;
  g_ptr_array_add (array, (gpointer) s);
}

/**
 * detente_project_merge_actors:
 * @self: a project
 * @keep: the actor that stays
 * @absorb: the actor that goes
 *
 * Makes @absorb part of @keep, as one undoable step: its engagements now
 * involve @keep, its name and aliases become aliases of @keep, its roles
 * are added and its country fills a missing one. Then @absorb is removed.
 */
void
detente_project_merge_actors (DetenteProject *self,
                              DetenteActor   *keep,
                              DetenteActor   *absorb)
{
  g_autoptr(GPtrArray) touched = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  const char *keep_id, *absorb_id;
  GPtrArray *absorb_roles;

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (DETENTE_IS_ACTOR (keep) && owns (self, keep));
  g_return_if_fail (DETENTE_IS_ACTOR (absorb) && owns (self, absorb));
  g_return_if_fail (keep != absorb);

  keep_id = detente_actor_get_id (keep);
  absorb_id = detente_actor_get_id (absorb);

  detente_project_begin_group (self, _("Merge Actors"));

  touched = engagements_where (self, involves_actor, absorb_id);
  for (guint i = 0; i < touched->len; i++)
    {
      DetenteEngagement *e = g_ptr_array_index (touched, i);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (const char * const *p = detente_engagement_get_participants (e); *p; p++)
        strv_add_unique (ids, g_str_equal (*p, absorb_id) ? keep_id : *p, NULL);
      g_ptr_array_add (ids, NULL);
      detente_project_set (self, e, "participants", ids->pdata, NULL);
    }

  aliases = g_ptr_array_new ();
  for (const char * const *a = detente_actor_get_aliases (keep); a && *a; a++)
    strv_add_unique (aliases, *a, detente_actor_get_name (keep));
  strv_add_unique (aliases, detente_actor_get_name (absorb), detente_actor_get_name (keep));
  for (const char * const *a = detente_actor_get_aliases (absorb); a && *a; a++)
    strv_add_unique (aliases, *a, detente_actor_get_name (keep));
  g_ptr_array_add (aliases, NULL);

  /* The copy would inherit the free function of the roles it borrows. */
  roles = g_ptr_array_copy (detente_actor_get_roles (keep), NULL, NULL);
  g_ptr_array_set_free_func (roles, NULL);
  absorb_roles = detente_actor_get_roles (absorb);
  for (guint i = 0; i < absorb_roles->len; i++)
    {
      DetenteRole *role = g_ptr_array_index (absorb_roles, i);
      gboolean known = FALSE;

      for (guint j = 0; j < roles->len && !known; j++)
        known = detente_role_equal (role, g_ptr_array_index (roles, j));
      if (!known)
        g_ptr_array_add (roles, role);
    }

  detente_project_set (self, keep,
                       "aliases", aliases->pdata,
                       "roles", roles,
                       NULL);
  if (detente_actor_get_country (keep) == NULL)
    detente_project_set (self, keep, "country", detente_actor_get_country (absorb), NULL);

  do_remove (self, G_OBJECT (absorb));
  detente_project_end_group (self);
}

/**
 * detente_project_can_undo:
 * @self: a project
 *
 * Returns: whether there is a step to undo
 */
gboolean
detente_project_can_undo (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), FALSE);
  return self->undo_stack->len > 0;
}

/**
 * detente_project_can_redo:
 * @self: a project
 *
 * Returns: whether there is a step to redo
 */
gboolean
detente_project_can_redo (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), FALSE);
  return self->redo_stack->len > 0;
}

static const char *
top_label (GPtrArray *stack)
{
  if (stack->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (stack, stack->len - 1))->label;
}

/**
 * detente_project_get_undo_label:
 * @self: a project
 *
 * Returns: (transfer none) (nullable): what undo would undo, "Merge Actors"
 */
const char *
detente_project_get_undo_label (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  return top_label (self->undo_stack);
}

/**
 * detente_project_get_redo_label:
 * @self: a project
 *
 * Returns: (transfer none) (nullable): what redo would redo
 */
const char *
detente_project_get_redo_label (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  return top_label (self->redo_stack);
}

static gboolean
replay (DetenteProject *self,
        GPtrArray      *from,
        GPtrArray      *to,
        gboolean        forward)
{
  Step *step;

  g_return_val_if_fail (self->group_depth == 0, FALSE);

  if (from->len == 0)
    return FALSE;

  step = g_ptr_array_steal_index (from, from->len - 1);
  if (forward)
    for (guint i = 0; i < step->ops->len; i++)
      apply_op (self, step_op (step, i), TRUE);
  else
    for (guint i = step->ops->len; i > 0; i--)
      apply_op (self, step_op (step, i - 1), FALSE);
  g_ptr_array_add (to, step);

  notify_history (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * detente_project_undo:
 * @self: a project
 *
 * Returns: %TRUE if a step was undone
 */
gboolean
detente_project_undo (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), FALSE);
  return replay (self, self->undo_stack, self->redo_stack, FALSE);
}

/**
 * detente_project_redo:
 * @self: a project
 *
 * Returns: %TRUE if a step was redone
 */
gboolean
detente_project_redo (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), FALSE);
  return replay (self, self->redo_stack, self->undo_stack, TRUE);
}

/**
 * detente_project_clear_history:
 * @self: a project
 *
 * Forgets every undo and redo step; the project counts as saved.
 */
void
detente_project_clear_history (DetenteProject *self)
{
  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (self->group_depth == 0);

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->saved_serial = 0;
  self->base_serial = 0;
  notify_history (self);
}

/**
 * detente_project_get_dirty:
 * @self: a project
 *
 * Returns: %TRUE if the project differs from its last saved state
 */
gboolean
detente_project_get_dirty (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), FALSE);
  return top_serial (self) != self->saved_serial;
}

/**
 * detente_project_mark_saved:
 * @self: a project
 *
 * Records the present state as saved; undoing or redoing away from it makes
 * the project dirty again, and coming back makes it clean.
 */
void
detente_project_mark_saved (DetenteProject *self)
{
  g_return_if_fail (DETENTE_IS_PROJECT (self));

  self->saved_serial = top_serial (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/**
 * detente_project_get_file:
 * @self: a project
 *
 * Returns: (transfer none) (nullable): the project's file
 */
GFile *
detente_project_get_file (DetenteProject *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);
  return self->file;
}

/**
 * detente_project_set_file:
 * @self: a project
 * @file: (nullable): the project's file
 */
void
detente_project_set_file (DetenteProject *self,
                          GFile          *file)
{
  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

void
_detente_project_take_loaded (DetenteProject *self,
                              GPtrArray      *sources,
                              GPtrArray      *actors,
                              GPtrArray      *engagements,
                              GHashTable     *source_index,
                              GHashTable     *actor_index,
                              GHashTable     *engagement_index)
{
  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (g_list_model_get_n_items (G_LIST_MODEL (self->actors)) == 0);
  g_assert (g_hash_table_size (actor_index) == actors->len);
  g_assert (g_hash_table_size (engagement_index) == engagements->len);
  g_assert (g_hash_table_size (source_index) == sources->len);

  g_hash_table_unref (self->source_index);
  g_hash_table_unref (self->actor_index);
  g_hash_table_unref (self->engagement_index);
  /* The reader's tables hash with g_str_hash(): built again with the
   * project's own hash, which imports into the project pay for less. */
  self->source_index = index_adopt (source_index);
  self->actor_index = index_adopt (actor_index);
  self->engagement_index = index_adopt (engagement_index);

  item_list_append (self->sources, sources->pdata, sources->len);
  item_list_append (self->actors, actors->pdata, actors->len);
  item_list_append (self->engagements, engagements->pdata, engagements->len);
  g_clear_pointer (&self->counts, g_hash_table_unref);
}
