/**
 * Every statement of the publishing engine, its worker liveness and its shared rate
 * limiter: the only code of this module that touches the database. This is the hot
 * path: each function is one statement (one round trip), batched over arrays; the
 * engine decides when to run them (see ARCHITECTURE.md, "Path of a publishing job").
 */
import type { RawSql } from '../../db/database.ts';
import type { MediaItem } from '../../db/schema.ts';

/** Where a statement runs: the shared connection (`database.raw`) or a worker's own session. */
export type SqlRunner = Pick<RawSql, 'query'>;

/** A publication claimed ahead of its due time. */
export interface ClaimedRow {
  id: string;
  post_id: string;
  workspace_id: string;
  channel_id: string;
  network: string;
  due_at: Date;
}

/** A publication moved to 'publishing', with what its network call needs. */
export interface PublishingRow extends ClaimedRow {
  text: string;
  media: MediaItem[];
  thread: Array<{ text: string; media: MediaItem[] }>;
  options: Record<string, unknown>;
  /** What kind of post, its first comment and title (0830); null when not given. */
  post_type: string | null;
  first_comment: string | null;
  title: string | null;
  /** Fencing token: this attempt's number; every outcome write requires the row to still carry it. */
  attempts: number;
  /** The publication_attempts row of this attempt. */
  attempt_id: string;
  needs_reconcile: boolean;
  first_attempt_at: Date;
  settings: Record<string, unknown>;
  credentials_sealed: string;
  channel_status: string;
  /** The publication's previous attempt: its error kind ('ambiguous': its answer was lost) and start; null on the first. */
  previous_error_kind: string | null;
  previous_started_at: Date | string | null;
}

/** A published post's first comment, claimed for another try. */
export interface FirstCommentRow {
  id: string;
  post_id: string;
  workspace_id: string;
  channel_id: string;
  network: string;
  remote_id: string;
  first_comment: string;
  first_attempt_at: Date | null;
  /** Fencing token of this try. */
  first_comment_attempts: number;
  settings: Record<string, unknown>;
  credentials_sealed: string;
  channel_status: string;
}

/** Codes of attempts that sent nothing for local reasons: handed back without counting as an attempt. */
export const DEFERRED = ['local_rate_limit', 'send_deadline_passed', 'previous_send_in_doubt'];

/** One attempt's own outcome, written to its publication_attempts row. */
export interface AttemptOutcome {
  attemptId: string;
  outcome: string;
  error: { kind: string; code: string; message: string };
}

/**
 * The end of an outcome statement: each attempt's own row, by id, so a late outcome
 * never rewrites another attempt's line. Its five arrays are parameters `first`… (see
 * attemptParams), the finishing instant parameter `finishedAt`.
 */
function finishAttemptsSql(first: number, finishedAt: number): string {
  const [ids, outcomes, kinds, codes, messages] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return `UPDATE publication_attempts a SET outcome = w.outcome, finished_at = $${finishedAt}, error_kind = w.kind, error_code = w.code, error_message = w.message
            FROM unnest(${ids}::bigint[], ${outcomes}::text[], ${kinds}::text[], ${codes}::text[], ${messages}::text[]) AS w(attempt_id, outcome, kind, code, message)
           WHERE a.id = w.attempt_id AND a.outcome = 'started'`;
}

function attemptParams(items: AttemptOutcome[]): unknown[] {
  return [
    items.map((i) => i.attemptId),
    items.map((i) => i.outcome),
    items.map((i) => i.error.kind),
    items.map((i) => i.error.code),
    items.map((i) => i.error.message),
  ];
}

/** First key of the workers' advisory locks (the second is each worker's lock_key). */
export const LOCK_CLASS = 727275;

/** Silent workers: lock gone (process dead) or heartbeat too old (hung). */
const DEAD = `(w.heartbeat_at < $2::timestamptz - w.dead_after_ms * interval '1 millisecond'
  OR (w.lock_key IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${LOCK_CLASS}::oid AND l.objid = w.lock_key::oid AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))))`;

