/* bench-import.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "detente-gazetteer.h"
#include "detente-importer.h"
#include "detente-project.h"

/* Writes 10,000 varied articles (over 20 MB: plain text, Markdown and web
 * pages, in folders) to a temporary folder, then imports the folder into
 * a new project the way the application does: DetenteImporter on worker
 * threads (2 by default), every result merged on the main thread at the
 * end. Only the import is timed, from the call to the callback, merge
 * included. It prints import_mb_per_s, articles_per_s and peak_rss_mb
 * (the process's peak resident memory, VmHWM, reset before the import
 * where the kernel allows it). */

static int n_articles = 10000;
static int n_threads = 2;

static const GOptionEntry options[] = {
  { "articles", 0, 0, G_OPTION_ARG_INT, &n_articles, "How many articles to write (10000)", "N" },
  { "threads", 0, 0, G_OPTION_ARG_INT, &n_threads, "Worker threads (2)", "N" },
  { NULL }
};

/* Written for this benchmark: {1} and {2} are people of either side (with
 * their titles, sometimes), {3} a country, {4} a place, {5} a date, {6} a
 * surname of {1}. */
static const char * const frames[] = {
  "{1} met {2} in {4} on {5}, officials said.",
  "{1} and {2} held talks in {4} on {5} that both sides called candid and constructive.",
  "{1} will travel to {4} next month to meet {2}, according to people familiar with the plans.",
  "{1} spoke with {2} by phone on {5} about trade, climate and military channels.",
  "The meeting between {1} and {2} was postponed after a dispute over export controls.",
  "{1} visited {3} from {5}, the first such trip in years.",
  "{1} hosted {2} for dinner in {4}, where they discussed fentanyl and student exchanges.",
  "Mr. {6} told reporters that the two governments would keep communication open.",
  "“We had frank discussions,” {2} said after the talks in {4}.",
  "Analysts in {4} said the visit by {1} to {3} could ease tensions over technology.",
  "Last week {1} invited {2} to visit {4} later in the year.",
};

static const char * const fillers[] = {
  "Markets rose 1.2 percent after the announcement, with shares of exporters leading gains.",
  "A senior official, speaking on condition of anonymity, said no breakthrough was expected.",
  "The ministry's statement did not mention the disputed islands or the trade restrictions.",
  "Shipping through the strait continued normally, according to port authorities.",
  "Farm groups welcomed the news, saying soybean orders had fallen sharply this year.",
  "The central bank left interest rates unchanged at its meeting on Thursday.",
  "Several universities reported fewer applications from abroad than in previous years.",
  "Environmental groups urged both governments to publish their emission figures in full.",
  "A spokesman declined to comment on the reports, citing the sensitivity of the talks.",
  "Weather delayed flights at the capital's main airport for several hours.",
  "Officials said a working group would meet again before the end of the quarter.",
  "Critics said the agreement lacked any means of checking that either side kept it.",
};

typedef struct
{
  const char *name;
  const char *titled;
  const char *surname;
} Person;

static const Person us_people[] = {
  { "Antony Blinken", "Secretary of State Antony Blinken", "Blinken" },
  { "Janet Yellen", "Treasury Secretary Janet Yellen", "Yellen" },
  { "Jake Sullivan", "national security adviser Jake Sullivan", "Sullivan" },
  { "Gina Raimondo", "Commerce Secretary Gina Raimondo", "Raimondo" },
  { "John Kerry", "climate envoy John Kerry", "Kerry" },
  { "Lloyd Austin", "Defense Secretary Lloyd Austin", "Austin" },
  { "Joe Biden", "President Joe Biden", "Biden" },
  { "Katherine Tai", "Trade Representative Katherine Tai", "Tai" },
  { "Nicholas Burns", "Ambassador Nicholas Burns", "Burns" },
  { "Kurt Campbell", "Deputy Secretary of State Kurt Campbell", "Campbell" },
};
static const Person cn_people[] = {
  { "Wang Yi", "Foreign Minister Wang Yi", "Wang" },
  { "He Lifeng", "Vice Premier He Lifeng", "He" },
  { "Qin Gang", "Foreign Minister Qin Gang", "Qin" },
  { "Li Qiang", "Premier Li Qiang", "Li" },
  { "Xi Jinping", "President Xi Jinping", "Xi" },
  { "Wang Wentao", "Commerce Minister Wang Wentao", "Wang" },
  { "Xie Zhenhua", "climate envoy Xie Zhenhua", "Xie" },
  { "Dong Jun", "Defense Minister Dong Jun", "Dong" },
  { "Xie Feng", "Ambassador Xie Feng", "Xie" },
  { "Liu He", "Vice Premier Liu He", "Liu" },
};
static const char * const countries[] = {
  "China", "the United States", "Japan", "South Korea", "India", "Indonesia", "Vietnam", "Australia",
};
static const char * const places[] = {
  "Beijing", "Washington", "Jakarta", "Vienna", "Bangkok", "Malta", "Bali", "Munich", "Singapore",
  "Shanghai", "San Francisco", "Lima", "Guangzhou", "Tokyo",
};
static const char * const months[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};
static const char * const short_months[] = {
  "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
};

