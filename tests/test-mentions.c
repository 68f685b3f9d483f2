/* test-mentions.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "detente-mentions.h"

static DetenteGazetteer *fixture;

static DetenteMentions *
find (const char *text,
      const char *date)
{
  g_autoptr(DetenteText) t = detente_text_new (text);
  DetenteDate d = { 0 };
  DetenteMentions *mentions;

  if (date != NULL)
    g_assert_true (detente_date_parse (date, &d, NULL));
  mentions = detente_mentions_find (t, fixture, &d);

  /* Every mention is an exact span of the text. */
  for (guint i = 0; i < mentions->mentions->len; i++)
    {
      const DetenteMention *m = &g_array_index (mentions->mentions, DetenteMention, i);

      g_assert_cmpuint (m->span.offset + m->span.length, <=, strlen (text));
      g_assert_true (g_utf8_validate (text + m->span.offset, m->span.length, NULL));
      if (i > 0)
        g_assert_cmpuint (g_array_index (mentions->mentions, DetenteMention, i - 1).span.offset, <=,
                          m->span.offset);
    }
  for (guint i = 0; i < mentions->actors->len; i++)
    {
      const DetenteFoundActor *a = g_ptr_array_index (mentions->actors, i);

      g_test_message ("actor %s (%s) %s role %s: %u", a->name, a->id, a->country ? a->country : "-",
                      a->role ? a->role : "-", a->mentions);
    }
  return mentions;
}

static const DetenteFoundActor *
actor (DetenteMentions *mentions,
       const char      *name)
{
  for (guint i = 0; i < mentions->actors->len; i++)
    {
      const DetenteFoundActor *a = g_ptr_array_index (mentions->actors, i);

      if (strcmp (a->name, name) == 0)
        return a;
    }
  return NULL;
}

static guint
count_persons (DetenteMentions *mentions)
{
  guint n = 0;

  for (guint i = 0; i < mentions->actors->len; i++)
    if (((DetenteFoundActor *) g_ptr_array_index (mentions->actors, i))->kind == DETENTE_ACTOR_KIND_PERSON)
      n++;
  return n;
}

/* The text of every mention of the actor called @name, joined by "|". */
static char *
mention_texts (DetenteMentions *mentions,
               const char      *text,
               const char      *name)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mentions->mentions->len; i++)
    {
      const DetenteMention *m = &g_array_index (mentions->mentions, DetenteMention, i);
      const DetenteFoundActor *a;

      if (m->kind != DETENTE_MENTION_ACTOR)
        continue;
      a = g_ptr_array_index (mentions->actors, m->actor);
      if (strcmp (a->name, name) != 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + m->span.offset, m->span.length);
    }
  return g_string_free (out, FALSE);
}

static void
test_gazetteer_names (void)
{
  const char *text = "Secretary of State Antony J. Blinken met Chinese Foreign Minister Qin Gang in Beijing. "
                     "China’s leader Xi Jinping later received Blinken.";
  g_autoptr(DetenteMentions) m = find (text, "2023-06-19");
  g_autofree char *blinken = mention_texts (m, text, "Antony Blinken");
  const DetenteFoundActor *qin = actor (m, "Qin Gang");
  gboolean place = FALSE;

  g_assert_cmpstr (blinken, ==, "Antony J. Blinken|Blinken");
  g_assert_nonnull (qin);
  g_assert_cmpstr (qin->role, ==, "Foreign Minister");
  g_assert_cmpstr (qin->id, ==, "qin-gang");
  g_assert_nonnull (actor (m, "Xi Jinping"));
  g_assert_nonnull (actor (m, "China"));
  g_assert_cmpstr (actor (m, "China")->country, ==, "CN");
  g_assert_cmpint (actor (m, "China")->kind, ==, DETENTE_ACTOR_KIND_COUNTRY);
  g_assert_cmpuint (actor (m, "China")->mentions, ==, 2);
  g_assert_cmpuint (count_persons (m), ==, 3);
  for (guint i = 0; i < m->mentions->len; i++)
    {
      const DetenteMention *x = &g_array_index (m->mentions, DetenteMention, i);

      if (x->kind == DETENTE_MENTION_PLACE)
        {
          g_assert_cmpstr (x->place->name, ==, "Beijing");
          place = TRUE;
        }
    }
  g_assert_true (place);
}

