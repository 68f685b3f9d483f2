/* detente-html-clean.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-html-content-private.h"

/* Cleaning the chosen content, after Readability's "clean conditionally":
 * inner elements are judged first, so an outer one is judged on what
 * stays, and what goes is taken out of every ancestor's measures. */

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
  const char *role = _detente_html_attr (table, "role");
  const char *datatable = _detente_html_attr (table, "datatable");
  guint rows = 0, cols = 0;

  if (role != NULL && g_str_equal (role, "presentation"))
    return FALSE;
  if (datatable != NULL && g_str_equal (datatable, "0"))
    return FALSE;
  if (_detente_html_attr (table, "summary") != NULL)
    return TRUE;
  for (xmlNode *n = table->children; n != NULL; n = _detente_html_next (n, table, FALSE))
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

/**
 * _detente_html_clean:
 * @ex: the page being read
 * @root: an element of the content
 *
 * Removes from @root what looks like page furniture rather than the
 * article: bylines and timestamps, the headline, captions, share buttons,
 * and lists, tables, forms and blocks that are mostly links, pictures or
 * controls.
 */
void
_detente_html_clean (Extractor *ex,
                     xmlNode   *root)
{
  GPtrArray *order = g_ptr_array_new ();

  for (xmlNode *n = root; n != NULL; )
    {
      NodeInfo *info = info_of (n);
      gboolean skip = info != NULL && info->dropped;

      if (info != NULL && !skip)
        g_ptr_array_add (order, n);
      n = _detente_html_next (n, root, skip);
    }

  /* Inner elements first, so an outer one is judged on what stays. */
  for (guint i = order->len; i-- > 0; )
    {
      xmlNode *n = order->pdata[i];
      NodeInfo *info = info_of (n);

      if (n == root || info->removed)
        continue;
      /* A byline, a dateline, or a box about the author. */
      if (info->byline && !(info->flags & T_HEADING) &&
          (info->text < 100 || ((info->flags & T_DIVLIKE) && info->text < 600)))
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
          n = _detente_html_next (n, root, skip);
        }
    }
  g_ptr_array_free (order, TRUE);
}
