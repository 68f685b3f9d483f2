/* detente-extractor.h
 *
 * Copyright 2026 The Détente developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "detente-article.h"
#include "detente-date.h"
#include "detente-gazetteer.h"
#include "detente-mentions.h"
#include "detente-source.h"
#include "detente-text.h"
#include "detente-types.h"

G_BEGIN_DECLS

/**
 * DetenteFoundList:
 * @data: the elements
 * @len: how many there are
 *
 * The participants or the evidence of a #DetenteFoundEngagement. It has
 * the public fields of a #GArray, so that g_array_index() and @len read it
 * as they read one, but it is none: no g_array function takes it. Its
 * engagement keeps a few elements in its own memory, and frees the list
 * with itself.
 */
typedef struct
{
  char  *data;
  guint  len;
  /*< private >*/
  guint  capacity;
  guint  on_heap : 1;
} DetenteFoundList;

/**
 * DetenteFoundEngagement:
 * @kind: meeting, visit, call, talks, summit or invitation
 * @status: held, planned, cancelled, postponed or possible
 * @participants: (element-type guint): indices into
 *   #DetenteExtractResult.actors of those the text names as taking part;
 *   a visit's are its visitors
 * @host: for a visit, the index of the host country among the actors, or
 *   %G_MAXUINT; a project makes it a participant
 * @place: (nullable): the place as the gazetteer names it
 * @place_country: (nullable): its ISO 3166 code
 * @date: when, at the precision the text gives, maybe a range
 * @confidence: 0–1, from the kind of evidence
 * @evidence: (element-type DetenteSpan): the sentences that report it, in
 *   text order, each an exact span of the article's text
 *
 * One real-world engagement that an article reports: plain data.
 */
typedef struct
{
  DetenteEngagementKind    kind;
  DetenteEngagementStatus  status;
  DetenteFoundList        *participants;
  guint                    host;
  char                    *place;
  char                    *place_country;
  DetenteDate              date;
  double                   confidence;
  DetenteFoundList        *evidence;
} DetenteFoundEngagement;

/**
 * DetenteExtractResult:
 * @article: the article, without its text (see @text)
 * @text: its text, normalised as a #DetenteSource's; evidence offsets are
 *   offsets of it. A GRefString, shared with @source.
 * @source_id: the id of a #DetenteSource of that text; a GRefString
 * @published: the date the article is read against (its own or one given)
 * @actors: (element-type DetenteFoundActor): who it refers to, in order of
 *   first mention; some may have no mention left
 * @engagements: (element-type DetenteFoundEngagement): what it reports
 * @source: (nullable): the article as a new #DetenteSource, which the
 *   first merge of this result takes into its project
 * @evidence: (element-type GPtrArray): for each of @engagements, its
 *   evidence as #DetenteEvidence of @source
 *
 * Everything found in one article, made on any thread and handed to
 * detente_project_merge() on the main thread. The source and the evidence
 * are made here, on the worker, so that the main thread need not: they
 * are new objects that nothing else holds until the merge takes them.
 */
typedef struct
{
  DetenteArticle *article;
  const char     *text;
  char           *source_id;
  DetenteDate     published;
  GPtrArray      *actors;
  GPtrArray      *engagements;
  DetenteSource  *source;
  GPtrArray      *evidence;
} DetenteExtractResult;

DetenteExtractResult *detente_extract             (const DetenteArticle *article,
                                                   const DetenteDate    *published,
                                                   DetenteGazetteer     *gazetteer);
GPtrArray            *detente_extract_engagements (DetenteText          *text,
                                                   DetenteMentions      *mentions,
                                                   const DetenteDate    *published,
                                                   DetenteGazetteer     *gazetteer);
void                  detente_extract_result_free (DetenteExtractResult *result);
DetenteSource        *detente_extract_result_new_source (const DetenteExtractResult *result);
void                  detente_found_engagement_free (DetenteFoundEngagement *engagement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DetenteExtractResult, detente_extract_result_free)

G_END_DECLS
