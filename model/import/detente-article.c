/* detente-article.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "detente-article.h"
#include "detente-article-private.h"
#include "detente-date-parse.h"
#include "detente-feed.h"
#include "detente-html.h"
#include "detente-source.h"

/* Reading plain-text and Markdown articles: any encoding a saved article
 * is likely to have, header lines for metadata, and a headline and byline
 * taken from the top. Nothing here fails on a stray byte. The dispatcher
 * at the end sends pages and feeds to their own readers. */

G_DEFINE_BOXED_TYPE (DetenteArticle, detente_article, detente_article_copy, detente_article_free)
G_DEFINE_QUARK (detente-article-error-quark, detente_article_error)

gboolean
_detente_article_fits (guint64      size,
                       const char  *name,
                       GError     **error)
{
  if (size <= DETENTE_ARTICLE_MAX_SIZE)
    return TRUE;
  g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_LARGE,
               _("“%s” is larger than 50 MB, too large for an article"), name);
  return FALSE;
}

/* Windows-1252's 0x80-0x9F; the rest of its upper half is Latin-1. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/**
 * detente_article_copy:
 * @article: an article
 *
 * Returns: (transfer full): a copy
 */
DetenteArticle *
detente_article_copy (const DetenteArticle *article)
{
  DetenteArticle *copy;

  g_return_val_if_fail (article != NULL, NULL);

  copy = g_new0 (DetenteArticle, 1);
  copy->file_name = g_strdup (article->file_name);
  copy->title = g_strdup (article->title);
  copy->author = g_strdup (article->author);
  copy->url = g_strdup (article->url);
  copy->published = article->published;
  copy->text = g_strdup (article->text);
  copy->encoding = g_strdup (article->encoding);
  return copy;
}

/**
 * detente_article_free:
 * @article: an article
 */
void
detente_article_free (DetenteArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->file_name);
  g_free (article->title);
  g_free (article->author);
  g_free (article->url);
  g_free (article->text);
  g_free (article->encoding);
  g_free (article);
}

static char *
decode_cp1252 (const guint8 *data,
               gsize         length)
{
  GString *s = g_string_sized_new (length + length / 8);

  for (gsize i = 0; i < length; i++)
    {
      guint8 b = data[i];

      if (b < 0x80)
        g_string_append_c (s, b);
      else
        g_string_append_unichar (s, b < 0xA0 ? cp1252_high[b - 0x80] : b);
    }
  return g_string_free (s, FALSE);
}

/* UTF-16 with any unpaired surrogate replaced, so conversion cannot fail. */
static char *
decode_utf16 (const guint8 *data,
              gsize         length,
              gboolean      big_endian)
{
  gsize n = length / 2;
  g_autofree gunichar2 *units = g_new (gunichar2, n + 1);

  for (gsize i = 0; i < n; i++)
    units[i] = big_endian ? (data[2 * i] << 8 | data[2 * i + 1]) : (data[2 * i + 1] << 8 | data[2 * i]);
  for (gsize i = 0; i < n; i++)
    {
      gboolean high = units[i] >= 0xD800 && units[i] < 0xDC00;
      gboolean low = units[i] >= 0xDC00 && units[i] < 0xE000;

      if (high && i + 1 < n && units[i + 1] >= 0xDC00 && units[i + 1] < 0xE000)
        i++;
      else if (high || low || units[i] == 0)
        units[i] = 0xFFFD;  /* g_utf16_to_utf8() would stop at a zero */
    }
  return g_utf16_to_utf8 (units, n, NULL, NULL, NULL);
}

/* Bytes that make no sense in an 8-bit or UTF-8 text: controls other
 * than whitespace, zeros, and bytes that are no UTF-8. */
static gsize
count_odd_bytes (const guint8 *data,
                 gsize         length)
{
  const char *p = (const char *) data;
  const char *end = p + length;
  gsize odd = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          odd++;
          p++;
          continue;
        }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        odd++;
      p = g_utf8_next_char (p);
    }
  return odd;
}

/* UTF-16 without a byte-order mark. Its text has spaces, newlines and
 * digits in any script, each a code unit with a zero byte, always on the
 * same side of the pair (the odd bytes for little-endian). Text in Latin
 * script is half zeros; in another script the zeros are fewer, but its
 * bytes then make no sense as 8-bit text, as a UTF-8 text with a stray
 * zero byte does. And it decodes to characters, not to controls, lone
 * surrogates, private use or unassigned code points, as binary data does. */
