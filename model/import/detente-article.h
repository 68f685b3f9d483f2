/* detente-article.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "detente-date.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_ARTICLE (detente_article_get_type ())
#define DETENTE_ARTICLE_ERROR (detente_article_error_quark ())
#define DETENTE_ARTICLE_MAX_SIZE (50 * 1024 * 1024)

/**
 * DetenteArticleError:
 * @DETENTE_ARTICLE_ERROR_EMPTY: the file has no text, or the feed no items
 * @DETENTE_ARTICLE_ERROR_TOO_LARGE: the file is over %DETENTE_ARTICLE_MAX_SIZE
 * @DETENTE_ARTICLE_ERROR_BINARY: the file is not text
 * @DETENTE_ARTICLE_ERROR_INVALID: the file is not what its name or its
 *   start says: an XML file that is no feed, a damaged gzip file
 * @DETENTE_ARTICLE_ERROR_UNSAFE: a feed that declares entities
 * @DETENTE_ARTICLE_ERROR_TOO_DEEP: a page or feed nested so deeply that
 *   some of its text cannot be read, even with the page flattened
 *
 * Why a file gives no article. Every message names the file.
 */
typedef enum
{
  DETENTE_ARTICLE_ERROR_EMPTY,
  DETENTE_ARTICLE_ERROR_TOO_LARGE,
  DETENTE_ARTICLE_ERROR_BINARY,
  DETENTE_ARTICLE_ERROR_INVALID,
  DETENTE_ARTICLE_ERROR_UNSAFE,
  DETENTE_ARTICLE_ERROR_TOO_DEEP,
} DetenteArticleError;

/**
 * DetenteArticle:
 * @file_name: the name of the file it came from
 * @title: (nullable): the headline
 * @author: (nullable): the byline
 * @url: (nullable): where it was published
 * @published: the publication date, if known
 * @text: the clean body text, UTF-8, paragraphs separated by blank lines
 * @encoding: the encoding the file was written in
 *
 * An article as read from a file: plain data, made on any thread.
 */
typedef struct
{
  char        *file_name;
  char        *title;
  char        *author;
  char        *url;
  DetenteDate  published;
  char        *text;
  char        *encoding;
} DetenteArticle;

GType           detente_article_get_type       (void) G_GNUC_CONST;
GQuark          detente_article_error_quark    (void);
DetenteArticle *detente_article_copy           (const DetenteArticle *article);
void            detente_article_free           (DetenteArticle       *article);
DetenteArticle *detente_article_read_text      (GBytes               *bytes,
                                                const char           *file_name,
                                                GError              **error);
char           *detente_article_decode         (const guint8         *data,
                                                gsize                 length,
                                                const char          **encoding);
GPtrArray      *detente_article_read_bytes     (GBytes               *bytes,
                                                const char           *file_name,
                                                GError              **error);
GPtrArray      *detente_article_read_file      (const char           *path,
                                                GCancellable         *cancellable,
                                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteArticle, detente_article_free)

G_END_DECLS
