/* detente-mentions-units.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-mentions-private.h"

/* Cutting a sentence into units and marking the gazetteer names in it:
 * the first pass of the mention finder, and the word lists its patterns
 * consult. */

static const char * const stop_words[] = {
  "a", "about", "according", "after", "against", "all", "also", "although", "an", "and",
  "another", "any", "april", "as", "at", "august", "because", "before", "both", "but", "by",
  "december", "despite", "during", "each", "either", "even", "february", "for", "former",
  "friday", "from", "he", "her", "here", "his", "however", "i", "if", "in", "instead", "into",
  "it", "its", "january", "july", "june", "last", "march", "may", "meanwhile", "monday", "more",
  "moreover", "most", "mr", "mrs", "ms", "my", "neither", "new", "next", "no", "nor", "not",
  "november", "now", "october", "of", "on", "one", "only", "or", "other", "our", "over",
  "per", "saturday", "september", "she", "since", "so", "some", "still", "such", "sunday",
  "than", "that", "the", "their", "then", "there", "these", "they", "this", "those",
  "though", "through", "thursday", "to", "today", "tuesday", "under", "unlike", "until",
  "upon", "us", "we", "wednesday", "what", "when", "where", "whether", "which", "while",
  "who", "whose", "why", "will", "with", "within", "without", "yesterday", "yet", "you",
};

/* Words that make a capitalised phrase the name of something other than a
 * person: "Strategic Vision Institute", "Taiwan Strait", "Cold War". */
static const char * const thing_words[] = {
  "academy", "accord", "act", "administration", "affairs", "agency", "agreement", "airlines",
  "airport", "airways", "alliance", "analytics", "army", "assembly", "associates", "association",
  "avenue", "award", "awards", "bancorp", "bank", "base", "bay", "bill", "board", "bridge",
  "building", "bureau", "cabinet", "campaign", "canal", "capital", "center", "centre", "century",
  "championship", "channel", "charter", "church", "city", "cloud", "club", "coalition", "college",
  "command", "commission", "committee", "communique", "company", "conference", "congress",
  "constitution", "convention", "corp", "corporation", "council", "county", "court", "crisis",
  "cup", "daily", "day", "declaration", "department", "dialogue", "digital", "district",
  "doctrine", "east", "economy", "edition", "embassy", "empire", "energy", "entertainment",
  "equities", "exchange", "express", "fc", "federation", "festival", "force", "forces", "forum",
  "foundation", "front", "fund", "games", "gazette", "government", "group", "guard", "gulf",
  "hall", "herald", "highway", "holdings", "hospital", "hotel", "house", "inc", "index",
  "initiative", "insider", "institute", "institution", "island", "islands", "journal", "kingdom",
  "lab", "laboratory", "labs", "lake", "law", "league", "ltd", "magazine", "mall", "marine",
  "marines", "market", "markets", "max", "media", "mini", "ministry", "mission", "monitor",
  "monthly", "motors", "mount", "mountain", "mouse", "move", "movement", "museum", "nation",
  "nations", "navy", "network", "news", "north", "ocean", "office", "olympics", "online", "open",
  "order", "organisation", "organization", "pact", "palace", "park", "parliament", "partner",
  "partners", "partnership", "party", "peninsula", "pharmaceuticals", "phone", "pictures", "plan",
  "plaza", "plus", "podcast", "policy", "post", "press", "prize", "pro", "program", "programme",
  "project", "province", "quarterly", "radio", "records", "region", "relations", "report",
  "republic", "research", "review", "revolution", "rights", "river", "road", "school", "sea",
  "season", "securities", "security", "senate", "series", "service", "services", "shoal", "show",
  "society", "software", "solutions", "south", "square", "state", "states", "station", "store",
  "strait", "strategy", "street", "studies", "studios", "summit", "system", "systems", "team",
  "technologies", "technology", "telegraph", "television", "temple", "territory", "times",
  "tournament", "tower", "trade", "treaty", "tribunal", "tribune", "union", "united", "university",
  "valley", "ventures", "war", "watch", "week", "weekly", "west", "world", "year", "zone",
};

/* Reporting verbs: their subject or object is a person. */
static const char * const speech_words[] = {
  "acknowledged", "added", "admitted", "argued", "argues", "asked", "asserted", "believed",
  "believes", "cautioned", "claimed", "commented", "concluded", "confirmed", "contended",
  "declared", "emphasised", "emphasized", "expects", "explained", "insisted", "noted", "notes",
  "observed", "pointed", "predicted", "remarked", "replied", "said", "says", "stated", "stressed",
  "suggested", "suggests", "tells", "thinks", "told", "tweeted", "urged", "warned", "warns",
  "writes", "wrote",
};

