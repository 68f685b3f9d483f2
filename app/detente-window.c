/* detente-window.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "detente-graph-view.h"
#include "detente-import-strip.h"
#include "detente-project-io.h"
#include "detente-window.h"

#define SAMPLE_RESOURCE RESOURCE_PREFIX "/samples/sample.detente"

/* What to do once unsaved changes are dealt with. */
typedef enum
{
  THEN_NOTHING,
  THEN_CLOSE,
  THEN_OPEN_FILE,
  THEN_CHOOSE_FILE,
  THEN_OPEN_SAMPLE,
} Then;

struct _DetenteWindow
{
  AdwApplicationWindow  parent_instance;

  DetenteProject       *project;
  GSettings            *settings;
  GCancellable         *loading;
  GFile                *pending_file;
  GtkFileChooserNative *chooser;
  GPtrArray            *import_failures;
  AdwToast             *import_toast;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwLeaflet           *leaflet;
  GtkWidget            *drop_overlay;
  GtkWidget            *drop_highlight;
  DetenteImportStrip   *import_strip;
  GtkToggleButton      *show_actors_button;
  GtkToggleButton      *show_engagements_button;
  DetenteProjectTable  *actor_table;
  DetenteProjectTable  *engagement_table;
  AdwFlap              *flap;
  DetenteGraphView     *graph_view;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;

  Then                  then;
  guint                 is_sample : 1;
  guint                 closing : 1;
  /* The user chose to stop the import under way; once it has wound down,
   * what was waiting (self->then) goes on. */
  guint                 stopping_import : 1;
  /* The project was made for the import under way, and goes if it adds
   * nothing. */
  guint                 import_made_project : 1;
};

