/* detente-project-table.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "detente-project-table.h"

/* A sortable, selectable table of a project's actors or engagements, with
 * a title row and a Remove action. Cells show text computed from the item
 * and the project (counts, participant names), so they are refreshed when
 * the project says it changed, not only when an item notifies. */

typedef char *(*CellTextFunc) (DetenteProjectTable *self,
                               gpointer             item);
typedef int   (*CellCompareFunc) (DetenteProjectTable *self,
                                  gpointer             a,
                                  gpointer             b);

typedef struct
{
  const char      *title;
  CellTextFunc     text;
  CellCompareFunc  compare;
  int              nat_chars;
  gboolean         expand;
  gboolean         numeric;
} ColumnSpec;

typedef struct
{
  DetenteProjectTable *table;
  const ColumnSpec    *spec;
  GtkSorter           *sorter;
} Column;

struct _DetenteProjectTable
{
  GtkWidget            parent_instance;

  DetenteProject      *project;
  GtkWidget           *box;
  GtkWidget           *count_label;
  GtkColumnView       *view;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GPtrArray           *columns;
  GHashTable          *bound_cells;
  gulong               changed_id;
  DetenteTableContent  content;
  gboolean             read_only;
};

G_DEFINE_FINAL_TYPE (DetenteProjectTable, detente_project_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTENT,
  PROP_PROJECT,
  PROP_SELECTED,
  N_PROPS
};

enum {
  REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- cell text ---------------------------------------------------- */

static char *
actor_name (DetenteProjectTable *self,
            gpointer             item)
{
  return g_strdup (detente_actor_get_name (item));
}

static char *
actor_kind (DetenteProjectTable *self,
            gpointer             item)
{
  return g_strdup (detente_actor_kind_get_label (detente_actor_get_kind (item)));
}

static char *
actor_country (DetenteProjectTable *self,
               gpointer             item)
{
  return g_strdup (detente_actor_get_country (item));
}

static char *
actor_count (DetenteProjectTable *self,
             gpointer             item)
{
  return g_strdup_printf ("%u", detente_project_count_engagements (self->project,
                                                                   detente_actor_get_id (item)));
}

static int
compare_actor_count (DetenteProjectTable *self,
                     gpointer             a,
                     gpointer             b)
{
  guint ca = detente_project_count_engagements (self->project, detente_actor_get_id (a));
  guint cb = detente_project_count_engagements (self->project, detente_actor_get_id (b));

  return (ca > cb) - (ca < cb);
}

static char *
engagement_date (DetenteProjectTable *self,
                 gpointer             item)
{
  return detente_date_format (detente_engagement_get_date (item));
}

static int
compare_engagement_date (DetenteProjectTable *self,
                         gpointer             a,
                         gpointer             b)
{
  return detente_date_compare (detente_engagement_get_date (a), detente_engagement_get_date (b));
}

static char *
engagement_kind (DetenteProjectTable *self,
                 gpointer             item)
{
  return g_strdup (detente_engagement_kind_get_label (detente_engagement_get_kind (item)));
}

static char *
engagement_participants (DetenteProjectTable *self,
                         gpointer             item)
{
  GString *s = g_string_new (NULL);

  for (const char * const *p = detente_engagement_get_participants (item); p && *p; p++)
    {
      DetenteActor *actor = detente_project_lookup_actor (self->project, *p);

      if (s->len > 0)
        /* Translators: between the names of an engagement's participants */
        g_string_append (s, C_("list separator", ", "));
      g_string_append (s, actor ? detente_actor_get_name (actor) : *p);
    }
  return g_string_free (s, FALSE);
}

static char *
engagement_place (DetenteProjectTable *self,
                  gpointer             item)
{
  return g_strdup (detente_engagement_get_place (item));
}

static char *
engagement_status (DetenteProjectTable *self,
                   gpointer             item)
{
  return g_strdup (detente_engagement_status_get_label (detente_engagement_get_status (item)));
}

static const ColumnSpec actor_columns[] = {
  { N_("Name"), actor_name, NULL, 22, TRUE, FALSE },
  { N_("Kind"), actor_kind, NULL, 12, FALSE, FALSE },
  { N_("Country"), actor_country, NULL, 7, FALSE, FALSE },
  { N_("Engagements"), actor_count, compare_actor_count, 6, FALSE, TRUE },
};

static const ColumnSpec engagement_columns[] = {
  { N_("Date"), engagement_date, compare_engagement_date, 22, FALSE, FALSE },
  { N_("Kind"), engagement_kind, NULL, 18, FALSE, FALSE },
  { N_("Participants"), engagement_participants, NULL, 24, TRUE, FALSE },
  { N_("Place"), engagement_place, NULL, 11, FALSE, FALSE },
  { N_("Status"), engagement_status, NULL, 9, FALSE, FALSE },
};

/* ---- columns ------------------------------------------------------ */

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Column *column = user_data;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (column->table->project == NULL)
    return 0;
  if (column->spec->compare != NULL)
    return column->spec->compare (column->table, (gpointer) a, (gpointer) b);

