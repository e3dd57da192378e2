/**
 * 0980_inbox_rules: the inbox's rules, service levels, saved views and pushes (src/modules/inbox,
 * issue 14 parts 5, 6 and 8). Plain SQL, the same on PGlite and Postgres.
 */
export const up = `
-- Rules that run on each new inbound item, in position order; the first that matches acts.
CREATE TABLE inbox_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  position integer NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  conditions jsonb NOT NULL,
  actions jsonb NOT NULL,
  matched_count integer NOT NULL DEFAULT 0,
  last_matched_at timestamptz,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbox_rules_workspace_idx ON inbox_rules (workspace_id, position, id);
-- Which rule acted on an item (null: none).
ALTER TABLE inbox_items ADD COLUMN rule_id uuid REFERENCES inbox_rules(id) ON DELETE SET NULL;

-- Per workspace: auto-replies (off by default), business hours in the brand's zone and targets per priority.
CREATE TABLE inbox_settings (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  auto_replies boolean NOT NULL DEFAULT false,
  business_hours jsonb NOT NULL,
  targets jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Service levels: since when the person waits for us (null: nobody waits), and our first answer.
ALTER TABLE inbox_conversations ADD COLUMN waiting_since timestamptz;
ALTER TABLE inbox_conversations ADD COLUMN first_response_at timestamptz;
ALTER TABLE inbox_conversations ADD COLUMN resolved_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL;
-- On our outbound items: since when the person had waited (null: nobody waited), and whether it was the first answer.
ALTER TABLE inbox_items ADD COLUMN waited_since timestamptz;
ALTER TABLE inbox_items ADD COLUMN first_response boolean NOT NULL DEFAULT false;
ALTER TABLE inbox_items ADD COLUMN author_user_id uuid REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX inbox_items_outbound_idx ON inbox_items (workspace_id, remote_created_at) WHERE direction = 'outbound';
UPDATE inbox_conversations SET waiting_since = last_inbound_at WHERE state IN ('new', 'open');
CREATE INDEX inbox_conversations_waiting_idx ON inbox_conversations (workspace_id, waiting_since) WHERE waiting_since IS NOT NULL;
CREATE INDEX inbox_conversations_created_idx ON inbox_conversations (workspace_id, created_at);
CREATE INDEX inbox_replies_workspace_sent_idx ON inbox_replies (workspace_id, sent_at) WHERE state = 'sent';

-- Saved views of the list (a filter with a name): the person's own, or shared with the workspace.
CREATE TABLE inbox_saved_views (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  filter jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbox_saved_views_workspace_idx ON inbox_saved_views (workspace_id, name);

-- A channel's push (webhook) secret, sealed with the master key.
ALTER TABLE inbox_channel_state ADD COLUMN push_secret_sealed text;
`;
