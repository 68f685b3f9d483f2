/* detente-extractor-frames.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-extractor-frames.h"

/* Engagement frames, one sentence at a time.
 *
 * A sentence becomes a row of items: words (folded), punctuation, and the
 * actors and places the mentions stage found, each mention one item. A
 * trigger word opens a frame: a verb ("met", "visited", "invited") takes
 * its subject from the items before it in its clause and its objects from
 * the items after; an event noun ("a meeting between X and Y", "X's visit
 * to P", "X and Y held talks") takes them from the words around it. The
 * verb group before the trigger gives the status. Dates and places are
 * read from the same sentence; what the sentence leaves open, later
 * stages fill from the article. */

#define STATUS_WINDOW 8
#define NOUN_MODIFIERS 4

static gboolean
is_word (const Item *it,
         guint32     classes)
{
  return it->kind == IT_WORD && it->info != NULL && (it->info->classes & classes) != 0;
}

static gboolean
is_key (const Item *it,
        const char *key)
{
  return (it->kind == IT_WORD || it->kind == IT_PUNCT) && it->key[0] == key[0] && strcmp (it->key, key) == 0;
}

static gboolean
is_person (Sentence   *s,
           const Item *it)
{
  return it->kind == IT_ACTOR && actor_of (s, it)->kind == DETENTE_ACTOR_KIND_PERSON;
}

/* Punctuation that closes a clause; a comma does not (appositions and
 * lists are full of them). */
static gboolean
closes_clause (const Item *it)
{
  return it->kind == IT_PUNCT && it->key[0] != ',' && it->key[0] != '\'' &&
         !(it->key[0] == '\xE2' && strcmp (it->key, "’") == 0) && it->key[0] != '.' && it->key[0] != '(' && it->key[0] != ')' &&
         it->key[0] != '-';
}

static gboolean
find_boundary (Sentence *s,
               guint     i)
{
  const Item *it = item (s, i);

  if (closes_clause (it) || is_word (it, W_BOUNDARY))
    return TRUE;
  /* "and had meetings": a second predicate begins. */
  if (is_word (it, W_JOIN) && i + 1 < s->n_items)
    {
      const Item *next = item (s, i + 1);

      gsize n = strlen (next->key);

      /* "and followed", "and agreed": a past tense after "and" is a
       * second predicate, not a second participant. */
      if (next->kind == IT_WORD && !next->cap && n > 3 && next->key[n - 1] == 'd' && next->key[n - 2] == 'e')
        return TRUE;
      return is_word (next, W_VERB) || (next->kind == IT_WORD && next->info != NULL &&
                                        next->info->trigger != T_NONE && next->info->trigger < T_N_MEETING &&
                                        next->info->trigger != T_MEET_MAYBE);
    }
  return FALSE;
}

/* Clauses are looked for from every frame, and again for its
 * participants, dates and places: their boundaries are found once per
 * sentence. */
static void
mark_boundaries (Sentence *s)
{
  for (guint i = 0; i < s->n_items; i++)
    item (s, i)->boundary = find_boundary (s, i);
}

static inline gboolean
is_boundary (Sentence *s,
             guint     i)
{
  return item (s, i)->boundary;
}

guint
_detente_frames_clause_start (Sentence *s,
                              guint     i)
{
  while (i > 0 && !is_boundary (s, i - 1))
    i--;
  return i;
}

guint
_detente_frames_clause_end (Sentence *s,
                            guint     i)
{
  while (i < s->n_items && !is_boundary (s, i))
    i++;
  return i;
}

/* Clauses as dates see them: "during the conference in February" still
 * dates the meeting before it, and "the talks, which took place on
 * Sunday" dates the talks. */
void
_detente_frames_date_clause (Sentence *s,
                             guint     trigger,
                             guint    *start,
                             guint    *end)
{
  guint i = trigger;

  while (i > 0 && !(is_boundary (s, i - 1) && !is_word (item (s, i - 1), W_PREP)))
    i--;
  *start = i;
  i = trigger + 1;
  if (i < s->n_items && is_key (item (s, i), ","))
    i++;
  if (i < s->n_items && is_word (item (s, i), W_RELATIVE))
    i++;
  while (i < s->n_items && !(is_boundary (s, i) && !is_word (item (s, i), W_PREP)))
    i++;
  *end = i;
}

/* A country or organisation that only describes what follows it ("US
 * officials", "China's top diplomat", "the US Secretary Daniel
 * Kritenbrink") is not a participant; one that acts ("the United States
 * has invited", "China and Japan held talks") is. */
