/**
 * Analytics days in the brand's time zone: the zone each workspace's daily
 * rollup was built in (so a change of the workspace's zone triggers a rebuild),
 * and the existing rollups re-dayed from UTC to each workspace's zone.
 */
export const up = /* sql */ `
  CREATE TABLE metric_rollup_zones (
    workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    time_zone text NOT NULL
  );

  CREATE TEMP TABLE metric_daily_rezoned ON COMMIT DROP AS
    SELECT m.workspace_id, (m.published_at AT TIME ZONE w.time_zone)::date AS day, m.channel_id,
      COALESCE(m.campaign_id, '00000000-0000-0000-0000-000000000000'::uuid) AS campaign_key,
      COALESCE(m.objective_id, '00000000-0000-0000-0000-000000000000'::uuid) AS objective_key,
      count(*) AS posts, COALESCE(sum(m.likes),0) AS likes, COALESCE(sum(m.replies),0) AS replies, COALESCE(sum(m.reposts),0) AS reposts,
      COALESCE(sum(m.quotes),0) AS quotes, COALESCE(sum(m.impressions),0) AS impressions, count(m.impressions) AS impressions_posts,
      COALESCE(sum(m.reach),0) AS reach, count(m.reach) AS reach_posts, COALESCE(sum(m.clicks),0) AS clicks, count(m.clicks) AS clicks_posts,
      COALESCE(sum(m.followers_at_post),0) AS followers_at_post
    FROM publication_metrics m JOIN workspaces w ON w.id = m.workspace_id
    GROUP BY 1, 2, 3, 4, 5;
  DELETE FROM metric_daily WHERE workspace_id IN (SELECT DISTINCT workspace_id FROM metric_daily_rezoned);
  INSERT INTO metric_daily (workspace_id, day, channel_id, campaign_key, objective_key, posts, likes, replies, reposts, quotes,
      impressions, impressions_posts, reach, reach_posts, clicks, clicks_posts, followers_at_post)
    SELECT * FROM metric_daily_rezoned;

  INSERT INTO metric_rollup_zones (workspace_id, time_zone) SELECT id, time_zone FROM workspaces;
`;
