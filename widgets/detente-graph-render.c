/* detente-graph-render.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "detente-edge-raster.h"
#include "detente-graph-render.h"
#include "detente-label-raster.h"
#include "detente-scratch.h"

/* Draws a laid-out graph onto any cairo_t: the screen, a PNG, an SVG or
 * a PDF. Badges and labels are placed first, then drawn: edges under
 * nodes, nodes, badges, selection marks, labels and the legend. What does
 * not fit the picture or the pixel grid is left out: edges and nodes off
 * the picture, badges on short edges, labels that would cover others.
 * Big graphs put their edges, nodes and labels straight into pixels
 * (cairo's strokes cost a frame per second at 40,000 edges on Debian
 * 12's cairo), the labels with the tiles they fall in, so under the
 * badges, which they keep clear of, and under the selection marks;
 * vector output always gets cairo paths.
 *
 * Coordinates: the cairo_t's user space is in device-independent pixels
 * (the picture is @width × @height of them); layout units map to it by
 * the frame's zoom and centre. */

#define RADIUS_MIN 3.0
#define RADIUS_MAX 12.0
#define MIN_NODE_PX 1.5
#define NODE_ZOOM_CAP 1.5
#define LABEL_FONT_PX 11.0
#define LABEL_GAP 3.0
#define LABEL_BUDGET 400
/* The halo around a label's text, drawn four times a unit off. */
#define HALO_OPACITY 0.85
#define BADGE_MIN_LENGTH 40.0
#define BADGE_MAX_EDGES 1500
#define MANY_EDGES 3000
#define PIXEL_EDGES 1500
#define PIXEL_NODES 2000
#define GRID_CELL 48.0
/* What a graph's rendered labels may hold before they are all let go. */
#define LABEL_MASK_BYTES (24u << 20)
/* A placed box that is not a label: a node or a badge. */
#define OBSTACLE G_MAXUINT

typedef struct
{
  char  *country;
  guint  count;
  char  *name;
} LegendCountry;

static int
compare_legend (gconstpointer a,
                gconstpointer b)
{
  const LegendCountry *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->country, y->country);
}

typedef enum
{
  EDGE_HELD,
  EDGE_PLANNED,
  EDGE_CANCELLED,
} EdgeStyle;

/* Held if any of its engagements took place; planned if the rest are
 * still to come; cancelled if all fell through. */
static EdgeStyle
edge_style (const DetenteGraphEdge *edge)
{
  if (edge->statuses[DETENTE_ENGAGEMENT_STATUS_HELD] > 0)
    return EDGE_HELD;
  if (edge->statuses[DETENTE_ENGAGEMENT_STATUS_PLANNED] + edge->statuses[DETENTE_ENGAGEMENT_STATUS_POSSIBLE] > 0)
    return EDGE_PLANNED;
  return EDGE_CANCELLED;
}

static double
edge_width (const DetenteGraphEdge *edge)
{
  return MIN (0.9 + 1.1 * log2 (edge->weight), 6.0);
}

/* The legend lists the countries with the most actors, this many. */
#define LEGEND_COUNTRIES 5

/* The countries with the most actors, at most LEGEND_COUNTRIES of them,
 * into @out; returns how many. */
static guint
legend_countries (DetenteGraph  *graph,
                  LegendCountry *out)
{
  g_autoptr(GArray) countries = g_array_new (FALSE, TRUE, sizeof (LegendCountry));
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  for (guint i = 0; i < detente_graph_get_n_nodes (graph); i++)
    {
      DetenteActor *actor = detente_graph_get_node (graph, i)->actor;
      const char *country = detente_actor_get_country (actor);
      gpointer found;
      LegendCountry *entry;

      if (country == NULL || country[0] == '\0')
        continue;
      if ((found = g_hash_table_lookup (index, country)) == NULL)
        {
          LegendCountry fresh = { g_strdup (country), 0, NULL };

          g_array_append_val (countries, fresh);
          g_hash_table_insert (index, (gpointer) g_array_index (countries, LegendCountry, countries->len - 1).country,
                               GUINT_TO_POINTER (countries->len));
          found = GUINT_TO_POINTER (countries->len);
        }
      entry = &g_array_index (countries, LegendCountry, GPOINTER_TO_UINT (found) - 1);
      entry->count++;
      if (detente_actor_get_kind (actor) == DETENTE_ACTOR_KIND_COUNTRY && entry->name == NULL)
        entry->name = g_strdup (detente_actor_get_name (actor));
    }
  g_array_sort (countries, compare_legend);
  n = MIN (countries->len, LEGEND_COUNTRIES);
  for (guint i = 0; i < countries->len; i++)
    {
      LegendCountry *entry = &g_array_index (countries, LegendCountry, i);

      if (i < n)
        {
          out[i] = *entry;
          continue;
        }
      g_free (entry->country);
      g_free (entry->name);
    }
  return n;
}

/* What a graph's scenes have in common, whatever the positions: the
 * layout publishes new positions many times a second, and working these
 * out again each time would cost the main thread O(n log n). */
typedef struct
{
  double       *radius;
  float        *color;       /* r, g, b by country */
  float        *community;   /* r, g, b by community */
  guint8       *shape;
  guint        *label_order; /* most central first */
  float        *label_size;  /* width, height at LABEL_FONT_PX; < 0 unknown */
  /* Labels rendered for the pixel layer, at one device scale; under
   * the mutex, like the sizes. */
  DetenteLabelMask **label_mask;
  double        label_mask_scale;
  gsize         label_mask_bytes;
  GMutex        label_mutex;
  /* Each edge's width before the level of detail, and its EdgeStyle. */
  double       *edge_width;
  guint8       *edge_style;
  /* The countries the legend lists. */
  LegendCountry legend[LEGEND_COUNTRIES];
  guint         n_legend;
  guint         n;
} SceneStyle;

struct _DetenteGraphScene
{
  DetenteGraph *graph;
  SceneStyle   *style;
  double       *positions;
  /* The style's arrays, at hand. */
  double       *radius;
  float        *color;
  float        *community;
  guint8       *shape;
  guint        *label_order;
  float        *label_size;
  GMutex       *label_mutex;
  double        min_x, min_y, max_x, max_y;
  guint         n;
};

static void
scene_style_free (gpointer data)
{
  SceneStyle *style = data;

  g_free (style->radius);
  g_free (style->color);
  g_free (style->community);
  g_free (style->shape);
  g_free (style->label_order);
  g_free (style->label_size);
  for (guint i = 0; style->label_mask != NULL && i < style->n; i++)
    g_clear_pointer (&style->label_mask[i], detente_label_mask_unref);
  g_free (style->label_mask);
  g_mutex_clear (&style->label_mutex);
  g_free (style->edge_width);
  g_free (style->edge_style);
  for (guint i = 0; i < style->n_legend; i++)
    {
      g_free (style->legend[i].country);
      g_free (style->legend[i].name);
    }
}

static void
scene_take_style (DetenteGraphScene *self,
                  SceneStyle        *style)
{
  self->style = style;
  self->radius = style->radius;
  self->color = style->color;
  self->community = style->community;
  self->shape = style->shape;
  self->label_order = style->label_order;
  self->label_size = style->label_size;
  self->label_mutex = &style->label_mutex;
}

static void
scene_bounds (DetenteGraphScene *self)
{
  self->min_x = self->min_y = G_MAXDOUBLE;
  self->max_x = self->max_y = -G_MAXDOUBLE;
  for (guint i = 0; i < self->n; i++)
    {
      self->min_x = MIN (self->min_x, self->positions[2 * i] - self->radius[i]);
      self->max_x = MAX (self->max_x, self->positions[2 * i] + self->radius[i]);
      self->min_y = MIN (self->min_y, self->positions[2 * i + 1] - self->radius[i]);
      self->max_y = MAX (self->max_y, self->positions[2 * i + 1] + self->radius[i]);
    }
  if (self->n == 0)
    self->min_x = self->min_y = self->max_x = self->max_y = 0;
}

/* Okabe and Ito's palette, safe for every kind of colour blindness: the
 * US blue and China vermillion stay apart in all of them and in grey. */
static const double palette[][3] = {
  { 0.000, 0.447, 0.698 },  /* blue */
  { 0.835, 0.369, 0.000 },  /* vermillion */
  { 0.000, 0.620, 0.451 },  /* bluish green */
  { 0.800, 0.475, 0.655 },  /* reddish purple */
  { 0.902, 0.624, 0.000 },  /* orange */
  { 0.337, 0.706, 0.914 },  /* sky blue */
  { 0.941, 0.894, 0.259 },  /* yellow */
};

static const double no_country[3] = { 0.55, 0.55, 0.58 };

/**
 * detente_graph_country_color:
 * @country: (nullable): an ISO 3166 code
 * @theme: the theme it is drawn in
 * @rgb: (out caller-allocates) (array fixed-size=3): the colour
 *
 * The colour nodes of @country get: blue for the US, vermillion for
 * China, and the rest of a colour-blind-safe palette for others, the
 * same for a country every time.
 */
void
detente_graph_country_color (const char        *country,
                             DetenteGraphTheme  theme,
                             double            *rgb)
{
  const double *c;

  g_return_if_fail (rgb != NULL);

  if (country == NULL || country[0] == '\0')
    c = no_country;
  else if (g_ascii_strcasecmp (country, "US") == 0)
    c = palette[0];
  else if (g_ascii_strcasecmp (country, "CN") == 0)
    c = palette[1];
  else
    c = palette[2 + g_str_hash (country) % (G_N_ELEMENTS (palette) - 2)];
  memcpy (rgb, c, 3 * sizeof (double));
  if (theme == DETENTE_GRAPH_THEME_DARK)
    for (guint i = 0; i < 3; i++)
      rgb[i] = rgb[i] * 0.85 + 0.15;
}

