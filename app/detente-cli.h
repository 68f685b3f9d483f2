/* detente-cli.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean detente_cli_is_verb (const char *word);
int      detente_cli_run     (int         argc,
                              char      **argv);

G_END_DECLS
