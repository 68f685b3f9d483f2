/* detente-html-content.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-html-private.h"

/* Finding the main text of a web page, after Mozilla's Readability:
 * paragraphs score their ancestors by how much prose they hold; class and
 * id names, tags and link density adjust the scores; the best candidate
 * and its kin siblings are the content; lists, tables and blocks inside it
 * that look like page furniture are cleaned away. A pass that finds too
 * little text is retried with fewer rules. Every walk over the tree is
 * iterative, because a hostile page may nest deeper than the stack. */

#define MIN_PARAGRAPH 25
#define ENOUGH_TEXT 500

enum
{
  T_DROP    = 1 << 0,   /* never text: scripts, styles, media, form controls */
  T_BLOCK   = 1 << 1,   /* starts and ends a paragraph of output */
  T_SCORE   = 1 << 2,   /* a paragraph whose text scores its ancestors */
  T_DIVLIKE = 1 << 3,   /* a container, or a paragraph when it holds no block */
  T_FURNITURE = 1 << 4, /* page furniture: nav, aside, header, footer */
  T_HEADING = 1 << 5,
  T_PBLOCK  = 1 << 6,   /* keeps a div from being a paragraph */
};

typedef enum
{
  TAG_OTHER,
  TAG_A, TAG_ARTICLE, TAG_BLOCKQUOTE, TAG_BODY, TAG_BR, TAG_CAPTION, TAG_CODE,
  TAG_COLGROUP, TAG_DD, TAG_DIV, TAG_DL, TAG_DT, TAG_EMBED, TAG_FIGCAPTION, TAG_FIGURE,
  TAG_FORM, TAG_H1, TAG_H2, TAG_H3, TAG_H4, TAG_H5, TAG_H6, TAG_HR, TAG_IFRAME, TAG_IMG,
  TAG_INPUT, TAG_LI, TAG_MAIN, TAG_OBJECT, TAG_OL, TAG_P, TAG_PRE, TAG_SECTION, TAG_TABLE,
  TAG_TBODY, TAG_TD, TAG_TFOOT, TAG_TH, TAG_THEAD, TAG_TR, TAG_UL, TAG_VIDEO, TAG_FIELDSET,
  TAG_ADDRESS, TAG_HEADER, TAG_FOOTER, TAG_NAV, TAG_ASIDE, TAG_SELECT, TAG_TEXTAREA,
  TAG_BUTTON, TAG_TIME,
} Tag;

typedef struct
{
  const char *name;
  guint16     tag;
  guint16     flags;
} TagInfo;

/* Sorted by name, for bsearch. */
static const TagInfo tags[] = {
  { "a", TAG_A, 0 },
  { "address", TAG_ADDRESS, T_BLOCK },
  { "applet", TAG_OTHER, T_DROP },
  { "article", TAG_ARTICLE, T_BLOCK | T_DIVLIKE },
  { "aside", TAG_ASIDE, T_BLOCK | T_FURNITURE },
  { "audio", TAG_OTHER, T_DROP },
  { "base", TAG_OTHER, T_DROP },
  { "blockquote", TAG_BLOCKQUOTE, T_BLOCK | T_PBLOCK },
  { "body", TAG_BODY, T_BLOCK },
  { "br", TAG_BR, 0 },
  { "button", TAG_BUTTON, T_DROP },
  { "canvas", TAG_OTHER, T_DROP },
  { "caption", TAG_CAPTION, T_BLOCK },
  { "center", TAG_OTHER, T_BLOCK | T_DIVLIKE },
  { "code", TAG_CODE, 0 },
  { "colgroup", TAG_COLGROUP, T_DROP },
  { "datalist", TAG_OTHER, T_DROP },
  { "dd", TAG_DD, T_BLOCK },
  { "details", TAG_OTHER, T_BLOCK },
  { "dialog", TAG_OTHER, T_DROP },
  { "dir", TAG_OTHER, T_BLOCK },
  { "div", TAG_DIV, T_BLOCK | T_DIVLIKE | T_PBLOCK },
  { "dl", TAG_DL, T_BLOCK | T_PBLOCK },
  { "dt", TAG_DT, T_BLOCK },
  { "embed", TAG_EMBED, T_DROP },
  { "fieldset", TAG_FIELDSET, T_BLOCK },
  { "figcaption", TAG_FIGCAPTION, T_BLOCK },
  { "figure", TAG_FIGURE, T_BLOCK },
  { "footer", TAG_FOOTER, T_BLOCK | T_FURNITURE },
  { "form", TAG_FORM, T_BLOCK },
  { "frame", TAG_OTHER, T_DROP },
  { "frameset", TAG_OTHER, T_DROP },
  { "h1", TAG_H1, T_BLOCK | T_HEADING },
  { "h2", TAG_H2, T_BLOCK | T_HEADING | T_SCORE },
  { "h3", TAG_H3, T_BLOCK | T_HEADING | T_SCORE },
  { "h4", TAG_H4, T_BLOCK | T_HEADING | T_SCORE },
  { "h5", TAG_H5, T_BLOCK | T_HEADING | T_SCORE },
  { "h6", TAG_H6, T_BLOCK | T_HEADING | T_SCORE },
  { "head", TAG_OTHER, T_DROP },
  { "header", TAG_HEADER, T_BLOCK | T_FURNITURE },
  { "hgroup", TAG_OTHER, T_BLOCK },
  { "hr", TAG_HR, T_BLOCK },
  { "html", TAG_OTHER, T_BLOCK },
  { "iframe", TAG_IFRAME, T_DROP },
  { "img", TAG_IMG, T_DROP | T_PBLOCK },
  { "input", TAG_INPUT, T_DROP },
  { "legend", TAG_OTHER, T_BLOCK },
  { "li", TAG_LI, T_BLOCK },
  { "link", TAG_OTHER, T_DROP },
  { "main", TAG_MAIN, T_BLOCK | T_DIVLIKE },
  { "map", TAG_OTHER, T_DROP },
  { "menu", TAG_OTHER, T_BLOCK },
  { "meta", TAG_OTHER, T_DROP },
  { "nav", TAG_NAV, T_BLOCK | T_FURNITURE },
  { "noscript", TAG_OTHER, T_DROP },
  { "object", TAG_OBJECT, T_DROP },
  { "ol", TAG_OL, T_BLOCK | T_PBLOCK },
  { "optgroup", TAG_OTHER, T_DROP },
  { "option", TAG_OTHER, T_DROP },
  { "output", TAG_OTHER, T_DROP },
  { "p", TAG_P, T_BLOCK | T_SCORE | T_PBLOCK },
  { "param", TAG_OTHER, T_DROP },
  { "picture", TAG_OTHER, T_DROP },
  { "pre", TAG_PRE, T_BLOCK | T_SCORE | T_PBLOCK },
  { "progress", TAG_OTHER, T_DROP },
  { "script", TAG_OTHER, T_DROP },
  { "section", TAG_SECTION, T_BLOCK | T_DIVLIKE },
  { "select", TAG_SELECT, T_DROP },
  { "source", TAG_OTHER, T_DROP },
  { "style", TAG_OTHER, T_DROP },
  { "summary", TAG_OTHER, T_BLOCK },
  { "svg", TAG_OTHER, T_DROP },
  { "table", TAG_TABLE, T_BLOCK | T_PBLOCK },
  { "tbody", TAG_TBODY, T_BLOCK },
  { "td", TAG_TD, T_SCORE },
  { "template", TAG_OTHER, T_DROP },
  { "textarea", TAG_TEXTAREA, T_DROP },
  { "tfoot", TAG_TFOOT, T_BLOCK },
  { "th", TAG_TH, 0 },
  { "thead", TAG_THEAD, T_BLOCK },
  { "time", TAG_TIME, 0 },
  { "title", TAG_OTHER, T_DROP },
  { "tr", TAG_TR, 0 },
  { "track", TAG_OTHER, T_DROP },
  { "ul", TAG_UL, T_BLOCK | T_PBLOCK },
  { "video", TAG_VIDEO, T_DROP },
};

