/** Listening rows as the API shows them (camelCase, secrets hidden). */
import type { AlertRow } from './repository/alerts.ts';
import type { MentionRow } from './repository/mentions.ts';
import type { QueryRow } from './repository/queries.ts';
import type { SourceRow } from './repository/sources.ts';

/** A saved query as the API shows it. */
export function presentQuery(row: QueryRow) {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    kind: row.kind,
    competitorName: row.competitor_name,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const SECRET_CONFIG_KEYS = new Set(['accessToken', 'accessTokenSealed']);

/** A source as the API shows it, with its cursor, lag and queue depth (secrets hidden). */
export function presentSource(row: SourceRow) {
  const config = Object.fromEntries(
    Object.entries(row.config).map(([k, v]) =>
      SECRET_CONFIG_KEYS.has(k) && v ? [k === 'accessTokenSealed' ? 'accessToken' : k, '••••'] : [k, v],
    ),
  );
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config,
    cursor: row.cursor,
    active: row.active,
    status: row.status,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
    lastItemAt: row.last_item_at,
    lastRunAt: row.last_run_at,
    nextPollAt: row.next_poll_at,
    lagMs: row.lag_ms === null ? null : Number(row.lag_ms),
    queueDepth: row.queue_depth,
    itemsIngested: Number(row.items_ingested),
    runningOn: row.lease_owner,
    createdAt: row.created_at,
  };
}

/** A mention as the API shows it. */
export function presentMention(row: MentionRow, queryIds: string[] = []) {
  return {
    id: row.id,
    network: row.network,
    sourceId: row.source_id,
    remoteId: row.remote_id,
    url: row.url,
    author: { handle: row.author_handle, name: row.author_name, reach: row.author_reach },
    text: row.text,
    lang: row.lang,
    sentiment: row.sentiment,
    sentimentScore: row.sentiment_score,
    autoSentiment: row.auto_sentiment,
    corrected: row.sentiment !== row.auto_sentiment,
    publishedAt: row.published_at,
    ingestedAt: row.ingested_at,
    queryIds,
  };
}

/** An alert as the API shows it. */
export function presentAlert(row: AlertRow) {
  return {
    id: row.id,
    kind: row.kind,
    scope: row.scope,
    queryId: row.query_id,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    count: row.count,
    expected: row.expected,
    z: row.z,
    mentionIds: row.mention_ids,
    eventId: row.event_id,
    acknowledgedAt: row.acknowledged_at,
    emailedAt: row.emailed_at,
    emailError: row.email_error,
    createdAt: row.created_at,
  };
}
