/* test-date-parse.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "detente-date-parse.h"

/* An expected match: the exact text of the expression, its date in ISO
 * 8601 ("START/END" for a range), and whether it was resolved against the
 * reference (-1: not checked). */
typedef struct
{
  const char *expression;
  const char *iso;
  int         relative;
} Expect;

#define END_EXPECT { NULL, NULL, 0 }

/* Reference dates used below. 2023-06-19 is a Monday. */
#define MONDAY "2023-06-19"

static DetenteDate
date_of (const char *iso)
{
  DetenteDate d = DETENTE_DATE_INIT;

  if (iso != NULL)
    g_assert_true (detente_date_parse (iso, &d, NULL));
  return d;
}

static GArray *
find (const char   *text,
      const char   *reference,
      DetenteTense  tense)
{
  DetenteDate ref = date_of (reference);

  return detente_date_parse_find (text, -1, reference != NULL ? &ref : NULL, tense);
}

/* Checks every match of @text, in order, against @expected. Each
 * expression is looked for after the end of the one before, so the offsets
 * checked are the exact ones. */
static void
assert_finds (const char   *text,
              const char   *reference,
              DetenteTense  tense,
              const Expect *expected)
{
  g_autoptr(GArray) matches = find (text, reference, tense);
  guint n = 0;
  gsize from = 0;

  for (guint i = 0; i < matches->len; i++)
    {
      const DetenteDateMatch *m = &g_array_index (matches, DetenteDateMatch, i);
      g_autofree char *iso = detente_date_to_iso (&m->date);

      g_test_message ("«%s» match %u: «%.*s» %s%s", text, i, (int) m->length, text + m->offset,
                      iso, m->relative ? " (relative)" : "");
    }

  while (expected[n].expression != NULL)
    n++;
  g_assert_cmpuint (matches->len, ==, n);

  for (guint i = 0; i < n; i++)
    {
      const DetenteDateMatch *m = &g_array_index (matches, DetenteDateMatch, i);
      const char *at = strstr (text + from, expected[i].expression);
      g_autofree char *iso = detente_date_to_iso (&m->date);

      g_assert_nonnull (at);
      g_assert_cmpuint (m->offset, ==, at - text);
      g_assert_cmpuint (m->length, ==, strlen (expected[i].expression));
      g_assert_cmpstr (iso, ==, expected[i].iso);
      if (expected[i].relative >= 0)
        g_assert_cmpint (m->relative, ==, expected[i].relative);
      from = m->offset + m->length;
    }
}

static void
assert_none (const char   *text,
             const char   *reference,
             DetenteTense  tense)
{
  static const Expect none[] = { END_EXPECT };

  assert_finds (text, reference, tense, none);
}

/* The one date @text holds, as ISO text, or NULL. */
static char *
find_one (const char   *text,
          const char   *reference,
          DetenteTense  tense)
{
  g_autoptr(GArray) matches = find (text, reference, tense);

  if (matches->len != 1)
    return NULL;
  return detente_date_to_iso (&g_array_index (matches, DetenteDateMatch, 0).date);
}

static void
assert_one (const char   *text,
            const char   *reference,
            DetenteTense  tense,
            const char   *iso)
{
  g_autofree char *found = find_one (text, reference, tense);

  g_test_message ("«%s» → %s", text, found);
  g_assert_cmpstr (found, ==, iso);
}

static void
test_absolute (void)
{
  assert_finds ("Blinken met Xi on Nov. 14, 2022 in Bali.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "Nov. 14, 2022", "2022-11-14", FALSE }, END_EXPECT });
  assert_finds ("The talks on November 14, 2022 and 14 November 2022 were tense.", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "November 14, 2022", "2022-11-14", FALSE },
                             { "14 November 2022", "2022-11-14", FALSE }, END_EXPECT });
  assert_finds ("A summit in June 2023 and another in 2018.", NULL, DETENTE_TENSE_UNKNOWN,
                (Expect[]) { { "June 2023", "2023-06", FALSE }, { "2018", "2018", FALSE },
                             END_EXPECT });
  assert_finds ("They met on 2023-06-19, 2023/6/20 and 2023-06-21T10:00 in Beijing.", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "2023-06-19", "2023-06-19", FALSE },
                             { "2023/6/20", "2023-06-20", FALSE },
                             { "2023-06-21", "2023-06-21", FALSE }, END_EXPECT });
  assert_finds ("会谈于2023年6月19日在北京举行，2023年6月和2023年也有。", NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "2023年6月19日", "2023-06-19", FALSE },
                             { "2023年6月", "2023-06", FALSE },
                             { "2023年", "2023", FALSE }, END_EXPECT });
  assert_finds ("On June 18th, 2023, the 18th of June 2023 and 18th of June 2023.", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "June 18th, 2023", "2023-06-18", FALSE },
                             { "the 18th of June 2023", "2023-06-18", FALSE },
                             { "18th of June 2023", "2023-06-18", FALSE }, END_EXPECT });
  /* Datelines shout. */
  assert_finds ("TOKYO, JUNE 19, 2023 — Talks began.", NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "JUNE 19, 2023", "2023-06-19", FALSE }, END_EXPECT });
  assert_finds ("Jun 19 2023, Aug. 1, 2023 and Sept 5, 2023 and Sep. 6, 2023.", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "Jun 19 2023", "2023-06-19", FALSE },
                             { "Aug. 1, 2023", "2023-08-01", FALSE },
                             { "Sept 5, 2023", "2023-09-05", FALSE },
                             { "Sep. 6, 2023", "2023-09-06", FALSE }, END_EXPECT });
  /* A weekday before a date only confirms it. */
  assert_finds ("On Sunday, June 18, 2023, they met.", NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "Sunday, June 18, 2023", "2023-06-18", FALSE }, END_EXPECT });
}

