/* detente-extractor-lexicon.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-extractor-private.h"

/* The words engagement frames are built from. These are English grammar,
 * not facts about the world, so they live here rather than in the
 * gazetteer's files: a user who adds a person does not add a verb. Keys
 * are folded to lower case with straight apostrophes, as the extractor
 * folds the text's words. */

typedef struct
{
  const char *word;
  guint32     classes;
  Trigger     trigger;
} Word;

static const Word words[] = {
  /* verb groups */
  { "is", W_AUX | W_VERB, 0 }, { "are", W_AUX | W_VERB, 0 }, { "was", W_AUX | W_VERB, 0 },
  { "were", W_AUX | W_VERB, 0 },
  { "be", W_AUX, 0 }, { "been", W_AUX, 0 }, { "being", W_AUX, 0 }, { "am", W_AUX, 0 },
  { "has", W_AUX | W_LIGHT | W_VERB, 0 }, { "have", W_AUX | W_LIGHT | W_VERB, 0 },
  { "had", W_AUX | W_LIGHT | W_VERB, 0 }, { "having", W_AUX | W_LIGHT, 0 },
  { "do", W_AUX, 0 }, { "does", W_AUX, 0 }, { "did", W_AUX | W_VERB, 0 },
  { "also", W_AUX, 0 }, { "then", W_AUX, 0 }, { "now", W_AUX, 0 }, { "first", W_AUX, 0 },
  { "later", W_AUX, 0 }, { "again", W_AUX, 0 }, { "formally", W_AUX, 0 }, { "finally", W_AUX, 0 },
  { "reportedly", W_AUX, 0 }, { "briefly", W_AUX, 0 }, { "separately", W_AUX, 0 },
  { "recently", W_AUX, 0 }, { "already", W_AUX, 0 }, { "previously", W_AUX, 0 },
  { "officially", W_AUX, 0 }, { "personally", W_AUX, 0 }, { "directly", W_AUX, 0 },
  { "to", W_AUX | W_IN | W_FUNCTION, 0 },
  /* not yet */
  { "will", W_AUX | W_PLANNED | W_VERB, 0 }, { "'ll", W_AUX | W_PLANNED, 0 },
  { "shall", W_AUX | W_PLANNED, 0 }, { "would", W_AUX | W_PLANNED, 0 },
  { "scheduled", W_AUX | W_PLANNED, 0 }, { "schedule", W_PLANNED, 0 },
  { "set", W_AUX | W_PLANNED, 0 }, { "expected", W_AUX | W_PLANNED, 0 },
  { "expects", W_PLANNED, 0 }, { "anticipated", W_AUX | W_PLANNED, 0 },
  { "plans", W_AUX | W_PLANNED, 0 }, { "plan", W_PLANNED, 0 }, { "planned", W_AUX | W_PLANNED, 0 },
  { "planning", W_AUX | W_PLANNED, 0 }, { "due", W_AUX | W_PLANNED, 0 },
  { "upcoming", W_PLANNED, 0 }, { "forthcoming", W_PLANNED, 0 }, { "next", W_PLANNED, 0 },
  { "agreed", W_AUX | W_PLANNED | W_VERB, 0 }, { "agree", W_PLANNED, 0 },
  { "preparing", W_AUX | W_PLANNED, 0 }, { "prepares", W_PLANNED, 0 },
  { "prepared", W_PLANNED, 0 }, { "going", W_AUX | W_PLANNED, 0 },
  { "intends", W_AUX | W_PLANNED, 0 }, { "announced", W_PLANNED | W_VERB, 0 },
  /* maybe */
  { "may", W_AUX | W_POSSIBLE, 0 }, { "might", W_AUX | W_POSSIBLE, 0 },
  { "could", W_AUX | W_POSSIBLE, 0 }, { "can", W_AUX | W_POSSIBLE, 0 },
  { "hope", W_POSSIBLE, 0 }, { "hopes", W_AUX | W_POSSIBLE, 0 },
  { "hoped", W_AUX | W_POSSIBLE, 0 }, { "hoping", W_AUX | W_POSSIBLE, 0 },
  { "if", W_POSSIBLE | W_BOUNDARY, 0 }, { "whether", W_POSSIBLE | W_BOUNDARY, 0 },
  { "possible", W_POSSIBLE, 0 }, { "possibly", W_AUX | W_POSSIBLE, 0 },
  { "potential", W_POSSIBLE, 0 }, { "potentially", W_AUX | W_POSSIBLE, 0 },
  { "want", W_POSSIBLE, 0 }, { "wants", W_AUX | W_POSSIBLE, 0 },
  { "seeks", W_AUX | W_POSSIBLE, 0 }, { "seeking", W_AUX | W_POSSIBLE, 0 },
  { "considering", W_AUX | W_POSSIBLE, 0 }, { "opportunity", W_POSSIBLE, 0 },
  { "likely", W_AUX | W_POSSIBLE, 0 }, { "perhaps", W_AUX | W_POSSIBLE, 0 },
  { "proposed", W_POSSIBLE, 0 }, { "possibility", W_POSSIBLE, 0 },
  /* no */
  { "not", W_AUX | W_NEGATION, 0 }, { "never", W_AUX | W_NEGATION, 0 },
  { "no", W_NEGATION, 0 }, { "n't", W_AUX | W_NEGATION, 0 }, { "cannot", W_AUX | W_NEGATION, 0 },
  { "without", W_NEGATION, 0 }, { "suspended", W_NEGATION, 0 }, { "suspend", W_NEGATION, 0 },
  { "froze", W_NEGATION, 0 }, { "frozen", W_NEGATION, 0 }, { "halted", W_NEGATION, 0 },
  { "broke", W_NEGATION, 0 }, { "snubbed", W_NEGATION, 0 }, { "skipped", W_NEGATION, 0 }, { "refused", W_NEGATION, 0 }, { "declined", W_NEGATION, 0 },
  { "refusal", W_NEGATION, 0 }, { "rejected", W_NEGATION, 0 }, { "neither", W_NEGATION, 0 },
  { "nor", W_NEGATION, 0 }, { "unable", W_NEGATION, 0 }, { "instead", W_NEGATION, 0 },
  { "canceled", W_CANCEL | W_VERB, 0 }, { "cancelled", W_CANCEL | W_VERB, 0 },
  { "cancel", W_CANCEL, 0 }, { "cancels", W_CANCEL, 0 }, { "cancellation", W_CANCEL, 0 },
  { "scrapped", W_CANCEL | W_VERB, 0 }, { "scrap", W_CANCEL, 0 },
  { "postponed", W_POSTPONE | W_VERB, 0 }, { "postpone", W_POSTPONE, 0 },
  { "postpones", W_POSTPONE, 0 }, { "postponement", W_POSTPONE, 0 },
  { "delayed", W_POSTPONE | W_VERB, 0 }, { "deferred", W_POSTPONE, 0 },
  { "rescheduled", W_POSTPONE, 0 },
  /* a new clause */
  { "where", W_BOUNDARY, 0 }, { "which", W_BOUNDARY | W_RELATIVE, 0 }, { "who", W_BOUNDARY | W_RELATIVE, 0 },
  { "whom", W_BOUNDARY | W_RELATIVE, 0 }, { "whose", W_BOUNDARY | W_RELATIVE, 0 }, { "while", W_BOUNDARY, 0 },
  { "when", W_BOUNDARY, 0 }, { "whereas", W_BOUNDARY, 0 }, { "after", W_BOUNDARY | W_PREP, 0 },
  { "before", W_BOUNDARY | W_PREP, 0 }, { "since", W_BOUNDARY, 0 }, { "because", W_BOUNDARY, 0 },
  { "but", W_BOUNDARY, 0 }, { "although", W_BOUNDARY, 0 }, { "though", W_BOUNDARY, 0 },
  { "during", W_BOUNDARY | W_PREP, 0 }, { "amid", W_BOUNDARY | W_PREP, 0 }, { "following", W_BOUNDARY | W_PREP, 0 },
  { "until", W_BOUNDARY | W_PREP, 0 }, { "according", W_BOUNDARY | W_PREP, 0 }, { "that", W_BOUNDARY | W_DEFINITE | W_RELATIVE, 0 },
  { "what", W_BOUNDARY, 0 }, { "ahead", W_BOUNDARY | W_PREP, 0 }, { "despite", W_BOUNDARY | W_PREP, 0 }, { "unlike", W_BOUNDARY | W_PREP, 0 },
  { "said", W_BOUNDARY | W_VERB | W_TELL, 0 }, { "says", W_BOUNDARY | W_VERB, 0 },
  /* verbs that open a second predicate after "and" */
  { "discussed", W_VERB, 0 }, { "signed", W_VERB, 0 }, { "urged", W_VERB | W_TELL, 0 },
  { "warned", W_VERB | W_TELL, 0 }, { "told", W_VERB | W_TELL, 0 }, { "assured", W_VERB | W_TELL, 0 },
  { "pressed", W_VERB | W_TELL, 0 }, { "reminded", W_VERB | W_TELL, 0 }, { "asked", W_VERB | W_TELL, 0 },
  { "stressed", W_VERB, 0 }, { "called", W_VERB, T_CALL }, { "expressed", W_VERB, 0 },
  { "raised", W_VERB, 0 }, { "reaffirmed", W_VERB, 0 }, { "emphasized", W_VERB, 0 },
  { "emphasised", W_VERB, 0 }, { "left", W_VERB, 0 }, { "returned", W_VERB, 0 },
  { "traveled", W_VERB, T_TRAVEL }, { "travelled", W_VERB, T_TRAVEL },
  /* before an event noun */
  { "held", W_LIGHT | W_VERB | W_HELD, 0 }, { "hold", W_LIGHT, 0 }, { "holds", W_LIGHT, 0 },
  { "holding", W_LIGHT, 0 }, { "engaged", W_LIGHT | W_VERB, 0 }, { "engage", W_LIGHT, 0 },
  { "engages", W_LIGHT, 0 }, { "engaging", W_LIGHT, 0 }, { "paid", W_LIGHT | W_VERB, 0 },
  { "pay", W_LIGHT, 0 }, { "pays", W_LIGHT, 0 }, { "made", W_LIGHT | W_VERB, 0 },
  { "make", W_LIGHT, 0 }, { "makes", W_LIGHT, 0 }, { "conducted", W_LIGHT | W_VERB, 0 },
  { "extended", W_LIGHT | W_VERB, 0 }, { "extend", W_LIGHT, 0 }, { "extends", W_LIGHT, 0 },
  { "issued", W_LIGHT | W_VERB, 0 }, { "accepted", W_LIGHT | W_VERB, 0 },
  { "attended", W_LIGHT | W_VERB, 0 }, { "joined", W_LIGHT | W_VERB, 0 },
  { "begin", W_LIGHT, 0 }, { "began", W_LIGHT | W_VERB, 0 }, { "start", W_LIGHT, 0 },
  { "concluded", W_LIGHT | W_VERB, 0 }, { "wrapped", W_LIGHT | W_VERB, 0 },
  { "sat", W_VERB, T_MEET },
  { "took", W_VERB | W_HELD, 0 }, { "place", W_HELD, 0 },
  /* pronouns and determiners */
  { "he", W_HE, 0 }, { "his", W_HE, 0 }, { "him", W_HE, 0 }, { "she", W_HE, 0 }, { "her", W_HE, 0 },
  { "they", W_THEY, 0 }, { "their", W_THEY, 0 }, { "them", W_THEY, 0 }, { "both", W_THEY, 0 },
  { "the", W_DEFINITE, 0 }, { "this", W_DEFINITE, 0 }, { "these", W_DEFINITE, 0 },
  { "those", W_DEFINITE, 0 }, { "a", W_DET, 0 }, { "an", W_DET, 0 },
  { "in", W_IN | W_FUNCTION, 0 }, { "at", W_IN | W_FUNCTION, 0 }, { "into", W_IN | W_FUNCTION, 0 },
  { "and", W_JOIN | W_FUNCTION, 0 }, { "&", W_JOIN | W_FUNCTION, 0 }, { "or", W_FUNCTION, 0 },
  { "on", W_FUNCTION, 0 }, { "for", W_FUNCTION, 0 }, { "with", W_FUNCTION, 0 },
  { "from", W_FUNCTION, 0 }, { "by", W_FUNCTION, 0 }, { "of", W_FUNCTION, 0 },
  { "as", W_FUNCTION | W_BOUNDARY, 0 }, { "over", W_FUNCTION, 0 }, { "about", W_FUNCTION, 0 },
  { "last", W_FUNCTION, 0 }, { "earlier", W_FUNCTION, 0 }, { "this", W_DEFINITE, 0 },
  /* engagements: verbs */
  { "meet", 0, T_MEET }, { "meets", 0, T_MEET }, { "met", W_VERB, T_MEET },
  { "meeting", 0, T_MEET_MAYBE }, { "hosted", W_VERB, T_HOST }, { "hosts", 0, T_HOST },
  { "host", 0, T_HOST }, { "hosting", 0, T_HOST }, { "received", W_VERB, T_RECEIVE },
  { "receives", 0, T_RECEIVE }, { "receive", 0, T_RECEIVE }, { "confronted", W_VERB, T_CONFRONT },
  { "spoke", W_VERB, T_SPEAK }, { "speak", 0, T_SPEAK }, { "speaks", 0, T_SPEAK },
  { "speaking", 0, T_SPEAK }, { "talked", W_VERB, T_SPEAK }, { "phoned", W_VERB, T_CALL },
  { "call", 0, T_N_CALL }, { "calls", 0, T_N_CALL }, { "invited", W_VERB, T_INVITE },
  { "invite", 0, T_INVITE }, { "invites", 0, T_INVITE }, { "inviting", 0, T_INVITE },
  { "visit", 0, T_VISIT }, { "visits", 0, T_VISIT }, { "visited", W_VERB, T_VISIT },
  { "visiting", 0, T_VISIT }, { "toured", W_VERB, T_VISIT }, { "travel", 0, T_TRAVEL },
  { "travels", 0, T_TRAVEL }, { "traveling", 0, T_TRAVEL }, { "travelling", 0, T_TRAVEL },
  { "flew", W_VERB, T_TRAVEL }, { "arrived", W_VERB, T_TRAVEL }, { "arrives", 0, T_TRAVEL },
  { "headed", W_VERB, T_TRAVEL },
  /* engagements: nouns */
  { "meetings", 0, T_N_MEETING }, { "talks", 0, T_N_TALKS }, { "discussions", 0, T_N_TALKS },
  { "negotiations", 0, T_N_TALKS }, { "summit", 0, T_N_SUMMIT }, { "summits", 0, T_N_SUMMIT },
  { "trip", 0, T_N_VISIT }, { "stop", 0, T_N_VISIT }, { "stops", 0, T_N_VISIT }, { "trips", 0, T_N_VISIT }, { "invitation", 0, T_N_INVITATION },
  { "invitations", 0, T_N_INVITATION }, { "phone", 0, 0 }, { "telephone", 0, 0 },
};

