/* detente-graph.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "detente-graph.h"

#include <glib/gi18n-lib.h>
#include <igraph.h>

#include "detente-engagement.h"

/* The project seen through a filter as flat arrays of nodes and edges,
 * for the layout, the renderer and the exports. Every pair of
 * participants of an engagement that passes is an edge; engagements
 * between the same pair add up on one edge, which keeps each of them, so
 * repeated meetings are never lost. A visit's participants are the
 * visitor and the host country, so a visit joins those two. The graph
 * is immutable once made, apart from its measures, and may be read from
 * any thread.
 *
 * The measures come from igraph: degree and betweenness, Louvain
 * communities, and shortest paths. */

struct _DetenteGraph
{
  GArray     *nodes;  /* DetenteGraphNode */
  GArray     *edges;  /* DetenteGraphEdge */
  GHashTable *node_index;  /* actor id → node + 1 */
  GHashTable *edge_index;  /* guint64 (a << 32 | b) → edge + 1 */
};

G_DEFINE_BOXED_TYPE (DetenteGraph, detente_graph, detente_graph_ref, detente_graph_unref)
G_DEFINE_QUARK (detente-graph-error-quark, detente_graph_error)

/* igraph aborts on errors by default; Détente reports them. */
static void
init_igraph (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      igraph_set_error_handler (igraph_error_handler_ignore);
      igraph_set_warning_handler (igraph_warning_handler_ignore);
      g_once_init_leave (&done, 1);
    }
}

static gboolean
check (igraph_error_t   result,
       GError         **error)
{
  if (result == IGRAPH_SUCCESS)
    return TRUE;
  g_set_error (error, DETENTE_GRAPH_ERROR, DETENTE_GRAPH_ERROR_FAILED,
               _("The graph could not be measured: %s"), igraph_strerror (result));
  return FALSE;
}

static void
clear_node (gpointer data)
{
  DetenteGraphNode *node = data;

  g_clear_object (&node->actor);
}

static void
clear_edge (gpointer data)
{
  DetenteGraphEdge *edge = data;

  g_clear_pointer (&edge->engagements, g_ptr_array_unref);
}

static guint64 *
pair_key (guint a,
          guint b)
{
  guint64 *key = g_new (guint64, 1);

  *key = (guint64) MIN (a, b) << 32 | MAX (a, b);
  return key;
}

static guint
add_node (DetenteGraph *self,
          DetenteActor *actor)
{
  gpointer found = g_hash_table_lookup (self->node_index, detente_actor_get_id (actor));
  DetenteGraphNode node = { NULL, };

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  node.actor = g_object_ref (actor);
  node.community = -1;
  g_array_append_val (self->nodes, node);
  g_hash_table_insert (self->node_index, (gpointer) detente_actor_get_id (actor),
                       GUINT_TO_POINTER (self->nodes->len));
  return self->nodes->len - 1;
}

static void
add_to_edge (DetenteGraph      *self,
             guint              a,
             guint              b,
             DetenteEngagement *engagement)
{
  guint64 key = (guint64) MIN (a, b) << 32 | MAX (a, b);
  gpointer found = g_hash_table_lookup (self->edge_index, &key);
  DetenteGraphEdge *edge;

  if (found == NULL)
    {
      DetenteGraphEdge fresh = { 0, };

      fresh.source = MIN (a, b);
      fresh.target = MAX (a, b);
      fresh.engagements = g_ptr_array_new_with_free_func (g_object_unref);
      g_array_append_val (self->edges, fresh);
      g_hash_table_insert (self->edge_index, pair_key (a, b), GUINT_TO_POINTER (self->edges->len));
      edge = &g_array_index (self->edges, DetenteGraphEdge, self->edges->len - 1);
    }
  else
    edge = &g_array_index (self->edges, DetenteGraphEdge, GPOINTER_TO_UINT (found) - 1);

  edge->weight++;
  edge->kinds[detente_engagement_get_kind (engagement)]++;
  edge->statuses[detente_engagement_get_status (engagement)]++;
  g_ptr_array_add (edge->engagements, g_object_ref (engagement));
}

/* Drops edges under @min_weight, then the nodes left with none, and
 * numbers what remains again. */
