/* detente-extractor.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-extractor.h"
#include "detente-extractor-frames.h"
#include "detente-evidence-private.h"
#include "detente-source-private.h"
#include "detente-text-private.h"

/* From mentions to engagements.
 *
 * Each sentence is turned into items (detente-extractor-frames.h) and read
 * for frames. A frame gets the date the sentence gives nearest its
 * trigger, read in the tense its status implies. When the whole article is
 * read, frames that report the same engagement (same participants,
 * compatible kinds, dates, places and statuses) become one engagement with
 * every sentence as evidence; a meeting with no place of its own takes the
 * place of its participant's visit, and its date when the sentence speaks
 * of that visit. */

#define ANAPHOR_SENTENCES 3

static gboolean
dates_compatible (const DetenteDate *a,
                  const DetenteDate *b)
{
  return !detente_date_is_set (a) || !detente_date_is_set (b) || detente_date_overlaps (a, b);
}

static gboolean
places_compatible (const DetenteFoundEngagement *a,
                   const DetenteFoundEngagement *b)
{
  if (a->place_country != NULL && b->place_country != NULL)
    return strcmp (a->place_country, b->place_country) == 0;
  return TRUE;
}

static gboolean
same_participants (const DetenteFoundList *a,
                   const DetenteFoundList *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < b->len && !found; k++)
        found = g_array_index (a, guint, i) == g_array_index (b, guint, k);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* A frame begins with its engagement, so that a result can take that as
 * it is, and detente_found_engagement_free() free the frame. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (Frame, e) == 0);

/* How many participants and pieces of evidence a frame has room for in
 * its own memory: nearly all frames need no more. */
#define FRAME_PARTICIPANTS 4
#define FRAME_EVIDENCE 4

/* A frame and its lists in one allocation, the frame first: freeing the
 * engagement frees them all. Two arrays of their own cost a frame four
 * allocations more. */
typedef struct
{
  Frame             frame;
  DetenteFoundList  participants;
  DetenteFoundList  evidence;
  guint             participants_room[FRAME_PARTICIPANTS];
  DetenteSpan       evidence_room[FRAME_EVIDENCE];
} FrameBlock;

G_STATIC_ASSERT (G_STRUCT_OFFSET (FrameBlock, frame) == 0);

static void
frame_free (gpointer data)
{
  detente_found_engagement_free (data);
}

/* Makes room for one more element of @size bytes in @list. */
static void
list_grow (DetenteFoundList *list,
           gsize             size)
{
  if (list->len < list->capacity)
    return;
  list->capacity = MAX (4, list->capacity * 2);
  if (list->on_heap)
    list->data = g_realloc_n (list->data, list->capacity, size);
  else
    {
      char *data = g_malloc_n (list->capacity, size);

      memcpy (data, list->data, list->len * size);
      list->data = data;
      list->on_heap = TRUE;
    }
}

static void
add_evidence (DetenteFoundEngagement *e,
              const DetenteSpan      *span)
{
  DetenteFoundList *list = e->evidence;
  DetenteSpan *spans;
  guint at = 0;

  for (; at < list->len; at++)
    {
      const DetenteSpan *have = &g_array_index (list, DetenteSpan, at);

      if (have->offset == span->offset)
        return;
      if (have->offset > span->offset)
        break;
    }
  list_grow (list, sizeof (DetenteSpan));
  spans = (DetenteSpan *) (void *) list->data;
  memmove (spans + at + 1, spans + at, (list->len - at) * sizeof (DetenteSpan));
  spans[at] = *span;
  list->len++;
}

static void
set_place (DetenteFoundEngagement *e,
           const Place            *place)
{
  if (place == NULL || !place->set || e->place != NULL)
    return;
  e->place = g_strdup (place->name);
  g_free (e->place_country);
  e->place_country = g_strdup (place->country);
}

/**
 * _detente_frames_country_actor:
 * @ex: an extraction
 * @country: a country's entry
 *
 * Returns: the index of @country among the actors, added when the article
 *   has not named it as an actor yet
 */
guint
_detente_frames_country_actor (Extraction         *ex,
                               const DetenteEntry *country)
{
  DetenteFoundActor *actor;

  for (guint i = 0; i < ex->actors->len; i++)
    {
      const DetenteFoundActor *a = g_ptr_array_index (ex->actors, i);

      if (a->entry == country)
        return i;
    }
  if (country->kind != DETENTE_ENTRY_COUNTRY)
    return G_MAXUINT;

  actor = g_new0 (DetenteFoundActor, 1);
  actor->id = g_ascii_strdown (country->id, -1);
  actor->name = g_strdup (country->name);
  actor->kind = DETENTE_ACTOR_KIND_COUNTRY;
  actor->country = g_strdup (country->id);
  actor->entry = country;
  g_ptr_array_add (ex->actors, actor);
  return ex->actors->len - 1;
}

