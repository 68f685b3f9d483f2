/* detente-project-io.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "detente-engagement-private.h"
#include "detente-enums.h"
#include "detente-evidence-private.h"
#include "detente-project-io.h"
#include "detente-project-private.h"

G_DEFINE_QUARK (detente-project-io-error-quark, detente_project_io_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextWriter, xmlFreeTextWriter)

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  int  fd;
  int  saved_errno;
} WriteTarget;

static int
write_cb (void       *context,
          const char *buffer,
          int         len)
{
  WriteTarget *target = context;
  int done = 0;

  while (done < len)
    {
      ssize_t n = write (target->fd, buffer + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          target->saved_errno = errno;
          return -1;
        }
      done += n;
    }
  return len;
}

static int
close_cb (void *context)
{
  return 0;
}

/* Characters XML 1.0 cannot carry would make a file that never loads
 * again; each becomes a character of the same byte length, so evidence
 * offsets stay right. Returns NULL when @s can be written as it is, which
 * is nearly always. */
static char *
xml_safe (const char *s)
{
  char *copy = NULL;
  const guchar *q;

  for (q = (const guchar *) s; *q >= 0x20 && *q < 0x80; q++)
    ;
  if (*q == '\0')
    return NULL;

  if (!g_utf8_validate (s, -1, NULL))
    s = copy = g_utf8_make_valid (s, -1);

  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      gboolean control = *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r';
      gboolean nonchar = p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);

      if (!control && !nonchar)
        continue;
      if (copy == NULL)
        {
          gsize at = (const char *) p - s;
          copy = g_strdup (s);
          p = (const guchar *) copy + at;
        }
      if (control)
        *(guchar *) p = ' ';
      else
        ((guchar *) p)[2] = 0xBD;  /* U+FFFD */
    }

  return copy;
}

static int
write_attr (xmlTextWriterPtr  w,
            const char       *name,
            const char       *value)
{
  g_autofree char *safe = NULL;

  if (value == NULL || *value == '\0')
    return 0;
  safe = xml_safe (value);
  return xmlTextWriterWriteAttribute (w, BAD_CAST name, BAD_CAST (safe ? safe : value));
}

/* For attributes the reader requires even when empty. */
static int
write_required_attr (xmlTextWriterPtr  w,
                     const char       *name,
                     const char       *value)
{
  if (value == NULL || *value == '\0')
    return xmlTextWriterWriteAttribute (w, BAD_CAST name, BAD_CAST "");
  return write_attr (w, name, value);
}

static int
write_date_attr (xmlTextWriterPtr   w,
                 const char        *name,
                 const DetenteDate *date)
{
  g_autofree char *iso = detente_date_to_iso (date);

  return write_attr (w, name, iso);
}

