/**
 * Listening: saved queries (brand, competitor, topic), sources with durable cursors,
 * mentions (unique per source and remote id), query matches, sentiment corrections,
 * and reputation alerts.
 */
export const up = /* sql */ `
    CREATE TABLE listening_queries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      query text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('brand', 'competitor', 'topic')),
      competitor_name text,
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX listening_queries_workspace_idx ON listening_queries (workspace_id, created_at);

    CREATE TABLE listening_sources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      kind text NOT NULL,
      name text NOT NULL,
      config jsonb NOT NULL DEFAULT '{}',
      cursor jsonb,
      active boolean NOT NULL DEFAULT true,
      status text NOT NULL DEFAULT 'idle',
      last_error text,
      last_item_at timestamptz,
      last_run_at timestamptz,
      next_poll_at timestamptz,
      lag_ms bigint,
      queue_depth integer NOT NULL DEFAULT 0,
      items_ingested bigint NOT NULL DEFAULT 0,
      lease_owner text,
      lease_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX listening_sources_workspace_idx ON listening_sources (workspace_id, created_at);

    CREATE TABLE listening_mentions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      source_id uuid REFERENCES listening_sources(id) ON DELETE SET NULL,
      source_key text NOT NULL,
      remote_id text NOT NULL,
      network text NOT NULL,
      url text,
      author_handle text NOT NULL DEFAULT '',
      author_name text,
      author_reach integer,
      text text NOT NULL,
      lang text NOT NULL,
      sentiment text,
      sentiment_score double precision,
      auto_sentiment text,
      published_at timestamptz NOT NULL,
      ingested_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX listening_mentions_source_remote_idx ON listening_mentions (workspace_id, source_key, remote_id);
    CREATE INDEX listening_mentions_time_idx ON listening_mentions (workspace_id, published_at DESC, id);

    CREATE TABLE listening_mention_matches (
      mention_id uuid NOT NULL REFERENCES listening_mentions(id) ON DELETE CASCADE,
      query_id uuid NOT NULL REFERENCES listening_queries(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL,
      published_at timestamptz NOT NULL,
      PRIMARY KEY (mention_id, query_id)
    );
    CREATE INDEX listening_matches_query_time_idx ON listening_mention_matches (query_id, published_at);

    CREATE TABLE listening_sentiment_corrections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      mention_id uuid NOT NULL REFERENCES listening_mentions(id) ON DELETE CASCADE,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      from_label text,
      to_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX listening_corrections_mention_idx ON listening_sentiment_corrections (mention_id, created_at);

    CREATE TABLE listening_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      query_id uuid REFERENCES listening_queries(id) ON DELETE CASCADE,
      scope text NOT NULL,
      kind text NOT NULL,
      window_start timestamptz NOT NULL,
      window_end timestamptz NOT NULL,
      count integer NOT NULL,
      expected double precision NOT NULL,
      z double precision NOT NULL,
      mention_ids jsonb NOT NULL DEFAULT '[]',
      event_id text,
      acknowledged_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX listening_alerts_once_idx ON listening_alerts (workspace_id, scope, kind, window_start);
    CREATE INDEX listening_alerts_workspace_idx ON listening_alerts (workspace_id, created_at DESC);
`;