/**
 * _detente_frames_place_of_item:
 * @s: a sentence
 * @it: a place, or a country named as a place
 * @place: (out): where
 */
void
_detente_frames_place_of_item (Sentence   *s,
                               const Item *it,
                               Place      *place)
{
  memset (place, 0, sizeof *place);
  place->set = TRUE;
  if (it->kind == IT_ACTOR)
    {
      const DetenteFoundActor *a = actor_of (s, it);

      g_strlcpy (place->name, a->name, sizeof place->name);
      place->country = a->country;
    }
  else if (it->place->kind == DETENTE_ENTRY_COUNTRY)
    {
      /* A capital, named by the text: "Beijing" without its possessive. */
      g_strlcpy (place->name, s->ex->chars + it->offset, MIN (sizeof place->name, it->length + 1));
      place->country = it->place->id;
    }
  else
    {
      g_strlcpy (place->name, it->place->name, sizeof place->name);
      place->country = it->place->country;
    }
}

static DetenteTense
tense_of (DetenteEngagementStatus status)
{
  switch (status)
    {
    case DETENTE_ENGAGEMENT_STATUS_PLANNED:
    case DETENTE_ENGAGEMENT_STATUS_POSSIBLE:
      return DETENTE_TENSE_FUTURE;
    case DETENTE_ENGAGEMENT_STATUS_HELD:
      return DETENTE_TENSE_PAST;
    case DETENTE_ENGAGEMENT_STATUS_CANCELLED:
    case DETENTE_ENGAGEMENT_STATUS_POSTPONED:
    default:
      return DETENTE_TENSE_UNKNOWN;
    }
}

/* The dates of the sentence read in @tense. Most sentences have none whose
 * reading depends on the tense, and are scanned once for all frames. */
static GArray *
sentence_dates (Sentence     *s,
                DetenteTense  tense)
{
  Extraction *ex = s->ex;
  guint slot = tense == DETENTE_TENSE_FUTURE ? 2 : tense == DETENTE_TENSE_PAST ? 1 : 0;
  gboolean tense_matters;

  if (ex->dates[slot] != NULL)
    return ex->dates[slot];
  ex->dates[slot] = ex->date_store[slot];
  g_array_set_size (ex->dates[slot], 0);
  tense_matters = _detente_date_parse_find_into (ex->dates[slot], ex->chars + s->span.offset, s->span.length,
                                                 detente_date_is_set (&ex->reference) ? &ex->reference : NULL,
                                                 tense);
  if (!tense_matters)
    for (guint k = 0; k < G_N_ELEMENTS (ex->dates); k++)
      if (ex->dates[k] == NULL)
        ex->dates[k] = ex->dates[slot];
  return ex->dates[slot];
}

/* The date nearest the trigger in its sentence. A date after "since" is
 * when something else began, not when the engagement took place. */
static gboolean
date_near (Sentence          *s,
           guint              trigger,
           DetenteTense       tense,
           DetenteDate       *date)
{
  Extraction *ex = s->ex;
  guint at = item (s, trigger)->offset - s->span.offset;
  guint best = G_MAXUINT;
  guint lo = 0, hi = s->span.length;
  GArray *dates;

  /* Dates beyond the next engagement's words, or before the previous
   * one's, are theirs. */
  guint start, end;

  _detente_frames_date_clause (s, trigger, &start, &end);
  for (guint k = trigger; k > start; k--)
    if (_detente_frames_opens_frame (s, k - 1))
      {
        start = k;
        break;
      }
  for (guint k = trigger + 1; k < end; k++)
    if (_detente_frames_opens_frame (s, k))
      {
        end = k;
        break;
      }
  lo = start > 0 ? item (s, start - 1)->offset + item (s, start - 1)->length - s->span.offset : 0;
  hi = end < s->n_items ? item (s, end)->offset - s->span.offset : s->span.length;

  dates = sentence_dates (s, tense);

  for (guint i = 0; i < dates->len; i++)
    {
      const DetenteDateMatch *m = &g_array_index (dates, DetenteDateMatch, i);
      guint distance = m->offset >= at ? m->offset - at : at - (m->offset + m->length);
      gboolean after_since = FALSE;

      for (guint k = 0; k < s->n_items; k++)
        if (item (s, k)->offset - s->span.offset >= m->offset)
          {
            after_since = k > 0 && (strcmp (item (s, k - 1)->key, "since") == 0 ||
                                    strcmp (item (s, k - 1)->key, "until") == 0);
            break;
          }
      if (after_since || (m->relative && !detente_date_is_set (&ex->reference)) ||
          m->offset < lo || m->offset >= hi)
        continue;
      if (distance < best)
        {
          best = distance;
          *date = m->date;
          /* "in June this year": the month and its year, read as two. */
          for (guint k = 0; k < dates->len; k++)
            {
              const DetenteDateMatch *n = &g_array_index (dates, DetenteDateMatch, k);

              if (n != m && detente_date_get_precision (&n->date) > detente_date_get_precision (&m->date) &&
                  detente_date_overlaps (&n->date, &m->date) &&
                  (n->offset + n->length + 1 >= m->offset && n->offset <= m->offset + m->length + 1))
                *date = n->date;
            }
        }
    }
  return best != G_MAXUINT;
}