static gboolean
is_modifier (Sentence *s,
             guint     i)
{
  const Item *it = item (s, i);
  const Item *next;

  if (it->possessive)
    return TRUE;
  if (i + 1 >= s->n_items)
    return FALSE;
  next = item (s, i + 1);
  /* "the Biden administration": a person's name as a modifier. */
  if (actor_of (s, it)->kind == DETENTE_ACTOR_KIND_PERSON)
    return i > 0 && is_word (item (s, i - 1), W_DEFINITE | W_DET) && next->kind == IT_WORD && !next->cap &&
           (next->info == NULL || (next->info->classes == 0 && next->info->trigger == T_NONE));
  if (next->kind == IT_ACTOR)
    return actor_of (s, next)->kind == DETENTE_ACTOR_KIND_PERSON;
  if (next->kind != IT_WORD)
    return FALSE;
  if (next->cap)
    return TRUE;
  if (next->info == NULL)
    return TRUE;
  /* "the APEC summit", "the G20 meeting". */
  if (next->info->trigger >= T_N_MEETING || next->info->trigger == T_MEET_MAYBE)
    return TRUE;
  return next->info->classes == 0 && next->info->trigger == T_NONE;
}

/* "He" is the last person named before it in the sentence, else the
 * subject of the sentence before. */
static guint
referent_of_he (Sentence *s,
                guint     pronoun)
{
  gboolean relative = FALSE;
  gboolean before = FALSE;

  /* The subject of the sentence's last verb is the likeliest "he":
   * "Sullivan met Xi at the end of his first visit". */
  if (s->last_subject->len > 0)
    return g_array_index (s->last_subject, guint, 0);
  for (guint i = 0; i < pronoun && !before; i++)
    before = is_person (s, item (s, i));
  /* "During his visit, Blinken met …": the name comes after. */
  if (!before)
    {
      guint i = pronoun + 1;

      while (i < s->n_items && !is_key (item (s, i), ",") && !closes_clause (item (s, i)))
        i++;
      if (i + 1 < s->n_items && is_key (item (s, i), ","))
        for (guint k = i + 1; k < MIN (s->n_items, i + 6); k++)
          if (is_person (s, item (s, k)) && !item (s, k)->possessive)
            return item (s, k)->actor;
    }

  for (guint i = pronoun; i > 0; i--)
    {
      const Item *it = item (s, i - 1);

      /* "Sullivan, with whom he had met": "whom" is Sullivan, so "he"
       * is somebody else. */
      if (is_word (it, W_RELATIVE) && is_key (it, "whom"))
        relative = TRUE;
      else if (is_person (s, it) && !it->possessive)
        {
          if (!relative)
            return it->actor;
          relative = FALSE;
        }
    }
  return s->ex->focus;
}

static gboolean is_modifier (Sentence *s, guint i);

/* A person named only to describe something else: "Biden's adviser",
 * "the Biden administration". */
static gboolean
is_modifier_person (Sentence *s,
                    guint     i)
{
  return item (s, i)->possessive || is_modifier (s, i);
}

/* An empty list of actors. A frame needs a few, and an article has
 * hundreds of frames: the lists are used again rather than allocated for
 * each. */
static GArray *
take_list (Sentence *s)
{
  GArray *list;

  if (s->spare_lists->len == 0)
    return g_array_new (FALSE, FALSE, sizeof (guint));
  list = g_ptr_array_steal_index_fast (s->spare_lists, s->spare_lists->len - 1);
  g_array_set_size (list, 0);
  return list;
}

static void
give_list (Sentence *s,
           GArray   *list)
{
  g_ptr_array_add (s->spare_lists, list);
}

static void
add_unique (GArray *list,
            guint   actor)
{
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, guint, i) == actor)
      return;
  g_array_append_val (list, actor);
}

/* The actors items [from, to) name as participants: the persons when there
 * are any, else the countries and organisations that act. A capital the
 * text uses for its government ("Washington has invited") stands for its
 * country. */
static void
participants_in (Sentence *s,
                 guint     from,
                 guint     to,
                 gboolean  counterparts,
                 GArray   *out)
{
  gboolean persons = FALSE;

  for (guint i = from; i < to; i++)
    if (is_person (s, item (s, i)) && !is_modifier_person (s, i))
      {
        persons = TRUE;
        add_unique (out, item (s, i)->actor);
      }
  if (persons)
    return;

  for (guint i = from; i < to; i++)
    {
      const Item *it = item (s, i);

      /* "leaders from APEC", "officials of Japan": the actor tells
       * where somebody unnamed comes from. */
      /* "in Vienna and Malta": a country joined to a place is a place. */
      if (i >= 2 && is_word (item (s, i - 1), W_JOIN) &&
          (item (s, i - 2)->kind == IT_PLACE || is_word (item (s, i - 1), W_IN)))
        continue;
      /* "Asia-Pacific Economic Cooperation (APEC)": the acronym is the
       * name again. */
      if (i >= 2 && is_key (item (s, i - 1), "(") && item (s, i - 2)->kind == IT_ACTOR)
        continue;
      if (!counterparts && i > from && it->kind == IT_ACTOR)
        {
          guint k = is_key (item (s, i - 1), "the") && i - 1 > from ? i - 2 : i - 1;

          if (is_key (item (s, k), "from") || is_key (item (s, k), "of"))
            continue;
        }
      if (it->kind == IT_ACTOR && (!is_modifier (s, i) ||
                                   (counterparts && i + 1 < to && strncmp (item (s, i + 1)->key, "counterpart", 11) == 0)))
        add_unique (out, it->actor);
      else if (it->kind == IT_PLACE && it->place->kind == DETENTE_ENTRY_COUNTRY &&
               (i == 0 || !is_word (item (s, i - 1), W_IN)))
        {
          guint actor = _detente_frames_country_actor (s->ex, it->place);

          if (actor != G_MAXUINT)
            add_unique (out, actor);
        }
    }
}

