/* detente-date-parse.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-date-parse-private.h"

/* Date expressions in English news text, and the Chinese 年月日 forms.
 *
 * This runs on every sentence of every imported article, so it is a
 * hand-written scanner rather than a set of regular expressions: one pass of
 * a small lexer, one table probe per word, and no allocation but the result
 * array. A pattern is tried only at a token that can start one (a number, a
 * month or weekday name, a relative keyword), and it looks at most AHEAD
 * tokens forward, so the scan stays linear whatever the input. Words such as
 * "in" or "from" are never starts: the scanner keeps the two tokens before
 * the current one and a pattern looks back at them for its context. */

static gboolean
is_connector (const Token *t)
{
  return is_dash (t) || (t->kind == TOK_WORD && (t->roles & R_CONNECT));
}

/* The index after the number at @i and its ordinal suffix, or 0 when the
 * number runs into something that makes it no date: "1990s", "2,300",
 * "3.5", "10:30", "5%". Any suffix will do: "22th" is a common slip. */
guint
_detente_date_after_number (Ahead    *a,
                            guint     i,
                            gboolean  ordinal)
{
  const Token *n = at (a, i + 1);

  if (n->spaced)
    return i + 1;
  if (n->kind == TOK_WORD)
    {
      if (!ordinal || n->word != W_ORD)
        return 0;
      n = at (a, i + 2);
      if (!n->spaced && (n->kind == TOK_WORD || n->kind == TOK_NUMBER))
        return 0;
      return i + 2;
    }
  if (n->kind == TOK_PUNCT)
    {
      const Token *nn = at (a, i + 2);

      if (n->value == '%')
        return 0;
      if ((n->value == '.' || n->value == ',' || n->value == ':') &&
          nn->kind == TOK_NUMBER && !nn->spaced)
        return 0;
    }
  return i + 1;
}

/* Whether a number can begin a date, judged by what comes just before it:
 * not "$2019", "A2018", the "000" of "1,000", or the "19" of "COVID-19";
 * "mid-2020" is fine. */
static gboolean
number_starts_clean (const Token *t,
                     const Token *p1,
                     const Token *p2)
{
  if (p1 == NULL || p1->kind == TOK_END)
    return TRUE;
  if (p1->kind == TOK_PUNCT)
    {
      switch (p1->value)
        {
        case '$': case '#': case 0x20AC: case 0xA3: case 0xA5: case 0x20B9: case 0x20A9:
          return FALSE;
        default:
          break;
        }
    }
  if (t->spaced)
    return TRUE;
  if (p1->kind == TOK_WORD || p1->kind == TOK_NUMBER)
    return FALSE;
  if (p1->kind == TOK_PUNCT && !p1->spaced && p2 != NULL &&
      (p2->kind == TOK_WORD || p2->kind == TOK_NUMBER))
    {
      if (is_dash (p1))
        return is_word (p2, W_MID);
      if (p2->kind == TOK_NUMBER &&
          (p1->value == '.' || p1->value == ',' || p1->value == ':' || p1->value == '/'))
        return FALSE;
    }
  return TRUE;
}

/* The index after a month name and the full stop of its abbreviation. */
static guint
after_month (Ahead *a,
             guint  i)
{
  if ((at (a, i)->flags & F_ABBR) && is_char (at (a, i + 1), '.') && !at (a, i + 1)->spaced)
    return i + 2;
  return i + 1;
}

/* An optional year after a day: "June 18, 2023", "18 June 2023". Any four
 * digits are taken, so that "June 18, 1850" is refused whole rather than
 * read as June 18 of the reference's year. */
static guint
optional_year (Ahead *a,
               guint  i,
               int   *year)
{
  guint j = is_char (at (a, i), ',') ? i + 1 : i;
  const Token *t = at (a, j);
  guint e;

  if (t->kind != TOK_NUMBER || t->ndigits != 4 || (!t->spaced && j == i) ||
      (e = _detente_date_after_number (a, j, FALSE)) == 0)
    return i;
  if (is_word (at (a, e), W_COUNT_NOUN))
    return i;
  *year = t->value;
  return e;
}

