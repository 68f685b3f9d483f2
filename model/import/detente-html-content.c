/* detente-html-content.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-html-content-private.h"

/* Finding the main text of a web page, after Mozilla's Readability:
 * paragraphs score their ancestors by how much prose they hold; class and
 * id names, tags and link density adjust the scores; the best candidate
 * and its kin siblings are the content; lists, tables and blocks inside it
 * that look like page furniture are cleaned away. A pass that finds too
 * little text is retried with fewer rules. Every walk over the tree is
 * iterative, because a hostile page may nest deeper than the stack. */

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

/* Tags, names and visibility, once per document. */
static gboolean
setup_infos (Extractor *ex,
             xmlNode   *root)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;
  guint i = 0;

  for (xmlNode *node = root; node != NULL; node = _detente_html_next (node, root, FALSE))
    if (node->type == XML_ELEMENT_NODE)
      n++;
  ex->infos = g_new0 (NodeInfo, MAX (n, 1));
  ex->n_infos = n;

  for (xmlNode *node = root; node != NULL; node = _detente_html_next (node, root, FALSE))
    {
      NodeInfo *info;
      const TagInfo *ti;
      DetenteHtmlHints hints;

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
      _detente_html_hints (node, names, &hints);
      /* Namespaced elements are SVG, MathML or a template language's. */
      info->always_drop = (info->flags & T_DROP) || hints.hidden || (node->ns != NULL && node->ns->prefix != NULL);
      info->weight = hints.weight;
      info->unlikely = hints.unlikely_role || (info->flags & T_FURNITURE) ||
                       (hints.unlikely && info->tag != TAG_BODY && info->tag != TAG_A && node != root);
      info->byline = hints.byline;
      info->caption = hints.caption;
      info->embed = hints.embed;
      info->share = hints.share;
    }
  return n > 0;
}

/* Text measures --------------------------------------------------------- */

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

                  _detente_html_measure ((const char *) node->content, &chars, &commas);
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
            _detente_html_measure ((const char *) c->content, &chars, &n);
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
      node = _detente_html_next (node, root, skip);
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

      node = _detente_html_next (node, ex->body, info != NULL && info->dropped);
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
  const char *cls = core != NULL ? _detente_html_attr (core, "class") : NULL;
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
          (ncls = _detente_html_attr (n, "class")) != NULL && g_str_equal (ncls, cls) && info->text >= 100 &&
          link_density (info) < 0.25 && !is_ancestor (n, core))
        {
          g_ptr_array_add (nodes, n);
          added++;
          skip = TRUE;
        }
      n = _detente_html_next (n, ex->body, skip);
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
  const char *top_class = _detente_html_attr (top, "class");

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
      cls = _detente_html_attr (s, "class");
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

static DetenteHtmlRole
content_role (xmlNode  *element,
              gpointer  user_data)
{
  NodeInfo *info = info_of (element);

  if (info->dropped || info->removed || info->always_drop)
    return DETENTE_HTML_SKIP;
  if (info->tag == TAG_PRE)
    return DETENTE_HTML_PRE;
  if (info->flags & T_BLOCK)
    return DETENTE_HTML_BLOCK;
  switch (info->tag)
    {
    case TAG_BR:
      return DETENTE_HTML_BREAK;
    case TAG_TR:
      return DETENTE_HTML_ROW;
    case TAG_TD:
    case TAG_TH:
      return DETENTE_HTML_CELL;
    default:
      return DETENTE_HTML_INLINE;
    }
}

static char *
serialize_nodes (GPtrArray *nodes)
{
  return _detente_html_serialize ((xmlNode * const *) nodes->pdata, nodes->len, content_role, NULL);
}

/* g_utf8_strlen (@text, @bytes) for the valid UTF-8 that the text of a
 * parsed page always is (libxml2 makes it so): the bytes less those that
 * continue a character (10xxxxxx), eight bytes at a time. */
static gsize
count_chars (const char *text,
             gsize       bytes)
{
  gsize n = bytes;
  gsize i = 0;

  for (; i + 8 <= bytes; i += 8)
    {
      guint64 w, cont;

      memcpy (&w, text + i, sizeof w);
      /* 1 in each byte whose top bits are 10, then their sum. */
      cont = (w & ~(w << 1) & G_GUINT64_CONSTANT (0x8080808080808080)) >> 7;
      n -= (cont * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56;
    }
  for (; i < bytes; i++)
    n -= ((guchar) text[i] & 0xC0) == 0x80;
  return n;
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
      glong chars = count_chars (p, bytes);
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
  for (xmlNode *n = root; n != NULL; n = _detente_html_next (n, root, FALSE))
    if (n->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) n->name, "body") == 0)
      return n;
  return root;
}

static void
clear_private (xmlNode *root)
{
  for (xmlNode *n = root; n != NULL; n = _detente_html_next (n, root, FALSE))
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
      best = serialize_nodes (nodes);
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
      for (guint j = 0; j < nodes->len; j++)
        _detente_html_clean (&ex, nodes->pdata[j]);
      text = serialize_nodes (nodes);
      len = count_chars (text, strlen (text));
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

