/* detente-edge-raster.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "detente-edge-raster.h"
#include "detente-scratch.h"

/* Antialiased lines written straight into an ARGB32 buffer, for graphs
 * with tens of thousands of edges, where one cairo_stroke() per edge
 * costs tens of µs each.
 *
 * A line is walked along its major axis, one pixel column (or row) at a
 * time. Across it, the line is a strip between two parallel edges; the
 * area of a pixel under the strip is the integral, over the pixel's
 * width, of its overlap with the strip, a piecewise quadratic of each
 * edge's height (cover_below), tabulated by slope and by 1/256 of a
 * pixel. The heights are fixed point, computed afresh for each column,
 * and step by exactly one row's worth of the table down the column.
 * Along the line, the butt caps and the dashes are a box filter as wide
 * as the pixel is when seen along the line (|cos| + |sin|), multiplied
 * in; only the pixels near a cap or in a dashed line pay for it.
 *
 * Coverage becomes an 8-bit mask and the colour goes "over" in
 * premultiplied space with pixman's rounding, so a pixel comes out as
 * cairo would write it for the same coverage. A graph's edges mostly
 * share one colour, and then a tile adds up their opacities instead
 * (log_table) and blends once per pixel.
 *
 * Every pixel's value is computed from its own coordinates and the
 * line's constants, never carried from its neighbours, and lines are
 * clipped to the whole surface, never to the band: so a band of rows, or
 * a tile of a DetenteEdgeRasterPlan, is the same whichever others are
 * drawn, and by whichever thread. Tiles exist because a frame's lines are
 * then prepared once, not once a band. */

#define MAX_WIDTH 4096.0

/* Dashes shorter than this (already a flat 50 % at any size under a
 * pixel) count as this, which keeps the pattern's index in an int. */
#define MIN_DASH (1.0 / 64.0)

/* Room kept outside the surface when clipping, so the caps of a clipped
 * end fall wholly outside it. */
#define CLIP_MARGIN(w) ((w) + 4.0)

/* cover_below() is tabulated for COVER_SLOPES + 1 slopes from level to
 * 45°, at 1/COVER_STEPS of a pixel for heights from -1/2 to 3/2, in
 * fixed point with COVER_ONE for a whole pixel. */
#define COVER_SLOPES 32
#define COVER_STEPS 256
#define COVER_SIZE (2 * COVER_STEPS + 1)
#define COVER_SHIFT 15
#define COVER_ONE (1 << COVER_SHIFT)

/* Interior columns must clear the caps by this much, so that rounding
 * cannot make the shortcut leave out some of a cap. */
#define INTERIOR_SLACK 0.01f

/* Rows drawn together: all the lines crossing a strip of this many rows
 * are drawn before the next strip, so that the pixels being written stay
 * in the cache (a strip of 1920 pixels is 240 KiB). */
#define STRIP_ROWS 32

/* Lines prepared at a time: their constants take about 100 bytes each. */
#define CHUNK_LINES 16384

/* A prepared line, in three cache lines on 64-bit machines: the first
 * holds what a tile reads for the columns of a hairline, the common line
 * of big graphs, clear of its caps, and the second what a strip adds. */
typedef struct
{
  gint64   hair_base;   /* a hairline's centre less 1/2, at major pixel i: */
  gint64   hair_step;   /* hair_base + i · hair_step, 32.32 fixed point */
  float    c0;          /* the centre's minor coordinate at major pixel 0's centre */
  float    inv_slope;   /* 1 / slope, or 0 for a level line */
  float    half;        /* half the strip's height across the major axis */
  float    a;           /* |slope| / 2 */
  int      major_lo;    /* major pixels that may be touched, within the surface */
  int      major_hi;
  int      interior_lo; /* major pixels clear of the caps, if solid or a hairline */
  int      interior_hi;
  guint32  hair_opacity_q; /* a hairline's opacity for a whole pixel, in 1/256 */
  guint32  dash_phi0;   /* a dashed hairline clear of its caps: where the pattern */
  guint32  dash_phi_step; /* stands at major pixel i's centre, in 2^-32 periods, */
                        /* dash_phi0 + i · dash_phi_step */
  guint8   y_major;
  guint8   hairline;
  guint8   dashed;

  gint64   k0_base;     /* the two edges' heights at major pixel i's centre, in */
  gint64   k1_base;     /* cover_table's steps and 32 bits of fraction, plus 1/2 pixel */
  gint64   k_step;      /* for rounding: k_base + i * k_step */
  const guint16 *cover; /* cover_table's row for the slope */
  const guint16 *padded; /* padded_table's row, at cover_table's first entry, or NULL */
  int      a_steps;     /* @a in the table's steps, rounded up, at least the table's */
  int      iscale;      /* 255, times the fading of thin lines */
  guint32  amul;        /* the line's opacity, alpha × iscale, as 2^23 × it / COVER_ONE */
  guint32  src_packed;
  guint64  src;         /* premultiplied, spread out as by spread() */

  float    t0;          /* distance along the line at pixel (0, 0)'s centre */
  float    t_major;     /* and its steps, per major and per minor pixel */
  float    t_minor;
  float    length;
  float    hf;          /* half the pixel's width seen along the line */
  float    inv_fw;
  float    slope;       /* minor per major, |slope| <= 1 */
  guint32  hair_mask_q; /* hair_mask in 1/256 */
  float    hair_mask;   /* a hairline's mask for a whole pixel: 255 × fade × the column's height */
  float    hair_opacity; /* and its opacity, the same times alpha / 255 */
  float    dash_k;      /* period / 2^32 / the window of dash_cover() */
  float    phase;       /* where the dash pattern stands at t = 0 */
  float    dash;        /* the period is twice this */
  float    inv_period;
  int      row_lo;      /* rows that may be touched, within the surface */
  int      row_hi;
} __attribute__ ((aligned (64))) Line;

G_STATIC_ASSERT (sizeof (Line) <= 192);

G_STATIC_ASSERT (G_ALIGNOF (Line) <= DETENTE_SCRATCH_ALIGN);

static guint16 cover_table[COVER_SLOPES + 1][COVER_SIZE];

/* The same rows with COVER_PAD copies of their first and last values on
 * either side, so that lines up to a few pixels wide, the common ones,
 * read their pixels' covers without clamping the indices. */
#define COVER_PAD 2048
static guint16 padded_table[COVER_SLOPES + 1][COVER_PAD + COVER_SIZE + COVER_PAD];

/* Lines of one colour C composite to the same picture in any order:
 * over a pixel d, lines of opacities αᵢ give C + (d − C)·Π(1 − αᵢ). So
 * a tile of such lines adds up −ln(1 − αᵢ) for each pixel, in fixed
 * point with 1 << LOG_SHIFT for 1, one addition where a blend would be,
 * and makes the sums into one blend at the end. log_table holds the term
 * for an 8-bit opacity, as pixman would round it; resolve_table turns a
 * sum, over 1 << RESOLVE_SHIFT, back into 255·Π(1 − αᵢ). Sums beyond
 * LOG_MAX leave less than half a level of the pixel below. */
#define LOG_SHIFT 10
#define LOG_MAX (12 << LOG_SHIFT)
#define RESOLVE_SHIFT 1

static guint16 log_table[256];
static guint8 resolve_table[(LOG_MAX >> RESOLVE_SHIFT) + 1];

#define LANES 0x00ff00ff00ff00ffull

/* 0xAARRGGBB as four 16-bit lanes, 0x00AA00GG00RR00BB. */
static inline guint64
spread (guint32 x)
{
  return (x & 0x00ff00ff) | ((guint64) (x & 0xff00ff00) << 24);
}

static inline guint32
gather (guint64 x)
{
  return (guint32) (x & 0x00ff00ff) | (guint32) ((x >> 24) & 0xff00ff00);
}

/* x·a/255 in each lane, rounded as pixman rounds. */
static inline guint64
mul_un8x4 (guint64 x,
           guint32 a)
{
  guint64 t = x * a + 0x0080008000800080ull;

  return ((t + ((t >> 8) & LANES)) >> 8) & LANES;
}

static inline guint64
add_un8x4_sat (guint64 x,
               guint64 y)
{
  guint64 t = x + y;

  t |= 0x0100010001000100ull - ((t >> 8) & 0x0001000100010001ull);
  return t & LANES;
}

