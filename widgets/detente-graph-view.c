/* detente-graph-view.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "detente-graph-layout.h"
#include "detente-graph-render.h"
#include "detente-graph-view.h"
#include "detente-role.h"

/* The relationship graph as a widget. Three parts, as STYLE.md asks:
 * the projection (DetenteGraph) and layout (DetenteGraphLayout), the
 * renderer (detente_graph_render()), and this widget, which only
 * handles input and shows pictures.
 *
 * The layout runs on a thread of its own, which owns the layout object:
 * the main thread sends it commands (a new graph, a node moved or
 * pinned) and it publishes copies of the positions, waking the main
 * loop through a GSource. A small graph is drawn in snapshot(); a big
 * one is drawn on worker threads, and until the sharp picture comes the
 * view shows the last one, moved and scaled to the current zoom, so the
 * main thread never waits for a full render. */

#define SMALL_NODES 600
#define SMALL_EDGES 1500
#define ZOOM_STEP 1.25
#define MIN_ZOOM 1e-4
#define MAX_ZOOM 1e3

/* A graph as the layout takes it, made on the main thread: the layout's
 * thread never reads the project's objects. */
typedef struct
{
  char   **keys;
  double  *sizes;
  guint   *ends;
  double  *weights;
  guint    n;
  guint    n_edges;
} LayoutInput;

static void layout_input_free (LayoutInput *input);

typedef enum
{
  COMMAND_GRAPH,
  COMMAND_POSITION,
  COMMAND_PIN,
} CommandKind;

typedef struct
{
  CommandKind   kind;
  DetenteGraph *graph;      /* COMMAND_GRAPH */
  LayoutInput  *input;      /* COMMAND_GRAPH */
  gboolean      fresh;      /* forget places */
  char         *key;        /* the actor, for the others */
  double        x;
  double        y;
  gboolean      pinned;
} Command;

struct _DetenteGraphView
{
  GtkWidget          parent_instance;

  DetenteProject    *project;
  DetenteFilter     *filter;
  DetenteGraph      *graph;       /* the graph the scene shows */
  DetenteGraph      *next_graph;  /* sent to the layout, not shown yet */
  DetenteGraphScene *scene;
  char              *selected_id;
  char              *menu_actor;
  GHashTable        *pinned;      /* actor ids */
  GtkWidget         *menu;
  GSource           *wake;
  guint              rebuild_id;

  /* Shared with the layout thread, under the mutex. */
  GThread           *thread;
  GMutex             mutex;
  GCond              cond;
  GPtrArray         *commands;
  DetenteGraph      *published_graph;
  double            *published;
  guint              published_serial;
  guint              iterations_left;
  gboolean           running;
  gboolean           quit;

  /* Big graphs: the last picture and what it showed. */
  cairo_surface_t   *picture;
  DetenteGraphFrame  picture_frame;
  DetenteGraphScene *picture_scene;
  double             picture_width;
  double             picture_height;
  gboolean           render_busy;

  DetenteGraphFrame  frame;
  guint              taken_serial;
  int                drag_node;
  double             drag_center_x;
  double             drag_center_y;
  double             drag_start_x;
  double             drag_start_y;
  double             pinch_zoom;
  double             pointer_x;
  double             pointer_y;
  guint              auto_fit : 1;
  guint              dark : 1;
  guint              was_running : 1;
};

G_DEFINE_FINAL_TYPE (DetenteGraphView, detente_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_SELECTED,
  PROP_LAYOUT_RUNNING,
  PROP_ZOOM,
  N_PROPS
};

