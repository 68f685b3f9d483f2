/* test-project.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "detente-project.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->calls++;
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static DetenteActor *
add_actor (DetenteProject *project,
           const char     *name)
{
  g_autofree char *id = detente_actor_make_id (name);
  g_autoptr(DetenteActor) actor = detente_actor_new (id, name, DETENTE_ACTOR_KIND_PERSON);
  g_autoptr(GError) error = NULL;

  g_assert_true (detente_project_add_actor (project, actor, &error));
  g_assert_no_error (error);
  return actor;
}

static DetenteEngagement *
add_meeting (DetenteProject *project,
             const char     *id,
             const char     *a,
             const char     *b)
{
  g_autoptr(DetenteEngagement) e = detente_engagement_new (id, DETENTE_ENGAGEMENT_KIND_MEETING);
  const char *who[] = { a, b, NULL };
  g_autoptr(GError) error = NULL;

  detente_engagement_set_participants (e, who);
  g_assert_true (detente_project_add_engagement (project, e, &error));
  g_assert_no_error (error);
  return e;
}

static void
test_add_lookup (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteActor) twin = detente_actor_new ("wang-yi", "Wang Yi", DETENTE_ACTOR_KIND_PERSON);
  g_autoptr(DetenteEngagement) orphan = detente_engagement_new ("e9", DETENTE_ENGAGEMENT_KIND_CALL);
  const char *who[] = { "wang-yi", "nobody", NULL };
  g_autoptr(GError) error = NULL;
  ItemsChanged ic = { 0 };
  DetenteActor *blinken, *wang;

  g_signal_connect (detente_project_get_actors (project), "items-changed",
                    G_CALLBACK (on_items_changed), &ic);

  blinken = add_actor (project, "Antony Blinken");
  g_assert_cmpuint (ic.calls, ==, 1);
  g_assert_cmpuint (ic.position, ==, 0);
  g_assert_cmpuint (ic.added, ==, 1);
  wang = add_actor (project, "Wang Yi");
  g_assert_cmpuint (ic.position, ==, 1);

  g_assert_true (detente_project_lookup_actor (project, "antony-blinken") == blinken);
  g_assert_true (detente_project_lookup_actor (project, "wang-yi") == wang);
  g_assert_null (detente_project_lookup_actor (project, "xi-jinping"));

  g_assert_false (detente_project_add_actor (project, twin, &error));
  g_assert_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_actors (project)), ==, 2);

  detente_engagement_set_participants (orphan, who);
  g_assert_false (detente_project_add_engagement (project, orphan, &error));
  g_assert_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_UNKNOWN_ACTOR);
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_engagements (project)), ==, 0);

  add_meeting (project, "e1", "antony-blinken", "wang-yi");
  g_assert_nonnull (detente_project_lookup_engagement (project, "e1"));
  g_assert_cmpuint (detente_project_count_engagements (project, "wang-yi"), ==, 1);
  g_assert_cmpuint (detente_project_count_engagements (project, "xi-jinping"), ==, 0);
}

static void
test_remove_actor_cascades (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteActor *wang;
  ItemsChanged ic = { 0 };
  guint changed = 0;

  add_actor (project, "Antony Blinken");
  wang = add_actor (project, "Wang Yi");
  add_actor (project, "Qin Gang");
  add_meeting (project, "e1", "antony-blinken", "wang-yi");
  add_meeting (project, "e2", "antony-blinken", "qin-gang");
  add_meeting (project, "e3", "qin-gang", "wang-yi");

  g_signal_connect (project, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (detente_project_get_actors (project), "items-changed",
                    G_CALLBACK (on_items_changed), &ic);

  detente_project_remove_actor (project, wang);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 1);
  g_assert_null (detente_project_lookup_actor (project, "wang-yi"));
  g_assert_null (detente_project_lookup_engagement (project, "e1"));
  g_assert_null (detente_project_lookup_engagement (project, "e3"));
  g_assert_nonnull (detente_project_lookup_engagement (project, "e2"));

  /* One step brings it all back, in place. */
  g_assert_true (detente_project_undo (project));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (ic.position, ==, 1);
  g_assert_cmpuint (ic.added, ==, 1);
  g_assert_true (detente_project_lookup_actor (project, "wang-yi") == wang);
  g_assert_nonnull (detente_project_lookup_engagement (project, "e1"));
  {
    g_autoptr(DetenteEngagement) first = g_list_model_get_item (detente_project_get_engagements (project), 0);
    g_autoptr(DetenteEngagement) last = g_list_model_get_item (detente_project_get_engagements (project), 2);

    g_assert_cmpstr (detente_engagement_get_id (first), ==, "e1");
    g_assert_cmpstr (detente_engagement_get_id (last), ==, "e3");
  }

  g_assert_true (detente_project_redo (project));
  g_assert_null (detente_project_lookup_actor (project, "wang-yi"));
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_engagements (project)), ==, 1);
}

