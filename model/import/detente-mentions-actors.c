/* detente-mentions-actors.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "detente-actor.h"
#include "detente-mentions-private.h"

/* The actors an article names: one per gazetteer entry or per full name,
 * found again by their surnames, and the lone surnames resolved once the
 * whole article is read. */

static guint
pointer_hash (gconstpointer p)
{
  guint64 x = GPOINTER_TO_SIZE (p);
  guint h = (guint) (x ^ (x >> 32)) * 2654435761u;

  return h ^ (h >> 16);
}

/* An actor and its strings are one block: an article names a dozen
 * actors, and five allocations for each, made on a worker and freed on
 * another, cost more than finding them. The struct is followed by the
 * block's size, a guint32, then from one byte further on by the strings
 * (id, name, country, role). No allocation starts at an odd address, so
 * an actor whose id is there is a block, and the actors the extractor
 * makes field by field (_detente_frames_country_actor()) are told apart
 * from it; a string replaced later is allocated on its own, outside the
 * block. */
#define BLOCK_STRINGS (sizeof (guint32) + 1)

static DetenteFoundActor *
found_actor_new (DetenteActorKind    kind,
                 const char         *id,
                 const char         *name,
                 const char         *country,
                 const char         *role,
                 const DetenteEntry *entry,
                 guint               first)
{
  gsize id_size = strlen (id) + 1;
  gsize name_size = strlen (name) + 1;
  gsize country_size = country != NULL ? strlen (country) + 1 : 0;
  gsize role_size = role != NULL ? strlen (role) + 1 : 0;
  gsize size = sizeof (DetenteFoundActor) + BLOCK_STRINGS + id_size + name_size + country_size + role_size;
  DetenteFoundActor *a = g_malloc (size);
  char *p = (char *) (a + 1) + BLOCK_STRINGS;
  guint32 size32 = size;

  memcpy (a + 1, &size32, sizeof size32);
  a->kind = kind;
  a->entry = entry;
  a->mentions = 0;
  a->first = first;
  a->id = memcpy (p, id, id_size);
  p += id_size;
  a->name = memcpy (p, name, name_size);
  p += name_size;
  a->country = country != NULL ? memcpy (p, country, country_size) : NULL;
  p += country_size;
  a->role = role != NULL ? memcpy (p, role, role_size) : NULL;
  return a;
}

/* Frees @s unless it is a string of @a's block. */
static void
found_actor_free_string (const DetenteFoundActor *a,
                         char                    *s)
{
  guint32 size;

  if ((guintptr) a->id == (guintptr) (a + 1) + BLOCK_STRINGS)
    {
      memcpy (&size, a + 1, sizeof size);
      if ((guintptr) s >= (guintptr) a->id && (guintptr) s < (guintptr) a + size)
        return;
    }
  g_free (s);
}

/* Gives @a the role @role, which it copies. */
void
_detente_mentions_found_actor_set_role (DetenteFoundActor *a,
                                        const char        *role)
{
  char *old = a->role;

  a->role = g_strdup (role);
  found_actor_free_string (a, old);
}

void
_detente_mentions_index_reset (ActorIndex *index)
{
  index->used = 0;
  /* After four billion articles, the slots of the first would look live. */
  if (++index->generation == 0)
    {
      if (index->slots != NULL)
        memset (index->slots, 0, index->size * sizeof (IndexSlot));
      index->generation = 1;
    }
}

void
_detente_mentions_index_clear (ActorIndex *index)
{
  g_clear_pointer (&index->slots, g_free);
  index->size = 0;
  index->used = 0;
}

static void
index_put (IndexSlot     *slots,
           guint          size,
           guint          generation,
           gconstpointer  key,
           guint          hash,
           guint          value)
{
  guint mask = size - 1;
  guint i = hash & mask;

  while (slots[i].generation == generation)
    i = (i + 1) & mask;
  slots[i] = (IndexSlot) { key, hash, generation, value };
}