/* What _detente_frames_emit() does, with the @n_participants actor
 * indices @participants. */
static void
emit (Sentence                *s,
      guint                    trigger,
      DetenteEngagementKind    kind,
      DetenteEngagementStatus  status,
      const guint             *participants,
      guint                    n_participants,
      const Place             *place,
      double                   confidence)
{
  FrameBlock *block;
  Frame *f;

  if (n_participants == 0 || (n_participants < 2 && kind != DETENTE_ENGAGEMENT_KIND_VISIT))
    return;
  /* An engagement of one actor with itself is not an engagement. */
  /* A visit within one's own country ("the senator visited the border")
   * is no diplomacy. */
  if (kind == DETENTE_ENGAGEMENT_KIND_VISIT && place != NULL && place->set && place->country != NULL)
    {
      gboolean home = TRUE;

      for (guint i = 0; i < n_participants && home; i++)
        {
          const DetenteFoundActor *a = g_ptr_array_index (s->ex->actors, participants[i]);

          home = g_strcmp0 (a->country, place->country) == 0;
        }
      if (home)
        return;
    }

  block = g_new0 (FrameBlock, 1);
  f = &block->frame;
  f->e.kind = kind;
  f->e.status = status;
  block->participants.len = n_participants;
  if (n_participants <= FRAME_PARTICIPANTS)
    {
      block->participants.data = (char *) block->participants_room;
      block->participants.capacity = FRAME_PARTICIPANTS;
    }
  else
    {
      block->participants.data = g_malloc_n (n_participants, sizeof (guint));
      block->participants.capacity = n_participants;
      block->participants.on_heap = TRUE;
    }
  memcpy (block->participants.data, participants, n_participants * sizeof (guint));
  f->e.participants = &block->participants;
  block->evidence.data = (char *) block->evidence_room;
  block->evidence.capacity = FRAME_EVIDENCE;
  block->evidence_room[0] = s->span;
  block->evidence.len = 1;
  f->e.evidence = &block->evidence;
  f->e.confidence = confidence;
  f->e.host = G_MAXUINT;
  set_place (&f->e, place);
  f->weak_status = s->weak_status;
  f->dated_here = date_near (s, trigger, s->weak_status ? DETENTE_TENSE_UNKNOWN : tense_of (status),
                             &f->e.date);
  f->sentence = s->index;
  f->trigger = item (s, trigger)->offset;
  f->visit_context = s->ex->visit_words;
  g_ptr_array_add (s->ex->frames, f);

  if (n_participants >= 2 && kind != DETENTE_ENGAGEMENT_KIND_VISIT)
    {
      g_array_set_size (s->ex->pair, 0);
      g_array_append_vals (s->ex->pair, participants, n_participants);
    }
}

/**
 * _detente_frames_emit:
 * @s: the sentence
 * @trigger: the item that opened the frame
 * @kind: what kind of engagement
 * @status: held, planned…
 * @participants: actor indices
 * @place: (nullable): where, if the frame says
 * @confidence: how sure the frame is
 *
 * Records one engagement the sentence reports.
 */
void
_detente_frames_emit (Sentence                *s,
                      guint                    trigger,
                      DetenteEngagementKind    kind,
                      DetenteEngagementStatus  status,
                      GArray                  *participants,
                      const Place             *place,
                      double                   confidence)
{
  emit (s, trigger, kind, status, (const guint *) (void *) participants->data, participants->len, place,
        confidence);
}

/**
 * _detente_frames_anaphor:
 * @s: the sentence
 * @trigger: the noun ("the talks", "that meeting")
 * @kind: the kind it names
 * @place: (nullable): a place the sentence gives it
 *
 * Adds the sentence as evidence of the engagement "the talks" refers to:
 * the latest one of that kind in the last few sentences.
 */
