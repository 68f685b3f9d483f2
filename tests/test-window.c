/* test-window.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "detente-application.h"
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

  /* Engagements show who took part, by name. */
  for (guint row = 0; row < n_engagements; row++)
    {
      g_autofree char *who = detente_project_table_get_cell_text (engagements, row, 2);

      g_assert_nonnull (who);
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

/* A narrow window shows one table at a time, picked with a switcher. */
static void
test_narrow (void)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (app));
  AdwLeaflet *leaflet;
  GtkToggleButton *engagements;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  detente_window_open_sample (window);
  leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (window), DETENTE_TYPE_WINDOW, "leaflet"));
  engagements = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), DETENTE_TYPE_WINDOW,
                                                                  "show_engagements_button"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (adw_leaflet_get_folded (leaflet));

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  for (int i = 0; i < 50 && !adw_leaflet_get_folded (leaflet); i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "actors");

  gtk_toggle_button_set_active (engagements, TRUE);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "engagements");

  gtk_window_destroy (GTK_WINDOW (window));
  flush_events ();
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

  tmpdir = g_dir_make_tmp ("detente-window-XXXXXX", NULL);
  app = detente_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/app/window/first-launch-reopen", test_first_launch_and_reopen);
  g_test_add_func ("/app/window/sample-save-reopen", test_sample_save_reopen);
  g_test_add_func ("/app/window/open-broken-file", test_open_broken_file);
  g_test_add_func ("/app/window/narrow", test_narrow);

  ret = g_test_run ();

  g_clear_object (&app);
  {
    g_autofree char *saved = g_build_filename (tmpdir, "saved.detente", NULL);
    g_autofree char *broken = g_build_filename (tmpdir, "broken.detente", NULL);
    g_autofree char *backup = g_build_filename (tmpdir, "saved.detente~", NULL);

    g_unlink (backup);
    g_unlink (saved);
    g_unlink (broken);
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return ret;
}
