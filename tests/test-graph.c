/* test-graph.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "detente-date.h"
#include "detente-engagement.h"
#include "detente-filter.h"
#include "detente-graph.h"
#include "detente-project.h"

static void
add_actor (DetenteProject   *project,
           const char       *id,
           DetenteActorKind  kind,
           const char       *country)
{
  g_autoptr(DetenteActor) actor = detente_actor_new (id, id, kind);
  g_autoptr(GError) error = NULL;

  detente_actor_set_country (actor, country);
  g_assert_true (detente_project_add_actor (project, actor, &error));
  g_assert_no_error (error);
}

static DetenteEngagement *
add_engagement (DetenteProject          *project,
                const char              *id,
                DetenteEngagementKind    kind,
                DetenteEngagementStatus  status,
                const char              *date,
                const char * const      *who)
{
  g_autoptr(DetenteEngagement) e = detente_engagement_new (id, kind);
  g_autoptr(GError) error = NULL;

  detente_engagement_set_participants (e, who);
  detente_engagement_set_status (e, status);
  if (date != NULL)
    {
      DetenteDate d = DETENTE_DATE_INIT;

      g_assert_true (detente_date_parse (date, &d, NULL));
      detente_engagement_set_date (e, &d);
    }
  g_assert_true (detente_project_add_engagement (project, e, &error));
  g_assert_no_error (error);
  /* The project holds it. */
  return e;
}

#define WHO(...) ((const char * const[]) { __VA_ARGS__, NULL })

/* Blinken and Wang met three times, once by phone; Blinken visited
 * China; Biden, Xi and Yoon held a three-way summit; a meeting with
 * Qin was cancelled; a hidden engagement counts for nothing. */
static DetenteProject *
make_project (void)
{
  DetenteProject *project = detente_project_new ();

  add_actor (project, "blinken", DETENTE_ACTOR_KIND_PERSON, "US");
  add_actor (project, "wang", DETENTE_ACTOR_KIND_PERSON, "CN");
  add_actor (project, "biden", DETENTE_ACTOR_KIND_PERSON, "US");
  add_actor (project, "xi", DETENTE_ACTOR_KIND_PERSON, "CN");
  add_actor (project, "yoon", DETENTE_ACTOR_KIND_PERSON, "KR");
  add_actor (project, "qin", DETENTE_ACTOR_KIND_PERSON, "CN");
  add_actor (project, "china", DETENTE_ACTOR_KIND_COUNTRY, "CN");
  add_actor (project, "nobody", DETENTE_ACTOR_KIND_PERSON, "FR");

  add_engagement (project, "e1", DETENTE_ENGAGEMENT_KIND_MEETING, DETENTE_ENGAGEMENT_STATUS_HELD,
                  "2023-02-18", WHO ("blinken", "wang"));
  add_engagement (project, "e2", DETENTE_ENGAGEMENT_KIND_MEETING, DETENTE_ENGAGEMENT_STATUS_HELD,
                  "2023-06-19", WHO ("wang", "blinken"));
  add_engagement (project, "e3", DETENTE_ENGAGEMENT_KIND_CALL, DETENTE_ENGAGEMENT_STATUS_HELD,
                  "2023-10", WHO ("blinken", "wang"));
  add_engagement (project, "e4", DETENTE_ENGAGEMENT_KIND_VISIT, DETENTE_ENGAGEMENT_STATUS_HELD,
                  "2023-06-18", WHO ("blinken", "china"));
  add_engagement (project, "e5", DETENTE_ENGAGEMENT_KIND_SUMMIT, DETENTE_ENGAGEMENT_STATUS_PLANNED,
                  "2024", WHO ("biden", "xi", "yoon"));
  add_engagement (project, "e6", DETENTE_ENGAGEMENT_KIND_MEETING, DETENTE_ENGAGEMENT_STATUS_CANCELLED,
                  "2023-02-05", WHO ("blinken", "qin"));
  detente_engagement_set_hidden (add_engagement (project, "e7", DETENTE_ENGAGEMENT_KIND_MEETING,
                                                 DETENTE_ENGAGEMENT_STATUS_HELD, NULL,
                                                 WHO ("nobody", "wang")), TRUE);
  return project;
}

