/* detente-graph-layout.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "detente-graph-layout.h"

/* ForceAtlas2 (Jacomy, Venturini, Heymann and Bastian, PLOS ONE 2014):
 * nodes repel each other in proportion to their masses (degree + 1),
 * edges pull their ends together, gravity keeps components from drifting
 * away, and a global speed adapts to how much the nodes swing.
 *
 * Repulsion, the costly part, goes through a Barnes–Hut quadtree that is
 * rebuilt each iteration as a flat array: the points are sorted by their
 * Morton code, so every cell is a run of the sorted array and the tree
 * comes out in depth-first order, each cell knowing where its subtree
 * ends. The tree is walked once per cell rather than once per point, the
 * cells that are far from a whole cell's box handed down to all of its
 * points; at a leaf, what is left is a list of bodies whose pushes are
 * summed eight at a time in single precision, on two points at once.
 *
 * Nodes are stored in the Morton order of a recent iteration rather
 * than in the caller's, and renumbered when that order has drifted too
 * far from the current one: a leaf's points then have their forces,
 * edges and masses next to each other in memory, and so, more and more
 * as the layout settles, do the far ends of their edges. Callers still
 * see positions in their own order.
 *
 * Work is cut into tasks (subtrees of at most TASK_POINTS points) that
 * do not depend on the number of threads, and sums are added up task by
 * task in order, so a seed gives the same layout on one thread or on
 * many. The cells above the tasks are walked once, and each task starts
 * from what that walk handed down to it. */

#define CHUNK_SIZE 256
#define LIGHT_CHUNKS 16
#define TASK_POINTS 256
#define LEAF_SIZE 12
#define MAX_LEVEL 15
#define MAX_THREADS 64
#define MIN_SPEED_EFFICIENCY 0.05
#define MAX_RISE 0.5
/* Renumber once more than 1 / RENUMBER_JUMPS of the sorted points are
 * more than RENUMBER_WINDOW slots away from the one before. */
#define RENUMBER_WINDOW 32
#define RENUMBER_JUMPS 2

/* Eight floats at once: GCC and Clang both know these vectors, and cut
 * them in two where the registers hold four. */
typedef float Vec8 __attribute__ ((vector_size (32)));
typedef gint32 Vec8i __attribute__ ((vector_size (32)));
typedef float Vec4 __attribute__ ((vector_size (16)));
typedef gint32 Vec4i __attribute__ ((vector_size (16)));
#define BLOCK 8

/* Where the processor has AVX, the bodies' loop runs in its wider
 * registers. Lane by lane, the sums are the very same as in the default
 * clone, so a layout does not depend on the processor (no FMA here,
 * which would round differently). */
#if defined (__x86_64__) && defined (__has_attribute)
# if __has_attribute (target_clones)
#  define WIDE_CLONES __attribute__ ((target_clones ("avx", "default")))
# endif
#endif
#ifndef WIDE_CLONES
# define WIDE_CLONES
#endif

typedef struct
{
  double swinging;
  double traction;
} Sums;

/* What walks read of the cells they look at: 32 bytes, two cells to a
 * cache line. */
typedef struct
{
  float   cx;          /* centre of mass */
  float   cy;
  float   mass;
  float   size2;       /* the square of the cell's side */
  guint32 skip;        /* the first cell after its subtree */
  guint32 lo;          /* its run of sorted points */
  guint32 hi;
  guint32 flags;
} Cell;

enum
{
  CELL_LEAF = 1 << 0,
  CELL_TASK = 1 << 1,   /* the first cell down a branch small enough */
};

/* The box around a cell's points, only read for the cell walked into. */
typedef struct
{
  float min_x;
  float min_y;
  float max_x;
  float max_y;
} Box;

/* Where the walk of a task starts, in the lists find_starts () fills. */
typedef struct
{
  guint far;
  guint n_far;
  guint keep;
  guint n_keep;
} Start;

/* One walk of the tree, for the points of one task cell. */
typedef struct
{
  float  *far_x;       /* cells that count as one body, for the cell */
  float  *far_y;       /* walked into and every cell above it */
  float  *far_m;
  guint   n_far;
  guint  *near;        /* leaves whose points count one by one */
  guint   n_near;
  guint  *work;        /* cells to look at for the current cell */
  guint   n_work;
  guint  *keep;        /* cells its children must look at */
  guint   n_keep;
  gsize   keep_allocated;
  double *push_x;      /* the pushes on each point of a leaf */
  double *push_y;
  gint   *push_same;
  gsize   room;        /* what the other arrays have room for */
  Sums    sums;
} Walk;

struct _DetenteGraphLayout
{
  DetenteGraphLayoutSettings settings;
  GThreadPool  *pool;
  GHashTable   *index;     /* key → node + 1, for keeping places */

  char        **keys;
  double       *pos;       /* x, y per node, in the caller's order */
  guint32      *node_of;   /* slot → node; all below is by slot */
  guint32      *slot_of;   /* node → slot */
  double       *xy;        /* x, y per slot */
  float        *posf;      /* the same in half the memory, for the edges'
                            * far ends, read all over the place */
  double       *force;
  double       *old_force;
  double       *mass;
  double       *size;
  guint8       *pinned;
  guint        *adj_start; /* neighbours, CSR */
  guint        *adj;
  double       *adj_raw;   /* the weights given, by node and never
                            * renumbered: only new settings read them */
  guint        *raw_start;
  float        *adj_weight; /* as they count: raw ^ influence */

  /* Per iteration. */
  guint32      *codes;
  guint32      *order;     /* sorted point → slot */

  /* Renumbering writes into these and then swaps them in. */
  gboolean      renumbering;
  guint32      *rank;      /* slot → sorted point */
  guint        *spare_adj_start;
  guint        *spare_adj;
  float        *spare_adj_weight;
  double       *spare_xy;
  double       *spare_force;
  double       *spare_old_force;
  double       *spare_mass;
  double       *spare_size;
  guint8       *spare_pinned;
  guint32      *spare_node_of;
  guint32      *scratch_codes;
  guint32      *scratch_order;
  double       *sx;        /* sorted positions and masses */
  double       *sy;
  double       *sm;
  double       *ssize;
  float        *sxf;       /* the same as bodies, in single precision */
  float        *syf;
  float        *smf;
  Cell         *cells;     /* aligned to cache lines */
  Box          *boxes;
  guint         n_cells;
  guint         cells_allocated;
  guint32      *tasks;     /* cells whose points one chunk of work takes */
  guint         n_tasks;
  Start        *starts;    /* where each task's walk starts */
  float        *start_far; /* x, y and mass of each */
  gsize         n_start_far;
  gsize         start_far_allocated;
  guint        *start_keep;
  gsize         n_start_keep;
  gsize         start_keep_allocated;
  Sums         *sums;

  /* Fork and join; each thread has a walk of its own, kept from one
   * iteration to the next. */
  GMutex        mutex;
  GCond         cond;
  Walk          walks[MAX_THREADS];
  void        (*job) (DetenteGraphLayout *self, guint chunk, guint worker);
  guint         n_chunks;
  gint          next_chunk;
  guint         generation; /* of the current run, so late helpers know */
  guint         joined;     /* helpers that have joined it */
  guint         active;     /* helpers at work on it */
  gboolean      closed;     /* no helper may join it any more */

  double        speed;
  double        speed_efficiency;
  double        attraction_compensation;
  guint32       seed;
  guint         n;
  guint         n_edges;
  guint         iterations;
  guint         n_threads;
};

/**
 * detente_graph_layout_settings_init:
 * @settings: settings to fill in
 * @n_nodes: the size of the graph they are for
 *
 * Fills in the defaults Gephi uses: more scaling for a small graph, and
 * Barnes–Hut at theta 1.2 from 1,000 nodes on (an exact sum below).
 */
void
detente_graph_layout_settings_init (DetenteGraphLayoutSettings *settings,
                                    guint                       n_nodes)
{
  g_return_if_fail (settings != NULL);

  settings->scaling = n_nodes >= 100 ? 2.0 : 10.0;
  settings->gravity = 1.0;
  settings->edge_weight_influence = 1.0;
  settings->jitter_tolerance = 1.0;
  settings->theta = n_nodes >= 1000 ? 1.2 : 0.0;
  settings->strong_gravity = FALSE;
  settings->lin_log = FALSE;
  settings->prevent_overlap = FALSE;
  settings->dissuade_hubs = FALSE;
}

