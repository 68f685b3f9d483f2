/* detente-date-parse.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-date-parse.h"

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

#define MIN_YEAR 1900
#define MAX_YEAR 2100
#define AHEAD    24
#define MAX_AGO  200

enum
{
  TOK_END,
  TOK_WORD,
  TOK_NUMBER,
  TOK_PUNCT,
  TOK_CJK,
};

enum
{
  W_NONE,
  W_MONTH,
  W_WEEKDAY,
  W_YESTERDAY,
  W_TODAY,
  W_TOMORROW,
  W_TONIGHT,
  W_LAST,
  W_THIS,
  W_NEXT,
  W_EARLIER,
  W_LATER,
  W_THE,
  W_PREVIOUS,
  W_FOLLOWING,
  W_UNIT,
  W_WEEKEND,
  W_NIGHT,
  W_DAYPART,
  W_AGO,
  W_COUNT,
  W_IN,
  W_ON,
  W_OF,
  W_FROM,
  W_BETWEEN,
  W_AND,
  W_OR,
  W_THAT,
  W_BEFORE,
  W_AFTER,
  W_TO,
  W_EARLY,
  W_MID,
  W_PREP,
  W_LINK,
  W_ORD,
  W_DET,
  W_COUNT_NOUN,
  W_PAPER,
  W_HOLIDAY,
};

/* What a word before a bare year or month name says about it. */
enum
{
  R_YEAR    = 1 << 0,  /* "in 2018" */
  R_MONTH   = 1 << 1,  /* "in February" */
  R_MAY     = 1 << 2,  /* "in May": the month, where "may" could be a name */
  R_CONNECT = 1 << 3,  /* "to" in "July 16 to 19" */
};

enum
{
  F_ABBR   = 1 << 0,  /* "Nov" */
  F_MAY    = 1 << 1,
  F_PLURAL = 1 << 2,  /* "days" */
};

enum
{
  U_DAY = 1,
  U_WEEK,
  U_MONTH,
  U_YEAR,
};

/* Which spellings of a word count: month and weekday names must be
 * capitalised, so that "may" and "march" stay verbs. */
enum
{
  C_NAME,   /* June, JUNE */
  C_ANY,    /* last, Last, LAST */
  C_LOWER,  /* th, TH */
  C_TITLE,  /* Times */
};

enum
{
  CHAIN_NONE,
  CHAIN_YEAR,
  CHAIN_MONTH,
};

typedef struct
{
  const char *text;
  guint8      len;
  guint8      word;
  guint8      value;
  guint8      roles;
  guint8      flags;
  guint8      caps;
} WordEntry;

#define E(t, w, v, r, f, c) { t, sizeof t - 1, w, v, r, f, c }
#define CTX_ALL (R_YEAR | R_MONTH | R_MAY)

