/** 0940_feeds: RSS/Atom feeds that turn their new items into posts (issue 16, part 4). Plain SQL, the same on PGlite and Postgres. */
export const up = `
-- A feed: where its items go (channels, a text template, drafts / review / a queue), whether its links are
-- tracked, and its polite polling state (conditional GET validators, next poll, last problem by code).
CREATE TABLE feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  url text NOT NULL,
  template text NOT NULL,
  destination text NOT NULL CHECK (destination IN ('draft', 'review', 'queue')),
  queue_id uuid REFERENCES queues(id) ON DELETE SET NULL,
  track_links boolean NOT NULL DEFAULT true,
  campaign_id uuid REFERENCES campaigns(id) ON DELETE SET NULL,
  interval_minutes integer NOT NULL DEFAULT 30 CHECK (interval_minutes BETWEEN 5 AND 1440),
  paused boolean NOT NULL DEFAULT false,
  etag text,
  last_modified text,
  next_poll_at timestamptz NOT NULL DEFAULT now(),
  last_polled_at timestamptz,
  last_error_code text,
  last_error text,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, url)
);
-- The polling job's claim: feeds due, oldest first.
CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE NOT paused;

CREATE TABLE feed_channels (
  feed_id uuid NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  PRIMARY KEY (feed_id, channel_id)
);

-- Each item of a feed, once (by its guid / Atom id): the post it became, or why it did not.
CREATE TABLE feed_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  feed_id uuid NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  guid text NOT NULL,
  title text NOT NULL,
  link text,
  published_at timestamptz,
  status text NOT NULL CHECK (status IN ('posted', 'skipped', 'failed')),
  post_id uuid REFERENCES posts(id) ON DELETE SET NULL,
  error_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (feed_id, guid)
);
CREATE INDEX feed_items_recent ON feed_items (feed_id, created_at DESC);
`;
