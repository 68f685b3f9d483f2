/* detente-date-parse-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "detente-date-parse.h"

G_BEGIN_DECLS

/* What the lexer (detente-date-parse-lexer.c), the finder
 * (detente-date-parse.c, detente-date-parse-relative.c) and the loose
 * parser (detente-date-parse-loose.c) share. */

#define MIN_YEAR 1900
#define MAX_YEAR 2100
#define AHEAD    24

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

#define CTX_ALL (R_YEAR | R_MONTH | R_MAY)

enum
{
  CHAIN_NONE,
  CHAIN_YEAR,
  CHAIN_MONTH,
};

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
  /* Set when a pattern asks for the tense (see scan_tense()). */
  gboolean     *tense_read;
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

/* detente-date-parse-lexer.c */
extern const Token _detente_date_end_token;

void         _detente_date_index_words        (void);
guint        _detente_date_scan_start         (const char        *text,
                                               guint              len);
guint        _detente_date_space_width        (const guchar      *p,
                                               gsize              avail);
guint        _detente_date_lex                (const Scan        *s,
                                               guint              pos,
                                               Token             *t);
const Token *_detente_date_lex_ahead          (Ahead             *a,
                                               guint              i);

/* detente-date-parse.c */
guint        _detente_date_after_number       (Ahead             *a,
                                               guint              i,
                                               gboolean           ordinal);
gboolean     _detente_date_make               (DetenteDate       *out,
                                               int                y1,
                                               int                m1,
                                               int                d1,
                                               gboolean           has_end,
                                               int                y2,
                                               int                m2,
                                               int                d2);
void         _detente_date_found_tokens       (Ahead             *a,
                                               guint              first,
                                               guint              next,
                                               Found             *f);
gboolean     _detente_date_try_span           (Scan              *s,
                                               Ahead             *a,
                                               guint              i0,
                                               const Token       *raw1,
                                               const Token       *raw2,
                                               Found             *f);

/* detente-date-parse-relative.c */
gboolean     _detente_date_try_ago            (const Scan        *s,
                                               Ahead             *a,
                                               Found             *f);
gboolean     _detente_date_try_weekday        (Scan              *s,
                                               Ahead             *a,
                                               const Token       *raw1,
                                               Found             *f);
gboolean     _detente_date_try_day_word       (const Scan        *s,
                                               Ahead             *a,
                                               Found             *f);
gboolean     _detente_date_try_last_this_next (Scan              *s,
                                               Ahead             *a,
                                               const Token       *raw1,
                                               Found             *f);
gboolean     _detente_date_try_earlier_later  (const Scan        *s,
                                               Ahead             *a,
                                               Found             *f);
gboolean     _detente_date_try_the            (Scan              *s,
                                               Ahead             *a,
                                               const Token       *raw1,
                                               const Token       *raw2,
                                               Found             *f);

/* The token tests every pattern makes, inline because they run on every
 * token of every sentence. */

static inline void
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
 * text's, an end token, on which every pattern fails. Most calls look at a
 * token already lexed, so only that test is inline. */
static inline const Token *
at (Ahead *a,
    guint  i)
{
  return i < a->n ? &a->tok[i] : _detente_date_lex_ahead (a, i);
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

static inline gboolean
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

/* The scan's tense. A scan that never asks for it finds the same dates in
 * every tense, so its caller need not scan again in another. */
static inline DetenteTense
scan_tense (const Scan *s)
{
  *s->tense_read = TRUE;
  return s->tense;
}

/* A look-back token, or NULL when it is gone or inside the last match. */
static inline const Token *
usable (const Scan  *s,
        const Token *t)
{
  return t != NULL && t->kind != TOK_END && t->start >= s->last_end ? t : NULL;
}

G_END_DECLS
