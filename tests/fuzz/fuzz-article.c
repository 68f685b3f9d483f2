/* fuzz-article.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes, read as an article under each kind of name: a page, a feed,
 * a text file, and a name that leaves the choice to the contents.
 */

#include "config.h"

#include <string.h>
#include <libxml/parser.h>

#include "detente-article.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char * const names[] = { "fuzz.html", "fuzz.xml", "fuzz.txt", "fuzz" };
  static gboolean initialised = FALSE;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  if (!initialised)
    {
      xmlInitParser ();
      initialised = TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = detente_article_read_bytes (bytes, names[i], &error);

      /* The contract: at least one article, or an error naming the file. */
      g_assert ((articles == NULL) != (error == NULL));
      if (articles != NULL)
        {
          g_assert_cmpuint (articles->len, >=, 1);
          for (guint j = 0; j < articles->len; j++)
            {
              DetenteArticle *article = articles->pdata[j];

              g_assert_true (g_utf8_validate (article->text, -1, NULL));
              g_assert_true (article->title == NULL || g_utf8_validate (article->title, -1, NULL));
              g_assert_true (article->author == NULL || g_utf8_validate (article->author, -1, NULL));
              g_assert_true (article->url == NULL || g_utf8_validate (article->url, -1, NULL));
              g_assert_true (g_str_has_prefix (article->file_name, names[i]));
            }
        }
      else
        g_assert_nonnull (strstr (error->message, names[i]));
    }
  return 0;
}