/* What a pass may use; each retry drops one, as Readability does. */
enum
{
  PASS_STRIP_UNLIKELY = 1 << 0,
  PASS_WEIGHT_CLASSES = 1 << 1,
  PASS_CLEAN          = 1 << 2,
};

typedef struct
{
  double  score;
  guint   text;      /* characters of text in the subtree, whitespace runs as one */
  guint   links;     /* of those, inside links */
  guint   headings;  /* of those, inside headings */
  guint   commas;
  guint   n_p;       /* descendants of each kind, for the cleaning rules */
  guint   n_img;
  guint   n_li;
  guint   n_input;
  guint   n_embed;
  guint   n_list_text;
  gint16  weight;    /* from class and id names */
  guint16 tag;
  guint16 flags;
  guint   always_drop : 1;
  guint   unlikely : 1;  /* class, id or role say boilerplate */
  guint   byline : 1;
  guint   dropped : 1;   /* left out in this pass */
  guint   removed : 1;   /* cleaned out of the content */
  guint   candidate : 1;
  guint   block_desc : 1;
  guint   double_br : 1;
  guint   caption : 1;   /* class or id says caption or credit */
  guint   embed : 1;     /* class or id says embedded post */
  guint   share : 1;     /* class or id says share buttons */
  guint   popup : 1;     /* a card that pops up over a link */
} NodeInfo;

typedef struct
{
  xmlNode  *body;
  NodeInfo *infos;
  guint     n_infos;
  guint     pass;
  const char *title;
  xmlNode  *core;  /* the best candidate before climbing */
} Extractor;

static inline NodeInfo *
info_of (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE ? node->_private : NULL;
}

/* The next node after @node in document order below @root, not entering
 * @node's children when @skip is set. */
static xmlNode *
next_node (xmlNode  *node,
           xmlNode  *root,
           gboolean  skip)
{
  if (!skip && node->type == XML_ELEMENT_NODE && node->children != NULL)
    return node->children;
  while (node != root)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }
  return NULL;
}

static int
compare_tag (const void *key,
             const void *item)
{
  return strcmp (key, ((const TagInfo *) item)->name);
}

static const TagInfo *
lookup_tag (const xmlChar *name)
{
  return bsearch (name, tags, G_N_ELEMENTS (tags), sizeof tags[0], compare_tag);
}

static const char *
attr (xmlNode    *node,
      const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
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
  const char *style = attr (node, "style");
  const char *aria = attr (node, "aria-hidden");

  if (attr (node, "hidden") != NULL)
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
  const char *cls = attr (node, "class");
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
  const char *rel = attr (node, "rel");
  const char *itemprop = attr (node, "itemprop");
  const char *cls = attr (node, "class");
  const char *id = attr (node, "id");
  g_autofree char *names = g_ascii_strdown (cls ? cls : "", -1);
  g_autofree char *ids = g_ascii_strdown (id ? id : "", -1);
  static const char * const byline[] = { "byline", "author", "dateline", "writtenby", "p-author", NULL };

  return (rel != NULL && g_ascii_strcasecmp (rel, "author") == 0) ||
         (itemprop != NULL && (strstr (itemprop, "author") != NULL || strstr (itemprop, "date") != NULL)) ||
         contains_any (names, byline) || contains_any (ids, byline) ||
         (cls != NULL && has_word (cls, date_words, FALSE)) || (id != NULL && has_word (id, date_words, FALSE));
}

