/* bench-graphs.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "bench-graphs.h"

/* Chung–Lu: node i gets the weight (i + 1)^(−1 / (γ − 1)) for γ = 2.3,
 * and each edge picks its two ends in proportion to the weights, so
 * degrees follow a power law. Every node also gets one edge to an
 * earlier node first, so there are no isolated nodes when edges allow. */
BenchGraph *
bench_graph_generate (guint   n_nodes,
                      guint   n_edges,
                      guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *cumulative = g_new (double, MAX (n_nodes, 1));
  BenchGraph *graph = g_new0 (BenchGraph, 1);
  double total = 0;
  guint e = 0;

  graph->n_nodes = n_nodes;
  graph->n_edges = n_nodes > 1 ? n_edges : 0;
  graph->edges = g_new (guint, 2 * (gsize) graph->n_edges + 1);
  graph->weights = g_new (double, graph->n_edges + 1);
  for (guint i = 0; i < n_nodes; i++)
    {
      total += pow (i + 1.0, -1.0 / 1.3);
      cumulative[i] = total;
    }

  for (; e < graph->n_edges && e + 1 < n_nodes; e++)
    {
      graph->edges[2 * e] = e + 1;
      graph->edges[2 * e + 1] = g_rand_int_range (rand, 0, MIN (e + 1, 64));
    }
  for (; e < graph->n_edges; e++)
    {
      guint ends[2];

      for (guint k = 0; k < 2; k++)
        {
          double r = g_rand_double (rand) * total;
          guint lo = 0, hi = n_nodes - 1;

          while (lo < hi)
            {
              guint mid = (lo + hi) / 2;

              if (cumulative[mid] < r)
                lo = mid + 1;
              else
                hi = mid;
            }
          ends[k] = lo;
        }
      if (ends[0] == ends[1])
        ends[1] = (ends[1] + 1 + g_rand_int_range (rand, 0, n_nodes - 1)) % n_nodes;
      graph->edges[2 * e] = ends[0];
      graph->edges[2 * e + 1] = ends[1];
    }
  for (e = 0; e < graph->n_edges; e++)
    graph->weights[e] = 1 + (g_rand_int_range (rand, 0, 8) == 0 ? g_rand_int_range (rand, 1, 5) : 0);
  return graph;
}

void
bench_graph_free (BenchGraph *graph)
{
  if (graph == NULL)
    return;
  g_free (graph->edges);
  g_free (graph->weights);
  g_free (graph);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n)
{
  if (n == 0)
    return 0;
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}
