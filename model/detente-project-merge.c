/* detente-project-merge.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "detente-engagement-private.h"
#include "detente-evidence-private.h"
#include "detente-project.h"
#include "detente-project-private.h"

/* Merging what the extractor found into a project.
 *
 * An article the project already has (same text, so same source id) adds
 * nothing. A found actor is the project's actor with the same id or with
 * that name among its names and aliases, so an actor the user renamed or
 * merged keeps receiving its mentions. A found engagement joins a known one
 * when both have the same participants, compatible kinds and compatible
 * dates and places; it then only adds its evidence and fills fields the
 * known one leaves empty. Nothing a user set is ever overwritten, and a
 * hidden engagement stays hidden. */

/* What a search compares of a known engagement, kept beside it so that
 * walking many of them reads no object. Strings are interned in the
 * merge's own table: equal strings are equal pointers. */
typedef struct
{
  DetenteEngagement       *engagement;
  guint32                  first_day;
  guint32                  last_day;
  DetenteEngagementKind    kind;
  DetenteEngagementStatus  status;
  const char              *country;
  const char              *place;
} Entry;

/* The known engagements of one set of participants and one kind of
 * engagement: those dated to the day or the month sorted by their first
 * day, so that a project of many thousand engagements between the same two
 * people is searched by bisection; those known by their year alone, and
 * the undated, apart. */
typedef struct
{
  GArray *by_day;
  GArray *by_year;
  GArray *undated;
} Bucket;

/* A gazetteer entry whose found actors have had @id, and the project's
 * actor of that id. */
typedef struct
{
  const DetenteEntry *entry;
  const char         *id;
  DetenteActor       *actor;
} ActorHit;

typedef struct _DetenteMerge
{
  DetenteProject      *project;
  GHashTable          *actor_names;   /* folded name → DetenteActor (borrowed) */
  GHashTable          *buckets;       /* participant key (see participant_key()) → Bucket */
  GHashTable          *evidence;      /* DetenteEngagement → GPtrArray, set when the merge ends */
  GHashTable          *strings;       /* places and countries, interned */
  DetenteMergeSummary *summary;
  DetenteMergeSummary  own_summary;
  GDateTime           *now;
  /* Bit b of kinds[a] (statuses[a]) says whether kinds (statuses) a and b
   * are compatible, for the values below 32: asked of every known
   * engagement a search looks at. */
  guint32              kinds[32];
  guint32              statuses[32];
  /* Strings interned lately, see intern(). */
  const char          *recent[64];
  /* Actors found lately by their id, see merge_actor(). */
  ActorHit             actor_hits[256];
} Merge;

static void
bucket_free (gpointer data)
{
  Bucket *b = data;

  g_array_unref (b->by_day);
  g_array_unref (b->by_year);
  g_array_unref (b->undated);
  g_free (b);
}

static char *
fold_name (const char *name)
{
  return g_utf8_casefold (name, -1);
}

static void
index_actor_names (Merge        *m,
                   DetenteActor *actor)
{
  const char * const *aliases = detente_actor_get_aliases (actor);

  g_hash_table_insert (m->actor_names, fold_name (detente_actor_get_name (actor)), actor);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      g_autofree char *alias = fold_name (aliases[i]);

      if (!g_hash_table_contains (m->actor_names, alias))
        g_hash_table_insert (m->actor_names, g_steal_pointer (&alias), actor);
    }
}

/* The same participants in any order give the same key: the number of
 * words, the kind, then the participants' actors by address, sorted. Kinds
 * that may be one engagement share a key. A visit is known by its
 * visitors: one report may name the host country and another not. Fills
 * @key, which has room for @n + 2 words, and returns how many it used. */
static guint
participant_key (DetenteActor * const *actors,
                 guint                 n,
                 DetenteEngagementKind kind,
                 const char           *host_country,
                 gpointer             *key)
{
  guint used = 2;

  if (kind != DETENTE_ENGAGEMENT_KIND_VISIT)
    host_country = NULL;
  for (guint i = 0; i < n; i++)
    {
      DetenteActor *actor = actors[i];
      guint k;

      if (host_country != NULL && detente_actor_get_kind (actor) == DETENTE_ACTOR_KIND_COUNTRY &&
          g_strcmp0 (detente_actor_get_country (actor), host_country) == 0)
        continue;
      /* A few participants: sorted as they come. */
      for (k = used; k > 2 && (guintptr) key[k - 1] > (guintptr) actor; k--)
        key[k] = key[k - 1];
      key[k] = actor;
      used++;
    }
  key[0] = GUINT_TO_POINTER (used);
  key[1] = GINT_TO_POINTER (detente_engagement_kind_is_meeting (kind) ? (int) DETENTE_ENGAGEMENT_KIND_MEETING
                                                                      : (int) kind);
  return used;
}