/* Tags, names and visibility, once per document. */
static gboolean
setup_infos (Extractor *ex,
             xmlNode   *root)
{
  guint n = 0;
  guint i = 0;

  for (xmlNode *node = root; node != NULL; node = next_node (node, root, FALSE))
    if (node->type == XML_ELEMENT_NODE)
      n++;
  ex->infos = g_new0 (NodeInfo, MAX (n, 1));
  ex->n_infos = n;

  for (xmlNode *node = root; node != NULL; node = next_node (node, root, FALSE))
    {
      NodeInfo *info;
      const TagInfo *ti;
      const char *cls, *id, *role, *itemprop;
      g_autofree char *names = NULL;
      g_autofree char *lower = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      info = &ex->infos[i++];
      node->_private = info;
      ti = lookup_tag (node->name);
      if (ti != NULL)
        {
          info->tag = ti->tag;
          info->flags = ti->flags;
        }
      info->always_drop = (info->flags & T_DROP) != 0 || is_hidden (node) || hidden_by_class (node);
      if (node->ns != NULL && node->ns->prefix != NULL)
        info->always_drop = TRUE;

      cls = attr (node, "class");
      id = attr (node, "id");
      role = attr (node, "role");
      itemprop = attr (node, "itemprop");
      names = g_strconcat (cls ? cls : "", " ", id ? id : "", NULL);
      lower = g_ascii_strdown (names, -1);
      info->weight = name_weight (cls) + name_weight (id);
      /* Embedded posts (tweets and the like) are quoted as part of the
       * story, whatever "social" their class names say. */
      info->embed = strstr (lower, "embed") != NULL || strstr (lower, "tweet") != NULL;
      if (info->embed)
        info->weight = MAX (info->weight, 0);
      if (itemprop != NULL && strstr (itemprop, "articleBody") != NULL)
        info->weight += 50;
      if (role != NULL && g_ascii_strcasecmp (role, "main") == 0)
        info->weight += 10;
      if (role != NULL && g_strv_contains ((const char * const *) unlikely_roles, role))
        info->unlikely = TRUE;
      if (attr (node, "aria-modal") != NULL && role != NULL && g_str_equal (role, "dialog"))
        info->always_drop = TRUE;

      if (info->tag != TAG_BODY && info->tag != TAG_A && node != root &&
          (contains_any (lower, unlikely_names) || has_word (names, negative_words, FALSE)) &&
          !contains_any (lower, maybe_names))
        info->unlikely = TRUE;
      if (info->flags & T_FURNITURE)
        info->unlikely = TRUE;
      info->byline = is_byline_node (node);
      info->caption = strstr (lower, "caption") != NULL || strstr (lower, "credit") != NULL ||
                      strstr (lower, "copyright") != NULL;
      info->share = has_word (names, share_words, FALSE);
    }
  return n > 0;
}

/* Text measures --------------------------------------------------------- */

static inline gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 ||
         c == 0x3000 || (c >= 0x2000 && c <= 0x200B);
}

static inline gboolean
is_comma (gunichar c)
{
  return c == ',' || c == 0x060C || c == 0xFE50 || c == 0xFE10 || c == 0xFE11 || c == 0x2E41 ||
         c == 0x2E34 || c == 0x2E32 || c == 0xFF0C || c == 0x3001;
}

static void
measure_text (const char *text,
              guint      *chars,
              guint      *commas)
{
  gboolean space = TRUE;

  *chars = 0;
  *commas = 0;
  if (text == NULL)
    return;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (is_space_char (c))
        {
          if (!space)
            (*chars)++;
          space = TRUE;
          continue;
        }
      space = FALSE;
      (*chars)++;
      if (is_comma (c))
        (*commas)++;
    }
}

static gboolean
excluded (Extractor *ex,
          NodeInfo  *info)
{
  if (info->always_drop || info->removed || info->popup)
    return TRUE;
  if ((ex->pass & PASS_STRIP_UNLIKELY) && info->unlikely)
    return TRUE;
  return FALSE;
}

static void
add_counts (NodeInfo *to,
            NodeInfo *from,
            gboolean  child)
{
  to->text += from->text;
  to->links += from->links;
  to->headings += from->headings;
  to->commas += from->commas;
  to->n_p += from->n_p;
  to->n_img += from->n_img;
  to->n_li += from->n_li;
  to->n_input += from->n_input;
  to->n_embed += from->n_embed;
  to->n_list_text += from->n_list_text;
  to->block_desc |= from->block_desc;
  if (!child)
    return;
  to->n_p += from->tag == TAG_P;
  to->n_img += from->tag == TAG_IMG;
  to->n_li += from->tag == TAG_LI;
  to->n_input += from->tag == TAG_INPUT || from->tag == TAG_SELECT || from->tag == TAG_TEXTAREA;
  to->n_embed += from->tag == TAG_EMBED || from->tag == TAG_OBJECT || from->tag == TAG_IFRAME ||
                 from->tag == TAG_VIDEO;
  to->block_desc |= (from->flags & T_PBLOCK) != 0;
}

/* A heading that repeats the page's title is the headline, not a
 * section of the text. */
static gboolean
repeats_title (Extractor *ex,
               xmlNode   *node)
{
  g_autofree char *text = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (ex->title == NULL || info_of (node)->text > 4 * strlen (ex->title) + 8)
    return FALSE;
  text = _detente_html_node_text (node);
  a = g_utf8_casefold (text, -1);
  b = g_utf8_casefold (ex->title, -1);
  return *a != '\0' && g_str_equal (a, b);
}

/* Whether @node sits in a paragraph of running text, where a date is
 * part of a sentence rather than a timestamp. */
