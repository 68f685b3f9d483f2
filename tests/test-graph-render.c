/* test-graph-render.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "detente-graph-render.h"

static void
add_actor (DetenteProject   *project,
           const char       *id,
           DetenteActorKind  kind,
           const char       *country)
{
  g_autoptr(DetenteActor) actor = detente_actor_new (id, id, kind);

  detente_actor_set_country (actor, country);
  g_assert_true (detente_project_add_actor (project, actor, NULL));
}

static void
add_meeting (DetenteProject          *project,
             const char              *id,
             const char              *a,
             const char              *b,
             DetenteEngagementStatus  status)
{
  g_autoptr(DetenteEngagement) e = detente_engagement_new (id, DETENTE_ENGAGEMENT_KIND_MEETING);
  const char *who[] = { a, b, NULL };

  detente_engagement_set_participants (e, who);
  detente_engagement_set_status (e, status);
  g_assert_true (detente_project_add_engagement (project, e, NULL));
}

/* Blinken (US) and Wang (CN) met twice; Wang and China are linked by a
 * cancelled meeting; a planned one joins Blinken and China. */
static DetenteGraph *
small_graph (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();

  add_actor (project, "blinken", DETENTE_ACTOR_KIND_PERSON, "US");
  add_actor (project, "wang", DETENTE_ACTOR_KIND_PERSON, "CN");
  add_actor (project, "china", DETENTE_ACTOR_KIND_COUNTRY, "CN");
  add_meeting (project, "e1", "blinken", "wang", DETENTE_ENGAGEMENT_STATUS_HELD);
  add_meeting (project, "e2", "wang", "blinken", DETENTE_ENGAGEMENT_STATUS_HELD);
  add_meeting (project, "e3", "wang", "china", DETENTE_ENGAGEMENT_STATUS_CANCELLED);
  add_meeting (project, "e4", "blinken", "china", DETENTE_ENGAGEMENT_STATUS_PLANNED);
  return detente_graph_new (project, NULL);
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  cairo_surface_flush (surface);
  return ((guint32 *) (cairo_image_surface_get_data (surface) +
                       y * cairo_image_surface_get_stride (surface)))[x];
}

/* How close a pixel is to a colour (0 … 1 per channel), alpha ignored. */
static double
color_distance (guint32       argb,
                const double *rgb)
{
  double a = (argb >> 24) / 255.0, d = 0;

  if (a == 0)
    return 3;
  d += fabs (((argb >> 16) & 0xff) / 255.0 / a - rgb[0]);
  d += fabs (((argb >> 8) & 0xff) / 255.0 / a - rgb[1]);
  d += fabs ((argb & 0xff) / 255.0 / a - rgb[2]);
  return d;
}

static cairo_surface_t *
render (DetenteGraphScene       *scene,
        const DetenteGraphFrame *frame,
        int                      width,
        int                      height,
        DetenteGraphDrawn       *drawn)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) (width * frame->scale),
                                                         (int) (height * frame->scale));
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, frame->scale, frame->scale);
  cr = cairo_create (surface);
  detente_graph_render (scene, frame, cr, width, height, drawn);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static void
