/* detente-scratch.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "detente-scratch.h"

/* Frames of the graph come many times a second while a layout runs, and
 * at tens of thousands of edges a frame's working buffers take tens of
 * megabytes. Fresh pages from the kernel cost more to fault in than the
 * work done in them (about 2 µs a page, measured on a virtual machine),
 * so each kind of buffer is kept for the next frame: one of each kind,
 * the biggest, up to SCRATCH_MAX bytes. */
#define SCRATCH_MAX (64u << 20)

typedef struct
{
  gpointer data;
  gsize    size;
} Kept;

static GMutex lock;
static Kept kept[DETENTE_SCRATCH_N_KINDS];

/**
 * detente_scratch_take:
 * @kind: what the buffer is for
 * @size: bytes needed
 * @got: (out): bytes the buffer has, to hand back to detente_scratch_give()
 *
 * Gives a buffer of at least @size bytes, aligned for
 * %DETENTE_SCRATCH_ALIGN bytes and not cleared: the one kept for @kind
 * if it is big enough, else a new one. Any thread may call it.
 *
 * Returns: (transfer full): the buffer, for detente_scratch_give()
 */
gpointer
detente_scratch_take (DetenteScratch kind,
                      gsize          size,
                      gsize         *got)
{
  gpointer data = NULL;

  g_return_val_if_fail (kind < DETENTE_SCRATCH_N_KINDS, NULL);
  g_return_val_if_fail (got != NULL, NULL);

  size = MAX (size, 1);
  g_mutex_lock (&lock);
  if (kept[kind].data != NULL && kept[kind].size >= size)
    {
      data = g_steal_pointer (&kept[kind].data);
      size = kept[kind].size;
    }
  g_mutex_unlock (&lock);
  if (data == NULL)
    data = g_aligned_alloc (size, 1, DETENTE_SCRATCH_ALIGN);
  *got = size;
  return data;
}

/**
 * detente_scratch_give:
 * @kind: what the buffer was for
 * @data: (transfer full) (nullable): a buffer from detente_scratch_take()
 * @size: the size detente_scratch_take() gave for it
 *
 * Hands @data back: it is kept for the next detente_scratch_take() of
 * @kind if it is bigger than the one kept, and not too big; otherwise
 * it is freed.
 */
void
detente_scratch_give (DetenteScratch kind,
                      gpointer       data,
                      gsize          size)
{
  g_return_if_fail (kind < DETENTE_SCRATCH_N_KINDS);

  if (data == NULL)
    return;
  g_mutex_lock (&lock);
  if (size <= SCRATCH_MAX && (kept[kind].data == NULL || kept[kind].size < size))
    {
      gpointer old = kept[kind].data;

      kept[kind].data = data;
      kept[kind].size = size;
      data = old;
    }
  g_mutex_unlock (&lock);
  g_aligned_free (data);
}
