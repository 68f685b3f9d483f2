/* test-objects.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "detente-actor.h"
#include "detente-engagement.h"
#include "detente-enums.h"
#include "detente-evidence.h"
#include "detente-source.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_actor_properties (void)
{
  g_autoptr(DetenteActor) actor = detente_actor_new ("antony-blinken", "Antony Blinken",
                                                     DETENTE_ACTOR_KIND_PERSON);
  const char *aliases[] = { "Blinken", "Tony Blinken", NULL };
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);
  DetenteDate from = DETENTE_DATE_INIT;
  GPtrArray *kept;
  guint notified = 0;

  g_signal_connect (actor, "notify", G_CALLBACK (count_notify), &notified);

  detente_actor_set_country (actor, "US");
  detente_actor_set_country (actor, "US");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (detente_actor_get_country (actor), ==, "US");

  detente_actor_set_aliases (actor, aliases);
  detente_actor_set_aliases (actor, aliases);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (detente_actor_has_name (actor, "Tony Blinken"));
  g_assert_true (detente_actor_has_name (actor, "Antony Blinken"));
  g_assert_false (detente_actor_has_name (actor, "Wang Yi"));

  g_assert_true (detente_date_set (&from, 2021, 1, 26));
  g_ptr_array_add (roles, detente_role_new ("Secretary of State", "United States", &from, NULL));
  detente_actor_set_roles (actor, roles);
  detente_actor_set_roles (actor, roles);
  g_assert_cmpuint (notified, ==, 3);
  kept = detente_actor_get_roles (actor);
  /* The actor keeps its own copy. */
  g_assert_true (kept != roles);
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_cmpstr (((DetenteRole *) kept->pdata[0])->title, ==, "Secretary of State");

  g_object_set (actor, "pinned", TRUE, "x", 12.5, "y", -3.0, NULL);
  g_assert_cmpuint (notified, ==, 6);
  g_assert_true (detente_actor_get_pinned (actor));
  g_assert_cmpfloat (detente_actor_get_x (actor), ==, 12.5);

  /* An empty string is the same as no value. */
  detente_actor_set_notes (actor, "");
  g_assert_null (detente_actor_get_notes (actor));
  g_assert_cmpuint (notified, ==, 6);

  detente_actor_set_kind (actor, DETENTE_ACTOR_KIND_ORGANISATION);
  g_assert_cmpuint (notified, ==, 7);
}

static void
test_actor_make_id (void)
{
  struct { const char *name; const char *id; } cases[] = {
    { "Antony Blinken", "antony-blinken" },
    { "Antony J. Blinken", "antony-j-blinken" },
    { "  Xi   Jinping ", "xi-jinping" },
    { "Emmanuel Macron", "emmanuel-macron" },
    { "Ségolène Royal", "segolene-royal" },
    { "Beto O'Rourke", "beto-orourke" },
    { "G20", "g20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = detente_actor_make_id (cases[i].name);
      g_assert_cmpstr (id, ==, cases[i].id);
    }
}

static void
test_engagement_properties (void)
{
  g_autoptr(DetenteEngagement) e = detente_engagement_new ("e1", DETENTE_ENGAGEMENT_KIND_MEETING);
  const char *who[] = { "antony-blinken", "wang-yi", NULL };
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (g_object_unref);
  DetenteDate date = DETENTE_DATE_INIT;
  guint notified = 0;

  g_signal_connect (e, "notify", G_CALLBACK (count_notify), &notified);

  g_assert_cmpint (detente_engagement_get_status (e), ==, DETENTE_ENGAGEMENT_STATUS_HELD);
  g_assert_cmpfloat (detente_engagement_get_confidence (e), ==, 1.0);

  detente_engagement_set_participants (e, who);
  detente_engagement_set_participants (e, who);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (detente_engagement_has_participant (e, "wang-yi"));
  g_assert_false (detente_engagement_has_participant (e, "xi-jinping"));

  g_assert_true (detente_date_set (&date, 2023, 6, 19));
  detente_engagement_set_date (e, &date);
  detente_engagement_set_date (e, &date);
  g_assert_cmpuint (notified, ==, 2);
  detente_engagement_set_date (e, NULL);
  g_assert_false (detente_date_is_set (detente_engagement_get_date (e)));
  g_assert_cmpuint (notified, ==, 3);

  detente_engagement_set_confidence (e, 7.0);
  g_assert_cmpfloat (detente_engagement_get_confidence (e), ==, 1.0);
  g_assert_cmpuint (notified, ==, 3);

  g_object_set (e, "status", DETENTE_ENGAGEMENT_STATUS_POSTPONED, "place", "Beijing",
                "place-country", "CN", "hidden", TRUE, NULL);
  g_assert_cmpuint (notified, ==, 7);

  g_ptr_array_add (evidence, detente_evidence_new ("abc", 10, 5, "Hello"));
  detente_engagement_set_evidence (e, evidence);
  g_assert_cmpuint (notified, ==, 8);
  /* The same contents in another array change nothing. */
  {
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (again, detente_evidence_new ("abc", 10, 5, "Hello"));
    detente_engagement_set_evidence (e, again);
    g_assert_cmpuint (notified, ==, 8);
  }
  g_assert_cmpuint (detente_engagement_get_evidence (e)->len, ==, 1);
}

static void
test_cameo (void)
{
  struct { DetenteEngagementKind kind; const char *code; const char *nick; } cases[] = {
    { DETENTE_ENGAGEMENT_KIND_MEETING, "040", "meeting" },
    { DETENTE_ENGAGEMENT_KIND_CALL, "041", "call" },
    { DETENTE_ENGAGEMENT_KIND_VISIT, "042", "visit" },
    { DETENTE_ENGAGEMENT_KIND_HOST, "043", "host" },
    { DETENTE_ENGAGEMENT_KIND_THIRD_LOCATION, "044", "third-location" },
    { DETENTE_ENGAGEMENT_KIND_TALKS, "046", "talks" },
    { DETENTE_ENGAGEMENT_KIND_INVITATION, "036", "invitation" },
    { DETENTE_ENGAGEMENT_KIND_SUMMIT, "040", "summit" },
    { DETENTE_ENGAGEMENT_KIND_OTHER, NULL, "other" },
  };
  int value;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (detente_engagement_kind_get_cameo_code (cases[i].kind), ==, cases[i].code);
      g_assert_cmpstr (detente_enum_to_nick (DETENTE_TYPE_ENGAGEMENT_KIND, cases[i].kind), ==, cases[i].nick);
      g_assert_true (detente_enum_from_nick (DETENTE_TYPE_ENGAGEMENT_KIND, cases[i].nick, &value));
      g_assert_cmpint (value, ==, cases[i].kind);
      g_assert_nonnull (detente_engagement_kind_get_label (cases[i].kind));
    }
  g_assert_false (detente_enum_from_nick (DETENTE_TYPE_ENGAGEMENT_KIND, "brunch", &value));
  g_assert_false (detente_enum_from_nick (DETENTE_TYPE_ENGAGEMENT_KIND, NULL, &value));
  g_assert_cmpstr (detente_enum_to_nick (DETENTE_TYPE_ENGAGEMENT_STATUS,
                                         DETENTE_ENGAGEMENT_STATUS_CANCELLED), ==, "cancelled");
  g_assert_cmpstr (detente_enum_to_nick (DETENTE_TYPE_ACTOR_KIND,
                                         DETENTE_ACTOR_KIND_ORGANISATION), ==, "organisation");
}

