/* test-project-io.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "detente-project-io.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static DetenteProject *
make_project (void)
{
  DetenteProject *project = detente_project_new ();
  /* Chinese text, a decomposed accent, markup characters and a control
   * character that XML cannot carry. */
  g_autoptr(DetenteSource) source =
    detente_source_new ("Blinken met Wang Yi (王毅) in Beijing.\n\n"
                        "They said <talks> & \"more\" were due.\x01 Later, Xi spoke.");
  g_autoptr(DetenteActor) blinken = detente_actor_new ("antony-blinken", "Antony Blinken",
                                                       DETENTE_ACTOR_KIND_PERSON);
  g_autoptr(DetenteActor) wang = detente_actor_new ("wang-yi", "Wang Yi", DETENTE_ACTOR_KIND_PERSON);
  g_autoptr(DetenteActor) china = detente_actor_new ("china", "China", DETENTE_ACTOR_KIND_COUNTRY);
  g_autoptr(DetenteEngagement) meeting = detente_engagement_new ("e1", DETENTE_ENGAGEMENT_KIND_MEETING);
  g_autoptr(DetenteEngagement) visit = detente_engagement_new ("e2", DETENTE_ENGAGEMENT_KIND_VISIT);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) imported = g_date_time_new_utc (2026, 11, 22, 10, 30, 0);
  const char *aliases[] = { "Wang", "王毅", NULL };
  const char *meeting_who[] = { "antony-blinken", "wang-yi", NULL };
  const char *visit_who[] = { "antony-blinken", "china", NULL };
  const char *text;
  DetenteDate from = DETENTE_DATE_INIT, to = DETENTE_DATE_INIT, date = DETENTE_DATE_INIT;
  const char *sentence_start;
  const char *sentence = "Blinken met Wang Yi (王毅) in Beijing.";

  detente_source_set_title (source, "Talks in “Beijing”");
  detente_source_set_file_name (source, "talks.txt");
  detente_source_set_author (source, "Détente tests");
  detente_source_set_url (source, "https://example.org/a?b=1&c=2");
  g_assert_true (detente_date_set (&date, 2023, 6, 19));
  detente_source_set_published (source, &date);
  detente_source_set_imported (source, imported);
  g_assert_true (detente_project_add_source (project, source, NULL));
  text = detente_source_get_text (source);
  sentence_start = strstr (text, sentence);

  detente_actor_set_country (blinken, "US");
  g_assert_true (detente_date_set (&from, 2021, 1, 26));
  g_assert_true (detente_date_set (&to, 2025, 1, 0));
  g_ptr_array_add (roles, detente_role_new ("Secretary of State", "United States", &from, &to));
  g_ptr_array_add (roles, detente_role_new ("Deputy Secretary of State", NULL, NULL, NULL));
  detente_actor_set_roles (blinken, roles);
  detente_actor_set_notes (blinken, "Line one\nline two <b>");
  detente_actor_set_aliases (wang, aliases);
  detente_actor_set_country (wang, "CN");
  detente_actor_set_country (china, "CN");
  detente_actor_set_pinned (china, TRUE);
  detente_actor_set_x (china, 0.1);
  detente_actor_set_y (china, -1234.5678);
  g_assert_true (detente_project_add_actor (project, blinken, NULL));
  g_assert_true (detente_project_add_actor (project, wang, NULL));
  g_assert_true (detente_project_add_actor (project, china, NULL));

  g_ptr_array_add (evidence, detente_evidence_new (detente_source_get_id (source),
                                                   sentence_start - text, strlen (sentence), sentence));
  detente_engagement_set_participants (meeting, meeting_who);
  detente_engagement_set_date (meeting, &date);
  detente_engagement_set_place (meeting, "Beijing");
  detente_engagement_set_place_country (meeting, "CN");
  detente_engagement_set_confidence (meeting, 0.85);
  detente_engagement_set_evidence (meeting, evidence);
  g_assert_true (detente_project_add_engagement (project, meeting, NULL));

  g_assert_true (detente_date_set (&date, 2023, 6, 18));
  g_assert_true (detente_date_set_end (&date, 2023, 6, 19));
  detente_engagement_set_participants (visit, visit_who);
  detente_engagement_set_date (visit, &date);
  detente_engagement_set_status (visit, DETENTE_ENGAGEMENT_STATUS_POSTPONED);
  detente_engagement_set_origin (visit, DETENTE_ORIGIN_MANUAL);
  detente_engagement_set_hidden (visit, TRUE);
  g_assert_true (detente_project_add_engagement (project, visit, NULL));

  return project;
}

