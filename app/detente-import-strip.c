/* detente-import-strip.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "detente-import-strip.h"

/* The strip across the top of the window while articles are imported: what
 * is being read, how far along, and a way to stop. It owns the running
 * importer, so whoever shows it only hears "finished". */

#define PULSE_INTERVAL_MS 120

struct _DetenteImportStrip
{
  GtkWidget        parent_instance;

  GtkWidget       *revealer;
  GtkLabel        *label;
  GtkProgressBar  *progress;

  DetenteImporter *importer;
  GCancellable    *cancellable;
  guint            pulse_id;
};

G_DEFINE_FINAL_TYPE (DetenteImportStrip, detente_import_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
pulse_cb (gpointer data)
{
  DetenteImportStrip *self = data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
update_progress (DetenteImportStrip *self)
{
  g_autofree char *text = NULL;
  g_autofree char *file = NULL;
  guint n_done, n_total;
  const char *current;

  if (self->importer == NULL)
    return;

  n_done = detente_importer_get_n_done (self->importer);
  n_total = detente_importer_get_n_total (self->importer);
  /* The strip has room for the file's name, not its folders. */
  current = detente_importer_get_current_file (self->importer);
  if (current != NULL && *current != '\0')
    file = g_path_get_basename (current);

  /* Folders are still being walked while the total is unknown. */
  if (n_total == 0)
    {
      if (self->pulse_id == 0)
        self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress, MIN (1.0, (double) n_done / n_total));
    }

  if (g_cancellable_is_cancelled (self->cancellable))
    text = g_strdup (_("Cancelling…"));
  else if (n_total == 0)
    text = g_strdup (_("Looking for articles…"));
  else if (n_done >= n_total)
    text = g_strdup (_("Adding the articles to the project…"));
  else if (file != NULL)
    /* Translators: the article being read, its number, how many there are
     * in all, and its file name: "Importing 12 of 340 — talks.html" */
    text = g_strdup_printf (_("Importing %u of %u — %s"), n_done + 1, n_total, file);
  else
    /* Translators: "Importing 12 of 340" (articles) */
    text = g_strdup_printf (_("Importing %u of %u"), n_done + 1, n_total);

  gtk_label_set_label (self->label, text);
}

/* Back to rest: no importer, nothing shown. */
static void
reset (DetenteImportStrip *self)
{
  if (self->importer != NULL)
    g_signal_handlers_disconnect_by_data (self->importer, self);
  g_clear_object (&self->importer);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DetenteImportStrip) self = user_data;
  DetenteImporter *importer = DETENTE_IMPORTER (source);
  DetenteMergeSummary summary = { 0 };
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = detente_importer_import_finish (importer, result, &summary, &error);

  /* Stopped, or the strip is gone: nobody is waiting for this. */
  if (importer != self->importer)
    return;

  failures = detente_importer_get_failures (importer);
  if (failures != NULL)
    g_ptr_array_ref (failures);
  else
    failures = g_ptr_array_new ();

  reset (self);
  g_signal_emit (self, signals[FINISHED], 0, ok ? &summary : NULL, failures, error);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  detente_import_strip_cancel (DETENTE_IMPORT_STRIP (widget));
}

static void
detente_import_strip_dispose (GObject *object)
{
  DetenteImportStrip *self = DETENTE_IMPORT_STRIP (object);

  detente_import_strip_stop (self);
  g_clear_pointer (&self->revealer, gtk_widget_unparent);

  G_OBJECT_CLASS (detente_import_strip_parent_class)->dispose (object);
}

