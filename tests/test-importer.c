/* test-importer.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "detente-importer.h"
#include "detente-project.h"

/* The background importer, headless: folders with good and bad files,
 * cancelling, undo, re-import, and a main loop that keeps turning while
 * a thousand files are read. */

static GThread *main_thread;
static char *tmpdir;

/* Files and folders ------------------------------------------------------ */

static void
write_file (const char *dir,
            const char *relative,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* A short article whose text differs with @n, so each is a source of its
 * own, and which reports a meeting most others do not. */
static char *
article_text (guint n)
{
  static const char * const us[] = {
    "Secretary of State Antony Blinken", "Treasury Secretary Janet Yellen", "Jake Sullivan",
    "Commerce Secretary Gina Raimondo", "John Kerry", "Defense Secretary Lloyd Austin",
  };
  static const char * const cn[] = {
    "Chinese Foreign Minister Qin Gang", "Wang Yi", "Vice Premier He Lifeng", "Premier Li Qiang",
    "Xie Zhenhua", "Wang Wentao",
  };
  static const char * const places[] = { "Beijing", "Washington", "Vienna", "Jakarta", "Malta" };
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  };

  return g_strdup_printf ("Title: Talks, report %u\nDate: 2023-12-31\n\n"
                          "%s met %s in %s on %u %s 2023, report %u said.\n", n,
                          us[n % G_N_ELEMENTS (us)], cn[n / 6 % G_N_ELEMENTS (cn)],
                          places[n / 36 % G_N_ELEMENTS (places)], 1 + n % 28,
                          months[n / 7 % G_N_ELEMENTS (months)], n);
}

static void
write_article (const char *dir,
               const char *relative,
               guint       n)
{
  g_autofree char *text = article_text (n);

  write_file (dir, relative, text, -1);
}

