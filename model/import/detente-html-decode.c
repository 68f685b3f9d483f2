/* detente-html-decode.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "detente-article.h"
#include "detente-html-private.h"

/* A page's bytes to UTF-8, as a browser would read them: the byte-order
 * mark, else the charset the page declares, else a guess. */

static const struct
{
  const char *label;
  const char *charset;
} charset_labels[] = {
  { "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
  /* A meta tag naming UTF-16 in an ASCII-readable file is wrong: browsers
   * read UTF-8. */
  { "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" }, { "unicode", "UTF-8" },
  { "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "gb18030", "GB18030" }, { "x-gbk", "GB18030" },
  { "csgb2312", "GB18030" }, { "chinese", "GB18030" }, { "iso-ir-58", "GB18030" },
  { "gb_2312", "GB18030" }, { "gb_2312-80", "GB18030" }, { "cp936", "GB18030" },
  { "ms936", "GB18030" }, { "windows-936", "GB18030" }, { "euc-cn", "GB18030" },
  /* As in browsers, Latin-1 and ASCII labels mean Windows-1252. */
  { "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
  { "latin1", "WINDOWS-1252" }, { "latin-1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
  { "ascii", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" }, { "windows-1252", "WINDOWS-1252" },
  { "cp1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" }, { "cp819", "WINDOWS-1252" },
  { "ibm819", "WINDOWS-1252" }, { "iso-ir-100", "WINDOWS-1252" }, { "csisolatin1", "WINDOWS-1252" },
  { "ansi_x3.4-1968", "WINDOWS-1252" },
  { "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" },
  { "cn-big5", "BIG5-HKSCS" },
  { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" }, { "x-sjis", "CP932" },
  { "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
  { "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" }, { "windows-949", "CP949" },
};

static const char *
canonical_charset (const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (charset_labels); i++)
    if (g_ascii_strcasecmp (label, charset_labels[i].label) == 0)
      return charset_labels[i].charset;
  return NULL;
}

static gboolean
charset_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == ':';
}

/* The label after "charset" (or "encoding", in an XML declaration) inside
 * one tag, or NULL. */
static char *
label_in_tag (const char *tag,
              gsize       length,
              const char *key)
{
  gsize key_len = strlen (key);

  for (gsize i = 1; i + key_len < length; i++)
    {
      gsize j;

      if (g_ascii_strncasecmp (tag + i, key, key_len) != 0 ||
          !(tag[i - 1] == ' ' || tag[i - 1] == ';' || tag[i - 1] == '"' || tag[i - 1] == '\'' ||
            tag[i - 1] == '\t' || tag[i - 1] == '\n' || tag[i - 1] == '\r'))
        continue;
      j = i + key_len;
      while (j < length && g_ascii_isspace (tag[j]))
        j++;
      if (j >= length || tag[j] != '=')
        continue;
      j++;
      while (j < length && (g_ascii_isspace (tag[j]) || tag[j] == '"' || tag[j] == '\''))
        j++;
      i = j;
      while (j < length && charset_char (tag[j]))
        j++;
      if (j > i)
        return g_strndup (tag + i, j - i);
    }
  return NULL;
}

/* The encoding a page declares in an XML declaration or a meta tag
 * (<meta charset> or http-equiv Content-Type), as an iconv name. */
static char *
declared_charset (const char *data,
                  gsize       length)
{
  /* Browsers look at the first 1024 bytes; saved pages put long scripts
   * and styles first, so look further, but not through a whole book. */
  gsize n = MIN (length, 64 * 1024);

  for (gsize i = 0; i + 5 < n; i++)
    {
      const char *end;
      g_autofree char *label = NULL;
      const char *canonical;

      if (data[i] != '<')
        continue;
      if (data[i + 1] == '!' && i + 4 < n && data[i + 2] == '-' && data[i + 3] == '-')
        {
          const char *close = g_strstr_len (data + i + 4, n - i - 4, "-->");

          if (close == NULL)
            break;
          i = close - data;
          continue;
        }
      if (data[i + 1] == '?' && g_ascii_strncasecmp (data + i + 2, "xml", 3) == 0 && i + 6 < n &&
          g_ascii_isspace (data[i + 5]))
        {
          end = memchr (data + i, '>', n - i);
          if (end != NULL)
            label = label_in_tag (data + i, end - (data + i), "encoding");
        }
      else if (g_ascii_strncasecmp (data + i + 1, "meta", 4) == 0 &&
               (g_ascii_isspace (data[i + 5]) || data[i + 5] == '/'))
        {
          end = memchr (data + i, '>', n - i);
          if (end != NULL)
            label = label_in_tag (data + i, end - (data + i), "charset");
        }
      if (label == NULL)
        continue;
      if ((canonical = canonical_charset (label)) != NULL)
        return g_strdup (canonical);
      return g_ascii_strup (label, -1);
    }
  return NULL;
}

/* Converts with iconv, each byte that cannot be read becoming U+FFFD. */
static char *
convert_lossy (const char *data,
               gsize       length,
               const char *charset)
{
  GIConv cd = g_iconv_open ("UTF-8", charset);
  GString *out;
  gchar *in = (gchar *) data;
  gsize in_left = length;

  if (cd == (GIConv) -1)
    return NULL;
  out = g_string_sized_new (length + length / 2 + 16);
  while (in_left > 0)
    {
      char buf[4096];
      gchar *o = buf;
      gsize o_left = sizeof buf;
      gsize r = g_iconv (cd, &in, &in_left, &o, &o_left);

      g_string_append_len (out, buf, o - buf);
      if (r == (gsize) -1)
        {
          if (errno == E2BIG)
            continue;
          if (errno != EILSEQ && errno != EINVAL)
            break;
          g_string_append (out, "\xef\xbf\xbd");
          in++;
          in_left--;
          g_iconv (cd, NULL, NULL, NULL, NULL);
        }
    }
  g_iconv_close (cd);
  return g_string_free (out, FALSE);
}

static gboolean
has_high_bytes (const char *data,
                gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/**
 * _detente_html_decode:
 * @data: a page or feed
 * @length: its length in bytes
 * @encoding: (out) (transfer full): the encoding found
 *
 * A byte-order mark decides first, then the encoding the page declares,
 * then a guess. A page that is valid UTF-8 is taken as UTF-8 whatever it
 * declares: saving a page often re-encodes it and keeps the old meta tag,
 * and legacy text is almost never valid UTF-8 by chance. Control
 * characters other than tab and newline become spaces, because the
 * parsers stop at a NUL.
 *
 * Returns: (transfer full): valid UTF-8
 */
char *
_detente_html_decode (const char  *data,
                      gsize        length,
                      char       **encoding)
{
  const guint8 *bytes = (const guint8 *) data;
  g_autofree char *declared = NULL;
  const char *found = NULL;
  char *out = NULL;
  gsize n;

  if ((length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ||
      (length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))))
    out = detente_article_decode (bytes, length, &found);
  else if ((declared = declared_charset (data, length)) != NULL && !g_str_equal (declared, "UTF-8") &&
           !(has_high_bytes (data, length) && g_utf8_validate_len (data, length, NULL)) &&
           (out = convert_lossy (data, length, declared)) != NULL)
    found = declared;
  else
    out = detente_article_decode (bytes, length, &found);

  *encoding = g_strdup (found);
  n = strlen (out);
  for (gsize i = 0; i < n; i++)
    {
      /* Eight bytes at a time while none is a control character. */
      while (i + 8 <= n)
        {
          guint64 v;

          memcpy (&v, out + i, sizeof v);
          if (((v - G_GUINT64_CONSTANT (0x2020202020202020)) & ~v & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
            break;
          i += 8;
        }
      if (i >= n)
        break;
      if ((guchar) out[i] < 0x20 && out[i] != '\n' && out[i] != '\r' && out[i] != '\t')
        out[i] = ' ';
    }
  return out;
}