static gboolean
looks_utf16 (const guint8 *data,
             gsize         length,
             gboolean     *big_endian)
{
  gsize n = MIN (length, 65536) & ~(gsize) 1;
  gsize units = n / 2;
  gsize zeros[2] = { 0, 0 };
  gsize bad = 0;
  gsize mine, other;
  gboolean big;

  /* Most files have no zero byte at all. */
  if (units < 2 || memchr (data, 0, n) == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (data[i] == 0)
      zeros[i & 1]++;
  big = zeros[0] > zeros[1];
  mine = zeros[big ? 0 : 1];
  other = zeros[big ? 1 : 0];
  if (mine * 100 < units || other * 10 > mine)
    return FALSE;
  if (mine * 2 < units && count_odd_bytes (data, n) * 10 < n)
    return FALSE;

  for (gsize i = 0; i < units; i++)
    {
      gunichar2 u = big ? (data[2 * i] << 8 | data[2 * i + 1]) : (data[2 * i + 1] << 8 | data[2 * i]);

      if (u >= 0xD800 && u < 0xDC00 && i + 1 < units)
        {
          gunichar2 low = big ? (data[2 * i + 2] << 8 | data[2 * i + 3]) : (data[2 * i + 3] << 8 | data[2 * i + 2]);

          if (low >= 0xDC00 && low < 0xE000)
            i++;
          else
            bad++;
        }
      else if (u < 0x20)
        bad += u != '\t' && u != '\n' && u != '\r' && u != '\f';
      else if ((u >= 0x7F && u < 0xA0) || (u >= 0xD800 && u < 0xF900) || !g_unichar_isdefined (u))
        bad++;
    }
  if (bad * 20 > units)
    return FALSE;
  *big_endian = big;
  return TRUE;
}

/* Mostly UTF-8 with a few bad bytes is UTF-8 damaged, not another
 * encoding. */
static gboolean
mostly_utf8 (const guint8 *data,
             gsize         length)
{
  const char *p = (const char *) data;
  const char *end = p + length;
  gsize good = 0, bad = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          bad++;
          p++;
        }
      else
        {
          if (c >= 0x80)
            good++;
          p = g_utf8_next_char (p);
        }
    }
  return good > bad;
}

/* GB18030 (a superset of GBK) is taken only when the result reads as
 * Chinese: most bytes of a Western legacy text also decode as GB18030. */
static char *
try_gb18030 (const guint8 *data,
             gsize         length)
{
  g_autofree char *out = g_convert ((const char *) data, length, "UTF-8", "GB18030", NULL, NULL, NULL);
  gsize han = 0, other = 0;

  if (out == NULL)
    return NULL;
  for (const char *p = out; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        continue;
      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN || (c >= 0x3000 && c < 0x3040) ||
          (c >= 0xFF00 && c < 0xFFF0))
        han++;
      else
        other++;
    }
  return han > 0 && han >= 4 * other ? g_steal_pointer (&out) : NULL;
}

/* detente_article_decode(), except that when @data is UTF-8 as it
 * stands and @terminated (a NUL follows its @length bytes), it returns
 * NULL: @data itself is the text, with no copy. */
static char *
decode (const guint8  *data,
        gsize          length,
        gboolean       terminated,
        const char   **encoding)
{
  const char *found;
  char *out;
  gboolean big = FALSE;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      length -= 3;
      found = "UTF-8";
      out = g_utf8_make_valid ((const char *) data, length);
    }
  else if (length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      big = data[0] == 0xFE;
      found = big ? "UTF-16BE" : "UTF-16LE";
      out = decode_utf16 (data + 2, length - 2, big);
    }
  else if (looks_utf16 (data, length, &big))
    {
      found = big ? "UTF-16BE" : "UTF-16LE";
      out = decode_utf16 (data, length, big);
    }
  else if (memchr (data, 0, length) == NULL &&
           detente_source_check_text ((const char *) data, length, NULL))
    {
      found = "UTF-8";
      out = terminated ? NULL : g_strndup ((const char *) data, length);
    }
  else if (mostly_utf8 (data, length))
    {
      found = "UTF-8";
      out = g_utf8_make_valid ((const char *) data, length);
    }
  else if ((out = try_gb18030 (data, length)))
    found = "GB18030";
  else
    {
      found = "WINDOWS-1252";
      out = decode_cp1252 (data, length);
    }

  if (encoding != NULL)
    *encoding = found;
  return out;
}

