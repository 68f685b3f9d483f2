/* detente-html.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "detente-article.h"

G_BEGIN_DECLS

DetenteArticle *detente_html_read (const char  *data,
                                   gsize        length,
                                   const char  *file_name,
                                   GError     **error);

G_END_DECLS
