/** 0920_queues: posting queues with weekly time slots (issue 16). Plain SQL, the same on PGlite and Postgres. */
export const up = `
-- A queue: weekly slots in the brand's time zone for a group of channels; "add to queue" puts a post
-- in the next free slot. A paused queue keeps its posts, unscheduled, until it is resumed.
CREATE TABLE queues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  paused boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX queues_workspace ON queues (workspace_id, name);

-- The channels a queue posts to (the composer preselects them).
CREATE TABLE queue_channels (
  queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  PRIMARY KEY (queue_id, channel_id)
);

-- Weekly slots: ISO weekday (1 = Monday) and minute of the day, in the workspace's time zone.
CREATE TABLE queue_slots (
  queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  minute smallint NOT NULL CHECK (minute BETWEEN 0 AND 1439),
  PRIMARY KEY (queue_id, weekday, minute)
);

-- A queued post: its time comes from its queue (a manual time takes it out of the queue).
ALTER TABLE posts ADD COLUMN queue_id uuid REFERENCES queues(id) ON DELETE SET NULL;
CREATE INDEX posts_queue ON posts (queue_id, scheduled_at) WHERE queue_id IS NOT NULL;
`;
