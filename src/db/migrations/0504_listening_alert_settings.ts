/** 0504_listening_alert_settings: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- How sensitive reputation alerts are, per workspace. No row means the defaults
-- (15-minute windows, 48 windows of baseline, z >= 4, at least 5 negative mentions).
CREATE TABLE listening_alert_settings (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT true,
  window_minutes integer NOT NULL DEFAULT 15 CHECK (window_minutes BETWEEN 5 AND 1440),
  history_windows integer NOT NULL DEFAULT 48 CHECK (history_windows BETWEEN 4 AND 672),
  z_threshold double precision NOT NULL DEFAULT 4 CHECK (z_threshold BETWEEN 1 AND 20),
  min_count integer NOT NULL DEFAULT 5 CHECK (min_count BETWEEN 1 AND 100000),
  -- Addresses that get an e-mail per alert (through the workspace's SMTP settings).
  notify_emails jsonb NOT NULL DEFAULT '[]',
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- E-mail delivery of each alert: sent once, retried a few times while the alert is fresh.
ALTER TABLE listening_alerts ADD COLUMN emailed_at timestamptz;
ALTER TABLE listening_alerts ADD COLUMN email_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE listening_alerts ADD COLUMN email_error text;
`;
