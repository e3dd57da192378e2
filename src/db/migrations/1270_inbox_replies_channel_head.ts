/**
 * 1270_inbox_replies_channel_head: a channel's unfinished replies, oldest first, read by the claim
 * of networks whose replies go one at a time per channel (Telegram: a lost answer is found by its
 * position among the bot's messages, so no other reply may be in flight or in doubt meanwhile).
 * Plain SQL, the same on PGlite and Postgres.
 */
export const up = `
CREATE INDEX inbox_replies_channel_open_idx ON inbox_replies (channel_id, created_at, id) WHERE state IN ('queued', 'sending');
`;