static void
apply_min_weight (DetenteGraph *self,
                  guint         min_weight)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (DetenteGraphEdge));
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (DetenteGraphNode));
  g_autofree guint *renumber = g_new0 (guint, self->nodes->len + 1);

  g_array_set_clear_func (edges, clear_edge);
  g_array_set_clear_func (nodes, clear_node);
  for (guint e = 0; e < self->edges->len; e++)
    {
      DetenteGraphEdge *edge = &g_array_index (self->edges, DetenteGraphEdge, e);

      if (edge->weight >= min_weight)
        {
          renumber[edge->source] = 1;
          renumber[edge->target] = 1;
        }
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      DetenteGraphNode *node = &g_array_index (self->nodes, DetenteGraphNode, i);

      if (renumber[i])
        {
          g_array_append_val (nodes, *node);
          node->actor = NULL;
          renumber[i] = nodes->len;
        }
    }
  for (guint e = 0; e < self->edges->len; e++)
    {
      DetenteGraphEdge *edge = &g_array_index (self->edges, DetenteGraphEdge, e);

      if (edge->weight >= min_weight)
        {
          edge->source = renumber[edge->source] - 1;
          edge->target = renumber[edge->target] - 1;
          g_array_append_val (edges, *edge);
          edge->engagements = NULL;
        }
    }

  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  self->nodes = g_steal_pointer (&nodes);
  self->edges = g_steal_pointer (&edges);
  g_hash_table_remove_all (self->node_index);
  g_hash_table_remove_all (self->edge_index);
  for (guint i = 0; i < self->nodes->len; i++)
    g_hash_table_insert (self->node_index,
                         (gpointer) detente_actor_get_id (g_array_index (self->nodes, DetenteGraphNode, i).actor),
                         GUINT_TO_POINTER (i + 1));
  for (guint e = 0; e < self->edges->len; e++)
    {
      DetenteGraphEdge *edge = &g_array_index (self->edges, DetenteGraphEdge, e);

      g_hash_table_insert (self->edge_index, pair_key (edge->source, edge->target), GUINT_TO_POINTER (e + 1));
    }
}

/**
 * detente_graph_new:
 * @project: a #DetenteProject
 * @filter: (nullable): which engagements count; %NULL for every shown one
 *
 * Projects @project through @filter: the actors with at least one
 * engagement that passes are the nodes, and each pair of actors that
 * share engagements is one edge that keeps them all. With a minimum
 * weight, edges under it go, and so do the nodes they leave alone.
 *
 * Returns: (transfer full): the graph
 */
DetenteGraph *
detente_graph_new (DetenteProject *project,
                   DetenteFilter  *filter)
{
  g_autoptr(DetenteFilter) everything = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  GListModel *engagements;
  DetenteGraph *self;
  guint n;

  g_return_val_if_fail (DETENTE_IS_PROJECT (project), NULL);
  g_return_val_if_fail (filter == NULL || DETENTE_IS_FILTER (filter), NULL);

  if (filter == NULL)
    filter = everything = detente_filter_new ();

  self = g_atomic_rc_box_new0 (DetenteGraph);
  self->nodes = g_array_new (FALSE, FALSE, sizeof (DetenteGraphNode));
  self->edges = g_array_new (FALSE, FALSE, sizeof (DetenteGraphEdge));
  g_array_set_clear_func (self->nodes, clear_node);
  g_array_set_clear_func (self->edges, clear_edge);
  self->node_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->edge_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  engagements = detente_project_get_engagements (project);
  n = g_list_model_get_n_items (engagements);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DetenteEngagement) engagement = g_list_model_get_item (engagements, i);
      const char * const *participants;

      if (!detente_filter_matches (filter, project, engagement))
        continue;

      /* Each actor once, even if listed twice. */
      g_array_set_size (members, 0);
      participants = detente_engagement_get_participants (engagement);
      for (guint p = 0; participants != NULL && participants[p] != NULL; p++)
        {
          DetenteActor *actor = detente_project_lookup_actor (project, participants[p]);
          guint node;
          gboolean seen = FALSE;

          if (actor == NULL)
            continue;
          node = add_node (self, actor);
          for (guint k = 0; k < members->len && !seen; k++)
            seen = g_array_index (members, guint, k) == node;
          if (!seen)
            {
              g_array_append_val (members, node);
              g_array_index (self->nodes, DetenteGraphNode, node).n_engagements++;
            }
        }
      for (guint x = 0; x < members->len; x++)
        for (guint y = x + 1; y < members->len; y++)
          add_to_edge (self, g_array_index (members, guint, x), g_array_index (members, guint, y),
                       engagement);
    }

  if (detente_filter_get_min_weight (filter) > 1)
    apply_min_weight (self, detente_filter_get_min_weight (filter));

  for (guint e = 0; e < self->edges->len; e++)
    {
      DetenteGraphEdge *edge = &g_array_index (self->edges, DetenteGraphEdge, e);
      DetenteGraphNode *source = &g_array_index (self->nodes, DetenteGraphNode, edge->source);
      DetenteGraphNode *target = &g_array_index (self->nodes, DetenteGraphNode, edge->target);

      source->degree++;
      target->degree++;
      source->strength += edge->weight;
      target->strength += edge->weight;
    }
  return self;
}

