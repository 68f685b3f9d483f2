/* detente-gazetteer.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-gazetteer.h"
#include "detente-gazetteer-private.h"
#include "detente-role.h"
#include "detente-text.h"

/* The gazetteer: the people, countries, organisations, places and titles
 * Détente knows before it reads anything, in one token trie.
 *
 * A name is matched token by token. Every edge of the trie is one slot of
 * a single open-addressing table keyed by (parent node, folded token), so a
 * lookup costs one hash of a short string and a probe or two, and allocates
 * nothing; workers share the finished gazetteer without locks because
 * nothing changes it after it is built.
 *
 * Reading gazetteer files, built-in or a project's own, is in
 * detente-gazetteer-load.c. */

#define MAX_NAME_KEYS 16

G_DEFINE_FINAL_TYPE (DetenteGazetteer, detente_gazetteer, G_TYPE_OBJECT)
G_DEFINE_QUARK (detente-gazetteer-error-quark, detente_gazetteer_error)

static void
entry_role_free (gpointer data)
{
  DetenteEntryRole *role = data;

  g_free (role->title);
  g_free (role->country);
  g_free (role);
}

void
_detente_gazetteer_entry_free (gpointer data)
{
  DetenteEntry *entry = data;
  GazEntry *full = data;

  g_free (full->actor_id);
  g_free (full->families[0]);
  g_free (full->families[1]);
  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->country);
  g_free (entry->subkind);
  g_clear_pointer (&entry->roles, g_ptr_array_unref);
  g_free (entry);
}

static guint
slot_of (guint parent,
         guint hash,
         guint mask)
{
  return (hash ^ (parent * 2654435761u)) & mask;
}

static inline const char *
slot_key (const TrieSlot *slot)
{
  return slot->length <= TRIE_INLINE_KEY ? slot->key.bytes : slot->key.heap;
}

/* Where the bit of an edge is in next_keys. */
static inline guint
next_bit (guint parent,
          guint hash)
{
  return (hash ^ (parent * 2654435761u)) & (NEXT_KEY_WORDS * 64 - 1);
}

/* Whether a name may go on from @parent with a key of @hash: most words
 * after the first word of a name go on with none, and a bit says so
 * without reading the table. */
static inline gboolean
may_go_on (DetenteGazetteer *self,
           guint             parent,
           guint             hash)
{
  guint bit = next_bit (parent, hash);

  return (self->next_keys[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) != 0;
}

/* The edge from @parent by a key, or %NULL. */
static TrieSlot *
trie_find_slot (DetenteGazetteer *self,
                guint             parent,
                const char       *key,
                guint             length,
                guint             hash)
{
  guint mask = self->n_slots - 1;

  for (guint i = slot_of (parent, hash, mask);; i = (i + 1) & mask)
    {
      TrieSlot *slot = &self->slots[i];

      if (slot->child == 0)
        return NULL;
      if (slot->parent == parent && slot->hash == hash && slot->length == length &&
          memcmp (slot_key (slot), key, length) == 0)
        return slot;
    }
}

/* The node reached from @parent by a key, or G_MAXUINT. */
static guint
trie_find (DetenteGazetteer *self,
           guint             parent,
           const char       *key,
           guint             length,
           guint             hash)
{
  const TrieSlot *slot = trie_find_slot (self, parent, key, length, hash);

  return slot != NULL ? slot->child - 1 : G_MAXUINT;
}

static void
trie_put (TrieSlot *slots,
          guint     n_slots,
          TrieSlot *slot)
{
  guint mask = n_slots - 1;
  guint i = slot_of (slot->parent, slot->hash, mask);

  while (slots[i].child != 0)
    i = (i + 1) & mask;
  slots[i] = *slot;
}

static void
detente_gazetteer_finalize (GObject *object)
{
  DetenteGazetteer *self = (DetenteGazetteer *) object;

  for (guint i = 0; i < self->nodes->len; i++)
    g_clear_pointer (&g_array_index (self->nodes, TrieNode, i).matches, g_array_unref);
  g_array_unref (self->nodes);
  for (guint i = 0; i < self->n_slots; i++)
    if (self->slots[i].child != 0 && self->slots[i].length > TRIE_INLINE_KEY)
      g_free (self->slots[i].key.heap);
  g_free (self->slots);
  g_hash_table_unref (self->roles);
  g_hash_table_unref (self->families);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->entries);

  G_OBJECT_CLASS (detente_gazetteer_parent_class)->finalize (object);
}

