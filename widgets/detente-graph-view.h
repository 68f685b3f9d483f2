/* detente-graph-view.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "detente-filter.h"
#include "detente-graph.h"
#include "detente-project.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_GRAPH_VIEW (detente_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (DetenteGraphView, detente_graph_view, DETENTE, GRAPH_VIEW, GtkWidget)

GtkWidget      *detente_graph_view_new                (void);

DetenteProject *detente_graph_view_get_project        (DetenteGraphView *self);
void            detente_graph_view_set_project        (DetenteGraphView *self,
                                                       DetenteProject   *project);
DetenteFilter  *detente_graph_view_get_filter         (DetenteGraphView *self);
DetenteGraph   *detente_graph_view_get_graph          (DetenteGraphView *self);

const char     *detente_graph_view_get_selected       (DetenteGraphView *self);
void            detente_graph_view_select             (DetenteGraphView *self,
                                                       const char       *actor_id);
gboolean        detente_graph_view_find               (DetenteGraphView *self,
                                                       const char       *text);
void            detente_graph_view_focus_neighbours   (DetenteGraphView *self,
                                                       const char       *actor_id);

double          detente_graph_view_get_zoom           (DetenteGraphView *self);
void            detente_graph_view_zoom_by            (DetenteGraphView *self,
                                                       double            factor,
                                                       double            x,
                                                       double            y);
void            detente_graph_view_fit                (DetenteGraphView *self);
gboolean        detente_graph_view_node_position      (DetenteGraphView *self,
                                                       const char       *actor_id,
                                                       double           *x,
                                                       double           *y);

gboolean        detente_graph_view_get_layout_running (DetenteGraphView *self);
void            detente_graph_view_set_layout_running (DetenteGraphView *self,
                                                       gboolean          running);
void            detente_graph_view_rerun_layout       (DetenteGraphView *self);
gboolean        detente_graph_view_get_pinned         (DetenteGraphView *self,
                                                       const char       *actor_id);
void            detente_graph_view_set_pinned         (DetenteGraphView *self,
                                                       const char       *actor_id,
                                                       gboolean          pinned);

G_END_DECLS