typedef struct
{
  double background[3];
  double edge[3];
  double text[3];
  double halo[3];
  double outline[3];
  double accent[3];
  double edge_alpha;
} Colors;

static void
theme_colors (DetenteGraphTheme  theme,
              Colors            *c)
{
  static const Colors light = {
    { 1, 1, 1 }, { 0.36, 0.39, 0.44 }, { 0.12, 0.12, 0.13 }, { 1, 1, 1 },
    { 1, 1, 1 }, { 0.94, 0.55, 0.0 }, 0.55,
  };
  static const Colors dark = {
    { 0.14, 0.14, 0.15 }, { 0.72, 0.74, 0.78 }, { 0.94, 0.94, 0.95 }, { 0.14, 0.14, 0.15 },
    { 0.14, 0.14, 0.15 }, { 1.0, 0.72, 0.25 }, 0.45,
  };
  static const Colors print = {
    { 1, 1, 1 }, { 0.25, 0.25, 0.25 }, { 0, 0, 0 }, { 1, 1, 1 },
    { 0.1, 0.1, 0.1 }, { 0, 0, 0 }, 0.7,
  };

  *c = theme == DETENTE_GRAPH_THEME_DARK ? dark : theme == DETENTE_GRAPH_THEME_PRINT ? print : light;
}

/**
 * detente_graph_frame_init:
 * @frame: a frame to fill in
 *
 * A light frame at zoom 1 around the origin, nothing selected.
 */
void
detente_graph_frame_init (DetenteGraphFrame *frame)
{
  g_return_if_fail (frame != NULL);

  memset (frame, 0, sizeof *frame);
  frame->zoom = 1;
  frame->scale = 1;
  frame->selected = -1;
  frame->hovered = -1;
  frame->theme = DETENTE_GRAPH_THEME_LIGHT;
}

static int
compare_label_order (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  const double *weight = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (weight[x] != weight[y])
    return weight[x] > weight[y] ? -1 : 1;
  return (x > y) - (x < y);
}

/**
 * detente_graph_scene_new:
 * @graph: a #DetenteGraph
 * @positions: (array): x and y of each node, in layout units
 *
 * Returns: (transfer full): a scene of @graph at @positions
 */
DetenteGraphScene *
detente_graph_scene_new (DetenteGraph *graph,
                         const double *positions)
{
  DetenteGraphScene *self;
  SceneStyle *style;
  g_autofree double *weight = NULL;
  double top_strength = 0, top_between = 0;

  g_return_val_if_fail (graph != NULL, NULL);

  self = g_atomic_rc_box_new0 (DetenteGraphScene);
  self->graph = detente_graph_ref (graph);
  self->n = detente_graph_get_n_nodes (graph);
  self->positions = g_new0 (double, 2 * (gsize) self->n + 1);
  if (positions != NULL)
    memcpy (self->positions, positions, 2 * self->n * sizeof (double));
  style = g_atomic_rc_box_new0 (SceneStyle);
  style->radius = g_new (double, self->n + 1);
  style->color = g_new (float, 3 * (gsize) self->n + 1);
  style->community = g_new (float, 3 * (gsize) self->n + 1);
  style->shape = g_new (guint8, self->n + 1);
  style->label_order = g_new (guint, self->n + 1);
  style->label_size = g_new (float, 2 * (gsize) self->n + 1);
  style->label_mask = g_new0 (DetenteLabelMask *, self->n + 1);
  style->n = self->n;
  g_mutex_init (&style->label_mutex);
  style->edge_width = g_new (double, detente_graph_get_n_edges (graph) + 1);
  style->edge_style = g_new (guint8, detente_graph_get_n_edges (graph) + 1);
  for (guint e = 0; e < detente_graph_get_n_edges (graph); e++)
    {
      const DetenteGraphEdge *edge = detente_graph_get_edge (graph, e);

      style->edge_width[e] = edge_width (edge);
      style->edge_style[e] = (guint8) edge_style (edge);
    }
  style->n_legend = legend_countries (graph, style->legend);
  scene_take_style (self, style);
  weight = g_new (double, self->n + 1);

  for (guint i = 0; i < self->n; i++)
    {
      const DetenteGraphNode *node = detente_graph_get_node (graph, i);

      top_strength = MAX (top_strength, node->strength + node->n_engagements);
      top_between = MAX (top_between, node->betweenness);
    }

  for (guint i = 0; i < self->n; i++)
    {
      const DetenteGraphNode *node = detente_graph_get_node (graph, i);
      double strength = top_strength > 0 ? (node->strength + node->n_engagements) / top_strength : 0;
      double centrality = top_between > 0 ? MAX (strength, node->betweenness) : strength;
      double rgb[3];

      /* Area, not radius, follows centrality. */
      self->radius[i] = RADIUS_MIN + (RADIUS_MAX - RADIUS_MIN) * sqrt (centrality);
      weight[i] = centrality;
      self->label_order[i] = i;
      self->label_size[2 * i] = -1;
      switch (detente_actor_get_kind (node->actor))
        {
        case DETENTE_ACTOR_KIND_COUNTRY:
          self->shape[i] = DETENTE_GRAPH_SHAPE_SQUARE;
          break;
        case DETENTE_ACTOR_KIND_ORGANISATION:
          self->shape[i] = DETENTE_GRAPH_SHAPE_DIAMOND;
          break;
        case DETENTE_ACTOR_KIND_PERSON:
        default:
          self->shape[i] = DETENTE_GRAPH_SHAPE_CIRCLE;
          break;
        }
      detente_graph_country_color (detente_actor_get_country (node->actor), DETENTE_GRAPH_THEME_LIGHT, rgb);
      for (guint k = 0; k < 3; k++)
        self->color[3 * i + k] = rgb[k];
      if (node->community >= 0)
        memcpy (rgb, palette[node->community % G_N_ELEMENTS (palette)], sizeof rgb);
      for (guint k = 0; k < 3; k++)
        self->community[3 * i + k] = rgb[k];
    }
  scene_bounds (self);
  g_qsort_with_data (self->label_order, self->n, sizeof (guint), compare_label_order, weight);
  return self;
}

/**
 * detente_graph_scene_new_moved:
 * @scene: a #DetenteGraphScene
 * @positions: (array): new x and y of each of its nodes
 *
 * The same graph at other positions, sharing what does not depend on
 * them (sizes, colours, the order and sizes of labels): cheap enough to
 * make for every step of a layout.
 *
 * Returns: (transfer full): the moved scene
 */
DetenteGraphScene *
detente_graph_scene_new_moved (DetenteGraphScene *scene,
                               const double      *positions)
{
  DetenteGraphScene *self;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (positions != NULL || scene->n == 0, NULL);

  self = g_atomic_rc_box_new0 (DetenteGraphScene);
  self->graph = detente_graph_ref (scene->graph);
  self->n = scene->n;
  scene_take_style (self, g_atomic_rc_box_acquire (scene->style));
  self->positions = g_new0 (double, 2 * (gsize) self->n + 1);
  if (self->n > 0)
    memcpy (self->positions, positions, 2 * self->n * sizeof (double));
  scene_bounds (self);
  return self;
}

static void
scene_free (gpointer data)
{
  DetenteGraphScene *self = data;

  detente_graph_unref (self->graph);
  g_free (self->positions);
  g_atomic_rc_box_release_full (self->style, scene_style_free);
}

/**
 * detente_graph_scene_ref:
 * @self: a #DetenteGraphScene
 *
 * Returns: (transfer full): @self
 */
DetenteGraphScene *
detente_graph_scene_ref (DetenteGraphScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

/**
 * detente_graph_scene_unref:
 * @self: (transfer full): a #DetenteGraphScene
 */
void
detente_graph_scene_unref (DetenteGraphScene *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, scene_free);
}

/**
 * detente_graph_scene_get_graph:
 * @self: a #DetenteGraphScene
 *
 * Returns: (transfer none): its graph
 */
DetenteGraph *
detente_graph_scene_get_graph (DetenteGraphScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->graph;
}

/**
 * detente_graph_scene_get_positions:
 * @self: a #DetenteGraphScene
 *
 * Returns: (transfer none): x and y of each node
 */
const double *
detente_graph_scene_get_positions (DetenteGraphScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->positions;
}

/**
 * detente_graph_scene_get_radius:
 * @self: a #DetenteGraphScene
 * @node: a node
 *
 * Returns: the node's radius in layout units, which grows with its
 *   centrality
 */
double
detente_graph_scene_get_radius (DetenteGraphScene *self,
                                guint              node)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (node < self->n, 0);

  return self->radius[node];
}

/**
 * detente_graph_scene_get_shape:
 * @self: a #DetenteGraphScene
 * @node: a node
 *
 * Returns: the node's shape, from its actor's kind
 */
DetenteGraphShape
detente_graph_scene_get_shape (DetenteGraphScene *self,
                               guint              node)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (node < self->n, 0);

  return self->shape[node];
}

/**
 * detente_graph_scene_get_bounds:
 * @self: a #DetenteGraphScene
 * @min_x: (out): left
 * @min_y: (out): top
 * @max_x: (out): right
 * @max_y: (out): bottom
 *
 * The box around every node, in layout units.
 */
void
detente_graph_scene_get_bounds (DetenteGraphScene *self,
                                double            *min_x,
                                double            *min_y,
                                double            *max_x,
                                double            *max_y)
{
  g_return_if_fail (self != NULL);

  *min_x = self->min_x;
  *min_y = self->min_y;
  *max_x = self->max_x;
  *max_y = self->max_y;
}

/**
 * detente_graph_frame_fit:
 * @frame: a frame
 * @scene: a scene
 * @width: the picture's width, in device-independent pixels
 * @height: its height
 *
 * Sets the zoom and centre so the whole graph fits, with a margin.
 */