static guint
key_hash (gconstpointer data)
{
  const gpointer *key = data;
  guint n = GPOINTER_TO_UINT (key[0]);
  guint64 h = 14695981039346656037u;

  for (guint i = 1; i < n; i++)
    h = (h ^ (guint64) (guintptr) key[i]) * 1099511628211u;
  return (guint) (h ^ (h >> 29));
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const gpointer *ka = a, *kb = b;

  return ka[0] == kb[0] && memcmp (ka, kb, GPOINTER_TO_UINT (ka[0]) * sizeof (gpointer)) == 0;
}

static Bucket *
bucket_for (Merge    *m,
            gpointer *key,
            gboolean  create)
{
  Bucket *b = g_hash_table_lookup (m->buckets, key);

  if (b == NULL && create)
    {
      b = g_new0 (Bucket, 1);
      b->by_day = g_array_new (FALSE, FALSE, sizeof (Entry));
      b->by_year = g_array_new (FALSE, FALSE, sizeof (Entry));
      b->undated = g_array_new (FALSE, FALSE, sizeof (Entry));
      g_hash_table_insert (m->buckets, g_memdup2 (key, GPOINTER_TO_UINT (key[0]) * sizeof (gpointer)), b);
    }
  return b;
}

/* @s as one pointer for all equal strings: comparing places and countries
 * of many engagements then compares pointers. The merge's own table, not
 * g_intern_string(), which takes a lock and keeps its strings forever. */
static const char *
intern (Merge      *m,
        const char *s)
{
  char *interned;
  guint slot;

  if (s == NULL)
    return NULL;
  /* A few dozen places and countries recur in many thousand reports: a
   * slot picked by the first characters usually holds the string. */
  slot = s[0] == '\0' ? 0 : ((guchar) s[0] * 31u + (guchar) s[1]) % G_N_ELEMENTS (m->recent);
  if (m->recent[slot] != NULL && strcmp (m->recent[slot], s) == 0)
    return m->recent[slot];
  interned = g_hash_table_lookup (m->strings, s);
  if (interned == NULL)
    {
      interned = g_strdup (s);
      g_hash_table_add (m->strings, interned);
    }
  m->recent[slot] = interned;
  return interned;
}

static void
entry_update (Merge *m,
              Entry *entry)
{
  DetenteEngagement *e = entry->engagement;
  const DetenteDate *date = detente_engagement_get_date (e);

  entry->first_day = detente_date_is_set (date) ? detente_date_get_first_day (date) : 0;
  entry->last_day = detente_date_is_set (date) ? detente_date_get_last_day (date) : 0;
  entry->kind = detente_engagement_get_kind (e);
  entry->status = detente_engagement_get_status (e);
  entry->country = intern (m, detente_engagement_get_place_country (e));
  entry->place = intern (m, detente_engagement_get_place (e));
}

/* The first entry of @list (sorted by first day) that begins on or after
 * @day. */
