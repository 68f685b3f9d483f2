/* detente-evidence-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-evidence.h"

G_BEGIN_DECLS

/* Like detente_evidence_new(), taking @sentence instead of copying it. */
DetenteEvidence *_detente_evidence_new_take (const char *source_id,
                                             guint       offset,
                                             guint       length,
                                             char       *sentence);

/* Evidence of a span of @text, sharing @source_id and @text, which are
 * GRefStrings; the sentence is copied from @text when it is asked for. */
DetenteEvidence *_detente_evidence_new_shared (char       *source_id,
                                               char       *text,
                                               guint       offset,
                                               guint       length);

/* detente_evidence_get_source_id() without the type check, for the
 * merge, which compares the source of every piece of evidence it adds. */
const char      *_detente_evidence_peek_source_id (DetenteEvidence *self);

G_END_DECLS
