/* detente-mentions.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-actor.h"
#include "detente-mentions.h"

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
 * further down. */

#define MAX_NAME_UNITS 4
#define APPOSITION_WINDOW 10

enum
{
  U_WORD     = 1 << 0,
  U_CAP      = 1 << 1,   /* begins with a capital letter */
  U_LOWER    = 1 << 2,   /* no capital letter at all */
  U_ALLCAPS  = 1 << 3,   /* "NATO", "US" */
  U_POSS     = 1 << 4,   /* "China’s" */
  U_INITIAL  = 1 << 5,   /* "L" of "Janet L. Yellen" */
  U_DOT      = 1 << 6,
  U_COMMA    = 1 << 7,
  U_PUNCT    = 1 << 8,
  U_CJK      = 1 << 9,
};

typedef struct
{
  guint offset;
  guint length;
  guint flags;
  guint hash;
  char  key[DETENTE_KEY_MAX];
} Unit;

typedef struct
{
  guint               first;
  guint               n;
  const DetenteMatch *matches;
  guint               n_matches;
} GazSpan;

/* A lone surname, or a title with a lone surname, resolved at the end. */
typedef struct
{
  guint       offset;
  guint       length;
  guint       sentence;
  char        key[DETENTE_KEY_MAX];
  char       *title;      /* the title before it, if any */
  gboolean    honoured;   /* a title or an honorific came before it */
} Pending;

typedef struct
{
  DetenteText       *text;
  const char        *s;
  DetenteGazetteer  *gazetteer;
  const DetenteDate *date;

  DetenteMentions   *result;
  GHashTable        *by_key;      /* folded full name → actor index + 1 */
  GHashTable        *by_entry;    /* gazetteer entry → actor index + 1 */
  GHashTable        *surnames;    /* surname key → GArray of (actor index) */
  GArray            *pending;     /* Pending */

  /* The sentence being read. */
  GArray            *units;
  guint              units_size;  /* room allocated in units */
  GArray            *spans;       /* GazSpan */
  GArray            *span_at;     /* guint per unit: span index + 1, or 0 */
  const char       **keys;
  guint              keys_size;
  guint              sentence;
} Finder;

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

static gboolean
in_sorted (const char * const *list,
           gsize               n,
           const char         *key)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      int c = strcmp (key, list[mid]);

      if (c == 0)
        return TRUE;
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return FALSE;
}

#define IN_LIST(list, key) in_sorted (list, G_N_ELEMENTS (list), key)

static const Unit *
unit (Finder *f,
      guint   i)
{
  return &g_array_index (f->units, Unit, i);
}

static const GazSpan *
span_at (Finder *f,
         guint   i)
{
  guint s;

  if (i >= f->span_at->len)
    return NULL;
  s = g_array_index (f->span_at, guint, i);
  return s == 0 ? NULL : &g_array_index (f->spans, GazSpan, s - 1);
}

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

static Unit *
next_unit (Finder *f)
{
  if (f->units->len == f->units_size)
    {
      guint len = f->units->len;

      f->units_size = MAX (64, f->units_size * 2);
      g_array_set_size (f->units, f->units_size);
      g_array_set_size (f->units, len);
    }
  f->units->len++;
  return &g_array_index (f->units, Unit, f->units->len - 1);
}

static void
add_unit (Finder            *f,
          const DetenteSpan *part,
          DetenteTokenKind   kind)
{
  Unit *up;
  Unit u;
  gsize length;
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
  length = detente_gazetteer_fold (p, part->length, up->key, &possessive);
  if (length == 0)
    up->key[0] = '\0';
  up->hash = detente_gazetteer_hash_key (up->key, length);
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
}

/* The common case in one pass over the bytes: a word of ASCII letters
 * and digits, maybe with an apostrophe, and no hyphen to split at. Gives
 * up (FALSE, nothing added) on anything else. */