/* What pixman does for OVER with a solid source and an a8 mask. */
static inline guint32
blend_over (guint32 dst,
            guint64 src,
            guint32 mask)
{
  guint64 s = mul_un8x4 (src, mask);

  return gather (add_un8x4_sat (mul_un8x4 (spread (dst), 255 - (guint32) (s >> 48)), s));
}

#ifdef __SSE2__
/* mul_un8x4() on eight 16-bit lanes. */
static inline __m128i
mul_un8x8 (__m128i x,
           __m128i a)
{
  __m128i t = _mm_add_epi16 (_mm_mullo_epi16 (x, a), _mm_set1_epi16 (0x80));

  return _mm_srli_epi16 (_mm_add_epi16 (t, _mm_srli_epi16 (t, 8)), 8);
}
#endif

/* A tile's sums back into masks and blends, and the sums back to 0 for
 * the next tile: blend_over() with resolve_table's masks, four pixels at
 * a time where SSE2 is there, to the same bytes. A mask of 0 leaves a
 * pixel as it was and one of 255 makes it the colour, so no pixel needs
 * a branch of its own. */
static inline void
resolve_row (guint32 *row,
             guint32 *sum,
             int      w,
             guint32  colour)
{
  guint64 src = spread (colour | 0xff000000);
  int c = 0;

#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128 ();
  const __m128i full = _mm_set1_epi16 (255);
  /* The colour's four channels as 16-bit lanes, for two pixels. */
  const __m128i src2 = _mm_unpacklo_epi8 (_mm_set1_epi32 ((int) (colour | 0xff000000)), zero);

  for (; c + 4 <= w; c += 4)
    {
      __m128i sums = _mm_loadu_si128 ((const __m128i *) (sum + c));
      __m128i pixels, lo, hi, s_lo, s_hi, keep_lo, keep_hi;
      guint32 k[4];
      short m[4];

      if (_mm_movemask_epi8 (_mm_cmpeq_epi32 (sums, zero)) == 0xffff)
        continue;
      _mm_storeu_si128 ((__m128i *) k, sums);
      _mm_storeu_si128 ((__m128i *) (sum + c), zero);
      for (int i = 0; i < 4; i++)
        m[i] = (short) (255 - resolve_table[(MIN (k[i], LOG_MAX) + (1 << RESOLVE_SHIFT >> 1)) >> RESOLVE_SHIFT]);

      pixels = _mm_loadu_si128 ((const __m128i *) (row + c));
      lo = _mm_unpacklo_epi8 (pixels, zero);
      hi = _mm_unpackhi_epi8 (pixels, zero);
      s_lo = mul_un8x8 (src2, _mm_set_epi16 (m[1], m[1], m[1], m[1], m[0], m[0], m[0], m[0]));
      s_hi = mul_un8x8 (src2, _mm_set_epi16 (m[3], m[3], m[3], m[3], m[2], m[2], m[2], m[2]));
      /* What the source leaves: 255 less its alpha, the fourth lane. */
      keep_lo = _mm_sub_epi16 (full, _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (s_lo, 0xff), 0xff));
      keep_hi = _mm_sub_epi16 (full, _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (s_hi, 0xff), 0xff));
      lo = mul_un8x8 (lo, keep_lo);
      hi = mul_un8x8 (hi, keep_hi);
      _mm_storeu_si128 ((__m128i *) (row + c),
                        _mm_adds_epu8 (_mm_packus_epi16 (lo, hi), _mm_packus_epi16 (s_lo, s_hi)));
    }
#endif
  for (; c < w; c++)
    if (sum[c] != 0)
      {
        guint32 mask = 255 - resolve_table[(MIN (sum[c], LOG_MAX) + (1 << RESOLVE_SHIFT >> 1)) >> RESOLVE_SHIFT];

        sum[c] = 0;
        if (mask == 255)
          row[c] = colour | 0xff000000;
        else
          row[c] = blend_over (row[c], src, mask);
      }
}

/* The integral of clamp (x, 0, 1) from 0 to @z. */
static double
ramp_integral (double z)
{
  double c = CLAMP (z, 0.0, 1.0);

  return 0.5 * c * c + MAX (z - 1.0, 0.0);
}

/* The part of a pixel row [0, 1] lying below an edge that crosses the
 * pixel's centre column at height @v and rises by 2a over the pixel's
 * width: the integral over u in [-1/2, 1/2] of clamp (v + 2au, 0, 1). */
static double
cover_below (double v,
             double a)
{
  if (a == 0.0)
    return CLAMP (v, 0.0, 1.0);
  return (ramp_integral (v + a) - ramp_integral (v - a)) / (2.0 * a);
}

/* Pixels look the values up: it costs a pixel less than the arithmetic,
 * and it turns the heights into integers that step exactly by row. */
static void
init_cover_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint level = 0; level <= COVER_SLOPES; level++)
        for (guint k = 0; k < COVER_SIZE; k++)
          {
            double v = (double) k / COVER_STEPS - 0.5;
            double a = 0.5 * level / COVER_SLOPES;

            cover_table[level][k] = (guint16) lrint (cover_below (v, a) * COVER_ONE);
          }
      for (guint level = 0; level <= COVER_SLOPES; level++)
        for (guint k = 0; k < G_N_ELEMENTS (padded_table[level]); k++)
          padded_table[level][k] = cover_table[level][CLAMP ((int) k - COVER_PAD, 0, COVER_SIZE - 1)];
      for (guint v = 0; v < G_N_ELEMENTS (log_table); v++)
        log_table[v] = v == 255 ? LOG_MAX
                                : (guint16) MIN (lrint (-log1p (-(double) v / 255) * (1 << LOG_SHIFT)),
                                                 LOG_MAX);
      for (guint k = 0; k < G_N_ELEMENTS (resolve_table); k++)
        resolve_table[k] = (guint8) lrint (255 * exp (-(double) (k << RESOLVE_SHIFT)
                                                      / (1 << LOG_SHIFT)));
      g_once_init_leave (&done, 1);
    }
}

/* @k / COVER_STEPS rounded down, for any @k the clipped lines can give:
 * above -2^28, so the sum is never negative and the division a shift. */
static inline int
floor_steps (int k)
{
  return (int) ((guint) (k + (COVER_STEPS << 20)) / COVER_STEPS) - (1 << 20);
}

static inline int
cover_at (const Line *line,
          int         k)
{
  return line->cover[CLAMP (k, 0, COVER_SIZE - 1)];
}

/* The length of dash lying in [0, @x] of the pattern, @x >= 0. */
static inline float
dash_integral (const Line *line,
               float       x)
{
  float q = (float) (int) (x * line->inv_period);
  float r = x - q * (2.f * line->dash);

  return q * line->dash + MIN (r, line->dash);
}

/* The part of a pixel centred at distance @t along the line that lies
 * between the caps and, when dashed, within a dash. */
static inline float
cover_along (const Line *line,
             float       t)
{
  float lo = MAX (t - line->hf, 0.f);
  float hi = MIN (t + line->hf, line->length);

  if (line->dashed)
    {
      if (hi <= lo)
        return 0.f;
      return (dash_integral (line, hi + line->phase) - dash_integral (line, lo + line->phase))
             * line->inv_fw;
    }
  return MAX (hi - lo, 0.f) * line->inv_fw;
}

/* cover_along() for column @i of a dashed hairline, clear of its caps:
 * a window of 2·hf around the axis, shorter than a dash and than a gap,
 * covers 1/2 + d / (2·hf) of itself, for the centre's distance d from
 * the nearest end of a dash, counted positive within one. The pattern
 * stands at φ periods, in 2^-32: a dash is [0, 1/2), so d is
 * 1/4 − |φ + 1/4 − 1/2| periods, φ + 1/4 taken modulo 1. */
static inline float
dash_cover (const Line *line,
            int         i)
{
  guint32 phi = line->dash_phi0 + (guint32) i * line->dash_phi_step;
  gint64 w = (gint64) (guint32) (phi + 0x40000000u) - 0x80000000;
  float cover = 0.5f + (float) (0x40000000 - (w < 0 ? -w : w)) * line->dash_k;

  return CLAMP (cover, 0.f, 1.f);
}

/* @full_q, a whole column's opacity in 1/256, as much as dash_cover()
 * leaves of it in column @i. */
static inline guint32
dash_q (const Line *line,
        int         i,
        guint32     full_q)
{
  return (guint32) (dash_cover (line, i) * (float) full_q + 0.5f);
}

