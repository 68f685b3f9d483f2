/* detente-date-parse-lexer.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-date-parse-private.h"

/* The lexer of the date finder. It splits text into words, numbers and
 * punctuation, and tags the words the patterns know; a word is looked up by
 * its first letter and length, so that it costs one probe of a few entries
 * however long the table grows. */

/* Which spellings of a word count: month and weekday names must be
 * capitalised, so that "may" and "march" stay verbs. */
enum
{
  C_NAME,   /* June, JUNE */
  C_ANY,    /* last, Last, LAST */
  C_LOWER,  /* th, TH */
  C_TITLE,  /* Times */
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
/* For each first letter, the lengths of its anchor words (see
 * first_anchor()), as bits. */
static guint16 anchor_lengths[26];

G_STATIC_ASSERT (MAX_WORD_LEN < 16);

/* The words some date expression needs besides a number; "the", "last" or
 * "in" make none on their own. */
static gboolean
is_anchor (guint8 word)
{
  switch (word)
    {
    case W_MONTH: case W_WEEKDAY: case W_YESTERDAY: case W_TODAY: case W_TOMORROW:
    case W_TONIGHT: case W_UNIT: case W_WEEKEND: case W_NIGHT: case W_DAYPART:
      return TRUE;
    default:
      return FALSE;
    }
}

/* g_ascii_isalpha() and g_ascii_isdigit() without the table they load
 * through a pointer: the lexer tests every byte of every sentence. */
static inline gboolean
letter (guchar c)
{
  return (guchar) ((c | 0x20) - 'a') < 26;
}

static inline gboolean
digit (guchar c)
{
  return (guchar) (c - '0') < 10;
}

#define BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/* Where the run of ASCII letters from @i of @p on ends, @len at most:
 * letter() eight bytes at a time while eight are left, as the lexer and
 * the anchor scan walk through every word of every sentence. */
static inline guint
letters_end (const guchar *p,
             guint         i,
             guint         len)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
  while (i + 8 <= len)
    {
      guint64 x, t, others;

      memcpy (&x, p + i, 8);
      /* Seven bits of each byte, so that no sum carries into the next. */
      t = (x | BYTES (0x20)) & BYTES (0x7F);
      others = ~((t + BYTES (0x80 - 'a')) & ~(t + BYTES (0x80 - 'z' - 1)) & ~x) & BYTES (0x80);
      if (others != 0)
        return i + (guint) __builtin_ctzll (others) / 8;
      i += 8;
    }
#endif
  while (i < len && letter (p[i]))
    i++;
  return i;
}

const Token _detente_date_end_token = { 0, 0, 0, TOK_END, W_NONE, 0, 0, 0, TRUE };

