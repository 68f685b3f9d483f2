/* detente-cli.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "detente-cli.h"
#include "detente-project-io.h"

/* The verbs that work without a display. Each prints its results on
 * stdout, its errors on stderr, and exits 1 on failure. */

static int
info_verb (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  context = g_option_context_new (_("FILE.detente… — print what a project holds"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("detente info: %s\n", error->message);
      return 1;
    }
  if (argc < 2)
    {
      g_printerr ("%s\n", _("Usage: detente info FILE.detente…"));
      return 1;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(DetenteProject) project = detente_project_load (file, NULL, &error);

      if (project == NULL)
        {
          g_printerr ("detente info: %s\n", error->message);
          g_clear_error (&error);
          status = 1;
          continue;
        }

      if (argc > 2)
        g_print ("%s:\n", argv[i]);
      g_print ("sources: %u\n", g_list_model_get_n_items (detente_project_get_sources (project)));
      g_print ("actors: %u\n", g_list_model_get_n_items (detente_project_get_actors (project)));
      g_print ("engagements: %u\n", g_list_model_get_n_items (detente_project_get_engagements (project)));
    }
  return status;
}

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
} verbs[] = {
  { "info", info_verb },
};

/**
 * detente_cli_is_verb:
 * @word: the first command-line argument
 *
 * Returns: %TRUE if @word names a headless verb
 */
gboolean
detente_cli_is_verb (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_strcmp0 (word, verbs[i].name) == 0)
      return TRUE;
  return FALSE;
}

/**
 * detente_cli_run:
 * @argc: the argument count, with argv[1] the verb
 * @argv: the arguments
 *
 * Runs a headless verb.
 *
 * Returns: the exit status
 */
int
detente_cli_run (int    argc,
                 char **argv)
{
  g_return_val_if_fail (argc >= 2, 1);

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (argv[1], verbs[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("detente %s", verbs[i].name);

        g_set_prgname (prgname);
        return verbs[i].run (argc - 1, argv + 1);
      }
  return 1;
}
