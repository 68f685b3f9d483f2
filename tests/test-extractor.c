/* test-extractor.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "detente-enums.h"
#include "detente-extractor.h"
#include "detente-types.h"

/* Each engagement is written as one line, "kind a+b @place date status
 * ×evidence", participants sorted, so a test reads like what a user would
 * see. Every text here was written for these tests. */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
describe (DetenteExtractResult         *result,
          const DetenteFoundEngagement *e)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GString) line = g_string_new (detente_enum_to_nick (DETENTE_TYPE_ENGAGEMENT_KIND, e->kind));
  g_autofree char *date = detente_date_is_set (&e->date) ? detente_date_to_iso (&e->date) : g_strdup ("-");

  for (guint i = 0; i < e->participants->len; i++)
    {
      const DetenteFoundActor *a = g_ptr_array_index (result->actors, g_array_index (e->participants, guint, i));

      g_ptr_array_add (ids, a->id);
    }
  g_ptr_array_sort (ids, compare_ids);
  g_string_append_c (line, ' ');
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (line, "%s%s", i > 0 ? "+" : "", (char *) g_ptr_array_index (ids, i));
  g_string_append_printf (line, " @%s %s %s ×%u", e->place != NULL ? e->place : "-", date,
                          detente_enum_to_nick (DETENTE_TYPE_ENGAGEMENT_STATUS, e->status), e->evidence->len);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* Extracts @text as an article published on @published and returns its
 * engagements as lines, after checking that every piece of evidence is a
 * whole sentence of the text. */
static GStrv
extract (const char *text,
         const char *published)
{
  DetenteArticle article = { 0 };
  DetenteDate date = DETENTE_DATE_INIT;
  g_autoptr(DetenteExtractResult) result = NULL;
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  if (published != NULL)
    g_assert_true (detente_date_parse (published, &date, NULL));
  article.file_name = (char *) "test.txt";
  article.text = (char *) text;
  result = detente_extract (&article, &date, detente_gazetteer_get_default ());

  for (guint i = 0; i < result->engagements->len; i++)
    {
      const DetenteFoundEngagement *e = g_ptr_array_index (result->engagements, i);
      g_autofree char *line = describe (result, e);

      g_test_message ("%s", line);
      g_assert_cmpuint (e->evidence->len, >, 0);
      for (guint k = 0; k < e->evidence->len; k++)
        {
          const DetenteSpan *span = &g_array_index (e->evidence, DetenteSpan, k);

          g_assert_cmpuint (span->offset + span->length, <=, strlen (text));
          g_assert_true (g_utf8_validate (text + span->offset, span->length, NULL));
          /* A sentence starts at the text's start or after white space. */
          g_assert_true (span->offset == 0 || g_ascii_isspace (text[span->offset - 1]));
        }
      g_assert_cmpfloat (e->confidence, >, 0.0);
      g_assert_cmpfloat (e->confidence, <=, 1.0);
      g_strv_builder_add (lines, line);
    }
  return g_strv_builder_end (lines);
}

static void
assert_has (GStrv       lines,
            const char *expected)
{
  if (!g_strv_contains ((const char * const *) lines, expected))
    {
      g_autofree char *all = g_strjoinv ("\n  ", lines);

      g_error ("expected “%s” among:\n  %s", expected, all);
    }
}

static void
assert_count (GStrv lines,
              guint n)
{
  if (g_strv_length (lines) != n)
    {
      g_autofree char *all = g_strjoinv ("\n  ", lines);

      g_error ("expected %u engagements, got:\n  %s", n, all);
    }
}

static void
test_met (void)
{
  g_auto(GStrv) a = extract ("Secretary of State Antony Blinken met Foreign Minister Wang Yi in Vienna on Tuesday.",
                             "2024-03-14");
  g_auto(GStrv) b = extract ("Wang Yi met with Jake Sullivan at the White House.", "2023-10-28");

  assert_count (a, 1);
  assert_has (a, "meeting antony-blinken+wang-yi @Vienna 2024-03-12 held ×1");
  assert_count (b, 1);
  assert_has (b, "meeting jake-sullivan+wang-yi @- - held ×1");
}

static void
test_meeting_between (void)
{
  g_auto(GStrv) lines = extract ("Officials described a two-hour meeting between Lloyd Austin and Dong Jun "
                                 "in Singapore on 31 May 2024.", NULL);

  assert_count (lines, 1);
  assert_has (lines, "meeting dong-jun+lloyd-austin @Singapore 2024-05-31 held ×1");
}