static guint
bisect (GArray  *list,
        guint32  day)
{
  guint lo = 0, hi = list->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (list, Entry, mid).first_day < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Files @entry, which describes an engagement dated @date, in @b. */
static void
bucket_file (Bucket            *b,
             const Entry       *entry,
             const DetenteDate *date)
{
  if (!detente_date_is_set (date))
    g_array_append_vals (b->undated, entry, 1);
  else if (detente_date_get_precision (date) == DETENTE_DATE_PRECISION_YEAR)
    g_array_append_vals (b->by_year, entry, 1);
  else
    g_array_insert_vals (b->by_day, bisect (b->by_day, entry->first_day + 1), entry, 1);
}

static void
bucket_add (Merge             *m,
            Bucket            *b,
            DetenteEngagement *engagement)
{
  Entry entry = { engagement };

  entry_update (m, &entry);
  bucket_file (b, &entry, detente_engagement_get_date (engagement));
}

static gboolean
list_remove (GArray            *list,
             guint              from,
             DetenteEngagement *engagement)
{
  for (guint i = from; i < list->len; i++)
    if (g_array_index (list, Entry, i).engagement == engagement)
      {
        g_array_remove_index (list, i);
        return TRUE;
      }
  return FALSE;
}

/* Takes @engagement out of @b, to file it again when its date changes:
 * called while it still has the date it was filed by, so that a long list
 * is searched from its first day on. */
static void
bucket_remove (Bucket            *b,
               DetenteEngagement *engagement)
{
  const DetenteDate *date = detente_engagement_get_date (engagement);
  GArray *lists[] = { b->by_day, b->by_year, b->undated };

  if (!detente_date_is_set (date))
    {
      if (list_remove (b->undated, 0, engagement))
        return;
    }
  else if (detente_date_get_precision (date) == DETENTE_DATE_PRECISION_YEAR)
    {
      if (list_remove (b->by_year, 0, engagement))
        return;
    }
  else if (list_remove (b->by_day, bisect (b->by_day, detente_date_get_first_day (date)), engagement))
    return;

  g_warn_if_reached ();
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    if (list_remove (lists[l], 0, engagement))
      return;
}

static void
index_engagement (Merge             *m,
                  DetenteEngagement *engagement)
{
  const char * const *participants = detente_engagement_get_participants (engagement);
  g_autofree DetenteActor **actors = NULL;
  g_autofree gpointer *key = NULL;
  guint n = participants != NULL ? g_strv_length ((char **) participants) : 0;

  actors = g_new (DetenteActor *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      /* The project keeps every participant an actor of its own. */
      actors[i] = detente_project_lookup_actor (m->project, participants[i]);
      g_return_if_fail (actors[i] != NULL);
    }
  key = g_new (gpointer, n + 2);
  participant_key (actors, n, detente_engagement_get_kind (engagement),
                   detente_engagement_get_place_country (engagement), key);
  bucket_add (m, bucket_for (m, key, TRUE), engagement);
}

static void
merge_init (Merge               *m,
            DetenteProject      *project,
            DetenteMergeSummary *summary)
{
  GListModel *actors = detente_project_get_actors (project);
  GListModel *engagements = detente_project_get_engagements (project);
  guint n;

  m->project = project;
  m->summary = summary;
  m->actor_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->buckets = g_hash_table_new_full (key_hash, key_equal, g_free, bucket_free);
  m->evidence = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  m->strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint a = 0; a < 32; a++)
    for (guint b = 0; b < 32; b++)
      {
        if (detente_engagement_kinds_compatible (a, b))
          m->kinds[a] |= 1u << b;
        if (detente_engagement_statuses_compatible (a, b))
          m->statuses[a] |= 1u << b;
      }

  n = g_list_model_get_n_items (actors);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DetenteActor) actor = g_list_model_get_item (actors, i);

      index_actor_names (m, actor);
    }
  n = g_list_model_get_n_items (engagements);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DetenteEngagement) engagement = g_list_model_get_item (engagements, i);

      index_engagement (m, engagement);
    }
}

static void
merge_clear (Merge *m)
{
  g_clear_pointer (&m->actor_names, g_hash_table_unref);
  g_clear_pointer (&m->buckets, g_hash_table_unref);
  g_clear_pointer (&m->evidence, g_hash_table_unref);
  g_clear_pointer (&m->strings, g_hash_table_unref);
}

static GPtrArray *
roles_of (const DetenteFoundActor *found)
{
  GPtrArray *roles = g_ptr_array_new_with_free_func ((GDestroyNotify) detente_role_free);

  if (found->entry != NULL && found->entry->roles != NULL && found->entry->roles->len > 0)
    {
      for (guint i = 0; i < found->entry->roles->len; i++)
        {
          const DetenteEntryRole *r = g_ptr_array_index (found->entry->roles, i);

          g_ptr_array_add (roles, detente_role_new (r->title, NULL, &r->from, &r->to));
        }
    }
  else if (found->role != NULL)
    g_ptr_array_add (roles, detente_role_new (found->role, NULL, NULL, NULL));
  return roles;
}