test_pixels (void)
{
  g_autoptr(DetenteGraph) graph = small_graph ();
  const double positions[] = { -50, 0, 50, 0, 0, 60 };
  g_autoptr(DetenteGraphScene) scene = NULL;
  DetenteGraphFrame frame;
  DetenteGraphDrawn drawn;
  cairo_surface_t *surface;
  double us[3], cn[3], white[3] = { 1, 1, 1 };
  int blinken = detente_graph_lookup_node (graph, "blinken");
  int wang = detente_graph_lookup_node (graph, "wang");
  int china = detente_graph_lookup_node (graph, "china");
  double p[6];

  /* Positions by node index. */
  p[2 * blinken] = positions[0];
  p[2 * blinken + 1] = positions[1];
  p[2 * wang] = positions[2];
  p[2 * wang + 1] = positions[3];
  p[2 * china] = positions[4];
  p[2 * china + 1] = positions[5];
  scene = detente_graph_scene_new (graph, p);
  g_assert_cmpint (detente_graph_scene_get_shape (scene, china), ==, DETENTE_GRAPH_SHAPE_SQUARE);
  g_assert_cmpint (detente_graph_scene_get_shape (scene, wang), ==, DETENTE_GRAPH_SHAPE_CIRCLE);

  detente_graph_country_color ("US", DETENTE_GRAPH_THEME_LIGHT, us);
  detente_graph_country_color ("CN", DETENTE_GRAPH_THEME_LIGHT, cn);
  /* The two sides are clearly apart. */
  g_assert_cmpfloat (fabs (us[0] - cn[0]) + fabs (us[1] - cn[1]) + fabs (us[2] - cn[2]), >, 1.0);

  detente_graph_frame_init (&frame);
  frame.zoom = 1;
  surface = render (scene, &frame, 200, 200, &drawn);
  g_assert_cmpuint (drawn.n_nodes, ==, 3);
  g_assert_cmpuint (drawn.n_edges, ==, 3);
  g_assert_false (drawn.fast_edges);
  /* Each node's centre has its country's colour; a corner is the
   * background. */
  g_assert_cmpfloat (color_distance (pixel (surface, 50, 100), us), <, 0.05);
  g_assert_cmpfloat (color_distance (pixel (surface, 150, 100), cn), <, 0.05);
  g_assert_cmpfloat (color_distance (pixel (surface, 100, 160), cn), <, 0.05);
  g_assert_cmpfloat (color_distance (pixel (surface, 1, 1), white), <, 0.01);
  /* The edge between Blinken and Wang, off its count badge, is darker
   * than paper. */
  g_assert_cmpfloat (color_distance (pixel (surface, 80, 100), white), >, 0.3);
  /* Every node is labelled, inside the picture. */
  g_assert_cmpuint (drawn.labels->len, ==, 3);
  detente_graph_drawn_clear (&drawn);
  cairo_surface_destroy (surface);

  /* Selecting China dims Blinken–Wang: the pixel between them fades. */
  frame.selected = china;
  surface = render (scene, &frame, 200, 200, &drawn);
  g_assert_cmpfloat (color_distance (pixel (surface, 80, 100), white), <, 0.3);
  g_assert_cmpfloat (color_distance (pixel (surface, 50, 100), us), <, 0.05);
  detente_graph_drawn_clear (&drawn);
  cairo_surface_destroy (surface);

  /* Twice the pixels on a HiDPI screen, the same picture. */
  frame.selected = -1;
  frame.scale = 2;
  surface = render (scene, &frame, 200, 200, &drawn);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 400);
  g_assert_cmpfloat (color_distance (pixel (surface, 100, 200), us), <, 0.05);
  g_assert_cmpfloat (color_distance (pixel (surface, 300, 200), cn), <, 0.05);
  detente_graph_drawn_clear (&drawn);
  cairo_surface_destroy (surface);

  /* Transparent: nothing where nothing is drawn. */
  frame.scale = 1;
  frame.transparent = TRUE;
  surface = render (scene, &frame, 200, 200, NULL);
  g_assert_cmphex (pixel (surface, 1, 1) >> 24, ==, 0);
  cairo_surface_destroy (surface);

  /* Moved, the scene keeps its sizes and shapes but not its places. */
  {
    double moved[6];
    g_autoptr(DetenteGraphScene) other = NULL;
    double min_x, min_y, max_x, max_y;

    for (guint i = 0; i < 6; i++)
      moved[i] = p[i] + 1000;
    other = detente_graph_scene_new_moved (scene, moved);
    g_assert_true (detente_graph_scene_get_graph (other) == graph);
    for (guint i = 0; i < 3; i++)
      {
        g_assert_cmpfloat (detente_graph_scene_get_radius (other, i), ==, detente_graph_scene_get_radius (scene, i));
        g_assert_cmpint (detente_graph_scene_get_shape (other, i), ==, detente_graph_scene_get_shape (scene, i));
      }
    g_assert_cmpfloat (detente_graph_scene_get_positions (other)[0], ==, moved[0]);
    detente_graph_scene_get_bounds (other, &min_x, &min_y, &max_x, &max_y);
    g_assert_cmpfloat (min_x, >, 900);
    g_assert_cmpfloat (max_y, >, 1000);
  }

  /* Node hit test. */
  g_assert_cmpint (detente_graph_scene_node_at (scene, &frame, 200, 200, 51, 99), ==, blinken);
  g_assert_cmpint (detente_graph_scene_node_at (scene, &frame, 200, 200, 100, 30), ==, -1);
}