void
_detente_date_index_words (void)
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
        {
          bucket_order[fill[BUCKET (words[i].text[0], words[i].len)]++] = i;
          if (is_anchor (words[i].word))
            anchor_lengths[words[i].text[0] - 'a'] |= 1u << words[i].len;
        }
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
guint
_detente_date_space_width (const guchar *p,
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

/* @w is ASCII letters, whose case is bit 0x20. */
static inline gboolean
caps_fit (guint8        caps,
          const guchar *w,
          guint         len)
{
  guchar all = 0xFF, any = 0;
  gboolean first_upper = !(w[0] & 0x20);
  gboolean rest_lower, rest_upper;

  for (guint i = 1; i < len; i++)
    {
      all &= w[i];
      any |= w[i];
    }
  rest_lower = (all & 0x20) != 0;
  rest_upper = (any & 0x20) == 0;

  switch (caps)
    {
    case C_NAME:
      return first_upper && (rest_lower || (rest_upper && len > 2));
    case C_ANY:
      return rest_lower || (first_upper && rest_upper);
    case C_LOWER:
      return (!first_upper && rest_lower) || (first_upper && rest_upper);
    case C_TITLE:
      return first_upper && rest_lower;
    default:
      g_assert_not_reached ();
    }
}

/* Whether the ASCII letters @w, @len of them, spell @entry in any case. */
static inline gboolean
spells (const char   *entry,
        const guchar *w,
        guint         len)
{
  for (guint i = 0; i < len; i++)
    if (entry[i] != (w[i] | 0x20))
      return FALSE;
  return TRUE;
}

/* @w is the word as written, in ASCII letters. */
static void
classify (Token        *t,
          const guchar *w,
          guint         len)
{
  guint b = BUCKET (w[0] | 0x20, len);

  for (guint k = bucket_first[b]; k < bucket_first[b + 1]; k++)
    {
      const WordEntry *e = &words[bucket_order[k]];

      if (!spells (e->text, w, len))
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

/* Whether the ASCII letters @w, @len of them, would lex as an anchor word. */
static gboolean
lexes_as_anchor (const guchar *w,
                 guint         len)
{
  guint c = w[0] | 0x20;
  guint b;

  if (len > MAX_WORD_LEN || !(anchor_lengths[c - 'a'] & (1u << len)))
    return FALSE;
  b = BUCKET (c, len);
  for (guint k = bucket_first[b]; k < bucket_first[b + 1]; k++)
    {
      const WordEntry *e = &words[bucket_order[k]];

      if (is_anchor (e->word) && spells (e->text, w, len) && caps_fit (e->caps, w, len))
        return TRUE;
    }
  return FALSE;
}

/* The offset of the first anchor of @p: every date expression has a number
 * or an anchor word (a month or weekday name, "yesterday", "week",
 * "morning"…) among its tokens. A run of letters next to other letters
 * than ASCII ones lexes as part of a longer word and is no anchor; it is
 * taken all the same, which errs on the early side. Returns @len if there
 * is none. */
static guint
first_anchor (const guchar *p,
              guint         len)
{
  guint i = 0;

  while (i < len)
    {
      guint start = i;

      if (digit (p[i]))
        return i;
      if (!letter (p[i]))
        {
          i++;
          continue;
        }
      i = letters_end (p, i, len);
      if (lexes_as_anchor (p + start, i - start))
        return start;
    }
  return len;
}

/**
 * _detente_date_scan_start:
 * @text: a text
 * @len: its length in bytes
 *
 * Where a scan of @text may start and find every date a scan from its
 * start finds; @len when there is none to find.
 *
 * A match starts at most three tokens before its first anchor ("later in
 * the day") and looks back at two more; tokens before those take part in
 * no match and leave the scan as it was. So the scan may start six tokens
 * before the first anchor, at a plain space, where the lexer finds the
 * same token boundaries as from the start. Six runs between spaces that
 * have a byte of a token (ASCII, and no space to the lexer) hold at least six
 * tokens, as no token spans a space.
 *
 * Returns: a byte offset in @text
 */
guint
_detente_date_scan_start (const char *text,
                          guint       len)
{
  const guchar *p = (const guchar *) text;
  guint anchor = first_anchor (p, len);
  gboolean has_token = FALSE;
  guint runs = 0;

  if (anchor == len)
    return len;
  for (guint i = anchor; i > 0; i--)
    {
      guchar c = p[i - 1];

      if (c == ' ')
        {
          if (has_token && ++runs == 6)
            return i - 1;
          has_token = FALSE;
        }
      else if (c < 0x80 && !g_ascii_isspace (c) && c != '\v')
        has_token = TRUE;
    }
  return 0;
}

/* Reads the token at or after @pos into @t; returns where it ends. */
guint
_detente_date_lex (const Scan *s,
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
          *t = _detente_date_end_token;
          t->start = t->end = len;
          return len;
        }
      /* Most tokens follow one plain space, and start with a byte that is
       * no space at all. */
      if (text[pos] == ' ')
        w = 1;
      else if (text[pos] > ' ' && text[pos] < 0x80)
        break;
      else if ((w = _detente_date_space_width (text + pos, len - pos)) == 0)
        break;
      pos += w;
      spaced = TRUE;
    }

  memset (t, 0, sizeof *t);
  t->start = pos;
  t->spaced = spaced;

  if (digit (text[pos]))
    {
      guint n = 0;

      for (; pos < len && digit (text[pos]); pos++, n++)
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
  /* letter() looks at the low byte only: U+034F is no 'O'. The
   * loop below must take at least this first character, so the two tests
   * agree. */
  if ((c < 0x80 && letter (c)) ||
      (c >= 0x80 && c != 0xFFFD && !is_cjk (c) && g_unichar_isalnum (c)))
    {
      gboolean ascii = TRUE;

      while (pos < len)
        {
          if (letter (text[pos]))
            pos = letters_end (text, pos + 1, len);
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
        classify (t, text + t->start, pos - t->start);
      return pos;
    }

  t->kind = TOK_PUNCT;
  t->value = c;
  t->end = pos + w;
  return t->end;
}

/* The slow half of at(): lexes the window up to token @i. */
const Token *
_detente_date_lex_ahead (Ahead *a,
                         guint  i)
{
  while (a->n <= i && a->n < AHEAD)
    {
      if (a->tok[a->n - 1].kind == TOK_END)
        return &_detente_date_end_token;
      a->pos = _detente_date_lex (a->s, a->pos, &a->tok[a->n]);
      a->n++;
    }
  return i < a->n ? &a->tok[i] : &_detente_date_end_token;
}