  ta = column->spec->text (column->table, (gpointer) a);
  tb = column->spec->text (column->table, (gpointer) b);
  /* Empty cells sort last. */
  if ((ta == NULL || *ta == '\0') != (tb == NULL || *tb == '\0'))
    return (ta == NULL || *ta == '\0') ? 1 : -1;
  return g_utf8_collate (ta ? ta : "", tb ? tb : "");
}

static void
update_cell (GtkInscription *cell)
{
  Column *column = g_object_get_data (G_OBJECT (cell), "column");
  gpointer item = g_object_get_data (G_OBJECT (cell), "item");
  g_autofree char *text = NULL;

  if (item == NULL || column->table->project == NULL)
    return;
  text = column->spec->text (column->table, item);
  gtk_inscription_set_text (cell, text);
  /* Long cells may be cut short; the tooltip has them whole. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (cell),
                               !column->spec->numeric && text && *text ? text : NULL);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            Column                   *column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column->spec->nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (column->spec->numeric)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  g_object_set_data (G_OBJECT (cell), "column", column);
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (cell), "item", gtk_list_item_get_item (list_item));
  g_hash_table_add (column->table->bound_cells, cell);
  update_cell (GTK_INSCRIPTION (cell));
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (cell), "item", NULL);
  g_hash_table_remove (column->table->bound_cells, cell);
}

static void
add_columns (DetenteProjectTable *self,
             const ColumnSpec    *specs,
             guint                n_specs)
{
  for (guint i = 0; i < n_specs; i++)
    {
      Column *column = g_new0 (Column, 1);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;

      column->table = self;
      column->spec = &specs[i];
      column->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, column, NULL));
      g_ptr_array_add (self->columns, column);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), column);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), column);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), column);

      view_column = gtk_column_view_column_new (gettext (specs[i].title), factory);
      gtk_column_view_column_set_sorter (view_column, column->sorter);
      gtk_column_view_column_set_expand (view_column, specs[i].expand);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_append_column (self->view, view_column);
    }
}

static void
column_free (Column *column)
{
  g_clear_object (&column->sorter);
  g_free (column);
}

/* ---- behaviour ---------------------------------------------------- */

static void
update_count (DetenteProjectTable *self)
{
  guint n = self->sorted ? g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) : 0;
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_text (GTK_LABEL (self->count_label), text);
}

static void
update_actions (DetenteProjectTable *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "table.remove",
                                 !self->read_only && detente_project_table_get_selected (self) != NULL);
}

/**
 * detente_project_table_set_read_only:
 * @self: a table
 * @read_only: whether the user may remove rows
 *
 * A table shows a project that something else is changing (an import) as
 * read-only.
 */
void
detente_project_table_set_read_only (DetenteProjectTable *self,
                                     gboolean             read_only)
{
  g_return_if_fail (DETENTE_IS_PROJECT_TABLE (self));

  self->read_only = !!read_only;
  update_actions (self);
}

static void
on_project_changed_cb (DetenteProjectTable *self,
                       DetenteProject      *project)
{
  GHashTableIter iter;
  gpointer cell;

  /* Cells show derived text, and sorting may depend on it. */
  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    update_cell (cell);
  for (guint i = 0; i < self->columns->len; i++)
    gtk_sorter_changed (((Column *) g_ptr_array_index (self->columns, i))->sorter,
                        GTK_SORTER_CHANGE_DIFFERENT);
  update_count (self);
  update_actions (self);
}

