/* detente-html-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)

/* How much of a page's text to keep. */
typedef enum
{
  DETENTE_HTML_ALL,      /* every visible paragraph, as for a feed's summary */
  DETENTE_HTML_CONTENT,  /* the main content only, found by scoring */
} DetenteHtmlMode;

char    *_detente_html_decode        (const char       *data,
                                      gsize             length,
                                      char            **encoding);
/* What an element's class, id, role and style attributes say. */
typedef struct
{
  int   weight;             /* from -50 (furniture) to +100 (the article) */
  guint hidden : 1;         /* not shown */
  guint unlikely : 1;       /* named as page furniture */
  guint unlikely_role : 1;  /* a navigation, menu or dialog role */
  guint byline : 1;         /* author, date */
  guint caption : 1;        /* caption, credit, copyright */
  guint embed : 1;          /* an embedded post */
  guint share : 1;          /* share buttons */
} DetenteHtmlHints;

/* What an element is to the text. */
typedef enum
{
  DETENTE_HTML_INLINE,
  DETENTE_HTML_SKIP,   /* left out, with what it holds */
  DETENTE_HTML_BLOCK,  /* a paragraph, or paragraphs */
  DETENTE_HTML_PRE,    /* a block whose whitespace is kept */
  DETENTE_HTML_BREAK,  /* <br> */
  DETENTE_HTML_ROW,    /* a line of a table */
  DETENTE_HTML_CELL,   /* a cell in that line */
} DetenteHtmlRole;

typedef DetenteHtmlRole (*DetenteHtmlRoleFunc) (xmlNode  *element,
                                                gpointer  user_data);

const char *_detente_html_attr       (xmlNode          *element,
                                      const char       *name);
void     _detente_html_hints         (xmlNode          *element,
                                      GHashTable       *cache,
                                      DetenteHtmlHints *hints);
xmlNode *_detente_html_next          (xmlNode          *node,
                                      xmlNode          *root,
                                      gboolean          skip);
void     _detente_html_measure       (const char       *text,
                                      guint            *chars,
                                      guint            *commas);
char    *_detente_html_serialize     (xmlNode * const  *roots,
                                      guint             n_roots,
                                      DetenteHtmlRoleFunc role,
                                      gpointer          user_data);
xmlDoc  *_detente_html_parse_utf8    (const char       *utf8,
                                      gsize             length,
                                      gboolean         *too_deep);
char    *_detente_html_text          (xmlDoc           *doc,
                                      DetenteHtmlMode   mode,
                                      const char       *title,
                                      xmlNode         **content);
char    *_detente_html_fragment_text (const char       *html,
                                      gsize             length,
                                      DetenteHtmlMode   mode);
char    *_detente_html_node_text     (xmlNode          *node);
char    *_detente_html_collapse      (const char       *text);

G_END_DECLS