static const DetenteGraphEdge *
edge_between (DetenteGraph *graph,
              const char   *a,
              const char   *b)
{
  int na = detente_graph_lookup_node (graph, a), nb = detente_graph_lookup_node (graph, b), e;

  if (na < 0 || nb < 0)
    return NULL;
  e = detente_graph_lookup_edge (graph, na, nb);
  return e < 0 ? NULL : detente_graph_get_edge (graph, e);
}

static void
test_projection (void)
{
  g_autoptr(DetenteProject) project = make_project ();
  g_autoptr(DetenteGraph) graph = detente_graph_new (project, NULL);
  const DetenteGraphEdge *edge;
  const DetenteGraphNode *node;
  g_autofree guint *ends = NULL;

  /* "nobody" is only in a hidden engagement. */
  g_assert_cmpuint (detente_graph_get_n_nodes (graph), ==, 7);
  g_assert_cmpint (detente_graph_lookup_node (graph, "nobody"), ==, -1);
  /* Blinken–Wang, Blinken–China, Blinken–Qin, and the summit's three. */
  g_assert_cmpuint (detente_graph_get_n_edges (graph), ==, 6);

  /* Parallel engagements stay apart on one edge. */
  edge = edge_between (graph, "wang", "blinken");
  g_assert_nonnull (edge);
  g_assert_cmpuint (edge->weight, ==, 3);
  g_assert_cmpuint (edge->engagements->len, ==, 3);
  g_assert_cmpstr (detente_engagement_get_id (edge->engagements->pdata[0]), ==, "e1");
  g_assert_cmpstr (detente_engagement_get_id (edge->engagements->pdata[2]), ==, "e3");
  g_assert_cmpuint (edge->kinds[DETENTE_ENGAGEMENT_KIND_MEETING], ==, 2);
  g_assert_cmpuint (edge->kinds[DETENTE_ENGAGEMENT_KIND_CALL], ==, 1);
  g_assert_cmpuint (edge->statuses[DETENTE_ENGAGEMENT_STATUS_HELD], ==, 3);
  g_assert_cmpuint (edge->source, <, edge->target);

  /* A visit joins the visitor and the host country. */
  edge = edge_between (graph, "blinken", "china");
  g_assert_nonnull (edge);
  g_assert_cmpuint (edge->kinds[DETENTE_ENGAGEMENT_KIND_VISIT], ==, 1);

  /* A three-way summit joins every pair. */
  g_assert_nonnull (edge_between (graph, "biden", "xi"));
  g_assert_nonnull (edge_between (graph, "biden", "yoon"));
  edge = edge_between (graph, "xi", "yoon");
  g_assert_nonnull (edge);
  g_assert_cmpuint (edge->statuses[DETENTE_ENGAGEMENT_STATUS_PLANNED], ==, 1);
  g_assert_null (edge_between (graph, "wang", "xi"));

  node = detente_graph_get_node (graph, detente_graph_lookup_node (graph, "blinken"));
  g_assert_cmpuint (node->n_engagements, ==, 5);
  g_assert_cmpuint (node->degree, ==, 3);
  g_assert_cmpuint (node->strength, ==, 5);
  g_assert_cmpint (node->community, ==, -1);

  ends = detente_graph_get_edge_ends (graph);
  for (guint e = 0; e < detente_graph_get_n_edges (graph); e++)
    {
      g_assert_cmpuint (ends[2 * e], ==, detente_graph_get_edge (graph, e)->source);
      g_assert_cmpuint (ends[2 * e + 1], ==, detente_graph_get_edge (graph, e)->target);
    }
}

