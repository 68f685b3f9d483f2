/* detente-feed.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "detente-feed.h"
#include "detente-date-parse.h"
#include "detente-article-private.h"
#include "detente-html-private.h"
#include "detente-source.h"

/* RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry is an
 * article of its own. The XML parser never reaches the network, loads no
 * DTD and expands no entity, and a feed whose DOCTYPE declares entities is
 * refused before parsing, so no entity can grow into a billion laughs. */

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_ATOM "http://www.w3.org/2005/Atom"

/* Where the root element starts, after a byte-order mark, the XML
 * declaration, processing instructions, comments, a DOCTYPE and
 * whitespace; -1 if there is none. @entities says whether the DOCTYPE's
 * internal subset declares any entity. */
static gssize
find_root (const char *data,
           gsize       length,
           gboolean   *entities)
{
  gsize i = 0;

  *entities = FALSE;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length)
    {
      const char *rest = data + i;
      gsize left = length - i;
      const char *close;

      if (g_ascii_isspace (*rest))
        {
          i++;
          continue;
        }
      if (*rest != '<' || left < 2)
        return -1;
      if (rest[1] == '?')
        {
          if ((close = g_strstr_len (rest, left, "?>")) == NULL)
            return -1;
          i = close + 2 - data;
        }
      else if (left >= 4 && memcmp (rest, "<!--", 4) == 0)
        {
          if ((close = g_strstr_len (rest + 4, left - 4, "-->")) == NULL)
            return -1;
          i = close + 3 - data;
        }
      else if (left >= 9 && g_ascii_strncasecmp (rest, "<!DOCTYPE", 9) == 0)
        {
          /* Up to the '>' outside quotes and outside the internal subset. */
          gsize j = 9;
          int depth = 0;
          char quote = 0;

          for (; j < left; j++)
            {
              char c = rest[j];

              if (quote)
                {
                  if (c == quote)
                    quote = 0;
                }
              else if (c == '"' || c == '\'')
                quote = c;
              else if (c == '[')
                depth++;
              else if (c == ']' && depth > 0)
                depth--;
              else if (c == '>' && depth == 0)
                break;
              else if (depth > 0 && c == '<' && j + 8 <= left && memcmp (rest + j, "<!ENTITY", 8) == 0)
                *entities = TRUE;
            }
          if (j >= left)
            return -1;
          i += j + 1;
        }
      else if (rest[1] == '!')
        return -1;
      else
        return i;
    }
  return -1;
}

/**
 * detente_feed_sniff:
 * @data: the start of a file
 * @length: its length in bytes
 *
 * Tells a feed by its root element: rss, feed (Atom) or rdf:RDF, after an
 * optional byte-order mark, XML declaration, comments and whitespace.
 *
 * Returns: %TRUE if @data looks like a feed
 */
gboolean
detente_feed_sniff (const char *data,
                    gsize       length)
{
  static const char * const roots[] = { "rss", "feed", "rdf:RDF", "RDF", NULL };
  gboolean entities;
  gssize start;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length == 0 || (start = find_root (data, length, &entities)) < 0)
    return FALSE;
  for (guint i = 0; roots[i] != NULL; i++)
    {
      gsize len = strlen (roots[i]);

      if ((gsize) start + 1 + len < length && strncmp (data + start + 1, roots[i], len) == 0)
        {
          char after = data[start + 1 + len];

          if (g_ascii_isspace (after) || after == '>' || after == '/')
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_named (xmlNode    *node,
          const char *name,
          const char *ns)
{
  if (node->type != XML_ELEMENT_NODE || strcmp ((const char *) node->name, name) != 0)
    return FALSE;
  if (ns == NULL)
    return node->ns == NULL || node->ns->href == NULL ||
           g_str_equal ((const char *) node->ns->href, NS_ATOM) ||
           g_str_has_prefix ((const char *) node->ns->href, "http://purl.org/rss/1.0/") ||
           g_str_has_prefix ((const char *) node->ns->href, "http://my.netscape.com/rdf/simple/");
  return node->ns != NULL && node->ns->href != NULL && g_str_equal ((const char *) node->ns->href, ns);
}

static xmlNode *
child_named (xmlNode    *parent,
             const char *name,
             const char *ns)
{
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    if (is_named (c, name, ns))
      return c;
  return NULL;
}

static const char *
prop (xmlNode    *node,
      const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->ns == NULL && strcmp ((const char *) a->name, name) == 0)
      return a->children != NULL && a->children->content != NULL ? (const char *) a->children->content : "";
  return NULL;
}

/* An element's content as HTML source: its text (escaped HTML, or
 * CDATA) as it stands, and any elements in it (XHTML, or HTML a feed
 * forgot to escape) written back as markup. Entity references are never
 * followed. */
static char *
inner_html (xmlNode *node)
{
  g_autoptr(xmlBuffer) buffer = xmlBufferCreate ();
  GString *s = g_string_new (NULL);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
        g_string_append (s, (const char *) c->content);
      else if (c->type == XML_ELEMENT_NODE && buffer != NULL)
        {
          const xmlChar *markup;

          xmlBufferEmpty (buffer);
          xmlNodeDump (buffer, node->doc, c, 0, 0);
          if ((markup = xmlBufferContent (buffer)) != NULL)
            g_string_append (s, (const char *) markup);
        }
    }
  return g_string_free (s, FALSE);
}