void
detente_graph_frame_fit (DetenteGraphFrame *frame,
                         DetenteGraphScene *scene,
                         double             width,
                         double             height)
{
  double w, h, margin = 24;

  g_return_if_fail (frame != NULL);
  g_return_if_fail (scene != NULL);

  w = scene->max_x - scene->min_x;
  h = scene->max_y - scene->min_y;
  frame->center_x = (scene->min_x + scene->max_x) / 2;
  frame->center_y = (scene->min_y + scene->max_y) / 2;
  if (w <= 0 || h <= 0)
    {
      frame->zoom = 1;
      return;
    }
  /* Room at the right for the labels of the outermost nodes. */
  frame->zoom = MIN (MAX (width - 2 * margin - 60, 1) / w, MAX (height - 2 * margin, 1) / h);
  frame->zoom = CLAMP (frame->zoom, 1e-4, 1e4);
}

static inline double
to_x (const DetenteGraphFrame *frame,
      double                   width,
      double                   x)
{
  return (x - frame->center_x) * frame->zoom + width / 2;
}

static inline double
to_y (const DetenteGraphFrame *frame,
      double                   height,
      double                   y)
{
  return (y - frame->center_y) * frame->zoom + height / 2;
}

/* Nodes grow with the zoom up to NODE_ZOOM_CAP, and no further: zooming
 * in past it spreads them apart instead, which is what one zooms in for. */
static double
node_px (DetenteGraphScene       *scene,
         const DetenteGraphFrame *frame,
         guint                    node)
{
  return MAX (scene->radius[node] * MIN (frame->zoom, NODE_ZOOM_CAP), MIN_NODE_PX);
}

/**
 * detente_graph_scene_node_at:
 * @self: a #DetenteGraphScene
 * @frame: the frame it is shown in
 * @width: the picture's width
 * @height: its height
 * @x: a point in the picture
 * @y: a point in the picture
 *
 * Returns: the node drawn at (@x, @y), the one on top where several
 *   are, or -1
 */
int
detente_graph_scene_node_at (DetenteGraphScene       *self,
                             const DetenteGraphFrame *frame,
                             double                   width,
                             double                   height,
                             double                   x,
                             double                   y)
{
  int best = -1;
  double slack = 3;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (frame != NULL, -1);

  /* Later nodes are drawn over earlier ones. */
  for (guint i = 0; i < self->n; i++)
    {
      double dx = to_x (frame, width, self->positions[2 * i]) - x;
      double dy = to_y (frame, height, self->positions[2 * i + 1]) - y;
      double r = node_px (self, frame, i) + slack;

      if (dx * dx + dy * dy <= r * r)
        best = i;
    }
  return best;
}

/* Selection: the selected node, its neighbours and the edges between
 * them stay bright; a highlighted path does the same for its nodes and
 * the edges along it. */
typedef struct
{
  guint8 *node_lit;   /* NULL: everything is lit */
  GHashTable *path_edges;
} Highlight;

static void
highlight_init (Highlight               *h,
                DetenteGraphScene       *scene,
                const DetenteGraphFrame *frame)
{
  guint n_edges = detente_graph_get_n_edges (scene->graph);

  h->node_lit = NULL;
  h->path_edges = NULL;
  if (frame->selected >= 0 && (guint) frame->selected < scene->n)
    {
      h->node_lit = g_new0 (guint8, scene->n);
      h->node_lit[frame->selected] = 2;
      for (guint e = 0; e < n_edges; e++)
        {
          const DetenteGraphEdge *edge = detente_graph_get_edge (scene->graph, e);

          if (edge->source == (guint) frame->selected)
            h->node_lit[edge->target] = MAX (h->node_lit[edge->target], 1);
          else if (edge->target == (guint) frame->selected)
            h->node_lit[edge->source] = MAX (h->node_lit[edge->source], 1);
        }
    }
  if (frame->path != NULL && frame->n_path > 0)
    {
      if (h->node_lit == NULL)
        h->node_lit = g_new0 (guint8, scene->n);
      h->path_edges = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint i = 0; i < frame->n_path; i++)
        if (frame->path[i] < scene->n)
          {
            h->node_lit[frame->path[i]] = 2;
            if (i > 0)
              {
                int e = detente_graph_lookup_edge (scene->graph, frame->path[i - 1], frame->path[i]);

                if (e >= 0)
                  g_hash_table_add (h->path_edges, GINT_TO_POINTER (e + 1));
              }
          }
    }
}

static void
highlight_clear (Highlight *h)
{
  g_clear_pointer (&h->node_lit, g_free);
  g_clear_pointer (&h->path_edges, g_hash_table_unref);
}

static gboolean
edge_lit (const Highlight         *h,
          const DetenteGraphFrame *frame,
          const DetenteGraphEdge  *edge,
          guint                    e)
{
  if (h->node_lit == NULL)
    return TRUE;
  if (h->path_edges != NULL && g_hash_table_contains (h->path_edges, GINT_TO_POINTER (e + 1)))
    return TRUE;
  return frame->selected >= 0 &&
         (edge->source == (guint) frame->selected || edge->target == (guint) frame->selected);
}

/* Whether the segment's box meets the picture's. */
static inline gboolean
segment_visible (double x0,
                 double y0,
                 double x1,
                 double y1,
                 double width,
                 double height,
                 double pad)
{
  return MAX (x0, x1) >= -pad && MIN (x0, x1) <= width + pad &&
         MAX (y0, y1) >= -pad && MIN (y0, y1) <= height + pad;
}

/* An edge's ends on the picture; FALSE when it is off the picture. */
static inline gboolean
edge_on_screen (DetenteGraphScene       *scene,
                const DetenteGraphFrame *frame,
                const DetenteGraphEdge  *edge,
                double                   width,
                double                   height,
                double                  *ends)
{
  const double *p = scene->positions;

  ends[0] = to_x (frame, width, p[2 * edge->source]);
  ends[1] = to_y (frame, height, p[2 * edge->source + 1]);
  ends[2] = to_x (frame, width, p[2 * edge->target]);
  ends[3] = to_y (frame, height, p[2 * edge->target + 1]);
  return segment_visible (ends[0], ends[1], ends[2], ends[3], width, height, 8);
}

/* How a frame draws its edges, worked out once. */
typedef struct
{
  guint  n_visible;
  double thin;
  double fade;
} EdgeLod;

/* How edges are drawn where many are in view: where thousands cross,
 * thin faint lines show density without turning the picture into one
 * blot. Returns how many are in view. */
static guint
edge_density (DetenteGraphScene       *scene,
              const DetenteGraphFrame *frame,
              double                   width,
              double                   height,
              double                  *thin,
              double                  *fade)
{
  guint n_edges = detente_graph_get_n_edges (scene->graph), n_visible = 0;
  double ends[4];

  for (guint e = 0; e < n_edges; e++)
    if (edge_on_screen (scene, frame, detente_graph_get_edge (scene->graph, e), width, height, ends))
      n_visible++;
  *thin = 1;
  *fade = 1;
  if (n_visible > MANY_EDGES)
    {
      *thin = 0.6;
      *fade = MAX (0.2, sqrt ((double) MANY_EDGES / n_visible));
    }
  return n_visible;
}

/* Edge @e's opacity: faded when cancelled, dimmed off the selection,
 * brighter on it. */
static double
edge_alpha (DetenteGraphScene       *scene,
            const Colors            *colors,
            const Highlight         *h,
            const DetenteGraphFrame *frame,
            const DetenteGraphEdge  *edge,
            guint                    e,
            double                   fade)
{
  double alpha = colors->edge_alpha * fade;

  if (scene->style->edge_style[e] == EDGE_CANCELLED)
    alpha *= 0.35;
  if (!edge_lit (h, frame, edge, e))
    alpha *= 0.15;
  else if (h->node_lit != NULL)
    alpha = MIN (1, alpha * 1.6);
  return alpha;
}

static void
draw_edges (DetenteGraphScene       *scene,
            const DetenteGraphFrame *frame,
            const Colors            *colors,
            const Highlight         *h,
            const EdgeLod           *lod,
            cairo_t                 *cr,
            double                   width,
            double                   height,
            DetenteGraphDrawn       *drawn)
{
  guint n_edges = detente_graph_get_n_edges (scene->graph);
  const double *widths = scene->style->edge_width;
  const guint8 *styles = scene->style->edge_style;
  double thin = lod->thin, fade = lod->fade, ends[4];
  static const double dash[] = { 5, 4 };

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint e = 0; e < n_edges; e++)
    {
      const DetenteGraphEdge *edge = detente_graph_get_edge (scene->graph, e);

      if (!edge_on_screen (scene, frame, edge, width, height, ends))
        continue;
      cairo_set_source_rgba (cr, colors->edge[0], colors->edge[1], colors->edge[2],
                             edge_alpha (scene, colors, h, frame, edge, e, fade));
      cairo_set_line_width (cr, MAX (widths[e] * thin, 0.5));
      cairo_set_dash (cr, dash, styles[e] == EDGE_HELD ? 0 : 2, 0);
      cairo_move_to (cr, ends[0], ends[1]);
      cairo_line_to (cr, ends[2], ends[3]);
      cairo_stroke (cr);
      drawn->n_edges++;
    }
  cairo_restore (cr);
}

/* A count on an edge, placed. */
typedef struct
{
  guint  edge;
  double x;    /* centre */
  double y;
  double r;
  int    text_width;
  int    text_height;
} Badge;

/* Where a small count goes on edges where a pair met several times, when
 * there is room for it: placed before the labels, which keep off them. */
