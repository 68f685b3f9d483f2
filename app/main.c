/* main.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "detente-application.h"
#include "detente-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DetenteApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before any worker thread can parse. */
  xmlInitParser ();

  if (argc >= 2 && detente_cli_is_verb (argv[1]))
    status = detente_cli_run (argc, argv);
  else
    {
      app = detente_application_new ();
      status = g_application_run (G_APPLICATION (app), argc, argv);
    }

  /* No xmlCleanupParser (): a project may still be loading on a worker
   * thread when the last window closes. */
  return status;
}
