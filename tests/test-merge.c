/* test-merge.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "detente-project.h"

/* Two short articles, written for this test, that report the same meeting;
 * a third reports another one between the same people. */
#define ARTICLE_A "Joe Biden met Xi Jinping in Lima on 16 November 2024. They spoke for two hours."
#define ARTICLE_B "President Xi Jinping and President Joe Biden held talks in Lima on Saturday."
#define ARTICLE_C "Joe Biden met Xi Jinping at Woodside, California, on 15 November 2023."

static DetenteExtractResult *
extract (const char *text,
         const char *name,
         const char *published)
{
  DetenteArticle article = { 0 };
  DetenteDate date = DETENTE_DATE_INIT;

  g_assert_true (detente_date_parse (published, &date, NULL));
  article.file_name = (char *) name;
  article.title = (char *) name;
  article.text = (char *) text;
  return detente_extract (&article, &date, detente_gazetteer_get_default ());
}

static void
merge (DetenteProject      *project,
       DetenteMergeSummary *summary,
       ...)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_extract_result_free);
  va_list args;
  const char *text;

  va_start (args, summary);
  while ((text = va_arg (args, const char *)) != NULL)
    {
      const char *name = va_arg (args, const char *);
      const char *published = va_arg (args, const char *);

      g_ptr_array_add (results, extract (text, name, published));
    }
  va_end (args);
  detente_project_merge (project, (DetenteExtractResult * const *) results->pdata, results->len, summary);
}

/* The project keeps its engagements alive; the test borrows them. */
static DetenteEngagement *
engagement_at (DetenteProject *project,
               guint           position)
{
  g_autoptr(DetenteEngagement) e = g_list_model_get_item (detente_project_get_engagements (project), position);

  return e;
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static void
test_same_event (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteMergeSummary summary;
  DetenteEngagement *e;
  GPtrArray *evidence;

  merge (project, &summary, ARTICLE_A, "a.txt", "2024-11-17", ARTICLE_B, "b.txt", "2024-11-17", NULL);
  g_assert_cmpuint (summary.sources, ==, 2);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 2);
  /* Two articles, one meeting, with evidence from each. */
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 1);
  e = engagement_at (project, 0);
  evidence = detente_engagement_get_evidence (e);
  g_assert_cmpuint (evidence->len, ==, 2);
  g_assert_cmpstr (detente_evidence_get_source_id (g_ptr_array_index (evidence, 0)), !=,
                   detente_evidence_get_source_id (g_ptr_array_index (evidence, 1)));
  g_assert_cmpstr (detente_engagement_get_place (e), ==, "Lima");
  g_assert_true (detente_engagement_has_participant (e, "joe-biden"));
  g_assert_true (detente_engagement_has_participant (e, "xi-jinping"));
  g_assert_cmpint (detente_engagement_get_origin (e), ==, DETENTE_ORIGIN_EXTRACTED);
  g_assert_cmpuint (summary.engagements, ==, 1);
  g_assert_cmpuint (summary.updated, ==, 1);

  /* Evidence cites exactly the sentence in its source. */
  for (guint i = 0; i < evidence->len; i++)
    {
      DetenteEvidence *ev = g_ptr_array_index (evidence, i);
      DetenteSource *source = detente_project_lookup_source (project, detente_evidence_get_source_id (ev));
      const char *text = detente_source_get_text (source);

      g_assert_cmpint (strncmp (text + detente_evidence_get_offset (ev), detente_evidence_get_sentence (ev),
                                detente_evidence_get_length (ev)), ==, 0);
    }
}

static void
test_other_event (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteMergeSummary summary;

  /* The same two people a year apart: two meetings. */
  merge (project, &summary, ARTICLE_A, "a.txt", "2024-11-17", ARTICLE_C, "c.txt", "2023-11-16", NULL);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 2);
  g_assert_cmpuint (summary.engagements, ==, 2);
}

static void
test_reimport (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteMergeSummary summary;
  guint actors;

  merge (project, &summary, ARTICLE_A, "a.txt", "2024-11-17", NULL);
  actors = n_items (detente_project_get_actors (project));
  detente_project_mark_saved (project);

  merge (project, &summary, ARTICLE_A, "again.txt", "2024-11-17", NULL);
  g_assert_cmpuint (summary.sources, ==, 0);
  g_assert_cmpuint (summary.known_sources, ==, 1);
  g_assert_cmpuint (summary.engagements + summary.updated + summary.actors, ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 1);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, actors);
  /* Nothing changed, so nothing to save or undo. */
  g_assert_false (detente_project_get_dirty (project));
}

