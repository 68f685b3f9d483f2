/* test-date.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "detente-date.h"

static DetenteDate
parse (const char *text)
{
  DetenteDate d = DETENTE_DATE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_true (detente_date_parse (text, &d, &error));
  g_assert_no_error (error);
  return d;
}

static void
test_precisions (void)
{
  struct { const char *text; DetenteDatePrecision precision; int y, m, d; } cases[] = {
    { "2023", DETENTE_DATE_PRECISION_YEAR, 2023, 0, 0 },
    { "2023-06", DETENTE_DATE_PRECISION_MONTH, 2023, 6, 0 },
    { "2023-06-18", DETENTE_DATE_PRECISION_DAY, 2023, 6, 18 },
    { "2024-02-29", DETENTE_DATE_PRECISION_DAY, 2024, 2, 29 },
    { "0001", DETENTE_DATE_PRECISION_YEAR, 1, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DetenteDate d = parse (cases[i].text);
      g_autofree char *iso = detente_date_to_iso (&d);

      g_assert_cmpint (detente_date_get_precision (&d), ==, cases[i].precision);
      g_assert_cmpint (d.year, ==, cases[i].y);
      g_assert_cmpint (d.month, ==, cases[i].m);
      g_assert_cmpint (d.day, ==, cases[i].d);
      g_assert_false (detente_date_has_end (&d));
      /* Formatting keeps the date's own precision. */
      g_assert_cmpstr (iso, ==, cases[i].text);
    }
}

static void
test_ranges (void)
{
  DetenteDate d = parse ("2023-06-18/2023-06-19");
  DetenteDate m = parse ("2023-06/2023-07");
  g_autofree char *iso = detente_date_to_iso (&d);
  g_autofree char *iso_m = detente_date_to_iso (&m);

  g_assert_true (detente_date_has_end (&d));
  g_assert_cmpstr (iso, ==, "2023-06-18/2023-06-19");
  g_assert_cmpstr (iso_m, ==, "2023-06/2023-07");
  g_assert_cmpuint (detente_date_get_last_day (&d) - detente_date_get_first_day (&d), ==, 1);
  g_assert_cmpuint (detente_date_get_last_day (&m) - detente_date_get_first_day (&m), ==, 60);
}

static void
test_invalid (void)
{
  const char *bad[] = {
    "", "23", "20233", "2023-6", "2023-13", "2023-00", "2023-06-00", "2023-02-29",
    "2023-06-31", "0000", "2023-06-18T10:00", "2023/", "/2023", "2023-06-19/2023-06-18",
    "2023-06-18/2023-06-19/2023-06-20", "abcd", " 2023", "2023-06-18 ", "-2023",
    "２０２３",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      DetenteDate d;
      g_autoptr(GError) error = NULL;

      d.year = 77;
      g_assert_false (detente_date_parse (bad[i], &d, &error));
      g_assert_error (error, DETENTE_DATE_ERROR, DETENTE_DATE_ERROR_INVALID);
      /* A failed parse leaves the output alone. */
      g_assert_cmpint (d.year, ==, 77);
    }
}

static void
test_set (void)
{
  DetenteDate d = DETENTE_DATE_INIT;

  g_assert_false (detente_date_is_set (&d));
  g_assert_null (detente_date_to_iso (&d));
  g_assert_false (detente_date_set (&d, 2023, 0, 5));
  g_assert_false (detente_date_set (&d, 10000, 1, 1));
  g_assert_true (detente_date_set (&d, 2023, 6, 0));
  g_assert_cmpint (detente_date_get_precision (&d), ==, DETENTE_DATE_PRECISION_MONTH);
  /* An end before the start is refused. */
  g_assert_false (detente_date_set_end (&d, 2023, 5, 31));
  /* The end may share the start's month. */
  g_assert_true (detente_date_set_end (&d, 2023, 6, 0));
  detente_date_clear (&d);
  g_assert_false (detente_date_is_set (&d));
}