static void
test_set_undo_redo (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteActor *actor = add_actor (project, "Antony Blinken");
  const char *aliases[] = { "Blinken", NULL };
  guint changed = 0;

  detente_project_clear_history (project);
  g_assert_false (detente_project_can_undo (project));
  g_assert_false (detente_project_get_dirty (project));
  g_signal_connect (project, "changed", G_CALLBACK (count_cb), &changed);

  detente_project_set (project, actor, "name", "Tony Blinken", "aliases", aliases, NULL);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (detente_project_get_dirty (project));
  g_assert_true (detente_project_can_undo (project));
  g_assert_cmpstr (detente_actor_get_name (actor), ==, "Tony Blinken");

  /* Setting what is already there is no step. */
  detente_project_set (project, actor, "name", "Tony Blinken", NULL);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_true (detente_project_undo (project));
  g_assert_cmpstr (detente_actor_get_name (actor), ==, "Antony Blinken");
  g_assert_null (detente_actor_get_aliases (actor));
  g_assert_false (detente_project_get_dirty (project));
  g_assert_true (detente_project_can_redo (project));
  g_assert_false (detente_project_undo (project));

  g_assert_true (detente_project_redo (project));
  g_assert_cmpstr (detente_actor_get_name (actor), ==, "Tony Blinken");
  g_assert_cmpstr (detente_actor_get_aliases (actor)[0], ==, "Blinken");
  g_assert_false (detente_project_redo (project));

  /* A new step drops the redo history. */
  g_assert_true (detente_project_undo (project));
  detente_project_set (project, actor, "country", "US", NULL);
  g_assert_false (detente_project_can_redo (project));

  {
    GValue v = G_VALUE_INIT;

    g_value_init (&v, G_TYPE_STRING);
    g_value_set_string (&v, "Notes");
    detente_project_set_property (project, actor, "notes", &v);
    g_value_unset (&v);
    g_assert_cmpstr (detente_actor_get_notes (actor), ==, "Notes");
  }
}

static void
test_groups (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  guint changed = 0;

  g_signal_connect (project, "changed", G_CALLBACK (count_cb), &changed);

  detente_project_begin_group (project, "Import");
  add_actor (project, "Antony Blinken");
  detente_project_begin_group (project, "Inner");
  add_actor (project, "Wang Yi");
  detente_project_end_group (project);
  add_meeting (project, "e1", "antony-blinken", "wang-yi");
  g_assert_cmpuint (changed, ==, 0);
  detente_project_end_group (project);

  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (detente_project_get_undo_label (project), ==, "Import");

  g_assert_true (detente_project_undo (project));
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_actors (project)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_engagements (project)), ==, 0);
  g_assert_false (detente_project_can_undo (project));
  g_assert_cmpstr (detente_project_get_redo_label (project), ==, "Import");

  g_assert_true (detente_project_redo (project));
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_actors (project)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_engagements (project)), ==, 1);

  /* An empty group leaves no step. */
  detente_project_begin_group (project, "Nothing");
  detente_project_end_group (project);
  g_assert_cmpstr (detente_project_get_undo_label (project), ==, "Import");
}

