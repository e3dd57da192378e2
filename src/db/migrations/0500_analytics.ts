/**
 * Strategy (objectives, segments, pillars, campaigns), metric snapshots with
 * their collection schedule and daily rollups, tracked links, clicks,
 * conversions, costs, alerts and report schedules.
 */
export const up = /* sql */ `
    CREATE TABLE objectives (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      kpi text NOT NULL,
      target double precision NOT NULL,
      baseline double precision NOT NULL DEFAULT 0,
      start_at timestamptz NOT NULL,
      deadline timestamptz NOT NULL,
      channel_ids jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL DEFAULT 'unknown',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX objectives_workspace_idx ON objectives (workspace_id, created_at);

    CREATE TABLE segments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      networks jsonb NOT NULL DEFAULT '[]',
      interests jsonb NOT NULL DEFAULT '[]',
      active_hours jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX segments_workspace_idx ON segments (workspace_id, created_at);

    CREATE TABLE pillars (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      color text NOT NULL DEFAULT '#4263eb',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX pillars_workspace_idx ON pillars (workspace_id, created_at);

    CREATE TABLE campaigns (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      objective_id uuid REFERENCES objectives(id) ON DELETE SET NULL,
      name text NOT NULL,
      slug text NOT NULL,
      description text NOT NULL DEFAULT '',
      start_at timestamptz,
      end_at timestamptz,
      budget double precision,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX campaigns_workspace_idx ON campaigns (workspace_id, created_at);
    CREATE INDEX campaigns_objective_idx ON campaigns (objective_id);

    -- One row per published publication: when its next metric snapshot is due.
    CREATE TABLE metric_schedule (
      publication_id uuid PRIMARY KEY REFERENCES publications(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL,
      channel_id uuid NOT NULL,
      published_at timestamptz NOT NULL,
      next_step smallint NOT NULL DEFAULT 0,
      next_due_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      last_error_at timestamptz
    );
    -- The poller walks this partial index in due order: cost follows due work, not history.
    CREATE INDEX metric_schedule_due_idx ON metric_schedule (next_due_at) WHERE next_due_at IS NOT NULL;
    -- Discovery of newly published publications without scanning old ones.
    CREATE INDEX publications_published_at_idx ON publications (published_at) WHERE state = 'published';

    CREATE TABLE post_metric_snapshots (
      id bigserial PRIMARY KEY,
      workspace_id uuid NOT NULL,
      publication_id uuid NOT NULL,
      channel_id uuid NOT NULL,
      captured_at timestamptz NOT NULL,
      step smallint,
      likes integer,
      replies integer,
      reposts integer,
      quotes integer,
      impressions integer,
      reach integer,
      clicks integer,
      missing jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX post_metric_snapshots_pub_idx ON post_metric_snapshots (publication_id, captured_at);

    -- The newest counts of each publication, denormalised for dashboards and best time.
    CREATE TABLE publication_metrics (
      publication_id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      post_id uuid NOT NULL,
      channel_id uuid NOT NULL,
      network text NOT NULL,
      campaign_id uuid,
      objective_id uuid,
      segment_id uuid,
      pillar_id uuid,
      has_media boolean NOT NULL DEFAULT false,
      published_at timestamptz NOT NULL,
      followers_at_post integer,
      captured_at timestamptz NOT NULL,
      likes integer,
      replies integer,
      reposts integer,
      quotes integer,
      impressions integer,
      reach integer,
      clicks integer,
      engagements_24h integer,
      missing jsonb NOT NULL DEFAULT '{}'
    );
    -- Covering: ranking a period's posts is an index-only scan (no heap visits per post).
    CREATE INDEX publication_metrics_ws_pub_idx ON publication_metrics (workspace_id, published_at)
      INCLUDE (publication_id, post_id, channel_id, network, campaign_id, objective_id, pillar_id, has_media, likes, replies, reposts, quotes, followers_at_post);

    -- Daily rollup by publish day: sums of the newest counts of the posts published that day.
    CREATE TABLE metric_daily (
      workspace_id uuid NOT NULL,
      day date NOT NULL,
      channel_id uuid NOT NULL,
      campaign_key uuid NOT NULL,
      objective_key uuid NOT NULL,
      posts integer NOT NULL DEFAULT 0,
      likes bigint NOT NULL DEFAULT 0,
      replies bigint NOT NULL DEFAULT 0,
      reposts bigint NOT NULL DEFAULT 0,
      quotes bigint NOT NULL DEFAULT 0,
      impressions bigint NOT NULL DEFAULT 0,
      impressions_posts integer NOT NULL DEFAULT 0,
      reach bigint NOT NULL DEFAULT 0,
      reach_posts integer NOT NULL DEFAULT 0,
      clicks bigint NOT NULL DEFAULT 0,
      clicks_posts integer NOT NULL DEFAULT 0,
      followers_at_post bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (workspace_id, day, channel_id, campaign_key, objective_key)
    );

    CREATE TABLE channel_follower_snapshots (
      channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL,
      day date NOT NULL,
      followers integer NOT NULL,
      captured_at timestamptz NOT NULL,
      PRIMARY KEY (channel_id, day)
    );
    CREATE INDEX channel_follower_ws_idx ON channel_follower_snapshots (workspace_id, day);

    CREATE TABLE metric_collection_errors (
      id bigserial PRIMARY KEY,
      workspace_id uuid NOT NULL,
      channel_id uuid,
      publication_id uuid,
      code text NOT NULL,
      message text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX metric_collection_errors_ws_idx ON metric_collection_errors (workspace_id, id);

    CREATE TABLE tracked_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      code text NOT NULL UNIQUE,
      target_url text NOT NULL,
      destination_url text NOT NULL,
      post_id uuid,
      channel_id uuid,
      network text,
      campaign_id uuid,
      objective_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tracked_links_ws_idx ON tracked_links (workspace_id, created_at);
    CREATE INDEX tracked_links_post_idx ON tracked_links (post_id);

    CREATE TABLE link_clicks (
      id bigserial PRIMARY KEY,
      link_id uuid NOT NULL REFERENCES tracked_links(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL,
      clicked_at timestamptz NOT NULL,
      visitor_hash text NOT NULL,
      is_bot boolean NOT NULL,
      referrer_host text
    );
    CREATE INDEX link_clicks_link_idx ON link_clicks (link_id, clicked_at);
    CREATE INDEX link_clicks_ws_idx ON link_clicks (workspace_id, clicked_at);

    -- Random salt per day for unique-visitor hashes; old salts are deleted, so old hashes cannot be linked back.
    CREATE TABLE visitor_salts (
      day date PRIMARY KEY,
      salt text NOT NULL
    );

    CREATE TABLE analytics_settings (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      conversion_secret_sealed text NOT NULL,
      pixel_key text NOT NULL UNIQUE,
      smtp_sealed text,
      brand_color text NOT NULL DEFAULT '#4263eb',
      logo_media_id uuid,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE conversions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      link_id uuid,
      post_id uuid,
      channel_id uuid,
      campaign_id uuid,
      objective_id uuid,
      kind text NOT NULL,
      value double precision NOT NULL DEFAULT 0,
      currency text NOT NULL DEFAULT 'EUR',
      external_id text,
      source text NOT NULL,
      occurred_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX conversions_ws_idx ON conversions (workspace_id, occurred_at);
    CREATE UNIQUE INDEX conversions_external_key ON conversions (workspace_id, external_id) WHERE external_id IS NOT NULL;

    CREATE TABLE costs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      campaign_id uuid,
      channel_id uuid,
      amount double precision NOT NULL,
      currency text NOT NULL DEFAULT 'EUR',
      incurred_on date NOT NULL,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX costs_ws_idx ON costs (workspace_id, incurred_on);

    CREATE TABLE analytics_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      objective_id uuid NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
      kind text NOT NULL,
      message text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz
    );
    CREATE INDEX analytics_alerts_ws_idx ON analytics_alerts (workspace_id, created_at);

    CREATE TABLE report_schedules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      frequency text NOT NULL,
      formats jsonb NOT NULL DEFAULT '["pdf"]',
      language text NOT NULL DEFAULT 'en',
      recipients jsonb NOT NULL DEFAULT '[]',
      scope jsonb NOT NULL DEFAULT '{}',
      next_run_at timestamptz NOT NULL,
      last_run_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at);
`;