/* Words before a title that stop it from naming today's holder. */
static const char * const past_words[] = { "ex", "former", "late", "previous", "then" };

/* After a name a reporting verb or a meeting verb came before, the words
 * that end its clause: "said Brendon O’Connor of …". */
static const char * const after_name_words[] = {
  "after", "and", "at", "before", "during", "from", "in", "of", "on", "to", "when", "while", "who",
  "whose", "with",
};

/* "met with …", "talks with …" */
static const char * const meet_with_words[] = {
  "call", "calls", "conversation", "meet", "meeting", "meetings", "meets", "met", "spoke", "talked",
  "talks",
};

/* "hosted …", "met …" */
static const char * const meet_words[] = {
  "hosted", "hosting", "hosts", "invited", "invites", "meet", "meeting", "meets", "met", "phoned",
  "received", "receiving",
};

/* After these, a capital is a place. */
static const char * const place_before_words[] = {
  "across", "arrived", "arriving", "at", "from", "in", "into", "near", "outside", "reached",
  "to", "toward", "towards", "visit", "visited", "visiting", "visits", "within",
};

/* Every list in one table, built once for all threads and asked about
 * nearly every word of every article with the hash its unit already has:
 * a slot says which lists hold its word, and the word itself is only read
 * when the hash and length agree. Small enough to stay in the cache. */
#define WORD_SLOTS 2048

typedef struct
{
  guint   hash;
  guint16 length;     /* 0 marks an empty slot */
  guint16 lists;      /* a bit per WordList */
} WordSlot;

static WordSlot word_slots[WORD_SLOTS];
static const char *word_of_slot[WORD_SLOTS];

static void
words_init (void)
{
  static const struct { const char * const *words; gsize n; } lists[N_WORD_LISTS] = {
    [WORDS_STOP] = { stop_words, G_N_ELEMENTS (stop_words) },
    [WORDS_THING] = { thing_words, G_N_ELEMENTS (thing_words) },
    [WORDS_SPEECH] = { speech_words, G_N_ELEMENTS (speech_words) },
    [WORDS_PAST] = { past_words, G_N_ELEMENTS (past_words) },
    [WORDS_AFTER_NAME] = { after_name_words, G_N_ELEMENTS (after_name_words) },
    [WORDS_MEET_WITH] = { meet_with_words, G_N_ELEMENTS (meet_with_words) },
    [WORDS_MEET] = { meet_words, G_N_ELEMENTS (meet_words) },
    [WORDS_PLACE_BEFORE] = { place_before_words, G_N_ELEMENTS (place_before_words) },
  };
  guint used = 0;

  for (guint k = 0; k < N_WORD_LISTS; k++)
    for (gsize w = 0; w < lists[k].n; w++)
      {
        const char *word = lists[k].words[w];
        gsize length = strlen (word);
        guint hash = detente_gazetteer_hash_key (word, length);
        guint i;

        for (i = hash & (WORD_SLOTS - 1); word_slots[i].length != 0; i = (i + 1) & (WORD_SLOTS - 1))
          if (word_slots[i].hash == hash && strcmp (word_of_slot[i], word) == 0)
            break;
        if (word_slots[i].length == 0)
          {
            word_slots[i] = (WordSlot) { hash, length, 0 };
            word_of_slot[i] = word;
            used++;
          }
        word_slots[i].lists |= 1u << k;
      }
  /* At most half full, so probes stay short. */
  g_assert (used * 2 <= WORD_SLOTS);
}

/**
 * _detente_mentions_is_word:
 * @u: a unit
 * @list: a list of words
 *
 * Returns: whether @u's key is a word of @list
 */
gboolean
_detente_mentions_is_word (const Unit *u,
                           WordList    list)
{
  static gsize once;

  if (G_UNLIKELY (g_once_init_enter (&once)))
    {
      words_init ();
      g_once_init_leave (&once, 1);
    }
  for (guint i = u->gaz.hash & (WORD_SLOTS - 1); word_slots[i].length != 0; i = (i + 1) & (WORD_SLOTS - 1))
    if (word_slots[i].hash == u->gaz.hash && word_slots[i].length == u->gaz.length &&
        memcmp (word_of_slot[i], u->gaz.key, u->gaz.length) == 0)
      return (word_slots[i].lists & (1u << list)) != 0;
  return FALSE;
}

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

#define MAX_SENTENCE_TOKENS 1000