static gboolean
add_ascii_word (Finder            *f,
                const DetenteSpan *span)
{
  const guchar *p = (const guchar *) f->s + span->offset;
  guint n = span->length;
  gboolean upper = FALSE, lower = FALSE;
  guint h = 5381;
  Unit *u;

  if (n >= DETENTE_KEY_MAX)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guchar c = p[i];

      if (c >= 0x80 || c == '-')
        return FALSE;
    }

  u = next_unit (f);
  u->offset = span->offset;
  u->length = n;
  u->flags = U_WORD;
  for (guint i = 0; i < n; i++)
    {
      guchar c = p[i];

      if (c >= 'A' && c <= 'Z')
        {
          upper = TRUE;
          c += 'a' - 'A';
        }
      else if (c >= 'a' && c <= 'z')
        lower = TRUE;
      u->key[i] = c;
    }
  if (n > 2 && u->key[n - 2] == '\'' && u->key[n - 1] == 's')
    {
      n -= 2;
      u->flags |= U_POSS;
    }
  else if (n > 1 && u->key[n - 1] == '\'')
    {
      n -= 1;
      u->flags |= U_POSS;
    }
  u->key[n] = '\0';
  for (guint i = 0; i < n; i++)
    h = h * 33 + (guchar) u->key[i];
  u->hash = h;
  if (g_ascii_isupper (p[0]))
    u->flags |= U_CAP;
  if (!upper && !(u->flags & U_CAP))
    u->flags |= U_LOWER;
  if (upper && !lower && span->length > 1)
    u->flags |= U_ALLCAPS;
  return TRUE;
}

static void
read_units (Finder *f,
            guint   first_token,
            guint   end_token)
{
  const DetenteToken *tokens = detente_text_get_token (f->text, first_token);

  g_array_set_size (f->units, 0);
  for (guint t = 0; t < end_token - first_token; t++)
    {
      const DetenteToken *tok = &tokens[t];
      DetenteSpan parts[8];
      guint n = 1;

      if (tok->kind == DETENTE_TOKEN_WORD && add_ascii_word (f, &tok->span))
        continue;

      parts[0] = tok->span;
      if (tok->kind == DETENTE_TOKEN_WORD)
        n = detente_gazetteer_split_token (f->s, &tok->span, parts, G_N_ELEMENTS (parts));
      for (guint i = 0; i < n; i++)
        add_unit (f, &parts[i], tok->kind);
    }
  /* A single capital touching a following dot is an initial. */
  for (guint i = 0; i + 1 < f->units->len; i++)
    {
      Unit *u = &g_array_index (f->units, Unit, i);

      if ((u->flags & U_CAP) && u->length == 1 && (unit (f, i + 1)->flags & U_DOT) &&
          unit (f, i + 1)->offset == u->offset + 1)
        u->flags |= U_INITIAL;
    }
}

static gboolean
match_is (const DetenteMatch *m,
          DetenteEntryKind    kind)
{
  return m->entry->kind == kind;
}

static gboolean
span_has (const GazSpan    *g,
          DetenteEntryKind  kind)
{
  if (g == NULL)
    return FALSE;
  for (guint i = 0; i < g->n_matches; i++)
    if (match_is (&g->matches[i], kind))
      return TRUE;
  return FALSE;
}

static const DetenteEntry *
span_entry (const GazSpan    *g,
            DetenteEntryKind  kind,
            DetenteMatchHow  *how)
{
  for (guint i = 0; g != NULL && i < g->n_matches; i++)
    if (match_is (&g->matches[i], kind))
      {
        if (how != NULL)
          *how = g->matches[i].how;
        return g->matches[i].entry;
      }
  return NULL;
}

