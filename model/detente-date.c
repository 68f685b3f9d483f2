/* detente-date.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "detente-date.h"

G_DEFINE_BOXED_TYPE (DetenteDate, detente_date, detente_date_copy, detente_date_free)
G_DEFINE_QUARK (detente-date-error-quark, detente_date_error)

#define MIN_YEAR 1
#define MAX_YEAR 9999

static DetenteDatePrecision
precision_for (int month,
               int day)
{
  if (month == 0)
    return DETENTE_DATE_PRECISION_YEAR;
  if (day == 0)
    return DETENTE_DATE_PRECISION_MONTH;
  return DETENTE_DATE_PRECISION_DAY;
}

static gboolean
valid_parts (int year,
             int month,
             int day)
{
  if (year < MIN_YEAR || year > MAX_YEAR)
    return FALSE;
  if (month < 0 || month > 12)
    return FALSE;
  if (month == 0)
    return day == 0;
  if (day == 0)
    return TRUE;
  return g_date_valid_dmy (day, month, year);
}

/* Partial dates are compared through the first and last Julian day they
 * can mean. */
static guint32
julian_of (int year,
           int month,
           int day)
{
  /* GDate's day numbers (1 January of year 1 is day 1) by arithmetic on
   * the proleptic Gregorian calendar, shifted to begin in March so that
   * the leap day ends a year: a merge asks for many thousand of them. */
  int y = month <= 2 ? year - 1 : year;
  int era_day = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int days = 365 * y + y / 4 - y / 100 + y / 400 + era_day;

  return (guint32) (days - 305);
}

static guint32
lower_bound (int year,
             int month,
             int day)
{
  return julian_of (year, month ? month : 1, day ? day : 1);
}

static guint32
upper_bound (int year,
             int month,
             int day)
{
  if (month == 0)
    return julian_of (year, 12, 31);
  if (day == 0)
    return julian_of (year, month, g_date_get_days_in_month (month, year));
  return julian_of (year, month, day);
}

/**
 * detente_date_copy:
 * @date: a date
 *
 * Returns: (transfer full): a newly allocated copy of @date
 */
DetenteDate *
detente_date_copy (const DetenteDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  return g_memdup2 (date, sizeof *date);
}

/**
 * detente_date_free:
 * @date: a date from detente_date_copy()
 */
void
detente_date_free (DetenteDate *date)
{
  g_free (date);
}

/**
 * detente_date_set:
 * @date: a date
 * @year: 1 to 9999
 * @month: 1 to 12, or 0 for a date known only to the year
 * @day: a day of @month, or 0 for a date known only to the month
 *
 * Sets the start of @date and removes any end. The precision follows from
 * which parts are given.
 *
 * Returns: %TRUE if the parts make a valid date; otherwise @date is unchanged
 */
gboolean
detente_date_set (DetenteDate *date,
                  int          year,
                  int          month,
                  int          day)
{
  g_return_val_if_fail (date != NULL, FALSE);

  if (!valid_parts (year, month, day))
    return FALSE;

  memset (date, 0, sizeof *date);
  date->year = year;
  date->month = month;
  date->day = day;
  date->precision = precision_for (month, day);
  return TRUE;
}

/**
 * detente_date_set_end:
 * @date: a date whose start is set
 * @year: 1 to 9999
 * @month: 1 to 12, or 0
 * @day: a day of @month, or 0
 *
 * Gives @date an end, which must not come before its start.
 *
 * Returns: %TRUE if the end was valid and set
 */
gboolean
detente_date_set_end (DetenteDate *date,
                      int          year,
                      int          month,
                      int          day)
{
  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (detente_date_is_set (date), FALSE);

  if (!valid_parts (year, month, day))
    return FALSE;
  if (upper_bound (year, month, day) < lower_bound (date->year, date->month, date->day))
    return FALSE;

  date->end_year = year;
  date->end_month = month;
  date->end_day = day;
  date->end_precision = precision_for (month, day);
  return TRUE;
}

/**
 * detente_date_clear:
 * @date: a date
 *
 * Makes @date unknown.
 */
void
detente_date_clear (DetenteDate *date)
{
  g_return_if_fail (date != NULL);

  memset (date, 0, sizeof *date);
}

/**
 * detente_date_is_set:
 * @date: (nullable): a date
 *
 * Returns: %TRUE if @date is known at some precision
 */
gboolean
detente_date_is_set (const DetenteDate *date)
{
  return date != NULL && date->precision != DETENTE_DATE_PRECISION_NONE;
}

