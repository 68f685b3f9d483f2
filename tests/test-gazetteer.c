/* test-gazetteer.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "detente-gazetteer.h"
#include "detente-role.h"

static DetenteGazetteer *
load_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "gazetteer-test.xml", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  DetenteGazetteer *gazetteer = detente_gazetteer_new ();
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_true (detente_gazetteer_add_xml (gazetteer, data, length, "gazetteer-test.xml", &error));
  g_assert_no_error (error);
  return gazetteer;
}

/* Matches @text, split as articles are split, from its first token. */
static guint
match_text (DetenteGazetteer    *gazetteer,
            const char          *text,
            const DetenteMatch **matches,
            guint               *n_matches)
{
  g_autoptr(DetenteText) t = detente_text_new (text);
  const char *s = detente_text_get_text (t);
  char keys[16][DETENTE_KEY_MAX];
  const char *ptrs[16];
  guint n = 0;

  for (guint i = 0; i < detente_text_get_n_tokens (t) && n < 16; i++)
    {
      const DetenteToken *tok = detente_text_get_token (t, i);
      DetenteSpan parts[4];
      guint n_parts = detente_gazetteer_split_token (s, &tok->span, parts, 4);

      for (guint j = 0; j < n_parts && n < 16; j++)
        {
          detente_gazetteer_fold (s + parts[j].offset, parts[j].length, keys[n], NULL);
          ptrs[n] = keys[n];
          n++;
        }
    }
  return detente_gazetteer_match (gazetteer, ptrs, n, matches, n_matches);
}

static void
test_fold (void)
{
  char key[DETENTE_KEY_MAX];
  gboolean possessive;
  char long_token[200];

  g_assert_cmpuint (detente_gazetteer_fold ("China’s", strlen ("China’s"), key, &possessive), ==, 5);
  g_assert_cmpstr (key, ==, "china");
  g_assert_true (possessive);
  detente_gazetteer_fold ("Americans'", strlen ("Americans'"), key, &possessive);
  g_assert_cmpstr (key, ==, "americans");
  g_assert_true (possessive);
  detente_gazetteer_fold ("O’Connor", strlen ("O’Connor"), key, &possessive);
  g_assert_cmpstr (key, ==, "o'connor");
  g_assert_false (possessive);
  detente_gazetteer_fold ("ÉLYSÉE", strlen ("ÉLYSÉE"), key, NULL);
  g_assert_cmpstr (key, ==, "élysée");
  /* Too long to be a name, or not text at all: no key. */
  memset (long_token, 'a', sizeof long_token);
  g_assert_cmpuint (detente_gazetteer_fold (long_token, sizeof long_token, key, NULL), ==, 0);
  g_assert_cmpuint (detente_gazetteer_fold ("\xff\xfe", 2, key, NULL), ==, 0);
}

static void
test_split_token (void)
{
  const char *text = "US-China then-House Suk-yeol co-operation";
  DetenteSpan token = { 0, 8 };
  DetenteSpan parts[4];

  g_assert_cmpuint (detente_gazetteer_split_token (text, &token, parts, 4), ==, 2);
  g_assert_cmpuint (parts[0].length, ==, 2);
  g_assert_cmpuint (parts[1].offset, ==, 3);
  g_assert_cmpuint (parts[1].length, ==, 5);
  token = (DetenteSpan) { 9, 10 };
  g_assert_cmpuint (detente_gazetteer_split_token (text, &token, parts, 4), ==, 2);
  token = (DetenteSpan) { 20, 8 };
  g_assert_cmpuint (detente_gazetteer_split_token (text, &token, parts, 4), ==, 1);
  token = (DetenteSpan) { 29, 12 };
  g_assert_cmpuint (detente_gazetteer_split_token (text, &token, parts, 4), ==, 1);
}

