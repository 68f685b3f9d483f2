/* detente-mentions.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-mentions.h"
#include "detente-mentions-private.h"

/* Finding who and what an article refers to.
 *
 * Each sentence is cut into units (tokens, with hyphenated compounds such as
 * "US-China" split) and folded into keys. A first pass marks the longest
 * gazetteer name at each place. A second pass reads the patterns around
 * them: a title before a name ("Treasury Secretary Janet L. Yellen"), an
 * apposition after one ("Ryan Hass, a senior fellow at …"), a copula ("X is
 * research assistant at …"), a reporting verb ("said Brendon O’Connor"),
 * and a title with no name at all ("the US Secretary of State"), which the
 * gazetteer's dated roles resolve. Lone surnames wait until the whole
 * article is read, so that a headline's "Blinken" finds the full name given
 * further down.
 *
 * The units and the first pass are in detente-mentions-units.c, the
 * actors found and the lone surnames in detente-mentions-actors.c; this
 * file reads the patterns. */

#define MAX_NAME_UNITS 4
#define APPOSITION_WINDOW 10

/* The length of units [first, first + n) in bytes, without a final
 * possessive: "Beijing’s" is a mention of Beijing. */
static guint
span_length (Finder *f,
             guint   first,
             guint   n)
{
  const Unit *a = unit (f, first);
  const Unit *b = unit (f, first + n - 1);

  return b->offset + b->length - a->offset - _detente_mentions_possessive_length (f, b);
}

/* Whether a gazetteer span is a single word naming only a country or a
 * place, the kind of word a person may be named ("Chad Wolf", "Michael
 * Jordan", "Paris Hilton"). */
static gboolean
place_word (const GazSpan *g)
{
  return g != NULL && g->n == 1 && !span_has (g, DETENTE_ENTRY_PERSON) &&
         !span_has (g, DETENTE_ENTRY_ORGANISATION) && !span_has (g, DETENTE_ENTRY_TITLE) &&
         !span_has (g, DETENTE_ENTRY_HONORIFIC);
}

/* Whether units [first, first + n) can be a person's name nobody told us
 * about: capitalised words, maybe with initials, none of them a function
 * word, a month or the word of an institution, none a known thing. */
static gboolean
looks_like_name (Finder *f,
                 guint   first,
                 guint   n)
{
  guint words = 0;
  guint long_words = 0;
  guint places = 0;

  for (guint k = 0; k < n; k++)
    {
      const Unit *u = unit (f, first + k);
      const GazSpan *g = span_at (f, first + k);

      if (u->flags & U_DOT)
        {
          if (k == 0 || !(unit (f, first + k - 1)->flags & U_INITIAL))
            return FALSE;
          continue;
        }
      if (!(u->flags & U_WORD) || !(u->flags & U_CAP) || (u->flags & (U_ALLCAPS | U_CJK)))
        return FALSE;
      if (u->flags & U_INITIAL)
        continue;
      if (u->gaz.key[0] == '\0' || _detente_mentions_is_word (u, WORDS_STOP) ||
          _detente_mentions_is_word (u, WORDS_THING))
        return FALSE;
      if (g != NULL && !span_has (g, DETENTE_ENTRY_PERSON))
        {
          if (!place_word (g))
            return FALSE;
          places++;
        }
      for (const char *p = f->s + u->offset; p < f->s + u->offset + u->length; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isdigit (c))
            return FALSE;
        }
      if ((u->flags & U_POSS) && k + 1 < n)
        return FALSE;
      words++;
      if (u->length >= 3)
        long_words++;
    }
  /* "Wi-Fi" is two capitalised words, but not a name; "Paris Beijing"
   * is two places. */
  return words >= 2 && long_words >= 1 && places < words;
}

/* The longest run of name-like units from @i, at most MAX_NAME_UNITS words.
 * With @lenient, a place word may be the first or the last word of it. */
