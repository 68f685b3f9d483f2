/* detente-source.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <nettle/sha2.h>

#include "detente-model-private.h"
#include "detente-source-private.h"

/* The id and the text are GRefStrings: evidence and the extractor's results
 * share them instead of copying them. */
struct _DetenteSource
{
  GObject      parent_instance;

  char        *id;
  char        *text;
  char        *file_name;
  char        *title;
  char        *author;
  char        *url;
  GDateTime   *imported;
  gsize        text_length;
  DetenteDate  published;
};

G_DEFINE_FINAL_TYPE (DetenteSource, detente_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_FILE_NAME,
  PROP_TITLE,
  PROP_AUTHOR,
  PROP_URL,
  PROP_PUBLISHED,
  PROP_IMPORTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
detente_source_finalize (GObject *object)
{
  DetenteSource *self = (DetenteSource *) object;

  g_clear_pointer (&self->id, g_ref_string_release);
  g_clear_pointer (&self->text, g_ref_string_release);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->imported, g_date_time_unref);

  G_OBJECT_CLASS (detente_source_parent_class)->finalize (object);
}

static void
detente_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DetenteSource *self = DETENTE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_PUBLISHED:
      g_value_set_boxed (value, &self->published);
      break;
    case PROP_IMPORTED:
      g_value_set_boxed (value, self->imported);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_source_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DetenteSource *self = DETENTE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_string (value) != NULL ? g_ref_string_new (g_value_get_string (value)) : NULL;
      break;
    case PROP_TEXT:
      self->text = g_value_get_string (value) != NULL ? g_ref_string_new (g_value_get_string (value)) : NULL;
      self->text_length = self->text ? strlen (self->text) : 0;
      break;
    case PROP_FILE_NAME:
      detente_source_set_file_name (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      detente_source_set_title (self, g_value_get_string (value));
      break;
    case PROP_AUTHOR:
      detente_source_set_author (self, g_value_get_string (value));
      break;
    case PROP_URL:
      detente_source_set_url (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED:
      detente_source_set_published (self, g_value_get_boxed (value));
      break;
    case PROP_IMPORTED:
      detente_source_set_imported (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_source_class_init (DetenteSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = detente_source_finalize;
  object_class->get_property = detente_source_get_property;
  object_class->set_property = detente_source_set_property;

  /**
   * DetenteSource:id:
   *
   * The lowercase hex SHA-256 of the normalised text.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, construct);
  /**
   * DetenteSource:text:
   *
   * The article's clean text, NFC-normalised with "\n" line ends. Evidence
   * offsets point into it, so it never changes.
   */
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, construct);
  /**
   * DetenteSource:file-name:
   *
   * The name of the file it was imported from.
   */
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, rw);
  /**
   * DetenteSource:title:
   *
   * The article's headline.
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  /**
   * DetenteSource:author:
   *
   * The byline.
   */
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, rw);
  /**
   * DetenteSource:url:
   *
   * Where the article was published.
   */
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  /**
   * DetenteSource:published:
   *
   * The publication date; relative dates in the text are read against it.
   */
  properties[PROP_PUBLISHED] = g_param_spec_boxed ("published", NULL, NULL, DETENTE_TYPE_DATE, rw);
  /**
   * DetenteSource:imported:
   *
   * When it was imported.
   */
  properties[PROP_IMPORTED] =
    g_param_spec_boxed ("imported", NULL, NULL, G_TYPE_DATE_TIME, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
detente_source_init (DetenteSource *self)
{
}

/* Whether any byte of a 64-bit word is zero, or less than @n (n <= 128). */
#define HAS_ZERO(v) (((v) - G_GUINT64_CONSTANT (0x0101010101010101)) & ~(v) & G_GUINT64_CONSTANT (0x8080808080808080))
#define HAS_LESS(v, n) (((v) - G_GUINT64_CONSTANT (0x0101010101010101) * (n)) & ~(v) & \
                        G_GUINT64_CONSTANT (0x8080808080808080))

/* Whether NFC leaves @c alone whatever surrounds it: ranges with
 * NFC_Quick_Check=Yes and canonical combining class 0, so nothing before
 * or after can compose with it. */
static inline gboolean
nfc_stable (gunichar c)
{
  return c < 0x300 ||
         (c >= 0x2002 && c <= 0x206F) ||
         (c >= 0x20A0 && c <= 0x20BF) ||
         (c >= 0x3000 && c <= 0x3029) ||
         (c >= 0x3030 && c <= 0x303F) ||
         (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) ||
         c == 0xFEFF || c == 0xFFFD;
}

/* Checks @text in one pass: whether it is valid UTF-8, and whether every
 * character of it is one NFC leaves alone (most articles are, and
 * normalising costs more than all the rest of reading one). */
/**
 * detente_source_check_text:
 * @text: bytes
 * @length: their length
 * @stable: (out) (optional): whether NFC leaves the text as it is
 *
 * Validates UTF-8 quickly where it is mostly ASCII, as articles are: the
 * readers check every text once or twice, and GLib's validator takes a
 * byte at a time.
 *
 * Returns: whether @text is valid UTF-8
 */
gboolean
detente_source_check_text (const char *text,
                           gsize       length,
                           gboolean   *stable)
{
  gboolean ignored;
  const guchar *end = (const guchar *) text + length;

  if (stable == NULL)
    stable = &ignored;
  *stable = TRUE;
  for (const guchar *p = (const guchar *) text; p < end;)
    {
      gunichar c;

      if (*p < 0x80)
        {
          /* Eight ASCII bytes at a time, never reading past the end. */
          while (p + 8 <= end)
            {
              guint64 w;

              memcpy (&w, p, sizeof w);
              if ((w & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
                break;
              p += 8;
            }
          if (p < end && *p < 0x80)
            p++;
          continue;
        }
      c = g_utf8_get_char_validated ((const char *) p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (!nfc_stable (c))
        *stable = FALSE;
      p = (const guchar *) g_utf8_next_char (p);
    }
  return TRUE;
}

/* Whether detente_source_normalize_text() would give @text back as it is:
 * valid UTF-8 that NFC leaves alone (see detente_source_check_text()),
 * with no control character but tab and newline. U+FFFE and U+FFFF are
 * not among the stable characters. One pass and no copy: the readers hand
 * over normalised text, which the extractor would otherwise copy again. */
gboolean
_detente_source_text_is_normal (const char *text,
                                gsize       length)
{
  const guchar *end = (const guchar *) text + length;

  for (const guchar *p = (const guchar *) text; p < end;)
    {
      gunichar c;

      if (*p < 0x80)
        {
          /* Eight ASCII bytes at a time, none of them a control character. */
          while (p + 8 <= end)
            {
              guint64 w;

              memcpy (&w, p, sizeof w);
              if ((w & G_GUINT64_CONSTANT (0x8080808080808080)) != 0 || HAS_LESS (w, 0x20))
                break;
              p += 8;
            }
          if (p < end && *p < 0x80)
            {
              if (*p < 0x20 && *p != '\n' && *p != '\t')
                return FALSE;
              p++;
            }
          continue;
        }
      c = g_utf8_get_char_validated ((const char *) p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      if (!nfc_stable (c))
        return FALSE;
      p = (const guchar *) g_utf8_next_char (p);
    }
  return TRUE;
}

/**
 * detente_source_normalize_text:
 * @text: valid UTF-8
 *
 * Returns: (transfer full): @text in the form a source keeps: NFC, with
 *   "\r\n" and "\r" turned into "\n", and control characters other than
 *   tab and newline turned into spaces
 */
char *
detente_source_normalize_text (const char *text)
{
  g_autofree char *nfc = NULL;
  const char *source;
  gboolean valid;
  gboolean stable;
  gsize length;
  char *out;
  char *w;

  g_return_val_if_fail (text != NULL, NULL);
  valid = detente_source_check_text (text, strlen (text), &stable);
  g_return_val_if_fail (valid, NULL);

  source = stable ? text : (nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC));
  length = strlen (source);
  out = w = g_malloc (length + 1);
  for (const char *r = source; *r; r++)
    {
      guchar c;

      /* Eight bytes at a time while none is a control character or the
       * first byte of U+FFFE/U+FFFF: nearly all of any article. */
      while (r + 8 <= source + length)
        {
          guint64 v;

          memcpy (&v, r, sizeof v);
          if (HAS_LESS (v, 0x20) || HAS_ZERO (v ^ G_GUINT64_CONSTANT (0xEFEFEFEFEFEFEFEF)))
            break;
          memcpy (w, r, sizeof v);
          w += 8;
          r += 8;
        }
      c = *r;
      if (c == '\0')
        break;

      if (c == '\r')
        {
          *w++ = '\n';
          if (r[1] == '\n')
            r++;
        }
      else if (c < 0x20 && c != '\n' && c != '\t')
        *w++ = ' ';  /* XML cannot carry it; a space keeps the offsets */
      else if (c == 0xEF && (guchar) r[1] == 0xBF && ((guchar) r[2] == 0xBE || (guchar) r[2] == 0xBF))
        {
          /* U+FFFE and U+FFFF are not characters; U+FFFD has their length. */
          *w++ = (char) 0xEF;
          *w++ = (char) 0xBF;
          *w++ = (char) 0xBD;
          r += 2;
        }
      else
        *w++ = c;
    }
  *w = '\0';
  return out;
}

/* A source's id: the SHA-256 of its normalised text, in lower-case hex,
 * as g_compute_checksum_for_string() would give it. */
char *
_detente_source_compute_id (const char *text,
                            gsize       length)
{
  static const char hex[] = "0123456789abcdef";
  struct sha256_ctx context;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *id = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_init (&context);
  sha256_update (&context, length, (const guint8 *) text);
  sha256_digest (&context, sizeof digest, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      id[2 * i] = hex[digest[i] >> 4];
      id[2 * i + 1] = hex[digest[i] & 0xf];
    }
  id[2 * SHA256_DIGEST_SIZE] = '\0';
  return id;
}

/**
 * detente_source_new:
 * @text: the article's clean text, valid UTF-8
 *
 * Normalises @text and derives the id from it, so the same article imported
 * twice has the same id.
 *
 * Returns: (transfer full): a new source
 */
DetenteSource *
detente_source_new (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  normal = detente_source_normalize_text (text);
  id = _detente_source_compute_id (normal, strlen (normal));
  return detente_source_new_with_id (id, normal);
}

/**
 * detente_source_new_with_id:
 * @id: the id stored with the text
 * @text: the text, already normalised
 *
 * Used when reading a project file, whose sources already carry their id.
 *
 * Returns: (transfer full): a new source
 */
DetenteSource *
detente_source_new_with_id (const char *id,
                            const char *text)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  return g_object_new (DETENTE_TYPE_SOURCE, "id", id, "text", text, NULL);
}

/* Like detente_source_new_with_id(), sharing @id and @text, which are
 * GRefStrings, instead of copying them: a worker thread makes the source
 * of an article it read, and the text it extracted from stays one copy. */
DetenteSource *
_detente_source_new_shared (char *id,
                            char *text)
{
  DetenteSource *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (DETENTE_TYPE_SOURCE, NULL);
  self->id = g_ref_string_acquire (id);
  self->text = g_ref_string_acquire (text);
  self->text_length = strlen (text);
  return self;
}

/**
 * detente_source_get_id:
 * @self: a source
 *
 * Returns: (transfer none): the id
 */
const char *
detente_source_get_id (DetenteSource *self)
{
  g_return_val_if_fail (DETENTE_IS_SOURCE (self), NULL);
  return self->id;
}

/**
 * detente_source_get_text:
 * @self: a source
 *
 * Returns: (transfer none): the text
 */
const char *
detente_source_get_text (DetenteSource *self)
{
  g_return_val_if_fail (DETENTE_IS_SOURCE (self), NULL);
  return self->text;
}

/**
 * detente_source_get_text_length:
 * @self: a source
 *
 * Returns: the text's length in bytes
 */
gsize
detente_source_get_text_length (DetenteSource *self)
{
  g_return_val_if_fail (DETENTE_IS_SOURCE (self), 0);
  return self->text_length;
}

#define DEFINE_STRING_ACCESSORS(field, FIELD)                                   \
const char *                                                                    \
detente_source_get_##field (DetenteSource *self)                                \
{                                                                               \
  g_return_val_if_fail (DETENTE_IS_SOURCE (self), NULL);                        \
  return self->field;                                                           \
}                                                                               \
                                                                                \
void                                                                            \
detente_source_set_##field (DetenteSource *self,                                \
                            const char    *value)                               \
{                                                                               \
  g_return_if_fail (DETENTE_IS_SOURCE (self));                                  \
                                                                                \
  if (_detente_set_string (&self->field, value))                                \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##FIELD]);       \
}

/**
 * detente_source_get_file_name: (get-property file-name)
 * detente_source_set_file_name: (set-property file-name)
 * detente_source_get_title: (get-property title)
 * detente_source_set_title: (set-property title)
 * detente_source_get_author: (get-property author)
 * detente_source_set_author: (set-property author)
 * detente_source_get_url: (get-property url)
 * detente_source_set_url: (set-property url)
 *
 * Plain string accessors; %NULL and "" both mean "not known".
 */
DEFINE_STRING_ACCESSORS (file_name, FILE_NAME)
DEFINE_STRING_ACCESSORS (title, TITLE)
DEFINE_STRING_ACCESSORS (author, AUTHOR)
DEFINE_STRING_ACCESSORS (url, URL)

/**
 * detente_source_get_published:
 * @self: a source
 *
 * Returns: (transfer none): the publication date, which may be unknown
 */
const DetenteDate *
detente_source_get_published (DetenteSource *self)
{
  g_return_val_if_fail (DETENTE_IS_SOURCE (self), NULL);
  return &self->published;
}

/**
 * detente_source_set_published:
 * @self: a source
 * @published: (nullable): the publication date
 */
void
detente_source_set_published (DetenteSource     *self,
                              const DetenteDate *published)
{
  DetenteDate unknown = DETENTE_DATE_INIT;

  g_return_if_fail (DETENTE_IS_SOURCE (self));

  if (published == NULL)
    published = &unknown;
  if (detente_date_equal (&self->published, published))
    return;
  self->published = *published;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

/**
 * detente_source_get_imported:
 * @self: a source
 *
 * Returns: (transfer none) (nullable): when it was imported
 */
GDateTime *
detente_source_get_imported (DetenteSource *self)
{
  g_return_val_if_fail (DETENTE_IS_SOURCE (self), NULL);
  return self->imported;
}

/**
 * detente_source_set_imported:
 * @self: a source
 * @imported: (nullable): when it was imported
 */
void
detente_source_set_imported (DetenteSource *self,
                             GDateTime     *imported)
{
  g_return_if_fail (DETENTE_IS_SOURCE (self));

  if (self->imported == imported ||
      (self->imported != NULL && imported != NULL && g_date_time_equal (self->imported, imported)))
    return;
  g_clear_pointer (&self->imported, g_date_time_unref);
  self->imported = imported ? g_date_time_ref (imported) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTED]);
}