/**
 * detente_date_has_end:
 * @date: (nullable): a date
 *
 * Returns: %TRUE if @date is a range with an end
 */
gboolean
detente_date_has_end (const DetenteDate *date)
{
  return detente_date_is_set (date) && date->end_precision != DETENTE_DATE_PRECISION_NONE;
}

/**
 * detente_date_get_precision:
 * @date: a date
 *
 * Returns: how much of the start is known
 */
DetenteDatePrecision
detente_date_get_precision (const DetenteDate *date)
{
  g_return_val_if_fail (date != NULL, DETENTE_DATE_PRECISION_NONE);

  return date->precision;
}

static gboolean
parse_one (const char *text,
           gsize       len,
           int        *year,
           int        *month,
           int        *day)
{
  int parts[3] = { 0, 0, 0 };
  int widths[3] = { 4, 2, 2 };
  guint n = 0;
  gsize i = 0;

  while (n < 3)
    {
      int value = 0;

      for (int w = 0; w < widths[n]; w++, i++)
        {
          if (i >= len || !g_ascii_isdigit (text[i]))
            return FALSE;
          value = value * 10 + (text[i] - '0');
        }
      parts[n++] = value;

      if (i == len)
        break;
      if (text[i] != '-' || n == 3)
        return FALSE;
      i++;
    }

  if (i != len)
    return FALSE;
  if (n > 1 && parts[1] == 0)
    return FALSE;
  if (n > 2 && parts[2] == 0)
    return FALSE;

  *year = parts[0];
  *month = parts[1];
  *day = parts[2];
  return valid_parts (*year, *month, *day);
}

/**
 * detente_date_parse:
 * @text: ISO 8601 text: "2023", "2023-06", "2023-06-18", or two of them
 *   joined by "/" for a range
 * @date: (out caller-allocates): where to store the date
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; on failure @date is unchanged
 */
gboolean
detente_date_parse (const char   *text,
                    DetenteDate  *date,
                    GError      **error)
{
  DetenteDate result = DETENTE_DATE_INIT;
  const char *slash;
  gsize len;
  int y, m, d;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  len = strlen (text);
  slash = strchr (text, '/');

  if (!parse_one (text, slash ? (gsize) (slash - text) : len, &y, &m, &d) ||
      !detente_date_set (&result, y, m, d))
    goto invalid;

  if (slash != NULL &&
      (!parse_one (slash + 1, len - (slash + 1 - text), &y, &m, &d) ||
       !detente_date_set_end (&result, y, m, d)))
    goto invalid;

  *date = result;
  return TRUE;

invalid:
  g_set_error (error, DETENTE_DATE_ERROR, DETENTE_DATE_ERROR_INVALID,
               _("“%s” is not a date such as 2023, 2023-06 or 2023-06-18"), text);
  return FALSE;
}

/* By hand rather than printf: project files write one per engagement. */
static char *
append_iso (char *p,
            int   year,
            int   month,
            int   day)
{
  *p++ = '0' + year / 1000;
  *p++ = '0' + year / 100 % 10;
  *p++ = '0' + year / 10 % 10;
  *p++ = '0' + year % 10;
  if (month > 0)
    {
      *p++ = '-';
      *p++ = '0' + month / 10;
      *p++ = '0' + month % 10;
    }
  if (day > 0)
    {
      *p++ = '-';
      *p++ = '0' + day / 10;
      *p++ = '0' + day % 10;
    }
  return p;
}

/**
 * detente_date_to_iso:
 * @date: a date
 *
 * Returns: (transfer full) (nullable): ISO 8601 text at the date's own
 *   precision, "START/END" for a range, or %NULL if the date is unknown
 */
char *
detente_date_to_iso (const DetenteDate *date)
{
  char buf[32];
  char *p;

  g_return_val_if_fail (date != NULL, NULL);

  if (!detente_date_is_set (date))
    return NULL;

  p = append_iso (buf, date->year, date->month, date->day);
  if (detente_date_has_end (date))
    {
      *p++ = '/';
      p = append_iso (p, date->end_year, date->end_month, date->end_day);
    }
  return g_strndup (buf, p - buf);
}

static char *
format_one (int year,
            int month,
            int day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month ? month : 1, day ? day : 1, 0, 0, 0);

  if (dt == NULL)
    return g_strdup_printf ("%d", year);
  if (month == 0)
    return g_date_time_format (dt, "%Y");
  if (day == 0)
    /* Translators: a date known to the month; see g_date_time_format() */
    return g_date_time_format (dt, C_("date format", "%B %Y"));
  /* Translators: a full date; see g_date_time_format() */
  return g_date_time_format (dt, C_("date format", "%-d %B %Y"));
}