static void
test_partial_days (void)
{
  /* The reference's year, unless the tense rules it out. */
  assert_finds ("He arrived on Sept. 5 and left June 18.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "Sept. 5", "2022-09-05", TRUE }, { "June 18", "2023-06-18", TRUE },
                             END_EXPECT });
  assert_finds ("He arrives on Sept. 5 and leaves June 18.", MONDAY, DETENTE_TENSE_FUTURE,
                (Expect[]) { { "Sept. 5", "2023-09-05", TRUE }, { "June 18", "2024-06-18", TRUE },
                             END_EXPECT });
  assert_one ("He arrived on Sept. 5.", MONDAY, DETENTE_TENSE_UNKNOWN, "2023-09-05");
  assert_one ("He arrives on Sept. 5.", MONDAY, DETENTE_TENSE_PRESENT, "2023-09-05");
  /* The reference day itself is neither before nor after it. */
  assert_one ("They met June 19.", MONDAY, DETENTE_TENSE_PAST, "2023-06-19");
  assert_one ("They meet June 19.", MONDAY, DETENTE_TENSE_FUTURE, "2023-06-19");
  assert_finds ("Talks on 6月19日 and 6月 went well.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "6月19日", "2023-06-19", TRUE }, { "6月", "2023-06", TRUE },
                             END_EXPECT });
  assert_finds ("They met June 18th and the 18th of May.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "June 18th", "2023-06-18", TRUE },
                             { "the 18th of May", "2023-05-18", TRUE }, END_EXPECT });
  /* A reference known only to the month or year still gives the year. */
  assert_one ("He left on Sept. 5.", "2023-06", DETENTE_TENSE_PAST, "2022-09-05");
  assert_one ("He left on Sept. 5.", "2023", DETENTE_TENSE_PAST, "2023-09-05");
}

static void
test_on_the_nth (void)
{
  assert_finds ("They met on the 18th, then on the 20th.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "the 18th", "2023-06-18", TRUE }, { "the 20th", "2023-05-20", TRUE },
                             END_EXPECT });
  assert_one ("They will meet on the 18th.", MONDAY, DETENTE_TENSE_FUTURE, "2023-07-18");
  assert_none ("The office is on the 18th floor.", MONDAY, DETENTE_TENSE_PAST);
  assert_none ("It is the 18th century.", MONDAY, DETENTE_TENSE_PAST);
  assert_none ("They met on the 18th.", "2023", DETENTE_TENSE_PAST);
  /* No 31st in June: nothing. */
  assert_none ("They met on the 31st.", MONDAY, DETENTE_TENSE_UNKNOWN);
}

