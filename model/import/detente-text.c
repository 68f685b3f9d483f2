/* detente-text.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-source.h"
#include "detente-text-private.h"

/* Sentences and tokens of a UTF-8 text, by byte offsets into it. A full
 * stop ends a sentence unless it closes an abbreviation ("Mr.", "Nov."), an
 * initial ("J.") or an acronym ("U.S.") that the next word does not show to
 * be the end; a blank line always ends one. The text is never changed, so
 * every span can be cut from it exactly. */

/* The struct, its tokens, its sentences and a copy of the text are one
 * allocation: the arrays are built in memory each thread keeps (see
 * Builder), then copied behind the struct at their final size. A text made
 * by _detente_text_new_shared() holds its caller's GRefString, @shared,
 * instead of the copy. */
struct _DetenteText
{
  gatomicrefcount  ref;
  guint            n_tokens;
  guint            n_sentences;
  gsize            length;
  const char      *text;
  char            *shared;
  DetenteToken    *tokens;
  DetenteSpan     *sentences;
};

/* A text while it is cut up: @text is the caller's, and the arrays are
 * the thread's, kept from one text to the next. */
typedef struct
{
  const char   *text;
  gsize         length;
  DetenteToken *tokens;
  gsize         n_tokens;
  gsize         tokens_size;
  DetenteSpan  *sentences;
  gsize         n_sentences;
  gsize         sentences_size;
} Builder;

G_DEFINE_BOXED_TYPE (DetenteText, detente_text, detente_text_ref, detente_text_unref)

/* Words whose full stop does not end a sentence. Sorted in byte order
 * (strcmp), for a binary search: the words are asked about at every full
 * stop. */
static const char * const abbreviations[] = {
  "Adm", "Amb", "Apr", "Aug", "Bros", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Dec", "Dept",
  "Dr", "Feb", "Fig", "Fri", "Ft", "Gen", "Gov", "Hon", "Inc", "Jan", "Jr", "Jul", "Jun", "Lt",
  "Ltd", "Maj", "Mar", "Messrs", "Mon", "Mr", "Mrs", "Ms", "Mt", "No", "Nos", "Nov", "Oct", "Pres",
  "Prof", "Rep", "Rev", "Sat", "Sen", "Sep", "Sept", "Sgt", "Sr", "St", "Sun", "Thu", "Thur",
  "Thurs", "Tue", "Tues", "Univ", "Vol", "Wed", "approx", "est", "pp", "vs",
};

/* Words that, capitalised after an acronym such as "U.S.", show that the
 * acronym ended the sentence: "…in the U.S. The talks…". A name after it
 * ("U.S. President…") does not. Sorted in byte order. */
static const char * const sentence_starters[] = {
  "A", "After", "Also", "Although", "An", "And", "As", "At", "Because", "Before", "Both", "But",
  "By", "Earlier", "For", "From", "He", "Her", "His", "However", "I", "If", "In", "It", "Its",
  "Last", "Later", "Many", "Meanwhile", "Most", "Neither", "Next", "On", "Our", "She", "Since",
  "Some", "Still", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
  "Though", "We", "When", "While", "With", "Yet", "You",
};

/* Whether the @len bytes of @word are one of the sorted @list. */
static gboolean
in_list (const char * const *list,
         gsize               n,
         const char         *word,
         gsize               len)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      const char *entry = list[mid];
      gsize i = 0;
      int c;

      /* The word holds no NUL: a shorter entry stops at its own, and sorts
       * first; a longer one sorts after. */
      while (i < len && entry[i] == word[i])
        i++;
      c = i < len ? (guchar) entry[i] - (guchar) word[i] : entry[len] != '\0';
      if (c == 0)
        return TRUE;
      if (c > 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return FALSE;
}

static gboolean
is_cjk (gunichar c)
{
  /* Most text is Latin: skip the script lookup below the CJK blocks. */
  if (c < 0x2E80)
    return FALSE;
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_word_char_slow (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);

  return g_unichar_isalnum (c) || t == G_UNICODE_NON_SPACING_MARK ||
         t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK;
}