/**
 * detente_date_format:
 * @date: a date
 *
 * Returns: (transfer full): the date for display in the user's language, at
 *   its own precision; an empty string if it is unknown
 */
char *
detente_date_format (const DetenteDate *date)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  if (!detente_date_is_set (date))
    return g_strdup ("");

  start = format_one (date->year, date->month, date->day);
  if (!detente_date_has_end (date))
    return g_steal_pointer (&start);

  end = format_one (date->end_year, date->end_month, date->end_day);
  if (date->precision == DETENTE_DATE_PRECISION_DAY &&
      date->end_precision == DETENTE_DATE_PRECISION_DAY &&
      date->year == date->end_year && date->month == date->end_month)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (date->year, date->month, date->day, 0, 0, 0);
      /* Translators: the first day of a range within one month; see
       * g_date_time_format(). A language that puts the year first may give
       * the whole date here. */
      /* xgettext:no-c-format */
      g_autofree char *day = g_date_time_format (dt, C_("date range in one month", "%-d"));

      /* Translators: a range of days in one month: the first day, then
       * the full last date ("18–19 June 2023") */
      return g_strdup_printf (C_("date range in one month", "%s–%s"), day, end);
    }
  /* Translators: a date range, start and end */
  return g_strdup_printf (C_("date range", "%s – %s"), start, end);
}

/**
 * detente_date_get_first_day:
 * @date: a known date
 *
 * Returns: the Julian day number of the first day @date can mean
 */
guint32
detente_date_get_first_day (const DetenteDate *date)
{
  g_return_val_if_fail (detente_date_is_set (date), 0);

  return lower_bound (date->year, date->month, date->day);
}

/**
 * detente_date_get_last_day:
 * @date: a known date
 *
 * Returns: the Julian day number of the last day @date can mean, counting
 *   its end if it has one
 */
guint32
detente_date_get_last_day (const DetenteDate *date)
{
  g_return_val_if_fail (detente_date_is_set (date), 0);

  if (detente_date_has_end (date))
    return upper_bound (date->end_year, date->end_month, date->end_day);
  return upper_bound (date->year, date->month, date->day);
}

/**
 * detente_date_compare:
 * @a: a date
 * @b: a date
 *
 * Orders dates by their first possible day; on a tie the less precise date
 * comes first (June 2023 before 1 June 2023), then the shorter range.
 * Unknown dates come last.
 *
 * Returns: negative, zero or positive, as strcmp()
 */
int
detente_date_compare (const DetenteDate *a,
                      const DetenteDate *b)
{
  gboolean a_set = detente_date_is_set (a);
  gboolean b_set = detente_date_is_set (b);
  guint32 fa, fb, la, lb;

  if (a_set != b_set)
    return a_set ? -1 : 1;
  if (!a_set)
    return 0;

  fa = detente_date_get_first_day (a);
  fb = detente_date_get_first_day (b);
  if (fa != fb)
    return fa < fb ? -1 : 1;
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;

  la = detente_date_get_last_day (a);
  lb = detente_date_get_last_day (b);
  if (la != lb)
    return la < lb ? -1 : 1;
  return 0;
}

/**
 * detente_date_equal:
 * @a: a date
 * @b: a date
 *
 * Returns: %TRUE if @a and @b say exactly the same thing
 */
gboolean
detente_date_equal (const DetenteDate *a,
                    const DetenteDate *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (!detente_date_is_set (a) || !detente_date_is_set (b))
    return detente_date_is_set (a) == detente_date_is_set (b);

  return a->year == b->year && a->month == b->month && a->day == b->day &&
         a->end_precision == b->end_precision &&
         (a->end_precision == DETENTE_DATE_PRECISION_NONE ||
          (a->end_year == b->end_year && a->end_month == b->end_month && a->end_day == b->end_day));
}

/**
 * detente_date_overlaps:
 * @a: a date
 * @b: a date
 *
 * A date covers every day it can mean: "June 2023" overlaps "2023-06-18",
 * and "2023" overlaps both.
 *
 * Returns: %TRUE if both dates are known and share at least one day
 */
gboolean
detente_date_overlaps (const DetenteDate *a,
                       const DetenteDate *b)
{
  if (!detente_date_is_set (a) || !detente_date_is_set (b))
    return FALSE;

  return detente_date_get_first_day (a) <= detente_date_get_last_day (b) &&
         detente_date_get_first_day (b) <= detente_date_get_last_day (a);
}