static void
test_ranges (void)
{
  assert_finds ("The visit lasted from July 16 to July 19 and July 16 to 19.", "2023-08-01",
                DETENTE_TENSE_PAST,
                (Expect[]) { { "from July 16 to July 19", "2023-07-16/2023-07-19", TRUE },
                             { "July 16 to 19", "2023-07-16/2023-07-19", TRUE }, END_EXPECT });
  assert_finds ("Talks on June 18-19, June 18–19 and June 18 and 19.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "June 18-19", "2023-06-18/2023-06-19", TRUE },
                             { "June 18–19", "2023-06-18/2023-06-19", TRUE },
                             { "June 18 and 19", "2023-06-18/2023-06-19", TRUE }, END_EXPECT });
  assert_finds ("He toured June 30-July 2, 2023 and 16-19 July 2023.", NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "June 30-July 2, 2023", "2023-06-30/2023-07-02", FALSE },
                             { "16-19 July 2023", "2023-07-16/2023-07-19", FALSE }, END_EXPECT });
  assert_finds ("It ran July 16-19, 2023, and 18 to 19 June 2023.", NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "July 16-19, 2023", "2023-07-16/2023-07-19", FALSE },
                             { "18 to 19 June 2023", "2023-06-18/2023-06-19", FALSE }, END_EXPECT });
  assert_finds ("Talks between 2017 and 2020, in 2017-2020 and from 2018 to 2019.", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "between 2017 and 2020", "2017/2020", FALSE },
                             { "2017-2020", "2017/2020", FALSE },
                             { "from 2018 to 2019", "2018/2019", FALSE }, END_EXPECT });
  assert_one ("It happened in 2018-19.", NULL, DETENTE_TENSE_PAST, "2018/2019");
  assert_one ("It happened in 1999-00.", NULL, DETENTE_TENSE_PAST, "1999/2000");
  /* Across a new year, the end is in the next. */
  assert_one ("The trip ran Dec. 30-Jan. 2.", MONDAY, DETENTE_TENSE_PAST, "2022-12-30/2023-01-02");
  assert_one ("The trip ran Dec. 30, 2022-Jan. 2, 2023.", NULL, DETENTE_TENSE_PAST,
              "2022-12-30/2023-01-02");
  assert_one ("The trip ran Dec. 30-Jan. 2, 2023.", NULL, DETENTE_TENSE_PAST,
              "2022-12-30/2023-01-02");
  assert_finds ("Talks ran from February to April 2023 and between March and May.", MONDAY,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "from February to April 2023", "2023-02/2023-04", FALSE },
                             { "between March and May", "2023-03/2023-05", TRUE }, END_EXPECT });
  assert_one ("It lasted from March 2022 to May 2023.", NULL, DETENTE_TENSE_PAST, "2022-03/2023-05");
  /* "and" joins days of one month, not two whole dates. */
  assert_finds ("They met on June 18 and July 2.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "June 18", "2023-06-18", TRUE }, { "July 2", "2022-07-02", TRUE },
                             END_EXPECT });
  /* A backwards range is no range. */
  assert_finds ("They met June 19-18.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "June 19", "2023-06-19", TRUE }, END_EXPECT });
  /* Without context a pair of numbers is no range of years. */
  assert_none ("The 2017-2020 plan failed.", NULL, DETENTE_TENSE_PAST);
}

static void
test_partial_months (void)
{
  assert_one ("He travelled in February.", MONDAY, DETENTE_TENSE_PAST, "2023-02");
  assert_one ("He travelled in August.", MONDAY, DETENTE_TENSE_PAST, "2022-08");
  assert_one ("He travels in August.", MONDAY, DETENTE_TENSE_UNKNOWN, "2022-08");
  assert_one ("He travels in August.", MONDAY, DETENTE_TENSE_PRESENT, "2022-08");
  assert_one ("He will travel in August.", MONDAY, DETENTE_TENSE_FUTURE, "2023-08");
  assert_one ("He will travel in February.", MONDAY, DETENTE_TENSE_FUTURE, "2024-02");
  /* The reference's own month is both the latest and the earliest. */
  assert_one ("He travelled in June.", MONDAY, DETENTE_TENSE_PAST, "2023-06");
  assert_one ("He will travel in June.", MONDAY, DETENTE_TENSE_FUTURE, "2023-06");
  assert_finds ("Since March, by April, until July, in early May and mid-June.", MONDAY,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "March", "2023-03", TRUE }, { "April", "2023-04", TRUE },
                             { "July", "2022-07", TRUE }, { "early May", "2023-05", TRUE },
                             { "mid-June", "2023-06", TRUE }, END_EXPECT });
  assert_finds ("They met in June or July.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "June", "2023-06", TRUE }, { "July", "2022-07", TRUE }, END_EXPECT });
  assert_finds ("They met last February and will meet next June.", MONDAY, DETENTE_TENSE_UNKNOWN,
                (Expect[]) { { "last February", "2023-02", TRUE }, { "next June", "2024-06", TRUE },
                             END_EXPECT });
  /* A month name alone needs a word before it that makes it a date. */
  assert_none ("June was hot. February's talks failed.", MONDAY, DETENTE_TENSE_PAST);
  /* Abbreviations stand only before a day. */
  assert_none ("Jan Egeland spoke in Sept.", MONDAY, DETENTE_TENSE_PAST);
}