static void
graph_free (gpointer data)
{
  DetenteGraph *self = data;

  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_hash_table_unref (self->node_index);
  g_hash_table_unref (self->edge_index);
}

/**
 * detente_graph_ref:
 * @self: a #DetenteGraph
 *
 * Returns: (transfer full): @self
 */
DetenteGraph *
detente_graph_ref (DetenteGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

/**
 * detente_graph_unref:
 * @self: (transfer full): a #DetenteGraph
 */
void
detente_graph_unref (DetenteGraph *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, graph_free);
}

/**
 * detente_graph_get_n_nodes:
 * @self: a #DetenteGraph
 *
 * Returns: the number of nodes
 */
guint
detente_graph_get_n_nodes (DetenteGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->nodes->len;
}

/**
 * detente_graph_get_n_edges:
 * @self: a #DetenteGraph
 *
 * Returns: the number of edges
 */
guint
detente_graph_get_n_edges (DetenteGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->edges->len;
}

/**
 * detente_graph_get_node:
 * @self: a #DetenteGraph
 * @node: a node index
 *
 * Returns: (transfer none): the node
 */
const DetenteGraphNode *
detente_graph_get_node (DetenteGraph *self,
                        guint         node)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  return &g_array_index (self->nodes, DetenteGraphNode, node);
}

/**
 * detente_graph_get_edge:
 * @self: a #DetenteGraph
 * @edge: an edge index
 *
 * Returns: (transfer none): the edge
 */
const DetenteGraphEdge *
detente_graph_get_edge (DetenteGraph *self,
                        guint         edge)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (edge < self->edges->len, NULL);

  return &g_array_index (self->edges, DetenteGraphEdge, edge);
}

/**
 * detente_graph_lookup_node:
 * @self: a #DetenteGraph
 * @actor_id: an actor id
 *
 * Returns: the actor's node, or -1 if it is not in the graph
 */
int
detente_graph_lookup_node (DetenteGraph *self,
                           const char   *actor_id)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (actor_id != NULL, -1);

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->node_index, actor_id)) - 1;
}

/**
 * detente_graph_lookup_edge:
 * @self: a #DetenteGraph
 * @a: a node
 * @b: another node
 *
 * Returns: the edge between @a and @b, or -1 if there is none
 */
int
detente_graph_lookup_edge (DetenteGraph *self,
                           guint         a,
                           guint         b)
{
  guint64 key = (guint64) MIN (a, b) << 32 | MAX (a, b);

  g_return_val_if_fail (self != NULL, -1);

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->edge_index, &key)) - 1;
}

/**
 * detente_graph_get_edge_ends:
 * @self: a #DetenteGraph
 *
 * The edges as pairs of node indices, as a layout takes them.
 *
 * Returns: (transfer full): 2 × the number of edges indices
 */
guint *
detente_graph_get_edge_ends (DetenteGraph *self)
{
  guint *ends;

  g_return_val_if_fail (self != NULL, NULL);

  ends = g_new (guint, 2 * (gsize) self->edges->len + 1);
  for (guint e = 0; e < self->edges->len; e++)
    {
      ends[2 * e] = g_array_index (self->edges, DetenteGraphEdge, e).source;
      ends[2 * e + 1] = g_array_index (self->edges, DetenteGraphEdge, e).target;
    }
  return ends;
}

static gboolean
make_igraph (DetenteGraph     *self,
             igraph_t         *graph,
             igraph_vector_t  *weights,
             GError          **error)
{
  igraph_vector_int_t ends;

  init_igraph ();
  if (!check (igraph_vector_int_init (&ends, 2 * (igraph_integer_t) self->edges->len), error))
    return FALSE;
  if (weights != NULL && !check (igraph_vector_init (weights, self->edges->len), error))
    {
      igraph_vector_int_destroy (&ends);
      return FALSE;
    }
  for (guint e = 0; e < self->edges->len; e++)
    {
      const DetenteGraphEdge *edge = &g_array_index (self->edges, DetenteGraphEdge, e);

      VECTOR (ends)[2 * e] = edge->source;
      VECTOR (ends)[2 * e + 1] = edge->target;
      if (weights != NULL)
        VECTOR (*weights)[e] = edge->weight;
    }
  if (!check (igraph_create (graph, &ends, self->nodes->len, IGRAPH_UNDIRECTED), error))
    {
      igraph_vector_int_destroy (&ends);
      if (weights != NULL)
        igraph_vector_destroy (weights);
      return FALSE;
    }
  igraph_vector_int_destroy (&ends);
  return TRUE;
}