void
_detente_frames_anaphor (Sentence              *s,
                         guint                  trigger,
                         DetenteEngagementKind  kind,
                         int                    status,
                         const Place           *place)
{
  GPtrArray *frames = s->ex->frames;

  if (status < 0)
    return;
  for (guint i = frames->len; i > 0; i--)
    {
      Frame *f = g_ptr_array_index (frames, i - 1);

      if (f->sentence + ANAPHOR_SENTENCES < s->index)
        break;
      if (!detente_engagement_kinds_compatible (f->e.kind, kind))
        continue;
      if (!detente_engagement_statuses_compatible (f->e.status, status))
        {
          /* "the postponement of the original trip": the same people's
           * engagement, another occurrence of it. */
          Place same = { 0 };

          if (f->e.place != NULL)
            {
              g_strlcpy (same.name, f->e.place, sizeof same.name);
              same.country = f->e.place_country;
              same.set = TRUE;
            }
          emit (s, trigger, f->e.kind, status, (const guint *) (void *) f->e.participants->data,
                f->e.participants->len, place != NULL ? place : same.set ? &same : NULL, 0.6);
          return;
        }
      add_evidence (&f->e, &s->span);
      set_place (&f->e, place);
      if (!detente_date_is_set (&f->e.date))
        f->dated_here = date_near (s, trigger, tense_of (f->e.status), &f->e.date);
      return;
    }
}

#define BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/* Lower-cases the ASCII bytes of @x, eight at a time; %FALSE, and @x left
 * as it was, if one is not ASCII. */
static inline gboolean
fold_ascii_word (guint64 *x)
{
  guint64 upper;

  if (*x & BYTES (0x80))
    return FALSE;
  upper = (*x + BYTES (0x80 - 'A')) & ~(*x + BYTES (0x80 - 'Z' - 1)) & BYTES (0x80);
  *x |= upper >> 2;
  return TRUE;
}

/* Folds a token to its key; returns the key's length. @avail bytes may be
 * read from @text on, @length of them the token's. */