static void
test_filter (void)
{
  g_autoptr(DetenteProject) project = make_project ();
  g_autoptr(DetenteFilter) filter = detente_filter_new ();
  DetenteDate d = DETENTE_DATE_INIT;
  guint changed = 0;

  g_signal_connect_swapped (filter, "changed", G_CALLBACK (g_atomic_int_inc), &changed);

  /* Meetings and calls only. */
  detente_filter_set_kinds (filter, 1u << DETENTE_ENGAGEMENT_KIND_MEETING | 1u << DETENTE_ENGAGEMENT_KIND_CALL);
  detente_filter_set_kinds (filter, 1u << DETENTE_ENGAGEMENT_KIND_MEETING | 1u << DETENTE_ENGAGEMENT_KIND_CALL);
  g_assert_cmpuint (changed, ==, 1);
  {
    g_autoptr(DetenteGraph) graph = detente_graph_new (project, filter);

    g_assert_cmpuint (detente_graph_get_n_edges (graph), ==, 2);
    g_assert_cmpuint (edge_between (graph, "blinken", "wang")->weight, ==, 3);
    g_assert_nonnull (edge_between (graph, "blinken", "qin"));
  }

  /* Held only: the cancelled meeting with Qin goes, and Qin with it. */
  detente_filter_set_statuses (filter, 1u << DETENTE_ENGAGEMENT_STATUS_HELD);
  {
    g_autoptr(DetenteGraph) graph = detente_graph_new (project, filter);

    g_assert_cmpuint (detente_graph_get_n_edges (graph), ==, 1);
    g_assert_cmpint (detente_graph_lookup_node (graph, "qin"), ==, -1);
  }

  /* A window over June 2023 keeps one meeting; the month-long date of
   * the October call does not overlap it. */
  detente_filter_set_kinds (filter, DETENTE_FILTER_ALL_KINDS);
  detente_filter_set_statuses (filter, DETENTE_FILTER_ALL_STATUSES);
  g_assert_true (detente_date_parse ("2023-06", &d, NULL));
  detente_filter_set_window (filter, detente_date_get_first_day (&d), detente_date_get_last_day (&d));
  {
    g_autoptr(DetenteGraph) graph = detente_graph_new (project, filter);

    g_assert_cmpuint (detente_graph_get_n_edges (graph), ==, 2);
    g_assert_cmpuint (edge_between (graph, "blinken", "wang")->weight, ==, 1);
    g_assert_nonnull (edge_between (graph, "blinken", "china"));
  }

  /* Only what involves South Korea. */
  detente_filter_set_window (filter, 0, 0);
  detente_filter_set_countries (filter, WHO ("KR"));
  {
    g_autoptr(DetenteGraph) graph = detente_graph_new (project, filter);

    g_assert_cmpuint (detente_graph_get_n_nodes (graph), ==, 3);
    g_assert_cmpuint (detente_graph_get_n_edges (graph), ==, 3);
  }

  /* Edges of weight 2 or more: Blinken–Wang alone. */
  detente_filter_set_countries (filter, NULL);
  detente_filter_set_min_weight (filter, 2);
  {
    g_autoptr(DetenteGraph) graph = detente_graph_new (project, filter);
    const DetenteGraphNode *node;

    g_assert_cmpuint (detente_graph_get_n_nodes (graph), ==, 2);
    g_assert_cmpuint (detente_graph_get_n_edges (graph), ==, 1);
    g_assert_cmpuint (edge_between (graph, "wang", "blinken")->weight, ==, 3);
    node = detente_graph_get_node (graph, detente_graph_lookup_node (graph, "wang"));
    g_assert_cmpuint (node->degree, ==, 1);
    g_assert_cmpint (detente_graph_lookup_edge (graph, 0, 1), ==, 0);
  }
  g_assert_cmpuint (changed, ==, 9);
}

/* Two triangles joined through a bridge node: the bridge has the highest
 * betweenness, the triangles are two communities, and the path between
 * their far corners goes through it. */