static void
append_date (GString *out,
             GRand   *rand,
             guint    year)
{
  guint month = g_rand_int_range (rand, 0, 12);
  guint day = g_rand_int_range (rand, 1, 29);

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      g_string_append_printf (out, "%s %u, %u", short_months[month], day, year);
      break;
    case 1:
      g_string_append_printf (out, "%u %s %u", day, months[month], year);
      break;
    case 2:
      g_string_append_printf (out, "%s %u", months[month], year);
      break;
    case 3:
      g_string_append (out, "Tuesday");
      break;
    default:
      g_string_append_printf (out, "%s %u", months[month], day);
    }
}

static void
append_sentence (GString *out,
                 GRand   *rand,
                 guint    year)
{
  const char *frame;
  const Person *a, *b;

  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      g_string_append (out, fillers[g_rand_int_range (rand, 0, G_N_ELEMENTS (fillers))]);
      return;
    }

  frame = frames[g_rand_int_range (rand, 0, G_N_ELEMENTS (frames))];
  a = &us_people[g_rand_int_range (rand, 0, G_N_ELEMENTS (us_people))];
  b = &cn_people[g_rand_int_range (rand, 0, G_N_ELEMENTS (cn_people))];
  if (g_rand_boolean (rand))
    {
      const Person *swap = a;

      a = b;
      b = swap;
    }

  for (const char *p = frame; *p != '\0'; p++)
    {
      if (p[0] != '{' || p[1] < '1' || p[1] > '6' || p[2] != '}')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (p[1])
        {
        case '1':
          g_string_append (out, g_rand_boolean (rand) ? a->titled : a->name);
          break;
        case '2':
          g_string_append (out, g_rand_boolean (rand) ? b->titled : b->name);
          break;
        case '3':
          g_string_append (out, countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))]);
          break;
        case '4':
          g_string_append (out, places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))]);
          break;
        case '5':
          append_date (out, rand, year);
          break;
        default:
          g_string_append (out, a->surname);
        }
      p += 2;
    }
}

/* One article: headers, then paragraphs of three to five sentences; a web
 * page or Markdown for one in five. */
static GString *
make_article (GRand  *rand,
              guint   n,
              char  **extension)
{
  GString *body = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  guint year = 2019 + n % 6;
  guint kind = n % 10;
  guint paragraphs = g_rand_int_range (rand, 4, 8);

  for (guint i = 0; i < paragraphs; i++)
    {
      guint sentences = g_rand_int_range (rand, 3, 6);

      if (i > 0)
        g_string_append (body, kind == 0 ? "</p>\n<p>" : "\n\n");
      for (guint k = 0; k < sentences; k++)
        {
          if (k > 0)
            g_string_append_c (body, ' ');
          append_sentence (body, rand, year);
        }
    }
  /* Sets every article's text apart, so each is a source of its own. */
  g_string_append_printf (body, " (Report %u.)", n);

  if (kind == 0)
    {
      g_string_append_printf (out,
                              "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Diplomatic report %u</title>"
                              "<meta property=\"article:published_time\" content=\"%u-%02u-%02u\"></head>\n"
                              "<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n"
                              "<article><h1>Diplomatic report %u</h1>\n<p>%s</p></article>\n"
                              "<footer>Copyright the bench</footer></body></html>\n",
                              n, year, 1 + n % 12, 1 + n % 28, n, body->str);
      *extension = g_strdup ("html");
    }
  else if (kind == 1)
    {
      g_string_append_printf (out, "# Diplomatic report %u\n\n*%u-%02u-%02u*\n\n%s\n",
                              n, year, 1 + n % 12, 1 + n % 28, body->str);
      *extension = g_strdup ("md");
    }
  else
    {
      g_string_append_printf (out, "Title: Diplomatic report %u\nDate: %u-%02u-%02u\nAuthor: Bench\n\n%s\n",
                              n, year, 1 + n % 12, 1 + n % 28, body->str);
      *extension = g_strdup ("txt");
    }
  g_string_free (body, TRUE);
  return out;
}