static void
test_weekdays (void)
{
  /* A news article dated Monday saying "on Sunday" means the day before. */
  assert_finds ("He spoke on Sunday.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "Sunday", "2023-06-18", TRUE }, END_EXPECT });
  assert_one ("He spoke on Sunday.", MONDAY, DETENTE_TENSE_UNKNOWN, "2023-06-18");
  assert_one ("He speaks on Sunday.", MONDAY, DETENTE_TENSE_PRESENT, "2023-06-18");
  assert_one ("He will speak on Sunday.", MONDAY, DETENTE_TENSE_FUTURE, "2023-06-25");
  assert_one ("He spoke Tuesday.", MONDAY, DETENTE_TENSE_PAST, "2023-06-13");
  assert_one ("He will speak Tuesday.", MONDAY, DETENTE_TENSE_FUTURE, "2023-06-20");
  /* The reference's own weekday: that day, or a week on. */
  assert_one ("He spoke on Monday.", MONDAY, DETENTE_TENSE_PAST, "2023-06-19");
  assert_one ("He will speak on Monday.", MONDAY, DETENTE_TENSE_FUTURE, "2023-06-26");
  assert_finds ("Not last Monday but last Sunday, and next Monday.", MONDAY, DETENTE_TENSE_UNKNOWN,
                (Expect[]) { { "last Monday", "2023-06-12", TRUE },
                             { "last Sunday", "2023-06-18", TRUE },
                             { "next Monday", "2023-06-26", TRUE }, END_EXPECT });
  assert_one ("He will speak this Friday.", MONDAY, DETENTE_TENSE_FUTURE, "2023-06-23");
  assert_finds ("Sunday, June 18, they met; on Monday night they left.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "Sunday, June 18", "2023-06-18", TRUE },
                             { "Monday", "2023-06-19", TRUE }, END_EXPECT });
  /* Needs a reference known to the day. */
  assert_none ("He spoke on Sunday.", "2023-06", DETENTE_TENSE_PAST);
  assert_none ("Sun rose. The Sunday Times said so on Good Friday; Mon. and Sat. too.", MONDAY,
               DETENTE_TENSE_PAST);
}

static void
test_relative (void)
{
  assert_finds ("Yesterday he said today and tomorrow matter; tonight too.", MONDAY,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "Yesterday", "2023-06-18", TRUE }, { "today", "2023-06-19", TRUE },
                             { "tomorrow", "2023-06-20", TRUE }, { "tonight", "2023-06-19", TRUE },
                             END_EXPECT });
  /* Weeks run Monday to Sunday. */
  assert_finds ("Last week, this week and next week.", "2023-06-21", DETENTE_TENSE_UNKNOWN,
                (Expect[]) { { "Last week", "2023-06-12/2023-06-18", TRUE },
                             { "this week", "2023-06-19/2023-06-25", TRUE },
                             { "next week", "2023-06-26/2023-07-02", TRUE }, END_EXPECT });
  assert_finds ("Earlier this week and later this week; last weekend.", "2023-06-21",
                DETENTE_TENSE_UNKNOWN,
                (Expect[]) { { "Earlier this week", "2023-06-19/2023-06-21", TRUE },
                             { "later this week", "2023-06-21/2023-06-25", TRUE },
                             { "last weekend", "2023-06-17/2023-06-18", TRUE }, END_EXPECT });
  /* A Sunday belongs to the week that began the Monday before. */
  assert_one ("It happened last week.", "2023-06-25", DETENTE_TENSE_PAST, "2023-06-12/2023-06-18");
  assert_finds ("Last month, next month, this month and earlier this month.", MONDAY,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "Last month", "2023-05", TRUE }, { "next month", "2023-07", TRUE },
                             { "this month", "2023-06", TRUE },
                             { "earlier this month", "2023-06", TRUE }, END_EXPECT });
  assert_one ("It happened last month.", "2023-01-05", DETENTE_TENSE_PAST, "2022-12");
  assert_finds ("Last year, this year, earlier this year, later this year and next year.", MONDAY,
                DETENTE_TENSE_UNKNOWN,
                (Expect[]) { { "Last year", "2022", TRUE }, { "this year", "2023", TRUE },
                             { "earlier this year", "2023", TRUE },
                             { "later this year", "2023", TRUE }, { "next year", "2024", TRUE },
                             END_EXPECT });
  assert_finds ("Later in the day, later that day, the day before and the previous day.", MONDAY,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "Later in the day", "2023-06-19", TRUE },
                             { "later that day", "2023-06-19", TRUE },
                             { "the day before", "2023-06-18", TRUE },
                             { "the previous day", "2023-06-18", TRUE }, END_EXPECT });
  assert_finds ("The next day, the following day, the day before yesterday.", MONDAY,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "The next day", "2023-06-20", TRUE },
                             { "the following day", "2023-06-20", TRUE },
                             { "the day before yesterday", "2023-06-17", TRUE }, END_EXPECT });
  assert_finds ("Two days ago, three weeks ago, a year ago and 5 months ago.", MONDAY,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "Two days ago", "2023-06-17", TRUE },
                             { "three weeks ago", "2023-05-29", TRUE },
                             { "a year ago", "2022", TRUE }, { "5 months ago", "2023-01", TRUE },
                             END_EXPECT });
  assert_finds ("Last night and this morning.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "Last night", "2023-06-18", TRUE },
                             { "this morning", "2023-06-19", TRUE }, END_EXPECT });
  /* What the reference does not know is not guessed. */
  assert_finds ("Yesterday, last week, last month and last year.", "2023", DETENTE_TENSE_PAST,
                (Expect[]) { { "last year", "2022", TRUE }, END_EXPECT });
  assert_finds ("Yesterday, last week, last month and last year.", "2023-06", DETENTE_TENSE_PAST,
                (Expect[]) { { "last month", "2023-05", TRUE }, { "last year", "2022", TRUE },
                             END_EXPECT });
}

