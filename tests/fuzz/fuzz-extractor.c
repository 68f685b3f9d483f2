/* fuzz-extractor.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any text, as the readers would hand it over (valid, normalised UTF-8),
 * through mentions and engagement frames, read against a date taken from
 * the input's first bytes.
 */

#include "config.h"

#include <string.h>

#include "detente-extractor.h"
#include "detente-source.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *valid = NULL;
  g_autofree char *text = NULL;
  g_autoptr(DetenteExtractResult) result = NULL;
  DetenteArticle article = { 0 };
  DetenteDate published = DETENTE_DATE_INIT;
  gsize length;

  if (size >= 2)
    {
      /* Any year from 1900 to 2155, sometimes none. */
      if (data[0] != 0)
        detente_date_set (&published, 1900 + data[0], 1 + data[1] % 12, 1 + data[1] % 28);
      data += 2;
      size -= 2;
    }
  valid = g_utf8_make_valid ((const char *) data, size);
  text = detente_source_normalize_text (valid);
  length = strlen (text);

  article.file_name = (char *) "fuzz.txt";
  article.text = text;
  result = detente_extract (&article, &published, detente_gazetteer_get_default ());

  for (guint i = 0; i < result->engagements->len; i++)
    {
      const DetenteFoundEngagement *e = g_ptr_array_index (result->engagements, i);

      g_assert_cmpint (e->kind, <=, DETENTE_ENGAGEMENT_KIND_OTHER);
      g_assert_cmpint (e->status, <=, DETENTE_ENGAGEMENT_STATUS_POSSIBLE);
      g_assert_cmpuint (e->participants->len, >=, e->kind == DETENTE_ENGAGEMENT_KIND_VISIT ? 1 : 2);
      for (guint k = 0; k < e->participants->len; k++)
        g_assert_cmpuint (g_array_index (e->participants, guint, k), <, result->actors->len);
      g_assert_cmpuint (e->evidence->len, >, 0);
      for (guint k = 0; k < e->evidence->len; k++)
        {
          const DetenteSpan *span = &g_array_index (e->evidence, DetenteSpan, k);

          g_assert_cmpuint ((gsize) span->offset + span->length, <=, length);
          g_assert_true (g_utf8_validate (text + span->offset, span->length, NULL));
        }
      g_assert_true (e->confidence > 0.0 && e->confidence <= 1.0);
      g_assert_true (e->place == NULL || g_utf8_validate (e->place, -1, NULL));
    }
  return 0;
}