static void
test_held_talks (void)
{
  g_auto(GStrv) a = extract ("Jake Sullivan and Wang Yi held talks in Bangkok on 26 January 2024.", NULL);
  g_auto(GStrv) b = extract ("Janet Yellen held two days of talks with He Lifeng in Guangzhou.", "2024-04-06");

  assert_has (a, "talks jake-sullivan+wang-yi @Bangkok 2024-01-26 held ×1");
  assert_has (b, "talks he-lifeng+janet-yellen @Guangzhou - held ×1");
}

static void
test_visit (void)
{
  g_auto(GStrv) a = extract ("Gina Raimondo visited China in August 2023.", NULL);
  g_auto(GStrv) b = extract ("John Kerry traveled to Beijing on Sunday.", "2023-07-17");
  g_auto(GStrv) c = extract ("Janet Yellen's visit to Beijing ended on 9 July 2023.", NULL);
  g_auto(GStrv) d = extract ("A visit to the region was discussed.", NULL);
  g_auto(GStrv) e = extract ("Wang Yi visited Shanghai in May 2024.", NULL);

  assert_count (a, 1);
  assert_has (a, "visit gina-raimondo @China 2023-08 held ×1");
  assert_has (b, "visit john-kerry @Beijing 2023-07-16 held ×1");
  assert_has (c, "visit janet-yellen @Beijing 2023-07-09 held ×1");
  /* Nobody visits: nothing is reported. */
  assert_count (d, 0);
  /* A trip at home is no diplomatic visit. */
  assert_count (e, 0);
}

static void
test_hosted_invited_call (void)
{
  g_auto(GStrv) a = extract ("Joe Biden hosted Wang Yi at the White House.", NULL);
  g_auto(GStrv) b = extract ("Antony Blinken invited Qin Gang to Washington.", NULL);
  g_auto(GStrv) c = extract ("The State Department said there had been a phone call between "
                             "Antony Blinken and Wang Yi.", NULL);
  g_auto(GStrv) d = extract ("Lloyd Austin spoke with his Chinese counterpart, Dong Jun, by video link.", NULL);

  assert_has (a, "meeting joe-biden+wang-yi @- - held ×1");
  /* The visit Qin was invited to make is the invitation's, not a visit. */
  assert_count (b, 1);
  assert_has (b, "invitation antony-blinken+qin-gang @Washington - held ×1");
  assert_has (c, "call antony-blinken+wang-yi @- - held ×1");
  assert_has (d, "call dong-jun+lloyd-austin @- - held ×1");
}

static void
test_status (void)
{
  g_auto(GStrv) planned = extract ("Antony Blinken is scheduled to meet Wang Yi on Thursday.", "2023-07-11");
  g_auto(GStrv) will = extract ("Janet Yellen will visit Beijing next week.", "2023-06-28");
  g_auto(GStrv) cancelled = extract ("Antony Blinken canceled his planned visit to Beijing.", "2023-02-04");
  g_auto(GStrv) postponed = extract ("Antony Blinken postponed his trip to China.", "2023-02-04");
  g_auto(GStrv) possible = extract ("Joe Biden hopes to meet Xi Jinping in the autumn.", "2023-06-20");
  g_auto(GStrv) may = extract ("Joe Biden may meet Xi Jinping in San Francisco.", "2023-06-20");

  assert_has (planned, "meeting antony-blinken+wang-yi @- 2023-07-13 planned ×1");
  assert_has (will, "visit janet-yellen @Beijing 2023-07-03/2023-07-09 planned ×1");
  assert_has (cancelled, "visit antony-blinken @Beijing - cancelled ×1");
  assert_has (postponed, "visit antony-blinken @China - postponed ×1");
  assert_has (possible, "meeting joe-biden+xi-jinping @- - possible ×1");
  assert_has (may, "meeting joe-biden+xi-jinping @San Francisco - possible ×1");
}

static void
test_negation (void)
{
  g_auto(GStrv) a = extract ("Antony Blinken did not meet Xi Jinping.", NULL);
  g_auto(GStrv) b = extract ("Lloyd Austin is not expected to meet Li Shangfu in Singapore.", NULL);
  g_auto(GStrv) c = extract ("Wang Yi never visited Washington that year.", NULL);

  assert_count (a, 0);
  assert_count (b, 0);
  assert_count (c, 0);
}