static gboolean
in_prose (xmlNode *node,
          xmlNode *root)
{
  for (xmlNode *a = node->parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
    {
      NodeInfo *info = info_of (a);

      if (info->tag == TAG_P || info->tag == TAG_LI || info->tag == TAG_TD || info->tag == TAG_BLOCKQUOTE ||
          info->tag == TAG_DD)
        return info->text > 0 && info->text >= 2 * info_of (node)->text + 20;
      if (a == root)
        break;
    }
  return FALSE;
}

/* A card that pops up over a name in a paragraph (a picture and links to
 * more stories), which stylesheets hide until the pointer comes. */
static gboolean
is_popup_card (xmlNode *node)
{
  NodeInfo *info = info_of (node);

  if ((info->flags & (T_BLOCK | T_PBLOCK)) || info->tag == TAG_A || info->n_img == 0 ||
      info->text == 0 || info->links * 2 <= info->text)
    return FALSE;
  for (xmlNode *a = node->parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (info_of (a)->tag == TAG_P)
      return TRUE;
  return FALSE;
}

/* Every element's measures for this pass, children before parents. */
static void
measure (Extractor *ex,
         xmlNode   *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      NodeInfo *info = info_of (node);
      gboolean skip = FALSE;

      if (info != NULL)
        {
          memset (info, 0, G_STRUCT_OFFSET (NodeInfo, weight));
          info->dropped = excluded (ex, info);
          info->candidate = FALSE;
          info->block_desc = FALSE;
          info->double_br = FALSE;
          skip = info->dropped;
        }

      if (!skip && node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      /* Leave @node and every ancestor whose last child it closes. */
      for (;;)
        {
          NodeInfo *parent = node != root && node->parent != NULL ? info_of (node->parent) : NULL;

          info = info_of (node);
          if (parent != NULL)
            {
              if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
                {
                  guint chars, commas;

                  measure_text ((const char *) node->content, &chars, &commas);
                  parent->text += chars;
                  parent->commas += commas;
                }
              else if (info != NULL && !info->dropped && is_popup_card (node))
                info->dropped = info->popup = TRUE;
              else if (info != NULL && !info->dropped)
                {
                  if (info->tag == TAG_A)
                    info->links = info->text;
                  if (info->flags & T_HEADING)
                    info->headings = info->text;
                  if (info->tag == TAG_UL || info->tag == TAG_OL)
                    info->n_list_text = info->text;
                  add_counts (parent, info, TRUE);
                }
              else if (info != NULL)
                {
                  /* Media and controls still count for the cleaning rules. */
                  NodeInfo empty = { 0 };

                  empty.tag = info->tag;
                  empty.flags = info->flags & T_PBLOCK;
                  if (info->always_drop && !info->removed)
                    add_counts (parent, &empty, TRUE);
                }
            }
          if (node == root)
            return;
          if (node->next != NULL)
            {
              node = node->next;
              break;
            }
          node = node->parent;
        }
    }
}

static double
link_density (NodeInfo *info)
{
  return info->text > 0 ? (double) info->links / info->text : 0.0;
}

/* Scoring ---------------------------------------------------------------- */

static void
init_candidate (Extractor *ex,
                NodeInfo  *info)
{
  double base = 0;

  switch (info->tag)
    {
    case TAG_DIV:
    case TAG_SECTION:
    case TAG_MAIN:
      base = 5;
      break;
    case TAG_ARTICLE:
      base = 10;
      break;
    case TAG_PRE:
    case TAG_TD:
    case TAG_BLOCKQUOTE:
      base = 3;
      break;
    case TAG_ADDRESS:
    case TAG_OL:
    case TAG_UL:
    case TAG_DL:
    case TAG_DD:
    case TAG_DT:
    case TAG_LI:
    case TAG_FORM:
      base = -3;
      break;
    case TAG_H1:
    case TAG_H2:
    case TAG_H3:
    case TAG_H4:
    case TAG_H5:
    case TAG_H6:
    case TAG_TH:
      base = -5;
      break;
    default:
      break;
    }
  if (ex->pass & PASS_WEIGHT_CLASSES)
    base += info->weight;
  info->score = base;
  info->candidate = TRUE;
}

/* Gives a paragraph's score to its ancestors: all of it to the first,
 * half to the second, less the further up. */
static void
score_paragraph (Extractor *ex,
                 xmlNode   *first,
                 guint      length,
                 guint      commas)
{
  double score;
  int level = 0;

  if (length < MIN_PARAGRAPH)
    return;
  score = 1 + commas + MIN (length / 100, 3);
  for (xmlNode *a = first; a != NULL && a->type == XML_ELEMENT_NODE && level < 5; a = a->parent, level++)
    {
      NodeInfo *info = info_of (a);

      if (a->parent == NULL || a->parent->type != XML_ELEMENT_NODE)
        break;
      if (!info->candidate)
        init_candidate (ex, info);
      info->score += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
    }
}

static gboolean
is_phrasing (xmlNode *node)
{
  NodeInfo *info = info_of (node);

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    return TRUE;
  if (info == NULL)
    return FALSE;
  return !(info->flags & (T_BLOCK | T_PBLOCK)) && info->tag != TAG_BR && !info->block_desc;
}

/* A container's loose text: each run of text and inline elements between
 * its blocks (or between double line breaks) is a paragraph of its own. */
static void
score_runs (Extractor *ex,
            xmlNode   *container)
{
  guint length = 0, commas = 0;
  gboolean br = FALSE;

  for (xmlNode *c = container->children; ; c = c->next)
    {
      NodeInfo *info = c != NULL ? info_of (c) : NULL;
      gboolean end = c == NULL;

      if (c != NULL && info != NULL && info->dropped)
        continue;
      if (c != NULL && info != NULL && info->tag == TAG_BR)
        {
          end = br;
          br = TRUE;
        }
      else if (c != NULL && is_phrasing (c))
        {
          guint chars = 0, n = 0;

          if (info != NULL)
            {
              chars = info->text;
              n = info->commas;
            }
          else
            measure_text ((const char *) c->content, &chars, &n);
          if (chars > 1 || info != NULL)
            br = FALSE;
          length += chars;
          commas += n;
        }
      else if (c != NULL && c->type == XML_ELEMENT_NODE)
        end = TRUE;

      if (end)
        {
          score_paragraph (ex, container, length, commas);
          length = commas = 0;
        }
      if (c == NULL)
        break;
    }
}

static gboolean
has_double_br (xmlNode *node)
{
  gboolean br = FALSE;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      NodeInfo *info = info_of (c);

      if (info != NULL && info->tag == TAG_BR)
        {
          if (br)
            return TRUE;
          br = TRUE;
        }
      else if (info != NULL || (c->type == XML_TEXT_NODE && c->content != NULL &&
                                strspn ((const char *) c->content, " \t\r\n") < strlen ((const char *) c->content)))
        br = FALSE;
    }
  return FALSE;
}

static void
score_all (Extractor *ex)
{
  xmlNode *root = ex->body;

  for (xmlNode *node = root; node != NULL; )
    {
      NodeInfo *info = info_of (node);
      gboolean skip = FALSE;

      if (info != NULL && info->dropped)
        skip = TRUE;
      else if (info != NULL && node != root)
        {
          if (info->flags & T_SCORE)
            {
              score_paragraph (ex, node->parent, info->text, info->commas);
              skip = info->tag != TAG_TD;
            }
          else if ((info->flags & T_DIVLIKE) && !info->block_desc && !has_double_br (node))
            {
              score_paragraph (ex, node->parent, info->text, info->commas);
              skip = TRUE;
            }
          else if (info->flags & T_DIVLIKE)
            score_runs (ex, node);
        }
      node = next_node (node, root, skip);
    }
}

static gboolean
is_ancestor (xmlNode *ancestor,
             xmlNode *node)
{
  for (; node != NULL; node = node->parent)
    if (node == ancestor)
      return TRUE;
  return FALSE;
}

static xmlNode *
pick_top (Extractor *ex)
{
  xmlNode *top[5] = { NULL };
  xmlNode *best;
  NodeInfo *best_info;
  xmlNode *parent;
  double last, threshold;

  /* Scale by link density; keep the five best. */
  for (xmlNode *node = ex->body; node != NULL; )
    {
      NodeInfo *info = info_of (node);
      xmlNode *candidate = node;

      node = next_node (node, ex->body, info != NULL && info->dropped);
      if (info == NULL || !info->candidate || info->dropped)
        continue;
      info->score *= 1 - link_density (info);
      for (guint i = 0; i < G_N_ELEMENTS (top); i++)
        if (top[i] == NULL || info->score > info_of (top[i])->score)
          {
            memmove (top + i + 1, top + i, (G_N_ELEMENTS (top) - i - 1) * sizeof top[0]);
            top[i] = candidate;
            break;
          }
    }
  if (top[0] == NULL)
    return NULL;

  best = top[0];
  best_info = info_of (best);
  ex->core = best;
  if (g_getenv ("DH_DEBUG"))
    for (guint i = 0; i < 5 && top[i]; i++)
      g_printerr ("cand %s.%s#%s %.1f ld %.2f text %u\n", top[i]->name, attr (top[i], "class"), attr (top[i], "id"), info_of (top[i])->score, link_density (info_of (top[i])), info_of (top[i])->text);

  /* When several near-best candidates share an ancestor, the content is
   * spread over them: take the ancestor. */
  {
    guint n_alt = 0;

    for (guint i = 1; i < G_N_ELEMENTS (top); i++)
      if (top[i] != NULL && info_of (top[i])->score / MAX (best_info->score, 1e-9) >= 0.75)
        n_alt++;
    if (n_alt >= 3)
      {
        for (parent = best->parent; parent != NULL && parent != ex->body && parent->type == XML_ELEMENT_NODE;
             parent = parent->parent)
          {
            guint contained = 0;

            for (guint i = 1; i < G_N_ELEMENTS (top); i++)
              if (top[i] != NULL && info_of (top[i])->score / MAX (best_info->score, 1e-9) >= 0.75 &&
                  is_ancestor (parent, top[i]))
                contained++;
            if (contained >= 3)
              {
                best = parent;
                break;
              }
          }
        if (!info_of (best)->candidate)
          init_candidate (ex, info_of (best));
      }
  }

  /* A parent that scores better than its child holds more of the text. */
  last = info_of (best)->score;
  threshold = last / 3;
  for (parent = best->parent; parent != NULL && parent != ex->body && parent->type == XML_ELEMENT_NODE;
       parent = parent->parent)
    {
      NodeInfo *pi = info_of (parent);

      if (!pi->candidate)
        continue;
      if (pi->score < threshold)
        break;
      if (pi->score > last)
        {
          best = parent;
          break;
        }
      last = pi->score;
    }

  /* An only child says no more than its parent. */
  while (best->parent != NULL && best->parent != ex->body && best->parent->type == XML_ELEMENT_NODE)
    {
      guint children = 0;

      for (xmlNode *c = best->parent->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !info_of (c)->dropped)
          children++;
      if (children != 1)
        break;
      best = best->parent;
    }
  if (!info_of (best)->candidate)
    init_candidate (ex, info_of (best));
  return best;
}

static gboolean
ends_sentence (xmlNode *node)
{
  g_autofree char *text = _detente_html_node_text (node);
  gsize len = strlen (text);

  return len > 0 && (text[len - 1] == '.' || strstr (text, ". ") != NULL);
}

/* A short line that announces what follows: a heading, or a line such
 * as "More:", "You may also like..." or "DON'T MISS". */
static gboolean
is_intro_line (xmlNode *node)
{
  g_autofree char *text = NULL;
  gboolean lower = FALSE;
  gsize len;

  if (info_of (node)->flags & T_HEADING)
    return TRUE;
  text = _detente_html_node_text (node);
  len = strlen (text);
  if (len == 0)
    return FALSE;
  if (g_str_has_suffix (text, "...") || g_str_has_suffix (text, "…") || text[len - 1] == ':')
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      lower = TRUE;
  return !lower && g_utf8_strlen (text, -1) >= 4;
}

static int
compare_document_order (gconstpointer a,
                        gconstpointer b)
{
  NodeInfo *ia = info_of (*(xmlNode **) a);
  NodeInfo *ib = info_of (*(xmlNode **) b);

  return ia < ib ? -1 : ia > ib;
}

/* Some pages split the story into chunks spread over the page, between
 * pictures and pull quotes, each chunk an element of the same kind and
 * class as the best one: those chunks are the story too. */
static void
gather_twins (Extractor *ex,
              GPtrArray *nodes)
{
  xmlNode *core = ex->core;
  const char *cls = core != NULL ? attr (core, "class") : NULL;
  guint added = 0;

  if (cls == NULL || *cls == '\0')
    return;
  for (xmlNode *n = ex->body; n != NULL; )
    {
      NodeInfo *info = info_of (n);
      gboolean skip = info != NULL && info->dropped;
      const char *ncls;

      for (guint i = 0; i < nodes->len && !skip; i++)
        if (n == nodes->pdata[i])
          skip = TRUE;
      if (!skip && info != NULL && info->candidate && n != core && xmlStrEqual (n->name, core->name) &&
          (ncls = attr (n, "class")) != NULL && g_str_equal (ncls, cls) && info->text >= 100 &&
          link_density (info) < 0.25 && !is_ancestor (n, core))
        {
          g_ptr_array_add (nodes, n);
          added++;
          skip = TRUE;
        }
      n = next_node (n, ex->body, skip);
    }
  if (added > 0)
    g_ptr_array_sort (nodes, compare_document_order);
}

/* The top candidate and those of its siblings that look like more of it. */
static GPtrArray *
gather (Extractor *ex,
        xmlNode   *top)
{
  GPtrArray *nodes = g_ptr_array_new ();
  NodeInfo *ti = info_of (top);
  double threshold = MAX (10, ti->score * 0.2);
  const char *top_class = attr (top, "class");

  if (top->parent == NULL || top->parent->type != XML_ELEMENT_NODE || top == ex->body)
    {
      g_ptr_array_add (nodes, top);
      return nodes;
    }
  for (xmlNode *s = top->parent->children; s != NULL; s = s->next)
    {
      NodeInfo *si = info_of (s);
      double bonus = 0;
      const char *cls;

      if (s == top)
        {
          g_ptr_array_add (nodes, s);
          continue;
        }
      if (si == NULL || si->dropped)
        continue;
      cls = attr (s, "class");
      if (top_class != NULL && *top_class && g_strcmp0 (cls, top_class) == 0)
        bonus = ti->score * 0.2;
      if (si->candidate && si->score + bonus >= threshold)
        g_ptr_array_add (nodes, s);
      else if (si->tag == TAG_P || ((si->flags & T_DIVLIKE) && !si->block_desc))
        {
          double ld = link_density (si);

          if (si->text > 80 && ld < 0.25)
            g_ptr_array_add (nodes, s);
          else if (si->text < 80 && si->text > 0 && ld == 0 && ends_sentence (s))
            g_ptr_array_add (nodes, s);
        }
    }
  gather_twins (ex, nodes);
  return nodes;
}

/* Cleaning --------------------------------------------------------------- */

/* An element that is a paragraph of output of its own. */
static gboolean
is_paragraph (NodeInfo *info)
{
  return info->tag == TAG_P || info->tag == TAG_LI || info->tag == TAG_DT || info->tag == TAG_DD ||
         (info->flags & T_HEADING) || ((info->flags & T_DIVLIKE) && !info->block_desc);
}

/* Takes a removed element's measures out of its ancestors up to @root. */
static void
remove_node (xmlNode *node,
             xmlNode *root)
{
  NodeInfo *info = info_of (node);

  info->removed = TRUE;
  for (xmlNode *a = node->parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
    {
      NodeInfo *ai = info_of (a);

      ai->text -= MIN (ai->text, info->text);
      ai->links -= MIN (ai->links, info->links);
      ai->headings -= MIN (ai->headings, info->headings);
      ai->commas -= MIN (ai->commas, info->commas);
      ai->n_p -= MIN (ai->n_p, info->n_p + (info->tag == TAG_P));
      ai->n_img -= MIN (ai->n_img, info->n_img);
      ai->n_li -= MIN (ai->n_li, info->n_li + (info->tag == TAG_LI));
      ai->n_input -= MIN (ai->n_input, info->n_input);
      ai->n_embed -= MIN (ai->n_embed, info->n_embed);
      ai->n_list_text -= MIN (ai->n_list_text, info->n_list_text);
      if (a == root)
        break;
    }
}

static gboolean
has_ancestor_tag (xmlNode *node,
                  guint    tag,
                  xmlNode *root)
{
  for (xmlNode *a = node->parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
    {
      if (info_of (a)->tag == tag)
        return TRUE;
      if (a == root)
        break;
    }
  return FALSE;
}

static gboolean
is_data_table (xmlNode *table)
{
  const char *role = attr (table, "role");
  const char *datatable = attr (table, "datatable");
  guint rows = 0, cols = 0;

  if (role != NULL && g_str_equal (role, "presentation"))
    return FALSE;
  if (datatable != NULL && g_str_equal (datatable, "0"))
    return FALSE;
  if (attr (table, "summary") != NULL)
    return TRUE;
  for (xmlNode *n = table->children; n != NULL; n = next_node (n, table, FALSE))
    {
      NodeInfo *info = info_of (n);

      if (info == NULL)
        continue;
      switch (info->tag)
        {
        case TAG_CAPTION:
        case TAG_THEAD:
        case TAG_TFOOT:
        case TAG_COLGROUP:
        case TAG_TH:
          return TRUE;
        case TAG_TABLE:
          return FALSE;
        case TAG_TR:
          {
            guint c = 0;

            rows++;
            for (xmlNode *cell = n->children; cell != NULL; cell = cell->next)
              if (info_of (cell) != NULL && (info_of (cell)->tag == TAG_TD || info_of (cell)->tag == TAG_TH))
                c++;
            cols = MAX (cols, c);
          }
          break;
        default:
          break;
        }
    }
  return rows >= 10 || cols > 4 || rows * cols > 10;
}

static gboolean
should_clean (Extractor *ex,
              xmlNode   *node,
              xmlNode   *root)
{
  NodeInfo *info = info_of (node);
  int weight = (ex->pass & PASS_WEIGHT_CLASSES) ? info->weight : 0;
  gboolean list = info->tag == TAG_UL || info->tag == TAG_OL;
  guint p, img, li, input, embed;
  double ld, heading_density;
  gboolean in_figure;

  if (info->tag == TAG_TABLE && is_data_table (node))
    return FALSE;
  /* An embedded post is mostly links by nature. */
  if (info->embed)
    return FALSE;
  if (has_ancestor_tag (node, TAG_CODE, root) || has_ancestor_tag (node, TAG_PRE, root))
    return FALSE;
  if (weight + (info->candidate ? info->score : 0) < 0)
    return TRUE;
  if (info->commas >= 10)
    return FALSE;

  if (!list && info->text > 0)
    list = (double) info->n_list_text / info->text > 0.9;
  p = info->n_p;
  img = info->n_img;
  li = info->n_li > 100 ? info->n_li - 100 : 0;
  input = info->n_input;
  embed = info->n_embed;
  ld = link_density (info);
  heading_density = info->text > 0 ? (double) info->headings / info->text : 0;
  in_figure = has_ancestor_tag (node, TAG_FIGURE, root);

  return (img > 1 && (double) p / img < 0.5 && !in_figure) ||
         (!list && li > p) ||
         (input > p / 3) ||
         (!list && heading_density < 0.9 && info->text < 25 && (img == 0 || img > 2) && !in_figure) ||
         (!list && weight < 25 && ld > 0.2) ||
         (weight >= 25 && ld > 0.5) ||
         (embed == 1 && info->text < 75) || embed > 1;
}

static void
clean_content (Extractor *ex,
               xmlNode   *root)
{
  GPtrArray *order = g_ptr_array_new ();

  for (xmlNode *n = root; n != NULL; )
    {
      NodeInfo *info = info_of (n);
      gboolean skip = info != NULL && info->dropped;

      if (info != NULL && !skip)
        g_ptr_array_add (order, n);
      n = next_node (n, root, skip);
    }

  /* Inner elements first, so an outer one is judged on what stays. */
  for (guint i = order->len; i-- > 0; )
    {
      xmlNode *n = order->pdata[i];
      NodeInfo *info = info_of (n);

      if (n == root || info->removed)
        continue;
      if (info->byline && info->text < 100 && !(info->flags & T_HEADING))
        remove_node (n, root);
      else if (info->tag == TAG_TIME && !in_prose (n, root))
        remove_node (n, root);
      else if (info->tag == TAG_H1 || ((info->flags & T_HEADING) && repeats_title (ex, n)))
        remove_node (n, root);
      else if ((info->flags & T_HEADING) && (ex->pass & PASS_WEIGHT_CLASSES) && info->weight < 0)
        remove_node (n, root);
      else if (info->unlikely && (info->flags & T_FURNITURE))
        remove_node (n, root);
      else if ((ex->pass & PASS_CLEAN) &&
               (info->tag == TAG_FORM || info->tag == TAG_FIELDSET || info->tag == TAG_TABLE ||
                info->tag == TAG_UL || info->tag == TAG_OL || info->tag == TAG_DIV ||
                info->tag == TAG_SECTION || info->tag == TAG_ASIDE || info->tag == TAG_FIGURE) &&
               should_clean (ex, n, root))
        remove_node (n, root);
      else if ((ex->pass & PASS_CLEAN) && (info->tag == TAG_FIGCAPTION || info->caption))
        remove_node (n, root);
      else if (info->share && info->text < ENOUGH_TEXT)
        remove_node (n, root);
    }

  /* Paragraphs that are mostly a link point elsewhere ("Read more: …",
   * related stories). A heading that is a link names what the next
   * paragraphs are about, and stays. */
  if (ex->pass & PASS_CLEAN)
    for (guint i = 0; i < order->len; i++)
      {
        xmlNode *n = order->pdata[i];
        NodeInfo *info = info_of (n);

        /* An item of a list of headlines with a line of summary each is
         * still news: only an item that is all link goes. */
        if (!info->removed && is_paragraph (info) && !(info->flags & T_HEADING) && info->text > 0 &&
            link_density (info) >= (info->tag == TAG_LI ? 0.9 : 0.6))
          remove_node (n, root);
      }

  /* A short line that only introduces what was cleaned away ("Related
   * news", "You may also like...") goes with it. */
  if (ex->pass & PASS_CLEAN)
    {
      xmlNode *intro = NULL;

      for (xmlNode *n = root; n != NULL; )
        {
          NodeInfo *info = info_of (n);
          gboolean skip = FALSE;

          if (info != NULL && info->removed)
            {
              if (intro != NULL && info->text > 0 && info->links * 2 >= info->text)
                remove_node (intro, root);
              intro = NULL;
              skip = TRUE;
            }
          else if (info != NULL && (info->dropped || info->always_drop))
            skip = TRUE;
          else if (info != NULL && is_paragraph (info) && info->text > 0)
            {
              intro = info->text < 50 && info->links * 2 < info->text && is_intro_line (n) ? n : NULL;
              skip = TRUE;
            }
          n = next_node (n, root, skip);
        }
    }
  g_ptr_array_free (order, TRUE);
}

/* Output ----------------------------------------------------------------- */

typedef struct
{
  GString *out;
  GString *para;
  gboolean space;
  guint    brs;
  int      pre;
} Sink;

static void
sink_break (Sink *s)
{
  while (s->para->len > 0 && (s->para->str[s->para->len - 1] == ' ' || s->para->str[s->para->len - 1] == '\n'))
    g_string_truncate (s->para, s->para->len - 1);
  if (s->para->len > 0)
    {
      if (s->out->len > 0)
        g_string_append (s->out, "\n\n");
      g_string_append_len (s->out, s->para->str, s->para->len);
    }
  g_string_truncate (s->para, 0);
  s->space = FALSE;
  s->brs = 0;
}

static void
sink_newline (Sink *s)
{
  while (s->para->len > 0 && s->para->str[s->para->len - 1] == ' ')
    g_string_truncate (s->para, s->para->len - 1);
  if (s->para->len > 0 && s->para->str[s->para->len - 1] != '\n')
    g_string_append_c (s->para, '\n');
  s->space = FALSE;
}

static void
sink_text (Sink       *s,
           const char *text)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p; )
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (s->pre > 0 && (c == '\n' || c == '\r'))
        {
          if (c == '\r' && *next == '\n')
            next++;
          if (s->para->len > 0)
            g_string_append_c (s->para, '\n');
          s->space = FALSE;
        }
      else if (s->pre > 0 && (c == ' ' || c == '\t'))
        {
          if (s->space && s->para->len > 0 && s->para->str[s->para->len - 1] != '\n')
            g_string_append_c (s->para, ' ');
          s->space = FALSE;
          g_string_append_c (s->para, c);
        }
      else if (is_space_char (c) && c != 0x200B)
        s->space = TRUE;
      else if (c == 0x200B || c == 0xAD || c == 0xFEFF)
        ;
      else
        {
          if (s->space && s->para->len > 0 && s->para->str[s->para->len - 1] != '\n')
            g_string_append_c (s->para, ' ');
          s->space = FALSE;
          s->brs = 0;
          g_string_append_len (s->para, p, next - p);
        }
      p = next;
    }
}