/* A day written first: "18 June", "18th of June 2023"; without a month,
 * a bare day ("16" of "16-19 July") unless @need_month. */
static gboolean
parse_day_first (Ahead    *a,
                 guint     i,
                 gboolean  need_month,
                 gboolean  need_ordinal,
                 Point    *p)
{
  const Token *t = at (a, i);
  gboolean ordinal;
  guint j, k;

  if (!is_day (t) || (j = _detente_date_after_number (a, i, TRUE)) == 0)
    return FALSE;
  ordinal = j > i + 1;
  if (need_ordinal && !ordinal)
    return FALSE;

  k = ordinal && is_word (at (a, j), W_OF) ? j + 1 : j;
  if (is_word (at (a, k), W_MONTH))
    {
      p->day = t->value;
      p->month = at (a, k)->value;
      p->next = optional_year (a, after_month (a, k), &p->year);
      return TRUE;
    }
  if (need_month)
    return FALSE;
  p->day = t->value;
  p->next = j;
  return TRUE;
}

/* One date as written: "June 18", "18 June 2023", "the 18th of June",
 * "June 2023", "June", "2023", or a bare day. The caller judges whether a
 * bare month, year or day stands as a date there. */
static gboolean
parse_point (Ahead *a,
             guint  i,
             Point *p)
{
  const Token *t = at (a, i);
  const Token *n;
  guint j, k;

  memset (p, 0, sizeof *p);
  p->first = i;

  if (is_word (t, W_THE))
    return parse_day_first (a, i + 1, TRUE, TRUE, p);

  if (t->kind == TOK_NUMBER)
    {
      if (is_year (t))
        {
          if ((j = _detente_date_after_number (a, i, FALSE)) == 0)
            return FALSE;
          p->year = t->value;
          p->next = j;
          return TRUE;
        }
      return parse_day_first (a, i, FALSE, FALSE, p);
    }

  if (!is_word (t, W_MONTH))
    return FALSE;

  p->month = t->value;
  j = after_month (a, i);
  n = at (a, j);
  if (is_day (n) && (k = _detente_date_after_number (a, j, TRUE)) != 0)
    {
      p->day = n->value;
      p->next = optional_year (a, k, &p->year);
      return TRUE;
    }
  k = is_word (n, W_OF) ? j + 1 : j;
  if ((k = optional_year (a, k, &p->year)) != j && p->year != 0)
    {
      p->next = k;
      return TRUE;
    }
  /* AP style abbreviates a month only before a day: "Jan" alone is a name. */
  if (t->flags & F_ABBR)
    return FALSE;
  p->may = (t->flags & F_MAY) != 0;
  p->next = i + 1;
  return TRUE;
}

/* Compares a month and day with the reference at its precision: negative
 * before it, positive after it, 0 when the reference cannot tell. */
static int
compare_ref (const Scan *s,
             int         month,
             int         day)
{
  if (s->ref_precision < DETENTE_DATE_PRECISION_MONTH)
    return 0;
  if (month != s->ref_month)
    return month < s->ref_month ? -1 : 1;
  if (s->ref_precision < DETENTE_DATE_PRECISION_DAY || day == 0)
    return 0;
  return day < s->ref_day ? -1 : day > s->ref_day ? 1 : 0;
}

/* The years of a date written without one. A day takes the reference's
 * year unless the tense rules it out; a month alone is the latest such
 * month not after the reference (the earliest not before it in the
 * future tense). A range that wraps ("Dec. 30-Jan. 2") ends a year later. */
