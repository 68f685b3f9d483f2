/* test-label-raster.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "detente-label-raster.h"

#define WIDTH 360
#define HEIGHT 120

/* /label-raster/like-cairo: the labels drawn from masks against the same
 * labels shown by pango and cairo (four shifted halos, then the text),
 * mean channel difference over the pixels either touches. Measured:
 * 0.12-0.13 at scale 1, 0.11 at scale 2, 0.19-0.21 dimmed. Broken on
 * purpose it gave: the label a pixel off 61.3, no halo 13.2, the halo
 * from the strongest of its four shifts alone 0.84, the text's alpha
 * left out 36.1. */
#define MAX_MEAN_DIFFERENCE 0.5

static const char * const names[] = {
  "Antony Blinken",
  "王毅",
  "Xi Jinping · 习近平",
  "Ministry of Foreign Affairs (MFA)",
};

static PangoLayout *
new_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, 11 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

/* A background that is not flat, so that both the colours and their
 * blending count. */
static cairo_surface_t *
new_picture (double scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (WIDTH * scale),
                                                         (int) ceil (HEIGHT * scale));
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *ramp = cairo_pattern_create_linear (0, 0, WIDTH * scale, HEIGHT * scale);

  cairo_pattern_add_color_stop_rgb (ramp, 0, 0.95, 0.96, 0.97);
  cairo_pattern_add_color_stop_rgb (ramp, 1, 0.30, 0.35, 0.55);
  cairo_set_source (cr, ramp);
  cairo_paint (cr);
  cairo_pattern_destroy (ramp);
  cairo_destroy (cr);
  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

static guint32
argb (const double *rgb,
      double        alpha)
{
  return (guint32) (alpha * 255 + 0.5) << 24 | (guint32) (rgb[0] * 255 + 0.5) << 16 |
         (guint32) (rgb[1] * 255 + 0.5) << 8 | (guint32) (rgb[2] * 255 + 0.5);
}

static const double text_rgb[3] = { 0.10, 0.11, 0.13 };
static const double halo_rgb[3] = { 1.00, 1.00, 1.00 };

/* Draws names[k] at (x, y) the way the renderer used to: pango and cairo,
 * four halos a unit off, then the text. */
static void
draw_with_cairo (cairo_surface_t *surface,
                 const char      *name,
                 double           x,
                 double           y,
                 double           alpha)
{
  static const double shifts[][2] = { { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 } };
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = new_layout (cr);

  pango_layout_set_text (layout, name, -1);
  cairo_set_source_rgba (cr, halo_rgb[0], halo_rgb[1], halo_rgb[2], 0.85 * alpha);
  for (guint d = 0; d < G_N_ELEMENTS (shifts); d++)
    {
      cairo_move_to (cr, x + shifts[d][0], y + shifts[d][1]);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_set_source_rgba (cr, text_rgb[0], text_rgb[1], text_rgb[2], alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

static DetenteLabelMask *
new_mask (cairo_surface_t *surface,
          const char      *name,
          double           scale,
          double           halo_alpha)
{
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = new_layout (cr);
  DetenteLabelMask *mask;

  pango_layout_set_text (layout, name, -1);
  mask = detente_label_mask_new (layout, scale, argb (halo_rgb, halo_alpha) >> 24);
  g_object_unref (layout);
  cairo_destroy (cr);
  return mask;
}

/* The mean channel difference over the pixels that differ from @base in
 * either picture; how many such pixels there are in *n_touched. */
static double
difference (cairo_surface_t *a,
            cairo_surface_t *b,
            cairo_surface_t *base,
            guint           *n_touched)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  const guint8 *p0 = cairo_image_surface_get_data (base);
  double sum = 0;
  guint n = 0;

  for (int j = 0; j < h; j++)
    for (int i = 0; i < w; i++)
      {
        gsize at = (gsize) j * stride + 4 * i;

        if (memcmp (pa + at, p0 + at, 4) == 0 && memcmp (pb + at, p0 + at, 4) == 0)
          continue;
        n++;
        for (int c = 0; c < 4; c++)
          sum += ABS ((int) pa[at + c] - (int) pb[at + c]);
      }
  *n_touched = n;
  return n > 0 ? sum / (4.0 * n) : 0;
}

static void
check_like_cairo (double scale,
                  double alpha)
{
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      cairo_surface_t *base = new_picture (scale);
      cairo_surface_t *reference = new_picture (scale);
      cairo_surface_t *ours = new_picture (scale);
      /* Made for the usual halo: a dimmed label's is worked out as it
       * is drawn. */
      DetenteLabelMask *mask = new_mask (ours, names[k], scale, 0.85);
      DetenteLabelPixels label = {
        mask, (int) lround (20 * scale), (int) lround (30 * scale),
        argb (text_rgb, alpha), argb (halo_rgb, 0.85 * alpha),
      };
      guint order = 0, n_touched;
      double mean;

      draw_with_cairo (reference, names[k], 20, 30, alpha);
      detente_label_raster_draw (cairo_image_surface_get_data (ours), cairo_image_surface_get_stride (ours),
                                 0, 0, cairo_image_surface_get_width (ours),
                                 cairo_image_surface_get_height (ours), &label, &order, 1);
      cairo_surface_mark_dirty (ours);
      mean = difference (ours, reference, base, &n_touched);
      g_test_message ("“%s” at scale %g, alpha %g: %u pixels, mean difference %.3f",
                      names[k], scale, alpha, n_touched, mean);
      /* The label is there at all: a few hundred pixels at least. */
      g_assert_cmpuint (n_touched, >, 200 * scale * scale);
      g_assert_cmpfloat (mean, <, MAX_MEAN_DIFFERENCE);

      detente_label_mask_unref (mask);
      cairo_surface_destroy (base);
      cairo_surface_destroy (reference);
      cairo_surface_destroy (ours);
    }
}

static void
test_like_cairo (void)
{
  check_like_cairo (1, 1);
  check_like_cairo (2, 1);
  check_like_cairo (1, 0.2);
}

/* Tiles draw a label a piece each, on any thread: the pieces make the
 * same bytes as the whole, however the picture is cut. */
static void
test_clipped (void)
{
  cairo_surface_t *whole = new_picture (1);
  cairo_surface_t *pieces = new_picture (1);
  DetenteLabelMask *masks[G_N_ELEMENTS (names)];
  DetenteLabelPixels labels[G_N_ELEMENTS (names)];
  guint order[G_N_ELEMENTS (names)];
  int stride = cairo_image_surface_get_stride (whole);

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      masks[k] = new_mask (whole, names[k], 1, 0.85);
      labels[k] = (DetenteLabelPixels) { masks[k], 7 + 37 * (int) k, 3 + 23 * (int) k,
                                         argb (text_rgb, 1), argb (halo_rgb, 0.85) };
      order[k] = k;
    }
  detente_label_raster_draw (cairo_image_surface_get_data (whole), stride, 0, 0, WIDTH, HEIGHT,
                             labels, order, G_N_ELEMENTS (names));
  for (int y = 0; y < HEIGHT; y += 13)
    for (int x = 0; x < WIDTH; x += 29)
      detente_label_raster_draw (cairo_image_surface_get_data (pieces), stride, x, y,
                                 MIN (x + 29, WIDTH), MIN (y + 13, HEIGHT),
                                 labels, order, G_N_ELEMENTS (names));
  g_assert_cmpmem (cairo_image_surface_get_data (whole), stride * HEIGHT,
                   cairo_image_surface_get_data (pieces), stride * HEIGHT);

  /* Off the picture, partly or wholly, nothing is drawn out of it. */
  labels[0].x = -40;
  labels[1].y = HEIGHT - 4;
  labels[2].x = WIDTH + 50;
  labels[3].y = -500;
  detente_label_raster_draw (cairo_image_surface_get_data (pieces), stride, 0, 0, WIDTH, HEIGHT,
                             labels, order, G_N_ELEMENTS (names));

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    detente_label_mask_unref (masks[k]);
  cairo_surface_destroy (whole);
  cairo_surface_destroy (pieces);
}

