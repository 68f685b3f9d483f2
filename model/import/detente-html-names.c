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

static gboolean
contains_any (const char         *haystack,
              const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (haystack, needles[i]) != NULL)
      return TRUE;
  return FALSE;
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

static int
name_weight (const char *value)
{
  g_autofree char *lower = NULL;
  int weight = 0;

  if (value == NULL || *value == '\0')
    return 0;
  lower = g_ascii_strdown (value, -1);
  if (contains_any (lower, negative_names) || has_word (value, negative_words, FALSE) ||
      has_word (value, negative_prefixes, TRUE))
    weight -= 25;
  if (contains_any (lower, positive_names))
    weight += 25;
  return weight;
}

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
hidden_by_class (xmlNode *node)
{
  static const char * const hiding[] = {
    "hidden", "hide", "d-none", "sr-only", "visually-hidden", "visuallyhidden",
    "screen-reader-text", "screen-reader-only", "print-only", "visible-print", "off-screen",
    "offscreen", "robots-nocontent", NULL,
  };
  const char *cls = _detente_html_attr (node, "class");
  g_auto(GStrv) words = NULL;
  gboolean hidden = FALSE;

  if (cls == NULL)
    return FALSE;
  words = g_strsplit_set (cls, " \t\r\n", -1);
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

static gboolean
is_byline_node (xmlNode *node)
{
  const char *rel = _detente_html_attr (node, "rel");
  const char *itemprop = _detente_html_attr (node, "itemprop");
  const char *cls = _detente_html_attr (node, "class");
  const char *id = _detente_html_attr (node, "id");
  g_autofree char *names = g_ascii_strdown (cls ? cls : "", -1);
  g_autofree char *ids = g_ascii_strdown (id ? id : "", -1);
  static const char * const byline[] = { "byline", "author", "dateline", "writtenby", "p-author", NULL };

  return (rel != NULL && g_ascii_strcasecmp (rel, "author") == 0) ||
         (itemprop != NULL && (strstr (itemprop, "author") != NULL || strstr (itemprop, "date") != NULL)) ||
         contains_any (names, byline) || contains_any (ids, byline) ||
         (cls != NULL && has_word (cls, date_words, FALSE)) || (id != NULL && has_word (id, date_words, FALSE));
}

/**
 * _detente_html_hints:
 * @element: an element
 * @hints: (out caller-allocates): what its attributes say
 */
void
_detente_html_hints (xmlNode          *element,
                     DetenteHtmlHints *hints)
{
  const char *cls = _detente_html_attr (element, "class");
  const char *id = _detente_html_attr (element, "id");
  const char *role = _detente_html_attr (element, "role");
  const char *itemprop = _detente_html_attr (element, "itemprop");
  g_autofree char *names = g_strconcat (cls ? cls : "", " ", id ? id : "", NULL);
  g_autofree char *lower = g_ascii_strdown (names, -1);

  memset (hints, 0, sizeof *hints);
  hints->hidden = is_hidden (element) || hidden_by_class (element) ||
                  (_detente_html_attr (element, "aria-modal") != NULL && g_strcmp0 (role, "dialog") == 0);
  hints->weight = name_weight (cls) + name_weight (id);
  /* Embedded posts (tweets and the like) are quoted as part of the story,
   * whatever "social" their class names say. */
  hints->embed = strstr (lower, "embed") != NULL || strstr (lower, "tweet") != NULL;
  if (hints->embed)
    hints->weight = MAX (hints->weight, 0);
  if (itemprop != NULL && strstr (itemprop, "articleBody") != NULL)
    hints->weight += 50;
  if (role != NULL && g_ascii_strcasecmp (role, "main") == 0)
    hints->weight += 10;
  hints->unlikely_role = role != NULL && g_strv_contains ((const char * const *) unlikely_roles, role);
  hints->unlikely = (contains_any (lower, unlikely_names) || has_word (names, negative_words, FALSE)) &&
                    !contains_any (lower, maybe_names);
  hints->byline = is_byline_node (element);
  hints->caption = strstr (lower, "caption") != NULL || strstr (lower, "credit") != NULL ||
                   strstr (lower, "copyright") != NULL;
  hints->share = has_word (names, share_words, FALSE);
}