/* @x rounded to the nearest integer, halves away from 0, as llround()
 * would, but without a call: a line is prepared with six of them. */
static inline gint64
round_i64 (double x)
{
  return (gint64) (x >= 0 ? x + 0.5 : x - 0.5);
}

/* Clips the segment to the box in place (Liang–Barsky) and returns the
 * parameters of its new ends on the old segment, or FALSE if it misses. */
static gboolean
clip_segment (double *x0,
              double *y0,
              double *x1,
              double *y1,
              double  min_x,
              double  min_y,
              double  max_x,
              double  max_y,
              double *t_in,
              double *t_out)
{
  double dx = *x1 - *x0;
  double dy = *y1 - *y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *x0 - min_x, max_x - *x0, *y0 - min_y, max_y - *y0 };
  double lo = 0.0;
  double hi = 1.0;

  for (guint k = 0; k < 4; k++)
    {
      if (p[k] == 0.0)
        {
          if (q[k] < 0.0)
            return FALSE;
        }
      else if (p[k] < 0.0)
        lo = MAX (lo, q[k] / p[k]);
      else
        hi = MIN (hi, q[k] / p[k]);
    }

  if (!(lo < hi))
    return FALSE;

  *x1 = *x0 + hi * dx;
  *y1 = *y0 + hi * dy;
  *x0 = *x0 + lo * dx;
  *y0 = *y0 + lo * dy;
  *t_in = lo;
  *t_out = hi;
  return TRUE;
}

/* Works out a line's constants for a surface of @width × @height, or
 * returns FALSE when nothing of it can show. */
static gboolean
prepare_line (const DetenteRasterLine *in,
              int                      width,
              int                      height,
              Line                    *line)
{
  double x0 = in->x0, y0 = in->y0, x1 = in->x1, y1 = in->y1;
  double w = in->width;
  double fade = 1.0;
  double full_length, t_in, t_out, margin;
  double p_major, p_minor, d_major, d_minor, u_major, u_minor, length, slope;
  double major_min, major_max, minor_min, minor_max;
  guint32 alpha = in->color >> 24;
  int level;

  *line = (Line) { 0 };
  if (alpha == 0 || !(w > 0.0) || !isfinite (w))
    return FALSE;
  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1))
    return FALSE;
  full_length = sqrt ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
  /* Butt caps: cairo draws nothing for a line without length either. */
  if (!(full_length > 1e-6) || !isfinite (full_length))
    return FALSE;

  if (w < 1.0 || in->hairline)
    {
      fade = MIN (w, 1.0);
      w = 1.0;
    }
  w = MIN (w, MAX_WIDTH);

  margin = CLIP_MARGIN (w);
  if (!clip_segment (&x0, &y0, &x1, &y1, -margin, -margin, width + margin, height + margin,
                     &t_in, &t_out))
    return FALSE;

  line->y_major = fabs (y1 - y0) > fabs (x1 - x0);
  p_major = line->y_major ? y0 : x0;
  p_minor = line->y_major ? x0 : y0;
  d_major = line->y_major ? y1 - y0 : x1 - x0;
  d_minor = line->y_major ? x1 - x0 : y1 - y0;
  length = sqrt (d_major * d_major + d_minor * d_minor);
  if (!(length > 1e-6))
    return FALSE;

  slope = d_minor / d_major;
  u_major = d_major / length;
  u_minor = d_minor / length;

  line->slope = slope;
  line->inv_slope = fabs (slope) > 1e-6 ? 1.0 / slope : 0.0;
  line->c0 = p_minor + slope * (0.5 - p_major);
  line->half = 0.5 * w * sqrt (1.0 + slope * slope);
  line->a = 0.5f * fabsf (line->slope);
  line->k_step = round_i64 (slope * COVER_STEPS * 4294967296.0);
  line->k0_base = round_i64 ((line->c0 - line->half + 0.5 + 0.5 / COVER_STEPS)
                                    * COVER_STEPS * 4294967296.0);
  line->k1_base = round_i64 ((line->c0 + line->half + 0.5 + 0.5 / COVER_STEPS)
                                    * COVER_STEPS * 4294967296.0);
  level = (int) lrint (2.0 * COVER_SLOPES * line->a);
  line->cover = cover_table[level];
  /* The table's slope may be a little steeper than the line's: the rows
   * it leaves empty go by the table's. */
  line->a_steps = MAX ((int) ceil (line->a * COVER_STEPS), level * COVER_STEPS / (2 * COVER_SLOPES));
  /* A column reads indices from below its first row's k0, at most 3/2
   * rows' worth, down to its last row's k1 less the strip, and from the
   * first row's k0 plus the strip up: the strip, k1 − k0, is 2·half rows,
   * and a step more of rounding. */
  if (2.0 * line->half * COVER_STEPS + 4 <= COVER_PAD)
    line->padded = padded_table[level] + COVER_PAD;

  line->t_major = u_major;
  line->t_minor = u_minor;
  line->t0 = (0.5 - p_major) * u_major + (0.5 - p_minor) * u_minor;
  line->length = length;
  line->hf = 0.5 * (fabs (u_major) + fabs (u_minor));
  line->inv_fw = 1.0 / (fabs (u_major) + fabs (u_minor));

  line->dashed = in->dash > 0.f && isfinite (in->dash);
  if (line->dashed)
    {
      line->dash = MAX (in->dash, MIN_DASH);
      line->inv_period = 1.0 / (2.f * line->dash);
      line->phase = fmod (t_in * full_length, 2.f * line->dash);
    }

  /* Along the axis, t grows by 1/u_major per major pixel; a column's
   * pixels are within reach of the axis, and t changes by |u_minor| per
   * minor pixel. Columns clear of both caps by the pixel's half-width
   * need no cover_along(), and this does not depend on any band. A
   * dashed strip needs it everywhere; a dashed hairline, whose columns
   * see the pattern through a window shorter than a dash, takes its
   * share from where the pattern stands (dash_cover()). */
  if (!line->dashed || (in->hairline && 2.0 * line->hf <= line->dash))
    {
      double reach = (line->half + line->a + 2.0) * fabs (u_minor) + line->hf + INTERIOR_SLACK;
      double i_start = p_major - 0.5 + reach * u_major;
      double i_end = p_major - 0.5 + (length - reach) * u_major;

      if (length > 2.0 * reach)
        {
          line->interior_lo = (int) ceil (MIN (i_start, i_end)) + 1;
          line->interior_hi = (int) floor (MAX (i_start, i_end));
        }
    }

  line->iscale = (int) lrint (255.0 * fade);
  if (line->iscale == 0)
    return FALSE;
  /* Below 2^31 for any cover: 32768 × 65280. */
  line->amul = (alpha * (guint32) line->iscale * 256 + 127) / 255;
  line->src = mul_un8x4 (spread ((in->color & 0x00ffffff) | 0xff000000), alpha);
  line->src_packed = gather (line->src);
  if (in->hairline)
    {
      /* A column of a 1 px line holds 1 / |cos| of a pixel: its two
       * pixels share that. */
      line->hairline = TRUE;
      line->hair_mask = (float) (255.0 * fade / fabs (u_major));
      line->hair_opacity = (float) (alpha * fade / fabs (u_major));
      line->hair_mask_q = (guint32) lrint (line->hair_mask * 256);
      line->hair_opacity_q = (guint32) lrint (line->hair_opacity * 256);
      line->hair_base = round_i64 ((p_minor + slope * (0.5 - p_major) - 0.5) * 4294967296.0);
      line->hair_step = round_i64 (slope * 4294967296.0);
      if (line->dashed && line->interior_lo < line->interior_hi)
        {
          /* On the axis, at major pixel i's centre, t is t_0 + i / u_major,
           * with t_0 where the axis crosses major pixel 0's centre. */
          double t_axis = (0.5 - p_major) * u_major + (0.5 - p_minor) * u_minor
                          + u_minor * (p_minor + slope * (0.5 - p_major) - 0.5);
          double period = 2.f * line->dash;
          double at = (t_axis + line->phase) / period, step = 1.0 / (u_major * period);

          line->dash_phi0 = (guint32) round_i64 ((at - floor (at)) * 4294967296.0);
          line->dash_phi_step = (guint32) round_i64 ((step - floor (step)) * 4294967296.0);
          line->dash_k = (float) (period * line->inv_fw / 4294967296.0);
        }
    }

  /* The corners of the rectangle, and a pixel more for the filters. */
  major_min = MIN (p_major, p_major + d_major) - 0.5 * w * fabs (u_minor) - 1.0;
  major_max = MAX (p_major, p_major + d_major) + 0.5 * w * fabs (u_minor) + 1.0;
  minor_min = MIN (p_minor, p_minor + d_minor) - 0.5 * w * fabs (u_major) - 1.0;
  minor_max = MAX (p_minor, p_minor + d_minor) + 0.5 * w * fabs (u_major) + 1.0;

  major_min = MAX (major_min, 0.0);
  major_max = MIN (major_max, line->y_major ? height : width);
  minor_min = MAX (minor_min, 0.0);
  minor_max = MIN (minor_max, line->y_major ? width : height);
  if (!(major_min < major_max) || !(minor_min < minor_max))
    return FALSE;
  line->major_lo = (int) floor (major_min);
  line->major_hi = (int) ceil (major_max);
  line->row_lo = line->y_major ? line->major_lo : (int) floor (minor_min);
  line->row_hi = line->y_major ? line->major_hi : (int) ceil (minor_max);
  return TRUE;
}

