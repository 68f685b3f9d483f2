/* test-article.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <grp.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "detente-article.h"
#include "detente-feed.h"
#include "detente-html.h"

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

/* Header dates in the forms mail, feeds and people write them. */
static void
test_header_dates (void)
{
  struct { const char *header; const char *iso; } cases[] = {
    { "Date: Mon, 19 Jun 2023 10:00:00 GMT", "2023-06-19" },
    { "Date: Mon, 19 Jun 2023 23:30:00 -0400", "2023-06-19" },
    { "Published: June 19, 2023", "2023-06-19" },
    { "Published: Monday, June 19, 2023", "2023-06-19" },
    { "Date: 19 June 2023", "2023-06-19" },
    { "Date: 19 Sept 2023", "2023-09-19" },
    { "date: 2023-06-19T10:00:00+08:00", "2023-06-19" },
    { "Date: 2023-06-19", "2023-06-19" },
    { "Date: June 2023", "2023-06" },
    { "Date: soon", NULL },
    { "Date: the 19th", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s\n\nBlinken met Xi.\n", cases[i].header);
      g_autoptr(DetenteArticle) a = read_ok (text, -1, "dated.txt");
      g_autofree char *iso = detente_date_is_set (&a->published) ? detente_date_to_iso (&a->published) : NULL;

      g_test_message ("%s", cases[i].header);
      g_assert_cmpstr (iso, ==, cases[i].iso);
      g_assert_cmpstr (a->text, ==, "Blinken met Xi.");
    }
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

/* Pages, feeds and the dispatcher ----------------------------------------- */

static GPtrArray *
read_bytes_ok (const void *data,
               gssize      length,
               const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(GError) error = NULL;
  GPtrArray *articles = detente_article_read_bytes (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (articles);
  g_assert_cmpuint (articles->len, >=, 1);
  return articles;
}

static DetenteArticle *
html_ok (const void *data,
         gssize      length)
{
  g_autoptr(GError) error = NULL;
  DetenteArticle *article = detente_html_read (data, length < 0 ? strlen (data) : (gsize) length,
                                               "page.html", &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_true (g_utf8_validate (article->text, -1, NULL));
  return article;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in:\n%s", needle, haystack);
}

#define PARA_A "Secretary of State Antony Blinken met Chinese leader Xi Jinping in Beijing on Monday, " \
               "the highest-level American visit to China in five years."
#define PARA_B "The two sides agreed to stabilise relations, officials said, though neither side " \
               "offered concessions on Taiwan, trade or technology."
#define PARA_C "Wang Yi, China's top diplomat, told Blinken that Washington must choose between " \
               "dialogue and confrontation, according to a Chinese readout."

static GBytes *
utf16_bytes (const char *utf8,
             const char *charset)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &length, &error);

  g_assert_no_error (error);
  return g_bytes_new_take (converted, length);
}

/* UTF-16 without a byte-order mark, told by where its zero bytes fall;
 * text with a stray zero byte is still refused. */
static void
test_utf16_no_bom (void)
{
  static const char english[] =
    "Title: Talks in Beijing\nDate: Mon, 19 Jun 2023 10:00:00 GMT\n\nBlinken met Xi.\n\nThey agreed to talk.\n";
  static const char chinese[] = "中美两国外长在北京举行会谈。\n\n双方同意保持沟通，2023年6月19日。\n";
  static const char russian[] = "Переговоры в Пекине прошли в понедельник.\n\nБлинкен встретился с Си Цзиньпином.\n";
  static const char page[] = "<!DOCTYPE html><html><head><title>T</title></head><body><p>" PARA_A "</p></body></html>";
  static const char stray_en[] = "Blinken met Xi in Beijing on Monday.\0 The talks went on for hours.\n";
  static const char stray_zh[] = "中美两国外长在北京举行会谈\0，双方同意保持沟通。\n";
  struct { const char *utf8; const char *charset; const char *name; const char *text; } cases[] = {
    { english, "UTF-16LE", "u16.txt", "Blinken met Xi.\n\nThey agreed to talk." },
    { english, "UTF-16BE", "u16be.txt", "Blinken met Xi.\n\nThey agreed to talk." },
    { english, "UTF-16LE", "u16", "Blinken met Xi.\n\nThey agreed to talk." },
    { chinese, "UTF-16LE", "zh.txt", "双方同意保持沟通，2023年6月19日。" },
    { chinese, "UTF-16BE", "zh", "双方同意保持沟通，2023年6月19日。" },
    { russian, "UTF-16BE", "ru.txt", "Блинкен встретился с Си Цзиньпином." },
    { russian, "UTF-16LE", "ru", "Блинкен встретился с Си Цзиньпином." },
    { page, "UTF-16LE", "page.html", PARA_A },
    { page, "UTF-16BE", "page", PARA_A },
  };
  struct { const char *data; gsize length; } binary[] = {
    { stray_en, sizeof stray_en - 1 },
    { stray_zh, sizeof stray_zh - 1 },
    /* Zeros on both sides of the pairs. */
    { "H\0\0e\0l\0\0l\0o\0 \0\0w\0o", 18 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = utf16_bytes (cases[i].utf8, cases[i].charset);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = detente_article_read_bytes (bytes, cases[i].name, &error);
      DetenteArticle *a;

      g_test_message ("%s in %s", cases[i].name, cases[i].charset);
      g_assert_no_error (error);
      a = articles->pdata[0];
      if (g_str_has_prefix (cases[i].name, "page"))
        assert_contains (a->text, cases[i].text);
      else
        g_assert_true (g_str_has_suffix (a->text, cases[i].text));
      g_assert_cmpstr (a->encoding, ==, cases[i].charset);
    }

  {
    g_autoptr(GBytes) bytes = utf16_bytes (english, "UTF-16LE");
    g_autoptr(DetenteArticle) a = read_ok (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "u16.txt");
    g_autofree char *iso = detente_date_to_iso (&a->published);
    g_autofree char *decoded = NULL;
    const char *enc = NULL;

    g_assert_cmpstr (a->title, ==, "Talks in Beijing");
    g_assert_cmpstr (iso, ==, "2023-06-19");
    decoded = detente_article_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &enc);
    g_assert_cmpstr (decoded, ==, english);
    g_assert_cmpstr (enc, ==, "UTF-16LE");
  }

  for (guint i = 0; i < G_N_ELEMENTS (binary); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (binary[i].data, binary[i].length);
      g_autoptr(GError) error = NULL;

      g_assert_null (detente_article_read_text (bytes, "stray.txt", &error));
      g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_BINARY);
      g_assert_cmpstr (error->message, ==, "“stray.txt” is not a text file");
    }
}

static const char boilerplate_page[] =
  "<!DOCTYPE html><html><head><title>Blinken meets Xi | The Daily Planet</title>"
  "<style>p { color: red }</style><script>var tracking = 'SCRIPT TEXT';</script></head><body>"
  "<div id=\"cookie-banner\">We use cookies to improve your experience. Accept all cookies?</div>"
  "<header class=\"site-header\"><a href=\"/\">The Daily Planet</a></header>"
  "<nav class=\"main-nav\"><ul><li><a href=\"/world\">World</a></li><li><a href=\"/politics\">Politics</a></li>"
  "<li><a href=\"/business\">Business</a></li></ul></nav>"
  "<div class=\"layout\"><div class=\"article-body\">"
  "<h1>Blinken meets Xi in Beijing</h1>"
  "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on Twitter</a></div>"
  "<p>" PARA_A "</p>"
  "<figure><img src=\"a.jpg\"><figcaption>Blinken arrives in Beijing. Photo: Agency</figcaption></figure>"
  "<p>" PARA_B "</p>"
  "<h2>A frosty welcome</h2>"
  "<p>" PARA_C "</p>"
  "<div class=\"newsletter-signup\"><p>Sign up for our newsletter, the best of the news every "
  "morning in your inbox, free.</p><form><input type=\"email\"><button>Subscribe</button></form></div>"
  "</div>"
  "<aside class=\"sidebar\"><h3>Most read</h3><p>Celebrity chef opens restaurant on the Moon, to the "
  "surprise of many critics and diners.</p></aside>"
  "<div class=\"related-stories\"><h3>Related</h3><ul>"
  "<li><a href=\"/1\">Yellen to visit Beijing next month, officials say</a></li>"
  "<li><a href=\"/2\">Chip exports face new limits</a></li>"
  "<li><a href=\"/3\">What the visit means for trade</a></li></ul></div>"
  "<div id=\"comments\"><div class=\"comment\"><p>Reader42: This is the worst article I have ever "
  "read in my entire life, honestly.</p></div></div>"
  "</div>"
  "<footer><p>Copyright 2023 The Daily Planet. All rights reserved. Contact us at the address "
  "below, any day of the week.</p></footer>"
  "</body></html>";

static void
test_html_boilerplate (void)
{
  g_autoptr(DetenteArticle) a = html_ok (boilerplate_page, -1);
  static const char * const junk[] = {
    "cookies", "Daily Planet", "Politics", "Share on", "Photo: Agency", "newsletter", "Subscribe",
    "Moon", "Yellen", "Chip exports", "Reader42", "Copyright", "SCRIPT TEXT", "color: red",
    "Blinken meets Xi",
  };

  g_assert_cmpstr (a->text, ==, PARA_A "\n\n" PARA_B "\n\nA frosty welcome\n\n" PARA_C);
  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    assert_lacks (a->text, junk[i]);
  /* The page title loses the site's name; there is no og:title. */
  g_assert_cmpstr (a->title, ==, "Blinken meets Xi in Beijing");
  g_assert_cmpstr (a->file_name, ==, "page.html");
}

static void
test_html_broken (void)
{
  /* Unclosed tags, stray end tags, bytes that are no encoding, a page cut
   * off in the middle of a tag. */
  static const char unclosed[] =
    "<html><body><div class=content><p>" PARA_A "<p>" PARA_B "<p><b>" PARA_C;
  static const char stray[] =
    "</div></div><html><body></span><div class=\"story\"><p>" PARA_A "</p></div></div></div>"
    "</p><p>" PARA_B "</p></td></table></body></html></html>";
  static const char garbage[] =
    "<html><body><article><p>" PARA_A "</p><p>\x01\x02\xff\xfe\xc3 broken \xe4\xb8 bytes "
    "but the paragraph still says something long enough.</p></article></body></html>";
  static const char truncated[] =
    "<!DOCTYPE html><html><head><title>T</title></head><body><article><p>" PARA_A "</p><p>"
    PARA_B "</p><p class=\"x";
  g_autoptr(DetenteArticle) a = html_ok (unclosed, -1);
  g_autoptr(DetenteArticle) b = html_ok (stray, -1);
  g_autoptr(DetenteArticle) c = html_ok (garbage, sizeof garbage - 1);
  g_autoptr(DetenteArticle) d = html_ok (truncated, -1);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (a->text, ==, PARA_A "\n\n" PARA_B "\n\n" PARA_C);
  g_assert_cmpstr (b->text, ==, PARA_A "\n\n" PARA_B);
  assert_contains (c->text, PARA_A);
  assert_contains (c->text, "broken");
  assert_contains (c->text, "but the paragraph still says");
  assert_contains (d->text, PARA_A "\n\n" PARA_B);

  /* Markup without a word of text. */
  g_assert_null (detente_html_read ("<html><body><div><img src=x></div></body></html>", 48, "empty.html", &error));
  g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_EMPTY);
  assert_contains (error->message, "empty.html");
}