enum {
  ACTOR_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
command_free (gpointer data)
{
  Command *command = data;

  g_clear_pointer (&command->graph, detente_graph_unref);
  layout_input_free (command->input);
  g_free (command->key);
  g_free (command);
}

/* How many iterations a graph gets before the layout rests: enough for
 * the sample to settle, fewer for big graphs, which cost more each. */
static guint
settle_iterations (guint n)
{
  return n < 1000 ? 1500 : n < 10000 ? 800 : 400;
}

static void
layout_settings (DetenteGraphLayoutSettings *settings,
                 guint                       n)
{
  detente_graph_layout_settings_init (settings, n);
  settings->prevent_overlap = TRUE;
  /* A small graph's parts stay together on the page instead of drifting
   * to its corners. */
  if (n < 1000)
    {
      settings->strong_gravity = TRUE;
      settings->gravity = 0.05;
    }
}

static void
layout_input_free (LayoutInput *input)
{
  if (input == NULL)
    return;
  for (guint i = 0; i < input->n; i++)
    g_free (input->keys[i]);
  g_free (input->keys);
  g_free (input->sizes);
  g_free (input->ends);
  g_free (input->weights);
  g_free (input);
}

static LayoutInput *
layout_input_new (DetenteGraph *graph)
{
  g_autoptr(DetenteGraphScene) sizing = detente_graph_scene_new (graph, NULL);
  LayoutInput *input = g_new0 (LayoutInput, 1);

  input->n = detente_graph_get_n_nodes (graph);
  input->n_edges = detente_graph_get_n_edges (graph);
  input->keys = g_new0 (char *, input->n + 1);
  input->sizes = g_new (double, input->n + 1);
  input->weights = g_new (double, input->n_edges + 1);
  input->ends = detente_graph_get_edge_ends (graph);
  for (guint i = 0; i < input->n; i++)
    {
      input->keys[i] = g_strdup (detente_actor_get_id (detente_graph_get_node (graph, i)->actor));
      input->sizes[i] = detente_graph_scene_get_radius (sizing, i);
    }
  for (guint e = 0; e < input->n_edges; e++)
    input->weights[e] = detente_graph_get_edge (graph, e)->weight;
  return input;
}

static void
apply_graph (DetenteGraphLayout *layout,
             const LayoutInput  *input,
             gboolean            fresh)
{
  DetenteGraphLayoutSettings settings;

  if (fresh)
    detente_graph_layout_set_graph (layout, 0, NULL, NULL, 0, NULL, NULL);
  detente_graph_layout_set_graph (layout, input->n, (const char * const *) input->keys, input->sizes,
                                  input->n_edges, input->ends, input->weights);
  layout_settings (&settings, input->n);
  detente_graph_layout_set_settings (layout, &settings);
}

static int
find_key (DetenteGraph *graph,
          const char   *key)
{
  return graph != NULL ? detente_graph_lookup_node (graph, key) : -1;
}

static gpointer
layout_thread (gpointer data)
{
  DetenteGraphView *self = data;
  g_autoptr(DetenteGraphLayout) layout = detente_graph_layout_new (1);
  g_autoptr(DetenteGraph) graph = NULL;

  detente_graph_layout_set_n_threads (layout, 0);
  for (;;)
    {
      g_autoptr(GPtrArray) commands = NULL;
      gboolean publish = FALSE;
      guint batch = 0;

      g_mutex_lock (&self->mutex);
      while (!self->quit && self->commands->len == 0 && (!self->running || self->iterations_left == 0))
        g_cond_wait (&self->cond, &self->mutex);
      if (self->quit)
        {
          g_mutex_unlock (&self->mutex);
          break;
        }
      commands = g_steal_pointer (&self->commands);
      self->commands = g_ptr_array_new_with_free_func (command_free);
      if (self->running && self->iterations_left > 0 && graph != NULL)
        {
          /* About a frame's worth of work between pictures. */
          guint n = detente_graph_get_n_nodes (graph);

          batch = MIN (self->iterations_left, n < 300 ? 4 : n < 3000 ? 2 : 1);
          self->iterations_left -= batch;
        }
      g_mutex_unlock (&self->mutex);

      for (guint i = 0; i < commands->len; i++)
        {
          Command *command = g_ptr_array_index (commands, i);
          int node;

          switch (command->kind)
            {
            case COMMAND_GRAPH:
              g_clear_pointer (&graph, detente_graph_unref);
              graph = detente_graph_ref (command->graph);
              apply_graph (layout, command->input, command->fresh);
              break;
            case COMMAND_POSITION:
              if ((node = find_key (graph, command->key)) >= 0)
                detente_graph_layout_set_position (layout, node, command->x, command->y);
              break;
            case COMMAND_PIN:
              if ((node = find_key (graph, command->key)) >= 0)
                detente_graph_layout_set_pinned (layout, node, command->pinned);
              break;
            default:
              g_assert_not_reached ();
            }
          publish = TRUE;
        }
      if (batch > 0)
        {
          detente_graph_layout_step (layout, batch);
          publish = TRUE;
        }

      if (publish && graph != NULL)
        {
          guint n = detente_graph_layout_get_n_nodes (layout);

          g_mutex_lock (&self->mutex);
          g_clear_pointer (&self->published_graph, detente_graph_unref);
          self->published_graph = detente_graph_ref (graph);
          g_free (self->published);
          /* Never NULL, even for no nodes: NULL means nothing new. */
          self->published = g_new (double, 2 * (gsize) n + 1);
          if (n > 0)
            memcpy (self->published, detente_graph_layout_get_positions (layout), 2 * n * sizeof (double));
          self->published_serial++;
          /* Rested: the main thread tells whoever listens. */
          if (self->iterations_left == 0 && self->running)
            self->running = FALSE;
          g_mutex_unlock (&self->mutex);
          g_source_set_ready_time (self->wake, 0);
          /* Leave the cores to the window now and then. */
          g_usleep (2000);
        }
    }
  return NULL;
}

static void
send (DetenteGraphView *self,
      Command          *command,
      guint             iterations)
{
  gboolean started = FALSE;

  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->commands, command);
  if (iterations > 0)
    {
      self->iterations_left = MAX (self->iterations_left, iterations);
      started = !self->running;
      self->running = TRUE;
    }
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  /* Not under the mutex: handlers may ask whether the layout runs. */
  if (started)
    {
      self->was_running = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_RUNNING]);
    }
}

