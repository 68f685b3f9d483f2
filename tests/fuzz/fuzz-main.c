/* fuzz-main.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without libFuzzer, a fuzz target still builds: this driver feeds it every
 * file named on the command line (or found in the folders named), so the
 * seed corpus runs as a regression test in every build.
 */

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static int
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *name;
      int count = 0;

      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return -1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          int n = run_path (child);

          if (n < 0)
            return -1;
          count += n;
        }
      return count;
    }

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return -1;
    }
  LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  int total = 0;

  for (int i = 1; i < argc; i++)
    {
      int n = run_path (argv[i]);

      if (n < 0)
        return 1;
      total += n;
    }
  g_print ("ran %d inputs\n", total);
  return 0;
}
