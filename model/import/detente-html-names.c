/* detente-html-names.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-html-private.h"

/* What a page's class, id, role and style attributes say about an
 * element: that it is the article ("article-body", itemprop=articleBody)
 * or page furniture ("sidebar", "related", "share"), a caption, a byline,
 * or hidden. The word lists follow Mozilla's Readability, with the
 * furniture of today's news sites added. */

/**
 * _detente_html_attr:
 * @element: an element
 * @name: an attribute's name, any case
 *
 * Returns: (nullable) (transfer none): its value, "" for an attribute
 *   without one, or %NULL if @element has no such attribute
 */
const char *
_detente_html_attr (xmlNode    *element,
                    const char *name)
{
  for (xmlAttr *a = element->properties; a != NULL; a = a->next)
    if (g_ascii_strcasecmp ((const char *) a->name, name) == 0)
      return a->children != NULL && a->children->content != NULL ? (const char *) a->children->content : "";
  return NULL;
}

/* Whether @names, split into words at punctuation and at camelCase
 * humps, has a word in @words. Short names such as "ad" or "nav" would
 * match inside "header" or "canvas" as substrings. */
static gboolean
has_word (const char         *names,
          const char * const *words,
          gboolean            prefix)
{
  const char *p = names;

  while (*p)
    {
      const char *start;
      gsize len;

      while (*p && !g_ascii_isalnum (*p))
        p++;
      start = p;
      if (*p)
        p++;
      while (*p && g_ascii_isalnum (*p) && !(g_ascii_isupper (*p) && g_ascii_islower (p[-1])))
        p++;
      len = p - start;
      if (len == 0)
        break;
      for (guint i = 0; words[i] != NULL; i++)
        if ((prefix ? len >= strlen (words[i]) : len == strlen (words[i])) &&
            g_ascii_strncasecmp (start, words[i], strlen (words[i])) == 0)
          return TRUE;
    }
  return FALSE;
}

static const char * const unlikely_names[] = {
  "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap",
  "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
  "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
  "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "cookie", "newsletter",
  "subscribe", "outbrain", "taboola", NULL,
};

static const char * const maybe_names[] = {
  "and", "article", "body", "column", "content", "main", "shadow", "mathjax", "embed", "tweet",
  NULL,
};

static const char * const negative_names[] = {
  "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
  "masthead", "meta", "outbrain", "taboola", "promo", "related", "scroll", "share",
  "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "social",
  "newsletter", "cookie", "subscribe", "menu", "breadcrumb", "caption", "credit", "recommend",
  "trending", "popular", "mostread", "most-read", "teaser", NULL,
};

static const char * const negative_words[] = {
  "ad", "ads", "adv", "advert", "advertisement", "advertising", "adslot", "adunit", "dfp",
  "hid", "rail", NULL,
};

static const char * const negative_prefixes[] = { "nav", NULL };

static const char * const share_words[] = { "share", "sharedaddy", "sharing", NULL };

static const char * const positive_names[] = {
  "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
  "post", "text", "blog", "story", NULL,
};

static const char * const unlikely_roles[] = {
  "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", NULL,
};

static gboolean
is_hidden (xmlNode *node)
{
  const char *style = _detente_html_attr (node, "style");
  const char *aria = _detente_html_attr (node, "aria-hidden");

  if (_detente_html_attr (node, "hidden") != NULL)
    return TRUE;
  if (aria != NULL && g_ascii_strcasecmp (aria, "true") == 0)
    return TRUE;
  if (style != NULL)
    {
      g_autofree char *compact = g_ascii_strdown (style, -1);
      char *w = compact;

      for (const char *r = compact; *r; r++)
        if (!g_ascii_isspace (*r))
          *w++ = *r;
      *w = '\0';
      if (strstr (compact, "display:none") || strstr (compact, "visibility:hidden"))
        return TRUE;
    }
  return FALSE;
}

