/* detente-project.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "detente-actor.h"
#include "detente-engagement.h"
#include "detente-extractor.h"
#include "detente-source.h"

G_BEGIN_DECLS

#define DETENTE_TYPE_PROJECT (detente_project_get_type ())
#define DETENTE_PROJECT_ERROR (detente_project_error_quark ())

typedef enum
{
  DETENTE_PROJECT_ERROR_DUPLICATE_ID,
  DETENTE_PROJECT_ERROR_UNKNOWN_ACTOR,
  DETENTE_PROJECT_ERROR_UNKNOWN_SOURCE,
  DETENTE_PROJECT_ERROR_INVALID,
} DetenteProjectError;

/**
 * DetenteMergeSummary:
 * @sources: articles added
 * @known_sources: articles the project already had, which added nothing
 * @actors: actors added
 * @engagements: engagements added
 * @updated: engagements already known that gained evidence
 *
 * What detente_project_merge() did.
 */
typedef struct
{
  guint sources;
  guint known_sources;
  guint actors;
  guint engagements;
  guint updated;
} DetenteMergeSummary;

G_DECLARE_FINAL_TYPE (DetenteProject, detente_project, DETENTE, PROJECT, GObject)

/**
 * DetenteMerge:
 *
 * A merge in progress: results added a few at a time, as one undoable
 * step, which detente_merge_end() records or detente_merge_abort() takes
 * back. While it lasts, nothing else may change the project.
 */
typedef struct _DetenteMerge DetenteMerge;

GQuark             detente_project_error_quark         (void);
DetenteProject    *detente_project_new                 (void);

GListModel        *detente_project_get_actors          (DetenteProject    *self);
GListModel        *detente_project_get_engagements     (DetenteProject    *self);
GListModel        *detente_project_get_sources         (DetenteProject    *self);
DetenteActor      *detente_project_lookup_actor        (DetenteProject    *self,
                                                        const char        *id);
DetenteEngagement *detente_project_lookup_engagement   (DetenteProject    *self,
                                                        const char        *id);
DetenteSource     *detente_project_lookup_source       (DetenteProject    *self,
                                                        const char        *id);
guint              detente_project_count_engagements   (DetenteProject    *self,
                                                        const char        *actor_id);

gboolean           detente_project_add_actor           (DetenteProject    *self,
                                                        DetenteActor      *actor,
                                                        GError           **error);
gboolean           detente_project_add_engagement      (DetenteProject    *self,
                                                        DetenteEngagement *engagement,
                                                        GError           **error);
gboolean           detente_project_add_source          (DetenteProject    *self,
                                                        DetenteSource     *source,
                                                        GError           **error);
void               detente_project_remove_actor        (DetenteProject    *self,
                                                        DetenteActor      *actor);
void               detente_project_remove_engagement   (DetenteProject    *self,
                                                        DetenteEngagement *engagement);
void               detente_project_remove_source       (DetenteProject    *self,
                                                        DetenteSource     *source);
void               detente_project_set                 (DetenteProject    *self,
                                                        gpointer           object,
                                                        const char        *first_property_name,
                                                        ...) G_GNUC_NULL_TERMINATED;
void               detente_project_set_property        (DetenteProject    *self,
                                                        gpointer           object,
                                                        const char        *property_name,
                                                        const GValue      *value);
void               detente_project_merge_actors        (DetenteProject    *self,
                                                        DetenteActor      *keep,
                                                        DetenteActor      *absorb);

void               detente_project_merge               (DetenteProject    *self,
                                                        DetenteExtractResult * const *results,
                                                        guint              n_results,
                                                        DetenteMergeSummary *summary);
DetenteMerge      *detente_project_merge_begin         (DetenteProject    *self);
void               detente_merge_add                   (DetenteMerge      *merge,
                                                        DetenteExtractResult * const *results,
                                                        guint              n_results);
void               detente_merge_show                  (DetenteMerge      *merge);
void               detente_merge_end                   (DetenteMerge      *merge,
                                                        DetenteMergeSummary *summary);
void               detente_merge_abort                 (DetenteMerge      *merge);
void               detente_project_begin_group         (DetenteProject    *self,
                                                        const char        *label);
void               detente_project_end_group           (DetenteProject    *self);
void               detente_project_abort_group         (DetenteProject    *self);
gboolean           detente_project_can_undo            (DetenteProject    *self);
gboolean           detente_project_can_redo            (DetenteProject    *self);
const char        *detente_project_get_undo_label      (DetenteProject    *self);
const char        *detente_project_get_redo_label      (DetenteProject    *self);
gboolean           detente_project_undo                (DetenteProject    *self);
gboolean           detente_project_redo                (DetenteProject    *self);
void               detente_project_clear_history       (DetenteProject    *self);

gboolean           detente_project_get_dirty           (DetenteProject    *self);
void               detente_project_mark_saved          (DetenteProject    *self);
GFile             *detente_project_get_file            (DetenteProject    *self);
void               detente_project_set_file            (DetenteProject    *self,
                                                        GFile             *file);

G_END_DECLS