static guint
name_run (Finder   *f,
          guint     i,
          gboolean  lenient)
{
  guint n = 0;
  guint words = 0;

  /* Initials do not count as words, but a run of them still ends. */
  while (i + n < f->units->len && words < MAX_NAME_UNITS && n < 3 * MAX_NAME_UNITS)
    {
      const Unit *u = unit (f, i + n);
      const GazSpan *g = span_at (f, i + n);

      if (u->flags & U_DOT)
        {
          if (n > 0 && (unit (f, i + n - 1)->flags & U_INITIAL))
            {
              n++;
              continue;
            }
          break;
        }
      if (!(u->flags & U_WORD) || !(u->flags & U_CAP) || (u->flags & (U_ALLCAPS | U_CJK)))
        break;
      if (n > 0 && (unit (f, i + n - 1)->flags & U_POSS))
        break;
      if (g != NULL && !span_has (g, DETENTE_ENTRY_PERSON))
        {
          if (!lenient || !place_word (g))
            break;
          n++;
          words++;
          if (n > 1)
            break;
          continue;
        }
      n++;
      if (!(u->flags & U_INITIAL))
        words++;
    }
  /* A trailing initial's dot is not part of the name. */
  while (n > 0 && (unit (f, i + n - 1)->flags & U_DOT))
    n--;
  return n;
}

/* A name written with initials the gazetteer does not list ("Janet L.
 * Yellen"): the person known by the name without them. */
static const DetenteEntry *
known_without_initials (Finder *f,
                        guint   first,
                        guint   n)
{
  const char *keys[3 * MAX_NAME_UNITS];
  const DetenteMatch *matches;
  guint n_keys = 0;
  guint n_matches;
  gboolean initials = FALSE;

  for (guint k = 0; k < n && n_keys < G_N_ELEMENTS (keys); k++)
    {
      const Unit *u = unit (f, first + k);

      if (u->flags & (U_INITIAL | U_DOT))
        initials = TRUE;
      else
        keys[n_keys++] = u->gaz.key;
    }
  if (!initials || n_keys < 2 ||
      detente_gazetteer_match (f->gazetteer, keys, n_keys, &matches, &n_matches) != n_keys)
    return NULL;
  for (guint m = 0; m < n_matches; m++)
    if (matches[m].kind == DETENTE_ENTRY_PERSON)
      return matches[m].entry;
  return NULL;
}

static void
add_pending (Finder     *f,
             guint       i,
             const char *title,
             gboolean    honoured)
{
  /* "Pompeo’s" is measured without its possessive. */
  Pending p = { unit (f, i)->offset, span_length (f, i, 1), f->sentence, { 0 }, g_strdup (title), honoured };

  g_strlcpy (p.key, unit (f, i)->gaz.key, DETENTE_KEY_MAX);
  g_array_append_val (f->pending, p);
}

static const char *
entry_country (const DetenteEntry *e)
{
  return e != NULL ? e->country : NULL;
}

/* A country or organisation word just before @i ("US", "China’s",
 * "Pentagon", "State Department"), skipping "the" and "then". */
static const DetenteEntry *
modifier_before (Finder   *f,
                 guint     i,
                 gboolean *past)
{
  const DetenteEntry *found = NULL;

  for (guint back = 0; back < 4 && i > 0; back++)
    {
      const GazSpan *g = span_at (f, i - 1);
      const Unit *u = unit (f, i - 1);

      if (found == NULL && g != NULL &&
          (span_has (g, DETENTE_ENTRY_COUNTRY) || span_has (g, DETENTE_ENTRY_ORGANISATION)))
        {
          found = span_entry (g, DETENTE_ENTRY_COUNTRY, NULL);
          if (found == NULL)
            found = span_entry (g, DETENTE_ENTRY_ORGANISATION, NULL);
          i = g->first;
          continue;
        }
      if (u->flags & U_WORD && _detente_mentions_is_word (u, WORDS_PAST))
        {
          if (past != NULL)
            *past = TRUE;
          i--;
          continue;
        }
      if (u->flags & U_WORD && strcmp (u->gaz.key, "the") == 0)
        {
          i--;
          continue;
        }
      break;
    }
  return found;
}

/* A country a title's own words begin with: the gazetteer knows "U.S.
 * Trade Representative" as one title, and it is still American. */
static const DetenteEntry *
country_inside (Finder        *f,
                const GazSpan *g)
{
  const TrieNode *node;
  const DetenteMatch *matches;
  guint n_matches;
  guint n;

  if (g->n < 2)
    return NULL;
  n = _detente_gazetteer_match_keys (f->gazetteer, &unit (f, g->first)->gaz, sizeof (Unit), g->n - 1, &node);
  if (n == 0 || !(unit (f, g->first)->flags & (U_CAP | U_CJK)))
    return NULL;
  matches = node->match_data;
  n_matches = node->n_matches;
  for (guint m = 0; m < n_matches; m++)
    if (matches[m].kind == DETENTE_ENTRY_COUNTRY &&
        (!matches[m].acronym || _detente_mentions_shouted (f, g->first, n)))
      return matches[m].entry;
  return NULL;
}