/* Narrows [*@major_lo, *@major_hi) to the columns of @line whose span
 * can reach the rows [@minor_lo, @minor_hi). */
static inline void
reachable_columns (const Line *line,
                   int        *major_lo,
                   int        *major_hi,
                   int         minor_lo,
                   int         minor_hi)
{
  *major_lo = MAX (*major_lo, line->major_lo);
  *major_hi = MIN (*major_hi, line->major_hi);

  if (line->inv_slope != 0.f)
    {
      float reach = line->half + line->a + 1.f;
      float i_a = (minor_lo - reach - line->c0) * line->inv_slope;
      float i_b = (minor_hi + reach - line->c0) * line->inv_slope;
      float first = CLAMP (MIN (i_a, i_b), *major_lo - 1.f, *major_hi + 1.f);
      float last = CLAMP (MAX (i_a, i_b), *major_lo - 1.f, *major_hi + 1.f);

      *major_lo = MAX (*major_lo, (int) floorf (first) - 1);
      *major_hi = MIN (*major_hi, (int) ceilf (last) + 2);
    }
}

/* How many columns, at most @most, from the one at @U on (in steps of
 * @step, 32.32) have the row of their first pixel, U >> 32, in
 * [@minor_lo, @minor_hi − 2]: rows are monotonic along a line, so they
 * make a run from the first. */
static inline int
hair_run (gint64 U,
          gint64 step,
          int    minor_lo,
          int    minor_hi,
          int    most)
{
  gint64 lo = (gint64) minor_lo << 32, hi = (gint64) (minor_hi - 1) << 32;
  gint64 n;

  if (U < lo || U >= hi)
    return 0;
  if (step > 0)
    n = (hi - U + step - 1) / step;
  else if (step < 0)
    n = (U - lo) / -step + 1;
  else
    n = most;
  return (int) MIN (n, (gint64) most);
}

/* Draws the hairline @line on the pixels with major coordinate in
 * [@major_lo, @major_hi) and minor coordinate in [@minor_lo, @minor_hi),
 * pixel (i, j) being the word at @data + @origin + i·@major_step +
 * j·@minor_step: blended, or with @accumulate, its opacity's log_table
 * term added. Each column's two pixels come from the column alone, so
 * tiles and bands agree. */
static G_ALWAYS_INLINE inline void
hairline_into (const Line *line,
               guint8     *data,
               gssize      origin,
               gssize      major_step,
               gssize      minor_step,
               int         major_lo,
               int         major_hi,
               int         minor_lo,
               int         minor_hi,
               gboolean    accumulate)
{
  guint32 full_q = accumulate ? line->hair_opacity_q : line->hair_mask_q;
  float full = accumulate ? line->hair_opacity : line->hair_mask;
  guint rows = (guint) (minor_hi - minor_lo);
  gint64 U;

  reachable_columns (line, &major_lo, &major_hi, minor_lo, minor_hi);
  U = line->hair_base + line->hair_step * major_lo;
  for (int i = major_lo; i < major_hi; i++, U += line->hair_step)
    {
      /* The centre's height, from the top of row j0, in 1/256. */
      int j0;
      guint32 f, mask[2];

      /* Most columns of a summed hairline are clear of its caps and have
       * both pixels in the rows: those go through this loop, which needs
       * no test for either and adds the same terms as the one below. */
      if (accumulate && rows >= 2 && i >= line->interior_lo && i < line->interior_hi)
        {
          int end = MIN (major_hi, line->interior_hi);
          guint8 *column = data + (origin + i * major_step);

          if (!line->dashed)
            {
              /* The columns from here on whose two pixels stay in the
               * rows need no test; and a column's opacity of at most
               * 255 (in 1/256) gives masks of at most 255, so the common
               * faint lines need no clamp either. */
              int stop = i + hair_run (U, line->hair_step, minor_lo, minor_hi, end - i);
              guint32 whole_q = 256 * full_q;

              if (full_q <= 255 * 256)
                for (; i < stop; i++, U += line->hair_step, column += major_step)
                  {
                    guint32 *top = (guint32 *) (column + (U >> 32) * minor_step);
                    /* (256 − f) · full_q is whole_q less this. */
                    guint32 share = ((guint32) (U >> 24) & 0xff) * full_q;

                    top[0] += log_table[(whole_q - share + (1u << 15)) >> 16];
                    *(guint32 *) ((guint8 *) top + minor_step) += log_table[(share + (1u << 15)) >> 16];
                  }
              else
                for (; i < stop; i++, U += line->hair_step, column += major_step)
                  {
                    guint32 *top = (guint32 *) (column + (U >> 32) * minor_step);

                    f = (guint32) (U >> 24) & 0xff;
                    top[0] += log_table[MIN (((256 - f) * full_q + (1u << 15)) >> 16, 255)];
                    *(guint32 *) ((guint8 *) top + minor_step) += log_table[MIN ((f * full_q + (1u << 15)) >> 16, 255)];
                  }
            }
          else
            {
              int stop = i + hair_run (U, line->hair_step, minor_lo, minor_hi, end - i);

              for (; i < stop; i++, U += line->hair_step, column += major_step)
                {
                  guint32 *top = (guint32 *) (column + (U >> 32) * minor_step);
                  guint32 q = dash_q (line, i, full_q);

                  f = (guint32) (U >> 24) & 0xff;
                  top[0] += log_table[MIN (((256 - f) * q + (1u << 15)) >> 16, 255)];
                  *(guint32 *) ((guint8 *) top + minor_step) += log_table[MIN ((f * q + (1u << 15)) >> 16, 255)];
                }
            }
          if (i >= major_hi)
            break;
        }
      j0 = (int) (U >> 32);
      f = (guint32) (U >> 24) & 0xff;

      if (i >= line->interior_lo && i < line->interior_hi)
        {
          guint32 q = line->dashed ? dash_q (line, i, full_q) : full_q;

          mask[0] = MIN (((256 - f) * q + (1u << 15)) >> 16, 255);
          mask[1] = MIN ((f * q + (1u << 15)) >> 16, 255);
        }
      else
        {
          float u = (float) j0 + f / 256.f;
          float share = full * cover_along (line, line->t0 + line->t_major * (float) i
                                                  + line->t_minor * u);

          mask[0] = (guint32) MIN ((int) ((256 - f) / 256.f * share + 0.5f), 255);
          mask[1] = (guint32) MIN ((int) (f / 256.f * share + 0.5f), 255);
        }

      /* A mask of 0 changes nothing, summed or blended. */
      for (int r = 0; r < 2; r++)
        {
          int j = j0 + r;
          guint32 *pixel;

          if ((guint) (j - minor_lo) >= rows)
            continue;
          pixel = (guint32 *) (data + (origin + i * major_step + j * minor_step));
          if (accumulate)
            *pixel += log_table[mask[r]];
          else
            *pixel = blend_over (*pixel, line->src, mask[r]);
        }
    }
}

/* Draws @line on the pixels with major coordinate in [@major_lo,
 * @major_hi) and minor coordinate in [@minor_lo, @minor_hi). */
