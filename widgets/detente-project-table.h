/* detente-project-table.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "detente-project.h"

G_BEGIN_DECLS

typedef enum
{
  DETENTE_TABLE_CONTENT_ACTORS,
  DETENTE_TABLE_CONTENT_ENGAGEMENTS,
} DetenteTableContent;

#define DETENTE_TYPE_PROJECT_TABLE (detente_project_table_get_type ())

G_DECLARE_FINAL_TYPE (DetenteProjectTable, detente_project_table, DETENTE, PROJECT_TABLE, GtkWidget)

GtkWidget          *detente_project_table_new          (DetenteTableContent  content);
DetenteTableContent detente_project_table_get_content  (DetenteProjectTable *self);
DetenteProject     *detente_project_table_get_project  (DetenteProjectTable *self);
void                detente_project_table_set_project  (DetenteProjectTable *self,
                                                        DetenteProject      *project);
gpointer            detente_project_table_get_selected (DetenteProjectTable *self);
void                detente_project_table_set_read_only (DetenteProjectTable *self,
                                                         gboolean             read_only);
void                detente_project_table_select       (DetenteProjectTable *self,
                                                        gpointer             item);
guint               detente_project_table_get_n_rows   (DetenteProjectTable *self);
gpointer            detente_project_table_get_item     (DetenteProjectTable *self,
                                                        guint                row);
char               *detente_project_table_get_cell_text (DetenteProjectTable *self,
                                                         guint                row,
                                                         guint                column);
void                detente_project_table_sort_by      (DetenteProjectTable *self,
                                                        guint                column,
                                                        GtkSortType          order);

G_END_DECLS