static const char *
title_name (const GazSpan *g)
{
  const DetenteEntry *e = span_entry (g, DETENTE_ENTRY_TITLE, NULL);

  /* Of several titles a word may be, the one it is the name of: a bare
   * "Secretary" is a secretary before it is the Secretary of State. */
  for (guint m = 0; m < g->n_matches; m++)
    if (g->matches[m].kind == DETENTE_ENTRY_TITLE && g->matches[m].how == DETENTE_MATCH_NAME)
      return g->matches[m].entry->name;
  return e != NULL ? e->name : NULL;
}

/* "a Chinese defense minister", "another US secretary of state": somebody
 * who held the office, not its holder at the article's date. */
static gboolean
indefinite_before (Finder *f,
                   guint   i)
{
  for (guint k = i; k > 0 && k + 3 > i; k--)
    {
      const char *key = unit (f, k - 1)->gaz.key;

      if (g_str_equal (key, "a") || g_str_equal (key, "an") || g_str_equal (key, "another") ||
          g_str_equal (key, "any") || g_str_equal (key, "every"))
        return TRUE;
      if (g_str_equal (key, "the") || !(unit (f, k - 1)->flags & U_WORD))
        return FALSE;
    }
  return FALSE;
}

/* Resolves a title with no name ("the US Secretary of State") through the
 * gazetteer's dated roles. */
static gboolean
resolve_role (Finder             *f,
              const GazSpan      *g,
              const DetenteEntry *modifier)
{
  const DetenteEntry *person = NULL;
  const char *country = entry_country (modifier);

  if (country == NULL || !detente_date_is_set (f->date))
    return FALSE;
  for (guint m = 0; m < g->n_matches; m++)
    {
      const DetenteEntry *title = g->matches[m].entry;
      g_autoptr(GPtrArray) holders = NULL;

      if (title->kind != DETENTE_ENTRY_TITLE || title->generic)
        continue;
      holders = detente_gazetteer_find_holders (f->gazetteer, title->name, country, f->date);
      for (guint h = 0; h < holders->len; h++)
        {
          const DetenteEntry *e = g_ptr_array_index (holders, h);

          if (person != NULL && person != e)
            return FALSE;
          person = e;
        }
    }
  if (person == NULL)
    return FALSE;
  _detente_mentions_mention (f,
                             _detente_mentions_actor_for_entry (f, person,
                                                                unit (f, g->first)->offset),
                             unit (f, g->first)->offset, span_length (f, g->first, g->n), TRUE);
  return TRUE;
}

/* A title (or honorific) chain starting at unit @i: "Assistant Secretary",
 * "spokesperson Lieutenant Colonel". Returns the units it covers. */
static guint
title_chain (Finder         *f,
             guint           i,
             const GazSpan **office)
{
  guint j = i;

  *office = NULL;
  while (j < f->units->len)
    {
      const GazSpan *g = span_at (f, j);

      if (g == NULL || g->first != j ||
          !(span_has (g, DETENTE_ENTRY_TITLE) || span_has (g, DETENTE_ENTRY_HONORIFIC)) ||
          span_has (g, DETENTE_ENTRY_PERSON))
        break;
      if (*office == NULL && span_has (g, DETENTE_ENTRY_TITLE))
        *office = g;
      j += g->n;
      /* "Mr." and "Lt. Col.": the abbreviation's dot belongs to it. */
      if (j < f->units->len && (unit (f, j)->flags & U_DOT) && unit (f, j)->offset == unit (f, j - 1)->offset + unit (f, j - 1)->length)
        j++;
    }
  return j - i;
}

/* Whether the word before unit @i (skipping "the") is @word. */
static gboolean
after_word (Finder     *f,
            guint       i,
            const char *word)
{
  if (i > 0 && strcmp (unit (f, i - 1)->gaz.key, "the") == 0)
    i--;
  return i > 0 && strcmp (unit (f, i - 1)->gaz.key, word) == 0;
}

/* A one-word office title written in lower case ("speaker", "premier",
 * "president"): as likely a common word as a title. */
static gboolean
weak_title (Finder        *f,
            const GazSpan *g)
{
  if (g->n != 1 || !(unit (f, g->first)->flags & U_LOWER))
    return FALSE;
  for (guint m = 0; m < g->n_matches; m++)
    if (g->matches[m].kind == DETENTE_ENTRY_HONORIFIC ||
        (g->matches[m].kind == DETENTE_ENTRY_TITLE && g->matches[m].entry->generic))
      return FALSE;
  return TRUE;
}