static void
test_merge (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteActor *wang, *mr_wang;
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);
  const char *aliases[] = { "Wang", NULL };
  const char * const *p;

  add_actor (project, "Antony Blinken");
  wang = add_actor (project, "Wang Yi");
  mr_wang = add_actor (project, "Mr. Wang");
  add_meeting (project, "e1", "antony-blinken", "mr-wang");
  add_meeting (project, "e2", "wang-yi", "mr-wang");
  add_meeting (project, "e3", "antony-blinken", "wang-yi");
  g_ptr_array_add (roles, detente_role_new ("Foreign Minister", "China", NULL, NULL));
  detente_project_set (project, mr_wang, "aliases", aliases, "roles", roles, "country", "CN", NULL);
  detente_project_clear_history (project);

  detente_project_merge_actors (project, wang, mr_wang);

  g_assert_null (detente_project_lookup_actor (project, "mr-wang"));
  p = detente_engagement_get_participants (detente_project_lookup_engagement (project, "e1"));
  g_assert_cmpstr (p[0], ==, "antony-blinken");
  g_assert_cmpstr (p[1], ==, "wang-yi");
  /* Someone meeting themselves collapses to one participant. */
  p = detente_engagement_get_participants (detente_project_lookup_engagement (project, "e2"));
  g_assert_cmpuint (g_strv_length ((char **) p), ==, 1);
  g_assert_true (detente_actor_has_name (wang, "Mr. Wang"));
  g_assert_true (detente_actor_has_name (wang, "Wang"));
  g_assert_cmpstr (detente_actor_get_country (wang), ==, "CN");
  g_assert_cmpuint (detente_actor_get_roles (wang)->len, ==, 1);
  g_assert_cmpuint (detente_project_count_engagements (project, "wang-yi"), ==, 3);
  g_assert_cmpstr (detente_project_get_undo_label (project), ==, "Merge Actors");

  g_assert_true (detente_project_undo (project));
  g_assert_false (detente_project_can_undo (project));
  g_assert_true (detente_project_lookup_actor (project, "mr-wang") == mr_wang);
  p = detente_engagement_get_participants (detente_project_lookup_engagement (project, "e1"));
  g_assert_cmpstr (p[1], ==, "mr-wang");
  g_assert_false (detente_actor_has_name (wang, "Mr. Wang"));
  g_assert_null (detente_actor_get_country (wang));
  g_assert_cmpuint (detente_actor_get_roles (wang)->len, ==, 0);
  g_assert_cmpuint (detente_project_count_engagements (project, "wang-yi"), ==, 2);
}

static void
test_remove_source (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteSource) source = detente_source_new ("Blinken met Wang. Later, Wang called.");
  g_autoptr(DetenteSource) other = detente_source_new ("Another article.");
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (g_object_unref);
  DetenteEngagement *extracted, *manual;
  const char *id;

  g_assert_true (detente_project_add_source (project, source, NULL));
  g_assert_true (detente_project_add_source (project, other, NULL));
  g_assert_false (detente_project_add_source (project, source, NULL));
  id = detente_source_get_id (source);
  g_assert_true (detente_project_lookup_source (project, id) == source);

  add_actor (project, "Antony Blinken");
  add_actor (project, "Wang Yi");
  extracted = add_meeting (project, "e1", "antony-blinken", "wang-yi");
  manual = add_meeting (project, "e2", "antony-blinken", "wang-yi");
  g_ptr_array_add (evidence, detente_evidence_new (id, 0, 17, "Blinken met Wang."));
  detente_project_set (project, extracted, "evidence", evidence, NULL);
  detente_project_set (project, manual, "evidence", evidence, "origin", DETENTE_ORIGIN_MANUAL, NULL);

  detente_project_remove_source (project, source);
  g_assert_null (detente_project_lookup_source (project, id));
  g_assert_null (detente_project_lookup_engagement (project, "e1"));
  g_assert_true (detente_project_lookup_engagement (project, "e2") == manual);
  g_assert_cmpuint (detente_engagement_get_evidence (manual)->len, ==, 0);

  g_assert_true (detente_project_undo (project));
  g_assert_true (detente_project_lookup_source (project, id) == source);
  g_assert_true (detente_project_lookup_engagement (project, "e1") == extracted);
  g_assert_cmpuint (detente_engagement_get_evidence (manual)->len, ==, 1);
}

