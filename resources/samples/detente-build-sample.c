/* detente-build-sample.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

#include "detente-cli.h"

/* Builds the bundled sample project with `detente import`, compiled here
 * without the parts of the program that need a display: the program
 * embeds the sample, so it cannot be the one that builds it.
 *
 *   detente-build-sample OUTPUT ARTICLE…
 *
 * The articles are imported by their bare names, from their folder, so the
 * project does not record where the build happened, and at a fixed import
 * time (through SOURCE_DATE_EPOCH, which the merge honours; the build's
 * own is overridden, since the sample's time is part of its content): the
 * same articles give the same file on every build. */

/* 2026-11-22T00:00:00Z, when the first sample was made. */
#define SAMPLE_EPOCH "1795305600"

int
main (int    argc,
      char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **view = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  xmlInitParser ();

  if (argc < 3)
    {
      g_printerr ("usage: %s OUTPUT ARTICLE…\n", argv[0]);
      return 2;
    }

  output = g_canonicalize_filename (argv[1], NULL);
  backup = g_strconcat (output, "~", NULL);
  /* `detente import` adds to a project that exists; start afresh. */
  g_unlink (output);
  g_unlink (backup);

  folder = g_path_get_dirname (argv[2]);
  g_ptr_array_add (args, g_strdup ("detente"));
  g_ptr_array_add (args, g_strdup ("import"));
  g_ptr_array_add (args, g_strdup ("--output"));
  g_ptr_array_add (args, g_strdup (output));
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *dir = g_path_get_dirname (argv[i]);

      if (g_strcmp0 (dir, folder) != 0)
        {
          g_printerr ("%s: every article must be in %s\n", argv[0], folder);
          return 2;
        }
      g_ptr_array_add (args, g_path_get_basename (argv[i]));
    }
  g_ptr_array_add (args, NULL);

  if (g_chdir (folder) != 0)
    {
      g_printerr ("%s: %s: %s\n", argv[0], folder, g_strerror (errno));
      return 2;
    }
  g_setenv ("SOURCE_DATE_EPOCH", SAMPLE_EPOCH, TRUE);

  /* The verb's option parser moves the pointers about; it gets a copy of
   * the array, and this one frees the strings. */
  view = g_memdup2 (args->pdata, args->len * sizeof (char *));
  return detente_cli_run (args->len - 1, view);
}