static char *
repeat (const char *s,
        guint       n)
{
  GString *out = g_string_sized_new (strlen (s) * n);

  for (guint i = 0; i < n; i++)
    g_string_append (out, s);
  return g_string_free (out, FALSE);
}

/* A page nested far deeper than any stack would take in recursion, by
 * containers and inline tags that are never closed: the parser stops at
 * depth 256, and the page, flattened, is read again whole. */
static void
test_html_deep (void)
{
  g_autofree char *open = repeat ("<div><span>", 100000);
  g_autofree char *page = g_strconcat ("<html><body><p>" PARA_A "</p>", open, "<p>" PARA_B "</p>", NULL);
  g_autoptr(DetenteArticle) a = html_ok (page, -1);

  g_assert_cmpstr (a->text, ==, PARA_A "\n\n" PARA_B);
}

/* Inline tags never closed, as old pages leave <font>: the text after
 * them was lost, or all of it. Closed inline markup keeps its meaning. */
static void
test_html_deep_unclosed (void)
{
  g_autofree char *fonts = repeat ("<font size=\"2\" face=\"a>b\">", 300);
  g_autofree char *bold = repeat ("<B>", 300);
  g_autofree char *all = g_strconcat ("<html><body>", fonts, "<p>" PARA_A "</p><p>" PARA_B "</p></body></html>", NULL);
  g_autofree char *middle =
    g_strconcat ("<html><head><script>if (a<b>c) x = '<font>';</script></head><body><article><p>" PARA_A "</p>"
                 "<div>", fonts, "<p>" PARA_B "</p></div><!-- <span> -->"
                 "<p>" PARA_C " <a href=\"/more\">More</a><span style=\"display:none\">HIDDEN</span></p>",
                 bold, "<p>" PARA_A "</p></article></body></html>", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DetenteArticle) a = NULL;
  g_autoptr(DetenteArticle) b = NULL;
  g_autoptr(GPtrArray) c = NULL;

  a = detente_html_read (all, strlen (all), "fonts.html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->text, ==, PARA_A "\n\n" PARA_B);

  b = html_ok (middle, -1);
  g_assert_cmpstr (b->text, ==, PARA_A "\n\n" PARA_B "\n\n" PARA_C " More\n\n" PARA_A);
  assert_lacks (b->text, "HIDDEN");

  /* Under a name that leaves the choice to the contents. */
  c = read_bytes_ok (all, -1, "fonts");
  g_assert_cmpstr (((DetenteArticle *) c->pdata[0])->text, ==, PARA_A "\n\n" PARA_B);
}

/* Containers nested 300 deep, each closed: even flattened, the page is
 * deeper than the parser goes, and it is refused, not read in part. A
 * stack of open tags with stray end tags stays quick to parse. */
static void
test_html_too_deep (void)
{
  g_autofree char *open = repeat ("<div class=\"box\">", 300);
  g_autofree char *close = repeat ("</div>", 300);
  g_autofree char *page = g_strconcat ("<html><body><p>" PARA_A "</p>", open, "<p>" PARA_B "</p>", close,
                                       "<p>" PARA_C "</p></body></html>", NULL);
  g_autofree char *bold = repeat ("<b>", 100000);
  g_autofree char *stray = repeat ("</i>", 75000);
  g_autofree char *slow = g_strconcat ("<html><body><p>" PARA_A "</p>", bold, stray, "<p>" PARA_B "</p>", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DetenteArticle) b = NULL;

  g_assert_null (detente_html_read (page, strlen (page), "deep.html", &error));
  g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "“deep.html” is nested too deeply to be read");
  g_clear_error (&error);

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (page, strlen (page));

    g_assert_null (detente_article_read_bytes (bytes, "deep", &error));
    g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_DEEP);
    assert_contains (error->message, "“deep”");
    g_clear_error (&error);
  }

  b = html_ok (slow, -1);
  g_assert_cmpstr (b->text, ==, PARA_A "\n\n" PARA_B);
}

