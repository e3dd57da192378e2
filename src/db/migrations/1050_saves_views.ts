/**
 * 1050_saves_views: saves and views per post, as networks now report them (Instagram saves and
 * views, Facebook's media views, YouTube and Pinterest), beside the other counts of a snapshot and
 * of a publication's newest counts. Null: the network did not report it (the reason is derived
 * from the adapter's declaration when read). Plain SQL, the same on PGlite and Postgres.
 */
export const up = `
ALTER TABLE post_metric_snapshots ADD COLUMN saves integer;
ALTER TABLE post_metric_snapshots ADD COLUMN views integer;
ALTER TABLE publication_metrics ADD COLUMN saves integer;
ALTER TABLE publication_metrics ADD COLUMN views integer;
`;