/* SplitMix64: a few well-mixed bits from a seed and a node, so a node's
 * first place depends on the seed and its key, not on the order nodes
 * come in. */
static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

static double
unit (guint64 bits)
{
  return (bits >> 11) * (1.0 / 9007199254740992.0);
}

static guint64
node_hash (DetenteGraphLayout *self,
           guint               node)
{
  guint64 h = self->keys != NULL && self->keys[node] != NULL ? g_str_hash (self->keys[node]) : node;

  return mix (((guint64) self->seed << 32) ^ h);
}

static void
run_chunks (DetenteGraphLayout *self,
            guint               worker)
{
  for (;;)
    {
      guint chunk = (guint) g_atomic_int_add (&self->next_chunk, 1);

      if (chunk >= self->n_chunks)
        break;
      self->job (self, chunk, worker);
    }
}

#define GENERATION_MASK 0xffffff

/* How long a helper stays awake after a run for the next one, which
 * mostly follows within a few hundred microseconds: waking a pooled
 * thread can take longer than a run, and the caller then does nearly
 * all of it alone. */
#define LINGER_US 300

/* A helper joins the run it was asked for only if that run is still
 * open: the caller never waits for a thread that was slow to wake up
 * (on a busy machine, say) only to find nothing left to do. Then it
 * lingers, and joins the next run if one comes soon. Each helper that
 * joins a run gets a walk of its own for it, numbered from 1. */
static void
on_pool_task (gpointer data,
              gpointer user_data)
{
  DetenteGraphLayout *self = user_data;
  guint wanted = GPOINTER_TO_UINT (data) >> 1;

  for (;;)
    {
      gint64 until;
      guint worker;

      g_mutex_lock (&self->mutex);
      if (self->closed || wanted != (self->generation & GENERATION_MASK) ||
          self->joined + 1 >= self->n_threads)
        {
          g_mutex_unlock (&self->mutex);
          return;
        }
      worker = ++self->joined;
      self->active++;
      g_mutex_unlock (&self->mutex);

      run_chunks (self, worker);

      g_mutex_lock (&self->mutex);
      if (--self->active == 0)
        g_cond_signal (&self->cond);
      g_mutex_unlock (&self->mutex);

      wanted = (wanted + 1) & GENERATION_MASK;
      until = g_get_monotonic_time () + LINGER_US;
      while (((guint) g_atomic_int_get (&self->generation) & GENERATION_MASK) != wanted)
        if (g_get_monotonic_time () > until)
          return;
    }
}

/* Runs @job on chunks 0 … @n_chunks − 1, spread over the threads. A
 * light job (a few microseconds a chunk) stays on this thread unless it
 * has at least LIGHT_CHUNKS chunks, as waking a helper up costs more. */
