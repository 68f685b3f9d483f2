/* test-window.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "detente-application.h"
#include "detente-graph-view.h"
#include "detente-project-io.h"
#include "detente-window.h"

/* Drives the real main window: opens the bundled sample, checks both
 * tables against the project file, edits and undoes, saves to a new file
 * and opens it again through the unsaved-changes dialog. */

static DetenteApplication *app;
static char *tmpdir;

static DetenteProject *
expected_sample (void)
{
  g_autoptr(GInputStream) in = g_resources_open_stream (RESOURCE_PREFIX "/samples/sample.detente",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;
  DetenteProject *project = detente_project_load_from_stream (in, "sample", NULL, &error);

  g_assert_no_error (error);
  return project;
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("timed out waiting for the window");
  return G_SOURCE_REMOVE;
}

static void
wait_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  guint id = g_timeout_add_seconds (20, timeout_cb, NULL);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static gboolean
shows_project (gpointer data)
{
  return g_strcmp0 (detente_window_get_page (data), "project") == 0;
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
flush_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog () != NULL;
}

/* Answers the dialog shown, and closes it, as a click on a button does. */
static void
answer_dialog (const char *response)
{
  AdwMessageDialog *dialog = find_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static int
find_row (DetenteProjectTable *table,
          guint                column,
          const char          *text)
{
  for (guint row = 0; row < detente_project_table_get_n_rows (table); row++)
    {
      g_autofree char *cell = detente_project_table_get_cell_text (table, row, column);

      if (g_strcmp0 (cell, text) == 0)
        return row;
    }
  return -1;
}

static void
assert_tables_match (DetenteWindow  *window,
                     DetenteProject *expected)
{
  DetenteProjectTable *actors = detente_window_get_actor_table (window);
  DetenteProjectTable *engagements = detente_window_get_engagement_table (window);
  GListModel *actor_model = detente_project_get_actors (expected);
  guint n_actors = g_list_model_get_n_items (actor_model);
  guint n_engagements = g_list_model_get_n_items (detente_project_get_engagements (expected));

  g_assert_cmpuint (n_actors, >, 0);
  g_assert_cmpuint (detente_project_table_get_n_rows (actors), ==, n_actors);
  g_assert_cmpuint (detente_project_table_get_n_rows (engagements), ==, n_engagements);

  /* Every actor is listed with its own engagement count. */
  for (guint i = 0; i < n_actors; i++)
    {
      g_autoptr(DetenteActor) actor = g_list_model_get_item (actor_model, i);
      int row = find_row (actors, 0, detente_actor_get_name (actor));
      g_autofree char *count = NULL;
      g_autofree char *want = g_strdup_printf ("%u", detente_project_count_engagements (
                                                 expected, detente_actor_get_id (actor)));

      g_assert_cmpint (row, >=, 0);
      count = detente_project_table_get_cell_text (actors, row, 3);
      g_assert_cmpstr (count, ==, want);
    }

  /* Engagements show who took part, by name; a visit may have only the
   * visitor. */
  for (guint row = 0; row < n_engagements; row++)
    {
      g_autoptr(DetenteEngagement) engagement = detente_project_table_get_item (engagements, row);
      g_autofree char *who = detente_project_table_get_cell_text (engagements, row, 2);
      guint n_participants = g_strv_length ((char **) detente_engagement_get_participants (engagement));

      g_assert_nonnull (who);
      g_assert_cmpstr (who, !=, "");
      if (n_participants > 1)
        g_assert_nonnull (strchr (who, ','));
      g_assert_null (strchr (who, '-'));
    }
}

static void
test_sample_save_reopen (void)
{
  g_autoptr(DetenteProject) expected = expected_sample ();
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  DetenteProjectTable *engagements = detente_window_get_engagement_table (window);
  DetenteProjectTable *actors = detente_window_get_actor_table (window);
  g_autofree char *path = g_build_filename (tmpdir, "saved.detente", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *uri = NULL;
  DetenteProject *project;
  guint n_engagements;
  gpointer first;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (detente_window_get_page (window), ==, "empty");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (actors), GTK_ACCESSIBLE_ROLE_GROUP);

  detente_window_open_sample (window);
  g_assert_cmpstr (detente_window_get_page (window), ==, "project");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Sample Project");
  flush_events ();
  assert_tables_match (window, expected);

  /* Sorting by date puts engagements in time order, unknown dates last. */
  detente_project_table_sort_by (engagements, 0, GTK_SORT_ASCENDING);
  project = detente_window_get_project (window);
  for (guint row = 1; row < detente_project_table_get_n_rows (engagements); row++)
    {
      g_autoptr(DetenteEngagement) a = detente_project_table_get_item (engagements, row - 1);
      g_autoptr(DetenteEngagement) b = detente_project_table_get_item (engagements, row);

      g_assert_cmpint (detente_date_compare (detente_engagement_get_date (a),
                                             detente_engagement_get_date (b)), <=, 0);
    }

  /* Delete removes the selected engagement; Ctrl+Z brings it back. */
  n_engagements = detente_project_table_get_n_rows (engagements);
  {
    g_autoptr(GObject) item = g_list_model_get_item (detente_project_get_engagements (project), 0);

    first = item;
    detente_project_table_select (engagements, item);
  }
  g_assert_true (detente_project_table_get_selected (engagements) == first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (engagements), "table.remove", NULL));
  g_assert_cmpuint (detente_project_table_get_n_rows (engagements), ==, n_engagements - 1);
  g_assert_true (detente_project_get_dirty (project));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (detente_project_table_get_n_rows (engagements), ==, n_engagements);
  g_assert_false (detente_project_get_dirty (project));

  /* Save to a new file. */
  g_assert_true (detente_window_save_to (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "saved");
  last = g_settings_get_string (settings, "last-project");
  uri = g_file_get_uri (file);
  g_assert_cmpstr (last, ==, uri);

  /* Change something, then reopen the saved file: the window asks first. */
  {
    g_autoptr(GObject) actor = g_list_model_get_item (detente_project_get_actors (project), 0);

    detente_project_table_select (actors, actor);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (actors), "table.remove", NULL));
  }
  g_assert_cmpuint (detente_project_table_get_n_rows (actors), <,
                    g_list_model_get_n_items (detente_project_get_actors (expected)));
  detente_window_open_file (window, file);
  wait_until (has_dialog, NULL);
  adw_message_dialog_response (find_dialog (), "discard");
  wait_until (shows_project, window);
  while (detente_window_get_project (window) == project)
    g_main_context_iteration (NULL, TRUE);
  wait_until (shows_project, window);

  project = detente_window_get_project (window);
  g_assert_true (g_file_equal (detente_project_get_file (project), file));
  g_assert_false (detente_project_get_dirty (project));
  flush_events ();
  assert_tables_match (window, expected);

  /* Closing with unsaved changes asks; Cancel keeps the window. */
  g_assert_true (detente_project_undo (project) == FALSE);
  {
    g_autoptr(GObject) actor = g_list_model_get_item (detente_project_get_actors (project), 1);

    detente_project_remove_actor (project, DETENTE_ACTOR (actor));
  }
  gtk_window_close (GTK_WINDOW (window));
  wait_until (has_dialog, NULL);
  adw_message_dialog_response (find_dialog (), "cancel");
  flush_events ();
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Save keeps the change in the file, then closes. */
  gtk_window_close (GTK_WINDOW (window));
  wait_until (has_dialog, NULL);
  adw_message_dialog_response (find_dialog (), "save");
  wait_until (is_gone, &window);
  {
    g_autoptr(DetenteProject) reread = detente_project_load (file, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_actors (reread)), ==,
                      g_list_model_get_n_items (detente_project_get_actors (expected)) - 1);
  }
}