static int
write_double_attr (xmlTextWriterPtr  w,
                   const char       *name,
                   double            value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return write_attr (w, name, g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

static int
write_text_element (xmlTextWriterPtr  w,
                    const char       *name,
                    const char       *text)
{
  g_autofree char *safe = NULL;

  if (text == NULL)
    return 0;
  safe = xml_safe (text);
  return xmlTextWriterWriteElement (w, BAD_CAST name, BAD_CAST (safe ? safe : text));
}

#define TRY(expr) G_STMT_START { if ((expr) < 0) return FALSE; } G_STMT_END

static gboolean
write_source (xmlTextWriterPtr  w,
              DetenteSource    *source)
{
  GDateTime *imported = detente_source_get_imported (source);

  TRY (xmlTextWriterStartElement (w, BAD_CAST "source"));
  TRY (write_attr (w, "id", detente_source_get_id (source)));
  TRY (write_attr (w, "file", detente_source_get_file_name (source)));
  TRY (write_attr (w, "title", detente_source_get_title (source)));
  TRY (write_attr (w, "author", detente_source_get_author (source)));
  TRY (write_attr (w, "url", detente_source_get_url (source)));
  TRY (write_date_attr (w, "published", detente_source_get_published (source)));
  if (imported != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (imported);
      g_autofree char *iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      TRY (write_attr (w, "imported", iso));
    }
  TRY (write_text_element (w, "text", detente_source_get_text (source)));
  TRY (xmlTextWriterEndElement (w));
  return TRUE;
}

static gboolean
write_actor (xmlTextWriterPtr  w,
             DetenteActor     *actor)
{
  GPtrArray *roles = detente_actor_get_roles (actor);

  TRY (xmlTextWriterStartElement (w, BAD_CAST "actor"));
  TRY (write_attr (w, "id", detente_actor_get_id (actor)));
  TRY (write_required_attr (w, "name", detente_actor_get_name (actor)));
  TRY (write_attr (w, "kind", detente_enum_to_nick (DETENTE_TYPE_ACTOR_KIND,
                                                    detente_actor_get_kind (actor))));
  TRY (write_attr (w, "country", detente_actor_get_country (actor)));

  for (const char * const *a = detente_actor_get_aliases (actor); a && *a; a++)
    TRY (write_text_element (w, "alias", *a));

  for (guint i = 0; i < roles->len; i++)
    {
      DetenteRole *role = g_ptr_array_index (roles, i);

      TRY (xmlTextWriterStartElement (w, BAD_CAST "role"));
      TRY (write_required_attr (w, "title", role->title));
      TRY (write_attr (w, "organisation", role->organisation));
      TRY (write_date_attr (w, "from", &role->from));
      TRY (write_date_attr (w, "to", &role->to));
      TRY (xmlTextWriterEndElement (w));
    }

  TRY (write_text_element (w, "notes", detente_actor_get_notes (actor)));

  if (detente_actor_get_pinned (actor))
    {
      TRY (xmlTextWriterStartElement (w, BAD_CAST "position"));
      TRY (write_double_attr (w, "x", detente_actor_get_x (actor)));
      TRY (write_double_attr (w, "y", detente_actor_get_y (actor)));
      TRY (xmlTextWriterEndElement (w));
    }

  TRY (xmlTextWriterEndElement (w));
  return TRUE;
}

static gboolean
write_engagement (xmlTextWriterPtr   w,
                  DetenteEngagement *e)
{
  GPtrArray *evidence = detente_engagement_get_evidence (e);

  TRY (xmlTextWriterStartElement (w, BAD_CAST "engagement"));
  TRY (write_attr (w, "id", detente_engagement_get_id (e)));
  TRY (write_attr (w, "kind", detente_enum_to_nick (DETENTE_TYPE_ENGAGEMENT_KIND,
                                                    detente_engagement_get_kind (e))));
  /* Defaults (held, extracted, confidence 1) are left out: most
   * engagements have them, and every attribute costs the reader. */
  if (detente_engagement_get_status (e) != DETENTE_ENGAGEMENT_STATUS_HELD)
    TRY (write_attr (w, "status", detente_enum_to_nick (DETENTE_TYPE_ENGAGEMENT_STATUS,
                                                        detente_engagement_get_status (e))));
  TRY (write_date_attr (w, "date", detente_engagement_get_date (e)));
  TRY (write_attr (w, "place", detente_engagement_get_place (e)));
  TRY (write_attr (w, "place-country", detente_engagement_get_place_country (e)));
  if (detente_engagement_get_confidence (e) < 1.0)
    {
      /* Confidence is kept to four decimals, so this is exact. */
      int v = (int) (detente_engagement_get_confidence (e) * 10000 + 0.5);
      char buf[8] = { '0', '.', '0' + v / 1000, '0' + v / 100 % 10, '0' + v / 10 % 10, '0' + v % 10, 0 };

      for (int i = 5; i > 2 && buf[i] == '0'; i--)
        buf[i] = '\0';
      TRY (write_attr (w, "confidence", buf));
    }
  if (detente_engagement_get_origin (e) != DETENTE_ORIGIN_EXTRACTED)
    TRY (write_attr (w, "origin", detente_enum_to_nick (DETENTE_TYPE_ORIGIN,
                                                        detente_engagement_get_origin (e))));
  if (detente_engagement_get_hidden (e))
    TRY (write_attr (w, "hidden", "true"));

  if (detente_engagement_get_participants (e) != NULL)
    {
      g_autofree char *ids = g_strjoinv (" ", (char **) detente_engagement_get_participants (e));

      TRY (write_attr (w, "participants", ids));
    }

  for (guint i = 0; i < evidence->len; i++)
    {
      DetenteEvidence *ev = g_ptr_array_index (evidence, i);
      char num[32];

      /* The sentence itself is not written: the source's text in the same
       * file holds it, and the reader takes it from there. */
      TRY (xmlTextWriterStartElement (w, BAD_CAST "evidence"));
      TRY (write_attr (w, "source", detente_evidence_get_source_id (ev)));
      g_snprintf (num, sizeof num, "%u", detente_evidence_get_offset (ev));
      TRY (write_attr (w, "offset", num));
      g_snprintf (num, sizeof num, "%u", detente_evidence_get_length (ev));
      TRY (write_attr (w, "length", num));
      TRY (xmlTextWriterEndElement (w));
    }

  TRY (xmlTextWriterEndElement (w));
  return TRUE;
}

typedef gboolean (*WriteItemFunc) (xmlTextWriterPtr, gpointer);

static gboolean
write_list (xmlTextWriterPtr   w,
            const char        *name,
            GListModel        *model,
            WriteItemFunc      write_item,
            GCancellable      *cancellable)
{
  guint n = g_list_model_get_n_items (model);

  TRY (xmlTextWriterStartElement (w, BAD_CAST name));
  TRY (xmlTextWriterWriteRaw (w, BAD_CAST "\n"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (i % 1024 == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (!write_item (w, item) || xmlTextWriterWriteRaw (w, BAD_CAST "\n") < 0)
        return FALSE;
    }
  TRY (xmlTextWriterEndElement (w));
  return TRUE;
}

#undef TRY

static gboolean
write_project (DetenteProject  *project,
               int              fd,
               GCancellable    *cancellable,
               GError         **error)
{
  WriteTarget target = { fd, 0 };
  xmlOutputBufferPtr out;
  g_autoptr(xmlTextWriter) w = NULL;
  char version[16];
  gboolean ok;

  out = xmlOutputBufferCreateIO (write_cb, close_cb, &target, NULL);
  w = xmlNewTextWriter (out);
  xmlTextWriterSetIndent (w, 0);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");

  g_snprintf (version, sizeof version, "%d", DETENTE_PROJECT_FORMAT_VERSION);
  ok = xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL) >= 0 &&
       xmlTextWriterStartElement (w, BAD_CAST "detente-project") >= 0 &&
       write_attr (w, "version", version) >= 0 &&
       write_list (w, "sources", detente_project_get_sources (project),
                   (WriteItemFunc) write_source, cancellable) &&
       write_list (w, "actors", detente_project_get_actors (project),
                   (WriteItemFunc) write_actor, cancellable) &&
       write_list (w, "engagements", detente_project_get_engagements (project),
                   (WriteItemFunc) write_engagement, cancellable) &&
       xmlTextWriterEndDocument (w) >= 0 &&
       xmlTextWriterFlush (w) >= 0;

  if (ok)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (target.saved_errno),
                       target.saved_errno ? g_strerror (target.saved_errno)
                                          : _("The project could not be written"));
  return FALSE;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

/* Keeps the previous version as NAME~. A hard link keeps the old file in
 * place until the rename, so there is never a moment without it. */
static gboolean
keep_backup (const char  *path,
             GError     **error)
{
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  if (g_unlink (backup) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, backup);
  if (link (path, backup) == 0)
    return TRUE;

  from = g_file_new_for_path (path);
  to = g_file_new_for_path (backup);
  return g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                      NULL, NULL, NULL, error);
}

static void
sync_directory (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* Best effort: the rename is already atomic; this makes it durable. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* g_set_str() came in GLib 2.76. */
static void
set_str (char       **ptr,
                  const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*ptr);
  *ptr = copy;
}

/* Refuse now what could not be read back: texts and notes over libxml2's
 * limit. */
static gboolean
check_sizes (DetenteProject  *project,
             GError         **error)
{
  GListModel *sources = detente_project_get_sources (project);
  GListModel *actors = detente_project_get_actors (project);
  guint n = g_list_model_get_n_items (sources);

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(DetenteActor) actor = g_list_model_get_item (actors, i);
      const char *notes = detente_actor_get_notes (actor);

      if (notes != NULL && strlen (notes) > DETENTE_PROJECT_MAX_STRING)
        {
          g_set_error (error, DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
                       _("The notes on “%s” are longer than a project can hold (10 MB)"),
                       detente_actor_get_name (actor));
          return FALSE;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DetenteSource) source = g_list_model_get_item (sources, i);

      if (detente_source_get_text_length (source) > DETENTE_PROJECT_MAX_STRING)
        {
          g_set_error (error, DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
                       _("The article “%s” has more text than a project can hold (10 MB)"),
                       detente_source_get_title (source) ? detente_source_get_title (source)
                                                         : detente_source_get_file_name (source));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * detente_project_save:
 * @project: a project
 * @file: where to save, a local file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves atomically: the project is written to a temporary file beside
 * @file, flushed to disk and renamed over @file, so a crash leaves either
 * the old file or the new one, never half of one. The old file is kept as
 * "@file~". On success the project's file is @file and it is no longer
 * dirty.
 *
 * Returns: %TRUE on success
 */
gboolean
detente_project_save (DetenteProject  *project,
                      GFile           *file,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  struct stat old, written;
  gboolean exists;
  int fd;

  g_return_val_if_fail (DETENTE_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_sizes (project, error))
    return FALSE;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Projects can only be saved to local folders"));
      return FALSE;
    }

  /* Through a symbolic link, save the file it points to, and keep the
   * link: the temporary file and the backup go beside the real file. */
  {
    g_autofree char *real = realpath (path, NULL);

    if (real != NULL)
      set_str (&path, real);
  }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  exists = g_stat (path, &old) == 0;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, path);

  /* mkstemp makes the file private; give it the old file's mode or the
   * usual one for a new file. */
  if (exists)
    fchmod (fd, old.st_mode & 07777);
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      fchmod (fd, 0666 & ~mask);
    }

  if (!write_project (project, fd, cancellable, error))
    goto fail;
  if (fsync (fd) != 0 || fstat (fd, &written) != 0)
    {
      set_errno_error (error, errno, path);
      goto fail;
    }
  if ((guint64) written.st_size > DETENTE_PROJECT_MAX_FILE_SIZE)
    {
      g_set_error (error, DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
                   _("The project is larger than %s, the most a project file may be"), "1 GiB");
      goto fail;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, path);
      goto fail;
    }
  fd = -1;

  if (exists && !keep_backup (path, error))
    goto fail;
  if (g_rename (tmp, path) != 0)
    {
      set_errno_error (error, errno, path);
      goto fail;
    }
  sync_directory (dir);

  detente_project_set_file (project, file);
  detente_project_mark_saved (project);
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

typedef enum
{
  LEAF_NONE,
  LEAF_TEXT,
  LEAF_ALIAS,
  LEAF_NOTES,
  LEAF_EVIDENCE,
} Leaf;

#define MAX_ATTRIBUTES 16
#define MAX_TAG_LENGTH (64 * 1024)

/* A look at the raw bytes before libxml2 parses them. libxml2's push
 * parser, which the streaming reader uses, parses a start tag again from
 * its beginning each time more input arrives; a crafted tag of megabytes
 * (or a DOCTYPE's internal subset) then costs minutes. Real tags are short
 * and projects have no DOCTYPE, so both are refused here, at once. */
typedef enum
{
  SCAN_TEXT,
  SCAN_LT,
  SCAN_TAG,
  SCAN_BANG,
  SCAN_COMMENT,
  SCAN_PI,
  SCAN_CDATA,
} ScanState;

typedef struct
{
  ScanState state;
  char      quote;
  char      bang[8];
  guint     bang_length;
  guint     matched;
  gsize     tag_length;
  int       line;
} Scanner;

static int
count_lines (const char *p,
             const char *end)
{
  int n = 0;

  while ((p = memchr (p, '\n', end - p)) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

/* Returns FALSE and sets @error if the bytes must not reach the parser.
 * The common states (text, quoted values, the rest of a tag) move in
 * strides; the rare ones (comments, CDATA, "<!" and "<?") byte by byte. */
static gboolean
scan (Scanner     *s,
      const char  *buffer,
      gsize        n,
      GError     **error)
{
  static gboolean tag_stop[256] = { ['"'] = TRUE, ['\''] = TRUE, ['>'] = TRUE };
  const char *p = buffer;
  const char *end = buffer + n;

  while (p < end)
    {
      const char *q;
      char c;

      switch (s->state)
        {
        case SCAN_TEXT:
          q = memchr (p, '<', end - p);
          if (q == NULL)
            p = end;
          else
            {
              p = q + 1;
              s->state = SCAN_LT;
            }
          continue;

        case SCAN_TAG:
          if (s->quote != 0)
            {
              q = memchr (p, s->quote, end - p);
              if (q == NULL)
                q = end;
              else
                s->quote = 0, q++;
            }
          else
            {
              for (q = p; q < end && !tag_stop[(guchar) *q]; q++)
                ;
              if (q < end)
                {
                  if (*q == '>')
                    s->state = SCAN_TEXT;
                  else
                    s->quote = *q;
                  q++;
                }
            }
          s->tag_length += q - p;
          p = q;
          if (s->tag_length > MAX_TAG_LENGTH)
            {
              g_set_error (error, DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
                           _("Line %d: A tag is longer than %d bytes"),
                           s->line + count_lines (buffer, p), MAX_TAG_LENGTH);
              return FALSE;
            }
          continue;

        default:
          break;
        }

      c = *p++;
      switch (s->state)
        {
        case SCAN_LT:
          s->tag_length = 1;
          s->quote = 0;
          s->bang_length = 0;
          s->matched = 0;
          s->state = c == '!' ? SCAN_BANG : c == '?' ? SCAN_PI : c == '>' ? SCAN_TEXT : SCAN_TAG;
          break;

        case SCAN_BANG:
          s->bang[s->bang_length++] = c;
          if (s->bang_length == 2 && memcmp (s->bang, "--", 2) == 0)
            s->state = SCAN_COMMENT;
          else if (s->bang_length == 7 && memcmp (s->bang, "[CDATA[", 7) == 0)
            s->state = SCAN_CDATA;
          else if (s->bang_length == 7 && memcmp (s->bang, "DOCTYPE", 7) == 0)
            {
              g_set_error (error, DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_FORBIDDEN,
                           _("Line %d: Document type declarations and entities are not allowed "
                             "in a project"), s->line + count_lines (buffer, p));
              return FALSE;
            }
          else if (s->bang_length == 7)
            s->state = SCAN_TAG;  /* not well-formed; libxml2 will say so */
          break;

        case SCAN_COMMENT:
        case SCAN_CDATA:
          /* Ends at "-->" or "]]>". */
          if (c == (s->state == SCAN_COMMENT ? '-' : ']'))
            s->matched = MIN (s->matched + 1, 2);
          else if (c == '>' && s->matched == 2)
            s->state = SCAN_TEXT;
          else
            s->matched = 0;
          break;

        case SCAN_PI:
          if (c == '>' && s->matched == 1)
            s->state = SCAN_TEXT;
          s->matched = c == '?';
          break;

        case SCAN_TEXT:
        case SCAN_TAG:
        default:
          g_assert_not_reached ();
        }
    }

  s->line += count_lines (buffer, end);
  return TRUE;
}

/* The attributes of the element being read, taken in one pass: asking the
 * reader for each by name would scan and copy them again and again. */
typedef struct
{
  const char *names[MAX_ATTRIBUTES];
  const char *values[MAX_ATTRIBUTES];
  GPtrArray  *owned;
  guint       n;
  gboolean    overflow;
} Attributes;

typedef struct
{
  xmlTextReaderPtr   reader;
  Attributes         attributes;
  GInputStream      *stream;
  GCancellable      *cancellable;
  GError            *error;
  GError            *io_error;
  char              *xml_error;
  int                xml_error_line;
  guint64            bytes_read;

  GPtrArray         *sources;
  GPtrArray         *actors;
  GPtrArray         *engagements;
  GHashTable        *source_ids;
  GHashTable        *actor_ids;
  GHashTable        *engagement_ids;

  /* The element being read. A source is made at its end tag, when its
   * text is known; actors and engagements at their start tag. */
  char              *section;
  GHashTable        *pending_source;
  DetenteActor      *actor;
  GPtrArray         *aliases;
  GPtrArray         *roles;
  DetenteEngagement *engagement;
  GPtrArray         *participants;
  GPtrArray         *evidence;
  GString           *leaf_text;
  Leaf               leaf;
  DetenteSource     *evidence_source;
  guint              evidence_offset;
  guint              evidence_length;
  gboolean           seen_root;
  gboolean           seen_first_byte;
  gboolean           looks_like_xml;
  Scanner            scanner;
} Loader;

static void
attributes_clear (Attributes *a)
{
  if (a->owned != NULL)
    g_ptr_array_set_size (a->owned, 0);
  a->n = 0;
}

/* The values are borrowed from the reader's current node, which lives
 * until the next read; copying each would cost as much as parsing it. */
static void
attributes_read (xmlTextReaderPtr  reader,
                 Attributes       *a)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (reader);

  attributes_clear (a);
  a->overflow = FALSE;
  for (xmlAttrPtr attr = node ? node->properties : NULL; attr; attr = attr->next)
    {
      /* Ours have no namespace; "f:id" is not "id". */
      if (attr->ns != NULL)
        continue;
      if (a->n == MAX_ATTRIBUTES)
        {
          a->overflow = TRUE;
          break;
        }
      a->names[a->n] = (const char *) attr->name;
      if (attr->children == NULL)
        a->values[a->n] = "";
      else if (attr->children->type == XML_TEXT_NODE && attr->children->next == NULL)
        a->values[a->n] = (const char *) attr->children->content;
      else
        {
          char *value = (char *) xmlNodeListGetString (node->doc, attr->children, 1);
          char *copy = g_strdup (value ? value : "");

          xmlFree (value);
          if (a->owned == NULL)
            a->owned = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (a->owned, copy);
          a->values[a->n] = copy;
        }
      a->n++;
    }
}

static void
loader_clear (Loader *l)
{
  attributes_clear (&l->attributes);
  g_clear_pointer (&l->attributes.owned, g_ptr_array_unref);
  g_clear_error (&l->error);
  g_clear_error (&l->io_error);
  g_clear_pointer (&l->xml_error, g_free);
  g_clear_pointer (&l->sources, g_ptr_array_unref);
  g_clear_pointer (&l->actors, g_ptr_array_unref);
  g_clear_pointer (&l->engagements, g_ptr_array_unref);
  g_clear_pointer (&l->source_ids, g_hash_table_unref);
  g_clear_pointer (&l->actor_ids, g_hash_table_unref);
  g_clear_pointer (&l->engagement_ids, g_hash_table_unref);
  g_clear_pointer (&l->section, g_free);
  g_clear_pointer (&l->pending_source, g_hash_table_unref);
  g_clear_object (&l->actor);
  g_clear_pointer (&l->aliases, g_ptr_array_unref);
  g_clear_pointer (&l->roles, g_ptr_array_unref);
  g_clear_object (&l->engagement);
  g_clear_pointer (&l->participants, g_ptr_array_unref);
  g_clear_pointer (&l->evidence, g_ptr_array_unref);
  if (l->leaf_text != NULL)
    g_string_free (g_steal_pointer (&l->leaf_text), TRUE);
}

/* The parser reads ahead in chunks; the node knows its own line. */
static int
line_of (Loader *l)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (l->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  return line > 0 ? (int) line : xmlTextReaderGetParserLineNumber (l->reader);
}

static gboolean
fail (Loader     *l,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Loader     *l,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (l->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %d is a line number of a project file */
  l->error = g_error_new (DETENTE_PROJECT_IO_ERROR, code, _("Line %d: %s"), line_of (l), message);
  return FALSE;
}

static int
read_cb (void *context,
         char *buffer,
         int   len)
{
  Loader *l = context;
  gssize n;

  if (l->io_error != NULL)
    return -1;

  n = g_input_stream_read (l->stream, buffer, len, l->cancellable, &l->io_error);
  if (n < 0)
    return -1;

  /* Tells a broken project from a file that never was one. */
  for (gssize i = 0; i < n && !l->seen_first_byte; i++)
    {
      guchar c = buffer[i];

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF)
        continue;
      l->seen_first_byte = TRUE;
      l->looks_like_xml = c == '<';
    }

  if (!scan (&l->scanner, buffer, n, &l->io_error))
    return -1;

  l->bytes_read += n;
  if (l->bytes_read > DETENTE_PROJECT_MAX_FILE_SIZE)
    {
      l->io_error = g_error_new (DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
                                 _("The file is larger than %s, the most a project may be"),
                                 "1 GiB");
      return -1;
    }
  return n;
}

static int
input_close_cb (void *context)
{
  return 0;
}

static void
on_xml_error (void        *data,
              xmlErrorPtr  error)
{
  Loader *l = data;

  if (l->xml_error != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;

  l->xml_error = g_strchomp (g_strdup (error->message ? error->message : ""));
  l->xml_error_line = error->line;
}

static const char *
attr (Loader     *l,
      const char *name)
{
  for (guint i = 0; i < l->attributes.n; i++)
    if (strcmp (l->attributes.names[i], name) == 0)
      return l->attributes.values[i];
  return NULL;
}

static const char *
required_attr (Loader     *l,
               const char *element,
               const char *name)
{
  const char *value = attr (l, name);

  if (value == NULL || *value == '\0')
    {
      fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
            _("<%s> needs a “%s” attribute"), element, name);
      return NULL;
    }
  return value;
}

static gboolean
enum_attr (Loader     *l,
           const char *element,
           const char *name,
           GType       type,
           gboolean    required,
           int        *value)
{
  const char *text = attr (l, name);

  if (text == NULL && !required)
    return TRUE;
  if (text == NULL)
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("<%s> needs a “%s” attribute"), element, name);
  if (!detente_enum_from_nick (type, text, value))
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
                 _("“%s” is not a valid %s of <%s>"), text, name, element);
  return TRUE;
}

