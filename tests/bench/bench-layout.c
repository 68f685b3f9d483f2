/* bench-layout.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bench-graphs.h"
#include "detente-graph-layout.h"

/* Times ForceAtlas2 on a seeded heavy-tailed graph: the median time of
 * each of the first --iterations iterations from a seeded random start,
 * with Barnes–Hut at Gephi's theta 1.2. */

static int n_nodes = 10000;
static int n_edges = 40000;
static int n_threads = 1;
static int n_iterations = 100;

static const GOptionEntry options[] = {
  { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Nodes (10000)", "N" },
  { "edges", 0, 0, G_OPTION_ARG_INT, &n_edges, "Edges (40000)", "M" },
  { "threads", 0, 0, G_OPTION_ARG_INT, &n_threads, "Threads (1)", "T" },
  { "iterations", 0, 0, G_OPTION_ARG_INT, &n_iterations, "Iterations timed (100)", "N" },
  { NULL }
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time ForceAtlas2 iterations");
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchGraph) graph = NULL;
  g_autoptr(DetenteGraphLayout) layout = NULL;
  g_autofree double *times = NULL;
  DetenteGraphLayoutSettings settings;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n_nodes = MAX (n_nodes, 1);
  n_edges = MAX (n_edges, 0);
  n_iterations = MAX (n_iterations, 1);

  graph = bench_graph_generate (n_nodes, n_edges, 42);
  layout = detente_graph_layout_new (42);
  detente_graph_layout_set_n_threads (layout, MAX (n_threads, 1));
  detente_graph_layout_set_graph (layout, graph->n_nodes, NULL, NULL,
                                  graph->n_edges, graph->edges, graph->weights);
  detente_graph_layout_settings_init (&settings, graph->n_nodes);
  settings.theta = 1.2;
  detente_graph_layout_set_settings (layout, &settings);

  times = g_new (double, n_iterations);
  for (int i = 0; i < n_iterations; i++)
    {
      gint64 start = g_get_monotonic_time ();

      detente_graph_layout_step (layout, 1);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  printf ("nodes: %d\n", n_nodes);
  printf ("edges: %u\n", graph->n_edges);
  printf ("threads: %d\n", MAX (n_threads, 1));
  printf ("iterations: %d\n", n_iterations);
  printf ("final_speed: %.4g\n", detente_graph_layout_get_speed (layout));
  printf ("layout_ms_per_iteration: %.2f\n", bench_median (times, n_iterations));
  return 0;
}