static void
serialize (Extractor *ex,
           xmlNode   *root,
           Sink      *s)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      NodeInfo *info = info_of (node);
      gboolean skip = FALSE;

      if (info != NULL && (info->dropped || info->removed || info->always_drop))
        skip = TRUE;
      else if (info != NULL)
        {
          if (info->flags & T_BLOCK)
            sink_break (s);
          else if (info->tag == TAG_BR)
            {
              if (s->brs > 0)
                sink_break (s);
              else
                {
                  sink_newline (s);
                  s->brs++;
                }
            }
          else if (info->tag == TAG_TR)
            sink_newline (s);
          else if (info->tag == TAG_TD || info->tag == TAG_TH)
            s->space = TRUE;
          if (info->tag == TAG_PRE)
            s->pre++;
        }
      else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        sink_text (s, (const char *) node->content);

      if (!skip && node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      for (;;)
        {
          info = info_of (node);
          if (info != NULL && !(info->dropped || info->removed || info->always_drop))
            {
              if (info->flags & T_BLOCK)
                sink_break (s);
              else if (info->tag == TAG_TR)
                sink_newline (s);
              else if (info->tag == TAG_TD || info->tag == TAG_TH)
                s->space = TRUE;
              if (info->tag == TAG_PRE)
                s->pre--;
            }
          if (node == root)
            return;
          if (node->next != NULL)
            {
              node = node->next;
              break;
            }
          node = node->parent;
        }
    }
}