static guint
fold_key (const char *text,
          guint       length,
          gsize       avail,
          char       *key,
          gsize       size)
{
  guint n = 0;

  /* Most tokens are short words of plain ASCII letters: eight bytes at a
   * time, the last eight read past the token when the text goes on (what
   * lands after the key's end is cut off by its nul). */
  if (length < size)
    {
      for (; n + 8 <= length || (n < length && n + 8 <= avail && n + 8 <= size); n += 8)
        {
          guint64 x;

          memcpy (&x, text + n, 8);
          if (n + 8 > length)
            {
              guint64 mask = (G_GUINT64_CONSTANT (1) << (8 * (length - n))) - 1;
              guint64 folded = x & mask;

              if (G_BYTE_ORDER != G_LITTLE_ENDIAN || !fold_ascii_word (&folded))
                break;
              memcpy (key + n, &folded, 8);
              n = length;
              break;
            }
          if (!fold_ascii_word (&x))
            break;
          memcpy (key + n, &x, 8);
        }
      if (n == length)
        {
          key[n] = '\0';
          return n;
        }
      for (; n < length; n++)
        {
          guchar c = (guchar) text[n];

          if (c >= 0x80)
            break;
          key[n] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
      if (n == length)
        {
          key[n] = '\0';
          return n;
        }
    }

  for (guint i = n; i < length && n + 1 < size; i++)
    {
      guchar c = (guchar) text[i];

      /* Curly apostrophes fold to the straight one. */
      if (c == 0xE2 && i + 2 < length && (guchar) text[i + 1] == 0x80 &&
          ((guchar) text[i + 2] == 0x99 || (guchar) text[i + 2] == 0x98))
        {
          key[n++] = '\'';
          i += 2;
          continue;
        }
      key[n++] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
  key[n] = '\0';
  if (n + 1 >= size && length >= size)
    {
      key[0] = '\0';
      return 0;
    }
  return n;
}

/* Whether a word ends in a possessive "'s" or "’s". */
static guint
possessive_length (const char *text,
                   guint       length)
{
  if (length >= 3 && text[length - 1] == 's' && text[length - 2] == '\'')
    return 2;
  if (length >= 5 && text[length - 1] == 's' && (guchar) text[length - 4] == 0xE2 &&
      (guchar) text[length - 3] == 0x80 && (guchar) text[length - 2] == 0x99)
    return 4;
  return 0;
}

/* A cleared item at @count in @items, which may hold more than that: a
 * sentence has hundreds of items, and g_array_append_val() costs a call
 * and a copy for each. */
static Item *
next_item (GArray *items,
           guint   count)
{
  Item *it;

  if (count == items->len)
    g_array_set_size (items, MAX (64, 2 * items->len));
  it = &g_array_index (items, Item, count);
  memset (it, 0, sizeof *it);
  return it;
}

/* Builds the items of sentence @index from its tokens and mentions;
 * @token and @mention are cursors that move through the article. */
static void
build_items (Extraction *ex,
             Sentence   *s,
             guint      *token,
             guint      *mention)
{
  guint n_tokens = detente_text_get_n_tokens (ex->text);
  guint end = s->span.offset + s->span.length;
  guint count = 0;

  ex->visit_words = FALSE;
  while (*mention < ex->mentions->len &&
         g_array_index (ex->mentions, DetenteMention, *mention).span.offset < s->span.offset)
    (*mention)++;

  while (*token < n_tokens)
    {
      const DetenteToken *t = detente_text_get_token (ex->text, *token);
      const DetenteMention *m = *mention < ex->mentions->len ? &g_array_index (ex->mentions, DetenteMention, *mention) : NULL;
      Item *it;
      guint n;

      if (t->span.offset >= end)
        break;
      it = next_item (s->items, count++);
      if (m != NULL && m->span.offset <= t->span.offset && m->span.offset < end)
        {
          guint m_end = m->span.offset + m->span.length;

          it->kind = m->kind == DETENTE_MENTION_ACTOR ? IT_ACTOR : IT_PLACE;
          it->offset = m->span.offset;
          it->length = m->span.length;
          it->actor = m->actor;
          it->place = m->place;
          /* The mention's span leaves a possessive out; its last token
           * has it. */
          while (*token < n_tokens)
            {
              const DetenteToken *u = detente_text_get_token (ex->text, *token);

              if (u->span.offset >= m_end)
                {
                  if (u->span.offset == m_end && u->kind != DETENTE_TOKEN_WORD)
                    {
                      char key[8];

                      fold_key (ex->chars + u->span.offset, u->span.length, ex->n_chars - u->span.offset, key,
                                sizeof key);
                      if (strcmp (key, "'s") == 0 || strcmp (key, "'") == 0)
                        {
                          it->possessive = TRUE;
                          (*token)++;
                        }
                    }
                  break;
                }
              if (u->span.offset + u->span.length > m_end &&
                  possessive_length (ex->chars + u->span.offset, u->span.length) > 0)
                it->possessive = TRUE;
              (*token)++;
            }
          if (it->kind == IT_ACTOR && ((const DetenteFoundActor *) g_ptr_array_index (ex->actors, it->actor))->kind ==
                                     DETENTE_ACTOR_KIND_PERSON)
            {
              if (ex->focus == G_MAXUINT || s->items->len == 0 || TRUE)
                {
                  /* The focus for "he" in later sentences is set below. */
                }
            }
          (*mention)++;
          continue;
        }

      it->kind = t->kind == DETENTE_TOKEN_PUNCTUATION ? IT_PUNCT : IT_WORD;
      it->offset = t->span.offset;
      it->length = t->span.length;
      it->actor = G_MAXUINT;
      n = fold_key (ex->chars + t->span.offset, t->span.length, ex->n_chars - t->span.offset, it->key,
                    sizeof it->key);
      if (it->kind == IT_WORD)
        {
          guint p = possessive_length (it->key, n);

          if (p > 0)
            {
              n -= p == 4 ? 2 : p;
              it->key[n] = '\0';
              it->possessive = TRUE;
            }
          /* "didn't": the negation is what matters. Only the first "n't"
           * of a key counts, and only when it ends the key. */
          if (n > 3 && memcmp (it->key + n - 3, "n't", 3) == 0 && strstr (it->key, "n't") == it->key + n - 3)
            {
              strcpy (it->key, "n't");
              n = 3;
            }
          it->cap = g_ascii_isupper (ex->chars[t->span.offset]);
          it->info = _detente_extractor_word (it->key, n);
          if (it->info != NULL && (it->info->trigger == T_VISIT || it->info->trigger == T_N_VISIT))
            ex->visit_words = TRUE;
        }
      (*token)++;
    }
  g_array_set_size (s->items, count);
  s->n_items = count;
}

/* The date relative expressions are read against: the publication date,
 * else the latest year the article names ("in June this year" in an
 * undated article that spoke of June 2023 a paragraph before). */
static DetenteDate
reference_date (const char        *text,
                const DetenteDate *published)
{
  g_autoptr(GArray) dates = NULL;
  DetenteDate reference = DETENTE_DATE_INIT;
  int year = 0;

  if (published != NULL && detente_date_is_set (published))
    return *published;
  dates = detente_date_parse_find (text, -1, NULL, DETENTE_TENSE_UNKNOWN);
  for (guint i = 0; i < dates->len; i++)
    {
      const DetenteDateMatch *m = &g_array_index (dates, DetenteDateMatch, i);

      if (!m->relative && m->date.year > year && m->date.year < 10000)
        year = m->date.year;
    }
  if (year > 0)
    detente_date_set (&reference, year, 0, 0);
  return reference;
}

static void
merge_frames (Extraction *ex,
              gboolean    visits_only)
{
  for (guint i = 0; i < ex->frames->len; i++)
    {
      Frame *f = g_ptr_array_index (ex->frames, i);

      if (visits_only && f->e.kind != DETENTE_ENGAGEMENT_KIND_VISIT)
        continue;
      for (guint k = 0; k < i; k++)
        {
          Frame *g = g_ptr_array_index (ex->frames, k);

          /* One sentence that tells of two statuses ("hopes to meet Xi
           * again, after their meeting in Bali") tells of two
           * engagements. */
          if (g->sentence == f->sentence && g->e.status != f->e.status)
            continue;
          if (!same_participants (f->e.participants, g->e.participants) ||
              !detente_engagement_kinds_compatible (f->e.kind, g->e.kind) ||
              !detente_engagement_statuses_compatible (f->e.status, g->e.status) ||
              !dates_compatible (&f->e.date, &g->e.date) || !places_compatible (&f->e, &g->e))
            continue;

          for (guint e = 0; e < f->e.evidence->len; e++)
            add_evidence (&g->e, &g_array_index (f->e.evidence, DetenteSpan, e));
          if (g->e.place == NULL && f->e.place != NULL)
            {
              g->e.place = g_steal_pointer (&f->e.place);
              g_free (g->e.place_country);
              g->e.place_country = g_steal_pointer (&f->e.place_country);
            }
          if (g->e.place_country == NULL && f->e.place_country != NULL)
            g->e.place_country = g_steal_pointer (&f->e.place_country);
          /* The more precise date wins: "in June" then "on June 18". */
          if (detente_date_get_precision (&f->e.date) > detente_date_get_precision (&g->e.date))
            g->e.date = f->e.date;
          g->e.confidence = MAX (g->e.confidence, f->e.confidence);
          /* A verb's status tells more than a noun's default. */
          if (g->weak_status && !f->weak_status)
            {
              g->e.status = f->e.status;
              g->weak_status = FALSE;
            }
          g->visit_context |= f->visit_context;
          g_ptr_array_remove_index (ex->frames, i);
          i--;
          break;
        }
    }
}

static gboolean
has_participant (const DetenteFoundEngagement *e,
                 guint                         actor)
{
  for (guint i = 0; i < e->participants->len; i++)
    if (g_array_index (e->participants, guint, i) == actor)
      return TRUE;
  return FALSE;
}

/* "During his visit, Blinken met Xi": a meeting with no place of its own
 * took place where one of its participants was visiting at the time. */
static void
meetings_in_visits (Extraction *ex)
{
  for (guint i = 0; i < ex->frames->len; i++)
    {
      Frame *f = g_ptr_array_index (ex->frames, i);

      if (f->e.kind == DETENTE_ENGAGEMENT_KIND_VISIT || f->e.kind == DETENTE_ENGAGEMENT_KIND_INVITATION ||
          f->e.kind == DETENTE_ENGAGEMENT_KIND_CALL || f->e.place != NULL)
        continue;

      for (guint k = 0; k < ex->frames->len; k++)
        {
          Frame *v = g_ptr_array_index (ex->frames, k);
          gboolean shared = FALSE;

          if (v->e.kind != DETENTE_ENGAGEMENT_KIND_VISIT || v->e.place == NULL ||
              !detente_engagement_statuses_compatible (v->e.status, f->e.status) ||
              !dates_compatible (&v->e.date, &f->e.date))
            continue;
          for (guint p = 0; p < v->e.participants->len && !shared; p++)
            shared = has_participant (&f->e, g_array_index (v->e.participants, guint, p));
          if (!shared)
            continue;

          /* The visitor meets the people of the country visited. */
          f->e.place = g_strdup (v->e.place);
          f->e.place_country = g_strdup (v->e.place_country);
          if (!detente_date_is_set (&f->e.date) && f->visit_context)
            f->e.date = v->e.date;
          break;
        }
    }
}

/* An engagement dated after the article was published has not happened
 * yet, whatever the words said. */
static void
planned_if_later (Extraction        *ex,
                  const DetenteDate *published)
{
  guint32 day;

  if (published == NULL || !detente_date_is_set (published) ||
      detente_date_get_precision (published) != DETENTE_DATE_PRECISION_DAY)
    return;
  day = detente_date_get_last_day (published);
  for (guint i = 0; i < ex->frames->len; i++)
    {
      Frame *f = g_ptr_array_index (ex->frames, i);

      if (f->e.status == DETENTE_ENGAGEMENT_STATUS_HELD && detente_date_is_set (&f->e.date) &&
          detente_date_get_first_day (&f->e.date) > day)
        f->e.status = DETENTE_ENGAGEMENT_STATUS_PLANNED;
    }
}

/* A visit goes from the visitor to the host country. */
static void
host_countries (Extraction *ex)
{
  /* The country looked up last: an article's visits are mostly to one. */
  const char *last_id = NULL;
  const DetenteEntry *last_country = NULL;

  for (guint i = 0; i < ex->frames->len; i++)
    {
      Frame *f = g_ptr_array_index (ex->frames, i);
      const DetenteEntry *country;
      guint host;

      if (f->e.kind != DETENTE_ENGAGEMENT_KIND_VISIT || f->e.place_country == NULL)
        continue;
      if (last_id == NULL || strcmp (last_id, f->e.place_country) != 0)
        {
          last_id = f->e.place_country;
          last_country = detente_gazetteer_lookup_id (ex->gazetteer, DETENTE_ENTRY_COUNTRY, last_id);
        }
      country = last_country;
      if (country == NULL)
        continue;
      host = _detente_frames_country_actor (ex, country);
      if (host != G_MAXUINT && !has_participant (&f->e, host))
        f->e.host = host;
    }
}

static int
compare_frames (gconstpointer a,
                gconstpointer b)
{
  const Frame *x = *(Frame * const *) a;
  const Frame *y = *(Frame * const *) b;
  guint xo = g_array_index (x->e.evidence, DetenteSpan, 0).offset;
  guint yo = g_array_index (y->e.evidence, DetenteSpan, 0).offset;

  if (xo != yo)
    return xo < yo ? -1 : 1;
  return x->trigger < y->trigger ? -1 : x->trigger > y->trigger;
}

/**
 * detente_found_engagement_free:
 * @engagement: (transfer full) (nullable): an engagement
 *
 * Frees @engagement.
 */
void
detente_found_engagement_free (DetenteFoundEngagement *engagement)
{
  if (engagement == NULL)
    return;
  /* The lists are in the engagement's memory, see FrameBlock. */
  if (engagement->participants->on_heap)
    g_free (engagement->participants->data);
  if (engagement->evidence->on_heap)
    g_free (engagement->evidence->data);
  g_free (engagement->place);
  g_free (engagement->place_country);
  g_free (engagement);
}

/* What detente_extract_engagements() does, with the reference its caller
 * has already read from the text. */
static GPtrArray *
extract_engagements (DetenteText       *text,
                     DetenteMentions   *mentions,
                     const DetenteDate *published,
                     const DetenteDate *reference,
                     DetenteGazetteer  *gazetteer)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_found_engagement_free);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GArray) last_subject = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) pair = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func (frame_free);
  g_autoptr(GPtrArray) spare_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  Extraction ex = { 0 };
  Sentence s = { 0 };
  guint token = 0, mention = 0;
  guint n_sentences;

  ex.text = text;
  ex.chars = detente_text_get_text (text);
  ex.n_chars = strlen (ex.chars);
  ex.actors = mentions->actors;
  ex.mentions = mentions->mentions;
  ex.gazetteer = gazetteer;
  ex.focus = G_MAXUINT;
  ex.pair = pair;
  ex.frames = frames;
  ex.reference = *reference;
  for (guint k = 0; k < G_N_ELEMENTS (ex.date_store); k++)
    ex.date_store[k] = g_array_new (FALSE, FALSE, sizeof (DetenteDateMatch));

  s.ex = &ex;
  s.items = items;
  s.last_subject = last_subject;
  s.spare_lists = spare_lists;
  n_sentences = detente_text_get_n_sentences (text);
  for (guint i = 0; i < n_sentences; i++)
    {
      s.index = i;
      s.span = *detente_text_get_sentence (text, i);
      g_array_set_size (last_subject, 0);
      build_items (&ex, &s, &token, &mention);
      _detente_frames_read (&s);
      memset (ex.dates, 0, sizeof ex.dates);

      /* "He" in the next sentence is one of this one's persons, or the
       * person in focus so far: the one the article is most about. */
      {
        guint best = ex.focus;

        for (guint k = 0; k < s.n_items; k++)
          {
            const Item *it = item (&s, k);

            if (it->kind == IT_ACTOR && !it->possessive &&
                actor_of (&s, it)->kind == DETENTE_ACTOR_KIND_PERSON &&
                (best == G_MAXUINT ||
                 actor_of (&s, it)->mentions > ((DetenteFoundActor *) g_ptr_array_index (ex.actors, best))->mentions))
              best = it->actor;
          }
        if (best != G_MAXUINT)
          ex.focus = best;
      }
    }

  /* Visits first, so that meetings during them know where they were
   * before meetings are merged. */
  merge_frames (&ex, TRUE);
  meetings_in_visits (&ex);
  merge_frames (&ex, FALSE);
  planned_if_later (&ex, published);
  g_ptr_array_sort (frames, compare_frames);
  host_countries (&ex);

  for (guint k = 0; k < G_N_ELEMENTS (ex.date_store); k++)
    g_array_unref (ex.date_store[k]);

  /* The result takes each frame's engagement as it is, see Frame. */
  for (guint i = 0; i < frames->len; i++)
    g_ptr_array_add (result, g_ptr_array_index (frames, i));
  g_ptr_array_set_free_func (frames, NULL);
  return result;
}