static void
write_gzip (const char *dir,
            const char *relative,
            const char *contents)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (out, contents, strlen (contents), NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  write_file (dir, relative,
              g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
              g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
}

static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (tmpdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

/* Running an import ------------------------------------------------------ */

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("timed out waiting for the import");
  return G_SOURCE_REMOVE;
}

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_true (g_thread_self () == main_thread);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  guint timeout = g_timeout_add_seconds (120, on_timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return *result;
}

static gboolean
import_files (DetenteImporter      *importer,
              GFile               **files,
              guint                 n_files,
              GCancellable         *cancellable,
              DetenteMergeSummary  *summary,
              GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  detente_importer_import_async (importer, files, n_files, cancellable, on_imported_cb, &result);
  g_assert_true (detente_importer_get_running (importer));
  wait_for_result (&result);
  g_assert_false (detente_importer_get_running (importer));
  return detente_importer_import_finish (importer, result, summary, error);
}

static gboolean
import_path (DetenteImporter     *importer,
             const char          *path,
             DetenteMergeSummary *summary,
             GError             **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return import_files (importer, &file, 1, NULL, summary, error);
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static gboolean
has_failure (DetenteImporter *importer,
             const char      *name)
{
  GPtrArray *failures = detente_importer_get_failures (importer);

  for (guint i = 0; i < failures->len; i++)
    {
      const DetenteImportFailure *failure = g_ptr_array_index (failures, i);

      if (g_str_has_suffix (failure->file, name))
        {
          g_assert_nonnull (failure->message);
          g_assert_cmpstr (failure->message, !=, "");
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_source_file (DetenteProject *project,
                 const char     *file_name)
{
  GListModel *sources = detente_project_get_sources (project);

  for (guint i = 0; i < n_items (sources); i++)
    {
      g_autoptr(DetenteSource) source = g_list_model_get_item (sources, i);

      if (g_strcmp0 (detente_source_get_file_name (source), file_name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  /* Every notification comes on the thread that started the import. */
  g_assert_true (g_thread_self () == main_thread);
  (*count)++;
}

static void
on_progress_notify_cb (GObject    *object,
                       GParamSpec *pspec,
                       guint      *count)
{
  GSource *source = g_main_current_source ();

  /* Progress is dispatched by the main context the import started in. */
  g_assert_true (g_thread_self () == main_thread);
  g_assert_nonnull (source);
  g_assert_true (g_source_get_context (source) == g_main_context_default ());
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*count)++;
}

/* Tests ------------------------------------------------------------------ */

static void
test_importable (void)
{
  static const char * const yes[] = {
    "a.txt", "a.TXT", "a.text", "a.md", "a.markdown", "a.html", "a.htm", "a.xhtml", "a.shtml",
    "a.xml", "a.rss", "a.atom", "a.feed", "a.txt.gz", "a.HTML.GZ", "dir/a.rss.gz", "x.y.md",
  };
  static const char * const no[] = {
    "a", "a.pdf", "a.gz", "a.tar.gz", "a.txt~", "a.docx", "txt", ".txt", "a.txtx", "a.html.bak",
  };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    g_assert_true (detente_importer_is_importable (yes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (detente_importer_is_importable (no[i]));
}

/* A folder tree with good and bad files, links that loop and hidden
 * files; the good ones are merged in one undoable step, the bad ones
 * listed, and a second import of the same files adds nothing. */
static void
test_tree (void)
{
  g_autofree char *dir = make_dir ("tree");
  g_autofree char *unreadable = g_build_filename (dir, "sub", "unreadable.txt", NULL);
  g_autofree char *up = g_build_filename (dir, "sub", "up", NULL);
  g_autofree char *self_link = g_build_filename (dir, "sub", "deeper", "self", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.txt", NULL);
  g_autofree char *loop = g_build_filename (tmpdir, "loop.txt", NULL);
  g_autofree char *odd = g_build_filename (tmpdir, "odd-name.weird", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.txt", NULL);
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteImporter) importer = detente_importer_new (project, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  DetenteMergeSummary summary;
  gboolean root = geteuid () == 0;
  guint n_good, n_sources, n_actors, n_engagements;
  guint notified = 0;

  write_article (dir, "a.txt", 1);
  write_article (dir, "sub/b.md", 2);
  write_article (dir, "sub/deeper/c.text", 3);
  write_gzip (dir, "sub/deeper/d.html.gz",
              "<html><head><title>Yellen in Beijing</title></head><body><article>"
              "<h1>Yellen in Beijing</h1><p>Treasury Secretary Janet Yellen met Vice Premier "
              "He Lifeng in Beijing on 8 July 2023 for a long round of talks on the economy.</p>"
              "</article></body></html>");
  write_file (dir, "feed.rss",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>"
              "<item><title>One</title><pubDate>Mon, 19 Jun 2023 10:00:00 GMT</pubDate>"
              "<description>Antony Blinken met Qin Gang in Beijing on Sunday. Item one.</description></item>"
              "<item><title>Two</title><pubDate>Tue, 20 Jun 2023 10:00:00 GMT</pubDate>"
              "<description>Antony Blinken met Xi Jinping in Beijing on Monday. Item two.</description></item>"
              "</channel></rss>", -1);
  /* Bad files, each of them listed. */
  write_file (dir, "empty.txt", "", 0);
  {
    static const char elf[] = "\x7f" "ELF\0\1\2\3\0\0\0\0\xff\xfe";

    write_file (dir, "sub/binary.txt", elf, sizeof elf - 1);
  }
  write_article (dir, "sub/unreadable.txt", 4);
  g_assert_cmpint (g_chmod (unreadable, 0), ==, 0);
  /* Left alone: hidden, not an article by its name, links that lead
   * nowhere or back up the tree. */
  write_article (dir, ".hidden.txt", 5);
  write_article (dir, ".git/e.txt", 6);
  write_article (dir, "notes.pdf", 7);
  g_assert_cmpint (symlink ("..", up), ==, 0);
  g_assert_cmpint (symlink (".", self_link), ==, 0);
  g_assert_cmpint (symlink ("nowhere.txt", dangling), ==, 0);
  /* Files given by name are tried whatever they are called. */
  write_article (tmpdir, "odd-name.weird", 8);
  g_assert_cmpint (symlink ("loop.txt", loop), ==, 0);

  g_ptr_array_add (files, g_file_new_for_path (dir));
  g_ptr_array_add (files, g_file_new_for_path (odd));
  g_ptr_array_add (files, g_file_new_for_path (loop));
  g_ptr_array_add (files, g_file_new_for_path (missing));
  /* The same folder twice is read once. */
  g_ptr_array_add (files, g_file_new_for_path (dir));

  g_signal_connect (importer, "notify", G_CALLBACK (on_notify_cb), &notified);
  g_assert_false (detente_project_can_undo (project));
  g_assert_true (import_files (importer, (GFile **) files->pdata, files->len, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, >, 0);

  /* root reads a file whatever its mode. */
  n_good = 4 + 2 + 1 + (root ? 1 : 0);
  g_assert_cmpuint (summary.sources, ==, n_good);
  g_assert_cmpuint (summary.known_sources, ==, 0);
  g_assert_cmpuint (summary.actors, >, 0);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, n_good);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, summary.actors);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, summary.engagements);

  g_assert_true (has_failure (importer, "empty.txt"));
  g_assert_true (has_failure (importer, "binary.txt"));
  g_assert_true (has_failure (importer, "loop.txt"));
  g_assert_true (has_failure (importer, "missing.txt"));
  g_assert_cmpint (has_failure (importer, "unreadable.txt"), ==, !root);
  g_assert_cmpuint (detente_importer_get_failures (importer)->len, ==, root ? 4 : 5);
  g_assert_false (has_failure (importer, "dangling.txt"));

  /* Files found in a folder are named from it; a file given, by itself. */
  g_assert_true (has_source_file (project, "tree/a.txt"));
  g_assert_true (has_source_file (project, "tree/sub/deeper/d.html.gz"));
  g_assert_true (has_source_file (project, "tree/feed.rss#2"));
  g_assert_true (has_source_file (project, "odd-name.weird"));

  /* Every file found counted once, the loops included. */
  g_assert_cmpuint (detente_importer_get_n_total (importer), ==, 8 + 3);
  g_assert_cmpuint (detente_importer_get_n_done (importer), ==, detente_importer_get_n_total (importer));
  g_assert_null (detente_importer_get_current_file (importer));

  /* The same files again add nothing. */
  n_sources = n_items (detente_project_get_sources (project));
  n_actors = n_items (detente_project_get_actors (project));
  n_engagements = n_items (detente_project_get_engagements (project));
  g_assert_true (import_files (importer, (GFile **) files->pdata, files->len, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.sources, ==, 0);
  g_assert_cmpuint (summary.known_sources, ==, n_good);
  g_assert_cmpuint (summary.actors, ==, 0);
  g_assert_cmpuint (summary.engagements, ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, n_sources);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, n_actors);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, n_engagements);
  /* Failures are those of the last import only. */
  g_assert_cmpuint (detente_importer_get_failures (importer)->len, ==, root ? 4 : 5);

  /* Undo, once per import that changed something, goes back to before. */
  while (detente_project_can_undo (project))
    g_assert_true (detente_project_undo (project));
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 0);

  g_chmod (unreadable, 0644);
  g_unlink (loop);
  g_unlink (odd);
}

/* One import is one undo step, even across many files and threads. */
static void
test_one_undo_step (void)
{
  g_autofree char *dir = make_dir ("undo");
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteImporter) importer = detente_importer_new (project, NULL);
  g_autoptr(GError) error = NULL;
  DetenteMergeSummary summary;
  guint before;

  write_article (dir, "first.txt", 100);
  g_assert_true (import_path (importer, dir, &summary, &error));
  g_assert_no_error (error);
  before = n_items (detente_project_get_sources (project));
  g_assert_cmpuint (before, ==, 1);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("more/%02u.txt", i);

      write_article (dir, name, 200 + i);
    }
  detente_importer_set_n_threads (importer, 4);
  g_assert_true (import_path (importer, dir, &summary, &error));
  g_assert_cmpuint (summary.sources, ==, 40);
  g_assert_cmpuint (summary.known_sources, ==, 1);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 41);

  g_assert_true (detente_project_undo (project));
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, before);
  g_assert_true (detente_project_can_undo (project));
  g_assert_true (detente_project_redo (project));
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 41);
}

/* The order of the sources is the order of the files, whatever the number
 * of threads. */
static void
test_order (void)
{
  g_autofree char *dir = make_dir ("order");
  g_autoptr(DetenteProject) one = detente_project_new ();
  g_autoptr(DetenteProject) many = detente_project_new ();
  g_autoptr(DetenteImporter) serial = detente_importer_new (one, NULL);
  g_autoptr(DetenteImporter) parallel = detente_importer_new (many, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *a, *b;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("%c/%02u.txt", 'a' + i % 3, 59 - i);

      write_article (dir, name, 300 + i);
    }
  detente_importer_set_n_threads (serial, 1);
  detente_importer_set_n_threads (parallel, 8);
  g_assert_true (import_path (serial, dir, NULL, &error));
  g_assert_true (import_path (parallel, dir, NULL, &error));
  g_assert_no_error (error);

  a = detente_project_get_sources (one);
  b = detente_project_get_sources (many);
  g_assert_cmpuint (n_items (a), ==, 60);
  g_assert_cmpuint (n_items (b), ==, 60);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(DetenteSource) x = g_list_model_get_item (a, i);
      g_autoptr(DetenteSource) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (detente_source_get_id (x), ==, detente_source_get_id (y));
    }
  {
    /* By name, depth first: a/, then b/, then c/. */
    g_autoptr(DetenteSource) first = g_list_model_get_item (a, 0);
    g_autoptr(DetenteSource) last = g_list_model_get_item (a, 59);

    g_assert_cmpstr (detente_source_get_file_name (first), ==, "order/a/02.txt");
    g_assert_cmpstr (detente_source_get_file_name (last), ==, "order/c/57.txt");
  }
}

/* Every file failing is still an import that ran. */
static void
test_all_fail (void)
{
  g_autofree char *dir = make_dir ("all-fail");
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteImporter) importer = detente_importer_new (project, NULL);
  g_autofree char *one = g_build_filename (dir, "one.txt", NULL);
  g_autoptr(GError) error = NULL;
  DetenteMergeSummary summary = { 1, 1, 1, 1, 1 };

  write_file (dir, "one.txt", "", 0);
  write_file (dir, "two.md", "\0\0\0\0", 4);
  g_assert_true (import_path (importer, dir, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.sources + summary.known_sources + summary.actors +
                    summary.engagements + summary.updated, ==, 0);
  g_assert_cmpuint (detente_importer_get_failures (importer)->len, ==, 2);
  g_assert_false (detente_project_can_undo (project));
  g_assert_false (detente_project_get_dirty (project));

  /* And an empty folder, or no files at all, is an import of nothing. */
  g_unlink (one);
  g_assert_true (import_files (importer, NULL, 0, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (detente_importer_get_failures (importer)->len, ==, 0);
  g_assert_cmpuint (detente_importer_get_n_total (importer), ==, 0);
}

typedef struct
{
  GCancellable *cancellable;
  gint64        when;
} Canceller;

static void
on_n_done_cancel_cb (DetenteImporter *importer,
                     GParamSpec      *pspec,
                     Canceller       *canceller)
{
  if (detente_importer_get_n_done (importer) > 0 && canceller->when == 0)
    {
      canceller->when = g_get_monotonic_time ();
      g_cancellable_cancel (canceller->cancellable);
    }
}

/* Cancelling midway leaves the project exactly as it was. */
static void
test_cancel (void)
{
  g_autofree char *dir = make_dir ("cancel");
  g_autofree char *first = g_build_filename (tmpdir, "cancel-first.txt", NULL);
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteImporter) importer = detente_importer_new (project, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *undo_label = NULL;
  DetenteMergeSummary summary = { 1, 1, 1, 1, 1 };
  Canceller canceller = { cancellable, 0 };
  guint n_sources, n_actors, n_engagements;
  gint64 start, stopped;

  /* A project with something in it, saved, with a step to undo. */
  write_article (tmpdir, "cancel-first.txt", 400);
  g_assert_true (import_path (importer, first, NULL, &error));
  g_assert_no_error (error);
  detente_project_mark_saved (project);
  n_sources = n_items (detente_project_get_sources (project));
  n_actors = n_items (detente_project_get_actors (project));
  n_engagements = n_items (detente_project_get_engagements (project));
  undo_label = g_strdup (detente_project_get_undo_label (project));
  g_assert_true (detente_project_can_undo (project));
  g_assert_false (detente_project_get_dirty (project));

  /* Long enough that reading them all takes far longer than the first
   * progress report. */
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04u.txt", i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *head = article_text (1000 + i);

      g_string_append (text, head);
      for (guint k = 0; k < 60; k++)
        g_string_append_printf (text, "\nOfficials in Beijing and Washington said on Tuesday that "
                                "talks between Wang Yi and Antony Blinken would go on (%u, %u).\n", i, k);
      write_file (dir, name, text->str, text->len);
    }

  /* Cancelled once the first files are done. */
  detente_importer_set_n_threads (importer, 1);
  g_signal_connect (importer, "notify::n-done", G_CALLBACK (on_n_done_cancel_cb), &canceller);
  detente_importer_import_async (importer, &folder, 1, cancellable, on_imported_cb, &result);
  wait_for_result (&result);
  stopped = g_get_monotonic_time ();
  g_signal_handlers_disconnect_by_func (importer, on_n_done_cancel_cb, &canceller);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_test_message ("cancelled after %u of %u files; stopped in %.1f ms",
                  detente_importer_get_n_done (importer), detente_importer_get_n_total (importer),
                  (stopped - canceller.when) / 1e3);
  /* The workers stop at the next file, not at the end. */
  g_assert_cmpint (stopped - canceller.when, <, G_USEC_PER_SEC);
  g_assert_false (detente_importer_import_finish (importer, result, &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (summary.sources, ==, 0);
  /* The workers stopped early instead of reading everything. */
  g_assert_cmpuint (detente_importer_get_n_done (importer), <, 2000);

  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, n_sources);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, n_actors);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, n_engagements);
  g_assert_false (detente_project_get_dirty (project));
  g_assert_true (detente_project_can_undo (project));
  g_assert_false (detente_project_can_redo (project));
  g_assert_cmpstr (detente_project_get_undo_label (project), ==, undo_label);

  /* Cancelled before it starts, and the importer can be used again. */
  g_cancellable_cancel (cancelled);
  start = g_get_monotonic_time ();
  g_assert_false (import_files (importer, &folder, 1, cancelled, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, n_sources);
  g_assert_false (detente_project_get_dirty (project));

  g_unlink (first);
}

/* Starting an import while one runs is a programming error. */
static void
test_twice (void)
{
  g_autofree char *dir = make_dir ("twice");
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteImporter) importer = detente_importer_new (project, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  write_article (dir, "one.txt", 500);
  detente_importer_import_async (importer, &folder, 1, NULL, on_imported_cb, &result);
  g_test_expect_message ("Detente-Model", G_LOG_LEVEL_CRITICAL, "*!self->running*");
  detente_importer_import_async (importer, &folder, 1, NULL, on_imported_cb, &second);
  g_test_assert_expected_messages ();
  wait_for_result (&result);
  g_assert_true (detente_importer_import_finish (importer, result, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (second);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 1);
}

typedef struct
{
  gint64 last;
  gint64 longest;
  guint  ticks;
} Ticker;

static gboolean
on_tick_cb (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();

  ticker->longest = MAX (ticker->longest, now - ticker->last);
  ticker->last = now;
  ticker->ticks++;
  return G_SOURCE_CONTINUE;
}

/* The main loop keeps turning while a thousand files are read, and
 * progress comes on the main thread, a few times a second rather than
 * once a file. */
static void
test_responsive (void)
{
  g_autofree char *dir = make_dir ("responsive");
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteImporter) importer = detente_importer_new (project, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Ticker ticker = { 0 };
  guint n_done_notified = 0, notified = 0;
  guint tick;
  gint64 start, elapsed;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("%02u/%04u.txt", i % 10, i);

      write_article (dir, name, 2000 + i);
    }

  g_signal_connect (importer, "notify", G_CALLBACK (on_notify_cb), &notified);
  g_signal_connect (importer, "notify::n-done", G_CALLBACK (on_progress_notify_cb), &n_done_notified);

  start = ticker.last = g_get_monotonic_time ();
  tick = g_timeout_add (5, on_tick_cb, &ticker);
  detente_importer_import_async (importer, &folder, 1, NULL, on_imported_cb, &result);
  wait_for_result (&result);
  elapsed = g_get_monotonic_time () - start;
  on_tick_cb (&ticker);
  g_source_remove (tick);

  g_assert_true (detente_importer_import_finish (importer, result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 1000);
  g_assert_cmpuint (detente_importer_get_n_done (importer), ==, 1000);

  g_test_message ("import: %.0f ms, %u ticks, longest gap %.1f ms, %u n-done notifications",
                  elapsed / 1e3, ticker.ticks, ticker.longest / 1e3, n_done_notified);
  /* A 5 ms ticker on a free loop turns about elapsed/5 times; ask for a
   * fifth of that, as a busy machine may delay it. */
  g_assert_cmpuint (ticker.ticks, >=, MAX (3, (guint) (elapsed / 5000 / 5)));
  g_assert_cmpint (ticker.longest, <, 250 * 1000);
  /* Coalesced: about one notification per 50 ms, plus the last. */
  g_assert_cmpuint (n_done_notified, >=, 1);
  g_assert_cmpuint (n_done_notified, <=, elapsed / 50000 + 3);
  g_assert_cmpuint (notified, >, n_done_notified);
}

typedef struct
{
  DetenteImporter *importer;
  DetenteProject  *project;
  guint            total;
  gboolean         filled_while_reading;
} Busy;

/* A window that redraws without pause: always ready, at the priority GTK
 * draws at, and a little slow each time. */
static gboolean
on_busy_cb (gpointer data)
{
  Busy *busy = data;
  guint n_done = detente_importer_get_n_done (busy->importer);

  if (n_done > 0 && n_done < busy->total &&
      n_items (detente_project_get_sources (busy->project)) > 0)
    busy->filled_while_reading = TRUE;
  g_usleep (2000);
  return G_SOURCE_CONTINUE;
}

/* However busy the window keeps the main loop, what was read is merged
 * while the rest is still being read: the lists fill as the import goes
 * rather than all at its end. */
static void
test_busy_window (void)
{
  g_autofree char *dir = make_dir ("busy");
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteImporter) importer = detente_importer_new (project, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Busy busy = { importer, project, 600, FALSE };
  gboolean first_tick_saw_all = FALSE;
  guint source;

  /* Long enough articles that reading them takes many progress ticks. */
  for (guint i = 0; i < busy.total; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04u.txt", i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *head = article_text (i);

      g_string_append (text, head);
      for (guint k = 0; k < 60; k++)
        g_string_append_printf (text, "\nMarkets in %s moved little on day %u of report %u, traders said.",
                                k % 2 ? "Tokyo" : "London", k, i);
      write_file (dir, name, text->str, text->len);
    }

  source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, on_busy_cb, &busy, NULL);
  detente_importer_import_async (importer, &folder, 1, NULL, on_imported_cb, &result);
  while (result == NULL && detente_importer_get_n_done (importer) == 0)
    g_main_context_iteration (NULL, TRUE);
  first_tick_saw_all = detente_importer_get_n_done (importer) == busy.total;
  wait_for_result (&result);
  g_source_remove (source);

  g_assert_true (detente_importer_import_finish (importer, result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, busy.total);
  if (first_tick_saw_all)
    {
      /* Nothing was left to read by the first tick: too fast a machine
       * to tell. */
      g_test_skip ("every file was read before the first progress tick");
      return;
    }
  g_assert_true (busy.filled_while_reading);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  tmpdir = g_dir_make_tmp ("detente-importer-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/model/importer/importable", test_importable);
  g_test_add_func ("/model/importer/tree", test_tree);
  g_test_add_func ("/model/importer/one-undo-step", test_one_undo_step);
  g_test_add_func ("/model/importer/order", test_order);
  g_test_add_func ("/model/importer/all-fail", test_all_fail);
  g_test_add_func ("/model/importer/cancel", test_cancel);
  g_test_add_func ("/model/importer/twice", test_twice);
  g_test_add_func ("/model/importer/responsive", test_responsive);
  g_test_add_func ("/model/importer/busy-window", test_busy_window);

  ret = g_test_run ();

  {
    g_autoptr(GFile) top = g_file_new_for_path (tmpdir);

    remove_tree (top);
  }
  g_free (tmpdir);
  return ret;
}