static void
test_html_charsets (void)
{
  /* "中美会谈在北京举行。双方同意加强沟通。" in GB18030 */
  static const char gb_text[] =
    "\xd6\xd0\xc3\xc0\xbb\xe1\xcc\xb8\xd4\xda\xb1\xb1\xbe\xa9\xbe\xd9\xd0\xd0\xa1\xa3"
    "\xcb\xab\xb7\xbd\xcd\xac\xd2\xe2\xbc\xd3\xc7\xbf\xb9\xb5\xcd\xa8\xa1\xa3";
  static const char utf8_text[] = "中美会谈在北京举行。双方同意加强沟通。";
  static const char cp_text[] = "Caf\xe9 diplomacy: \x93talks\x94 in the na\xefve style \x97 a \x80" "5 lunch, "
                                "as the minister said to reporters afterwards.";
  static const char cp_utf8[] = "Café diplomacy: “talks” in the naïve style — a €5 lunch, "
                                "as the minister said to reporters afterwards.";
  struct { const char *head; const char *body; const char *text; const char *encoding; } cases[] = {
    { "<meta charset=\"gb2312\">", gb_text, utf8_text, "GB18030" },
    { "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">", gb_text, utf8_text, "GB18030" },
    { "", gb_text, utf8_text, "GB18030" },
    { "<meta charset=windows-1252>", cp_text, cp_utf8, "WINDOWS-1252" },
    { "<meta http-equiv=content-type content='text/html;charset=iso-8859-1'>", cp_text, cp_utf8, "WINDOWS-1252" },
    { "", cp_text, cp_utf8, "WINDOWS-1252" },
    /* Valid UTF-8 is UTF-8, whatever an old meta tag says. */
    { "<meta charset=\"iso-8859-1\">", cp_utf8, cp_utf8, "UTF-8" },
    { "<meta charset=\"gb2312\">", utf8_text, utf8_text, "UTF-8" },
    { "\xef\xbb\xbf<meta charset=\"iso-8859-1\">", utf8_text, utf8_text, "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = g_strdup_printf ("<html><head>%s<title>x</title></head><body><p>%s</p></body></html>",
                                               cases[i].head, cases[i].body);
      g_autoptr(DetenteArticle) a = html_ok (page, -1);

      g_assert_cmpstr (a->text, ==, cases[i].text);
      g_assert_cmpstr (a->encoding, ==, cases[i].encoding);
    }

  /* UTF-16 with a byte-order mark. */
  {
    static const char page[] = "<html><body><p>Caf\xc3\xa9 talks</p></body></html>";
    gsize len = 0;
    g_autofree gunichar2 *units = g_utf8_to_utf16 (page, -1, NULL, (glong *) &len, NULL);
    g_autofree guint8 *bytes = g_malloc (2 * len + 2);
    g_autoptr(DetenteArticle) a = NULL;

    bytes[0] = 0xFF;
    bytes[1] = 0xFE;
    for (gsize i = 0; i < len; i++)
      {
        bytes[2 + 2 * i] = units[i] & 0xFF;
        bytes[3 + 2 * i] = units[i] >> 8;
      }
    a = html_ok (bytes, 2 * len + 2);
    g_assert_cmpstr (a->text, ==, "Café talks");
    g_assert_cmpstr (a->encoding, ==, "UTF-16LE");

    /* Sniffed as a page, not read as text with its tags. */
    {
      g_autoptr(GPtrArray) articles = read_bytes_ok (bytes, 2 * len + 2, "utf16-page");

      g_assert_cmpstr (((DetenteArticle *) articles->pdata[0])->text, ==, "Café talks");
    }
  }
}

static void
test_html_entities (void)
{
  g_autoptr(DetenteArticle) a =
    html_ok ("<html><body><p>AT&amp;T &lt;b&gt; &#8220;quoted&#x201d; caf&eacute;&nbsp;&nbsp;and   \n"
             "  spaced\tout &hellip; &unknown; done</p><pre>line 1\n  line 2</pre></body></html>", -1);

  g_assert_cmpstr (a->text, ==, "AT&T <b> “quoted” café and spaced out … &unknown; done\n\nline 1\n  line 2");
}

static void
test_html_metadata (void)
{
  static const char og[] =
    "<html><head><title>Ignored | Site</title>"
    "<meta property=\"og:title\" content=\"Blinken Arrives in Beijing\">"
    "<meta property=\"og:url\" content=\"https://example.org/blinken\">"
    "<link rel=\"canonical\" href=\"https://example.org/canonical\">"
    "<meta property=\"article:published_time\" content=\"2023-06-18T09:30:00+08:00\">"
    "<meta name=\"author\" content=\"Jane Doe\">"
    "</head><body><article><h1>Another headline</h1><p>" PARA_A "</p></article></body></html>";
  static const char json_ld[] =
    "<html><head><title>Talks resume - World - The Paper</title>"
    "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\","
    " \"headline\": \"Talks\", \"datePublished\": \"2023-06-19T10:00:00Z\", \"author\": [{\"@type\": \"Person\","
    " \"name\": \"Li \\u5a1c\", \"affiliation\": {\"name\": \"Paper\"}}, {\"@type\": \"Person\", \"name\": \"Tom \\ud83d\\ude00 Roe\\ud800\"}]}"
    "</script></head><body><p>" PARA_A "</p></body></html>";
  static const char markup[] =
    "<html><head><title>Xi hosts Blinken</title></head><body><div class=\"story\">"
    "<h1>Xi hosts Blinken</h1><p class=\"byline\">By <a rel=\"author\" href=\"/a\">Ann Smith</a></p>"
    "<time datetime=\"2023-06-20\">Tuesday</time>"
    "<p>" PARA_A "</p><p>" PARA_B "</p></div></body></html>";
  static const char metas[] =
    "<html><head><title>Readout - Ministry</title><meta name=\"DC.date.issued\" content=\"2023-06-21\">"
    "<meta name=\"sailthru.author\" content=\"By Wang Wu\"></head><body><p>" PARA_A "</p></body></html>";
  static const char dateline[] =
    "<html><body><p>June 22, 2023</p><p>" PARA_A "</p><p>" PARA_B "</p></body></html>";
  g_autoptr(DetenteArticle) a = html_ok (og, -1);
  g_autoptr(DetenteArticle) b = html_ok (json_ld, -1);
  g_autoptr(DetenteArticle) c = html_ok (markup, -1);
  g_autoptr(DetenteArticle) d = html_ok (metas, -1);
  g_autoptr(DetenteArticle) e = html_ok (dateline, -1);
  g_autofree char *date_a = detente_date_to_iso (&a->published);
  g_autofree char *date_b = detente_date_to_iso (&b->published);
  g_autofree char *date_c = detente_date_to_iso (&c->published);
  g_autofree char *date_d = detente_date_to_iso (&d->published);
  g_autofree char *date_e = detente_date_to_iso (&e->published);

  g_assert_cmpstr (a->title, ==, "Blinken Arrives in Beijing");
  g_assert_cmpstr (a->url, ==, "https://example.org/blinken");
  g_assert_cmpstr (date_a, ==, "2023-06-18");
  g_assert_cmpstr (a->author, ==, "Jane Doe");
  g_assert_cmpstr (a->text, ==, PARA_A);

  g_assert_cmpstr (b->title, ==, "Talks resume");
  g_assert_cmpstr (date_b, ==, "2023-06-19");
  g_assert_cmpstr (b->author, ==, "Li 娜, Tom 😀 Roe\xef\xbf\xbd");
  g_assert_null (b->url);

  g_assert_cmpstr (c->title, ==, "Xi hosts Blinken");
  g_assert_cmpstr (c->author, ==, "Ann Smith");
  g_assert_cmpstr (date_c, ==, "2023-06-20");
  g_assert_cmpstr (c->text, ==, PARA_A "\n\n" PARA_B);

  g_assert_cmpstr (d->title, ==, "Readout - Ministry");
  g_assert_cmpstr (date_d, ==, "2023-06-21");
  g_assert_cmpstr (d->author, ==, "Wang Wu");

  g_assert_cmpstr (date_e, ==, "2023-06-22");
}

/* A page whose scripts would write the text: the JSON-LD holds it. */
static void
test_html_json_ld_body (void)
{
  static const char page[] =
    "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"articleBody\": \""
    PARA_A "\\n\\n" PARA_B "\\n" PARA_C "\\n" PARA_A " \\\"Quoted.\\\"\"}</script></head>"
    "<body><div id=\"app\"><p>Loading the story, please wait for a moment.</p></div></body></html>";
  g_autoptr(DetenteArticle) a = html_ok (page, -1);

  g_assert_cmpstr (a->text, ==, PARA_A "\n\n" PARA_B "\n\n" PARA_C "\n\n" PARA_A " \"Quoted.\"");
}

static const char rss[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- a comment first -->\n"
  "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>World news</title>"
  "<link>https://example.org/</link><description>All the news</description>"
  "<item><title>Blinken in Beijing</title><link>https://example.org/1</link>"
  "<pubDate>Mon, 19 Jun 2023 08:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator>"
  "<description>Short teaser.</description>"
  "<content:encoded><![CDATA[<p>" PARA_A "</p><p>" PARA_B "</p><script>alert(1)</script>]]></content:encoded></item>"
  "<item><title>Wang &amp; Blinken</title><link>https://example.org/2</link>"
  "<author>news@example.org (John Roe)</author><pubDate>Tue, 20 Jun 2023 08:00:00 GMT</pubDate>"
  "<description>&lt;p&gt;Wang Yi &lt;b&gt;met&lt;/b&gt; Blinken.&lt;/p&gt;&lt;p&gt;They talked.&lt;/p&gt;</description></item>"
  "<item><title>Headline only</title><guid>https://example.org/3</guid></item>"
  "<item><title>Unescaped</title><description><p>Markup a feed <b>forgot</b> to escape.</p>"
  "<p>Second.</p></description></item>"
  "</channel></rss>\n";

static void
test_feed_rss (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = detente_feed_read (rss, strlen (rss), "news.xml", &error);
  DetenteArticle *a, *b, *c;
  g_autofree char *date_a = NULL;
  g_autofree char *date_b = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 4);
  a = items->pdata[0];
  b = items->pdata[1];
  c = items->pdata[2];
  date_a = detente_date_to_iso (&a->published);
  date_b = detente_date_to_iso (&b->published);

  g_assert_cmpstr (((DetenteArticle *) items->pdata[3])->text, ==, "Markup a feed forgot to escape.\n\nSecond.");
  g_assert_cmpstr (a->file_name, ==, "news.xml#1");
  g_assert_cmpstr (a->title, ==, "Blinken in Beijing");
  g_assert_cmpstr (a->url, ==, "https://example.org/1");
  g_assert_cmpstr (a->author, ==, "Jane Doe");
  g_assert_cmpstr (date_a, ==, "2023-06-19");
  g_assert_cmpstr (a->text, ==, PARA_A "\n\n" PARA_B);

  g_assert_cmpstr (b->file_name, ==, "news.xml#2");
  g_assert_cmpstr (b->title, ==, "Wang & Blinken");
  g_assert_cmpstr (b->author, ==, "John Roe");
  g_assert_cmpstr (date_b, ==, "2023-06-20");
  g_assert_cmpstr (b->text, ==, "Wang Yi met Blinken.\n\nThey talked.");

  g_assert_cmpstr (c->file_name, ==, "news.xml#3");
  g_assert_cmpstr (c->url, ==, "https://example.org/3");
  g_assert_cmpstr (c->text, ==, "Headline only");
  g_assert_false (detente_date_is_set (&c->published));
}

static void
test_feed_atom (void)
{
  static const char atom[] =
    "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Feed</title><id>urn:x</id>"
    "<entry><title type=\"html\">Talks &lt;em&gt;resume&lt;/em&gt;</title>"
    "<link rel=\"self\" href=\"https://example.org/self\"/>"
    "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/a\"/>"
    "<author><name>Li Na</name><email>li@example.org</email></author>"
    "<published>2023-06-18T10:00:00Z</published><updated>2023-06-30T10:00:00Z</updated>"
    "<summary>Teaser.</summary>"
    "<content type=\"html\">&lt;p&gt;" PARA_A "&lt;/p&gt;&lt;p&gt;" PARA_C "&lt;/p&gt;</content></entry>"
    "<entry><title>XHTML entry</title><link href=\"https://example.org/b\"/>"
    "<updated>2023-06-21T10:00:00Z</updated>"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>First <b>bold</b> part.</p>"
    "<p>Second part.</p></div></content></entry>"
    "<entry><title>Text entry</title><summary>Plain text &lt;b&gt; stays\n\nas it is.</summary></entry>"
    "</feed>";
  g_autoptr(GPtrArray) items = read_bytes_ok (atom, -1, "feed.atom");
  DetenteArticle *a, *b, *c;
  g_autofree char *date_a = NULL;
  g_autofree char *date_b = NULL;

  g_assert_cmpuint (items->len, ==, 3);
  a = items->pdata[0];
  b = items->pdata[1];
  c = items->pdata[2];
  date_a = detente_date_to_iso (&a->published);
  date_b = detente_date_to_iso (&b->published);

  g_assert_cmpstr (a->file_name, ==, "feed.atom#1");
  g_assert_cmpstr (a->title, ==, "Talks resume");
  g_assert_cmpstr (a->url, ==, "https://example.org/a");
  g_assert_cmpstr (a->author, ==, "Li Na");
  g_assert_cmpstr (date_a, ==, "2023-06-18");
  g_assert_cmpstr (a->text, ==, PARA_A "\n\n" PARA_C);

  g_assert_cmpstr (b->url, ==, "https://example.org/b");
  g_assert_cmpstr (date_b, ==, "2023-06-21");
  g_assert_cmpstr (b->text, ==, "First bold part.\n\nSecond part.");

  g_assert_cmpstr (c->text, ==, "Plain text <b> stays\n\nas it is.");
}

static void
test_feed_rdf (void)
{
  static const char rdf[] =
    "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
    "<channel rdf:about=\"https://example.org/\"><title>RDF</title></channel>"
    "<item rdf:about=\"https://example.org/1\"><title>One</title><link>https://example.org/1</link>"
    "<dc:date>2023-06-19</dc:date><dc:creator>Ann</dc:creator><description>First item.</description></item>"
    "<item rdf:about=\"https://example.org/2\"><title>Two</title><description>Second item.</description></item>"
    "</rdf:RDF>";
  g_autoptr(GPtrArray) items = read_bytes_ok (rdf, -1, "feed.rdf");
  DetenteArticle *a = items->pdata[0];
  g_autofree char *date = detente_date_to_iso (&a->published);

  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (a->title, ==, "One");
  g_assert_cmpstr (a->author, ==, "Ann");
  g_assert_cmpstr (date, ==, "2023-06-19");
  g_assert_cmpstr (a->text, ==, "First item.");
  g_assert_cmpstr (((DetenteArticle *) items->pdata[1])->file_name, ==, "feed.rdf#2");
}

static void
test_feed_refusals (void)
{
  static const char laughs[] =
    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><rss><channel><item><title>&c;</title></item></channel></rss>";
  static const char external[] =
    "<?xml version=\"1.0\"?><!DOCTYPE feed [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&xxe;</title></entry></feed>";
  static const char netscape[] =
    "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
    "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel>"
    "<item><title>Old but fine</title><description>Still read.</description></item></channel></rss>";
  static const char no_items[] = "<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>";
  static const char not_feed[] = "<?xml version=\"1.0\"?><catalog><book>Title</book></catalog>";
  struct { const char *data; const char *name; int code; } cases[] = {
    { laughs, "laughs.xml", DETENTE_ARTICLE_ERROR_UNSAFE },
    { external, "xxe.atom", DETENTE_ARTICLE_ERROR_UNSAFE },
    { laughs, "laughs", DETENTE_ARTICLE_ERROR_UNSAFE },
    { no_items, "empty.rss", DETENTE_ARTICLE_ERROR_EMPTY },
    { no_items, "empty-feed", DETENTE_ARTICLE_ERROR_EMPTY },
    { not_feed, "books.xml", DETENTE_ARTICLE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, strlen (cases[i].data));
      g_autoptr(GError) error = NULL;

      g_assert_null (detente_article_read_bytes (bytes, cases[i].name, &error));
      g_assert_error (error, DETENTE_ARTICLE_ERROR, cases[i].code);
      assert_contains (error->message, cases[i].name);
      assert_lacks (error->message, "root:");
    }

  {
    g_autoptr(GPtrArray) items = read_bytes_ok (netscape, -1, "old.rss");

    g_assert_cmpstr (((DetenteArticle *) items->pdata[0])->text, ==, "Still read.");
  }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (no_items, strlen (no_items));
    g_autoptr(GError) error = NULL;

    g_assert_null (detente_article_read_bytes (bytes, "empty.rss", &error));
    g_assert_cmpstr (error->message, ==, "“empty.rss” is a feed with no items");
  }
}

