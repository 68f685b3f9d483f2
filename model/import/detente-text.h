/* detente-text.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DETENTE_TYPE_TEXT (detente_text_get_type ())

typedef enum
{
  DETENTE_TOKEN_WORD,
  DETENTE_TOKEN_NUMBER,
  DETENTE_TOKEN_PUNCTUATION,
} DetenteTokenKind;

/**
 * DetenteSpan:
 * @offset: where it starts, in bytes of the text
 * @length: its length in bytes
 *
 * A piece of a text, by byte offsets.
 */
typedef struct
{
  guint offset;
  guint length;
} DetenteSpan;

/**
 * DetenteToken:
 * @span: where the token is
 * @sentence: the index of its sentence
 * @kind: word, number or punctuation
 *
 * A word, a number or a punctuation mark.
 */
typedef struct
{
  DetenteSpan      span;
  guint            sentence;
  DetenteTokenKind kind;
} DetenteToken;

typedef struct _DetenteText DetenteText;

GType               detente_text_get_type          (void) G_GNUC_CONST;
DetenteText        *detente_text_new               (const char  *text);
DetenteText        *detente_text_ref               (DetenteText *self);
void                detente_text_unref             (DetenteText *self);
const char         *detente_text_get_text          (DetenteText *self);
guint               detente_text_get_n_sentences   (DetenteText *self);
const DetenteSpan  *detente_text_get_sentence      (DetenteText *self,
                                                    guint        index);
char               *detente_text_dup_sentence      (DetenteText *self,
                                                    guint        index);
guint               detente_text_get_n_tokens      (DetenteText *self);
const DetenteToken *detente_text_get_token         (DetenteText *self,
                                                    guint        index);
guint               detente_text_sentence_at       (DetenteText *self,
                                                    guint        offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteText, detente_text_unref)

G_END_DECLS