static gboolean
resolve_years (const Scan *s,
               const Point *x,
               const Point *y,
               int         *y1,
               int         *y2)
{
  int m2 = y != NULL ? y->month : x->month;
  int d2 = y != NULL ? y->day : x->day;
  gboolean wrap = y != NULL && y->month < x->month;
  int year;

  if (s->ref_precision == DETENTE_DATE_PRECISION_NONE)
    return FALSE;

  year = s->ref_year;
  if (x->day != 0)
    {
      if (scan_tense (s) == DETENTE_TENSE_PAST && compare_ref (s, x->month, x->day) > 0)
        year--;
      else if (scan_tense (s) == DETENTE_TENSE_FUTURE && !wrap && compare_ref (s, m2, d2) < 0)
        year++;
    }
  else if (scan_tense (s) == DETENTE_TENSE_FUTURE)
    {
      if (!wrap && compare_ref (s, m2, 0) < 0)
        year++;
    }
  else if (compare_ref (s, x->month, 0) > 0)
    year--;

  *y1 = year;
  *y2 = year + wrap;
  return TRUE;
}

gboolean
_detente_date_make (DetenteDate *out,
                    int          y1,
                    int          m1,
                    int          d1,
                    gboolean     has_end,
                    int          y2,
                    int          m2,
                    int          d2)
{
  DetenteDate d = DETENTE_DATE_INIT;

  if (!year_ok (y1) || !detente_date_set (&d, y1, m1, d1))
    return FALSE;
  if (has_end && (!year_ok (y2) || !detente_date_set_end (&d, y2, m2, d2)))
    return FALSE;
  *out = d;
  return TRUE;
}

void
_detente_date_found_tokens (Ahead *a,
                            guint  first,
                            guint  next,
                            Found *f)
{
  f->start = at (a, first)->start;
  f->end = at (a, next - 1)->end;
  f->last = next - 1;
}

/* "2023-06-19", "2023/6/19" */
static gboolean
try_iso (Ahead *a,
         Found *f)
{
  const Token *sep = at (a, 1);
  const Token *m = at (a, 2);
  const Token *d = at (a, 4);
  gboolean dash = is_char (sep, '-');
  const Token *n;

  if (!is_year (at (a, 0)) || (!dash && !is_char (sep, '/')) || sep->spaced)
    return FALSE;
  if (m->kind != TOK_NUMBER || m->spaced || m->ndigits > 2 || (dash && m->ndigits != 2))
    return FALSE;
  if (!is_char (at (a, 3), sep->value) || at (a, 3)->spaced)
    return FALSE;
  if (d->kind != TOK_NUMBER || d->spaced || d->ndigits > 2 || (dash && d->ndigits != 2))
    return FALSE;
  n = at (a, 5);
  /* A time may follow ("2023-06-19T10:00"); letters or digits may not. */
  if (!n->spaced && n->kind == TOK_WORD &&
      !(n->end - n->start == 1 && (a->s->text[n->start] == 'T') && at (a, 6)->kind == TOK_NUMBER))
    return FALSE;
  if (!n->spaced && (is_char (n, '.') || is_char (n, sep->value) || is_char (n, ',')) &&
      at (a, 6)->kind == TOK_NUMBER && !at (a, 6)->spaced)
    return FALSE;
  if (!_detente_date_make (&f->date, at (a, 0)->value, m->value, d->value, FALSE, 0, 0, 0))
    {
      /* Not "2023" out of "in 2023-02-30". */
      f->skip = d->end;
      return FALSE;
    }
  _detente_date_found_tokens (a, 0, 5, f);
  return TRUE;
}

static gboolean
is_cjk_day (const Token *t)
{
  return is_char (t, 0x65E5) || is_char (t, 0x53F7) || is_char (t, 0x865F);  /* 日 号 號 */
}