/* Returns the project's actor for @found, adding one when it has none. */
static DetenteActor *
merge_actor (Merge                   *m,
             const DetenteFoundActor *found)
{
  g_autofree char *folded = NULL;
  g_autoptr(DetenteActor) actor = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  DetenteActor *known;
  g_autofree char *id = NULL;
  ActorHit *hit = NULL;

  /* Most actors are the gazetteer's, reported again by many thousand
   * articles: their entry recalls the actor without hashing the id. The
   * ids are compared still, since one entry may give several. */
  if (found->entry != NULL)
    {
      guint slot = (guint) (((guintptr) found->entry >> 3) * 2654435761u >> 8) % G_N_ELEMENTS (m->actor_hits);

      hit = &m->actor_hits[slot];
      if (hit->entry == found->entry && strcmp (hit->id, found->id) == 0)
        return hit->actor;
    }
  known = detente_project_lookup_actor (m->project, found->id);
  if (known != NULL)
    {
      /* An actor's id never changes, nor is it removed, while a merge is
       * open. */
      if (hit != NULL)
        *hit = (ActorHit) { found->entry, detente_actor_get_id (known), known };
      return known;
    }
  folded = fold_name (found->name);
  known = g_hash_table_lookup (m->actor_names, folded);
  if (known != NULL)
    return known;

  id = g_strdup (found->id);
  for (guint n = 2; detente_project_lookup_actor (m->project, id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", found->id, n);
    }
  actor = detente_actor_new (id, found->name, found->kind);
  detente_actor_set_country (actor, found->country);
  roles = roles_of (found);
  if (roles->len > 0)
    detente_actor_set_roles (actor, roles);
  if (!detente_project_add_actor (m->project, actor, NULL))
    g_return_val_if_reached (NULL);
  index_actor_names (m, actor);
  m->summary->actors++;
  return actor;
}

/* A found engagement as searches compare it. */
typedef struct
{
  const DetenteFoundEngagement *found;
  const char                   *country;
  const char                   *place;
  guint32                       kinds;     /* see Merge */
  guint32                       statuses;
  guint32                       first_day; /* 0 when undated */
  guint32                       last_day;
  gboolean                      dated;
} Wanted;

static void
wanted_init (Merge                        *m,
             Wanted                       *w,
             const DetenteFoundEngagement *found)
{
  gboolean dated = detente_date_is_set (&found->date);

  w->found = found;
  w->country = intern (m, found->place_country);
  w->place = intern (m, found->place);
  w->first_day = dated ? detente_date_get_first_day (&found->date) : 0;
  w->last_day = dated ? detente_date_get_last_day (&found->date) : 0;
  w->dated = dated;
  w->kinds = (guint) found->kind < 32 ? m->kinds[found->kind] : 0;
  w->statuses = (guint) found->status < 32 ? m->statuses[found->status] : 0;
}

static gboolean
kinds_compatible (const Entry  *entry,
                  const Wanted *w)
{
  if ((guint) entry->kind < 32 && (guint) w->found->kind < 32)
    return (w->kinds >> entry->kind) & 1;
  return detente_engagement_kinds_compatible (entry->kind, w->found->kind);
}

static gboolean
statuses_compatible (const Entry  *entry,
                     const Wanted *w)
{
  if ((guint) entry->status < 32 && (guint) w->found->status < 32)
    return (w->statuses >> entry->status) & 1;
  return detente_engagement_statuses_compatible (entry->status, w->found->status);
}

/* Two places are compatible when either is unknown or they are in the same
 * country: "Beijing" and "China" are one visit, "Bali" and "Lima" are not. */
static inline gboolean
candidate (const Entry  *entry,
           const Wanted *w)
{
  if (!kinds_compatible (entry, w) || !statuses_compatible (entry, w))
    return FALSE;
  if (w->country != NULL && entry->country != NULL)
    return w->country == entry->country;
  if (w->place != NULL && entry->place != NULL)
    return w->place == entry->place;
  return TRUE;
}

static DetenteEngagement *
first_undated (Bucket       *b,
               const Wanted *w)
{
  for (guint i = 0; i < b->undated->len; i++)
    {
      const Entry *entry = &g_array_index (b->undated, Entry, i);

      if (entry->first_day == 0 && candidate (entry, w))
        return entry->engagement;
    }
  return NULL;
}

/* Engagements that last longer than this are looked for among those that
 * began this long before; an undated report is looked for among those of
 * the year before the article. */
#define LONGEST_ENGAGEMENT 62
#define RECENT_DAYS 400

/* Picks the known engagement @found reports again, or %NULL. A dated one
 * needs an overlapping date. An undated one is the latest compatible one
 * that happened before the article was published: "Biden met Xi" in an
 * article of 2023 is their last meeting, not the first; an undated plan is
 * the first one still to come. */
static DetenteEngagement *
find_known (Bucket       *b,
            const Wanted *w,
            guint32       published_day)
{
  const DetenteFoundEngagement *found = w->found;

  if (w->dated)
    {
      guint32 first = w->first_day;
      guint32 last = w->last_day;

      for (guint i = bisect (b->by_day, first > LONGEST_ENGAGEMENT ? first - LONGEST_ENGAGEMENT : 0);
           i < b->by_day->len; i++)
        {
          const Entry *entry = &g_array_index (b->by_day, Entry, i);

          if (entry->first_day > last)
            break;
          if (entry->last_day >= first && candidate (entry, w))
            return entry->engagement;
        }
      for (guint i = 0; i < b->by_year->len; i++)
        {
          const Entry *entry = &g_array_index (b->by_year, Entry, i);

          if (entry->first_day <= last && entry->last_day >= first && candidate (entry, w))
            return entry->engagement;
        }
      return first_undated (b, w);
    }

  if (found->status == DETENTE_ENGAGEMENT_STATUS_HELD)
    {
      guint i = published_day == G_MAXUINT32 ? b->by_day->len : bisect (b->by_day, published_day + 1);
      guint32 oldest = published_day == G_MAXUINT32 || published_day < RECENT_DAYS ? 0 : published_day - RECENT_DAYS;

      for (; i > 0 && g_array_index (b->by_day, Entry, i - 1).first_day >= oldest; i--)
        if (candidate (&g_array_index (b->by_day, Entry, i - 1), w))
          return g_array_index (b->by_day, Entry, i - 1).engagement;
    }
  else
    {
      guint i = published_day == G_MAXUINT32 ? 0 : bisect (b->by_day, published_day + 1);

      for (; i < b->by_day->len; i++)
        if (candidate (&g_array_index (b->by_day, Entry, i), w))
          return g_array_index (b->by_day, Entry, i).engagement;
    }
  return first_undated (b, w);
}

/* Adds @found's evidence to @known and fills what @known leaves empty.
 * The evidence is set once, when the merge ends: an engagement that many
 * articles report is not copied once for each of them. */
static void
update_known (Merge                        *m,
              Bucket                       *b,
              DetenteEngagement            *known,
              const DetenteFoundEngagement *found,
              GPtrArray                    *evidence)
{
  GPtrArray *all = g_hash_table_lookup (m->evidence, known);
  gboolean added = FALSE;

  if (all == NULL)
    {
      GPtrArray *old = detente_engagement_get_evidence (known);

      all = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; old != NULL && i < old->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (old, i)));
      g_hash_table_insert (m->evidence, known, all);
    }

  for (guint i = 0; i < evidence->len; i++)
    {
      DetenteEvidence *ev = g_ptr_array_index (evidence, i);
      const char *source = _detente_evidence_peek_source_id (ev);
      gboolean seen = FALSE;

      /* Only this article's own sentences can be there already, at the
       * end. */
      for (guint k = all->len; k > 0 && !seen; k--)
        {
          DetenteEvidence *have = g_ptr_array_index (all, k - 1);

          if (!g_str_equal (_detente_evidence_peek_source_id (have), source))
            break;
          seen = detente_evidence_equal (have, ev);
        }
      if (!seen)
        {
          g_ptr_array_add (all, g_object_ref (ev));
          added = TRUE;
        }
    }
  if (!added)
    return;

  if (detente_engagement_get_origin (known) == DETENTE_ORIGIN_EXTRACTED)
    {
      const DetenteDate *date = detente_engagement_get_date (known);
      DetenteEngagementStatus status = detente_engagement_get_status (known);

      /* What happened tells more than what was planned, and "15 November"
       * more than "November". */
      const DetenteDate *set_date = NULL;
      const char *set_place = NULL;
      const char *set_country = NULL;
      gboolean held = FALSE;
      gboolean refile;

      if (detente_date_is_set (&found->date) &&
          (!detente_date_is_set (date) ||
           detente_date_get_precision (&found->date) > detente_date_get_precision (date)))
        set_date = &found->date;
      if (detente_engagement_get_place (known) == NULL && found->place != NULL)
        set_place = found->place;
      if (detente_engagement_get_place_country (known) == NULL && found->place_country != NULL)
        set_country = found->place_country;
      if (found->status == DETENTE_ENGAGEMENT_STATUS_HELD &&
          (status == DETENTE_ENGAGEMENT_STATUS_PLANNED || status == DETENTE_ENGAGEMENT_STATUS_POSSIBLE))
        held = TRUE;
      refile = set_date != NULL || set_place != NULL || set_country != NULL || held;
      /* Taken out as it was filed, before its date changes. */
      if (refile)
        bucket_remove (b, known);
      _detente_project_fill_engagement (m->project, known, set_date, set_place, set_country, held);
      /* Filed again as it now is. */
      if (refile)
        bucket_add (m, b, known);
    }
}