/* A mask keeps the halo worked out for one alpha; any other is worked
 * out as it is drawn, to the same bytes. */
static void
test_baked (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      cairo_surface_t *baked = new_picture (1);
      cairo_surface_t *computed = new_picture (1);
      DetenteLabelMask *for_dim = new_mask (baked, names[k], 1, 0.17);
      DetenteLabelMask *for_usual = new_mask (computed, names[k], 1, 0.85);
      DetenteLabelPixels label = { for_dim, 12, 40, argb (text_rgb, 0.2), argb (halo_rgb, 0.17) };
      int stride = cairo_image_surface_get_stride (baked);
      guint order = 0;

      detente_label_raster_draw (cairo_image_surface_get_data (baked), stride, 0, 0, WIDTH, HEIGHT,
                                 &label, &order, 1);
      label.mask = for_usual;
      detente_label_raster_draw (cairo_image_surface_get_data (computed), stride, 0, 0, WIDTH, HEIGHT,
                                 &label, &order, 1);
      g_assert_cmpmem (cairo_image_surface_get_data (baked), stride * HEIGHT,
                       cairo_image_surface_get_data (computed), stride * HEIGHT);
      detente_label_mask_unref (for_dim);
      detente_label_mask_unref (for_usual);
      cairo_surface_destroy (baked);
      cairo_surface_destroy (computed);
    }
}

/* A label with no ink draws nothing and has an empty box. */
static void
test_empty (void)
{
  cairo_surface_t *picture = new_picture (1);
  cairo_surface_t *base = new_picture (1);
  DetenteLabelMask *mask = new_mask (picture, "   ", 1, 0.85);
  DetenteLabelPixels label = { mask, 10, 10, argb (text_rgb, 1), argb (halo_rgb, 0.85) };
  guint order = 0;
  int x, y, w, h;

  detente_label_mask_get_box (mask, &x, &y, &w, &h);
  g_assert_cmpint (w, ==, 0);
  g_assert_cmpint (h, ==, 0);
  detente_label_raster_draw (cairo_image_surface_get_data (picture), cairo_image_surface_get_stride (picture),
                             0, 0, WIDTH, HEIGHT, &label, &order, 1);
  g_assert_cmpmem (cairo_image_surface_get_data (picture),
                   cairo_image_surface_get_stride (picture) * HEIGHT,
                   cairo_image_surface_get_data (base),
                   cairo_image_surface_get_stride (base) * HEIGHT);
  detente_label_mask_unref (mask);
  cairo_surface_destroy (picture);
  cairo_surface_destroy (base);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/label-raster/like-cairo", test_like_cairo);
  g_test_add_func ("/label-raster/clipped", test_clipped);
  g_test_add_func ("/label-raster/baked", test_baked);
  g_test_add_func ("/label-raster/empty", test_empty);
  return g_test_run ();
}