static gboolean
intersect (const DetenteGraphLabel *a,
           const DetenteGraphLabel *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* A crowd of 3,000 actors on a small picture: labels never overlap,
 * every one lies inside the picture, and the pixel path is taken. */
static void
test_labels_dense (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteGraph) graph = NULL;
  g_autoptr(DetenteGraphScene) scene = NULL;
  g_autofree double *positions = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  DetenteGraphFrame frame;
  DetenteGraphDrawn drawn;
  cairo_surface_t *surface;
  guint n = 3000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("actor-%u", i);

      add_actor (project, id, i % 3, i % 2 ? "US" : "CN");
    }
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *a = g_strdup_printf ("actor-%u", i);
      g_autofree char *b = g_strdup_printf ("actor-%u", g_rand_int_range (rand, 0, i));

      add_meeting (project, id, a, b, DETENTE_ENGAGEMENT_STATUS_HELD);
    }
  graph = detente_graph_new (project, NULL);
  positions = g_new (double, 2 * n);
  for (guint i = 0; i < 2 * n; i++)
    positions[i] = g_rand_double_range (rand, -400, 400);
  scene = detente_graph_scene_new (graph, positions);

  detente_graph_frame_init (&frame);
  detente_graph_frame_fit (&frame, scene, 640, 480);
  frame.legend = TRUE;
  surface = render (scene, &frame, 640, 480, &drawn);
  g_assert_cmpuint (drawn.n_nodes, ==, n);
  g_assert_true (drawn.fast_edges);
  g_assert_cmpuint (drawn.labels->len, >, 5);
  /* Tiles of pixels drawn by whichever thread is free: the same picture
   * on one, two or three, opaque or transparent, and on a size that does
   * not divide into whole tiles, with a fractional scale. */
  for (guint k = 0; k < 3; k++)
    {
      DetenteGraphFrame one = frame;
      int w = k == 2 ? 333 : 640, h = k == 2 ? 257 : 480;
      cairo_surface_t *a;

      one.n_threads = 1;
      one.transparent = k == 1;
      one.scale = k == 2 ? 1.5 : 1;
      a = render (scene, &one, w, h, NULL);
      cairo_surface_flush (a);
      for (guint n_threads = 2; n_threads <= 3; n_threads++)
        {
          DetenteGraphFrame many = one;
          cairo_surface_t *b;

          many.n_threads = n_threads;
          b = render (scene, &many, w, h, NULL);
          cairo_surface_flush (b);
          g_assert_cmpmem (cairo_image_surface_get_data (a),
                           cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a),
                           cairo_image_surface_get_data (b),
                           cairo_image_surface_get_stride (b) * cairo_image_surface_get_height (b));
          cairo_surface_destroy (b);
        }
      cairo_surface_destroy (a);
    }
  /* Drawn straight into the target's pixels, or, inside a group, onto a
   * layer that is then painted: the same picture. */
  {
    cairo_surface_t *grouped = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 480);
    cairo_t *cr = cairo_create (grouped);

    cairo_push_group (cr);
    detente_graph_render (scene, &frame, cr, 640, 480, NULL);
    cairo_pop_group_to_source (cr);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_flush (grouped);
    cairo_surface_flush (surface);
    g_assert_cmpmem (cairo_image_surface_get_data (surface),
                     cairo_image_surface_get_stride (surface) * 480,
                     cairo_image_surface_get_data (grouped),
                     cairo_image_surface_get_stride (grouped) * 480);
    cairo_surface_destroy (grouped);
  }
  /* The pixel layer brings the background with it, opaque and exact
   * where nothing else is drawn: the top corners are clear here. */
  {
    double paper[3] = { 1, 1, 1 };

    g_assert_cmphex (pixel (surface, 0, 0) >> 24, ==, 0xff);
    g_assert_cmpfloat (color_distance (pixel (surface, 0, 0), paper), <, 0.01);
    g_assert_cmpfloat (color_distance (pixel (surface, 639, 0), paper), <, 0.01);
  }
  for (guint i = 0; i < drawn.labels->len; i++)
    {
      const DetenteGraphLabel *a = &g_array_index (drawn.labels, DetenteGraphLabel, i);

      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, 640);
      g_assert_cmpfloat (a->y + a->height, <=, 480);
      for (guint j = i + 1; j < drawn.labels->len; j++)
        g_assert_false (intersect (a, &g_array_index (drawn.labels, DetenteGraphLabel, j)));
    }
  /* The pixel layer draws each label where it was placed: its box holds
   * the text's colour (416 pixels for 48 labels; the legend's text has
   * 46 more); with the labels left out of the tiles, 34. */
  {
    const double ink[3] = { 0.12, 0.12, 0.13 };
    guint inside = 0, outside = 0;

    cairo_surface_flush (surface);
    for (int y = 0; y < 480; y++)
      for (int x = 0; x < 640; x++)
        {
          gboolean in_label = FALSE;

          if (color_distance (pixel (surface, x, y), ink) > 0.02)
            continue;
          for (guint i = 0; i < drawn.labels->len && !in_label; i++)
            {
              const DetenteGraphLabel *a = &g_array_index (drawn.labels, DetenteGraphLabel, i);

              in_label = x >= a->x - 1 && x < a->x + a->width + 1 && y >= a->y - 1 && y < a->y + a->height + 1;
            }
          if (in_label)
            inside++;
          else
            outside++;
        }
    g_test_message ("pixels of the text's colour: %u in labels, %u elsewhere", inside, outside);
    g_assert_cmpuint (inside, >, 5 * drawn.labels->len);
    g_assert_cmpuint (outside, <, inside / 5);
  }
  detente_graph_drawn_clear (&drawn);
  cairo_surface_destroy (surface);

  /* Zoomed in on a corner, every node there gets its name. */
  frame.zoom *= 12;
  surface = render (scene, &frame, 640, 480, &drawn);
  g_test_message ("zoomed in: %u nodes, %u labels", drawn.n_nodes, drawn.labels->len);
  g_assert_cmpuint (drawn.n_nodes, <, 100);
  g_assert_cmpuint (drawn.labels->len, >=, drawn.n_nodes * 8 / 10);
  detente_graph_drawn_clear (&drawn);
  cairo_surface_destroy (surface);
}