static DetenteWindow *
only_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  return DETENTE_WINDOW (windows->data);
}

/* The very first start shows the sample; later starts reopen the last
 * project. */
static void
test_first_launch_and_reopen (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DetenteProject) sample = expected_sample ();
  g_autofree char *path = g_build_filename (tmpdir, "last.detente", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;
  DetenteWindow *window;

  g_settings_reset (settings, "first-run");
  g_settings_reset (settings, "last-project");
  g_application_activate (G_APPLICATION (app));
  window = only_window ();
  g_assert_cmpstr (detente_window_get_page (window), ==, "project");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Sample Project");
  g_assert_false (g_settings_get_boolean (settings, "first-run"));
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();

  g_assert_true (detente_project_save (sample, file, NULL, &error));
  g_settings_set_string (settings, "last-project", uri);
  g_application_activate (G_APPLICATION (app));
  window = only_window ();
  wait_until (shows_project, window);
  g_assert_true (g_file_equal (detente_project_get_file (detente_window_get_project (window)), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "last");
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();

  /* A last project that is gone leaves the window empty, not broken. */
  g_unlink (path);
  g_application_activate (G_APPLICATION (app));
  window = only_window ();
  flush_events ();
  g_assert_cmpstr (detente_window_get_page (window), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
}

static void
test_open_broken_file (void)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  g_autofree char *path = g_build_filename (tmpdir, "broken.detente", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_true (g_file_set_contents (path, "<detente-project version=\"1\"><actors>", -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  detente_window_open_file (window, file);
  wait_until (has_dialog, NULL);

  /* The error names the file and the problem, and nothing is lost. */
  dialog = find_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "broken.detente"));
  g_assert_nonnull (strstr (body, "Line "));
  g_assert_cmpstr (detente_window_get_page (window), ==, "empty");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
}

/* A wide window shows the graph with the lists beside it, one list at a
 * time, picked with a switcher; a narrow one gives the graph the whole
 * window and shows the lists over it on demand. */
static void
test_narrow (void)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  AdwLeaflet *leaflet;
  AdwFlap *flap;
  GtkToggleButton *engagements;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  detente_window_open_sample (window);
  leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (window), DETENTE_TYPE_WINDOW, "leaflet"));
  flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), DETENTE_TYPE_WINDOW, "flap"));
  engagements = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), DETENTE_TYPE_WINDOW,
                                                                  "show_engagements_button"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "actors");
  gtk_toggle_button_set_active (engagements, TRUE);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "engagements");

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  for (int i = 0; i < 50 && !adw_flap_get_folded (flap); i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  /* F9, through its action, brings the lists back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-lists", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
}

/* ---- the graph ----------------------------------------------------- */

static gboolean
layout_rested (gpointer data)
{
  DetenteGraphView *view = data;
  double x, y;

  return !detente_graph_view_get_layout_running (view) &&
         detente_graph_view_node_position (view, "antony-blinken", &x, &y);
}

typedef struct
{
  DetenteGraphView *view;
  const char       *actor;
} Selected;

static gboolean
is_selected (gpointer data)
{
  Selected *s = data;

  return g_strcmp0 (detente_graph_view_get_selected (s->view), s->actor) == 0;
}

typedef struct
{
  DetenteGraphView *view;
  double            zoom;
} Zoomed;

static gboolean
zoomed_in (gpointer data)
{
  Zoomed *z = data;

  return detente_graph_view_get_zoom (z->view) > z->zoom * 1.1;
}

typedef struct
{
  DetenteGraphView *view;
  const char       *actor;
  double            x;
  double            y;
} Moved;

static gboolean
node_near (gpointer data)
{
  Moved *m = data;
  double x, y;

  return detente_graph_view_node_position (m->view, m->actor, &x, &y) &&
         fabs (x - m->x) < 6 && fabs (y - m->y) < 6;
}

/* Where a point of @widget is on the X screen: the window has no window
 * manager to move it, so its surface sits at 0, 0. */
static void
to_screen (GtkWidget *widget,
           double     x,
           double     y,
           int       *sx,
           int       *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &dx, &dy);
  *sx = (int) round (p.x + dx);
  *sy = (int) round (p.y + dy);
}

