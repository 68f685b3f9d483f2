/* detente-label-raster.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "detente-label-raster.h"

/* Cairo 1.16 draws a run of glyphs that may overlap through a mask as
 * large as the whole run: all the labels of a frame in one run cost a
 * frame-sized mask to clear and to composite, five times for the halo
 * and the text, and all of it on one thread. A label drawn from its own
 * small mask costs only its own pixels, on the thread of its tile. */

struct _DetenteLabelMask
{
  int    x;       /* the mask's first column, from the layout's origin */
  int    y;
  int    width;
  int    height;
  int    shift;   /* the halo's reach, in device pixels */
  guint  halo_alpha;  /* the alpha, 0–255, the halo's plane is made for */
  guint8 *halo;   /* width × height coverage of that halo, after data */
  guint8 data[];  /* width × height coverage, 0–255 */
};

/* The halo's coverage (0–255) of pixel (@i, @j) of @m: the four shifted
 * copies of the text each leave @keep_of[v] of what is under them, for
 * the text's coverage v there, and the halo is what they do not leave. */
static inline guint
halo_at (const float            *keep_of,
         const DetenteLabelMask *m,
         int                     i,
         int                     j)
{
  const guint8 *here = m->data + (gsize) j * m->width;
  int s = m->shift;
  guint left = i - s >= 0 ? here[i - s] : 0;
  guint right = i + s < m->width ? here[i + s] : 0;
  guint below = j + s < m->height ? here[i + (gssize) s * m->width] : 0;
  guint above = j - s >= 0 ? here[i - (gssize) s * m->width] : 0;

  if ((left | right | above | below) == 0)
    return 0;
  return (guint) ((1 - keep_of[left] * keep_of[right] * keep_of[above] * keep_of[below]) * 255 + 0.5f);
}

static void
keep_table (float *keep_of,
            guint  alpha)
{
  for (guint v = 0; v < 256; v++)
    keep_of[v] = 1 - (alpha / 255.f) * (v / 255.f);
}

/**
 * detente_label_mask_new:
 * @layout: a layout with the label's text, of a pango context made for
 *   the target (its font options decide how the glyphs look)
 * @scale: device pixels per user unit of the layout
 * @halo_alpha: the alpha (0–255) of the halo the label is usually drawn
 *   with, worked out here once rather than at each drawing
 *
 * Renders @layout's text once, as cairo would draw it on an image surface
 * of that device scale with the layout's origin on a pixel corner. The
 * mask leaves room for a halo one user unit wide.
 *
 * Returns: (transfer full): the mask
 */
DetenteLabelMask *
detente_label_mask_new (PangoLayout *layout,
                        double       scale,
                        guint        halo_alpha)
{
  DetenteLabelMask *self;
  PangoRectangle ink;
  cairo_surface_t *surface;
  cairo_t *cr;
  int shift, x0, y0, x1, y1, stride;
  const guint8 *pixels;
  float keep_of[256];
  gsize n;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), NULL);
  g_return_val_if_fail (scale > 0, NULL);
  g_return_val_if_fail (halo_alpha <= 255, NULL);

  shift = MAX (1, (int) lround (scale));
  pango_layout_get_extents (layout, &ink, NULL);
  if (ink.width <= 0 || ink.height <= 0)
    {
      self = g_atomic_rc_box_alloc0 (sizeof (DetenteLabelMask));
      self->shift = shift;
      self->halo_alpha = halo_alpha;
      self->halo = self->data;
      return self;
    }
  /* A pixel more each way than the ink, for glyphs that antialias past
   * their extents, and the halo's reach beyond that. */
  x0 = (int) floor (ink.x * scale / PANGO_SCALE) - 1 - shift;
  y0 = (int) floor (ink.y * scale / PANGO_SCALE) - 1 - shift;
  x1 = (int) ceil ((ink.x + ink.width) * scale / PANGO_SCALE) + 1 + shift;
  y1 = (int) ceil ((ink.y + ink.height) * scale / PANGO_SCALE) + 1 + shift;

  n = (gsize) (x1 - x0) * (y1 - y0);
  self = g_atomic_rc_box_alloc0 (sizeof (DetenteLabelMask) + 2 * n);
  self->x = x0;
  self->y = y0;
  self->width = x1 - x0;
  self->height = y1 - y0;
  self->shift = shift;
  self->halo_alpha = halo_alpha;
  self->halo = self->data + n;

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, self->width, self->height);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_translate (cr, -x0 / scale, -y0 / scale);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  if (pixels != NULL)
    for (int j = 0; j < self->height; j++)
      memcpy (self->data + (gsize) j * self->width, pixels + (gsize) j * stride, self->width);
  cairo_surface_destroy (surface);

  keep_table (keep_of, halo_alpha);
  for (int j = 0; j < self->height; j++)
    for (int i = 0; i < self->width; i++)
      self->halo[(gsize) j * self->width + i] = (guint8) halo_at (keep_of, self, i, j);
  return self;
}

/**
 * detente_label_mask_ref:
 * @self: a #DetenteLabelMask
 *
 * Returns: (transfer full): @self
 */
