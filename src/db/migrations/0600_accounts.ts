/** 0600_accounts: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- The installation's first account. At most one row (the primary key is the constant true), so of
-- several simultaneous first sign-ups exactly one can insert it; the others fail inside their own
-- transaction. Any later account (CLI, invitation) inserts it too if it is still missing.
CREATE TABLE installation_setup (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  first_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO installation_setup (first_user_id) SELECT id FROM users ORDER BY created_at, id LIMIT 1;

-- Invitations to a workspace by e-mail: only the SHA-256 of the single-use token is stored.
CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'manager', 'editor', 'approver', 'viewer')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
  sent_count integer NOT NULL DEFAULT 1,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES users(id) ON DELETE SET NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One open invitation per address and workspace (inviting again renews it).
CREATE UNIQUE INDEX invitations_open_key ON invitations (workspace_id, lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- Password reset links: SHA-256 of the single-use token, one hour of validity.
CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at);

ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
`;
