/**
 * 1241_inbox_channel_unavailable: what a channel's network will not let Plaza read into the inbox,
 * by code (a Bluesky app password without direct-message access: `dm_access_required`; a LinkedIn
 * profile without partner access to its comments: `linkedin_member_comments_restricted`), as the
 * last read said. Shown beside the channel on the inbox page. Plain SQL, the same on both engines.
 */
export const up = `
ALTER TABLE inbox_channel_state ADD COLUMN unavailable_code text;
`;
