/* detente-window.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "detente-project.h"
#include "detente-project-table.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_WINDOW (detente_window_get_type ())

G_DECLARE_FINAL_TYPE (DetenteWindow, detente_window, DETENTE, WINDOW, AdwApplicationWindow)

DetenteWindow       *detente_window_new                  (GtkApplication *application);
DetenteProject      *detente_window_get_project          (DetenteWindow  *self);
void                 detente_window_open_file            (DetenteWindow  *self,
                                                          GFile          *file);
void                 detente_window_open_sample          (DetenteWindow  *self);
gboolean             detente_window_save_to              (DetenteWindow  *self,
                                                          GFile          *file,
                                                          GError        **error);
DetenteProjectTable *detente_window_get_actor_table      (DetenteWindow  *self);
DetenteProjectTable *detente_window_get_engagement_table (DetenteWindow  *self);
const char          *detente_window_get_page             (DetenteWindow  *self);
void                 detente_window_import_files         (DetenteWindow  *self,
                                                          GFile         **files,
                                                          guint           n_files);
gboolean             detente_window_get_importing        (DetenteWindow  *self);

G_END_DECLS