static void
set_evidence (Merge *m)
{
  GHashTableIter iter;
  gpointer engagement, evidence;

  g_hash_table_iter_init (&iter, m->evidence);
  while (g_hash_table_iter_next (&iter, &engagement, &evidence))
    if (((GPtrArray *) evidence)->len != detente_engagement_get_evidence (engagement)->len)
      {
        g_hash_table_iter_steal (&iter);
        _detente_project_take_evidence (m->project, engagement, evidence);
        m->summary->updated++;
      }
}

/* Writes @value in decimal at @w; returns the end. */
static char *
write_uint (char  *w,
            guint  value)
{
  char digits[16];
  guint n = 0;

  do
    digits[n++] = (char) ('0' + value % 10);
  while ((value /= 10) > 0);
  while (n > 0)
    *w++ = digits[--n];
  return w;
}

/* A new engagement's id is derived from where it was first reported, so
 * importing the same articles gives the same ids: "e-" and the first
 * twelve characters of the source id, the offset of its first sentence and
 * its kind ("e-3f2a…-120-1"), then "-2", "-3"… while that is taken. Written
 * by hand: a merge makes many thousand. */
static char *
new_engagement_id (Merge                        *m,
                   DetenteSource                *source,
                   const DetenteFoundEngagement *found)
{
  guint offset = found->evidence->len > 0 ? g_array_index (found->evidence, DetenteSpan, 0).offset : 0;
  const char *source_id = detente_source_get_id (source);
  gsize length = strnlen (source_id, 12);
  /* "e-", the source, three separators and three numbers. */
  char id[2 + 12 + 3 * (1 + 10) + 1];
  char *base, *w = id;

  *w++ = 'e';
  *w++ = '-';
  memcpy (w, source_id, length);
  w += length;
  *w++ = '-';
  w = write_uint (w, offset);
  *w++ = '-';
  w = write_uint (w, (guint) found->kind);
  *w = '\0';
  base = w;
  for (guint n = 2; detente_project_lookup_engagement (m->project, id) != NULL; n++)
    {
      w = base;
      *w++ = '-';
      w = write_uint (w, n);
      *w = '\0';
    }
  return g_strndup (id, w - id);
}