static inline Unit *
next_unit (Finder *f)
{
  Unit *u;

  if (G_UNLIKELY (f->units->len == f->units_size))
    {
      guint len = f->units->len;

      f->units_size = MAX (64, f->units_size * 2);
      g_array_set_size (f->units, f->units_size);
      g_array_set_size (f->units, len);
    }
  f->units->len++;
  u = &g_array_index (f->units, Unit, f->units->len - 1);
  u->span = 0;
  return u;
}

/* Where the next key goes in the sentence's arena of keys, with room for
 * the longest key, its NUL and a word's worth more: keys are folded
 * straight into it, eight bytes at a time, and every token has one. */
static inline char *
arena_reserve (Finder *f)
{
  if (G_UNLIKELY (f->arena_length + DETENTE_KEY_MAX + 8 > f->arena_size))
    {
      gsize size = MAX (MAX (f->arena_size * 2, 4096), f->arena_length + DETENTE_KEY_MAX + 8);
      char *arena = g_malloc (size);

      /* The units point at their keys: they move with the arena. The old
       * arena is still there to measure from. */
      if (f->arena_length > 0)
        memcpy (arena, f->arena, f->arena_length);
      for (guint i = 0; i < f->units->len; i++)
        {
          Unit *u = &g_array_index (f->units, Unit, i);

          u->gaz.key = arena + (u->gaz.key - f->arena);
        }
      g_free (f->arena);
      f->arena = arena;
      f->arena_size = size;
    }
  return f->arena + f->arena_length;
}

/* Keeps the @length bytes arena_reserve() gave as a key; returns it. */
static inline const char *
arena_commit (Finder *f,
              gsize   length)
{
  char *key = f->arena + f->arena_length;

  key[length] = '\0';
  f->arena_length += length + 1;
  return key;
}

/* A full stop touching a single capital before it makes it an initial
 * ("L" of "Janet L. Yellen"). */
static inline void
mark_initial (Finder *f,
              guint   dot_offset)
{
  Unit *before;

  if (f->units->len < 2)
    return;
  before = &g_array_index (f->units, Unit, f->units->len - 2);
  if ((before->flags & U_CAP) && before->length == 1 && before->offset + 1 == dot_offset)
    before->flags |= U_INITIAL;
}

static void
add_unit (Finder            *f,
          const DetenteSpan *part,
          DetenteTokenKind   kind)
{
  Unit *up;
  Unit u;
  gsize length;
  char *key = arena_reserve (f);
  const char *p = f->s + part->offset;
  gboolean possessive = FALSE;
  gboolean upper = FALSE, lower = FALSE;
  gunichar first = (guchar) *p < 0x80 ? (guchar) *p : g_utf8_get_char_validated (p, part->length);

  /* Filled in place: units are many and their keys long. The array only
   * grows, by doubling; its length is reset for each sentence. */
  up = next_unit (f);
  u.offset = part->offset;
  u.length = part->length;
  u.flags = 0;
  /* Marks have no case: their key is their bytes ("—", "“"). */
  if (kind == DETENTE_TOKEN_PUNCTUATION && part->length < DETENTE_KEY_MAX)
    {
      memcpy (key, p, part->length);
      length = part->length;
    }
  else
    length = detente_gazetteer_fold (p, part->length, key, &possessive);
  up->gaz.hash = detente_gazetteer_hash_key (key, length);
  up->gaz.length = length;
  up->gaz.key = arena_commit (f, length);
  if (kind == DETENTE_TOKEN_PUNCTUATION)
    {
      u.flags |= U_PUNCT;
      if (*p == '.')
        u.flags |= U_DOT;
      else if (*p == ',')
        u.flags |= U_COMMA;
    }
  else
    {
      u.flags |= U_WORD;
      if (possessive)
        u.flags |= U_POSS;
      if (first != (gunichar) -1 && first != (gunichar) -2 && is_cjk (first))
        u.flags |= U_CJK;
      for (guint i = 0; i < part->length; i++)
        {
          guchar c = p[i];

          if (g_ascii_isupper (c))
            upper = TRUE;
          else if (g_ascii_islower (c) || c >= 0x80)
            lower = TRUE;
        }
      if (first < 0x80 ? g_ascii_isupper (first)
          : (first != (gunichar) -1 && first != (gunichar) -2 &&
             (g_unichar_isupper (first) || g_unichar_istitle (first))))
        u.flags |= U_CAP;
      if (!upper && !(u.flags & U_CAP))
        u.flags |= U_LOWER;
      if (upper && !lower && part->length > 1)
        u.flags |= U_ALLCAPS;
    }
  up->offset = u.offset;
  up->length = u.length;
  up->flags = u.flags;
  if (u.flags & U_DOT)
    mark_initial (f, u.offset);
}