static void
run_parallel (DetenteGraphLayout *self,
              void              (*job) (DetenteGraphLayout *self, guint chunk, guint worker),
              guint               n_chunks,
              gboolean            light)
{
  guint helpers = light && n_chunks < LIGHT_CHUNKS ? 0 : MIN (self->n_threads, n_chunks) - 1;
  guint generation;

  if (helpers == 0 || self->n_threads <= 1)
    {
      for (guint i = 0; i < n_chunks; i++)
        job (self, i, 0);
      return;
    }

  if (self->pool == NULL)
    self->pool = g_thread_pool_new (on_pool_task, self, (int) self->n_threads - 1, TRUE, NULL);
  g_mutex_lock (&self->mutex);
  self->job = job;
  self->n_chunks = n_chunks;
  g_atomic_int_set (&self->next_chunk, 0);
  self->joined = 0;
  self->active = 0;
  self->closed = FALSE;
  /* Last: a lingering helper joins as soon as it sees it change. */
  generation = ((guint) g_atomic_int_add (&self->generation, 1) + 1) & GENERATION_MASK;
  g_mutex_unlock (&self->mutex);
  /* This thread is worker 0. A helper may be lingering already and join
   * before its task comes; the task then finds the run taken, or joins a
   * later one. The low bit keeps the task from being NULL. */
  for (guint i = 0; i < helpers; i++)
    g_thread_pool_push (self->pool, GUINT_TO_POINTER ((generation << 1) | 1), NULL);
  run_chunks (self, 0);
  /* Every chunk is taken: wait for the helpers that took some. */
  g_mutex_lock (&self->mutex);
  self->closed = TRUE;
  while (self->active > 0)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

static guint32
spread_bits (guint32 x)
{
  x &= 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x;
}

/* Sorts the nodes by Morton code, 11 bits at a time. */
static void
sort_codes (DetenteGraphLayout *self)
{
  guint32 *codes = self->codes, *order = self->order;
  guint32 *codes2 = self->scratch_codes, *order2 = self->scratch_order;
  guint counts[3][2048] = { { 0 } };

  /* The three counts in one reading. */
  for (guint i = 0; i < self->n; i++)
    {
      counts[0][codes[i] & 2047]++;
      counts[1][(codes[i] >> 11) & 2047]++;
      counts[2][codes[i] >> 22]++;
    }
  for (guint shift = 0; shift < 32; shift += 11)
    {
      guint *count = counts[shift / 11];
      guint total = 0;

      for (guint b = 0; b < 2048; b++)
        {
          guint c = count[b];

          count[b] = total;
          total += c;
        }
      for (guint i = 0; i < self->n; i++)
        {
          guint at = count[(codes[i] >> shift) & 2047]++;

          codes2[at] = codes[i];
          order2[at] = order[i];
        }
      { guint32 *t = codes; codes = codes2; codes2 = t; }
      { guint32 *t = order; order = order2; order2 = t; }
    }
  /* Three passes: the sorted arrays are the scratch ones now. */
  self->scratch_codes = codes2;
  self->scratch_order = order2;
  self->codes = codes;
  self->order = order;
}

static guint
new_cell (DetenteGraphLayout *self)
{
  if (self->n_cells == self->cells_allocated)
    {
      Cell *cells;

      self->cells_allocated = MAX (64, self->cells_allocated * 2);
      cells = g_aligned_alloc (self->cells_allocated, sizeof (Cell), 64);
      if (self->n_cells > 0)
        memcpy (cells, self->cells, self->n_cells * sizeof (Cell));
      g_aligned_free (self->cells);
      self->cells = cells;
      self->boxes = g_renew (Box, self->boxes, self->cells_allocated);
    }
  return self->n_cells++;
}

/* Builds the cell of sorted points lo … hi − 1, whose codes agree in
 * their top 2 × @level bits, and its subtree after it. The first cells
 * down each branch with at most TASK_POINTS points are the tasks. */
static void
build_cell (DetenteGraphLayout *self,
            guint               lo,
            guint               hi,
            guint               level,
            double              side,
            gboolean            in_task)
{
  const guint32 *codes = self->codes;
  guint id;
  double mass = 0, cx = 0, cy = 0;
  float min_x = G_MAXFLOAT, min_y = G_MAXFLOAT, max_x = -G_MAXFLOAT, max_y = -G_MAXFLOAT;

  /* A cell whose points all lie in one quarter is that quarter: the
   * smaller the side, the sooner it counts as one body. */
  while (level < MAX_LEVEL && ((codes[lo] ^ codes[hi - 1]) >> (30 - 2 * level)) == 0)
    {
      level++;
      side /= 2;
    }

  id = new_cell (self);
  self->cells[id].size2 = side * side;
  self->cells[id].lo = lo;
  self->cells[id].hi = hi;
  self->cells[id].flags = 0;
  /* A leaf of the last level can hold more points than a task: it is
   * one all the same, or its points would be left out. */
  if (!in_task && (hi - lo <= TASK_POINTS || level >= MAX_LEVEL))
    {
      self->tasks[self->n_tasks++] = id;
      self->cells[id].flags = CELL_TASK;
      in_task = TRUE;
    }

  if (hi - lo <= LEAF_SIZE || level >= MAX_LEVEL)
    {
      for (guint i = lo; i < hi; i++)
        {
          mass += self->sm[i];
          cx += self->sx[i] * self->sm[i];
          cy += self->sy[i] * self->sm[i];
          min_x = MIN (min_x, (float) self->sx[i]);
          max_x = MAX (max_x, (float) self->sx[i]);
          min_y = MIN (min_y, (float) self->sy[i]);
          max_y = MAX (max_y, (float) self->sy[i]);
        }
      self->cells[id].flags |= CELL_LEAF;
    }
  else
    {
      guint child_shift = 30 - 2 * level;
      guint start = lo;

      while (start < hi)
        {
          guint32 quarter = codes[start] >> child_shift;
          guint end = start + 1, last = hi;
          guint child = self->n_cells;
          const Cell *c;

          /* The codes are sorted and agree above the quarter's bits:
           * a search by halves finds where the quarter ends, so that the
           * points are not each read once per level. */
          while (last - end > 8)
            {
              guint mid = end + (last - end) / 2;

              if ((codes[mid] >> child_shift) == quarter)
                end = mid + 1;
              else
                last = mid;
            }
          while (end < last && (codes[end] >> child_shift) == quarter)
            end++;
          build_cell (self, start, end, level + 1, side / 2, in_task);
          c = &self->cells[child];
          mass += c->mass;
          cx += c->cx * c->mass;
          cy += c->cy * c->mass;
          min_x = MIN (min_x, self->boxes[child].min_x);
          max_x = MAX (max_x, self->boxes[child].max_x);
          min_y = MIN (min_y, self->boxes[child].min_y);
          max_y = MAX (max_y, self->boxes[child].max_y);
          start = end;
        }
    }
  self->cells[id].mass = mass;
  self->cells[id].cx = mass > 0 ? cx / mass : 0;
  self->cells[id].cy = mass > 0 ? cy / mass : 0;
  self->boxes[id].min_x = min_x;
  self->boxes[id].min_y = min_y;
  self->boxes[id].max_x = max_x;
  self->boxes[id].max_y = max_y;
  self->cells[id].skip = self->n_cells;
}

/* How far the slots are from the sorted order: the number of sorted
 * points whose slot is not close to their predecessor's. */
static guint
count_jumps (DetenteGraphLayout *self)
{
  guint jumps = 0;

  for (guint i = 1; i < self->n; i++)
    jumps += self->order[i] - self->order[i - 1] + RENUMBER_WINDOW > 2 * RENUMBER_WINDOW;
  return jumps;
}

/* Makes ready to renumber the nodes in the sorted order: where each old
 * slot goes, and where each node's edges start. Each node keeps its
 * edges in their order, so its attraction adds up exactly as before. */
static void
plan_renumbering (DetenteGraphLayout *self)
{
  const guint32 *order = self->order;

  self->spare_adj_start[0] = 0;
  for (guint i = 0; i < self->n; i++)
    {
      guint slot = order[i];

      self->rank[slot] = i;
      self->spare_adj_start[i + 1] = self->spare_adj_start[i] +
                                     self->adj_start[slot + 1] - self->adj_start[slot];
    }
}

/* The sorted points' positions, masses and sizes, after moving each
 * node's state to its new slot if they are being renumbered. */
static void
prepare_points (DetenteGraphLayout *self,
                guint               chunk,
                guint               worker)
{
  guint first = chunk * CHUNK_SIZE, last = MIN (self->n, first + CHUNK_SIZE);
  const double *xy = self->xy, *mass = self->mass, *size = self->size;

  if (self->renumbering)
    {
      /* In locals: a byte stored could be any of self's fields. */
      guint32 *order = self->order, *rank = self->rank, *node_of = self->node_of;
      const guint *adj_start = self->adj_start, *adj = self->adj;
      const float *weight = self->adj_weight;
      const double *force = self->force, *old_force = self->old_force;
      const guint8 *pinned = self->pinned;
      guint *new_adj = self->spare_adj;
      float *new_weight = self->spare_adj_weight;
      double *new_xy = self->spare_xy, *new_force = self->spare_force;
      double *new_old_force = self->spare_old_force;
      guint8 *new_pinned = self->spare_pinned;

      for (guint i = first; i < last; i++)
        {
          guint slot = order[i];
          guint at = self->spare_adj_start[i];

          for (guint e = adj_start[slot]; e < adj_start[slot + 1]; e++, at++)
            {
              new_adj[at] = rank[adj[e]];
              new_weight[at] = weight[e];
            }
          new_xy[2 * i] = xy[2 * slot];
          new_xy[2 * i + 1] = xy[2 * slot + 1];
          new_force[2 * i] = force[2 * slot];
          new_force[2 * i + 1] = force[2 * slot + 1];
          new_old_force[2 * i] = old_force[2 * slot];
          new_old_force[2 * i + 1] = old_force[2 * slot + 1];
          self->spare_mass[i] = mass[slot];
          self->spare_size[i] = size[slot];
          new_pinned[i] = pinned[slot];
          self->spare_node_of[i] = node_of[slot];
          self->slot_of[node_of[slot]] = i;
          /* Only this point reads its place in the order. */
          order[i] = i;
        }
      xy = self->spare_xy;
      mass = self->spare_mass;
      size = self->spare_size;
    }

  for (guint i = first; i < last; i++)
    {
      guint slot = self->order[i];

      self->posf[2 * i] = (float) xy[2 * i];
      self->posf[2 * i + 1] = (float) xy[2 * i + 1];
      self->sx[i] = xy[2 * slot];
      self->sy[i] = xy[2 * slot + 1];
      self->sm[i] = mass[slot];
      self->ssize[i] = size[slot];
      self->sxf[i] = self->sx[i];
      self->syf[i] = self->sy[i];
      self->smf[i] = self->sm[i];
    }
}

#define SWAP(a, b) G_STMT_START { gpointer t_ = (a); (a) = (b); (b) = t_; } G_STMT_END

static void
finish_renumbering (DetenteGraphLayout *self)
{
  SWAP (self->adj_start, self->spare_adj_start);
  SWAP (self->adj, self->spare_adj);
  SWAP (self->adj_weight, self->spare_adj_weight);
  SWAP (self->xy, self->spare_xy);
  SWAP (self->force, self->spare_force);
  SWAP (self->old_force, self->spare_old_force);
  SWAP (self->mass, self->spare_mass);
  SWAP (self->size, self->spare_size);
  SWAP (self->pinned, self->spare_pinned);
  SWAP (self->node_of, self->spare_node_of);
  self->renumbering = FALSE;
}

static void
build_tree (DetenteGraphLayout *self)
{
  const double *xy = self->xy;
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double side, scale;

  for (guint i = 0; i < self->n; i++)
    {
      min_x = MIN (min_x, xy[2 * i]);
      max_x = MAX (max_x, xy[2 * i]);
      min_y = MIN (min_y, xy[2 * i + 1]);
      max_y = MAX (max_y, xy[2 * i + 1]);
    }
  side = MAX (max_x - min_x, max_y - min_y);
  if (!(side > 0))
    side = 1;
  /* Slightly more than the extent, so the far edge still rounds into
   * the grid. */
  side *= 1.0 + 1e-9;
  scale = 65535.0 / side;
  for (guint i = 0; i < self->n; i++)
    {
      guint32 qx = (guint32) ((xy[2 * i] - min_x) * scale);
      guint32 qy = (guint32) ((xy[2 * i + 1] - min_y) * scale);

      self->codes[i] = spread_bits (qx) | (spread_bits (qy) << 1);
      self->order[i] = i;
    }
  sort_codes (self);
  self->renumbering = count_jumps (self) > self->n / RENUMBER_JUMPS;
  if (self->renumbering)
    plan_renumbering (self);
  run_parallel (self, prepare_points, (self->n + CHUNK_SIZE - 1) / CHUNK_SIZE, TRUE);
  if (self->renumbering)
    finish_renumbering (self);
  self->n_cells = 0;
  self->n_tasks = 0;
  if (self->n > 0)
    build_cell (self, 0, self->n, 0, side, FALSE);
}

/* The push between two nodes with masses already multiplied into @k.
 * Nodes on the very same spot part in a direction of their own, so that
 * nothing divides by zero and they do not stay stuck together. */
static inline void
repel (double  dx,
       double  dy,
       double  k,
       double  overlap,
       guint   a,
       guint   b,
       double *fx,
       double *fy)
{
  double d2 = dx * dx + dy * dy;

  if (d2 == 0)
    {
      guint64 bits = mix (((guint64) MIN (a, b) << 32) | MAX (a, b));
      double angle = unit (bits) * 2 * G_PI;
      double sign = a < b ? 1 : -1;

      *fx += sign * cos (angle) * k;
      *fy += sign * sin (angle) * k;
      return;
    }
  if (overlap > 0)
    {
      double d = sqrt (d2);
      double gap = d - overlap;

      if (gap > 0)
        k /= gap * d;
      else
        k *= 100 / d;
    }
  else
    k /= d2;
  *fx += dx * k;
  *fy += dy * k;
}

/* The sums of the pushes of @n_bodies (a multiple of BLOCK) bodies on
 * each of @n_points points, each mass / d² along the way from the body:
 * the point's own mass and the scaling are left to the caller. A body on
 * the very spot of a point pushes nothing and is counted in @n_same.
 * Points go two at a time, which reads the bodies half as often and
 * gives the processor two sums to work on; a point's sums are the same
 * as on its own. */
static WIDE_CLONES void
push_bodies (const float *bx,
             const float *by,
             const float *bm,
             guint        n_bodies,
             const float *px,
             const float *py,
             guint        n_points,
             double      *sum_x,
             double      *sum_y,
             gint        *n_same)
{
  const Vec8 one = { 1, 1, 1, 1, 1, 1, 1, 1 };

  for (guint i = 0; i < n_points; i += 2)
    {
      /* An odd point out goes along with itself. */
      guint i2 = MIN (i + 1, n_points - 1);
      Vec8 qx = { 0 }, qy = { 0 }, qx2 = { 0 }, qy2 = { 0 };
      Vec8 vx = { 0 }, vy = { 0 }, same = { 0 };
      Vec8 vx2 = { 0 }, vy2 = { 0 }, same2 = { 0 };
      double x = 0, y = 0, count = 0, x2 = 0, y2 = 0, count2 = 0;

      qx += px[i];
      qy += py[i];
      qx2 += px[i2];
      qy2 += py[i2];
      for (guint k = 0; k < n_bodies; k += BLOCK)
        {
          Vec8 cx, cy, m, dx, dy, d2, f, hit, dx2, dy2, d22, f2, hit2;
          Vec8i zero, zero2;

          memcpy (&cx, bx + k, sizeof cx);
          memcpy (&cy, by + k, sizeof cy);
          memcpy (&m, bm + k, sizeof m);
          dx = qx - cx;
          dy = qy - cy;
          dx2 = qx2 - cx;
          dy2 = qy2 - cy;
          d2 = dx * dx + dy * dy;
          d22 = dx2 * dx2 + dy2 * dy2;
          zero = d2 == 0;
          zero2 = d22 == 0;
          /* Counted in floats, as AVX has no eight-wide integer add. */
          hit = (Vec8) ((Vec8i) one & zero);
          hit2 = (Vec8) ((Vec8i) one & zero2);
          same += hit;
          same2 += hit2;
          d2 += hit;
          d22 += hit2;
          f = (Vec8) ((Vec8i) m & ~zero) / d2;
          f2 = (Vec8) ((Vec8i) m & ~zero2) / d22;
          vx += dx * f;
          vy += dy * f;
          vx2 += dx2 * f2;
          vy2 += dy2 * f2;
        }
      for (guint l = 0; l < BLOCK; l++)
        {
          x += vx[l];
          y += vy[l];
          count += same[l];
          x2 += vx2[l];
          y2 += vy2[l];
          count2 += same2[l];
        }
      sum_x[i] = x;
      sum_y[i] = y;
      n_same[i] = (gint) count;
      sum_x[i2] = x2;
      sum_y[i2] = y2;
      n_same[i2] = (gint) count2;
    }
}

/* The forces on the points of a leaf: the far cells and near leaves the
 * walk found for it, the edges and gravity. */
static void
force_leaf (DetenteGraphLayout *self,
            const Cell         *leaf,
            const Box          *box,
            Walk               *walk)
{
  const DetenteGraphLayoutSettings *s = &self->settings;
  guint n_bodies = walk->n_far;
  gboolean scalar_near = s->prevent_overlap;

  /* Unless sizes count, the points of near leaves are bodies like the
   * far cells, after them: a body on the point itself (or on the very
   * same spot) is left out there, and put right one by one below. */
  if (!scalar_near)
    for (guint r = 0; r < walk->n_near; r++)
      {
        const Cell *near = &self->cells[walk->near[r]];

        /* Runs of a dozen: a loop beats calling memcpy (). */
        for (guint j = near->lo; j < near->hi; j++, n_bodies++)
          {
            walk->far_x[n_bodies] = self->sxf[j];
            walk->far_y[n_bodies] = self->syf[j];
            walk->far_m[n_bodies] = self->smf[j];
          }
      }
  /* Bodies that push nothing round them up to a block; the arrays have
   * room for them. */
  for (; n_bodies % BLOCK != 0; n_bodies++)
    {
      walk->far_x[n_bodies] = box->max_x + 1e6f;
      walk->far_y[n_bodies] = box->max_y + 1e6f;
      walk->far_m[n_bodies] = 0;
    }

  push_bodies (walk->far_x, walk->far_y, walk->far_m, n_bodies,
               self->sxf + leaf->lo, self->syf + leaf->lo, leaf->hi - leaf->lo,
               walk->push_x, walk->push_y, walk->push_same);

  for (guint i = leaf->lo; i < leaf->hi; i++)
    {
      guint slot = self->order[i];
      double px = self->sx[i], py = self->sy[i], pm = self->sm[i];
      double kp = s->scaling * pm, ps = s->prevent_overlap ? self->ssize[i] : 0;
      double fx = kp * walk->push_x[i - leaf->lo], fy = kp * walk->push_y[i - leaf->lo];
      double d, fx_old, fy_old;
      gint n_same = walk->push_same[i - leaf->lo];

      /* One body on the spot is the point itself. */
      if (scalar_near || n_same > 1)
        for (guint r = 0; r < walk->n_near; r++)
          {
            const Cell *near = &self->cells[walk->near[r]];

            for (guint j = near->lo; j < near->hi; j++)
              if (j != i && (scalar_near || ((float) self->sx[j] == (float) px &&
                                             (float) self->sy[j] == (float) py)))
                repel (px - self->sx[j], py - self->sy[j], kp * self->sm[j],
                       s->prevent_overlap ? ps + self->ssize[j] : 0,
                       self->node_of[slot], self->node_of[self->order[j]], &fx, &fy);
          }

      /* Attraction along the edges. */
      {
        const float *posf = self->posf, *weight = self->adj_weight;
        const guint *adj = self->adj;
        guint first = self->adj_start[slot], last = self->adj_start[slot + 1];
        double ax = 0, ay = 0;

        /* The plain case on its own, with nothing the compiler has to
         * load again after a call. */
        if (!s->lin_log && !s->prevent_overlap)
          for (guint e = first; e < last; e++)
            {
              guint other = adj[e];
              double dx = posf[2 * other] - px, dy = posf[2 * other + 1] - py;

              ax += dx * weight[e];
              ay += dy * weight[e];
            }
        else
          for (guint e = first; e < last; e++)
            {
              guint other = adj[e];
              double dx = posf[2 * other] - px, dy = posf[2 * other + 1] - py;
              double k = weight[e];

              d = sqrt (dx * dx + dy * dy);
              if (s->prevent_overlap)
                {
                  double gap = d - ps - self->size[other];

                  if (gap <= 0)
                    continue;
                  k *= (s->lin_log ? log1p (gap) : gap) / d;
                }
              else if (d > 0)
                k *= log1p (d) / d;
              ax += dx * k;
              ay += dy * k;
            }
        if (s->dissuade_hubs)
          {
            ax *= self->attraction_compensation / pm;
            ay *= self->attraction_compensation / pm;
          }
        fx += ax;
        fy += ay;
      }

      /* Gravity towards the centre. */
      d = sqrt (px * px + py * py);
      if (s->strong_gravity)
        {
          fx -= px * s->gravity * pm;
          fy -= py * s->gravity * pm;
        }
      else if (d > 0)
        {
          fx -= px * s->gravity * pm / d;
          fy -= py * s->gravity * pm / d;
        }

      fx_old = self->force[2 * slot];
      fy_old = self->force[2 * slot + 1];
      self->old_force[2 * slot] = fx_old;
      self->old_force[2 * slot + 1] = fy_old;
      self->force[2 * slot] = fx;
      self->force[2 * slot + 1] = fy;
      if (!self->pinned[slot])
        {
          double sx = fx - fx_old, sy = fy - fy_old, tx = fx + fx_old, ty = fy + fy_old;

          walk->sums.swinging += pm * sqrt (sx * sx + sy * sy);
          walk->sums.traction += pm * sqrt (tx * tx + ty * ty) / 2;
        }
    }
}

static inline gboolean
holds (const Cell *cells,
       guint       outer,
       guint       inner)
{
  return outer <= inner && inner < cells[outer].skip;
}

static void
keep_cell (Walk  *walk,
           guint  cell)
{
  if (walk->n_keep == walk->keep_allocated)
    {
      walk->keep_allocated *= 2;
      walk->keep = g_renew (guint, walk->keep, walk->keep_allocated);
    }
  walk->keep[walk->n_keep++] = cell;
}

/* Sorts out, for cell @a, the cells its points may feel: the keep list
 * from its parent (@in_lo … @in_hi − 1), then the children of those it
 * opens. A cell far from @a's box is far from all its points and counts
 * as one body for the whole subtree; a near leaf counts point by point
 * once @a is a leaf too. A near cell more than twice @a's side is opened
 * here, and a smaller one is left to @a's children, which may still take
 * it whole: that balance measured fewest operations. */
static void
sort_out_cells (DetenteGraphLayout *self,
                Walk               *walk,
                guint               a,
                guint               in_lo,
                guint               in_hi)
{
  const Cell *cells = self->cells, *A = &cells[a];
  float theta2 = self->settings.theta * self->settings.theta;
  /* A's box and the counters in locals: the stores into the lists below
   * would otherwise make the compiler load them again each time. */
  const Box *box = &self->boxes[a];
  const Vec4 a_box = { box->min_x, box->min_y, -box->max_x, -box->max_y };
  const Vec4 flip = { -1, -1, 1, 1 };
  float a_size2_4 = 4.0f * A->size2;
  gboolean a_leaf = A->flags & CELL_LEAF;
  float *far_x = walk->far_x, *far_y = walk->far_y, *far_m = walk->far_m;
  guint *work = walk->work, *near = walk->near;
  guint n_far = walk->n_far, n_near = walk->n_near;
  guint work_lo = walk->n_work, n_work = work_lo;

  for (guint k = in_lo;; k++)
    {
      const Cell *B;
      guint b;

      if (k < in_hi)
        b = walk->keep[k];
      else if (work_lo + (k - in_hi) < n_work)
        b = work[work_lo + (k - in_hi)];
      else
        break;
      B = &cells[b];

      if (theta2 > 0 && !holds (cells, b, a))
        {
          float cx = B->cx, cy = B->cy;
          /* How far B's centre is out of A's box on each side; it can
           * be out on one side only, so adding the squares of the sides
           * gives dx² + dy² exactly, without a branch the processor
           * would mispredict half of the time. */
          Vec4 c = { cx, cy, cx, cy };
          Vec4 out = a_box + flip * c;

          out = (Vec4) ((Vec4i) out & (out > 0));
          out *= out;
          if (((out[0] + out[2]) + (out[1] + out[3])) * theta2 > B->size2)
            {
              far_x[n_far] = cx;
              far_y[n_far] = cy;
              far_m[n_far] = B->mass;
              n_far++;
              continue;
            }
        }
      if (B->flags & CELL_LEAF)
        {
          if (a_leaf)
            near[n_near++] = b;
          else
            keep_cell (walk, b);
        }
      else if (a_leaf || B->size2 >= a_size2_4 || holds (cells, b, a))
        {
          for (guint c = b + 1; c < B->skip; c = cells[c].skip)
            work[n_work++] = c;
        }
      else
        keep_cell (walk, b);
    }
  walk->n_far = n_far;
  walk->n_near = n_near;
}

/* Walks the subtree of @a, a cell of the walk's task. */
static void
walk_cell (DetenteGraphLayout *self,
           Walk               *walk,
           guint               a,
           guint               in_lo,
           guint               in_hi)
{
  const Cell *cells = self->cells;
  guint far_mark = walk->n_far, near_mark = walk->n_near, keep_lo = walk->n_keep;

  sort_out_cells (self, walk, a, in_lo, in_hi);
  if (cells[a].flags & CELL_LEAF)
    force_leaf (self, &cells[a], &self->boxes[a], walk);
  else
    for (guint c = a + 1; c < cells[a].skip; c = cells[c].skip)
      walk_cell (self, walk, c, keep_lo, walk->n_keep);

  walk->n_far = far_mark;
  walk->n_near = near_mark;
  walk->n_keep = keep_lo;
}

static void
size_walk (DetenteGraphLayout *self,
           Walk               *walk)
{
  /* Far cells, then the points of near leaves, then padding. */
  gsize room = (gsize) self->n_cells + self->n + BLOCK;

  if (walk->room < room)
    {
      walk->room = room + room / 4;
      g_free (walk->far_x);
      g_free (walk->far_y);
      g_free (walk->far_m);
      g_free (walk->near);
      g_free (walk->work);
      g_free (walk->push_x);
      g_free (walk->push_y);
      g_free (walk->push_same);
      walk->far_x = g_new (float, walk->room);
      walk->far_y = g_new (float, walk->room);
      walk->far_m = g_new (float, walk->room);
      walk->near = g_new (guint, walk->room);
      walk->work = g_new (guint, walk->room);
      walk->push_x = g_new (double, walk->room);
      walk->push_y = g_new (double, walk->room);
      walk->push_same = g_new (gint, walk->room);
    }
  if (walk->keep == NULL)
    {
      walk->keep_allocated = 64;
      walk->keep = g_new (guint, walk->keep_allocated);
    }
  walk->n_far = walk->n_near = walk->n_work = walk->n_keep = 0;
}

/* Keeps where the walk stands on reaching task @t: its far cells and
 * the cells it has to look at. */
static void
save_start (DetenteGraphLayout *self,
            Walk               *walk,
            guint               t,
            guint               keep_lo,
            guint               keep_hi)
{
  Start *start = &self->starts[t];
  gsize far_needed = self->n_start_far + walk->n_far;
  gsize keep_needed = self->n_start_keep + (keep_hi - keep_lo);

  if (far_needed > self->start_far_allocated)
    {
      self->start_far_allocated = MAX (far_needed, 2 * self->start_far_allocated);
      self->start_far = g_renew (float, self->start_far, 3 * self->start_far_allocated);
    }
  if (keep_needed > self->start_keep_allocated)
    {
      self->start_keep_allocated = MAX (keep_needed, 2 * self->start_keep_allocated);
      self->start_keep = g_renew (guint, self->start_keep, self->start_keep_allocated);
    }
  start->far = self->n_start_far;
  start->n_far = walk->n_far;
  for (guint k = 0; k < walk->n_far; k++)
    {
      self->start_far[3 * (self->n_start_far + k)] = walk->far_x[k];
      self->start_far[3 * (self->n_start_far + k) + 1] = walk->far_y[k];
      self->start_far[3 * (self->n_start_far + k) + 2] = walk->far_m[k];
    }
  self->n_start_far += walk->n_far;
  start->keep = self->n_start_keep;
  start->n_keep = keep_hi - keep_lo;
  memcpy (self->start_keep + self->n_start_keep, walk->keep + keep_lo,
          (keep_hi - keep_lo) * sizeof (guint));
  self->n_start_keep += keep_hi - keep_lo;
}

/* Walks the cells above the tasks, once for all of them. */
static void
walk_above (DetenteGraphLayout *self,
            Walk               *walk,
            guint               a,
            guint               in_lo,
            guint               in_hi,
            guint              *t)
{
  const Cell *cells = self->cells;
  guint far_mark = walk->n_far, keep_lo = walk->n_keep;

  sort_out_cells (self, walk, a, in_lo, in_hi);
  for (guint c = a + 1; c < cells[a].skip; c = cells[c].skip)
    if (cells[c].flags & CELL_TASK)
      {
        g_assert (self->tasks[*t] == c);
        save_start (self, walk, (*t)++, keep_lo, walk->n_keep);
      }
    else
      walk_above (self, walk, c, keep_lo, walk->n_keep, t);

  walk->n_far = far_mark;
  walk->n_keep = keep_lo;
}

static void
find_starts (DetenteGraphLayout *self)
{
  Walk *walk = &self->walks[0];
  guint t = 0;

  size_walk (self, walk);
  self->n_start_far = 0;
  self->n_start_keep = 0;
  walk->keep[walk->n_keep++] = 0;
  if (self->cells[0].flags & CELL_TASK)
    save_start (self, walk, t++, 0, 1);
  else
    walk_above (self, walk, 0, 0, 1, &t);
  g_assert (t == self->n_tasks);
}

static void
compute_forces (DetenteGraphLayout *self,
                guint               chunk,
                guint               worker)
{
  /* A copy on this thread's stack, so that threads do not share the
   * cache lines of their counters. */
  Walk walk = self->walks[worker];
  const Start *start = &self->starts[chunk];

  size_walk (self, &walk);
  walk.sums.swinging = walk.sums.traction = 0;
  for (guint k = 0; k < start->n_far; k++)
    {
      walk.far_x[k] = self->start_far[3 * (start->far + k)];
      walk.far_y[k] = self->start_far[3 * (start->far + k) + 1];
      walk.far_m[k] = self->start_far[3 * (start->far + k) + 2];
    }
  walk.n_far = start->n_far;
  while (walk.keep_allocated < start->n_keep)
    {
      walk.keep_allocated *= 2;
      walk.keep = g_renew (guint, walk.keep, walk.keep_allocated);
    }
  memcpy (walk.keep, self->start_keep + start->keep, start->n_keep * sizeof (guint));
  walk.n_keep = start->n_keep;

  walk_cell (self, &walk, self->tasks[chunk], 0, start->n_keep);
  self->sums[chunk] = walk.sums;
  self->walks[worker] = walk;
}

static void
move_nodes (DetenteGraphLayout *self,
            guint               chunk,
            guint               worker)
{
  guint first = chunk * CHUNK_SIZE, last = MIN (self->n, first + CHUNK_SIZE);

  for (guint slot = first; slot < last; slot++)
    {
      double fx = self->force[2 * slot], fy = self->force[2 * slot + 1];
      double sx = fx - self->old_force[2 * slot], sy = fy - self->old_force[2 * slot + 1];
      double swinging, factor;

      if (self->pinned[slot])
        continue;
      swinging = self->mass[slot] * sqrt (sx * sx + sy * sy);
      factor = self->speed / (1 + sqrt (self->speed * swinging));
      if (self->settings.prevent_overlap)
        {
          /* Slower, and never more than 10 units in one step, so nodes
           * that overlap come apart without flying off. */
          double f = sqrt (fx * fx + fy * fy);

          factor *= 0.1;
          if (f > 0)
            factor = MIN (factor * f, 10.0) / f;
        }
      self->xy[2 * slot] += fx * factor;
      self->xy[2 * slot + 1] += fy * factor;
      /* Where callers look; a pinned node is there already. */
      self->pos[2 * self->node_of[slot]] = self->xy[2 * slot];
      self->pos[2 * self->node_of[slot] + 1] = self->xy[2 * slot + 1];
    }
}

/* The global speed, from how much the nodes swing against how much they
 * move on, as the paper and Gephi adapt it. */
static void
adapt_speed (DetenteGraphLayout *self,
             guint               n_chunks)
{
  double swinging = 0, traction = 0, n = self->n;
  double tolerance, estimate, min_tolerance, target;

  for (guint i = 0; i < n_chunks; i++)
    {
      swinging += self->sums[i].swinging;
      traction += self->sums[i].traction;
    }

  estimate = 0.05 * sqrt (n);
  min_tolerance = sqrt (estimate);
  tolerance = self->settings.jitter_tolerance *
              MAX (min_tolerance, MIN (10.0, estimate * traction / (n * n)));
  if (traction > 0 && swinging / traction > 2.0)
    {
      if (self->speed_efficiency > MIN_SPEED_EFFICIENCY)
        self->speed_efficiency *= 0.5;
      tolerance = MAX (tolerance, self->settings.jitter_tolerance);
    }

  if (swinging > 0)
    target = tolerance * self->speed_efficiency * traction / swinging;
  else
    target = self->speed * (1 + MAX_RISE);
  if (swinging > tolerance * traction)
    {
      if (self->speed_efficiency > MIN_SPEED_EFFICIENCY)
        self->speed_efficiency *= 0.7;
    }
  else if (self->speed < 1000)
    self->speed_efficiency *= 1.3;

  self->speed += MIN (target - self->speed, MAX_RISE * self->speed);
  if (!(self->speed > 0) || !isfinite (self->speed))
    self->speed = 1e-6;
}

/**
 * detente_graph_layout_step:
 * @self: a #DetenteGraphLayout
 * @n_iterations: how many iterations to run
 *
 * Moves the nodes by @n_iterations iterations of ForceAtlas2. Pinned
 * nodes stay where they are.
 */
void
detente_graph_layout_step (DetenteGraphLayout *self,
                           guint               n_iterations)
{
  guint n_chunks;

  g_return_if_fail (self != NULL);

  if (self->n == 0)
    return;
  n_chunks = (self->n + CHUNK_SIZE - 1) / CHUNK_SIZE;
  for (guint it = 0; it < n_iterations; it++)
    {
      guint n_force_chunks;

      build_tree (self);
      find_starts (self);
      n_force_chunks = self->n_tasks;
      run_parallel (self, compute_forces, n_force_chunks, FALSE);
      adapt_speed (self, n_force_chunks);
      run_parallel (self, move_nodes, n_chunks, TRUE);
      self->iterations++;
    }
}

/* Edge weights count as weight ^ influence; with hubs dissuaded, the
 * attraction is made up for by the mean mass, as Gephi does, so that the
 * layout keeps its scale. */
static void
weigh_edges (DetenteGraphLayout *self)
{
  double influence = self->settings.edge_weight_influence;
  double total_mass = 0;

  /* A node's edges keep their order through renumbering. */
  for (guint i = 0; i < self->n; i++)
    {
      const double *raw = self->adj_raw + self->raw_start[self->node_of[i]];

      for (guint e = self->adj_start[i]; e < self->adj_start[i + 1]; e++, raw++)
        {
          if (influence == 0)
            self->adj_weight[e] = 1;
          else if (influence == 1)
            self->adj_weight[e] = *raw;
          else
            self->adj_weight[e] = pow (*raw, influence);
        }
    }
  for (guint i = 0; i < self->n; i++)
    total_mass += self->mass[i];
  self->attraction_compensation = self->n > 0 ? total_mass / self->n : 1;
}

/**
 * detente_graph_layout_new:
 * @seed: where the random first places come from
 *
 * Returns: (transfer full): an empty layout
 */
DetenteGraphLayout *
detente_graph_layout_new (guint32 seed)
{
  DetenteGraphLayout *self = g_new0 (DetenteGraphLayout, 1);

  self->seed = seed;
  self->n_threads = 1;
  self->speed = 1;
  self->speed_efficiency = 1;
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  detente_graph_layout_settings_init (&self->settings, 0);
  self->adj_start = g_new0 (guint, 1);
  return self;
}

/* Some keys may be missing, so a NULL does not end the array. */
static void
free_keys (char  **keys,
           guint   n)
{
  if (keys == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_free (keys[i]);
  g_free (keys);
}

static void
free_graph (DetenteGraphLayout *self)
{
  g_hash_table_remove_all (self->index);
  free_keys (g_steal_pointer (&self->keys), self->n);
  g_clear_pointer (&self->pos, g_free);
  g_clear_pointer (&self->node_of, g_free);
  g_clear_pointer (&self->slot_of, g_free);
  g_clear_pointer (&self->xy, g_free);
  g_clear_pointer (&self->posf, g_free);
  g_clear_pointer (&self->force, g_free);
  g_clear_pointer (&self->old_force, g_free);
  g_clear_pointer (&self->mass, g_free);
  g_clear_pointer (&self->size, g_free);
  g_clear_pointer (&self->pinned, g_free);
  g_clear_pointer (&self->adj_start, g_free);
  g_clear_pointer (&self->adj, g_free);
  g_clear_pointer (&self->adj_raw, g_free);
  g_clear_pointer (&self->raw_start, g_free);
  g_clear_pointer (&self->adj_weight, g_free);
  g_clear_pointer (&self->codes, g_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->scratch_codes, g_free);
  g_clear_pointer (&self->scratch_order, g_free);
  g_clear_pointer (&self->sx, g_free);
  g_clear_pointer (&self->sy, g_free);
  g_clear_pointer (&self->sm, g_free);
  g_clear_pointer (&self->ssize, g_free);
  g_clear_pointer (&self->rank, g_free);
  g_clear_pointer (&self->spare_adj_start, g_free);
  g_clear_pointer (&self->spare_adj, g_free);
  g_clear_pointer (&self->spare_adj_weight, g_free);
  g_clear_pointer (&self->spare_xy, g_free);
  g_clear_pointer (&self->spare_force, g_free);
  g_clear_pointer (&self->spare_old_force, g_free);
  g_clear_pointer (&self->spare_mass, g_free);
  g_clear_pointer (&self->spare_size, g_free);
  g_clear_pointer (&self->spare_pinned, g_free);
  g_clear_pointer (&self->spare_node_of, g_free);
  g_clear_pointer (&self->sxf, g_free);
  g_clear_pointer (&self->syf, g_free);
  g_clear_pointer (&self->smf, g_free);
  g_clear_pointer (&self->sums, g_free);
  g_clear_pointer (&self->tasks, g_free);
  g_clear_pointer (&self->starts, g_free);
}

/**
 * detente_graph_layout_free:
 * @self: a #DetenteGraphLayout
 *
 * Frees @self and stops its threads.
 */
void
detente_graph_layout_free (DetenteGraphLayout *self)
{
  if (self == NULL)
    return;
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  free_graph (self);
  g_hash_table_unref (self->index);
  g_aligned_free (self->cells);
  g_free (self->boxes);
  g_free (self->start_far);
  g_free (self->start_keep);
  for (guint i = 0; i < MAX_THREADS; i++)
    {
      g_free (self->walks[i].far_x);
      g_free (self->walks[i].far_y);
      g_free (self->walks[i].far_m);
      g_free (self->walks[i].near);
      g_free (self->walks[i].work);
      g_free (self->walks[i].push_x);
      g_free (self->walks[i].push_y);
      g_free (self->walks[i].push_same);
      g_free (self->walks[i].keep);
    }
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

/**
 * detente_graph_layout_set_settings:
 * @self: a #DetenteGraphLayout
 * @settings: the settings to use from the next iteration on
 */
void
detente_graph_layout_set_settings (DetenteGraphLayout               *self,
                                   const DetenteGraphLayoutSettings *settings)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (settings != NULL);
  g_return_if_fail (settings->scaling > 0 && settings->theta >= 0);

  self->settings = *settings;
  weigh_edges (self);
}

/**
 * detente_graph_layout_get_settings:
 * @self: a #DetenteGraphLayout
 * @settings: (out caller-allocates): where to copy the settings
 */
void
detente_graph_layout_get_settings (DetenteGraphLayout         *self,
                                   DetenteGraphLayoutSettings *settings)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (settings != NULL);

  *settings = self->settings;
}

/**
 * detente_graph_layout_set_n_threads:
 * @self: a #DetenteGraphLayout
 * @n_threads: threads to share an iteration between, 0 for one per core
 *
 * The layout comes out the same whatever the number of threads.
 */
void
detente_graph_layout_set_n_threads (DetenteGraphLayout *self,
                                    guint               n_threads)
{
  g_return_if_fail (self != NULL);

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX_THREADS);
  if (n_threads == self->n_threads)
    return;
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  self->n_threads = n_threads;
}