/* "2023年6月19日", "2023年6月", "2023年", "6月19日", "6月" */
static gboolean
try_cjk (const Scan *s,
         Ahead      *a,
         Found      *f)
{
  Point x = { 0 };
  const Token *t = at (a, 0);
  guint i;

  if (is_char (at (a, 1), 0x5E74))  /* 年 */
    {
      if (!is_year (t))
        return FALSE;
      x.year = t->value;
      i = 2;
      if (at (a, i)->kind == TOK_NUMBER && at (a, i)->ndigits <= 2 && is_char (at (a, i + 1), 0x6708))
        {
          x.month = at (a, i)->value;
          i += 2;
        }
    }
  else if (is_char (at (a, 1), 0x6708) && t->ndigits <= 2)  /* 月 */
    {
      x.month = t->value;
      i = 2;
    }
  else
    return FALSE;

  if (x.month != 0 && at (a, i)->kind == TOK_NUMBER && is_cjk_day (at (a, i + 1)))
    {
      x.day = is_day (at (a, i)) ? (int) at (a, i)->value : -1;
      i += 2;
    }
  /* "2023年0月", "6月0日": no date, and no "2023年" or "6月" out of it. */
  if ((i > 2 && x.month == 0) || x.month > 12 || x.day < 0 ||
      (t->ndigits <= 2 && x.month == 0))
    {
      f->skip = at (a, i - 1)->end;
      return FALSE;
    }

  f->relative = x.year == 0;
  if (x.year == 0)
    {
      int unused;

      if (!resolve_years (s, &x, NULL, &x.year, &unused))
        return FALSE;
    }
  if (!_detente_date_make (&f->date, x.year, x.month, x.day, FALSE, 0, 0, 0))
    {
      f->skip = at (a, i - 1)->end;
      return FALSE;
    }
  _detente_date_found_tokens (a, 0, i, f);
  return TRUE;
}

/* Joins two points into a range, taking what the one lacks from the
 * other: "16-19 July", "July 16 to 19", "June 30-July 2, 2023", "2017-18". */
static gboolean
join_range (Ahead       *a,
            Point       *x,
            Point       *y,
            const Token *opener,
            guint       *next)
{
  const Token *c = at (a, x->next);
  gboolean and = is_word (c, W_AND);
  gboolean x_bare, y_bare;
  gboolean wrap;

  if (!and && !is_connector (c))
    return FALSE;

  if (x->year != 0 && x->month == 0 && is_dash (c))
    {
      const Token *n = at (a, x->next + 1);
      guint e;

      if (n->kind == TOK_NUMBER && n->ndigits == 2 && !n->spaced &&
          (e = _detente_date_after_number (a, x->next + 1, FALSE)) != 0)
        {
          memset (y, 0, sizeof *y);
          y->year = x->year / 100 * 100 + n->value;
          if (y->year <= x->year)
            y->year += 100;
          y->first = x->next + 1;
          y->next = e;
          *next = e;
          return TRUE;
        }
    }

  if (!parse_point (a, x->next + 1, y))
    return FALSE;

  x_bare = x->day != 0 && x->month == 0;
  y_bare = y->day != 0 && y->month == 0;
  /* "June 18 and 19" is one range, "June 18 and July 2" two dates. */
  if (and && !is_word (opener, W_BETWEEN) && !x_bare && !y_bare)
    return FALSE;

  if (x_bare)
    {
      if (y->month == 0 || y->day == 0)
        return FALSE;
      x->month = y->month;
      x->year = y->year;
    }
  else if (y_bare)
    {
      if (x->month == 0 || x->day == 0 || x->year != 0)
        return FALSE;
      y->month = x->month;
    }
  else if ((x->day == 0) != (y->day == 0) || (x->month == 0) != (y->month == 0))
    {
      /* Different precisions join only with both years given. */
      if (x->year == 0 || y->year == 0)
        return FALSE;
    }

  /* Only a later month before an earlier one crosses a new year:
   * "June 19-18" is no range. */
  wrap = x->month > y->month && y->month != 0;
  if (x->year == 0 && y->year != 0)
    x->year = y->year - wrap;
  else if (y->year == 0 && x->year != 0)
    y->year = x->year + wrap;

  *next = y->next;
  if (x->year == 0 && y->year == 0)
    {
      int year = 0;
      guint e = optional_year (a, y->next, &year);

      if (e != y->next)
        {
          y->year = year;
          x->year = year - wrap;
          *next = e;
        }
    }
  return TRUE;
}

static gboolean
build_date (const Scan  *s,
            const Point *x,
            const Point *y,
            Found       *f)
{
  int y1 = x->year;
  int y2 = y != NULL ? y->year : 0;

  f->relative = FALSE;
  if (y1 == 0)
    {
      if (!resolve_years (s, x, y, &y1, &y2))
        return FALSE;
      f->relative = TRUE;
    }
  return _detente_date_make (&f->date, y1, x->month, x->day, y != NULL,
                             y2, y != NULL ? y->month : 0, y != NULL ? y->day : 0);
}