static void
test_load_and_match (void)
{
  g_autoptr(DetenteGazetteer) gazetteer = load_fixture ();
  const DetenteMatch *matches;
  guint n;

  g_assert_cmpuint (detente_gazetteer_get_n_entries (gazetteer, DETENTE_ENTRY_PERSON), ==, 7);
  g_assert_cmpuint (detente_gazetteer_get_n_entries (gazetteer, DETENTE_ENTRY_COUNTRY), ==, 7);
  g_assert_nonnull (detente_gazetteer_lookup_id (gazetteer, DETENTE_ENTRY_COUNTRY, "CN"));
  g_assert_nonnull (detente_gazetteer_lookup_id (gazetteer, DETENTE_ENTRY_PERSON, "wang-yi"));
  g_assert_null (detente_gazetteer_lookup_id (gazetteer, DETENTE_ENTRY_PERSON, "nobody"));

  g_assert_cmpuint (match_text (gazetteer, "Antony J. Blinken said", &matches, &n), ==, 4);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (matches[0].entry->id, ==, "antony-blinken");
  g_assert_cmpint (matches[0].how, ==, DETENTE_MATCH_ALIAS);

  /* The longest name wins: "Wang Wentao", not "Wang" anything. */
  g_assert_cmpuint (match_text (gazetteer, "Wang Wentao met", &matches, &n), ==, 2);
  g_assert_cmpstr (matches[0].entry->id, ==, "wang-wentao");

  g_assert_cmpuint (match_text (gazetteer, "China’s envoy", &matches, &n), ==, 1);
  g_assert_cmpstr (matches[0].entry->id, ==, "CN");
  g_assert_cmpuint (match_text (gazetteer, "Chinese officials", &matches, &n), ==, 1);
  g_assert_cmpint (matches[0].how, ==, DETENTE_MATCH_DEMONYM);

  /* A capital is both a country's metonym and a place. */
  g_assert_cmpuint (match_text (gazetteer, "Washington said", &matches, &n), ==, 1);
  g_assert_cmpuint (n, ==, 2);

  /* Compounds split where a capital follows the hyphen. */
  g_assert_cmpuint (match_text (gazetteer, "US-China ties", &matches, &n), ==, 1);
  g_assert_cmpstr (matches[0].entry->id, ==, "US");

  /* Chinese names, one character at a time. */
  g_assert_cmpuint (match_text (gazetteer, "王毅会见", &matches, &n), ==, 2);
  g_assert_cmpstr (matches[0].entry->id, ==, "wang-yi");

  /* Two titles share an alias. */
  g_assert_cmpuint (match_text (gazetteer, "top diplomat", &matches, &n), ==, 2);
  g_assert_cmpuint (n, ==, 2);

  g_assert_cmpuint (match_text (gazetteer, "Nobody Here", &matches, &n), ==, 0);
  g_assert_null (matches);
}

static void
test_dated_roles (void)
{
  g_autoptr(DetenteGazetteer) gazetteer = load_fixture ();
  DetenteDate june_2023, may_2019, july_2023, none = { 0 };
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_autoptr(GPtrArray) d = NULL;
  g_autoptr(GPtrArray) e = NULL;
  const DetenteEntry *qin;

  g_assert_true (detente_date_parse ("2023-06-18", &june_2023, NULL));
  g_assert_true (detente_date_parse ("2019-05", &may_2019, NULL));
  g_assert_true (detente_date_parse ("2023-07-30", &july_2023, NULL));

  a = detente_gazetteer_find_holders (gazetteer, "Secretary of State", "US", &june_2023);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpstr (((DetenteEntry *) a->pdata[0])->id, ==, "antony-blinken");
  b = detente_gazetteer_find_holders (gazetteer, "secretary of state", "US", &may_2019);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpstr (((DetenteEntry *) b->pdata[0])->id, ==, "mike-pompeo");
  c = detente_gazetteer_find_holders (gazetteer, "Foreign Minister", "CN", &june_2023);
  g_assert_cmpuint (c->len, ==, 1);
  g_assert_cmpstr (((DetenteEntry *) c->pdata[0])->id, ==, "qin-gang");
  d = detente_gazetteer_find_holders (gazetteer, "Foreign Minister", "CN", &july_2023);
  g_assert_cmpuint (d->len, ==, 1);
  g_assert_cmpstr (((DetenteEntry *) d->pdata[0])->id, ==, "wang-yi");
  /* No date means now: only roles that have not ended. */
  e = detente_gazetteer_find_holders (gazetteer, "Foreign Minister", "CN", &none);
  g_assert_cmpuint (e->len, ==, 1);
  g_assert_cmpstr (((DetenteEntry *) e->pdata[0])->id, ==, "wang-yi");

  qin = detente_gazetteer_lookup_id (gazetteer, DETENTE_ENTRY_PERSON, "qin-gang");
  g_assert_cmpstr (detente_entry_role_at (qin, &may_2019) ? "?" : NULL, ==, NULL);
  g_assert_cmpstr (detente_entry_role_at (qin, &june_2023)->title, ==, "Foreign Minister");
}