/* An item nested too deeply names itself in the error; fonts never
 * closed in an item are flattened as in a page. */
static void
test_feed_deep (void)
{
  g_autofree char *fonts = repeat ("&lt;font&gt;", 300);
  g_autofree char *divs = repeat ("&lt;div&gt;", 300);
  g_autofree char *undivs = repeat ("&lt;/div&gt;", 300);
  g_autofree char *elements = repeat ("<x>", 300);
  g_autofree char *unelements = repeat ("</x>", 300);
  g_autofree char *flat = g_strconcat ("<rss version=\"2.0\"><channel><item><title>One</title><description>",
                                       fonts, "&lt;p&gt;" PARA_A "&lt;/p&gt;&lt;p&gt;" PARA_B "&lt;/p&gt;",
                                       "</description></item></channel></rss>", NULL);
  g_autofree char *deep_item =
    g_strconcat ("<rss version=\"2.0\"><channel><item><title>One</title><description>Fine.</description></item>"
                 "<item><title>Two</title><description>", divs, "&lt;p&gt;" PARA_A "&lt;/p&gt;", undivs,
                 "</description></item></channel></rss>", NULL);
  g_autofree char *deep_xml =
    g_strconcat ("<rss version=\"2.0\"><channel><item><title>One</title><description>Fine.</description>",
                 elements, unelements, "</item><item><title>Two</title></item></channel></rss>", NULL);
  g_autoptr(GPtrArray) items = read_bytes_ok (flat, -1, "fonts.rss");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (((DetenteArticle *) items->pdata[0])->text, ==, PARA_A "\n\n" PARA_B);

  g_assert_null (detente_feed_read (deep_item, strlen (deep_item), "deep.rss", &error));
  g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "“deep.rss#2” is nested too deeply to be read");
  g_clear_error (&error);

  g_assert_null (detente_feed_read (deep_xml, strlen (deep_xml), "deep.xml", &error));
  g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_DEEP);
  g_assert_cmpstr (error->message, ==, "“deep.xml” is nested too deeply to be read");
}