/* Real pointer events through the X server, as a user makes them. */
static void
xdotool (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  flush_events ();
}

static void
pointer_to (GtkWidget *widget,
            double     x,
            double     y)
{
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;
  int px, py;

  to_screen (widget, x, y, &px, &py);
  sx = g_strdup_printf ("%d", px);
  sy = g_strdup_printf ("%d", py);
  xdotool ("mousemove", sx, sy, NULL);
}

/* Clicking a node selects it; the wheel zooms around the pointer;
 * dragging the background pans; dragging a node moves and pins it; the
 * keyboard moves the selection. */
static void
test_graph (void)
{
  DetenteWindow *window;
  DetenteGraphView *view;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  double x, y, x2, y2;
  Selected selected;
  Zoomed zoomed;
  Moved moved;

  if (xdotool_path == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool and an X display");
      return;
    }

  window = detente_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  detente_window_open_sample (window);
  view = DETENTE_GRAPH_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window), DETENTE_TYPE_WINDOW,
                                                            "graph_view"));
  wait_until (layout_rested, view);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_cmpuint (detente_graph_get_n_nodes (detente_graph_view_get_graph (view)), >, 20);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Select Blinken with a click on his node. */
  g_assert_true (detente_graph_view_node_position (view, "antony-blinken", &x, &y));
  pointer_to (GTK_WIDGET (view), x, y);
  xdotool ("click", "1", NULL);
  selected = (Selected) { view, "antony-blinken" };
  wait_until (is_selected, &selected);

  /* Two wheel steps zoom in around the pointer: Blinken stays under it. */
  zoomed = (Zoomed) { view, detente_graph_view_get_zoom (view) };
  xdotool ("click", "4", "click", "4", NULL);
  wait_until (zoomed_in, &zoomed);
  g_assert_true (detente_graph_view_node_position (view, "antony-blinken", &x2, &y2));
  g_assert_cmpfloat (fabs (x2 - x), <, 3);
  g_assert_cmpfloat (fabs (y2 - y), <, 3);

  /* Dragging an empty spot pans: every node moves with the pointer. */
  g_assert_cmpint (detente_graph_view_get_zoom (view) > 0, ==, TRUE);
  pointer_to (GTK_WIDGET (view), 20, gtk_widget_get_height (GTK_WIDGET (view)) / 2.0);
  xdotool ("mousedown", "1", NULL);
  pointer_to (GTK_WIDGET (view), 70, gtk_widget_get_height (GTK_WIDGET (view)) / 2.0 + 20);
  pointer_to (GTK_WIDGET (view), 120, gtk_widget_get_height (GTK_WIDGET (view)) / 2.0 + 40);
  xdotool ("mouseup", "1", NULL);
  moved = (Moved) { view, "antony-blinken", x + 100, y + 40 };
  wait_until (node_near, &moved);

  /* Dragging Blinken moves and pins him. */
  g_assert_false (detente_graph_view_get_pinned (view, "antony-blinken"));
  pointer_to (GTK_WIDGET (view), x + 100, y + 40);
  xdotool ("mousedown", "1", NULL);
  pointer_to (GTK_WIDGET (view), x + 80, y + 60);
  pointer_to (GTK_WIDGET (view), x + 60, y + 80);
  xdotool ("mouseup", "1", NULL);
  moved = (Moved) { view, "antony-blinken", x + 60, y + 80 };
  wait_until (node_near, &moved);
  g_assert_true (detente_graph_view_get_pinned (view, "antony-blinken"));
  g_assert_cmpstr (detente_graph_view_get_selected (view), ==, "antony-blinken");

  /* Tab moves to another actor; Escape clears; 0 fits again. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  xdotool ("key", "Tab", NULL);
  for (int i = 0; i < 20 && g_strcmp0 (detente_graph_view_get_selected (view), "antony-blinken") == 0; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (detente_graph_view_get_selected (view));
  g_assert_cmpstr (detente_graph_view_get_selected (view), !=, "antony-blinken");
  xdotool ("key", "Escape", NULL);
  g_assert_null (detente_graph_view_get_selected (view));
  zoomed.zoom = detente_graph_view_get_zoom (view);
  xdotool ("key", "0", NULL);
  g_assert_cmpfloat (detente_graph_view_get_zoom (view), <, zoomed.zoom);

  /* Finding an actor by part of the name selects and centres it. */
  g_assert_true (detente_graph_view_find (view, "raimondo"));
  g_assert_cmpstr (detente_graph_view_get_selected (view), ==, "gina-raimondo");
  g_assert_false (detente_graph_view_find (view, "nobody by that name"));

  detente_project_mark_saved (detente_window_get_project (window));
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
}