static char *
serialize_nodes (Extractor *ex,
                 GPtrArray *nodes)
{
  Sink s = { g_string_new (NULL), g_string_new (NULL), FALSE, 0, 0 };

  for (guint i = 0; i < nodes->len; i++)
    {
      sink_break (&s);
      serialize (ex, nodes->pdata[i], &s);
    }
  sink_break (&s);
  g_string_free (s.para, TRUE);
  return g_string_free (s.out, FALSE);
}

/* The length of the paragraphs that read as prose: long ones, or ones
 * that end a sentence. Headlines and link lists are neither. */
static gsize
prose_length (const char *text)
{
  gsize total = 0;

  for (const char *p = text; *p; )
    {
      const char *end = strstr (p, "\n\n");
      gsize bytes = end != NULL ? (gsize) (end - p) : strlen (p);
      glong chars = g_utf8_strlen (p, bytes);
      const char *last = bytes > 0 ? g_utf8_find_prev_char (p, p + bytes) : NULL;
      gunichar c = last != NULL ? g_utf8_get_char (last) : 0;
      gboolean sentence = c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 ||
                          c == 0xFF1F || c == '"' || c == 0x201D || c == ':';

      if (chars >= 100 || (sentence && chars >= 30))
        total += chars;
      p += bytes;
      while (*p == '\n')
        p++;
    }
  return total;
}