/* Looks after a name for what says it is a person: an apposition with a
 * title, a copula with a title, or a reporting verb. Fills @role and
 * @country from what it finds. */
static gboolean
person_context_after (Finder              *f,
                      guint                end,
                      char               **role,
                      const DetenteEntry **where)
{
  guint n = f->units->len;
  guint i = end;

  if (i >= n)
    return FALSE;
  if (unit (f, i)->flags & U_WORD && _detente_mentions_is_word (unit (f, i), WORDS_SPEECH))
    return TRUE;

  /* "Ryan Hass, who served in the White House": only people are who. */
  if ((unit (f, i)->flags & U_COMMA) && i + 1 < n && strcmp (unit (f, i + 1)->gaz.key, "who") == 0)
    return TRUE;
  if (unit (f, i)->flags & U_COMMA)
    i++;
  else if (unit (f, i)->flags & U_WORD &&
           (strcmp (unit (f, i)->gaz.key, "is") == 0 || strcmp (unit (f, i)->gaz.key, "was") == 0))
    i++;
  else
    return FALSE;

  for (guint k = 0; i < n && k < APPOSITION_WINDOW; k++)
    {
      const GazSpan *g = span_at (f, i);
      const Unit *u = unit (f, i);

      if (u->flags & U_PUNCT && !(u->flags & U_DOT))
        break;
      if (g != NULL && g->first == i)
        {
          if (span_has (g, DETENTE_ENTRY_TITLE) && !span_has (g, DETENTE_ENTRY_PERSON))
            {
              *role = g_strdup (title_name (g));
              /* "a fellow at the Brookings Institution", "director general
               * of … at the Foreign Ministry of China": an organisation
               * says where best, a country will do. */
              if (*where == NULL)
                {
                  const DetenteEntry *country = NULL;
                  const DetenteEntry *place = NULL;

                  for (guint r = i + g->n; r < n && r < i + g->n + 12; r++)
                    {
                      const GazSpan *h = span_at (f, r);
                      const DetenteEntry *e;
                      DetenteMatchHow how = DETENTE_MATCH_NAME;

                      if (unit (f, r)->flags & U_PUNCT && !(unit (f, r)->flags & U_DOT))
                        break;
                      if (h == NULL || h->first != r)
                        continue;
                      e = span_entry (h, DETENTE_ENTRY_ORGANISATION, NULL);
                      if (e != NULL && e->country != NULL)
                        {
                          *where = e;
                          break;
                        }
                      e = span_entry (h, DETENTE_ENTRY_PLACE, NULL);
                      if (e != NULL && e->country != NULL && place == NULL && !after_word (f, r, "to"))
                        place = e;
                      e = span_entry (h, DETENTE_ENTRY_COUNTRY, &how);
                      /* "ambassador to the United States": the post, not
                       * the person, is American; "North American Affairs"
                       * is a name. */
                      if (e != NULL && country == NULL && !after_word (f, r, "to") &&
                          !(how == DETENTE_MATCH_DEMONYM && r > 0 && (unit (f, r - 1)->flags & U_CAP)))
                        country = e;
                      r += h->n - 1;
                    }
                  if (*where == NULL)
                    *where = country != NULL ? country : place;
                  /* "Pentagon Press Secretary" is an American post, but "a
                   * representative" is anybody. */
                  if (*where == NULL && !after_word (f, i, "a") && !after_word (f, i, "an"))
                    {
                      const char *code = detente_gazetteer_get_title_country (f->gazetteer, *role);

                      if (code != NULL)
                        *where = detente_gazetteer_lookup_id (f->gazetteer, DETENTE_ENTRY_COUNTRY, code);
                    }
                }
              return TRUE;
            }
          if (*where == NULL && (span_has (g, DETENTE_ENTRY_COUNTRY) || span_has (g, DETENTE_ENTRY_ORGANISATION)))
            {
              const DetenteEntry *e = span_entry (g, DETENTE_ENTRY_COUNTRY, NULL);

              *where = e != NULL ? e : span_entry (g, DETENTE_ENTRY_ORGANISATION, NULL);
            }
          i += g->n;
          continue;
        }
      /* Stop at the next name: "X, Y and Z" is a list, not an apposition. */
      if ((u->flags & U_CAP) && k == 0 &&
          !(u->flags & U_WORD && _detente_mentions_is_word (u, WORDS_STOP)))
        {
          if (g == NULL)
            break;
        }
      i++;
    }
  g_clear_pointer (role, g_free);
  *where = NULL;
  return FALSE;
}

