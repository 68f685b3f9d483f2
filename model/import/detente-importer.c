/* detente-importer.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "detente-article.h"
#include "detente-extractor.h"
#include "detente-importer.h"

/* An import runs on threads of its own: a coordinator walks the folders
 * and hands the files out, in order, to workers that read and extract
 * them. Nothing there touches the importer or the project. The main
 * thread polls the shared counters on a timer, so progress costs one
 * wake-up per PROGRESS_INTERVAL_MS however fast files go by, and merges
 * the results in file order while the rest are read, a slice of at most
 * MERGE_SLICE_US at a time. */

#define PROGRESS_INTERVAL_MS 50
#define MAX_THREADS 64

/* One file to import, or a folder that could not be walked. Each slot
 * keeps its place in the order the files were given, so the merge sees
 * the same order whatever the number of threads. */
typedef struct
{
  char      *path;
  char      *name;
  char      *display;
  char      *failure;
  GPtrArray *results;
  guint      is_file : 1;
  guint      done : 1;     /* under the mutex */
} Item;

typedef struct
{
  /* Set before the threads start and only read afterwards. */
  GPtrArray        *inputs;
  DetenteGazetteer *gazetteer;
  GCancellable     *cancellable;
  GMainContext     *context;
  DetenteDate       published;
  guint             n_threads;

  /* The coordinator's own. */
  GPtrArray        *workers;
  GHashTable       *seen;

  /* Shared: held under the mutex. Workers write an Item they took without
   * it, since nobody else looks at that Item until the workers are
   * joined. */
  GMutex            mutex;
  GCond             cond;
  GPtrArray        *items;
  /* Results the main thread has merged, which a worker frees: what they
   * hold was allocated on the workers, and freeing it there keeps that
   * work, and the allocator's locks, off the main thread. */
  GPtrArray        *merged_results;
  guint             next;
  guint             n_total;
  guint             n_done;
  char             *current;
  guint             walk_done : 1;

  /* The main thread's own. Results are merged in the order of the items,
   * as soon as all before them are read, so that reading and merging go
   * on together; the merge is one step, taken back if the import is
   * cancelled. */
  GThread          *coordinator;
  GSource          *progress;
  GSource          *merging;
  DetenteProject   *project;
  DetenteMerge     *merge;
  guint             merged;
  DetenteMergeSummary summary;
} Job;

struct _DetenteImporter
{
  GObject           parent_instance;

  DetenteProject   *project;
  DetenteGazetteer *gazetteer;
  GPtrArray        *failures;
  char             *current_file;
  DetenteDate       published;
  guint             n_threads;
  guint             n_done;
  guint             n_total;
  guint             running : 1;
};

G_DEFINE_FINAL_TYPE (DetenteImporter, detente_importer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_RUNNING,
  PROP_N_DONE,
  PROP_N_TOTAL,
  PROP_CURRENT_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
item_free (Item *item)
{
  g_free (item->path);
  g_free (item->name);
  g_free (item->display);
  g_free (item->failure);
  g_clear_pointer (&item->results, g_ptr_array_unref);
  g_free (item);
}

static void
failure_free (DetenteImportFailure *failure)
{
  g_free (failure->file);
  g_free (failure->message);
  g_free (failure);
}

static void
job_free (Job *job)
{
  /* The task is only released once the coordinator has been joined. */
  g_assert (job->coordinator == NULL);
  g_assert (job->workers == NULL || job->workers->len == 0);

  if (job->progress != NULL)
    {
      g_source_destroy (job->progress);
      g_source_unref (job->progress);
    }
  if (job->merging != NULL)
    {
      g_source_destroy (job->merging);
      g_source_unref (job->merging);
    }
  if (job->merge != NULL)
    detente_merge_abort (job->merge);
  g_clear_object (&job->project);
  g_ptr_array_unref (job->inputs);
  g_clear_object (&job->gazetteer);
  g_clear_object (&job->cancellable);
  g_main_context_unref (job->context);
  g_clear_pointer (&job->workers, g_ptr_array_unref);
  g_clear_pointer (&job->seen, g_hash_table_unref);
  g_ptr_array_unref (job->items);
  g_ptr_array_unref (job->merged_results);
  g_free (job->current);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

static char *
display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_name (path);
  return g_file_get_parse_name (file);
}

/* Whether @info names a file or folder met before in this import: a
 * symbolic link back up the tree, a folder given twice, or a folder given
 * along with one inside it. */
static gboolean
seen_before (Job       *job,
             GFile     *file,
             GFileInfo *info)
{
  const char *id = NULL;

  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ID_FILE))
    id = g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE);
  if (id != NULL)
    return !g_hash_table_add (job->seen, g_strdup (id));
  return !g_hash_table_add (job->seen, g_file_get_uri (file));
}

