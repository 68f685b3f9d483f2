/* detente-html-text.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
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
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gboolean space = TRUE;
  guint n = 0, n_commas = 0;  /* locals: a store through @chars could alias @text */
  const char *p = text;
  const char *end;

  *chars = 0;
  *commas = 0;
  if (text == NULL)
    return;
  end = p + strlen (p);
  while (p < end)
    {
      const char *stop;

      /* Eight bytes at a time while they are visible ASCII or single
       * spaces after one (most of any page's text): each is a character
       * of its own. */
      if (end - p >= 8 && !(space && *p == ' '))
        {
          guint64 w, x, y, spaces, found;

          memcpy (&w, p, sizeof w);
          /* Every byte from 0x20 to 0x7F: no borrow, no high bit. */
          x = w - 0x20 * ones;
          if (((x | w) & high) == 0)
            {
              /* Bytes that are zero in x, spaces, set a high bit here. */
              spaces = ~(x + 0x7F * ones) & high;
              if ((spaces & (spaces >> 8)) == 0)
                {
                  y = w ^ (',' * ones);
                  found = ~(y + 0x7F * ones) & high;
                  n += 8;
                  n_commas += ((found >> 7) * ones) >> 56;
                  space = p[7] == ' ';
                  p += 8;
                  continue;
                }
            }
        }

      /* Anything else one character at a time, for eight bytes. */
      for (stop = MIN (p + 8, end); p < stop; )
        {
          guchar b = *p;
          gunichar c;

          /* ASCII, most of any page, without the general tests. */
          if (b < 0x80)
            {
              p++;
              if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f')
                {
                  n += !space;
                  space = TRUE;
                  continue;
                }
              space = FALSE;
              n++;
              n_commas += b == ',';
              continue;
            }
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
          if (is_space_char (c))
            {
              n += !space;
              space = TRUE;
              continue;
            }
          space = FALSE;
          n++;
          n_commas += is_comma (c);
        }
    }
  *chars = n;
  *commas = n_commas;
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

/* Adds a run of characters that are neither whitespace nor invisible:
 * after the space that came before it, if any. */
static void
sink_word (Sink       *s,
           const char *word,
           gsize       length)
{
  if (s->space && s->para->len > 0 && s->para->str[s->para->len - 1] != '\n')
    g_string_append_c (s->para, ' ');
  s->space = FALSE;
  s->brs = 0;
  g_string_append_len (s->para, word, length);
}

static void
sink_text (Sink       *s,
           const char *text)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const char *word = NULL;  /* the start of a run of visible characters */
  const char *p;
  const char *end;

  if (text == NULL)
    return;
  end = text + strlen (text);
  for (p = text; *p; )
    {
      const char *next;
      gunichar c;

      /* Eight bytes at a time while they are visible ASCII and, outside
       * <pre>, single spaces between them, which the run takes in as
       * they are (see below). */
      if (end - p >= 8 && (word != NULL || *p != ' ') && p[7] != ' ')
        {
          guint64 w, x, spaces;

          memcpy (&w, p, sizeof w);
          /* Every byte from 0x20 to 0x7F: no borrow, no high bit. */
          x = w - 0x20 * ones;
          if (((x | w) & high) == 0)
            {
              /* Bytes that are zero in x, spaces, set a high bit here. */
              spaces = ~(x + 0x7F * ones) & high;
              if (spaces == 0 || (s->pre == 0 && (spaces & (spaces >> 8)) == 0))
                {
                  if (word == NULL)
                    word = p;
                  p += 8;
                  continue;
                }
            }
        }
      /* Most characters are visible ASCII, which gathers into runs added
       * at once rather than one by one. Outside <pre>, one space between
       * two of them stays one space, and can join the run. */
      if ((guchar) *p > ' ' && (guchar) *p < 0x80)
        {
          if (word == NULL)
            word = p;
          p++;
          continue;
        }
      if (*p == ' ' && word != NULL && s->pre == 0 && (guchar) p[1] > ' ' && (guchar) p[1] < 0x80)
        {
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);
      if (!is_space_char (c) && c != 0xAD && c != 0xFEFF)
        {
          if (word == NULL)
            word = p;
          p = next;
          continue;
        }
      if (word != NULL)
        {
          sink_word (s, word, p - word);
          word = NULL;
        }

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
      /* else U+200B, U+00AD or U+FEFF, which show nothing */
      p = next;
    }
  if (word != NULL)
    sink_word (s, word, p - word);
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

