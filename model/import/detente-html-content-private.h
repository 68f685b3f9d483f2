/* detente-html-content-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-html-private.h"

G_BEGIN_DECLS

/* What the scoring (detente-html-content.c) and the cleaning
 * (detente-html-clean.c) of a page know about each of its elements: a
 * NodeInfo hangs from each element's _private while a page is read. */

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

/* What a pass may use; each retry drops one, as Readability does. */
enum
{
  PASS_STRIP_UNLIKELY = 1 << 0,
  PASS_WEIGHT_CLASSES = 1 << 1,
  PASS_CLEAN          = 1 << 2,
};

typedef struct
{
  /* The measures of one pass, up to weight: measure() clears them. */
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


static inline double
link_density (NodeInfo *info)
{
  return info->text > 0 ? (double) info->links / info->text : 0.0;
}


void _detente_html_clean (Extractor *ex,
                          xmlNode   *root);

G_END_DECLS
