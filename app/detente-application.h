/* detente-application.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DETENTE_TYPE_APPLICATION (detente_application_get_type ())

G_DECLARE_FINAL_TYPE (DetenteApplication, detente_application, DETENTE, APPLICATION, AdwApplication)

DetenteApplication *detente_application_new (void);

G_END_DECLS