static void
test_title_and_unknown_name (void)
{
  const char *text = "A meeting between the US Assistant Secretary Daniel Kritenbrink and officials took place. "
                     "Pentagon spokesperson Lieutenant Colonel Martin Meiners confirmed it.";
  g_autoptr(DetenteMentions) m = find (text, "2023-07-12");
  const DetenteFoundActor *k = actor (m, "Daniel Kritenbrink");
  const DetenteFoundActor *meiners = actor (m, "Martin Meiners");

  g_assert_nonnull (k);
  g_assert_cmpstr (k->country, ==, "US");
  g_assert_cmpstr (k->role, ==, "Assistant Secretary");
  g_assert_cmpstr (k->id, ==, "daniel-kritenbrink");
  g_assert_nonnull (meiners);
  g_assert_cmpstr (meiners->country, ==, "US");
  g_assert_cmpstr (meiners->role, ==, "spokesperson");
  g_assert_cmpuint (count_persons (m), ==, 2);
}

static void
test_appositions (void)
{
  const char *text = "Ryan Hass, a senior fellow at the Brookings Institution, was cautious. "
                     "Xie Feng, China’s ambassador to the United States, disagreed. "
                     "Mary Anne Lee, Stephen Green and the Strategic Vision Institute were not named as persons.";
  g_autoptr(DetenteMentions) m = find (text, "2023-06-19");
  const DetenteFoundActor *hass = actor (m, "Ryan Hass");
  const DetenteFoundActor *xie = actor (m, "Xie Feng");

  g_assert_nonnull (hass);
  g_assert_cmpstr (hass->role, ==, "senior fellow");
  g_assert_cmpstr (hass->country, ==, "US");
  g_assert_nonnull (xie);
  g_assert_cmpstr (xie->role, ==, "Ambassador to the United States");
  g_assert_cmpstr (xie->country, ==, "CN");
  /* A list of capitalised words with no context is not evidence of a person. */
  g_assert_null (actor (m, "Mary Anne Lee"));
  g_assert_null (actor (m, "Strategic Vision Institute"));
  g_assert_cmpuint (count_persons (m), ==, 2);
}

static void
test_reporting_verbs (void)
{
  const char *text = "“We are hopeful,” said Brendon O’Connor of the University of Sydney. "
                     "O’Connor’s view was shared. Jessica Chen Weiss wrote that much remained. "
                     "Evan Medeiros, who served in the White House, agreed, and so did Goldman Sachs, "
                     "which trades. Great Hall Of Justice said nothing.";
  g_autoptr(DetenteMentions) m = find (text, NULL);
  g_autofree char *oconnor = mention_texts (m, text, "Brendon O’Connor");

  g_assert_cmpstr (oconnor, ==, "Brendon O’Connor|O’Connor");
  g_assert_nonnull (actor (m, "Jessica Chen Weiss"));
  g_assert_nonnull (actor (m, "Evan Medeiros"));
  g_assert_null (actor (m, "Goldman Sachs"));
  g_assert_cmpuint (count_persons (m), ==, 3);
}

static void
test_surnames (void)
{
  const char *text = "Blinken meets Wang in Beijing\n\n"
                     "Secretary of State Antony Blinken met Wang Yi and Wang Wentao. "
                     "Mr. Wang, the commerce minister, spoke first; then Mr Blinken. "
                     "Later, the Biden-Xi meeting was discussed, and Pompeo’s legacy.";
  g_autoptr(DetenteMentions) m = find (text, "2023-08-28");
  g_autofree char *blinken = mention_texts (m, text, "Antony Blinken");
  g_autofree char *wentao = mention_texts (m, text, "Wang Wentao");
  g_autofree char *wang_yi = mention_texts (m, text, "Wang Yi");

  /* The headline's surnames find the full names given after them. */
  g_assert_cmpstr (blinken, ==, "Blinken|Antony Blinken|Blinken");
  g_assert_cmpstr (wang_yi, ==, "Wang|Wang Yi");
  /* A surname refers to the last full name before it. */
  g_assert_cmpstr (wentao, ==, "Wang Wentao|Wang");
  /* Nobody named Biden, Xi or Pompeo in full: a lone surname is not enough. */
  g_assert_null (actor (m, "Mike Pompeo"));
  g_assert_cmpuint (count_persons (m), ==, 3);
}

