/** 0941_link_cards: Open Graph link cards fetched once and cached (issue 16, part 5). Plain SQL, the same on PGlite and Postgres. */
export const up = `
-- A page's card (og:title, og:description, og:image, site name) as last read, or why it could not be
-- read (error_code); re-read after a day. Public pages only: the same for every workspace.
CREATE TABLE link_cards (
  url text PRIMARY KEY,
  title text,
  description text,
  image_url text,
  site_name text,
  error_code text,
  fetched_at timestamptz NOT NULL
);
`;