/* The subject of a verb at @verb: the last person (with those joined to it
 * by "and") before it in its clause, else the countries that act, else a
 * pronoun's referent. */
static void
subject_of (Sentence *s,
            guint     verb,
            GArray   *out)
{
  guint start = _detente_frames_clause_start (s, verb);
  guint last = G_MAXUINT;
  guint group = verb;

  /* "X, <apposition>, met Y": the subject is the head before the
   * apposition, even when the apposition names somebody ("Antony Blinken,
   * the first to visit since President Biden took office, met …"), or the
   * apposition itself when it is the name ("his predecessor, Mike Pompeo,
   * made a stop"). */
  while (group > 0 && is_word (item (s, group - 1), W_AUX | W_PLANNED | W_POSSIBLE))
    group--;
  if (group > 1 && is_key (item (s, group - 1), ","))
    {
      guint open = group - 1;

      while (open > 0 && !is_key (item (s, open - 1), ",") && !closes_clause (item (s, open - 1)))
        open--;
      if (open > 0 && is_key (item (s, open - 1), ","))
        {
          guint head_start = _detente_frames_clause_start (s, open - 1);

          for (guint i = open - 1; i > head_start; i--)
            if (is_person (s, item (s, i - 1)) && !item (s, i - 1)->possessive)
              {
                last = i - 1;
                start = head_start;
                break;
              }
        }
    }

  for (guint i = verb; last == G_MAXUINT && i > start; i--)
    if (is_person (s, item (s, i - 1)) && !item (s, i - 1)->possessive)
      {
        last = i - 1;
        break;
      }

  if (last != G_MAXUINT)
    {
      guint first = last;

      add_unique (out, item (s, last)->actor);
      /* "Biden and Xi", "X, Y and Z": walk back over the list, through
       * "and" or a bare comma, never through a possessive ("Biden's
       * adviser, Jake Sullivan"). */
      for (guint i = last; i > start; i--)
        {
          const Item *it = item (s, i - 1);

          if (is_person (s, it))
            {
              gboolean joined = FALSE;

              if (it->possessive)
                break;
              for (guint k = i; k < first; k++)
                if (is_word (item (s, k), W_JOIN))
                  joined = TRUE;
              if (first == i + 1 && is_key (item (s, i), ","))
                joined = TRUE;
              if (!joined)
                break;
              add_unique (out, it->actor);
              first = i - 1;
            }
        }
      return;
    }

  participants_in (s, start, verb, FALSE, out);
  if (out->len > 0)
    return;

  for (guint i = verb; i > start; i--)
    {
      const Item *it = item (s, i - 1);

      if (is_word (it, W_HE) && referent_of_he (s, i - 1) != G_MAXUINT)
        {
          add_unique (out, referent_of_he (s, i - 1));
          return;
        }
      if (is_word (it, W_THEY) && s->ex->pair != NULL)
        {
          for (guint k = 0; k < s->ex->pair->len; k++)
            add_unique (out, g_array_index (s->ex->pair, guint, k));
          return;
        }
    }

  /* "Yellen visited China and had meetings with …": the second predicate
   * shares the first one's subject. */
  if (start > 0 && is_word (item (s, start - 1), W_JOIN) && s->last_subject != NULL)
    for (guint k = 0; k < s->last_subject->len; k++)
      add_unique (out, g_array_index (s->last_subject, guint, k));
}

/* The status the words before a trigger give it, or -1 when they negate
 * it. A verb's status is in its verb group ("is scheduled to meet"); a
 * noun's may be in any word before it ("the next meeting"). */
static int
status_before (Sentence *s,
               guint     from,
               guint     trigger)
{
  int status = DETENTE_ENGAGEMENT_STATUS_HELD;
  guint start = trigger > STATUS_WINDOW ? trigger - STATUS_WINDOW : 0;
  gboolean verb = item (s, trigger)->info != NULL && item (s, trigger)->info->trigger < T_N_MEETING &&
                  item (s, trigger)->info->trigger != T_MEET_MAYBE;

  start = MAX (start, from);
  for (guint i = start; i < trigger; i++)
    {
      const Item *it = item (s, i);

      /* "turned down a request for a meeting". */
      if (is_key (it, "down") && i > start && is_key (item (s, i - 1), "turned"))
        return -1;
      if (it->kind != IT_WORD || it->info == NULL)
        continue;
      if (verb && !(it->info->classes & (W_AUX | W_NEGATION | W_CANCEL | W_POSTPONE)))
        continue;
      if (it->info->classes & W_NEGATION)
        return -1;
      if (it->info->classes & W_CANCEL)
        status = DETENTE_ENGAGEMENT_STATUS_CANCELLED;
      else if ((it->info->classes & W_POSTPONE) && status != DETENTE_ENGAGEMENT_STATUS_CANCELLED)
        status = DETENTE_ENGAGEMENT_STATUS_POSTPONED;
      else if ((it->info->classes & W_POSSIBLE) && status == DETENTE_ENGAGEMENT_STATUS_HELD)
        status = DETENTE_ENGAGEMENT_STATUS_POSSIBLE;
      else if ((it->info->classes & W_PLANNED) &&
               (status == DETENTE_ENGAGEMENT_STATUS_HELD || status == DETENTE_ENGAGEMENT_STATUS_POSSIBLE))
        status = status == DETENTE_ENGAGEMENT_STATUS_HELD ? DETENTE_ENGAGEMENT_STATUS_PLANNED : status;
    }
  return status;
}

