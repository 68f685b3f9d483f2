/* detente-graph-layout.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DetenteGraphLayoutSettings:
 * @scaling: repulsion strength (kr)
 * @gravity: pull towards the centre (kg)
 * @strong_gravity: gravity grows with the distance from the centre
 * @lin_log: logarithmic attraction, which makes clusters tighter
 * @prevent_overlap: nodes repel by their sizes, so none overlap
 * @dissuade_hubs: attraction shared out by degree, pushing hubs outwards
 * @edge_weight_influence: how much edge weights count, 0 (not at all) to 1
 * @jitter_tolerance: how much swinging is tolerated for speed (τ)
 * @theta: Barnes–Hut accuracy; a cell counts as one body when its
 *   distance × @theta exceeds its size; 0 computes every pair exactly
 *
 * The ForceAtlas2 settings (Jacomy et al., PLOS ONE 2014).
 */
typedef struct
{
  double   scaling;
  double   gravity;
  double   edge_weight_influence;
  double   jitter_tolerance;
  double   theta;
  gboolean strong_gravity;
  gboolean lin_log;
  gboolean prevent_overlap;
  gboolean dissuade_hubs;
} DetenteGraphLayoutSettings;

typedef struct _DetenteGraphLayout DetenteGraphLayout;

void                detente_graph_layout_settings_init (DetenteGraphLayoutSettings *settings,
                                                        guint                       n_nodes);

DetenteGraphLayout *detente_graph_layout_new           (guint32                     seed);
void                detente_graph_layout_free          (DetenteGraphLayout         *self);

void                detente_graph_layout_set_settings  (DetenteGraphLayout         *self,
                                                        const DetenteGraphLayoutSettings *settings);
void                detente_graph_layout_get_settings  (DetenteGraphLayout         *self,
                                                        DetenteGraphLayoutSettings *settings);
void                detente_graph_layout_set_n_threads (DetenteGraphLayout         *self,
                                                        guint                       n_threads);

void                detente_graph_layout_set_graph     (DetenteGraphLayout         *self,
                                                        guint                       n_nodes,
                                                        const char * const         *keys,
                                                        const double               *sizes,
                                                        guint                       n_edges,
                                                        const guint                *edges,
                                                        const double               *weights);

guint               detente_graph_layout_get_n_nodes   (DetenteGraphLayout         *self);
const double       *detente_graph_layout_get_positions (DetenteGraphLayout         *self);
void                detente_graph_layout_set_position  (DetenteGraphLayout         *self,
                                                        guint                       node,
                                                        double                      x,
                                                        double                      y);
void                detente_graph_layout_set_pinned    (DetenteGraphLayout         *self,
                                                        guint                       node,
                                                        gboolean                    pinned);
gboolean            detente_graph_layout_get_pinned    (DetenteGraphLayout         *self,
                                                        guint                       node);

void                detente_graph_layout_step          (DetenteGraphLayout         *self,
                                                        guint                       n_iterations);
guint               detente_graph_layout_get_iterations (DetenteGraphLayout        *self);
double              detente_graph_layout_get_speed     (DetenteGraphLayout         *self);
double              detente_graph_layout_energy        (DetenteGraphLayout         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteGraphLayout, detente_graph_layout_free)

G_END_DECLS