static void
detente_gazetteer_class_init (DetenteGazetteerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = detente_gazetteer_finalize;
}

static void
detente_gazetteer_init (DetenteGazetteer *self)
{
  TrieNode root = { NULL, NULL, 0, 0, FALSE };

  self->entries = g_ptr_array_new_with_free_func (_detente_gazetteer_entry_free);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->n_slots = 1024;
  self->slots = g_new0 (TrieSlot, self->n_slots);
  self->nodes = g_array_new (FALSE, FALSE, sizeof (TrieNode));
  g_array_append_val (self->nodes, root);
  self->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
}

/**
 * detente_gazetteer_new:
 *
 * Returns: (transfer full): an empty gazetteer
 */
DetenteGazetteer *
detente_gazetteer_new (void)
{
  return g_object_new (DETENTE_TYPE_GAZETTEER, NULL);
}

/**
 * detente_gazetteer_fold:
 * @token: a token of text
 * @length: its length in bytes
 * @key: (out caller-allocates): DETENTE_KEY_MAX bytes
 * @possessive: (out) (optional): whether "'s" was cut off
 *
 * Folds a token into the form the trie holds: lower case, straight
 * apostrophes, no possessive ending ("China’s" and "Americans'" name China
 * and Americans).
 *
 * Returns: the length of the key, 0 when the token is too long to be a name
 */
gsize
detente_gazetteer_fold (const char *token,
                        gsize       length,
                        char       *key,
                        gboolean   *possessive)
{
  gsize n = 0;
  gsize i;

  if (possessive != NULL)
    *possessive = FALSE;
  if (length >= DETENTE_KEY_MAX)
    return 0;

  /* One pass for what most tokens are: ASCII, perhaps with a curly
   * apostrophe ("China’s"), which is straightened. */
  for (i = 0; i < length; i++)
    {
      guchar c = token[i];

      if (c < 0x80)
        key[n++] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
      else if (c == 0xE2 && i + 2 < length && (guchar) token[i + 1] == 0x80 &&
               ((guchar) token[i + 2] == 0x99 || (guchar) token[i + 2] == 0x98))
        {
          key[n++] = '\'';
          i += 2;
        }
      else
        break;
    }

  if (i < length)
    {
      g_autofree char *folded = NULL;
      const char *p;

      n = 0;
      if (!g_utf8_validate (token, length, NULL))
        return 0;
      folded = g_utf8_casefold (token, length);
      for (p = folded; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          char buf[6];
          int w;

          if (c == 0x2019 || c == 0x2018)
            c = '\'';
          w = g_unichar_to_utf8 (c, buf);
          if (n + w >= DETENTE_KEY_MAX)
            return 0;
          memcpy (key + n, buf, w);
          n += w;
        }
    }

  if (n > 2 && key[n - 2] == '\'' && key[n - 1] == 's')
    {
      n -= 2;
      if (possessive != NULL)
        *possessive = TRUE;
    }
  else if (n > 1 && key[n - 1] == '\'')
    {
      n -= 1;
      if (possessive != NULL)
        *possessive = TRUE;
    }
  key[n] = '\0';
  return n;
}

/* Splits @text into its keys the way the mention finder splits an
 * article, so a name written in the gazetteer matches itself in a text. */
static guint
name_keys (const char *text,
           char        keys[][DETENTE_KEY_MAX],
           guint       max_keys)
{
  g_autoptr(DetenteText) t = detente_text_new (text);
  const char *s = detente_text_get_text (t);
  guint n = 0;

  for (guint i = 0; i < detente_text_get_n_tokens (t); i++)
    {
      const DetenteToken *tok = detente_text_get_token (t, i);
      DetenteSpan parts[8];
      guint n_parts = detente_gazetteer_split_token (s, &tok->span, parts, G_N_ELEMENTS (parts));

      for (guint j = 0; j < n_parts; j++)
        {
          if (n == max_keys)
            return 0;
          if (detente_gazetteer_fold (s + parts[j].offset, parts[j].length, keys[n], NULL) == 0)
            return 0;
          n++;
        }
    }
  return n;
}