/* A new node starts next to the neighbours that already have a place, or
 * anywhere in the area of the graph when none has. */
static void
place_new_node (DetenteGraphLayout *self,
                guint               node,
                const guint8       *placed,
                double              radius)
{
  guint64 bits = node_hash (self, node);
  double angle = unit (bits) * 2 * G_PI;
  double r = sqrt (unit (mix (bits)));
  double x = 0, y = 0;
  guint n_placed = 0;

  for (guint e = self->adj_start[node]; e < self->adj_start[node + 1]; e++)
    {
      guint other = self->adj[e];

      if (placed[other])
        {
          x += self->pos[2 * other];
          y += self->pos[2 * other + 1];
          n_placed++;
        }
    }
  if (n_placed > 0)
    {
      /* Close by, but not on top of them. */
      double near = 1 + self->size[node];

      self->pos[2 * node] = x / n_placed + cos (angle) * near * (0.5 + r);
      self->pos[2 * node + 1] = y / n_placed + sin (angle) * near * (0.5 + r);
    }
  else
    {
      self->pos[2 * node] = cos (angle) * r * radius;
      self->pos[2 * node + 1] = sin (angle) * r * radius;
    }
}

/**
 * detente_graph_layout_set_graph:
 * @self: a #DetenteGraphLayout
 * @n_nodes: the number of nodes
 * @keys: (nullable) (array length=n_nodes): a key for each node, which
 *   keeps its place and pin from one graph to the next
 * @sizes: (nullable) (array length=n_nodes): node radii, for preventing
 *   overlap; %NULL for all 1
 * @n_edges: the number of edges
 * @edges: (array): 2 × @n_edges node indices, the ends of each edge
 * @weights: (nullable) (array length=n_edges): edge weights; %NULL for all 1
 *
 * Gives the layout a graph. Nodes with a key the previous graph had keep
 * their place and pin; new nodes start next to their neighbours. Edges
 * from a node to itself are ignored.
 */