/* A date, or a range of two, beginning at token @i0, with the look-back
 * tokens @raw1 and @raw2 before it. */
gboolean
_detente_date_try_span (Scan        *s,
                        Ahead       *a,
                        guint        i0,
                        const Token *raw1,
                        const Token *raw2,
                        Found       *f)
{
  const Token *p1 = usable (s, raw1);
  const Token *p2 = usable (s, raw2);
  const Token *opener = NULL;
  const Token *modifier = NULL;
  Point x, saved, y;
  guint roles = 0;
  guint next = 0;
  gboolean range;

  if (!parse_point (a, i0, &x))
    return FALSE;
  saved = x;

  if (p1 != NULL)
    {
      if (is_word (p1, W_EARLY) || is_word (p1, W_MID))
        modifier = p1;
      else if (is_dash (p1) && !p1->spaced && !at (a, i0)->spaced && is_word (p2, W_MID))
        modifier = p2;
      else if (p1->kind == TOK_WORD)
        {
          roles = p1->roles;
          if (p1->word == W_FROM || p1->word == W_BETWEEN)
            opener = p1;
        }
      /* "in 2018 and 2019", "in June or July": the context carries over. */
      if ((is_word (p1, W_AND) || is_word (p1, W_OR) || is_char (p1, ',')) &&
          raw2 != NULL && raw2->kind != TOK_END && raw2->end == s->last_end)
        roles |= s->last_chain == CHAIN_YEAR ? R_YEAR :
                 s->last_chain == CHAIN_MONTH ? R_MONTH | R_MAY : 0;
    }
  if (modifier != NULL)
    roles = CTX_ALL;

  range = join_range (a, &x, &y, opener, &next);
  if (range)
    {
      /* "the 2017-2020 plan" and "February to April" need context too. */
      if (x.month == 0 && !(roles & R_YEAR))
        range = FALSE;
      else if (x.day == 0 && x.year == 0 && !(roles & R_MONTH))
        range = FALSE;
      else if (!build_date (s, &x, &y, f))
        range = FALSE;
    }

  if (!range)
    {
      x = saved;
      next = x.next;
      if (x.month == 0 && x.year == 0)
        return FALSE;
      if (x.month == 0 && (!(roles & R_YEAR) || is_word (at (a, next), W_COUNT_NOUN)))
        return FALSE;
      if (x.day == 0 && x.year == 0 && !(roles & (x.may ? R_MAY : R_MONTH)))
        return FALSE;
      if (!build_date (s, &x, NULL, f))
        {
          /* "31 April 2023" is no date, and its "April 2023" none either. */
          if (x.day != 0 && x.month != 0)
            f->skip = at (a, next - 1)->end;
          return FALSE;
        }
    }

  _detente_date_found_tokens (a, x.first, next, f);
  if (range && opener != NULL)
    f->start = opener->start;
  else if (modifier != NULL)
    f->start = modifier->start;

  f->chain = CHAIN_NONE;
  if (!range && x.month == 0)
    f->chain = CHAIN_YEAR;
  else if (!range && x.day == 0 && x.year == 0)
    f->chain = CHAIN_MONTH;
  return TRUE;
}

