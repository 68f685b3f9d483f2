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
run (const char  *arg1,
     const char  *arg2,
     char       **out,
     char       **err)
{
  const char *argv[] = { g_getenv ("DETENTE"), arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : (WIFEXITED (status) ? WEXITSTATUS (status) : -1);
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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/cli/version-help", test_version_help);
  g_test_add_func ("/app/cli/info", test_info);
  g_test_add_func ("/app/cli/info-errors", test_info_errors);

  return g_test_run ();
}
