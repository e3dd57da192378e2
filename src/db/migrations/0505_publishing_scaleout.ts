/** 0505_publishing_scaleout: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- Posting rate per channel, shared by every worker process: a token bucket
-- updated atomically by one batched statement per fired batch of publications.
CREATE TABLE publishing_rate_buckets (
  channel_id uuid PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
  tokens double precision NOT NULL,
  updated_at timestamptz NOT NULL,
  -- After a 429: nothing goes to the channel before this instant.
  blocked_until timestamptz,
  -- The limit applied by the last take (from the network adapter's declared rate).
  capacity double precision NOT NULL,
  refill_per_ms double precision NOT NULL,
  -- The last take: how many posts asked for a token, and how many got one.
  last_requested integer NOT NULL DEFAULT 0,
  last_granted integer NOT NULL DEFAULT 0
);
-- Live publishing workers. Each heartbeats; a worker whose heartbeat stopped is
-- taken over by another: its claimed publications move at once, and the ones it
-- was sending are reconciled once its calls can no longer land.
CREATE TABLE publishing_workers (
  id text PRIMARY KEY,
  started_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  -- Silent longer than this: dead. The worker itself stops sending by then.
  dead_after_ms integer NOT NULL,
  -- Longest network call of this worker: its requests cannot land later than this after they start.
  send_window_ms integer NOT NULL,
  -- On Postgres the worker holds pg_advisory_lock(727275, lock_key) on its own
  -- connection: when its process dies the lock goes with it, and others see it at once.
  lock_key integer
);
`;