static void
test_feed_sniff (void)
{
  struct { const char *data; gboolean feed; } cases[] = {
    { "<rss version=\"2.0\">", TRUE },
    { "\xef\xbb\xbf  <?xml version=\"1.0\"?>\n<!-- hi --><?xml-stylesheet href=\"x\"?>\n<feed xmlns=\"x\">", TRUE },
    { "<rdf:RDF xmlns:rdf=\"x\">", TRUE },
    { "<!DOCTYPE rss [ <!ENTITY a \"b\"> ]><rss>", TRUE },
    { "<rssfeed>", FALSE },
    { "<html><rss>", FALSE },
    { "<!DOCTYPE html><html>", FALSE },
    { "rss", FALSE },
    { "", FALSE },
    { "<!-- unterminated <rss>", FALSE },
    { "<?xml", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (detente_feed_sniff (cases[i].data, strlen (cases[i].data)), ==, cases[i].feed);
}

static void
test_dispatch_refusals (void)
{
  static const char * const names[] = { "odd.html", "odd.xml", "odd.txt", "odd", "odd.html.gz" };
  struct { const char *data; gsize length; int code; } cases[] = {
    { "", 0, DETENTE_ARTICLE_ERROR_EMPTY },
    { " \n\t\r\n ", 6, DETENTE_ARTICLE_ERROR_EMPTY },
    { "\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10, DETENTE_ARTICLE_ERROR_BINARY },
    { "%PDF-1.4\n\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e", 19, DETENTE_ARTICLE_ERROR_BINARY },
    { "\x1f\x8b\x08\x00garbage that is not deflate", 31, DETENTE_ARTICLE_ERROR_INVALID },
  };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, cases[i].length);
        g_autoptr(GError) error = NULL;

        g_assert_null (detente_article_read_bytes (bytes, names[n], &error));
        g_assert_error (error, DETENTE_ARTICLE_ERROR, cases[i].code);
        assert_contains (error->message, names[n]);
      }

  {
    gsize size = DETENTE_ARTICLE_MAX_SIZE + 1;
    char *big = g_malloc (size);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    memset (big, 'a', size);
    bytes = g_bytes_new_take (big, size);
    g_assert_null (detente_article_read_bytes (bytes, "big.html", &error));
    g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_LARGE);
    g_assert_cmpstr (error->message, ==, "“big.html” is larger than 50 MB, too large for an article");
  }
}

