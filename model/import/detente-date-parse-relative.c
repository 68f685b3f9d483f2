/* detente-date-parse-relative.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-date-parse-private.h"

/* The expressions that count from the reference date: "yesterday", "last
 * week", "on Sunday", "two days ago", "the day before". */

#define MAX_AGO 200

static gboolean
ref_julian (const Scan *s,
            guint32    *julian)
{
  GDate g;

  if (s->ref_precision < DETENTE_DATE_PRECISION_DAY)
    return FALSE;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, s->ref_day, s->ref_month, s->ref_year);
  *julian = g_date_get_julian (&g);
  return TRUE;
}

static gboolean
split_julian (guint32  julian,
              int     *y,
              int     *m,
              int     *d)
{
  GDate g;

  if (!g_date_valid_julian (julian))
    return FALSE;
  g_date_clear (&g, 1);
  g_date_set_julian (&g, julian);
  *y = g_date_get_year (&g);
  *m = g_date_get_month (&g);
  *d = g_date_get_day (&g);
  return year_ok (*y);
}

/* A day, or a range of days when @last differs from @first. */
static gboolean
days_date (DetenteDate *out,
           guint32      first,
           guint32      last)
{
  int y1, m1, d1, y2, m2, d2;

  if (!split_julian (first, &y1, &m1, &d1) || !split_julian (last, &y2, &m2, &d2))
    return FALSE;
  return _detente_date_make (out, y1, m1, d1, last != first, y2, m2, d2);
}

/* The month @delta months from the reference's. */
static gboolean
month_date (const Scan  *s,
            DetenteDate *out,
            int          delta)
{
  int index;

  if (s->ref_precision < DETENTE_DATE_PRECISION_MONTH)
    return FALSE;
  index = s->ref_year * 12 + (s->ref_month - 1) + delta;
  return _detente_date_make (out, index / 12, index % 12 + 1, 0, FALSE, 0, 0, 0);
}

static gboolean
year_date (const Scan  *s,
           DetenteDate *out,
           int          delta)
{
  if (s->ref_precision < DETENTE_DATE_PRECISION_YEAR)
    return FALSE;
  return _detente_date_make (out, s->ref_year + delta, 0, 0, FALSE, 0, 0, 0);
}

static guint32
monday_of (guint32 julian)
{
  GDate g;

  g_date_clear (&g, 1);
  g_date_set_julian (&g, julian);
  return julian - (g_date_get_weekday (&g) - G_DATE_MONDAY);
}

/* "two days ago", "3 weeks ago", "a year ago" */
gboolean
_detente_date_try_ago (const Scan *s,
                       Ahead      *a,
                       Found      *f)
{
  const Token *t = at (a, 0);
  const Token *unit = at (a, 1);
  guint32 ref;
  int n;

  if (t->kind == TOK_NUMBER)
    {
      if (t->ndigits > 3 || _detente_date_after_number (a, 0, FALSE) != 1)
        return FALSE;
    }
  else if (!is_word (t, W_COUNT))
    return FALSE;
  n = t->value;
  if (n < 1 || n > MAX_AGO || unit->kind != TOK_WORD || unit->word != W_UNIT ||
      !is_word (at (a, 2), W_AGO))
    return FALSE;

  switch (unit->value)
    {
    case U_DAY:
    case U_WEEK:
      if (!ref_julian (s, &ref) ||
          !days_date (&f->date, ref - n * (unit->value == U_WEEK ? 7 : 1), ref - n * (unit->value == U_WEEK ? 7 : 1)))
        return FALSE;
      break;
    case U_MONTH:
      if (!month_date (s, &f->date, -n))
        return FALSE;
      break;
    default:
      if (!year_date (s, &f->date, -n))
        return FALSE;
      break;
    }
  f->relative = TRUE;
  _detente_date_found_tokens (a, 0, 3, f);
  return TRUE;
}

/* The day of @weekday nearest the reference in the direction @dir: -1 on or
 * before it, -2 strictly before, 1 strictly after, 2 on or after. */
static gboolean
weekday_date (const Scan  *s,
              DetenteDate *out,
              int          weekday,
              int          dir)
{
  guint32 ref;
  GDate g;
  int ref_weekday, back, forward;

  if (!ref_julian (s, &ref))
    return FALSE;
  g_date_clear (&g, 1);
  g_date_set_julian (&g, ref);
  ref_weekday = g_date_get_weekday (&g);
  back = (ref_weekday - weekday + 7) % 7;
  forward = (weekday - ref_weekday + 7) % 7;
  if (dir == -2 && back == 0)
    back = 7;
  if (dir == 1 && forward == 0)
    forward = 7;
  return days_date (out, dir < 0 ? ref - back : ref + forward, dir < 0 ? ref - back : ref + forward);
}

