/* detente-date-parse.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "detente-date.h"

G_BEGIN_DECLS

/**
 * DetenteTense:
 * @DETENTE_TENSE_UNKNOWN: the tense is not known
 * @DETENTE_TENSE_PAST: the sentence reports what happened ("met")
 * @DETENTE_TENSE_PRESENT: the sentence is in the present ("meets")
 * @DETENTE_TENSE_FUTURE: the sentence tells what is to come ("will meet")
 *
 * The tense of a sentence's verb, which decides which "February" or which
 * "Sunday" a partial date means.
 */
typedef enum
{
  DETENTE_TENSE_UNKNOWN,
  DETENTE_TENSE_PAST,
  DETENTE_TENSE_PRESENT,
  DETENTE_TENSE_FUTURE,
} DetenteTense;

/**
 * DetenteDateMatch:
 * @offset: byte offset of the expression in the text given
 * @length: its length in bytes
 * @date: the date at its own precision, a range when the text gives one
 * @relative: %TRUE when the date was resolved against the reference date
 *   (a relative expression such as "last week", or a partial one such as
 *   "in February" or "June 18" without a year)
 *
 * A date expression found in a text.
 */
typedef struct
{
  guint       offset;
  guint       length;
  DetenteDate date;
  gboolean    relative;
} DetenteDateMatch;

GArray   *detente_date_parse_find  (const char        *text,
                                    gssize             length,
                                    const DetenteDate *reference,
                                    DetenteTense       tense);
GArray   *detente_date_parse_find_tensed (const char        *text,
                                          gssize             length,
                                          const DetenteDate *reference,
                                          DetenteTense       tense,
                                          gboolean          *tense_matters);
/* For the extractor, which keeps one array for the dates of every
 * sentence it reads. */
gboolean  _detente_date_parse_find_into (GArray            *matches,
                                         const char        *text,
                                         gsize              length,
                                         const DetenteDate *reference,
                                         DetenteTense       tense);
gboolean  detente_date_parse_loose (const char        *text,
                                    DetenteDate       *out);

G_END_DECLS