static gboolean
has_actor (DetenteActor * const *actors,
           guint                 n,
           DetenteActor         *actor)
{
  for (guint i = 0; i < n; i++)
    if (actors[i] == actor)
      return TRUE;
  return FALSE;
}

static void
merge_engagement (Merge                        *m,
                  DetenteExtractResult         *result,
                  DetenteSource                *source,
                  DetenteActor                **actors,
                  const DetenteFoundEngagement *found,
                  GPtrArray                    *evidence,
                  guint32                       published_day)
{
  DetenteActor *stack[8];
  gpointer key_stack[G_N_ELEMENTS (stack) + 2];
  g_autofree DetenteActor **heap = NULL;
  g_autofree gpointer *key_heap = NULL;
  DetenteActor **taking = stack;
  gpointer *key = key_stack;
  g_autoptr(DetenteEngagement) engagement = NULL;
  g_autofree char *id = NULL;
  const char **participants;
  DetenteEngagement *known;
  Bucket *bucket;
  Wanted w;
  Entry entry;
  guint n = 0;

  /* Actors are the project's: one actor is one id, and two of them two. */
  if (found->participants->len + 1 > G_N_ELEMENTS (stack))
    {
      taking = heap = g_new (DetenteActor *, found->participants->len + 1);
      key = key_heap = g_new (gpointer, found->participants->len + 3);
    }
  for (guint i = 0; i < found->participants->len; i++)
    {
      guint index = g_array_index (found->participants, guint, i);

      if (index < result->actors->len && actors[index] != NULL && !has_actor (taking, n, actors[index]))
        taking[n++] = actors[index];
    }
  /* Two names of one actor leave no engagement. */
  if (n == 0 || (n < 2 && found->kind != DETENTE_ENGAGEMENT_KIND_VISIT))
    return;
  /* A visit goes from its visitors to the host country. */
  if (found->host < result->actors->len && actors[found->host] != NULL &&
      !has_actor (taking, n, actors[found->host]))
    taking[n++] = actors[found->host];

  participant_key (taking, n, found->kind, found->place_country, key);
  bucket = bucket_for (m, key, TRUE);
  wanted_init (m, &w, found);
  known = find_known (bucket, &w, published_day);
  if (known != NULL)
    {
      update_known (m, bucket, known, found, evidence);
      return;
    }

  /* The ids of the actors, in the key's room: it is not needed again. */
  participants = (const char **) key;
  for (guint i = 0; i < n; i++)
    participants[i] = detente_actor_get_id (taking[i]);
  id = new_engagement_id (m, source, found);
  /* The result's own array: evidence arrays are never changed, only
   * replaced, so the engagement may share it. */
  engagement = _detente_engagement_new_extracted (g_steal_pointer (&id), found->kind, found->status,
                                                  participants, n, found->place, found->place_country,
                                                  &found->date, found->confidence, g_ptr_array_ref (evidence));
  _detente_project_add_engagement_unchecked (m->project, engagement);

  /* Filed as entry_update() would, from what the search already has: the
   * engagement keeps an empty place or country as none. */
  entry = (Entry) {
    engagement,
    w.first_day,
    w.last_day,
    found->kind,
    found->status,
    found->place_country != NULL && *found->place_country != '\0' ? w.country : NULL,
    found->place != NULL && *found->place != '\0' ? w.place : NULL,
  };
  bucket_file (bucket, &entry, &found->date);
  m->summary->engagements++;
}

