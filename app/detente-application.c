/* detente-application.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "detente-application.h"
#include "detente-window.h"

struct _DetenteApplication
{
  AdwApplication parent_instance;

  guint          open_sample : 1;
};

G_DEFINE_FINAL_TYPE (DetenteApplication, detente_application, ADW_TYPE_APPLICATION)

static DetenteWindow *
new_window (DetenteApplication *self)
{
  DetenteWindow *window = detente_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* A window with nothing open yet, or a new one. */
static DetenteWindow *
free_window (DetenteApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (DETENTE_IS_WINDOW (l->data) && detente_window_get_project (l->data) == NULL &&
        g_strcmp0 (detente_window_get_page (l->data), "loading") != 0)
      {
        gtk_window_present (l->data);
        return l->data;
      }
  return new_window (self);
}

static void
detente_application_activate (GApplication *app)
{
  DetenteApplication *self = DETENTE_APPLICATION (app);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *last = NULL;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  DetenteWindow *window;

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  window = new_window (self);
  settings = g_settings_new (APP_ID);
  last = g_settings_get_string (settings, "last-project");

  if (self->open_sample || g_settings_get_boolean (settings, "first-run"))
    {
      g_settings_set_boolean (settings, "first-run", FALSE);
      detente_window_open_sample (window);
    }
  else if (last != NULL && *last != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_uri (last);

      /* A project that moved away is simply not reopened. */
      if (g_file_query_exists (file, NULL))
        detente_window_open_file (window, file);
    }
}

static void
detente_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  DetenteApplication *self = DETENTE_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    detente_window_open_file (free_window (self), files[i]);
}

static int
detente_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("detente %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "sample"))
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* A running Détente opens the sample in a window of its own. */
      if (g_application_get_is_remote (app))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "open-sample", NULL);
          return 0;
        }
      DETENTE_APPLICATION (app)->open_sample = TRUE;
    }

  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy_deep (gtk_application_get_windows (app), (GCopyFunc) g_object_ref, NULL);

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  detente_window_open_sample (free_window (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Détente developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Détente"),
                        "developer-name", _("The Détente developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("See who met whom in diplomacy: from news articles to a "
                                      "relationship graph and a timeline, with every link traced "
                                      "back to the sentences that report it."),
                        "website", "https://github.com/detente/detente",
                        "issue-url", "https://github.com/detente/detente/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "open-sample", open_sample_action },
};

static void
detente_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.import-folder", { "<Control><Shift>i", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.show-lists", { "F9", NULL } },
    { "win.fit-graph", { "<Control>0", NULL } },
  };

  G_APPLICATION_CLASS (detente_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
detente_application_class_init (DetenteApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = detente_application_activate;
  app_class->open = detente_application_open;
  app_class->startup = detente_application_startup;
  app_class->handle_local_options = detente_application_handle_local_options;
}

static void
detente_application_init (DetenteApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "sample", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the bundled sample project"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE.detente…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Explore who met whom in diplomacy.\n\n"
      "Commands that need no window:\n"
      "  detente import -o PROJECT.detente FILE|FOLDER…  Add articles to a project\n"
      "  detente extract --json FILE…  Print the actors and engagements found in articles, as JSON\n"
      "  detente extract --text FILE   Print an article’s main text\n"
      "  detente info FILE.detente     Print how many sources, actors and engagements a project has"));
}

/**
 * detente_application_new:
 *
 * Returns: (transfer full): the application
 */
DetenteApplication *
detente_application_new (void)
{
  return g_object_new (DETENTE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