/* SVG and PDF go through cairo paths: a recording surface records no
 * image. */
static void
test_vector (void)
{
  g_autoptr(DetenteGraph) graph = small_graph ();
  const double positions[] = { -50, 0, 50, 0, 0, 60 };
  g_autoptr(DetenteGraphScene) scene = detente_graph_scene_new (graph, positions);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  DetenteGraphFrame frame;
  DetenteGraphDrawn drawn;
  double x, y, w, h;

  detente_graph_frame_init (&frame);
  frame.vector = TRUE;
  frame.legend = TRUE;
  frame.theme = DETENTE_GRAPH_THEME_PRINT;
  detente_graph_render (scene, &frame, cr, 300, 200, &drawn);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  g_assert_cmpfloat (w, >, 0);
  g_assert_cmpuint (drawn.n_nodes, ==, 3);
  detente_graph_drawn_clear (&drawn);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_empty (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteGraph) graph = detente_graph_new (project, NULL);
  g_autoptr(DetenteGraphScene) scene = detente_graph_scene_new (graph, NULL);
  DetenteGraphFrame frame;
  cairo_surface_t *surface;

  detente_graph_frame_init (&frame);
  detente_graph_frame_fit (&frame, scene, 100, 100);
  frame.legend = TRUE;
  surface = render (scene, &frame, 100, 100, NULL);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph-render/pixels", test_pixels);
  g_test_add_func ("/graph-render/labels-dense", test_labels_dense);
  g_test_add_func ("/graph-render/vector", test_vector);
  g_test_add_func ("/graph-render/empty", test_empty);

  return g_test_run ();
}