static inline gboolean
is_word_char (gunichar c)
{
  return c < 0x80 ? g_ascii_isalnum (c) : is_word_char_slow (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_joining_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

static gboolean
is_terminal (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 ||
         c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
}

/* Closing quotes and brackets that stay with the sentence they close. */
static gboolean
is_closer (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x2019 || c == 0x201D ||
         c == 0x00BB || c == 0x300D || c == 0x300F || c == 0xFF09;
}

static gunichar
char_at (Builder *self,
         gsize    offset)
{
  if (offset >= self->length)
    return 0;
  if ((guchar) self->text[offset] < 0x80)
    return (guchar) self->text[offset];
  return g_utf8_get_char (self->text + offset);
}

static gsize
next_offset (Builder *self,
             gsize    offset)
{
  return g_utf8_next_char (self->text + offset) - self->text;
}

static inline void
add_token (Builder          *self,
           gsize             start,
           gsize             end,
           DetenteTokenKind  kind)
{
  DetenteToken token = { { start, end - start }, 0, kind };

  /* Grown by doubling: appending one by one costs more than cutting the
   * text into tokens. */
  if (G_UNLIKELY (self->n_tokens == self->tokens_size))
    {
      self->tokens_size = MAX (self->length / 4 + 16, self->tokens_size * 2);
      self->tokens = g_renew (DetenteToken, self->tokens, self->tokens_size);
    }
  self->tokens[self->n_tokens++] = token;
}

/* Most words end at a space: no ASCII byte but these goes on with one. */
static inline gboolean
ends_word (gunichar c)
{
  return c < 0x80 && c != '\'' && c != '-' && c != '.' && c != ',';
}

/* The rest of read_word(), from @p on. */
static gsize
read_word_from (Builder *self,
                gsize    start,
                gsize    p)
{
  for (;;)
    {
      gunichar c;
      gsize q;

      /* ASCII letters and digits, the bulk of any Latin text; the text's
       * NUL ends them. */
      while (g_ascii_isalnum (self->text[p]))
        p++;
      c = char_at (self, p);
      if (ends_word (c) && p > start)
        break;
      if (c != 0 && is_word_char (c) && !is_cjk (c))
        {
          p = next_offset (self, p);
          continue;
        }
      if (p == start || c == 0)
        break;

      q = next_offset (self, p);
      /* Inside a word: "Xi's", "co-operation", "3.5", "1,000". */
      if ((is_apostrophe (c) || is_joining_hyphen (c)) && is_word_char (char_at (self, q)) &&
          !is_cjk (char_at (self, q)))
        {
          p = q;
          continue;
        }
      if ((c == '.' || c == ',') && g_unichar_isdigit (char_at (self, p - 1)) &&
          g_unichar_isdigit (char_at (self, q)))
        {
          p = q;
          continue;
        }
      /* "U.S.", "U.K.": single letters joined by dots, the last dot kept. */
      if (c == '.' && g_ascii_isupper (self->text[q]) && self->text[q + 1] == '.' &&
          g_ascii_isupper (self->text[p - 1]) && (p - start == 1 || self->text[p - 2] == '.'))
        {
          p = q + 2;
          continue;
        }
      break;
    }
  return p;
}

/* A word, a number, or an acronym with its dots. The common word of
 * ASCII letters and digits ends here, the others in read_word_from(). */
static inline gsize
read_word (Builder *self,
           gsize    start)
{
  gsize p = start;

  while (g_ascii_isalnum (self->text[p]))
    p++;
  if (p > start && ends_word ((guchar) self->text[p]))
    return p;
  return read_word_from (self, start, p);
}

static void
tokenize (Builder *self)
{
  gsize p = 0;

  while (p < self->length)
    {
      gunichar c;
      gsize end;

      /* A space, the commonest byte between tokens. */
      if (g_ascii_isspace (self->text[p]))
        {
          p++;
          continue;
        }
      /* A word that begins with an ASCII letter, which no number does. */
      if (g_ascii_isalpha (self->text[p]))
        {
          end = read_word (self, p);
          add_token (self, p, end, DETENTE_TOKEN_WORD);
          p = end;
          continue;
        }
      c = char_at (self, p);
      if (c >= 0x80 && (g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B))
        {
          p = next_offset (self, p);
          continue;
        }

      if (is_cjk (c))
        {
          end = next_offset (self, p);
          add_token (self, p, end, DETENTE_TOKEN_WORD);
        }
      else if (is_word_char (c))
        {
          gboolean number = TRUE;

          end = read_word (self, p);
          /* Numbers are ASCII digits, dots and commas; anything else,
           * letters of any script included, makes a word. */
          for (gsize q = p; q < end && number; q++)
            number = g_ascii_isdigit (self->text[q]) || self->text[q] == '.' || self->text[q] == ',';
          add_token (self, p, end, number ? DETENTE_TOKEN_NUMBER : DETENTE_TOKEN_WORD);
        }
      else
        {
          end = next_offset (self, p);
          /* "..." is one mark, as "…" is. */
          if (c == '.')
            while (char_at (self, end) == '.')
              end++;
          add_token (self, p, end, DETENTE_TOKEN_PUNCTUATION);
        }
      p = end;
    }
}

static inline const DetenteToken *
token (Builder *self,
       guint    i)
{
  return &self->tokens[i];
}

static gsize
token_end (const DetenteToken *t)
{
  return t->span.offset + t->span.length;
}

static gboolean
line_breaks_between (Builder *self,
                     gsize    from,
                     gsize    to)
{
  const char *nl = memchr (self->text + from, '\n', to - from);

  return nl != NULL && memchr (nl + 1, '\n', self->text + to - (nl + 1)) != NULL;
}

/* A blank line between two tokens. Two line breaks need two bytes, and
 * most tokens are a space apart or none. */
static inline gboolean
paragraph_between (Builder *self,
                   gsize    from,
                   gsize    to)
{
  return to - from >= 2 && line_breaks_between (self, from, to);
}

static gboolean
may_start_sentence (Builder            *self,
                    const DetenteToken *t)
{
  gunichar c = char_at (self, t->span.offset);

  return g_unichar_isupper (c) || g_unichar_istitle (c) || g_unichar_isdigit (c) || is_cjk (c) ||
         c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x2018 ||
         c == 0x00AB || c == 0x300C || c == 0x2014 || c == 0x2013 || c == '-';
}

/* Whether the sentence ends with token @i, the last of a candidate ending
 * (a mark and any closing quotes), @mark being the mark itself. */
static gboolean
ends_sentence (Builder *self,
               guint    mark,
               guint    i)
{
  const DetenteToken *m = token (self, mark);
  gunichar c = char_at (self, m->span.offset);
  const DetenteToken *next;

  if (i + 1 >= self->n_tokens)
    return TRUE;
  next = token (self, i + 1);
  if (paragraph_between (self, token_end (token (self, i)), next->span.offset))
    return TRUE;
  /* Ideographic full stops need no space after them. */
  if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E)
    return TRUE;
  if (next->span.offset == token_end (token (self, i)))
    return FALSE;

  if (m->kind == DETENTE_TOKEN_PUNCTUATION && c == '.' && m->span.length == 1 && mark > 0)
    {
      const DetenteToken *w = token (self, mark - 1);

      /* "Mr. Wang", "J. Blinken": only when the word touches the dot. */
      if (token_end (w) == m->span.offset && w->kind == DETENTE_TOKEN_WORD &&
          (in_list (abbreviations, G_N_ELEMENTS (abbreviations), self->text + w->span.offset, w->span.length) ||
           (next_offset (self, w->span.offset) == token_end (w) &&
            g_unichar_isupper (char_at (self, w->span.offset)))))
        return FALSE;
    }

  return may_start_sentence (self, next);
}

static void
add_sentence (Builder *self,
              guint    first,
              guint    last)
{
  DetenteSpan span = { token (self, first)->span.offset, 0 };

  /* Its tokens were told their sentence as split_sentences() read them. */
  span.length = token_end (token (self, last)) - span.offset;
  if (G_UNLIKELY (self->n_sentences == self->sentences_size))
    {
      self->sentences_size = MAX (self->length / 64 + 16, self->sentences_size * 2);
      self->sentences = g_renew (DetenteSpan, self->sentences, self->sentences_size);
    }
  self->sentences[self->n_sentences++] = span;
}

static void
split_sentences (Builder *self)
{
  guint first = 0;

  for (guint i = 0; i < self->n_tokens; i++)
    {
      const DetenteToken *t = token (self, i);
      guint last = i;
      gboolean end;

      /* A token belongs to the sentence that is open when it is read: the
       * next to be added. */
      self->tokens[i].sentence = self->n_sentences;
      if (t->kind == DETENTE_TOKEN_PUNCTUATION && is_terminal (char_at (self, t->span.offset)))
        {
          /* Closing quotes and brackets belong to the sentence. */
          while (last + 1 < self->n_tokens &&
                 token (self, last + 1)->span.offset == token_end (token (self, last)) &&
                 token (self, last + 1)->kind == DETENTE_TOKEN_PUNCTUATION &&
                 is_closer (char_at (self, token (self, last + 1)->span.offset)))
            self->tokens[++last].sentence = self->n_sentences;
          end = ends_sentence (self, i, last);
        }
      else if (t->kind == DETENTE_TOKEN_WORD && t->span.length > 2 &&
               self->text[token_end (t) - 1] == '.')
        {
          /* An acronym "U.S." ends a sentence only before a word that
           * starts sentences, a blank line, or the end. */
          const DetenteToken *next = i + 1 < self->n_tokens ? token (self, i + 1) : NULL;

          end = next == NULL || paragraph_between (self, token_end (t), next->span.offset) ||
                (next->kind == DETENTE_TOKEN_WORD &&
                 in_list (sentence_starters, G_N_ELEMENTS (sentence_starters),
                          self->text + next->span.offset, next->span.length));
        }
      else
        end = i + 1 >= self->n_tokens ||
              paragraph_between (self, token_end (t), token (self, i + 1)->span.offset);

      if (end)
        {
          add_sentence (self, first, last);
          first = last + 1;
          i = last;
        }
    }
}

/* Each thread keeps its builder, and the room its arrays grew to up to
 * this many bytes each, from one text to the next: an import cuts
 * thousands of texts. */
#define BUILDER_KEEP (1024 * 1024)

static void
builder_free (gpointer data)
{
  Builder *builder = data;

  g_free (builder->tokens);
  g_free (builder->sentences);
  g_free (builder);
}

static GPrivate builder_key = G_PRIVATE_INIT (builder_free);

/* Cuts @text, @length bytes of valid UTF-8, into a new DetenteText that
 * holds @shared, a GRefString of it, or else a copy of it. */
static DetenteText *
text_new (const char *text,
          gsize       length,
          char       *shared)
{
  DetenteText *self;
  Builder *builder;
  gsize tokens_size, sentences_size, copy_size;

  if ((builder = g_private_get (&builder_key)) == NULL)
    {
      builder = g_new0 (Builder, 1);
      g_private_set (&builder_key, builder);
    }
  builder->text = text;
  builder->length = length;
  builder->n_tokens = 0;
  builder->n_sentences = 0;
  tokenize (builder);
  split_sentences (builder);

  tokens_size = builder->n_tokens * sizeof (DetenteToken);
  sentences_size = builder->n_sentences * sizeof (DetenteSpan);
  copy_size = shared != NULL ? 0 : length + 1;
  self = g_malloc (sizeof (DetenteText) + tokens_size + sentences_size + copy_size);
  g_atomic_ref_count_init (&self->ref);
  self->n_tokens = builder->n_tokens;
  self->n_sentences = builder->n_sentences;
  self->length = length;
  self->tokens = (DetenteToken *) (void *) (self + 1);
  self->sentences = (DetenteSpan *) (void *) ((char *) self->tokens + tokens_size);
  /* Empty arrays may have no memory at all. */
  if (tokens_size > 0)
    memcpy (self->tokens, builder->tokens, tokens_size);
  if (sentences_size > 0)
    memcpy (self->sentences, builder->sentences, sentences_size);
  if (shared != NULL)
    {
      self->shared = g_ref_string_acquire (shared);
      self->text = shared;
    }
  else
    {
      char *copy = (char *) self->sentences + sentences_size;

      memcpy (copy, text, length + 1);
      self->shared = NULL;
      self->text = copy;
    }

  builder->text = NULL;
  if (builder->tokens_size * sizeof (DetenteToken) > BUILDER_KEEP)
    {
      g_clear_pointer (&builder->tokens, g_free);
      builder->tokens_size = 0;
    }
  if (builder->sentences_size * sizeof (DetenteSpan) > BUILDER_KEEP)
    {
      g_clear_pointer (&builder->sentences, g_free);
      builder->sentences_size = 0;
    }
  return self;
}

/**
 * detente_text_new:
 * @text: valid UTF-8
 *
 * Splits @text into sentences and tokens.
 *
 * Returns: (transfer full): the analysed text
 */
DetenteText *
detente_text_new (const char *text)
{
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);
  length = strlen (text);
  g_return_val_if_fail (detente_source_check_text (text, length, NULL), NULL);

  return text_new (text, length, NULL);
}