/* Whether every word of units [first, first + n) is in capitals. */
static gboolean
shouted (Finder *f,
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
static void
read_spans (Finder *f)
{
  guint n = f->units->len;

  g_array_set_size (f->spans, 0);
  g_array_set_size (f->span_at, n);
  memset (f->span_at->data, 0, n * sizeof (guint));
  if (f->keys_size < n)
    {
      f->keys_size = MAX (n, 64);
      f->keys = g_renew (const char *, f->keys, f->keys_size);
    }
  for (guint i = 0; i < n; i++)
    f->keys[i] = unit (f, i)->key;

  for (guint i = 0; i < n;)
    {
      GazSpan g = { i, 0, NULL, 0 };
      gboolean named = FALSE;
      gboolean titled = FALSE;

      if (!(unit (f, i)->flags & U_WORD) || !detente_gazetteer_may_begin (f->gazetteer, unit (f, i)->hash))
        {
          i++;
          continue;
        }
      g.n = detente_gazetteer_match (f->gazetteer, f->keys + i, n - i, &g.matches, &g.n_matches);
      if (g.n == 0)
        {
          i++;
          continue;
        }
      for (guint k = 0; k < g.n; k++)
        if (unit (f, i + k)->flags & (U_CAP | U_CJK))
          named = TRUE;
      titled = span_has (&g, DETENTE_ENTRY_TITLE) || span_has (&g, DETENTE_ENTRY_HONORIFIC);
      if (named && !shouted (f, i, g.n))
        {
          gboolean all_acronyms = TRUE;

          for (guint k = 0; k < g.n_matches && all_acronyms; k++)
            all_acronyms = g.matches[k].acronym;
          if (all_acronyms)
            named = titled = FALSE;
        }
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
          IN_LIST (thing_words, unit (f, i + g.n)->key))
        {
          i += g.n;
          continue;
        }
      g_array_append_val (f->spans, g);
      for (guint k = 0; k < g.n; k++)
        g_array_index (f->span_at, guint, i + k) = f->spans->len;
      i += g.n;
    }
}

static guint
actor_index (Finder                 *f,
             const char             *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->by_key, key));
}

static void
index_surname (Finder     *f,
               const char *key,
               guint       index)
{
  GArray *list = g_hash_table_lookup (f->surnames, key);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (f->surnames, g_strdup (key), list);
    }
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, guint, i) == index)
      return;
  g_array_append_val (list, index);
}

static void
index_surnames (Finder     *f,
                const char *name,
                const char *country,
                guint       index)
{
  char keys[2][DETENTE_KEY_MAX];
  guint n = detente_gazetteer_family_keys (name, country, keys);

  for (guint i = 0; i < n; i++)
    index_surname (f, keys[i], index);
}

static DetenteFoundActor *
found_actor (Finder *f,
             guint   index)
{
  return g_ptr_array_index (f->result->actors, index);
}

static void
mention (Finder             *f,
         guint               actor,
         guint               offset,
         guint               length,
         gboolean            by_role)
{
  DetenteMention m = { DETENTE_MENTION_ACTOR, { offset, length }, f->sentence, actor, NULL, by_role };

  g_array_append_val (f->result->mentions, m);
  found_actor (f, actor)->mentions++;
}

static guint
actor_for_entry (Finder             *f,
                 const DetenteEntry *entry,
                 guint               offset)
{
  static const DetenteActorKind kinds[] = {
    [DETENTE_ENTRY_PERSON] = DETENTE_ACTOR_KIND_PERSON,
    [DETENTE_ENTRY_COUNTRY] = DETENTE_ACTOR_KIND_COUNTRY,
    [DETENTE_ENTRY_ORGANISATION] = DETENTE_ACTOR_KIND_ORGANISATION,
  };
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (f->by_entry, entry));
  DetenteFoundActor *a;

  if (index > 0)
    return index - 1;

  a = g_new0 (DetenteFoundActor, 1);
  a->kind = kinds[entry->kind];
  a->id = entry->kind == DETENTE_ENTRY_COUNTRY ? detente_actor_make_id (entry->name)
          : g_strdup (entry->id);
  a->name = g_strdup (entry->name);
  a->country = g_strdup (entry->country);
  a->entry = entry;
  a->first = offset;
  if (entry->kind == DETENTE_ENTRY_PERSON)
    {
      const DetenteEntryRole *role = detente_entry_role_at (entry, f->date);

      if (role != NULL)
        a->role = g_strdup (role->title);
    }
  g_ptr_array_add (f->result->actors, a);
  index = f->result->actors->len;
  g_hash_table_insert (f->by_entry, (gpointer) entry, GUINT_TO_POINTER (index));
  if (entry->kind == DETENTE_ENTRY_PERSON)
    index_surnames (f, entry->name, entry->country, index - 1);
  return index - 1;
}