/* Whether the person mention read last ends right before unit @i. */
static gboolean
person_just_before (Finder *f,
                    guint   i)
{
  const DetenteMention *last;

  if (i == 0 || f->mentions->len == 0)
    return FALSE;
  last = &g_array_index (f->mentions, DetenteMention, f->mentions->len - 1);
  return last->kind == DETENTE_MENTION_ACTOR && last->sentence == f->sentence &&
         found_actor (f, last->actor)->kind == DETENTE_ACTOR_KIND_PERSON &&
         last->span.offset + last->span.length <= unit (f, i)->offset &&
         last->span.offset + last->span.length >= unit (f, i - 1)->offset;
}

/* What comes before a name that says it is a person: a reporting verb
 * ("said Brendon O’Connor of …", "according to …"), a meeting ("met with
 * Yang Tao", "hosted …", "invited …"), or another person ("Wang Yi and
 * Yang Tao"). After a verb, what follows the name must end the clause, or
 * the name is the subject of what was said: "said Pixel Fold sales rose",
 * "met with Goldman Sachs executives". */
static gboolean
person_context_before (Finder *f,
                       guint   i,
                       guint   end)
{
  const char *before = i > 0 ? unit (f, i - 1)->gaz.key : "";
  gboolean reported;

  if (i == 0)
    return FALSE;
  reported = (unit (f, i - 1)->flags & U_WORD && _detente_mentions_is_word (unit (f, i - 1), WORDS_SPEECH)) ||
             (i >= 2 && strcmp (before, "to") == 0 && strcmp (unit (f, i - 2)->gaz.key, "according") == 0) ||
             (i >= 2 && strcmp (before, "with") == 0 &&
              _detente_mentions_is_word (unit (f, i - 2), WORDS_MEET_WITH)) ||
             _detente_mentions_is_word (unit (f, i - 1), WORDS_MEET);
  /* "Qin Gang and Yang Tao spoke": a name joined to a person's is one
   * too, whatever follows. */
  if (!reported)
    return strcmp (before, "and") == 0 && person_just_before (f, i - 1);
  return end >= f->units->len ||
         ((unit (f, end)->flags & U_PUNCT) && unit (f, end)->gaz.key[0] != '-') ||
         _detente_mentions_is_word (unit (f, end), WORDS_AFTER_NAME);
}

/* Whether a country's name is a word of some other thing's name: "German
 * Marshall Fund", "Bank of America", "North American Affairs". */
static gboolean
inside_name_of_thing (Finder        *f,
                      const GazSpan *g)
{
  guint n = f->units->len;

  for (guint k = g->first + g->n; k < n && k < g->first + g->n + 5; k++)
    {
      const Unit *u = unit (f, k);

      if ((u->flags & U_WORD) && (u->flags & U_CAP))
        {
          if (_detente_mentions_is_word (u, WORDS_THING))
            return TRUE;
          continue;
        }
      if (strcmp (u->gaz.key, "of") != 0 && strcmp (u->gaz.key, "for") != 0 && strcmp (u->gaz.key, "and") != 0)
        break;
    }
  /* "Bank of America", "University of Sydney". */
  return g->first >= 2 && (strcmp (unit (f, g->first - 1)->gaz.key, "of") == 0 ||
                           strcmp (unit (f, g->first - 1)->gaz.key, "for") == 0) &&
         (unit (f, g->first - 2)->flags & U_CAP) && _detente_mentions_is_word (unit (f, g->first - 2), WORDS_THING);
}

/* Whether the words around units [i, i + n) say they name a person. */
static gboolean
person_evidence (Finder *f,
                 guint   i,
                 guint   n)
{
  g_autofree char *role = NULL;
  const DetenteEntry *where = NULL;

  return person_context_before (f, i, i + n) || person_context_after (f, i + n, &role, &where);
}

/* After a preposition, a capital is a place; elsewhere it stands for its
 * government ("Washington has invited …"). */
static gboolean
after_preposition (Finder *f,
                   guint   i)
{
  return i > 0 && (unit (f, i - 1)->flags & U_WORD) &&
         _detente_mentions_is_word (unit (f, i - 1), WORDS_PLACE_BEFORE);
}