static gboolean
date_attr (Loader      *l,
           const char  *element,
           const char  *name,
           DetenteDate *date)
{
  const char *text = attr (l, name);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;
  if (!detente_date_parse (text, date, &error))
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, "<%s %s>: %s", element, name, error->message);
  return TRUE;
}

static gboolean
double_attr (Loader     *l,
             const char *element,
             const char *name,
             double      min,
             double      max,
             double     *value)
{
  const char *text = attr (l, name);
  char *end = NULL;
  double v;

  if (text == NULL)
    return TRUE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || v < min || v > max)
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
                 _("“%s” is not a valid %s of <%s>"), text, name, element);
  *value = v;
  return TRUE;
}

static gboolean
uint_attr (Loader     *l,
           const char *element,
           const char *name,
           guint      *value)
{
  const char *text = attr (l, name);
  guint64 v;

  if (text == NULL)
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("<%s> needs a “%s” attribute"), element, name);
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &v, NULL))
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
                 _("“%s” is not a valid %s of <%s>"), text, name, element);
  *value = v;
  return TRUE;
}

static gboolean
check_new_id (Loader     *l,
              GHashTable *ids,
              const char *element,
              const char *id)
{
  if (g_hash_table_contains (ids, id))
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("Two <%s> elements have the id “%s”"), element, id);
  return TRUE;
}

