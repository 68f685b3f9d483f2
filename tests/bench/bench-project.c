/* bench-project.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include <fcntl.h>
#include <unistd.h>
#include <libxml/xmlreader.h>

#include "detente-project-io.h"

/* Writes and reads a generated project the size of a large real one and
 * prints save_s, load_s and peak_rss_mb, with baselines measured in the
 * same run on the same file: writing its bytes with write() and fsync()
 * (save_floor_s), and streaming it through libxml2's reader doing nothing
 * (load_floor_s). The ratios tell what Détente adds, whatever the machine's
 * speed today. */

static int n_actors = 10000;
static int n_engagements = 100000;
static int n_sources = 2000;
static int repeat = 3;

static const GOptionEntry options[] = {
  { "actors", 0, 0, G_OPTION_ARG_INT, &n_actors, "Number of actors (10000)", "N" },
  { "engagements", 0, 0, G_OPTION_ARG_INT, &n_engagements, "Number of engagements (100000)", "N" },
  { "sources", 0, 0, G_OPTION_ARG_INT, &n_sources, "Number of articles (2000)", "N" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs; the median is printed (3)", "N" },
  { NULL }
};

static DetenteProject *
generate (void)
{
  DetenteProject *project = detente_project_new ();
  g_autoptr(GPtrArray) sentences = g_ptr_array_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  GRand *rand = g_rand_new_with_seed (42);

  detente_project_begin_group (project, "generate");

  for (int s = 0; s < n_sources; s++)
    {
      GString *text = g_string_new (NULL);
      g_autoptr(DetenteSource) source = NULL;

      /* About 40 sentences, 5 kB, like a news article. */
      for (int k = 0; k < 40; k++)
        g_string_append_printf (text, "Officials from country %d met their counterparts on day %d "
                                "to discuss trade, climate and security (report %d).%s",
                                s, k, s * 40 + k, k % 8 == 7 ? "\n\n" : " ");
      source = detente_source_new (text->str);
      detente_source_set_title (source, "A generated article about diplomacy");
      detente_source_set_file_name (source, "generated.txt");
      g_assert_true (detente_project_add_source (project, source, NULL));
      g_ptr_array_add (sources, g_steal_pointer (&source));
      g_string_free (text, TRUE);
    }

  for (int a = 0; a < n_actors; a++)
    {
      g_autofree char *name = g_strdup_printf ("Actor Number %d", a);
      g_autofree char *id = detente_actor_make_id (name);
      g_autoptr(DetenteActor) actor = detente_actor_new (id, name, a % 10 ? DETENTE_ACTOR_KIND_PERSON
                                                                           : DETENTE_ACTOR_KIND_COUNTRY);
      const char *aliases[] = { "Number", NULL };
      g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);
      DetenteDate from = DETENTE_DATE_INIT;

      detente_actor_set_country (actor, a % 2 ? "US" : "CN");
      detente_actor_set_aliases (actor, aliases);
      detente_date_set (&from, 2009 + a % 15, 1 + a % 12, 0);
      g_ptr_array_add (roles, detente_role_new ("Minister", "Government", &from, NULL));
      detente_actor_set_roles (actor, roles);
      g_assert_true (detente_project_add_actor (project, actor, NULL));
    }

  for (int e = 0; e < n_engagements; e++)
    {
      g_autofree char *id = g_strdup_printf ("e-%d", e);
      int first = g_rand_int_range (rand, 0, n_actors);
      /* Two different actors. */
      int second = (first + g_rand_int_range (rand, 1, MAX (n_actors, 2))) % n_actors;
      g_autofree char *a = g_strdup_printf ("actor-number-%d", first);
      g_autofree char *b = g_strdup_printf ("actor-number-%d", second);
      const char *who[] = { a, b, NULL };
      g_autoptr(DetenteEngagement) engagement = detente_engagement_new (id, e % 7);
      g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (g_object_unref);
      DetenteSource *source = g_ptr_array_index (sources, e % n_sources);
      const char *text = detente_source_get_text (source);
      const char *start = text;
      const char *end;
      g_autofree char *sentence = NULL;
      DetenteDate date = DETENTE_DATE_INIT;

      /* The k-th sentence of the article. */
      for (int k = e % 40; k > 0; k--)
        start = strstr (start, "). ") ? strstr (start, ").") + 2 : start;
      while (*start == ' ' || *start == '\n')
        start++;
      end = strstr (start, ").") + 2;
      sentence = g_strndup (start, end - start);
      g_ptr_array_add (evidence, detente_evidence_new (detente_source_get_id (source),
                                                       start - text, end - start, sentence));

      detente_date_set (&date, 2009 + e % 16, 1 + e % 12, 1 + e % 28);
      detente_engagement_set_participants (engagement, who);
      detente_engagement_set_date (engagement, &date);
      detente_engagement_set_place (engagement, e % 3 ? "Beijing" : "Washington");
      detente_engagement_set_place_country (engagement, e % 3 ? "CN" : "US");
      detente_engagement_set_confidence (engagement, 0.5 + (e % 50) / 100.0);
      detente_engagement_set_evidence (engagement, evidence);
      g_assert_true (detente_project_add_engagement (project, engagement, NULL));
    }

  detente_project_end_group (project);
  detente_project_clear_history (project);
  g_rand_free (rand);
  return project;
}