/* ---- importing ---------------------------------------------------- */

static const struct
{
  const char *name;
  const char *text;
} articles[] = {
  { "01-blinken-wang.txt",
    "Title: Blinken meets Wang Yi in Beijing\n"
    "Date: 2023-06-19\n\n"
    "US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing "
    "on Monday.\n" },
  { "02-biden-xi.txt",
    "Title: Biden and Xi meet in Bali\n"
    "Date: 2022-11-14\n\n"
    "US President Joe Biden and Chinese President Xi Jinping met in Bali on Monday, on the "
    "eve of the G20 summit.\n" },
  { "03-yellen.md",
    "Title: Yellen visits Beijing\n"
    "Date: 2023-07-07\n\n"
    "Treasury Secretary Janet Yellen visited Beijing on Friday. Ms. Yellen met Premier Li Qiang "
    "on Friday.\n" },
};

/* A folder of small articles, made once. */
static GFile *
article_folder (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "articles", NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
        {
          g_autofree char *path = g_build_filename (dir, articles[i].name, NULL);

          g_assert_true (g_file_set_contents (path, articles[i].text, -1, NULL));
        }
    }
  return g_file_new_for_path (dir);
}

static gboolean
import_done (gpointer data)
{
  return !detente_window_get_importing (data);
}