static void
begin_leaf (Loader *l,
            Leaf    leaf)
{
  l->leaf = leaf;
  g_string_truncate (l->leaf_text, 0);
}

static gboolean
start_source (Loader *l)
{
  static const char * const names[] = { "id", "file", "title", "author", "url", "published", "imported" };

  g_clear_pointer (&l->pending_source, g_hash_table_unref);
  l->pending_source = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = attr (l, names[i]);

      if (value != NULL)
        g_hash_table_insert (l->pending_source, (gpointer) names[i], g_strdup (value));
    }
  if (!g_hash_table_contains (l->pending_source, "id"))
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("<%s> needs a “%s” attribute"), "source", "id");
  return check_new_id (l, l->source_ids, "source", g_hash_table_lookup (l->pending_source, "id"));
}

static gboolean
end_source (Loader     *l,
            const char *text)
{
  GHashTable *a = l->pending_source;
  g_autoptr(DetenteSource) source = NULL;
  const char *imported = g_hash_table_lookup (a, "imported");
  DetenteDate published = DETENTE_DATE_INIT;

  if (text == NULL)
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("<source> has no <text>"));

  source = detente_source_new_with_id (g_hash_table_lookup (a, "id"), text);
  detente_source_set_file_name (source, g_hash_table_lookup (a, "file"));
  detente_source_set_title (source, g_hash_table_lookup (a, "title"));
  detente_source_set_author (source, g_hash_table_lookup (a, "author"));
  detente_source_set_url (source, g_hash_table_lookup (a, "url"));

  if (g_hash_table_contains (a, "published"))
    {
      g_autoptr(GError) error = NULL;

      if (!detente_date_parse (g_hash_table_lookup (a, "published"), &published, &error))
        return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, "<source published>: %s", error->message);
      detente_source_set_published (source, &published);
    }

  if (imported != NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (imported, NULL);

      if (dt == NULL)
        return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
                     _("“%s” is not a valid %s of <%s>"), imported, "imported", "source");
      detente_source_set_imported (source, dt);
    }

  g_hash_table_insert (l->source_ids, (gpointer) detente_source_get_id (source), source);
  g_ptr_array_add (l->sources, g_steal_pointer (&source));
  g_clear_pointer (&l->pending_source, g_hash_table_unref);
  return TRUE;
}