/**
 * detente_gazetteer_split_token:
 * @text: the text
 * @token: a token of it
 * @parts: (out caller-allocates): where the parts go
 * @max_parts: room in @parts
 *
 * Splits a hyphenated token where what follows a hyphen is capitalised
 * ("US-China", "then-House") and keeps it whole otherwise ("Suk-yeol",
 * "co-operation"), so names inside compounds are found.
 *
 * Returns: the number of parts
 */
guint
detente_gazetteer_split_token (const char        *text,
                               const DetenteSpan *token,
                               DetenteSpan       *parts,
                               guint              max_parts)
{
  const char *start = text + token->offset;
  const char *end = start + token->length;
  const char *part = start;
  guint n = 0;

  g_return_val_if_fail (max_parts > 0, 0);

  if (memchr (start, '-', token->length) == NULL && memchr (start, 0xE2, token->length) == NULL)
    {
      parts[0] = *token;
      return 1;
    }

  for (const char *p = start; p < end; p++)
    {
      const char *next = p + 1;

      if (*p == '-')
        next = p + 1;
      else if ((guchar) p[0] == 0xE2 && p + 2 < end && (guchar) p[1] == 0x80 &&
               ((guchar) p[2] == 0x90 || (guchar) p[2] == 0x91))
        next = p + 3;
      else
        continue;

      if (next < end && p > part && g_ascii_isupper (*next) && n + 1 < max_parts)
        {
          parts[n].offset = part - text;
          parts[n].length = p - part;
          n++;
          part = next;
        }
      p = next - 1;
    }
  parts[n].offset = part - text;
  parts[n].length = end - part;
  return n + 1;
}

/**
 * detente_gazetteer_hash_key:
 * @key: a folded key
 * @length: its length
 *
 * Returns: the hash detente_gazetteer_may_begin() takes
 */
guint
detente_gazetteer_hash_key (const char *key,
                            gsize       length)
{
  guint64 h = GAZ_HASH_SEED;
  guint64 word;
  gsize i;

  for (i = 0; i + 8 <= length; i += 8)
    {
      memcpy (&word, key + i, 8);
      h = _detente_gazetteer_hash_step (h, GUINT64_FROM_LE (word));
    }
  if (i < length)
    {
      word = 0;
      memcpy (&word, key + i, length - i);
      h = _detente_gazetteer_hash_step (h, GUINT64_FROM_LE (word));
    }
  return _detente_gazetteer_hash_end (h);
}

/**
 * detente_gazetteer_may_begin:
 * @self: a gazetteer
 * @hash: the hash of a folded key (detente_gazetteer_hash_key())
 *
 * Tells cheaply that no name begins with a key; a %TRUE may be wrong, so
 * detente_gazetteer_match() still decides.
 *
 * Returns: %FALSE when no name begins with the key
 */
gboolean
detente_gazetteer_may_begin (DetenteGazetteer *self,
                             guint             hash)
{
  return _detente_gazetteer_may_begin (self, hash);
}

