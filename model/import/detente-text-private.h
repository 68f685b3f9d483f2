/* detente-text-private.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-text.h"

G_BEGIN_DECLS

DetenteText *_detente_text_new_shared (char  *text,
                                       gsize  length);

G_END_DECLS