/* Status words after an event noun: "the visit was postponed". */
static int
status_after (Sentence *s,
              guint     noun,
              int       status)
{
  guint end = MIN (_detente_frames_clause_end (s, noun + 1), noun + STATUS_WINDOW);

  for (guint i = noun + 1; i < end; i++)
    {
      const Item *it = item (s, i);

      if (it->kind != IT_WORD || it->info == NULL)
        continue;
      if ((it->info->classes & W_NEGATION) && i + 1 < end && is_word (item (s, i + 1), W_HELD))
        return -1;
      if (it->info->classes & W_CANCEL)
        return DETENTE_ENGAGEMENT_STATUS_CANCELLED;
      if (it->info->classes & W_POSTPONE)
        return DETENTE_ENGAGEMENT_STATUS_POSTPONED;
      if ((it->info->classes & W_PLANNED) && status == DETENTE_ENGAGEMENT_STATUS_HELD &&
          !(it->info->classes & W_VERB))
        status = DETENTE_ENGAGEMENT_STATUS_PLANNED;
    }
  return status;
}

/* The place named after @from in the clause or the sentence: a place, a
 * capital, or a country after "in", "to" or "at". */
/**
 * _detente_frames_opens_frame:
 * @s: a sentence
 * @i: an item
 *
 * Whether item @i is a trigger that starts an engagement of its own,
 * whose dates and places are not another's. An event noun after "of",
 * "at" or "during" ("on the sidelines of the G-20 summit") is the setting
 * of the engagement before it.
 */
gboolean
_detente_frames_opens_frame (Sentence *s,
                             guint     i)
{
  const Item *it = item (s, i);

  if (it->kind != IT_WORD || it->cap || it->info == NULL || it->info->trigger == T_NONE || it->consumed)
    return FALSE;
  if (it->info->trigger >= T_N_MEETING || it->info->trigger == T_MEET_MAYBE)
    for (guint k = i; k > 0 && k + 4 > i; k--)
      {
        const Item *before = item (s, k - 1);

        if (is_key (before, "of") || is_key (before, "at") || is_key (before, "during"))
          return FALSE;
        if (before->kind == IT_PUNCT || (before->kind == IT_WORD && before->info != NULL &&
                                         before->info->classes != W_DEFINITE))
          break;
      }
  return TRUE;
}

static gboolean
place_after (Sentence   *s,
             guint       from,
             guint       to,
             Place      *place)
{
  for (guint i = from; i < to; i++)
    {
      const Item *it = item (s, i);
      const Item *prev = i > 0 ? item (s, i - 1) : NULL;

      /* Another engagement's words begin: its places are its own. */
      if (i > from && _detente_frames_opens_frame (s, i))
        return FALSE;
      if (it->kind == IT_PLACE)
        {
          _detente_frames_place_of_item (s, it, place);
          return TRUE;
        }
      if (it->kind != IT_ACTOR || it->possessive || prev == NULL)
        continue;
      if (actor_of (s, it)->kind == DETENTE_ACTOR_KIND_COUNTRY &&
          (is_word (prev, W_IN) || (prev->info != NULL && prev->info->trigger == T_VISIT)))
        {
          _detente_frames_place_of_item (s, it, place);
          return TRUE;
        }
      /* "during the Munich Security Conference": a gathering held in
       * one country. */
      if (actor_of (s, it)->kind == DETENTE_ACTOR_KIND_ORGANISATION && actor_of (s, it)->country != NULL &&
          i >= 2 && (is_key (prev, "the") && (is_key (item (s, i - 2), "during") || is_key (item (s, i - 2), "at"))))
        {
          _detente_frames_place_of_item (s, it, place);
          return TRUE;
        }
    }
  return FALSE;
}

static void
emit (Sentence              *s,
      guint                  trigger,
      DetenteEngagementKind  kind,
      int                    status,
      GArray                *participants,
      const Place           *place,
      double                 confidence)
{
  Place found = { 0 };

  if (status < 0)
    return;
  if (place == NULL || !place->set)
    {
      if (place_after (s, trigger + 1, s->n_items, &found))
        place = &found;
    }
  _detente_frames_emit (s, trigger, kind, (DetenteEngagementStatus) status, participants, place, confidence);
}

