/**
 * 1100_inbox_replies_channel: a channel's sent replies, newest first, read when a reply whose answer
 * was lost is reconciled from Plaza's own record (Telegram: ChannelContext.repliesOnChannel), by
 * any worker and after a restart. Plain SQL, the same on PGlite and Postgres.
 */
export const up = `
CREATE INDEX inbox_replies_channel_sent_idx ON inbox_replies (channel_id, sent_at DESC) WHERE state = 'sent';
`;
