/* detente-html.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "detente-html.h"
#include "detente-article-private.h"
#include "detente-html-private.h"
#include "detente-date-parse.h"
#include "detente-source.h"

/* Reading a saved web page: its encoding (detente-html-decode.c), its
 * metadata (title, date, author, address) from the places publishers put
 * them, and its main text (detente-html-content.c). The page is parsed by
 * libxml2's forgiving HTML parser, which never reaches the network. */

/* Metadata --------------------------------------------------------------- */

typedef struct
{
  GHashTable *meta;       /* lower-case name or property → content */
  GString    *json_ld;
  char       *title;      /* <title> */
  GPtrArray  *h1s;        /* text of each <h1> */
  char       *canonical;
  char       *time;       /* the first <time datetime> */
  char       *pub_time;   /* a <time> marked as the publication date */
  char       *author;     /* rel=author or itemprop=author text */
  char       *byline;     /* a byline element's text */
} PageMeta;

static void
page_meta_clear (PageMeta *pm)
{
  g_clear_pointer (&pm->meta, g_hash_table_unref);
  if (pm->json_ld != NULL)
    g_string_free (pm->json_ld, TRUE);
  g_clear_pointer (&pm->h1s, g_ptr_array_unref);
  g_free (pm->title);
  g_free (pm->canonical);
  g_free (pm->time);
  g_free (pm->pub_time);
  g_free (pm->author);
  g_free (pm->byline);
}

static void
add_meta (PageMeta   *pm,
          const char *key,
          const char *value)
{
  g_autofree char *clean = NULL;
  g_autofree char *lower = NULL;

  if (key == NULL || value == NULL)
    return;
  clean = _detente_html_collapse (value);
  lower = g_ascii_strdown (key, -1);
  if (*clean != '\0' && !g_hash_table_contains (pm->meta, lower))
    g_hash_table_insert (pm->meta, g_steal_pointer (&lower), g_steal_pointer (&clean));
}

static gboolean
is_tag (xmlNode    *node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* Whether @node's class holds @word (in lower case), in any case. */
static gboolean
class_has (xmlNode    *node,
           const char *word)
{
  const char *cls = _detente_html_attr (node, "class");
  gsize len = strlen (word);

  if (cls == NULL)
    return FALSE;
  for (const char *p = cls; *p; p++)
    if (g_ascii_tolower (*p) == word[0] && g_ascii_strncasecmp (p, word, len) == 0)
      return TRUE;
  return FALSE;
}

/* A person's name in microdata or a rel=author link: the itemprop=name
 * inside an itemscope, else the element's own short text. */
static char *
microdata_name (xmlNode *node)
{
  g_autofree char *text = NULL;

  if (_detente_html_attr (node, "itemscope") != NULL)
    {
      for (xmlNode *n = node->children; n != NULL; n = _detente_html_next (n, node, FALSE))
        {
          const char *prop = n->type == XML_ELEMENT_NODE ? _detente_html_attr (n, "itemprop") : NULL;

          if (prop != NULL && g_str_equal (prop, "name"))
            {
              const char *content = _detente_html_attr (n, "content");

              text = content != NULL ? _detente_html_collapse (content) : _detente_html_node_text (n);
              break;
            }
        }
    }
  else
    text = _detente_html_node_text (node);
  if (text == NULL || *text == '\0' || g_utf8_strlen (text, -1) > 60)
    return NULL;
  return g_steal_pointer (&text);
}

static void
collect_meta (xmlDoc   *doc,
              PageMeta *pm)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  pm->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pm->json_ld = g_string_new (NULL);
  pm->h1s = g_ptr_array_new_with_free_func (g_free);
  if (root == NULL)
    return;

  for (xmlNode *node = root; node != NULL; )
    {
      gboolean skip = FALSE;
      gboolean meta, link;
      const char *itemprop, *rel, *content;

      if (node->type != XML_ELEMENT_NODE)
        {
          node = _detente_html_next (node, root, TRUE);
          continue;
        }
      itemprop = _detente_html_attr (node, "itemprop");
      rel = _detente_html_attr (node, "rel");
      content = _detente_html_attr (node, "content");
      meta = is_tag (node, "meta");
      link = is_tag (node, "link");

      if (meta)
        {
          add_meta (pm, _detente_html_attr (node, "property"), content);
          add_meta (pm, _detente_html_attr (node, "name"), content);
          add_meta (pm, itemprop, content);
        }
      else if (is_tag (node, "script"))
        {
          const char *type = _detente_html_attr (node, "type");

          if (type != NULL && strstr (type, "ld+json") != NULL)
            {
              g_autofree char *text = (char *) xmlNodeGetContent (node);

              if (text != NULL && pm->json_ld->len < 4 * 1024 * 1024)
                g_string_append_printf (pm->json_ld, "%s\n", text);
            }
          skip = TRUE;
        }
      else if (is_tag (node, "style"))
        skip = TRUE;
      else if (is_tag (node, "title") && pm->title == NULL)
        {
          pm->title = _detente_html_node_text (node);
          skip = TRUE;
        }
      else if (link && rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0 &&
               pm->canonical == NULL && _detente_html_attr (node, "href") != NULL)
        pm->canonical = g_strdup (_detente_html_attr (node, "href"));
      else if (is_tag (node, "h1") && pm->h1s->len < 16)
        g_ptr_array_add (pm->h1s, _detente_html_node_text (node));
      else if (is_tag (node, "time") && _detente_html_attr (node, "datetime") != NULL)
        {
          if (pm->time == NULL)
            pm->time = g_strdup (_detente_html_attr (node, "datetime"));
          if (pm->pub_time == NULL &&
              (_detente_html_attr (node, "pubdate") != NULL ||
               (itemprop != NULL && strstr (itemprop, "datePublished") != NULL) ||
               class_has (node, "publish")))
            pm->pub_time = g_strdup (_detente_html_attr (node, "datetime"));
        }

      /* Microdata on any element: <span itemprop="datePublished" content=…>. */
      if (!meta && itemprop != NULL)
        {
          if (content != NULL)
            add_meta (pm, itemprop, content);
          else if (_detente_html_attr (node, "datetime") != NULL)
            add_meta (pm, itemprop, _detente_html_attr (node, "datetime"));
        }

      if (pm->author == NULL && !meta && !link &&
          ((rel != NULL && g_ascii_strcasecmp (rel, "author") == 0) ||
           (itemprop != NULL && strstr (itemprop, "author") != NULL && content == NULL)))
        pm->author = microdata_name (node);
      if (pm->byline == NULL && !meta && !is_tag (node, "body") && !is_tag (node, "html") &&
          (class_has (node, "byline") || class_has (node, "author")))
        {
          g_autofree char *text = _detente_html_node_text (node);

          if (g_ascii_strncasecmp (text, "by ", 3) == 0 && g_utf8_strlen (text, -1) <= 100)
            pm->byline = g_steal_pointer (&text);
        }
      node = _detente_html_next (node, root, skip);
    }
}