static gboolean
holds_title (const DetenteEntry *person,
             const char         *title)
{
  for (guint i = 0; i < person->roles->len; i++)
    if (g_ascii_strcasecmp (((DetenteEntryRole *) g_ptr_array_index (person->roles, i))->title, title) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
holds_title_at (const DetenteEntry *person,
                const char         *title,
                const DetenteDate  *date)
{
  for (guint i = 0; i < person->roles->len; i++)
    {
      const DetenteEntryRole *role = g_ptr_array_index (person->roles, i);

      if (g_ascii_strcasecmp (role->title, title) == 0 && detente_entry_role_covers (role, date))
        return TRUE;
    }
  return FALSE;
}

/* The person a gazetteer name refers to: of several people known by the
 * same name, the one who held a role at the article's date. */
static const DetenteEntry *
choose_person (Finder        *f,
               const GazSpan *g)
{
  const DetenteEntry *first = NULL;
  guint people = 0;

  for (guint i = 0; i < g->n_matches; i++)
    if (g->matches[i].entry->kind == DETENTE_ENTRY_PERSON)
      {
        first = g->matches[i].entry;
        people++;
      }
  if (people < 2)
    return first;
  first = NULL;
  for (guint i = 0; i < g->n_matches; i++)
    {
      const DetenteEntry *e = g->matches[i].entry;

      if (e->kind != DETENTE_ENTRY_PERSON)
        continue;
      if (first == NULL)
        first = e;
      if (detente_date_is_set (f->date) && detente_entry_role_at (e, f->date) != NULL)
        return e;
    }
  return first;
}

static char *
text_of (Finder *f,
         guint   first,
         guint   n)
{
  const Unit *a = unit (f, first);
  const Unit *b = unit (f, first + n - 1);

  return g_strndup (f->s + a->offset, b->offset + b->length - a->offset);
}

/* A name as written: units from @first, cutting a possessive off the last. */
static char *
name_of (Finder *f,
         guint   first,
         guint   n)
{
  g_autofree char *raw = text_of (f, first, n);
  GString *name = g_string_new (NULL);
  gsize len = strlen (raw);

  /* "O’Connor" is written with a straight apostrophe in ids and keys, but
   * the name keeps the article's spelling. */
  if (unit (f, first + n - 1)->flags & U_POSS)
    {
      if (len > 3 && g_str_has_suffix (raw, "’s"))
        len -= strlen ("’s");
      else if (len > 2 && g_str_has_suffix (raw, "'s"))
        len -= 2;
      else if (len > 1 && (g_str_has_suffix (raw, "'") ))
        len -= 1;
      else if (len > 3 && g_str_has_suffix (raw, "’"))
        len -= strlen ("’");
    }
  /* Collapse line breaks and runs of spaces inside a name. */
  for (gsize i = 0; i < len; i++)
    {
      char c = g_ascii_isspace (raw[i]) ? ' ' : raw[i];

      if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
        continue;
      g_string_append_c (name, c);
    }
  return g_string_free (name, FALSE);
}

static guint
actor_for_name (Finder     *f,
                const char *name,
                const char *country,
                const char *role,
                guint       offset)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  guint index = actor_index (f, folded);
  DetenteFoundActor *a;

  if (index > 0)
    {
      a = found_actor (f, index - 1);
      if (a->country == NULL && country != NULL)
        a->country = g_strdup (country);
      if (a->role == NULL && role != NULL)
        a->role = g_strdup (role);
      return index - 1;
    }

  a = g_new0 (DetenteFoundActor, 1);
  a->kind = DETENTE_ACTOR_KIND_PERSON;
  a->id = detente_actor_make_id (name);
  a->name = g_strdup (name);
  a->country = g_strdup (country);
  a->role = g_strdup (role);
  a->first = offset;
  g_ptr_array_add (f->result->actors, a);
  index = f->result->actors->len;
  g_hash_table_insert (f->by_key, g_steal_pointer (&folded), GUINT_TO_POINTER (index));
  index_surnames (f, name, country, index - 1);
  return index - 1;
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
      if (u->key[0] == '\0' || IN_LIST (stop_words, u->key) || IN_LIST (thing_words, u->key))
        return FALSE;
      if (g != NULL && !span_has (g, DETENTE_ENTRY_PERSON))
        return FALSE;
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
  /* "Wi-Fi" is two capitalised words, but not a name. */
  return words >= 2 && long_words >= 1;
}

/* The longest run of name-like units from @i, at most MAX_NAME_UNITS words. */
static guint
name_run (Finder *f,
          guint   i)
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
      if (g != NULL && !span_has (g, DETENTE_ENTRY_PERSON))
        break;
      if (n > 0 && (unit (f, i + n - 1)->flags & U_POSS))
        break;
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
        keys[n_keys++] = u->key;
    }
  if (!initials || n_keys < 2 ||
      detente_gazetteer_match (f->gazetteer, keys, n_keys, &matches, &n_matches) != n_keys)
    return NULL;
  for (guint m = 0; m < n_matches; m++)
    if (matches[m].entry->kind == DETENTE_ENTRY_PERSON)
      return matches[m].entry;
  return NULL;
}

