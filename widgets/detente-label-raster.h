/* detente-label-raster.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/**
 * DetenteLabelMask:
 *
 * A label's text, rendered once by pango and cairo into an 8-bit coverage
 * mask at one device scale, with room around the ink for a halo; drawn
 * into a picture's pixels as often as needed, by any thread. Reference
 * counted and immutable.
 */
typedef struct _DetenteLabelMask DetenteLabelMask;

DetenteLabelMask *detente_label_mask_new     (PangoLayout            *layout,
                                              double                  scale,
                                              guint                   halo_alpha);
DetenteLabelMask *detente_label_mask_ref     (DetenteLabelMask       *self);
void              detente_label_mask_unref   (DetenteLabelMask       *self);
void              detente_label_mask_get_box (const DetenteLabelMask *self,
                                              int                    *x,
                                              int                    *y,
                                              int                    *width,
                                              int                    *height);
gsize             detente_label_mask_get_size (const DetenteLabelMask *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteLabelMask, detente_label_mask_unref)

/**
 * DetenteLabelPixels:
 * @mask: the label's text
 * @x: where the layout's origin goes, in device pixels
 * @y: where the layout's origin goes, in device pixels
 * @text: the text's colour, straight (not premultiplied) 0xAARRGGBB
 * @halo: the halo's colour, 0xAARRGGBB; its alpha 0 for none
 *
 * One label to draw into pixels.
 */
typedef struct
{
  const DetenteLabelMask *mask;
  int                     x;
  int                     y;
  guint32                 text;
  guint32                 halo;
} DetenteLabelPixels;

void detente_label_raster_box  (const DetenteLabelPixels *label,
                                int                      *x0,
                                int                      *y0,
                                int                      *x1,
                                int                      *y1);
void detente_label_raster_draw (guint8                   *data,
                                int                       stride,
                                int                       clip_x0,
                                int                       clip_y0,
                                int                       clip_x1,
                                int                       clip_y1,
                                const DetenteLabelPixels *labels,
                                const guint              *order,
                                gsize                     n_order);

G_END_DECLS