/* Adds @key, which must stay valid until the table is reset. */
static void
index_add (ActorIndex    *index,
           gconstpointer  key,
           guint          hash,
           guint          value)
{
  /* At most half full, so probes stay short. */
  if ((index->used + 1) * 2 > index->size)
    {
      guint size = MAX (64, index->size * 2);
      IndexSlot *slots = g_new0 (IndexSlot, size);

      for (guint i = 0; i < index->size; i++)
        if (index->slots[i].generation == index->generation)
          index_put (slots, size, 1, index->slots[i].key, index->slots[i].hash, index->slots[i].value);
      g_free (index->slots);
      index->slots = slots;
      index->size = size;
      index->generation = 1;
    }
  index_put (index->slots, index->size, index->generation, key, hash, value);
  index->used++;
}

/* The slot of @key, compared as a pointer, or as a string with @strings. */
static const IndexSlot *
index_find (const ActorIndex *index,
            gconstpointer     key,
            guint             hash,
            gboolean          strings)
{
  guint mask = index->size - 1;

  if (index->size == 0)
    return NULL;
  for (guint i = hash & mask; index->slots[i].generation == index->generation; i = (i + 1) & mask)
    {
      const IndexSlot *slot = &index->slots[i];

      if (slot->hash == hash &&
          (slot->key == key || (strings && strcmp (slot->key, key) == 0)))
        return slot;
    }
  return NULL;
}

/* The index + 1 of the actor @by_key or @by_id holds under @key, or 0. */
static guint
index_lookup_string (const ActorIndex *index,
                     const char       *key,
                     guint             hash)
{
  const IndexSlot *slot = index_find (index, key, hash, TRUE);

  return slot != NULL ? slot->value + 1 : 0;
}

guint
_detente_mentions_actor_index (Finder                 *f,
                               const char             *key)
{
  return index_lookup_string (&f->by_key, key, g_str_hash (key));
}

/* @key must stay valid until the article is read. */
static void
index_surname (Finder     *f,
               const char *key,
               guint       hash,
               guint       index)
{
  const IndexSlot *slot = index_find (&f->surnames, key, hash, TRUE);
  SurnameLink link = { index, 0 };
  guint last;

  if (slot == NULL)
    {
      index_add (&f->surnames, key, hash, f->surname_links->len);
      g_array_append_val (f->surname_links, link);
      return;
    }
  for (last = slot->value;; last = g_array_index (f->surname_links, SurnameLink, last).next - 1)
    {
      const SurnameLink *l = &g_array_index (f->surname_links, SurnameLink, last);

      if (l->actor == index)
        return;
      if (l->next == 0)
        break;
    }
  g_array_append_val (f->surname_links, link);
  g_array_index (f->surname_links, SurnameLink, last).next = f->surname_links->len;
}

/* A person the gazetteer does not know: the family names are worked out
 * here, and kept until the article is read. */
static void
index_surnames (Finder     *f,
                const char *name,
                const char *country,
                guint       index)
{
  char keys[2][DETENTE_KEY_MAX];
  guint n = detente_gazetteer_family_keys (name, country, keys);

  for (guint i = 0; i < n; i++)
    {
      char *key = g_strdup (keys[i]);

      g_ptr_array_add (f->owned, key);
      index_surname (f, key, g_str_hash (key), index);
    }
}

void
_detente_mentions_mention (Finder             *f,
                           guint               actor,
                           guint               offset,
                           guint               length,
                           gboolean            by_role)
{
  DetenteMention m = { DETENTE_MENTION_ACTOR, { offset, length }, f->sentence, actor, NULL, by_role };

  *(DetenteMention *) array_push (f->mentions, &f->mentions_size, sizeof (DetenteMention)) = m;
  found_actor (f, actor)->mentions++;
}