static void
test_vague (void)
{
  assert_none ("Recently, in the past few months, in recent weeks, nothing happened.", MONDAY,
               DETENTE_TENSE_PAST);
  assert_none ("Over the last week and the next year, a few days ago, at last, the week.", MONDAY,
               DETENTE_TENSE_PAST);
  assert_none ("His last year in office; the day before the summit; the days before.", MONDAY,
               DETENTE_TENSE_PAST);
}

static void
test_precision (void)
{
  struct { const char *text; DetenteDatePrecision precision; } cases[] = {
    { "in June 2023", DETENTE_DATE_PRECISION_MONTH },
    { "in 2018", DETENTE_DATE_PRECISION_YEAR },
    { "on June 18, 2023", DETENTE_DATE_PRECISION_DAY },
    { "in February", DETENTE_DATE_PRECISION_MONTH },
    { "earlier this month", DETENTE_DATE_PRECISION_MONTH },
    { "later this year", DETENTE_DATE_PRECISION_YEAR },
    { "three weeks ago", DETENTE_DATE_PRECISION_DAY },
    { "in early 2018", DETENTE_DATE_PRECISION_YEAR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) m = find (cases[i].text, MONDAY, DETENTE_TENSE_PAST);

      g_assert_cmpuint (m->len, ==, 1);
      g_assert_cmpint (detente_date_get_precision (&g_array_index (m, DetenteDateMatch, 0).date), ==,
                       cases[i].precision);
      g_assert_false (detente_date_has_end (&g_array_index (m, DetenteDateMatch, 0).date));
    }
}

static void
test_year_context (void)
{
  assert_finds ("In early 2018, mid-2020 and late 2019; since 1949, by 2030, until 2025.", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "early 2018", "2018", FALSE }, { "mid-2020", "2020", FALSE },
                             { "late 2019", "2019", FALSE }, { "1949", "1949", FALSE },
                             { "2030", "2030", FALSE }, { "2025", "2025", FALSE }, END_EXPECT });
  assert_finds ("Before 2000, after 2001, during 2002, the end of 2003 and from 2004.", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "2000", "2000", FALSE }, { "2001", "2001", FALSE },
                             { "2002", "2002", FALSE }, { "2003", "2003", FALSE },
                             { "2004", "2004", FALSE }, END_EXPECT });
  /* The context carries along a list. */
  assert_finds ("They met in 2019, 2020 and 2021.", NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "2019", "2019", FALSE }, { "2020", "2020", FALSE },
                             { "2021", "2021", FALSE }, END_EXPECT });
  /* The edges of the years accepted. */
  assert_finds ("In 1899, in 1900, in 2100 and in 2101.", NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "1900", "1900", FALSE }, { "2100", "2100", FALSE }, END_EXPECT });
}