/* Objects after a verb: persons, else acting countries, up to the end of
 * the clause. */
static guint
objects_of (Sentence *s,
            guint     verb,
            GArray   *out)
{
  guint end = _detente_frames_clause_end (s, verb + 1);
  gboolean counterparts = FALSE;

  for (guint i = verb + 1; i < end; i++)
    if (strncmp (item (s, i)->key, "counterpart", 11) == 0)
      counterparts = TRUE;
  participants_in (s, verb + 1, end, counterparts, out);
  return end;
}

static gboolean
counterparts_plural (Sentence *s,
                     guint     from,
                     guint     to)
{
  for (guint i = from; i < to; i++)
    if (strcmp (item (s, i)->key, "counterparts") == 0)
      return TRUE;
  return FALSE;
}

static void
pairs (Sentence              *s,
       guint                  trigger,
       DetenteEngagementKind  kind,
       int                    status,
       GArray                *subject,
       GArray                *objects,
       const Place           *place,
       double                 confidence)
{
  GArray *one = take_list (s);

  /* "met Xi, Qin and Wang": one engagement with each. */
  for (guint k = 0; k < objects->len; k++)
    {
      guint o = g_array_index (objects, guint, k);

      g_array_set_size (one, 0);
      for (guint i = 0; i < subject->len; i++)
        add_unique (one, g_array_index (subject, guint, i));
      add_unique (one, o);
      if (one->len >= 2)
        emit (s, trigger, kind, status, one, place, confidence);
    }
  give_list (s, one);
}

static void
remember_subject (Sentence *s,
                  GArray   *subject)
{
  if (subject->len == 0)
    return;
  g_array_set_size (s->last_subject, 0);
  g_array_append_vals (s->last_subject, subject->data, subject->len);
}

/* "met (with) Y", "hosted Y", "spoke with Y", "invited Y to P". */
static void
read_verb (Sentence *s,
           guint     i,
           Trigger   trigger,
           GArray   *subject,
           GArray   *objects)
{
  guint start = _detente_frames_clause_start (s, i);
  int status = status_before (s, start, i);
  DetenteEngagementKind kind = DETENTE_ENGAGEMENT_KIND_MEETING;
  double confidence = 0.9;
  Place place = { 0 };
  guint end;

  /* "sat down with". */
  if (trigger == T_MEET && is_key (item (s, i), "sat"))
    {
      if (i + 2 >= s->n_items || !is_key (item (s, i + 1), "down") || !is_key (item (s, i + 2), "with"))
        return;
    }
  if (trigger == T_RECEIVE || trigger == T_CONFRONT || trigger == T_CALL)
    {
      guint k = i + 1;

      /* "was received by Premier Li". */
      if (k < s->n_items && is_key (item (s, k), "by") && i > 0 && is_word (item (s, i - 1), W_AUX))
        k++;

      /* "received Mr. Wang", "confronted Foreign Minister Wang". */
      while (k < s->n_items && k < i + 4 && item (s, k)->kind != IT_ACTOR &&
             (item (s, k)->cap || is_key (item (s, k), ".")))
        k++;
      if (k >= s->n_items || item (s, k)->kind != IT_ACTOR)
        return;
    }
  if (trigger == T_SPEAK)
    {
      if (i + 1 >= s->n_items || !(is_key (item (s, i + 1), "with") || is_key (item (s, i + 1), "to") ||
                                   is_key (item (s, i + 1), "by")))
        return;
      kind = DETENTE_ENGAGEMENT_KIND_CALL;
    }
  if (trigger == T_CALL)
    kind = DETENTE_ENGAGEMENT_KIND_CALL;
  if (trigger == T_INVITE)
    kind = DETENTE_ENGAGEMENT_KIND_INVITATION;
  if (trigger == T_RECEIVE || trigger == T_CONFRONT)
    confidence = 0.7;

  subject_of (s, i, subject);
  end = objects_of (s, i, objects);
  remember_subject (s, subject);

  /* "Sullivan, with whom he had met in Vienna": the object stands before
   * the relative pronoun. */
  if (objects->len == 0 && start > 0 && is_key (item (s, start - 1), "whom"))
    {
      guint k = start - 1;

      if (k > 0 && (is_key (item (s, k - 1), "with") || is_key (item (s, k - 1), "by")))
        k--;
      if (k > 0 && is_key (item (s, k - 1), ","))
        k--;
      if (k > 0 && is_person (s, item (s, k - 1)))
        add_unique (objects, item (s, k - 1)->actor);
    }

  if (trigger == T_INVITE)
    {
      /* "invited Y to (visit) P": the visit is the invitation's, not one
       * of its own. */
      for (guint k = i + 1; k < end || k < s->n_items; k++)
        if (is_key (item (s, k), "to") && place_after (s, k + 1, MIN (k + 3, s->n_items), &place))
          {
            for (guint v = k + 1; v < MIN (k + 3, s->n_items); v++)
              if (item (s, v)->info != NULL && item (s, v)->info->trigger == T_VISIT)
                item (s, v)->consumed = TRUE;
            break;
          }
    }

  if (objects->len >= 2 && counterparts_plural (s, i + 1, end))
    {
      /* "spoke with his counterparts from Japan and South Korea": one
       * engagement of them all. */
      for (guint k = 0; k < objects->len; k++)
        add_unique (subject, g_array_index (objects, guint, k));
      emit (s, i, kind, status, subject, place.set ? &place : NULL, confidence);
    }
  else if (objects->len == 0 && subject->len >= 2 && trigger != T_INVITE)
    emit (s, i, kind, status, subject, place.set ? &place : NULL, confidence);
  else
    pairs (s, i, kind, status, subject, objects, place.set ? &place : NULL, confidence);
}