void
detente_graph_layout_set_graph (DetenteGraphLayout *self,
                                guint               n_nodes,
                                const char * const *keys,
                                const double       *sizes,
                                guint               n_edges,
                                const guint        *edges,
                                const double       *weights)
{
  g_autofree double *old_pos = NULL;
  g_autofree guint8 *old_pinned = NULL;
  g_autofree guint8 *placed = NULL;
  g_autoptr(GHashTable) old_index = NULL;
  char **old_keys = NULL;
  g_autofree guint *fill = NULL;
  double radius = 0;
  guint n_old, n_placed = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n_edges == 0 || edges != NULL);
  for (guint e = 0; e < 2 * n_edges; e++)
    g_return_if_fail (edges[e] < n_nodes);

  n_old = self->n;
  old_pos = g_steal_pointer (&self->pos);
  old_pinned = g_new (guint8, MAX (n_old, 1));
  for (guint i = 0; i < n_old; i++)
    old_pinned[i] = self->pinned[self->slot_of[i]];
  old_keys = g_steal_pointer (&self->keys);
  old_index = g_steal_pointer (&self->index);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  free_graph (self);

  self->n = n_nodes;
  self->n_edges = n_edges;
  self->pos = g_new0 (double, 2 * (gsize) n_nodes);
  self->posf = g_new0 (float, 2 * (gsize) n_nodes + 1);
  self->force = g_new0 (double, 2 * (gsize) n_nodes);
  self->old_force = g_new0 (double, 2 * (gsize) n_nodes);
  self->mass = g_new (double, n_nodes);
  self->size = g_new (double, n_nodes);
  self->pinned = g_new0 (guint8, n_nodes);
  self->codes = g_new (guint32, n_nodes);
  self->order = g_new (guint32, n_nodes);
  self->scratch_codes = g_new (guint32, n_nodes);
  self->scratch_order = g_new (guint32, n_nodes);
  self->sx = g_new (double, n_nodes);
  self->sy = g_new (double, n_nodes);
  self->sm = g_new (double, n_nodes);
  self->ssize = g_new (double, n_nodes);
  self->rank = g_new (guint32, n_nodes);
  self->spare_adj_start = g_new (guint, (gsize) n_nodes + 1);
  self->spare_xy = g_new (double, 2 * (gsize) n_nodes);
  self->spare_force = g_new (double, 2 * (gsize) n_nodes);
  self->spare_old_force = g_new (double, 2 * (gsize) n_nodes);
  self->spare_mass = g_new (double, n_nodes);
  self->spare_size = g_new (double, n_nodes);
  self->spare_pinned = g_new (guint8, n_nodes);
  self->spare_node_of = g_new (guint32, n_nodes);
  self->sxf = g_new (float, n_nodes);
  self->syf = g_new (float, n_nodes);
  self->smf = g_new (float, n_nodes);
  /* Tasks hold points of their own: never more of them than nodes. */
  self->tasks = g_new (guint32, (gsize) n_nodes + 1);
  self->starts = g_new (Start, (gsize) n_nodes + 1);
  self->sums = g_new0 (Sums, (gsize) n_nodes + 1);
  if (keys != NULL)
    {
      self->keys = g_new0 (char *, (gsize) n_nodes + 1);
      for (guint i = 0; i < n_nodes; i++)
        {
          self->keys[i] = g_strdup (keys[i]);
          if (keys[i] != NULL)
            g_hash_table_insert (self->index, self->keys[i], GUINT_TO_POINTER (i + 1));
        }
    }

  /* Neighbours, both ways. */
  self->adj_start = g_new0 (guint, (gsize) n_nodes + 1);
  for (guint e = 0; e < n_edges; e++)
    if (edges[2 * e] != edges[2 * e + 1])
      {
        self->adj_start[edges[2 * e] + 1]++;
        self->adj_start[edges[2 * e + 1] + 1]++;
      }
  for (guint i = 0; i < n_nodes; i++)
    {
      self->mass[i] = 1 + self->adj_start[i + 1];
      self->size[i] = sizes != NULL ? sizes[i] : 1;
      self->adj_start[i + 1] += self->adj_start[i];
    }
  self->adj = g_new (guint, self->adj_start[n_nodes] + 1);
  self->adj_raw = g_new (double, self->adj_start[n_nodes] + 1);
  self->adj_weight = g_new (float, self->adj_start[n_nodes] + 1);
  self->spare_adj = g_new (guint, self->adj_start[n_nodes] + 1);
  self->spare_adj_weight = g_new (float, self->adj_start[n_nodes] + 1);
  fill = g_memdup2 (self->adj_start, sizeof (guint) * n_nodes);
  for (guint e = 0; e < n_edges; e++)
    {
      guint a = edges[2 * e], b = edges[2 * e + 1];
      double w = weights != NULL ? MAX (weights[e], 0) : 1;

      if (a == b)
        continue;
      self->adj[fill[a]] = b;
      self->adj_raw[fill[a]++] = w;
      self->adj[fill[b]] = a;
      self->adj_raw[fill[b]++] = w;
    }
  /* Slots start in the caller's order. */
  self->raw_start = g_memdup2 (self->adj_start, sizeof (guint) * ((gsize) n_nodes + 1));
  self->node_of = g_new (guint32, MAX (n_nodes, 1));
  self->slot_of = g_new (guint32, MAX (n_nodes, 1));
  for (guint i = 0; i < n_nodes; i++)
    self->node_of[i] = self->slot_of[i] = i;
  weigh_edges (self);

  /* Places: kept by key, then new nodes next to their neighbours. */
  placed = g_new0 (guint8, MAX (n_nodes, 1));
  if (keys != NULL && old_keys != NULL)
    for (guint i = 0; i < n_nodes; i++)
      {
        gpointer found;

        if (keys[i] != NULL && (found = g_hash_table_lookup (old_index, keys[i])) != NULL)
          {
            guint old = GPOINTER_TO_UINT (found) - 1;

            self->pos[2 * i] = old_pos[2 * old];
            self->pos[2 * i + 1] = old_pos[2 * old + 1];
            self->pinned[i] = old_pinned[old];
            placed[i] = TRUE;
            n_placed++;
            radius = MAX (radius, hypot (self->pos[2 * i], self->pos[2 * i + 1]));
          }
      }
  if (n_placed == 0)
    /* A fresh start: a disc whose area grows with the graph. */
    radius = 10 * sqrt (n_nodes + 1.0);
  for (guint i = 0; i < n_nodes; i++)
    if (!placed[i])
      {
        place_new_node (self, i, placed, radius);
        /* Later nodes may start next to this one. */
        placed[i] = n_placed > 0;
      }

  free_keys (old_keys, n_old);

  self->xy = g_memdup2 (self->pos, sizeof (double) * 2 * MAX (n_nodes, 1));

  self->speed = 1;
  self->speed_efficiency = 1;
  self->iterations = 0;
}

