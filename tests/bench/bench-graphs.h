/* bench-graphs.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A seeded random graph whose degrees are heavy-tailed, as in real
 * networks of who met whom: a few hubs with many edges, most nodes with
 * one or two. */
typedef struct
{
  guint   n_nodes;
  guint   n_edges;
  guint  *edges;    /* 2 × n_edges */
  double *weights;  /* n_edges, small counts */
} BenchGraph;

BenchGraph *bench_graph_generate (guint   n_nodes,
                                  guint   n_edges,
                                  guint32 seed);
void        bench_graph_free     (BenchGraph *graph);
double      bench_median         (double *values,
                                  guint   n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchGraph, bench_graph_free)

G_END_DECLS
