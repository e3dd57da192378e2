/** 0503_metric_backfills: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- Metric backfills ("collect all metrics now"), kept in the database so every
-- web process sees the same progress and a crashed process's job can be told apart.
CREATE TABLE metric_backfills (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  started_by uuid REFERENCES users(id) ON DELETE SET NULL,
  state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed')),
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  error text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- At most one running backfill per workspace, even when two processes start one at the same moment.
CREATE UNIQUE INDEX metric_backfills_one_running_idx ON metric_backfills (workspace_id) WHERE state = 'running';
CREATE INDEX metric_backfills_recent_idx ON metric_backfills (workspace_id, started_at DESC);
`;