/**
 * detente_graph_layout_get_n_nodes:
 * @self: a #DetenteGraphLayout
 *
 * Returns: the number of nodes
 */
guint
detente_graph_layout_get_n_nodes (DetenteGraphLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

/**
 * detente_graph_layout_get_positions:
 * @self: a #DetenteGraphLayout
 *
 * Returns: (transfer none) (nullable): x and y of each node, in turn;
 *   valid until the next step or graph
 */
const double *
detente_graph_layout_get_positions (DetenteGraphLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->pos;
}

/**
 * detente_graph_layout_set_position:
 * @self: a #DetenteGraphLayout
 * @node: a node
 * @x: where it goes
 * @y: where it goes
 *
 * Moves a node, as dragging it does; pin it to keep it there.
 */
void
detente_graph_layout_set_position (DetenteGraphLayout *self,
                                   guint               node,
                                   double              x,
                                   double              y)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node < self->n);
  g_return_if_fail (isfinite (x) && isfinite (y));

  self->pos[2 * node] = x;
  self->pos[2 * node + 1] = y;
  self->xy[2 * self->slot_of[node]] = x;
  self->xy[2 * self->slot_of[node] + 1] = y;
}

/**
 * detente_graph_layout_set_pinned:
 * @self: a #DetenteGraphLayout
 * @node: a node
 * @pinned: whether the node stays where it is
 */