static void
place_mention (Finder             *f,
               const GazSpan      *g,
               const DetenteEntry *place)
{
  DetenteMention m = { DETENTE_MENTION_PLACE, { unit (f, g->first)->offset, span_length (f, g->first, g->n) },
                       f->sentence, G_MAXUINT, place, FALSE };

  *(DetenteMention *) array_push (f->mentions, &f->mentions_size, sizeof (DetenteMention)) = m;
}


/* Reads one sentence's mentions. */
static void
read_sentence (Finder *f)
{
  guint n = f->units->len;

  for (guint i = 0; i < n;)
    {
      const GazSpan *g = span_at (f, i);
      const Unit *u = unit (f, i);
      const GazSpan *office = NULL;
      guint chain;

      /* A title: a name follows, or a role stands alone. */
      chain = (g != NULL && g->first == i) ? title_chain (f, i, &office) : 0;
      if (chain > 0 && weak_title (f, g))
        {
          const GazSpan *next = span_at (f, i + g->n);

          /* "the speaker Sonos Move": a word that names an office only
           * when capitalised, unless a known person follows. */
          if (next == NULL || next->first != i + g->n || !span_has (next, DETENTE_ENTRY_PERSON))
            chain = 0;
        }
      if (chain > 0)
        {
          guint j = i + chain;
          const GazSpan *next = span_at (f, j);
          gboolean past = FALSE;
          const DetenteEntry *modifier = modifier_before (f, i, &past);
          const char *title = office != NULL ? title_name (office) : NULL;
          guint run;

          if (modifier == NULL && office != NULL)
            modifier = country_inside (f, office);

          if (next != NULL && next->first == j && span_has (next, DETENTE_ENTRY_PERSON))
            {
              const DetenteEntry *person = _detente_mentions_choose_person (f, next);
              guint a = _detente_mentions_actor_for_entry (f, person, unit (f, j)->offset);

              /* The title the text gives, when the person held it, says
               * which of their roles the article means; in an undated
               * article it is the best guess there is. */
              if (title != NULL && !past &&
                  (found_actor (f, a)->role == NULL ||
                   _detente_mentions_holds_title (person, title, NULL)))
                {
                  _detente_mentions_found_actor_set_role (found_actor (f, a), title);
                }

              _detente_mentions_mention (f, a, unit (f, j)->offset, span_length (f, j, next->n),
                                         FALSE);
              i = j + next->n;
              continue;
            }
          run = j < n ? name_run (f, j, TRUE) : 0;
          if (run >= 2 && looks_like_name (f, j, run))
            {
              g_autofree char *name = _detente_mentions_name_of (f, j, run);
              const char *country = entry_country (modifier);
              const DetenteEntry *known;
              guint a;

              if (country == NULL && title != NULL)
                country = detente_gazetteer_get_title_country (f->gazetteer, title);

              /* "Treasury Secretary Janet L. Yellen": the gazetteer knows
               * her as "Janet Yellen"; try the name without initials. */
              if ((known = known_without_initials (f, j, run)) != NULL)
                a = _detente_mentions_actor_for_entry (f, known, unit (f, j)->offset);
              else
                a = _detente_mentions_actor_for_name (f, name, country, title, unit (f, j)->offset);
              _detente_mentions_mention (f, a, unit (f, j)->offset, span_length (f, j, run), FALSE);
              i = j + run;
              continue;
            }
          if (run >= 1 && (unit (f, j)->flags & U_WORD) &&
              !_detente_mentions_is_word (unit (f, j), WORDS_STOP) && span_at (f, j) == NULL)
            {
              add_pending (f, j, title, TRUE);
              i = j + 1;
              continue;
            }
          if (office != NULL && !past && !(u->flags & U_LOWER && modifier == NULL) &&
              !indefinite_before (f, i))
            resolve_role (f, office, modifier);
          i = j;
          continue;
        }

      if (place_word (g) && g->first == i && i + 1 < n && span_at (f, i + 1) == NULL)
        {
          guint run = name_run (f, i, TRUE);
          g_autofree char *role = NULL;
          const DetenteEntry *where = NULL;

          if (run >= 2 && looks_like_name (f, i, run) &&
              (person_context_after (f, i + run, &role, &where) || person_context_before (f, i, i + run)))
            {
              g_autofree char *name = _detente_mentions_name_of (f, i, run);
              guint a = _detente_mentions_actor_for_name (f, name, entry_country (where), role, u->offset);

              _detente_mentions_mention (f, a, u->offset, span_length (f, i, run), FALSE);
              i += run;
              continue;
            }
        }

      if (g != NULL && g->first == i)
        {
          const DetenteEntry *person = _detente_mentions_choose_person (f, g);
          DetenteMatchHow how = DETENTE_MATCH_NAME;
          const DetenteEntry *country = span_entry (g, DETENTE_ENTRY_COUNTRY, &how);
          const DetenteEntry *org = span_entry (g, DETENTE_ENTRY_ORGANISATION, NULL);
          const DetenteEntry *place = span_entry (g, DETENTE_ENTRY_PLACE, NULL);
          guint length = span_length (f, i, g->n);

          if (person != NULL)
            _detente_mentions_mention (f, _detente_mentions_actor_for_entry (f, person, u->offset),
                                       u->offset, length, FALSE);
          else if ((place != NULL || (country != NULL && how == DETENTE_MATCH_CAPITAL)) &&
                   (after_preposition (f, i) || (country == NULL && org == NULL)))
            place_mention (f, g, place != NULL ? place : country);
          else if (org != NULL)
            _detente_mentions_mention (f, _detente_mentions_actor_for_entry (f, org, u->offset),
                                       u->offset, length, FALSE);
          else if (country != NULL && !inside_name_of_thing (f, g))
            _detente_mentions_mention (f, _detente_mentions_actor_for_entry (f, country, u->offset),
                                       u->offset, length, FALSE);
          i += g->n;
          continue;
        }

      /* A capitalised run nobody named: a person if the context says so. */
      if ((u->flags & U_CAP) && (u->flags & U_WORD) && !_detente_mentions_is_word (u, WORDS_STOP))
        {
          guint run = name_run (f, i, FALSE);
          guint wide = name_run (f, i, TRUE);

          /* "Michael Jordan said": a place word ends the name when the
           * context says the whole is a person. */
          if (wide > run && looks_like_name (f, i, wide) && person_evidence (f, i, wide))
            run = wide;
          if (run >= 2 && looks_like_name (f, i, run))
            {
              g_autofree char *name = _detente_mentions_name_of (f, i, run);
              g_autofree char *folded = g_utf8_casefold (name, -1);
              g_autofree char *role = NULL;
              const DetenteEntry *where = NULL;

              if (_detente_mentions_actor_index (f, folded) > 0 || person_context_before (f, i, i + run) ||
                  person_context_after (f, i + run, &role, &where))
                {
                  const DetenteEntry *known = known_without_initials (f, i, run);
                  guint a = known != NULL ? _detente_mentions_actor_for_entry (f, known, u->offset)
                            : _detente_mentions_actor_for_name (f, name, entry_country (where),
                                                                role, u->offset);

                  _detente_mentions_mention (f, a, u->offset, span_length (f, i, run), FALSE);
                }
              i += run;
              continue;
            }
          if (run == 1 && !(u->flags & U_INITIAL))
            add_pending (f, i, NULL, FALSE);
          i += MAX (run, 1);
          continue;
        }
      i++;
    }
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const DetenteMention *x = a;
  const DetenteMention *y = b;

  return x->span.offset < y->span.offset ? -1 : x->span.offset > y->span.offset;
}