static void
test_compare (void)
{
  DetenteDate year = parse ("2023");
  DetenteDate month = parse ("2023-06");
  DetenteDate first = parse ("2023-06-01");
  DetenteDate later = parse ("2023-06-18");
  DetenteDate range = parse ("2023-06-18/2023-06-19");
  DetenteDate unknown = DETENTE_DATE_INIT;

  g_assert_cmpint (detente_date_compare (&year, &month), <, 0);
  g_assert_cmpint (detente_date_compare (&month, &first), <, 0);
  g_assert_cmpint (detente_date_compare (&first, &later), <, 0);
  g_assert_cmpint (detente_date_compare (&later, &range), <, 0);
  g_assert_cmpint (detente_date_compare (&range, &later), >, 0);
  g_assert_cmpint (detente_date_compare (&later, &later), ==, 0);
  g_assert_cmpint (detente_date_compare (&unknown, &year), >, 0);
  g_assert_cmpint (detente_date_compare (&year, &unknown), <, 0);
  g_assert_cmpint (detente_date_compare (&unknown, &unknown), ==, 0);

  g_assert_true (detente_date_equal (&later, &later));
  g_assert_false (detente_date_equal (&later, &range));
  g_assert_false (detente_date_equal (&month, &first));
}

static void
test_overlap (void)
{
  DetenteDate year = parse ("2023");
  DetenteDate june = parse ("2023-06");
  DetenteDate july = parse ("2023-07");
  DetenteDate day = parse ("2023-06-18");
  DetenteDate range = parse ("2023-06-30/2023-07-02");
  DetenteDate other_year = parse ("2022");
  DetenteDate unknown = DETENTE_DATE_INIT;

  g_assert_true (detente_date_overlaps (&year, &june));
  g_assert_true (detente_date_overlaps (&june, &day));
  g_assert_true (detente_date_overlaps (&day, &year));
  g_assert_false (detente_date_overlaps (&june, &july));
  g_assert_true (detente_date_overlaps (&range, &june));
  g_assert_true (detente_date_overlaps (&range, &july));
  g_assert_false (detente_date_overlaps (&range, &day));
  g_assert_false (detente_date_overlaps (&year, &other_year));
  g_assert_false (detente_date_overlaps (&unknown, &year));
}

static void
test_format (void)
{
  DetenteDate day = parse ("2023-06-18");
  DetenteDate month = parse ("2023-06");
  DetenteDate year = parse ("2023");
  DetenteDate range = parse ("2023-06-18/2023-06-19");
  DetenteDate long_range = parse ("2023-06-30/2023-07-02");
  DetenteDate unknown = DETENTE_DATE_INIT;
  g_autofree char *f = detente_date_format (&long_range);
  g_autofree char *a = detente_date_format (&day);
  g_autofree char *b = detente_date_format (&month);
  g_autofree char *c = detente_date_format (&year);
  g_autofree char *d = detente_date_format (&range);
  g_autofree char *e = detente_date_format (&unknown);

  g_assert_cmpstr (a, ==, "18 June 2023");
  g_assert_cmpstr (b, ==, "June 2023");
  g_assert_cmpstr (c, ==, "2023");
  g_assert_cmpstr (d, ==, "18–19 June 2023");
  g_assert_cmpstr (e, ==, "");
  g_assert_cmpstr (f, ==, "30 June 2023 – 2 July 2023");
}

static void
test_boxed (void)
{
  DetenteDate day = parse ("2023-06-18/2023-06-19");
  g_autoptr(DetenteDate) copy = g_boxed_copy (DETENTE_TYPE_DATE, &day);

  g_assert_true (detente_date_equal (copy, &day));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/date/precisions", test_precisions);
  g_test_add_func ("/model/date/ranges", test_ranges);
  g_test_add_func ("/model/date/invalid", test_invalid);
  g_test_add_func ("/model/date/set", test_set);
  g_test_add_func ("/model/date/compare", test_compare);
  g_test_add_func ("/model/date/overlap", test_overlap);
  g_test_add_func ("/model/date/format", test_format);
  g_test_add_func ("/model/date/boxed", test_boxed);

  return g_test_run ();
}