void
detente_graph_layout_set_pinned (DetenteGraphLayout *self,
                                 guint               node,
                                 gboolean            pinned)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (node < self->n);

  self->pinned[self->slot_of[node]] = !!pinned;
}

/**
 * detente_graph_layout_get_pinned:
 * @self: a #DetenteGraphLayout
 * @node: a node
 *
 * Returns: whether @node is pinned
 */
gboolean
detente_graph_layout_get_pinned (DetenteGraphLayout *self,
                                 guint               node)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (node < self->n, FALSE);

  return self->pinned[self->slot_of[node]];
}

/**
 * detente_graph_layout_get_iterations:
 * @self: a #DetenteGraphLayout
 *
 * Returns: the iterations run since the graph was set
 */
guint
detente_graph_layout_get_iterations (DetenteGraphLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->iterations;
}

/**
 * detente_graph_layout_get_speed:
 * @self: a #DetenteGraphLayout
 *
 * Returns: the global speed the last iteration settled on; it falls as
 *   the layout settles
 */
double
detente_graph_layout_get_speed (DetenteGraphLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->speed;
}

/**
 * detente_graph_layout_energy:
 * @self: a #DetenteGraphLayout
 *
 * The energy whose slope the forces follow: edges stretched (d²/2, or
 * (1 + d) ln (1 + d) − d in LinLog mode) minus the repulsion's
 * kr·m·m′·ln d over every pair, plus gravity. It counts every pair, so
 * it is for tests and small graphs; it leaves out overlap and hubs.
 *
 * Returns: the energy of the current positions
 */