static GtkWidget *
template_child (DetenteWindow *window,
                const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), DETENTE_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_toast_label (GtkWidget  *widget,
                 const char *text,
                 gboolean    in_toast)
{
  in_toast = in_toast || g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0;
  if (in_toast && GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_toast_label (child, text, in_toast))
      return TRUE;
  return FALSE;
}

typedef struct
{
  DetenteWindow *window;
  const char    *text;
} ToastWait;

static gboolean
shows_toast (gpointer data)
{
  ToastWait *wait = data;

  return has_toast_label (template_child (wait->window, "toast_overlay"), wait->text, FALSE);
}

static void
wait_for_toast (DetenteWindow *window,
                const char    *text)
{
  ToastWait wait = { window, text };

  wait_until (shows_toast, &wait);
}

/* Accessible properties can only be read back with an AT context, which
 * GTK_A11Y=none (needed where there is no session bus) leaves out. */
static gboolean
have_at_context (void)
{
  return g_strcmp0 (g_getenv ("GTK_A11Y"), "none") != 0;
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

/* Import a folder into a window with no project, through the same call
 * the file chooser makes: a project appears, gains the articles, shows
 * them in the tables, and one undo takes the whole import back. */
static void
test_import_folder (void)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) folder = article_folder ();
  g_autofree char *missing_path = g_build_filename (tmpdir, "missing.txt", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  GFile *files[] = { folder, missing };
  GtkWidget *open_button = find_action_button (GTK_WIDGET (window), "win.open");
  GtkWidget *strip = template_child (window, "import_strip");
  GtkWidget *progress = find_descendant (strip, GTK_TYPE_PROGRESS_BAR);
  DetenteProjectTable *actor_table = detente_window_get_actor_table (window);
  DetenteProjectTable *engagement_table = detente_window_get_engagement_table (window);
  g_autofree char *engagements_text = NULL;
  g_autofree char *actors_text = NULL;
  g_autofree char *summary = NULL;
  AdwMessageDialog *dialog;
  DetenteProject *project;
  GtkWidget *label;
  guint n_actors, n_engagements;

  /* Ctrl+I imports articles, Shift+Ctrl+I folders. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.import");
    g_auto(GStrv) folder_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                          "win.import-folder");

    g_assert_cmpstr (accels[0], ==, "<Control>i");
    g_assert_cmpstr (folder_accels[0], ==, "<Shift><Control>i");
  }

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (detente_window_get_page (window), ==, "empty");
  g_assert_true (gtk_widget_get_sensitive (open_button));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (progress), GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
  if (have_at_context ())
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Import Progress");

  detente_window_import_files (window, files, G_N_ELEMENTS (files));

  /* A new project takes the articles; nothing may replace or save it
   * meanwhile, and a second import waits its turn. */
  g_assert_true (detente_window_get_importing (window));
  g_assert_cmpstr (detente_window_get_page (window), ==, "project");
  project = detente_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_false (gtk_widget_get_sensitive (open_button));
  detente_window_import_files (window, files, 1);
  g_assert_true (detente_window_get_project (window) == project);

  wait_until (import_done, window);
  g_assert_true (detente_window_get_project (window) == project);
  g_assert_true (gtk_widget_get_sensitive (open_button));
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, G_N_ELEMENTS (articles));
  n_actors = n_items (detente_project_get_actors (project));
  n_engagements = n_items (detente_project_get_engagements (project));
  g_assert_cmpuint (n_actors, >, 0);
  g_assert_cmpuint (n_engagements, >, 0);
  /* The tables follow the project by themselves. */
  flush_events ();
  g_assert_cmpuint (detente_project_table_get_n_rows (actor_table), ==, n_actors);
  g_assert_cmpuint (detente_project_table_get_n_rows (engagement_table), ==, n_engagements);
  g_assert_true (detente_project_get_dirty (project));

  /* The toast tells what came in, and that one file did not. */
  engagements_text = g_strdup_printf (n_engagements == 1 ? "%u engagement" : "%u engagements", n_engagements);
  actors_text = g_strdup_printf (n_actors == 1 ? "%u actor" : "%u actors", n_actors);
  summary = g_strdup_printf ("Imported 3 articles: %s, %s; 1 file could not be imported",
                             engagements_text, actors_text);
  wait_for_toast (window, summary);

  /* Its Details name the file and why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-details", NULL));
  wait_until (has_dialog, NULL);
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "1 File Was Not Imported");
  label = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "missing.txt"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  flush_events ();

  /* One undo takes all of it back, one redo brings it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 0);
  flush_events ();
  g_assert_cmpuint (detente_project_table_get_n_rows (actor_table), ==, 0);
  g_assert_cmpuint (detente_project_table_get_n_rows (engagement_table), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, G_N_ELEMENTS (articles));
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, n_actors);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, n_engagements);

  /* The same articles again add nothing, and say so. */
  detente_window_import_files (window, files, 1);
  wait_until (import_done, window);
  wait_for_toast (window, "Nothing new: these articles are already in the project");
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, G_N_ELEMENTS (articles));
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, n_actors);

  /* No unsaved-changes question in the way of the next test. */
  detente_project_mark_saved (project);
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
}

