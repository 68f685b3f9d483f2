/* detente-evidence.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-evidence-private.h"

/* Evidence is immutable: its properties are read-only, set by the
 * constructors below. They are no construct properties, which
 * g_object_new() would set one by one, through GValues, to their defaults
 * for every new object. An engagement's evidence list is replaced, never
 * edited in place, so the undo history can share the same objects between
 * states. The source id is a GRefString, shared with the source where the
 * evidence was made with it.
 *
 * Evidence the extractor makes holds its source's text, a GRefString, and
 * copies its sentence out of it only when asked: an import makes a piece
 * of evidence for every sentence that reports an engagement, and hardly
 * any sentence is ever read from it. */
struct _DetenteEvidence
{
  GObject  parent_instance;

  char    *source_id;
  char    *sentence;  /* may be made later, from @text, by any thread */
  char    *text;      /* nullable: the source's text, a GRefString */
  guint    offset;
  guint    length;
};

G_DEFINE_FINAL_TYPE (DetenteEvidence, detente_evidence, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE_ID,
  PROP_OFFSET,
  PROP_LENGTH,
  PROP_SENTENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
detente_evidence_finalize (GObject *object)
{
  DetenteEvidence *self = (DetenteEvidence *) object;

  g_clear_pointer (&self->source_id, g_ref_string_release);
  g_clear_pointer (&self->sentence, g_free);
  g_clear_pointer (&self->text, g_ref_string_release);

  G_OBJECT_CLASS (detente_evidence_parent_class)->finalize (object);
}

static void
detente_evidence_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DetenteEvidence *self = DETENTE_EVIDENCE (object);

  switch (prop_id)
    {
    case PROP_SOURCE_ID:
      g_value_set_string (value, self->source_id);
      break;
    case PROP_OFFSET:
      g_value_set_uint (value, self->offset);
      break;
    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;
    case PROP_SENTENCE:
      g_value_set_string (value, detente_evidence_get_sentence (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
detente_evidence_class_init (DetenteEvidenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = detente_evidence_finalize;
  object_class->get_property = detente_evidence_get_property;

  /**
   * DetenteEvidence:source-id:
   *
   * The id of the source the sentence comes from.
   */
  properties[PROP_SOURCE_ID] =
    g_param_spec_string ("source-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * DetenteEvidence:offset:
   *
   * Where the sentence starts in the source's text, in bytes.
   */
  properties[PROP_OFFSET] =
    g_param_spec_uint ("offset", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * DetenteEvidence:length:
   *
   * The sentence's length in bytes.
   */
  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * DetenteEvidence:sentence:
   *
   * The sentence exactly as it stands in the source's text.
   */
  properties[PROP_SENTENCE] =
    g_param_spec_string ("sentence", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
detente_evidence_init (DetenteEvidence *self)
{
}

/**
 * detente_evidence_new:
 * @source_id: the id of a source
 * @offset: the sentence's byte offset in the source's text
 * @length: the sentence's length in bytes
 * @sentence: the sentence
 *
 * Returns: (transfer full): a new piece of evidence
 */
DetenteEvidence *
detente_evidence_new (const char *source_id,
                      guint       offset,
                      guint       length,
                      const char *sentence)
{
  g_return_val_if_fail (source_id != NULL, NULL);
  g_return_val_if_fail (sentence != NULL, NULL);

  return _detente_evidence_new_take (source_id, offset, length, g_strdup (sentence));
}

DetenteEvidence *
_detente_evidence_new_take (const char *source_id,
                            guint       offset,
                            guint       length,
                            char       *sentence)
{
  DetenteEvidence *self;

  /* Fields set directly: loading a large project makes many of these. */
  self = g_object_new (DETENTE_TYPE_EVIDENCE, NULL);
  self->source_id = g_ref_string_new (source_id);
  self->offset = offset;
  self->length = length;
  self->sentence = sentence;
  return self;
}

/* Evidence of the @length bytes at @offset of @text, sharing @source_id
 * and @text, the source's own GRefStrings, instead of copying them or the
 * sentence. The span must lie within @text. */
DetenteEvidence *
_detente_evidence_new_shared (char  *source_id,
                              char  *text,
                              guint  offset,
                              guint  length)
{
  DetenteEvidence *self;

  self = g_object_new (DETENTE_TYPE_EVIDENCE, NULL);
  self->source_id = g_ref_string_acquire (source_id);
  self->text = g_ref_string_acquire (text);
  self->offset = offset;
  self->length = length;
  return self;
}

/**
 * detente_evidence_get_source_id:
 * @self: a #DetenteEvidence
 *
 * Returns: (transfer none): the source's id
 */
const char *
detente_evidence_get_source_id (DetenteEvidence *self)
{
  g_return_val_if_fail (DETENTE_IS_EVIDENCE (self), NULL);
  return self->source_id;
}

const char *
_detente_evidence_peek_source_id (DetenteEvidence *self)
{
  return self->source_id;
}

/**
 * detente_evidence_get_offset:
 * @self: a #DetenteEvidence
 *
 * Returns: the byte offset of the sentence in the source's text
 */
guint
detente_evidence_get_offset (DetenteEvidence *self)
{
  g_return_val_if_fail (DETENTE_IS_EVIDENCE (self), 0);
  return self->offset;
}

/**
 * detente_evidence_get_length:
 * @self: a #DetenteEvidence
 *
 * Returns: the sentence's length in bytes
 */
guint
detente_evidence_get_length (DetenteEvidence *self)
{
  g_return_val_if_fail (DETENTE_IS_EVIDENCE (self), 0);
  return self->length;
}

/**
 * detente_evidence_get_sentence:
 * @self: a #DetenteEvidence
 *
 * Returns: (transfer none): the sentence
 */
const char *
detente_evidence_get_sentence (DetenteEvidence *self)
{
  char *sentence;

  g_return_val_if_fail (DETENTE_IS_EVIDENCE (self), NULL);

  sentence = g_atomic_pointer_get (&self->sentence);
  if (sentence != NULL || self->text == NULL)
    return sentence;
  /* Two threads may both copy it; one copy stays. */
  sentence = g_strndup (self->text + self->offset, self->length);
  if (!g_atomic_pointer_compare_and_exchange (&self->sentence, NULL, sentence))
    g_free (sentence);
  return g_atomic_pointer_get (&self->sentence);
}

/* The sentence's bytes, copied or not yet; %NULL if it has none. */
static const char *
peek_sentence (DetenteEvidence *self,
               gsize           *length)
{
  const char *sentence = g_atomic_pointer_get (&self->sentence);

  if (sentence != NULL)
    *length = strlen (sentence);
  else if (self->text != NULL)
    {
      sentence = self->text + self->offset;
      *length = self->length;
    }
  else
    *length = 0;
  return sentence;
}

/**
 * detente_evidence_equal:
 * @a: a #DetenteEvidence
 * @b: a #DetenteEvidence
 *
 * Returns: %TRUE if both point at the same span of the same source
 */
gboolean
detente_evidence_equal (DetenteEvidence *a,
                        DetenteEvidence *b)
{
  const char *sa, *sb;
  gsize la, lb;

  g_return_val_if_fail (DETENTE_IS_EVIDENCE (a) && DETENTE_IS_EVIDENCE (b), FALSE);


  if (a->offset != b->offset || a->length != b->length || g_strcmp0 (a->source_id, b->source_id) != 0)
    return FALSE;
  /* Compared as g_strcmp0() would compare the sentences, without copying
   * those not copied yet. */
  if (a->text != NULL && a->text == b->text)
    return TRUE;
  sa = peek_sentence (a, &la);
  sb = peek_sentence (b, &lb);
  if (sa == NULL || sb == NULL)
    return sa == sb;
  return la == lb && memcmp (sa, sb, la) == 0;
}