static xmlNode *
find_body (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  for (xmlNode *n = root; n != NULL; n = next_node (n, root, FALSE))
    if (n->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) n->name, "body") == 0)
      return n;
  return root;
}

static void
clear_private (xmlNode *root)
{
  for (xmlNode *n = root; n != NULL; n = next_node (n, root, FALSE))
    if (n->type == XML_ELEMENT_NODE)
      n->_private = NULL;
}

/**
 * _detente_html_text:
 * @doc: a parsed page
 * @mode: all of its text, or the main content
 * @title: (nullable): the page's title, to drop a heading that repeats it
 * @content: (out) (optional): the element holding the content
 *
 * Returns: (transfer full): the text, paragraphs separated by blank lines
 */
char *
_detente_html_text (xmlDoc           *doc,
                    DetenteHtmlMode   mode,
                    const char       *title,
                    xmlNode         **content)
{
  Extractor ex = { 0 };
  static const guint passes[] = {
    PASS_STRIP_UNLIKELY | PASS_WEIGHT_CLASSES | PASS_CLEAN,
    PASS_WEIGHT_CLASSES | PASS_CLEAN,
    PASS_CLEAN,
    0,
  };
  char *best = NULL;
  gsize best_prose = 0;
  xmlNode *best_top = NULL;
  xmlNode *root;

  g_return_val_if_fail (doc != NULL, NULL);

  if (content != NULL)
    *content = NULL;
  root = xmlDocGetRootElement (doc);
  ex.body = find_body (doc);
  ex.title = title;
  if (root == NULL || !setup_infos (&ex, root))
    {
      g_free (ex.infos);
      return g_strdup ("");
    }

  if (mode == DETENTE_HTML_ALL)
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

      ex.pass = PASS_STRIP_UNLIKELY;
      measure (&ex, root);
      g_ptr_array_add (nodes, ex.body);
      best = serialize_nodes (&ex, nodes);
      clear_private (root);
      g_free (ex.infos);
      return best;
    }

  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    {
      g_autoptr(GPtrArray) nodes = NULL;
      xmlNode *top;
      char *text;
      gsize len, prose;

      ex.pass = passes[i];
      for (guint j = 0; j < ex.n_infos; j++)
        {
          ex.infos[j].removed = FALSE;
          ex.infos[j].candidate = FALSE;
          ex.infos[j].score = 0;
        }
      measure (&ex, root);
      score_all (&ex);
      top = pick_top (&ex);
      if (top == NULL)
        top = ex.body;
      nodes = gather (&ex, top);
      if (g_getenv ("DH_DEBUG"))
        {
          for (xmlNode *a = top; a && a->type == XML_ELEMENT_NODE; a = a->parent)
            g_printerr ("%s.%s#%s(%.1f) < ", a->name, attr (a, "class"), attr (a, "id"), info_of (a)->score);
          g_printerr ("\npass %u: %u nodes\n", ex.pass, nodes->len);
        }
      for (guint j = 0; j < nodes->len; j++)
        clean_content (&ex, nodes->pdata[j]);
      text = serialize_nodes (&ex, nodes);
      len = g_utf8_strlen (text, -1);
      prose = prose_length (text);
      /* A looser pass must find more prose, not just more words: on a
       * page whose article is short, it mostly adds headline lists. */
      if (best == NULL || prose > best_prose + best_prose / 4 + 40)
        {
          g_free (best);
          best = text;
          best_prose = prose;
          best_top = top;
        }
      else
        g_free (text);
      if (len >= ENOUGH_TEXT)
        break;
    }

  if (content != NULL)
    *content = best_top;
  clear_private (root);
  g_free (ex.infos);
  return best;
}

