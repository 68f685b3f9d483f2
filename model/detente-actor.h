/* detente-actor.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "detente-role.h"
#include "detente-types.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_ACTOR (detente_actor_get_type ())
#define DETENTE_ACTOR_MAX_POSITION 1e9

G_DECLARE_FINAL_TYPE (DetenteActor, detente_actor, DETENTE, ACTOR, GObject)

DetenteActor       *detente_actor_new          (const char          *id,
                                                const char          *name,
                                                DetenteActorKind     kind);
char               *detente_actor_make_id      (const char          *name);
const char         *detente_actor_get_id       (DetenteActor        *self);
const char         *detente_actor_get_name     (DetenteActor        *self);
void                detente_actor_set_name     (DetenteActor        *self,
                                                const char          *name);
DetenteActorKind    detente_actor_get_kind     (DetenteActor        *self);
void                detente_actor_set_kind     (DetenteActor        *self,
                                                DetenteActorKind     kind);
const char         *detente_actor_get_country  (DetenteActor        *self);
void                detente_actor_set_country  (DetenteActor        *self,
                                                const char          *country);
const char * const *detente_actor_get_aliases  (DetenteActor        *self);
void                detente_actor_set_aliases  (DetenteActor        *self,
                                                const char * const  *aliases);
GPtrArray          *detente_actor_get_roles    (DetenteActor        *self);
void                detente_actor_set_roles    (DetenteActor        *self,
                                                GPtrArray           *roles);
const char         *detente_actor_get_notes    (DetenteActor        *self);
void                detente_actor_set_notes    (DetenteActor        *self,
                                                const char          *notes);
gboolean            detente_actor_get_pinned   (DetenteActor        *self);
void                detente_actor_set_pinned   (DetenteActor        *self,
                                                gboolean             pinned);
double              detente_actor_get_x        (DetenteActor        *self);
void                detente_actor_set_x        (DetenteActor        *self,
                                                double               x);
double              detente_actor_get_y        (DetenteActor        *self);
void                detente_actor_set_y        (DetenteActor        *self,
                                                double               y);
gboolean            detente_actor_has_name     (DetenteActor        *self,
                                                const char          *name);

G_END_DECLS