static void
verb_frame (Sentence *s,
            guint     i,
            Trigger   trigger)
{
  GArray *subject = take_list (s);
  GArray *objects = take_list (s);

  read_verb (s, i, trigger, subject, objects);
  give_list (s, objects);
  give_list (s, subject);
}

/* "visited P", "traveled to P". */
static gboolean
read_visit_verb (Sentence *s,
                 guint     i,
                 Trigger   trigger,
                 GArray   *subject)
{
  guint start = _detente_frames_clause_start (s, i);
  guint at = i + 1;
  Place place = { 0 };
  int status;

  /* "visit" and "visits" are verbs after "to", a modal or their subject;
   * "Kerry's visit to China" is a noun. */
  if (trigger == T_VISIT && !is_key (item (s, i), "visited") && !is_key (item (s, i), "toured"))
    {
      const Item *prev = i > 0 ? item (s, i - 1) : NULL;

      if (prev == NULL || !(is_word (prev, W_AUX | W_HE | W_THEY) ||
                            (prev->kind == IT_ACTOR && !prev->possessive)) ||
          is_key (prev, "first") || is_key (prev, "then"))
        return FALSE;
    }
  /* "an invitation to travel to San Francisco", "invited Y to visit P":
   * the visit is what was offered, not one that happened. */
  for (guint k = MAX (i > 8 ? i - 8 : 0, start); k < i; k++)
    if (item (s, k)->info != NULL &&
        (item (s, k)->info->trigger == T_INVITE || item (s, k)->info->trigger == T_N_INVITATION))
      return TRUE;

  if (at < s->n_items && (is_key (item (s, at), "to") || is_key (item (s, at), "in")))
    at++;
  else if (trigger == T_TRAVEL)
    return FALSE;
  if (at < s->n_items && is_key (item (s, at), "the"))
    at++;
  if (at >= s->n_items || !(item (s, at)->kind == IT_PLACE ||
                            (item (s, at)->kind == IT_ACTOR &&
                             actor_of (s, item (s, at))->kind == DETENTE_ACTOR_KIND_COUNTRY)))
    return FALSE;

  _detente_frames_place_of_item (s, item (s, at), &place);
  status = status_before (s, start, i);
  subject_of (s, i, subject);
  remember_subject (s, subject);
  if (subject->len == 0)
    return TRUE;
  emit (s, i, DETENTE_ENGAGEMENT_KIND_VISIT, status, subject, &place, 0.9);
  return TRUE;
}

static gboolean
visit_verb (Sentence *s,
            guint     i,
            Trigger   trigger)
{
  GArray *subject = take_list (s);
  gboolean verb = read_visit_verb (s, i, trigger, subject);

  give_list (s, subject);
  return verb;
}

static DetenteEngagementKind
noun_kind (Trigger trigger)
{
  switch (trigger)
    {
    case T_N_TALKS:
      return DETENTE_ENGAGEMENT_KIND_TALKS;
    case T_N_SUMMIT:
      return DETENTE_ENGAGEMENT_KIND_SUMMIT;
    case T_N_VISIT:
    case T_VISIT:
      return DETENTE_ENGAGEMENT_KIND_VISIT;
    case T_N_CALL:
      return DETENTE_ENGAGEMENT_KIND_CALL;
    case T_N_INVITATION:
    case T_INVITE:
      return DETENTE_ENGAGEMENT_KIND_INVITATION;
    case T_N_MEETING:
    case T_MEET_MAYBE:
    default:
      return DETENTE_ENGAGEMENT_KIND_MEETING;
    }
}

/* The words before an event noun that only describe it: "recent",
 * "two-day", "August 2022", "formal". Returns the index of the first. */
