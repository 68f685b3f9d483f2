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
 * @hairline: draw the line as a hairline: one pixel wide and MIN (@width, 1)
 *   as opaque, two pixels per column shared by where the centre passes
 *   between them (Wu's lines), several times faster than a strip; for
 *   the level of detail of thousands of faint lines
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
  gboolean hairline;
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

/**
 * DetenteEdgeRasterPlan:
 *
 * The lines of one frame, prepared once and sorted into the tiles of the
 * surface they touch, so that tiles can be drawn in any order, on any
 * thread, each while its pixels stay in the cache.
 */
typedef struct _DetenteEdgeRasterPlan DetenteEdgeRasterPlan;

DetenteEdgeRasterPlan *detente_edge_raster_plan_new         (int                      width,
                                                             int                      height,
                                                             int                      tile_width,
                                                             int                      tile_height,
                                                             const DetenteRasterLine *lines,
                                                             gsize                    n_lines,
                                                             guint                    n_threads);
void                   detente_edge_raster_plan_free        (DetenteEdgeRasterPlan   *plan);
guint                  detente_edge_raster_plan_get_n_tiles (DetenteEdgeRasterPlan   *plan);
void                   detente_edge_raster_plan_get_tile    (DetenteEdgeRasterPlan   *plan,
                                                             guint                    tile,
                                                             int                     *x,
                                                             int                     *y,
                                                             int                     *width,
                                                             int                     *height);
void                   detente_edge_raster_plan_draw_tile   (DetenteEdgeRasterPlan   *plan,
                                                             guint8                  *data,
                                                             int                      stride,
                                                             guint                    tile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteEdgeRasterPlan, detente_edge_raster_plan_free)

G_END_DECLS
