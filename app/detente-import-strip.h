/* detente-import-strip.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "detente-importer.h"
#include "detente-project.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_IMPORT_STRIP (detente_import_strip_get_type ())

G_DECLARE_FINAL_TYPE (DetenteImportStrip, detente_import_strip, DETENTE, IMPORT_STRIP, GtkWidget)

DetenteImportStrip *detente_import_strip_new         (void);
gboolean            detente_import_strip_start       (DetenteImportStrip  *self,
                                                      DetenteProject      *project,
                                                      GFile              **files,
                                                      guint                n_files);
void                detente_import_strip_cancel      (DetenteImportStrip  *self);
void                detente_import_strip_stop        (DetenteImportStrip  *self);
gboolean            detente_import_strip_get_running (DetenteImportStrip  *self);
char               *detente_import_strip_describe    (const DetenteMergeSummary *summary,
                                                      guint                n_failed);
GtkFileChooserNative *detente_import_strip_new_chooser (GtkWindow         *parent,
                                                        gboolean           folders);
GtkWindow          *detente_import_strip_new_failures_dialog (GtkWindow   *parent,
                                                              GPtrArray   *failures);

G_END_DECLS
