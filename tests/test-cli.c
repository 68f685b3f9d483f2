/* test-cli.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "detente-project-io.h"

/* Runs the built `detente` program as a user would. */

static int
run_argv (const char **args,
          char       **out,
          char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DETENTE"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : (WIFEXITED (status) ? WEXITSTATUS (status) : -1);
}

static int
run (const char  *arg1,
     const char  *arg2,
     char       **out,
     char       **err)
{
  const char *args[] = { arg1, arg2, NULL };

  return run_argv (args, out, err);
}

static void
test_version_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *help = NULL;

  g_assert_cmpint (run ("--version", NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "detente " PACKAGE_VERSION "\n");
  g_assert_cmpint (run ("--help", NULL, &help, NULL), ==, 0);
  g_assert_nonnull (strstr (help, "detente info FILE.detente"));
  g_assert_nonnull (strstr (help, "detente extract --json"));
  g_assert_nonnull (strstr (help, "--sample"));
}

static void
test_info (void)
{
  const char *sample = g_getenv ("SAMPLE_PROJECT");
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  g_autoptr(DetenteProject) project = detente_project_load (file, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *want = NULL;

  g_assert_nonnull (project);
  want = g_strdup_printf ("sources: %u\nactors: %u\nengagements: %u\n",
                          g_list_model_get_n_items (detente_project_get_sources (project)),
                          g_list_model_get_n_items (detente_project_get_actors (project)),
                          g_list_model_get_n_items (detente_project_get_engagements (project)));
  g_assert_cmpint (run ("info", sample, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, want);
  g_assert_cmpstr (err, ==, "");
}

static void
test_info_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("detente-cli-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.detente", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.detente", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (bad, "<detente-project version=\"9\"/>", -1, NULL));

  g_assert_cmpint (run ("info", bad, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "bad.detente"));
  g_assert_nonnull (strstr (err, "version 9"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ("info", missing, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "missing.detente"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ("info", NULL, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Usage"));

  g_unlink (bad);
  g_rmdir (dir);
}

/* A JSON string value of @key in @json, crudely: enough to check what the
 * verb printed without a JSON library. */
static gboolean
has_field (const char *json,
           const char *key,
           const char *value)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\": \"%s\"", key, value);

  return strstr (json, needle) != NULL;
}

static void
test_extract (void)
{
  g_autofree char *dir = g_dir_make_tmp ("detente-cli-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "talks.txt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.txt", NULL);
  g_autofree char *quote = g_build_filename (dir, "quote \"1\".txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;
  const char *json_args[] = { "extract", "--json", article, empty, NULL };
  const char *dated_args[] = { "extract", "--json", "--published", "2019-05-01", quote, NULL };
  const char *text_args[] = { "extract", "--text", article, NULL };
  const char *bad_args[] = { "extract", "--json", "--published", "last Tuesday", article, NULL };
  const char *usage_args[] = { "extract", article, NULL };
  g_autofree char *extra = g_build_filename (dir, "extra.xml", NULL);
  g_autofree char *lilei = g_build_filename (dir, "lilei.txt", NULL);
  const char *extra_args[] = { "extract", "--json", "--gazetteer", extra, lilei, NULL };
  g_autofree char *out4 = NULL;
  g_autofree char *err4 = NULL;

  g_assert_true (g_file_set_contents (article,
    "Title: Talks in Beijing\nDate: 2023-06-19\n\n"
    "Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang in Beijing.\n\n"
    "Ryan Hass, a senior fellow at the Brookings Institution, said the talks mattered.\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (quote, "The US Secretary of State said \"no\"\ttoday.\n", -1, NULL));

  /* A broken file is reported and the others are still read. */
  g_assert_cmpint (run_argv (json_args, &out, &err), ==, 1);
  g_assert_true (g_str_has_prefix (out, "{\"format\": \"detente-extract/1\""));
  g_assert_true (has_field (out, "title", "Talks in Beijing"));
  g_assert_true (has_field (out, "published", "2023-06-19"));
  g_assert_true (has_field (out, "id", "antony-blinken"));
  g_assert_true (has_field (out, "role", "Secretary of State"));
  g_assert_true (has_field (out, "id", "qin-gang"));
  g_assert_true (has_field (out, "name", "Ryan Hass"));
  g_assert_true (has_field (out, "id", "china"));
  /* The meeting, with its place, status and sentence. */
  g_assert_nonnull (strstr (out, "{\"kind\": \"meeting\", \"participants\": [\"antony-blinken\", \"qin-gang\"], "
                                 "\"place\": \"Beijing\", \"place_country\": \"CN\""));
  g_assert_true (has_field (out, "status", "held"));
  g_assert_true (has_field (out, "sentence",
                            "Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang in Beijing."));
  g_assert_nonnull (strstr (err, "empty.txt"));

  /* The date given wins over the file's; names are escaped. */
  g_assert_cmpint (run_argv (dated_args, &out2, NULL), ==, 0);
  g_assert_true (has_field (out2, "published", "2019-05-01"));
  g_assert_true (has_field (out2, "id", "mike-pompeo"));
  g_assert_nonnull (strstr (out2, "quote \\\"1\\\".txt"));

  g_assert_cmpint (run_argv (text_args, &text, NULL), ==, 0);
  g_assert_cmpstr (text, ==,
                   "Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang in Beijing.\n\n"
                   "Ryan Hass, a senior fellow at the Brookings Institution, said the talks mattered.\n");

  /* A gazetteer of the user's own adds a person nobody else knows. */
  g_assert_true (g_file_set_contents (extra,
    "<gazetteer version=\"1\"><person id=\"li-lei\" name=\"Li Lei\" country=\"CN\">"
    "<alias>李雷</alias><role title=\"Envoy\" from=\"2020\"/></person></gazetteer>", -1, NULL));
  g_assert_true (g_file_set_contents (lilei, "李雷说了。Li Lei spoke.\n", -1, NULL));
  g_assert_cmpint (run_argv (extra_args, &out4, NULL), ==, 0);
  g_assert_true (has_field (out4, "id", "li-lei"));
  g_assert_nonnull (strstr (out4, "\"mentions\": 2"));
  g_assert_true (g_file_set_contents (extra, "<gazetteer><person/></gazetteer>", -1, NULL));
  g_assert_cmpint (run_argv (extra_args, NULL, &err4), ==, 1);
  g_assert_nonnull (strstr (err4, "extra.xml"));

  g_assert_cmpint (run_argv (bad_args, NULL, &err3), ==, 1);
  g_assert_nonnull (strstr (err3, "last Tuesday"));
  g_assert_cmpint (run_argv (usage_args, &out3, NULL), ==, 1);
  g_assert_cmpstr (out3, ==, "");

  g_unlink (article);
  g_unlink (empty);
  g_unlink (quote);
  g_unlink (extra);
  g_unlink (lilei);
  g_rmdir (dir);
}

static void
test_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("detente-cli-XXXXXX", NULL);
  g_autofree char *articles = g_build_filename (dir, "articles", NULL);
  g_autofree char *first = g_build_filename (articles, "first.txt", NULL);
  g_autofree char *second = g_build_filename (articles, "more", "second.md", NULL);
  g_autofree char *empty = g_build_filename (articles, "empty.txt", NULL);
  g_autofree char *project = g_build_filename (dir, "out.detente", NULL);
  g_autofree char *backup = g_build_filename (dir, "out.detente~", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.detente", NULL);
  g_autofree char *more = g_build_filename (articles, "more", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *err3 = NULL;
  g_autofree char *err4 = NULL, *err5 = NULL, *err6 = NULL, *contents = NULL;
  const char *import_args[] = { "import", "-o", project, "--threads", "2", articles, NULL };
  const char *again_args[] = { "import", "--output", project, "--published", "2023-06-20", first, NULL };
  const char *usage_args[] = { "import", first, NULL };
  const char *threads_args[] = { "import", "-o", project, "--threads", "-1", first, NULL };
  const char *date_args[] = { "import", "-o", project, "--published", "soon", first, NULL };
  const char *garbage_args[] = { "import", "-o", garbage, first, NULL };
  g_autoptr(GFile) file = g_file_new_for_path (project);
  g_autoptr(DetenteProject) loaded = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (more, 0755), ==, 0);
  g_assert_true (g_file_set_contents (first,
    "Title: Talks in Beijing\nDate: 2023-06-19\n\n"
    "Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang in Beijing.\n", -1, NULL));
  g_assert_true (g_file_set_contents (second,
    "# Yellen in Beijing\n\nTreasury Secretary Janet Yellen met Vice Premier He Lifeng in Beijing "
    "on 8 July 2023.\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  /* A new project: what could be read is saved, the rest reported. */
  g_assert_cmpint (run_argv (import_args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "2 articles added"));
  g_assert_nonnull (strstr (out, "0 already known"));
  g_assert_nonnull (strstr (out, "1 file could not be imported"));
  g_assert_nonnull (strstr (err, "empty.txt: "));
  g_assert_null (strstr (err, "first.txt"));
  loaded = detente_project_load (file, NULL, NULL);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_sources (loaded)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (detente_project_get_actors (loaded)), >, 0);

  /* An existing project is added to; a known article adds nothing and
   * leaves the file alone. */
  g_assert_cmpint (run_argv (again_args, &out2, &err2), ==, 0);
  g_assert_nonnull (strstr (out2, "0 articles added (1 already known)"));
  g_assert_cmpstr (err2, ==, "");
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* Bad usage changes nothing. */
  g_assert_cmpint (run_argv (usage_args, NULL, &err3), ==, 1);
  g_assert_nonnull (strstr (err3, "Usage"));
  g_assert_cmpint (run_argv (threads_args, NULL, &err4), ==, 1);
  g_assert_nonnull (strstr (err4, "Usage"));
  g_assert_cmpint (run_argv (date_args, NULL, &err5), ==, 1);
  g_assert_nonnull (strstr (err5, "soon"));

  /* A file that is no project is never replaced. */
  g_assert_true (g_file_set_contents (garbage, "not a project", -1, NULL));
  g_assert_cmpint (run_argv (garbage_args, NULL, &err6), ==, 1);
  g_assert_nonnull (strstr (err6, "garbage.detente"));
  g_assert_true (g_file_get_contents (garbage, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "not a project");

  g_unlink (first);
  g_unlink (second);
  g_unlink (empty);
  g_rmdir (more);
  g_rmdir (articles);
  g_unlink (project);
  g_unlink (backup);
  g_unlink (garbage);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/cli/version-help", test_version_help);
  g_test_add_func ("/app/cli/info", test_info);
  g_test_add_func ("/app/cli/info-errors", test_info_errors);
  g_test_add_func ("/app/cli/extract", test_extract);
  g_test_add_func ("/app/cli/import", test_import);

  return g_test_run ();
}