static const WordEntry words[] = {
  E ("january", W_MONTH, 1, 0, 0, C_NAME), E ("february", W_MONTH, 2, 0, 0, C_NAME),
  E ("march", W_MONTH, 3, 0, 0, C_NAME), E ("april", W_MONTH, 4, 0, 0, C_NAME),
  E ("may", W_MONTH, 5, 0, F_MAY, C_NAME), E ("june", W_MONTH, 6, 0, 0, C_NAME),
  E ("july", W_MONTH, 7, 0, 0, C_NAME), E ("august", W_MONTH, 8, 0, 0, C_NAME),
  E ("september", W_MONTH, 9, 0, 0, C_NAME), E ("october", W_MONTH, 10, 0, 0, C_NAME),
  E ("november", W_MONTH, 11, 0, 0, C_NAME), E ("december", W_MONTH, 12, 0, 0, C_NAME),
  E ("jan", W_MONTH, 1, 0, F_ABBR, C_NAME), E ("feb", W_MONTH, 2, 0, F_ABBR, C_NAME),
  E ("mar", W_MONTH, 3, 0, F_ABBR, C_NAME), E ("apr", W_MONTH, 4, 0, F_ABBR, C_NAME),
  E ("jun", W_MONTH, 6, 0, F_ABBR, C_NAME), E ("jul", W_MONTH, 7, 0, F_ABBR, C_NAME),
  E ("aug", W_MONTH, 8, 0, F_ABBR, C_NAME), E ("sep", W_MONTH, 9, 0, F_ABBR, C_NAME),
  E ("sept", W_MONTH, 9, 0, F_ABBR, C_NAME), E ("oct", W_MONTH, 10, 0, F_ABBR, C_NAME),
  E ("nov", W_MONTH, 11, 0, F_ABBR, C_NAME), E ("dec", W_MONTH, 12, 0, F_ABBR, C_NAME),
  E ("monday", W_WEEKDAY, G_DATE_MONDAY, 0, 0, C_NAME),
  E ("tuesday", W_WEEKDAY, G_DATE_TUESDAY, 0, 0, C_NAME),
  E ("wednesday", W_WEEKDAY, G_DATE_WEDNESDAY, 0, 0, C_NAME),
  E ("thursday", W_WEEKDAY, G_DATE_THURSDAY, 0, 0, C_NAME),
  E ("friday", W_WEEKDAY, G_DATE_FRIDAY, 0, 0, C_NAME),
  E ("saturday", W_WEEKDAY, G_DATE_SATURDAY, 0, 0, C_NAME),
  E ("sunday", W_WEEKDAY, G_DATE_SUNDAY, 0, 0, C_NAME),
  E ("yesterday", W_YESTERDAY, 0, 0, 0, C_ANY), E ("today", W_TODAY, 0, 0, 0, C_ANY),
  E ("tomorrow", W_TOMORROW, 0, 0, 0, C_ANY), E ("tonight", W_TONIGHT, 0, 0, 0, C_ANY),
  E ("last", W_LAST, 0, 0, 0, C_ANY), E ("this", W_THIS, 0, 0, 0, C_ANY),
  E ("next", W_NEXT, 0, 0, 0, C_ANY), E ("earlier", W_EARLIER, 0, 0, 0, C_ANY),
  E ("later", W_LATER, 0, 0, 0, C_ANY), E ("the", W_THE, 0, 0, 0, C_ANY),
  E ("previous", W_PREVIOUS, 0, 0, 0, C_ANY), E ("following", W_FOLLOWING, 0, 0, 0, C_ANY),
  E ("day", W_UNIT, U_DAY, 0, 0, C_ANY), E ("days", W_UNIT, U_DAY, 0, F_PLURAL, C_ANY),
  E ("week", W_UNIT, U_WEEK, 0, 0, C_ANY), E ("weeks", W_UNIT, U_WEEK, 0, F_PLURAL, C_ANY),
  E ("month", W_UNIT, U_MONTH, 0, 0, C_ANY), E ("months", W_UNIT, U_MONTH, 0, F_PLURAL, C_ANY),
  E ("year", W_UNIT, U_YEAR, 0, 0, C_ANY), E ("years", W_UNIT, U_YEAR, 0, F_PLURAL, C_ANY),
  E ("weekend", W_WEEKEND, 0, 0, 0, C_ANY), E ("night", W_NIGHT, 0, 0, 0, C_ANY),
  E ("morning", W_DAYPART, 0, 0, 0, C_ANY), E ("afternoon", W_DAYPART, 0, 0, 0, C_ANY),
  E ("evening", W_DAYPART, 0, 0, 0, C_ANY), E ("ago", W_AGO, 0, 0, 0, C_ANY),
  E ("a", W_COUNT, 1, 0, 0, C_ANY), E ("an", W_COUNT, 1, 0, 0, C_ANY),
  E ("one", W_COUNT, 1, 0, 0, C_ANY), E ("two", W_COUNT, 2, 0, 0, C_ANY),
  E ("three", W_COUNT, 3, 0, 0, C_ANY), E ("four", W_COUNT, 4, 0, 0, C_ANY),
  E ("five", W_COUNT, 5, 0, 0, C_ANY), E ("six", W_COUNT, 6, 0, 0, C_ANY),
  E ("seven", W_COUNT, 7, 0, 0, C_ANY), E ("eight", W_COUNT, 8, 0, 0, C_ANY),
  E ("nine", W_COUNT, 9, 0, 0, C_ANY), E ("ten", W_COUNT, 10, 0, 0, C_ANY),
  E ("eleven", W_COUNT, 11, 0, 0, C_ANY), E ("twelve", W_COUNT, 12, 0, 0, C_ANY),
  E ("in", W_IN, 0, CTX_ALL, 0, C_ANY), E ("on", W_ON, 0, R_MONTH | R_MAY, 0, C_ANY),
  E ("since", W_PREP, 0, CTX_ALL, 0, C_ANY), E ("by", W_PREP, 0, CTX_ALL, 0, C_ANY),
  E ("until", W_PREP, 0, R_YEAR | R_MONTH | R_CONNECT, 0, C_ANY),
  E ("till", W_PREP, 0, R_YEAR | R_MONTH | R_CONNECT, 0, C_ANY),
  E ("through", W_PREP, 0, R_YEAR | R_MONTH | R_CONNECT, 0, C_ANY),
  E ("throughout", W_PREP, 0, R_YEAR | R_MONTH, 0, C_ANY),
  E ("during", W_PREP, 0, R_YEAR | R_MONTH, 0, C_ANY),
  E ("before", W_BEFORE, 0, R_YEAR | R_MONTH, 0, C_ANY),
  E ("after", W_AFTER, 0, R_YEAR | R_MONTH, 0, C_ANY),
  E ("of", W_OF, 0, R_YEAR | R_MONTH, 0, C_ANY),
  E ("from", W_FROM, 0, CTX_ALL, 0, C_ANY), E ("between", W_BETWEEN, 0, CTX_ALL, 0, C_ANY),
  E ("to", W_TO, 0, R_CONNECT, 0, C_ANY), E ("and", W_AND, 0, 0, 0, C_ANY),
  E ("or", W_OR, 0, 0, 0, C_ANY), E ("that", W_THAT, 0, 0, 0, C_ANY),
  E ("early", W_EARLY, 0, CTX_ALL, 0, C_ANY), E ("late", W_EARLY, 0, CTX_ALL, 0, C_ANY),
  E ("mid", W_MID, 0, CTX_ALL, 0, C_ANY),
  E ("at", W_LINK, 0, 0, 0, C_ANY), E ("when", W_LINK, 0, 0, 0, C_ANY),
  E ("with", W_LINK, 0, 0, 0, C_ANY), E ("while", W_LINK, 0, 0, 0, C_ANY),
  E ("as", W_LINK, 0, 0, 0, C_ANY), E ("but", W_LINK, 0, 0, 0, C_ANY),
  E ("st", W_ORD, 1, 0, 0, C_LOWER), E ("nd", W_ORD, 2, 0, 0, C_LOWER),
  E ("rd", W_ORD, 3, 0, 0, C_LOWER), E ("th", W_ORD, 4, 0, 0, C_LOWER),
  E ("his", W_DET, 0, 0, 0, C_ANY), E ("her", W_DET, 0, 0, 0, C_ANY),
  E ("their", W_DET, 0, 0, 0, C_ANY), E ("its", W_DET, 0, 0, 0, C_ANY),
  E ("our", W_DET, 0, 0, 0, C_ANY), E ("my", W_DET, 0, 0, 0, C_ANY),
  E ("your", W_DET, 0, 0, 0, C_ANY), E ("whose", W_DET, 0, 0, 0, C_ANY),
  E ("past", W_DET, 0, 0, 0, C_ANY),
  /* Counted things: "in 2000 troops" is no year. AP style writes "2,000",
   * which never reads as one, so this list only needs the usual nouns. */
  E ("people", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("troops", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("soldiers", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("times", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("km", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("miles", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("kilometers", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("kilometres", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("meters", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("metres", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("tons", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("tonnes", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("dollars", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("yuan", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("euros", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("members", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("delegates", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("percent", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("votes", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("seats", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("cases", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("deaths", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("students", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("workers", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  E ("officials", W_COUNT_NOUN, 0, 0, 0, C_LOWER), E ("units", W_COUNT_NOUN, 0, 0, 0, C_LOWER),
  /* "on Sunday" is a date, "the Sunday Times" is not. */
  E ("times", W_PAPER, 0, 0, 0, C_TITLE), E ("telegraph", W_PAPER, 0, 0, 0, C_TITLE),
  E ("post", W_PAPER, 0, 0, 0, C_TITLE), E ("herald", W_PAPER, 0, 0, 0, C_TITLE),
  E ("mail", W_PAPER, 0, 0, 0, C_TITLE), E ("express", W_PAPER, 0, 0, 0, C_TITLE),
  E ("mirror", W_PAPER, 0, 0, 0, C_TITLE), E ("journal", W_PAPER, 0, 0, 0, C_TITLE),
  E ("good", W_HOLIDAY, 0, 0, 0, C_TITLE), E ("black", W_HOLIDAY, 0, 0, 0, C_TITLE),
  E ("super", W_HOLIDAY, 0, 0, 0, C_TITLE), E ("cyber", W_HOLIDAY, 0, 0, 0, C_TITLE),
  E ("ash", W_HOLIDAY, 0, 0, 0, C_TITLE), E ("palm", W_HOLIDAY, 0, 0, 0, C_TITLE),
  E ("holy", W_HOLIDAY, 0, 0, 0, C_TITLE), E ("easter", W_HOLIDAY, 0, 0, 0, C_TITLE),
  E ("bloody", W_HOLIDAY, 0, 0, 0, C_TITLE),
};

#undef E

#define MAX_WORD_LEN 12

/* The table by first letter and length, built once. */
#define N_BUCKETS (26 * MAX_WORD_LEN)
#define BUCKET(c, len) (((c) - 'a') * MAX_WORD_LEN + (len) - 1)
static guint16 bucket_first[N_BUCKETS + 1];
static guint16 bucket_order[G_N_ELEMENTS (words)];

typedef struct
{
  guint   start;
  guint   end;
  guint32 value;    /* a number's value, a word's month, weekday, count or unit, a character */
  guint8  kind;
  guint8  word;
  guint8  roles;
  guint8  flags;
  guint8  ndigits;  /* capped at 255 */
  guint8  spaced;   /* white space, or the start of the text, before it */
} Token;

typedef struct
{
  const char   *text;
  guint         len;
  DetenteTense  tense;
  /* The reference's start, checked: a precision of NONE means none. */
  int           ref_year;
  int           ref_month;
  int           ref_day;
  int           ref_precision;
  /* Look-back stops at the end of the last match. */
  guint         last_end;
  guint8        last_chain;
} Scan;

typedef struct
{
  const Scan *s;
  Token       tok[AHEAD];
  guint       n;
  guint       pos;
} Ahead;

typedef struct
{
  guint       start;
  guint       end;
  guint       last;      /* index in the window of the match's last token */
  DetenteDate date;
  gboolean    relative;
  guint8      chain;
  guint       skip;      /* when no match: where a malformed date ends */
} Found;

/* A date as written, before years are filled in: 0 for a part not given. */
typedef struct
{
  int   year;
  int   month;
  int   day;
  guint first;
  guint next;
  guint may : 1;
} Point;

static const Token end_token = { 0, 0, 0, TOK_END, W_NONE, 0, 0, 0, TRUE };

static void
index_words (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      guint count[N_BUCKETS] = { 0 };
      guint fill[N_BUCKETS];

      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        {
          g_assert (words[i].len >= 1 && words[i].len <= MAX_WORD_LEN);
          count[BUCKET (words[i].text[0], words[i].len)]++;
        }
      bucket_first[0] = 0;
      for (guint b = 0; b < N_BUCKETS; b++)
        {
          bucket_first[b + 1] = bucket_first[b] + count[b];
          fill[b] = bucket_first[b];
        }
      /* Stable, so that of two spellings the first listed wins. */
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        bucket_order[fill[BUCKET (words[i].text[0], words[i].len)]++] = i;
      g_once_init_leave (&once, 1);
    }
}

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2FFFF);
}

/* The width of a space at @p, or 0. Besides ASCII, the spaces that news text
 * puts between a day and its month: U+00A0 above all, U+2000–U+200B, U+2028,
 * U+2029, U+202F, U+205F and the ideographic space. */
static guint
space_width (const guchar *p,
             gsize         avail)
{
  switch (p[0])
    {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
      return 1;
    case 0xC2:
      return avail >= 2 && p[1] == 0xA0 ? 2 : 0;
    case 0xE2:
      if (avail < 3)
        return 0;
      if (p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF))
        return 3;
      return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0;
    case 0xE3:
      return avail >= 3 && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
    default:
      return 0;
    }
}

/* An invalid or cut-off sequence reads as one byte of U+FFFD, so that no
 * input can stall the scan or run it past the end. */
static gunichar
decode (const guchar *p,
        gsize         avail,
        guint        *width)
{
  gunichar c;

  if (p[0] < 0x80)
    {
      *width = 1;
      return p[0];
    }
  c = g_utf8_get_char_validated ((const char *) p, MIN (avail, 4));
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *width = 1;
      return 0xFFFD;
    }
  *width = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  return c;
}

static gboolean
caps_fit (guint8       caps,
          const guchar *w,
          guint        len)
{
  gboolean rest_lower = TRUE;
  gboolean rest_upper = TRUE;

  for (guint i = 1; i < len; i++)
    {
      rest_lower = rest_lower && g_ascii_islower (w[i]);
      rest_upper = rest_upper && g_ascii_isupper (w[i]);
    }

  switch (caps)
    {
    case C_NAME:
      return g_ascii_isupper (w[0]) && (rest_lower || (rest_upper && len > 2));
    case C_ANY:
      return rest_lower || (g_ascii_isupper (w[0]) && rest_upper);
    case C_LOWER:
      return (g_ascii_islower (w[0]) && rest_lower) || (g_ascii_isupper (w[0]) && rest_upper);
    case C_TITLE:
      return g_ascii_isupper (w[0]) && rest_lower;
    default:
      g_assert_not_reached ();
    }
}

/* @lower is the word in lower case, @w as written. */
static void
classify (Token        *t,
          const guchar *w,
          const char   *lower,
          guint         len)
{
  guint b = BUCKET (lower[0], len);

  for (guint k = bucket_first[b]; k < bucket_first[b + 1]; k++)
    {
      const WordEntry *e = &words[bucket_order[k]];

      if (memcmp (e->text, lower, len) != 0)
        continue;
      if (!caps_fit (e->caps, w, len))
        continue;
      t->word = e->word;
      t->value = e->value;
      t->roles = e->roles;
      t->flags = e->flags;
      return;
    }
}

/* Reads the token at or after @pos into @t; returns where it ends. */
static guint
lex (const Scan *s,
     guint       pos,
     Token      *t)
{
  const guchar *text = (const guchar *) s->text;
  guint len = s->len;
  gboolean spaced = pos == 0;
  gunichar c;
  guint w;

  for (;;)
    {
      if (pos >= len)
        {
          *t = end_token;
          t->start = t->end = len;
          return len;
        }
      if ((w = space_width (text + pos, len - pos)) == 0)
        break;
      pos += w;
      spaced = TRUE;
    }

  memset (t, 0, sizeof *t);
  t->start = pos;
  t->spaced = spaced;

  if (g_ascii_isdigit (text[pos]))
    {
      guint n = 0;

      for (; pos < len && g_ascii_isdigit (text[pos]); pos++, n++)
        if (n < 9)
          t->value = t->value * 10 + (text[pos] - '0');
      t->kind = TOK_NUMBER;
      t->ndigits = MIN (n, 255);
      t->end = pos;
      return pos;
    }

  c = decode (text + pos, len - pos, &w);
  if (c >= 0x80 && is_cjk (c))
    {
      t->kind = TOK_CJK;
      t->value = c;
      t->end = pos + w;
      return t->end;
    }
  /* g_ascii_isalpha() looks at the low byte only: U+034F is no 'O'. The
   * loop below must take at least this first character, so the two tests
   * agree. */
  if ((c < 0x80 && g_ascii_isalpha (c)) ||
      (c >= 0x80 && c != 0xFFFD && !is_cjk (c) && g_unichar_isalnum (c)))
    {
      char lower[MAX_WORD_LEN];
      gboolean ascii = TRUE;

      while (pos < len)
        {
          if (g_ascii_isalpha (text[pos]))
            {
              if (pos - t->start < MAX_WORD_LEN)
                lower[pos - t->start] = text[pos] | 0x20;
              pos++;
            }
          else if (text[pos] >= 0x80 &&
                   (c = decode (text + pos, len - pos, &w)) != 0xFFFD &&
                   !is_cjk (c) && g_unichar_isalnum (c))
            {
              pos += w;
              ascii = FALSE;
            }
          else
            break;
        }
      g_assert (pos > t->start);
      t->kind = TOK_WORD;
      t->end = pos;
      if (ascii && pos - t->start <= MAX_WORD_LEN)
        classify (t, text + t->start, lower, pos - t->start);
      return pos;
    }

  t->kind = TOK_PUNCT;
  t->value = c;
  t->end = pos + w;
  return t->end;
}

static void
ahead_init (Ahead       *a,
            const Scan  *s,
            const Token *first)
{
  a->s = s;
  a->tok[0] = *first;
  a->n = 1;
  a->pos = first->end;
}

/* Token @i of the window, lexed on demand; past the window's end, or the
 * text's, an end token, on which every pattern fails. */
static const Token *
at (Ahead *a,
    guint  i)
{
  while (a->n <= i && a->n < AHEAD)
    {
      if (a->tok[a->n - 1].kind == TOK_END)
        return &end_token;
      a->pos = lex (a->s, a->pos, &a->tok[a->n]);
      a->n++;
    }
  return i < a->n ? &a->tok[i] : &end_token;
}

static inline gboolean
is_word (const Token *t,
         guint8       word)
{
  return t != NULL && t->kind == TOK_WORD && t->word == word;
}

static inline gboolean
is_char (const Token *t,
         gunichar     c)
{
  return t != NULL && (t->kind == TOK_PUNCT || t->kind == TOK_CJK) && t->value == c;
}

static gboolean
is_dash (const Token *t)
{
  if (t == NULL || t->kind != TOK_PUNCT)
    return FALSE;
  switch (t->value)
    {
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_connector (const Token *t)
{
  return is_dash (t) || (t->kind == TOK_WORD && (t->roles & R_CONNECT));
}

static inline gboolean
is_year (const Token *t)
{
  return t->kind == TOK_NUMBER && t->ndigits == 4 && t->value >= MIN_YEAR && t->value <= MAX_YEAR;
}

static inline gboolean
is_day (const Token *t)
{
  return t->kind == TOK_NUMBER && t->ndigits <= 2 && t->value >= 1 && t->value <= 31;
}

static inline gboolean
year_ok (int year)
{
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/* A look-back token, or NULL when it is gone or inside the last match. */
static const Token *
usable (const Scan  *s,
        const Token *t)
{
  return t != NULL && t->kind != TOK_END && t->start >= s->last_end ? t : NULL;
}

/* The index after the number at @i and its ordinal suffix, or 0 when the
 * number runs into something that makes it no date: "1990s", "2,300",
 * "3.5", "10:30", "5%". Any suffix will do: "22th" is a common slip. */
static guint
after_number (Ahead    *a,
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
      (e = after_number (a, j, FALSE)) == 0)
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

  if (!is_day (t) || (j = after_number (a, i, TRUE)) == 0)
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
          if ((j = after_number (a, i, FALSE)) == 0)
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
  if (is_day (n) && (k = after_number (a, j, TRUE)) != 0)
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
      if (s->tense == DETENTE_TENSE_PAST && compare_ref (s, x->month, x->day) > 0)
        year--;
      else if (s->tense == DETENTE_TENSE_FUTURE && !wrap && compare_ref (s, m2, d2) < 0)
        year++;
    }
  else if (s->tense == DETENTE_TENSE_FUTURE)
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

static gboolean
make_date (DetenteDate *out,
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
  return make_date (out, y1, m1, d1, last != first, y2, m2, d2);
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
  return make_date (out, index / 12, index % 12 + 1, 0, FALSE, 0, 0, 0);
}

static gboolean
year_date (const Scan  *s,
           DetenteDate *out,
           int          delta)
{
  if (s->ref_precision < DETENTE_DATE_PRECISION_YEAR)
    return FALSE;
  return make_date (out, s->ref_year + delta, 0, 0, FALSE, 0, 0, 0);
}

static guint32
monday_of (guint32 julian)
{
  GDate g;

  g_date_clear (&g, 1);
  g_date_set_julian (&g, julian);
  return julian - (g_date_get_weekday (&g) - G_DATE_MONDAY);
}

static void
found_tokens (Ahead *a,
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
  if (!make_date (&f->date, at (a, 0)->value, m->value, d->value, FALSE, 0, 0, 0))
    {
      /* Not "2023" out of "in 2023-02-30". */
      f->skip = d->end;
      return FALSE;
    }
  found_tokens (a, 0, 5, f);
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
  if (!make_date (&f->date, x.year, x.month, x.day, FALSE, 0, 0, 0))
    {
      f->skip = at (a, i - 1)->end;
      return FALSE;
    }
  found_tokens (a, 0, i, f);
  return TRUE;
}

/* "two days ago", "3 weeks ago", "a year ago" */
static gboolean
try_ago (const Scan *s,
         Ahead      *a,
         Found      *f)
{
  const Token *t = at (a, 0);
  const Token *unit = at (a, 1);
  guint32 ref;
  int n;

  if (t->kind == TOK_NUMBER)
    {
      if (t->ndigits > 3 || after_number (a, 0, FALSE) != 1)
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
  found_tokens (a, 0, 3, f);
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
          (e = after_number (a, x->next + 1, FALSE)) != 0)
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
  return make_date (&f->date, y1, x->month, x->day, y != NULL,
                    y2, y != NULL ? y->month : 0, y != NULL ? y->day : 0);
}

/* A date, or a range of two, beginning at token @i0, with the look-back
 * tokens @raw1 and @raw2 before it. */
static gboolean
try_span (Scan        *s,
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

  found_tokens (a, x.first, next, f);
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
static gboolean
try_weekday (Scan        *s,
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
      try_span (s, a, j, NULL, NULL, f) && f->date.precision == DETENTE_DATE_PRECISION_DAY)
    {
      f->start = t->start;
      f->chain = CHAIN_NONE;
      return TRUE;
    }
  if (is_word (at (a, 1), W_PAPER))
    return FALSE;
  if (!weekday_date (s, &f->date, t->value, s->tense == DETENTE_TENSE_FUTURE ? 1 : -1))
    return FALSE;
  f->relative = TRUE;
  f->chain = CHAIN_NONE;
  found_tokens (a, 0, 1, f);
  return TRUE;
}

/* "yesterday", "today", "tonight", "tomorrow" */
static gboolean
try_day_word (const Scan *s,
              Ahead      *a,
              Found      *f)
{
  int delta = is_word (at (a, 0), W_YESTERDAY) ? -1 : is_word (at (a, 0), W_TOMORROW) ? 1 : 0;
  guint32 ref;

  if (!ref_julian (s, &ref) || !days_date (&f->date, ref + delta, ref + delta))
    return FALSE;
  f->relative = TRUE;
  found_tokens (a, 0, 1, f);
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
static gboolean
try_last_this_next (Scan        *s,
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
                         dir < 0 ? -2 : dir > 0 ? 1 : s->tense == DETENTE_TENSE_FUTURE ? 2 : -1))
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
        if (!make_date (&f->date, year, n->value, 0, FALSE, 0, 0, 0))
          return FALSE;
      }
      break;
    default:
      return FALSE;
    }
  f->relative = TRUE;
  found_tokens (a, 0, 2, f);
  return TRUE;
}

/* "earlier this month", "later this year", "later in the day", "later that
 * day", "earlier today" */
static gboolean
try_earlier_later (const Scan *s,
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
  found_tokens (a, 0, next, f);
  return TRUE;
}

/* "the day before", "the previous day", "the next day", "the 18th of
 * June", "on the 18th" */
static gboolean
try_the (Scan        *s,
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

      if (try_span (s, a, 0, raw1, raw2, f))
        return TRUE;
      /* "on the 18th": a day of the reference's month. */
      if (!is_word (p1, W_ON) || !is_day (n) || (j = after_number (a, 1, TRUE)) != 3)
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
          if (s->tense == DETENTE_TENSE_PAST && (int) n->value > s->ref_day)
            month--;
          else if (s->tense == DETENTE_TENSE_FUTURE && (int) n->value < s->ref_day)
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
      if (!make_date (&f->date, year, month, n->value, FALSE, 0, 0, 0))
        return FALSE;
      f->relative = TRUE;
      f->chain = CHAIN_NONE;
      found_tokens (a, 0, j, f);
      return TRUE;
    }
  else
    return FALSE;

  if (!ref_julian (s, &ref) || !days_date (&f->date, ref + delta, ref + delta))
    return FALSE;
  f->relative = TRUE;
  found_tokens (a, 0, next, f);
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
      return try_ago (s, a, f) || try_span (s, a, 0, p1, p2, f);
    }

  switch (t->word)
    {
    case W_MONTH:
      return try_span (s, a, 0, p1, p2, f);
    case W_WEEKDAY:
      return try_weekday (s, a, p1, f);
    case W_YESTERDAY: case W_TODAY: case W_TOMORROW: case W_TONIGHT:
      return try_day_word (s, a, f);
    case W_LAST: case W_THIS: case W_NEXT:
      return try_last_this_next (s, a, p1, f);
    case W_EARLIER: case W_LATER:
      return try_earlier_later (s, a, f);
    case W_THE:
      return try_the (s, a, p1, p2, f);
    case W_COUNT:
      return try_ago (s, a, f);
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
  GArray *matches;
  Token prev1, prev2, t;
  guint pos = 0;
  Scan s;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  matches = g_array_new (FALSE, FALSE, sizeof (DetenteDateMatch));
  if (text == NULL)
    return matches;

  index_words ();
  scan_init (&s, text, length < 0 ? strlen (text) : (gsize) length, reference, tense);
  prev1 = prev2 = end_token;

  for (;;)
    {
      pos = lex (&s, pos, &t);
      if (t.kind == TOK_END)
        break;

      if (could_start (&t))
        {
          Ahead a;
          Found f;

          ahead_init (&a, &s, &t);
          if (match_at (&s, &a, &prev1, &prev2, &f))
            {
              DetenteDateMatch m = { f.start, f.end - f.start, f.date, f.relative };

              g_assert (f.start >= s.last_end && f.end > f.start);
              g_array_append_val (matches, m);
              s.last_end = f.end;
              s.last_chain = f.chain;
              prev1 = a.tok[f.last];
              prev2 = end_token;
              pos = f.end;
              continue;
            }
          if (f.skip > t.start)
            {
              s.last_end = f.skip;
              s.last_chain = CHAIN_NONE;
              prev1 = prev2 = end_token;
              pos = f.skip;
              continue;
            }
        }
      prev2 = prev1;
      prev1 = t;
    }

  return matches;
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  guint w;

  while (p < end && (w = space_width ((const guchar *) p, end - p)) != 0)
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
             make_date (out, y, m, d, FALSE, 0, 0, 0);
    }
  if (q - p != 4)
    return FALSE;
  y = digits_value (p, q);
  if (q == end)
    return make_date (out, y, 0, 0, FALSE, 0, 0, 0);

  sep = *q;
  if (sep != '-' && sep != '/')
    return FALSE;
  p = q + 1;
  if ((q = skip_digits (p, end, sep == '-' ? 2 : 1, 2)) == NULL)
    return FALSE;
  m = digits_value (p, q);
  if (q == end)
    return sep == '-' && make_date (out, y, m, 0, FALSE, 0, 0, 0);
  if (*q != sep)
    return FALSE;
  p = q + 1;
  if ((q = skip_digits (p, end, sep == '-' ? 2 : 1, 2)) == NULL)
    return FALSE;
  d = digits_value (p, q);
  if (q < end && *q != 'T' && *q != 't' && *q != ' ')
    return FALSE;
  return time_tail_ok (q, end) && make_date (out, y, m, d, FALSE, 0, 0, 0);
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
  lex (&s, 0, &t);
  ahead_init (&a, &s, &t);
  if (!is_day (at (&a, 0)) || !is_word (at (&a, 1), W_MONTH) || at (&a, 2)->kind != TOK_NUMBER ||
      at (&a, 2)->ndigits != 2 || !at (&a, 2)->spaced)
    return FALSE;
  year = at (&a, 2)->value;
  year += year < 50 ? 2000 : 1900;
  return time_tail_ok (p + at (&a, 2)->end, end) &&
         make_date (out, year, at (&a, 1)->value, at (&a, 0)->value, FALSE, 0, 0, 0);
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
  index_words ();
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
