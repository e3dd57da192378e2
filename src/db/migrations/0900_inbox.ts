/** 0900_inbox: the unified inbox (src/modules/inbox). Plain SQL, the same on PGlite and Postgres. */
export const up = `
-- One conversation per (channel, thread): the comments under one of our posts, a DM thread, a review, a lone mention.
CREATE TABLE inbox_conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  network text NOT NULL,
  thread_remote_id text NOT NULL,
  kind text NOT NULL,
  state text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'open', 'pending', 'resolved')),
  assignee_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  labels jsonb NOT NULL DEFAULT '[]',
  -- The person (the author of the first inbound item) and the newest inbound item, for the list.
  author_handle text NOT NULL DEFAULT '',
  author_name text,
  preview text NOT NULL DEFAULT '',
  sentiment text,
  unread_count integer NOT NULL DEFAULT 0,
  item_count integer NOT NULL DEFAULT 0,
  last_inbound_at timestamptz,
  last_message_at timestamptz NOT NULL,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX inbox_conversations_thread_idx ON inbox_conversations (channel_id, thread_remote_id);
CREATE INDEX inbox_conversations_list_idx ON inbox_conversations (workspace_id, last_message_at DESC, id DESC);
CREATE INDEX inbox_conversations_assignee_idx ON inbox_conversations (workspace_id, assignee_user_id, last_message_at DESC);

-- Each inbound or outbound item once per (channel, remote id), whichever way it arrived (poll, push, backfill, our reply).
CREATE TABLE inbox_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES inbox_conversations(id) ON DELETE CASCADE,
  remote_id text NOT NULL,
  kind text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  author_id text NOT NULL DEFAULT '',
  author_handle text NOT NULL DEFAULT '',
  author_name text,
  author_url text,
  text text NOT NULL,
  -- Lower case without accents (search ignores them on both engines).
  search_text text NOT NULL DEFAULT '',
  url text,
  post_remote_id text,
  in_reply_to_remote_id text,
  language text,
  rating integer,
  sentiment text,
  sentiment_score double precision,
  -- A person's correction wins over the classifier, and is kept.
  sentiment_manual boolean NOT NULL DEFAULT false,
  received_via text NOT NULL,
  hidden boolean NOT NULL DEFAULT false,
  liked boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  remote_created_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX inbox_items_remote_idx ON inbox_items (channel_id, remote_id);
CREATE INDEX inbox_items_conversation_idx ON inbox_items (conversation_id, remote_created_at, id);
CREATE INDEX inbox_items_workspace_time_idx ON inbox_items (workspace_id, remote_created_at DESC);
-- Search ignores accents (search_text is folded) and matches Spanish word forms ('spanish' stems: pedidos → pedido)
-- or words as written in any language ('simple'). Text search configurations built into Postgres and PGlite alike.
CREATE INDEX inbox_items_search_es_idx ON inbox_items USING gin (to_tsvector('spanish', search_text));
CREATE INDEX inbox_items_search_simple_idx ON inbox_items USING gin (to_tsvector('simple', search_text));

-- Where each channel's inbox continues (durable cursor), its first backfill and its poll lease.
CREATE TABLE inbox_channel_state (
  channel_id uuid PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  cursor text,
  backfill_state text NOT NULL DEFAULT 'pending' CHECK (backfill_state IN ('pending', 'running', 'done', 'failed')),
  backfill_items integer NOT NULL DEFAULT 0,
  backfill_since timestamptz,
  last_polled_at timestamptz,
  last_error_code text,
  last_error text,
  lease_owner text,
  lease_until timestamptz
);

-- Replies sent from Plaza: one row per reply, sent exactly once (a lease per attempt, reconcile after ambiguity).
CREATE TABLE inbox_replies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES inbox_conversations(id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
  author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  mode text NOT NULL CHECK (mode IN ('public', 'private', 'direct_message')),
  text text NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  needs_reconcile boolean NOT NULL DEFAULT false,
  lease_owner text,
  lease_until timestamptz,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  remote_id text,
  remote_url text,
  error_code text,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX inbox_replies_due_idx ON inbox_replies (next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX inbox_replies_conversation_idx ON inbox_replies (conversation_id, created_at);

-- Internal notes (never sent), with the teammates they mention.
CREATE TABLE inbox_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES inbox_conversations(id) ON DELETE CASCADE,
  author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  text text NOT NULL,
  mentioned_user_ids jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbox_notes_conversation_idx ON inbox_notes (conversation_id, created_at);

-- Saved replies with variables ({nombre}, {marca}, {enlace}), one language each.
CREATE TABLE inbox_saved_replies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name text NOT NULL,
  language text NOT NULL CHECK (language IN ('es', 'en')),
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbox_saved_replies_workspace_idx ON inbox_saved_replies (workspace_id, name);
`;