/* Pages nested too deeply ------------------------------------------------
 *
 * libxml2 2.9 stops building the tree at a depth of 256 ("Excessive depth
 * in document") and keeps only what came before: a page that opens 300
 * <font> tags and never closes them loses all its text. XML_PARSE_HUGE
 * lifts the limit, but then nothing bounds the parser's stack of open
 * elements, and it searches that stack for every end tag: half a megabyte
 * of open tags and stray end tags keeps it busy for twenty seconds. So the
 * limit stays, and a page that reaches it is flattened and parsed again:
 * first without the inline start tags that are never closed, which is
 * what nests most such pages; then without any inline tags at all, and
 * with each container that is never closed ended where it opens. A page
 * still too deep is refused rather than read in part. */

typedef enum
{
  FLAT_INLINE,     /* only marks text up: can go */
  FLAT_CONTAINER,  /* holds paragraphs: can close at once, keeping a break */
} FlatKind;

typedef struct
{
  const char *name;
  FlatKind    kind;
} FlatTagName;

/* Sorted by name, for bsearch(). */
static const FlatTagName flat_tags[] = {
  { "a", FLAT_INLINE }, { "abbr", FLAT_INLINE }, { "acronym", FLAT_INLINE },
  { "address", FLAT_CONTAINER }, { "article", FLAT_CONTAINER }, { "aside", FLAT_CONTAINER },
  { "b", FLAT_INLINE }, { "bdi", FLAT_INLINE }, { "bdo", FLAT_INLINE }, { "big", FLAT_INLINE },
  { "blink", FLAT_INLINE }, { "blockquote", FLAT_CONTAINER }, { "center", FLAT_CONTAINER },
  { "cite", FLAT_INLINE }, { "code", FLAT_INLINE }, { "del", FLAT_INLINE },
  { "details", FLAT_CONTAINER }, { "dfn", FLAT_INLINE }, { "dir", FLAT_CONTAINER },
  { "div", FLAT_CONTAINER }, { "dl", FLAT_CONTAINER }, { "em", FLAT_INLINE },
  { "fieldset", FLAT_CONTAINER }, { "figure", FLAT_CONTAINER }, { "font", FLAT_INLINE },
  { "footer", FLAT_CONTAINER }, { "form", FLAT_CONTAINER }, { "header", FLAT_CONTAINER },
  { "i", FLAT_INLINE }, { "ins", FLAT_INLINE }, { "kbd", FLAT_INLINE }, { "label", FLAT_INLINE },
  { "main", FLAT_CONTAINER }, { "mark", FLAT_INLINE }, { "menu", FLAT_CONTAINER },
  { "nav", FLAT_CONTAINER }, { "nobr", FLAT_INLINE }, { "ol", FLAT_CONTAINER },
  { "q", FLAT_INLINE }, { "s", FLAT_INLINE }, { "samp", FLAT_INLINE },
  { "section", FLAT_CONTAINER }, { "small", FLAT_INLINE }, { "span", FLAT_INLINE },
  { "strike", FLAT_INLINE }, { "strong", FLAT_INLINE }, { "sub", FLAT_INLINE },
  { "sup", FLAT_INLINE }, { "tt", FLAT_INLINE }, { "u", FLAT_INLINE }, { "ul", FLAT_CONTAINER },
  { "var", FLAT_INLINE },
};

typedef struct
{
  gsize    start;    /* at its '<' */
  gsize    end;      /* after its '>' */
  guint    index;    /* in flat_tags */
  gboolean closing;
} FlatTag;

static int
compare_flat_name (const void *key,
                   const void *entry)
{
  return strcmp (key, ((const FlatTagName *) entry)->name);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == ':' || c == '-' || c == '_' || c == '.';
}