/**
 * detente_article_decode:
 * @data: the bytes of a text file
 * @length: how many
 * @encoding: (out) (optional) (transfer none): the encoding found
 *
 * Decodes UTF-8 (with or without a byte-order mark), UTF-16 (with a
 * byte-order mark, or without one when its zero bytes tell the order),
 * GB18030/GBK and Windows-1252. Bytes that fit no encoding become U+FFFD;
 * decoding never fails.
 *
 * Returns: (transfer full): valid UTF-8
 */
char *
detente_article_decode (const guint8  *data,
                        gsize          length,
                        const char   **encoding)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return decode (data, length, FALSE, encoding);
}

static gboolean
looks_binary (const guint8 *data,
              gsize         length)
{
  gsize controls = 0;
  gboolean big;

  /* UTF-16 has zero bytes of its own; its byte-order mark says so, or
   * where its zero bytes fall. */
  if (length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    return FALSE;
  for (gsize i = 0; i < MIN (length, 65536); i++)
    {
      /* Eight bytes at a time while none is below a space. */
      while (i + 8 <= MIN (length, 65536))
        {
          guint64 v;

          memcpy (&v, data + i, sizeof v);
          if (((v - G_GUINT64_CONSTANT (0x2020202020202020)) & ~v & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
            break;
          i += 8;
        }
      if (i >= MIN (length, 65536))
        break;
      if (data[i] == 0)
        return !looks_utf16 (data, length, &big);
      if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' && data[i] != '\f')
        controls++;
    }
  return controls * 10 > MIN (length, 65536);
}

/* A header's date, in any form page metadata has: ISO 8601 ("2023-06-19",
 * "2023-06-19T10:00:00Z"), RFC 822 ("Mon, 19 Jun 2023 10:00:00 GMT"),
 * "June 19, 2023", "19 June 2023". */
static void
parse_header_date (const char  *value,
                   DetenteDate *date)
{
  DetenteDate parsed = DETENTE_DATE_INIT;

  if (detente_date_parse_loose (value, &parsed) && detente_date_is_set (&parsed))
    *date = parsed;
}

static void
take_string (char **field,
             char  *value)
{
  g_free (*field);
  *field = value;
}

static gboolean
is_blank (const char *line)
{
  for (; *line; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank_bytes (const guint8 *data,
                gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* "Title: …" and the like; returns the key's canonical name. */
static const char *
header_key (const char  *line,
            const char **value)
{
  static const struct { const char *key; const char *name; } keys[] = {
    { "title", "title" }, { "date", "date" }, { "published", "date" },
    { "source", "url" }, { "url", "url" }, { "author", "author" }, { "by", "author" },
  };
  const char *colon = line;

  /* No key is longer than "published": a line of text need not be
   * searched to its end for a colon. */
  while (*colon != '\0' && *colon != ':' && colon - line < 9)
    colon++;
  if (*colon != ':' || colon == line)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if ((gsize) (colon - line) == strlen (keys[i].key) && g_ascii_strncasecmp (line, keys[i].key, colon - line) == 0)
      {
        *value = colon + 1;
        while (**value == ' ' || **value == '\t')
          (*value)++;
        return keys[i].name;
      }
  return NULL;
}

/* @line without the ASCII whitespace at either end, as g_strstrip()
 * leaves it but without a copy: @length bytes from the result, which end
 * where a character ends, so that g_utf8_strlen() counts the same. */
static const char *
trimmed (const char *line,
         gsize      *length)
{
  const char *end;

  while (g_ascii_isspace (*line))
    line++;
  end = line + strlen (line);
  while (end > line && g_ascii_isspace (end[-1]))
    end--;
  *length = end - line;
  return line;
}

/* A byline: "By", "By Jane Doe", "by Jane Doe and John Roe". @author,
 * if given, receives the name (NULL for a bare "By"). */
static gboolean
is_byline (const char  *line,
           char       **author)
{
  gsize len;
  const char *stripped = trimmed (line, &len);
  gboolean bare = len == 2 && g_ascii_strncasecmp (stripped, "by", 2) == 0;

  if (!bare && !(len >= 3 && g_ascii_strncasecmp (stripped, "by ", 3) == 0 &&
                 g_utf8_strlen (stripped, len) <= 80 && memchr (stripped, '.', len) == NULL &&
                 memchr (stripped, '!', len) == NULL && memchr (stripped, '?', len) == NULL))
    return FALSE;
  if (author != NULL)
    *author = bare ? NULL : g_strstrip (g_strndup (stripped + 3, len - 3));
  return TRUE;
}

/* A headline: one short line with no full stop at its end. */
static gboolean
is_headline (const char *line)
{
  gsize len;
  const char *stripped = trimmed (line, &len);

  return len > 0 && g_utf8_strlen (stripped, len) <= 200 && strchr (".:;,", stripped[len - 1]) == NULL;
}

/* Markdown to text: heading marks, emphasis, links and images, written
 * at @out, which may be @line or any place before it: the text never
 * gets ahead of the markup it comes from. Returns where it ends. */
static char *
strip_markdown (char       *out,
                const char *line)
{
  const char *p = line;

  while (*p == '#')
    p++;
  if (p != line && *p == ' ')
    p++;
  else if (p != line)
    p = line;
  if (p[0] == '>' && p[1] == ' ')
    p += 2;

  while (*p)
    {
      const char *close, *paren;
      gsize plain = strcspn (p, "*_![");

      /* Only these four characters can start markup. */
      memmove (out, p, plain);
      out += plain;
      p += plain;
      if (*p == '\0')
        break;
      if ((p[0] == '*' && p[1] == '*') || (p[0] == '_' && p[1] == '_'))
        {
          p += 2;
          continue;
        }
      if (p[0] == '!' && p[1] == '[' && (close = strstr (p, "](")) && (paren = strchr (close, ')')))
        {
          p = paren + 1;
          continue;
        }
      if (p[0] == '[' && (close = strstr (p, "](")) && (paren = strchr (close, ')')) &&
          memchr (p, '\n', close - p) == NULL)
        {
          memmove (out, p + 1, close - p - 1);
          out += close - p - 1;
          p = paren + 1;
          continue;
        }
      *out++ = *p++;
    }
  return out;
}

/* @text (@length bytes) cut into lines in place, as g_strsplit (text,
 * "\n", -1) cuts it but without a copy of each line: every '\n' becomes
 * a NUL, and the lines point into @text. */
static char **
split_lines (char  *text,
             gsize  length)
{
  gsize size = length / 64 + 8;
  char **lines = g_new (char *, size);
  char *end = text + length;
  char *p = text;
  char *nl;
  gsize n = 0;

  /* Like g_strsplit(), no line at all in an empty text. Room is kept for
   * the last line and the NULL after it. */
  if (length > 0)
    {
      for (; (nl = memchr (p, '\n', end - p)) != NULL; p = nl + 1)
        {
          *nl = '\0';
          if (n + 2 >= size)
            lines = g_renew (char *, lines, size *= 2);
          lines[n++] = p;
        }
      lines[n++] = p;
    }
  lines[n] = NULL;
  return lines;
}

static gboolean
is_markdown_name (const char *name)
{
  return g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown");
}

/**
 * detente_article_read_text:
 * @bytes: the contents of a .txt or .md file
 * @file_name: its name, for messages and to tell Markdown (".md")
 * @error: return location for a #GError
 *
 * Reads a plain-text or Markdown article. Header lines at the top
 * ("Title:", "Date:" or "Published:", "Source:" or "URL:", "Author:" or
 * "By") are metadata, not text; without a Title line, a first line that
 * looks like a headline is the title, and a byline after it the author.
 *
 * Returns: (transfer full) (nullable): the article, or %NULL if the file
 *   is empty, binary or over 50 MB
 */
static DetenteArticle *
read_text (GBytes      *bytes,
           const char  *file_name,
           gboolean     markdown,
           gboolean     checked,
           gboolean     terminated,
           GError     **error);

DetenteArticle *
detente_article_read_text (GBytes      *bytes,
                           const char  *file_name,
                           GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_text (bytes, file_name, is_markdown_name (file_name), FALSE, FALSE, error);
}

/* @checked: whether the caller has already refused binary data and data
 * over the size limit; @terminated: whether a NUL follows the bytes */
static DetenteArticle *
read_text (GBytes      *bytes,
           const char  *file_name,
           gboolean     markdown,
           gboolean     checked,
           gboolean     terminated,
           GError     **error)
{
  g_autoptr(DetenteArticle) article = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *normal = NULL;
  g_autofree char **lines = NULL;
  const guint8 *data;
  const char *encoding = NULL;
  char *w;
  gsize length, normal_length;
  guint i = 0;

  data = g_bytes_get_data (bytes, &length);
  /* Empty bytes may have no data at all. */
  if (data == NULL)
    data = (const guint8 *) "";
  if (!checked && !_detente_article_fits (length, file_name, error))
    return NULL;
  if (!checked && length > 0 && looks_binary (data, length))
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_BINARY,
                   _("“%s” is not a text file"), file_name);
      return NULL;
    }

  decoded = decode (data, length, terminated, &encoding);
  normal = detente_source_normalize_text (decoded != NULL ? decoded : (const char *) data);
  g_clear_pointer (&decoded, g_free);
  if (is_blank (normal))
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_EMPTY,
                   _("“%s” has no text"), file_name);
      return NULL;
    }

  article = g_new0 (DetenteArticle, 1);
  article->file_name = g_strdup (file_name);
  article->encoding = g_strdup (encoding);
  normal_length = strlen (normal);
  lines = split_lines (normal, normal_length);

  while (lines[i] != NULL && is_blank (lines[i]))
    i++;

  /* Header lines, then the headline and byline. */
  for (; lines[i] != NULL; i++)
    {
      const char *value = NULL;
      const char *key = header_key (lines[i], &value);
      g_autofree char *clean = NULL;

      if (key == NULL)
        break;
      clean = g_strstrip (g_strdup (value));
      if (*clean == '\0')
        continue;
      if (g_str_equal (key, "title"))
        take_string (&article->title, g_steal_pointer (&clean));
      else if (g_str_equal (key, "author"))
        take_string (&article->author, g_steal_pointer (&clean));
      else if (g_str_equal (key, "url"))
        take_string (&article->url, g_steal_pointer (&clean));
      else
        parse_header_date (clean, &article->published);
    }
  while (lines[i] != NULL && is_blank (lines[i]))
    i++;

  if (article->title == NULL && lines[i] != NULL &&
      ((markdown && lines[i][0] == '#') ||
       (is_headline (lines[i]) && (lines[i + 1] == NULL || is_blank (lines[i + 1]) ||
                                   is_byline (lines[i + 1], NULL)))))
    {
      char *title = g_strdup (lines[i]);

      if (markdown)
        *strip_markdown (title, title) = '\0';
      article->title = g_strstrip (title);
      i++;
      while (lines[i] != NULL && is_blank (lines[i]))
        i++;
    }
  if (lines[i] != NULL)
    {
      char *author = NULL;

      if (is_byline (lines[i], &author))
        {
          if (article->author == NULL)
            article->author = author;
          else
            g_free (author);
          i++;
        }
    }

  /* The body, paragraphs separated by one blank line, written over the
   * text from its start: a line comes out no longer than it was, and a
   * blank line before it leaves room for the blank line between
   * paragraphs, so nothing is written over a line not yet read. Each
   * line goes straight in, and comes out again if it turns out blank. */
  w = normal;
  for (gboolean blank = FALSE; lines[i] != NULL; i++)
    {
      char *before = w;
      char *start;

      if (w > normal)
        {
          *w++ = '\n';
          if (blank)
            *w++ = '\n';
        }
      start = w;
      if (markdown)
        w = strip_markdown (w, lines[i]);
      else
        {
          gsize n = lines[i + 1] != NULL ? (gsize) (lines[i + 1] - lines[i] - 1) : strlen (lines[i]);

          memmove (w, lines[i], n);
          w += n;
        }
      while (w > start && g_ascii_isspace (w[-1]))
        w--;
      if (w == start)
        {
          w = before;
          blank = w > normal;
          continue;
        }
      blank = FALSE;
    }
  *w = '\0';
  article->text = g_steal_pointer (&normal);

  return g_steal_pointer (&article);
}

typedef enum
{
  KIND_UNKNOWN,
  KIND_TEXT,
  KIND_HTML,
  KIND_FEED,
} ArticleKind;

static ArticleKind
kind_of_name (const char *name)
{
  static const struct { const char *ext; ArticleKind kind; } exts[] = {
    { ".html", KIND_HTML }, { ".htm", KIND_HTML }, { ".xhtml", KIND_HTML }, { ".shtml", KIND_HTML },
    { ".xml", KIND_FEED }, { ".rss", KIND_FEED }, { ".atom", KIND_FEED }, { ".rdf", KIND_FEED },
    { ".txt", KIND_TEXT }, { ".md", KIND_TEXT }, { ".markdown", KIND_TEXT }, { ".text", KIND_TEXT },
  };
  g_autofree char *copy = NULL;
  const char *base = strrchr (name, G_DIR_SEPARATOR);
  const char *dot;

  /* The last part of the path; only a name ending in a separator needs
   * g_path_get_basename()'s copy. */
  if (base != NULL && base[1] == '\0')
    base = copy = g_path_get_basename (name);
  else
    base = base != NULL ? base + 1 : name;
  dot = strrchr (base, '.');

  if (dot == NULL)
    return KIND_UNKNOWN;
  /* The letter after the dot rules out most extensions at once. */
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (g_ascii_tolower (dot[1]) == exts[i].ext[1] && g_ascii_strcasecmp (dot, exts[i].ext) == 0)
      return exts[i].kind;
  return KIND_UNKNOWN;
}

/* A file without a telling name: a feed by its root element, a page by
 * its DOCTYPE, its <html> or its many tags, else text. */
static ArticleKind
kind_of_content (const char *data,
                 gsize       length)
{
  gsize n = MIN (length, 65536);
  gsize start = 0;
  guint tags = 0;
  gboolean big;

  /* UTF-16 is sniffed as the UTF-8 it becomes, which has no zero bytes. */
  if ((length >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE) &&
       ((guchar) data[1] == 0xFE || (guchar) data[1] == 0xFF) && data[0] != data[1]) ||
      looks_utf16 ((const guint8 *) data, length, &big))
    {
      g_autofree char *utf8 = detente_article_decode ((const guint8 *) data, n & ~(gsize) 1, NULL);

      return kind_of_content (utf8, strlen (utf8));
    }
  if (detente_feed_sniff (data, length))
    return KIND_FEED;
  if (n >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start = 3;
  while (start < n && g_ascii_isspace (data[start]))
    start++;
  if (n - start >= 14 && g_ascii_strncasecmp (data + start, "<!doctype html", 14) == 0)
    return KIND_HTML;
  for (gsize i = start; i + 5 < n; i++)
    {
      if (data[i] != '<')
        continue;
      if (i < start + 1024 && g_ascii_strncasecmp (data + i, "<html", 5) == 0 &&
          (g_ascii_isspace (data[i + 5]) || data[i + 5] == '>'))
        return KIND_HTML;
      if (g_ascii_isalpha (data[i + 1]) || (data[i + 1] == '/' && g_ascii_isalpha (data[i + 2])))
        tags++;
    }
  /* Prose may hold a "<" or two; a page holds a tag every few lines. */
  if (tags >= 8 && (tags >= 50 || tags * 200 >= n - start))
    return KIND_HTML;
  return KIND_TEXT;
}

/* Inflates gzip data up to the size limit. A truncated file gives what
 * it holds; data that is not gzip at all is an error. */
static GBytes *
gunzip (const guint8  *data,
        gsize          length,
        const char    *file_name,
        GError       **error)
{
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize in_pos = 0;

  for (;;)
    {
      guint8 buf[65536];
      gsize read = 0, written = 0;
      g_autoptr(GError) local = NULL;
      GConverterResult r;

      r = g_converter_convert (G_CONVERTER (z), data + in_pos, length - in_pos, buf, sizeof buf,
                               G_CONVERTER_INPUT_AT_END, &read, &written, &local);
      if (r == G_CONVERTER_ERROR)
        {
          if (out->len > 0 && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            break;
          g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_INVALID,
                       _("“%s” is a damaged gzip file"), file_name);
          return NULL;
        }
      in_pos += read;
      g_byte_array_append (out, buf, written);
      if (!_detente_article_fits (out->len, file_name, error))
        return NULL;
      if (r == G_CONVERTER_FINISHED)
        break;
      if (read == 0 && written == 0)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* detente_article_read_bytes(); @terminated: whether a NUL follows the
 * bytes, which spares a plain UTF-8 text a copy */
static GPtrArray *
read_bytes (GBytes      *bytes,
            const char  *file_name,
            gboolean     terminated,
            GError     **error)
{
  g_autoptr(GBytes) inflated = NULL;
  g_autofree char *name = NULL;
  GPtrArray *articles = NULL;
  DetenteArticle *article = NULL;
  const guint8 *data;
  gsize length;
  ArticleKind kind;

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = (const guint8 *) "";
  name = g_strdup (file_name);
  if (g_str_has_suffix (name, ".gz") || g_str_has_suffix (name, ".GZ"))
    name[strlen (name) - 3] = '\0';
  if (!_detente_article_fits (length, file_name, error))
    return NULL;
  if (length >= 2 && data[0] == 0x1F && data[1] == 0x8B)
    {
      if ((inflated = gunzip (data, length, file_name, error)) == NULL)
        return NULL;
      data = g_bytes_get_data (inflated, &length);
      bytes = inflated;
      terminated = FALSE;
    }
  if (length > 0 && looks_binary (data, length))
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_BINARY,
                   _("“%s” is not a text file"), file_name);
      return NULL;
    }

  kind = kind_of_name (name);
  if (kind == KIND_UNKNOWN)
    kind = kind_of_content ((const char *) data, length);
  if (kind != KIND_TEXT && is_blank_bytes (data, length))
    kind = KIND_TEXT;

  switch (kind)
    {
    case KIND_FEED:
      return detente_feed_read ((const char *) data, length, file_name, error);
    case KIND_HTML:
      article = detente_html_read ((const char *) data, length, file_name, error);
      break;
    case KIND_TEXT:
    case KIND_UNKNOWN:
    default:
      article = read_text (bytes, file_name, is_markdown_name (name), TRUE, terminated, error);
      break;
    }
  if (article == NULL)
    return NULL;
  articles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_article_free);
  g_ptr_array_add (articles, article);
  return articles;
}

/**
 * detente_article_read_bytes:
 * @bytes: the contents of an article file
 * @file_name: its name, for messages, to choose the reader, and (with
 *   "#N" after it) to name the items of a feed
 * @error: return location for a #GError
 *
 * Reads any article file: plain text or Markdown
 * (detente_article_read_text()), a saved web page (detente_html_read())
 * or an RSS or Atom feed, one article per item (detente_feed_read()). The
 * name's extension chooses the reader; without a known one, the contents
 * do. Gzip data is inflated first, and a ".gz" at the end of the name
 * is ignored. Empty, binary and over-large files are refused as
 * detente_article_read_text() refuses them, and pages and feeds nested
 * too deeply to be read whole with %DETENTE_ARTICLE_ERROR_TOO_DEEP.
 *
 * Returns: (transfer full) (element-type DetenteArticle) (nullable): at
 *   least one article, or %NULL on error
 */
GPtrArray *
detente_article_read_bytes (GBytes      *bytes,
                            const char  *file_name,
                            GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bytes (bytes, file_name, FALSE, error);
}

/* Each thread reads its files into a buffer of its own, kept from one
 * file to the next, rather than into a new allocation the size of each
 * file. The buffer keeps the room of the largest file read, up to this. */
#define READ_BUFFER_KEEP (1024 * 1024)

typedef struct
{
  char     *data;
  gsize     size;
  gboolean  busy;  /* its bytes are still in use */
} ReadBuffer;

static void
read_buffer_free (gpointer data)
{
  ReadBuffer *buffer = data;

  g_free (buffer->data);
  g_free (buffer);
}

static GPrivate read_buffer_key = G_PRIVATE_INIT (read_buffer_free);

/* This thread's buffer with room for @size bytes, or NULL when it is in
 * use or @size is more than it keeps. */
static ReadBuffer *
read_buffer_take (gsize size)
{
  ReadBuffer *buffer = g_private_get (&read_buffer_key);

  if (size > READ_BUFFER_KEEP)
    return NULL;
  if (buffer == NULL)
    {
      buffer = g_new0 (ReadBuffer, 1);
      g_private_set (&read_buffer_key, buffer);
    }
  if (buffer->busy)
    return NULL;
  if (buffer->size < size)
    {
      /* Its old contents are not needed: no copy. */
      g_free (buffer->data);
      buffer->size = MAX (size, 16384);
      buffer->data = g_malloc (buffer->size);
    }
  buffer->busy = TRUE;
  return buffer;
}

static void
read_buffer_release (gpointer data)
{
  ReadBuffer *buffer = data;

  buffer->busy = FALSE;
}

/* A regular file's bytes, read with plain system calls: for an article
 * of a few kilobytes, GIO's file, info and stream objects cost more than
 * the reading. Returns FALSE, with *@bytes unset, for anything but a
 * regular file that opens and reads (a folder, a missing or unreadable
 * file, a broken link): read_file_gio() then tries again and says why, in
 * its words. A file over the size limit is refused before it is read.
 * A NUL follows the bytes. They may be this thread's read buffer: they
 * must be released in the thread that read them, and before it reads
 * another file to use the buffer again. */
static gboolean
load_regular_file (const char  *path,
                   GBytes     **bytes,
                   GError     **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *owned = NULL;
  ReadBuffer *buffer = NULL;
  char *data;
  struct stat st;
  gsize length = 0, size;
  gboolean ok = TRUE, fits = TRUE;
  int fd;

  *bytes = NULL;
  /* GIO takes "" for no file at all, and names a file by its path made
   * absolute and cleaned of "." and ".." (without following links). */
  if (*path == '\0')
    return FALSE;
  canonical = g_canonicalize_filename (path, NULL);
  /* Opened before it is looked at, which saves looking the path up
   * twice; O_NONBLOCK keeps a pipe or a device from holding the open up,
   * and anything but a regular file is closed again unread. */
  if ((fd = g_open (canonical, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0)) < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return FALSE;
    }
  if (!_detente_article_fits (st.st_size, path, error))
    {
      close (fd);
      return TRUE;
    }

  /* As many bytes as its size says, as g_file_get_contents() reads,
   * which saves a read() that finds the end; a file that does not tell
   * its size (in /proc) is read up to its end, into memory of its own.
   * There is room for a NUL after them. */
  size = st.st_size > 0 ? (gsize) st.st_size : 4096;
  if (st.st_size > 0 && (buffer = read_buffer_take (size + 1)) != NULL)
    data = buffer->data;
  else
    data = owned = g_malloc (size + 1);
  while (st.st_size == 0 || length < size)
    {
      gssize n = read (fd, data + length, size - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      length += n;
      if (!(fits = _detente_article_fits (length, path, error)))
        break;
      if (length == size && st.st_size == 0)
        {
          size *= 2;
          data = owned = g_realloc (g_steal_pointer (&owned), size + 1);
        }
    }
  close (fd);
  if (ok && fits)
    {
      data[length] = '\0';
      if (buffer != NULL)
        *bytes = g_bytes_new_with_free_func (data, length, read_buffer_release, g_steal_pointer (&buffer));
      else
        *bytes = g_bytes_new_take (g_steal_pointer (&owned), length);
    }
  if (buffer != NULL)
    read_buffer_release (buffer);
  return ok;
}

/* The reading through GIO, whose errors say what went wrong in words
 * users know; load_regular_file() leaves every unusual case to it. */
static GPtrArray *
read_file_gio (const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  GFileType type = G_FILE_TYPE_UNKNOWN;

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (info != NULL)
    type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not an article"), path);
      return NULL;
    }
  /* When stat() fails with EACCES (a folder on the way that may not be
   * searched), GIO gives a file info with no type instead of an error;
   * trying to read the file then tells why it cannot be read. */
  if (info != NULL && type != G_FILE_TYPE_REGULAR && type != G_FILE_TYPE_UNKNOWN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file"), path);
      return NULL;
    }
  if (type == G_FILE_TYPE_REGULAR && !_detente_article_fits (g_file_info_get_size (info), path, error))
    return NULL;
  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local);
  if (bytes == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist"), path);
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                     _("“%s” cannot be read: permission denied"), path);
      else
        g_set_error (error, local->domain, local->code, _("“%s” cannot be read: %s"), path, local->message);
      return NULL;
    }
  return detente_article_read_bytes (bytes, path, error);
}

/**
 * detente_article_read_file:
 * @path: an article file, as the user named it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an article file with detente_article_read_bytes(), the articles
 * named after @path as given. A file over %DETENTE_ARTICLE_MAX_SIZE is
 * refused before it is read.
 *
 * Returns: (transfer full) (element-type DetenteArticle) (nullable): at
 *   least one article, or %NULL on error
 */
GPtrArray *
detente_article_read_file (const char    *path,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_is_cancelled (cancellable) || !load_regular_file (path, &bytes, &local))
    return read_file_gio (path, cancellable, error);
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return read_bytes (bytes, path, TRUE, error);
}