#define BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/* The bytes of a word at @p, @n of them, at most eight, little-endian in
 * a 64-bit word and zero past @n. Eight are read at once when the text
 * (@end is its NUL) has them. */
static inline guint64
load_word (const guchar *p,
           guint         n,
           const guchar *end)
{
  guint64 x = 0;

  if (G_LIKELY (end - p >= 7))
    {
      memcpy (&x, p, 8);
      x = GUINT64_FROM_LE (x);
      return n < 8 ? x & ((G_GUINT64_CONSTANT (1) << (8 * n)) - 1) : x;
    }
  memcpy (&x, p, n);
  return GUINT64_FROM_LE (x);
}

/* The common case eight bytes at a time: a word of ASCII letters and
 * digits, maybe with an apostrophe, and no hyphen to split at. Gives up
 * (FALSE, nothing added) on anything else. */
static inline gboolean
add_ascii_word (Finder            *f,
                const DetenteSpan *span)
{
  const guchar *p = (const guchar *) f->s + span->offset;
  guint n = span->length;
  guint64 upper = 0, lower = 0, other = 0;
  guint64 h = GAZ_HASH_SEED;
  gboolean rehash = FALSE;
  guint k;
  char *key;
  Unit *u;

  if (n >= DETENTE_KEY_MAX)
    return FALSE;

  /* Each byte's class at once, without a branch: the high bit of each
   * byte of t + BYTES (0x80 - c) says whether its low seven bits are at
   * least c; non-ASCII bytes are marked apart. The arena has room for
   * whole words past the key. */
  key = arena_reserve (f);
  for (guint i = 0; i < n; i += 8)
    {
      guint64 x = load_word (p + i, MIN (n - i, 8), f->end);
      guint64 t = x & BYTES (0x7F);
      guint64 ascii = ~x & BYTES (0x80);
      guint64 up = (t + BYTES (0x80 - 'A')) & ~(t + BYTES (0x80 - 'Z' - 1)) & ascii;
      guint64 hyphen = x ^ BYTES ('-');

      lower |= (t + BYTES (0x80 - 'a')) & ~(t + BYTES (0x80 - 'z' - 1)) & ascii;
      other |= (x & BYTES (0x80)) | ((hyphen - BYTES (0x01)) & ~hyphen & BYTES (0x80));
      upper |= up;
      x |= up >> 2;
      h = _detente_gazetteer_hash_step (h, x);
      x = GUINT64_TO_LE (x);
      memcpy (key + i, &x, 8);
    }
  k = n;
  if (G_UNLIKELY (other != 0))
    {
      /* Again, byte by byte: a curly apostrophe ("China’s", "don’t")
       * folds to a straight one; anything else takes the long way. */
      k = 0;
      for (guint i = 0; i < n; i++)
        {
          guchar c = p[i];

          if (c >= 0x80 || c == '-')
            {
              if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0x99 || p[i + 2] == 0x98))
                {
                  key[k++] = '\'';
                  i += 2;
                  continue;
                }
              return FALSE;
            }
          key[k++] = g_ascii_tolower (c);
        }
      rehash = TRUE;
    }
  u = next_unit (f);
  u->offset = span->offset;
  u->length = n;
  u->flags = U_WORD;
  n = k;
  /* A possessive is rare: its key is hashed again without it. */
  if (n > 2 && key[n - 2] == '\'' && key[n - 1] == 's')
    {
      n -= 2;
      u->flags |= U_POSS;
      rehash = TRUE;
    }
  else if (n > 1 && key[n - 1] == '\'')
    {
      n -= 1;
      u->flags |= U_POSS;
      rehash = TRUE;
    }
  u->gaz.hash = rehash ? detente_gazetteer_hash_key (key, n) : _detente_gazetteer_hash_end (h);
  u->gaz.length = n;
  u->gaz.key = arena_commit (f, n);
  if ((guchar) (p[0] - 'A') < 26)
    u->flags |= U_CAP;
  if (upper == 0 && !(u->flags & U_CAP))
    u->flags |= U_LOWER;
  if (upper != 0 && lower == 0 && span->length > 1)
    u->flags |= U_ALLCAPS;
  return TRUE;
}

