/** Accounts, workspaces, events, channels, posts, publications, media, webhooks. */
export const up = /* sql */ `
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      locale text NOT NULL DEFAULT 'en',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      last_used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE workspaces (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      time_zone text NOT NULL,
      language text NOT NULL,
      approval_required boolean NOT NULL DEFAULT false,
      missed_grace_minutes integer NOT NULL DEFAULT 60,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE memberships (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('owner','manager','editor','approver','viewer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, user_id)
    );
    CREATE INDEX memberships_user_idx ON memberships (user_id);

    CREATE TABLE events (
      id bigserial PRIMARY KEY,
      workspace_id uuid REFERENCES workspaces(id) ON DELETE CASCADE,
      actor_user_id uuid,
      type text NOT NULL,
      subject_type text,
      subject_id text,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX events_workspace_idx ON events (workspace_id, id);
    CREATE INDEX events_subject_idx ON events (subject_type, subject_id);

    CREATE TABLE channels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      network text NOT NULL,
      name text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      credentials_sealed text NOT NULL,
      status text NOT NULL DEFAULT 'active',
      account jsonb,
      last_error text,
      last_checked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX channels_workspace_idx ON channels (workspace_id);

    CREATE TABLE posts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      content text NOT NULL DEFAULT '',
      state text NOT NULL,
      scheduled_at timestamptz,
      campaign_id uuid,
      objective_id uuid,
      segment_id uuid,
      pillar_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX posts_workspace_sched_idx ON posts (workspace_id, scheduled_at);
    CREATE INDEX posts_workspace_created_idx ON posts (workspace_id, created_at, id);

    CREATE TABLE publications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL,
      channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      network text NOT NULL,
      text text NOT NULL,
      media jsonb NOT NULL DEFAULT '[]',
      thread jsonb NOT NULL DEFAULT '[]',
      options jsonb NOT NULL DEFAULT '{}',
      state text NOT NULL,
      due_at timestamptz,
      claimed_by text,
      lease_until timestamptz,
      needs_reconcile boolean NOT NULL DEFAULT false,
      attempts integer NOT NULL DEFAULT 0,
      remote_id text,
      remote_url text,
      error_code text,
      error_message text,
      first_attempt_at timestamptz,
      published_at timestamptz,
      missed_by_ms bigint,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX publications_post_idx ON publications (post_id);
    -- The claim query walks this partial index in due order: cost depends on the
    -- work due soon, not on how many future publications are stored.
    CREATE INDEX publications_due_idx ON publications (due_at) WHERE state = 'scheduled';
    CREATE INDEX publications_inflight_idx ON publications (lease_until) WHERE state = 'publishing';
    CREATE INDEX publications_channel_idx ON publications (channel_id, state);

    CREATE TABLE publication_attempts (
      id bigserial PRIMARY KEY,
      publication_id uuid NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
      worker_id text NOT NULL,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      outcome text NOT NULL,
      error_kind text,
      error_code text,
      error_message text
    );
    CREATE INDEX publication_attempts_pub_idx ON publication_attempts (publication_id);

    CREATE TABLE media (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      sha256 text NOT NULL,
      mime_type text NOT NULL,
      size_bytes integer NOT NULL,
      width integer,
      height integer,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX media_workspace_sha_key ON media (workspace_id, sha256);

    CREATE TABLE post_comments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL,
      author_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      body text NOT NULL,
      kind text NOT NULL DEFAULT 'comment',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX post_comments_post_idx ON post_comments (post_id, created_at);

    CREATE TABLE webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      url text NOT NULL,
      secret_sealed text NOT NULL,
      events jsonb NOT NULL DEFAULT '[]',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
      event_id bigint NOT NULL,
      event_type text NOT NULL,
      state text NOT NULL DEFAULT 'pending',
      attempts integer NOT NULL DEFAULT 0,
      last_status integer,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz
    );
    CREATE UNIQUE INDEX webhook_deliveries_unique ON webhook_deliveries (webhook_id, event_id);
`;