static void
assert_objects_equal (GObject *a,
                      GObject *b)
{
  g_autofree GParamSpec **specs = NULL;
  guint n;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);
  for (guint i = 0; i < n; i++)
    {
      GValue va = G_VALUE_INIT, vb = G_VALUE_INIT;
      g_autofree char *sa = NULL;
      g_autofree char *sb = NULL;

      g_value_init (&va, specs[i]->value_type);
      g_value_init (&vb, specs[i]->value_type);
      g_object_get_property (a, specs[i]->name, &va);
      g_object_get_property (b, specs[i]->name, &vb);

      if (specs[i]->value_type == G_TYPE_PTR_ARRAY)
        {
          GPtrArray *pa = g_value_get_boxed (&va), *pb = g_value_get_boxed (&vb);

          g_assert_cmpuint (pa->len, ==, pb->len);
          for (guint j = 0; j < pa->len; j++)
            if (specs[i]->owner_type == DETENTE_TYPE_ACTOR)
              g_assert_true (detente_role_equal (pa->pdata[j], pb->pdata[j]));
            else
              g_assert_true (detente_evidence_equal (pa->pdata[j], pb->pdata[j]));
        }
      else if (specs[i]->value_type == DETENTE_TYPE_DATE)
        g_assert_true (detente_date_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb)));
      else if (specs[i]->value_type == G_TYPE_DATE_TIME)
        g_assert_true (g_date_time_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb)));
      else
        {
          sa = g_strdup_value_contents (&va);
          sb = g_strdup_value_contents (&vb);
          g_assert_cmpstr (sa, ==, sb);
        }
      g_value_unset (&va);
      g_value_unset (&vb);
    }
}