static void
add_pending (Finder     *f,
             guint       i,
             const char *title,
             gboolean    honoured)
{
  Pending p = { unit (f, i)->offset, unit (f, i)->length, f->sentence, { 0 }, g_strdup (title), honoured };

  memcpy (p.key, unit (f, i)->key, DETENTE_KEY_MAX);
  /* "Pompeo’s" is measured without its possessive. */
  if (unit (f, i)->flags & U_POSS)
    {
      g_autofree char *name = name_of (f, i, 1);

      p.length = strlen (name);
    }
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
      if (u->flags & U_WORD && IN_LIST (past_words, u->key))
        {
          if (past != NULL)
            *past = TRUE;
          i--;
          continue;
        }
      if (u->flags & U_WORD && strcmp (u->key, "the") == 0)
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
  const DetenteMatch *matches;
  guint n_matches;
  guint n;

  if (g->n < 2)
    return NULL;
  n = detente_gazetteer_match (f->gazetteer, f->keys + g->first, g->n - 1, &matches, &n_matches);
  if (n == 0 || !(unit (f, g->first)->flags & (U_CAP | U_CJK)))
    return NULL;
  for (guint m = 0; m < n_matches; m++)
    if (matches[m].entry->kind == DETENTE_ENTRY_COUNTRY &&
        (!matches[m].acronym || shouted (f, g->first, n)))
      return matches[m].entry;
  return NULL;
}