static guint
modifiers_before (Sentence *s,
                  guint     noun)
{
  guint i = noun;

  while (i > 0 && noun - i < NOUN_MODIFIERS)
    {
      const Item *it = item (s, i - 1);

      /* Adjectives and dates describe the event ("recent", "two-day",
       * "August 2022"); status words may stand among them ("planned").
       * Determiners, pronouns and verbs end the run. */
      gboolean describes = (it->kind == IT_WORD &&
                            (it->info == NULL ||
                             (it->info->trigger == T_NONE &&
                              ((it->info->classes & ~(guint32) (W_PLANNED | W_POSSIBLE | W_CANCEL | W_POSTPONE)) == 0 ||
                               ((it->info->classes & (W_PLANNED | W_CANCEL | W_POSTPONE)) != 0 &&
                                !(it->info->classes & (W_VERB | W_BOUNDARY))))))) ||
                           is_key (it, "phone") || is_key (it, "telephone") || is_key (it, "video") ||
                           is_key (it, "-");

      if (describes)
        i--;
      else
        break;
    }
  return i;
}

/* "a meeting between X and Y", "X's visit to P", "X and Y held talks",
 * "Z extended an invitation to Y", "during their meeting". */
static void
read_noun (Sentence *s,
           guint     i,
           Trigger   trigger,
           GArray   *subject,
           GArray   *objects)
{
  DetenteEngagementKind kind = noun_kind (trigger);
  guint first = modifiers_before (s, i);
  guint start = _detente_frames_clause_start (s, i);
  guint end = _detente_frames_clause_end (s, i + 1);
  gboolean anaphor = FALSE, light = FALSE, during = FALSE;
  int status;
  Place place = { 0 };

  /* An event's own name ("the ASEAN Foreign Ministers' Meeting") is a
   * setting, not an engagement. */
  if (item (s, i)->cap && i > 0)
    return;

  status = status_before (s, start, i);
  status = status < 0 ? status : status_after (s, i, status);
  /* A noun carries no tense: "held" is only a default here. */
  s->weak_status = status == DETENTE_ENGAGEMENT_STATUS_HELD;

  /* After the noun: "between X and Y", "involving …", "with Y", "by X",
   * "of X", "to Y" (an invitation's invitee), "to P" (a visit's place). */
  if (i + 1 < end)
    {
      const Item *next = item (s, i + 1);

      if (is_key (next, "between") || is_key (next, "involving") || is_key (next, "among") ||
          is_key (next, "with") || (is_key (next, "to") && kind == DETENTE_ENGAGEMENT_KIND_INVITATION))
        participants_in (s, i + 2, end, FALSE, objects);
      else if (is_key (next, "by") || is_key (next, "of"))
        {
          guint k = i + 2;

          while (k < end && k < i + 6 && !(item (s, k)->kind == IT_ACTOR && !is_modifier (s, k)))
            k++;
          if (k < end && k < i + 6)
            add_unique (subject, item (s, k)->actor);
        }
      if (kind == DETENTE_ENGAGEMENT_KIND_VISIT)
        for (guint k = i + 1; k < MIN (end, i + 8); k++)
          if ((is_key (item (s, k), "to") || is_key (item (s, k), "in")) &&
              place_after (s, k + 1, MIN (k + 3, end), &place))
            break;
    }

  /* Before the noun: "X's visit", "his visit", "their meeting". */
  if (first > 0)
    {
      const Item *before = item (s, first - 1);

      if (before->kind == IT_ACTOR && before->possessive)
        add_unique (subject, before->actor);
      else if (is_word (before, W_HE) && referent_of_he (s, first - 1) != G_MAXUINT)
        add_unique (subject, referent_of_he (s, first - 1));
      else if (is_word (before, W_THEY) && s->ex->pair != NULL)
        for (guint k = 0; k < s->ex->pair->len; k++)
          add_unique (subject, g_array_index (s->ex->pair, guint, k));
      else if (is_word (before, W_DEFINITE) && (first - 1 == start || first - 1 == 0 ||
                                                closes_clause (item (s, first - 2)) ||
                                                is_word (item (s, first - 2), W_BOUNDARY | W_FUNCTION)))
        anaphor = TRUE;

      if (first >= 2 && is_word (item (s, first - 2), W_BOUNDARY) &&
          (is_word (before, W_HE) || is_word (before, W_THEY) || is_word (before, W_DEFINITE)))
        during = TRUE;

      /* "held talks", "had meetings with", "extended an invitation to". */
      for (guint k = first; k > start && k + 5 > first; k--)
        if (is_word (item (s, k - 1), W_LIGHT) || (is_key (item (s, k - 1), "in") && k >= 2 &&
                                                   is_word (item (s, k - 2), W_LIGHT)))
          {
            light = TRUE;
            if (subject->len == 0)
              subject_of (s, is_key (item (s, k - 1), "in") ? k - 2 : k - 1, subject);
            remember_subject (s, subject);
            break;
          }
    }

  /* "traveled to Tokyo for three-way meetings involving …": the
   * traveller takes part. */
  if (subject->len == 0 && objects->len > 0 && first > 0 &&
      (is_key (item (s, first - 1), "for") || is_word (item (s, first - 1), W_PREP)))
    for (guint k = 0; k < s->last_subject->len; k++)
      add_unique (subject, g_array_index (s->last_subject, guint, k));
  if (subject->len > 0 && objects->len > 1 && first > 0 && is_key (item (s, first - 1), "for"))
    {
      for (guint k = 0; k < objects->len; k++)
        add_unique (subject, g_array_index (objects, guint, k));
      g_array_set_size (objects, 0);
    }

  /* "X told Y during his visit": speaking to somebody during an
   * engagement is meeting them. */
  if (during && subject->len <= 1 && objects->len == 0 && kind != DETENTE_ENGAGEMENT_KIND_INVITATION)
    {
      guint boundary = first - 2;
      guint clause = _detente_frames_clause_start (s, boundary);

      for (guint k = clause; k < boundary; k++)
        if (is_word (item (s, k), W_TELL))
          {
            g_autoptr(GArray) speaker = g_array_new (FALSE, FALSE, sizeof (guint));
            g_autoptr(GArray) hearer = g_array_new (FALSE, FALSE, sizeof (guint));

            subject_of (s, k, speaker);
            participants_in (s, k + 1, boundary, FALSE, hearer);
            if (speaker->len > 0 && hearer->len > 0)
              pairs (s, i, DETENTE_ENGAGEMENT_KIND_MEETING, status, speaker, hearer, NULL, 0.7);
            break;
          }
    }

  if (kind == DETENTE_ENGAGEMENT_KIND_INVITATION)
    {
      if (subject->len > 0 && objects->len > 0)
        pairs (s, i, kind, status, subject, objects, NULL, 0.8);
      return;
    }

  if (kind == DETENTE_ENGAGEMENT_KIND_VISIT)
    {
      /* "made a stop there": a stop is a visit only with its verb. */
      if (strncmp (item (s, i)->key, "stop", 4) == 0)
        {
          if (!light)
            return;
          if (!place.set && i + 1 < s->n_items && is_key (item (s, i + 1), "there"))
            for (guint k = i; k > 0 && !place.set; k--)
              if (item (s, k - 1)->kind == IT_PLACE)
                _detente_frames_place_of_item (s, item (s, k - 1), &place);
        }
      if (subject->len > 0)
        emit (s, i, kind, status, subject, place.set ? &place : NULL, light ? 0.8 : 0.7);
      else if (anaphor)
        _detente_frames_anaphor (s, i, kind, status, place.set ? &place : NULL);
      return;
    }

  if (subject->len > 0 && objects->len > 0)
    pairs (s, i, kind, status, subject, objects, NULL, 0.8);
  else if (objects->len >= 2)
    emit (s, i, kind, status, objects, NULL, 0.8);
  else if (subject->len >= 2)
    emit (s, i, kind, status, subject, NULL, 0.8);
  else if (anaphor)
    _detente_frames_anaphor (s, i, kind, status, NULL);
}