/* Where the contents of a <script> or <style> opened before @p end: at
 * "</" and its name, which the parser alone ends them with. */
static gsize
end_of_raw_text (const char *s,
                 gsize       n,
                 gsize       p,
                 const char *name,
                 gsize       name_len)
{
  while (p < n)
    {
      const char *lt = memchr (s + p, '<', n - p);

      if (lt == NULL)
        return n;
      p = lt - s;
      if (n - p >= name_len + 2 && s[p + 1] == '/' && g_ascii_strncasecmp (s + p + 2, name, name_len) == 0)
        return p;
      p++;
    }
  return n;
}

/* The next start or end tag at or after *@pos that flat_tags names and
 * that is not self-closing ("<span/>"), passing over comments,
 * declarations and what scripts and styles hold, as the parser does. Every
 * byte is looked at once or twice, whatever the page. */
static gboolean
next_flat_tag (const char *s,
               gsize       n,
               gsize      *pos,
               FlatTag    *tag)
{
  gsize p = *pos;

  while (p < n)
    {
      const char *lt = memchr (s + p, '<', n - p);
      const FlatTagName *hit;
      char name[16];
      gsize i, j, k, name_start, name_len;
      gboolean closing;

      if (lt == NULL)
        break;
      i = lt - s;
      if (n - i >= 4 && memcmp (s + i, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (s + i + 4, n - i - 4, "-->");

          p = close != NULL ? (gsize) (close - s) + 3 : n;
          continue;
        }
      if (n - i >= 2 && (s[i + 1] == '!' || s[i + 1] == '?'))
        {
          const char *gt = memchr (s + i, '>', n - i);

          p = gt != NULL ? (gsize) (gt - s) + 1 : n;
          continue;
        }
      closing = n - i >= 2 && s[i + 1] == '/';
      name_start = i + 1 + closing;
      if (name_start >= n || !g_ascii_isalpha (s[name_start]))
        {
          p = i + 1;
          continue;
        }
      for (j = name_start; j < n && is_name_char (s[j]); j++)
        ;
      name_len = j - name_start;

      /* The tag ends at a '>' outside a quoted attribute value. */
      for (k = j; k < n && s[k] != '>'; k++)
        {
          const char *quote;

          if (s[k] != '=')
            continue;
          while (k + 1 < n && g_ascii_isspace (s[k + 1]))
            k++;
          if (k + 1 >= n || (s[k + 1] != '"' && s[k + 1] != '\''))
            continue;
          if ((quote = memchr (s + k + 2, s[k + 1], n - k - 2)) == NULL)
            k = n - 1;
          else
            k = quote - s;
        }
      if (k >= n)
        break;
      p = k + 1;

      if (!closing && ((name_len == 6 && g_ascii_strncasecmp (s + name_start, "script", 6) == 0) ||
                       (name_len == 5 && g_ascii_strncasecmp (s + name_start, "style", 5) == 0)))
        {
          p = end_of_raw_text (s, n, p, s + name_start, name_len);
          continue;
        }
      if (name_len >= sizeof name || (!closing && s[k - 1] == '/'))
        continue;
      for (gsize c = 0; c < name_len; c++)
        name[c] = g_ascii_tolower (s[name_start + c]);
      name[name_len] = '\0';
      hit = bsearch (name, flat_tags, G_N_ELEMENTS (flat_tags), sizeof flat_tags[0], compare_flat_name);
      if (hit == NULL)
        continue;

      tag->start = i;
      tag->end = p;
      tag->index = hit - flat_tags;
      tag->closing = closing;
      *pos = p;
      return TRUE;
    }
  *pos = n;
  return FALSE;
}

/* @html flattened (see above); @all for the second, harder way. Each end
 * tag closes the innermost open element of its name, as in the parser.
 * Returns: (transfer full) (nullable): the new page, @flat_length bytes,
 *   or %NULL if flattening changes nothing */
static char *
flatten (const char *html,
         gsize       length,
         gboolean    all,
         gsize      *flat_length)
{
  GArray *open[G_N_ELEMENTS (flat_tags)] = { NULL, };
  g_autofree guint8 *unclosed = NULL;
  GString *out;
  FlatTag tag;
  gsize pos = 0, copied = 0;
  guint starts = 0;
  gboolean changed = FALSE;

  /* Which start tags are never closed, by their number among start tags. */
  while (next_flat_tag (html, length, &pos, &tag))
    {
      GArray *stack = open[tag.index];

      if (!tag.closing)
        {
          if (stack == NULL)
            stack = open[tag.index] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (stack, starts);
          starts++;
        }
      else if (stack != NULL && stack->len > 0)
        g_array_set_size (stack, stack->len - 1);
    }
  unclosed = g_malloc0 (starts / 8 + 1);
  for (guint i = 0; i < G_N_ELEMENTS (flat_tags); i++)
    {
      if (open[i] == NULL)
        continue;
      for (guint j = 0; j < open[i]->len; j++)
        {
          guint k = g_array_index (open[i], guint, j);

          unclosed[k / 8] |= 1 << (k % 8);
        }
      g_array_unref (open[i]);
    }

  out = g_string_sized_new (length);
  pos = 0;
  starts = 0;
  while (next_flat_tag (html, length, &pos, &tag))
    {
      FlatKind kind = flat_tags[tag.index].kind;
      gboolean never_closed = FALSE;

      if (!tag.closing)
        {
          never_closed = (unclosed[starts / 8] >> (starts % 8)) & 1;
          starts++;
        }
      if (kind == FLAT_INLINE && (all || never_closed))
        {
          g_string_append_len (out, html + copied, tag.start - copied);
          copied = tag.end;
          changed = TRUE;
        }
      else if (kind == FLAT_CONTAINER && all && never_closed)
        {
          g_string_append_len (out, html + copied, tag.end - copied);
          g_string_append_printf (out, "</%s>", flat_tags[tag.index].name);
          copied = tag.end;
          changed = TRUE;
        }
    }
  if (!changed)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  g_string_append_len (out, html + copied, length - copied);
  *flat_length = out->len;
  return g_string_free (out, FALSE);
}

static xmlDoc *
parse_once (const char *utf8,
            gsize       length,
            gboolean   *too_deep)
{
  htmlParserCtxtPtr ctxt;
  xmlDoc *doc;

  *too_deep = FALSE;
  if (length == 0 || length > G_MAXINT || (ctxt = htmlNewParserCtxt ()) == NULL)
    return NULL;
  doc = htmlCtxtReadMemory (ctxt, utf8, (int) length, NULL, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                            HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
  /* The depth limit halts the parser: the one error that stops it for
   * good, the rest of the page unread. */
  *too_deep = ctxt->disableSAX != 0 && ctxt->errNo == XML_ERR_INTERNAL_ERROR;
  htmlFreeParserCtxt (ctxt);
  return doc;
}

/**
 * _detente_html_parse_utf8:
 * @utf8: an HTML page or fragment, UTF-8
 * @length: its length in bytes
 * @too_deep: (out) (optional): set when the page nests so deeply, even
 *   flattened, that the document holds only part of it
 *
 * Never touches the network and never prints parser errors. A page
 * nested deeper than the parser goes is flattened and parsed again.
 *
 * Returns: (transfer full) (nullable): the document
 */
xmlDoc *
_detente_html_parse_utf8 (const char *utf8,
                          gsize       length,
                          gboolean   *too_deep)
{
  xmlDoc *doc;
  gboolean deep = FALSE;

  doc = parse_once (utf8, length, &deep);
  for (guint round = 0; deep && round < 2; round++)
    {
      gsize flat_length = 0;
      g_autofree char *flat = flatten (utf8, length, round == 1, &flat_length);

      if (flat == NULL)
        continue;
      g_clear_pointer (&doc, xmlFreeDoc);
      doc = parse_once (flat, flat_length, &deep);
    }
  if (too_deep != NULL)
    *too_deep = deep;
  return doc;
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
  g_autoptr(xmlDoc) doc = _detente_html_parse_utf8 (html, length, NULL);

  if (doc == NULL)
    return g_strdup ("");
  return _detente_html_text (doc, mode, NULL, NULL);
}
