/* detente-cli.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "detente-article.h"
#include "detente-cli.h"
#include "detente-gazetteer.h"
#include "detente-mentions.h"
#include "detente-project-io.h"
#include "detente-text.h"

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

/* JSON strings: the article's text is valid UTF-8 by the time it gets
 * here, but control characters must still be escaped. */
static void
json_string (GString    *out,
             const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
json_date (GString           *out,
           const DetenteDate *date)
{
  g_autofree char *iso = NULL;

  if (!detente_date_is_set (date))
    {
      g_string_append (out, "null");
      return;
    }
  iso = detente_date_to_iso (date);
  json_string (out, iso);
}

static const char *
actor_kind_nick (DetenteActorKind kind)
{
  switch (kind)
    {
    case DETENTE_ACTOR_KIND_COUNTRY:
      return "country";
    case DETENTE_ACTOR_KIND_ORGANISATION:
      return "organisation";
    case DETENTE_ACTOR_KIND_PERSON:
    default:
      return "person";
    }
}

static void
json_article (GString              *out,
              const DetenteArticle *article,
              const DetenteDate    *date,
              DetenteGazetteer     *gazetteer)
{
  g_autoptr(DetenteText) text = detente_text_new (article->text);
  g_autoptr(DetenteMentions) mentions = detente_mentions_find (text, gazetteer, date);
  gboolean first = TRUE;

  g_string_append (out, "{\"source\": ");
  if (g_utf8_validate (article->file_name, -1, NULL))
    json_string (out, article->file_name);
  else
    {
      /* JSON is UTF-8; a file name in another encoding is shown as
       * GLib displays it. */
      g_autofree char *display = g_filename_display_name (article->file_name);

      json_string (out, display);
    }
  g_string_append (out, ", \"title\": ");
  json_string (out, article->title);
  g_string_append (out, ", \"published\": ");
  json_date (out, date);
  g_string_append (out, ",\n   \"actors\": [");
  for (guint i = 0; i < mentions->actors->len; i++)
    {
      const DetenteFoundActor *a = g_ptr_array_index (mentions->actors, i);

      if (a->mentions == 0)
        continue;
      g_string_append (out, first ? "\n    {\"id\": " : ",\n    {\"id\": ");
      first = FALSE;
      json_string (out, a->id);
      g_string_append (out, ", \"name\": ");
      json_string (out, a->name);
      g_string_append_printf (out, ", \"kind\": \"%s\", \"country\": ", actor_kind_nick (a->kind));
      json_string (out, a->country);
      g_string_append (out, ", \"role\": ");
      json_string (out, a->role);
      g_string_append_printf (out, ", \"mentions\": %u}", a->mentions);
    }
  g_string_append (out, "],\n   \"engagements\": []}");
}

static int
extract_verb (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *published_text = NULL;
  g_auto(GStrv) gazetteers = NULL;
  g_autoptr(DetenteGazetteer) own = NULL;
  DetenteGazetteer *gazetteer;
  DetenteDate published = { 0 };
  gboolean json = FALSE, text = FALSE;
  gboolean first = TRUE;
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what was found as detente-extract/1 JSON"), NULL },
    { "text", 0, 0, G_OPTION_ARG_NONE, &text, N_("Print the main text of each article"), NULL },
    { "published", 0, 0, G_OPTION_ARG_STRING, &published_text,
      N_("The articles’ publication date, instead of the one they give"), N_("YYYY-MM-DD") },
    { "gazetteer", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gazetteers,
      N_("More people, places and titles to know, in a gazetteer file (see resources/gazetteer)"), N_("FILE.xml") },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — find the actors in articles"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("detente extract: %s\n", error->message);
      return 1;
    }
  if (argc < 2 || json == text)
    {
      g_printerr ("%s\n", _("Usage: detente extract --json|--text [--published YYYY-MM-DD] [--gazetteer FILE.xml] FILE…"));
      return 1;
    }
  if (published_text != NULL && !detente_date_parse (published_text, &published, &error))
    {
      g_printerr ("detente extract: %s\n", error->message);
      return 1;
    }

  if (gazetteers == NULL)
    gazetteer = detente_gazetteer_get_default ();
  else
    {
      /* The user's own entries come on top of the built-in ones. */
      own = detente_gazetteer_new ();
      if (!detente_gazetteer_add_builtin (own, &error))
        g_error ("%s", error->message);
      for (guint i = 0; gazetteers[i] != NULL; i++)
        {
          g_autofree char *data = NULL;
          gsize length;

          if (!g_file_get_contents (gazetteers[i], &data, &length, &error) ||
              !detente_gazetteer_add_xml (own, data, length, gazetteers[i], &error))
            {
              g_printerr ("detente extract: %s\n", error->message);
              return 1;
            }
        }
      gazetteer = own;
    }

  if (json)
    g_string_append (out, "{\"format\": \"detente-extract/1\",\n \"articles\": [");
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) articles = detente_article_read_file (argv[i], NULL, &error);

      if (articles == NULL)
        {
          g_printerr ("detente extract: %s\n", error->message);
          g_clear_error (&error);
          status = 1;
          continue;
        }
      for (guint k = 0; k < articles->len; k++)
        {
          const DetenteArticle *article = g_ptr_array_index (articles, k);

          if (text)
            {
              if (!first)
                g_string_append (out, "\n\n");
              g_string_append (out, article->text);
            }
          else
            {
              g_string_append (out, first ? "\n  " : ",\n  ");
              json_article (out, article,
                            detente_date_is_set (&published) ? &published : &article->published,
                            gazetteer);
            }
          first = FALSE;
        }
    }
  if (json)
    g_string_append (out, "]}");
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);
  return status;
}

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
} verbs[] = {
  { "extract", extract_verb },
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
