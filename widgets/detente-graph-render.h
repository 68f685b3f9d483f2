/* detente-graph-render.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "detente-graph.h"

G_BEGIN_DECLS

typedef enum
{
  DETENTE_GRAPH_THEME_LIGHT,
  DETENTE_GRAPH_THEME_DARK,
  DETENTE_GRAPH_THEME_PRINT,
} DetenteGraphTheme;

typedef enum
{
  DETENTE_GRAPH_SHAPE_CIRCLE,   /* a person */
  DETENTE_GRAPH_SHAPE_SQUARE,   /* a country */
  DETENTE_GRAPH_SHAPE_DIAMOND,  /* an organisation */
} DetenteGraphShape;

/**
 * DetenteGraphScene:
 *
 * A graph with its positions and everything drawing it needs that does
 * not change from frame to frame: node sizes, colours, shapes, the order
 * labels are placed in. Immutable once made, so any thread may draw it.
 */
typedef struct _DetenteGraphScene DetenteGraphScene;

/**
 * DetenteGraphFrame:
 * @zoom: device-independent pixels per layout unit
 * @center_x: the layout point at the centre of the picture
 * @center_y: the layout point at the centre of the picture
 * @scale: device pixels per device-independent pixel (2 on HiDPI)
 * @theme: colours
 * @selected: the selected node, or -1
 * @hovered: the node under the pointer, or -1
 * @path: (nullable): nodes of a path to highlight, in order
 * @n_path: how many
 * @by_community: colour nodes by community instead of country
 * @legend: draw a legend
 * @transparent: leave the background clear
 * @vector: draw everything as cairo paths (for SVG and PDF), never
 *   through pixels
 * @n_threads: threads for the pixel layers, 0 for one per core
 *
 * One picture of a scene.
 */
typedef struct
{
  double            zoom;
  double            center_x;
  double            center_y;
  double            scale;
  DetenteGraphTheme theme;
  int               selected;
  int               hovered;
  const guint      *path;
  guint             n_path;
  gboolean          by_community;
  gboolean          legend;
  gboolean          transparent;
  gboolean          vector;
  guint             n_threads;
} DetenteGraphFrame;

/**
 * DetenteGraphLabel:
 * @node: the node it names
 * @x: left, in device-independent pixels
 * @y: top
 * @width: width
 * @height: height
 *
 * A label as it was placed.
 */
typedef struct
{
  guint  node;
  double x;
  double y;
  double width;
  double height;
} DetenteGraphLabel;

/**
 * DetenteGraphDrawn:
 * @labels: (element-type DetenteGraphLabel): the labels placed
 * @n_nodes: nodes drawn
 * @n_edges: edges drawn
 * @fast_edges: whether edges went through the pixel rasteriser
 *
 * What a frame drew, for hit tests and tests.
 */
typedef struct
{
  GArray   *labels;
  guint     n_nodes;
  guint     n_edges;
  gboolean  fast_edges;
} DetenteGraphDrawn;

void                detente_graph_frame_init         (DetenteGraphFrame       *frame);

DetenteGraphScene  *detente_graph_scene_new          (DetenteGraph            *graph,
                                                      const double            *positions);
DetenteGraphScene  *detente_graph_scene_new_moved    (DetenteGraphScene       *scene,
                                                      const double            *positions);
DetenteGraphScene  *detente_graph_scene_ref          (DetenteGraphScene       *self);
void                detente_graph_scene_unref        (DetenteGraphScene       *self);
DetenteGraph       *detente_graph_scene_get_graph    (DetenteGraphScene       *self);
const double       *detente_graph_scene_get_positions (DetenteGraphScene      *self);
double              detente_graph_scene_get_radius   (DetenteGraphScene       *self,
                                                      guint                    node);
DetenteGraphShape   detente_graph_scene_get_shape    (DetenteGraphScene       *self,
                                                      guint                    node);
void                detente_graph_scene_get_bounds   (DetenteGraphScene       *self,
                                                      double                  *min_x,
                                                      double                  *min_y,
                                                      double                  *max_x,
                                                      double                  *max_y);

void                detente_graph_frame_fit          (DetenteGraphFrame       *frame,
                                                      DetenteGraphScene       *scene,
                                                      double                   width,
                                                      double                   height);
int                 detente_graph_scene_node_at      (DetenteGraphScene       *self,
                                                      const DetenteGraphFrame *frame,
                                                      double                   width,
                                                      double                   height,
                                                      double                   x,
                                                      double                   y);

void                detente_graph_render             (DetenteGraphScene       *scene,
                                                      const DetenteGraphFrame *frame,
                                                      cairo_t                 *cr,
                                                      double                   width,
                                                      double                   height,
                                                      DetenteGraphDrawn       *drawn);
void                detente_graph_drawn_clear        (DetenteGraphDrawn       *drawn);

void                detente_graph_country_color      (const char              *country,
                                                      DetenteGraphTheme        theme,
                                                      double                  *rgb);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteGraphScene, detente_graph_scene_unref)

G_END_DECLS