static gpointer work (gpointer data);

static void
add_item (Job  *job,
          Item *item)
{
  g_mutex_lock (&job->mutex);
  g_ptr_array_add (job->items, item);
  if (item->is_file)
    job->n_total++;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);

  /* No more threads than files, so a single article costs one thread. */
  if (item->is_file && job->workers->len < job->n_threads)
    g_ptr_array_add (job->workers, g_thread_new ("detente-import", work, job));
}

/* @relative is the name the project records: the file's own for a file
 * given, its path from the folder given for one found in a walk, never
 * where it lies on the disk. */
static void
add_file (Job        *job,
          GFile      *file,
          const char *relative)
{
  Item *item = g_new0 (Item, 1);

  item->is_file = TRUE;
  item->path = g_file_get_path (file);
  /* A project is UTF-8 XML, whatever the file system's encoding. */
  item->name = g_filename_display_name (relative);
  item->display = display_name (file);
  if (item->path == NULL)
    item->failure = g_strdup_printf (_("“%s” is not a local file"), item->display);
  add_item (job, item);
}

static void
add_failure (Job        *job,
             GFile      *file,
             const char *message)
{
  Item *item = g_new0 (Item, 1);

  item->display = display_name (file);
  item->failure = g_strdup (message);
  add_item (job, item);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *x = *(GFileInfo **) a;
  GFileInfo *y = *(GFileInfo **) b;

  return strcmp (g_file_info_get_name (x), g_file_info_get_name (y));
}

/* Depth first, by name within a folder, so the order of the files does not
 * depend on the order the file system lists them in. */
static void
walk_folder (Job        *job,
             GFile      *folder,
             const char *relative)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN ","
                                          G_FILE_ATTRIBUTE_ID_FILE,
                                          G_FILE_QUERY_INFO_NONE, job->cancellable, &error);
  while (enumerator != NULL &&
         (info = g_file_enumerator_next_file (enumerator, job->cancellable, &error)) != NULL)
    g_ptr_array_add (infos, info);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = display_name (folder);
          g_autofree char *message = g_strdup_printf (_("The folder “%s” cannot be read: %s"),
                                                      name, error->message);

          add_failure (job, folder, message);
        }
      /* What it did list is still imported. */
      if (enumerator == NULL)
        return;
    }

  g_ptr_array_sort (infos, compare_names);
  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *child_info = g_ptr_array_index (infos, i);
      const char *name = g_file_info_get_name (child_info);
      g_autoptr(GFile) child = NULL;
      g_autofree char *child_relative = NULL;

      if (g_cancellable_is_cancelled (job->cancellable))
        return;
      if (g_file_info_get_is_hidden (child_info) || name[0] == '.')
        continue;

      child = g_file_get_child (folder, name);
      child_relative = g_build_filename (relative, name, NULL);
      switch (g_file_info_get_file_type (child_info))
        {
        case G_FILE_TYPE_DIRECTORY:
          if (!seen_before (job, child, child_info))
            walk_folder (job, child, child_relative);
          break;
        case G_FILE_TYPE_REGULAR:
          if (detente_importer_is_importable (name) && !seen_before (job, child, child_info))
            add_file (job, child, child_relative);
          break;
        default:
          /* Sockets, devices, and links that lead nowhere. */
          break;
        }
    }
}

