/* bench-edge-raster.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "detente-edge-raster.h"

/* Times detente_edge_raster_draw_surface() on one and on two threads
 * against one cairo_stroke() per line, on the same lines: --edges lines
 * of 1–3 px between --nodes seeded random points. With --local R, a
 * line joins a random point to a spot at most R px away on each axis,
 * closer to what a force layout gives than lines between any two points
 * (those average 800 px on 1920×1080).
 *
 * It is not registered with meson; build it against the build tree, e.g.
 *
 *   cc -O2 -I/tmp/b-raster -Iwidgets tests/bench/bench-edge-raster.c \
 *     widgets/detente-edge-raster.c $(pkg-config --cflags --libs glib-2.0 cairo) -lm
 */

static int n_nodes = 10000;
static int n_edges = 40000;
static int surface_width = 1920;
static int surface_height = 1080;
static int n_runs = 7;
static int n_cairo_runs = 3;
static int local = 0;

static const GOptionEntry options[] = {
  { "nodes", 0, 0, G_OPTION_ARG_INT, &n_nodes, "Points (10000)", "N" },
  { "edges", 0, 0, G_OPTION_ARG_INT, &n_edges, "Lines (40000)", "M" },
  { "width", 0, 0, G_OPTION_ARG_INT, &surface_width, "Surface width (1920)", "PX" },
  { "height", 0, 0, G_OPTION_ARG_INT, &surface_height, "Surface height (1080)", "PX" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs of the rasteriser (7)", "N" },
  { "cairo-runs", 0, 0, G_OPTION_ARG_INT, &n_cairo_runs, "Runs of cairo (3; 0 skips it)", "N" },
  { "local", 0, 0, G_OPTION_ARG_INT, &local, "Lines reach at most this far (0: any point)", "R" },
  { NULL }
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

static void
clear (cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
}

/* CPU time of the whole process, which the other loads of a shared
 * machine do not inflate as much as they do the wall clock. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
time_raster (cairo_surface_t         *surface,
             const DetenteRasterLine *lines,
             guint                    n_threads,
             double                  *cpu)
{
  g_autofree double *times = g_new (double, n_runs);
  g_autofree double *cpu_times = g_new (double, n_runs);

  for (int r = 0; r < n_runs; r++)
    {
      gint64 start;
      double cpu_start;

      clear (surface);
      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      detente_edge_raster_draw_surface (surface, lines, n_edges, n_threads);
      cpu_times[r] = cpu_ms () - cpu_start;
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  *cpu = median (cpu_times, n_runs);
  return median (times, n_runs);
}

static double
time_cairo (cairo_surface_t         *surface,
            const DetenteRasterLine *lines,
            double                  *cpu)
{
  g_autofree double *times = g_new (double, n_cairo_runs);
  g_autofree double *cpu_times = g_new (double, n_cairo_runs);

  for (int r = 0; r < n_cairo_runs; r++)
    {
      cairo_t *cr;
      gint64 start;
      double cpu_start;

      clear (surface);
      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      cr = cairo_create (surface);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      for (int k = 0; k < n_edges; k++)
        {
          const DetenteRasterLine *l = &lines[k];

          cairo_set_source_rgba (cr, ((l->color >> 16) & 0xff) / 255.0,
                                 ((l->color >> 8) & 0xff) / 255.0, (l->color & 0xff) / 255.0,
                                 (l->color >> 24) / 255.0);
          cairo_set_line_width (cr, l->width);
          cairo_move_to (cr, l->x0, l->y0);
          cairo_line_to (cr, l->x1, l->y1);
          cairo_stroke (cr);
        }
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      cpu_times[r] = cpu_ms () - cpu_start;
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  *cpu = median (cpu_times, n_cairo_runs);
  return median (times, n_cairo_runs);
}

/* The mean of |a − b| over every channel of the pixels either image touched. */
static double
mean_difference (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  double sum = 0;
  gint64 n = 0;

  for (int y = 0; y < surface_height; y++)
    for (int x = 0; x < surface_width; x++)
      {
        guint32 u = *(const guint32 *) (pa + y * stride + 4 * x);
        guint32 v = *(const guint32 *) (pb + y * stride + 4 * x);

        if (u == 0 && v == 0)
          continue;
        for (int c = 0; c < 32; c += 8)
          sum += abs ((int) ((u >> c) & 0xff) - (int) ((v >> c) & 0xff));
        n++;
      }
  return n ? sum / (4.0 * n) : 0.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the edge rasteriser against cairo");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree float *points = NULL;
  g_autofree DetenteRasterLine *lines = NULL;
  cairo_surface_t *surface, *reference;
  double covered = 0, length = 0, one, two, ref = 0;
  double one_cpu, two_cpu, ref_cpu = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n_nodes = MAX (n_nodes, 2);
  n_edges = MAX (n_edges, 0);
  n_runs = MAX (n_runs, 1);

  points = g_new (float, 2 * n_nodes);
  for (int k = 0; k < n_nodes; k++)
    {
      points[2 * k] = g_rand_double_range (rand, 0, surface_width);
      points[2 * k + 1] = g_rand_double_range (rand, 0, surface_height);
    }

  lines = g_new0 (DetenteRasterLine, MAX (n_edges, 1));
  for (int k = 0; k < n_edges; k++)
    {
      int a = g_rand_int_range (rand, 0, n_nodes);
      int b = g_rand_int_range (rand, 0, n_nodes);

      lines[k].x0 = points[2 * a];
      lines[k].y0 = points[2 * a + 1];
      lines[k].x1 = local > 0 ? lines[k].x0 + g_rand_double_range (rand, -local, local) : points[2 * b];
      lines[k].y1 = local > 0 ? lines[k].y0 + g_rand_double_range (rand, -local, local) : points[2 * b + 1];
      lines[k].width = g_rand_double_range (rand, 1, 3);
      lines[k].color = ((guint32) g_rand_int_range (rand, 0x60, 0x100) << 24)
                       | (g_rand_int (rand) & 0xffffff);
      length += hypot (lines[k].x1 - lines[k].x0, lines[k].y1 - lines[k].y0);
      covered += hypot (lines[k].x1 - lines[k].x0, lines[k].y1 - lines[k].y0)
                 * (lines[k].width + 1);
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, surface_width, surface_height);
  reference = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, surface_width, surface_height);

  one = time_raster (surface, lines, 1, &one_cpu);
  two = time_raster (surface, lines, 2, &two_cpu);
  if (n_cairo_runs > 0)
    ref = time_cairo (reference, lines, &ref_cpu);

  printf ("surface: %dx%d\n", surface_width, surface_height);
  printf ("lines: %d (mean length %.1f px, about %.1f M pixels touched)\n",
          n_edges, n_edges ? length / n_edges : 0.0, covered / 1e6);
  printf ("raster_ms_1_thread: %.2f (cpu %.2f)\n", one, one_cpu);
  printf ("raster_ms_2_threads: %.2f (cpu %.2f)\n", two, two_cpu);
  if (n_cairo_runs > 0)
    {
      printf ("cairo_ms: %.2f (cpu %.2f)\n", ref, ref_cpu);
      printf ("mean_channel_difference: %.3f\n", mean_difference (surface, reference));
    }

  cairo_surface_destroy (surface);
  cairo_surface_destroy (reference);
  return 0;
}