static void
detente_import_strip_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DetenteImportStrip *self = DETENTE_IMPORT_STRIP (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, detente_import_strip_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_import_strip_class_init (DetenteImportStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = detente_import_strip_dispose;
  object_class->get_property = detente_import_strip_get_property;

  /**
   * DetenteImportStrip:running:
   *
   * Whether an import is under way.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DetenteImportStrip::finished:
   * @self: the strip
   * @summary: (nullable): what the import added, or %NULL when it failed
   *   or was cancelled
   * @failures: (element-type DetenteImportFailure): the files that could not
   *   be imported
   * @error: (nullable): why the import stopped; %G_IO_ERROR_CANCELLED when
   *   it was cancelled
   *
   * Emitted when an import ends, unless it was stopped with
   * detente_import_strip_stop().
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_POINTER, G_TYPE_PTR_ARRAY, G_TYPE_ERROR);

  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "importstrip");
}

static void
detente_import_strip_init (DetenteImportStrip *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));

  gtk_widget_add_css_class (box, "import-strip");
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), texts);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  /* Cut the file name, never the count before it. */
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (self->label, TRUE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->label));

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_pulse_step (self->progress, 0.08);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import Progress"),
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->progress),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->progress));

  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "import.cancel");
  gtk_widget_set_tooltip_text (cancel, _("Stop importing; the project stays as it was"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cancel Import"),
                                  -1);
  gtk_box_append (GTK_BOX (box), cancel);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
}

/**
 * detente_import_strip_new:
 *
 * Returns: (transfer full): a new strip, hidden until an import starts
 */
DetenteImportStrip *
detente_import_strip_new (void)
{
  return g_object_new (DETENTE_TYPE_IMPORT_STRIP, NULL);
}

/**
 * detente_import_strip_start:
 * @self: a strip
 * @project: the project to import into
 * @files: (array length=n_files): article files and folders
 * @n_files: how many
 *
 * Imports @files into @project in the background and shows how it goes.
 * #DetenteImportStrip::finished tells how it ended.
 *
 * Returns: %FALSE, doing nothing, when an import is already under way
 */
gboolean
detente_import_strip_start (DetenteImportStrip  *self,
                            DetenteProject      *project,
                            GFile              **files,
                            guint                n_files)
{
  static const char *notified[] = { "notify::n-done", "notify::n-total", "notify::current-file" };

  g_return_val_if_fail (DETENTE_IS_IMPORT_STRIP (self), FALSE);
  g_return_val_if_fail (DETENTE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (files != NULL || n_files == 0, FALSE);

  if (self->importer != NULL)
    return FALSE;

  self->importer = detente_importer_new (project, NULL);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (notified); i++)
    g_signal_connect_object (self->importer, notified[i], G_CALLBACK (update_progress),
                             self, G_CONNECT_SWAPPED);

  gtk_progress_bar_set_fraction (self->progress, 0);
  update_progress (self);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  detente_importer_import_async (self->importer, files, n_files, self->cancellable,
                                 on_imported_cb, g_object_ref (self));
  return TRUE;
}

/**
 * detente_import_strip_cancel:
 * @self: a strip
 *
 * Cancels the import under way, leaving the project as it was.
 * #DetenteImportStrip::finished follows with %G_IO_ERROR_CANCELLED.
 */
