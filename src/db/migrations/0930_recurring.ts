/** 0930_recurring: recurring posts (RRULE) and evergreen recycling (issue 16, parts 2 and 3). Same SQL on PGlite and Postgres. */
export const up = `
-- A recurring post: an RFC 5545 rule expanded on the brand's wall clock. Each occurrence is a real
-- post created ahead of time (up to window_days ahead, extended by the recurring.extend job).
CREATE TABLE recurring_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  rrule text NOT NULL,
  starts_local text NOT NULL,
  window_days smallint NOT NULL,
  template jsonb NOT NULL,
  generated_until timestamptz NOT NULL,
  finished boolean NOT NULL DEFAULT false,
  stopped_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recurring_rules_workspace ON recurring_rules (workspace_id, created_at);
CREATE INDEX recurring_rules_to_extend ON recurring_rules (generated_until) WHERE stopped_at IS NULL AND NOT finished;

-- An occurrence: its rule and its wall-clock time (the key: one post per rule and local time, ever).
-- Detached: edited on its own ("this occurrence"), so "all future" edits leave it alone.
ALTER TABLE posts ADD COLUMN recurring_rule_id uuid REFERENCES recurring_rules(id) ON DELETE SET NULL;
ALTER TABLE posts ADD COLUMN occurrence_local text;
ALTER TABLE posts ADD COLUMN occurrence_detached boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX posts_recurring_occurrence ON posts (recurring_rule_id, occurrence_local) WHERE recurring_rule_id IS NOT NULL;

-- Evergreen: a post a queue may share again; its alternative texts; a re-share points at its source.
ALTER TABLE posts ADD COLUMN evergreen boolean NOT NULL DEFAULT false;
ALTER TABLE posts ADD COLUMN evergreen_variants jsonb NOT NULL DEFAULT '[]';
ALTER TABLE posts ADD COLUMN evergreen_source_id uuid REFERENCES posts(id) ON DELETE SET NULL;
CREATE INDEX posts_evergreen ON posts (workspace_id) WHERE evergreen;
CREATE INDEX posts_evergreen_source ON posts (evergreen_source_id, scheduled_at) WHERE evergreen_source_id IS NOT NULL;

-- A queue that recycles evergreen posts into its free slots, at least this many days apart (null: it does not).
ALTER TABLE queues ADD COLUMN evergreen_gap_days smallint;
`;