static void
place_badges (DetenteGraphScene       *scene,
              const DetenteGraphFrame *frame,
              PangoLayout             *layout,
              double                   width,
              double                   height,
              guint                    n_drawn,
              GArray                  *badges)
{
  guint n_edges = detente_graph_get_n_edges (scene->graph);

  if (n_drawn > BADGE_MAX_EDGES)
    return;
  for (guint e = 0; e < n_edges; e++)
    {
      const DetenteGraphEdge *edge = detente_graph_get_edge (scene->graph, e);
      const double *p = scene->positions;
      double x0 = to_x (frame, width, p[2 * edge->source]), y0 = to_y (frame, height, p[2 * edge->source + 1]);
      double x1 = to_x (frame, width, p[2 * edge->target]), y1 = to_y (frame, height, p[2 * edge->target + 1]);
      double mx = (x0 + x1) / 2, my = (y0 + y1) / 2, r;
      char text[16];
      int tw, th;

      if (edge->weight < 2 || hypot (x1 - x0, y1 - y0) < BADGE_MIN_LENGTH ||
          mx < 0 || my < 0 || mx > width || my > height)
        continue;
      g_snprintf (text, sizeof text, "%u", edge->weight);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      r = MAX (tw, th) / 2.0 + 2;
      /* Not where it would hide an end of its edge. */
      if (hypot (mx - x0, my - y0) < node_px (scene, frame, edge->source) + r ||
          hypot (mx - x1, my - y1) < node_px (scene, frame, edge->target) + r)
        continue;
      {
        Badge badge = { e, mx, my, r, tw, th };

        g_array_append_val (badges, badge);
      }
    }
}