static guint
trie_child (DetenteGazetteer *self,
            guint             parent,
            const char       *key,
            gboolean          create)
{
  TrieSlot slot = { parent, 0, 0, strlen (key), FALSE, { { 0 } } };
  TrieNode node = { NULL, NULL, 0, 0, FALSE };
  guint found;

  slot.hash = detente_gazetteer_hash_key (key, slot.length);
  found = trie_find (self, parent, key, slot.length, slot.hash);
  if (found != G_MAXUINT || !create)
    return found;

  if (parent == 0)
    {
      guint h = slot.hash & 0xFFFF;

      self->first_keys[h / 64] |= G_GUINT64_CONSTANT (1) << (h % 64);
    }
  else
    {
      guint bit = next_bit (parent, slot.hash);

      self->next_keys[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
    }
  /* At most half full, so probes stay short. */
  if ((self->n_used + 1) * 2 > self->n_slots)
    {
      guint n_slots = self->n_slots * 2;
      TrieSlot *slots = g_new0 (TrieSlot, n_slots);

      for (guint i = 0; i < self->n_slots; i++)
        if (self->slots[i].child != 0)
          trie_put (slots, n_slots, &self->slots[i]);
      g_free (self->slots);
      self->slots = slots;
      self->n_slots = n_slots;
    }
  g_array_append_val (self->nodes, node);
  if (slot.length <= TRIE_INLINE_KEY)
    memcpy (slot.key.bytes, key, slot.length);
  else
    slot.key.heap = g_strdup (key);
  slot.child = self->nodes->len;
  trie_put (self->slots, self->n_slots, &slot);
  self->n_used++;
  return self->nodes->len - 1;
}

/* Sums up a node's matches for the mention finder, which asks about them
 * at every name it finds. */
static void
summarise_node (TrieNode *t)
{
  t->match_data = (const DetenteMatch *) t->matches->data;
  t->n_matches = t->matches->len;
  t->kinds = 0;
  t->acronyms = TRUE;
  for (guint i = 0; i < t->matches->len; i++)
    {
      const DetenteMatch *m = &g_array_index (t->matches, DetenteMatch, i);

      t->kinds |= 1u << m->entry->kind;
      t->acronyms = t->acronyms && m->acronym;
    }
}

void
_detente_gazetteer_add_name (DetenteGazetteer   *self,
                             const DetenteEntry *entry,
                             const char         *name,
                             DetenteMatchHow     how)
{
  char keys[MAX_NAME_KEYS][DETENTE_KEY_MAX];
  guint n = name_keys (name, keys, MAX_NAME_KEYS);
  guint node = 0;
  guint parent = 0;
  TrieNode *t;
  DetenteMatch match = { entry, how, TRUE, entry->kind };
  guint capitals = 0;

  if (n == 0)
    return;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_islower (*p) || (guchar) *p >= 0x80)
        match.acronym = FALSE;
      else if (g_ascii_isupper (*p))
        capitals++;
    }
  if (capitals < 2)
    match.acronym = FALSE;
  for (guint i = 0; i < n; i++)
    {
      parent = node;
      node = trie_child (self, node, keys[i], TRUE);
    }

  t = &g_array_index (self->nodes, TrieNode, node);
  if (t->matches == NULL)
    {
      guint length = strlen (keys[n - 1]);

      t->matches = g_array_new (FALSE, FALSE, sizeof (DetenteMatch));
      /* Matching learns from the edge that a name ends, without reading
       * the node. */
      trie_find_slot (self, parent, keys[n - 1], length,
                      detente_gazetteer_hash_key (keys[n - 1], length))->ends = TRUE;
    }
  for (guint i = 0; i < t->matches->len; i++)
    {
      DetenteMatch *m = &g_array_index (t->matches, DetenteMatch, i);

      /* One entry once per name, by the best way it is known. */
      if (m->entry == entry)
        {
          m->how = MIN (m->how, how);
          m->acronym = m->acronym && match.acronym;
          summarise_node (t);
          return;
        }
    }
  g_array_append_val (t->matches, match);
  summarise_node (t);
}