static void
test_not_years (void)
{
  const char *texts[] = {
    "The 2018 summit drew 1,000 delegates.",
    "Some 2,300 troops were sent in 2,019 trucks.",
    "Under Article 2018 it cost $2019, or €2020, £2021 and ¥2022.",
    "In 2000 troops crossed; in 2019% of cases; in 2019km; in 2019th place.",
    "During the 1990s, COVID-19 spread; 3.2018 and 10:30 and 2020.5 are numbers.",
    "Flight 2019 landed; room 2020 is empty; 2021 people came.",
    "Since 1,999 people voted.",
    "A2018 and 2018B and #2018 and No.2018.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_none (texts[i], MONDAY, DETENTE_TENSE_PAST);
}

static void
test_may (void)
{
  assert_none ("They may meet, and may march; may 5 of them march?", MONDAY, DETENTE_TENSE_FUTURE);
  assert_none ("Theresa May said May would decide. March on, they said.", MONDAY, DETENTE_TENSE_PAST);
  assert_finds ("In May, on May 5, since May, by May 2023 and in late May.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "May", "2023-05", TRUE }, { "May 5", "2023-05-05", TRUE },
                             { "May", "2023-05", TRUE }, { "May 2023", "2023-05", FALSE },
                             { "late May", "2023-05", TRUE }, END_EXPECT });
  /* "until May" could be "until May said…": only the surest words count. */
  assert_none ("He waited until May decided.", MONDAY, DETENTE_TENSE_PAST);
  assert_finds ("May 5 was calm; in March they met; March 3 too.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "May 5", "2023-05-05", TRUE }, { "March", "2023-03", TRUE },
                             { "March 3", "2023-03-03", TRUE }, END_EXPECT });
  /* All lower case is never a month. */
  assert_none ("in may, on june 5, in march 2023", MONDAY, DETENTE_TENSE_PAST);
}

static void
test_invalid (void)
{
  assert_finds ("Feb. 30, 2023 is invalid, Feb. 29, 2024 is fine, Feb. 29, 2023 is not.", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "Feb. 29, 2024", "2024-02-29", FALSE }, END_EXPECT });
  /* An impossible day leaves nothing behind: not even "April 2023". */
  assert_none ("On 31 April 2023, June 31, 2023 and June 32.", MONDAY, DETENTE_TENSE_PAST);
  assert_none ("On 2023-02-30 and 2023-13-01.", NULL, DETENTE_TENSE_PAST);
  assert_none ("2023年0月，0月，6月0日，2023年2月30日，13月，2023年13月。", MONDAY, DETENTE_TENSE_PAST);
  /* Feb. 29 without a year takes one that has it, or none. */
  assert_none ("They met Feb. 29.", MONDAY, DETENTE_TENSE_PAST);
  assert_one ("They met Feb. 29.", "2024-06-19", DETENTE_TENSE_PAST, "2024-02-29");
  /* Any ordinal suffix will do: "22th" is a common slip. */
  assert_one ("On June 1st, 2023.", NULL, DETENTE_TENSE_PAST, "2023-06-01");
  assert_one ("On 22th June 2023.", NULL, DETENTE_TENSE_PAST, "2023-06-22");
  /* Other letters make no day, though the month and year still stand. */
  assert_finds ("On 22x June 2023 and June 18s.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "June 2023", "2023-06", FALSE }, END_EXPECT });
  assert_none ("In 2023-02-30.", NULL, DETENTE_TENSE_PAST);
  /* A result outside 1900–2100 is refused. */
  assert_none ("Next year.", "2100-06-19", DETENTE_TENSE_PAST);
  assert_none ("They met on June 18, 1850.", MONDAY, DETENTE_TENSE_PAST);
}

static void
test_no_reference (void)
{
  DetenteDate unset = DETENTE_DATE_INIT;
  g_autoptr(GArray) m = NULL;
  const char *text = "On Sept. 5, in February, on Sunday, yesterday, last week and 2 days ago; "
                     "but on Nov. 14, 2022.";

  assert_finds (text, NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "Nov. 14, 2022", "2022-11-14", FALSE }, END_EXPECT });
  m = detente_date_parse_find (text, -1, &unset, DETENTE_TENSE_PAST);
  g_assert_cmpuint (m->len, ==, 1);
}

static void
test_odd_references (void)
{
  DetenteDate bad = DETENTE_DATE_INIT;
  DetenteDate range = date_of ("2023-06-19/2023-06-25");
  g_autoptr(GArray) m1 = NULL;
  g_autoptr(GArray) m2 = NULL;
  g_autoptr(GArray) m3 = NULL;

  /* A struct filled by hand with an impossible day counts as no reference. */
  bad.year = 2023;
  bad.month = 2;
  bad.day = 30;
  bad.precision = DETENTE_DATE_PRECISION_DAY;
  m1 = detente_date_parse_find ("yesterday, in June 2023", -1, &bad, DETENTE_TENSE_PAST);
  g_assert_cmpuint (m1->len, ==, 1);

  /* Out of the years handled: likewise. */
  bad.year = 1;
  bad.month = 1;
  bad.day = 1;
  m2 = detente_date_parse_find ("yesterday, in June 2023", -1, &bad, DETENTE_TENSE_PAST);
  g_assert_cmpuint (m2->len, ==, 1);

  /* A range counts from its start. */
  m3 = detente_date_parse_find ("yesterday", -1, &range, DETENTE_TENSE_PAST);
  g_assert_cmpuint (m3->len, ==, 1);
  g_assert_cmpint (g_array_index (m3, DetenteDateMatch, 0).date.day, ==, 18);
}

