/** 0975_client_links: approval links for clients without an account (issue 16, part 11). Plain SQL, the same on PGlite and Postgres. */
export const up = `
-- A signed link a manager hands to a client: it shows the posts of a period (brand-zone days) and
-- takes the client's approve / reject. Only the token's SHA-256 is stored; a link expires and can be revoked.
CREATE TABLE client_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  client_name text NOT NULL,
  language text NOT NULL,
  first_day date NOT NULL,
  last_day date NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (last_day >= first_day)
);
CREATE INDEX client_links_workspace ON client_links (workspace_id, created_at DESC);

-- The client's latest verdict on one post through one link (the events keep every verdict given).
CREATE TABLE client_link_decisions (
  link_id uuid NOT NULL REFERENCES client_links(id) ON DELETE CASCADE,
  post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  comment text NOT NULL DEFAULT '',
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (link_id, post_id)
);
CREATE INDEX client_link_decisions_post ON client_link_decisions (post_id);
`;