static void
walk (Job *job)
{
  for (guint i = 0; i < job->inputs->len; i++)
    {
      GFile *file = g_ptr_array_index (job->inputs, i);
      g_autoptr(GFileInfo) info = NULL;
      g_autofree char *base = g_file_get_basename (file);

      if (g_cancellable_is_cancelled (job->cancellable))
        return;
      if (base == NULL)
        base = g_file_get_parse_name (file);

      info = g_file_query_info (file,
                                G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ID_FILE,
                                G_FILE_QUERY_INFO_NONE, job->cancellable, NULL);
      if (seen_before (job, file, info))
        continue;
      if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        walk_folder (job, file, base);
      else
        {
          /* A file named by the user is tried whatever it is called, and
           * one that cannot be read says why when it is. */
          add_file (job, file, base);
        }
    }
}

static void
read_item (Job  *job,
           Item *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  articles = detente_article_read_file (item->path, job->cancellable, &error);
  if (articles == NULL)
    {
      /* A message that names a file in another encoding than UTF-8 is
       * made valid, or no label could show it. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        item->failure = g_utf8_make_valid (error->message, -1);
      return;
    }

  item->results = g_ptr_array_new_full (articles->len, (GDestroyNotify) detente_extract_result_free);
  for (guint i = 0; i < articles->len; i++)
    {
      DetenteArticle *article = g_ptr_array_index (articles, i);

      /* The reader names an article by the path it read ("PATH" or, in a
       * feed, "PATH#N"); the project gets the file's own name instead. */
      if (g_str_has_prefix (article->file_name, item->path))
        {
          char *renamed = g_strconcat (item->name, article->file_name + strlen (item->path), NULL);

          g_free (article->file_name);
          article->file_name = renamed;
        }

      /* A feed can hold many articles; stop between them. */
      if (g_cancellable_is_cancelled (job->cancellable))
        return;
      g_ptr_array_add (item->results, detente_extract (article, &job->published, job->gazetteer));
    }
}

/* Reading and extracting give way to the window and to the merge, both on
 * the main thread: a busy import must not make the window stutter, nor
 * starve the threads a software renderer draws it with. Linux alone
 * lowers the priority of one thread rather than the whole process. */
static void
lower_priority (void)
{
#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
#endif
}

static gpointer
work (gpointer data)
{
  Job *job = data;

  lower_priority ();
  for (;;)
    {
      g_autoptr(GPtrArray) garbage = NULL;
      Item *item;

      g_mutex_lock (&job->mutex);
      if (job->merged_results->len > 0)
        {
          garbage = g_steal_pointer (&job->merged_results);
          job->merged_results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
        }
      while (job->next >= job->items->len && !job->walk_done &&
             !g_cancellable_is_cancelled (job->cancellable))
        g_cond_wait (&job->cond, &job->mutex);
      if (job->next >= job->items->len || g_cancellable_is_cancelled (job->cancellable))
        {
          g_mutex_unlock (&job->mutex);
          break;
        }
      item = g_ptr_array_index (job->items, job->next++);
      if (item->is_file)
        {
          g_free (job->current);
          job->current = g_strdup (item->display);
        }
      g_mutex_unlock (&job->mutex);
      g_clear_pointer (&garbage, g_ptr_array_unref);

      if (item->is_file && item->failure == NULL)
        read_item (job, item);

      g_mutex_lock (&job->mutex);
      if (item->is_file)
        job->n_done++;
      item->done = TRUE;
      g_mutex_unlock (&job->mutex);
    }
  return NULL;
}

static void
stop_workers (Job *job)
{
  g_mutex_lock (&job->mutex);
  job->walk_done = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 Job          *job)
{
  /* Wakes the workers that wait for the walk to give them more files. */
  g_mutex_lock (&job->mutex);
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);
}

static gboolean complete_import (gpointer data);

