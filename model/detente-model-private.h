/* detente-model-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replace *field with a copy of value, treating "" as NULL so an empty field
 * is stored and written the same way as an absent one.
 * Returns TRUE if the field changed. */
static inline gboolean
_detente_set_string (char       **field,
                     const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static inline gboolean
_detente_strv_equal0 (const char * const *a,
                      const char * const *b)
{
  guint la = a ? g_strv_length ((char **) a) : 0;
  guint lb = b ? g_strv_length ((char **) b) : 0;

  if (la != lb)
    return FALSE;
  for (guint i = 0; i < la; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Like _detente_set_string() for a NULL-terminated array; an empty array is
 * stored as NULL. */
static inline gboolean
_detente_set_strv (char               ***field,
                   const char * const   *value)
{
  if (value != NULL && value[0] == NULL)
    value = NULL;
  if (_detente_strv_equal0 ((const char * const *) *field, value))
    return FALSE;
  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  return TRUE;
}

/* Element-wise equality of two arrays, NULL counting as empty. */
static inline gboolean
_detente_ptr_array_equal (GPtrArray  *a,
                          GPtrArray  *b,
                          GEqualFunc  equal)
{
  guint la = a ? a->len : 0;
  guint lb = b ? b->len : 0;

  if (la != lb)
    return FALSE;
  for (guint i = 0; i < la; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

G_END_DECLS
