/** 0960_ideas: the ideas board, its comments, and saved snippets and hashtag sets (issue 16, parts 8–9). Plain SQL, the same on PGlite and Postgres. */
export const up = `
-- An idea card. Until it becomes a post it sits in the "idea" column; afterwards its column follows
-- the linked post's state (draft → in review → scheduled → published).
CREATE TABLE ideas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  title text NOT NULL,
  notes text NOT NULL DEFAULT '',
  pillar_id uuid REFERENCES pillars(id) ON DELETE SET NULL,
  campaign_id uuid REFERENCES campaigns(id) ON DELETE SET NULL,
  objective_id uuid REFERENCES objectives(id) ON DELETE SET NULL,
  channel_ids jsonb NOT NULL DEFAULT '[]',
  post_id uuid UNIQUE REFERENCES posts(id) ON DELETE SET NULL,
  position double precision NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ideas_workspace ON ideas (workspace_id, position, created_at);

CREATE TABLE idea_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  idea_id uuid NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idea_comments_idea ON idea_comments (idea_id, created_at);

-- Saved pieces of text the composer inserts: a text snippet, or a set of hashtags.
CREATE TABLE snippets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('text', 'hashtags')),
  name text NOT NULL,
  body text NOT NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, kind, name)
);
`;