/* The lexicon as an open-addressed table, built once and only read after:
 * every word of every sentence is looked up, and most are in no entry.
 * For each first and last letter, the lengths of the words that begin and
 * end with them tell most of those apart without hashing them; a number or
 * a mark begins no word but two. */
#define TABLE_SIZE 1024

typedef struct
{
  const char *word;
  WordInfo    info;
} Slot;

typedef struct
{
  guint32 lengths[26 * 26];
  guint32 first_bytes[256 / 32];
  /* Each slot's tag, from its word's length and first letter, 0 when it
   * is empty: a probe reads these, which take a few cache lines, and looks
   * at a slot only when its tag is the key's. */
  guint8  tags[TABLE_SIZE];
  Slot    slots[TABLE_SIZE];
} Table;

G_STATIC_ASSERT (G_N_ELEMENTS (words) < TABLE_SIZE / 2);

/* The first two letters, the last and the length tell the lexicon's words
 * well enough apart, and cost the same for a long word as for a short one. */
static guint
hash_word (const char *key,
           gsize       length)
{
  guint32 h = (guchar) key[0] * 0x9E3779B1u;

  h ^= ((guchar) key[length > 1 ? 1 : 0] * 0x85EBCA77u) ^ ((guchar) key[length > 0 ? length - 1 : 0] * 0xC2B2AE3Du);
  h ^= (guint32) length * 0x27D4EB2Fu;
  return (h ^ (h >> 15)) & (TABLE_SIZE - 1);
}

