/* detente-evidence.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DETENTE_TYPE_EVIDENCE (detente_evidence_get_type ())

G_DECLARE_FINAL_TYPE (DetenteEvidence, detente_evidence, DETENTE, EVIDENCE, GObject)

DetenteEvidence *detente_evidence_new          (const char      *source_id,
                                                guint            offset,
                                                guint            length,
                                                const char      *sentence);
const char      *detente_evidence_get_source_id (DetenteEvidence *self);
guint            detente_evidence_get_offset    (DetenteEvidence *self);
guint            detente_evidence_get_length    (DetenteEvidence *self);
const char      *detente_evidence_get_sentence  (DetenteEvidence *self);
gboolean         detente_evidence_equal         (DetenteEvidence *a,
                                                 DetenteEvidence *b);

G_END_DECLS