static void
merge_result (Merge                *m,
              DetenteExtractResult *result,
              GDateTime            *now)
{
  g_autoptr(DetenteSource) source = NULL;
  g_autofree DetenteActor **actors = NULL;
  guint32 published_day;

  if (detente_project_lookup_source (m->project, result->source_id) != NULL)
    {
      m->summary->known_sources++;
      return;
    }

  /* The worker made the source; a result merged a second time, into
   * another project, gets one of its own. */
  source = g_steal_pointer (&result->source);
  if (source == NULL)
    source = detente_extract_result_new_source (result);
  detente_source_set_imported (source, now);
  if (!detente_project_add_source (m->project, source, NULL))
    g_return_if_reached ();
  m->summary->sources++;

  actors = g_new0 (DetenteActor *, result->actors->len + 1);
  for (guint i = 0; i < result->engagements->len; i++)
    {
      const DetenteFoundEngagement *found = g_ptr_array_index (result->engagements, i);

      for (guint k = 0; k < found->participants->len; k++)
        {
          guint index = g_array_index (found->participants, guint, k);

          if (index < result->actors->len && actors[index] == NULL)
            actors[index] = merge_actor (m, g_ptr_array_index (result->actors, index));
        }
      if (found->host < result->actors->len && actors[found->host] == NULL)
        actors[found->host] = merge_actor (m, g_ptr_array_index (result->actors, found->host));
    }
  /* Every person the article names gets a node of their own, even before
   * an engagement involves them. */
  for (guint i = 0; i < result->actors->len; i++)
    {
      const DetenteFoundActor *found = g_ptr_array_index (result->actors, i);

      if (actors[i] == NULL && found->mentions > 0 && found->kind == DETENTE_ACTOR_KIND_PERSON)
        actors[i] = merge_actor (m, found);
    }

  published_day = detente_date_is_set (&result->published) ? detente_date_get_last_day (&result->published)
                                                            : G_MAXUINT32;
  for (guint i = 0; i < result->engagements->len; i++)
    merge_engagement (m, result, source, actors, g_ptr_array_index (result->engagements, i),
                      g_ptr_array_index (result->evidence, i), published_day);
}