static inline gboolean
is_letter (char c)
{
  return c >= 'a' && c <= 'z';
}

/* The index of a word's first and last letters. */
static inline guint
pair_of (const char *key,
         gsize       length)
{
  return (key[0] - 'a') * 26 + (key[length - 1] - 'a');
}

/* Not 0 for a word of one letter or more. */
static guint8
tag_of (const char *key,
        gsize       length)
{
  return (guint8) (MIN (length, 7) << 5 | ((guchar) key[0] & 31));
}

/* strcmp() for the short words of the lexicon, without a call. */
static inline gboolean
same_word (const char *word,
           const char *key)
{
  while (*word != '\0' && *word == *key)
    {
      word++;
      key++;
    }
  return *word == *key;
}

/* The slot of @key, nul-terminated at @length, or the empty slot where it
 * would go. */
static guint
find_slot (const Table *table,
           const char  *key,
           gsize        length)
{
  guint8 tag = tag_of (key, length);
  guint i = hash_word (key, length);

  while (table->tags[i] != 0 && (table->tags[i] != tag || !same_word (table->slots[i].word, key)))
    i = (i + 1) & (TABLE_SIZE - 1);
  return i;
}

static Table *
build_table (gpointer data)
{
  Table *table = g_new0 (Table, 1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize length = strlen (words[i].word);
      guint k = find_slot (table, words[i].word, length);
      Slot *slot = &table->slots[k];

      /* A word listed twice keeps every class it was given. */
      table->tags[k] = tag_of (words[i].word, length);
      slot->word = words[i].word;
      if (is_letter (words[i].word[0]) && is_letter (words[i].word[length - 1]))
        table->lengths[pair_of (words[i].word, length)] |= 1u << MIN (length, 31);
      table->first_bytes[(guchar) words[i].word[0] / 32] |= 1u << ((guchar) words[i].word[0] % 32);
      slot->info.classes |= words[i].classes;
      if (words[i].trigger != T_NONE)
        slot->info.trigger = words[i].trigger;
    }
  return table;
}

/**
 * _detente_extractor_word:
 * @key: a word folded to lower case
 * @length: its length in bytes, where it ends
 *
 * Returns: (nullable): what the word can do in a frame, or %NULL for a
 *   word that plays no part
 */
const WordInfo *
_detente_extractor_word (const char *key,
                         gsize       length)
{
  static GOnce once = G_ONCE_INIT;
  const Table *table;
  guint k;

  table = g_once (&once, (GThreadFunc) build_table, NULL);
  if (length == 0)
    return NULL;
  if (is_letter (key[0]) && is_letter (key[length - 1]))
    {
      if (!(table->lengths[pair_of (key, length)] & (1u << MIN (length, 31))))
        return NULL;
    }
  else if (!(table->first_bytes[(guchar) key[0] / 32] & (1u << ((guchar) key[0] % 32))))
    return NULL;
  k = find_slot (table, key, length);
  return table->tags[k] != 0 ? &table->slots[k].info : NULL;
}