static gboolean
start_actor (Loader *l)
{
  const char *id = required_attr (l, "actor", "id");
  const char *name = NULL;
  const char *country = NULL;
  int kind = DETENTE_ACTOR_KIND_PERSON;

  if (id == NULL || !check_new_id (l, l->actor_ids, "actor", id))
    return FALSE;
  /* A name may be empty, but it is always written. */
  if (!(name = attr (l, "name")))
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("<%s> needs a “%s” attribute"), "actor", "name");
  if (!enum_attr (l, "actor", "kind", DETENTE_TYPE_ACTOR_KIND, TRUE, &kind))
    return FALSE;

  country = attr (l, "country");
  l->actor = detente_actor_new (id, name, kind);
  detente_actor_set_country (l->actor, country);
  g_ptr_array_set_size (l->aliases, 0);
  g_ptr_array_set_size (l->roles, 0);
  return TRUE;
}

static gboolean
read_role (Loader *l)
{
  const char *title = attr (l, "title");
  const char *organisation = attr (l, "organisation");
  DetenteDate from = DETENTE_DATE_INIT;
  DetenteDate to = DETENTE_DATE_INIT;

  if (title == NULL)
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("<%s> needs a “%s” attribute"), "role", "title");
  if (!date_attr (l, "role", "from", &from) ||
      !date_attr (l, "role", "to", &to))
    return FALSE;

  g_ptr_array_add (l->roles, detente_role_new (title, organisation, &from, &to));
  return TRUE;
}