static void
update_accessible (DetenteGraphView *self)
{
  g_autofree char *label = NULL;
  guint n = self->graph != NULL ? detente_graph_get_n_nodes (self->graph) : 0;
  guint m = self->graph != NULL ? detente_graph_get_n_edges (self->graph) : 0;
  int node = self->frame.selected;

  if (node >= 0 && self->graph != NULL)
    label = g_strdup_printf (_("Relationship graph: %u actors, %u links; %s selected, %u engagements"),
                             n, m, detente_actor_get_name (detente_graph_get_node (self->graph, node)->actor),
                             detente_graph_get_node (self->graph, node)->n_engagements);
  else
    label = g_strdup_printf (_("Relationship graph: %u actors, %u links"), n, m);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
fit_frame (DetenteGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->scene == NULL || width <= 0 || height <= 0)
    return;
  detente_graph_frame_fit (&self->frame, self->scene, width, height);
  self->frame.zoom = CLAMP (self->frame.zoom, MIN_ZOOM, MAX_ZOOM);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Takes the positions the layout published, with the graph they are
 * for. */
static gboolean
on_wake_cb (gpointer data)
{
  DetenteGraphView *self = data;
  g_autoptr(DetenteGraph) graph = NULL;
  g_autofree double *positions = NULL;
  gboolean running;

  g_source_set_ready_time (self->wake, -1);
  g_mutex_lock (&self->mutex);
  if (self->published_serial != self->taken_serial && self->published_graph != NULL)
    {
      graph = detente_graph_ref (self->published_graph);
      positions = g_steal_pointer (&self->published);
      self->taken_serial = self->published_serial;
    }
  running = self->running;
  g_mutex_unlock (&self->mutex);

  if (positions != NULL)
    {
      gboolean new_graph = graph != self->graph;

      if (new_graph)
        {
          /* Keep the selection on the same actor, if it is still there. */
          g_clear_pointer (&self->graph, detente_graph_unref);
          self->graph = g_steal_pointer (&graph);
          self->frame.selected = self->selected_id != NULL ? find_key (self->graph, self->selected_id) : -1;
          self->frame.hovered = -1;
          if (self->selected_id != NULL && self->frame.selected < 0)
            {
              g_clear_pointer (&self->selected_id, g_free);
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
            }
          update_accessible (self);
        }
      {
        DetenteGraphScene *scene = self->scene != NULL && !new_graph
                                     ? detente_graph_scene_new_moved (self->scene, positions)
                                     : detente_graph_scene_new (self->graph, positions);

        g_clear_pointer (&self->scene, detente_graph_scene_unref);
        self->scene = scene;
      }
      if (self->auto_fit)
        fit_frame (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (running != self->was_running)
    {
      self->was_running = running;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_RUNNING]);
    }
  return G_SOURCE_CONTINUE;
}

/* The layout thread makes the source ready; it calls on_wake_cb(). */
static gboolean
wake_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     data)
{
  return callback (data);
}

static GSourceFuncs wake_funcs = { NULL, NULL, wake_dispatch, NULL, NULL, NULL };

static gboolean
is_small (DetenteGraphView *self)
{
  return self->graph == NULL ||
         (detente_graph_get_n_nodes (self->graph) <= SMALL_NODES &&
          detente_graph_get_n_edges (self->graph) <= SMALL_EDGES);
}

static void
rebuild (DetenteGraphView *self,
         gboolean          fresh)
{
  g_autoptr(DetenteGraph) graph = NULL;
  Command *command;

  if (self->project == NULL)
    return;
  graph = detente_graph_new (self->project, self->filter);
  command = g_new0 (Command, 1);
  command->kind = COMMAND_GRAPH;
  command->graph = detente_graph_ref (graph);
  command->input = layout_input_new (graph);
  command->fresh = fresh;
  send (self, command, settle_iterations (detente_graph_get_n_nodes (graph)));
}

static gboolean
on_rebuild_timeout_cb (gpointer data)
{
  DetenteGraphView *self = data;

  self->rebuild_id = 0;
  rebuild (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (an import merges thousands of engagements), so
 * the graph is made again once they calm down. */
static void
queue_rebuild (DetenteGraphView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_timeout_add (150, on_rebuild_timeout_cb, self);
}

static void
on_items_changed_cb (DetenteGraphView *self)
{
  queue_rebuild (self);
}

/* What a worker draws: its own copies, so that the view may change, or
 * go, while it draws. */
typedef struct
{
  DetenteGraphScene *scene;
  DetenteGraphFrame  frame;
  double             width;
  double             height;
} RenderJob;

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  detente_graph_scene_unref (job->scene);
  g_free (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale = job->frame.scale;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (job->width * scale),
                                        (int) ceil (job->height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  detente_graph_render (job->scene, &job->frame, cr, job->width, job->height, NULL);
  cairo_destroy (cr);
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void request_picture (DetenteGraphView *self);

static void
on_rendered_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (object);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), NULL);

  self->render_busy = FALSE;
  /* Gone while it drew: dispose has let go of the pictures already. */
  if (surface == NULL || self->wake == NULL)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  g_clear_pointer (&self->picture_scene, detente_graph_scene_unref);
  self->picture = surface;
  self->picture_scene = detente_graph_scene_ref (job->scene);
  self->picture_frame = job->frame;
  self->picture_width = job->width;
  self->picture_height = job->height;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts drawing the current state on a worker, unless a drawing is
 * under way: when it is done, snapshot() asks again if the picture is
 * out of date. */
static void
request_picture (DetenteGraphView *self)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  if (self->render_busy || self->scene == NULL)
    return;
  self->render_busy = TRUE;
  job = g_new0 (RenderJob, 1);
  job->scene = detente_graph_scene_ref (self->scene);
  job->frame = self->frame;
  /* The frame's path belongs to the main thread. */
  job->frame.path = NULL;
  job->frame.n_path = 0;
  job->width = gtk_widget_get_width (GTK_WIDGET (self));
  job->height = gtk_widget_get_height (GTK_WIDGET (self));
  task = g_task_new (self, NULL, on_rendered_cb, NULL);
  g_task_set_source_tag (task, request_picture);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_thread);
}

static gboolean
picture_current (DetenteGraphView *self)
{
  const DetenteGraphFrame *a = &self->picture_frame, *b = &self->frame;

  return self->picture != NULL && self->picture_scene == self->scene &&
         a->zoom == b->zoom && a->center_x == b->center_x && a->center_y == b->center_y &&
         a->selected == b->selected && a->hovered == b->hovered && a->theme == b->theme &&
         a->scale == b->scale &&
         self->picture_width == gtk_widget_get_width (GTK_WIDGET (self)) &&
         self->picture_height == gtk_widget_get_height (GTK_WIDGET (self));
}