/* The text of an element: its text and CDATA children. Entity
 * references are never followed. */
static char *
raw_text (xmlNode *node)
{
  GString *s = g_string_new (NULL);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
      g_string_append (s, (const char *) c->content);
  return g_string_free (s, FALSE);
}

static char *
collapsed_text (xmlNode *node)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;
  raw = raw_text (node);
  text = _detente_html_collapse (raw);
  return *text ? g_steal_pointer (&text) : NULL;
}

/* Plain text keeps its paragraphs; lines inside one are joined. */
static char *
plain_paragraphs (const char *raw)
{
  g_auto(GStrv) paragraphs = NULL;
  GString *out = g_string_new (NULL);
  g_autofree char *text = detente_source_normalize_text (raw);

  paragraphs = g_regex_split_simple ("\\n[ \\t]*\\n", text, 0, 0);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *p = _detente_html_collapse (paragraphs[i]);

      if (*p == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, p);
    }
  return g_string_free (out, FALSE);
}

/* An HTML body's text. A long full-content body is scored like a page,
 * which drops share links and "appeared first on" lines; a short one, or
 * one the scoring would mostly throw away, keeps all its text. @too_deep
 * is set if the body nests too deeply to be read whole. */
static char *
html_body_text (const char *html,
                gboolean    full_content,
                gboolean   *too_deep)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *all = NULL;
  g_autofree char *content = NULL;
  gboolean deep = FALSE;

  doc = _detente_html_parse_utf8 (html, strlen (html), &deep);
  if (deep)
    *too_deep = TRUE;
  if (doc == NULL)
    return g_strdup ("");
  all = _detente_html_text (doc, DETENTE_HTML_ALL, NULL, NULL);
  if (!full_content || g_utf8_strlen (all, -1) < 1000)
    return g_steal_pointer (&all);
  content = _detente_html_text (doc, DETENTE_HTML_CONTENT, NULL, NULL);
  if (strlen (content) * 10 < strlen (all) * 6)
    return g_steal_pointer (&all);
  return g_steal_pointer (&content);
}

/* An Atom text construct (title, summary, content) by its type. */
static char *
atom_text (xmlNode  *node,
           gboolean  full_content,
           gboolean *too_deep)
{
  const char *type = prop (node, "type");

  if (type == NULL || g_str_equal (type, "text") || g_str_equal (type, "text/plain"))
    {
      g_autofree char *raw = raw_text (node);

      return plain_paragraphs (raw);
    }
  if (g_str_equal (type, "html") || g_str_equal (type, "text/html") || g_str_equal (type, "xhtml") ||
      g_str_equal (type, "application/xhtml+xml"))
    {
      g_autofree char *html = inner_html (node);

      return html_body_text (html, full_content, too_deep);
    }
  return NULL;
}

