/* test-text.c
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "detente-text.h"

/* Splits @text and checks its sentences against @expected (NULL-ended). */
static void
assert_sentences (const char  *text,
                  const char **expected)
{
  g_autoptr(DetenteText) t = detente_text_new (text);
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < detente_text_get_n_sentences (t); i++)
    {
      g_autofree char *s = detente_text_dup_sentence (t, i);

      g_test_message ("sentence %u: «%s»", i, s);
    }
  g_assert_cmpuint (detente_text_get_n_sentences (t), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = detente_text_dup_sentence (t, i);
      const DetenteSpan *span = detente_text_get_sentence (t, i);

      g_assert_cmpstr (s, ==, expected[i]);
      /* The span is the exact bytes of the text. */
      g_assert_true (memcmp (text + span->offset, expected[i], span->length) == 0);
    }
}

static void
test_abbreviations (void)
{
  assert_sentences ("Mr. Blinken met Ms. Wang and Dr. Li. They spoke.",
                    (const char *[]) { "Mr. Blinken met Ms. Wang and Dr. Li.", "They spoke.", NULL });
  assert_sentences ("On Nov. 14, 2022, the leaders met. Lt. Col. Smith and Gen. Milley watched.",
                    (const char *[]) { "On Nov. 14, 2022, the leaders met.",
                                       "Lt. Col. Smith and Gen. Milley watched.", NULL });
  assert_sentences ("Sen. Schumer and Rep. Pelosi went to St. Petersburg with Acme Inc. executives.",
                    (const char *[]) { "Sen. Schumer and Rep. Pelosi went to St. Petersburg with Acme Inc. executives.", NULL });
  assert_sentences ("Jan. and Feb. were quiet; Aug. was not. Sept. 5 was busy.",
                    (const char *[]) { "Jan. and Feb. were quiet; Aug. was not.", "Sept. 5 was busy.", NULL });
}

static void
test_initials_acronyms (void)
{
  assert_sentences ("Antony J. Blinken and John F. Kerry flew in. Both spoke.",
                    (const char *[]) { "Antony J. Blinken and John F. Kerry flew in.", "Both spoke.", NULL });
  assert_sentences ("The U.S. and the U.K. agreed. U.S. President Joe Biden said so.",
                    (const char *[]) { "The U.S. and the U.K. agreed.", "U.S. President Joe Biden said so.", NULL });
  assert_sentences ("He returned to the U.S. The talks went on. She stayed in the U.S.",
                    (const char *[]) { "He returned to the U.S.", "The talks went on.", "She stayed in the U.S.", NULL });
}

static void
test_quotes_and_marks (void)
{
  assert_sentences ("“We will meet again,” Xi said. “Good.” Biden agreed! Did they? Yes…",
                    (const char *[]) { "“We will meet again,” Xi said.", "“Good.”", "Biden agreed!",
                                       "Did they?", "Yes…", NULL });
  assert_sentences ("The deal (signed in Bali.) held. It was 3.5 per cent, worth $1,000 million.",
                    (const char *[]) { "The deal (signed in Bali.) held.", "It was 3.5 per cent, worth $1,000 million.", NULL });
  /* A lower-case word after a full stop continues the sentence. */
  assert_sentences ("They met at 10 a.m. on Monday and spoke for hours.",
                    (const char *[]) { "They met at 10 a.m. on Monday and spoke for hours.", NULL });
}

static void
test_paragraphs_and_cjk (void)
{
  assert_sentences ("Blinken in Beijing\n\nThe visit began on Sunday.\nIt ended on Monday",
                    (const char *[]) { "Blinken in Beijing", "The visit began on Sunday.", "It ended on Monday", NULL });
  assert_sentences ("习近平会见了布林肯。双方进行了会谈！王毅出席？",
                    (const char *[]) { "习近平会见了布林肯。", "双方进行了会谈！", "王毅出席？", NULL });
  assert_sentences ("", (const char *[]) { NULL });
  assert_sentences ("   \n\n  ", (const char *[]) { NULL });
}