static void
detente_graph_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (self->scene == NULL || width <= 0 || height <= 0)
    return;

  /* Follow the light or dark style. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  self->dark = (fg.red + fg.green + fg.blue) / 3 > 0.5;
  self->frame.theme = self->dark ? DETENTE_GRAPH_THEME_DARK : DETENTE_GRAPH_THEME_LIGHT;
  self->frame.scale = gtk_widget_get_scale_factor (widget);
  self->frame.legend = TRUE;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (is_small (self))
    detente_graph_render (self->scene, &self->frame, cr, width, height, NULL);
  else
    {
      if (self->picture != NULL)
        {
          /* The last picture, moved and scaled to where the view is now. */
          double k = self->frame.zoom / self->picture_frame.zoom;

          cairo_translate (cr, width / 2.0, height / 2.0);
          cairo_scale (cr, k, k);
          cairo_translate (cr, (self->picture_frame.center_x - self->frame.center_x) * self->picture_frame.zoom -
                                 self->picture_width / 2,
                           (self->picture_frame.center_y - self->frame.center_y) * self->picture_frame.zoom -
                                 self->picture_height / 2);
          cairo_set_source_surface (cr, self->picture, 0, 0);
          cairo_paint (cr);
        }
      if (!picture_current (self))
        request_picture (self);
    }
  cairo_destroy (cr);
}