static void
test_measures (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteGraph) graph = NULL;
  g_autoptr(GArray) path = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "a1", "a2", "a3", "bridge", "b1", "b2", "b3", "alone1", "alone2" };
  const char *pairs[][2] = {
    { "a1", "a2" }, { "a2", "a3" }, { "a1", "a3" }, { "a3", "bridge" },
    { "bridge", "b1" }, { "b1", "b2" }, { "b2", "b3" }, { "b1", "b3" },
    { "alone1", "alone2" },
  };
  const DetenteGraphNode *bridge;
  int a1, b3, lone;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_actor (project, names[i], DETENTE_ACTOR_KIND_PERSON, "US");
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);

      /* The triangles' edges weigh more, so they hold together. */
      for (guint k = 0; k < (g_str_equal (pairs[i][1], "bridge") || g_str_equal (pairs[i][0], "bridge") ? 1 : 3); k++)
        {
          g_autofree char *kid = g_strdup_printf ("%s-%u", id, k);

          add_engagement (project, kid, DETENTE_ENGAGEMENT_KIND_MEETING,
                          DETENTE_ENGAGEMENT_STATUS_HELD, NULL, WHO (pairs[i][0], pairs[i][1]));
        }
    }

  graph = detente_graph_new (project, NULL);
  g_assert_true (detente_graph_compute_measures (graph, &error));
  g_assert_no_error (error);

  bridge = detente_graph_get_node (graph, detente_graph_lookup_node (graph, "bridge"));
  g_assert_cmpfloat (bridge->betweenness, ==, 1.0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const DetenteGraphNode *node = detente_graph_get_node (graph, detente_graph_lookup_node (graph, names[i]));

      g_assert_cmpfloat (node->betweenness, <=, bridge->betweenness);
      g_assert_cmpint (node->community, >=, 0);
    }
  a1 = detente_graph_lookup_node (graph, "a1");
  b3 = detente_graph_lookup_node (graph, "b3");
  lone = detente_graph_lookup_node (graph, "alone1");
  g_assert_cmpint (detente_graph_get_node (graph, a1)->community, ==,
                   detente_graph_get_node (graph, detente_graph_lookup_node (graph, "a2"))->community);
  g_assert_cmpint (detente_graph_get_node (graph, a1)->community, !=,
                   detente_graph_get_node (graph, b3)->community);
  g_assert_cmpint (detente_graph_get_node (graph, lone)->community, !=,
                   detente_graph_get_node (graph, b3)->community);
  g_assert_cmpfloat (detente_graph_get_node (graph, lone)->betweenness, ==, 0);

  path = detente_graph_shortest_path (graph, a1, b3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (path->len, ==, 5);
  g_assert_cmpuint (g_array_index (path, guint, 0), ==, (guint) a1);
  g_assert_cmpuint (g_array_index (path, guint, 2), ==, (guint) detente_graph_lookup_node (graph, "bridge"));
  g_assert_cmpuint (g_array_index (path, guint, 4), ==, (guint) b3);
  g_clear_pointer (&path, g_array_unref);

  /* No way between the two parts. */
  path = detente_graph_shortest_path (graph, a1, lone, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (path->len, ==, 0);
}

static void
test_empty (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteGraph) graph = detente_graph_new (project, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree guint *ends = detente_graph_get_edge_ends (graph);

  g_assert_cmpuint (detente_graph_get_n_nodes (graph), ==, 0);
  g_assert_cmpuint (detente_graph_get_n_edges (graph), ==, 0);
  g_assert_true (detente_graph_compute_measures (graph, &error));
  g_assert_no_error (error);
  g_assert_cmpint (detente_graph_lookup_node (graph, "x"), ==, -1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/projection", test_projection);
  g_test_add_func ("/graph/filter", test_filter);
  g_test_add_func ("/graph/measures", test_measures);
  g_test_add_func ("/graph/empty", test_empty);

  return g_test_run ();
}