static void
test_unicode (void)
{
  /* U+00A0 between the parts, curly quotes around them. */
  assert_finds ("On Nov.\u00a014,\u00a02022 and “June\u00a018” they met.", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "Nov.\u00a014,\u00a02022", "2022-11-14", FALSE },
                             { "June\u00a018", "2023-06-18", TRUE }, END_EXPECT });
  assert_finds ("“In 2018,” he said, ‘on Sunday’ — in 2019…", MONDAY, DETENTE_TENSE_PAST,
                (Expect[]) { { "2018", "2018", FALSE }, { "Sunday", "2023-06-18", TRUE },
                             { "2019", "2019", FALSE }, END_EXPECT });
  /* A word is a word to its end: not "June" in "Juneteenth" or "Junes". */
  assert_none ("Juneteenth and Junes and Junéa 5 and Mayday.", MONDAY, DETENTE_TENSE_PAST);
  /* Letters of other scripts glue to the number too. */
  assert_none ("Москва2018 and в2019.", MONDAY, DETENTE_TENSE_PAST);
}

static void
test_malformed (void)
{
  static const char bad[] = "\xff June 18, 2023 \xfe\xc3 in 2019\xe2\x80";
  static const char nul[] = "in 2018\0 in 2019";
  g_autoptr(GArray) m = NULL;
  g_autoptr(GArray) m2 = NULL;
  g_autoptr(GArray) m3 = NULL;
  g_autofree char *exact = NULL;

  assert_finds (bad, NULL, DETENTE_TENSE_PAST,
                (Expect[]) { { "June 18, 2023", "2023-06-18", FALSE }, { "2019", "2019", FALSE },
                             END_EXPECT });

  /* Given a length, the scan stops there, NUL or not. */
  m = detente_date_parse_find (nul, sizeof nul - 1, NULL, DETENTE_TENSE_PAST);
  g_assert_cmpuint (m->len, ==, 2);
  g_assert_cmpuint (g_array_index (m, DetenteDateMatch, 1).offset, ==, 12);

  /* …and reads nothing past it, even in the middle of a date: "in 2018"
   * cut after "in 20" finds nothing. The copy has no NUL, so a sanitizer
   * would see any read past the end. */
  exact = g_memdup2 ("in 2018", 5);
  m2 = detente_date_parse_find (exact, 5, NULL, DETENTE_TENSE_PAST);
  g_assert_cmpuint (m2->len, ==, 0);

  m3 = detente_date_parse_find (NULL, 0, NULL, DETENTE_TENSE_PAST);
  g_assert_cmpuint (m3->len, ==, 0);

  /* Found by fuzzing: a combining mark (U+034F) whose low byte is an ASCII
   * letter once made an empty word and an out-of-bounds table probe. */
  assert_finds ("Sunday, Jun\xcd\x8f" "2nday, \xcd\x8fJune 18, 2023 \xcd\x8f" "May 5, 2023", NULL,
                DETENTE_TENSE_PAST,
                (Expect[]) { { "June 18, 2023", "2023-06-18", FALSE },
                             { "May 5, 2023", "2023-05-05", FALSE }, END_EXPECT });

  /* Sequences cut short at the end of the text. */
  for (guint i = 0; i < 4; i++)
    {
      static const char *const tails[] = { "\xc2", "\xe2\x80", "\xf0\x9f\x98", "\xe5\xb9" };
      g_autofree char *text = g_strconcat ("on June 18, 2023", tails[i], NULL);
      g_autoptr(GArray) mi = detente_date_parse_find (text, -1, NULL, DETENTE_TENSE_PAST);

      g_assert_cmpuint (mi->len, ==, 1);
    }
}

static void
test_many (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) m = NULL;
  DetenteDate monday = date_of (MONDAY);
  guint end = 0;

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "June 18, 2023, in 2019-2020 and yesterday; ");
  m = detente_date_parse_find (text->str, text->len, &monday, DETENTE_TENSE_PAST);
  g_assert_cmpuint (m->len, ==, 3000);
  /* In order and without overlap. */
  for (guint i = 0; i < m->len; i++)
    {
      const DetenteDateMatch *x = &g_array_index (m, DetenteDateMatch, i);

      g_assert_cmpuint (x->offset, >=, end);
      g_assert_cmpuint (x->length, >, 0);
      end = x->offset + x->length;
    }
  g_assert_cmpuint (end, <=, text->len);
}