static void
test_tokens (void)
{
  const char *text = "Xi’s co-operation with U.S.\u00a0officials—worth 3.5% of 1,000—began. 王毅";
  g_autoptr(DetenteText) t = detente_text_new (text);
  const char *expected[] = { "Xi’s", "co-operation", "with", "U.S.", "officials", "—", "worth",
                             "3.5", "%", "of", "1,000", "—", "began", ".", "王", "毅", NULL };
  DetenteTokenKind kinds[] = { DETENTE_TOKEN_WORD, DETENTE_TOKEN_WORD, DETENTE_TOKEN_WORD,
                               DETENTE_TOKEN_WORD, DETENTE_TOKEN_WORD, DETENTE_TOKEN_PUNCTUATION,
                               DETENTE_TOKEN_WORD, DETENTE_TOKEN_NUMBER, DETENTE_TOKEN_PUNCTUATION,
                               DETENTE_TOKEN_WORD, DETENTE_TOKEN_NUMBER, DETENTE_TOKEN_PUNCTUATION,
                               DETENTE_TOKEN_WORD, DETENTE_TOKEN_PUNCTUATION, DETENTE_TOKEN_WORD,
                               DETENTE_TOKEN_WORD };

  g_assert_cmpuint (detente_text_get_n_tokens (t), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i]; i++)
    {
      const DetenteToken *tok = detente_text_get_token (t, i);
      g_autofree char *s = g_strndup (text + tok->span.offset, tok->span.length);

      g_assert_cmpstr (s, ==, expected[i]);
      g_assert_cmpint (tok->kind, ==, kinds[i]);
    }
  /* The Chinese name after the full stop is a sentence of its own. */
  g_assert_cmpuint (detente_text_get_n_sentences (t), ==, 2);
  g_assert_cmpuint (detente_text_get_token (t, 13)->sentence, ==, 0);
  g_assert_cmpuint (detente_text_get_token (t, 14)->sentence, ==, 1);
}

static void
test_sentence_at (void)
{
  const char *text = "One. Two. Three.";
  g_autoptr(DetenteText) t = detente_text_new (text);

  g_assert_cmpuint (detente_text_sentence_at (t, 0), ==, 0);
  g_assert_cmpuint (detente_text_sentence_at (t, 3), ==, 0);
  /* The space between belongs to no sentence: the next one follows it. */
  g_assert_cmpuint (detente_text_sentence_at (t, 4), ==, 1);
  g_assert_cmpuint (detente_text_sentence_at (t, 10), ==, 2);
  g_assert_cmpuint (detente_text_sentence_at (t, 99), ==, 3);
}

/* Every sentence and token is a valid UTF-8 span, in order, whatever the
 * input: checked over the real articles in shared/. */
static void
test_real_articles (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "data", "articles", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint files = 0;

  if (d == NULL)
    {
      g_test_skip ("no shared/data/articles beside the repository");
      return;
    }

  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(DetenteText) t = NULL;
      guint last_end = 0;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      files++;
      t = detente_text_new (contents);
      g_assert_cmpuint (detente_text_get_n_sentences (t), >, 3);
      for (guint i = 0; i < detente_text_get_n_sentences (t); i++)
        {
          const DetenteSpan *s = detente_text_get_sentence (t, i);

          g_assert_cmpuint (s->offset, >=, last_end);
          g_assert_true (g_utf8_validate_len (contents + s->offset, s->length, NULL));
          g_assert_false (g_ascii_isspace (contents[s->offset]));
          last_end = s->offset + s->length;
        }
    }
  g_assert_cmpuint (files, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/text/abbreviations", test_abbreviations);
  g_test_add_func ("/import/text/initials-acronyms", test_initials_acronyms);
  g_test_add_func ("/import/text/quotes-marks", test_quotes_and_marks);
  g_test_add_func ("/import/text/paragraphs-cjk", test_paragraphs_and_cjk);
  g_test_add_func ("/import/text/tokens", test_tokens);
  g_test_add_func ("/import/text/sentence-at", test_sentence_at);
  g_test_add_func ("/import/text/real-articles", test_real_articles);

  return g_test_run ();
}
