/* bench-read.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <time.h>

#include "detente-article.h"
#include "detente-gazetteer.h"
#include "detente-mentions.h"
#include "detente-text.h"

/* Generates about 50 MB of article-like text and times the first stages of
 * the extractor over it on one core: reading each article (decoding and
 * header lines), splitting it into sentences and tokens, and finding the
 * mentions of people, countries, organisations and places. It prints
 * read_mb_per_s (the median of several runs, on the thread's CPU time; the
 * wall-clock time is read_wall_s), and as a baseline measured in
 * the same run, validate_mb_per_s: the speed of g_utf8_validate() over the
 * same bytes, the least any reader of text must do. */

static int megabytes = 50;
static int repeat = 3;

static const GOptionEntry options[] = {
  { "megabytes", 0, 0, G_OPTION_ARG_INT, &megabytes, "Size of the corpus (50)", "MB" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs; the median is printed (3)", "N" },
  { NULL }
};

/* Sentence frames written for this benchmark; {1} and {2} are people,
 * {3} a country, {4} a place, {5} a surname. */
static const char * const frames[] = {
  "Secretary of State {1} met {2} in {4} on Tuesday, officials said.",
  "The talks between {1} and {2} lasted more than three hours.",
  "{1}, who arrived in {4} on Nov. 14, told reporters that both sides wanted stable ties.",
  "Analysts said the visit by {1} to {3} could ease tensions over trade and technology.",
  "“We had candid and constructive discussions,” said {2} after the meeting.",
  "Mr. {5} said the U.S. would keep channels of communication open with {3}.",
  "The two leaders last spoke by phone in July, according to a statement from the ministry.",
  "A senior official, speaking on condition of anonymity, said no breakthrough was expected.",
  "Jordan Peters, a senior fellow at a research institute in {4}, said the meeting mattered.",
  "Markets rose 1.2 percent after the announcement, with shares of exporters leading gains.",
};

static const char * const people[] = {
  "Antony Blinken", "Wang Yi", "Janet Yellen", "He Lifeng", "Jake Sullivan", "Qin Gang",
  "Gina Raimondo", "Wang Wentao", "John Kerry", "Xie Zhenhua", "Lloyd Austin", "Dong Jun",
};
static const char * const surnames[] = { "Blinken", "Wang", "Yellen", "He", "Sullivan", "Qin" };
static const char * const countries[] = { "China", "the United States", "Japan", "South Korea", "India" };
static const char * const places[] = { "Beijing", "Washington", "Jakarta", "Vienna", "Bangkok", "Malta" };

static GPtrArray *
generate (gsize target)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  GRand *rand = g_rand_new_with_seed (7);
  gsize total = 0;
  guint n = 0;

  while (total < target)
    {
      GString *text = g_string_new (NULL);

      g_string_append_printf (text, "Title: Diplomatic talks, report %u\nDate: 2023-06-%02u\n\n", n, 1 + n % 28);
      for (int k = 0; k < 40; k++)
        {
          const char *frame = frames[g_rand_int_range (rand, 0, G_N_ELEMENTS (frames))];
          const char *fill[] = {
            people[g_rand_int_range (rand, 0, G_N_ELEMENTS (people))],
            people[g_rand_int_range (rand, 0, G_N_ELEMENTS (people))],
            countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))],
            places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))],
            surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))],
          };

          for (const char *p = frame; *p != '\0'; p++)
            {
              if (p[0] == '{' && p[1] >= '1' && p[1] <= '5' && p[2] == '}')
                {
                  g_string_append (text, fill[p[1] - '1']);
                  p += 2;
                }
              else
                g_string_append_c (text, *p);
            }
          g_string_append (text, k % 5 == 4 ? "\n\n" : " ");
        }
      total += text->len;
      n++;
      g_ptr_array_add (articles, g_string_free_to_bytes (text));
    }
  g_rand_free (rand);
  return articles;
}

/* Time this thread spent on the CPU, in microseconds: the figure is "on
 * one core", and CPU time does not count the time a busy machine makes
 * the benchmark wait for a core. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time reading, splitting and finding mentions");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree double *read_s = NULL;
  g_autofree double *validate_s = NULL;
  g_autofree double *wall_s = NULL;
  gint64 wall_start;
  DetenteGazetteer *gazetteer;
  gsize bytes = 0;
  guint64 mentions = 0;
  double load_s;
  gint64 start;
  gint64 stage[3] = { 0 };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  repeat = MAX (repeat, 1);

  start = cpu_time_us ();
  gazetteer = detente_gazetteer_get_default ();
  load_s = (cpu_time_us () - start) / 1e6;

  articles = generate ((gsize) megabytes * 1000 * 1000);
  for (guint i = 0; i < articles->len; i++)
    bytes += g_bytes_get_size (g_ptr_array_index (articles, i));

  read_s = g_new (double, repeat);
  validate_s = g_new (double, repeat);
  wall_s = g_new (double, repeat);
  for (int r = 0; r < repeat; r++)
    {
      start = cpu_time_us ();
      for (guint i = 0; i < articles->len; i++)
        {
          gsize length;
          const char *data = g_bytes_get_data (g_ptr_array_index (articles, i), &length);

          if (!g_utf8_validate (data, length, NULL))
            g_error ("generated text is not UTF-8");
        }
      validate_s[r] = (cpu_time_us () - start) / 1e6;

      mentions = 0;
      stage[0] = stage[1] = stage[2] = 0;
      start = cpu_time_us ();
      wall_start = g_get_monotonic_time ();
      for (guint i = 0; i < articles->len; i++)
        {
          /* The stages by the wall clock: reading the CPU clock is a
           * system call, too dear to make four times an article. */
          gint64 t0 = g_get_monotonic_time (), t1, t2;
          g_autoptr(DetenteArticle) article = detente_article_read_text (g_ptr_array_index (articles, i),
                                                                         "bench.txt", &error);
          g_autoptr(DetenteText) text = NULL;
          g_autoptr(DetenteMentions) found = NULL;

          g_assert_no_error (error);
          t1 = g_get_monotonic_time ();
          text = detente_text_new (article->text);
          t2 = g_get_monotonic_time ();
          found = detente_mentions_find (text, gazetteer, &article->published);
          mentions += found->mentions->len;
          stage[0] += t1 - t0;
          stage[1] += t2 - t1;
          stage[2] += g_get_monotonic_time () - t2;
        }
      read_s[r] = (cpu_time_us () - start) / 1e6;
      wall_s[r] = (g_get_monotonic_time () - wall_start) / 1e6;
    }

  g_print ("corpus_mb: %.1f\n", bytes / 1e6);
  g_print ("articles: %u\n", articles->len);
  g_print ("mentions: %" G_GUINT64_FORMAT "\n", mentions);
  g_print ("gazetteer_load_ms: %.1f\n", load_s * 1000);
  /* The stages of the last run, for whoever wants to know where time goes. */
  g_print ("article_s: %.3f\n", stage[0] / 1e6);
  g_print ("split_s: %.3f\n", stage[1] / 1e6);
  g_print ("mentions_s: %.3f\n", stage[2] / 1e6);
  g_print ("read_s: %.3f\n", median (read_s, repeat));
  g_print ("read_mb_per_s: %.1f\n", bytes / 1e6 / median (read_s, repeat));
  g_print ("read_wall_s: %.3f\n", median (wall_s, repeat));
  g_print ("validate_mb_per_s: %.1f\n", bytes / 1e6 / median (validate_s, repeat));
  g_print ("read_ratio: %.1f\n", median (read_s, repeat) / median (validate_s, repeat));
  return 0;
}
