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

/* Like _detente_evidence_new_take(), sharing @source_id, a GRefString. */
DetenteEvidence *_detente_evidence_new_shared (char       *source_id,
                                               guint       offset,
                                               guint       length,
                                               char       *sentence);

G_END_DECLS