static void
on_selection_changed_cb (DetenteProjectTable *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DetenteProjectTable *self = DETENTE_PROJECT_TABLE (widget);
  gpointer item = detente_project_table_get_selected (self);
  g_autofree char *message = NULL;

  if (item == NULL || self->project == NULL)
    return;

  if (DETENTE_IS_ACTOR (item))
    {
      message = g_strdup_printf (_("Removed “%s” and its engagements"), detente_actor_get_name (item));
      detente_project_remove_actor (self->project, item);
    }
  else
    {
      g_autofree char *who = engagement_participants (self, item);

      message = g_strdup_printf (_("Removed the engagement of %s"), who);
      detente_project_remove_engagement (self->project, item);
    }
  g_signal_emit (self, signals[REMOVED], 0, message);
}

/* ---- GObject ------------------------------------------------------ */

static void
detente_project_table_dispose (GObject *object)
{
  DetenteProjectTable *self = (DetenteProjectTable *) object;

  detente_project_table_set_project (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  self->sorted = NULL;
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);

  G_OBJECT_CLASS (detente_project_table_parent_class)->dispose (object);
}

static void
detente_project_table_finalize (GObject *object)
{
  DetenteProjectTable *self = (DetenteProjectTable *) object;

  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (detente_project_table_parent_class)->finalize (object);
}

static void
detente_project_table_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DetenteProjectTable *self = DETENTE_PROJECT_TABLE (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      g_value_set_int (value, self->content);
      break;
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, detente_project_table_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_project_table_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DetenteProjectTable *self = DETENTE_PROJECT_TABLE (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      self->content = g_value_get_int (value);
      break;
    case PROP_PROJECT:
      detente_project_table_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_project_table_constructed (GObject *object)
{
  DetenteProjectTable *self = (DetenteProjectTable *) object;
  gboolean actors = self->content == DETENTE_TABLE_CONTENT_ACTORS;
  const char *title = actors ? _("Actors") : _("Engagements");
  GtkWidget *header, *label, *button, *scroller;

  G_OBJECT_CLASS (detente_project_table_parent_class)->constructed (object);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (header, "pane-title");
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (header), label);
  self->count_label = gtk_label_new ("0");
  gtk_widget_add_css_class (self->count_label, "count-badge");
  gtk_widget_set_valign (self->count_label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), self->count_label);
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "table.remove");
  gtk_widget_set_tooltip_text (button, actors ? _("Remove Actor (Delete)")
                                              : _("Remove Engagement (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  actors ? _("Remove Actor") : _("Remove Engagement"), -1);
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (self->box), header);

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_column_view_set_show_column_separators (self->view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (actors)
    add_columns (self, actor_columns, G_N_ELEMENTS (actor_columns));
  else
    add_columns (self, engagement_columns, G_N_ELEMENTS (engagement_columns));

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->view));
  gtk_box_append (GTK_BOX (self->box), scroller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  update_actions (self);
}

static gboolean
detente_project_table_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (DETENTE_PROJECT_TABLE (widget)->view));
}

static void
detente_project_table_class_init (DetenteProjectTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = detente_project_table_dispose;
  object_class->finalize = detente_project_table_finalize;
  object_class->get_property = detente_project_table_get_property;
  object_class->set_property = detente_project_table_set_property;
  object_class->constructed = detente_project_table_constructed;
  widget_class->grab_focus = detente_project_table_grab_focus;

  /**
   * DetenteProjectTable:content:
   *
   * Whether the table lists actors or engagements.
   */
  properties[PROP_CONTENT] =
    g_param_spec_int ("content", NULL, NULL,
                      DETENTE_TABLE_CONTENT_ACTORS, DETENTE_TABLE_CONTENT_ENGAGEMENTS,
                      DETENTE_TABLE_CONTENT_ACTORS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * DetenteProjectTable:project:
   *
   * The project whose items are listed.
   */
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, DETENTE_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DetenteProjectTable:selected:
   *
   * The selected actor or engagement, or %NULL.
   */
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DetenteProjectTable::removed:
   * @message: what was removed, for a toast
   *
   * Emitted after the user removed the selected item.
   */
  signals[REMOVED] =
    g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "table.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "table.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "table.remove", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "projecttable");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
detente_project_table_init (DetenteProjectTable *self)
{
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  self->bound_cells = g_hash_table_new (NULL, NULL);
}

/**
 * detente_project_table_new:
 * @content: actors or engagements
 *
 * Returns: (transfer full): a new table
 */
GtkWidget *
detente_project_table_new (DetenteTableContent content)
{
  return g_object_new (DETENTE_TYPE_PROJECT_TABLE, "content", content, NULL);
}

/**
 * detente_project_table_get_content:
 * @self: a table
 *
 * Returns: what the table lists
 */
DetenteTableContent
detente_project_table_get_content (DetenteProjectTable *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT_TABLE (self), 0);
  return self->content;
}