static void
test_dispatch (void)
{
  static const char tagged[] =
    "<div><p>" PARA_A "</p><p>" PARA_B "</p><p>" PARA_C "</p><br><hr><br></div>";
  static const char prose[] =
    "Headline: not a header\n\nWhen x < y and y > z, the <b> tag is not a tag here.\n";
  static const char page_text[] = "<!doctype html><title>T</title><p>" PARA_A "</p>";
  struct { const char *data; const char *name; const char *text; } cases[] = {
    /* By extension, whatever the contents. */
    { page_text, "a.html", PARA_A },
    { page_text, "a.HTM", PARA_A },
    { page_text, "a.xhtml", PARA_A },
    { page_text, "a.shtml", PARA_A },
    { tagged, "a.txt", tagged },
    { "# Head\n\nBody *text*.", "a.md", "Body *text*." },
    { "Body text.", "a.markdown", "Body text." },
    { "Body text.", "a.text", "Body text." },
    { rss, "a.rss", PARA_A "\n\n" PARA_B },
    /* By contents. */
    { page_text, "noext", PARA_A },
    { page_text, "a.unknown", PARA_A },
    { "  <HTML><body><p>Short.</p></body></HTML>", "page", "Short." },
    { tagged, "fragment", PARA_A "\n\n" PARA_B "\n\n" PARA_C },
    { rss, "feed", PARA_A "\n\n" PARA_B },
    { prose, "notes", "When x < y and y > z, the <b> tag is not a tag here." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) articles = read_bytes_ok (cases[i].data, -1, cases[i].name);
      DetenteArticle *a = articles->pdata[0];

      g_assert_cmpstr (a->text, ==, cases[i].text);
      g_assert_true (g_str_has_prefix (a->file_name, cases[i].name));
    }
}