/* Like detente_text_new(), holding @text, a GRefString of @length bytes
 * that the caller has already checked, instead of checking and copying
 * it: the extractor's text is the source's, and valid. */
DetenteText *
_detente_text_new_shared (char  *text,
                          gsize  length)
{
  g_return_val_if_fail (text != NULL, NULL);

  return text_new (text, length, text);
}

/**
 * detente_text_ref:
 * @self: a text
 *
 * Returns: (transfer full): @self
 */
DetenteText *
detente_text_ref (DetenteText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

/**
 * detente_text_unref:
 * @self: a text
 */
void
detente_text_unref (DetenteText *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_clear_pointer (&self->shared, g_ref_string_release);
  g_free (self);
}

/**
 * detente_text_get_text:
 * @self: a text
 *
 * Returns: (transfer none): the text the spans point into
 */
const char *
detente_text_get_text (DetenteText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

/**
 * detente_text_get_n_sentences:
 * @self: a text
 *
 * Returns: how many sentences it has
 */
guint
detente_text_get_n_sentences (DetenteText *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_sentences;
}

/**
 * detente_text_get_sentence:
 * @self: a text
 * @index: a sentence index
 *
 * Returns: (transfer none): where the sentence is, without the white space
 *   around it
 */
const DetenteSpan *
detente_text_get_sentence (DetenteText *self,
                           guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_sentences, NULL);
  return &self->sentences[index];
}

/**
 * detente_text_dup_sentence:
 * @self: a text
 * @index: a sentence index
 *
 * Returns: (transfer full): the sentence exactly as it stands in the text
 */
char *
detente_text_dup_sentence (DetenteText *self,
                           guint        index)
{
  const DetenteSpan *span = detente_text_get_sentence (self, index);

  g_return_val_if_fail (span != NULL, NULL);
  return g_strndup (self->text + span->offset, span->length);
}

/**
 * detente_text_get_n_tokens:
 * @self: a text
 *
 * Returns: how many tokens it has
 */
guint
detente_text_get_n_tokens (DetenteText *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_tokens;
}

/**
 * detente_text_get_token:
 * @self: a text
 * @index: a token index
 *
 * Returns: (transfer none): the token
 */
const DetenteToken *
detente_text_get_token (DetenteText *self,
                        guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_tokens, NULL);
  return &self->tokens[index];
}

/**
 * detente_text_sentence_at:
 * @self: a text
 * @offset: a byte offset
 *
 * Returns: the index of the sentence that contains or follows @offset, or
 *   the number of sentences if none does
 */
guint
detente_text_sentence_at (DetenteText *self,
                          guint        offset)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, 0);

  hi = self->n_sentences;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const DetenteSpan *s = &self->sentences[mid];

      if (s->offset + s->length <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}