static const char *
meta_get (PageMeta           *pm,
          const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (pm->meta, keys[i]);

      if (value != NULL)
        return value;
    }
  return NULL;
}

/* JSON-LD, read by hand: just enough to find a key and its string value
 * without a JSON library. Everything is bounded by @end, and skipping a
 * value counts brackets instead of recursing. */

static const char *
json_ws (const char *p,
         const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

static const char *
json_skip_string (const char *p,
                  const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
  return end;
}

static const char *
json_skip_value (const char *p,
                 const char *end)
{
  gsize depth = 0;

  p = json_ws (p, end);
  while (p < end)
    {
      if (*p == '"')
        {
          p = json_skip_string (p, end);
          if (depth == 0)
            return p;
          continue;
        }
      if (*p == '{' || *p == '[')
        depth++;
      else if (*p == '}' || *p == ']')
        {
          if (depth == 0)
            return p;
          if (--depth == 0)
            return p + 1;
        }
      else if (depth == 0 && (*p == ',' || g_ascii_isspace (*p)))
        return p;
      p++;
    }
  return end;
}

static gboolean
json_hex4 (const char *p,
           const char *end,
           guint64    *unit)
{
  char hex[5] = { 0 };

  if (end - p < 4)
    return FALSE;
  memcpy (hex, p, 4);
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;
  return g_ascii_string_to_unsigned (hex, 16, 0, 0xFFFF, unit, NULL);
}

static char *
json_string (const char *p,
             const char *end)
{
  GString *s = g_string_new (NULL);

  if (p >= end || *p != '"')
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  for (p++; p < end && *p != '"'; p++)
    {
      if (*p != '\\' || p + 1 >= end)
        {
          g_string_append_c (s, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (s, '\n'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'r': case 'b': case 'f': g_string_append_c (s, ' '); break;
        case 'u':
          {
            guint64 unit = 0, low = 0;

            if (!json_hex4 (p + 1, end, &unit))
              break;
            p += 4;
            /* A pair of surrogates is one character; one alone is none. */
            if (unit >= 0xD800 && unit < 0xDC00 && end - p > 2 && p[1] == '\\' && p[2] == 'u' &&
                json_hex4 (p + 3, end, &low) && low >= 0xDC00 && low < 0xE000)
              {
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
              }
            else if ((unit >= 0xD800 && unit < 0xE000) || unit == 0)
              unit = 0xFFFD;
            g_string_append_unichar (s, (gunichar) unit);
          }
          break;
        default:
          g_string_append_c (s, *p);
          break;
        }
    }
  if (!g_utf8_validate (s->str, s->len, NULL))
    {
      char *valid = g_utf8_make_valid (s->str, s->len);

      g_string_free (s, TRUE);
      return valid;
    }
  return g_string_free (s, FALSE);
}

/* Where the value of the next "@key": … after @from starts, or NULL. */
static const char *
json_find_key (const char *from,
               const char *end,
               const char *key)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", key);
  gsize len = strlen (quoted);

  while (from < end)
    {
      const char *hit = g_strstr_len (from, end - from, quoted);
      const char *p;

      if (hit == NULL)
        return NULL;
      p = json_ws (hit + len, end);
      if (p < end && *p == ':')
        return json_ws (p + 1, end);
      from = hit + len;
    }
  return NULL;
}

/* The value of @key among the members of the object at @p. */
static const char *
json_member (const char *p,
             const char *end,
             const char *key)
{
  gsize key_len = strlen (key);

  if (p >= end || *p != '{')
    return NULL;
  p++;
  while (p < end)
    {
      const char *k;

      p = json_ws (p, end);
      if (p >= end || *p != '"')
        return NULL;
      k = p + 1;
      p = json_skip_string (p, end);
      if (p >= end)
        return NULL;
      p = json_ws (p, end);
      if (p >= end || *p != ':')
        return NULL;
      p = json_ws (p + 1, end);
      if ((gsize) (p - k) >= key_len + 1 && strncmp (k, key, key_len) == 0 && k[key_len] == '"')
        return p;
      p = json_ws (json_skip_value (p, end), end);
      if (p >= end || *p != ',')
        return NULL;
      p++;
    }
  return NULL;
}

static char *
json_ld_date (const char *json)
{
  const char *end = json + strlen (json);
  const char *value = json_find_key (json, end, "datePublished");

  if (value == NULL)
    value = json_find_key (json, end, "dateCreated");
  return value != NULL ? json_string (value, end) : NULL;
}

/* The longest articleBody: some pages describe several articles. */
static char *
json_ld_body (const char *json)
{
  const char *end = json + strlen (json);
  const char *from = json;
  const char *value;
  char *best = NULL;

  while ((value = json_find_key (from, end, "articleBody")) != NULL)
    {
      char *body = json_string (value, end);

      if (body != NULL && (best == NULL || strlen (body) > strlen (best)))
        {
          g_free (best);
          best = body;
        }
      else
        g_free (body);
      from = value;
    }
  return best;
}

static char *
json_ld_author (const char *json)
{
  const char *end = json + strlen (json);
  const char *value = json_find_key (json, end, "author");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (value == NULL)
    return NULL;
  if (*value == '"')
    return json_string (value, end);
  if (*value == '{')
    {
      const char *name = json_member (value, end, "name");

      return name != NULL ? json_string (name, end) : NULL;
    }
  if (*value == '[')
    {
      const char *p = json_ws (value + 1, end);

      while (p < end && *p != ']' && names->len < 8)
        {
          const char *name = *p == '{' ? json_member (p, end, "name") : *p == '"' ? p : NULL;
          char *s = name != NULL ? json_string (name, end) : NULL;

          if (s != NULL && *s)
            g_ptr_array_add (names, s);
          else
            g_free (s);
          p = json_ws (json_skip_value (p, end), end);
          if (p >= end || *p != ',')
            break;
          p = json_ws (p + 1, end);
        }
      if (names->len == 0)
        return NULL;
      g_ptr_array_add (names, NULL);
      return g_strjoinv (", ", (char **) names->pdata);
    }
  return NULL;
}

/* Titles, authors and dates -------------------------------------------- */

static const char * const title_separators[] = { " | ", " - ", " – ", " — ", " :: ", " · ", " // ", " « ", " » ", NULL };

static guint
count_words (const char *text)
{
  guint words = 0;
  gboolean in = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        in = FALSE;
      else if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        {
          /* Two Chinese characters say about as much as a word. */
          words++;
          in = FALSE;
        }
      else if (!in)
        {
          words++;
          in = TRUE;
        }
    }
  return words;
}

/* "Headline | Site" and "Headline - Section - Site": drops the trailing
 * site name as long as what stays still reads as a headline. */
static char *
strip_site_suffix (const char *title,
                   const char *site)
{
  g_autofree char *t = g_strdup (title);

  for (int round = 0; round < 3; round++)
    {
      const char *cut = NULL;
      gsize cut_len = 0;

      for (guint i = 0; title_separators[i] != NULL; i++)
        {
          const char *hit = g_strrstr (t, title_separators[i]);

          if (hit != NULL && (cut == NULL || hit > cut))
            {
              cut = hit;
              cut_len = strlen (title_separators[i]);
            }
        }
      if (cut == NULL)
        break;
      {
        g_autofree char *head = g_strndup (t, cut - t);
        const char *tail = cut + cut_len;
        gboolean is_site = site != NULL && g_ascii_strcasecmp (tail, site) == 0;

        if (!is_site && (count_words (tail) > 4 || count_words (head) < 2))
          break;
        g_free (t);
        t = g_strstrip (g_steal_pointer (&head));
      }
    }
  return g_steal_pointer (&t);
}

static char *
pick_title (PageMeta *pm)
{
  static const char * const og[] = { "og:title", "twitter:title", "headline", NULL };
  static const char * const site_keys[] = { "og:site_name", "application-name", NULL };
  const char *site = meta_get (pm, site_keys);
  const char *value = meta_get (pm, og);

  if (value != NULL)
    return strip_site_suffix (value, site);

  /* The main headline: an <h1> the page title repeats, else the first. */
  for (guint i = 0; i < pm->h1s->len; i++)
    {
      const char *h1 = pm->h1s->pdata[i];

      if (*h1 && pm->title != NULL && strstr (pm->title, h1) != NULL)
        return g_strdup (h1);
    }
  for (guint i = 0; i < pm->h1s->len; i++)
    if (*(const char *) pm->h1s->pdata[i])
      return g_strdup (pm->h1s->pdata[i]);
  if (pm->title != NULL && *pm->title)
    return strip_site_suffix (pm->title, site);
  return NULL;
}

static char *
clean_author (const char *value)
{
  g_autofree char *text = NULL;
  char *p;

  if (value == NULL || g_str_has_prefix (value, "http://") || g_str_has_prefix (value, "https://"))
    return NULL;
  text = _detente_html_collapse (value);
  p = text;
  if (g_ascii_strncasecmp (p, "by", 2) == 0 && (p[2] == ' ' || p[2] == ':'))
    p += 3;
  while (*p == ' ' || *p == ':')
    p++;
  /* "Jane Doe | Staff writer", "Jane Doe • 2 min read" */
  {
    char *bullet = strstr (p, "•");

    if (bullet != NULL)
      *bullet = '\0';
    p[strcspn (p, "|\n")] = '\0';
    g_strchomp (p);
  }
  if (*p == '\0' || g_utf8_strlen (p, -1) > 100)
    return NULL;
  return g_strdup (p);
}

static char *
pick_author (PageMeta *pm)
{
  static const char * const keys[] = {
    "author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "twitter:creator", NULL,
  };
  char *author;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      /* A Twitter handle is a last resort, after the page's own byline. */
      if (g_str_equal (keys[i], "twitter:creator"))
        break;
      if ((author = clean_author (g_hash_table_lookup (pm->meta, keys[i]))) != NULL)
        return author;
    }
  if (pm->json_ld->len > 0)
    {
      g_autofree char *json = json_ld_author (pm->json_ld->str);

      if ((author = clean_author (json)) != NULL)
        return author;
    }
  if ((author = clean_author (pm->author)) != NULL)
    return author;
  return clean_author (pm->byline);
}