static void
draw_line (const Line *line,
           guint8     *data,
           gssize      major_step,
           gssize      minor_step,
           int         major_lo,
           int         major_hi,
           int         minor_lo,
           int         minor_hi)
{
  if (line->hairline)
    {
      hairline_into (line, data, 0, major_step, minor_step, major_lo, major_hi, minor_lo, minor_hi,
                     FALSE);
      return;
    }

  reachable_columns (line, &major_lo, &major_hi, minor_lo, minor_hi);

  for (int i = major_lo; i < major_hi; i++)
    {
      /* Edges' heights, as cover_table indices for row 0. */
      int k0 = (int) ((line->k0_base + line->k_step * i) >> 32);
      int k1 = (int) ((line->k1_base + line->k_step * i) >> 32);
      /* The rows where the edges leave something between 0 and 1: above
       * them, the lower edge's cover is all of the row, and below, the
       * upper edge's is none of it. */
      int j_lo = MAX (floor_steps (k0 - 3 * COVER_STEPS / 2 - line->a_steps - 1) + 1, minor_lo);
      int j_hi = MIN (floor_steps (k1 - COVER_STEPS / 2 + line->a_steps - 1) + 1, minor_hi);
      float t_column = line->t0 + line->t_major * (float) i;
      guint8 *p;

      if (j_lo >= j_hi)
        continue;

      k0 -= COVER_STEPS * j_lo;
      k1 -= COVER_STEPS * j_lo;
      p = data + i * major_step + j_lo * minor_step;
      if (i >= line->interior_lo && i < line->interior_hi)
        {
          /* Without branches, which the edges' pixels would mispredict:
           * a mask of 0 leaves the pixel as it was, and one of 255 with
           * an opaque colour gives that colour. The cover never goes
           * below 0, and the mask never above 255. */
          for (int j = j_lo; j < j_hi; j++, p += minor_step, k0 -= COVER_STEPS, k1 -= COVER_STEPS)
            {
              guint32 *pixel = (guint32 *) p;
              int cover = cover_at (line, k1) - cover_at (line, k0);
              guint32 mask = (guint32) (cover * line->iscale + COVER_ONE / 2) >> COVER_SHIFT;

              *pixel = blend_over (*pixel, line->src, mask);
            }
          continue;
        }

      for (int j = j_lo; j < j_hi; j++, p += minor_step, k0 -= COVER_STEPS, k1 -= COVER_STEPS)
        {
          int cover = cover_at (line, k1) - cover_at (line, k0);
          guint32 *pixel = (guint32 *) p;
          int mask;

          mask = (int) ((float) cover * ((float) line->iscale / COVER_ONE)
                        * cover_along (line, t_column + line->t_minor * (float) j) + 0.5f);
          if (mask <= 0)
            continue;
          if (mask >= 255)
            {
              if (line->src_packed >= 0xff000000)
                {
                  *pixel = line->src_packed;
                  continue;
                }
              mask = 255;
            }
          *pixel = blend_over (*pixel, line->src, mask);
        }
    }
}

/* Adds the terms of @line's pixels in columns [@i_lo, @i_hi) and rows
 * [@minor_lo, @minor_hi) to @sums, pixel (i, j) being word @origin +
 * i·@major_step + j·@minor_step. The same covers as draw_line(), walked
 * with fewer steps: the heights by addition, which is exact in integers,
 * with the offsets of the first and last rows and the bias that keeps
 * floor_steps() a shift folded in; and the cover indices unclamped when
 * the line has a padded row. The compiler makes one loop of each kind. */
static G_ALWAYS_INLINE inline void
add_columns (const Line *line,
             guint32    *sums,
             gssize      origin,
             gssize      major_step,
             gssize      minor_step,
             int         i_lo,
             int         i_hi,
             int         minor_lo,
             int         minor_hi,
             gboolean    interior,
             gboolean    padded)
{
  const int bias = COVER_STEPS << 20;
  int lo_offset = 3 * COVER_STEPS / 2 + line->a_steps + 1;
  int hi_offset = COVER_STEPS / 2 - line->a_steps + 1;
  /* k0 − lo_offset + bias and k1 − hi_offset + bias, in 32.32 fixed point. */
  gint64 K0 = line->k0_base + line->k_step * i_lo + ((gint64) (bias - lo_offset) << 32);
  gint64 K1 = line->k1_base + line->k_step * i_lo + ((gint64) (bias - hi_offset) << 32);
  gint64 k_step = line->k_step;
  /* What turns those back into k0 and k1. */
  int back0 = lo_offset - bias;
  int back1 = hi_offset - bias;
  guint32 amul = line->amul;
  const guint16 *cover = padded ? line->padded : line->cover;
  gssize column = origin + i_lo * major_step;

  for (int i = i_lo; i < i_hi; i++, K0 += k_step, K1 += k_step, column += major_step)
    {
      int b0 = (int) (K0 >> 32);
      int b1 = (int) (K1 >> 32);
      /* floor_steps (k0 - lo_offset) + 1, and the same for k1. */
      int j_lo = MAX ((int) ((guint) b0 / COVER_STEPS) - (1 << 20) + 1, minor_lo);
      int j_hi = MIN ((int) ((guint) b1 / COVER_STEPS) - (1 << 20) + 1, minor_hi);
      int k0, k1;
      guint32 *p;

      if (j_lo >= j_hi)
        continue;

      k0 = b0 + back0 - COVER_STEPS * j_lo;
      k1 = b1 + back1 - COVER_STEPS * j_lo;
      p = sums + (column + j_lo * minor_step);
      if (interior && padded)
        {
          const guint16 *c0 = cover + k0;
          const guint16 *c1 = cover + k1;
          guint32 *end = p + (j_hi - j_lo) * minor_step;

          for (; p != end; p += minor_step, c0 -= COVER_STEPS, c1 -= COVER_STEPS)
            *p += log_table[((guint32) (*c1 - *c0) * amul + (1u << 22)) >> 23];
        }
      else if (interior)
        {
          for (int j = j_lo; j < j_hi; j++, p += minor_step, k0 -= COVER_STEPS, k1 -= COVER_STEPS)
            {
              guint32 c = (guint32) (cover_at (line, k1) - cover_at (line, k0));

              *p += log_table[(c * amul + (1u << 22)) >> 23];
            }
        }
      else
        {
          float t_column = line->t0 + line->t_major * (float) i;

          for (int j = j_lo; j < j_hi; j++, p += minor_step, k0 -= COVER_STEPS, k1 -= COVER_STEPS)
            {
              int c = padded ? cover[k1] - cover[k0] : cover_at (line, k1) - cover_at (line, k0);
              float along = cover_along (line, t_column + line->t_minor * (float) j);
              int mask = (int) ((float) c * ((float) line->amul / (1 << 23)) * along + 0.5f);

              if (mask > 0)
                *p += log_table[MIN (mask, 255)];
            }
        }
    }
}

/* Adds @line's terms to @sums, the sums of the tile of @width × @height
 * pixels at (@x, @y), row by row. */
static void
add_line (const Line *line,
          guint32    *sums,
          int         x,
          int         y,
          int         width,
          int         height)
{
  gssize origin = -(gssize) y * width - x;
  gssize major_step = line->y_major ? width : 1;
  gssize minor_step = line->y_major ? 1 : width;
  int major_lo = line->y_major ? y : x;
  int major_hi = line->y_major ? y + height : x + width;
  int minor_lo = line->y_major ? x : y;
  int minor_hi = line->y_major ? x + width : y + height;
  int in_lo, in_hi;

  /* Steps of one word, known to the compiler. */
  if (line->hairline && line->y_major)
    {
      hairline_into (line, (guint8 *) sums, 4 * origin, 4 * (gssize) width, 4,
                     major_lo, major_hi, minor_lo, minor_hi, TRUE);
      return;
    }
  if (line->hairline)
    {
      hairline_into (line, (guint8 *) sums, 4 * origin, 4, 4 * (gssize) width,
                     major_lo, major_hi, minor_lo, minor_hi, TRUE);
      return;
    }

  reachable_columns (line, &major_lo, &major_hi, minor_lo, minor_hi);
  if (major_lo >= major_hi)
    return;

  /* The columns clear of the caps take the short loop. */
  in_lo = CLAMP (line->interior_lo, major_lo, major_hi);
  in_hi = CLAMP (line->interior_hi, in_lo, major_hi);

#define ADD_COLUMNS(major, minor, lo, hi, interior, padded)                                 \
  add_columns (line, sums, origin, major, minor, lo, hi, minor_lo, minor_hi, interior, padded)
#define ADD_LINE(major, minor, padded)                                                      \
  G_STMT_START {                                                                           \
    ADD_COLUMNS (major, minor, major_lo, in_lo, FALSE, padded);                             \
    ADD_COLUMNS (major, minor, in_lo, in_hi, TRUE, padded);                                 \
    ADD_COLUMNS (major, minor, in_hi, major_hi, FALSE, padded);                             \
  } G_STMT_END
  /* Steps of one word, known to the compiler, for the common lines. */
  if (line->padded != NULL && line->y_major)
    ADD_LINE (width, 1, TRUE);
  else if (line->padded != NULL)
    ADD_LINE (1, width, TRUE);
  else
    ADD_LINE (major_step, minor_step, FALSE);
#undef ADD_LINE
#undef ADD_COLUMNS
}