/* Class names that hide an element in every common stylesheet
 * framework: "hidden", Bootstrap's "d-none" (unless a "d-md-block" or
 * the like shows it on larger screens), screen-reader-only text. */
static gboolean
hiding_class (const char *cls)
{
  static const char * const hiding[] = {
    "hidden", "hide", "d-none", "sr-only", "visually-hidden", "visuallyhidden",
    "screen-reader-text", "screen-reader-only", "print-only", "visible-print", "off-screen",
    "offscreen", "robots-nocontent", NULL,
  };
  g_auto(GStrv) words = g_strsplit_set (cls, " \t\r\n", -1);
  gboolean hidden = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_strv_contains ((const char * const *) hiding, words[i]))
        hidden = TRUE;
      else if (g_str_has_prefix (words[i], "d-") && !g_str_has_prefix (words[i], "d-print") &&
               (g_str_has_suffix (words[i], "-block") || g_str_has_suffix (words[i], "-flex") ||
                g_str_has_suffix (words[i], "-inline") || g_str_has_suffix (words[i], "-inline-block") ||
                g_str_has_suffix (words[i], "-grid") || g_str_has_suffix (words[i], "-table")))
        return FALSE;
    }
  return hidden;
}

static const char * const date_words[] = {
  "date", "dates", "time", "timestamp", "pubdate", "published", "updated", "posted", "dateline",
  "datetime", "postdate", "publishdate", NULL,
};

/* What one class or id value says; a page repeats its class names, so
 * each value is judged once per page. */
enum
{
  NAME_NEGATIVE = 1 << 0,
  NAME_POSITIVE = 1 << 1,
  NAME_UNLIKELY = 1 << 2,
  NAME_MAYBE    = 1 << 3,
  NAME_EMBED    = 1 << 4,
  NAME_CAPTION  = 1 << 5,
  NAME_SHARE    = 1 << 6,
  NAME_BYLINE   = 1 << 7,
  NAME_HIDING   = 1 << 8,
  NAME_JUDGED   = 1 << 9,
  NAME_MAYBE_HIDING = 1 << 10,
};

static const char * const embed_names[] = { "embed", "tweet", NULL };
static const char * const caption_names[] = { "caption", "credit", "copyright", NULL };
static const char * const byline_names[] = { "byline", "author", "dateline", "writtenby", "p-author", NULL };
/* What every hiding class name holds, to split only names that may hide. */
static const char * const hiding_hints[] = {
  "hid", "d-none", "sr-only", "screen", "print", "offscreen", "off-screen", "nocontent", NULL,
};

/* The substrings above, filed by their first letter: every id on a page
 * is judged, so one pass over it beats a strstr() per word. */
typedef struct
{
  const char *text;
  gsize       len;
  guint       flags;
} Needle;

typedef struct
{
  guint   n;
  Needle *needles;
} Bucket;

static Bucket buckets[128];

static void
index_needles (void)
{
  static gsize done = 0;
  const struct { const char * const *words; guint flag; } lists[] = {
    { negative_names, NAME_NEGATIVE }, { positive_names, NAME_POSITIVE },
    { unlikely_names, NAME_UNLIKELY }, { maybe_names, NAME_MAYBE }, { embed_names, NAME_EMBED },
    { caption_names, NAME_CAPTION }, { byline_names, NAME_BYLINE },
    { hiding_hints, NAME_MAYBE_HIDING },
  };

  if (!g_once_init_enter (&done))
    return;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l].words[i] != NULL; i++)
      {
        Bucket *b = &buckets[(guchar) lists[l].words[i][0] & 0x7F];
        guint k;

        for (k = 0; k < b->n && strcmp (b->needles[k].text, lists[l].words[i]) != 0; k++)
          ;
        if (k == b->n)
          {
            /* Lives as long as the program, like the lists. */
            b->needles = g_renew (Needle, b->needles, b->n + 1);
            b->needles[k].text = lists[l].words[i];
            b->needles[k].len = strlen (lists[l].words[i]);
            b->needles[k].flags = 0;
            b->n++;
          }
        b->needles[k].flags |= lists[l].flag;
      }
  g_once_init_leave (&done, 1);
}