static const char *
title_name (const GazSpan *g)
{
  const DetenteEntry *e = span_entry (g, DETENTE_ENTRY_TITLE, NULL);

  return e != NULL ? e->name : NULL;
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
  mention (f, actor_for_entry (f, person, unit (f, g->first)->offset),
           unit (f, g->first)->offset,
           unit (f, g->first + g->n - 1)->offset + unit (f, g->first + g->n - 1)->length -
           unit (f, g->first)->offset, TRUE);
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
  if (i > 0 && strcmp (unit (f, i - 1)->key, "the") == 0)
    i--;
  return i > 0 && strcmp (unit (f, i - 1)->key, word) == 0;
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
    if (g->matches[m].entry->kind == DETENTE_ENTRY_HONORIFIC ||
        (g->matches[m].entry->kind == DETENTE_ENTRY_TITLE && g->matches[m].entry->generic))
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
  if (unit (f, i)->flags & U_WORD && IN_LIST (speech_words, unit (f, i)->key))
    return TRUE;

  /* "Ryan Hass, who served in the White House": only people are who. */
  if ((unit (f, i)->flags & U_COMMA) && i + 1 < n && strcmp (unit (f, i + 1)->key, "who") == 0)
    return TRUE;
  if (unit (f, i)->flags & U_COMMA)
    i++;
  else if (unit (f, i)->flags & U_WORD &&
           (strcmp (unit (f, i)->key, "is") == 0 || strcmp (unit (f, i)->key, "was") == 0))
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
      if ((u->flags & U_CAP) && k == 0 && !(u->flags & U_WORD && IN_LIST (stop_words, u->key)))
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

static gboolean
person_context_before (Finder *f,
                       guint   i)
{
  if (i == 0)
    return FALSE;
  if (unit (f, i - 1)->flags & U_WORD && IN_LIST (speech_words, unit (f, i - 1)->key))
    return TRUE;
  /* "according to X" */
  return i >= 2 && strcmp (unit (f, i - 1)->key, "to") == 0 &&
         strcmp (unit (f, i - 2)->key, "according") == 0;
}

/* After a preposition, a capital is a place; elsewhere it stands for its
 * government ("Washington has invited …"). */
static gboolean
after_preposition (Finder *f,
                   guint   i)
{
  static const char * const words[] = {
    "across", "arrived", "arriving", "at", "from", "in", "into", "near", "outside", "reached",
    "to", "toward", "towards", "visit", "visited", "visiting", "visits", "within",
  };

  return i > 0 && (unit (f, i - 1)->flags & U_WORD) && IN_LIST (words, unit (f, i - 1)->key);
}

static void
place_mention (Finder             *f,
               const GazSpan      *g,
               const DetenteEntry *place)
{
  const Unit *a = unit (f, g->first);
  const Unit *b = unit (f, g->first + g->n - 1);
  DetenteMention m = { DETENTE_MENTION_PLACE, { a->offset, b->offset + b->length - a->offset },
                       f->sentence, G_MAXUINT, place, FALSE };

  g_array_append_val (f->result->mentions, m);
}

static guint
span_length (Finder *f,
             guint   first,
             guint   n)
{
  const Unit *a = unit (f, first);
  const Unit *b = unit (f, first + n - 1);
  guint length = b->offset + b->length - a->offset;

  if (b->flags & U_POSS)
    {
      g_autofree char *name = name_of (f, first, n);
      g_autofree char *raw = text_of (f, first, n);

      /* name_of only cuts the ending; the rest is byte for byte the text. */
      if (strlen (name) <= strlen (raw) && strncmp (name, raw, strlen (name)) == 0)
        length = strlen (name);
    }
  return length;
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
              const DetenteEntry *person = choose_person (f, next);
              guint a = actor_for_entry (f, person, unit (f, j)->offset);

              /* The title the text gives, when the person held it, says
               * which of their roles the article means; in an undated
               * article it is the best guess there is. */
              if (title != NULL && !past && (found_actor (f, a)->role == NULL || holds_title (person, title)))
                {
                  g_free (found_actor (f, a)->role);
                  found_actor (f, a)->role = g_strdup (title);
                }

              mention (f, a, unit (f, j)->offset, span_length (f, j, next->n), FALSE);
              i = j + next->n;
              continue;
            }
          run = j < n ? name_run (f, j) : 0;
          if (run >= 2 && looks_like_name (f, j, run))
            {
              g_autofree char *name = name_of (f, j, run);
              const char *country = entry_country (modifier);
              guint a;

              if (country == NULL && title != NULL)
                country = detente_gazetteer_get_title_country (f->gazetteer, title);

              /* "Treasury Secretary Janet L. Yellen": the gazetteer knows
               * her as "Janet Yellen"; try the name without initials. */
              if (known_without_initials (f, j, run) != NULL)
                a = actor_for_entry (f, known_without_initials (f, j, run), unit (f, j)->offset);
              else
                a = actor_for_name (f, name, country, title, unit (f, j)->offset);
              mention (f, a, unit (f, j)->offset, span_length (f, j, run), FALSE);
              i = j + run;
              continue;
            }
          if (run >= 1 && (unit (f, j)->flags & U_WORD) && !IN_LIST (stop_words, unit (f, j)->key) &&
              span_at (f, j) == NULL)
            {
              add_pending (f, j, title, TRUE);
              i = j + 1;
              continue;
            }
          if (office != NULL && !past && !(u->flags & U_LOWER && modifier == NULL))
            resolve_role (f, office, modifier);
          i = j;
          continue;
        }

      if (g != NULL && g->first == i)
        {
          const DetenteEntry *person = choose_person (f, g);
          DetenteMatchHow how = DETENTE_MATCH_NAME;
          const DetenteEntry *country = span_entry (g, DETENTE_ENTRY_COUNTRY, &how);
          const DetenteEntry *org = span_entry (g, DETENTE_ENTRY_ORGANISATION, NULL);
          const DetenteEntry *place = span_entry (g, DETENTE_ENTRY_PLACE, NULL);
          guint length = span_length (f, i, g->n);

          if (person != NULL)
            mention (f, actor_for_entry (f, person, u->offset), u->offset, length, FALSE);
          else if ((place != NULL || (country != NULL && how == DETENTE_MATCH_CAPITAL)) &&
                   (after_preposition (f, i) || (country == NULL && org == NULL)))
            place_mention (f, g, place != NULL ? place : country);
          else if (org != NULL)
            mention (f, actor_for_entry (f, org, u->offset), u->offset, length, FALSE);
          else if (country != NULL)
            mention (f, actor_for_entry (f, country, u->offset), u->offset, length, FALSE);
          i += g->n;
          continue;
        }

      /* A capitalised run nobody named: a person if the context says so. */
      if ((u->flags & U_CAP) && (u->flags & U_WORD) && !IN_LIST (stop_words, u->key))
        {
          guint run = name_run (f, i);

          if (run >= 2 && looks_like_name (f, i, run))
            {
              g_autofree char *name = name_of (f, i, run);
              g_autofree char *folded = g_utf8_casefold (name, -1);
              g_autofree char *role = NULL;
              const DetenteEntry *where = NULL;

              if (actor_index (f, folded) > 0 || person_context_before (f, i) ||
                  person_context_after (f, i + run, &role, &where))
                {
                  const DetenteEntry *known = known_without_initials (f, i, run);
                  guint a = known != NULL ? actor_for_entry (f, known, u->offset)
                            : actor_for_name (f, name, entry_country (where), role, u->offset);

                  mention (f, a, u->offset, span_length (f, i, run), FALSE);
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

/* A lone surname refers to the last person with that name before it, or
 * failing that the first after it ("Blinken" in a headline). A title with
 * a surname the article never gave in full ("Secretary Blinken") may still
 * be a gazetteer person, if only one has that surname and that title. */
static void
resolve_pending (Finder *f)
{
  for (guint p = 0; p < f->pending->len; p++)
    {
      Pending *pend = &g_array_index (f->pending, Pending, p);
      GArray *list = g_hash_table_lookup (f->surnames, pend->key);
      guint best = G_MAXUINT;

      for (guint k = 0; list != NULL && k < list->len; k++)
        {
          guint a = g_array_index (list, guint, k);
          guint first = found_actor (f, a)->first;

          if (found_actor (f, a)->kind != DETENTE_ACTOR_KIND_PERSON)
            continue;
          if (best == G_MAXUINT)
            best = a;
          else if (first <= pend->offset &&
                   (found_actor (f, best)->first > pend->offset || first > found_actor (f, best)->first))
            best = a;
          else if (first > pend->offset && found_actor (f, best)->first > pend->offset &&
                   first < found_actor (f, best)->first)
            best = a;
        }
      if (best != G_MAXUINT)
        {
          DetenteMention m = { DETENTE_MENTION_ACTOR, { pend->offset, pend->length }, pend->sentence,
                               best, NULL, FALSE };

          g_array_append_val (f->result->mentions, m);
          found_actor (f, best)->mentions++;
        }
      else if (pend->honoured && detente_date_is_set (f->date))
        {
          /* "Secretary Blinken", "Mr. Xi": the one person of that family
           * name who held that title, or any role, at the article's date. */
          GPtrArray *family = detente_gazetteer_find_family (f->gazetteer, pend->key);
          const DetenteEntry *person = NULL;
          guint found = 0;

          for (guint h = 0; family != NULL && h < family->len; h++)
            {
              const DetenteEntry *e = g_ptr_array_index (family, h);
              const DetenteEntryRole *role = detente_entry_role_at (e, f->date);

              if (role != NULL && (pend->title == NULL || holds_title_at (e, pend->title, f->date)))
                {
                  person = e;
                  found++;
                }
            }
          if (found == 1)
            {
              guint a = actor_for_entry (f, person, pend->offset);
              DetenteMention m = { DETENTE_MENTION_ACTOR, { pend->offset, pend->length }, pend->sentence,
                                   a, NULL, FALSE };

              g_array_append_val (f->result->mentions, m);
              found_actor (f, a)->mentions++;
            }
        }
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

static void
found_actor_free (gpointer data)
{
  DetenteFoundActor *a = data;

  g_free (a->id);
  g_free (a->name);
  g_free (a->country);
  g_free (a->role);
  g_free (a);
}

static void
pending_clear (gpointer data)
{
  g_free (((Pending *) data)->title);
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
  Finder f = { 0 };
  guint n_tokens;
  guint first = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (DETENTE_IS_GAZETTEER (gazetteer), NULL);

  f.text = text;
  f.s = detente_text_get_text (text);
  f.gazetteer = gazetteer;
  f.date = date != NULL ? date : &none;
  f.result = g_new0 (DetenteMentions, 1);
  f.result->actors = g_ptr_array_new_with_free_func (found_actor_free);
  f.result->mentions = g_array_new (FALSE, FALSE, sizeof (DetenteMention));
  f.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f.by_entry = g_hash_table_new (NULL, NULL);
  f.surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  f.pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_array_set_clear_func (f.pending, pending_clear);
  f.units = g_array_new (FALSE, FALSE, sizeof (Unit));
  f.spans = g_array_new (FALSE, FALSE, sizeof (GazSpan));
  f.span_at = g_array_new (FALSE, TRUE, sizeof (guint));

  n_tokens = detente_text_get_n_tokens (text);
  while (first < n_tokens)
    {
      const DetenteToken *tokens = detente_text_get_token (text, first);
      guint end = first;

      f.sentence = tokens[0].sentence;

      while (end < n_tokens && tokens[end - first].sentence == f.sentence)
        end++;
      read_units (&f, first, end);
      read_spans (&f);
      read_sentence (&f);
      first = end;
    }
  resolve_pending (&f);
  g_array_sort (f.result->mentions, compare_mentions);

  g_free (f.keys);
  g_array_unref (f.units);
  g_array_unref (f.spans);
  g_array_unref (f.span_at);
  g_array_unref (f.pending);
  g_hash_table_unref (f.surnames);
  g_hash_table_unref (f.by_key);
  g_hash_table_unref (f.by_entry);
  return f.result;
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
