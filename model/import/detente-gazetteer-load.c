/* detente-gazetteer-load.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "detente-gazetteer-private.h"
#include "detente-gazetteer-data.h"

/* Reading gazetteer files: the XML of a project's own gazetteer, and the
 * files Détente ships with as resources. A file's entries are all read
 * before any is added, so a refused file adds nothing. */

#define MAX_XML_SIZE (16 * 1024 * 1024)

static const char * const builtin_files[] = {
  "countries.xml",
  "organisations.xml",
  "places.xml",
  "titles.xml",
  "people-us.xml",
  "people-cn.xml",
  "people-world.xml",
};

/* A name waiting for its file to be read to the end. */
typedef struct
{
  DetenteEntry    *entry;
  char            *text;
  DetenteMatchHow  how;
} PendingName;

static void
pending_name_clear (gpointer data)
{
  g_free (((PendingName *) data)->text);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup ((const char *) value));
  xmlFree (value);
  return copy;
}

static char *
content (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strstrip (g_strdup (value != NULL ? (const char *) value : ""));

  xmlFree (value);
  return copy;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns == NULL &&
         strcmp ((const char *) node->name, name) == 0;
}

static gboolean
fail (GError    **error,
      const char *file,
      xmlNode    *node,
      const char *what)
{
  g_set_error (error, DETENTE_GAZETTEER_ERROR, DETENTE_GAZETTEER_ERROR_INVALID,
               /* Translators: a gazetteer file, its line, and what is wrong there */
               _("Gazetteer “%s”, line %ld: %s"), file, (long) xmlGetLineNo (node), what);
  return FALSE;
}

static gboolean
read_date (const char  *text,
           DetenteDate *date)
{
  detente_date_clear (date);
  return text == NULL || *text == '\0' || detente_date_parse (text, date, NULL);
}

static void
pend (GArray          *names,
      DetenteEntry    *entry,
      char            *text,
      DetenteMatchHow  how)
{
  PendingName name = { entry, text, how };

  g_array_append_val (names, name);
}

static DetenteEntry *
read_entry (xmlNode          *node,
            DetenteEntryKind  kind,
            const char       *file,
            GArray           *names,
            GError          **error)
{
  g_autofree char *id = prop (node, kind == DETENTE_ENTRY_COUNTRY ? "code" : "id");
  g_autofree char *name = prop (node, "name");
  g_autofree char *country = prop (node, "country");
  DetenteEntry *entry;

  if (kind == DETENTE_ENTRY_HONORIFIC)
    {
      g_free (name);
      name = content (node);
    }
  if (name == NULL || *name == '\0')
    return fail (error, file, node, _("an entry without a name")), NULL;
  if (kind == DETENTE_ENTRY_COUNTRY)
    {
      if (id == NULL || strlen (id) != 2 || !g_ascii_isupper (id[0]) || !g_ascii_isupper (id[1]))
        return fail (error, file, node, _("a country without a two-letter ISO code")), NULL;
      g_free (country);
      country = g_strdup (id);
    }
  if (id == NULL || *id == '\0')
    {
      g_free (id);
      id = kind == DETENTE_ENTRY_PERSON || kind == DETENTE_ENTRY_ORGANISATION
           ? detente_actor_make_id (name) : g_strdup (name);
    }

  entry = _detente_gazetteer_entry_new (kind, id, name, country);
  entry->subkind = prop (node, "kind");
  if (kind == DETENTE_ENTRY_TITLE)
    {
      g_autofree char *generic = prop (node, "generic");

      entry->generic = g_strcmp0 (generic, "true") == 0;
    }
  pend (names, entry, g_strdup (name), DETENTE_MATCH_NAME);

  for (xmlNode *child = node->children; child != NULL && kind != DETENTE_ENTRY_HONORIFIC;
       child = child->next)
    {
      if (is_element (child, "alias") || is_element (child, "demonym") ||
          is_element (child, "capital"))
        {
          char *text = content (child);
          DetenteMatchHow how = is_element (child, "alias") ? DETENTE_MATCH_ALIAS
                                : is_element (child, "demonym") ? DETENTE_MATCH_DEMONYM
                                : DETENTE_MATCH_CAPITAL;

          if (*text != '\0')
            pend (names, entry, text, how);
          else
            g_free (text);
        }
      else if (is_element (child, "role"))
        {
          g_autofree char *title = prop (child, "title");
          g_autofree char *role_country = prop (child, "country");
          g_autofree char *from_text = prop (child, "from");
          g_autofree char *to_text = prop (child, "to");
          DetenteDate from, to;

          if (title == NULL || *title == '\0' || !read_date (from_text, &from) ||
              !read_date (to_text, &to))
            {
              _detente_gazetteer_entry_free (entry);
              fail (error, file, child, title == NULL || *title == '\0'
                    ? _("a role without a title")
                    : _("a role with a date that is not ISO 8601"));
              return NULL;
            }
          if (detente_date_is_set (&from) && detente_date_is_set (&to) &&
              detente_date_get_last_day (&to) < detente_date_get_first_day (&from))
            {
              _detente_gazetteer_entry_free (entry);
              fail (error, file, child, _("a role that ends before it begins"));
              return NULL;
            }
          g_ptr_array_add (entry->roles,
                           _detente_gazetteer_role_new (title, role_country, &from, &to));
        }
    }
  return entry;
}