static gboolean
read_position (Loader *l)
{
  double x = 0, y = 0;

  if (!double_attr (l, "position", "x", -1e9, 1e9, &x) ||
      !double_attr (l, "position", "y", -1e9, 1e9, &y))
    return FALSE;

  detente_actor_set_pinned (l->actor, TRUE);
  detente_actor_set_x (l->actor, x);
  detente_actor_set_y (l->actor, y);
  return TRUE;
}

static gboolean
end_actor (Loader *l)
{
  g_ptr_array_add (l->aliases, NULL);
  detente_actor_set_aliases (l->actor, (const char * const *) l->aliases->pdata);
  g_ptr_array_set_size (l->aliases, 0);
  detente_actor_set_roles (l->actor, l->roles);

  g_hash_table_insert (l->actor_ids, (gpointer) detente_actor_get_id (l->actor), l->actor);
  g_ptr_array_add (l->actors, g_steal_pointer (&l->actor));
  return TRUE;
}

static gboolean
read_participants (Loader *l)
{
  const char *ids = attr (l, "participants");
  const char *p = ids;

  while (p != NULL && *p != '\0')
    {
      const char *end = p;
      char *id;

      while (*end != '\0' && !g_ascii_isspace (*end))
        end++;
      if (end > p)
        {
          id = g_strndup (p, end - p);
          g_ptr_array_add (l->participants, id);
          if (!g_hash_table_contains (l->actor_ids, id))
            return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("No actor has the id “%s”"), id);
          for (guint i = 0; i + 1 < l->participants->len; i++)
            if (g_str_equal (g_ptr_array_index (l->participants, i), id))
              return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
                           _("The actor “%s” takes part twice"), id);
        }
      p = *end ? end + 1 : end;
    }
  return TRUE;
}

static gboolean
start_engagement (Loader *l)
{
  const char *id = required_attr (l, "engagement", "id");
  const char *place = NULL;
  const char *place_country = NULL;
  const char *hidden = NULL;
  DetenteDate date = DETENTE_DATE_INIT;
  int kind = 0, status = DETENTE_ENGAGEMENT_STATUS_HELD, origin = DETENTE_ORIGIN_EXTRACTED;
  double confidence = 1.0;

  if (id == NULL || !check_new_id (l, l->engagement_ids, "engagement", id))
    return FALSE;
  if (!enum_attr (l, "engagement", "kind", DETENTE_TYPE_ENGAGEMENT_KIND, TRUE, &kind) ||
      !enum_attr (l, "engagement", "status", DETENTE_TYPE_ENGAGEMENT_STATUS, FALSE, &status) ||
      !enum_attr (l, "engagement", "origin", DETENTE_TYPE_ORIGIN, FALSE, &origin) ||
      !date_attr (l, "engagement", "date", &date) ||
      !double_attr (l, "engagement", "confidence", 0.0, 1.0, &confidence))
    return FALSE;

  hidden = attr (l, "hidden");
  if (hidden != NULL && g_strcmp0 (hidden, "true") != 0 && g_strcmp0 (hidden, "false") != 0)
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
                 _("“%s” is not a valid %s of <%s>"), hidden, "hidden", "engagement");

  place = attr (l, "place");
  place_country = attr (l, "place-country");

  l->engagement = detente_engagement_new (id, kind);
  detente_engagement_set_status (l->engagement, status);
  detente_engagement_set_origin (l->engagement, origin);
  detente_engagement_set_date (l->engagement, &date);
  detente_engagement_set_confidence (l->engagement, confidence);
  detente_engagement_set_place (l->engagement, place);
  detente_engagement_set_place_country (l->engagement, place_country);
  detente_engagement_set_hidden (l->engagement, g_strcmp0 (hidden, "true") == 0);
  g_ptr_array_set_size (l->participants, 0);
  g_ptr_array_set_size (l->evidence, 0);
  return read_participants (l);
}

static gboolean
start_evidence (Loader *l)
{
  const char *id = required_attr (l, "evidence", "source");

  if (id == NULL)
    return FALSE;
  if (!(l->evidence_source = g_hash_table_lookup (l->source_ids, id)))
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("No source has the id “%s”"), id);
  return uint_attr (l, "evidence", "offset", &l->evidence_offset) &&
         uint_attr (l, "evidence", "length", &l->evidence_length);
}

/* @sentence is the element's content; empty when the writer left it to
 * the source's text, as Détente does. */
static gboolean
end_evidence (Loader     *l,
              const char *sentence)
{
  DetenteSource *source = l->evidence_source;
  const char *text = detente_source_get_text (source);
  gsize text_length = detente_source_get_text_length (source);
  /* Evidence must be the exact span it claims to be: the article view
   * highlights it by offset. */
  if ((guint64) l->evidence_offset + l->evidence_length > text_length ||
      !g_utf8_validate_len (text + l->evidence_offset, l->evidence_length, NULL) ||
      (*sentence != '\0' &&
       (strlen (sentence) != l->evidence_length ||
        memcmp (text + l->evidence_offset, sentence, l->evidence_length) != 0)))
    return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
                 _("The evidence does not match the text of its source at offset %u"),
                 l->evidence_offset);

  g_ptr_array_add (l->evidence,
                   _detente_evidence_new_take (detente_source_get_id (source), l->evidence_offset, l->evidence_length,
                                               g_strndup (text + l->evidence_offset, l->evidence_length)));
  return TRUE;
}

