/* test-article.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "detente-article.h"

static DetenteArticle *
read_ok (const void *data,
         gssize      length,
         const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(GError) error = NULL;
  DetenteArticle *article = detente_article_read_text (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

static void
test_encodings (void)
{
  /* "Café “talks” — 会谈" in each encoding. */
  static const guint8 utf8_bom[] = "\xef\xbb\xbf" "Caf\xc3\xa9 \xe2\x80\x9ctalks\xe2\x80\x9d";
  static const guint8 utf16le[] = { 0xFF, 0xFE, 'C', 0, 'a', 0, 'f', 0, 0xE9, 0, ' ', 0, 0x1C, 0x20, 't', 0, 0x1D, 0x20 };
  static const guint8 utf16be[] = { 0xFE, 0xFF, 0, 'C', 0, 'a', 0, 'f', 0, 0xE9, 0, ' ', 0x20, 0x1C, 0, 't', 0x20, 0x1D };
  static const guint8 cp1252[] = "Caf\xe9 \x93talks\x94 \x97 \x80" "5 \x81";
  /* "中美会谈在北京举行。" in GB18030 */
  static const guint8 gb[] = "\xd6\xd0\xc3\xc0\xbb\xe1\xcc\xb8\xd4\xda\xb1\xb1\xbe\xa9\xbe\xd9\xd0\xd0\xa1\xa3";
  /* UTF-8 with one stray byte. */
  static const guint8 stray[] = "Caf\xc3\xa9 meets \xe4\xb8\xad\xe5\x9b\xbd \xff here";
  const char *enc = NULL;
  g_autofree char *a = detente_article_decode (utf8_bom, sizeof utf8_bom - 1, &enc);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *f = NULL;

  g_assert_cmpstr (a, ==, "Café “talks”");
  g_assert_cmpstr (enc, ==, "UTF-8");
  b = detente_article_decode (utf16le, sizeof utf16le, &enc);
  g_assert_cmpstr (b, ==, "Café “t”");
  g_assert_cmpstr (enc, ==, "UTF-16LE");
  c = detente_article_decode (utf16be, sizeof utf16be, &enc);
  g_assert_cmpstr (c, ==, "Café “t”");
  g_assert_cmpstr (enc, ==, "UTF-16BE");
  d = detente_article_decode (cp1252, sizeof cp1252 - 1, &enc);
  g_assert_cmpstr (d, ==, "Café “talks” — €5 \xef\xbf\xbd");
  g_assert_cmpstr (enc, ==, "WINDOWS-1252");
  e = detente_article_decode (gb, sizeof gb - 1, &enc);
  g_assert_cmpstr (e, ==, "中美会谈在北京举行。");
  g_assert_cmpstr (enc, ==, "GB18030");
  f = detente_article_decode (stray, sizeof stray - 1, &enc);
  g_assert_cmpstr (f, ==, "Café meets 中国 \xef\xbf\xbd here");
  g_assert_cmpstr (enc, ==, "UTF-8");
}

static void
test_headers (void)
{
  g_autoptr(DetenteArticle) a =
    read_ok ("Title: Blinken in Beijing\r\nDate: 2023-06-19T08:00:00Z\r\nSource: https://example.org/x\r\n"
             "Author: A. Writer\r\n\r\nBlinken met Xi.\r\nIt was brief.\r\n\r\n\r\nThey agreed to talk.\r\n",
             -1, "a.txt");
  g_autoptr(DetenteArticle) b = read_ok ("Published: June 19, 2023\nBy: Jane Doe\n\nText.", -1, "b.txt");
  g_autoptr(DetenteArticle) c = read_ok ("Date: 19 Sept 2023\n\nText.", -1, "c.txt");
  g_autofree char *iso = detente_date_to_iso (&a->published);
  g_autofree char *iso_b = detente_date_to_iso (&b->published);
  g_autofree char *iso_c = detente_date_to_iso (&c->published);

  g_assert_cmpstr (a->title, ==, "Blinken in Beijing");
  g_assert_cmpstr (iso, ==, "2023-06-19");
  g_assert_cmpstr (a->url, ==, "https://example.org/x");
  g_assert_cmpstr (a->author, ==, "A. Writer");
  g_assert_cmpstr (a->text, ==, "Blinken met Xi.\nIt was brief.\n\nThey agreed to talk.");
  g_assert_cmpstr (iso_b, ==, "2023-06-19");
  g_assert_cmpstr (b->author, ==, "Jane Doe");
  g_assert_null (b->title);
  g_assert_cmpstr (iso_c, ==, "2023-09-19");
}