/* "on Sunday", "Sunday, June 18" */
gboolean
_detente_date_try_weekday (Scan        *s,
                           Ahead       *a,
                           const Token *raw1,
                           Found       *f)
{
  const Token *t = at (a, 0);
  const Token *p1 = usable (s, raw1);
  guint j = is_char (at (a, 1), ',') ? 2 : 1;

  if (is_word (p1, W_HOLIDAY))
    return FALSE;
  if ((at (a, j)->kind == TOK_NUMBER || is_word (at (a, j), W_MONTH) || is_word (at (a, j), W_THE)) &&
      _detente_date_try_span (s, a, j, NULL, NULL, f) &&
      f->date.precision == DETENTE_DATE_PRECISION_DAY)
    {
      f->start = t->start;
      f->chain = CHAIN_NONE;
      return TRUE;
    }
  if (is_word (at (a, 1), W_PAPER))
    return FALSE;
  if (!weekday_date (s, &f->date, t->value, scan_tense (s) == DETENTE_TENSE_FUTURE ? 1 : -1))
    return FALSE;
  f->relative = TRUE;
  f->chain = CHAIN_NONE;
  _detente_date_found_tokens (a, 0, 1, f);
  return TRUE;
}

/* "yesterday", "today", "tonight", "tomorrow" */
gboolean
_detente_date_try_day_word (const Scan *s,
                            Ahead      *a,
                            Found      *f)
{
  int delta = is_word (at (a, 0), W_YESTERDAY) ? -1 : is_word (at (a, 0), W_TOMORROW) ? 1 : 0;
  guint32 ref;

  if (!ref_julian (s, &ref) || !days_date (&f->date, ref + delta, ref + delta))
    return FALSE;
  f->relative = TRUE;
  _detente_date_found_tokens (a, 0, 1, f);
  return TRUE;
}

/* A week, weekend, month or year @dir from the reference's. */
static gboolean
period_date (const Scan  *s,
             DetenteDate *out,
             const Token *unit,
             int          dir)
{
  guint32 ref, monday;

  if (unit->kind != TOK_WORD || (unit->flags & F_PLURAL))
    return FALSE;
  if (unit->word == W_WEEKEND || (unit->word == W_UNIT && unit->value == U_WEEK))
    {
      if (!ref_julian (s, &ref))
        return FALSE;
      monday = monday_of (ref) + 7 * dir;
      if (unit->word == W_WEEKEND)
        return days_date (out, monday + 5, monday + 6);
      return days_date (out, monday, monday + 6);
    }
  if (unit->word != W_UNIT)
    return FALSE;
  if (unit->value == U_MONTH)
    return month_date (s, out, dir);
  if (unit->value == U_YEAR)
    return year_date (s, out, dir);
  return FALSE;
}

/* "last week", "this year", "next Sunday", "last February", "last night" */
gboolean
_detente_date_try_last_this_next (Scan        *s,
                                  Ahead       *a,
                                  const Token *raw1,
                                  Found       *f)
{
  const Token *t = at (a, 0);
  const Token *n = at (a, 1);
  const Token *p1 = usable (s, raw1);
  int dir = t->word == W_LAST ? -1 : t->word == W_NEXT ? 1 : 0;
  guint32 ref;

  /* "the last week", "his last year in office", "over the next year" are
   * spans of time, not the week or year before. */
  if (is_word (p1, W_THE) || is_word (p1, W_DET) || is_word (p1, W_THIS))
    return FALSE;

  if (n->kind != TOK_WORD)
    return FALSE;
  switch (n->word)
    {
    case W_UNIT:
    case W_WEEKEND:
      if (!period_date (s, &f->date, n, dir))
        return FALSE;
      break;
    case W_NIGHT:
    case W_DAYPART:
      if ((n->word == W_NIGHT ? dir != -1 : dir != 0) || !ref_julian (s, &ref) ||
          !days_date (&f->date, ref + dir, ref + dir))
        return FALSE;
      break;
    case W_WEEKDAY:
      if (!weekday_date (s, &f->date, n->value,
                         dir < 0 ? -2 : dir > 0 ? 1 : scan_tense (s) == DETENTE_TENSE_FUTURE ? 2 : -1))
        return FALSE;
      break;
    case W_MONTH:
      {
        int year = s->ref_year;

        if (n->flags & F_ABBR)
          return FALSE;
        if (dir != 0 && s->ref_precision < DETENTE_DATE_PRECISION_MONTH)
          return FALSE;
        if (dir == 0 && s->ref_precision < DETENTE_DATE_PRECISION_YEAR)
          return FALSE;
        if (dir < 0 && (int) n->value >= s->ref_month)
          year--;
        else if (dir > 0 && (int) n->value <= s->ref_month)
          year++;
        if (!_detente_date_make (&f->date, year, n->value, 0, FALSE, 0, 0, 0))
          return FALSE;
      }
      break;
    default:
      return FALSE;
    }
  f->relative = TRUE;
  _detente_date_found_tokens (a, 0, 2, f);
  return TRUE;
}

/* "earlier this month", "later this year", "later in the day", "later that
 * day", "earlier today" */