/**
 * detente_project_merge_begin:
 * @self: a project
 *
 * Starts adding what was found in articles to the project, a few results
 * at a time with detente_merge_add(), as one undoable step. Until
 * detente_merge_end() or detente_merge_abort(), nothing else may change
 * the project.
 *
 * Returns: (transfer full): the merge
 */
DetenteMerge *
detente_project_merge_begin (DetenteProject *self)
{
  Merge *m;
  guint64 seconds;
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  g_return_val_if_fail (DETENTE_IS_PROJECT (self), NULL);

  m = g_new0 (Merge, 1);
  /* Reproducible builds fix the clock, so that the bundled sample is the
   * same file on every build. */
  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    m->now = g_date_time_new_from_unix_utc ((gint64) seconds);
  if (m->now == NULL)
    m->now = g_date_time_new_now_utc ();
  merge_init (m, g_object_ref (self), &m->own_summary);
  detente_project_begin_group (self, _("Import"));
  return m;
}

/**
 * detente_merge_add:
 * @merge: a merge
 * @results: (array length=n_results): what was found in some articles
 * @n_results: how many
 *
 * Adds articles and what was found in them.
 */
void
detente_merge_add (DetenteMerge                 *merge,
                   DetenteExtractResult * const *results,
                   guint                         n_results)
{
  g_return_if_fail (merge != NULL);
  g_return_if_fail (results != NULL || n_results == 0);

  for (guint i = 0; i < n_results; i++)
    if (results[i] != NULL)
      merge_result (merge, results[i], merge->now);
}

/**
 * detente_merge_show:
 * @merge: a merge
 *
 * Puts what the merge has added so far into the project's lists, which
 * otherwise get it all when the merge ends: an import calls this after
 * each slice, so that its articles show as they come.
 */
void
detente_merge_show (DetenteMerge *merge)
{
  g_return_if_fail (merge != NULL);

  _detente_project_flush (merge->project);
}

static void
merge_free (Merge *m)
{
  DetenteProject *project = m->project;

  merge_clear (m);
  g_date_time_unref (m->now);
  g_free (m);
  g_object_unref (project);
}

/**
 * detente_merge_end:
 * @merge: (transfer full): a merge
 * @summary: (out caller-allocates) (optional): what changed
 *
 * Records the merge as one undoable step and frees it.
 */
void
detente_merge_end (DetenteMerge        *merge,
                   DetenteMergeSummary *summary)
{
  g_return_if_fail (merge != NULL);

  set_evidence (merge);
  detente_project_end_group (merge->project);
  if (summary != NULL)
    *summary = merge->own_summary;
  merge_free (merge);
}

/**
 * detente_merge_abort:
 * @merge: (transfer full): a merge
 *
 * Takes back everything the merge added, leaving the project exactly as
 * it was, and frees it.
 */
void
detente_merge_abort (DetenteMerge *merge)
{
  g_return_if_fail (merge != NULL);

  detente_project_abort_group (merge->project);
  merge_free (merge);
}

/**
 * detente_project_merge:
 * @self: a project
 * @results: (array length=n_results): what was found in some articles
 * @n_results: how many
 * @summary: (out caller-allocates) (optional): what changed
 *
 * Adds articles and what was found in them to the project, as one undoable
 * step. The same real engagement reported by several articles becomes one
 * engagement with evidence from each; an article the project already has
 * adds nothing; nothing the user has set is overwritten.
 */
void
detente_project_merge (DetenteProject              *self,
                       DetenteExtractResult * const *results,
                       guint                         n_results,
                       DetenteMergeSummary          *summary)
{
  DetenteMerge *merge;

  g_return_if_fail (DETENTE_IS_PROJECT (self));
  g_return_if_fail (results != NULL || n_results == 0);

  merge = detente_project_merge_begin (self);
  detente_merge_add (merge, results, n_results);
  detente_merge_end (merge, summary);
}