static void
assert_refused (const char *xml)
{
  g_autoptr(DetenteGazetteer) gazetteer = detente_gazetteer_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (detente_gazetteer_add_xml (gazetteer, xml, strlen (xml), "bad.xml", &error));
  g_assert_error (error, DETENTE_GAZETTEER_ERROR, DETENTE_GAZETTEER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.xml"));
  /* A refused file adds nothing, not even the entries before the fault. */
  for (int kind = DETENTE_ENTRY_PERSON; kind <= DETENTE_ENTRY_HONORIFIC; kind++)
    g_assert_cmpuint (detente_gazetteer_get_n_entries (gazetteer, kind), ==, 0);
}

static void
test_refused (void)
{
  assert_refused ("");
  assert_refused ("not xml at all");
  assert_refused ("<project version=\"1\"/>");
  assert_refused ("<?xml version=\"1.0\"?><!DOCTYPE gazetteer [<!ENTITY x \"y\">]>"
                  "<gazetteer version=\"1\"><person name=\"&x;\"/></gazetteer>");
  assert_refused ("<gazetteer version=\"1\"><person name=\"A B\"/><person/></gazetteer>");
  assert_refused ("<gazetteer version=\"1\"><person name=\"A B\"><role title=\"President\" from=\"last year\"/></person></gazetteer>");
  assert_refused ("<gazetteer version=\"1\"><country code=\"usa\" name=\"United States\"/></gazetteer>");
  assert_refused ("<gazetteer version=\"1\"><person name=\"A B\"><role from=\"2020\"/></person></gazetteer>");
  assert_refused ("<gazetteer version=\"1\"><person name=\"A B\"><role title=\"President\" from=\"2020-03\" to=\"2019\"/></person></gazetteer>");
}

static void
test_project_entries (void)
{
  g_autoptr(DetenteGazetteer) gazetteer = load_fixture ();
  g_autoptr(DetenteActor) actor = detente_actor_new ("lin-jian", "Lin Jian", DETENTE_ACTOR_KIND_PERSON);
  const char *aliases[] = { "林剑", NULL };
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);
  DetenteDate from;
  const DetenteMatch *matches;
  guint n;
  g_autoptr(GPtrArray) holders = NULL;

  g_assert_true (detente_date_parse ("2024-01", &from, NULL));
  g_ptr_array_add (roles, detente_role_new ("Foreign Ministry spokesperson", NULL, &from, NULL));
  detente_actor_set_country (actor, "CN");
  detente_actor_set_aliases (actor, aliases);
  detente_actor_set_roles (actor, roles);
  detente_gazetteer_add_actor (gazetteer, actor);

  g_assert_cmpuint (match_text (gazetteer, "Lin Jian said", &matches, &n), ==, 2);
  g_assert_cmpstr (matches[0].entry->id, ==, "lin-jian");
  g_assert_cmpuint (match_text (gazetteer, "林剑说", &matches, &n), ==, 2);
  holders = detente_gazetteer_find_holders (gazetteer, "Foreign Ministry spokesperson", "CN", NULL);
  g_assert_cmpuint (holders->len, ==, 1);
}

static gpointer
get_default_thread (gpointer data)
{
  return detente_gazetteer_get_default ();
}

static void
test_builtin (void)
{
  GThread *threads[4];
  DetenteGazetteer *gazetteer;
  DetenteDate june_2023;
  g_autoptr(GPtrArray) holders = NULL;

  /* Built once, whichever thread asks first. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("gazetteer", get_default_thread, NULL);
  gazetteer = detente_gazetteer_get_default ();
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (g_thread_join (threads[i]) == (gpointer) gazetteer);

  g_assert_cmpuint (detente_gazetteer_get_n_entries (gazetteer, DETENTE_ENTRY_PERSON), >=, 200);
  g_assert_cmpuint (detente_gazetteer_get_n_entries (gazetteer, DETENTE_ENTRY_PLACE), >=, 300);
  g_assert_cmpuint (detente_gazetteer_get_n_entries (gazetteer, DETENTE_ENTRY_COUNTRY), >=, 190);
  g_assert_cmpuint (detente_gazetteer_get_n_entries (gazetteer, DETENTE_ENTRY_ORGANISATION), >=, 50);

  g_assert_true (detente_date_parse ("2023-06-18", &june_2023, NULL));
  holders = detente_gazetteer_find_holders (gazetteer, "Secretary of State", "US", &june_2023);
  g_assert_cmpuint (holders->len, ==, 1);
  g_assert_cmpstr (((DetenteEntry *) holders->pdata[0])->id, ==, "antony-blinken");
  g_assert_nonnull (detente_gazetteer_lookup_id (gazetteer, DETENTE_ENTRY_PLACE, "Diaoyutai State Guesthouse"));
  g_assert_nonnull (detente_gazetteer_lookup_id (gazetteer, DETENTE_ENTRY_PLACE, "Great Hall of the People"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/gazetteer/fold", test_fold);
  g_test_add_func ("/import/gazetteer/split-token", test_split_token);
  g_test_add_func ("/import/gazetteer/load-and-match", test_load_and_match);
  g_test_add_func ("/import/gazetteer/dated-roles", test_dated_roles);
  g_test_add_func ("/import/gazetteer/refused", test_refused);
  g_test_add_func ("/import/gazetteer/project-entries", test_project_entries);
  g_test_add_func ("/import/gazetteer/builtin", test_builtin);

  return g_test_run ();
}