/* A mark of one ASCII byte, "," or ".": its key is the byte. */
static inline gboolean
add_ascii_mark (Finder            *f,
                const DetenteSpan *span)
{
  guchar c = f->s[span->offset];
  char *key;
  Unit *u;

  if (span->length != 1 || c >= 0x80)
    return FALSE;
  key = arena_reserve (f);
  key[0] = c;
  u = next_unit (f);
  u->offset = span->offset;
  u->length = 1;
  u->flags = U_PUNCT | (c == '.' ? U_DOT : c == ',' ? U_COMMA : 0);
  u->gaz.hash = _detente_gazetteer_hash_end (_detente_gazetteer_hash_step (GAZ_HASH_SEED, c));
  u->gaz.length = 1;
  u->gaz.key = arena_commit (f, 1);
  if (c == '.')
    mark_initial (f, span->offset);
  return TRUE;
}

/* Reads the units of the sentence that begins at token @first_token and
 * returns the token after it. A "sentence" of a million tokens (a page
 * with no full stops) is read in pieces, so memory stays bounded; no name
 * is that long. */
guint
_detente_mentions_read_units (Finder *f,
                              guint   first_token,
                              guint   n_tokens)
{
  const DetenteToken *tokens = detente_text_get_token (f->text, first_token);
  guint max = MIN (n_tokens - first_token, MAX_SENTENCE_TOKENS);
  guint t;

  f->units->len = 0;
  f->arena_length = 0;
  f->sentence = tokens[0].sentence;
  for (t = 0; t < max && tokens[t].sentence == f->sentence; t++)
    {
      const DetenteToken *tok = &tokens[t];
      DetenteSpan parts[8];
      guint n = 1;

      if (tok->kind == DETENTE_TOKEN_WORD ? add_ascii_word (f, &tok->span)
          : tok->kind == DETENTE_TOKEN_PUNCTUATION && add_ascii_mark (f, &tok->span))
        continue;

      parts[0] = tok->span;
      if (tok->kind == DETENTE_TOKEN_WORD)
        n = detente_gazetteer_split_token (f->s, &tok->span, parts, G_N_ELEMENTS (parts));
      for (guint i = 0; i < n; i++)
        add_unit (f, &parts[i], tok->kind);
    }
  return first_token + t;
}

/* Whether every word of units [first, first + n) is in capitals. */
gboolean
_detente_mentions_shouted (Finder *f,
                           guint   first,
                           guint   n)
{
  for (guint k = 0; k < n; k++)
    {
      const Unit *u = unit (f, first + k);

      if ((u->flags & U_WORD) && !(u->flags & (U_ALLCAPS | U_CJK)) &&
          !((u->flags & U_CAP) && u->length == 1))
        return FALSE;
    }
  return TRUE;
}

/* Marks the longest gazetteer name at each place of the sentence. Names of
 * things must be capitalised as names are ("china" is not China); titles
 * and honorifics need not be. */
void
_detente_mentions_read_spans (Finder *f)
{
  guint n = f->units->len;

  f->spans->len = 0;

  for (guint i = 0; i < n;)
    {
      GazSpan g = { i, 0, NULL, 0, 0 };
      const TrieNode *node;
      gboolean named = FALSE;
      gboolean titled = FALSE;

      if (!(unit (f, i)->flags & U_WORD) || !_detente_gazetteer_may_begin (f->gazetteer, unit (f, i)->gaz.hash))
        {
          i++;
          continue;
        }
      g.n = _detente_gazetteer_match_keys (f->gazetteer, &unit (f, i)->gaz, sizeof (Unit), n - i, &node);
      if (g.n == 0)
        {
          i++;
          continue;
        }
      g.matches = node->match_data;
      g.n_matches = node->n_matches;
      g.kinds = node->kinds;
      for (guint k = 0; k < g.n; k++)
        if (unit (f, i + k)->flags & (U_CAP | U_CJK))
          named = TRUE;
      titled = span_has (&g, DETENTE_ENTRY_TITLE) || span_has (&g, DETENTE_ENTRY_HONORIFIC);
      if (named && !_detente_mentions_shouted (f, i, g.n) && node->acronyms)
        named = titled = FALSE;
      if (!named && !titled)
        {
          i++;
          continue;
        }
      /* A name that ends inside a possessive's word is still whole; one that
       * would end before a capitalised word of the same name is not ours
       * to cut ("Washington Post" is not Washington). */
      if (!titled && !(unit (f, i + g.n - 1)->flags & U_POSS) && i + g.n < n &&
          (unit (f, i + g.n)->flags & U_CAP) && !(unit (f, i + g.n)->flags & U_ALLCAPS) &&
          _detente_mentions_is_word (unit (f, i + g.n), WORDS_THING))
        {
          i += g.n;
          continue;
        }
      *(GazSpan *) array_push (f->spans, &f->spans_size, sizeof (GazSpan)) = g;
      for (guint k = 0; k < g.n; k++)
        g_array_index (f->units, Unit, i + k).span = f->spans->len;
      i += g.n;
    }
}
