/* detente-date-parse-loose.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-date-parse-private.h"

/* Whole strings that hold one date, as page metadata and feeds give them.
 * The machine forms (ISO 8601, RFC 822) are read here directly; what people
 * write goes through the finder, whose first match must then cover the
 * string, give or take a time of day. */

static const char *
skip_spaces (const char *p,
             const char *end)
{
  guint w;

  while (p < end && (w = _detente_date_space_width ((const guchar *) p, end - p)) != 0)
    p += w;
  return p;
}

static const char *
skip_digits (const char *p,
             const char *end,
             guint       min,
             guint       max)
{
  guint n = 0;

  while (p + n < end && n < max && g_ascii_isdigit (p[n]))
    n++;
  return n >= min && !(p + n < end && g_ascii_isdigit (p[n])) ? p + n : NULL;
}

static int
digits_value (const char *p,
              const char *end)
{
  int v = 0;

  for (; p < end; p++)
    v = v * 10 + (*p - '0');
  return v;
}

static gboolean
has_word (const char **p,
          const char  *end,
          const char  *word)
{
  gsize n = strlen (word);

  if ((gsize) (end - *p) < n || g_ascii_strncasecmp (*p, word, n) != 0)
    return FALSE;
  if (*p + n < end && g_ascii_isalpha ((*p)[n]) && g_ascii_isalpha (word[n - 1]))
    return FALSE;
  *p += n;
  return TRUE;
}

/* What may follow a date in metadata: a time, an am/pm, a zone, and a
 * zone name in brackets as JavaScript prints it: ", 10:00 a.m. EDT",
 * "T10:00:00.000+08:00", " 10:00:00 GMT+0800 (China Standard Time)". */
static gboolean
time_tail_ok (const char *p,
              const char *end)
{
  gboolean need_time = FALSE;
  const char *q;

  if (p < end && (*p == 'T' || *p == 't'))
    {
      p++;
      need_time = TRUE;
    }
  else
    {
      p = skip_spaces (p, end);
      if (p < end && *p == ',')
        p = skip_spaces (p + 1, end);
      if (has_word (&p, end, "at"))
        p = skip_spaces (p, end);
    }
  if (p == end)
    return !need_time;

  /* ISO 8601 basic format, "T100000Z", or "10:00" with colons. */
  if ((q = skip_digits (p, end, 4, 6)) != NULL && (q - p == 4 || q - p == 6))
    p = q;
  else
    {
      if ((p = skip_digits (p, end, 1, 2)) == NULL || p == end || *p != ':' ||
          (p = skip_digits (p + 1, end, 2, 2)) == NULL)
        return FALSE;
      if (p < end && *p == ':' && (p = skip_digits (p + 1, end, 2, 2)) == NULL)
        return FALSE;
    }
  if (p < end && (*p == '.' || *p == ',') && (p = skip_digits (p + 1, end, 1, 9)) == NULL)
    return FALSE;
  p = skip_spaces (p, end);
  if (has_word (&p, end, "a.m.") || has_word (&p, end, "p.m.") ||
      has_word (&p, end, "am") || has_word (&p, end, "pm"))
    p = skip_spaces (p, end);

  /* A zone: letters ("Z", "GMT", "EDT"), an offset, or both. */
  for (guint n = 0; n < 5 && p < end && g_ascii_isalpha (*p); n++)
    p++;
  if (p < end && g_ascii_isalpha (*p))
    return FALSE;
  if (p < end && (*p == '+' || *p == '-'))
    {
      if ((p = skip_digits (p + 1, end, 1, 4)) == NULL)
        return FALSE;
      if (p < end && *p == ':' && (p = skip_digits (p + 1, end, 2, 2)) == NULL)
        return FALSE;
    }
  p = skip_spaces (p, end);
  if (p < end && *p == '(')
    {
      const char *close = memchr (p, ')', end - p);

      if (close == NULL)
        return FALSE;
      p = skip_spaces (close + 1, end);
    }
  return p == end;
}

/* ISO 8601 and its relatives: "2023", "2023-06", "2023-06-19" with any
 * time after it, "20230619", "2023/06/19". */