static gboolean
parse_date (const char  *text,
            DetenteDate *date)
{
  DetenteDate parsed = DETENTE_DATE_INIT;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (!detente_date_parse_loose (text, &parsed) || !detente_date_is_set (&parsed))
    return FALSE;
  *date = parsed;
  return TRUE;
}

/* A dateline at the top of the text: "June 19, 2023", or "BEIJING, June
 * 19, 2023 — …". */
static gboolean
dateline_date (const char  *text,
               DetenteDate *date)
{
  static const char * const dashes[] = { " — ", " -- ", " - ", NULL };
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", 3);

  for (guint i = 0; paragraphs[i] != NULL && i < 2; i++)
    {
      const char *p = paragraphs[i];
      const char *dash = NULL;

      if (g_utf8_strlen (p, 120) < 60 && parse_date (p, date))
        return TRUE;
      for (guint j = 0; dashes[j] != NULL && dash == NULL; j++)
        dash = strstr (p, dashes[j]);
      if (dash != NULL && dash - p < 80)
        {
          g_autofree char *head = g_strndup (p, dash - p);
          const char *comma = strchr (head, ',');

          if (parse_date (head, date) || (comma != NULL && parse_date (comma + 1, date)))
            return TRUE;
        }
    }
  return FALSE;
}