double
detente_graph_layout_energy (DetenteGraphLayout *self)
{
  const DetenteGraphLayoutSettings *s;
  double energy = 0;

  g_return_val_if_fail (self != NULL, 0);

  s = &self->settings;
  for (guint i = 0; i < self->n; i++)
    {
      double xi = self->xy[2 * i], yi = self->xy[2 * i + 1];
      double d = hypot (xi, yi);

      energy += s->strong_gravity ? s->gravity * self->mass[i] * d * d / 2
                                  : s->gravity * self->mass[i] * d;
      for (guint j = i + 1; j < self->n; j++)
        {
          double dj = hypot (xi - self->xy[2 * j], yi - self->xy[2 * j + 1]);

          if (dj > 0)
            energy -= s->scaling * self->mass[i] * self->mass[j] * log (dj);
        }
      /* Each edge is listed at both ends: count it at its lower one. */
      for (guint e = self->adj_start[i]; e < self->adj_start[i + 1]; e++)
        if (self->adj[e] > i)
          {
            guint j = self->adj[e];
            double dj = hypot (xi - self->xy[2 * j], yi - self->xy[2 * j + 1]);

            energy += self->adj_weight[e] * (s->lin_log ? (1 + dj) * log1p (dj) - dj : dj * dj / 2);
          }
    }
  return energy;
}