/**
 * detente_extract:
 * @article: an article
 * @published: (nullable): the date to read it against, instead of its own
 * @gazetteer: what is known
 *
 * Finds the actors an article refers to and the engagements it reports.
 * Safe to call from any thread.
 *
 * Returns: (transfer full): the result
 */
DetenteExtractResult *
detente_extract (const DetenteArticle *article,
                 const DetenteDate    *published,
                 DetenteGazetteer     *gazetteer)
{
  g_autoptr(DetenteText) text = NULL;
  g_autoptr(DetenteMentions) mentions = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *checksum = NULL;
  DetenteExtractResult *result;
  DetenteArticle shallow;
  DetenteDate reference;
  gsize length;

  g_return_val_if_fail (article != NULL && article->text != NULL, NULL);
  g_return_val_if_fail (DETENTE_IS_GAZETTEER (gazetteer), NULL);

  result = g_new0 (DetenteExtractResult, 1);
  /* The text is kept once, by the source. */
  shallow = *article;
  shallow.text = NULL;
  result->article = detente_article_copy (&shallow);
  /* Evidence offsets must be offsets of the source's text. The readers
   * hand over normalised text, which one pass shows to be so; only other
   * text is normalised here. */
  length = strlen (article->text);
  if (_detente_source_text_is_normal (article->text, length))
    result->text = g_ref_string_new_len (article->text, length);
  else
    {
      normal = detente_source_normalize_text (article->text);
      length = strlen (normal);
      result->text = g_ref_string_new_len (normal, length);
    }
  checksum = _detente_source_compute_id (result->text, length);
  result->source_id = g_ref_string_new (checksum);
  result->published = published != NULL && detente_date_is_set (published) ? *published
                                                                             : article->published;
  /* Roles and relative dates of an undated article are read against the
   * latest year it names; its published date stays unknown. */
  reference = reference_date (result->text, &result->published);
  text = _detente_text_new_shared ((char *) result->text, length);
  mentions = detente_mentions_find (text, gazetteer, &reference);
  /* The reference is read from the text once: what reference_date() made of
   * it, it makes of it again. */
  result->engagements = extract_engagements (text, mentions, &reference, &reference, gazetteer);
  result->actors = g_steal_pointer (&mentions->actors);
  mentions->actors = g_ptr_array_new ();

  result->source = detente_extract_result_new_source (result);
  result->evidence = g_ptr_array_new_full (result->engagements->len, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < result->engagements->len; i++)
    {
      const DetenteFoundEngagement *e = g_ptr_array_index (result->engagements, i);
      GPtrArray *evidence = g_ptr_array_new_full (e->evidence->len, g_object_unref);

      for (guint k = 0; k < e->evidence->len; k++)
        {
          const DetenteSpan *span = &g_array_index (e->evidence, DetenteSpan, k);

          if ((gsize) span->offset + span->length > length)
            continue;
          g_ptr_array_add (evidence, _detente_evidence_new_shared (result->source_id, (char *) result->text,
                                                                   span->offset, span->length));
        }
      g_ptr_array_add (result->evidence, evidence);
    }
  return result;
}

