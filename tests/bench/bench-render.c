/* bench-render.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <stdio.h>

#include "bench-graphs.h"
#include "detente-graph-layout.h"
#include "detente-graph-render.h"

/* Times a frame of the relationship graph at 1920×1080 on laid-out
 * positions: render_full_ms, the renderer as the window uses it (edges
 * and nodes in pixels on every core, then labels), and render_naive_ms,
 * the same picture with one cairo stroke per edge and one fill per node,
 * measured in the same run. Both are medians. The graph comes from the
 * seeded heavy-tailed generator, made into a project of actors and
 * meetings, and laid out with ForceAtlas2 first. */

static int n_nodes = 10000;
static int n_edges = 40000;
static int n_frames = 7;
static int n_iterations = 150;

static const GOptionEntry options[] = {
  { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Nodes (10000)", "N" },
  { "edges", 0, 0, G_OPTION_ARG_INT, &n_edges, "Edges (40000)", "M" },
  { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "Frames timed for each figure (7)", "N" },
  { "iterations", 0, 0, G_OPTION_ARG_INT, &n_iterations, "Layout iterations first (150)", "N" },
  { NULL }
};

static DetenteGraph *
make_graph (BenchGraph *bench)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  static const char * const countries[] = { "US", "CN", "JP", "KR", "RU", "IN", "FR", "DE" };

  for (guint i = 0; i < bench->n_nodes; i++)
    {
      g_autofree char *id = g_strdup_printf ("actor-%u", i);
      g_autofree char *name = g_strdup_printf ("Actor %u", i);
      g_autoptr(DetenteActor) actor = detente_actor_new (id, name, i % 11 == 0 ? DETENTE_ACTOR_KIND_COUNTRY
                                                                               : DETENTE_ACTOR_KIND_PERSON);

      detente_actor_set_country (actor, countries[i % G_N_ELEMENTS (countries)]);
      g_assert_true (detente_project_add_actor (project, actor, NULL));
    }
  for (guint e = 0; e < bench->n_edges; e++)
    for (guint k = 0; k < (guint) bench->weights[e]; k++)
      {
        g_autofree char *id = g_strdup_printf ("e%u-%u", e, k);
        g_autofree char *a = g_strdup_printf ("actor-%u", bench->edges[2 * e]);
        g_autofree char *b = g_strdup_printf ("actor-%u", bench->edges[2 * e + 1]);
        const char *who[] = { a, b, NULL };
        g_autoptr(DetenteEngagement) engagement = detente_engagement_new (id, DETENTE_ENGAGEMENT_KIND_MEETING);

        detente_engagement_set_participants (engagement, who);
        if (e % 9 == 0)
          detente_engagement_set_status (engagement, DETENTE_ENGAGEMENT_STATUS_PLANNED);
        g_assert_true (detente_project_add_engagement (project, engagement, NULL));
      }
  return detente_graph_new (project, NULL);
}

static double
time_frames (DetenteGraphScene       *scene,
             const DetenteGraphFrame *frame,
             int                      width,
             int                      height)
{
  g_autofree double *times = g_new (double, n_frames);

  for (int i = 0; i < n_frames; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();

      detente_graph_render (scene, frame, cr, width, height, NULL);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return bench_median (times, n_frames);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time drawing the graph");
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchGraph) bench = NULL;
  g_autoptr(DetenteGraph) graph = NULL;
  g_autoptr(DetenteGraphLayout) layout = NULL;
  g_autoptr(DetenteGraphScene) scene = NULL;
  g_autofree guint *ends = NULL;
  g_autofree double *weights = NULL;
  DetenteGraphLayoutSettings settings;
  DetenteGraphFrame frame;
  const int width = 1920, height = 1080;
  double full, naive;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n_frames = MAX (n_frames, 1);

  bench = bench_graph_generate (MAX (n_nodes, 1), MAX (n_edges, 0), 42);
  graph = make_graph (bench);
  ends = detente_graph_get_edge_ends (graph);
  weights = g_new (double, detente_graph_get_n_edges (graph) + 1);
  for (guint e = 0; e < detente_graph_get_n_edges (graph); e++)
    weights[e] = detente_graph_get_edge (graph, e)->weight;
  layout = detente_graph_layout_new (42);
  detente_graph_layout_set_n_threads (layout, 0);
  detente_graph_layout_set_graph (layout, detente_graph_get_n_nodes (graph), NULL, NULL,
                                  detente_graph_get_n_edges (graph), ends, weights);
  detente_graph_layout_settings_init (&settings, detente_graph_get_n_nodes (graph));
  detente_graph_layout_set_settings (layout, &settings);
  detente_graph_layout_step (layout, MAX (n_iterations, 0));
  scene = detente_graph_scene_new (graph, detente_graph_layout_get_positions (layout));

  detente_graph_frame_init (&frame);
  detente_graph_frame_fit (&frame, scene, width, height);
  frame.legend = TRUE;
  full = time_frames (scene, &frame, width, height);
  frame.vector = TRUE;
  naive = time_frames (scene, &frame, width, height);

  printf ("nodes: %u\n", detente_graph_get_n_nodes (graph));
  printf ("edges: %u\n", detente_graph_get_n_edges (graph));
  printf ("threads: %u\n", g_get_num_processors ());
  printf ("render_full_ms: %.1f\n", full);
  printf ("render_naive_ms: %.1f\n", naive);
  printf ("speedup: %.1f\n", naive / MAX (full, 1e-3));
  return 0;
}