static void
test_dirty (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteActor *actor;
  guint dirty_notifies = 0;

  g_signal_connect (project, "notify::dirty", G_CALLBACK (count_notify_cb), &dirty_notifies);
  g_assert_false (detente_project_get_dirty (project));

  actor = add_actor (project, "Antony Blinken");
  g_assert_true (detente_project_get_dirty (project));
  g_assert_cmpuint (dirty_notifies, >, 0);

  detente_project_mark_saved (project);
  g_assert_false (detente_project_get_dirty (project));

  detente_project_set (project, actor, "country", "US", NULL);
  g_assert_true (detente_project_get_dirty (project));
  detente_project_undo (project);
  g_assert_false (detente_project_get_dirty (project));
  detente_project_undo (project);
  g_assert_true (detente_project_get_dirty (project));
  detente_project_redo (project);
  g_assert_false (detente_project_get_dirty (project));

  /* A state reached by another path is not the saved one. */
  detente_project_set (project, actor, "notes", "x", NULL);
  detente_project_mark_saved (project);
  detente_project_undo (project);
  g_assert_true (detente_project_get_dirty (project));
  detente_project_set (project, actor, "notes", "y", NULL);
  g_assert_true (detente_project_get_dirty (project));
  g_assert_false (detente_project_can_redo (project));
}

/* The undo history keeps 1000 steps; undoing all that are kept does not
 * reach the saved state if older steps were forgotten. */
static void
test_dirty_after_trim (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteActor *actor = add_actor (project, "Antony Blinken");

  detente_project_clear_history (project);
  for (int i = 0; i < 1001; i++)
    {
      g_autofree char *name = g_strdup_printf ("N%d", i);

      detente_project_set (project, actor, "name", name, NULL);
    }
  while (detente_project_undo (project))
    ;
  g_assert_cmpstr (detente_actor_get_name (actor), ==, "N0");
  g_assert_true (detente_project_get_dirty (project));
}

/* What a project file could not hold is refused up front. */
static void
test_refusals (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteActor) spaced = detente_actor_new ("a b", "A B", DETENTE_ACTOR_KIND_PERSON);
  g_autoptr(DetenteEngagement) twice = detente_engagement_new ("e1", DETENTE_ENGAGEMENT_KIND_MEETING);
  g_autoptr(DetenteEngagement) cited = detente_engagement_new ("e2", DETENTE_ENGAGEMENT_KIND_MEETING);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (g_object_unref);
  const char *who_twice[] = { "wang-yi", "wang-yi", NULL };
  const char *ghost[] = { "wang-yi", "ghost", NULL };
  g_autoptr(GError) error = NULL;
  DetenteEngagement *e;

  g_assert_false (detente_project_add_actor (project, spaced, &error));
  g_assert_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  add_actor (project, "Wang Yi");
  add_actor (project, "Antony Blinken");
  detente_engagement_set_participants (twice, who_twice);
  g_assert_false (detente_project_add_engagement (project, twice, &error));
  g_assert_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_ptr_array_add (evidence, detente_evidence_new ("no-such-source", 0, 3, "abc"));
  detente_engagement_set_evidence (cited, evidence);
  g_assert_false (detente_project_add_engagement (project, cited, &error));
  g_assert_error (error, DETENTE_PROJECT_ERROR, DETENTE_PROJECT_ERROR_UNKNOWN_SOURCE);
  g_clear_error (&error);

  e = add_meeting (project, "e3", "wang-yi", "antony-blinken");
  g_test_expect_message ("Detente-Model", G_LOG_LEVEL_CRITICAL, "*no actor with the id “ghost”*");
  detente_project_set (project, e, "participants", ghost, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (detente_engagement_get_participants (e)[1], ==, "antony-blinken");
}

static void
test_finalize (void)
{
  DetenteProject *project = detente_project_new ();
  DetenteActor *actor = add_actor (project, "Antony Blinken");

  g_object_add_weak_pointer (G_OBJECT (actor), (gpointer *) &actor);
  detente_project_remove_actor (project, actor);
  /* The undo history still holds it. */
  g_assert_nonnull (actor);
  g_assert_finalize_object (project);
  g_assert_null (actor);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/project/add-lookup", test_add_lookup);
  g_test_add_func ("/model/project/remove-actor", test_remove_actor_cascades);
  g_test_add_func ("/model/project/set-undo-redo", test_set_undo_redo);
  g_test_add_func ("/model/project/groups", test_groups);
  g_test_add_func ("/model/project/merge", test_merge);
  g_test_add_func ("/model/project/remove-source", test_remove_source);
  g_test_add_func ("/model/project/dirty", test_dirty);
  g_test_add_func ("/model/project/dirty-after-trim", test_dirty_after_trim);
  g_test_add_func ("/model/project/refusals", test_refusals);
  g_test_add_func ("/model/project/finalize", test_finalize);

  return g_test_run ();
}
