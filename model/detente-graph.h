/* detente-graph.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "detente-actor.h"
#include "detente-filter.h"
#include "detente-project.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_GRAPH (detente_graph_get_type ())
#define DETENTE_GRAPH_ERROR (detente_graph_error_quark ())
#define DETENTE_GRAPH_N_KINDS (DETENTE_ENGAGEMENT_KIND_OTHER + 1)
#define DETENTE_GRAPH_N_STATUSES (DETENTE_ENGAGEMENT_STATUS_POSSIBLE + 1)

typedef enum
{
  DETENTE_GRAPH_ERROR_FAILED,
} DetenteGraphError;

/**
 * DetenteGraphNode:
 * @actor: the actor
 * @n_engagements: the engagements in the graph it takes part in
 * @degree: how many actors it is linked to
 * @strength: the weights of its edges added up
 * @betweenness: betweenness centrality scaled to 0 … 1 (after
 *   detente_graph_compute_measures())
 * @community: its community, from 0, or -1 before the measures
 */
typedef struct
{
  DetenteActor *actor;
  guint         n_engagements;
  guint         degree;
  guint         strength;
  double        betweenness;
  int           community;
} DetenteGraphNode;

/**
 * DetenteGraphEdge:
 * @source: the node with the lower index
 * @target: the other node
 * @weight: how many distinct engagements join the two
 * @kinds: how many of each #DetenteEngagementKind
 * @statuses: how many of each #DetenteEngagementStatus
 * @engagements: (element-type DetenteEngagement): every one of them, in
 *   the project's order
 */
typedef struct
{
  guint      source;
  guint      target;
  guint      weight;
  guint      kinds[DETENTE_GRAPH_N_KINDS];
  guint      statuses[DETENTE_GRAPH_N_STATUSES];
  GPtrArray *engagements;
} DetenteGraphEdge;

typedef struct _DetenteGraph DetenteGraph;

GType                   detente_graph_get_type          (void) G_GNUC_CONST;
GQuark                  detente_graph_error_quark       (void);

DetenteGraph           *detente_graph_new               (DetenteProject *project,
                                                         DetenteFilter  *filter);
DetenteGraph           *detente_graph_ref               (DetenteGraph   *self);
void                    detente_graph_unref             (DetenteGraph   *self);

guint                   detente_graph_get_n_nodes       (DetenteGraph   *self);
guint                   detente_graph_get_n_edges       (DetenteGraph   *self);
const DetenteGraphNode *detente_graph_get_node          (DetenteGraph   *self,
                                                         guint           node);
const DetenteGraphEdge *detente_graph_get_edge          (DetenteGraph   *self,
                                                         guint           edge);
int                     detente_graph_lookup_node       (DetenteGraph   *self,
                                                         const char     *actor_id);
int                     detente_graph_lookup_edge       (DetenteGraph   *self,
                                                         guint           a,
                                                         guint           b);
guint                  *detente_graph_get_edge_ends     (DetenteGraph   *self);

gboolean                detente_graph_compute_measures  (DetenteGraph   *self,
                                                         GError        **error);
GArray                 *detente_graph_shortest_path     (DetenteGraph   *self,
                                                         guint           from,
                                                         guint           to,
                                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteGraph, detente_graph_unref)

G_END_DECLS
