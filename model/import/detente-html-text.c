/* detente-html-text.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-html-private.h"

/* From a tree of HTML to text: paragraphs separated by blank lines,
 * whitespace collapsed inside them as a browser shows it; and the
 * parsing and walking every part of the HTML reader shares. */

typedef struct
{
  GString *out;
  GString *para;
  gboolean space;
  guint    brs;
  int      pre;
} Sink;

/**
 * _detente_html_next:
 * @node: a node below @root, or @root
 * @root: where the walk started
 * @skip: whether to leave out @node's children
 *
 * Walks a tree without recursion: a page may nest deeper than a stack.
 *
 * Returns: (nullable) (transfer none): the node after @node in document
 *   order, or %NULL at the end of @root
 */
xmlNode *
_detente_html_next (xmlNode  *node,
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

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 ||
         c == 0x3000 || (c >= 0x2000 && c <= 0x200B);
}

static gboolean
is_comma (gunichar c)
{
  return c == ',' || c == 0x060C || c == 0xFE50 || c == 0xFE10 || c == 0xFE11 || c == 0x2E41 ||
         c == 0x2E34 || c == 0x2E32 || c == 0xFF0C || c == 0x3001;
}

/**
 * _detente_html_measure:
 * @text: (nullable): text
 * @chars: (out): its length in characters, a run of whitespace counting one
 * @commas: (out): its commas, in any script
 */
void
_detente_html_measure (const char *text,
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
enter (Sink            *s,
       DetenteHtmlRole  role)
{
  switch (role)
    {
    case DETENTE_HTML_BLOCK:
      sink_break (s);
      break;
    case DETENTE_HTML_PRE:
      sink_break (s);
      s->pre++;
      break;
    case DETENTE_HTML_BREAK:
      /* One <br> ends a line, two end a paragraph. */
      if (s->brs > 0)
        sink_break (s);
      else
        {
          sink_newline (s);
          s->brs++;
        }
      break;
    case DETENTE_HTML_ROW:
      sink_newline (s);
      break;
    case DETENTE_HTML_CELL:
      s->space = TRUE;
      break;
    case DETENTE_HTML_SKIP:
    case DETENTE_HTML_INLINE:
    default:
      break;
    }
}

static void
leave (Sink            *s,
       DetenteHtmlRole  role)
{
  switch (role)
    {
    case DETENTE_HTML_BLOCK:
      sink_break (s);
      break;
    case DETENTE_HTML_PRE:
      sink_break (s);
      s->pre--;
      break;
    case DETENTE_HTML_ROW:
      sink_newline (s);
      break;
    case DETENTE_HTML_CELL:
      s->space = TRUE;
      break;
    case DETENTE_HTML_BREAK:
    case DETENTE_HTML_SKIP:
    case DETENTE_HTML_INLINE:
    default:
      break;
    }
}

/**
 * _detente_html_serialize:
 * @roots: (array length=n_roots): elements, in document order
 * @n_roots: how many
 * @role: tells what each element is to the text
 * @user_data: for @role
 *
 * Text nodes give their text with whitespace collapsed (kept inside a
 * #DETENTE_HTML_PRE element), blocks give paragraphs, separated by blank
 * lines.
 *
 * Returns: (transfer full): the text
 */
char *
_detente_html_serialize (xmlNode * const     *roots,
                         guint                n_roots,
                         DetenteHtmlRoleFunc  role,
                         gpointer             user_data)
{
  Sink s = { g_string_new (NULL), g_string_new (NULL), FALSE, 0, 0 };

  for (guint i = 0; i < n_roots; i++)
    {
      xmlNode *root = roots[i];
      xmlNode *node = root;

      sink_break (&s);
      while (node != NULL)
        {
          DetenteHtmlRole r = DETENTE_HTML_INLINE;

          if (node->type == XML_ELEMENT_NODE)
            enter (&s, (r = role (node, user_data)));
          else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
            sink_text (&s, (const char *) node->content);

          if (r != DETENTE_HTML_SKIP && node->type == XML_ELEMENT_NODE && node->children != NULL)
            {
              node = node->children;
              continue;
            }
          /* Leave @node, and each ancestor whose last child it is. */
          for (;;)
            {
              if (node->type == XML_ELEMENT_NODE && r != DETENTE_HTML_SKIP)
                leave (&s, r);
              if (node == root)
                {
                  node = NULL;
                  break;
                }
              if (node->next != NULL)
                {
                  node = node->next;
                  break;
                }
              node = node->parent;
              r = role (node, user_data);
            }
        }
    }
  sink_break (&s);
  g_string_free (s.para, TRUE);
  return g_string_free (s.out, FALSE);
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
