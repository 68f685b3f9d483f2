/* test-graph-layout.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "detente-graph-layout.h"

/* Two clusters of five joined by one edge, and a path of three. */
static const guint small_edges[] = {
  0, 1, 0, 2, 0, 3, 0, 4, 1, 2, 2, 3, 3, 4,
  5, 6, 5, 7, 5, 8, 5, 9, 6, 7, 7, 8, 8, 9,
  4, 5,
  10, 11, 11, 12,
};
#define N_SMALL 13
#define N_SMALL_EDGES (G_N_ELEMENTS (small_edges) / 2)

static DetenteGraphLayout *
small_layout (guint32 seed)
{
  DetenteGraphLayout *layout = detente_graph_layout_new (seed);
  DetenteGraphLayoutSettings settings;

  detente_graph_layout_set_graph (layout, N_SMALL, NULL, NULL, N_SMALL_EDGES, small_edges, NULL);
  detente_graph_layout_settings_init (&settings, N_SMALL);
  detente_graph_layout_set_settings (layout, &settings);
  return layout;
}

static void
assert_finite (DetenteGraphLayout *layout)
{
  const double *pos = detente_graph_layout_get_positions (layout);

  for (guint i = 0; i < 2 * detente_graph_layout_get_n_nodes (layout); i++)
    g_assert_true (isfinite (pos[i]));
}

static double
distance (DetenteGraphLayout *layout,
          guint               a,
          guint               b)
{
  const double *pos = detente_graph_layout_get_positions (layout);

  return hypot (pos[2 * a] - pos[2 * b], pos[2 * a + 1] - pos[2 * b + 1]);
}

/* The forces follow the slope of an energy: from a random start it ends
 * far lower, and every linked pair ends closer than the unlinked. */
static void
test_energy_falls (void)
{
  gboolean modes[][2] = { { FALSE, FALSE }, { TRUE, FALSE }, { FALSE, TRUE } };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(DetenteGraphLayout) layout = small_layout (7);
      DetenteGraphLayoutSettings settings;
      double before, after;

      detente_graph_layout_get_settings (layout, &settings);
      settings.lin_log = modes[m][0];
      settings.strong_gravity = modes[m][1];
      detente_graph_layout_set_settings (layout, &settings);
      before = detente_graph_layout_energy (layout);
      detente_graph_layout_step (layout, 300);
      after = detente_graph_layout_energy (layout);
      g_test_message ("mode %u: energy %g -> %g", m, before, after);
      g_assert_cmpfloat (after, <, before);
      assert_finite (layout);
      /* Within a cluster, closer than across the two clusters. */
      g_assert_cmpfloat (distance (layout, 1, 2), <, distance (layout, 1, 7));
      g_assert_cmpfloat (distance (layout, 6, 8), <, distance (layout, 2, 8));
    }
}

/* With Barnes–Hut on a bigger graph, the energy still falls step by step
 * on the whole, and the layout settles: the speed stops growing. */
static void
test_energy_barnes_hut (void)
{
  g_autoptr(DetenteGraphLayout) layout = detente_graph_layout_new (3);
  g_autofree guint *edges = NULL;
  DetenteGraphLayoutSettings settings;
  GRand *rand = g_rand_new_with_seed (5);
  guint n = 400, m = 800;
  double before, middle, after;

  edges = g_new (guint, 2 * m);
  for (guint e = 0; e < m; e++)
    {
      /* Communities of 40: most edges stay inside one. */
      guint a = g_rand_int_range (rand, 0, n);
      guint b = a / 40 * 40 + g_rand_int_range (rand, 0, 40);

      if (g_rand_int_range (rand, 0, 10) == 0)
        b = g_rand_int_range (rand, 0, n);

      edges[2 * e] = a;
      edges[2 * e + 1] = b;
    }
  g_rand_free (rand);
  detente_graph_layout_set_graph (layout, n, NULL, NULL, m, edges, NULL);
  detente_graph_layout_settings_init (&settings, n);
  settings.theta = 1.2;
  detente_graph_layout_set_settings (layout, &settings);
  before = detente_graph_layout_energy (layout);
  detente_graph_layout_step (layout, 100);
  middle = detente_graph_layout_energy (layout);
  detente_graph_layout_step (layout, 200);
  after = detente_graph_layout_energy (layout);
  g_test_message ("energy %g -> %g -> %g", before, middle, after);
  g_assert_cmpfloat (middle, <, before);
  g_assert_cmpfloat (after, <=, middle + fabs (middle) * 1e-3);
  assert_finite (layout);
}

/* The same seed gives the same layout, on one thread or several; another
 * seed gives another. */