/**
 * detente_graph_compute_measures:
 * @self: a #DetenteGraph
 * @error: return location for a #GError
 *
 * Fills in each node's betweenness and community: betweenness over
 * shortest paths (by hops, up to 6 hops on graphs over 5,000 nodes,
 * which are otherwise too slow), scaled so the highest is 1; communities
 * by the Louvain method on the edge weights, with a fixed seed so the
 * same graph gives the same communities. It takes a while on big graphs:
 * call it on a worker thread, on a graph no other thread is measuring.
 *
 * Returns: %TRUE on success
 */
gboolean
detente_graph_compute_measures (DetenteGraph  *self,
                                GError       **error)
{
  igraph_t graph;
  igraph_vector_t weights, betweenness;
  igraph_vector_int_t membership;
  double highest = 0;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->nodes->len == 0)
    return TRUE;
  if (!make_igraph (self, &graph, &weights, error))
    return FALSE;
  ok = check (igraph_vector_init (&betweenness, 0), error);
  if (ok)
    {
      if (self->nodes->len > 5000)
        ok = check (igraph_betweenness_cutoff (&graph, &betweenness, igraph_vss_all (),
                                               IGRAPH_UNDIRECTED, NULL, 6), error);
      else
        ok = check (igraph_betweenness (&graph, &betweenness, igraph_vss_all (),
                                        IGRAPH_UNDIRECTED, NULL), error);
      for (guint i = 0; ok && i < self->nodes->len; i++)
        highest = MAX (highest, VECTOR (betweenness)[i]);
      for (guint i = 0; ok && i < self->nodes->len; i++)
        g_array_index (self->nodes, DetenteGraphNode, i).betweenness =
          highest > 0 ? VECTOR (betweenness)[i] / highest : 0;
      igraph_vector_destroy (&betweenness);
    }
  if (ok && (ok = check (igraph_vector_int_init (&membership, 0), error)))
    {
      igraph_rng_seed (igraph_rng_default (), 1);
      ok = check (igraph_community_multilevel (&graph, &weights, 1.0, &membership, NULL, NULL), error);
      for (guint i = 0; ok && i < self->nodes->len; i++)
        g_array_index (self->nodes, DetenteGraphNode, i).community = VECTOR (membership)[i];
      igraph_vector_int_destroy (&membership);
    }
  igraph_vector_destroy (&weights);
  igraph_destroy (&graph);
  return ok;
}

/**
 * detente_graph_shortest_path:
 * @self: a #DetenteGraph
 * @from: a node
 * @to: another node
 * @error: return location for a #GError
 *
 * How two actors are connected: the fewest hops from one to the other.
 *
 * Returns: (transfer full) (element-type guint) (nullable): the nodes on
 *   the way, @from first and @to last; empty when they are not
 *   connected; %NULL on error
 */
GArray *
detente_graph_shortest_path (DetenteGraph  *self,
                             guint          from,
                             guint          to,
                             GError       **error)
{
  g_autoptr(GArray) path = NULL;
  igraph_t graph;
  igraph_vector_int_t vertices;
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (from < self->nodes->len && to < self->nodes->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!make_igraph (self, &graph, NULL, error))
    return NULL;
  if (!check (igraph_vector_int_init (&vertices, 0), error))
    {
      igraph_destroy (&graph);
      return NULL;
    }
  ok = check (igraph_get_shortest_path (&graph, &vertices, NULL, from, to, IGRAPH_ALL), error);
  if (ok)
    {
      path = g_array_sized_new (FALSE, FALSE, sizeof (guint), igraph_vector_int_size (&vertices));
      for (igraph_integer_t i = 0; i < igraph_vector_int_size (&vertices); i++)
        {
          guint node = VECTOR (vertices)[i];

          g_array_append_val (path, node);
        }
    }
  igraph_vector_int_destroy (&vertices);
  igraph_destroy (&graph);
  return g_steal_pointer (&path);
}
