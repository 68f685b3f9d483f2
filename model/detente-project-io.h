/* detente-project-io.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "detente-project.h"

G_BEGIN_DECLS

#define DETENTE_PROJECT_IO_ERROR (detente_project_io_error_quark ())

/**
 * DetenteProjectIOError:
 * @DETENTE_PROJECT_IO_ERROR_MALFORMED: not well-formed XML
 * @DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT: XML, but not a Détente project
 * @DETENTE_PROJECT_IO_ERROR_VERSION: a format version this build does not know
 * @DETENTE_PROJECT_IO_ERROR_FORBIDDEN: a DOCTYPE or entity, refused for safety
 * @DETENTE_PROJECT_IO_ERROR_TOO_LARGE: over a size or depth limit
 * @DETENTE_PROJECT_IO_ERROR_INVALID: a missing or wrong value or reference
 */
typedef enum
{
  DETENTE_PROJECT_IO_ERROR_MALFORMED,
  DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT,
  DETENTE_PROJECT_IO_ERROR_VERSION,
  DETENTE_PROJECT_IO_ERROR_FORBIDDEN,
  DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
  DETENTE_PROJECT_IO_ERROR_INVALID,
} DetenteProjectIOError;

#define DETENTE_PROJECT_FORMAT_VERSION 1
#define DETENTE_PROJECT_MAX_FILE_SIZE (G_GUINT64_CONSTANT (1) << 30)
#define DETENTE_PROJECT_MAX_DEPTH 16
/* libxml2 refuses larger text nodes unless XML_PARSE_HUGE is set, which
 * would also lift its guards against hostile input. */
#define DETENTE_PROJECT_MAX_STRING 10000000

GQuark          detente_project_io_error_quark (void);

DetenteProject *detente_project_load             (GFile           *file,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
DetenteProject *detente_project_load_from_stream (GInputStream    *stream,
                                                  const char      *name,
                                                  GCancellable    *cancellable,
                                                  GError         **error);
void            detente_project_load_async       (GFile           *file,
                                                  GCancellable    *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer         user_data);
DetenteProject *detente_project_load_finish      (GAsyncResult    *result,
                                                  GError         **error);
gboolean        detente_project_save             (DetenteProject  *project,
                                                  GFile           *file,
                                                  GCancellable    *cancellable,
                                                  GError         **error);

G_END_DECLS