static void
assert_counts (DetenteProject *project,
               const guint     counts[3])
{
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, counts[0]);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, counts[1]);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, counts[2]);
}

/* Cancel leaves the project exactly as it was, and a project made for the
 * import goes again. */
static void
test_import_cancel (void)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) folder = article_folder ();
  GtkWidget *strip = template_child (window, "import_strip");
  GtkWidget *cancel = find_descendant (strip, GTK_TYPE_BUTTON);
  DetenteProject *project;
  guint counts[3];

  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (cancel);
  g_assert_false (gtk_widget_get_sensitive (cancel));
  if (have_at_context ())
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Cancel Import");

  detente_window_import_files (window, &folder, 1);
  g_assert_true (gtk_widget_get_sensitive (cancel));
  g_signal_emit_by_name (cancel, "clicked");
  wait_until (import_done, window);
  g_assert_null (detente_window_get_project (window));
  g_assert_cmpstr (detente_window_get_page (window), ==, "empty");
  wait_for_toast (window, "Import cancelled");

  detente_window_open_sample (window);
  project = detente_window_get_project (window);
  counts[0] = n_items (detente_project_get_sources (project));
  counts[1] = n_items (detente_project_get_actors (project));
  counts[2] = n_items (detente_project_get_engagements (project));
  g_assert_false (detente_project_get_dirty (project));

  detente_window_import_files (window, &folder, 1);
  g_assert_true (gtk_widget_activate_action (strip, "import.cancel", NULL));
  wait_until (import_done, window);
  g_assert_true (detente_window_get_project (window) == project);
  assert_counts (project, counts);
  g_assert_false (detente_project_get_dirty (project));
  g_assert_false (detente_project_can_undo (project));
  g_assert_false (gtk_widget_get_sensitive (cancel));

  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
}

/* Closing the window in the middle of an import stops it: the window goes
 * away and nothing calls back into it. */