/**
 * _detente_html_node_text:
 * @node: an element
 *
 * Returns: (transfer full): all the text under @node, whitespace collapsed
 */
char *
_detente_html_node_text (xmlNode *node)
{
  g_autofree char *raw = (char *) xmlNodeGetContent (node);

  return _detente_html_collapse (raw);
}

/**
 * _detente_html_collapse:
 * @text: (nullable): text
 *
 * Returns: (transfer full): @text with runs of whitespace as one space,
 *   none at either end
 */
char *
_detente_html_collapse (const char *text)
{
  Sink s = { g_string_new (NULL), g_string_new (NULL), FALSE, 0, 0 };

  sink_text (&s, text);
  sink_break (&s);
  g_string_free (s.para, TRUE);
  return g_string_free (s.out, FALSE);
}

/**
 * _detente_html_parse_utf8:
 * @utf8: an HTML page or fragment, UTF-8
 * @length: its length in bytes
 *
 * Never touches the network and never prints parser errors.
 *
 * Returns: (transfer full) (nullable): the document
 */
xmlDoc *
_detente_html_parse_utf8 (const char *utf8,
                          gsize       length)
{
  if (length > G_MAXINT)
    return NULL;
  return htmlReadMemory (utf8, (int) length, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                         HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
}

/**
 * _detente_html_fragment_text:
 * @html: HTML, UTF-8
 * @length: its length in bytes
 * @mode: all of its text, or the main content
 *
 * Returns: (transfer full): the text, paragraphs separated by blank lines
 */
char *
_detente_html_fragment_text (const char      *html,
                             gsize            length,
                             DetenteHtmlMode  mode)
{
  g_autoptr(xmlDoc) doc = _detente_html_parse_utf8 (html, length);

  if (doc == NULL)
    return g_strdup ("");
  return _detente_html_text (doc, mode, NULL, NULL);
}
