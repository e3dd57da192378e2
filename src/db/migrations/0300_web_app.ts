/** Web app support: per-user notification read cursors and iCalendar feed tokens. */
export const up = /* sql */ `
    CREATE TABLE notification_cursors (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      last_read_event_id bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (user_id, workspace_id)
    );

    CREATE TABLE calendar_feeds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
    CREATE UNIQUE INDEX calendar_feeds_token_key ON calendar_feeds (token_hash);
    CREATE INDEX calendar_feeds_owner_idx ON calendar_feeds (workspace_id, user_id);
`;