static void
assert_lists_equal (GListModel *a,
                    GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  g_assert_cmpuint (g_list_model_get_n_items (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) ia = g_list_model_get_item (a, i);
      g_autoptr(GObject) ib = g_list_model_get_item (b, i);

      assert_objects_equal (ia, ib);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(DetenteProject) project = make_project ();
  g_autoptr(DetenteProject) loaded = NULL;
  g_autofree char *path = tmp_path ("round-trip.detente");
  g_autofree char *again = tmp_path ("round-trip-again.detente");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file2 = g_file_new_for_path (again);
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes1 = NULL;
  g_autofree char *bytes2 = NULL;
  DetenteSource *source;

  g_assert_true (detente_project_get_dirty (project));
  g_assert_true (detente_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (detente_project_get_dirty (project));
  g_assert_true (detente_project_get_file (project) == file);

  loaded = detente_project_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_false (detente_project_get_dirty (loaded));
  g_assert_false (detente_project_can_undo (loaded));
  g_assert_true (g_file_equal (detente_project_get_file (loaded), file));

  /* The control character became a space of the same length. */
  source = g_list_model_get_item (detente_project_get_sources (loaded), 0);
  g_object_unref (source);
  g_assert_nonnull (strstr (detente_source_get_text (source), "due.  Later"));

  /* Everything else comes back exactly. */
  assert_lists_equal (detente_project_get_actors (project), detente_project_get_actors (loaded));
  assert_lists_equal (detente_project_get_engagements (project),
                      detente_project_get_engagements (loaded));
  g_assert_cmpuint (detente_project_count_engagements (loaded, "antony-blinken"), ==, 1);

  /* And saving what was loaded gives the same bytes. */
  g_assert_true (detente_project_save (loaded, file2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &bytes1, NULL, NULL));
  g_assert_true (g_file_get_contents (again, &bytes2, NULL, NULL));
  g_assert_cmpstr (bytes1, ==, bytes2);
  g_assert_nonnull (strstr (bytes1, "<detente-project version=\"1\">"));
}

static void
test_backup_and_atomic (void)
{
  g_autoptr(DetenteProject) project = make_project ();
  g_autofree char *path = tmp_path ("atomic.detente");
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  DetenteActor *actor;

  g_assert_true (detente_project_save (project, file, NULL, &error));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));

  actor = detente_project_lookup_actor (project, "wang-yi");
  detente_project_set (project, actor, "name", "Wang Yi (Foreign Minister)", NULL);
  g_assert_true (detente_project_save (project, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &second, NULL, NULL));
  g_assert_true (g_file_get_contents (backup, &now, NULL, NULL));
  /* The previous version is kept as NAME~. */
  g_assert_cmpstr (now, ==, first);
  g_assert_cmpstr (first, !=, second);

  /* A save that stops half-way leaves the old file whole. */
  detente_project_set (project, actor, "name", "Someone else", NULL);
  g_cancellable_cancel (cancellable);
  g_assert_false (detente_project_save (project, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&now, g_free);
  g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
  g_assert_cmpstr (now, ==, second);
  g_assert_true (detente_project_get_dirty (project));

  /* No temporary file is left behind. */
  dir = g_dir_open (tmpdir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    g_assert_false (g_str_has_prefix (name, ".atomic.detente."));
}

static void
test_save_errors (void)
{
  g_autoptr(DetenteProject) project = make_project ();
  g_autofree char *path = tmp_path ("no-such-folder/x.detente");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (detente_project_save (project, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "x.detente"));
  g_assert_true (detente_project_get_dirty (project));
}

typedef struct
{
  const char *name;
  const char *xml;
  int         code;
  const char *needle;
} Hostile;

static void
load_string_expect (const Hostile *h)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (h->xml, -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DetenteProject) project = NULL;

  project = detente_project_load_from_stream (in, h->name, NULL, &error);
  if (project != NULL)
    g_error ("%s: loaded, but should have been refused", h->name);
  g_assert_error (error, DETENTE_PROJECT_IO_ERROR, h->code);
  /* The message names the file, and the line where it went wrong. */
  g_assert_nonnull (strstr (error->message, h->name));
  if (h->needle != NULL && strstr (error->message, h->needle) == NULL)
    g_error ("%s: “%s” lacks “%s”", h->name, error->message, h->needle);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define SRC_TEXT "Blinken met Wang."
/* sha256 of SRC_TEXT is not checked on load; any id serves. */
#define SOURCES "<sources><source id=\"s1\"><text>" SRC_TEXT "</text></source></sources>\n"
#define ACTORS "<actors><actor id=\"a\" name=\"A\" kind=\"person\"/><actor id=\"b\" name=\"B\" kind=\"person\"/></actors>\n"

static void
test_hostile (void)
{
  static const Hostile cases[] = {
    { "malformed.detente", HEAD "<detente-project version=\"1\">\n<actors>\n</detente-project>",
      DETENTE_PROJECT_IO_ERROR_MALFORMED, "Line 4" },
    { "truncated.detente", HEAD "<detente-project version=\"1\">\n<actors><actor id=\"a\" na",
      DETENTE_PROJECT_IO_ERROR_MALFORMED, "Line 3" },
    { "empty.detente", "", DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT, NULL },
    { "binary.detente", "\x89PNG\r\n\x1a\n\x01\x02\x03", DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT, "not a Détente project" },
    { "wrong-root.detente", HEAD "<html><body/></html>", DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT, "<html>" },
    { "no-version.detente", HEAD "<detente-project/>", DETENTE_PROJECT_IO_ERROR_VERSION, NULL },
    { "future.detente", HEAD "<detente-project version=\"7\"/>", DETENTE_PROJECT_IO_ERROR_VERSION, "7" },
    { "bad-version.detente", HEAD "<detente-project version=\"1.5beta\"/>", DETENTE_PROJECT_IO_ERROR_VERSION, NULL },
    { "external-entity.detente",
      HEAD "<!DOCTYPE detente-project [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
      "<detente-project version=\"1\"><actors><actor id=\"a\" name=\"&xxe;\" kind=\"person\"/></actors></detente-project>",
      -1, NULL },
    { "network-entity.detente",
      HEAD "<!DOCTYPE detente-project SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<detente-project version=\"1\"/>",
      DETENTE_PROJECT_IO_ERROR_FORBIDDEN, "not allowed" },
    { "laughs.detente",
      HEAD "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
      "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
      "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
      "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
      "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
      "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>\n"
      "<detente-project version=\"1\"><actors><actor id=\"a\" name=\"x\" kind=\"person\"><notes>&lol9;</notes></actor></actors></detente-project>",
      -1, NULL },
    { "deep.detente",
      HEAD "<detente-project version=\"1\"><actors><actor id=\"a\" name=\"A\" kind=\"person\">"
      "<notes><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a>"
      "</a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></a></notes>"
      "</actor></actors></detente-project>",
      -1, NULL },
    { "bad-kind.detente", HEAD "<detente-project version=\"1\"><actors>\n<actor id=\"a\" name=\"A\" kind=\"robot\"/></actors></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "robot" },
    { "missing-id.detente", HEAD "<detente-project version=\"1\"><actors><actor name=\"A\" kind=\"person\"/></actors></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "id" },
    { "duplicate-id.detente", HEAD "<detente-project version=\"1\"><actors><actor id=\"a\" name=\"A\" kind=\"person\"/>\n<actor id=\"a\" name=\"B\" kind=\"person\"/></actors></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "Line 3" },
    { "dangling-actor.detente", HEAD "<detente-project version=\"1\">" ACTORS "<engagements><engagement id=\"e\" kind=\"meeting\" participants=\"a  zed\"/></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "zed" },
    { "dangling-source.detente", HEAD "<detente-project version=\"1\">" ACTORS "<engagements><engagement id=\"e\" kind=\"meeting\"><evidence source=\"s9\" offset=\"0\" length=\"3\">Bli</evidence></engagement></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "s9" },
    { "huge-offset.detente", HEAD "<detente-project version=\"1\">" SOURCES ACTORS "<engagements><engagement id=\"e\" kind=\"meeting\"><evidence source=\"s1\" offset=\"99999999999999\" length=\"3\">Bli</evidence></engagement></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "99999999999999" },
    { "offset-past-end.detente", HEAD "<detente-project version=\"1\">" SOURCES ACTORS "<engagements><engagement id=\"e\" kind=\"meeting\"><evidence source=\"s1\" offset=\"4000000000\" length=\"4000000000\">Bli</evidence></engagement></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, NULL },
    { "wrong-sentence.detente", HEAD "<detente-project version=\"1\">" SOURCES ACTORS "<engagements><engagement id=\"e\" kind=\"meeting\"><evidence source=\"s1\" offset=\"0\" length=\"3\">Xyz</evidence></engagement></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "offset 0" },
    { "split-character.detente", HEAD "<detente-project version=\"1\"><sources><source id=\"s1\"><text>Wang Yi (王毅) spoke.</text></source></sources>" ACTORS "<engagements><engagement id=\"e\" kind=\"meeting\"><evidence source=\"s1\" offset=\"10\" length=\"2\"/></engagement></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "offset 10" },
    { "double-participant.detente", HEAD "<detente-project version=\"1\">" ACTORS "<engagements><engagement id=\"e\" kind=\"meeting\" participants=\"a b a\"/></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "twice" },
    { "many-attributes.detente", HEAD "<detente-project version=\"1\"><actors><actor id=\"a\" name=\"A\" kind=\"person\" "
      "a1=\"\" a2=\"\" a3=\"\" a4=\"\" a5=\"\" a6=\"\" a7=\"\" a8=\"\" a9=\"\" a10=\"\" a11=\"\" a12=\"\" a13=\"\" a14=\"\"/></actors></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "attributes" },
    { "negative-offset.detente", HEAD "<detente-project version=\"1\">" SOURCES ACTORS "<engagements><engagement id=\"e\" kind=\"meeting\"><evidence source=\"s1\" offset=\"-1\" length=\"3\">Bli</evidence></engagement></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, NULL },
    { "absurd-year.detente", HEAD "<detente-project version=\"1\"><engagements><engagement id=\"e\" kind=\"meeting\" date=\"99999-01-01\"/></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "99999" },
    { "absurd-confidence.detente", HEAD "<detente-project version=\"1\"><engagements><engagement id=\"e\" kind=\"meeting\" confidence=\"1e308\"/></engagements></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, NULL },
    { "nan-position.detente", HEAD "<detente-project version=\"1\"><actors><actor id=\"a\" name=\"A\" kind=\"person\"><position x=\"nan\" y=\"0\"/></actor></actors></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, NULL },
    { "source-without-text.detente", HEAD "<detente-project version=\"1\"><sources><source id=\"s\"/></sources></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, NULL },
    { "unknown-element.detente", HEAD "<detente-project version=\"1\"><secrets/></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, "secrets" },
    { "stray-text.detente", HEAD "<detente-project version=\"1\">hello<actors/></detente-project>",
      DETENTE_PROJECT_IO_ERROR_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Hostile h = cases[i];

      g_test_message ("%s", h.name);
      if (h.code < 0)
        {
          /* Refused either as a DOCTYPE or, if the parser got there
           * first, by libxml2's own guards; never loaded. */
          g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (h.xml, -1, NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(DetenteProject) project = detente_project_load_from_stream (in, h.name, NULL, &error);

          g_assert_null (project);
          g_assert_true (error->domain == DETENTE_PROJECT_IO_ERROR);
          g_assert_nonnull (strstr (error->message, "Line "));
          continue;
        }
      load_string_expect (&h);
    }
}

/* Inputs that would make libxml2's push parser rescan a long tag, or a
 * DOCTYPE's internal subset, for minutes: refused at once. */
static void
test_slow_inputs (void)
{
  GString *tag = g_string_new (HEAD "<detente-project version=\"1\"><actors>\n<actor id=\"a\" kind=\"person\" name=\"");
  GString *doctype = g_string_new (HEAD "<!DOCTYPE detente-project [\n");
  struct { const char *name; GString *xml; int code; } cases[] = {
    { "long-tag.detente", tag, DETENTE_PROJECT_IO_ERROR_TOO_LARGE },
    { "long-doctype.detente", doctype, DETENTE_PROJECT_IO_ERROR_FORBIDDEN },
  };

  for (int i = 0; i < 200000; i++)
    g_string_append (tag, "x>x>x>x>x>");
  g_string_append (tag, "\"/></actors></detente-project>");
  for (int i = 0; i < 50000; i++)
    g_string_append_printf (doctype, "<!ENTITY e%d \"%d\">\n", i, i);
  g_string_append (doctype, "]><detente-project version=\"1\"/>");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (cases[i].xml->str, cases[i].xml->len, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DetenteProject) project = NULL;
      gint64 start = g_get_monotonic_time ();

      project = detente_project_load_from_stream (in, cases[i].name, NULL, &error);
      g_assert_null (project);
      g_assert_error (error, DETENTE_PROJECT_IO_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "Line "));
      /* Not a timing test: a generous bound that only a rescan would break. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      g_string_free (cases[i].xml, TRUE);
    }
}

/* What the reader must take that hand-edited files may contain. */
static void
test_lenient (void)
{
  static const char xml[] =
    HEAD "<!-- a comment with > and \" and - - inside -->\n"
    "<?some-tool note=\"a > b\"?>\n"
    "<detente-project version=\"1\" xmlns:f=\"urn:other\">\n"
    "<sources><source id=\"s1\" title=\"A &gt; B &amp; C\"><text><![CDATA[Blinken met Wang. <Really> ]]]]><![CDATA[>]]></text></source></sources>\n"
    "<actors><actor f:id=\"zz\" id=\"a\" name=\"\" kind=\"person\" future-attribute=\"1\"><role title=\"\"/></actor>"
    "<actor id=\"b\" name=\"B\" kind=\"country\"/></actors>\n"
    "<engagements><engagement id=\"e\" kind=\"meeting\" participants=\" a\tb \">"
    "<evidence source=\"s1\" offset=\"0\" length=\"17\"/></engagement></engagements>\n"
    "</detente-project>\n";
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (xml, -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DetenteProject) project = detente_project_load_from_stream (in, "lenient", NULL, &error);
  DetenteActor *a;
  DetenteEngagement *e;
  DetenteSource *s;

  g_assert_no_error (error);
  a = detente_project_lookup_actor (project, "a");
  g_assert_nonnull (a);
  g_assert_null (detente_project_lookup_actor (project, "zz"));
  g_assert_cmpstr (detente_actor_get_name (a), ==, "");
  g_assert_cmpuint (detente_actor_get_roles (a)->len, ==, 1);
  e = detente_project_lookup_engagement (project, "e");
  g_assert_cmpuint (g_strv_length ((char **) detente_engagement_get_participants (e)), ==, 2);
  g_assert_cmpstr (detente_evidence_get_sentence (g_ptr_array_index (detente_engagement_get_evidence (e), 0)),
                   ==, "Blinken met Wang.");
  s = detente_project_lookup_source (project, "s1");
  g_assert_cmpstr (detente_source_get_title (s), ==, "A > B & C");
  g_assert_cmpstr (detente_source_get_text (s), ==, "Blinken met Wang. <Really> ]]>");
}

/* Whatever the model accepts, a saved file gives back. */
static void
test_awkward_content (void)
{
  g_autoptr(DetenteProject) project = detente_project_new ();
  g_autoptr(DetenteActor) nameless = detente_actor_new ("nameless", "", DETENTE_ACTOR_KIND_PERSON);
  g_autoptr(DetenteActor) far = detente_actor_new ("far", "Far", DETENTE_ACTOR_KIND_COUNTRY);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);
  g_autoptr(DetenteProject) loaded = NULL;
  g_autofree char *path = tmp_path ("awkward.detente");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *cjk_id = detente_actor_make_id ("王\r毅\v ");
  g_autoptr(DetenteActor) cjk = detente_actor_new (cjk_id, "王 毅", DETENTE_ACTOR_KIND_PERSON);
  g_autoptr(DetenteEngagement) e = detente_engagement_new ("e", DETENTE_ENGAGEMENT_KIND_CALL);
  const char *who[] = { "nameless", cjk_id, NULL };

  g_assert_cmpstr (cjk_id, ==, "王-毅");
  g_ptr_array_add (roles, detente_role_new ("", NULL, NULL, NULL));
  detente_actor_set_roles (nameless, roles);
  /* A control character written straight into notes, past the source
   * normalisation. */
  detente_actor_set_notes (nameless, "bell\x07here\x7f and \xef\xbf\xbe");
  detente_actor_set_pinned (far, TRUE);
  detente_actor_set_x (far, 1e300);
  detente_actor_set_y (far, NAN);
  g_assert_cmpfloat (detente_actor_get_x (far), ==, DETENTE_ACTOR_MAX_POSITION);
  g_assert_cmpfloat (detente_actor_get_y (far), ==, 0.0);
  detente_engagement_set_participants (e, who);

  g_assert_true (detente_project_add_actor (project, nameless, NULL));
  g_assert_true (detente_project_add_actor (project, far, NULL));
  g_assert_true (detente_project_add_actor (project, cjk, NULL));
  g_assert_true (detente_project_add_engagement (project, e, NULL));
  g_assert_true (detente_project_save (project, file, NULL, &error));
  g_assert_no_error (error);

  loaded = detente_project_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detente_actor_get_name (detente_project_lookup_actor (loaded, "nameless")), ==, "");
  g_assert_cmpstr (detente_actor_get_notes (detente_project_lookup_actor (loaded, "nameless")), ==,
                   "bell here\x7f and \xef\xbf\xbd");
  g_assert_cmpfloat (detente_actor_get_x (detente_project_lookup_actor (loaded, "far")), ==,
                     DETENTE_ACTOR_MAX_POSITION);
  g_assert_cmpuint (g_strv_length ((char **) detente_engagement_get_participants (
                      detente_project_lookup_engagement (loaded, "e"))), ==, 2);
}

/* Saving through a symbolic link writes the file it points to. */
static void
test_save_symlink (void)
{
  g_autoptr(DetenteProject) project = make_project ();
  g_autofree char *real = tmp_path ("real.detente");
  g_autofree char *link_path = tmp_path ("link.detente");
  g_autofree char *real_backup = g_strconcat (real, "~", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink (real, link_path), ==, 0);
  g_assert_true (detente_project_save (project, link_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  {
    g_autofree char *contents = NULL;
    g_autofree char *backup = NULL;

    g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<detente-project"));
    g_assert_true (g_file_get_contents (real_backup, &backup, NULL, NULL));
    g_assert_cmpstr (backup, ==, "old");
  }
}

static void
test_file_errors (void)
{
  g_autofree char *missing = tmp_path ("missing.detente");
  g_autofree char *big = tmp_path ("big.detente");
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  g_autoptr(GFile) folder = g_file_new_for_path (tmpdir);
  g_autoptr(GError) error = NULL;
  FILE *f;

  g_assert_null (detente_project_load (missing_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (detente_project_load (folder, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* A sparse file past the limit is refused before it is read. */
  f = g_fopen (big, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseeko (f, (off_t) DETENTE_PROJECT_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', f), ==, 'x');
  fclose (f);
  g_assert_null (detente_project_load (big_file, NULL, &error));
  g_assert_error (error, DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.detente"));
  g_unlink (big);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(DetenteProject) project = make_project ();
  g_autofree char *path = tmp_path ("async.detente");
  g_autofree char *missing = tmp_path ("async-missing.detente");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DetenteProject) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (detente_project_save (project, file, NULL, &error));
  detente_project_load_async (file, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  loaded = detente_project_load_finish (result, &error);
  g_assert_no_error (error);
  assert_lists_equal (detente_project_get_actors (project), detente_project_get_actors (loaded));

  g_clear_object (&result);
  detente_project_load_async (missing_file, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (detente_project_load_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The bundled sample is made at build time by the importer from
 * resources/samples/articles; hold it to the rules every project file
 * follows, and check that no article was left out of the build. */
static void
test_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "resources", "samples",
                                                 "sample.detente", NULL);
  g_autofree char *articles = g_test_build_filename (G_TEST_DIST, "..", "resources", "samples",
                                                     "articles", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DetenteProject) project = detente_project_load (file, NULL, &error);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *sources, *engagements;
  const char *name;
  guint n_articles = 0;

  g_assert_no_error (error);
  sources = detente_project_get_sources (project);
  engagements = detente_project_get_engagements (project);
  g_assert_cmpuint (g_list_model_get_n_items (sources), >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (engagements), >=, 5);

  /* Every article is in, under its own name (not where the build ran),
   * and imported at a fixed time, so that every build makes the same file. */
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(DetenteSource) source = g_list_model_get_item (sources, i);
      g_autofree char *imported = NULL;

      g_hash_table_add (names, (gpointer) detente_source_get_file_name (source));
      g_assert_nonnull (detente_source_get_imported (source));
      imported = g_date_time_format_iso8601 (detente_source_get_imported (source));
      g_assert_cmpstr (imported, ==, "2026-11-22T00:00:00Z");
    }
  dir = g_dir_open (articles, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      {
        if (!g_hash_table_contains (names, name))
          g_error ("resources/samples/articles/%s is not in the sample: "
                   "list it in resources/samples/meson.build", name);
        n_articles++;
      }
  g_assert_cmpuint (n_articles, ==, g_list_model_get_n_items (sources));

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(DetenteSource) source = g_list_model_get_item (sources, i);
      g_autoptr(DetenteSource) again = detente_source_new (detente_source_get_text (source));

      /* The id is the SHA-256 of the normalised text. */
      g_assert_cmpstr (detente_source_get_id (source), ==, detente_source_get_id (again));
      g_assert_true (detente_date_is_set (detente_source_get_published (source)));
      g_assert_nonnull (detente_source_get_title (source));
    }

  for (guint i = 0; i < g_list_model_get_n_items (engagements); i++)
    {
      g_autoptr(DetenteEngagement) e = g_list_model_get_item (engagements, i);

      /* A visit whose place the text does not give has its visitor
       * alone. */
      g_assert_cmpuint (g_strv_length ((char **) detente_engagement_get_participants (e)), >=,
                        detente_engagement_get_kind (e) == DETENTE_ENGAGEMENT_KIND_VISIT ? 1 : 2);
      g_assert_cmpuint (detente_engagement_get_evidence (e)->len, >=, 1);
    }
  /* About twenty articles make a rich graph. */
  g_assert_cmpuint (g_list_model_get_n_items (engagements), >=, 40);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("detente-io-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/model/project-io/round-trip", test_round_trip);
  g_test_add_func ("/model/project-io/backup-atomic", test_backup_and_atomic);
  g_test_add_func ("/model/project-io/save-errors", test_save_errors);
  g_test_add_func ("/model/project-io/hostile", test_hostile);
  g_test_add_func ("/model/project-io/file-errors", test_file_errors);
  g_test_add_func ("/model/project-io/slow-inputs", test_slow_inputs);
  g_test_add_func ("/model/project-io/lenient", test_lenient);
  g_test_add_func ("/model/project-io/awkward-content", test_awkward_content);
  g_test_add_func ("/model/project-io/save-symlink", test_save_symlink);
  g_test_add_func ("/model/project-io/async", test_async);
  g_test_add_func ("/model/project-io/sample", test_sample);

  ret = g_test_run ();

  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                              G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)))
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return ret;
}