/* Draws @line on the rows [@row_first, @row_last). */
static void
draw_line_rows (const Line *line,
                guint8     *data,
                int         stride,
                int         width,
                int         row_first,
                int         row_last)
{
  if (line->y_major)
    draw_line (line, data, stride, 4, row_first, row_last, 0, width);
  else
    draw_line (line, data, 4, stride, 0, width, row_first, row_last);
}

/* Draws @n_lines prepared lines, strip by strip. */
static void
draw_chunk (const Line *chunk,
            gsize       n_lines,
            guint8     *data,
            int         stride,
            int         width,
            int         row_first,
            int         row_last)
{
  int n_strips = (row_last - row_first + STRIP_ROWS - 1) / STRIP_ROWS;
  g_autofree guint *starts = g_new0 (guint, n_strips + 1);
  g_autofree guint *order = NULL;
  gsize n_entries = 0;

  if (n_strips == 1)
    {
      for (gsize k = 0; k < n_lines; k++)
        draw_line_rows (&chunk[k], data, stride, width, row_first, row_last);
      return;
    }

  /* A counting sort of the lines into the strips they cross, which keeps
   * each strip's lines in their order. */
  for (gsize k = 0; k < n_lines; k++)
    {
      int first = (MAX (chunk[k].row_lo, row_first) - row_first) / STRIP_ROWS;
      int last = (MIN (chunk[k].row_hi, row_last) - 1 - row_first) / STRIP_ROWS;

      for (int s = first; s <= last; s++)
        starts[s + 1]++;
      n_entries += last - first + 1;
    }
  for (int s = 0; s < n_strips; s++)
    starts[s + 1] += starts[s];
  order = g_new (guint, MAX (n_entries, 1));
  for (gsize k = 0; k < n_lines; k++)
    {
      int first = (MAX (chunk[k].row_lo, row_first) - row_first) / STRIP_ROWS;
      int last = (MIN (chunk[k].row_hi, row_last) - 1 - row_first) / STRIP_ROWS;

      for (int s = first; s <= last; s++)
        order[starts[s]++] = k;
    }

  /* starts[s] now holds where strip s + 1 starts. */
  for (int s = 0; s < n_strips; s++)
    {
      int strip_first = row_first + s * STRIP_ROWS;
      int strip_last = MIN (strip_first + STRIP_ROWS, row_last);

      for (guint e = s == 0 ? 0 : starts[s - 1]; e < starts[s]; e++)
        draw_line_rows (&chunk[order[e]], data, stride, width, strip_first, strip_last);
    }
}

/**
 * detente_edge_raster_draw:
 * @data: the pixels: premultiplied ARGB32 in cairo's layout, one native-endian
 *   32-bit word per pixel
 * @stride: bytes from one row to the next
 * @width: columns in @data
 * @height: rows in @data
 * @row_first: the first row to draw on
 * @row_last: the row after the last one to draw on
 * @lines: (array length=n_lines): the lines
 * @n_lines: how many
 *
 * Draws @lines, in order, "over" the pixels of rows [@row_first, @row_last),
 * much as cairo_stroke() would with %CAIRO_LINE_CAP_BUTT and antialiasing,
 * one stroke per line.
 *
 * Lines are clipped to the whole surface, so the pixels of a band do not
 * depend on how the surface is cut into bands: threads may draw disjoint
 * bands of one buffer at once. Lines with a coordinate that is not finite,
 * without length, width or alpha draw nothing.
 */
void
detente_edge_raster_draw (guint8                  *data,
                          int                      stride,
                          int                      width,
                          int                      height,
                          int                      row_first,
                          int                      row_last,
                          const DetenteRasterLine *lines,
                          gsize                    n_lines)
{
  Line *chunk;
  gsize n_chunk = 0;

  g_return_if_fail (width >= 0 && height >= 0);
  g_return_if_fail (stride >= 4 * width);
  g_return_if_fail (data != NULL || width == 0 || height == 0);
  g_return_if_fail (lines != NULL || n_lines == 0);

  row_first = CLAMP (row_first, 0, height);
  row_last = CLAMP (row_last, row_first, height);
  if (width == 0 || row_first == row_last || n_lines == 0)
    return;

  init_cover_table ();
  chunk = g_aligned_alloc (MIN (n_lines, CHUNK_LINES), sizeof (Line), G_ALIGNOF (Line));
  for (gsize k = 0; k < n_lines; k++)
    {
      const DetenteRasterLine *in = &lines[k];
      float reach = 0.5f * in->width + 2.f;
      Line *line = &chunk[n_chunk];

      /* Most lines of a frame miss a thin band: cull them before the
       * setup. Comparisons with NaN are false, so those go on to be
       * dropped there. */
      if ((in->y0 + reach < row_first && in->y1 + reach < row_first)
          || (in->y0 - reach >= row_last && in->y1 - reach >= row_last))
        continue;

      if (prepare_line (in, width, height, line)
          && line->row_lo < row_last && line->row_hi > row_first)
        n_chunk++;

      if (n_chunk == CHUNK_LINES)
        {
          draw_chunk (chunk, n_chunk, data, stride, width, row_first, row_last);
          n_chunk = 0;
        }
    }
  draw_chunk (chunk, n_chunk, data, stride, width, row_first, row_last);
  g_aligned_free (chunk);
}

struct _DetenteEdgeRasterPlan
{
  Line  *lines;       /* one for each line given; those that do not show have no rows */
  gsize *starts;      /* where each tile's lines start in @order, and one more */
  guint *order;       /* line indices, tile by tile, in their order within each tile */
  gsize  lines_size;  /* bytes of @lines and @order, for detente_scratch_give() */
  gsize  order_size;
  int    width;
  int    height;
  int    tile_width;
  int    tile_height;
  int    n_columns;
  int    n_rows;
  /* When every line that shows has this colour (0xRRGGBB), tiles add up
   * their lines' opacities and blend once. */
  gboolean one_colour;
  guint32  colour;
};

/* The columns [*first, *last) that @line may touch on the rows
 * [@row_first, @row_last), with room to spare: a column left out here
 * would be left out of a tile, so this errs on the wide side. */
static void
line_columns (const Line *line,
              int         width,
              int         row_first,
              int         row_last,
              int        *first,
              int        *last)
{
  double reach = line->half + line->a + 3.0;
  double lo, hi;

  *first = *last = 0;
  row_first = MAX (row_first, line->row_lo);
  row_last = MIN (row_last, line->row_hi);
  if (row_first >= row_last)
    return;

  if (line->y_major)
    {
      /* The rows are the major axis: the centre's columns at the ends of
       * the run, widened by the strip's reach. */
      int i_lo = MAX (row_first, line->major_lo);
      int i_hi = MIN (row_last, line->major_hi);
      double c_a, c_b;

      if (i_lo >= i_hi)
        return;
      c_a = (double) line->c0 + (double) line->slope * i_lo;
      c_b = (double) line->c0 + (double) line->slope * (i_hi - 1);
      lo = MIN (c_a, c_b) - reach;
      hi = MAX (c_a, c_b) + reach;
    }
  else
    {
      lo = line->major_lo;
      hi = line->major_hi;
      if (line->inv_slope != 0.f)
        {
          double i_a = (row_first - reach - line->c0) * (double) line->inv_slope;
          double i_b = (row_last + reach - line->c0) * (double) line->inv_slope;

          lo = MAX (lo, MIN (i_a, i_b) - 2.0);
          hi = MIN (hi, MAX (i_a, i_b) + 2.0);
        }
    }
  lo = MAX (lo, 0.0);
  hi = MIN (hi, (double) width);
  if (lo < hi)
    {
      *first = (int) floor (lo);
      *last = (int) ceil (hi);
    }
}