gboolean
_detente_date_try_earlier_later (const Scan *s,
                                 Ahead      *a,
                                 Found      *f)
{
  gboolean later = is_word (at (a, 0), W_LATER);
  const Token *unit;
  guint next;
  guint32 ref;

  if (is_word (at (a, 1), W_THIS))
    {
      unit = at (a, 2);
      next = 3;
    }
  else if (is_word (at (a, 1), W_IN) && is_word (at (a, 2), W_THE))
    {
      unit = at (a, 3);
      next = 4;
    }
  else if (is_word (at (a, 1), W_THAT) && is_word (at (a, 2), W_UNIT) && at (a, 2)->value == U_DAY)
    {
      unit = at (a, 2);
      next = 3;
    }
  else if (is_word (at (a, 1), W_TODAY))
    {
      unit = NULL;
      next = 2;
    }
  else
    return FALSE;

  if (unit != NULL && (unit->kind != TOK_WORD || unit->word != W_UNIT || (unit->flags & F_PLURAL)))
    return FALSE;

  if (unit == NULL || unit->value == U_DAY)
    {
      if (!ref_julian (s, &ref) || !days_date (&f->date, ref, ref))
        return FALSE;
    }
  else if (unit->value == U_WEEK)
    {
      guint32 monday;

      if (!ref_julian (s, &ref))
        return FALSE;
      monday = monday_of (ref);
      if (!days_date (&f->date, later ? ref : monday, later ? monday + 6 : ref))
        return FALSE;
    }
  else if (!period_date (s, &f->date, unit, 0))
    return FALSE;

  f->relative = TRUE;
  _detente_date_found_tokens (a, 0, next, f);
  return TRUE;
}

/* "the day before", "the previous day", "the next day", "the 18th of
 * June", "on the 18th" */
gboolean
_detente_date_try_the (Scan        *s,
                       Ahead       *a,
                       const Token *raw1,
                       const Token *raw2,
                       Found       *f)
{
  const Token *n = at (a, 1);
  const Token *p1 = usable (s, raw1);
  guint32 ref;
  int delta = 0;
  guint next = 0;

  if (is_word (n, W_UNIT) && n->value == U_DAY && !(n->flags & F_PLURAL) &&
      (is_word (at (a, 2), W_BEFORE) || is_word (at (a, 2), W_AFTER)))
    {
      gboolean before = is_word (at (a, 2), W_BEFORE);
      const Token *n3 = at (a, 3);

      if (is_word (n3, before ? W_YESTERDAY : W_TOMORROW))
        {
          delta = before ? -2 : 2;
          next = 4;
        }
      /* Not "the day before the summit": that is another anchor. */
      else if (n3->kind == TOK_END || (n3->kind == TOK_PUNCT && !is_dash (n3)) ||
               is_word (n3, W_AND) || is_word (n3, W_OR) || is_word (n3, W_LINK))
        {
          delta = before ? -1 : 1;
          next = 3;
        }
      else
        return FALSE;
    }
  else if ((is_word (n, W_PREVIOUS) || is_word (n, W_NEXT) || is_word (n, W_FOLLOWING)) &&
           is_word (at (a, 2), W_UNIT) && at (a, 2)->value == U_DAY && !(at (a, 2)->flags & F_PLURAL))
    {
      delta = is_word (n, W_PREVIOUS) ? -1 : 1;
      next = 3;
    }
  else if (n->kind == TOK_NUMBER)
    {
      Point x;
      const Token *after;
      int year, month;
      guint j;

      if (_detente_date_try_span (s, a, 0, raw1, raw2, f))
        return TRUE;
      /* "on the 18th": a day of the reference's month. */
      if (!is_word (p1, W_ON) || !is_day (n) || (j = _detente_date_after_number (a, 1, TRUE)) != 3)
        return FALSE;
      after = at (a, j);
      if (!(after->kind == TOK_END || (after->kind == TOK_PUNCT && !is_dash (after) && !is_char (after, '/')) ||
            is_word (after, W_LINK) || is_word (after, W_IN) || is_word (after, W_AND)))
        return FALSE;
      if (s->ref_precision < DETENTE_DATE_PRECISION_MONTH)
        return FALSE;
      memset (&x, 0, sizeof x);
      year = s->ref_year;
      month = s->ref_month;
      if (s->ref_precision == DETENTE_DATE_PRECISION_DAY)
        {
          if (scan_tense (s) == DETENTE_TENSE_PAST && (int) n->value > s->ref_day)
            month--;
          else if (scan_tense (s) == DETENTE_TENSE_FUTURE && (int) n->value < s->ref_day)
            month++;
        }
      if (month == 0)
        {
          month = 12;
          year--;
        }
      else if (month == 13)
        {
          month = 1;
          year++;
        }
      if (!_detente_date_make (&f->date, year, month, n->value, FALSE, 0, 0, 0))
        return FALSE;
      f->relative = TRUE;
      f->chain = CHAIN_NONE;
      _detente_date_found_tokens (a, 0, j, f);
      return TRUE;
    }
  else
    return FALSE;

  if (!ref_julian (s, &ref) || !days_date (&f->date, ref + delta, ref + delta))
    return FALSE;
  f->relative = TRUE;
  _detente_date_found_tokens (a, 0, next, f);
  return TRUE;
}
