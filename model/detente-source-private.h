/* detente-source-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-source.h"

G_BEGIN_DECLS

/* Like detente_source_new_with_id(), sharing @id and @text, which are
 * GRefStrings. */
DetenteSource *_detente_source_new_shared (char *id,
                                           char *text);

gboolean       _detente_source_text_is_normal (const char *text,
                                               gsize       length);

char          *_detente_source_compute_id (const char *text,
                                           gsize       length);

G_END_DECLS