static gboolean
end_engagement (Loader *l)
{
  /* Both arrays go to the engagement whole; new ones take their place. */
  /* An engagement keeps "no participants" as NULL, not as an empty list. */
  if (l->participants->len > 0)
    {
      g_ptr_array_add (l->participants, NULL);
      _detente_engagement_take_participants (l->engagement,
                                             (char **) g_ptr_array_free (g_steal_pointer (&l->participants), FALSE));
      l->participants = g_ptr_array_new_with_free_func (g_free);
    }
  _detente_engagement_take_evidence (l->engagement, g_steal_pointer (&l->evidence));
  l->evidence = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_insert (l->engagement_ids, (gpointer) detente_engagement_get_id (l->engagement),
                       l->engagement);
  g_ptr_array_add (l->engagements, g_steal_pointer (&l->engagement));
  return TRUE;
}

static gboolean
unexpected (Loader     *l,
            const char *name)
{
  return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("Unexpected element <%s>"), name);
}

static gboolean
start_element (Loader     *l,
               const char *name,
               int         depth,
               gboolean    empty)
{
  switch (depth)
    {
    case 0:
      {
        const char *version = NULL;
        guint64 v = 0;

        if (!g_str_equal (name, "detente-project"))
          return fail (l, DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT,
                       _("This is not a Détente project: its root element is <%s>"), name);
        version = attr (l, "version");
        if (version == NULL)
          return fail (l, DETENTE_PROJECT_IO_ERROR_VERSION, _("The project has no format version"));
        if (!g_ascii_string_to_unsigned (version, 10, 1, G_MAXUINT32, &v, NULL))
          return fail (l, DETENTE_PROJECT_IO_ERROR_VERSION,
                       _("“%s” is not a project format version"), version);
        if (v > DETENTE_PROJECT_FORMAT_VERSION)
          return fail (l, DETENTE_PROJECT_IO_ERROR_VERSION,
                       _("The project was saved in format version %s by a newer Détente; "
                         "this version reads format %d"), version, DETENTE_PROJECT_FORMAT_VERSION);
        l->seen_root = TRUE;
        return TRUE;
      }

    case 1:
      if (!g_str_equal (name, "sources") && !g_str_equal (name, "actors") &&
          !g_str_equal (name, "engagements"))
        return unexpected (l, name);
      g_free (l->section);
      l->section = g_strdup (name);
      return TRUE;

    case 2:
      if (g_str_equal (l->section, "sources") && g_str_equal (name, "source"))
        return start_source (l) && (!empty || end_source (l, NULL));
      if (g_str_equal (l->section, "actors") && g_str_equal (name, "actor"))
        return start_actor (l) && (!empty || end_actor (l));
      if (g_str_equal (l->section, "engagements") && g_str_equal (name, "engagement"))
        return start_engagement (l) && (!empty || end_engagement (l));
      return unexpected (l, name);

    case 3:
      if (l->pending_source != NULL && g_str_equal (name, "text"))
        {
          if (empty)
            return end_source (l, "");
          begin_leaf (l, LEAF_TEXT);
          return TRUE;
        }
      if (l->actor != NULL && g_str_equal (name, "alias"))
        begin_leaf (l, LEAF_ALIAS);
      else if (l->actor != NULL && g_str_equal (name, "notes"))
        begin_leaf (l, LEAF_NOTES);
      else if (l->actor != NULL && g_str_equal (name, "role"))
        return read_role (l);
      else if (l->actor != NULL && g_str_equal (name, "position"))
        return read_position (l);
      else if (l->engagement != NULL && g_str_equal (name, "evidence"))
        {
          if (!start_evidence (l))
            return FALSE;
          begin_leaf (l, LEAF_EVIDENCE);
        }
      else
        return unexpected (l, name);

      if (empty)
        {
          /* An empty leaf has no end tag of its own. */
          Leaf leaf = l->leaf;

          l->leaf = LEAF_NONE;
          if (leaf == LEAF_EVIDENCE)
            return end_evidence (l, "");
        }
      return TRUE;

    default:
      return unexpected (l, name);
    }
}

static gboolean
end_leaf (Loader *l)
{
  Leaf leaf = l->leaf;
  const char *text = l->leaf_text->str;

  l->leaf = LEAF_NONE;
  switch (leaf)
    {
    case LEAF_TEXT:
      return end_source (l, text);
    case LEAF_ALIAS:
      if (*text != '\0')
        g_ptr_array_add (l->aliases, g_strdup (text));
      return TRUE;
    case LEAF_NOTES:
      detente_actor_set_notes (l->actor, text);
      return TRUE;
    case LEAF_EVIDENCE:
      return end_evidence (l, text);
    case LEAF_NONE:
    default:
      return TRUE;
    }
}

static gboolean
end_element (Loader *l,
             int     depth)
{
  if (depth == 3 && l->leaf != LEAF_NONE)
    return end_leaf (l);
  if (depth == 2 && l->actor != NULL)
    return end_actor (l);
  if (depth == 2 && l->engagement != NULL)
    return end_engagement (l);
  if (depth == 2 && l->pending_source != NULL)
    return end_source (l, NULL);
  return TRUE;
}

static gboolean
read_node (Loader *l)
{
  int type = xmlTextReaderNodeType (l->reader);
  int depth = xmlTextReaderDepth (l->reader);

  if (depth > DETENTE_PROJECT_MAX_DEPTH)
    return fail (l, DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
                 _("Elements are nested more than %d deep"), DETENTE_PROJECT_MAX_DEPTH);

  switch (type)
    {
    case XML_READER_TYPE_DOCUMENT_TYPE:
    case XML_READER_TYPE_ENTITY:
    case XML_READER_TYPE_ENTITY_REFERENCE:
      return fail (l, DETENTE_PROJECT_IO_ERROR_FORBIDDEN,
                   _("Document type declarations and entities are not allowed in a project"));

    case XML_READER_TYPE_ELEMENT:
      attributes_read (l->reader, &l->attributes);
      if (l->attributes.overflow)
        return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID,
                     _("<%s> has more than %d attributes"),
                     (const char *) xmlTextReaderConstName (l->reader), MAX_ATTRIBUTES);
      return start_element (l, (const char *) xmlTextReaderConstName (l->reader), depth,
                            xmlTextReaderIsEmptyElement (l->reader));

    case XML_READER_TYPE_END_ELEMENT:
      return end_element (l, depth);

    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      if (l->leaf != LEAF_NONE)
        {
          g_string_append (l->leaf_text, (const char *) xmlTextReaderConstValue (l->reader));
          if (l->leaf_text->len > DETENTE_PROJECT_MAX_STRING)
            return fail (l, DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
                         _("A text is larger than %d bytes"), DETENTE_PROJECT_MAX_STRING);
        }
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)
        {
          g_autofree char *text = g_strstrip (g_strdup ((const char *) xmlTextReaderConstValue (l->reader)));

          if (*text != '\0')
            return fail (l, DETENTE_PROJECT_IO_ERROR_INVALID, _("Unexpected text outside an element"));
        }
      return TRUE;

    default:
      /* Comments and processing instructions carry nothing for us. */
      return TRUE;
    }
}