static void
test_source (void)
{
  /* "é" written decomposed, and Windows line ends. */
  g_autoptr(DetenteSource) a = detente_source_new ("Caf\x65\xcc\x81 talks.\r\nSecond line.\rThird.");
  g_autoptr(DetenteSource) b = detente_source_new ("Caf\xc3\xa9 talks.\nSecond line.\nThird.");
  guint notified = 0;

  g_assert_cmpstr (detente_source_get_text (a), ==, "Caf\xc3\xa9 talks.\nSecond line.\nThird.");
  g_assert_cmpuint (detente_source_get_text_length (a), ==, 32);
  /* The same text after normalisation is the same source. */
  g_assert_cmpstr (detente_source_get_id (a), ==, detente_source_get_id (b));
  g_assert_cmpuint (strlen (detente_source_get_id (a)), ==, 64);

  g_signal_connect (a, "notify", G_CALLBACK (count_notify), &notified);
  detente_source_set_title (a, "Talks");
  detente_source_set_title (a, "Talks");
  detente_source_set_author (a, "A. Writer");
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (detente_source_get_title (a), ==, "Talks");
}

/* NFC is skipped for text it cannot change; whatever the length and
 * wherever the one character that needs it stands, the result is NFC. */
static void
test_source_nfc_fast_path (void)
{
  for (guint length = 0; length < 40; length++)
    for (guint at = 0; at <= length; at++)
      {
        GString *text = g_string_new (NULL);
        g_autofree char *normal = NULL;
        g_autofree char *expected = NULL;
        g_autofree char *ascii = NULL;

        for (guint i = 0; i < length; i++)
          {
            if (i == at)
              g_string_append (text, "e\xCC\x81");  /* e and a combining acute */
            else
              g_string_append_c (text, 'a' + i % 26);
          }
        normal = detente_source_normalize_text (text->str);
        expected = g_utf8_normalize (text->str, -1, G_NORMALIZE_NFC);
        g_assert_cmpstr (normal, ==, expected);

        /* Plain ASCII and already-composed text come back unchanged. */
        ascii = detente_source_normalize_text ("Wang Yi met Blinken in Beijing on 18 June — “no”.");
        g_assert_cmpstr (ascii, ==, "Wang Yi met Blinken in Beijing on 18 June — “no”.");
        g_string_free (text, TRUE);
      }
}

static void
test_evidence (void)
{
  g_autoptr(DetenteEvidence) a = detente_evidence_new ("src", 4, 9, "Blinken met Wang.");
  g_autoptr(DetenteEvidence) b = detente_evidence_new ("src", 4, 9, "Blinken met Wang.");
  g_autoptr(DetenteEvidence) c = detente_evidence_new ("src", 5, 9, "Blinken met Wang.");
  g_autofree char *sentence = NULL;
  guint offset;

  g_assert_true (detente_evidence_equal (a, b));
  g_assert_false (detente_evidence_equal (a, c));
  g_object_get (a, "sentence", &sentence, "offset", &offset, NULL);
  g_assert_cmpstr (sentence, ==, "Blinken met Wang.");
  g_assert_cmpuint (offset, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/actor/properties", test_actor_properties);
  g_test_add_func ("/model/actor/make-id", test_actor_make_id);
  g_test_add_func ("/model/engagement/properties", test_engagement_properties);
  g_test_add_func ("/model/engagement/cameo", test_cameo);
  g_test_add_func ("/model/source/normalise", test_source);
  g_test_add_func ("/model/source/nfc-fast-path", test_source_nfc_fast_path);
  g_test_add_func ("/model/evidence/equal", test_evidence);

  return g_test_run ();
}