static void
test_deterministic (void)
{
  g_autoptr(DetenteGraphLayout) a = NULL;
  g_autoptr(DetenteGraphLayout) b = NULL;
  g_autoptr(DetenteGraphLayout) c = NULL;
  g_autofree guint *edges = NULL;
  DetenteGraphLayoutSettings settings;
  guint n = 3000, m = 6000;

  edges = g_new (guint, 2 * m);
  for (guint e = 0; e < m; e++)
    {
      edges[2 * e] = (e * 7919) % n;
      edges[2 * e + 1] = (e * 104729 + e / 3) % n;
    }
  a = detente_graph_layout_new (11);
  b = detente_graph_layout_new (11);
  c = detente_graph_layout_new (12);
  detente_graph_layout_set_n_threads (b, 3);
  detente_graph_layout_settings_init (&settings, n);
  g_assert_cmpfloat (settings.theta, ==, 1.2);
  for (guint i = 0; i < 3; i++)
    {
      DetenteGraphLayout *layout = i == 0 ? a : i == 1 ? b : c;

      detente_graph_layout_set_graph (layout, n, NULL, NULL, m, edges, NULL);
      detente_graph_layout_set_settings (layout, &settings);
      detente_graph_layout_step (layout, 30);
    }
  g_assert_cmpmem (detente_graph_layout_get_positions (a), 2 * n * sizeof (double),
                   detente_graph_layout_get_positions (b), 2 * n * sizeof (double));
  g_assert_true (memcmp (detente_graph_layout_get_positions (a),
                         detente_graph_layout_get_positions (c), 2 * n * sizeof (double)) != 0);
}

static void
test_pinned (void)
{
  g_autoptr(DetenteGraphLayout) layout = small_layout (1);
  const double *pos;

  detente_graph_layout_set_position (layout, 0, 123.5, -45.25);
  detente_graph_layout_set_pinned (layout, 0, TRUE);
  g_assert_true (detente_graph_layout_get_pinned (layout, 0));
  g_assert_false (detente_graph_layout_get_pinned (layout, 1));
  detente_graph_layout_step (layout, 200);
  pos = detente_graph_layout_get_positions (layout);
  g_assert_cmpfloat (pos[0], ==, 123.5);
  g_assert_cmpfloat (pos[1], ==, -45.25);
  /* Its neighbours came to it. */
  g_assert_cmpfloat (distance (layout, 0, 1), <, 50);

  detente_graph_layout_set_pinned (layout, 0, FALSE);
  detente_graph_layout_step (layout, 50);
  pos = detente_graph_layout_get_positions (layout);
  g_assert_cmpfloat (pos[0], !=, 123.5);
}

/* Nodes on one spot, one node, no nodes, every option on: no NaN. */
static void
test_degenerate (void)
{
  const guint pair[] = { 0, 1, 1, 2, 2, 0, 3, 3 };
  g_autoptr(DetenteGraphLayout) layout = detente_graph_layout_new (0);
  DetenteGraphLayoutSettings settings;
  const double sizes[] = { 2, 1, 3, 1 };
  gboolean all = FALSE;

  detente_graph_layout_step (layout, 5);
  g_assert_cmpuint (detente_graph_layout_get_n_nodes (layout), ==, 0);

  detente_graph_layout_set_graph (layout, 1, NULL, NULL, 0, NULL, NULL);
  detente_graph_layout_step (layout, 20);
  assert_finite (layout);

  for (guint round = 0; round < 2; round++, all = TRUE)
    {
      detente_graph_layout_set_graph (layout, 4, NULL, sizes, 4, pair, NULL);
      detente_graph_layout_settings_init (&settings, 4);
      settings.prevent_overlap = all;
      settings.lin_log = all;
      settings.dissuade_hubs = all;
      settings.strong_gravity = all;
      settings.edge_weight_influence = all ? 0.5 : 1;
      settings.theta = all ? 1.2 : 0;
      detente_graph_layout_set_settings (layout, &settings);
      for (guint i = 0; i < 4; i++)
        detente_graph_layout_set_position (layout, i, 5, 5);
      detente_graph_layout_step (layout, 100);
      assert_finite (layout);
      /* They came apart. */
      g_assert_cmpfloat (distance (layout, 0, 1), >, 0.1);
      g_assert_cmpfloat (distance (layout, 2, 3), >, 0.1);
    }
}

/* More nodes on one spot than a task takes: they still feel forces, and
 * come apart. */
static void
test_crowded (void)
{
  g_autoptr(DetenteGraphLayout) layout = detente_graph_layout_new (2);
  DetenteGraphLayoutSettings settings;
  guint n = 400;

  detente_graph_layout_set_graph (layout, n, NULL, NULL, 0, NULL, NULL);
  detente_graph_layout_settings_init (&settings, n);
  settings.theta = 1.2;
  detente_graph_layout_set_settings (layout, &settings);
  for (guint i = 0; i < n - 1; i++)
    detente_graph_layout_set_position (layout, i, 3, 4);
  detente_graph_layout_set_position (layout, n - 1, 1000, 0);
  detente_graph_layout_step (layout, 10);
  assert_finite (layout);
  for (guint i = 1; i < n - 1; i++)
    g_assert_cmpfloat (distance (layout, 0, i), >, 0);
}

/* Keys keep places from one graph to the next; a new node starts next to
 * its neighbour. */