/**
 * detente_project_table_get_project:
 * @self: a table
 *
 * Returns: (transfer none) (nullable): the project
 */
DetenteProject *
detente_project_table_get_project (DetenteProjectTable *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT_TABLE (self), NULL);
  return self->project;
}

/**
 * detente_project_table_set_project:
 * @self: a table
 * @project: (nullable): the project to list
 */
void
detente_project_table_set_project (DetenteProjectTable *self,
                                   DetenteProject      *project)
{
  GListModel *items = NULL;

  g_return_if_fail (DETENTE_IS_PROJECT_TABLE (self));
  g_return_if_fail (project == NULL || DETENTE_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);

  if (project != NULL)
    {
      self->changed_id = g_signal_connect_object (project, "changed",
                                                  G_CALLBACK (on_project_changed_cb), self,
                                                  G_CONNECT_SWAPPED);
      items = self->content == DETENTE_TABLE_CONTENT_ACTORS ? detente_project_get_actors (project)
                                                            : detente_project_get_engagements (project);
      g_object_ref (items);
    }

  if (self->view != NULL)
    {
      GtkSorter *sorter = gtk_column_view_get_sorter (self->view);

      self->sorted = gtk_sort_list_model_new (items, sorter ? g_object_ref (sorter) : NULL);
      g_clear_object (&self->selection);
      self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      g_signal_connect_object (self->selection, "notify::selected-item",
                               G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sorted, "items-changed",
                               G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
    }
  else
    g_clear_object (&items);

  update_count (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * detente_project_table_get_selected:
 * @self: a table
 *
 * Returns: (transfer none) (nullable) (type GObject): the selected item
 */
gpointer
detente_project_table_get_selected (DetenteProjectTable *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT_TABLE (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

/**
 * detente_project_table_select:
 * @self: a table
 * @item: (nullable) (type GObject): an item of the table, or %NULL to
 *   clear the selection
 */
void
detente_project_table_select (DetenteProjectTable *self,
                              gpointer             item)
{
  guint n;

  g_return_if_fail (DETENTE_IS_PROJECT_TABLE (self));

  if (self->selection == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint i = 0; i < n && item != NULL; i++)
    {
      g_autoptr(GObject) at = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (at == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/**
 * detente_project_table_get_n_rows:
 * @self: a table
 *
 * Returns: the number of rows
 */
guint
detente_project_table_get_n_rows (DetenteProjectTable *self)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT_TABLE (self), 0);
  return self->sorted ? g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) : 0;
}

/**
 * detente_project_table_get_item:
 * @self: a table
 * @row: a row, in the order shown
 *
 * Returns: (transfer full) (nullable) (type GObject): the item on that row
 */
gpointer
detente_project_table_get_item (DetenteProjectTable *self,
                                guint                row)
{
  g_return_val_if_fail (DETENTE_IS_PROJECT_TABLE (self), NULL);

  if (row >= detente_project_table_get_n_rows (self))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->sorted), row);
}

/**
 * detente_project_table_get_cell_text:
 * @self: a table
 * @row: a row, in the order shown
 * @column: a column, from 0
 *
 * Returns: (transfer full) (nullable): the text the cell shows
 */
char *
detente_project_table_get_cell_text (DetenteProjectTable *self,
                                     guint                row,
                                     guint                column)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (DETENTE_IS_PROJECT_TABLE (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  if (!(item = detente_project_table_get_item (self, row)))
    return NULL;
  return ((Column *) g_ptr_array_index (self->columns, column))->spec->text (self, item);
}

/**
 * detente_project_table_sort_by:
 * @self: a table
 * @column: a column, from 0
 * @order: ascending or descending
 *
 * Sorts as a click on the column header would.
 */
void
detente_project_table_sort_by (DetenteProjectTable *self,
                               guint                column,
                               GtkSortType          order)
{
  g_autoptr(GListModel) columns = NULL;
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_return_if_fail (DETENTE_IS_PROJECT_TABLE (self));
  g_return_if_fail (column < self->columns->len);

  columns = g_object_ref (gtk_column_view_get_columns (self->view));
  view_column = g_list_model_get_item (columns, column);
  gtk_column_view_sort_by_column (self->view, view_column, order);
}