void
detente_import_strip_cancel (DetenteImportStrip *self)
{
  g_return_if_fail (DETENTE_IS_IMPORT_STRIP (self));

  if (self->importer == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
  update_progress (self);
}

/**
 * detente_import_strip_stop:
 * @self: a strip
 *
 * Cancels the import under way quietly: #DetenteImportStrip::finished is
 * not emitted. For when whoever waited for it goes away.
 */
void
detente_import_strip_stop (DetenteImportStrip *self)
{
  g_return_if_fail (DETENTE_IS_IMPORT_STRIP (self));

  if (self->importer == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  reset (self);
}

/**
 * detente_import_strip_get_running:
 * @self: a strip
 *
 * Returns: whether an import is under way
 */
gboolean
detente_import_strip_get_running (DetenteImportStrip *self)
{
  g_return_val_if_fail (DETENTE_IS_IMPORT_STRIP (self), FALSE);

  return self->importer != NULL;
}

/**
 * detente_import_strip_describe:
 * @summary: what an import added
 * @n_failed: how many files could not be imported
 *
 * Returns: (transfer full): one line that tells the user how an import went
 */
char *
detente_import_strip_describe (const DetenteMergeSummary *summary,
                               guint                      n_failed)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (summary != NULL, NULL);

  if (summary->sources > 0)
    {
      /* Translators: part of "Imported 5 articles: 12 engagements, 8 actors" */
      g_autofree char *engagements = g_strdup_printf (ngettext ("%u engagement", "%u engagements",
                                                                summary->engagements),
                                                      summary->engagements);
      /* Translators: part of "Imported 5 articles: 12 engagements, 8 actors" */
      g_autofree char *actors = g_strdup_printf (ngettext ("%u actor", "%u actors", summary->actors),
                                                 summary->actors);

      /* Translators: the second %s is "12 engagements", the third "8 actors" */
      what = g_strdup_printf (ngettext ("Imported %u article: %s, %s",
                                        "Imported %u articles: %s, %s", summary->sources),
                              summary->sources, engagements, actors);
    }
  else if (summary->known_sources > 0)
    what = g_strdup (ngettext ("Nothing new: this article is already in the project",
                               "Nothing new: these articles are already in the project",
                               summary->known_sources));
  else if (n_failed > 0)
    return g_strdup_printf (ngettext ("%u file could not be imported",
                                      "%u files could not be imported", n_failed),
                            n_failed);
  else
    return g_strdup (_("No articles found"));

  if (n_failed == 0)
    return g_steal_pointer (&what);

  /* Translators: %s tells what was imported ("Imported 5 articles: 12
   * engagements, 8 actors"); the rest, how many files were left out */
  return g_strdup_printf (ngettext ("%s; %u file could not be imported",
                                    "%s; %u files could not be imported", n_failed),
                          what, n_failed);
}

/**
 * detente_import_strip_new_chooser:
 * @parent: the window to import into
 * @folders: whether to choose folders rather than files
 *
 * Makes the file chooser for articles: several files (with a filter for
 * the kinds an import reads) or several folders. The caller connects to
 * #GtkNativeDialog::response and shows it.
 *
 * Returns: (transfer full): a new chooser
 */
GtkFileChooserNative *
detente_import_strip_new_chooser (GtkWindow *parent,
                                  gboolean   folders)
{
  static const char *suffixes[] = {
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "xml", "rss", "atom", "feed", "gz",
  };
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folders ? _("Import a Folder of Articles") : _("Import Articles"),
                                         parent,
                                         folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                 : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folders)
    {
      g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (articles, _("All Articles"));
      /* Suffixes match whatever the case: ARTICLE.HTM is an article too. */
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        gtk_file_filter_add_suffix (articles, suffixes[i]);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), articles);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  return chooser;
}

/**
 * detente_import_strip_new_failures_dialog:
 * @parent: the window the import was for
 * @failures: (element-type DetenteImportFailure): the files that could not
 *   be imported
 *
 * Makes a dialog that lists each file that could not be imported and why,
 * in text that can be selected and copied, scrolling when there are many.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWindow *
detente_import_strip_new_failures_dialog (GtkWindow *parent,
                                          GPtrArray *failures)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;
  guint n;

  g_return_val_if_fail (failures != NULL, NULL);

  n = failures->len;
  for (guint i = 0; i < n; i++)
    {
      const DetenteImportFailure *failure = g_ptr_array_index (failures, i);
      g_autofree char *file = g_markup_escape_text (failure->file ? failure->file : "", -1);
      g_autofree char *message = g_markup_escape_text (failure->message ? failure->message : "", -1);

      g_string_append_printf (markup, "%s<b>%s</b>\n%s", i > 0 ? "\n\n" : "", file, message);
    }

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_add_css_class (label, "import-failures");

  /* Room for a few files at once; the rest scroll. A wrapped label does
   * not tell the scrolled window its height, so ask for it outright. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), MIN (n, 3) * 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_widget_add_css_class (scrolled, "card");

  dialog = adw_message_dialog_new (parent, NULL,
                                   _("Détente imports news articles saved as plain text, "
                                     "Markdown or HTML, and RSS or Atom feeds."));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     ngettext ("%u File Was Not Imported",
                                               "%u Files Were Not Imported", n), n);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  return GTK_WINDOW (dialog);
}