static void
test_incremental (void)
{
  const char *keys[] = { "a", "b", "c", "d" };
  const char *keys2[] = { "d", "new", "b", "a", "c" };
  const guint edges[] = { 0, 1, 1, 2, 2, 3 };
  const guint edges2[] = { 3, 2, 2, 4, 4, 0, 1, 0 };
  g_autoptr(DetenteGraphLayout) layout = detente_graph_layout_new (9);
  double kept[8];
  const double *pos;

  detente_graph_layout_set_graph (layout, 4, keys, NULL, 3, edges, NULL);
  detente_graph_layout_step (layout, 100);
  detente_graph_layout_set_pinned (layout, 2, TRUE);
  memcpy (kept, detente_graph_layout_get_positions (layout), sizeof kept);

  detente_graph_layout_set_graph (layout, 5, keys2, NULL, 4, edges2, NULL);
  pos = detente_graph_layout_get_positions (layout);
  g_assert_cmpfloat (pos[0], ==, kept[6]);  /* d */
  g_assert_cmpfloat (pos[1], ==, kept[7]);
  g_assert_cmpfloat (pos[4], ==, kept[2]);  /* b */
  g_assert_cmpfloat (pos[6], ==, kept[0]);  /* a */
  g_assert_cmpfloat (pos[8], ==, kept[4]);  /* c, still pinned */
  g_assert_true (detente_graph_layout_get_pinned (layout, 4));
  g_assert_false (detente_graph_layout_get_pinned (layout, 2));
  /* "new" hangs off "d" alone: it starts within a few units of it. */
  g_assert_cmpfloat (distance (layout, 1, 0), <, 5);
  g_assert_cmpfloat (distance (layout, 1, 0), >, 0);
}

/* Inside, nodes are renumbered as they move; what callers see keeps
 * their order: pins, moves, steps one at a time or many, and keys. */
static void
test_renumbered (void)
{
  g_autoptr(DetenteGraphLayout) a = detente_graph_layout_new (4);
  g_autoptr(DetenteGraphLayout) b = detente_graph_layout_new (4);
  g_autofree guint *edges = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree double *kept = NULL;
  DetenteGraphLayoutSettings settings;
  const double *pos;
  guint n = 2000, m = 4000;

  edges = g_new (guint, 2 * m);
  for (guint e = 0; e < m; e++)
    {
      edges[2 * e] = (e * 7919) % n;
      edges[2 * e + 1] = (e * 104729 + e / 5) % n;
    }
  keys = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    keys[i] = g_strdup_printf ("k%u", i);
  detente_graph_layout_settings_init (&settings, n);
  for (guint i = 0; i < 2; i++)
    {
      DetenteGraphLayout *layout = i == 0 ? a : b;

      detente_graph_layout_set_graph (layout, n, (const char * const *) keys, NULL, m, edges, NULL);
      detente_graph_layout_set_settings (layout, &settings);
    }
  detente_graph_layout_step (a, 40);
  for (guint i = 0; i < 40; i++)
    detente_graph_layout_step (b, 1);
  g_assert_cmpmem (detente_graph_layout_get_positions (a), 2 * n * sizeof (double),
                   detente_graph_layout_get_positions (b), 2 * n * sizeof (double));

  detente_graph_layout_set_position (a, 17, 3.5, -7.25);
  detente_graph_layout_set_pinned (a, 17, TRUE);
  detente_graph_layout_set_pinned (a, 1234, TRUE);
  detente_graph_layout_set_pinned (a, 1234, FALSE);
  g_assert_true (detente_graph_layout_get_pinned (a, 17));
  g_assert_false (detente_graph_layout_get_pinned (a, 1234));
  detente_graph_layout_step (a, 40);
  pos = detente_graph_layout_get_positions (a);
  g_assert_cmpfloat (pos[34], ==, 3.5);
  g_assert_cmpfloat (pos[35], ==, -7.25);
  g_assert_true (detente_graph_layout_get_pinned (a, 17));

  /* The same keys, backwards. */
  kept = g_memdup2 (pos, 2 * n * sizeof (double));
  for (guint i = 0; i < n / 2; i++)
    {
      char *t = keys[i];

      keys[i] = keys[n - 1 - i];
      keys[n - 1 - i] = t;
    }
  detente_graph_layout_set_graph (a, n, (const char * const *) keys, NULL, m, edges, NULL);
  pos = detente_graph_layout_get_positions (a);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (pos[2 * i], ==, kept[2 * (n - 1 - i)]);
      g_assert_cmpfloat (pos[2 * i + 1], ==, kept[2 * (n - 1 - i) + 1]);
      g_assert_cmpint (detente_graph_layout_get_pinned (a, i), ==, n - 1 - i == 17);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph-layout/energy-falls", test_energy_falls);
  g_test_add_func ("/graph-layout/energy-barnes-hut", test_energy_barnes_hut);
  g_test_add_func ("/graph-layout/deterministic", test_deterministic);
  g_test_add_func ("/graph-layout/pinned", test_pinned);
  g_test_add_func ("/graph-layout/degenerate", test_degenerate);
  g_test_add_func ("/graph-layout/crowded", test_crowded);
  g_test_add_func ("/graph-layout/incremental", test_incremental);
  g_test_add_func ("/graph-layout/renumbered", test_renumbered);

  return g_test_run ();
}