G_DEFINE_FINAL_TYPE (DetenteWindow, detente_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_as (DetenteWindow *self,
                     Then           then);
static void proceed (DetenteWindow *self);

static void
show_error (DetenteWindow *self,
            const char    *heading,
            const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                              error ? error->message : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
project_name (DetenteWindow *self)
{
  GFile *file;
  g_autofree char *base = NULL;

  if (self->project == NULL)
    return g_strdup (_("Détente"));
  if (self->is_sample)
    return g_strdup (_("Sample Project"));
  file = detente_project_get_file (self->project);
  if (file == NULL)
    return g_strdup (_("Untitled Project"));

  base = g_file_get_basename (file);
  if (g_str_has_suffix (base, ".detente"))
    base[strlen (base) - strlen (".detente")] = '\0';
  return g_steal_pointer (&base);
}

static void
update_title (DetenteWindow *self)
{
  g_autofree char *name = project_name (self);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  gboolean dirty = self->project != NULL && detente_project_get_dirty (self->project);
  GFile *file = self->project ? detente_project_get_file (self->project) : NULL;

  if (file != NULL && !self->is_sample)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *path = parent ? g_file_get_path (parent) : NULL;
      const char *home = g_get_home_dir ();

      if (path != NULL && home != NULL && g_str_has_prefix (path, home))
        subtitle = g_strconcat ("~", path + strlen (home), NULL);
      else
        subtitle = g_steal_pointer (&path);
    }
  else if (self->is_sample)
    subtitle = g_strdup (_("Not saved yet"));

  title = dirty ? g_strdup_printf ("• %s", name) : g_strdup (name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_actions (DetenteWindow *self)
{
  /* While a project loads, it is about to replace this one: no edits.
   * While articles are imported, the project must stay where it is. */
  gboolean importing = detente_import_strip_get_running (self->import_strip);
  gboolean have = self->project != NULL && self->loading == NULL;
  gboolean failures = self->import_failures != NULL && self->import_failures->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", have && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", have && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", self->loading == NULL && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder",
                                 self->loading == NULL && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-details", failures);
  /* The import adds to the project as it reads, in one step still open
   * until it ends: nothing else may change the project meanwhile. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 have && !importing && detente_project_can_undo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 have && !importing && detente_project_can_redo (self->project));
  detente_project_table_set_read_only (self->actor_table, importing);
  detente_project_table_set_read_only (self->engagement_table, importing);
}

static void
on_project_notify_cb (DetenteWindow *self)
{
  update_title (self);
  update_actions (self);
}

static void
cancel_loading (DetenteWindow *self)
{
  if (self->loading == NULL)
    return;
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_spinner_stop (self->spinner);
}

static void
set_project (DetenteWindow  *self,
             DetenteProject *project,
             gboolean        is_sample)
{
  /* Whatever was loading must not replace what is now shown, and what was
   * being imported was meant for the project that goes. */
  cancel_loading (self);
  if (project != self->project)
    {
      detente_import_strip_stop (self->import_strip);
      self->import_made_project = FALSE;
    }

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);

  g_set_object (&self->project, project);
  self->is_sample = is_sample;

  if (project != NULL)
    {
      g_signal_connect_object (project, "notify::dirty", G_CALLBACK (on_project_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "notify::can-undo", G_CALLBACK (on_project_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "notify::can-redo", G_CALLBACK (on_project_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "notify::file", G_CALLBACK (on_project_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }

  detente_project_table_set_project (self->actor_table, project);
  detente_project_table_set_project (self->engagement_table, project);
  detente_graph_view_set_project (self->graph_view, project);
  gtk_stack_set_visible_child_name (self->stack, project ? "project" : "empty");
  update_title (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

static void
remember_file (DetenteWindow *self,
               GFile         *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  g_settings_set_string (self->settings, "last-project", uri);
}

/* ---- loading ------------------------------------------------------ */

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DetenteWindow) self = user_data;
  g_autoptr(DetenteProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = detente_project_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  cancel_loading (self);
  if (project == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->project ? "project" : "empty");
      update_actions (self);
      show_error (self, _("Could Not Open the Project"), error);
      return;
    }

  remember_file (self, detente_project_get_file (project));
  set_project (self, project, FALSE);
}

static void
load_file (DetenteWindow *self,
           GFile         *file)
{
  cancel_loading (self);
  self->loading = g_cancellable_new ();

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);
  update_actions (self);
  detente_project_load_async (file, self->loading, on_loaded_cb, g_object_ref (self));
}

static void
load_sample (DetenteWindow *self)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(DetenteProject) project = NULL;
  g_autoptr(GError) error = NULL;

  /* The sample is small and bundled: read it at once. */
  in = g_resources_open_stream (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (in != NULL)
    project = detente_project_load_from_stream (in, _("Sample Project"), NULL, &error);
  if (project == NULL)
    {
      show_error (self, _("Could Not Open the Sample Project"), error);
      return;
    }
  set_project (self, project, TRUE);
}

/* ---- saving ------------------------------------------------------- */

/**
 * detente_window_save_to:
 * @self: a window
 * @file: where to save
 * @error: return location for a #GError
 *
 * Saves the project to @file, which becomes its file and the last project.
 *
 * Returns: %TRUE on success
 */
gboolean
detente_window_save_to (DetenteWindow  *self,
                        GFile          *file,
                        GError        **error)
{
  g_return_val_if_fail (DETENTE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  if (!detente_project_save (self->project, file, NULL, error))
    return FALSE;

  self->is_sample = FALSE;
  remember_file (self, file);
  update_title (self);
  return TRUE;
}

static gboolean
save_and_report (DetenteWindow *self,
                 GFile         *file)
{
  g_autoptr(GError) error = NULL;

  if (detente_window_save_to (self, file, &error))
    return TRUE;
  show_error (self, _("Could Not Save the Project"), error);
  return FALSE;
}

/* Shows the project chooser: for opening, or for saving under @name. */
static void
show_chooser (DetenteWindow        *self,
              GtkFileChooserAction  action,
              const char           *name,
              GCallback             on_response)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  gtk_file_filter_set_name (filter, _("Détente Projects"));
  gtk_file_filter_add_pattern (filter, "*.detente");
  gtk_file_filter_add_mime_type (filter, "application/x-detente-project");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (saving ? _("Save Project") : _("Open Project"),
                                               GTK_WINDOW (self), action,
                                               saving ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", on_response, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The file the user chose, if any; the chooser is done with either way. */
static GFile *
take_chosen_file (DetenteWindow   *self,
                  GtkNativeDialog *dialog,
                  int              response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  return file;
}

static void
on_save_as_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        DetenteWindow   *self)
{
  g_autoptr(GFile) file = take_chosen_file (self, dialog, response);

  if (file == NULL)
    {
      /* Cancelled: nothing waits for this save any more. */
      self->then = THEN_NOTHING;
      g_clear_object (&self->pending_file);
      return;
    }

  /* Give the file its extension, as users expect of a document, unless
   * that would replace a file the chooser did not ask about. */
  if (g_file_peek_path (file) != NULL && !g_str_has_suffix (g_file_peek_path (file), ".detente"))
    {
      g_autofree char *path = g_strconcat (g_file_peek_path (file), ".detente", NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_clear_object (&file);
          file = g_file_new_for_path (path);
        }
    }

  if (save_and_report (self, file))
    proceed (self);
}

static void
save_as (DetenteWindow *self,
         Then           then)
{
  g_autofree char *name = project_name (self);
  g_autofree char *file_name = g_strconcat (name, ".detente", NULL);

  self->then = then;
  show_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE, file_name, G_CALLBACK (on_save_as_response_cb));
}

/* Saves in place, or asks where; then goes on with self->then. */
static void
save (DetenteWindow *self,
      Then           then)
{
  GFile *file = detente_project_get_file (self->project);

  if (file == NULL || self->is_sample)
    {
      save_as (self, then);
      return;
    }
  self->then = then;
  if (save_and_report (self, file))
    proceed (self);
}

/* ---- the unsaved-changes question ---------------------------------- */

static void
on_open_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     DetenteWindow   *self)
{
  g_autoptr(GFile) file = take_chosen_file (self, dialog, response);

  self->then = THEN_NOTHING;

  if (file != NULL)
    load_file (self, file);
}

static void
choose_file (DetenteWindow *self)
{
  show_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN, NULL, G_CALLBACK (on_open_response_cb));
}

static gboolean
close_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Carries out what was waiting for the unsaved changes to be dealt with. */
static void
proceed (DetenteWindow *self)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);

  switch (self->then)
    {
    case THEN_CLOSE:
      /* Not from inside the dialog's response: it still refers to us. */
      self->closing = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle, g_object_ref (self), g_object_unref);
      break;
    case THEN_OPEN_FILE:
      if (file != NULL)
        load_file (self, file);
      break;
    case THEN_CHOOSE_FILE:
      choose_file (self);
      break;
    case THEN_OPEN_SAMPLE:
      load_sample (self);
      break;
    default:
      break;
    }
  self->then = THEN_NOTHING;
}

static void
on_unsaved_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        DetenteWindow    *self)
{
  if (g_str_equal (response, "save"))
    save (self, self->then);
  else if (g_str_equal (response, "discard"))
    proceed (self);
  else
    {
      self->then = THEN_NOTHING;
      g_clear_object (&self->pending_file);
    }
}