static void
test_roles (void)
{
  const char *text = "In June, the US Secretary of State extended an invitation to then Chinese Foreign Minister Qin Gang. "
                     "China’s top diplomat later answered.";
  g_autoptr(DetenteMentions) m2023 = find (text, "2023-06-20");
  g_autoptr(DetenteMentions) m2019 = find ("The US Secretary of State arrived.", "2019-05-01");
  g_autoptr(DetenteMentions) undated = find ("The US Secretary of State arrived.", NULL);
  g_autoptr(DetenteMentions) past = find ("The then Secretary of State arrived; the former US Secretary of State left.",
                                          "2023-06-20");

  g_assert_nonnull (actor (m2023, "Antony Blinken"));
  g_assert_nonnull (actor (m2023, "Qin Gang"));
  /* "China’s top diplomat" in June 2023: the foreign minister, Qin Gang. */
  g_assert_cmpuint (actor (m2023, "Qin Gang")->mentions, ==, 2);
  g_assert_nonnull (actor (m2019, "Mike Pompeo"));
  g_assert_cmpuint (count_persons (undated), ==, 0);
  g_assert_cmpuint (count_persons (past), ==, 0);
}

static void
test_places_and_case (void)
{
  const char *text = "Washington invited Wang Yi to visit Washington. The Washington Post reported it. "
                     "Fine china was served at the Diaoyutai State Guesthouse, and the secretary spoke.";
  g_autoptr(DetenteMentions) m = find (text, "2023-09-01");
  guint places = 0;

  g_assert_nonnull (actor (m, "United States"));
  g_assert_cmpuint (actor (m, "United States")->mentions, ==, 1);
  g_assert_null (actor (m, "China"));
  for (guint i = 0; i < m->mentions->len; i++)
    {
      const DetenteMention *x = &g_array_index (m->mentions, DetenteMention, i);

      if (x->kind == DETENTE_MENTION_PLACE)
        places++;
    }
  g_assert_cmpuint (places, ==, 2);
}

static void
test_initials_and_honorifics (void)
{
  /* The fixture knows "Janet Yellen" without her middle initial, and
   * nobody here gives Mr. Xi or Secretary Blinken their full names. */
  const char *text = "Treasury Secretary Janet L. Yellen arrived. Mr. Xi received Secretary Blinken. "
                     "Mr. Wang spoke too.";
  g_autoptr(DetenteMentions) m = find (text, "2023-08-01");
  g_autoptr(DetenteMentions) undated = find (text, NULL);
  g_autofree char *yellen = mention_texts (m, text, "Janet Yellen");

  g_assert_cmpstr (yellen, ==, "Janet L. Yellen");
  g_assert_nonnull (actor (m, "Xi Jinping"));
  g_assert_nonnull (actor (m, "Antony Blinken"));
  /* Two Wangs held roles in 2023: a lone "Mr. Wang" is nobody in particular. */
  g_assert_cmpuint (count_persons (m), ==, 3);
  /* Without a date, nobody can tell who held a role. */
  g_assert_null (actor (undated, "Xi Jinping"));
}

static void
test_not_people (void)
{
  /* A lower-case office word before a product, a compound of two short
   * capitalised words, and the name of a group are not people. */
  const char *text = "The speaker Sonos Move was praised. "
                     "Wi-Fi said nothing, but Human Rights Watch said a lot. "
                     "“Fine,” said Speaker Nancy Wong.";
  g_autoptr(DetenteMentions) m = find (text, "2023-09-01");

  g_assert_null (actor (m, "Sonos Move"));
  g_assert_null (actor (m, "Wi-Fi"));
  g_assert_null (actor (m, "Human Rights"));
  g_assert_nonnull (actor (m, "Nancy Wong"));
  g_assert_cmpuint (count_persons (m), ==, 1);
}