/* A share of the lines, prepared and binned by one thread. @counts holds
 * how many entries the share puts in each tile, then where the next of
 * them goes. */
typedef struct
{
  DetenteEdgeRasterPlan   *plan;
  const DetenteRasterLine *in;
  const guint             *from;   /* which of @in each of the plan's lines is, or NULL */
  gsize                    first;
  gsize                    last;
  gsize                   *counts;
  /* The colour (0xRRGGBB) of the share's lines that show, G_MAXUINT32
   * for none, and whether some have another. */
  guint32                  colour;
  gboolean                 mixed;
} PlanShare;

/* Runs @body with @tile set to each tile that @line may touch. */
#define FOR_EACH_TILE(plan, line, tile, body)                                         \
  G_STMT_START {                                                                      \
    int tr_first_ = (line)->row_lo / (plan)->tile_height;                             \
    int tr_last_ = ((line)->row_hi - 1) / (plan)->tile_height;                        \
    for (int tr_ = tr_first_; tr_ <= tr_last_; tr_++)                                 \
      {                                                                               \
        int c_first_, c_last_;                                                        \
        line_columns ((line), (plan)->width, tr_ * (plan)->tile_height,               \
                      (tr_ + 1) * (plan)->tile_height, &c_first_, &c_last_);          \
        if (c_first_ >= c_last_)                                                      \
          continue;                                                                   \
        for (int tc_ = c_first_ / (plan)->tile_width;                                 \
             tc_ <= (c_last_ - 1) / (plan)->tile_width; tc_++)                        \
          {                                                                           \
            guint tile = (guint) (tr_ * (plan)->n_columns + tc_);                     \
            body;                                                                     \
          }                                                                           \
      }                                                                               \
  } G_STMT_END

static gpointer
prepare_share (gpointer data)
{
  PlanShare *share = data;
  DetenteEdgeRasterPlan *plan = share->plan;

  share->colour = G_MAXUINT32;
  for (gsize k = share->first; k < share->last; k++)
    {
      Line *line = &plan->lines[k];
      const DetenteRasterLine *in = &share->in[share->from != NULL ? share->from[k] : k];

      if (!prepare_line (in, plan->width, plan->height, line))
        {
          line->row_lo = line->row_hi = 0;
          continue;
        }
      if (share->colour == G_MAXUINT32)
        share->colour = in->color & 0xffffff;
      share->mixed |= (in->color & 0xffffff) != share->colour;
      FOR_EACH_TILE (plan, line, tile, share->counts[tile]++);
    }
  return NULL;
}

static gpointer
bin_share (gpointer data)
{
  PlanShare *share = data;
  DetenteEdgeRasterPlan *plan = share->plan;

  for (gsize k = share->first; k < share->last; k++)
    {
      const Line *line = &plan->lines[k];

      if (line->row_lo < line->row_hi)
        FOR_EACH_TILE (plan, line, tile, plan->order[share->counts[tile]++] = (guint) k);
    }
  return NULL;
}

/* Runs @func on every share at once, the first on this thread. */
static void
run_shares (GThreadFunc  func,
            PlanShare   *shares,
            guint        n_shares)
{
  g_autofree GThread **threads = g_new0 (GThread *, n_shares);

  for (guint k = 1; k < n_shares; k++)
    threads[k] = g_thread_new ("edge-raster", func, &shares[k]);
  func (&shares[0]);
  for (guint k = 1; k < n_shares; k++)
    g_thread_join (threads[k]);
}

/* Lines of one colour may be drawn in any order: then the plan keeps
 * them sorted by the tile their middle is in, so that a tile's lines lie
 * together in memory rather than all over it. Returns which line given
 * each of the plan's is, or NULL to keep their order. */
static guint *
spatial_order (DetenteEdgeRasterPlan   *plan,
               const DetenteRasterLine *lines,
               gsize                    n_lines)
{
  guint n_tiles = (guint) plan->n_columns * (guint) plan->n_rows;
  g_autofree guint *keys = NULL;
  g_autofree gsize *starts = NULL;
  guint *from;

  for (gsize k = 1; k < n_lines; k++)
    if ((lines[k].color ^ lines[0].color) & 0xffffff)
      return NULL;

  keys = g_new (guint, n_lines);
  starts = g_new0 (gsize, n_tiles + 1);
  for (gsize k = 0; k < n_lines; k++)
    {
      float x = 0.5f * (lines[k].x0 + lines[k].x1), y = 0.5f * (lines[k].y0 + lines[k].y1);
      int column, row;

      /* Written so that NaN goes to 0 too. */
      x = x > 0.f ? MIN (x, (float) (plan->width - 1)) : 0.f;
      y = y > 0.f ? MIN (y, (float) (plan->height - 1)) : 0.f;
      column = (int) x / plan->tile_width;
      row = (int) y / plan->tile_height;
      keys[k] = (guint) row * (guint) plan->n_columns + (guint) column;
      starts[keys[k] + 1]++;
    }
  for (guint t = 0; t < n_tiles; t++)
    starts[t + 1] += starts[t];
  from = g_new (guint, n_lines);
  for (gsize k = 0; k < n_lines; k++)
    from[starts[keys[k]]++] = (guint) k;
  return from;
}

/**
 * detente_edge_raster_plan_new:
 * @width: the surface's columns
 * @height: its rows
 * @tile_width: the tiles' width, at least 1
 * @tile_height: their height, at least 1
 * @lines: (array length=n_lines): the lines, in device pixels
 * @n_lines: how many, fewer than %G_MAXUINT
 * @n_threads: threads to prepare them on; 0 for one per core
 *
 * Prepares @lines for a surface of @width × @height and sorts them into
 * tiles of @tile_width × @tile_height (smaller at the right and bottom
 * edges), keeping their order within each tile. Drawing every tile with
 * detente_edge_raster_plan_draw_tile() then gives the same pixels, in any
 * order of tiles, as detente_edge_raster_draw() on the whole surface; or,
 * when the lines that show are all of one colour, the same within
 * rounding (see detente_edge_raster_plan_draw_tile()).
 *
 * Returns: (transfer full): the plan; free it with
 *   detente_edge_raster_plan_free()
 */
DetenteEdgeRasterPlan *
detente_edge_raster_plan_new (int                      width,
                              int                      height,
                              int                      tile_width,
                              int                      tile_height,
                              const DetenteRasterLine *lines,
                              gsize                    n_lines,
                              guint                    n_threads)
{
  DetenteEdgeRasterPlan *plan;
  g_autofree PlanShare *shares = NULL;
  g_autofree gsize *counts = NULL;
  g_autofree guint *from = NULL;
  guint n_tiles;
  gsize total = 0;

  g_return_val_if_fail (width >= 0 && height >= 0, NULL);
  g_return_val_if_fail (tile_width > 0 && tile_height > 0, NULL);
  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);
  g_return_val_if_fail (n_lines < G_MAXUINT, NULL);

  init_cover_table ();
  plan = g_new0 (DetenteEdgeRasterPlan, 1);
  plan->width = width;
  plan->height = height;
  plan->tile_width = tile_width;
  plan->tile_height = tile_height;
  plan->n_columns = (width + tile_width - 1) / tile_width;
  plan->n_rows = (height + tile_height - 1) / tile_height;
  n_tiles = (guint) plan->n_columns * (guint) plan->n_rows;
  plan->starts = g_new0 (gsize, n_tiles + 1);
  if (n_tiles == 0 || n_lines == 0)
    return plan;

  /* Below a few thousand lines a thread costs more than it saves. */
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX (n_lines / 2048, 1));

  plan->lines = detente_scratch_take (DETENTE_SCRATCH_PLAN_LINES, n_lines * sizeof (Line), &plan->lines_size);
  from = spatial_order (plan, lines, n_lines);
  shares = g_new0 (PlanShare, n_threads);
  counts = g_new0 (gsize, (gsize) n_threads * n_tiles);
  for (guint k = 0; k < n_threads; k++)
    {
      shares[k].plan = plan;
      shares[k].in = lines;
      shares[k].from = from;
      shares[k].first = n_lines * k / n_threads;
      shares[k].last = n_lines * (k + 1) / n_threads;
      shares[k].counts = counts + (gsize) k * n_tiles;
    }
  run_shares (prepare_share, shares, n_threads);

  plan->one_colour = TRUE;
  plan->colour = G_MAXUINT32;
  for (guint k = 0; k < n_threads; k++)
    if (shares[k].colour != G_MAXUINT32)
      {
        if (plan->colour == G_MAXUINT32)
          plan->colour = shares[k].colour;
        plan->one_colour &= !shares[k].mixed && shares[k].colour == plan->colour;
      }

  /* A counting sort: tile by tile, each share's entries after those of
   * the shares before it, which keeps the lines in their order. */
  for (guint t = 0; t < n_tiles; t++)
    {
      plan->starts[t] = total;
      for (guint k = 0; k < n_threads; k++)
        {
          gsize n = shares[k].counts[t];

          shares[k].counts[t] = total;
          total += n;
        }
    }
  plan->starts[n_tiles] = total;
  plan->order = detente_scratch_take (DETENTE_SCRATCH_PLAN_ORDER, total * sizeof (guint), &plan->order_size);
  run_shares (bin_share, shares, n_threads);
  return plan;
}