static char *
item_link (xmlNode *item)
{
  const char *first = NULL;
  xmlNode *guid;

  for (xmlNode *c = item->children; c != NULL; c = c->next)
    {
      const char *href, *rel;

      if (!is_named (c, "link", NULL))
        continue;
      href = prop (c, "href");
      rel = prop (c, "rel");
      if (href == NULL)
        {
          g_autofree char *text = collapsed_text (c);

          if (text != NULL)
            return g_steal_pointer (&text);
          continue;
        }
      if (rel == NULL || g_str_equal (rel, "alternate"))
        return g_strdup (href);
      if (first == NULL)
        first = href;
    }
  if (first != NULL)
    return g_strdup (first);
  guid = child_named (item, "guid", NULL);
  if (guid != NULL && g_strcmp0 (prop (guid, "isPermaLink"), "false") != 0)
    {
      g_autofree char *text = collapsed_text (guid);

      if (text != NULL && (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://")))
        return g_steal_pointer (&text);
    }
  return NULL;
}

/* "jane@example.org (Jane Doe)" is Jane Doe. */
static char *
item_author (xmlNode *item)
{
  xmlNode *node;
  g_autofree char *text = NULL;
  const char *open;

  if ((node = child_named (item, "author", NULL)) != NULL)
    {
      xmlNode *name = child_named (node, "name", NULL);

      text = collapsed_text (name != NULL ? name : node);
    }
  if (text == NULL && (node = child_named (item, "creator", NS_DC)) != NULL)
    text = collapsed_text (node);
  if (text == NULL)
    return NULL;
  if (strchr (text, '@') != NULL && (open = strchr (text, '(')) != NULL && g_str_has_suffix (text, ")"))
    {
      g_autofree char *name = g_strndup (open + 1, strlen (open + 1) - 1);

      return g_strstrip (g_steal_pointer (&name));
    }
  return g_steal_pointer (&text);
}

static void
item_date (xmlNode     *item,
           DetenteDate *date)
{
  const struct { const char *name; const char *ns; } fields[] = {
    { "pubDate", NULL }, { "published", NULL }, { "date", NS_DC }, { "issued", NULL },
    { "updated", NULL }, { "modified", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      xmlNode *node = child_named (item, fields[i].name, fields[i].ns);
      g_autofree char *text = collapsed_text (node);
      DetenteDate parsed = DETENTE_DATE_INIT;

      if (text != NULL && detente_date_parse_loose (text, &parsed) && detente_date_is_set (&parsed))
        {
          *date = parsed;
          return;
        }
    }
}

static char *
item_body (xmlNode  *item,
           gboolean *too_deep)
{
  xmlNode *node;
  char *text = NULL;

  if ((node = child_named (item, "encoded", NS_CONTENT)) != NULL)
    {
      g_autofree char *html = inner_html (node);

      text = html_body_text (html, TRUE, too_deep);
    }
  else if ((node = child_named (item, "content", NS_ATOM)) != NULL && prop (node, "src") == NULL)
    text = atom_text (node, TRUE, too_deep);
  if (text != NULL && *text)
    return text;
  g_free (text);
  text = NULL;

  if ((node = child_named (item, "summary", NS_ATOM)) != NULL)
    text = atom_text (node, FALSE, too_deep);
  else if ((node = child_named (item, "description", NULL)) != NULL)
    {
      /* RSS descriptions are HTML, escaped or in CDATA. */
      g_autofree char *html = inner_html (node);

      text = html_body_text (html, FALSE, too_deep);
    }
  return text;
}

static DetenteArticle *
read_item (xmlNode    *item,
           const char *file_name,
           guint       index,
           const char *encoding,
           gboolean   *too_deep)
{
  DetenteArticle *article = g_new0 (DetenteArticle, 1);
  xmlNode *title = child_named (item, "title", NULL);
  g_autofree char *body = item_body (item, too_deep);

  article->file_name = g_strdup_printf ("%s#%u", file_name, index);
  article->encoding = g_strdup (encoding);
  if (title != NULL)
    {
      g_autofree char *text = is_named (title, "title", NS_ATOM) ? atom_text (title, FALSE, too_deep) : NULL;

      if (text == NULL)
        {
          /* An RSS title is plain text, though some carry entities. */
          g_autofree char *raw = raw_text (title);

          text = html_body_text (raw, FALSE, too_deep);
        }
      article->title = _detente_html_collapse (text);
      if (*article->title == '\0')
        g_clear_pointer (&article->title, g_free);
    }
  article->url = item_link (item);
  article->author = item_author (item);
  item_date (item, &article->published);
  /* A headline-only item still says something. */
  if (body == NULL || *body == '\0')
    {
      g_free (body);
      body = g_strdup (article->title != NULL ? article->title : "");
    }
  article->text = detente_source_normalize_text (body);
  return article;
}

/* libxml2 2.9 halts at a depth of 256 and keeps what came before; the
 * items after that point would be lost without a word. */
static xmlDoc *
parse_xml (const char *utf8,
           gsize       length,
           gboolean   *too_deep)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  xmlDoc *doc;

  *too_deep = FALSE;
  if (ctxt == NULL)
    return NULL;
  doc = xmlCtxtReadMemory (ctxt, utf8, (int) length, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
  *too_deep = ctxt->disableSAX != 0 && ctxt->errNo == XML_ERR_INTERNAL_ERROR;
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/**
 * detente_feed_read:
 * @data: the bytes of an RSS, RDF or Atom feed
 * @length: how many
 * @file_name: its name, for messages and for the items' names
 * @error: return location for a #GError
 *
 * Reads every item (RSS) or entry (Atom) of a feed as an article named
 * "@file_name#N", N counting from 1: its title, link, date, author and
 * the text of its content, else of its description or summary. A feed
 * whose DOCTYPE declares entities is refused, and so is one that nests
 * too deeply for all of its text to be read.
 *
 * Returns: (transfer full) (element-type DetenteArticle) (nullable): the
 *   articles, at least one, or %NULL on error
 */
GPtrArray *
detente_feed_read (const char  *data,
                   gsize        length,
                   const char  *file_name,
                   GError     **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *encoding = NULL;
  gboolean entities = FALSE;
  gboolean too_deep = FALSE;
  xmlNode *root;
  guint index = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_detente_article_fits (length, file_name, error))
    return NULL;

  /* Decoded here, as pages are, so a wrong or missing declaration does not
   * stop the parser; the declaration inside is then ignored. */
  decoded = _detente_html_decode (data != NULL ? data : "", length, &encoding);
  find_root (decoded, strlen (decoded), &entities);
  if (entities)
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_UNSAFE,
                   _("“%s” declares entities in its DOCTYPE, which Détente does not read"), file_name);
      return NULL;
    }
  if (strlen (decoded) <= G_MAXINT)
    doc = parse_xml (decoded, strlen (decoded), &too_deep);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (doc != NULL && doc->intSubset != NULL && doc->intSubset->entities != NULL)
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_UNSAFE,
                   _("“%s” declares entities in its DOCTYPE, which Détente does not read"), file_name);
      return NULL;
    }
  if (too_deep)
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_DEEP,
                   _("“%s” is nested too deeply to be read"), file_name);
      return NULL;
    }
  if (root == NULL || !(g_str_equal ((const char *) root->name, "rss") ||
                        g_str_equal ((const char *) root->name, "feed") ||
                        g_str_equal ((const char *) root->name, "RDF")))
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_INVALID,
                   _("“%s” is not an RSS or Atom feed"), file_name);
      return NULL;
    }

  articles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_article_free);
  for (xmlNode *node = root->children; node != NULL; )
    {
      gboolean skip = FALSE;

      if (is_named (node, "item", NULL) || is_named (node, "entry", NULL))
        {
          DetenteArticle *article = read_item (node, file_name, ++index, encoding, &too_deep);

          g_ptr_array_add (articles, article);
          if (too_deep)
            {
              g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_TOO_DEEP,
                           _("“%s” is nested too deeply to be read"), article->file_name);
              return NULL;
            }
          skip = TRUE;
        }
      else if (node->type != XML_ELEMENT_NODE)
        skip = TRUE;

      /* Items sit in channel (RSS) or at the top (RDF, Atom): walk the
       * whole tree, but never into an item. */
      if (!skip && node->children != NULL)
        node = node->children;
      else
        {
          while (node != root && node->next == NULL)
            node = node->parent;
          node = node != root ? node->next : NULL;
        }
    }

  if (articles->len == 0)
    {
      g_set_error (error, DETENTE_ARTICLE_ERROR, DETENTE_ARTICLE_ERROR_EMPTY,
                   _("“%s” is a feed with no items"), file_name);
      return NULL;
    }
  return g_steal_pointer (&articles);
}
