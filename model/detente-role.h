/* detente-role.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "detente-date.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_ROLE (detente_role_get_type ())

/**
 * DetenteRole:
 * @title: "Secretary of State"
 * @organisation: (nullable): "United States", "State Department"
 * @from: when the role began, if known
 * @to: when it ended, if known and over
 *
 * A role an actor held over time. Roles are values: they are never changed
 * after they are made, so undo can keep them.
 */
typedef struct
{
  char        *title;
  char        *organisation;
  DetenteDate  from;
  DetenteDate  to;
} DetenteRole;

GType        detente_role_get_type (void) G_GNUC_CONST;
DetenteRole *detente_role_new      (const char        *title,
                                    const char        *organisation,
                                    const DetenteDate *from,
                                    const DetenteDate *to);
DetenteRole *detente_role_copy     (const DetenteRole *role);
void         detente_role_free     (DetenteRole       *role);
gboolean     detente_role_equal    (const DetenteRole *a,
                                    const DetenteRole *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteRole, detente_role_free)

G_END_DECLS