static double
time_write_floor (const char *from,
                  const char *to)
{
  g_autofree char *bytes = NULL;
  gsize len, done = 0;
  gint64 t0;
  int fd;

  if (!g_file_get_contents (from, &bytes, &len, NULL))
    g_error ("cannot read %s", from);
  t0 = g_get_monotonic_time ();
  fd = open (to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  while (done < len)
    {
      ssize_t n = write (fd, bytes + done, len - done);

      g_assert_cmpint (n, >, 0);
      done += n;
    }
  fsync (fd);
  close (fd);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static double
time_read_floor (const char *path)
{
  gint64 t0 = g_get_monotonic_time ();
  xmlTextReaderPtr reader = xmlReaderForFile (path, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
  int ret;

  while ((ret = xmlTextReaderRead (reader)) == 1)
    ;
  g_assert_cmpint (ret, ==, 0);
  xmlFreeTextReader (reader);
  return (g_get_monotonic_time () - t0) / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time saving and loading a large project");
  g_autoptr(GError) error = NULL;
  g_autoptr(DetenteProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree double *save_s = NULL;
  g_autofree double *load_s = NULL;
  g_autofree double *save_floor_s = NULL;
  g_autofree double *load_floor_s = NULL;
  g_autofree char *copy_path = NULL;
  struct rusage usage;
  GStatBuf st;

  setlocale (LC_ALL, "C.UTF-8");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  repeat = MAX (repeat, 1);
  save_s = g_new0 (double, repeat);
  load_s = g_new0 (double, repeat);
  save_floor_s = g_new0 (double, repeat);
  load_floor_s = g_new0 (double, repeat);

  dir = g_dir_make_tmp ("detente-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "large.detente", NULL);
  copy_path = g_build_filename (dir, "copy.detente", NULL);
  file = g_file_new_for_path (path);
  project = generate ();

  for (int r = 0; r < repeat; r++)
    {
      g_autoptr(DetenteProject) loaded = NULL;
      gint64 t0 = g_get_monotonic_time ();

      if (!detente_project_save (project, file, NULL, &error))
        g_error ("%s", error->message);
      save_s[r] = (g_get_monotonic_time () - t0) / 1e6;

      t0 = g_get_monotonic_time ();
      if (!(loaded = detente_project_load (file, NULL, &error)))
        g_error ("%s", error->message);
      load_s[r] = (g_get_monotonic_time () - t0) / 1e6;
      if (g_getenv ("DETENTE_BENCH_VERBOSE"))
        g_printerr ("run %d: save %.3f s, load %.3f s\n", r, save_s[r], load_s[r]);

      g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_engagements (loaded)), ==,
                        (guint) n_engagements);

    }

  /* Peak memory of saving and loading, before the baselines read the
   * whole file into memory. */
  getrusage (RUSAGE_SELF, &usage);
  for (int r = 0; r < repeat; r++)
    {
      save_floor_s[r] = time_write_floor (path, copy_path);
      load_floor_s[r] = time_read_floor (path);
    }

  qsort (save_s, repeat, sizeof (double), compare_doubles);
  qsort (load_s, repeat, sizeof (double), compare_doubles);
  qsort (save_floor_s, repeat, sizeof (double), compare_doubles);
  qsort (load_floor_s, repeat, sizeof (double), compare_doubles);
  g_stat (path, &st);

  g_print ("actors: %d\nengagements: %d\nsources: %d\n", n_actors, n_engagements, n_sources);
  g_print ("file_mb: %.1f\n", st.st_size / 1048576.0);
  g_print ("save_s: %.3f\n", save_s[repeat / 2]);
  g_print ("load_s: %.3f\n", load_s[repeat / 2]);
  g_print ("peak_rss_mb: %.1f\n", usage.ru_maxrss / 1024.0);
  g_print ("save_floor_s: %.3f\n", save_floor_s[repeat / 2]);
  g_print ("load_floor_s: %.3f\n", load_floor_s[repeat / 2]);
  g_print ("save_ratio: %.2f\n", save_s[repeat / 2] / save_floor_s[repeat / 2]);
  g_print ("load_ratio: %.2f\n", load_s[repeat / 2] / load_floor_s[repeat / 2]);

  g_unlink (copy_path);
  if (g_getenv ("DETENTE_BENCH_KEEP"))
    g_print ("kept: %s\n", path);
  else
    g_unlink (path);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);
    g_unlink (backup);
  }
  g_rmdir (dir);
  return 0;
}
