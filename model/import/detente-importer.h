/* detente-importer.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "detente-date.h"
#include "detente-gazetteer.h"
#include "detente-project.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_IMPORTER (detente_importer_get_type ())

/**
 * DetenteImportFailure:
 * @file: the file, as the user would name it (a display name)
 * @message: why it was not imported, for people
 *
 * One file that could not be imported.
 */
typedef struct
{
  char *file;
  char *message;
} DetenteImportFailure;

G_DECLARE_FINAL_TYPE (DetenteImporter, detente_importer, DETENTE, IMPORTER, GObject)

DetenteImporter *detente_importer_new              (DetenteProject       *project,
                                                    DetenteGazetteer     *gazetteer);
DetenteProject  *detente_importer_get_project      (DetenteImporter      *self);
void             detente_importer_set_published    (DetenteImporter      *self,
                                                    const DetenteDate    *published);
void             detente_importer_set_n_threads    (DetenteImporter      *self,
                                                    guint                 n_threads);
void             detente_importer_import_async     (DetenteImporter      *self,
                                                    GFile               **files,
                                                    guint                 n_files,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         detente_importer_import_finish    (DetenteImporter      *self,
                                                    GAsyncResult         *result,
                                                    DetenteMergeSummary  *summary,
                                                    GError              **error);
gboolean         detente_importer_get_running      (DetenteImporter      *self);
guint            detente_importer_get_n_done       (DetenteImporter      *self);
guint            detente_importer_get_n_total      (DetenteImporter      *self);
const char      *detente_importer_get_current_file (DetenteImporter      *self);
GPtrArray       *detente_importer_get_failures     (DetenteImporter      *self);
gboolean         detente_importer_is_importable    (const char           *file_name);

G_END_DECLS