static void
pick_date (PageMeta    *pm,
           const char  *text,
           DetenteDate *date)
{
  static const char * const first[] = {
    "article:published_time", "og:published_time", "datepublished", NULL,
  };
  static const char * const others[] = {
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "article:published",
    "datecreated", "originalpublicationdate", NULL,
  };

  if (parse_date (meta_get (pm, first), date))
    return;
  if (pm->json_ld->len > 0)
    {
      g_autofree char *json = json_ld_date (pm->json_ld->str);

      if (parse_date (json, date))
        return;
    }
  for (guint i = 0; others[i] != NULL; i++)
    if (parse_date (g_hash_table_lookup (pm->meta, others[i]), date))
      return;
  if (parse_date (pm->pub_time, date) || parse_date (pm->time, date))
    return;
  dateline_date (text, date);
}

/* Pages that build their text with scripts leave little of it in the
 * markup, but often the whole of it in their JSON-LD: when the markup
 * gave much less than the JSON-LD has, the JSON-LD's text is the text. */
static char *
body_from_json_ld (PageMeta *pm,
                   char     *text)
{
  g_autofree char *body = json_ld_body (pm->json_ld->str);
  g_autofree char *clean = NULL;
  glong found, offered;

  if (body == NULL)
    return text;
  found = g_utf8_strlen (text, -1);
  offered = g_utf8_strlen (body, -1);
  if (offered < 500 || found * 10 >= offered * 3)
    return text;
  if (strchr (body, '<') != NULL)
    clean = _detente_html_fragment_text (body, strlen (body), DETENTE_HTML_ALL);
  else
    {
      g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
      GString *out = g_string_new (NULL);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = _detente_html_collapse (lines[i]);

          if (*line == '\0')
            continue;
          if (out->len > 0)
            g_string_append (out, "\n\n");
          g_string_append (out, line);
        }
      clean = g_string_free (out, FALSE);
    }
  if (g_utf8_strlen (clean, -1) <= found)
    return text;
  g_free (text);
  return g_steal_pointer (&clean);
}