/* Chinese, Korean and Singaporean names put the family name first. */
static gboolean
family_name_first (const char *country)
{
  static const char * const countries[] = { "CN", "HK", "KP", "KR", "MO", "SG", "TW" };

  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (countries); i++)
    if (strcmp (country, countries[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * detente_gazetteer_family_keys:
 * @name: a person's full name, words separated by spaces
 * @country: (nullable): the person's country
 * @keys: (out caller-allocates): room for two folded keys
 *
 * The words a person may be called by alone: "Wang Yi" is Mr. Wang, "Lee
 * Hsien Loong" Mr. Lee, and "Vivian Balakrishnan", of the same country,
 * Mr. Balakrishnan.
 *
 * Returns: how many keys were written, 0 to 2
 */
guint
detente_gazetteer_family_keys (const char *name,
                               const char *country,
                               char        keys[2][DETENTE_KEY_MAX])
{
  const char *first_space;
  const char *last_space;
  gboolean family_first = family_name_first (country);
  guint words = 1;
  guint n = 0;

  g_return_val_if_fail (name != NULL, 0);

  first_space = strchr (name, ' ');
  last_space = strrchr (name, ' ');
  if (first_space == NULL)
    return 0;
  for (const char *p = name; *p != '\0'; p++)
    words += *p == ' ';
  if ((!family_first || words > 3 || g_str_has_prefix (country, "S")) &&
      detente_gazetteer_fold (last_space + 1, strlen (last_space + 1), keys[n], NULL) > 1)
    n++;
  if (family_first && detente_gazetteer_fold (name, first_space - name, keys[n], NULL) > 1)
    n++;
  return n;
}

/**
 * detente_gazetteer_find_family:
 * @self: a gazetteer
 * @key: a folded family name
 *
 * Returns: (nullable) (transfer none) (element-type DetenteEntry): the
 *   people known by that name alone
 */
GPtrArray *
detente_gazetteer_find_family (DetenteGazetteer *self,
                               const char       *key)
{
  g_return_val_if_fail (DETENTE_IS_GAZETTEER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->families, key);
}

static char *
id_key (DetenteEntryKind  kind,
        const char       *id)
{
  return g_strdup_printf ("%d:%s", kind, id);
}

DetenteEntry *
_detente_gazetteer_entry_new (DetenteEntryKind  kind,
                              const char       *id,
                              const char       *name,
                              const char       *country)
{
  GazEntry *full = g_new0 (GazEntry, 1);
  DetenteEntry *entry = &full->entry;

  entry->kind = kind;
  entry->id = g_strdup (id);
  entry->name = g_strdup (name);
  entry->country = country != NULL && *country != '\0' ? g_strdup (country) : NULL;
  entry->roles = g_ptr_array_new_with_free_func (entry_role_free);
  return entry;
}

static void
index_role (DetenteGazetteer       *self,
            DetenteEntry           *entry,
            const DetenteEntryRole *role)
{
  g_autofree char *folded = g_utf8_casefold (role->title, -1);
  GPtrArray *holders = g_hash_table_lookup (self->roles, folded);

  if (holders == NULL)
    {
      holders = g_ptr_array_new ();
      g_hash_table_insert (self->roles, g_steal_pointer (&folded), holders);
    }
  if (holders->len == 0 || g_ptr_array_index (holders, holders->len - 1) != entry)
    g_ptr_array_add (holders, entry);
}

/* Takes @entry into the gazetteer with its roles; its names come after. */
void
_detente_gazetteer_commit_entry (DetenteGazetteer *self,
                                 DetenteEntry     *entry)
{
  g_autofree char *key = id_key (entry->kind, entry->id);
  GazEntry *full = (GazEntry *) entry;

  g_ptr_array_add (self->entries, entry);
  /* A country's actor is named after it, the others keep their ids. */
  full->actor_id = entry->kind == DETENTE_ENTRY_COUNTRY ? detente_actor_make_id (entry->name)
                                                        : g_strdup (entry->id);
  full->actor_id_hash = g_str_hash (full->actor_id);
  /* A later entry with the same id (a project's own) wins the id lookup;
   * both stay in the trie under their names. */
  if (!g_hash_table_contains (self->by_id, key))
    self->counts[entry->kind]++;
  g_hash_table_replace (self->by_id, g_steal_pointer (&key), entry);
  for (guint i = 0; i < entry->roles->len; i++)
    index_role (self, entry, g_ptr_array_index (entry->roles, i));
  if (entry->kind == DETENTE_ENTRY_PERSON)
    {
      char families[2][DETENTE_KEY_MAX];
      guint n = detente_gazetteer_family_keys (entry->name, entry->country, families);

      for (guint i = 0; i < n; i++)
        {
          GPtrArray *people = g_hash_table_lookup (self->families, families[i]);

          full->families[i] = g_strdup (families[i]);
          full->family_hashes[i] = g_str_hash (families[i]);
          if (people == NULL)
            {
              people = g_ptr_array_new ();
              g_hash_table_insert (self->families, g_strdup (families[i]), people);
            }
          g_ptr_array_add (people, entry);
        }
    }
}

/* Dates as yyyymmdd numbers, first and last possible day: comparing them
 * is all role lookups need, and they run for every person an article
 * names. A month's last day may be past its real end; only order counts. */
static guint32
first_key (const DetenteDate *d)
{
  return d->year * 10000u + MAX (d->month, 1) * 100u + MAX (d->day, 1);
}

static guint32
last_key (const DetenteDate *d)
{
  if (detente_date_has_end (d))
    return d->end_year * 10000u + (d->end_month ? d->end_month : 12) * 100u + (d->end_day ? d->end_day : 31);
  return d->year * 10000u + (d->month ? d->month : 12) * 100u + (d->day ? d->day : 31);
}

/* A role with its dates as keys, worked out once: the role a person held
 * at an article's date is asked for every person an article names. */
typedef struct
{
  DetenteEntryRole role;
  guint32          from_first;   /* first_key() of role.from, set or not */
  guint32          to_last;      /* last_key() of role.to, when set */
  gboolean         from_set;
  gboolean         to_set;
} GazRole;

DetenteEntryRole *
_detente_gazetteer_role_new (const char        *title,
                             const char        *country,
                             const DetenteDate *from,
                             const DetenteDate *to)
{
  GazRole *full = g_new0 (GazRole, 1);
  DetenteEntryRole *role = &full->role;

  role->title = g_strdup (title);
  role->country = country != NULL && *country != '\0' ? g_strdup (country) : NULL;
  if (from != NULL)
    role->from = *from;
  if (to != NULL)
    role->to = *to;
  full->from_set = detente_date_is_set (&role->from);
  full->to_set = detente_date_is_set (&role->to);
  full->from_first = first_key (&role->from);
  full->to_last = full->to_set ? last_key (&role->to) : 0;
  return role;
}

/**
 * detente_gazetteer_get_default:
 *
 * The gazetteer Détente ships with, built once on first use and shared
 * read-only by every thread afterwards.
 *
 * Returns: (transfer none): the built-in gazetteer
 */
DetenteGazetteer *
detente_gazetteer_get_default (void)
{
  static gsize once;
  static DetenteGazetteer *builtin;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GError) error = NULL;
      DetenteGazetteer *self = detente_gazetteer_new ();

      /* The files are part of the program: failing to read them is a bug. */
      if (!detente_gazetteer_add_builtin (self, &error))
        g_error ("%s", error->message);
      builtin = self;
      g_once_init_leave (&once, 1);
    }
  return builtin;
}

/**
 * detente_gazetteer_add_actor:
 * @self: a gazetteer that no other thread reads yet
 * @actor: an actor of a project
 *
 * Adds a project's own actor, with its aliases and roles, so the next
 * import finds it by every name the user gave it.
 */
void
detente_gazetteer_add_actor (DetenteGazetteer *self,
                             DetenteActor     *actor)
{
  static const DetenteEntryKind kinds[] = {
    [DETENTE_ACTOR_KIND_PERSON] = DETENTE_ENTRY_PERSON,
    [DETENTE_ACTOR_KIND_COUNTRY] = DETENTE_ENTRY_COUNTRY,
    [DETENTE_ACTOR_KIND_ORGANISATION] = DETENTE_ENTRY_ORGANISATION,
  };
  DetenteActorKind kind;
  const char * const *aliases;
  GPtrArray *roles;
  DetenteEntry *entry;

  g_return_if_fail (DETENTE_IS_GAZETTEER (self));
  g_return_if_fail (DETENTE_IS_ACTOR (actor));

  kind = detente_actor_get_kind (actor);
  g_return_if_fail ((guint) kind < G_N_ELEMENTS (kinds));

  entry = _detente_gazetteer_entry_new (kinds[kind],
                     kind == DETENTE_ACTOR_KIND_COUNTRY && detente_actor_get_country (actor) != NULL
                     ? detente_actor_get_country (actor) : detente_actor_get_id (actor),
                     detente_actor_get_name (actor), detente_actor_get_country (actor));
  roles = detente_actor_get_roles (actor);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const DetenteRole *r = g_ptr_array_index (roles, i);

      if (r->title != NULL && *r->title != '\0')
        g_ptr_array_add (entry->roles,
                         _detente_gazetteer_role_new (r->title, NULL, &r->from, &r->to));
    }
  _detente_gazetteer_commit_entry (self, entry);
  _detente_gazetteer_add_name (self, entry, entry->name, DETENTE_MATCH_NAME);
  aliases = detente_actor_get_aliases (actor);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    _detente_gazetteer_add_name (self, entry, aliases[i], DETENTE_MATCH_ALIAS);
}