static gboolean
parse_numeric (const char  *p,
               const char  *end,
               DetenteDate *out)
{
  const char *q;
  int y, m = 0, d = 0;
  char sep;

  if ((q = skip_digits (p, end, 4, 8)) == NULL)
    return FALSE;
  if (q - p == 8)
    {
      y = digits_value (p, p + 4);
      m = digits_value (p + 4, p + 6);
      d = digits_value (p + 6, p + 8);
      return (q == end || *q == 'T') && time_tail_ok (q, end) &&
             _detente_date_make (out, y, m, d, FALSE, 0, 0, 0);
    }
  if (q - p != 4)
    return FALSE;
  y = digits_value (p, q);
  if (q == end)
    return _detente_date_make (out, y, 0, 0, FALSE, 0, 0, 0);

  sep = *q;
  if (sep != '-' && sep != '/')
    return FALSE;
  p = q + 1;
  if ((q = skip_digits (p, end, sep == '-' ? 2 : 1, 2)) == NULL)
    return FALSE;
  m = digits_value (p, q);
  if (q == end)
    return sep == '-' && _detente_date_make (out, y, m, 0, FALSE, 0, 0, 0);
  if (*q != sep)
    return FALSE;
  p = q + 1;
  if ((q = skip_digits (p, end, sep == '-' ? 2 : 1, 2)) == NULL)
    return FALSE;
  d = digits_value (p, q);
  if (q < end && *q != 'T' && *q != 't' && *q != ' ')
    return FALSE;
  return time_tail_ok (q, end) && _detente_date_make (out, y, m, d, FALSE, 0, 0, 0);
}

/* RFC 822 allows two-digit years: "19 Jun 23". */
static gboolean
parse_two_digit_year (const char  *p,
                      const char  *end,
                      DetenteDate *out)
{
  Scan s;
  Ahead a;
  Token t;
  int year;

  memset (&s, 0, sizeof s);
  s.text = p;
  s.len = end - p;
  _detente_date_lex (&s, 0, &t);
  ahead_init (&a, &s, &t);
  if (!is_day (at (&a, 0)) || !is_word (at (&a, 1), W_MONTH) || at (&a, 2)->kind != TOK_NUMBER ||
      at (&a, 2)->ndigits != 2 || !at (&a, 2)->spaced)
    return FALSE;
  year = at (&a, 2)->value;
  year += year < 50 ? 2000 : 1900;
  return time_tail_ok (p + at (&a, 2)->end, end) &&
         _detente_date_make (out, year, at (&a, 1)->value, at (&a, 0)->value, FALSE, 0, 0, 0);
}

/**
 * detente_date_parse_loose:
 * @text: a string holding one date, as found in page metadata and feeds
 * @out: (out caller-allocates): where to store the date
 *
 * Parses ISO 8601 dates with or without a time and zone
 * ("2023-06-19T10:00:00+08:00", "2023-06-19", "2023-06", "2023"), RFC 822
 * and 1123 dates ("Mon, 19 Jun 2023 10:00:00 GMT", "19 Jun 2023"), and the
 * forms people write: "June 19, 2023", "Jun. 19, 2023", "19 June 2023",
 * "2023/06/19", "2023年6月19日", with white space around. The date is the
 * calendar date as written, with no conversion between zones. Years run
 * from 1900 to 2100.
 *
 * Returns: %TRUE if all of @text is such a date; otherwise @out is unchanged
 */
gboolean
detente_date_parse_loose (const char  *text,
                          DetenteDate *out)
{
  static const char * const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Tues", "Thurs", "Thur", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
  };
  g_autoptr(GArray) matches = NULL;
  const DetenteDateMatch *m;
  const char *p, *end;
  DetenteDate d = DETENTE_DATE_INIT;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  /* The two-digit year form lexes before any search has run. */
  _detente_date_index_words ();
  p = skip_spaces (text, text + strlen (text));
  end = p + strlen (p);
  while (end > p)
    {
      if (g_ascii_isspace (end[-1]))
        end--;
      else if (end - p >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
        end -= 2;
      else
        break;
    }
  /* Metadata dates are short; this bounds the work on hostile pages. */
  if (p == end || end - p > 200)
    return FALSE;

  if (g_ascii_isdigit (*p) && (parse_numeric (p, end, &d) || parse_two_digit_year (p, end, &d)))
    {
      *out = d;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    {
      const char *q = p;

      if (has_word (&q, end, weekdays[i]) && (q == end || !g_ascii_isalpha (*q)))
        {
          if (q < end && *q == '.')
            q++;
          q = skip_spaces (q, end);
          if (q < end && *q == ',')
            q = skip_spaces (q + 1, end);
          p = q;
          break;
        }
    }
  if (p < end && g_ascii_isdigit (*p) && parse_two_digit_year (p, end, &d))
    {
      *out = d;
      return TRUE;
    }

  matches = detente_date_parse_find (p, end - p, NULL, DETENTE_TENSE_UNKNOWN);
  if (matches->len == 0)
    return FALSE;
  m = &g_array_index (matches, DetenteDateMatch, 0);
  if (m->offset != 0 || m->relative || !time_tail_ok (p + m->length, end))
    return FALSE;
  *out = m->date;
  return TRUE;
}