static void
test_import_close (void)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) folder = article_folder ();
  g_autoptr(DetenteProject) project = NULL;

  GtkWidget *strip = template_child (window, "import_strip");

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_add_weak_pointer (G_OBJECT (strip), (gpointer *) &strip);
  gtk_window_present (GTK_WINDOW (window));
  detente_window_import_files (window, &folder, 1);
  project = g_object_ref (detente_window_get_project (window));

  /* Closing asks first, at once, before the main loop lets the import
   * land; the window goes only once the import has stopped, and the
   * project never gets the articles. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (has_dialog (NULL));
  g_assert_nonnull (window);
  answer_dialog ("stop");
  wait_until (is_gone, &window);
  wait_until (is_gone, &strip);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 0);
  g_assert_false (detente_project_can_undo (project));
}

/* Choosing to go on importing keeps the window, and the import ends as
 * usual; closing then asks about the unsaved articles. */
static void
test_import_close_continue (void)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) folder = article_folder ();
  DetenteProject *project;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  detente_window_import_files (window, &folder, 1);
  gtk_window_close (GTK_WINDOW (window));
  wait_until (has_dialog, NULL);
  answer_dialog ("cancel");
  wait_until (import_done, window);
  flush_events ();

  g_assert_nonnull (window);
  project = detente_window_get_project (window);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), >, 0);
  g_assert_true (detente_project_get_dirty (project));

  gtk_window_close (GTK_WINDOW (window));
  wait_until (has_dialog, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (find_dialog ()), ==, "Save Changes?");
  answer_dialog ("discard");
  wait_until (is_gone, &window);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Files dropped on the window take the same path; the window shows where
 * they go while they hover. */
static void
test_import_drop (void)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) folder = article_folder ();
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  GtkWidget *highlight = template_child (window, "drop_highlight");
  GtkWidget *content = template_child (window, "drop_overlay");
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *list = g_slist_prepend (NULL, folder);
  GdkDragAction action = 0;
  gboolean dropped = FALSE;

  g_assert_nonnull (target);
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target),
                                                    GDK_TYPE_FILE_LIST));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (highlight));
  g_assert_false (gtk_widget_get_can_target (highlight));

  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_get_visible (highlight));
  g_assert_true (gtk_widget_has_css_class (content, "drop-active"));
  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_get_visible (highlight));
  g_assert_false (gtk_widget_has_css_class (content, "drop-active"));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_true (dropped);
  g_assert_false (gtk_widget_get_visible (highlight));
  g_assert_true (detente_window_get_importing (window));

  /* Nothing more is taken while the import runs. */
  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, 0);
  g_assert_false (gtk_widget_get_visible (highlight));

  wait_until (import_done, window);
  g_assert_cmpuint (n_items (detente_project_get_sources (detente_window_get_project (window))), ==,
                    G_N_ELEMENTS (articles));

  detente_project_mark_saved (detente_window_get_project (window));
  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                   NULL, NULL);
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display; run under xvfb-run\n");
      return 0;
    }

  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Own the main context throughout, as g_main_loop_run() does in the
   * application: the tests iterate it by hand, and between iterations a
   * worker thread could otherwise acquire it and run main-thread work. */
  g_assert_true (g_main_context_acquire (NULL));

  tmpdir = g_dir_make_tmp ("detente-window-XXXXXX", NULL);
  app = detente_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/app/window/first-launch-reopen", test_first_launch_and_reopen);
  g_test_add_func ("/app/window/sample-save-reopen", test_sample_save_reopen);
  g_test_add_func ("/app/window/open-broken-file", test_open_broken_file);
  g_test_add_func ("/app/window/narrow", test_narrow);
  g_test_add_func ("/app/window/graph", test_graph);
  g_test_add_func ("/app/window/import-folder", test_import_folder);
  g_test_add_func ("/app/window/import-cancel", test_import_cancel);
  g_test_add_func ("/app/window/import-close", test_import_close);
  g_test_add_func ("/app/window/import-close-continue", test_import_close_continue);
  g_test_add_func ("/app/window/import-drop", test_import_drop);

  ret = g_test_run ();
  g_main_context_release (NULL);

  g_clear_object (&app);
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);

    remove_tree (dir);
  }
  g_free (tmpdir);
  return ret;
}
