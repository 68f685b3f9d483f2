/* detente-edge-raster.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * DetenteRasterLine:
 * @x0: start, in device pixels from the surface's left edge
 * @y0: start, in device pixels from the surface's top edge
 * @x1: end
 * @y1: end
 * @width: in device pixels; a line thinner than 1 px is drawn 1 px wide and
 *   that much fainter; widths above 4096 px count as 4096
 * @color: straight (not premultiplied) 0xAARRGGBB
 * @dash: 0 for a solid line, else the length of both the dashes and the
 *   gaps, in device pixels, the first dash starting at (@x0, @y0)
 *
 * One straight line with butt caps, as detente_edge_raster_draw() draws it.
 */
typedef struct
{
  float   x0;
  float   y0;
  float   x1;
  float   y1;
  float   width;
  guint32 color;
  float   dash;
} DetenteRasterLine;

void detente_edge_raster_draw         (guint8                  *data,
                                       int                      stride,
                                       int                      width,
                                       int                      height,
                                       int                      row_first,
                                       int                      row_last,
                                       const DetenteRasterLine *lines,
                                       gsize                    n_lines);

void detente_edge_raster_draw_surface (cairo_surface_t         *surface,
                                       const DetenteRasterLine *lines,
                                       gsize                    n_lines,
                                       guint                    n_threads);

G_END_DECLS