static void
set_selected_node (DetenteGraphView *self,
                   int               node)
{
  const char *id = node >= 0 ? detente_actor_get_id (detente_graph_get_node (self->graph, node)->actor) : NULL;

  if (self->frame.selected == node && g_strcmp0 (id, self->selected_id) == 0)
    return;
  self->frame.selected = node;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
center_on (DetenteGraphView *self,
           int               node)
{
  const double *p = detente_graph_scene_get_positions (self->scene);

  self->auto_fit = FALSE;
  self->frame.center_x = p[2 * node];
  self->frame.center_y = p[2 * node + 1];
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
node_at (DetenteGraphView *self,
         double            x,
         double            y)
{
  if (self->scene == NULL)
    return -1;
  return detente_graph_scene_node_at (self->scene, &self->frame, gtk_widget_get_width (GTK_WIDGET (self)),
                                      gtk_widget_get_height (GTK_WIDGET (self)), x, y);
}

static void
to_layout (DetenteGraphView *self,
           double            x,
           double            y,
           double           *lx,
           double           *ly)
{
  *lx = (x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / self->frame.zoom + self->frame.center_x;
  *ly = (y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / self->frame.zoom + self->frame.center_y;
}

/* Moves a node on the screen at once, and in the layout through the
 * thread. */
static void
move_node (DetenteGraphView *self,
           int               node,
           double            x,
           double            y,
           gboolean          pin)
{
  g_autofree double *positions = NULL;
  const char *key = detente_actor_get_id (detente_graph_get_node (self->graph, node)->actor);
  guint n = detente_graph_get_n_nodes (self->graph);
  Command *command;

  positions = g_memdup2 (detente_graph_scene_get_positions (self->scene), 2 * n * sizeof (double));
  positions[2 * node] = x;
  positions[2 * node + 1] = y;
  {
    DetenteGraphScene *scene = detente_graph_scene_new_moved (self->scene, positions);

    g_clear_pointer (&self->scene, detente_graph_scene_unref);
    self->scene = scene;
  }

  command = g_new0 (Command, 1);
  command->kind = COMMAND_POSITION;
  command->key = g_strdup (key);
  command->x = x;
  command->y = y;
  send (self, command, 0);
  if (pin)
    {
      g_hash_table_add (self->pinned, g_strdup (key));
      command = g_new0 (Command, 1);
      command->kind = COMMAND_PIN;
      command->key = g_strdup (key);
      command->pinned = TRUE;
      /* The rest settle around where it was put. */
      send (self, command, 200);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_begin_cb (GtkGestureDrag   *gesture,
                  double            x,
                  double            y,
                  DetenteGraphView *self)
{
  self->drag_node = node_at (self, x, y);
  self->drag_center_x = self->frame.center_x;
  self->drag_center_y = self->frame.center_y;
  self->drag_start_x = x;
  self->drag_start_y = y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update_cb (GtkGestureDrag   *gesture,
                   double            dx,
                   double            dy,
                   DetenteGraphView *self)
{
  if (self->scene == NULL)
    return;
  if (self->drag_node >= 0)
    {
      double lx, ly;

      to_layout (self, self->drag_start_x + dx, self->drag_start_y + dy, &lx, &ly);
      move_node (self, self->drag_node, lx, ly, FALSE);
      return;
    }
  self->auto_fit = FALSE;
  self->frame.center_x = self->drag_center_x - dx / self->frame.zoom;
  self->frame.center_y = self->drag_center_y - dy / self->frame.zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                DetenteGraphView *self)
{
  double lx, ly;

  /* A node dragged stays where it was put. */
  if (self->drag_node >= 0 && self->scene != NULL && (fabs (dx) > 2 || fabs (dy) > 2))
    {
      to_layout (self, self->drag_start_x + dx, self->drag_start_y + dy, &lx, &ly);
      move_node (self, self->drag_node, lx, ly, TRUE);
    }
  self->drag_node = -1;
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              DetenteGraphView         *self)
{
  if (dy == 0)
    return FALSE;
  detente_graph_view_zoom_by (self, pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_pinch_begin_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   DetenteGraphView *self)
{
  self->pinch_zoom = self->frame.zoom;
}

static void
on_pinch_scale_changed_cb (GtkGestureZoom   *gesture,
                           double            scale,
                           DetenteGraphView *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  detente_graph_view_zoom_by (self, self->pinch_zoom * scale / self->frame.zoom, x, y);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              DetenteGraphView         *self)
{
  int node = node_at (self, x, y);

  self->pointer_x = x;
  self->pointer_y = y;
  if (node != self->frame.hovered)
    {
      self->frame.hovered = node;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             DetenteGraphView         *self)
{
  if (self->frame.hovered >= 0)
    {
      self->frame.hovered = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_click_pressed_cb (GtkGestureClick  *gesture,
                     int               n_press,
                     double            x,
                     double            y,
                     DetenteGraphView *self)
{
  int node = node_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2 && node >= 0)
    {
      detente_graph_view_focus_neighbours (self, self->selected_id);
      g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, self->selected_id);
      return;
    }
  set_selected_node (self, node);
}

static void
on_menu_pressed_cb (GtkGestureClick  *gesture,
                    int               n_press,
                    double            x,
                    double            y,
                    DetenteGraphView *self)
{
  int node = node_at (self, x, y);
  g_autoptr(GMenu) menu = NULL;
  const char *id;

  if (node < 0)
    return;
  id = detente_actor_get_id (detente_graph_get_node (self->graph, node)->actor);
  g_free (self->menu_actor);
  self->menu_actor = g_strdup (id);
  set_selected_node (self, node);

  menu = g_menu_new ();
  g_menu_append (menu, detente_graph_view_get_pinned (self, id) ? _("_Unpin") : _("_Pin Here"),
                 detente_graph_view_get_pinned (self, id) ? "graph.unpin" : "graph.pin");
  g_menu_append (menu, _("_Focus on Neighbours"), "graph.focus");
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
pin_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (widget);

  if (self->menu_actor != NULL)
    detente_graph_view_set_pinned (self, self->menu_actor, g_str_equal (action_name, "graph.pin"));
}

static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (widget);

  detente_graph_view_focus_neighbours (self, self->menu_actor != NULL ? self->menu_actor : self->selected_id);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (widget);
  double factor = g_str_equal (action_name, "graph.zoom-in") ? ZOOM_STEP : 1 / ZOOM_STEP;

  detente_graph_view_zoom_by (self, factor, gtk_widget_get_width (widget) / 2.0,
                              gtk_widget_get_height (widget) / 2.0);
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  detente_graph_view_fit (DETENTE_GRAPH_VIEW (widget));
}

/* The next node in the order of centrality, or the nearest one in the
 * direction of an arrow key. */
static int
next_node (DetenteGraphView *self,
           int               from,
           double            dir_x,
           double            dir_y,
           int               step)
{
  guint n = self->graph != NULL ? detente_graph_get_n_nodes (self->graph) : 0;
  const double *p;
  double best = G_MAXDOUBLE;
  int found = -1;

  if (n == 0)
    return -1;
  if (from < 0)
    return 0;
  if (step != 0)
    return (int) ((from + step + n) % n);

  p = detente_graph_scene_get_positions (self->scene);
  for (guint i = 0; i < n; i++)
    {
      double dx = p[2 * i] - p[2 * from], dy = p[2 * i + 1] - p[2 * from + 1];
      double along = dx * dir_x + dy * dir_y, d;

      if ((int) i == from || along <= 0)
        continue;
      /* Straight ahead counts more than off to the side. */
      d = hypot (dx, dy) + 2 * fabs (dx * dir_y - dy * dir_x);
      if (d < best)
        {
          best = d;
          found = i;
        }
    }
  return found >= 0 ? found : from;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   DetenteGraphView      *self)
{
  int node = -2;

  if (self->scene == NULL)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      /* Tab moves between nodes; past the last, focus moves on. */
      if ((state & GDK_SHIFT_MASK) == 0 && self->frame.selected == (int) detente_graph_get_n_nodes (self->graph) - 1)
        return FALSE;
      node = next_node (self, self->frame.selected, 0, 0, 1);
      break;
    case GDK_KEY_ISO_Left_Tab:
      if (self->frame.selected <= 0)
        return FALSE;
      node = next_node (self, self->frame.selected, 0, 0, -1);
      break;
    case GDK_KEY_Left:
      node = next_node (self, self->frame.selected, -1, 0, 0);
      break;
    case GDK_KEY_Right:
      node = next_node (self, self->frame.selected, 1, 0, 0);
      break;
    case GDK_KEY_Up:
      node = next_node (self, self->frame.selected, 0, -1, 0);
      break;
    case GDK_KEY_Down:
      node = next_node (self, self->frame.selected, 0, 1, 0);
      break;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      gtk_widget_activate_action (GTK_WIDGET (self), "graph.zoom-in", NULL);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      gtk_widget_activate_action (GTK_WIDGET (self), "graph.zoom-out", NULL);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      detente_graph_view_fit (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->frame.selected < 0)
        set_selected_node (self, 0);
      else
        g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, self->selected_id);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->frame.selected < 0)
        return FALSE;
      set_selected_node (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
  if (node >= 0)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self)), height = gtk_widget_get_height (GTK_WIDGET (self));
      const double *p = detente_graph_scene_get_positions (self->scene);
      double x = (p[2 * node] - self->frame.center_x) * self->frame.zoom + width / 2.0;
      double y = (p[2 * node + 1] - self->frame.center_y) * self->frame.zoom + height / 2.0;

      set_selected_node (self, node);
      /* Keep the selection in sight. */
      if (x < 0 || y < 0 || x > width || y > height)
        center_on (self, node);
    }
  return TRUE;
}

/* The role an actor held last, among those the project knows. */
static const char *
current_role (DetenteActor *actor)
{
  GPtrArray *roles = detente_actor_get_roles (actor);
  const DetenteRole *latest = NULL;

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const DetenteRole *role = g_ptr_array_index (roles, i);

      if (latest == NULL || detente_date_compare (&role->from, &latest->from) > 0)
        latest = role;
    }
  return latest != NULL ? latest->title : NULL;
}

static gboolean
detente_graph_view_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard,
                                  GtkTooltip *tooltip)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (widget);
  g_autofree char *text = NULL;
  const DetenteGraphNode *node;
  const char *role;
  int i = keyboard ? self->frame.selected : node_at (self, x, y);

  if (i < 0)
    return FALSE;
  node = detente_graph_get_node (self->graph, i);
  role = current_role (node->actor);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s%s\n%u engagement", "%s%s%s\n%u engagements",
                                       node->n_engagements),
                          detente_actor_get_name (node->actor), role != NULL ? " — " : "",
                          role != NULL ? role : "", node->n_engagements);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