static guint
judge_name (const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  guint flags = NAME_JUDGED;

  index_needles ();
  for (const char *p = lower; *p; p++)
    {
      const Bucket *b;

      if ((guchar) *p >= 0x80)
        continue;
      b = &buckets[(guchar) *p];
      for (guint k = 0; k < b->n; k++)
        if (strncmp (p, b->needles[k].text, b->needles[k].len) == 0)
          flags |= b->needles[k].flags;
    }
  if (has_word (value, negative_words, FALSE))
    flags |= NAME_NEGATIVE | NAME_UNLIKELY;
  if (has_word (value, negative_prefixes, TRUE))
    flags |= NAME_NEGATIVE;
  if (has_word (value, share_words, FALSE))
    flags |= NAME_SHARE;
  if (has_word (value, date_words, FALSE))
    flags |= NAME_BYLINE;
  if ((flags & NAME_MAYBE_HIDING) && hiding_class (value))
    flags |= NAME_HIDING;
  return flags;
}

static guint
name_flags (const char *value,
            GHashTable *cache)
{
  guint flags;

  if (value == NULL || *value == '\0')
    return 0;
  if (cache == NULL)
    return judge_name (value);
  flags = GPOINTER_TO_UINT (g_hash_table_lookup (cache, value));
  if (flags == 0)
    {
      flags = judge_name (value);
      g_hash_table_insert (cache, g_strdup (value), GUINT_TO_POINTER (flags));
    }
  return flags;
}

static int
name_weight (guint flags)
{
  return ((flags & NAME_NEGATIVE) ? -25 : 0) + ((flags & NAME_POSITIVE) ? 25 : 0);
}

/**
 * _detente_html_hints:
 * @element: an element
 * @cache: (nullable): a table from g_hash_table_new_full (g_str_hash,
 *   g_str_equal, g_free, NULL) that lives as long as the page, to judge
 *   each class name once
 * @hints: (out caller-allocates): what its attributes say
 */
void
_detente_html_hints (xmlNode          *element,
                     GHashTable       *cache,
                     DetenteHtmlHints *hints)
{
  const char *cls = _detente_html_attr (element, "class");
  const char *id = _detente_html_attr (element, "id");
  const char *role = _detente_html_attr (element, "role");
  const char *itemprop = _detente_html_attr (element, "itemprop");
  const char *rel = _detente_html_attr (element, "rel");
  guint cf = name_flags (cls, cache);
  guint idf = name_flags (id, cache);
  guint both = cf | idf;

  memset (hints, 0, sizeof *hints);
  hints->hidden = is_hidden (element) || (cf & NAME_HIDING) ||
                  (_detente_html_attr (element, "aria-modal") != NULL && g_strcmp0 (role, "dialog") == 0);
  hints->weight = name_weight (cf) + name_weight (idf);
  /* Embedded posts (tweets and the like) are quoted as part of the story,
   * whatever "social" their class names say. */
  hints->embed = (both & NAME_EMBED) != 0;
  if (hints->embed)
    hints->weight = MAX (hints->weight, 0);
  if (itemprop != NULL && strstr (itemprop, "articleBody") != NULL)
    hints->weight += 50;
  if (role != NULL && g_ascii_strcasecmp (role, "main") == 0)
    hints->weight += 10;
  hints->unlikely_role = role != NULL && g_strv_contains ((const char * const *) unlikely_roles, role);
  hints->unlikely = (both & NAME_UNLIKELY) && !(both & NAME_MAYBE);
  hints->byline = (both & NAME_BYLINE) || (rel != NULL && g_ascii_strcasecmp (rel, "author") == 0) ||
                  (itemprop != NULL && (strstr (itemprop, "author") != NULL || strstr (itemprop, "date") != NULL));
  hints->caption = (both & NAME_CAPTION) != 0;
  hints->share = (both & NAME_SHARE) != 0;
}