static void
test_names_and_things (void)
{
  const char *text = "Experts said Artificial Intelligence rules were discussed. Google said Pixel Fold sales rose. "
                     "Chad Wolf, the acting spokesperson, said no. Michael Jordan said little. "
                     "“Fine,” said Paris Hilton. The German Marshall Fund and the Bank of America reported it. "
                     "O’Brien Smith said yes. O'Brien Smith said no. Officials in Beijing’s suburbs waited.";
  g_autoptr(DetenteMentions) m = find (text, "2020-01-10");
  g_autofree char *smith = mention_texts (m, text, "O’Brien Smith");
  gboolean beijing = FALSE;

  /* A name after "said" is the speaker only when the clause ends there. */
  g_assert_null (actor (m, "Artificial Intelligence"));
  g_assert_null (actor (m, "Pixel Fold"));
  /* People named like countries and cities are still people… */
  g_assert_nonnull (actor (m, "Chad Wolf"));
  g_assert_nonnull (actor (m, "Michael Jordan"));
  g_assert_nonnull (actor (m, "Paris Hilton"));
  g_assert_null (actor (m, "Chad"));
  g_assert_null (actor (m, "Jordan"));
  /* …and a country's name inside an institution's is not the country. */
  g_assert_null (actor (m, "Germany"));
  g_assert_null (actor (m, "United States"));
  /* Two spellings of one name are one actor. */
  g_assert_cmpstr (smith, ==, "O’Brien Smith|O'Brien Smith");
  g_assert_cmpuint (count_persons (m), ==, 4);
  /* A possessive is not part of a place's mention. */
  for (guint i = 0; i < m->mentions->len; i++)
    {
      const DetenteMention *x = &g_array_index (m->mentions, DetenteMention, i);

      if (x->kind == DETENTE_MENTION_PLACE && strcmp (x->place->name, "Beijing") == 0)
        {
          g_assert_cmpuint (x->span.length, ==, strlen ("Beijing"));
          beijing = TRUE;
        }
    }
  g_assert_true (beijing);
}

static void
test_meetings (void)
{
  /* Whom somebody met, hosted or invited, and a name coordinated with a
   * person, are people; a company met is not a name's evidence. */
  const char *text = "Blinken met Sun Weidong on Monday. Qin Gang and Yang Tao spoke later. "
                     "The delegation met with Goldman Sachs executives. "
                     "Antony Blinken hosted Mary Lee, and invited Tom Clark to Washington.";
  g_autoptr(DetenteMentions) m = find (text, "2023-06-19");

  g_assert_nonnull (actor (m, "Sun Weidong"));
  g_assert_nonnull (actor (m, "Yang Tao"));
  g_assert_nonnull (actor (m, "Mary Lee"));
  g_assert_nonnull (actor (m, "Tom Clark"));
  g_assert_null (actor (m, "Goldman Sachs"));
}

static void
test_chinese (void)
{
  const char *text = "国家主席习近平在北京会见了美国国务卿布林肯。王毅也参加了会见。";
  g_autoptr(DetenteMentions) m = find (text, "2023-06-19");

  g_assert_nonnull (actor (m, "Xi Jinping"));
  g_assert_nonnull (actor (m, "Antony Blinken"));
  g_assert_nonnull (actor (m, "Wang Yi"));
  g_assert_nonnull (actor (m, "United States"));
}

static void
test_hostile (void)
{
  GString *long_text = g_string_new (NULL);
  g_autoptr(DetenteMentions) a = NULL;
  g_autoptr(DetenteMentions) b = NULL;
  g_autoptr(DetenteMentions) c = NULL;

  for (int i = 0; i < 2000; i++)
    g_string_append (long_text, "Secretary Mr. A. B. C. Ambassador to the ");
  a = find (long_text->str, "2023-01-01");
  b = find ("", NULL);
  c = find ("’s ’s - -- . , Mr. Mr. Wang", NULL);
  g_assert_cmpuint (b->mentions->len, ==, 0);
  g_string_free (long_text, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "gazetteer-test.xml", NULL);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  fixture = detente_gazetteer_new ();
  g_assert_true (detente_gazetteer_add_xml (fixture, data, length, "gazetteer-test.xml", NULL));

  g_test_add_func ("/import/mentions/gazetteer-names", test_gazetteer_names);
  g_test_add_func ("/import/mentions/title-and-unknown-name", test_title_and_unknown_name);
  g_test_add_func ("/import/mentions/appositions", test_appositions);
  g_test_add_func ("/import/mentions/reporting-verbs", test_reporting_verbs);
  g_test_add_func ("/import/mentions/surnames", test_surnames);
  g_test_add_func ("/import/mentions/roles", test_roles);
  g_test_add_func ("/import/mentions/places-and-case", test_places_and_case);
  g_test_add_func ("/import/mentions/initials-and-honorifics", test_initials_and_honorifics);
  g_test_add_func ("/import/mentions/not-people", test_not_people);
  g_test_add_func ("/import/mentions/names-and-things", test_names_and_things);
  g_test_add_func ("/import/mentions/meetings", test_meetings);
  g_test_add_func ("/import/mentions/chinese", test_chinese);
  g_test_add_func ("/import/mentions/hostile", test_hostile);

  status = g_test_run ();
  g_object_unref (fixture);
  return status;
}