stop_thread (DetenteGraphView *self)
{
  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->mutex);
  self->quit = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (g_steal_pointer (&self->thread));
}

static void
detente_graph_view_dispose (GObject *object)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (object);

  stop_thread (self);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->wake != NULL)
    {
      g_source_destroy (self->wake);
      g_clear_pointer (&self->wake, g_source_unref);
    }
  detente_graph_view_set_project (self, NULL);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->graph, detente_graph_unref);
  g_clear_pointer (&self->scene, detente_graph_scene_unref);
  g_clear_pointer (&self->picture_scene, detente_graph_scene_unref);
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  g_clear_pointer (&self->published_graph, detente_graph_unref);

  G_OBJECT_CLASS (detente_graph_view_parent_class)->dispose (object);
}

static void
detente_graph_view_finalize (GObject *object)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (object);

  g_free (self->selected_id);
  g_free (self->menu_actor);
  g_free (self->published);
  g_ptr_array_unref (self->commands);
  g_hash_table_unref (self->pinned);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (detente_graph_view_parent_class)->finalize (object);
}

static void
detente_graph_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (widget);

  if (self->auto_fit)
    fit_frame (self);
  gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
detente_graph_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  /* Room for a few nodes and the legend. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
detente_graph_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SELECTED:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_LAYOUT_RUNNING:
      g_value_set_boolean (value, detente_graph_view_get_layout_running (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->frame.zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_graph_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DetenteGraphView *self = DETENTE_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      detente_graph_view_set_project (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      detente_graph_view_select (self, g_value_get_string (value));
      break;
    case PROP_LAYOUT_RUNNING:
      detente_graph_view_set_layout_running (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_graph_view_class_init (DetenteGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = detente_graph_view_dispose;
  object_class->finalize = detente_graph_view_finalize;
  object_class->get_property = detente_graph_view_get_property;
  object_class->set_property = detente_graph_view_set_property;
  widget_class->snapshot = detente_graph_view_snapshot;
  widget_class->measure = detente_graph_view_measure;
  widget_class->size_allocate = detente_graph_view_size_allocate;
  widget_class->query_tooltip = detente_graph_view_query_tooltip;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, DETENTE_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_string ("selected", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAYOUT_RUNNING] =
    g_param_spec_boolean ("layout-running", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, G_MAXDOUBLE, 1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DetenteGraphView::actor-activated:
   * @self: the view
   * @actor_id: the actor
   *
   * Emitted on a double click or Enter on an actor.
   */
  signals[ACTOR_ACTIVATED] =
    g_signal_new ("actor-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "graph.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "graph.pin", NULL, pin_action);
  gtk_widget_class_install_action (widget_class, "graph.unpin", NULL, pin_action);
  gtk_widget_class_install_action (widget_class, "graph.focus", NULL, focus_action);

  gtk_widget_class_set_css_name (widget_class, "graphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
detente_graph_view_init (DetenteGraphView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->drag_node = -1;
  self->auto_fit = TRUE;
  self->commands = g_ptr_array_new_with_free_func (command_free);
  self->pinned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter = detente_filter_new ();
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  detente_graph_frame_init (&self->frame);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->wake = g_source_new (&wake_funcs, sizeof (GSource));
  g_source_set_callback (self->wake, on_wake_cb, self, NULL);
  g_source_set_ready_time (self->wake, -1);
  g_source_set_static_name (self->wake, "[detente] graph layout");
  g_source_attach (self->wake, NULL);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));

  self->thread = g_thread_new ("detente-layout", layout_thread, self);
  update_accessible (self);
}

/**
 * detente_graph_view_new:
 *
 * Returns: (transfer floating): a new graph view
 */
GtkWidget *
detente_graph_view_new (void)
{
  return g_object_new (DETENTE_TYPE_GRAPH_VIEW, NULL);
}

/**
 * detente_graph_view_get_project:
 * @self: a #DetenteGraphView
 *
 * Returns: (transfer none) (nullable): the project shown
 */