/* Registered first: loose parsing must work before any search has run. */
static void
test_loose_first (void)
{
  DetenteDate d = DETENTE_DATE_INIT;
  g_autofree char *iso = NULL;

  g_assert_true (detente_date_parse_loose ("Mon, 19 Jun 23 10:00 GMT", &d));
  iso = detente_date_to_iso (&d);
  g_assert_cmpstr (iso, ==, "2023-06-19");
}

static void
test_loose (void)
{
  struct { const char *text; const char *iso; } good[] = {
    { "2023-06-19T10:00:00+08:00", "2023-06-19" },
    { "2023-06-19T23:30:00-05:00", "2023-06-19" },
    { "2023-06-19T10:00:00.000Z", "2023-06-19" },
    { "2023-06-19 10:00", "2023-06-19" },
    { "2023-06-19", "2023-06-19" },
    { "2023-06", "2023-06" },
    { "2023", "2023" },
    { "20230619", "2023-06-19" },
    { "20230619T100000Z", "2023-06-19" },
    { "Mon, 19 Jun 2023 10:00:00 GMT", "2023-06-19" },
    { "Mon, 19 Jun 2023 10:00:00 +0000", "2023-06-19" },
    { "Mon, 19 Jun 23 10:00 GMT", "2023-06-19" },
    { "19 Jun 2023", "2023-06-19" },
    { "June 19, 2023", "2023-06-19" },
    { "19 June 2023", "2023-06-19" },
    { "Jun. 19, 2023", "2023-06-19" },
    { "Monday, June 19, 2023", "2023-06-19" },
    { "June 19, 2023, 10:00 a.m. EDT", "2023-06-19" },
    { "June 19, 2023 at 10:00 PM", "2023-06-19" },
    { "Mon Jun 19 2023 10:00:00 GMT+0800 (China Standard Time)", "2023-06-19" },
    { "June 2023", "2023-06" },
    { "2023/06/19", "2023-06-19" },
    { "2023/6/9", "2023-06-09" },
    { "2023年6月19日", "2023-06-19" },
    { " \t 2023-06-19 \n", "2023-06-19" },
    { "\u00a0June 19, 2023\u00a0", "2023-06-19" },
  };
  const char *bad[] = {
    "", "   ", "hello", "June 19", "yesterday", "last week", "2023-02-30", "2023-13-01",
    "1899-12-31", "2101-01-01", "19/06/2023", "06/19/2023", "2023-06-19 garbage",
    "June 19, 2023 and June 20, 2023", "2023-06-19T", "2023-6-19", "202306", "in 2023",
    "Sunday", "June 19, 2023 10", "\xff\xfe", "2023-06-19T10:00:00+08:00 (",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      DetenteDate d = DETENTE_DATE_INIT;
      g_autofree char *iso = NULL;

      g_test_message ("loose «%s»", good[i].text);
      g_assert_true (detente_date_parse_loose (good[i].text, &d));
      iso = detente_date_to_iso (&d);
      g_assert_cmpstr (iso, ==, good[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      DetenteDate d = date_of ("1999");

      g_test_message ("loose «%s»", bad[i]);
      g_assert_false (detente_date_parse_loose (bad[i], &d));
      /* A failed parse leaves the output alone. */
      g_assert_cmpint (d.year, ==, 1999);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/date-parse/loose-first", test_loose_first);
  g_test_add_func ("/import/date-parse/absolute", test_absolute);
  g_test_add_func ("/import/date-parse/partial-days", test_partial_days);
  g_test_add_func ("/import/date-parse/on-the-nth", test_on_the_nth);
  g_test_add_func ("/import/date-parse/ranges", test_ranges);
  g_test_add_func ("/import/date-parse/partial-months", test_partial_months);
  g_test_add_func ("/import/date-parse/weekdays", test_weekdays);
  g_test_add_func ("/import/date-parse/relative", test_relative);
  g_test_add_func ("/import/date-parse/vague", test_vague);
  g_test_add_func ("/import/date-parse/precision", test_precision);
  g_test_add_func ("/import/date-parse/year-context", test_year_context);
  g_test_add_func ("/import/date-parse/not-years", test_not_years);
  g_test_add_func ("/import/date-parse/may", test_may);
  g_test_add_func ("/import/date-parse/invalid", test_invalid);
  g_test_add_func ("/import/date-parse/no-reference", test_no_reference);
  g_test_add_func ("/import/date-parse/odd-references", test_odd_references);
  g_test_add_func ("/import/date-parse/unicode", test_unicode);
  g_test_add_func ("/import/date-parse/malformed", test_malformed);
  g_test_add_func ("/import/date-parse/many", test_many);
  g_test_add_func ("/import/date-parse/loose", test_loose);

  return g_test_run ();
}