/* Sorts mentions by offset, keeping the order of mentions at one offset as
 * g_array_sort() does, which is stable. They come nearly sorted, the lone
 * surnames last: moving those back is cheap, and only when they are many
 * is the rest left to g_array_sort(). */
static void
sort_mentions (GArray *mentions)
{
  DetenteMention *m = (DetenteMention *) (void *) mentions->data;
  gsize budget = 8 * (gsize) mentions->len + 64;

  for (guint i = 1; i < mentions->len; i++)
    {
      DetenteMention moved = m[i];
      guint j = i;

      while (j > 0 && m[j - 1].span.offset > moved.span.offset && budget > 0)
        {
          m[j] = m[j - 1];
          j--;
          budget--;
        }
      m[j] = moved;
      if (budget == 0)
        {
          g_array_sort (mentions, compare_mentions);
          return;
        }
    }
}

static void
pending_clear (gpointer data)
{
  g_free (((Pending *) data)->title);
}

static void
scratch_free (gpointer data)
{
  Finder *f = data;

  g_free (f->arena);
  g_array_unref (f->units);
  g_array_unref (f->spans);
  g_array_unref (f->pending);
  g_ptr_array_unref (f->actors);
  g_array_unref (f->mentions);
  g_array_unref (f->surname_links);
  g_ptr_array_unref (f->owned);
  _detente_mentions_index_clear (&f->surnames);
  _detente_mentions_index_clear (&f->by_key);
  _detente_mentions_index_clear (&f->by_entry);
  _detente_mentions_index_clear (&f->by_id);
  g_free (f);
}