DetenteProject *
detente_graph_view_get_project (DetenteGraphView *self)
{
  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), NULL);

  return self->project;
}

/**
 * detente_graph_view_set_project:
 * @self: a #DetenteGraphView
 * @project: (nullable): the project to show
 *
 * Shows @project's graph through the view's filter, and follows its
 * changes.
 */
void
detente_graph_view_set_project (DetenteGraphView *self,
                                DetenteProject   *project)
{
  g_return_if_fail (DETENTE_IS_GRAPH_VIEW (self));
  g_return_if_fail (project == NULL || DETENTE_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (detente_project_get_engagements (self->project), self);
      g_signal_handlers_disconnect_by_data (detente_project_get_actors (self->project), self);
    }
  g_set_object (&self->project, project);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (project != NULL)
    {
      g_signal_connect_swapped (detente_project_get_engagements (project), "items-changed",
                                G_CALLBACK (on_items_changed_cb), self);
      g_signal_connect_swapped (detente_project_get_actors (project), "items-changed",
                                G_CALLBACK (on_items_changed_cb), self);
      self->auto_fit = TRUE;
      rebuild (self, TRUE);
    }
  else if (self->thread != NULL)
    {
      g_clear_pointer (&self->scene, detente_graph_scene_unref);
      g_clear_pointer (&self->graph, detente_graph_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/**
 * detente_graph_view_get_filter:
 * @self: a #DetenteGraphView
 *
 * Returns: (transfer none): the filter the graph is seen through; the
 *   view follows its changes
 */
DetenteFilter *
detente_graph_view_get_filter (DetenteGraphView *self)
{
  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), NULL);

  return self->filter;
}

/**
 * detente_graph_view_get_graph:
 * @self: a #DetenteGraphView
 *
 * Returns: (transfer none) (nullable): the graph shown now
 */
DetenteGraph *
detente_graph_view_get_graph (DetenteGraphView *self)
{
  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), NULL);

  return self->graph;
}

/**
 * detente_graph_view_get_selected:
 * @self: a #DetenteGraphView
 *
 * Returns: (nullable): the id of the selected actor
 */
const char *
detente_graph_view_get_selected (DetenteGraphView *self)
{
  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), NULL);

  return self->selected_id;
}

/**
 * detente_graph_view_select:
 * @self: a #DetenteGraphView
 * @actor_id: (nullable): an actor id, or %NULL to select nothing
 *
 * Selects an actor of the graph; an actor not in it selects nothing.
 */
void
detente_graph_view_select (DetenteGraphView *self,
                           const char       *actor_id)
{
  g_return_if_fail (DETENTE_IS_GRAPH_VIEW (self));

  set_selected_node (self, actor_id != NULL ? find_key (self->graph, actor_id) : -1);
}

/**
 * detente_graph_view_find:
 * @self: a #DetenteGraphView
 * @text: part of an actor's name
 *
 * Selects and centres the most central actor whose name contains
 * @text, ignoring case.
 *
 * Returns: whether one was found
 */
gboolean
detente_graph_view_find (DetenteGraphView *self,
                         const char       *text)
{
  g_autofree char *needle = NULL;
  int best = -1;
  guint best_weight = 0;

  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->graph == NULL || self->scene == NULL || *text == '\0')
    return FALSE;
  needle = g_utf8_casefold (text, -1);
  for (guint i = 0; i < detente_graph_get_n_nodes (self->graph); i++)
    {
      const DetenteGraphNode *node = detente_graph_get_node (self->graph, i);
      g_autofree char *name = g_utf8_casefold (detente_actor_get_name (node->actor), -1);

      if (strstr (name, needle) != NULL && (best < 0 || node->strength > best_weight))
        {
          best = i;
          best_weight = node->strength;
        }
    }
  if (best < 0)
    return FALSE;
  set_selected_node (self, best);
  center_on (self, best);
  return TRUE;
}

/**
 * detente_graph_view_focus_neighbours:
 * @self: a #DetenteGraphView
 * @actor_id: (nullable): an actor id
 *
 * Selects the actor and fits its ego network, the actor and those it
 * met, to the view.
 */
void
detente_graph_view_focus_neighbours (DetenteGraphView *self,
                                     const char       *actor_id)
{
  const double *p;
  double min_x, min_y, max_x, max_y, w, h;
  int node;

  g_return_if_fail (DETENTE_IS_GRAPH_VIEW (self));

  if (actor_id == NULL || self->scene == NULL || (node = find_key (self->graph, actor_id)) < 0)
    return;
  set_selected_node (self, node);
  p = detente_graph_scene_get_positions (self->scene);
  min_x = max_x = p[2 * node];
  min_y = max_y = p[2 * node + 1];
  for (guint e = 0; e < detente_graph_get_n_edges (self->graph); e++)
    {
      const DetenteGraphEdge *edge = detente_graph_get_edge (self->graph, e);
      int other = edge->source == (guint) node ? (int) edge->target : edge->target == (guint) node ? (int) edge->source : -1;

      if (other < 0)
        continue;
      min_x = MIN (min_x, p[2 * other]);
      max_x = MAX (max_x, p[2 * other]);
      min_y = MIN (min_y, p[2 * other + 1]);
      max_y = MAX (max_y, p[2 * other + 1]);
    }
  w = MAX (max_x - min_x, 1);
  h = MAX (max_y - min_y, 1);
  self->auto_fit = FALSE;
  self->frame.center_x = (min_x + max_x) / 2;
  self->frame.center_y = (min_y + max_y) / 2;
  self->frame.zoom = CLAMP (MIN ((gtk_widget_get_width (GTK_WIDGET (self)) - 160) / w,
                                 (gtk_widget_get_height (GTK_WIDGET (self)) - 80) / h),
                            MIN_ZOOM, MAX_ZOOM);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * detente_graph_view_get_zoom:
 * @self: a #DetenteGraphView
 *
 * Returns: pixels per layout unit
 */
double
detente_graph_view_get_zoom (DetenteGraphView *self)
{
  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), 1);

  return self->frame.zoom;
}

