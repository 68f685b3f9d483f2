/* detente-date.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DETENTE_TYPE_DATE (detente_date_get_type ())
#define DETENTE_DATE_ERROR (detente_date_error_quark ())

typedef enum
{
  DETENTE_DATE_PRECISION_NONE,
  DETENTE_DATE_PRECISION_YEAR,
  DETENTE_DATE_PRECISION_MONTH,
  DETENTE_DATE_PRECISION_DAY,
} DetenteDatePrecision;

typedef enum
{
  DETENTE_DATE_ERROR_INVALID,
} DetenteDateError;

/**
 * DetenteDate:
 *
 * A partial date, exact about what it knows: a year, a month or a day, with
 * an optional end of its own precision ("18–19 June 2023"). A date whose
 * precision is %DETENTE_DATE_PRECISION_NONE is unknown. It is a plain value:
 * copy it with `=`.
 */
typedef struct
{
  gint16 year;
  guint8 month;
  guint8 day;
  guint8 precision;
  guint8 end_month;
  guint8 end_day;
  guint8 end_precision;
  gint16 end_year;
} DetenteDate;

#define DETENTE_DATE_INIT { 0 }

GType       detente_date_get_type     (void) G_GNUC_CONST;
GQuark      detente_date_error_quark  (void);

DetenteDate *detente_date_copy        (const DetenteDate *date);
void        detente_date_free         (DetenteDate       *date);

gboolean    detente_date_set          (DetenteDate       *date,
                                       int                year,
                                       int                month,
                                       int                day);
gboolean    detente_date_set_end      (DetenteDate       *date,
                                       int                year,
                                       int                month,
                                       int                day);
void        detente_date_clear        (DetenteDate       *date);
gboolean    detente_date_is_set       (const DetenteDate *date);
gboolean    detente_date_has_end      (const DetenteDate *date);
DetenteDatePrecision detente_date_get_precision (const DetenteDate *date);

gboolean    detente_date_parse        (const char        *text,
                                       DetenteDate       *date,
                                       GError           **error);
char       *detente_date_to_iso       (const DetenteDate *date);
char       *detente_date_format       (const DetenteDate *date);

guint32     detente_date_get_first_day (const DetenteDate *date);
guint32     detente_date_get_last_day  (const DetenteDate *date);

int         detente_date_compare      (const DetenteDate *a,
                                       const DetenteDate *b);
gboolean    detente_date_equal        (const DetenteDate *a,
                                       const DetenteDate *b);
gboolean    detente_date_overlaps     (const DetenteDate *a,
                                       const DetenteDate *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteDate, detente_date_free)

G_END_DECLS