/* Each thread keeps its finder's tables and arrays from one article to
 * the next: an import reads thousands of articles, and making them anew
 * for each cost a tenth of the time. */
static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

static Finder *
scratch_get (void)
{
  Finder *f = g_private_get (&scratch_key);

  if (f == NULL)
    {
      f = g_new0 (Finder, 1);
      f->actors = g_ptr_array_new ();
      f->mentions = g_array_new (FALSE, FALSE, sizeof (DetenteMention));
      f->surname_links = g_array_new (FALSE, FALSE, sizeof (SurnameLink));
      f->owned = g_ptr_array_new_with_free_func (g_free);
      f->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
      g_array_set_clear_func (f->pending, pending_clear);
      f->units = g_array_new (FALSE, FALSE, sizeof (Unit));
      f->spans = g_array_new (FALSE, FALSE, sizeof (GazSpan));
      g_private_set (&scratch_key, f);
    }
  return f;
}

/* Empties what @used filled and keeps it, with the room it grew, in
 * @scratch. */
static void
scratch_put (Finder *scratch,
             Finder *used)
{
  _detente_mentions_index_reset (&used->by_key);
  _detente_mentions_index_reset (&used->by_entry);
  _detente_mentions_index_reset (&used->by_id);
  _detente_mentions_index_reset (&used->surnames);
  /* The actors now belong to the result. */
  g_ptr_array_set_size (used->actors, 0);
  used->mentions->len = 0;
  g_array_set_size (used->surname_links, 0);
  g_ptr_array_set_size (used->owned, 0);
  g_array_set_size (used->pending, 0);
  used->units->len = 0;
  used->spans->len = 0;
  used->arena_length = 0;
  scratch->by_key = used->by_key;
  scratch->by_entry = used->by_entry;
  scratch->by_id = used->by_id;
  scratch->surnames = used->surnames;
  scratch->arena = used->arena;
  scratch->arena_size = used->arena_size;
  scratch->units_size = used->units_size;
  scratch->spans_size = used->spans_size;
  scratch->mentions_size = used->mentions_size;
}

/**
 * detente_mentions_find:
 * @text: an article's text, split
 * @gazetteer: what is known
 * @date: (nullable): the article's date, against which roles resolve
 *
 * Finds the persons, countries, organisations and places an article refers
 * to. Safe on any thread: it only reads @text and @gazetteer.
 *
 * Returns: (transfer full): the mentions
 */
DetenteMentions *
detente_mentions_find (DetenteText       *text,
                       DetenteGazetteer  *gazetteer,
                       const DetenteDate *date)
{
  DetenteDate none = { 0 };
  Finder *scratch = scratch_get ();
  Finder f = *scratch;
  DetenteMentions *result;
  guint n_tokens;
  guint first = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (DETENTE_IS_GAZETTEER (gazetteer), NULL);

  f.text = text;
  f.s = detente_text_get_text (text);
  f.end = (const guchar *) f.s + strlen (f.s);
  f.gazetteer = gazetteer;
  f.date = date != NULL ? date : &none;

  n_tokens = detente_text_get_n_tokens (text);
  while (first < n_tokens)
    {
      first = _detente_mentions_read_units (&f, first, n_tokens);
      _detente_mentions_read_spans (&f);
      read_sentence (&f);
    }
  _detente_mentions_resolve_pending (&f);
  sort_mentions (f.mentions);

  result = g_new0 (DetenteMentions, 1);
  result->actors = g_ptr_array_new_full (f.actors->len, _detente_mentions_found_actor_free);
  for (guint i = 0; i < f.actors->len; i++)
    g_ptr_array_add (result->actors, g_ptr_array_index (f.actors, i));
  result->mentions = g_array_sized_new (FALSE, FALSE, sizeof (DetenteMention), f.mentions->len);
  g_array_append_vals (result->mentions, f.mentions->data, f.mentions->len);

  scratch_put (scratch, &f);
  return result;
}

/**
 * detente_mentions_free:
 * @mentions: (transfer full): mentions
 *
 * Frees @mentions.
 */
void
detente_mentions_free (DetenteMentions *mentions)
{
  if (mentions == NULL)
    return;
  g_ptr_array_unref (mentions->actors);
  g_array_unref (mentions->mentions);
  g_free (mentions);
}