/** Bucket arithmetic in SQL, from the row `b` and the incoming (EXCLUDED) limit, at $5. */
// No refill while a granted request is in flight (until its answer, or its deadline if its worker died).
const REFILL_FROM = `(CASE WHEN b.in_flight > 0 AND b.sending_until IS NOT NULL THEN GREATEST(b.updated_at, b.sending_until) ELSE b.updated_at END)`;
const REFILLED = `LEAST(EXCLUDED.capacity, b.tokens + GREATEST(0, extract(epoch FROM ($5::timestamptz - ${REFILL_FROM})) * 1000) * EXCLUDED.refill_per_ms)`;
const BLOCKED = `(b.blocked_until IS NOT NULL AND b.blocked_until > $5::timestamptz)`;
const GRANTED = `(CASE WHEN ${BLOCKED} THEN 0 ELSE LEAST(EXCLUDED.last_requested, floor(${REFILLED}))::int END)`;

/** A worker's row in publishing_workers, as a takeover counts it. */
export interface TakeoverCounts {
  workers: number;
  released: number;
  requeued: number;
}

/** The publishing engine's statements, one function each. */
export const publishingRepository = {
  /** Stop: claims this worker armed but never fired go back to the pool. */
  async releaseClaims(sql: SqlRunner, ids: string[], workerId: string): Promise<void> {
    await sql.query(
      `UPDATE publications SET claimed_by = NULL, lease_until = NULL WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND state = 'scheduled'`,
      [ids, workerId],
    );
  },

  /** After downtime: publications due longer ago than their workspace's grace period fail as missed. */
  async failMissed(sql: SqlRunner, now: Date) {
    const { rows } = await sql.query<{ id: string; post_id: string; workspace_id: string; due_at: Date }>(
      `UPDATE publications p
          SET state = 'failed', error_code = 'missed',
              error_message = 'Plaza was not running when this post was due, and it is now later than the workspace allows (' || w.missed_grace_minutes || ' min)',
              claimed_by = NULL, lease_until = NULL, updated_at = $1
         FROM workspaces w
        WHERE w.id = p.workspace_id AND p.state = 'scheduled' AND p.attempts = 0
          AND p.due_at < $1::timestamptz - make_interval(mins => w.missed_grace_minutes)
       RETURNING p.id, p.post_id, p.workspace_id, p.due_at`,
      [now],
    );
    return rows;
  },

  /**
   * Publications stuck in 'publishing' past their lease go back with `needs_reconcile`, and
   * their attempts are marked abandoned, in one statement. Returns how many were put back.
   */
  async requeueAbandoned(sql: SqlRunner, now: Date): Promise<number> {
    const { rows } = await sql.query<{ requeued: number }>(
      `WITH requeued AS (
         UPDATE publications SET state = 'scheduled', needs_reconcile = true, claimed_by = NULL, lease_until = NULL, due_at = $1, updated_at = $1
          WHERE id IN (SELECT id FROM publications WHERE state = 'publishing' AND lease_until < $1 LIMIT 1000 FOR UPDATE SKIP LOCKED)
            AND state = 'publishing' AND lease_until < $1
         RETURNING id
       ), abandoned AS (
         UPDATE publication_attempts SET outcome = 'abandoned', finished_at = $1,
                error_message = 'The worker stopped or stalled during this attempt; the next attempt checks the network first'
          WHERE publication_id IN (SELECT id FROM requeued) AND outcome = 'started'
         RETURNING id
       )
       SELECT (SELECT count(*) FROM requeued)::int AS requeued, (SELECT count(*) FROM abandoned)::int AS abandoned`,
      [now],
    );
    return rows[0]?.requeued ?? 0;
  },

  /** Claims up to `limit` publications due before `dueBefore` (one indexed UPDATE … FOR UPDATE SKIP LOCKED). */
  async claimDue(
    sql: SqlRunner,
    claim: { workerId: string; leaseUntil: Date; dueBefore: Date; now: Date; limit: number },
  ): Promise<ClaimedRow[]> {
    const { rows } = await sql.query<ClaimedRow>(
      `UPDATE publications p SET claimed_by = $1, lease_until = $2
         FROM (SELECT id FROM publications
                WHERE state = 'scheduled' AND due_at <= $3 AND (claimed_by IS NULL OR lease_until < $4)
                ORDER BY due_at LIMIT $5 FOR UPDATE SKIP LOCKED) due
        WHERE p.id = due.id
       RETURNING p.id, p.post_id, p.workspace_id, p.channel_id, p.network, p.due_at`,
      [claim.workerId, claim.leaseUntil, claim.dueBefore, claim.now, claim.limit],
    );
    return rows;
  },

  /**
   * Starts claimed publications (still scheduled, still ours) and writes their attempt rows,
   * in one statement: a worker killed or stalled in between cannot leave a started
   * publication without its attempt.
   */
  async startPublications(
    sql: SqlRunner,
    start: { ids: string[]; workerId: string; now: Date; leaseUntil: Date },
  ): Promise<PublishingRow[]> {
    const { rows } = await sql.query<PublishingRow>(
      `WITH started AS (
         UPDATE publications SET state = 'publishing', attempts = attempts + 1,
                first_attempt_at = COALESCE(first_attempt_at, $3), lease_until = $4, updated_at = $3
          WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND state = 'scheduled'
          RETURNING id, post_id, workspace_id, channel_id, network, due_at, text, media, thread, options, post_type, first_comment, title,
                    attempts, needs_reconcile, first_attempt_at
       ), attempt AS (
         INSERT INTO publication_attempts (publication_id, worker_id, started_at, outcome)
         SELECT id, $2, $3, 'started' FROM started
         RETURNING id, publication_id
       ), post_started AS (
         UPDATE posts SET state = 'publishing', updated_at = $3 WHERE id IN (SELECT post_id FROM started) AND state = 'scheduled'
       )
       SELECT s.*, a.id::text AS attempt_id, c.settings, c.credentials_sealed, c.status AS channel_status,
              prev.error_kind AS previous_error_kind, prev.started_at AS previous_started_at
         FROM started s JOIN attempt a ON a.publication_id = s.id JOIN channels c ON c.id = s.channel_id
         LEFT JOIN LATERAL (
           SELECT pa.error_kind, pa.started_at FROM publication_attempts pa
            WHERE pa.publication_id = s.id AND pa.id <> a.id ORDER BY pa.started_at DESC, pa.id DESC LIMIT 1
         ) prev ON true`,
      [start.ids, start.workerId, start.now, start.leaseUntil],
    );
    return rows;
  },

  /**
   * Makes `publicationId` the channel's send holder (NetworkLimits.oneSendInDoubtPerChannel) unless
   * another publication holds it and is still in doubt: publishing now, or waiting to reconcile.
   * One statement on the channel's row, so two workers cannot both get it. True when it is ours.
   */
  async claimChannelSend(sql: SqlRunner, channelId: string, publicationId: string): Promise<boolean> {
    const { rows } = await sql.query(
      `UPDATE channels c SET send_holder = $2
        WHERE c.id = $1
          AND (c.send_holder IS NULL OR c.send_holder = $2 OR NOT EXISTS (
                SELECT 1 FROM publications p
                 WHERE p.id = c.send_holder AND (p.state = 'publishing' OR (p.state = 'scheduled' AND p.needs_reconcile))))
        RETURNING c.id`,
      [channelId, publicationId],
    );
    return rows.length === 1;
  },

  /** What was published on a channel since `since`, newest first (reconciling adapters read it: ChannelContext.publishedOnChannel). */
  async publishedOnChannel(sql: SqlRunner, channelId: string, since: Date, limit: number) {
    const { rows } = await sql.query<{ id: string; remote_id: string; published_at: Date | string }>(
      `SELECT id, remote_id, published_at FROM publications
        WHERE channel_id = $1 AND state = 'published' AND remote_id IS NOT NULL AND published_at >= $2
        ORDER BY published_at DESC LIMIT $3`,
      [channelId, since, limit],
    );
    return rows.map((r) => ({
      publicationId: r.id,
      remoteId: r.remote_id,
      publishedAt: (r.published_at instanceof Date ? r.published_at : new Date(r.published_at)).toISOString(),
    }));
  },

  /** The media rows a publication refers to (bytes come from the media store). */
  async mediaOf(sql: SqlRunner, mediaIds: string[], workspaceId: string) {
    const { rows } = await sql.query<{
      id: string;
      sha256: string;
      mime_type: string;
      size_bytes: number;
      kind: string;
      width: number | null;
      height: number | null;
      duration_seconds: number | null;
      codec: string | null;
    }>(
      'SELECT id, sha256, mime_type, size_bytes, kind, width, height, duration_seconds, codec FROM media WHERE id = ANY($1::uuid[]) AND workspace_id = $2',
      [mediaIds, workspaceId],
    );
    return rows;
  },

  /**
   * First-comment outcomes, one statement. An outcome of the attempt that published the post is
   * fenced by that attempt (`fence.attempts`); one of a comment retry by its comment try
   * (`fence.commentAttempts`, while still 'posting'). A published comment is never overwritten.
   */
  async writeFirstComments(
    sql: SqlRunner,
    batch: {
      now: Date;
      items: Array<{
        id: string;
        fence: { attempts: number } | { commentAttempts: number };
        outcome:
          | { state: 'published'; remoteId: string; remoteUrl: string | null }
          | { state: 'pending' | 'failed'; code: string; message: string };
        dueAt: Date | null;
      }>;
    },
  ): Promise<void> {
    if (batch.items.length === 0) return;
    const { items } = batch;
    const published = (o: (typeof items)[number]['outcome']) => (o.state === 'published' ? o : null);
    const failure = (o: (typeof items)[number]['outcome']) => (o.state === 'published' ? null : o);
    await sql.query(
      `UPDATE publications p SET first_comment_state = v.state,
              first_comment_remote_id = COALESCE(v.remote_id, p.first_comment_remote_id),
              first_comment_remote_url = CASE WHEN v.state = 'published' THEN v.remote_url ELSE p.first_comment_remote_url END,
              first_comment_published_at = CASE WHEN v.state = 'published' THEN $10::timestamptz ELSE NULL END,
              first_comment_error_code = v.code, first_comment_error_message = v.message,
              first_comment_due_at = v.due_at, first_comment_lease_until = NULL,
              first_comment_attempts = CASE WHEN v.attempt IS NOT NULL THEN p.first_comment_attempts + 1 ELSE p.first_comment_attempts END,
              updated_at = $10
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::int[], $9::int[])
              AS v(id, state, remote_id, remote_url, code, message, due_at, attempt, comment_attempt)
        WHERE p.id = v.id AND p.state = 'published' AND p.first_comment_state IS DISTINCT FROM 'published'
          AND ((v.attempt IS NOT NULL AND p.attempts = v.attempt AND p.first_comment_state IS NULL)
            OR (v.comment_attempt IS NOT NULL AND p.first_comment_state = 'posting' AND p.first_comment_attempts = v.comment_attempt))`,
      [
        items.map((i) => i.id),
        items.map((i) => i.outcome.state),
        items.map((i) => published(i.outcome)?.remoteId ?? null),
        items.map((i) => published(i.outcome)?.remoteUrl ?? null),
        items.map((i) => failure(i.outcome)?.code ?? null),
        items.map((i) => failure(i.outcome)?.message ?? null),
        items.map((i) => i.dueAt),
        items.map((i) => ('attempts' in i.fence ? i.fence.attempts : null)),
        items.map((i) => ('commentAttempts' in i.fence ? i.fence.commentAttempts : null)),
        batch.now,
      ],
    );
  },

  /**
   * Claims first comments due again (pending and due, or held by a worker whose lease ran out),
   * under a lease, counting the try; with what the network call needs. Only published posts.
   */
  async claimFirstComments(sql: SqlRunner, claim: { now: Date; leaseUntil: Date; limit: number }): Promise<FirstCommentRow[]> {
    const { rows } = await sql.query<FirstCommentRow>(
      `WITH due AS (
         SELECT id FROM publications
          WHERE ((first_comment_state = 'pending' AND first_comment_due_at <= $1) OR (first_comment_state = 'posting' AND first_comment_lease_until < $1))
            AND state = 'published' AND remote_id IS NOT NULL AND first_comment IS NOT NULL
          ORDER BY first_comment_due_at NULLS FIRST LIMIT $3 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE publications p SET first_comment_state = 'posting', first_comment_attempts = p.first_comment_attempts + 1,
                first_comment_lease_until = $2, updated_at = $1
           FROM due WHERE p.id = due.id
          RETURNING p.id, p.post_id, p.workspace_id, p.channel_id, p.network, p.remote_id, p.first_comment, p.first_attempt_at, p.first_comment_attempts
       )
       SELECT c.*, ch.settings, ch.credentials_sealed, ch.status AS channel_status FROM claimed c JOIN channels ch ON ch.id = c.channel_id`,
      [claim.now, claim.leaseUntil, claim.limit],
    );
    return rows;
  },

  /** Keeps the link card a publication is sent with (its URL), or why none was sent. */
  async noteLinkCard(sql: SqlRunner, id: string, url: string | null, skipped: string | null): Promise<void> {
    await sql.query('UPDATE publications SET link_card_url = $2, link_card_skipped = $3 WHERE id = $1', [id, url, skipped]);
  },

  /** Published outcomes, one statement: the publications (still ours, still at that attempt) and their attempt rows. */
  async writePublished(
    sql: SqlRunner,
    batch: {
      ids: string[];
      remoteIds: string[];
      remoteUrls: Array<string | null>;
      now: Date;
      workerId: string;
      missedThresholdMs: number;
      attempts: number[];
      attemptIds: string[];
      outcomes: string[];
      /** What each publication cost on a network that bills per call (X), null elsewhere. */
      apiCosts: Array<number | null>;
    },
  ): Promise<void> {
    await sql.query(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $7::int[], $8::bigint[], $9::text[], $10::numeric[]) AS v(id, remote_id, remote_url, attempt, attempt_id, outcome, api_cost_usd)),
         done AS (
         UPDATE publications p SET state = 'published', remote_id = v.remote_id, remote_url = v.remote_url, published_at = $4,
                api_cost_usd = v.api_cost_usd,
                claimed_by = NULL, lease_until = NULL, needs_reconcile = false, error_code = NULL, error_message = NULL,
                missed_by_ms = CASE WHEN $4::timestamptz - p.due_at > make_interval(secs => $6::double precision / 1000)
                                    THEN (extract(epoch FROM ($4::timestamptz - p.due_at)) * 1000)::bigint ELSE NULL END,
                updated_at = $4
           FROM v
          WHERE p.id = v.id AND p.state = 'publishing' AND p.claimed_by = $5 AND p.attempts = v.attempt
         )
         UPDATE publication_attempts a SET outcome = v.outcome, finished_at = $4 FROM v WHERE a.id = v.attempt_id AND a.outcome = 'started'`,
      [
        batch.ids,
        batch.remoteIds,
        batch.remoteUrls,
        batch.now,
        batch.workerId,
        batch.missedThresholdMs,
        batch.attempts,
        batch.attemptIds,
        batch.outcomes,
        batch.apiCosts,
      ],
    );
  },

  /** Retry outcomes, one statement: back to 'scheduled' at their due times (deferred ones not counted as attempts). */
  async writeRetries(
    sql: SqlRunner,
    batch: {
      ids: string[];
      dueAts: Date[];
      reconcile: boolean[];
      codes: string[];
      messages: string[];
      workerId: string;
      now: Date;
      attempts: number[];
      outcomes: AttemptOutcome[];
    },
  ): Promise<void> {
    await sql.query(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[], $4::text[], $5::text[], $8::int[]) AS v(id, due_at, reconcile, code, message, attempt)),
         done AS (
         UPDATE publications p SET state = 'scheduled', due_at = v.due_at, claimed_by = NULL, lease_until = NULL,
                needs_reconcile = v.reconcile, error_code = v.code, error_message = v.message,
                attempts = CASE WHEN v.code IN ('${DEFERRED.join("', '")}') THEN p.attempts - 1 ELSE p.attempts END, updated_at = $7
           FROM v
          WHERE p.id = v.id AND p.state = 'publishing' AND p.claimed_by = $6 AND p.attempts = v.attempt
         )
         ${finishAttemptsSql(9, 7)}`,
      [
        batch.ids,
        batch.dueAts,
        batch.reconcile,
        batch.codes,
        batch.messages,
        batch.workerId,
        batch.now,
        batch.attempts,
        ...attemptParams(batch.outcomes),
      ],
    );
  },

  /** Final failures, one statement: the publications and their attempt rows. */
  async writeFailures(
    sql: SqlRunner,
    batch: {
      ids: string[];
      codes: string[];
      messages: string[];
      workerId: string;
      now: Date;
      attempts: number[];
      outcomes: AttemptOutcome[];
    },
  ): Promise<void> {
    await sql.query(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $6::int[]) AS v(id, code, message, attempt)),
         done AS (
         UPDATE publications p SET state = 'failed', claimed_by = NULL, lease_until = NULL, error_code = v.code, error_message = v.message, updated_at = $5
           FROM v
          WHERE p.id = v.id AND p.state = 'publishing' AND p.claimed_by = $4 AND p.attempts = v.attempt
         )
         ${finishAttemptsSql(7, 5)}`,
      [batch.ids, batch.codes, batch.messages, batch.workerId, batch.now, batch.attempts, ...attemptParams(batch.outcomes)],
    );
  },

  /**
   * Derives each touched post's state from its publications and records
   * post.published / post.failed once per post when it settles (one statement).
   */
  async refreshPosts(sql: SqlRunner, postIds: string[], now: Date): Promise<void> {
    await sql.query(
      `WITH agg AS (
         SELECT post_id,
                count(*) FILTER (WHERE state IN ('scheduled', 'publishing', 'pending')) AS open,
                count(*) FILTER (WHERE state = 'published') AS published,
                count(*) FILTER (WHERE state = 'failed') AS failures
           FROM publications WHERE post_id = ANY($1::uuid[]) GROUP BY post_id
       ), settled AS (
       UPDATE posts p SET state = CASE WHEN agg.failures > 0 THEN 'failed' ELSE 'published' END, updated_at = $2
         FROM agg
        WHERE p.id = agg.post_id AND agg.open = 0 AND (agg.published + agg.failures) > 0
          AND p.state NOT IN ('published', 'failed', 'canceled')
       RETURNING p.id, p.workspace_id, p.state, agg.failures::int AS failures, agg.published::int AS published
       )
       INSERT INTO events (workspace_id, actor_user_id, type, subject_type, subject_id, data)
       SELECT s.workspace_id, NULL, CASE WHEN s.state = 'published' THEN 'post.published' ELSE 'post.failed' END, 'post', s.id::text,
              jsonb_build_object('published', s.published, 'failed', s.failures)
         FROM settled s`,
      [postIds, now],
    );
  },

  // ——— Worker liveness (workers.ts) ———

  /** A clean stop: the worker leaves publishing_workers. */
  async leaveWorkers(sql: SqlRunner, workerId: string): Promise<void> {
    await sql.query('DELETE FROM publishing_workers WHERE id = $1', [workerId]);
  },

  /** Holds the worker's advisory lock on its own session (Postgres). */
  async holdWorkerLock(session: SqlRunner, lockKey: number): Promise<void> {
    await session.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, lockKey]);
  },

  /** A heartbeat; false when the worker has no row (first beat, or taken over while silent). */
  async heartbeat(session: SqlRunner, workerId: string, now: Date): Promise<boolean> {
    const { rows } = await session.query<{ id: string }>(
      'UPDATE publishing_workers SET heartbeat_at = GREATEST(heartbeat_at, $2) WHERE id = $1 RETURNING id',
      [workerId, now],
    );
    return rows.length > 0;
  },

  /** Registers (or re-registers) a worker. */
  async registerWorker(
    session: SqlRunner,
    worker: { id: string; now: Date; deadAfterMs: number; sendWindowMs: number; lockKey: number | null },
  ): Promise<void> {
    await session.query(
      `INSERT INTO publishing_workers (id, started_at, heartbeat_at, dead_after_ms, send_window_ms, lock_key) VALUES ($1, $2, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at, lock_key = EXCLUDED.lock_key`,
      [worker.id, worker.now, worker.deadAfterMs, worker.sendWindowMs, worker.lockKey],
    );
  },

  /** Other workers that went silent: lock gone (process died) or heartbeat too old (hung). */
  async silentWorkers(sql: SqlRunner, workerId: string, now: Date): Promise<string[]> {
    const { rows } = await sql.query<{ id: string }>(`SELECT w.id FROM publishing_workers w WHERE w.id <> $1 AND ${DEAD} LIMIT 50`, [
      workerId,
      now,
    ]);
    return rows.map((row) => row.id);
  },

  /**
   * Takes silent workers over in one statement: their claimed, unstarted publications are
   * freed; their in-flight ones come back with `needs_reconcile` once their calls can no
   * longer land; their started attempts are marked abandoned.
   */
  async takeOverWorkers(sql: SqlRunner, ids: string[], now: Date, settleMs: number): Promise<TakeoverCounts | undefined> {
    const { rows } = await sql.query<TakeoverCounts>(
      `WITH dead AS (
         DELETE FROM publishing_workers w WHERE w.id = ANY($1::text[]) AND ${DEAD}
         RETURNING w.id, w.heartbeat_at, w.dead_after_ms, w.send_window_ms
       ), released AS (
         UPDATE publications p SET claimed_by = NULL, lease_until = NULL
           FROM dead WHERE p.claimed_by = dead.id AND p.state = 'scheduled'
         RETURNING p.id
       ), requeued AS (
         UPDATE publications p SET state = 'scheduled', needs_reconcile = true, claimed_by = NULL, lease_until = NULL, updated_at = $2,
                due_at = GREATEST($2::timestamptz, LEAST(COALESCE(p.lease_until, $2::timestamptz),
                           dead.heartbeat_at + (dead.dead_after_ms + dead.send_window_ms + $3::int) * interval '1 millisecond'))
           FROM dead WHERE p.claimed_by = dead.id AND p.state = 'publishing'
         RETURNING p.id
       ), abandoned AS (
         UPDATE publication_attempts a SET outcome = 'abandoned', finished_at = $2,
                error_message = 'The worker stopped during this attempt; the next attempt checks the network first'
           FROM requeued WHERE a.publication_id = requeued.id AND a.outcome = 'started'
         RETURNING a.id
       )
       SELECT (SELECT count(*) FROM dead)::int AS workers, (SELECT count(*) FROM released)::int AS released,
              (SELECT count(*) FROM requeued)::int AS requeued, (SELECT count(*) FROM abandoned)::int AS attempts`,
      [ids, now, settleMs],
    );
    return rows[0];
  },

  // ——— Shared rate limits (rate-limiter.ts) ———

  /**
   * Takes tokens for many channels at once (one upsert, rows locked in channel id order so
   * concurrent workers cannot deadlock). `channels` must be sorted.
   */
  async takeTokens(
    sql: SqlRunner,
    take: { channels: string[]; counts: number[]; capacities: number[]; refillsPerMs: number[]; now: Date; holdsUntil: Date[] },
  ) {
    const { rows } = await sql.query<{
      channel_id: string;
      tokens: number;
      last_granted: number;
      blocked_until: Date | string | null;
      refill_per_ms: number;
    }>(
      `INSERT INTO publishing_rate_buckets AS b
              (channel_id, tokens, updated_at, capacity, refill_per_ms, last_requested, last_granted, in_flight, sending_until)
         SELECT r.channel_id, r.capacity - LEAST(r.n, floor(r.capacity)), $5, r.capacity, r.refill, r.n,
                LEAST(r.n, floor(r.capacity))::int, LEAST(r.n, floor(r.capacity))::int, r.hold
           FROM unnest($1::uuid[], $2::int[], $3::float8[], $4::float8[], $6::timestamptz[]) AS r(channel_id, n, capacity, refill, hold)
          ORDER BY r.channel_id
         ON CONFLICT (channel_id) DO UPDATE SET
           tokens = ${REFILLED} - ${GRANTED},
           updated_at = GREATEST(b.updated_at, $5::timestamptz),
           capacity = EXCLUDED.capacity,
           refill_per_ms = EXCLUDED.refill_per_ms,
           last_requested = EXCLUDED.last_requested,
           last_granted = ${GRANTED},
           -- Requests whose deadline has passed are over (nothing is sent after it): not counted any more.
           in_flight = (CASE WHEN b.sending_until > $5::timestamptz THEN b.in_flight ELSE 0 END) + ${GRANTED},
           sending_until = CASE WHEN ${GRANTED} > 0 THEN GREATEST(b.sending_until, EXCLUDED.sending_until) ELSE b.sending_until END
         RETURNING b.channel_id, b.tokens, b.last_granted, b.blocked_until, b.refill_per_ms`,
      [take.channels, take.counts, take.capacities, take.refillsPerMs, take.now, take.holdsUntil],
    );
    return rows;
  },

  /**
   * Gives tokens back (attempts the network refused): `amounts[i]` to `channels[i]` (sorted by
   * channel id, locked in that order), never above the bucket's capacity. The stored tokens are
   * the bucket's level at its `updated_at`; adding there equals adding now, as the capacity caps both.
   */
  async refundTokens(sql: SqlRunner, channels: string[], amounts: number[]): Promise<void> {
    await sql.query(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::float8[]) AS v(channel_id, amount)),
            locked AS (SELECT b.channel_id FROM publishing_rate_buckets b JOIN v ON v.channel_id = b.channel_id
                        ORDER BY b.channel_id FOR UPDATE OF b)
       UPDATE publishing_rate_buckets b SET tokens = LEAST(b.capacity, b.tokens + v.amount)
         FROM v JOIN locked ON locked.channel_id = v.channel_id
        WHERE b.channel_id = v.channel_id`,
      [channels, amounts],
    );
  },

  /**
   * Granted requests answered (or given up) at `now`: `counts[i]` on `channels[i]` (sorted by channel
   * id, locked in that order). The refill the bucket did not get while they were in flight is not
   * given afterwards: its level stays as it was, dated the answer (or the deadline, when it passed).
   */
  async answeredTokens(sql: SqlRunner, channels: string[], counts: number[], now: Date): Promise<void> {
    await sql.query(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS v(channel_id, n)),
            locked AS (SELECT b.channel_id FROM publishing_rate_buckets b JOIN v ON v.channel_id = b.channel_id
                        ORDER BY b.channel_id FOR UPDATE OF b)
       UPDATE publishing_rate_buckets b SET
              updated_at = CASE WHEN b.in_flight > 0 AND b.sending_until IS NOT NULL
                                THEN GREATEST(b.updated_at, LEAST(b.sending_until, $3::timestamptz)) ELSE b.updated_at END,
              in_flight = GREATEST(0, b.in_flight - v.n),
              sending_until = CASE WHEN b.in_flight - v.n > 0 THEN b.sending_until END
         FROM v JOIN locked ON locked.channel_id = v.channel_id
        WHERE b.channel_id = v.channel_id`,
      [channels, counts, now],
    );
  },

  /** After 429s: no channel in `channels` gets a token before its `until` (sorted by channel id). */
  async blockChannels(sql: SqlRunner, channels: string[], until: Date[]): Promise<void> {
    await sql.query(
      `UPDATE publishing_rate_buckets b SET blocked_until = GREATEST(COALESCE(b.blocked_until, v.until), v.until)
           FROM unnest($1::uuid[], $2::timestamptz[]) AS v(channel_id, until)
          WHERE b.channel_id = v.channel_id`,
      [channels, until],
    );
  },
};