static DetenteProject *
load (Loader        *l,
      const char    *name,
      GError       **error)
{
  g_autoptr(DetenteProject) project = NULL;
  int ret;

  /* No XML_PARSE_NOENT (no entity substitution), no DTDLOAD, no HUGE, and
   * NONET: nothing is ever fetched. */
  l->reader = xmlReaderForIO (read_cb, input_close_cb, l, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING);
  if (l->reader == NULL)
    {
      g_set_error_literal (error, DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_MALFORMED,
                           _("The file could not be read"));
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (l->reader, on_xml_error, l);

  while ((ret = xmlTextReaderRead (l->reader)) == 1)
    {
      if (!read_node (l))
        break;
    }

  if (l->error == NULL && l->io_error != NULL)
    l->error = g_steal_pointer (&l->io_error);
  if (l->error == NULL && l->bytes_read == 0)
    l->error = g_error_new_literal (DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT,
                                    _("The file is empty"));
  if (l->error == NULL && !l->looks_like_xml && (ret < 0 || l->xml_error != NULL))
    l->error = g_error_new (DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT,
                            _("Line %d: This is not a Détente project file (%s)"),
                            l->xml_error ? l->xml_error_line : line_of (l),
                            l->xml_error ? l->xml_error : _("The XML is not well-formed"));
  if (l->error == NULL && (ret < 0 || l->xml_error != NULL))
    l->error = g_error_new (DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_MALFORMED,
                            _("Line %d: %s"),
                            l->xml_error ? l->xml_error_line : line_of (l),
                            l->xml_error ? l->xml_error : _("The XML is not well-formed"));
  if (l->error == NULL && !l->seen_root)
    l->error = g_error_new_literal (DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_NOT_A_PROJECT,
                                    _("The file has no project in it"));

  xmlFreeTextReader (g_steal_pointer (&l->reader));

  if (l->error != NULL)
    {
      g_autofree char *display = g_strdup (name);

      g_propagate_prefixed_error (error, g_steal_pointer (&l->error),
                                  _("Could not open “%s”: "), display);
      return NULL;
    }

  project = detente_project_new ();
  _detente_project_take_loaded (project, l->sources, l->actors, l->engagements,
                                l->source_ids, l->actor_ids, l->engagement_ids);
  return g_steal_pointer (&project);
}

/**
 * detente_project_load_from_stream:
 * @stream: a stream with a project file
 * @name: the file's name, for error messages
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a project with the streaming reader. Hostile or broken input is
 * refused with a #DETENTE_PROJECT_IO_ERROR that names the problem and the
 * line; nothing is fetched from the network and no entity is expanded.
 * The project has no history and is not dirty.
 *
 * Returns: (transfer full) (nullable): the project, or %NULL on error
 */
DetenteProject *
detente_project_load_from_stream (GInputStream  *stream,
                                  const char    *name,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  Loader l = { 0 };
  DetenteProject *project;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  l.stream = stream;
  l.cancellable = cancellable;
  l.sources = g_ptr_array_new_with_free_func (g_object_unref);
  l.actors = g_ptr_array_new_with_free_func (g_object_unref);
  l.engagements = g_ptr_array_new_with_free_func (g_object_unref);
  l.source_ids = g_hash_table_new (g_str_hash, g_str_equal);
  l.actor_ids = g_hash_table_new (g_str_hash, g_str_equal);
  l.engagement_ids = g_hash_table_new (g_str_hash, g_str_equal);
  l.aliases = g_ptr_array_new_with_free_func (g_free);
  l.roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);
  l.participants = g_ptr_array_new_with_free_func (g_free);
  l.evidence = g_ptr_array_new_with_free_func (g_object_unref);
  l.leaf_text = g_string_new (NULL);
  l.scanner.line = 1;

  project = load (&l, name, error);
  loader_clear (&l);
  return project;
}

/**
 * detente_project_load:
 * @file: a project file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like detente_project_load_from_stream(); the project remembers @file.
 *
 * Returns: (transfer full) (nullable): the project, or %NULL on error
 */
DetenteProject *
detente_project_load (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GBufferedInputStream) buffered = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  DetenteProject *project;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Could not open “%s”: it is a folder"), name);
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > DETENTE_PROJECT_MAX_FILE_SIZE)
    {
      g_set_error (error, DETENTE_PROJECT_IO_ERROR, DETENTE_PROJECT_IO_ERROR_TOO_LARGE,
                   _("Could not open “%s”: the file is larger than %s, the most a project may be"),
                   name, "1 GiB");
      return NULL;
    }

  if (!(in = g_file_read (file, cancellable, error)))
    return NULL;
  buffered = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (G_INPUT_STREAM (in), 1 << 16));

  project = detente_project_load_from_stream (G_INPUT_STREAM (buffered), name, cancellable, error);
  if (project != NULL)
    detente_project_set_file (project, file);
  return project;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  DetenteProject *project;

  if ((project = detente_project_load (file, cancellable, &error)))
    g_task_return_pointer (task, project, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * detente_project_load_async:
 * @file: a project file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Loads on a worker thread. The project's objects are made there and
 * handed over whole; nothing else touches them until the callback.
 */
void
detente_project_load_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, detente_project_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_worker);
}

/**
 * detente_project_load_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the project, or %NULL on error
 */
DetenteProject *
detente_project_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == detente_project_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