DetenteLabelMask *
detente_label_mask_ref (DetenteLabelMask *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

/**
 * detente_label_mask_unref:
 * @self: a #DetenteLabelMask
 *
 * Lets go of a reference.
 */
void
detente_label_mask_unref (DetenteLabelMask *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release (self);
}

/**
 * detente_label_mask_get_box:
 * @self: a #DetenteLabelMask
 * @x: (out): its left, in device pixels from the layout's origin
 * @y: (out): its top
 * @width: (out): its width, 0 for a label with no ink
 * @height: (out): its height
 *
 * Where the mask lies, halo included.
 */
void
detente_label_mask_get_box (const DetenteLabelMask *self,
                            int                    *x,
                            int                    *y,
                            int                    *width,
                            int                    *height)
{
  g_return_if_fail (self != NULL);
  *x = self->x;
  *y = self->y;
  *width = self->width;
  *height = self->height;
}

/**
 * detente_label_mask_get_size:
 * @self: a #DetenteLabelMask
 *
 * Returns: the bytes it holds, for a cache to count
 */
gsize
detente_label_mask_get_size (const DetenteLabelMask *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return sizeof *self + 2 * (gsize) self->width * self->height;
}

/**
 * detente_label_raster_box:
 * @label: a label
 * @x0: (out): its first column, in device pixels
 * @y0: (out): its first row
 * @x1: (out): the column after its last
 * @y1: (out): the row after its last
 *
 * The pixels detente_label_raster_draw() may touch for @label.
 */
void
detente_label_raster_box (const DetenteLabelPixels *label,
                          int                      *x0,
                          int                      *y0,
                          int                      *x1,
                          int                      *y1)
{
  g_return_if_fail (label != NULL && label->mask != NULL);
  *x0 = label->x + label->mask->x;
  *y0 = label->y + label->mask->y;
  *x1 = *x0 + label->mask->width;
  *y1 = *y0 + label->mask->height;
}

/* Each byte of @x times @a / 255, rounded. */
static inline guint32
scale_bytes (guint32 x,
             guint   a)
{
  guint32 rb = (x & 0x00ff00ff) * a + 0x00800080;
  guint32 ag = ((x >> 8) & 0x00ff00ff) * a + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return rb | ag;
}

/* @color (opaque) over a premultiplied pixel with coverage @c of 255:
 * neither sum can pass 255, as scale_bytes (255, c) is c. */
static inline void
over (guint32 *pixel,
      guint32  color,
      guint    c)
{
  *pixel = scale_bytes (color, c) + scale_bytes (*pixel, 255 - c);
}

/* The halo is the text four times, shifted by its reach left, right, up
 * and down, each drawn over the last: what is left of the pixel under it
 * is the product of what each leaves. The mask has it worked out for
 * its usual alpha. */
static void
draw_halo (guint8                   *data,
           int                       stride,
           int                       x0,
           int                       y0,
           int                       x1,
           int                       y1,
           const DetenteLabelPixels *label)
{
  const DetenteLabelMask *m = label->mask;
  int ox = label->x + m->x, oy = label->y + m->y;
  guint32 color = label->halo | 0xff000000u;
  guint alpha = label->halo >> 24;
  float keep_of[256];

  if (alpha != m->halo_alpha)
    keep_table (keep_of, alpha);
  for (int y = MAX (y0, oy); y < MIN (y1, oy + m->height); y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);
      int j = y - oy;
      const guint8 *baked = m->halo + (gsize) j * m->width;

      for (int x = MAX (x0, ox); x < MIN (x1, ox + m->width); x++)
        {
          int i = x - ox;
          guint c = alpha == m->halo_alpha ? baked[i] : halo_at (keep_of, m, i, j);

          if (c > 0)
            over (&row[x], color, c);
        }
    }
}

static void
draw_text (guint8                   *data,
           int                       stride,
           int                       x0,
           int                       y0,
           int                       x1,
           int                       y1,
           const DetenteLabelPixels *label)
{
  const DetenteLabelMask *m = label->mask;
  int ox = label->x + m->x, oy = label->y + m->y;
  guint32 color = label->text | 0xff000000u;
  guint a = label->text >> 24;

  for (int y = MAX (y0, oy); y < MIN (y1, oy + m->height); y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);
      const guint8 *coverage = m->data + (gsize) (y - oy) * m->width;

      for (int x = MAX (x0, ox); x < MIN (x1, ox + m->width); x++)
        if (coverage[x - ox] != 0)
          {
            guint c = (coverage[x - ox] * a + 127) / 255;

            if (c > 0)
              over (&row[x], color, c);
          }
    }
}

/**
 * detente_label_raster_draw:
 * @data: premultiplied ARGB32 pixels
 * @stride: bytes from one row to the next
 * @clip_x0: the first column to draw in
 * @clip_y0: the first row
 * @clip_x1: the column after the last
 * @clip_y1: the row after the last
 * @labels: (array): labels
 * @order: (array length=n_order): which of @labels to draw
 * @n_order: how many
 *
 * Draws the halos of the labels @order lists, then their text, within
 * the clip: a tile of the picture, which another thread may draw the
 * neighbours of at the same time.
 */
void
detente_label_raster_draw (guint8                   *data,
                           int                       stride,
                           int                       clip_x0,
                           int                       clip_y0,
                           int                       clip_x1,
                           int                       clip_y1,
                           const DetenteLabelPixels *labels,
                           const guint              *order,
                           gsize                     n_order)
{
  g_return_if_fail (data != NULL || n_order == 0);

  for (gsize k = 0; k < n_order; k++)
    if ((labels[order[k]].halo >> 24) != 0)
      draw_halo (data, stride, clip_x0, clip_y0, clip_x1, clip_y1, &labels[order[k]]);
  for (gsize k = 0; k < n_order; k++)
    draw_text (data, stride, clip_x0, clip_y0, clip_x1, clip_y1, &labels[order[k]]);
}