static void
draw_badges (DetenteGraphScene       *scene,
             const DetenteGraphFrame *frame,
             const Colors            *colors,
             const Highlight         *h,
             cairo_t                 *cr,
             PangoLayout             *layout,
             GArray                  *badges)
{
  for (guint b = 0; b < badges->len; b++)
    {
      const Badge *badge = &g_array_index (badges, Badge, b);
      const DetenteGraphEdge *edge = detente_graph_get_edge (scene->graph, badge->edge);
      gboolean lit = edge_lit (h, frame, edge, badge->edge);
      char text[16];

      g_snprintf (text, sizeof text, "%u", edge->weight);
      pango_layout_set_text (layout, text, -1);
      cairo_set_source_rgba (cr, colors->background[0], colors->background[1], colors->background[2],
                             lit ? 1 : 0.3);
      /* Showing text leaves a current point; start afresh. */
      cairo_new_path (cr);
      cairo_arc (cr, badge->x, badge->y, badge->r, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, colors->edge[0], colors->edge[1], colors->edge[2], lit ? 0.9 : 0.25);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_move_to (cr, badge->x - badge->text_width / 2.0, badge->y - badge->text_height / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

/* Blends a colour over a premultiplied ARGB32 pixel, with @coverage. */
static inline void
blend (guint32 *pixel,
       double   r,
       double   g,
       double   b,
       double   alpha)
{
  guint32 d = *pixel;
  double keep = 1 - alpha;
  guint32 da = d >> 24, dr = (d >> 16) & 0xff, dg = (d >> 8) & 0xff, db = d & 0xff;

  da = (guint32) (alpha * 255 + da * keep + 0.5);
  dr = (guint32) (r * alpha * 255 + dr * keep + 0.5);
  dg = (guint32) (g * alpha * 255 + dg * keep + 0.5);
  db = (guint32) (b * alpha * 255 + db * keep + 0.5);
  *pixel = MIN (da, 255) << 24 | MIN (dr, 255) << 16 | MIN (dg, 255) << 8 | MIN (db, 255);
}

/* The signed distance from a shape's edge, negative inside, in pixels;
 * a square and a diamond have about the area of the circle of @r. */
static inline double
shape_distance (DetenteGraphShape shape,
                double            dx,
                double            dy,
                double            r)
{
  switch (shape)
    {
    case DETENTE_GRAPH_SHAPE_SQUARE:
      return MAX (fabs (dx), fabs (dy)) - r * 0.886;
    case DETENTE_GRAPH_SHAPE_DIAMOND:
      return (fabs (dx) + fabs (dy) - r * 1.253) * G_SQRT2 / 2;
    case DETENTE_GRAPH_SHAPE_CIRCLE:
    default:
      return sqrt (dx * dx + dy * dy) - r;
    }
}

/* Room left by row_spans(): far more than rounding can take away. */
#define SPAN_SLACK 1e-3

/* Half-widths, across the row @dy from the centre, beyond which nothing
 * of the node shows (*out, negative when nothing in the row does) and
 * within which it is all fill (*in, negative when no pixel is), as
 * shape_distance() has it: only the pixels between need that. */
static inline void
row_spans (DetenteGraphShape  shape,
           double             dy,
           double             r,
           double             ring,
           double            *out,
           double            *in)
{
  /* raster_node() skips a pixel when d >= reach, and a pixel with
   * d <= -1/2 is wholly fill. */
  double reach = ring + 0.5, ady = fabs (dy);

  switch (shape)
    {
    case DETENTE_GRAPH_SHAPE_SQUARE:
      *out = ady < r * 0.886 + reach + SPAN_SLACK ? r * 0.886 + reach : -1;
      *in = ady < r * 0.886 - 0.5 - SPAN_SLACK ? r * 0.886 - 0.5 : -1;
      break;
    case DETENTE_GRAPH_SHAPE_DIAMOND:
      *out = r * 1.253 + reach * G_SQRT2 - ady;
      *in = r * 1.253 - G_SQRT2 / 2 - ady;
      break;
    case DETENTE_GRAPH_SHAPE_CIRCLE:
    default:
      {
        double o = (r + reach) * (r + reach) - dy * dy;
        double i = r > 0.5 ? (r - 0.5) * (r - 0.5) - dy * dy : -1;

        /* One square root a row rather than one a pixel. */
        *out = o > 0 ? sqrt (o) : -1;
        *in = i > 0 ? sqrt (i) : -1;
      }
      break;
    }
  if (*out >= 0)
    *out += SPAN_SLACK;
  *in -= SPAN_SLACK;
}

/* One pixel of a node: a ring of @outline, then the fill, each
 * antialiased by its distance from the edge. */
static inline void
raster_pixel (guint32           *pixel,
              double             dx,
              double             dy,
              double             r,
              DetenteGraphShape  shape,
              const double      *fill,
              const double      *outline,
              double             ring,
              double             alpha)
{
  double d = shape_distance (shape, dx, dy, r);
  double outer = CLAMP (0.5 - (d - ring), 0, 1), inner = CLAMP (0.5 - d, 0, 1);

  if (outer <= 0)
    return;
  if (ring > 0 && outer > inner)
    blend (pixel, outline[0], outline[1], outline[2], (outer - inner) * alpha);
  if (inner > 0)
    blend (pixel, fill[0], fill[1], fill[2], inner * alpha);
}

/* A node straight into the pixels of columns [@col_first, @col_last) and
 * rows [@row_first, @row_last). Each row goes in three runs: the pixels
 * near the edge, which measure their distance from it, and between them
 * those wholly inside, which take the fill as raster_pixel() would give
 * it, without measuring. */
static void
raster_node (guint32           *pixels,
             int                stride,
             int                col_first,
             int                col_last,
             int                row_first,
             int                row_last,
             double             cx,
             double             cy,
             double             r,
             DetenteGraphShape  shape,
             const double      *fill,
             const double      *outline,
             double             ring,
             double             alpha)
{
  double reach = r * 1.3 + ring + 1;
  int x0 = MAX (col_first, (int) floor (cx - reach)), x1 = MIN (col_last - 1, (int) ceil (cx + reach));
  int y0 = MAX (row_first, (int) floor (cy - reach)), y1 = MIN (row_last - 1, (int) ceil (cy + reach));
  guint32 solid = 0;

  /* Over anything, an opaque fill leaves the same pixel. */
  if (alpha >= 1)
    blend (&solid, fill[0], fill[1], fill[2], alpha);

  for (int y = y0; y <= y1; y++)
    {
      guint32 *row = pixels + (gsize) y * stride;
      double dy = y + 0.5 - cy, out, in;
      int xs, xe, xi0, xi1;

      row_spans (shape, dy, r, ring, &out, &in);
      if (out < 0)
        continue;
      xs = MAX (x0, (int) floor (cx - 0.5 - out));
      xe = MIN (x1, (int) ceil (cx - 0.5 + out));
      xi0 = xe + 1;
      xi1 = xe;
      if (in > 0)
        {
          xi0 = MAX (xs, (int) ceil (cx - 0.5 - in));
          xi1 = MIN (xe, (int) floor (cx - 0.5 + in));
          if (xi0 > xi1)
            {
              xi0 = xe + 1;
              xi1 = xe;
            }
        }

      for (int x = xs; x < xi0; x++)
        raster_pixel (&row[x], x + 0.5 - cx, dy, r, shape, fill, outline, ring, alpha);
      if (alpha >= 1)
        for (int x = xi0; x <= xi1; x++)
          row[x] = solid;
      else
        for (int x = xi0; x <= xi1; x++)
          blend (&row[x], fill[0], fill[1], fill[2], alpha);
      for (int x = MAX (xi1 + 1, xs); x <= xe; x++)
        raster_pixel (&row[x], x + 0.5 - cx, dy, r, shape, fill, outline, ring, alpha);
    }
}

static void
shape_path (cairo_t           *cr,
            DetenteGraphShape  shape,
            double             x,
            double             y,
            double             r)
{
  switch (shape)
    {
    case DETENTE_GRAPH_SHAPE_SQUARE:
      cairo_rectangle (cr, x - r * 0.886, y - r * 0.886, r * 1.772, r * 1.772);
      break;
    case DETENTE_GRAPH_SHAPE_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.253);
      cairo_line_to (cr, x + r * 1.253, y);
      cairo_line_to (cr, x, y + r * 1.253);
      cairo_line_to (cr, x - r * 1.253, y);
      cairo_close_path (cr);
      break;
    case DETENTE_GRAPH_SHAPE_CIRCLE:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

static void
node_color (DetenteGraphScene       *scene,
            const DetenteGraphFrame *frame,
            guint                    node,
            double                  *rgb)
{
  const float *c = frame->by_community ? scene->community : scene->color;

  for (guint k = 0; k < 3; k++)
    {
      rgb[k] = c[3 * node + k];
      if (frame->theme == DETENTE_GRAPH_THEME_DARK)
        rgb[k] = rgb[k] * 0.85 + 0.15;
    }
}

static double
node_alpha (const Highlight *h,
            guint            node)
{
  return h->node_lit == NULL || h->node_lit[node] ? 1.0 : 0.2;
}

static void
draw_nodes_vector (DetenteGraphScene       *scene,
                   const DetenteGraphFrame *frame,
                   const Colors            *colors,
                   const Highlight         *h,
                   cairo_t                 *cr,
                   double                   width,
                   double                   height,
                   DetenteGraphDrawn       *drawn)
{
  for (guint i = 0; i < scene->n; i++)
    {
      double x = to_x (frame, width, scene->positions[2 * i]);
      double y = to_y (frame, height, scene->positions[2 * i + 1]);
      double r = node_px (scene, frame, i), rgb[3], alpha = node_alpha (h, i);

      if (x < -2 * r || y < -2 * r || x > width + 2 * r || y > height + 2 * r)
        continue;
      node_color (scene, frame, i, rgb);
      cairo_new_path (cr);
      shape_path (cr, scene->shape[i], x, y, r);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
      cairo_fill_preserve (cr);
      if (r >= 3)
        {
          cairo_set_source_rgba (cr, colors->outline[0], colors->outline[1], colors->outline[2], alpha);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      else
        cairo_new_path (cr);
      drawn->n_nodes++;
    }
}

/* A node as the pixel layer draws it, in device pixels. */
typedef struct
{
  float  x;
  float  y;
  float  r;
  float  ring;
  float  alpha;
  float  fill[3];
  guint8 shape;
} PixelNode;

/* Tiles of 256 × 256 pixels, 256 KiB, and as much again for the sums of
 * one-colour edges: the one being drawn stays in the L2 cache of its
 * core while all its edges and nodes go over it. Against 128 × 128, the
 * edges that cross several tiles pay their setup in fewer of them:
 * 10k/40k frames took 16% less time and 50k/200k 12% less, medians of 5
 * runs each, alternating. A full HD frame still has 40 tiles to share. */
#define TILE_SIZE 256

/* The pixel layer, tile by tile: the background, then every edge that
 * touches the tile, then every node, then the labels' halos and text,
 * each clipped to the tile and in the same order in every tile. Tiles do
 * not overlap, and threads take the next one from @next, so the picture
 * does not depend on how many threads there are nor on which draws
 * what. */
typedef struct
{
  DetenteEdgeRasterPlan *plan;
  guint8                *data;
  const PixelNode       *nodes;
  const gsize           *node_starts;
  const guint           *node_order;
  const DetenteLabelPixels *labels;
  const gsize           *label_starts;
  const guint           *label_order;
  const double          *outline;
  int                    stride;
  guint                  n_tiles;
  guint32                background;
  int                    next;
  guint                  opaque : 1;
} Tiles;

/* How far from its centre raster_node() may touch. */
static inline double
node_reach (const PixelNode *node)
{
  return node->r * 1.3 + node->ring + 1;
}

static gpointer
draw_tiles (gpointer data)
{
  Tiles *tiles = data;
  guint tile;

  while ((tile = (guint) g_atomic_int_add (&tiles->next, 1)) < tiles->n_tiles)
    {
      int x, y, w, h;

      detente_edge_raster_plan_get_tile (tiles->plan, tile, &x, &y, &w, &h);
      /* Painted here rather than by cairo beforehand, while the tile is
       * in the cache. */
      if (tiles->opaque)
        {
          guint32 *first = (guint32 *) (tiles->data + (gsize) y * tiles->stride) + x;
          guint32 background = tiles->background;

          /* One row by hand, the others copied from it: libc's copies
           * are wider than this loop. */
          for (int i = 0; i < w; i++)
            first[i] = background;
          for (int j = y + 1; j < y + h; j++)
            memcpy (tiles->data + (gsize) j * tiles->stride + 4 * (gsize) x, first, 4 * (gsize) w);
        }
      detente_edge_raster_plan_draw_tile (tiles->plan, tiles->data, tiles->stride, tile);
      for (gsize e = tiles->node_starts[tile]; e < tiles->node_starts[tile + 1]; e++)
        {
          const PixelNode *node = &tiles->nodes[tiles->node_order[e]];
          double fill[3] = { node->fill[0], node->fill[1], node->fill[2] };

          raster_node ((guint32 *) tiles->data, tiles->stride / 4, x, x + w, y, y + h,
                       node->x, node->y, node->r, node->shape, fill, tiles->outline, node->ring,
                       node->alpha);
        }
      detente_label_raster_draw (tiles->data, tiles->stride, x, y, x + w, y + h, tiles->labels,
                                 tiles->label_order + tiles->label_starts[tile],
                                 tiles->label_starts[tile + 1] - tiles->label_starts[tile]);
    }
  return NULL;
}

/* Sorts boxes into the tiles they meet, keeping their order in each:
 * @order gets, tile after tile, the boxes of the tile, and @starts where
 * each tile's begin (n_tiles + 1 of them). A box is x0, y0, x1, y1 in
 * pixels, its end excluded. */
static void
bin_boxes (const int  *boxes,
           guint       n_boxes,
           int         n_columns,
           int         n_rows,
           int         pw,
           int         ph,
           gsize     **starts,
           guint     **order)
{
  guint n_tiles = (guint) (n_columns * n_rows);

  *starts = g_new0 (gsize, n_tiles + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n_boxes; i++)
        {
          const int *b = boxes + 4 * i;
          int c_first, c_last, r_first, r_last;

          if (b[2] <= 0 || b[3] <= 0 || b[0] >= pw || b[1] >= ph || b[0] >= b[2] || b[1] >= b[3])
            continue;
          c_first = MAX (b[0], 0) / TILE_SIZE;
          c_last = (MIN (b[2], pw) - 1) / TILE_SIZE + 1;
          r_first = MAX (b[1], 0) / TILE_SIZE;
          r_last = (MIN (b[3], ph) - 1) / TILE_SIZE + 1;
          for (int row = r_first; row < r_last; row++)
            for (int column = c_first; column < c_last; column++)
              {
                guint tile = (guint) (row * n_columns + column);

                if (pass == 0)
                  (*starts)[tile + 1]++;
                else
                  (*order)[(*starts)[tile]++] = i;
              }
        }
      if (pass == 0)
        {
          for (guint t = 0; t < n_tiles; t++)
            (*starts)[t + 1] += (*starts)[t];
          *order = g_new (guint, MAX ((*starts)[n_tiles], 1));
        }
    }
  /* Each start has moved on to the next tile's: move them back. */
  memmove (*starts + 1, *starts, sizeof (gsize) * n_tiles);
  (*starts)[0] = 0;
}

/* A node's label rendered at @scale, from the scene's cache or made and
 * kept there; masks are made for the halo of undimmed labels, whose alpha
 * does not change with the theme. */
static DetenteLabelMask *
label_mask (DetenteGraphScene *scene,
            PangoLayout       *layout,
            guint              node,
            double             scale,
            guint              halo_alpha)
{
  SceneStyle *style = scene->style;
  DetenteLabelMask *mask = NULL;

  g_mutex_lock (&style->label_mutex);
  if (style->label_mask_scale == scale && style->label_mask[node] != NULL)
    mask = detente_label_mask_ref (style->label_mask[node]);
  g_mutex_unlock (&style->label_mutex);
  if (mask != NULL)
    return mask;

  pango_layout_set_text (layout, detente_actor_get_name (detente_graph_get_node (scene->graph, node)->actor), -1);
  mask = detente_label_mask_new (layout, scale, halo_alpha);

  g_mutex_lock (&style->label_mutex);
  /* Another scale, or too much kept: start again. */
  if (style->label_mask_scale != scale || style->label_mask_bytes > LABEL_MASK_BYTES)
    {
      for (guint i = 0; i < style->n; i++)
        g_clear_pointer (&style->label_mask[i], detente_label_mask_unref);
      style->label_mask_scale = scale;
      style->label_mask_bytes = 0;
    }
  if (style->label_mask[node] == NULL)
    {
      style->label_mask[node] = detente_label_mask_ref (mask);
      style->label_mask_bytes += detente_label_mask_get_size (mask);
    }
  g_mutex_unlock (&style->label_mutex);
  return mask;
}

static guint32
straight_argb (const double *rgb,
               double        alpha)
{
  return (guint32) (CLAMP (alpha, 0, 1) * 255 + 0.5) << 24 |
         (guint32) (CLAMP (rgb[0], 0, 1) * 255 + 0.5) << 16 |
         (guint32) (CLAMP (rgb[1], 0, 1) * 255 + 0.5) << 8 |
         (guint32) (CLAMP (rgb[2], 0, 1) * 255 + 0.5);
}

/* Edges, nodes and the labels placed in @drawn straight into @surface's
 * pixels, tile by tile on one thread per core: what makes big graphs
 * fast. Unless @background is NULL, the tiles are painted with it
 * first. */
static void
draw_pixels (DetenteGraphScene       *scene,
             const DetenteGraphFrame *frame,
             const Colors            *colors,
             const Highlight         *h,
             const EdgeLod           *lod,
             const double            *background,
             PangoLayout             *layout,
             cairo_surface_t         *surface,
             double                   width,
             double                   height,
             DetenteGraphDrawn       *drawn)
{
  DetenteRasterLine *lines;
  gsize n_lines = 0, lines_size;
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (PixelNode));
  g_autoptr(DetenteEdgeRasterPlan) plan = NULL;
  g_autofree gsize *node_starts = NULL;
  g_autofree guint *node_order = NULL;
  g_autofree gsize *label_starts = NULL;
  g_autofree guint *label_order = NULL;
  g_autofree DetenteLabelPixels *labels = NULL;
  g_autofree int *label_boxes = NULL;
  g_autofree int *node_boxes = NULL;
  g_autofree GThread **threads = NULL;
  guint n_edges = detente_graph_get_n_edges (scene->graph), n_threads;
  const double *p = scene->positions;
  const double *widths = scene->style->edge_width;
  const guint8 *styles = scene->style->edge_style;
  double s = frame->scale, thin = lod->thin, fade = lod->fade;
  Tiles tiles = { NULL, };
  int pw, ph, n_columns, n_rows;

  lines = detente_scratch_take (DETENTE_SCRATCH_RASTER_LINES, n_edges * sizeof (DetenteRasterLine),
                                &lines_size);
  for (guint e = 0; e < n_edges; e++)
    {
      const DetenteGraphEdge *edge = detente_graph_get_edge (scene->graph, e);
      double ends[4];
      DetenteRasterLine *line = &lines[n_lines];

      if (!edge_on_screen (scene, frame, edge, width, height, ends))
        continue;
      line->x0 = ends[0] * s;
      line->y0 = ends[1] * s;
      line->x1 = ends[2] * s;
      line->y1 = ends[3] * s;
      line->width = MAX (widths[e] * thin, 0.5) * s;
      line->color = straight_argb (colors->edge, edge_alpha (scene, colors, h, frame, edge, e, fade));
      /* The cairo path dashes 5 on, 4 off; one length is close enough. */
      line->dash = styles[e] == EDGE_HELD ? 0 : 4.5 * s;
      /* Edges thinner than a pixel are hairlines: two pixels a column
       * that share the same ink as a strip would spread over two or
       * three, for a few times less work. */
      line->hairline = widths[e] * thin < 1;
      n_lines++;
    }
  drawn->n_edges = n_lines;
  drawn->fast_edges = TRUE;

  for (guint i = 0; i < scene->n; i++)
    {
      double x = to_x (frame, width, p[2 * i]), y = to_y (frame, height, p[2 * i + 1]);
      double r = node_px (scene, frame, i), rgb[3];
      PixelNode node;

      if (x < -2 * r || y < -2 * r || x > width + 2 * r || y > height + 2 * r)
        continue;
      node_color (scene, frame, i, rgb);
      node.x = x * s;
      node.y = y * s;
      node.r = r * s;
      node.ring = r >= 3 ? s : 0;
      node.alpha = node_alpha (h, i);
      node.shape = scene->shape[i];
      for (guint k = 0; k < 3; k++)
        node.fill[k] = rgb[k];
      g_array_append_val (nodes, node);
    }
  drawn->n_nodes = nodes->len;

  cairo_surface_flush (surface);
  pw = cairo_image_surface_get_width (surface);
  ph = cairo_image_surface_get_height (surface);
  if (pw == 0 || ph == 0)
    {
      detente_scratch_give (DETENTE_SCRATCH_RASTER_LINES, lines, lines_size);
      return;
    }
  n_threads = frame->n_threads > 0 ? frame->n_threads : g_get_num_processors ();
  plan = detente_edge_raster_plan_new (pw, ph, TILE_SIZE, TILE_SIZE,
                                       lines, n_lines, n_threads);
  detente_scratch_give (DETENTE_SCRATCH_RASTER_LINES, lines, lines_size);

  /* The nodes and the labels go into the same tiles, by a counting sort
   * that keeps their order. */
  n_columns = (pw + TILE_SIZE - 1) / TILE_SIZE;
  n_rows = (ph + TILE_SIZE - 1) / TILE_SIZE;
  g_assert ((guint) (n_columns * n_rows) == detente_edge_raster_plan_get_n_tiles (plan));
  node_boxes = g_new (int, 4 * (gsize) nodes->len + 1);
  for (guint i = 0; i < nodes->len; i++)
    {
      const PixelNode *node = &g_array_index (nodes, PixelNode, i);
      double reach = node_reach (node);

      node_boxes[4 * i] = (int) CLAMP (floor (node->x - reach), -1, pw);
      node_boxes[4 * i + 1] = (int) CLAMP (floor (node->y - reach), -1, ph);
      node_boxes[4 * i + 2] = (int) CLAMP (ceil (node->x + reach) + 1, -1, pw + 1);
      node_boxes[4 * i + 3] = (int) CLAMP (ceil (node->y + reach) + 1, -1, ph + 1);
    }
  bin_boxes (node_boxes, nodes->len, n_columns, n_rows, pw, ph, &node_starts, &node_order);

  labels = g_new0 (DetenteLabelPixels, drawn->labels->len + 1);
  label_boxes = g_new (int, 4 * (gsize) drawn->labels->len + 1);
  for (guint k = 0; k < drawn->labels->len; k++)
    {
      const DetenteGraphLabel *label = &g_array_index (drawn->labels, DetenteGraphLabel, k);
      double alpha = node_alpha (h, label->node);
      DetenteLabelPixels *out = &labels[k];

      out->mask = label_mask (scene, layout, label->node, s, straight_argb (colors->halo, HALO_OPACITY) >> 24);
      out->x = (int) lround (label->x * s);
      out->y = (int) lround (label->y * s);
      out->text = straight_argb (colors->text, alpha);
      out->halo = straight_argb (colors->halo, HALO_OPACITY * alpha);
      detente_label_raster_box (out, &label_boxes[4 * k], &label_boxes[4 * k + 1],
                                &label_boxes[4 * k + 2], &label_boxes[4 * k + 3]);
    }
  bin_boxes (label_boxes, drawn->labels->len, n_columns, n_rows, pw, ph, &label_starts, &label_order);

  tiles.plan = plan;
  tiles.data = cairo_image_surface_get_data (surface);
  tiles.stride = cairo_image_surface_get_stride (surface);
  tiles.n_tiles = detente_edge_raster_plan_get_n_tiles (plan);
  tiles.nodes = (const PixelNode *) nodes->data;
  tiles.node_starts = node_starts;
  tiles.node_order = node_order;
  tiles.labels = labels;
  tiles.label_starts = label_starts;
  tiles.label_order = label_order;
  tiles.outline = colors->outline;
  tiles.opaque = background != NULL;
  if (background != NULL)
    tiles.background = straight_argb (background, 1);
  tiles.next = 0;

  n_threads = CLAMP (n_threads, 1, tiles.n_tiles);
  threads = g_new0 (GThread *, n_threads);
  for (guint k = 1; k < n_threads; k++)
    threads[k] = g_thread_new ("detente-render", draw_tiles, &tiles);
  /* The calling thread draws tiles too. */
  draw_tiles (&tiles);
  for (guint k = 1; k < n_threads; k++)
    g_thread_join (threads[k]);
  cairo_surface_mark_dirty (surface);
  for (guint k = 0; k < drawn->labels->len; k++)
    detente_label_mask_unref ((DetenteLabelMask *) labels[k].mask);
}

typedef struct
{
  GArray  *rects;   /* DetenteGraphLabel; node G_MAXUINT for obstacles */
  GArray **cells;
  int      columns;
  int      rows;
} LabelGrid;

static gboolean
label_fits (LabelGrid *grid,
            double     x,
            double     y,
            double     w,
            double     h)
{
  int c0 = MAX (0, (int) (x / GRID_CELL)), c1 = MIN (grid->columns - 1, (int) ((x + w) / GRID_CELL));
  int r0 = MAX (0, (int) (y / GRID_CELL)), r1 = MIN (grid->rows - 1, (int) ((y + h) / GRID_CELL));

  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray *cell = grid->cells[r * grid->columns + c];

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            const DetenteGraphLabel *o = &g_array_index (grid->rects, DetenteGraphLabel,
                                                         g_array_index (cell, guint, k));

            if (x < o->x + o->width && o->x < x + w && y < o->y + o->height && o->y < y + h)
              return FALSE;
          }
      }
  return TRUE;
}

static void
label_add (LabelGrid               *grid,
           const DetenteGraphLabel *label)
{
  guint index = grid->rects->len;
  int c0 = MAX (0, (int) (label->x / GRID_CELL));
  int c1 = MIN (grid->columns - 1, (int) ((label->x + label->width) / GRID_CELL));
  int r0 = MAX (0, (int) (label->y / GRID_CELL));
  int r1 = MIN (grid->rows - 1, (int) ((label->y + label->height) / GRID_CELL));

  g_array_append_val (grid->rects, *label);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray **cell = &grid->cells[r * grid->columns + c];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

/* The size of a node's label, measured once per scene. */
static void
label_size (DetenteGraphScene *scene,
            PangoLayout       *layout,
            guint              node,
            double            *w,
            double            *h)
{
  float fw, fh;

  g_mutex_lock (scene->label_mutex);
  fw = scene->label_size[2 * node];
  fh = scene->label_size[2 * node + 1];
  g_mutex_unlock (scene->label_mutex);
  if (fw < 0)
    {
      const DetenteGraphNode *n = detente_graph_get_node (scene->graph, node);
      PangoRectangle logical;

      pango_layout_set_text (layout, detente_actor_get_name (n->actor), -1);
      pango_layout_get_extents (layout, NULL, &logical);
      fw = logical.width / (float) PANGO_SCALE;
      fh = logical.height / (float) PANGO_SCALE;
      g_mutex_lock (scene->label_mutex);
      scene->label_size[2 * node] = fw;
      scene->label_size[2 * node + 1] = fh;
      g_mutex_unlock (scene->label_mutex);
    }
  *w = fw;
  *h = fh;
}

static gboolean
try_label (DetenteGraphScene       *scene,
           const DetenteGraphFrame *frame,
           LabelGrid               *grid,
           GArray                  *labels,
           PangoLayout             *layout,
           guint                    node,
           double                   width,
           double                   height)
{
  double x = to_x (frame, width, scene->positions[2 * node]);
  double y = to_y (frame, height, scene->positions[2 * node + 1]);
  double r = node_px (scene, frame, node), w, h;
  double spots[4][2];

  if (x < 0 || y < 0 || x > width || y > height)
    return FALSE;
  label_size (scene, layout, node, &w, &h);
  /* Right of the node first, as people read; then left, below, above. */
  spots[0][0] = x + r + LABEL_GAP;
  spots[0][1] = y - h / 2;
  spots[1][0] = x - r - LABEL_GAP - w;
  spots[1][1] = y - h / 2;
  spots[2][0] = x - w / 2;
  spots[2][1] = y + r + 1;
  spots[3][0] = x - w / 2;
  spots[3][1] = y - r - 1 - h;
  for (guint k = 0; k < G_N_ELEMENTS (spots); k++)
    {
      DetenteGraphLabel label = { node, spots[k][0], spots[k][1], w, h };

      if (label.x < 0 || label.y < 0 || label.x + w > width || label.y + h > height)
        continue;
      if (label_fits (grid, label.x, label.y, w, h))
        {
          label_add (grid, &label);
          g_array_append_val (labels, label);
          return TRUE;
        }
    }
  return FALSE;
}

/* Labels for SVG and PDF: pango text, so it stays selectable, with an
 * outline around the glyphs as the halo. */
static void
draw_label_text_vector (DetenteGraphScene *scene,
                        const Colors      *colors,
                        const Highlight   *h,
                        cairo_t           *cr,
                        PangoLayout       *layout,
                        GArray            *labels)
{
  for (guint k = 0; k < labels->len; k++)
    {
      const DetenteGraphLabel *label = &g_array_index (labels, DetenteGraphLabel, k);
      const DetenteGraphNode *node = detente_graph_get_node (scene->graph, label->node);
      double alpha = node_alpha (h, label->node);

      pango_layout_set_text (layout, detente_actor_get_name (node->actor), -1);
      cairo_move_to (cr, label->x, label->y);
      pango_cairo_layout_path (cr, layout);
      cairo_set_line_width (cr, 3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_source_rgba (cr, colors->halo[0], colors->halo[1], colors->halo[2], HALO_OPACITY * alpha);
      cairo_stroke (cr);
      cairo_move_to (cr, label->x, label->y);
      cairo_set_source_rgba (cr, colors->text[0], colors->text[1], colors->text[2], alpha);
      pango_cairo_show_layout (cr, layout);
    }
}

/* Glyphs of one font and one brightness, from many labels. */
typedef struct
{
  cairo_scaled_font_t *font;
  gboolean             dim;
  GArray              *glyphs;  /* cairo_glyph_t */
} GlyphBatch;

static void
glyph_batch_free (gpointer data)
{
  GlyphBatch *batch = data;

  cairo_scaled_font_destroy (batch->font);
  g_array_unref (batch->glyphs);
  g_free (batch);
}

static GArray *
batch_for (GPtrArray           *batches,
           cairo_scaled_font_t *font,
           gboolean             dim)
{
  GlyphBatch *batch;

  for (guint i = 0; i < batches->len; i++)
    {
      batch = g_ptr_array_index (batches, i);
      if (batch->font == font && batch->dim == dim)
        return batch->glyphs;
    }
  batch = g_new0 (GlyphBatch, 1);
  batch->font = cairo_scaled_font_reference (font);
  batch->dim = dim;
  batch->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  g_ptr_array_add (batches, batch);
  return batch->glyphs;
}

/* Labels on pixels: pango lays each out, but the glyphs are drawn all at
 * once per font, four times shifted a pixel for the halo and once for
 * the text. That is a handful of cairo calls for hundreds of labels,
 * where showing each layout five times cost more than all the edges. */
static void
draw_label_text_pixels (DetenteGraphScene *scene,
                        const Colors      *colors,
                        const Highlight   *h,
                        cairo_t           *cr,
                        PangoLayout       *layout,
                        GArray            *labels)
{
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func (glyph_batch_free);
  static const double shifts[][2] = { { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 } };

  for (guint k = 0; k < labels->len; k++)
    {
      const DetenteGraphLabel *label = &g_array_index (labels, DetenteGraphLabel, k);
      const DetenteGraphNode *node = detente_graph_get_node (scene->graph, label->node);
      gboolean dim = node_alpha (h, label->node) < 1;
      PangoLayoutIter *iter;

      pango_layout_set_text (layout, detente_actor_get_name (node->actor), -1);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoGlyphItem *run = pango_layout_iter_get_run_readonly (iter);
          PangoRectangle extents;
          cairo_scaled_font_t *font;
          GArray *glyphs;
          double baseline;
          int x;

          if (run == NULL)
            continue;
          font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
          if (font == NULL)
            continue;
          glyphs = batch_for (batches, font, dim);
          pango_layout_iter_get_run_extents (iter, NULL, &extents);
          baseline = label->y + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
          x = extents.x;
          for (int i = 0; i < run->glyphs->num_glyphs; i++)
            {
              const PangoGlyphInfo *info = &run->glyphs->glyphs[i];

              if (info->glyph != PANGO_GLYPH_EMPTY && !(info->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
                {
                  cairo_glyph_t glyph = {
                    info->glyph,
                    label->x + (x + info->geometry.x_offset) / (double) PANGO_SCALE,
                    baseline + info->geometry.y_offset / (double) PANGO_SCALE,
                  };

                  g_array_append_val (glyphs, glyph);
                }
              x += info->geometry.width;
            }
        }
      while (pango_layout_iter_next_run (iter));
      pango_layout_iter_free (iter);
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < batches->len; i++)
      {
        GlyphBatch *batch = g_ptr_array_index (batches, i);
        double alpha = batch->dim ? 0.2 : 1;
        const cairo_glyph_t *glyphs = (const cairo_glyph_t *) batch->glyphs->data;

        cairo_set_scaled_font (cr, batch->font);
        if (pass == 0)
          {
            cairo_set_source_rgba (cr, colors->halo[0], colors->halo[1], colors->halo[2], HALO_OPACITY * alpha);
            for (guint d = 0; d < G_N_ELEMENTS (shifts); d++)
              {
                cairo_save (cr);
                cairo_translate (cr, shifts[d][0], shifts[d][1]);
                cairo_show_glyphs (cr, glyphs, batch->glyphs->len);
                cairo_restore (cr);
              }
          }
        else
          {
            cairo_set_source_rgba (cr, colors->text[0], colors->text[1], colors->text[2], alpha);
            cairo_show_glyphs (cr, glyphs, batch->glyphs->len);
          }
      }
}

/* Places the labels in @drawn, before anything is drawn: the pixel
 * layer draws them with its tiles. */
static void
place_labels (DetenteGraphScene       *scene,
              const DetenteGraphFrame *frame,
              const Highlight         *h,
              PangoLayout             *layout,
              double                   width,
              double                   height,
              GArray                  *badges,
              DetenteGraphDrawn       *drawn)
{
  LabelGrid grid;
  guint n_cells;
  guint budget = LABEL_BUDGET;

  grid.columns = MAX (1, (int) ceil (width / GRID_CELL));
  grid.rows = MAX (1, (int) ceil (height / GRID_CELL));
  n_cells = grid.columns * grid.rows;
  grid.cells = g_new0 (GArray *, n_cells);
  grid.rects = g_array_new (FALSE, FALSE, sizeof (DetenteGraphLabel));

  /* Labels keep off nodes and badges too. */
  for (guint i = 0; i < scene->n; i++)
    {
      double x = to_x (frame, width, scene->positions[2 * i]);
      double y = to_y (frame, height, scene->positions[2 * i + 1]);
      double r = node_px (scene, frame, i);
      DetenteGraphLabel obstacle = { OBSTACLE, x - r, y - r, 2 * r, 2 * r };

      if (r >= 2.5 && x + r >= 0 && y + r >= 0 && x - r <= width && y - r <= height)
        label_add (&grid, &obstacle);
    }
  for (guint b = 0; badges != NULL && b < badges->len; b++)
    {
      const Badge *badge = &g_array_index (badges, Badge, b);
      DetenteGraphLabel rect = { OBSTACLE, badge->x - badge->r, badge->y - badge->r, 2 * badge->r, 2 * badge->r };

      label_add (&grid, &rect);
    }

  /* What the user points at is named first, then the most central. */
  if (frame->selected >= 0 && (guint) frame->selected < scene->n)
    try_label (scene, frame, &grid, drawn->labels, layout, frame->selected, width, height);
  if (frame->hovered >= 0 && (guint) frame->hovered < scene->n && frame->hovered != frame->selected)
    try_label (scene, frame, &grid, drawn->labels, layout, frame->hovered, width, height);
  for (guint i = 0; frame->path != NULL && i < frame->n_path; i++)
    if (frame->path[i] < scene->n)
      try_label (scene, frame, &grid, drawn->labels, layout, frame->path[i], width, height);
  if (h->node_lit != NULL)
    for (guint k = 0; k < scene->n; k++)
      {
        guint i = scene->label_order[k];

        if (h->node_lit[i] && (int) i != frame->selected && (int) i != frame->hovered)
          try_label (scene, frame, &grid, drawn->labels, layout, i, width, height);
      }
  for (guint k = 0; k < scene->n && drawn->labels->len < budget; k++)
    {
      guint i = scene->label_order[k];

      /* Nodes drawn as dots get a name only when they are few. */
      if (h->node_lit != NULL && h->node_lit[i])
        continue;
      if ((int) i == frame->selected || (int) i == frame->hovered)
        continue;
      if (node_px (scene, frame, i) < 2.5 && scene->n > 200)
        continue;
      try_label (scene, frame, &grid, drawn->labels, layout, i, width, height);
    }

  for (guint c = 0; c < n_cells; c++)
    if (grid.cells[c] != NULL)
      g_array_unref (grid.cells[c]);
  g_free (grid.cells);
  g_array_unref (grid.rects);
}

static void
draw_marks (DetenteGraphScene       *scene,
            const DetenteGraphFrame *frame,
            const Colors            *colors,
            cairo_t                 *cr,
            double                   width,
            double                   height)
{
  int marked[2] = { frame->selected, frame->hovered };

  for (guint k = 0; k < G_N_ELEMENTS (marked); k++)
    {
      int i = marked[k];
      double x, y, r;

      if (i < 0 || (guint) i >= scene->n || (k == 1 && i == frame->selected))
        continue;
      x = to_x (frame, width, scene->positions[2 * i]);
      y = to_y (frame, height, scene->positions[2 * i + 1]);
      r = node_px (scene, frame, i) + 3;
      cairo_new_path (cr);
      shape_path (cr, scene->shape[i], x, y, r);
      cairo_set_source_rgba (cr, colors->accent[0], colors->accent[1], colors->accent[2], k == 0 ? 1 : 0.6);
      cairo_set_line_width (cr, k == 0 ? 2.5 : 1.5);
      cairo_stroke (cr);
    }
}

static void
legend_row (cairo_t      *cr,
            PangoLayout  *layout,
            const Colors *colors,
            double        x,
            double       *y,
            const char   *text)
{
  int tw, th;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, x + 22, *y + (16 - th) / 2.0);
  cairo_set_source_rgb (cr, colors->text[0], colors->text[1], colors->text[2]);
  pango_cairo_show_layout (cr, layout);
  *y += 18;
}

/* What colours, shapes and lines mean, in the bottom left corner. */
static void
draw_legend (DetenteGraphScene       *scene,
             const DetenteGraphFrame *frame,
             const Colors            *colors,
             cairo_t                 *cr,
             PangoLayout             *layout,
             double                   height)
{
  static const double dash[] = { 5, 4 };
  double x = 12, y, rgb[3];
  guint n_rows, n_countries;

  n_countries = frame->by_community ? 0 : scene->style->n_legend;
  n_rows = n_countries + 3 + 3;
  y = height - 12 - n_rows * 18 - 8;

  cairo_save (cr);
  cairo_rectangle (cr, x - 6, y - 6, 150, n_rows * 18 + 10);
  cairo_set_source_rgba (cr, colors->background[0], colors->background[1], colors->background[2], 0.85);
  cairo_fill (cr);

  for (guint i = 0; i < n_countries; i++)
    {
      const LegendCountry *entry = &scene->style->legend[i];

      detente_graph_country_color (entry->country, frame->theme, rgb);
      cairo_new_path (cr);
      cairo_arc (cr, x + 8, y + 8, 5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_fill (cr);
      legend_row (cr, layout, colors, x, &y, entry->name != NULL ? entry->name : entry->country);
    }

  for (guint s = 0; s < 3; s++)
    {
      const char *names[] = {
        C_("actor kind", "Person"), C_("actor kind", "Country"), C_("actor kind", "Organisation"),
      };

      cairo_new_path (cr);
      shape_path (cr, s, x + 8, y + 8, 5);
      cairo_set_source_rgb (cr, no_country[0], no_country[1], no_country[2]);
      cairo_fill (cr);
      legend_row (cr, layout, colors, x, &y, names[s]);
    }

  for (guint s = 0; s < 3; s++)
    {
      const char *names[] = {
        C_("engagement status", "Held"), C_("engagement status", "Planned"),
        C_("engagement status", "Cancelled"),
      };

      cairo_new_path (cr);
      cairo_move_to (cr, x, y + 8);
      cairo_line_to (cr, x + 16, y + 8);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, dash, s == 0 ? 0 : 2, 0);
      cairo_set_source_rgba (cr, colors->edge[0], colors->edge[1], colors->edge[2], s == 2 ? 0.35 : 0.9);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      legend_row (cr, layout, colors, x, &y, names[s]);
    }
  cairo_restore (cr);
}

/* @cr's target when it is an ARGB32 image of exactly the picture's
 * pixels, drawn on without any transform, group or clip that leaves out
 * part of it; otherwise NULL. */
static cairo_surface_t *
whole_target (cairo_t *cr,
              double   width,
              double   height,
              double   scale)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_matrix_t m;
  double sx, sy, ox, oy, s = scale > 0 ? scale : 1;
  gboolean whole;

  if (cairo_get_group_target (cr) != target
      || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE
      || cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32
      || cairo_image_surface_get_data (target) == NULL
      || cairo_image_surface_get_width (target) != (int) ceil (width * s)
      || cairo_image_surface_get_height (target) != (int) ceil (height * s))
    return NULL;
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_get_matrix (cr, &m);
  if (sx != s || sy != s || ox != 0 || oy != 0
      || m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 || m.x0 != 0 || m.y0 != 0)
    return NULL;

  /* The render's own clip is the picture; any other must not be smaller. */
  clip = cairo_copy_clip_rectangle_list (cr);
  whole = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles == 1
          && clip->rectangles[0].x <= 0 && clip->rectangles[0].y <= 0
          && clip->rectangles[0].x + clip->rectangles[0].width >= width
          && clip->rectangles[0].y + clip->rectangles[0].height >= height;
  cairo_rectangle_list_destroy (clip);
  return whole ? target : NULL;
}

/**
 * detente_graph_render:
 * @scene: what to draw
 * @frame: how to draw it
 * @cr: where: its user space in device-independent pixels
 * @width: the picture's width
 * @height: its height
 * @drawn: (out caller-allocates) (optional): what was drawn; free with
 *   detente_graph_drawn_clear()
 *
 * Draws @scene as @frame says onto @cr, within 0, 0, @width, @height.
 * It may be called from any thread, with a cairo_t of that thread.
 */
void
detente_graph_render (DetenteGraphScene       *scene,
                      const DetenteGraphFrame *frame,
                      cairo_t                 *cr,
                      double                   width,
                      double                   height,
                      DetenteGraphDrawn       *drawn)
{
  DetenteGraphDrawn local = { NULL, };
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) badges = NULL;
  PangoFontDescription *font;
  Highlight h;
  Colors colors;
  EdgeLod lod;
  gboolean pixels;
  cairo_surface_t *direct;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (frame != NULL);
  g_return_if_fail (cr != NULL);

  if (drawn == NULL)
    drawn = &local;
  memset (drawn, 0, sizeof *drawn);
  drawn->labels = g_array_new (FALSE, FALSE, sizeof (DetenteGraphLabel));

  theme_colors (frame->theme, &colors);
  highlight_init (&h, scene, frame);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, LABEL_FONT_PX * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  pixels = !frame->vector &&
           (detente_graph_get_n_edges (scene->graph) > PIXEL_EDGES || scene->n > PIXEL_NODES);
  /* Everything is placed before anything is drawn, as the pixel layer
   * draws the labels with the edges and nodes of its tiles. */
  lod.n_visible = edge_density (scene, frame, width, height, &lod.thin, &lod.fade);
  badges = g_array_new (FALSE, FALSE, sizeof (Badge));
  place_badges (scene, frame, layout, width, height, lod.n_visible, badges);
  place_labels (scene, frame, &h, layout, width, height, badges, drawn);

  if (pixels && !frame->transparent && (direct = whole_target (cr, width, height, frame->scale)) != NULL)
    {
      /* The layer would cover all of the target and replace it: draw
       * straight into it, without a frame to clear and one to copy. */
      draw_pixels (scene, frame, &colors, &h, &lod, colors.background, layout, direct, width, height, drawn);
    }
  else if (pixels)
    {
      double s = frame->scale > 0 ? frame->scale : 1;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                             (int) ceil (width * s),
                                                             (int) ceil (height * s));

      /* An opaque layer holds the background too, and replaces what is
       * under it: one pass over the frame's pixels, not a paint and a
       * blend. */
      draw_pixels (scene, frame, &colors, &h, &lod, frame->transparent ? NULL : colors.background,
                   layout, surface, width, height, drawn);
      cairo_surface_set_device_scale (surface, s, s);
      cairo_save (cr);
      cairo_set_source_surface (cr, surface, 0, 0);
      if (!frame->transparent)
        cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (surface);
    }
  else
    {
      if (!frame->transparent)
        {
          cairo_set_source_rgb (cr, colors.background[0], colors.background[1], colors.background[2]);
          cairo_paint (cr);
        }
      draw_edges (scene, frame, &colors, &h, &lod, cr, width, height, drawn);
      draw_nodes_vector (scene, frame, &colors, &h, cr, width, height, drawn);
    }
  draw_badges (scene, frame, &colors, &h, cr, layout, badges);
  draw_marks (scene, frame, &colors, cr, width, height);
  if (frame->vector)
    draw_label_text_vector (scene, &colors, &h, cr, layout, drawn->labels);
  else if (!pixels)
    draw_label_text_pixels (scene, &colors, &h, cr, layout, drawn->labels);
  if (frame->legend)
    draw_legend (scene, frame, &colors, cr, layout, height);
  cairo_restore (cr);

  highlight_clear (&h);
  detente_graph_drawn_clear (&local);
}

/**
 * detente_graph_drawn_clear:
 * @drawn: what detente_graph_render() filled in
 *
 * Frees what @drawn holds.
 */
void
detente_graph_drawn_clear (DetenteGraphDrawn *drawn)
{
  g_return_if_fail (drawn != NULL);

  g_clear_pointer (&drawn->labels, g_array_unref);
}