static gboolean
could_start (const Token *t)
{
  if (t->kind == TOK_NUMBER)
    return TRUE;
  if (t->kind != TOK_WORD)
    return FALSE;
  switch (t->word)
    {
    case W_MONTH: case W_WEEKDAY: case W_YESTERDAY: case W_TODAY: case W_TOMORROW:
    case W_TONIGHT: case W_LAST: case W_THIS: case W_NEXT: case W_EARLIER: case W_LATER:
    case W_THE: case W_COUNT:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
match_at (Scan        *s,
          Ahead       *a,
          const Token *p1,
          const Token *p2,
          Found       *f)
{
  const Token *t = at (a, 0);

  f->chain = CHAIN_NONE;
  f->relative = FALSE;
  f->skip = 0;

  if (t->kind == TOK_NUMBER)
    {
      if (!number_starts_clean (t, p1, p2))
        return FALSE;
      /* A pattern that knows the text for a malformed date of its kind
       * sets f->skip, and no other reading is tried. */
      if (try_iso (a, f) || f->skip != 0 || try_cjk (s, a, f) || f->skip != 0)
        return f->skip == 0;
      return _detente_date_try_ago (s, a, f) || _detente_date_try_span (s, a, 0, p1, p2, f);
    }

  switch (t->word)
    {
    case W_MONTH:
      return _detente_date_try_span (s, a, 0, p1, p2, f);
    case W_WEEKDAY:
      return _detente_date_try_weekday (s, a, p1, f);
    case W_YESTERDAY: case W_TODAY: case W_TOMORROW: case W_TONIGHT:
      return _detente_date_try_day_word (s, a, f);
    case W_LAST: case W_THIS: case W_NEXT:
      return _detente_date_try_last_this_next (s, a, p1, f);
    case W_EARLIER: case W_LATER:
      return _detente_date_try_earlier_later (s, a, f);
    case W_THE:
      return _detente_date_try_the (s, a, p1, p2, f);
    case W_COUNT:
      return _detente_date_try_ago (s, a, f);
    default:
      return FALSE;
    }
}

static void
scan_init (Scan              *s,
           const char        *text,
           gsize              len,
           const DetenteDate *reference,
           DetenteTense       tense)
{
  memset (s, 0, sizeof *s);
  s->text = text;
  s->len = MIN (len, G_MAXUINT);
  s->tense = tense;

  /* Checked field by field: a reference is a plain struct that anyone may
   * have filled in by hand. */
  if (!detente_date_is_set (reference) || !year_ok (reference->year))
    return;
  switch (reference->precision)
    {
    case DETENTE_DATE_PRECISION_DAY:
      if (!g_date_valid_dmy (reference->day, reference->month, reference->year))
        return;
      s->ref_day = reference->day;
      G_GNUC_FALLTHROUGH;
    case DETENTE_DATE_PRECISION_MONTH:
      if (reference->month < 1 || reference->month > 12)
        return;
      s->ref_month = reference->month;
      G_GNUC_FALLTHROUGH;
    case DETENTE_DATE_PRECISION_YEAR:
      s->ref_year = reference->year;
      s->ref_precision = reference->precision;
      break;
    default:
      break;
    }
}

/**
 * detente_date_parse_find:
 * @text: the text, usually one sentence; it need not be valid UTF-8
 * @length: its length in bytes, or -1 if it is nul-terminated
 * @reference: (nullable): the article's date, against which relative and
 *   partial expressions are resolved; when %NULL or unset they are skipped
 * @tense: the tense of the sentence's verb, which decides which "February"
 *   or "Sunday" is meant
 *
 * Finds every date expression in @text, left to right and without overlap:
 * absolute dates ("Nov. 14, 2022", "14 November 2022", "June 2023", "in
 * 2018", "2023-06-19", "2023年6月19日"), ranges ("from July 16 to 19",
 * "June 30-July 2", "between 2017 and 2020"), partial dates that take their
 * year from @reference ("Sept. 5", "in February", "on Sunday") and relative
 * ones ("yesterday", "last week", "earlier this year", "two days ago").
 * Each date keeps the precision the text gives.
 *
 * A match covers the words that fix the date: "2018" of "in 2018", but
 * "from July 16 to 19" whole, and "early 2018", "mid-June", "last Sunday".
 *
 * Returns: (transfer full) (element-type DetenteDateMatch): the matches,
 *   possibly none
 */
GArray *
detente_date_parse_find (const char        *text,
                         gssize             length,
                         const DetenteDate *reference,
                         DetenteTense       tense)
{
  return detente_date_parse_find_tensed (text, length, reference, tense, NULL);
}

/**
 * detente_date_parse_find_tensed:
 * @text: the text, usually one sentence; it need not be valid UTF-8
 * @length: its length in bytes, or -1 if it is nul-terminated
 * @reference: (nullable): as for detente_date_parse_find()
 * @tense: as for detente_date_parse_find()
 * @tense_matters: (out) (optional): set to %FALSE when no expression of
 *   @text depends on @tense, so that the matches are those of every tense
 *
 * Does what detente_date_parse_find() does, and tells a caller that needs
 * a text's dates in several tenses whether it must scan it again.
 *
 * Returns: (transfer full) (element-type DetenteDateMatch): the matches,
 *   possibly none
 */
GArray *
detente_date_parse_find_tensed (const char        *text,
                                gssize             length,
                                const DetenteDate *reference,
                                DetenteTense       tense,
                                gboolean          *tense_matters)
{
  GArray *matches;
  gboolean matters;

  if (tense_matters != NULL)
    *tense_matters = FALSE;
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  matches = g_array_new (FALSE, FALSE, sizeof (DetenteDateMatch));
  if (text == NULL)
    return matches;
  matters = _detente_date_parse_find_into (matches, text, length < 0 ? strlen (text) : (gsize) length,
                                           reference, tense);
  if (tense_matters != NULL)
    *tense_matters = matters;
  return matches;
}

/**
 * _detente_date_parse_find_into:
 * @matches: (element-type DetenteDateMatch): where to append the matches
 * @text: the text; it need not be valid UTF-8
 * @length: its length in bytes
 * @reference: (nullable): as for detente_date_parse_find()
 * @tense: as for detente_date_parse_find()
 *
 * Does what detente_date_parse_find_tensed() does, into an array the
 * caller owns: the extractor scans a sentence for every frame it reads,
 * and keeps one array for all of them.
 *
 * Returns: whether any expression of @text depends on @tense
 */
gboolean
_detente_date_parse_find_into (GArray            *matches,
                               const char        *text,
                               gsize              length,
                               const DetenteDate *reference,
                               DetenteTense       tense)
{
  Token prev1, prev2, t;
  guint pos = 0;
  gboolean tense_read = FALSE;
  Scan s;
  Ahead a;
  /* Tokens of @a after the current one, lexed already by a pattern that
   * looked ahead and failed: the scan takes them from there. */
  guint next_ahead = 0, n_ahead = 0;

  _detente_date_index_words ();
  /* Most sentences have no date: they cost one pass of the anchor scan. */
  pos = _detente_date_scan_start (text, MIN (length, G_MAXUINT));
  if (pos >= MIN (length, G_MAXUINT))
    return FALSE;
  scan_init (&s, text, length, reference, tense);
  s.tense_read = &tense_read;
  prev1 = prev2 = _detente_date_end_token;

  for (;;)
    {
      /* The lexer reads a token the same from the same offset, and ends
       * where the token does. */
      if (next_ahead < n_ahead)
        {
          t = a.tok[next_ahead++];
          pos = t.end;
        }
      else
        pos = _detente_date_lex (&s, pos, &t);
      if (t.kind == TOK_END)
        break;

      if (could_start (&t))
        {
          Found f;

          ahead_init (&a, &s, &t);
          next_ahead = n_ahead = 0;
          if (match_at (&s, &a, &prev1, &prev2, &f))
            {
              DetenteDateMatch m = { f.start, f.end - f.start, f.date, f.relative };

              g_assert (f.start >= s.last_end && f.end > f.start);
              g_array_append_val (matches, m);
              s.last_end = f.end;
              s.last_chain = f.chain;
              prev1 = a.tok[f.last];
              prev2 = _detente_date_end_token;
              pos = f.end;
              continue;
            }
          if (f.skip > t.start)
            {
              s.last_end = f.skip;
              s.last_chain = CHAIN_NONE;
              prev1 = prev2 = _detente_date_end_token;
              pos = f.skip;
              continue;
            }
          next_ahead = 1;
          n_ahead = a.n;
        }
      prev2 = prev1;
      prev1 = t;
    }

  return tense_read;
}