guint
_detente_mentions_actor_for_entry (Finder             *f,
                                   const DetenteEntry *entry,
                                   guint               offset)
{
  static const DetenteActorKind kinds[] = {
    [DETENTE_ENTRY_PERSON] = DETENTE_ACTOR_KIND_PERSON,
    [DETENTE_ENTRY_COUNTRY] = DETENTE_ACTOR_KIND_COUNTRY,
    [DETENTE_ENTRY_ORGANISATION] = DETENTE_ACTOR_KIND_ORGANISATION,
  };
  guint entry_hash = pointer_hash (entry);
  const IndexSlot *slot = index_find (&f->by_entry, entry, entry_hash, FALSE);
  const GazEntry *full = _detente_gazetteer_entry_full (entry);
  const DetenteEntryRole *role = NULL;
  guint index;
  DetenteFoundActor *a;

  if (slot != NULL)
    return slot->value;

  /* A project's own entry may share an id with a built-in one, and a name
   * may reach the same id another way: one id is one actor. */
  index = index_lookup_string (&f->by_id, full->actor_id, full->actor_id_hash);
  if (index > 0)
    {
      index_add (&f->by_entry, entry, entry_hash, index - 1);
      return index - 1;
    }

  if (entry->kind == DETENTE_ENTRY_PERSON)
    role = detente_entry_role_at (entry, f->date);
  a = found_actor_new (kinds[entry->kind], full->actor_id, entry->name, entry->country,
                       role != NULL ? role->title : NULL, entry, offset);
  g_ptr_array_add (f->actors, a);
  index = f->actors->len - 1;
  index_add (&f->by_entry, entry, entry_hash, index);
  index_add (&f->by_id, a->id, full->actor_id_hash, index);
  /* The gazetteer worked out a person's family names once for all. */
  for (guint i = 0; i < 2 && full->families[i] != NULL; i++)
    index_surname (f, full->families[i], full->family_hashes[i], index);
  return index;
}

static inline guchar
ascii_lower (guchar c)
{
  return (guchar) (c - 'A') < 26 ? c + ('a' - 'A') : c;
}

/* g_ascii_strcasecmp () == 0, inline: a person's titles are compared
 * with the one the text gives for every person named with a title. */
static gboolean
ascii_equal_nocase (const char *a,
                    const char *b)
{
  for (; ascii_lower (*a) == ascii_lower (*b); a++, b++)
    if (*a == '\0')
      return TRUE;
  return FALSE;
}

/* Whether @person ever held @title, or held it at @date when one is
 * given. */
gboolean
_detente_mentions_holds_title (const DetenteEntry *person,
                               const char         *title,
                               const DetenteDate  *date)
{
  for (guint i = 0; i < person->roles->len; i++)
    {
      const DetenteEntryRole *role = g_ptr_array_index (person->roles, i);

      if (ascii_equal_nocase (role->title, title) &&
          (date == NULL || detente_entry_role_covers (role, date)))
        return TRUE;
    }
  return FALSE;
}

/* The person a gazetteer name refers to: of several people known by the
 * same name, the one who held a role at the article's date. */
const DetenteEntry *
_detente_mentions_choose_person (Finder        *f,
                                 const GazSpan *g)
{
  const DetenteEntry *first = NULL;
  guint people = 0;

  if (!span_has (g, DETENTE_ENTRY_PERSON))
    return NULL;
  for (guint i = 0; i < g->n_matches; i++)
    if (g->matches[i].kind == DETENTE_ENTRY_PERSON)
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

char *
_detente_mentions_text_of (Finder *f,
                           guint   first,
                           guint   n)
{
  const Unit *a = unit (f, first);
  const Unit *b = unit (f, first + n - 1);

  return g_strndup (f->s + a->offset, b->offset + b->length - a->offset);
}

/* How many bytes of a unit's end are a possessive ("’s", "'s", "’",
 * "'"), which no mention includes. */
guint
_detente_mentions_possessive_length (Finder     *f,
                                     const Unit *u)
{
  static const char * const endings[] = { "’s", "'s", "’", "'" };
  const char *end = f->s + u->offset + u->length;

  if (!(u->flags & U_POSS))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      gsize n = strlen (endings[i]);

      if (u->length > n && memcmp (end - n, endings[i], n) == 0)
        return n;
    }
  return 0;
}

