/* test-scratch.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-scratch.h"

/* A buffer handed back comes again for a request it can hold, aligned,
 * with the size it really has; a bigger request gets a new one. */
static void
test_kept (void)
{
  gsize got, again;
  guint8 *data = detente_scratch_take (DETENTE_SCRATCH_PLAN_ORDER, 1000, &got);
  guint8 *second, *bigger;

  g_assert_nonnull (data);
  g_assert_cmpuint (got, >=, 1000);
  g_assert_cmpuint (GPOINTER_TO_SIZE (data) % DETENTE_SCRATCH_ALIGN, ==, 0);
  /* All of it can be written. */
  memset (data, 0xa5, got);
  detente_scratch_give (DETENTE_SCRATCH_PLAN_ORDER, data, got);

  second = detente_scratch_take (DETENTE_SCRATCH_PLAN_ORDER, 10, &again);
  g_assert_true (second == data);
  g_assert_cmpuint (again, ==, got);
  g_assert_cmpuint (second[got - 1], ==, 0xa5);

  /* Taken: another request of the kind gets a buffer of its own. */
  bigger = detente_scratch_take (DETENTE_SCRATCH_PLAN_ORDER, 10, &again);
  g_assert_true (bigger != second);
  detente_scratch_give (DETENTE_SCRATCH_PLAN_ORDER, bigger, again);
  detente_scratch_give (DETENTE_SCRATCH_PLAN_ORDER, second, got);

  /* The biggest is kept; a request beyond it gets a new buffer. */
  data = detente_scratch_take (DETENTE_SCRATCH_PLAN_ORDER, got + 1, &again);
  g_assert_true (data != second);
  g_assert_cmpuint (again, ==, got + 1);
  memset (data, 0, again);
  detente_scratch_give (DETENTE_SCRATCH_PLAN_ORDER, data, again);
  second = detente_scratch_take (DETENTE_SCRATCH_PLAN_ORDER, 1, &got);
  g_assert_true (second == data);
  detente_scratch_give (DETENTE_SCRATCH_PLAN_ORDER, second, got);

  /* Kinds do not share. */
  data = detente_scratch_take (DETENTE_SCRATCH_PLAN_LINES, 1, &got);
  g_assert_true (data != second);
  detente_scratch_give (DETENTE_SCRATCH_PLAN_LINES, data, got);
  detente_scratch_give (DETENTE_SCRATCH_PLAN_LINES, NULL, 0);
}

/* A buffer bigger than is worth keeping is freed, not kept: the next
 * request gets the one kept before. */
static void
test_too_big (void)
{
  gsize small_size, big_size, got;
  gpointer small = detente_scratch_take (DETENTE_SCRATCH_RASTER_LINES, 4096, &small_size);
  gpointer big = detente_scratch_take (DETENTE_SCRATCH_RASTER_LINES, (gsize) 65 << 20, &big_size);
  gpointer again;

  detente_scratch_give (DETENTE_SCRATCH_RASTER_LINES, small, small_size);
  detente_scratch_give (DETENTE_SCRATCH_RASTER_LINES, big, big_size);
  again = detente_scratch_take (DETENTE_SCRATCH_RASTER_LINES, 1, &got);
  g_assert_true (again == small);
  g_assert_cmpuint (got, ==, small_size);
  detente_scratch_give (DETENTE_SCRATCH_RASTER_LINES, again, got);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scratch/kept", test_kept);
  g_test_add_func ("/scratch/too-big", test_too_big);
  return g_test_run ();
}
