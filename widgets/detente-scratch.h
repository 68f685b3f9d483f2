/* detente-scratch.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DetenteScratch:
 * @DETENTE_SCRATCH_RASTER_LINES: the lines a frame of the graph hands
 *   to the edge raster
 * @DETENTE_SCRATCH_PLAN_LINES: an edge raster plan's prepared lines
 * @DETENTE_SCRATCH_PLAN_ORDER: an edge raster plan's lines, tile by tile
 *
 * The kinds of big buffer that one frame leaves for the next.
 */
typedef enum
{
  DETENTE_SCRATCH_RASTER_LINES,
  DETENTE_SCRATCH_PLAN_LINES,
  DETENTE_SCRATCH_PLAN_ORDER,
  DETENTE_SCRATCH_N_KINDS,
} DetenteScratch;

/* Buffers from detente_scratch_take() are aligned for this many bytes. */
#define DETENTE_SCRATCH_ALIGN 64

gpointer detente_scratch_take (DetenteScratch kind,
                               gsize          size,
                               gsize         *got);
void     detente_scratch_give (DetenteScratch kind,
                               gpointer       data,
                               gsize          size);

G_END_DECLS
