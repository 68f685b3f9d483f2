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
xmlDoc  *_detente_html_parse_utf8    (const char       *utf8,
                                      gsize             length);
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
