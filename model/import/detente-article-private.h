/* detente-article-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-article.h"

G_BEGIN_DECLS

/* Whether @size bytes fit the 50 MB an article may have; when they do
 * not, @error says so, naming @name. Every reader refuses with the same
 * words, wherever it learns the size. */
gboolean _detente_article_fits (guint64      size,
                                const char  *name,
                                GError     **error);

G_END_DECLS
