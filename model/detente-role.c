/* detente-role.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "detente-role.h"

G_DEFINE_BOXED_TYPE (DetenteRole, detente_role, detente_role_copy, detente_role_free)

/**
 * detente_role_new:
 * @title: the title of the role
 * @organisation: (nullable): where the role is held
 * @from: (nullable): when it began
 * @to: (nullable): when it ended
 *
 * Returns: (transfer full): a new role
 */
DetenteRole *
detente_role_new (const char        *title,
                  const char        *organisation,
                  const DetenteDate *from,
                  const DetenteDate *to)
{
  DetenteRole *role;

  g_return_val_if_fail (title != NULL, NULL);

  role = g_new0 (DetenteRole, 1);
  role->title = g_strdup (title);
  role->organisation = g_strdup (organisation);
  if (from != NULL)
    role->from = *from;
  if (to != NULL)
    role->to = *to;
  return role;
}

/**
 * detente_role_copy:
 * @role: a role
 *
 * Returns: (transfer full): a copy of @role
 */
DetenteRole *
detente_role_copy (const DetenteRole *role)
{
  g_return_val_if_fail (role != NULL, NULL);

  return detente_role_new (role->title, role->organisation, &role->from, &role->to);
}

/**
 * detente_role_free:
 * @role: a role
 */
void
detente_role_free (DetenteRole *role)
{
  if (role == NULL)
    return;
  g_free (role->title);
  g_free (role->organisation);
  g_free (role);
}

/**
 * detente_role_equal:
 * @a: a role
 * @b: a role
 *
 * Returns: %TRUE if both roles say the same thing
 */
gboolean
detente_role_equal (const DetenteRole *a,
                    const DetenteRole *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->organisation, b->organisation) == 0 &&
         detente_date_equal (&a->from, &b->from) &&
         detente_date_equal (&a->to, &b->to);
}
