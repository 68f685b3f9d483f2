/* detente-cli.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "detente-article.h"
#include "detente-cli.h"
#include "detente-gazetteer.h"
#include "detente-enums.h"
#include "detente-extractor.h"
#include "detente-importer.h"
#include "detente-mentions.h"
#include "detente-types.h"
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
json_date_end (GString           *out,
               const DetenteDate *date)
{
  DetenteDate end = DETENTE_DATE_INIT;

  if (!detente_date_has_end (date))
    {
      g_string_append (out, "null");
      return;
    }
  end.year = date->end_year;
  end.month = date->end_month;
  end.day = date->end_day;
  end.precision = date->end_precision;
  json_date (out, &end);
}

static void
json_article (GString              *out,
              const DetenteArticle *article,
              const DetenteDate    *date,
              DetenteGazetteer     *gazetteer)
{
  const char *file_name = article->file_name;
  g_autoptr(DetenteExtractResult) result = detente_extract (article, date, gazetteer);
  g_autofree gboolean *cited = g_new0 (gboolean, result->actors->len + 1);
  DetenteDate plain;
  gboolean first = TRUE;

  for (guint i = 0; i < result->engagements->len; i++)
    {
      const DetenteFoundEngagement *e = g_ptr_array_index (result->engagements, i);

      for (guint k = 0; k < e->participants->len; k++)
        cited[g_array_index (e->participants, guint, k)] = TRUE;
    }

  g_string_append (out, "{\"source\": ");
  if (g_utf8_validate (file_name, -1, NULL))
    json_string (out, file_name);
  else
    {
      /* JSON is UTF-8; a file name in another encoding is shown as
       * GLib displays it. */
      g_autofree char *display = g_filename_display_name (file_name);

      json_string (out, display);
    }
  g_string_append (out, ", \"title\": ");
  json_string (out, article->title);
  g_string_append (out, ", \"published\": ");
  json_date (out, &result->published);
  g_string_append (out, ",\n   \"actors\": [");
  for (guint i = 0; i < result->actors->len; i++)
    {
      const DetenteFoundActor *a = g_ptr_array_index (result->actors, i);

      if (a->mentions == 0 && !cited[i])
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
  g_string_append (out, "],\n   \"engagements\": [");
  for (guint i = 0; i < result->engagements->len; i++)
    {
      const DetenteFoundEngagement *e = g_ptr_array_index (result->engagements, i);
      char confidence[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, i == 0 ? "\n    {\"kind\": " : ",\n    {\"kind\": ");
      json_string (out, detente_enum_to_nick (DETENTE_TYPE_ENGAGEMENT_KIND, e->kind));
      g_string_append (out, ", \"participants\": [");
      for (guint k = 0; k < e->participants->len; k++)
        {
          const DetenteFoundActor *a = g_ptr_array_index (result->actors,
                                                          g_array_index (e->participants, guint, k));

          if (k > 0)
            g_string_append (out, ", ");
          json_string (out, a->id);
        }
      g_string_append (out, "], \"place\": ");
      json_string (out, e->place);
      g_string_append (out, ", \"place_country\": ");
      json_string (out, e->place_country);
      plain = e->date;
      plain.end_precision = DETENTE_DATE_PRECISION_NONE;
      plain.end_year = 0;
      plain.end_month = plain.end_day = 0;
      g_string_append (out, ", \"date\": ");
      json_date (out, &plain);
      g_string_append (out, ", \"date_end\": ");
      json_date_end (out, &e->date);
      g_string_append (out, ", \"status\": ");
      json_string (out, detente_enum_to_nick (DETENTE_TYPE_ENGAGEMENT_STATUS, e->status));
      g_string_append_printf (out, ", \"confidence\": %s,\n     \"evidence\": [",
                              g_ascii_formatd (confidence, sizeof confidence, "%.2f", e->confidence));
      for (guint k = 0; k < e->evidence->len; k++)
        {
          const DetenteSpan *span = &g_array_index (e->evidence, DetenteSpan, k);
          g_autofree char *sentence = g_strndup (result->text + span->offset, span->length);

          g_string_append (out, k == 0 ? "{\"sentence\": " : ", {\"sentence\": ");
          json_string (out, sentence);
          g_string_append_printf (out, ", \"offset\": %u, \"length\": %u}", span->offset, span->length);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "]}");
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
              json_article (out, article, &published, gazetteer);
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

typedef struct
{
  GMainLoop           *loop;
  GCancellable        *cancellable;
  DetenteMergeSummary  summary;
  GError              *error;
  gboolean             ok;
} ImportRun;

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportRun *run = user_data;

  run->ok = detente_importer_import_finish (DETENTE_IMPORTER (object), result,
                                            &run->summary, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_interrupt_cb (gpointer user_data)
{
  ImportRun *run = user_data;

  /* Ctrl+C: stop reading and leave the project file as it was. A second
   * one stops at once, whatever is still running. */
  if (g_cancellable_is_cancelled (run->cancellable))
    exit (130);
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
print_import_summary (const char                *project_name,
                      const DetenteMergeSummary *s,
                      guint                      n_failed)
{
  g_autofree char *added = g_strdup_printf (ngettext ("%u article added", "%u articles added", s->sources),
                                            s->sources);
  g_autofree char *known = g_strdup_printf (ngettext ("%u already known", "%u already known", s->known_sources),
                                            s->known_sources);
  g_autofree char *actors = g_strdup_printf (ngettext ("%u actor added", "%u actors added", s->actors),
                                             s->actors);
  g_autofree char *engagements = g_strdup_printf (ngettext ("%u engagement added", "%u engagements added",
                                                            s->engagements),
                                                  s->engagements);
  g_autofree char *updated = g_strdup_printf (ngettext ("%u engagement updated", "%u engagements updated",
                                                        s->updated),
                                              s->updated);

  /* Translators: a summary of `detente import`: the project file, then
   * "3 articles added", "1 already known", "12 actors added",
   * "9 engagements added" and "2 engagements updated". */
  g_print (_("%s: %s (%s); %s; %s, %s."), project_name, added, known, actors, engagements, updated);
  if (n_failed > 0)
    {
      g_print (" ");
      g_print (ngettext ("%u file could not be imported.", "%u files could not be imported.", n_failed),
               n_failed);
    }
  g_print ("\n");
}

static int
import_verb (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *published_text = NULL;
  g_autofree char *project_name = NULL;
  g_autoptr(GFile) project_file = NULL;
  g_autoptr(DetenteProject) project = NULL;
  g_autoptr(DetenteImporter) importer = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  ImportRun run = { 0 };
  DetenteDate published = { 0 };
  GPtrArray *failures;
  gboolean existed = TRUE;
  guint interrupt;
  int threads = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The project to import into; it is made if it does not exist"), N_("PROJECT.detente") },
    { "published", 0, 0, G_OPTION_ARG_STRING, &published_text,
      N_("The articles’ publication date, instead of the one they give"), N_("YYYY-MM-DD") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads,
      N_("How many files to read at once (default: one per processor)"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("FILE|FOLDER… — add articles to a project"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("detente import: %s\n", error->message);
      return 1;
    }
  if (argc < 2 || output == NULL || threads < 0)
    {
      g_printerr ("%s\n", _("Usage: detente import -o PROJECT.detente [--published YYYY-MM-DD] [--threads N] FILE|FOLDER…"));
      return 1;
    }
  if (published_text != NULL && !detente_date_parse (published_text, &published, &error))
    {
      g_printerr ("detente import: %s\n", error->message);
      return 1;
    }

  project_file = g_file_new_for_commandline_arg (output);
  project_name = g_file_get_parse_name (project_file);
  project = detente_project_load (project_file, NULL, &error);
  if (project == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      project = detente_project_new ();
      existed = FALSE;
    }
  if (project == NULL)
    {
      /* Never replace a file that is not a project we can read. */
      g_printerr ("detente import: %s\n", error->message);
      return 1;
    }

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  importer = detente_importer_new (project, NULL);
  detente_importer_set_published (importer, &published);
  detente_importer_set_n_threads (importer, (guint) threads);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  run.loop = loop;
  run.cancellable = cancellable;
  interrupt = g_unix_signal_add (SIGINT, on_interrupt_cb, &run);
  detente_importer_import_async (importer, (GFile **) files->pdata, files->len, cancellable,
                                 on_imported_cb, &run);
  g_main_loop_run (loop);
  g_source_remove (interrupt);

  failures = detente_importer_get_failures (importer);
  for (guint i = 0; i < failures->len; i++)
    {
      const DetenteImportFailure *failure = g_ptr_array_index (failures, i);

      g_printerr ("%s: %s\n", failure->file, failure->message);
    }
  if (!run.ok)
    {
      g_printerr ("detente import: %s\n", run.error->message);
      g_clear_error (&run.error);
      return 1;
    }

  /* What could be read is kept even when some files could not. */
  if ((!existed || detente_project_get_dirty (project)) &&
      !detente_project_save (project, project_file, NULL, &error))
    {
      g_printerr ("detente import: %s\n", error->message);
      return 1;
    }
  print_import_summary (project_name, &run.summary, failures->len);
  return failures->len > 0 ? 1 : 0;
}

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
} verbs[] = {
  { "extract", extract_verb },
  { "import", import_verb },
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