/**
 * detente_gazetteer_get_n_entries:
 * @self: a gazetteer
 * @kind: a kind of entry
 *
 * Returns: how many distinct entries of @kind it holds
 */
guint
detente_gazetteer_get_n_entries (DetenteGazetteer *self,
                                 DetenteEntryKind  kind)
{
  g_return_val_if_fail (DETENTE_IS_GAZETTEER (self), 0);
  g_return_val_if_fail (kind <= DETENTE_ENTRY_HONORIFIC, 0);

  return self->counts[kind];
}

/**
 * detente_gazetteer_lookup_id:
 * @self: a gazetteer
 * @kind: a kind of entry
 * @id: an id (an ISO code for countries, the name for places and titles)
 *
 * Returns: (nullable) (transfer none): the entry
 */
const DetenteEntry *
detente_gazetteer_lookup_id (DetenteGazetteer *self,
                             DetenteEntryKind  kind,
                             const char       *id)
{
  g_autofree char *key = NULL;
  char buffer[64];
  gsize length;

  g_return_val_if_fail (DETENTE_IS_GAZETTEER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* id_key() without printf or the heap: the extractor asks for a country
   * in many sentences. */
  length = strlen (id);
  if ((guint) kind < 10 && length + 3 <= sizeof buffer)
    {
      buffer[0] = (char) ('0' + kind);
      buffer[1] = ':';
      memcpy (buffer + 2, id, length + 1);
      return g_hash_table_lookup (self->by_id, buffer);
    }
  key = id_key (kind, id);
  return g_hash_table_lookup (self->by_id, key);
}

/**
 * detente_gazetteer_match:
 * @self: a gazetteer
 * @keys: folded tokens (see detente_gazetteer_fold())
 * @n_keys: how many
 * @matches: (out) (transfer none): the entries of the longest name
 * @n_matches: (out): how many entries share that name
 *
 * Finds the longest name that @keys begin with.
 *
 * Returns: how many keys the name covers, 0 when none begins there
 */
guint
detente_gazetteer_match (DetenteGazetteer    *self,
                         const char * const  *keys,
                         guint                n_keys,
                         const DetenteMatch **matches,
                         guint               *n_matches)
{
  GazKey hashed[MAX_NAME_KEYS];
  const TrieNode *node;
  guint n = 0;

  g_return_val_if_fail (DETENTE_IS_GAZETTEER (self), 0);

  /* No name has more keys than a name may be cut into. */
  for (guint i = 0; i < n_keys && n < G_N_ELEMENTS (hashed); i++, n++)
    {
      hashed[n].key = keys[i];
      hashed[n].length = strlen (keys[i]);
      hashed[n].hash = detente_gazetteer_hash_key (keys[i], hashed[n].length);
    }
  n = _detente_gazetteer_match_keys (self, hashed, sizeof (GazKey), n, &node);
  *matches = node != NULL ? node->match_data : NULL;
  *n_matches = node != NULL ? node->n_matches : 0;
  return n;
}

/* detente_gazetteer_match() of keys already measured and hashed, each
 * @stride bytes after the one before (the mention finder's keys are the
 * first member of its units): the node of the longest name they begin
 * with, or %NULL. */
guint
_detente_gazetteer_match_keys (DetenteGazetteer  *self,
                               const GazKey      *keys,
                               gsize              stride,
                               guint              n_keys,
                               const TrieNode   **found)
{
  guint node = 0;
  guint best = 0;
  guint best_node = 0;

  for (guint i = 0; i < n_keys; i++)
    {
      const GazKey *key = (const GazKey *) (const void *) ((const char *) keys + i * stride);
      const TrieSlot *slot;

      if (key->length == 0)
        break;
      /* Most words begin no name: a bit tells without the table. */
      if (i == 0 ? !_detente_gazetteer_may_begin (self, key->hash)
                 : !may_go_on (self, node, key->hash))
        break;
      slot = trie_find_slot (self, node, key->key, key->length, key->hash);
      if (slot == NULL)
        break;
      node = slot->child - 1;
      if (slot->ends)
        {
          best = i + 1;
          best_node = node;
        }
    }
  *found = best > 0 ? &g_array_index (self->nodes, TrieNode, best_node) : NULL;
  return best;
}

static gboolean
date_within (const DetenteDate *date,
             const DetenteDate *from,
             const DetenteDate *to)
{
  if (!detente_date_is_set (date))
    return !detente_date_is_set (to);
  if (detente_date_is_set (from) && last_key (date) < first_key (from))
    return FALSE;
  if (detente_date_is_set (to) && first_key (date) > last_key (to))
    return FALSE;
  return TRUE;
}

/**
 * detente_entry_role_covers:
 * @role: a role
 * @date: (nullable): a date; unset or %NULL means now
 *
 * Returns: whether the role was held at @date
 */
gboolean
detente_entry_role_covers (const DetenteEntryRole *role,
                           const DetenteDate      *date)
{
  DetenteDate none = { 0 };

  g_return_val_if_fail (role != NULL, FALSE);

  return date_within (date != NULL ? date : &none, &role->from, &role->to);
}

/**
 * detente_entry_role_at:
 * @entry: a person
 * @date: (nullable): a date; unset or %NULL means now
 *
 * Returns: (nullable) (transfer none): the role the person held then, the
 *   latest begun when they held several
 */
const DetenteEntryRole *
detente_entry_role_at (const DetenteEntry *entry,
                       const DetenteDate  *date)
{
  const GazRole *best = NULL;
  gboolean date_set;
  guint32 date_first = 0, date_last = 0;

  g_return_val_if_fail (entry != NULL, NULL);

  /* As date_within() for each role, with the keys worked out once. */
  date_set = detente_date_is_set (date);
  if (date_set)
    {
      date_first = first_key (date);
      date_last = last_key (date);
    }
  for (guint i = 0; i < entry->roles->len; i++)
    {
      const GazRole *role = g_ptr_array_index (entry->roles, i);
      gboolean within = date_set ? (!role->from_set || date_last >= role->from_first) &&
                                   (!role->to_set || date_first <= role->to_last)
                                 : !role->to_set;

      if (within && (best == NULL || role->from_first >= best->from_first))
        best = role;
    }
  return best != NULL ? &best->role : NULL;
}

/**
 * detente_gazetteer_find_holders:
 * @self: a gazetteer
 * @title: a title as the gazetteer writes it ("Secretary of State")
 * @country: (nullable): the ISO code of the role's country
 * @date: (nullable): when; unset or %NULL means now
 *
 * Finds who held a role at a date: "the US Secretary of State" in an
 * article of June 2023 is Antony Blinken.
 *
 * Returns: (transfer container) (element-type DetenteEntry): the holders
 */
GPtrArray *
detente_gazetteer_find_holders (DetenteGazetteer  *self,
                                const char        *title,
                                const char        *country,
                                const DetenteDate *date)
{
  g_autofree char *folded = NULL;
  GPtrArray *holders;
  GPtrArray *found = g_ptr_array_new ();
  DetenteDate none = { 0 };

  g_return_val_if_fail (DETENTE_IS_GAZETTEER (self), found);
  g_return_val_if_fail (title != NULL, found);

  if (date == NULL)
    date = &none;
  folded = g_utf8_casefold (title, -1);
  holders = g_hash_table_lookup (self->roles, folded);
  for (guint i = 0; holders != NULL && i < holders->len; i++)
    {
      DetenteEntry *person = g_ptr_array_index (holders, i);

      for (guint j = 0; j < person->roles->len; j++)
        {
          const DetenteEntryRole *role = g_ptr_array_index (person->roles, j);
          const char *role_country = role->country != NULL ? role->country : person->country;
          g_autofree char *role_folded = g_utf8_casefold (role->title, -1);

          if (strcmp (role_folded, folded) == 0 &&
              (country == NULL || g_strcmp0 (country, role_country) == 0) &&
              date_within (date, &role->from, &role->to))
            {
              g_ptr_array_add (found, person);
              break;
            }
        }
    }
  return found;
}

/**
 * detente_gazetteer_get_title_country:
 * @self: a gazetteer
 * @title: a title as the gazetteer writes it
 *
 * The country a title belongs to, when everybody who ever held it served
 * the same one: "Pentagon Press Secretary" is American whoever holds it.
 *
 * Returns: (nullable): an ISO 3166 code
 */
const char *
detente_gazetteer_get_title_country (DetenteGazetteer *self,
                                     const char       *title)
{
  g_autofree char *folded = NULL;
  GPtrArray *holders;
  const char *country = NULL;

  g_return_val_if_fail (DETENTE_IS_GAZETTEER (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  folded = g_utf8_casefold (title, -1);
  holders = g_hash_table_lookup (self->roles, folded);
  for (guint i = 0; holders != NULL && i < holders->len; i++)
    {
      const DetenteEntry *person = g_ptr_array_index (holders, i);

      for (guint j = 0; j < person->roles->len; j++)
        {
          const DetenteEntryRole *role = g_ptr_array_index (person->roles, j);
          const char *c = role->country != NULL ? role->country : person->country;
          g_autofree char *role_folded = g_utf8_casefold (role->title, -1);

          if (strcmp (role_folded, folded) != 0)
            continue;
          if (c == NULL || (country != NULL && strcmp (c, country) != 0))
            return NULL;
          country = c;
        }
    }
  return country;
}
