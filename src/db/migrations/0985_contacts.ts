/** 0985_contacts: the people behind the conversations (src/modules/contacts). Plain SQL, the same on PGlite and Postgres. */
export const up = `
-- One contact per person, in one workspace; its identities on the networks are in contact_identities.
CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  display_name text NOT NULL DEFAULT '',
  stage text NOT NULL DEFAULT 'follower' CHECK (stage IN ('follower', 'prospect', 'lead', 'customer')),
  -- What the person is worth to the brand, in the workspace's currency (ROI of networking).
  value numeric(14, 2) CHECK (value >= 0),
  email text,
  website text,
  labels jsonb NOT NULL DEFAULT '[]',
  notes text NOT NULL DEFAULT '',
  custom_fields jsonb NOT NULL DEFAULT '{}',
  -- Name, e-mail, website and every identity's handle and name, lower case without accents (the list's search).
  search_text text NOT NULL DEFAULT '',
  stage_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_workspace_idx ON contacts (workspace_id, updated_at DESC, id DESC);
CREATE INDEX contacts_stage_idx ON contacts (workspace_id, stage, stage_changed_at DESC);

-- An account of the person on one network (the inbox's author id on that network), linked to one contact.
CREATE TABLE contact_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  network text NOT NULL,
  author_id text NOT NULL,
  handle text NOT NULL DEFAULT '',
  display_name text,
  profile_url text,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contact_identities_account_idx ON contact_identities (workspace_id, network, author_id);
CREATE INDEX contact_identities_contact_idx ON contact_identities (contact_id);
CREATE INDEX contact_identities_handle_idx ON contact_identities (workspace_id, network, lower(handle));

-- Every move on the board: from, to, who, when.
CREATE TABLE contact_stage_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  from_stage text,
  to_stage text NOT NULL,
  actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_stage_changes_contact_idx ON contact_stage_changes (contact_id, created_at);

-- A person's messages, found by their account: the profile's history and the linking of new authors.
CREATE INDEX inbox_items_author_idx ON inbox_items (workspace_id, author_id) WHERE direction = 'inbound';
CREATE INDEX inbox_items_inbound_created_idx ON inbox_items (created_at) WHERE direction = 'inbound';
`;