/**
 * detente_edge_raster_plan_free:
 * @plan: (transfer full): a plan
 *
 * Frees @plan.
 */
void
detente_edge_raster_plan_free (DetenteEdgeRasterPlan *plan)
{
  if (plan == NULL)
    return;
  detente_scratch_give (DETENTE_SCRATCH_PLAN_LINES, plan->lines, plan->lines_size);
  g_free (plan->starts);
  detente_scratch_give (DETENTE_SCRATCH_PLAN_ORDER, plan->order, plan->order_size);
  g_free (plan);
}

/**
 * detente_edge_raster_plan_get_n_tiles:
 * @plan: a plan
 *
 * Returns: how many tiles @plan cuts its surface into, row by row
 */
guint
detente_edge_raster_plan_get_n_tiles (DetenteEdgeRasterPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return (guint) plan->n_columns * (guint) plan->n_rows;
}

/**
 * detente_edge_raster_plan_get_tile:
 * @plan: a plan
 * @tile: a tile, below detente_edge_raster_plan_get_n_tiles()
 * @x: (out): its first column
 * @y: (out): its first row
 * @width: (out): its columns
 * @height: (out): its rows
 *
 * Gives where @tile lies on the surface.
 */
void
detente_edge_raster_plan_get_tile (DetenteEdgeRasterPlan *plan,
                                   guint                  tile,
                                   int                   *x,
                                   int                   *y,
                                   int                   *width,
                                   int                   *height)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (tile < detente_edge_raster_plan_get_n_tiles (plan));

  *x = (int) (tile % (guint) plan->n_columns) * plan->tile_width;
  *y = (int) (tile / (guint) plan->n_columns) * plan->tile_height;
  *width = MIN (plan->tile_width, plan->width - *x);
  *height = MIN (plan->tile_height, plan->height - *y);
}

typedef struct
{
  guint32 *sums;
  gsize    size;
} TileSums;

static void
tile_sums_free (gpointer data)
{
  TileSums *t = data;

  g_free (t->sums);
  g_free (t);
}

static GPrivate tile_sums_key = G_PRIVATE_INIT (tile_sums_free);

/* A thread's buffer of at least @size zeroed sums, kept for its next
 * tiles: a tile leaves it zeroed. */
static guint32 *
tile_sums (gsize size)
{
  TileSums *t = g_private_get (&tile_sums_key);

  if (t == NULL)
    {
      t = g_new0 (TileSums, 1);
      g_private_set (&tile_sums_key, t);
    }
  if (t->size < size)
    {
      g_free (t->sums);
      t->sums = g_new0 (guint32, size);
      t->size = size;
    }
  return t->sums;
}

/**
 * detente_edge_raster_plan_draw_tile:
 * @plan: a plan
 * @data: the whole surface's pixels, as for detente_edge_raster_draw()
 * @stride: bytes from one row to the next
 * @tile: which tile to draw
 *
 * Draws the lines of @plan that touch @tile, in their order, over its
 * pixels and no others: threads may draw different tiles at once.
 *
 * When all the lines that show have one colour, whatever their alpha,
 * their order makes no difference to the picture, and the tile blends
 * them in one step: the pixels then differ from one blend after another
 * by rounding only, a level or two at most.
 */
void
detente_edge_raster_plan_draw_tile (DetenteEdgeRasterPlan *plan,
                                    guint8                *data,
                                    int                    stride,
                                    guint                  tile)
{
  guint32 *sums;
  int x, y, w, h;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (stride >= 4 * plan->width);

  detente_edge_raster_plan_get_tile (plan, tile, &x, &y, &w, &h);
  if (plan->starts[tile] == plan->starts[tile + 1])
    return;

  if (!plan->one_colour)
    {
      for (gsize e = plan->starts[tile]; e < plan->starts[tile + 1]; e++)
        {
          const Line *line = &plan->lines[plan->order[e]];

          if (line->y_major)
            draw_line (line, data, stride, 4, y, y + h, x, x + w);
          else
            draw_line (line, data, 4, stride, x, x + w, y, y + h);
        }
      return;
    }

  sums = tile_sums ((gsize) w * h);
  for (gsize e = plan->starts[tile]; e < plan->starts[tile + 1]; e++)
    add_line (&plan->lines[plan->order[e]], sums, x, y, w, h);

  /* Each sum goes back to 0 as it is read, ready for the next tile. */
  for (int r = 0; r < h; r++)
    resolve_row ((guint32 *) (data + (gsize) (y + r) * stride) + x, sums + (gsize) r * w, w, plan->colour);
}

/* Tiles of 64 KiB: a few of them, and the lines' constants, fit in the
 * L2 cache of one core. */
#define TILE_WIDTH 128
#define TILE_HEIGHT 128

typedef struct
{
  DetenteEdgeRasterPlan *plan;
  guint8                *data;
  int                    stride;
  guint                  n_tiles;
  int                    next;
} TileQueue;

static gpointer
draw_tiles (gpointer user_data)
{
  TileQueue *queue = user_data;
  guint tile;

  while ((tile = (guint) g_atomic_int_add (&queue->next, 1)) < queue->n_tiles)
    detente_edge_raster_plan_draw_tile (queue->plan, queue->data, queue->stride, tile);
  return NULL;
}

/**
 * detente_edge_raster_draw_surface:
 * @surface: an image surface, %CAIRO_FORMAT_ARGB32 or %CAIRO_FORMAT_RGB24
 * @lines: (array length=n_lines): the lines, in device pixels of @surface
 * @n_lines: how many
 * @n_threads: threads to draw on, each taking the next tile not yet
 *   drawn; 0 for one per core
 *
 * Draws @lines over @surface as detente_edge_raster_draw() does, tile by
 * tile, and returns when all are drawn (lines of one colour in one blend
 * per pixel, as a plan draws them). The pixels are the same whatever
 * @n_threads is. The surface's device offset and scale are not applied.
 */
void
detente_edge_raster_draw_surface (cairo_surface_t         *surface,
                                  const DetenteRasterLine *lines,
                                  gsize                    n_lines,
                                  guint                    n_threads)
{
  g_autoptr(DetenteEdgeRasterPlan) plan = NULL;
  g_autofree GThread **threads = NULL;
  TileQueue queue;
  cairo_format_t format;
  int width, height;

  g_return_if_fail (surface != NULL);
  g_return_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE);
  format = cairo_image_surface_get_format (surface);
  g_return_if_fail (format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24);
  g_return_if_fail (lines != NULL || n_lines == 0);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  if (n_lines == 0 || width == 0 || height == 0 || cairo_image_surface_get_data (surface) == NULL)
    return;

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  plan = detente_edge_raster_plan_new (width, height, TILE_WIDTH, TILE_HEIGHT, lines, n_lines,
                                       n_threads);
  queue.plan = plan;
  queue.data = cairo_image_surface_get_data (surface);
  queue.stride = cairo_image_surface_get_stride (surface);
  queue.n_tiles = detente_edge_raster_plan_get_n_tiles (plan);
  queue.next = 0;
  n_threads = CLAMP (n_threads, 1, queue.n_tiles);

  /* The calling thread draws tiles too. */
  threads = g_new0 (GThread *, n_threads);
  for (guint k = 1; k < n_threads; k++)
    threads[k] = g_thread_new ("edge-raster", draw_tiles, &queue);
  draw_tiles (&queue);
  for (guint k = 1; k < n_threads; k++)
    g_thread_join (threads[k]);

  cairo_surface_mark_dirty (surface);
}