static void ask_stop_import (DetenteWindow *self);

static void
then_after_unsaved (DetenteWindow *self,
                    Then           then)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;

  self->then = then;
  /* Already stopping: this goes on once it has. */
  if (self->stopping_import)
    return;
  /* An import under way would go with the project: the user says first. */
  if (detente_import_strip_get_running (self->import_strip))
    {
      ask_stop_import (self);
      return;
    }
  if (self->project == NULL || !detente_project_get_dirty (self->project))
    {
      proceed (self);
      return;
    }

  name = project_name (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Changes that are not saved "
                                    "will be lost."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_unsaved_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_stop_import_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            DetenteWindow    *self)
{
  if (!g_str_equal (response, "stop"))
    {
      self->then = THEN_NOTHING;
      g_clear_object (&self->pending_file);
      return;
    }
  /* It may have ended while the question was open. */
  if (!detente_import_strip_get_running (self->import_strip))
    {
      then_after_unsaved (self, self->then);
      return;
    }
  self->stopping_import = TRUE;
  detente_import_strip_cancel (self->import_strip);
}

static void
ask_stop_import (DetenteWindow *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Stop the Import?"),
                                   _("Articles are still being imported. If you stop now, "
                                     "none of them are kept."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Continue Importing"),
                                    "stop", _("_Stop Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_stop_import_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- importing ---------------------------------------------------- */

static gboolean
can_import (DetenteWindow *self)
{
  return self->loading == NULL && !detente_import_strip_get_running (self->import_strip);
}

static void
on_import_toast_dismissed_cb (DetenteWindow *self,
                              AdwToast      *toast)
{
  if (self->import_toast == toast)
    self->import_toast = NULL;
}

/* The news of an import replaces that of the one before, if still shown. */
static void
show_import_toast (DetenteWindow *self,
                   AdwToast      *toast)
{
  if (self->import_toast != NULL)
    adw_toast_dismiss (self->import_toast);
  self->import_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_import_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_import_finished_cb (DetenteWindow             *self,
                       const DetenteMergeSummary *summary,
                       GPtrArray                 *failures,
                       const GError              *error)
{
  gboolean made_project = self->import_made_project;
  g_autofree char *title = NULL;
  AdwToast *toast;

  self->import_made_project = FALSE;
  g_clear_pointer (&self->import_failures, g_ptr_array_unref);
  if (failures != NULL && failures->len > 0)
    self->import_failures = g_ptr_array_ref (failures);

  /* A project made only for this import goes again if it got nothing, so
   * the window offers what to do next instead of an empty table. */
  if (made_project && self->project != NULL &&
      g_list_model_get_n_items (detente_project_get_sources (self->project)) == 0)
    set_project (self, NULL, FALSE);
  update_actions (self);

  /* Stopped to close the window or open another project: that goes on,
   * with nothing to tell about an import the user chose to stop. */
  if (self->stopping_import)
    {
      self->stopping_import = FALSE;
      then_after_unsaved (self, self->then);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_import_toast (self, adw_toast_new (_("Import cancelled")));
      return;
    }
  if (summary == NULL)
    {
      show_error (self, _("Could Not Import the Articles"), error);
      return;
    }

  title = detente_import_strip_describe (summary, self->import_failures ? self->import_failures->len : 0);
  toast = adw_toast_new (title);
  if (self->import_failures != NULL)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.import-details");
      adw_toast_set_timeout (toast, 10);
    }
  else if (summary->sources > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  show_import_toast (self, toast);
}

static void
import_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DetenteWindow *self = DETENTE_WINDOW (widget);

  if (self->import_failures != NULL)
    gtk_window_present (detente_import_strip_new_failures_dialog (GTK_WINDOW (self),
                                                                  self->import_failures));
}

static void
on_import_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       DetenteWindow   *self)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (chosen == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
    g_ptr_array_add (files, g_list_model_get_item (chosen, i));
  detente_window_import_files (self, (GFile **) files->pdata, files->len);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DetenteWindow *self = DETENTE_WINDOW (widget);

  g_clear_object (&self->chooser);
  self->chooser = detente_import_strip_new_chooser (GTK_WINDOW (self),
                                                    g_str_equal (action_name, "win.import-folder"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
show_drop_highlight (DetenteWindow *self,
                     gboolean       show)
{
  gtk_widget_set_visible (self->drop_highlight, show);
  if (show)
    gtk_widget_add_css_class (self->drop_overlay, "drop-active");
  else
    gtk_widget_remove_css_class (self->drop_overlay, "drop-active");
}

static GdkDragAction
on_drop_enter_cb (DetenteWindow *self)
{
  if (!can_import (self))
    return 0;
  show_drop_highlight (self, TRUE);
  return GDK_ACTION_COPY;
}

static GdkDragAction
on_drop_motion_cb (DetenteWindow *self)
{
  return can_import (self) ? GDK_ACTION_COPY : 0;
}

static void
on_drop_leave_cb (DetenteWindow *self)
{
  show_drop_highlight (self, FALSE);
}

static gboolean
on_drop_cb (DetenteWindow *self,
            const GValue  *value)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *list;

  show_drop_highlight (self, FALSE);
  if (!can_import (self) || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  g_slist_free (list);

  /* A project file dropped alone is opened, not read as an article. */
  if (files->len == 1 && g_file_peek_path (files->pdata[0]) != NULL &&
      g_str_has_suffix (g_file_peek_path (files->pdata[0]), ".detente"))
    {
      detente_window_open_file (self, files->pdata[0]);
      return TRUE;
    }

  detente_window_import_files (self, (GFile **) files->pdata, files->len);
  return files->len > 0;
}

/* ---- actions ------------------------------------------------------ */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  then_after_unsaved (DETENTE_WINDOW (widget), THEN_CHOOSE_FILE);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  then_after_unsaved (DETENTE_WINDOW (widget), THEN_OPEN_SAMPLE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DetenteWindow *self = DETENTE_WINDOW (widget);

  if (self->project == NULL)
    return;
  if (g_str_equal (action_name, "win.save-as"))
    save_as (self, THEN_NOTHING);
  else
    save (self, THEN_NOTHING);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DetenteWindow *self = DETENTE_WINDOW (widget);

  if (self->project == NULL)
    return;
  if (g_str_equal (action_name, "win.undo"))
    detente_project_undo (self->project);
  else
    detente_project_redo (self->project);
}

/* In a narrow window the tables take turns; the switcher picks one. */
static void
on_switcher_toggled_cb (DetenteWindow   *self,
                        GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  adw_leaflet_set_visible_child_name (self->leaflet,
                                      button == self->show_actors_button ? "actors" : "engagements");
}

/* A swipe moves between the tables too; the switcher follows. */
static void
on_leaflet_visible_child_cb (DetenteWindow *self)
{
  const char *name = adw_leaflet_get_visible_child_name (self->leaflet);

  if (g_strcmp0 (name, "engagements") == 0)
    gtk_toggle_button_set_active (self->show_engagements_button, TRUE);
  else if (g_strcmp0 (name, "actors") == 0)
    gtk_toggle_button_set_active (self->show_actors_button, TRUE);
}

static void
on_removed_cb (DetenteWindow *self,
               const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- GObject / GtkWindow ------------------------------------------ */

static gboolean
detente_window_close_request (GtkWindow *window)
{
  DetenteWindow *self = DETENTE_WINDOW (window);

  if (!self->closing &&
      (detente_import_strip_get_running (self->import_strip) ||
       (self->project != NULL && detente_project_get_dirty (self->project))))
    {
      then_after_unsaved (self, THEN_CLOSE);
      return TRUE;
    }

  if (!gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (detente_window_parent_class)->close_request (window);
}

static void
detente_window_dispose (GObject *object)
{
  DetenteWindow *self = (DetenteWindow *) object;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  /* The strip outlives the window while its import winds down; the import
   * must not land in a project nobody sees. */
  if (self->import_strip != NULL)
    detente_import_strip_stop (self->import_strip);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->import_failures, g_ptr_array_unref);
  self->import_toast = NULL;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), DETENTE_TYPE_WINDOW);

  G_OBJECT_CLASS (detente_window_parent_class)->dispose (object);
}

static void
detente_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DetenteWindow *self = DETENTE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Finding an actor selects it in the graph and brings it to the middle;
 * the entry says so when no name matches. */
static void
find_actor (DetenteWindow *self,
            gboolean       as_typed)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean found = *text == '\0' || detente_graph_view_find (self->graph_view, text);

  if (found)
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
  if (!as_typed && found && *text != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

static void
on_search_changed_cb (DetenteWindow *self)
{
  find_actor (self, TRUE);
}

static void
on_search_activate_cb (DetenteWindow *self)
{
  find_actor (self, FALSE);
}

static void
on_search_stop_cb (DetenteWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

static void
on_layout_running_cb (DetenteWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pause-layout",
                                 detente_graph_view_get_layout_running (self->graph_view));
}

static void
graph_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DetenteWindow *self = DETENTE_WINDOW (widget);

  if (g_str_equal (action_name, "win.fit-graph"))
    detente_graph_view_fit (self->graph_view);
  else if (g_str_equal (action_name, "win.pause-layout"))
    detente_graph_view_set_layout_running (self->graph_view, FALSE);
  else if (g_str_equal (action_name, "win.rerun-layout"))
    detente_graph_view_rerun_layout (self->graph_view);
  else if (g_str_equal (action_name, "win.find"))
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
  else if (g_str_equal (action_name, "win.show-lists"))
    adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
detente_window_class_init (DetenteWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = detente_window_dispose;
  object_class->get_property = detente_window_get_property;
  window_class->close_request = detente_window_close_request;

  /**
   * DetenteWindow:project:
   *
   * The open project, or %NULL.
   */
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, DETENTE_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DETENTE_TYPE_PROJECT_TABLE);
  g_type_ensure (DETENTE_TYPE_IMPORT_STRIP);
  g_type_ensure (DETENTE_TYPE_GRAPH_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/detente-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, show_actors_button);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, show_engagements_button);
  gtk_widget_class_bind_template_callback (widget_class, on_switcher_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, actor_table);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, engagement_table);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, drop_highlight);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, import_strip);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DetenteWindow, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-details", NULL, import_details_action);
  gtk_widget_class_install_action (widget_class, "win.fit-graph", NULL, graph_action);
  gtk_widget_class_install_action (widget_class, "win.pause-layout", NULL, graph_action);
  gtk_widget_class_install_action (widget_class, "win.rerun-layout", NULL, graph_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, graph_action);
  gtk_widget_class_install_action (widget_class, "win.show-lists", NULL, graph_action);

  /* Keys for these are application accelerators (see DetenteApplication),
   * so that the shortcuts window shows them. */
}