static void
noun_frame (Sentence *s,
            guint     i,
            Trigger   trigger)
{
  GArray *subject = take_list (s);
  GArray *objects = take_list (s);

  read_noun (s, i, trigger, subject, objects);
  give_list (s, objects);
  give_list (s, subject);
}

/**
 * _detente_frames_read:
 * @s: a sentence's items
 *
 * Finds the engagement frames of one sentence.
 */
void
_detente_frames_read (Sentence *s)
{
  gboolean marked = FALSE;

  for (guint i = 0; i < s->n_items; i++)
    {
      Item *it = item (s, i);
      Trigger trigger;

      s->weak_status = FALSE;
      if (it->kind != IT_WORD || it->info == NULL || it->info->trigger == T_NONE || it->consumed)
        continue;
      if (!marked)
        {
          mark_boundaries (s);
          marked = TRUE;
        }
      trigger = it->info->trigger;

      switch (trigger)
        {
        case T_MEET_MAYBE:
          if (i > 0 && is_word (item (s, i - 1), W_AUX))
            verb_frame (s, i, T_MEET);
          else
            noun_frame (s, i, T_N_MEETING);
          break;
        case T_VISIT:
          if (!visit_verb (s, i, trigger))
            noun_frame (s, i, T_N_VISIT);
          break;
        case T_TRAVEL:
          visit_verb (s, i, trigger);
          break;
        case T_MEET:
        case T_HOST:
        case T_RECEIVE:
        case T_CONFRONT:
        case T_SPEAK:
        case T_CALL:
        case T_INVITE:
          /* "the formal invite": "invite" is a verb only after "to", a
           * modal or its subject, as "visit" is. */
          if (trigger == T_INVITE && (is_key (it, "invite") || is_key (it, "invites")) &&
              !(i > 0 && (is_word (item (s, i - 1), W_AUX | W_HE | W_THEY) ||
                          (item (s, i - 1)->kind == IT_ACTOR && !item (s, i - 1)->possessive))))
            noun_frame (s, i, T_N_INVITATION);
          else
            verb_frame (s, i, trigger);
          break;
        case T_N_CALL:
          if (i > 0 && is_key (item (s, i - 1), "to"))
            break;
          G_GNUC_FALLTHROUGH;
        default:
          noun_frame (s, i, trigger);
          break;
        }
    }
}