static gsize
generate (const char *dir)
{
  GRand *rand = g_rand_new_with_seed (11);
  gsize total = 0;

  for (int n = 0; n < n_articles; n++)
    {
      g_autofree char *extension = NULL;
      g_autoptr(GString) text = make_article (rand, n, &extension);
      g_autofree char *folder = g_strdup_printf ("%s/%03d", dir, n / 100);
      g_autofree char *path = g_strdup_printf ("%s/%05d.%s", folder, n, extension);
      g_autoptr(GError) error = NULL;

      if (n % 100 == 0)
        g_mkdir_with_parents (folder, 0755);
      if (!g_file_set_contents (path, text->str, text->len, &error))
        g_error ("%s", error->message);
      total += text->len;
    }
  g_rand_free (rand);
  return total;
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

/* The peak resident size so far, in MB. */
static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) / 1024.0;
}

/* The CPU time the process has used so far, every thread's, in seconds. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Forgets the peak so far, so the figure is the import's, not the
 * generator's; kernels that refuse leave the process's peak. */
static void
reset_peak_rss (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
}

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
collect_files (const char *dir,
               GPtrArray  *paths)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          collect_files (path, paths);
          g_free (path);
        }
      else
        g_ptr_array_add (paths, path);
    }
}

static void
read_one (gpointer data,
          gpointer user_data)
{
  g_autoptr(GPtrArray) articles = detente_article_read_file (data, NULL, NULL);

  if (articles == NULL)
    g_error ("cannot read %s", (char *) data);
}

/* The baseline of the same run: reading the same files on as many threads,
 * with neither extraction nor merge. */
static double
read_floor (const char *dir)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GThreadPool *pool;
  gint64 start;

  collect_files (dir, paths);
  start = g_get_monotonic_time ();
  pool = g_thread_pool_new (read_one, NULL, n_threads, TRUE, NULL);
  for (guint i = 0; i < paths->len; i++)
    g_thread_pool_push (pool, paths->pdata[i], NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time importing a folder of articles");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(DetenteProject) project = NULL;
  g_autoptr(DetenteImporter) importer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  DetenteMergeSummary summary;
  gsize bytes;
  gint64 start;
  double seconds, floor_seconds, cpu;

  setlocale (LC_ALL, "");
  xmlInitParser ();
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n_articles = MAX (n_articles, 1);
  n_threads = MAX (n_threads, 1);

  /* Loaded before the clock starts, as in the application, where the
   * gazetteer outlives any one import. */
  detente_gazetteer_get_default ();

  dir = g_dir_make_tmp ("detente-bench-import-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  folder = g_file_new_for_path (dir);
  bytes = generate (dir);

  floor_seconds = read_floor (dir);

  project = detente_project_new ();
  importer = detente_importer_new (project, NULL);
  detente_importer_set_n_threads (importer, n_threads);

  reset_peak_rss ();
  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  detente_importer_import_async (importer, &folder, 1, NULL, on_imported_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!detente_importer_import_finish (importer, result, &summary, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;

  remove_tree (folder);

  if (detente_importer_get_failures (importer)->len > 0)
    {
      const DetenteImportFailure *failure = g_ptr_array_index (detente_importer_get_failures (importer), 0);

      g_error ("%s: %s", failure->file, failure->message);
    }
  if (summary.sources != (guint) n_articles)
    g_error ("%u articles imported of %d", summary.sources, n_articles);

  g_print ("corpus_mb: %.1f\n", bytes / 1e6);
  g_print ("articles: %d\n", n_articles);
  g_print ("threads: %d\n", n_threads);
  g_print ("actors: %u\n", g_list_model_get_n_items (detente_project_get_actors (project)));
  g_print ("engagements: %u\n", g_list_model_get_n_items (detente_project_get_engagements (project)));
  g_print ("import_s: %.3f\n", seconds);
  g_print ("import_mb_per_s: %.1f\n", bytes / 1e6 / seconds);
  g_print ("articles_per_s: %.0f\n", n_articles / seconds);
  g_print ("peak_rss_mb: %.1f\n", peak_rss_mb ());
  g_print ("import_cpu_s: %.3f\n", cpu);
  g_print ("read_floor_s: %.3f\n", floor_seconds);
  g_print ("import_ratio: %.2f\n", seconds / floor_seconds);
  return 0;
}