static void
test_headline_byline (void)
{
  g_autoptr(DetenteArticle) a =
    read_ok ("A Closer Look At US-China Engagement – OpEd\n\nBy\n\nIn a recent turn of events, they met.", -1, "a.txt");
  g_autoptr(DetenteArticle) b =
    read_ok ("Blinken Visits Beijing\nBy Jane Doe\n\nThe visit began.", -1, "b.txt");
  g_autoptr(DetenteArticle) c =
    read_ok ("The visit began on Sunday, officials said.\n\nIt ended on Monday.", -1, "c.txt");

  g_assert_cmpstr (a->title, ==, "A Closer Look At US-China Engagement – OpEd");
  g_assert_null (a->author);
  g_assert_cmpstr (a->text, ==, "In a recent turn of events, they met.");
  g_assert_cmpstr (b->title, ==, "Blinken Visits Beijing");
  g_assert_cmpstr (b->author, ==, "Jane Doe");
  g_assert_cmpstr (b->text, ==, "The visit began.");
  /* A first line that is a sentence is text, not a headline. */
  g_assert_null (c->title);
  g_assert_cmpstr (c->text, ==, "The visit began on Sunday, officials said.\n\nIt ended on Monday.");
}

static void
test_markdown (void)
{
  g_autoptr(DetenteArticle) a =
    read_ok ("# Wang Yi in **Washington**\n\n## The visit\n\nWang met [Blinken](https://x.org/b) "
             "at the __State Department__. ![photo](p.jpg)\n\n> A quote.\n", -1, "w.md");

  g_assert_cmpstr (a->title, ==, "Wang Yi in Washington");
  g_assert_cmpstr (a->text, ==, "The visit\n\nWang met Blinken at the State Department.\n\nA quote.");
}

static void
test_refusals (void)
{
  struct { const char *data; gsize length; int code; } cases[] = {
    { "", 0, DETENTE_ARTICLE_ERROR_EMPTY },
    { " \n\t\r\n ", 6, DETENTE_ARTICLE_ERROR_EMPTY },
    { "\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10, DETENTE_ARTICLE_ERROR_BINARY },
    { "%PDF-1.4\n\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e", 19, DETENTE_ARTICLE_ERROR_BINARY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, cases[i].length);
      g_autoptr(GError) error = NULL;

      g_assert_null (detente_article_read_text (bytes, "odd.txt", &error));
      g_assert_error (error, DETENTE_ARTICLE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "odd.txt"));
    }

  {
    gsize size = DETENTE_ARTICLE_MAX_SIZE + 1;
    char *big = g_malloc (size);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    memset (big, 'a', size);
    bytes = g_bytes_new_take (big, size);
    g_assert_null (detente_article_read_text (bytes, "big.txt", &error));
    g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_LARGE);
  }
}

/* The shared articles: each has text, and the ones with a headline get it. */
static void
test_real_articles (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "data", "articles", NULL);
  g_autofree char *first = g_build_filename (dir, "000_94d4a8e181101ec8.txt", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(DetenteArticle) a = NULL;

  if (!g_file_get_contents (first, &contents, &length, NULL))
    {
      g_test_skip ("no shared/data/articles beside the repository");
      return;
    }
  a = read_ok (contents, length, "000_94d4a8e181101ec8.txt");
  g_assert_cmpstr (a->title, ==, "A Closer Look At Recent US-China Diplomatic Engagement – OpEd");
  g_assert_true (g_str_has_prefix (a->text, "In a recent turn of events"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/article/encodings", test_encodings);
  g_test_add_func ("/import/article/headers", test_headers);
  g_test_add_func ("/import/article/headline-byline", test_headline_byline);
  g_test_add_func ("/import/article/markdown", test_markdown);
  g_test_add_func ("/import/article/refusals", test_refusals);
  g_test_add_func ("/import/article/real-articles", test_real_articles);

  return g_test_run ();
}
