/** 0502_post_engagers: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- Who engaged with each publication, for the "interested followers" KPI.
-- Account ids are never stored: only SHA-256 of a per-workspace secret salt
-- (kept sealed under the install's master secret) + network + account id, so
-- the same person counts once across a workspace's posts but cannot be looked
-- up from a database dump, nor matched across workspaces.
CREATE TABLE engager_salts (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  salt_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE post_engagers (
  publication_id uuid NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL,
  account_hash text NOT NULL,
  is_follower boolean NOT NULL,
  first_seen_at timestamptz NOT NULL,
  UNIQUE (publication_id, account_hash)
);

-- One row per fetch outcome: tells "no engagers" apart from "not collected".
CREATE TABLE post_engager_fetches (
  publication_id uuid PRIMARY KEY REFERENCES publications(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL,
  fetched_at timestamptz NOT NULL,
  accounts integer NOT NULL,
  truncated boolean NOT NULL
);
`;