/**
 * detente_extract_result_new_source:
 * @result: a result
 *
 * Makes a new #DetenteSource of the article @result was found in, sharing
 * its text and id.
 *
 * Returns: (transfer full): the source
 */
DetenteSource *
detente_extract_result_new_source (const DetenteExtractResult *result)
{
  DetenteSource *source;

  g_return_val_if_fail (result != NULL, NULL);

  source = _detente_source_new_shared (result->source_id, (char *) result->text);
  detente_source_set_file_name (source, result->article->file_name);
  detente_source_set_title (source, result->article->title);
  detente_source_set_author (source, result->article->author);
  detente_source_set_url (source, result->article->url);
  detente_source_set_published (source, &result->published);
  return source;
}

/**
 * detente_extract_result_free:
 * @result: (transfer full) (nullable): a result
 *
 * Frees @result.
 */
void
detente_extract_result_free (DetenteExtractResult *result)
{
  if (result == NULL)
    return;
  detente_article_free (result->article);
  g_ref_string_release ((char *) result->text);
  g_ref_string_release (result->source_id);
  g_ptr_array_unref (result->actors);
  g_ptr_array_unref (result->engagements);
  g_clear_object (&result->source);
  g_ptr_array_unref (result->evidence);
  g_free (result);
}

/**
 * detente_extract_engagements:
 * @text: an article's text
 * @mentions: what it refers to
 * @published: (nullable): the date it is read against
 * @gazetteer: what is known
 *
 * Finds the engagements a text reports.
 *
 * Returns: (transfer full) (element-type DetenteFoundEngagement): them
 */
GPtrArray *
detente_extract_engagements (DetenteText       *text,
                             DetenteMentions   *mentions,
                             const DetenteDate *published,
                             DetenteGazetteer  *gazetteer)
{
  DetenteDate reference;

  g_return_val_if_fail (text != NULL && mentions != NULL, NULL);

  reference = reference_date (detente_text_get_text (text), published);
  return extract_engagements (text, mentions, published, &reference, gazetteer);
}