static void
test_coordination (void)
{
  g_auto(GStrv) three = extract ("In Beijing, Antony Blinken met Xi Jinping, Qin Gang and Wang Yi.", NULL);
  g_auto(GStrv) group = extract ("Jake Sullivan flew to Tokyo for three-way meetings involving Japan, "
                                 "South Korea and the Philippines.", NULL);

  assert_count (three, 3);
  assert_has (three, "meeting antony-blinken+xi-jinping @- - held ×1");
  assert_has (three, "meeting antony-blinken+qin-gang @- - held ×1");
  assert_has (three, "meeting antony-blinken+wang-yi @- - held ×1");
  assert_has (group, "visit jake-sullivan @Tokyo - held ×1");
  assert_has (group, "meeting jake-sullivan+japan+philippines+south-korea @Tokyo - held ×1");
}

static void
test_during_visit (void)
{
  g_auto(GStrv) lines = extract ("Janet Yellen visited Beijing from 6 to 9 July 2023.\n\n"
                                 "During her visit, Yellen met Premier Li Qiang.", NULL);

  /* "During her visit" is evidence of the visit too. */
  assert_has (lines, "visit janet-yellen @Beijing 2023-07-06/2023-07-09 held ×2");
  assert_has (lines, "meeting janet-yellen+li-qiang @Beijing 2023-07-06/2023-07-09 held ×1");
}

static void
test_pronoun (void)
{
  g_auto(GStrv) lines = extract ("Gina Raimondo arrived in Beijing on 27 August 2023. "
                                 "The next day she met Commerce Minister Wang Wentao.", NULL);

  assert_has (lines, "meeting gina-raimondo+wang-wentao @Beijing - held ×1");
}

static void
test_one_engagement (void)
{
  /* The same meeting told three times is one engagement with three
   * sentences of evidence. */
  g_auto(GStrv) lines = extract ("Joe Biden met Xi Jinping in Lima on 16 November 2024. "
                                 "The meeting was short. "
                                 "The meeting between Biden and Xi lasted under two hours.", NULL);

  assert_count (lines, 1);
  assert_has (lines, "meeting joe-biden+xi-jinping @Lima 2024-11-16 held ×3");
}

static void
test_two_engagements (void)
{
  /* The same two people, two meetings: a date apart, or one a hope. */
  g_auto(GStrv) dated = extract ("Joe Biden met Xi Jinping in Bali in November 2022. "
                                 "Biden met Xi again in Woodside in November 2023.", NULL);
  g_auto(GStrv) hope = extract ("Joe Biden hopes to meet Xi Jinping again after their meeting in Bali in "
                                "November.", "2023-06-20");

  assert_count (dated, 2);
  assert_count (hope, 2);
  assert_has (hope, "meeting joe-biden+xi-jinping @Bali 2022-11 held ×1");
  assert_has (hope, "meeting joe-biden+xi-jinping @- - possible ×1");
}

static void
test_nothing_invented (void)
{
  /* No date, no place: the fields stay empty. */
  g_auto(GStrv) lines = extract ("Xi Jinping met Joe Biden.", "2023-11-16");
  g_auto(GStrv) empty = extract ("", NULL);
  g_auto(GStrv) noise = extract ("met met visit visited talks between and , , meeting of the", NULL);

  assert_has (lines, "meeting joe-biden+xi-jinping @- - held ×1");
  assert_count (empty, 0);
  assert_count (noise, 0);
}

static void
test_later_date_is_planned (void)
{
  /* A visit dated after the article is a plan, whatever the words. */
  g_auto(GStrv) lines = extract ("Wang Yi's visit to Washington on 26 October.", "2023-10-20");

  assert_has (lines, "visit wang-yi @Washington 2023-10-26 planned ×1");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extractor/met", test_met);
  g_test_add_func ("/extractor/meeting-between", test_meeting_between);
  g_test_add_func ("/extractor/held-talks", test_held_talks);
  g_test_add_func ("/extractor/visit", test_visit);
  g_test_add_func ("/extractor/hosted-invited-call", test_hosted_invited_call);
  g_test_add_func ("/extractor/status", test_status);
  g_test_add_func ("/extractor/negation", test_negation);
  g_test_add_func ("/extractor/coordination", test_coordination);
  g_test_add_func ("/extractor/during-visit", test_during_visit);
  g_test_add_func ("/extractor/pronoun", test_pronoun);
  g_test_add_func ("/extractor/one-engagement", test_one_engagement);
  g_test_add_func ("/extractor/two-engagements", test_two_engagements);
  g_test_add_func ("/extractor/nothing-invented", test_nothing_invented);
  g_test_add_func ("/extractor/later-date-is-planned", test_later_date_is_planned);

  return g_test_run ();
}