static gpointer
coordinate (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  gulong handler = 0;
  GSource *source;

  /* Loading the built-in gazetteer the first time takes a moment; here it
   * keeps the main loop free. */
  if (job->gazetteer == NULL)
    job->gazetteer = g_object_ref (detente_gazetteer_get_default ());

  if (job->cancellable != NULL)
    handler = g_cancellable_connect (job->cancellable, G_CALLBACK (on_cancelled_cb), job, NULL);

  walk (job);
  stop_workers (job);
  for (guint i = 0; i < job->workers->len; i++)
    g_thread_join (g_ptr_array_index (job->workers, i));
  g_ptr_array_set_size (job->workers, 0);

  g_cancellable_disconnect (job->cancellable, handler);
  /* Always through a source of the caller's context: g_main_context_invoke()
   * would run the merge right here, on this thread, whenever nobody holds
   * that context at this moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, complete_import, task, g_object_unref);
  g_source_set_static_name (source, "[detente] import complete");
  g_source_attach (source, job->context);
  g_source_unref (source);
  return NULL;
}

static void
set_progress (DetenteImporter *self,
              guint            n_done,
              guint            n_total,
              const char      *current)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_total != n_total)
    {
      self->n_total = n_total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
    }
  if (self->n_done != n_done)
    {
      self->n_done = n_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }
  if (g_strcmp0 (self->current_file, current) != 0)
    {
      g_free (self->current_file);
      self->current_file = g_strdup (current);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_FILE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_running (DetenteImporter *self,
             gboolean         running)
{
  if (self->running == !!running)
    return;
  self->running = !!running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* Longest a slice of merging may hold the main loop. */
#define MERGE_SLICE_US 20000

/* Merges the results of the items read so far, in order, for at most a
 * slice of time. */
static void
merge_ready (Job      *job,
             gboolean  all)
{
  g_autoptr(GPtrArray) ready = g_ptr_array_new ();
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + MERGE_SLICE_US;

  if (g_cancellable_is_cancelled (job->cancellable))
    return;

  g_mutex_lock (&job->mutex);
  for (guint i = job->merged; i < job->items->len; i++)
    {
      Item *item = g_ptr_array_index (job->items, i);

      if (!item->done)
        break;
      g_ptr_array_add (ready, item);
    }
  g_mutex_unlock (&job->mutex);

  for (guint i = 0; i < ready->len; i++)
    {
      Item *item = g_ptr_array_index (ready, i);

      if (!all && g_get_monotonic_time () > deadline)
        break;
      if (item->results != NULL && item->results->len > 0)
        {
          if (job->merge == NULL)
            job->merge = detente_project_merge_begin (job->project);
          detente_merge_add (job->merge, (DetenteExtractResult * const *) item->results->pdata,
                             item->results->len);
          /* Merged: the texts need not stay. */
          g_ptr_array_add (merged, g_steal_pointer (&item->results));
        }
      job->merged++;
    }
  if (job->merge != NULL && ready->len > 0)
    detente_merge_show (job->merge);

  g_mutex_lock (&job->mutex);
  g_ptr_array_extend_and_steal (job->merged_results, g_steal_pointer (&merged));
  g_mutex_unlock (&job->mutex);
}

static gboolean
next_is_read (Job *job)
{
  gboolean read;

  g_mutex_lock (&job->mutex);
  read = job->merged < job->items->len && ((Item *) g_ptr_array_index (job->items, job->merged))->done;
  g_mutex_unlock (&job->mutex);
  return read;
}

/* Merges while there is something read to merge, a slice per turn of the
 * main loop. */
static gboolean
on_merge_cb (gpointer data)
{
  Job *job = g_task_get_task_data (G_TASK (data));

  merge_ready (job, FALSE);
  if (!g_cancellable_is_cancelled (job->cancellable) && next_is_read (job))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&job->merging, g_source_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
on_progress_cb (gpointer data)
{
  GTask *task = data;
  DetenteImporter *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autofree char *current = NULL;
  guint n_done, n_total;

  g_mutex_lock (&job->mutex);
  n_done = job->n_done;
  /* The total is told once the folders are all walked: before, it is only
   * how many files were found so far, which the readers soon catch up
   * with. */
  n_total = job->walk_done ? job->n_total : 0;
  current = g_strdup (job->current);
  g_mutex_unlock (&job->mutex);

  set_progress (self, n_done, n_total, current);
  if (g_cancellable_is_cancelled (job->cancellable) || !next_is_read (job))
    return G_SOURCE_CONTINUE;

  /* A window that redraws without pause (a slow renderer, an animation)
   * never lets the idle merge run: each tick merges a slice of its own,
   * so the lists still fill while the files are read. */
  merge_ready (job, FALSE);
  if (job->merging == NULL && next_is_read (job))
    {
      job->merging = g_idle_source_new ();
      g_source_set_priority (job->merging, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (job->merging, on_merge_cb, task, NULL);
      g_source_set_static_name (job->merging, "[detente] import merge");
      g_source_attach (job->merging, job->context);
    }
  return G_SOURCE_CONTINUE;
}

/* On the main thread, once every thread of the import has stopped. */
static gboolean
complete_import (gpointer data)
{
  GTask *task = data;
  DetenteImporter *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  gboolean cancelled;

  if (job->coordinator != NULL)
    {
      g_thread_join (g_steal_pointer (&job->coordinator));
      g_source_destroy (job->progress);
      g_clear_pointer (&job->progress, g_source_unref);
      if (job->merging != NULL)
        {
          g_source_destroy (job->merging);
          g_clear_pointer (&job->merging, g_source_unref);
        }
    }

  /* What is left to merge is merged a slice at a time, this source
   * running again until it is done, so the window never waits long. */
  if (!g_cancellable_is_cancelled (job->cancellable))
    {
      merge_ready (job, FALSE);
      if (job->merged < job->items->len)
        return G_SOURCE_CONTINUE;
    }

  for (guint i = 0; i < job->items->len; i++)
    {
      Item *item = g_ptr_array_index (job->items, i);

      if (item->failure != NULL)
        {
          DetenteImportFailure *failure = g_new0 (DetenteImportFailure, 1);

          failure->file = g_strdup (item->display);
          failure->message = g_strdup (item->failure);
          g_ptr_array_add (self->failures, failure);
        }
    }

  /* A cancel that comes after the last file was read still leaves the
   * project as it was. */
  cancelled = g_cancellable_is_cancelled (job->cancellable);
  if (job->merge != NULL && cancelled)
    detente_merge_abort (g_steal_pointer (&job->merge));
  else if (job->merge != NULL)
    detente_merge_end (g_steal_pointer (&job->merge), &job->summary);

  set_progress (self, job->n_done, job->n_total, NULL);
  set_running (self, FALSE);

  if (cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled"));
  else
    g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
detente_importer_dispose (GObject *object)
{
  DetenteImporter *self = DETENTE_IMPORTER (object);

  g_clear_object (&self->project);
  g_clear_object (&self->gazetteer);

  G_OBJECT_CLASS (detente_importer_parent_class)->dispose (object);
}

static void
detente_importer_finalize (GObject *object)
{
  DetenteImporter *self = DETENTE_IMPORTER (object);

  g_ptr_array_unref (self->failures);
  g_free (self->current_file);

  G_OBJECT_CLASS (detente_importer_parent_class)->finalize (object);
}

static void
detente_importer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DetenteImporter *self = DETENTE_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, detente_importer_get_project (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, detente_importer_get_running (self));
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, detente_importer_get_n_done (self));
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, detente_importer_get_n_total (self));
      break;
    case PROP_CURRENT_FILE:
      g_value_set_string (value, detente_importer_get_current_file (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_importer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DetenteImporter *self = DETENTE_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      /* Construct-only. */
      self->project = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_importer_class_init (DetenteImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = detente_importer_dispose;
  object_class->finalize = detente_importer_finalize;
  object_class->get_property = detente_importer_get_property;
  object_class->set_property = detente_importer_set_property;

  /**
   * DetenteImporter:project:
   *
   * The project the articles are merged into.
   */
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, DETENTE_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DetenteImporter:running:
   *
   * Whether an import is under way.
   */
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);

  /**
   * DetenteImporter:n-done:
   *
   * How many files of the import under way, or of the last one, have been
   * read, successfully or not.
   */
  properties[PROP_N_DONE] = g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, ro);

  /**
   * DetenteImporter:n-total:
   *
   * How many files the import found; it grows while folders are walked.
   */
  properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);

  /**
   * DetenteImporter:current-file:
   *
   * The display name of a file being read, or %NULL.
   */
  properties[PROP_CURRENT_FILE] = g_param_spec_string ("current-file", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
detente_importer_init (DetenteImporter *self)
{
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) failure_free);
}

/**
 * detente_importer_new:
 * @project: the project to import into
 * @gazetteer: (nullable): what is known, shared read-only with the worker
 *   threads; %NULL for the built-in gazetteer
 *
 * Makes an importer for @project. It and the project belong to the
 * thread whose main context is current when an import starts; all
 * notifications and the merge happen there.
 *
 * Returns: (transfer full): a new importer
 */
DetenteImporter *
detente_importer_new (DetenteProject   *project,
                      DetenteGazetteer *gazetteer)
{
  DetenteImporter *self;

  g_return_val_if_fail (DETENTE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (gazetteer == NULL || DETENTE_IS_GAZETTEER (gazetteer), NULL);

  self = g_object_new (DETENTE_TYPE_IMPORTER, "project", project, NULL);
  if (gazetteer != NULL)
    self->gazetteer = g_object_ref (gazetteer);
  return self;
}

/**
 * detente_importer_get_project:
 * @self: an importer
 *
 * Returns: (transfer none): the project it imports into
 */
DetenteProject *
detente_importer_get_project (DetenteImporter *self)
{
  g_return_val_if_fail (DETENTE_IS_IMPORTER (self), NULL);

  return self->project;
}

/**
 * detente_importer_set_published:
 * @self: an importer
 * @published: (nullable): the date to read every article against, or
 *   %NULL (or an unset date) for each article's own
 *
 * Sets the publication date the next imports assume.
 */
void
detente_importer_set_published (DetenteImporter   *self,
                                const DetenteDate *published)
{
  g_return_if_fail (DETENTE_IS_IMPORTER (self));

  if (published != NULL)
    self->published = *published;
  else
    self->published = (DetenteDate) DETENTE_DATE_INIT;
}

/**
 * detente_importer_set_n_threads:
 * @self: an importer
 * @n_threads: how many files to read at once, or 0 for one per processor
 *
 * Sets how many worker threads the next imports use.
 */
void
detente_importer_set_n_threads (DetenteImporter *self,
                                guint            n_threads)
{
  g_return_if_fail (DETENTE_IS_IMPORTER (self));

  self->n_threads = n_threads;
}

/**
 * detente_importer_import_async:
 * @self: an importer that is not running
 * @files: (array length=n_files): files and folders
 * @n_files: the number of @files
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Imports articles on worker threads. Folders are walked, hidden files
 * and folders left out, and their files taken by name
 * (detente_importer_is_importable()); files given here are tried whatever
 * their names. A file that cannot be read is listed in
 * detente_importer_get_failures() and the others are still imported.
 * Every article found is merged into the project in one undoable step,
 * in the order of the files, when all are read. A source records the name
 * of its file (its path from the folder given, for a file found in one),
 * not where it lies on the disk. Progress is reported
 * through the properties, at most every few tens of milliseconds.
 *
 * Cancelling stops the workers and leaves the project as it was.
 */
void
detente_importer_import_async (DetenteImporter      *self,
                               GFile               **files,
                               guint                 n_files,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (DETENTE_IS_IMPORTER (self));
  g_return_if_fail (!self->running);
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  for (guint i = 0; i < n_files; i++)
    g_return_if_fail (G_IS_FILE (files[i]));

  job = g_new0 (Job, 1);
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  job->inputs = g_ptr_array_new_full (n_files, g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->inputs, g_object_ref (files[i]));
  job->gazetteer = self->gazetteer ? g_object_ref (self->gazetteer) : NULL;
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->context = g_main_context_ref_thread_default ();
  job->published = self->published;
  job->project = g_object_ref (self->project);
  job->n_threads = self->n_threads > 0 ? self->n_threads : (guint) g_get_num_processors ();
  job->n_threads = CLAMP (job->n_threads, 1, MAX_THREADS);
  job->workers = g_ptr_array_new ();
  job->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  job->merged_results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, detente_importer_import_async);
  /* What finish reports is decided once, on the main thread, together
   * with the merge; a late cancel must not turn a merge into an error. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  g_ptr_array_set_size (self->failures, 0);
  g_object_freeze_notify (G_OBJECT (self));
  set_progress (self, 0, 0, NULL);
  set_running (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  /* The progress source only reads what the threads publish; it holds
   * the task weakly, as the task outlives it. */
  job->progress = g_timeout_source_new (PROGRESS_INTERVAL_MS);
  g_source_set_callback (job->progress, on_progress_cb, task, NULL);
  g_source_set_static_name (job->progress, "[detente] import progress");
  g_source_attach (job->progress, job->context);

  /* The coordinator keeps a reference to the task, which it hands to
   * the main context when it is done. */
  job->coordinator = g_thread_new ("detente-import", coordinate, g_object_ref (task));
}

/**
 * detente_importer_import_finish:
 * @self: an importer
 * @result: the #GAsyncResult
 * @summary: (out caller-allocates) (optional): what was added
 * @error: return location for a #GError
 *
 * Finishes an import. It succeeds even when no file could be read; the
 * files that could not are in detente_importer_get_failures().
 *
 * Returns: %TRUE if the import ran, %FALSE if it was cancelled
 *   (%G_IO_ERROR_CANCELLED), in which case the project is unchanged
 */
gboolean
detente_importer_import_finish (DetenteImporter      *self,
                                GAsyncResult         *result,
                                DetenteMergeSummary  *summary,
                                GError              **error)
{
  Job *job;

  g_return_val_if_fail (DETENTE_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == detente_importer_import_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = (DetenteMergeSummary) { 0 };
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (summary != NULL)
    *summary = job->summary;
  return TRUE;
}

/**
 * detente_importer_get_running:
 * @self: an importer
 *
 * Returns: whether an import is under way
 */
gboolean
detente_importer_get_running (DetenteImporter *self)
{
  g_return_val_if_fail (DETENTE_IS_IMPORTER (self), FALSE);

  return self->running;
}

/**
 * detente_importer_get_n_done:
 * @self: an importer
 *
 * Returns: how many files have been read
 */
guint
detente_importer_get_n_done (DetenteImporter *self)
{
  g_return_val_if_fail (DETENTE_IS_IMPORTER (self), 0);

  return self->n_done;
}

/**
 * detente_importer_get_n_total:
 * @self: an importer
 *
 * Returns: how many files have been found so far
 */
guint
detente_importer_get_n_total (DetenteImporter *self)
{
  g_return_val_if_fail (DETENTE_IS_IMPORTER (self), 0);

  return self->n_total;
}

/**
 * detente_importer_get_current_file:
 * @self: an importer
 *
 * Returns: (nullable): the display name of a file being read
 */
const char *
detente_importer_get_current_file (DetenteImporter *self)
{
  g_return_val_if_fail (DETENTE_IS_IMPORTER (self), NULL);

  return self->current_file;
}

/**
 * detente_importer_get_failures:
 * @self: an importer
 *
 * The files the last import could not read, in the order they were met.
 * The list is emptied when the next import starts.
 *
 * Returns: (transfer none) (element-type DetenteImportFailure): the failures
 */
GPtrArray *
detente_importer_get_failures (DetenteImporter *self)
{
  g_return_val_if_fail (DETENTE_IS_IMPORTER (self), NULL);

  return self->failures;
}

/**
 * detente_importer_is_importable:
 * @file_name: a file name, in the file system's encoding
 *
 * Whether a file found in a folder looks like an article by its name:
 * text, Markdown, a web page or a feed, maybe gzipped.
 *
 * Returns: %TRUE if an import takes it
 */
gboolean
detente_importer_is_importable (const char *file_name)
{
  static const char * const extensions[] = {
    ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml",
    ".xml", ".rss", ".atom", ".feed",
  };
  g_autofree char *base = NULL;
  gsize length;

  g_return_val_if_fail (file_name != NULL, FALSE);

  base = g_path_get_basename (file_name);
  length = strlen (base);
  if (length > 3 && g_ascii_strcasecmp (base + length - 3, ".gz") == 0)
    length -= 3;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize n = strlen (extensions[i]);

      /* "x.txt" is an article; ".txt" is a hidden file's name. */
      if (length > n && g_ascii_strncasecmp (base + length - n, extensions[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}