static void
detente_window_init (DetenteWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->then = THEN_NOTHING;
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->graph_view, "notify::layout-running", G_CALLBACK (on_layout_running_cb),
                           self, G_CONNECT_SWAPPED);
  on_layout_running_cb (self);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (on_leaflet_visible_child_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actor_table, "removed", G_CALLBACK (on_removed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engagement_table, "removed", G_CALLBACK (on_removed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_strip, "notify::running", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_strip, "finished", G_CALLBACK (on_import_finished_cb),
                           self, G_CONNECT_SWAPPED);

  /* Files and folders dropped anywhere on the window are imported. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "enter", G_CALLBACK (on_drop_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drop, "motion", G_CALLBACK (on_drop_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drop, "leave", G_CALLBACK (on_drop_leave_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  set_project (self, NULL, FALSE);
}

/**
 * detente_window_new:
 * @application: the application
 *
 * Returns: (transfer full): a new main window showing no project
 */
DetenteWindow *
detente_window_new (GtkApplication *application)
{
  return g_object_new (DETENTE_TYPE_WINDOW, "application", application, NULL);
}

/**
 * detente_window_get_project:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the open project
 */
DetenteProject *
detente_window_get_project (DetenteWindow *self)
{
  g_return_val_if_fail (DETENTE_IS_WINDOW (self), NULL);
  return self->project;
}

/**
 * detente_window_open_file:
 * @self: a window
 * @file: a project file
 *
 * Opens @file in the background, after asking about unsaved changes.
 */
void
detente_window_open_file (DetenteWindow *self,
                          GFile         *file)
{
  g_return_if_fail (DETENTE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->pending_file, file);
  then_after_unsaved (self, THEN_OPEN_FILE);
}

/**
 * detente_window_open_sample:
 * @self: a window
 *
 * Opens the bundled sample project, after asking about unsaved changes.
 */
void
detente_window_open_sample (DetenteWindow *self)
{
  g_return_if_fail (DETENTE_IS_WINDOW (self));

  then_after_unsaved (self, THEN_OPEN_SAMPLE);
}

/**
 * detente_window_get_actor_table:
 * @self: a window
 *
 * Returns: (transfer none): the table of actors
 */
DetenteProjectTable *
detente_window_get_actor_table (DetenteWindow *self)
{
  g_return_val_if_fail (DETENTE_IS_WINDOW (self), NULL);
  return self->actor_table;
}

/**
 * detente_window_get_engagement_table:
 * @self: a window
 *
 * Returns: (transfer none): the table of engagements
 */
DetenteProjectTable *
detente_window_get_engagement_table (DetenteWindow *self)
{
  g_return_val_if_fail (DETENTE_IS_WINDOW (self), NULL);
  return self->engagement_table;
}

/**
 * detente_window_get_page:
 * @self: a window
 *
 * Returns: (transfer none): what the window shows: "empty", "loading" or
 *   "project"
 */
const char *
detente_window_get_page (DetenteWindow *self)
{
  g_return_val_if_fail (DETENTE_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * detente_window_import_files:
 * @self: a window
 * @files: (array length=n_files): article files and folders of articles
 * @n_files: how many
 *
 * Imports @files into the open project in the background, showing the
 * progress; a project is made first if none is open. The file chooser and
 * files dropped on the window come here. Does nothing while a project loads
 * or another import is under way.
 */
void
detente_window_import_files (DetenteWindow  *self,
                             GFile         **files,
                             guint           n_files)
{
  g_return_if_fail (DETENTE_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0 || !can_import (self))
    return;

  if (self->project == NULL)
    {
      g_autoptr(DetenteProject) project = detente_project_new ();

      set_project (self, project, FALSE);
      self->import_made_project = TRUE;
    }
  detente_import_strip_start (self->import_strip, self->project, files, n_files);
}

/**
 * detente_window_get_importing:
 * @self: a window
 *
 * Returns: whether articles are being imported
 */
gboolean
detente_window_get_importing (DetenteWindow *self)
{
  g_return_val_if_fail (DETENTE_IS_WINDOW (self), FALSE);
  return detente_import_strip_get_running (self->import_strip);
}