static void
test_curation_kept (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteMergeSummary summary;
  DetenteEngagement *e;
  DetenteActor *biden;

  merge (project, &summary, ARTICLE_A, "a.txt", "2024-11-17", NULL);
  e = engagement_at (project, 0);

  /* The user corrects the engagement, hides it and renames an actor. */
  detente_project_set (project, e, "kind", DETENTE_ENGAGEMENT_KIND_SUMMIT, "place", "Lima, Peru",
                       "hidden", TRUE, NULL);
  biden = detente_project_lookup_actor (project, "joe-biden");
  detente_project_set (project, biden, "name", "President Biden", NULL);

  merge (project, &summary, ARTICLE_B, "b.txt", "2024-11-17", NULL);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 1);
  g_assert_true (engagement_at (project, 0) == e);
  g_assert_cmpint (detente_engagement_get_kind (e), ==, DETENTE_ENGAGEMENT_KIND_SUMMIT);
  g_assert_cmpstr (detente_engagement_get_place (e), ==, "Lima, Peru");
  g_assert_true (detente_engagement_get_hidden (e));
  g_assert_cmpuint (detente_engagement_get_evidence (e)->len, ==, 2);
  g_assert_cmpstr (detente_actor_get_name (biden), ==, "President Biden");
  g_assert_null (detente_project_lookup_actor (project, "joe-biden-2"));
}

static void
test_merged_actor (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteActor) mine = detente_actor_new ("potus", "POTUS", DETENTE_ACTOR_KIND_PERSON);
  DetenteMergeSummary summary;

  /* The user had merged Joe Biden into an actor of their own: his name is
   * now one of its aliases, and new articles about him go to it. */
  g_assert_true (detente_project_add_actor (project, mine, NULL));
  merge (project, &summary, ARTICLE_A, "a.txt", "2024-11-17", NULL);
  detente_project_merge_actors (project, mine, detente_project_lookup_actor (project, "joe-biden"));
  g_assert_null (detente_project_lookup_actor (project, "joe-biden"));

  merge (project, &summary, ARTICLE_C, "c.txt", "2023-11-16", NULL);
  g_assert_null (detente_project_lookup_actor (project, "joe-biden"));
  g_assert_cmpuint (summary.actors, ==, 0);
  g_assert_true (detente_engagement_has_participant (engagement_at (project, 1), "potus"));
}

static void
test_one_undo_step (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  DetenteMergeSummary summary;

  merge (project, &summary, ARTICLE_A, "a.txt", "2024-11-17", ARTICLE_C, "c.txt", "2023-11-16", NULL);
  g_assert_true (detente_project_can_undo (project));
  g_assert_true (detente_project_undo (project));
  g_assert_false (detente_project_can_undo (project));
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 0);
  g_assert_true (detente_project_redo (project));
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 2);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

/* A merge made a few results at a time is one step; taken back, it
 * leaves nothing. */
static void
test_in_slices (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteExtractResult) a = extract (ARTICLE_A, "a.txt", "2024-11-17");
  g_autoptr(DetenteExtractResult) b = extract (ARTICLE_B, "b.txt", "2024-11-17");
  g_autoptr(DetenteExtractResult) c = extract (ARTICLE_C, "c.txt", "2023-11-16");
  DetenteMergeSummary summary;
  DetenteMerge *merge;
  GListModel *sources = detente_project_get_sources (project);
  guint changes = 0;

  g_signal_connect_swapped (sources, "items-changed", G_CALLBACK (count_change), &changes);
  merge = detente_project_merge_begin (project);
  detente_merge_add (merge, &a, 1);
  detente_merge_add (merge, &b, 1);
  /* The lists get what was merged when the merge shows it, in one change. */
  g_assert_cmpuint (changes, ==, 0);
  detente_merge_show (merge);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
  detente_merge_abort (merge);
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_actors (project)), ==, 0);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 0);
  g_assert_false (detente_project_can_undo (project));
  g_assert_false (detente_project_get_dirty (project));

  merge = detente_project_merge_begin (project);
  detente_merge_add (merge, &a, 1);
  detente_merge_add (merge, &b, 1);
  detente_merge_add (merge, &c, 1);
  detente_merge_end (merge, &summary);
  g_assert_cmpuint (summary.sources, ==, 3);
  g_assert_cmpuint (summary.engagements, ==, 2);
  g_assert_cmpuint (summary.updated, ==, 1);
  g_assert_cmpuint (n_items (detente_project_get_engagements (project)), ==, 2);
  g_assert_true (detente_project_undo (project));
  g_assert_cmpuint (n_items (detente_project_get_sources (project)), ==, 0);
  g_assert_false (detente_project_can_undo (project));
  g_signal_handlers_disconnect_by_data (sources, &changes);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge/same-event", test_same_event);
  g_test_add_func ("/merge/other-event", test_other_event);
  g_test_add_func ("/merge/reimport", test_reimport);
  g_test_add_func ("/merge/curation-kept", test_curation_kept);
  g_test_add_func ("/merge/merged-actor", test_merged_actor);
  g_test_add_func ("/merge/one-undo-step", test_one_undo_step);
  g_test_add_func ("/merge/in-slices", test_in_slices);

  return g_test_run ();
}