/**
 * detente_gazetteer_add_xml:
 * @self: a gazetteer that no other thread reads yet
 * @data: a gazetteer file's contents
 * @length: its length
 * @name: the file's name, for messages
 * @error: return location for a #GError
 *
 * Adds the entries of one gazetteer file (the schema is documented at the
 * top of each of resources/gazetteer/\*.xml). Nothing is added when the
 * file is refused.
 *
 * Returns: whether the file was read
 */
gboolean
detente_gazetteer_add_xml (DetenteGazetteer *self,
                           const char       *data,
                           gsize             length,
                           const char       *name,
                           GError          **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (_detente_gazetteer_entry_free);
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (PendingName));
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = TRUE;

  g_return_val_if_fail (DETENTE_IS_GAZETTEER (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  g_array_set_clear_func (names, pending_name_clear);
  if (length > MAX_XML_SIZE)
    {
      g_set_error (error, DETENTE_GAZETTEER_ERROR, DETENTE_GAZETTEER_ERROR_INVALID,
                   _("Gazetteer “%s” is larger than 16 MB"), name);
      return FALSE;
    }

  /* No entities, no DTD, no network: a project's own gazetteer may come
   * from anywhere. */
  doc = length == 0 ? NULL
        : xmlReadMemory (data, (int) length, name, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                         XML_PARSE_NOWARNING);
  if (doc == NULL || doc->intSubset != NULL || (root = xmlDocGetRootElement (doc)) == NULL ||
      !is_element (root, "gazetteer"))
    {
      g_set_error (error, DETENTE_GAZETTEER_ERROR, DETENTE_GAZETTEER_ERROR_INVALID,
                   _("Gazetteer “%s” is not a gazetteer file"), name);
      g_clear_pointer (&doc, xmlFreeDoc);
      return FALSE;
    }

  for (xmlNode *node = root->children; node != NULL && ok; node = node->next)
    {
      static const struct { const char *element; DetenteEntryKind kind; } kinds[] = {
        { "person", DETENTE_ENTRY_PERSON },
        { "country", DETENTE_ENTRY_COUNTRY },
        { "organisation", DETENTE_ENTRY_ORGANISATION },
        { "organization", DETENTE_ENTRY_ORGANISATION },
        { "place", DETENTE_ENTRY_PLACE },
        { "title", DETENTE_ENTRY_TITLE },
        { "honorific", DETENTE_ENTRY_HONORIFIC },
      };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (is_element (node, kinds[k].element))
          {
            DetenteEntry *entry = read_entry (node, kinds[k].kind, name, names, error);

            if (entry == NULL)
              ok = FALSE;
            else
              g_ptr_array_add (entries, entry);
            break;
          }
    }
  xmlFreeDoc (doc);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    _detente_gazetteer_commit_entry (self, g_ptr_array_index (entries, i));
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < names->len; i++)
    {
      const PendingName *n = &g_array_index (names, PendingName, i);

      _detente_gazetteer_add_name (self, n->entry, n->text, n->how);
    }
  return TRUE;
}

/**
 * detente_gazetteer_add_builtin:
 * @self: a gazetteer that no other thread reads yet
 * @error: return location for a #GError
 *
 * Adds the gazetteer files Détente ships with.
 *
 * Returns: whether they were all read
 */
gboolean
detente_gazetteer_add_builtin (DetenteGazetteer *self,
                               GError          **error)
{
  g_return_val_if_fail (DETENTE_IS_GAZETTEER (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (builtin_files); i++)
    {
      g_autofree char *path = g_strconcat ("/io/github/detente/Detente/gazetteer/", builtin_files[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (detente_gazetteer_data_get_resource (), path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      gsize length;
      const char *data;

      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &length);
      if (!detente_gazetteer_add_xml (self, data, length, builtin_files[i], error))
        return FALSE;
    }
  return TRUE;
}
