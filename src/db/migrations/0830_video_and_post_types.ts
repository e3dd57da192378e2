/** 0830_video_and_post_types: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- What the media store read from a file: its kind, and for a video its length and codec
-- (the sample entry's name: avc1, hvc1…). Images from before this change are images.
ALTER TABLE media ADD COLUMN kind text NOT NULL DEFAULT 'image';
ALTER TABLE media ADD COLUMN duration_seconds double precision;
ALTER TABLE media ADD COLUMN codec text;

-- Resumable uploads: a client creates one with its total size, sends chunks at offsets, can ask
-- how much arrived and go on from there. The bytes wait in <dataDir>/uploads/<id> until complete.
CREATE TABLE media_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  mime_type text NOT NULL,
  total_bytes bigint NOT NULL,
  received_bytes bigint NOT NULL DEFAULT 0,
  media_id uuid REFERENCES media(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX media_uploads_workspace ON media_uploads (workspace_id, created_at);

-- Per channel: what kind of post it is, a first comment and a title (the network's own options
-- travel in publications.options.network, beside visibility and language).
ALTER TABLE publications ADD COLUMN post_type text;
ALTER TABLE publications ADD COLUMN first_comment text;
ALTER TABLE publications ADD COLUMN title text;
-- The first comment's id on the network, once published.
ALTER TABLE publications ADD COLUMN first_comment_remote_id text;
`;