/* A name as written: units from @first, cutting a possessive off the last. */
char *
_detente_mentions_name_of (Finder *f,
                           guint   first,
                           guint   n)
{
  g_autofree char *raw = _detente_mentions_text_of (f, first, n);
  GString *name = g_string_new (NULL);
  gsize len = strlen (raw) - _detente_mentions_possessive_length (f, unit (f, first + n - 1));

  /* "O’Connor" is written with a straight apostrophe in ids and keys, but
   * the name keeps the article's spelling. Line breaks and runs of spaces
   * inside a name collapse. */
  for (gsize i = 0; i < len; i++)
    {
      char c = g_ascii_isspace (raw[i]) ? ' ' : raw[i];

      if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
        continue;
      g_string_append_c (name, c);
    }
  return g_string_free (name, FALSE);
}

guint
_detente_mentions_actor_for_name (Finder     *f,
                                  const char *name,
                                  const char *country,
                                  const char *role,
                                  guint       offset)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *id = detente_actor_make_id (name);
  guint index = _detente_mentions_actor_index (f, folded);
  DetenteFoundActor *a;

  /* "O’Brien Smith" and "O'Brien Smith", "José" and "Jose": spellings of
   * one name share its id, and so its actor. */
  if (index == 0)
    index = index_lookup_string (&f->by_id, id, g_str_hash (id));
  if (index > 0)
    {
      a = found_actor (f, index - 1);
      if (a->country == NULL && country != NULL)
        a->country = g_strdup (country);
      if (a->role == NULL && role != NULL)
        a->role = g_strdup (role);
      return index - 1;
    }

  a = found_actor_new (DETENTE_ACTOR_KIND_PERSON, id, name, country, role, NULL, offset);
  g_ptr_array_add (f->actors, a);
  index = f->actors->len - 1;
  index_add (&f->by_key, folded, g_str_hash (folded), index);
  g_ptr_array_add (f->owned, g_steal_pointer (&folded));
  index_add (&f->by_id, a->id, g_str_hash (a->id), index);
  index_surnames (f, name, country, index);
  return index;
}

/* A lone surname refers to the last person with that name before it, or
 * failing that the first after it ("Blinken" in a headline). A title with
 * a surname the article never gave in full ("Secretary Blinken") may still
 * be a gazetteer person, if only one has that surname and that title. */
void
_detente_mentions_resolve_pending (Finder *f)
{
  for (guint p = 0; p < f->pending->len; p++)
    {
      Pending *pend = &g_array_index (f->pending, Pending, p);
      const IndexSlot *slot = index_find (&f->surnames, pend->key, g_str_hash (pend->key), TRUE);
      guint best = G_MAXUINT;

      for (guint k = slot != NULL ? slot->value + 1 : 0; k > 0;
           k = g_array_index (f->surname_links, SurnameLink, k - 1).next)
        {
          guint a = g_array_index (f->surname_links, SurnameLink, k - 1).actor;
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
          f->sentence = pend->sentence;
          _detente_mentions_mention (f, best, pend->offset, pend->length, FALSE);
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

              if (role != NULL && (pend->title == NULL || _detente_mentions_holds_title (e, pend->title, f->date)))
                {
                  person = e;
                  found++;
                }
            }
          if (found == 1)
            {
              guint a = _detente_mentions_actor_for_entry (f, person, pend->offset);

              f->sentence = pend->sentence;
              _detente_mentions_mention (f, a, pend->offset, pend->length, FALSE);
            }
        }
    }
}

void
_detente_mentions_found_actor_free (gpointer data)
{
  DetenteFoundActor *a = data;

  found_actor_free_string (a, a->name);
  found_actor_free_string (a, a->country);
  found_actor_free_string (a, a->role);
  /* The id last: it tells a block. */
  found_actor_free_string (a, a->id);
  g_free (a);
}