static GBytes *
gzip_bytes (const void *data,
            gsize       length)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (z));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static void
test_dispatch_gzip (void)
{
  g_autoptr(GBytes) page = gzip_bytes (boilerplate_page, strlen (boilerplate_page));
  g_autoptr(GBytes) feed = gzip_bytes (rss, strlen (rss));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = detente_article_read_bytes (page, "ID.html.gz", &error);
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_autoptr(GBytes) cut = NULL;
  gsize length;
  const guint8 *data;

  g_assert_no_error (error);
  g_assert_cmpstr (((DetenteArticle *) a->pdata[0])->file_name, ==, "ID.html.gz");
  g_assert_cmpstr (((DetenteArticle *) a->pdata[0])->title, ==, "Blinken meets Xi in Beijing");
  assert_contains (((DetenteArticle *) a->pdata[0])->text, PARA_C);

  /* Sniffed after inflating, the name saying nothing. */
  b = detente_article_read_bytes (feed, "download", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->len, ==, 4);
  g_assert_cmpstr (((DetenteArticle *) b->pdata[1])->file_name, ==, "download#2");

  /* A truncated file gives what it holds. */
  data = g_bytes_get_data (page, &length);
  cut = g_bytes_new (data, length * 2 / 3);
  c = detente_article_read_bytes (cut, "cut.html.gz", &error);
  g_assert_no_error (error);
  assert_contains (((DetenteArticle *) c->pdata[0])->text, PARA_A);

  /* Small compressed, too large inflated. */
  {
    gsize size = DETENTE_ARTICLE_MAX_SIZE + 1024;
    g_autofree char *big = g_malloc (size);
    g_autoptr(GBytes) bomb = NULL;

    memset (big, ' ', size);
    bomb = gzip_bytes (big, size);
    g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
    g_assert_null (detente_article_read_bytes (bomb, "bomb.html.gz", &error));
    g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_LARGE);
    assert_contains (error->message, "bomb.html.gz");
  }
}

