/* fuzz-date-parse.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes, searched for dates under every tense against no reference, an
 * unset one, a fixed day, a month, a year, and a reference taken from the
 * input itself (which may be out of range or invalid); then parsed as one
 * loose metadata date.
 */

#include "config.h"

#include <string.h>

#include "detente-date-parse.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_date (const DetenteDate *d)
{
  g_assert_true (detente_date_is_set (d));
  g_assert_cmpint (d->year, >=, 1900);
  g_assert_cmpint (d->year, <=, 2100);
  if (detente_date_has_end (d))
    {
      g_assert_cmpint (d->end_year, >=, 1900);
      g_assert_cmpint (d->end_year, <=, 2100);
      g_assert_cmpuint (detente_date_get_first_day (d), <=, detente_date_get_last_day (d));
    }
}

static void
check_find (const char        *text,
            gssize             length,
            const DetenteDate *reference,
            DetenteTense       tense)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  g_autoptr(GArray) matches = detente_date_parse_find (text, length, reference, tense);
  gsize end = 0;

  g_assert_nonnull (matches);
  for (guint i = 0; i < matches->len; i++)
    {
      const DetenteDateMatch *m = &g_array_index (matches, DetenteDateMatch, i);

      /* Left to right, without overlap, inside the text, never empty. */
      g_assert_cmpuint (m->offset, >=, end);
      g_assert_cmpuint (m->length, >, 0);
      g_assert_cmpuint ((gsize) m->offset + m->length, <=, len);
      g_assert_false (g_ascii_isspace (text[m->offset]));
      end = m->offset + m->length;
      check_date (&m->date);
      /* Nothing is resolved against a reference that is not there. */
      if (!detente_date_is_set (reference))
        g_assert_false (m->relative);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  DetenteDate refs[5] = { DETENTE_DATE_INIT, DETENTE_DATE_INIT, DETENTE_DATE_INIT,
                          DETENTE_DATE_INIT, DETENTE_DATE_INIT };
  g_autofree char *text = NULL;
  DetenteDate loose = DETENTE_DATE_INIT;

  /* Sentences are short; long inputs only slow the search down. */
  if (size > 4096)
    return 0;

  text = g_malloc (size + 1);
  memcpy (text, data, size);
  text[size] = '\0';

  /* refs[0] stays unset. A Monday, a month, a year, and whatever the first
   * bytes say, which detente_date_set() may refuse. */
  detente_date_set (&refs[1], 2023, 6, 19);
  detente_date_set (&refs[2], 2023, 6, 0);
  detente_date_set (&refs[3], 2100, 0, 0);
  if (size >= 4)
    detente_date_set (&refs[4], 1890 + data[0] % 221, data[1] % 13, data[2] % 32);

  for (DetenteTense tense = DETENTE_TENSE_UNKNOWN; tense <= DETENTE_TENSE_FUTURE; tense++)
    {
      check_find (text, size, NULL, tense);
      for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
        check_find (text, i % 2 == 0 ? (gssize) size : -1, &refs[i], tense);
    }

  if (detente_date_parse_loose (text, &loose))
    check_date (&loose);
  return 0;
}
