/* detente-source.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "detente-date.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_SOURCE (detente_source_get_type ())

G_DECLARE_FINAL_TYPE (DetenteSource, detente_source, DETENTE, SOURCE, GObject)

DetenteSource     *detente_source_new             (const char        *text);
DetenteSource     *detente_source_new_with_id     (const char        *id,
                                                   const char        *text);
char              *detente_source_normalize_text  (const char        *text);
gboolean           detente_source_check_text      (const char        *text,
                                                   gsize              length,
                                                   gboolean          *stable);
const char        *detente_source_get_id          (DetenteSource     *self);
const char        *detente_source_get_text        (DetenteSource     *self);
gsize              detente_source_get_text_length (DetenteSource     *self);
const char        *detente_source_get_file_name   (DetenteSource     *self);
void               detente_source_set_file_name   (DetenteSource     *self,
                                                   const char        *file_name);
const char        *detente_source_get_title       (DetenteSource     *self);
void               detente_source_set_title       (DetenteSource     *self,
                                                   const char        *title);
const char        *detente_source_get_author      (DetenteSource     *self);
void               detente_source_set_author      (DetenteSource     *self,
                                                   const char        *author);
const char        *detente_source_get_url         (DetenteSource     *self);
void               detente_source_set_url         (DetenteSource     *self,
                                                   const char        *url);
const DetenteDate *detente_source_get_published   (DetenteSource     *self);
void               detente_source_set_published   (DetenteSource     *self,
                                                   const DetenteDate *published);
GDateTime         *detente_source_get_imported    (DetenteSource     *self);
void               detente_source_set_imported    (DetenteSource     *self,
                                                   GDateTime         *imported);

G_END_DECLS