static void
test_read_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("detente-article-XXXXXX", &error);
  g_autofree char *page = g_build_filename (dir, "page.html", NULL);
  g_autofree char *big = g_build_filename (dir, "big.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autoptr(GPtrArray) articles = NULL;
  FILE *f;

  g_assert_no_error (error);
  g_file_set_contents (page, boilerplate_page, -1, &error);
  g_assert_no_error (error);
  articles = detente_article_read_file (page, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((DetenteArticle *) articles->pdata[0])->file_name, ==, page);
  g_assert_cmpstr (((DetenteArticle *) articles->pdata[0])->title, ==, "Blinken meets Xi in Beijing");

  g_assert_null (detente_article_read_file (dir, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  assert_contains (error->message, dir);
  g_clear_error (&error);

  g_assert_null (detente_article_read_file (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_contains (error->message, missing);
  g_clear_error (&error);

  /* Sparse: refused by its size, never read. */
  f = fopen (big, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, DETENTE_ARTICLE_MAX_SIZE, SEEK_SET), ==, 0);
  fputc ('a', f);
  fclose (f);
  g_assert_null (detente_article_read_file (big, NULL, &error));
  g_assert_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_LARGE);
  assert_contains (error->message, big);
  g_clear_error (&error);

  g_remove (page);
  g_remove (big);
  g_rmdir (dir);
}

#define NOBODY 65534

/* Anyone but root reads as themselves; root as nobody, if it may. */
static gboolean
can_become_nobody (void)
{
  int status = 0;
  pid_t pid;

  if (getuid () != 0)
    return TRUE;
  if ((pid = fork ()) == 0)
    _exit (setgroups (0, NULL) == 0 && setgid (NOBODY) == 0 && setuid (NOBODY) == 0 ? 0 : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* A file in a folder that may not be searched: GIO gives it no type
 * rather than an error, and it is no special file. Root reads anything,
 * so the reading runs in a subprocess as nobody. */
static void
test_read_file_denied (void)
{
  const char *dir = g_getenv ("DETENTE_TEST_DENIED_DIR");

  if (g_test_subprocess ())
    {
      g_autofree char *hidden = g_build_filename (dir, "locked", "a.txt", NULL);
      g_autofree char *closed = g_build_filename (dir, "closed.txt", NULL);
      g_autofree char *expected = NULL;
      g_autoptr(GError) error = NULL;

      if (getuid () == 0)
        {
          g_assert_true (setgroups (0, NULL) == 0 && setgid (NOBODY) == 0 && setuid (NOBODY) == 0);
#ifdef __linux__
          /* LeakSanitizer attaches to the process at its exit. */
          prctl (PR_SET_DUMPABLE, 1, 0, 0, 0);
#endif
        }

      g_assert_null (detente_article_read_file (hidden, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      expected = g_strdup_printf ("“%s” cannot be read: permission denied", hidden);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
      g_clear_pointer (&expected, g_free);

      g_assert_null (detente_article_read_file (closed, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      expected = g_strdup_printf ("“%s” cannot be read: permission denied", closed);
      g_assert_cmpstr (error->message, ==, expected);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *tmp = g_dir_make_tmp ("detente-article-XXXXXX", &error);
    g_autofree char *locked = g_build_filename (tmp, "locked", NULL);
    g_autofree char *hidden = g_build_filename (locked, "a.txt", NULL);
    g_autofree char *closed = g_build_filename (tmp, "closed.txt", NULL);

    g_assert_no_error (error);
    g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
    g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
    g_file_set_contents (hidden, "Blinken met Xi.", -1, &error);
    g_assert_no_error (error);
    g_file_set_contents (closed, "Blinken met Xi.", -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_chmod (closed, 0), ==, 0);
    /* Its owner may not search it either. */
    if (getuid () != 0)
      g_assert_cmpint (g_chmod (locked, 0), ==, 0);

    if (can_become_nobody ())
      {
        g_setenv ("DETENTE_TEST_DENIED_DIR", tmp, TRUE);
        g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_unsetenv ("DETENTE_TEST_DENIED_DIR");
      }

    g_chmod (locked, 0700);
    g_remove (hidden);
    g_rmdir (locked);
    g_remove (closed);
    g_rmdir (tmp);

    if (!can_become_nobody ())
      g_test_skip ("running as root without the right to become nobody");
    else
      g_test_trap_assert_passed ();
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/article/encodings", test_encodings);
  g_test_add_func ("/import/article/headers", test_headers);
  g_test_add_func ("/import/article/header-dates", test_header_dates);
  g_test_add_func ("/import/article/headline-byline", test_headline_byline);
  g_test_add_func ("/import/article/markdown", test_markdown);
  g_test_add_func ("/import/article/refusals", test_refusals);
  g_test_add_func ("/import/article/utf16-no-bom", test_utf16_no_bom);
  g_test_add_func ("/import/article/real-articles", test_real_articles);
  g_test_add_func ("/import/html/boilerplate", test_html_boilerplate);
  g_test_add_func ("/import/html/broken", test_html_broken);
  g_test_add_func ("/import/html/deep", test_html_deep);
  g_test_add_func ("/import/html/deep-unclosed", test_html_deep_unclosed);
  g_test_add_func ("/import/html/too-deep", test_html_too_deep);
  g_test_add_func ("/import/html/charsets", test_html_charsets);
  g_test_add_func ("/import/html/entities", test_html_entities);
  g_test_add_func ("/import/html/metadata", test_html_metadata);
  g_test_add_func ("/import/html/json-ld-body", test_html_json_ld_body);
  g_test_add_func ("/import/feed/rss", test_feed_rss);
  g_test_add_func ("/import/feed/atom", test_feed_atom);
  g_test_add_func ("/import/feed/rdf", test_feed_rdf);
  g_test_add_func ("/import/feed/refusals", test_feed_refusals);
  g_test_add_func ("/import/feed/deep", test_feed_deep);
  g_test_add_func ("/import/feed/sniff", test_feed_sniff);
  g_test_add_func ("/import/dispatch/refusals", test_dispatch_refusals);
  g_test_add_func ("/import/dispatch/kinds", test_dispatch);
  g_test_add_func ("/import/dispatch/gzip", test_dispatch_gzip);
  g_test_add_func ("/import/dispatch/read-file", test_read_file);
  g_test_add_func ("/import/dispatch/read-file-denied", test_read_file_denied);

  return g_test_run ();
}