/**
 * detente_html_read:
 * @data: the bytes of a saved web page
 * @length: how many
 * @file_name: its name, for messages
 * @error: return location for a #GError
 *
 * Reads a web page: finds its encoding (a byte-order mark, the charset it
 * declares, or a guess), its title, author, address and publication date
 * from the usual meta tags, JSON-LD and markup, and the text of its main
 * content without navigation, comments, related links and other page
 * furniture. The parser never reaches the network, and a broken page
 * gives what text it has. A page nested deeper than the parser goes is
 * read flattened; if even that is too deep, it is refused rather than
 * read in part.
 *
 * Returns: (transfer full) (nullable): the article, or %NULL if the page
 *   has no text or is nested too deeply
 */
DetenteArticle *
detente_html_read (const char  *data,
                   gsize        length,
                   const char  *file_name,
                   GError     **error)
{
  g_autoptr(DetenteArticle) article = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *encoding = NULL;
  PageMeta pm = { 0 };
  static const char * const url_keys[] = { "og:url", NULL };
  const char *url;
  gboolean too_deep = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_detente_article_fits (length, file_name, error))
    return NULL;

  decoded = _detente_html_decode (data != NULL ? data : "", length, &encoding);
  doc = _detente_html_parse_utf8 (decoded, strlen (decoded), &too_deep);
  if (too_deep)
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_DEEP,
                   _("“%s” is nested too deeply to be read"), file_name);
      return NULL;
    }
  article = g_new0 (DetenteArticle, 1);
  article->file_name = g_strdup (file_name);
  article->encoding = g_steal_pointer (&encoding);

  if (doc != NULL)
    {
      char *raw;

      collect_meta (doc, &pm);
      article->title = pick_title (&pm);
      raw = _detente_html_text (doc, DETENTE_HTML_CONTENT, article->title, NULL);
      if (pm.json_ld->len > 0)
        raw = body_from_json_ld (&pm, raw);
      text = detente_source_normalize_text (raw);
      g_free (raw);
      article->author = pick_author (&pm);
      url = meta_get (&pm, url_keys);
      article->url = g_strdup (url != NULL ? url : pm.canonical);
      pick_date (&pm, text, &article->published);
      page_meta_clear (&pm);
    }

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_EMPTY,
                   _("“%s” has no text"), file_name);
      return NULL;
    }
  article->text = g_steal_pointer (&text);
  return g_steal_pointer (&article);
}