/**
 * detente_graph_view_zoom_by:
 * @self: a #DetenteGraphView
 * @factor: how much to zoom in (over 1) or out
 * @x: the point that stays put, in widget coordinates
 * @y: the point that stays put
 */
void
detente_graph_view_zoom_by (DetenteGraphView *self,
                            double            factor,
                            double            x,
                            double            y)
{
  double lx, ly, zoom;

  g_return_if_fail (DETENTE_IS_GRAPH_VIEW (self));
  g_return_if_fail (factor > 0);

  zoom = CLAMP (self->frame.zoom * factor, MIN_ZOOM, MAX_ZOOM);
  to_layout (self, x, y, &lx, &ly);
  self->auto_fit = FALSE;
  self->frame.zoom = zoom;
  self->frame.center_x = lx - (x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / zoom;
  self->frame.center_y = ly - (y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * detente_graph_view_fit:
 * @self: a #DetenteGraphView
 *
 * Zooms so the whole graph shows, and keeps it so while the layout
 * moves, until the user zooms or pans.
 */
void
detente_graph_view_fit (DetenteGraphView *self)
{
  g_return_if_fail (DETENTE_IS_GRAPH_VIEW (self));

  self->auto_fit = TRUE;
  fit_frame (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * detente_graph_view_node_position:
 * @self: a #DetenteGraphView
 * @actor_id: an actor id
 * @x: (out): where its node is drawn, in widget coordinates
 * @y: (out): where its node is drawn
 *
 * Returns: whether the actor is in the graph
 */
gboolean
detente_graph_view_node_position (DetenteGraphView *self,
                                  const char       *actor_id,
                                  double           *x,
                                  double           *y)
{
  const double *p;
  int node;

  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), FALSE);

  if (self->scene == NULL || (node = find_key (self->graph, actor_id)) < 0)
    return FALSE;
  p = detente_graph_scene_get_positions (self->scene);
  *x = (p[2 * node] - self->frame.center_x) * self->frame.zoom + gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  *y = (p[2 * node + 1] - self->frame.center_y) * self->frame.zoom + gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  return TRUE;
}

/**
 * detente_graph_view_get_layout_running:
 * @self: a #DetenteGraphView
 *
 * Returns: whether the layout is moving nodes
 */
gboolean
detente_graph_view_get_layout_running (DetenteGraphView *self)
{
  gboolean running;

  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), FALSE);

  g_mutex_lock (&self->mutex);
  running = self->running && self->iterations_left > 0;
  g_mutex_unlock (&self->mutex);
  return running;
}

/**
 * detente_graph_view_set_layout_running:
 * @self: a #DetenteGraphView
 * @running: %FALSE to pause the layout, %TRUE to go on
 */
void
detente_graph_view_set_layout_running (DetenteGraphView *self,
                                       gboolean          running)
{
  g_return_if_fail (DETENTE_IS_GRAPH_VIEW (self));

  g_mutex_lock (&self->mutex);
  self->running = running;
  if (running && self->iterations_left == 0 && self->graph != NULL)
    self->iterations_left = settle_iterations (detente_graph_get_n_nodes (self->graph)) / 2;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  self->was_running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_RUNNING]);
}

/**
 * detente_graph_view_rerun_layout:
 * @self: a #DetenteGraphView
 *
 * Lays the graph out again from the start, forgetting places and pins.
 */
void
detente_graph_view_rerun_layout (DetenteGraphView *self)
{
  g_return_if_fail (DETENTE_IS_GRAPH_VIEW (self));

  self->auto_fit = TRUE;
  g_hash_table_remove_all (self->pinned);
  rebuild (self, TRUE);
}

/**
 * detente_graph_view_get_pinned:
 * @self: a #DetenteGraphView
 * @actor_id: an actor id
 *
 * Returns: whether the actor's node is pinned
 */
gboolean
detente_graph_view_get_pinned (DetenteGraphView *self,
                               const char       *actor_id)
{
  g_return_val_if_fail (DETENTE_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (actor_id != NULL, FALSE);

  return self->pinned != NULL && g_hash_table_contains (self->pinned, actor_id);
}

/**
 * detente_graph_view_set_pinned:
 * @self: a #DetenteGraphView
 * @actor_id: an actor id
 * @pinned: whether its node stays where it is
 */
void
detente_graph_view_set_pinned (DetenteGraphView *self,
                               const char       *actor_id,
                               gboolean          pinned)
{
  Command *command;

  g_return_if_fail (DETENTE_IS_GRAPH_VIEW (self));
  g_return_if_fail (actor_id != NULL);

  if (pinned)
    g_hash_table_add (self->pinned, g_strdup (actor_id));
  else
    g_hash_table_remove (self->pinned, actor_id);
  command = g_new0 (Command, 1);
  command->kind = COMMAND_PIN;
  command->key = g_strdup (actor_id);
  command->pinned = pinned;
  send (self, command, pinned ? 0 : 200);
}
