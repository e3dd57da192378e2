/**
 * 1150_channel_send_holder: for networks that can only reconcile a lost answer by the order of
 * messages (Telegram: no idempotency key, no channel history for bots), the publication whose send
 * on the channel may still be in doubt. Another publication of the channel sends, or reconciles,
 * only once that one is settled (published, failed, or back in the queue with nothing to reconcile),
 * so at most one message on the channel is ever unaccounted for. Plain SQL, the same on both engines.
 */
export const up = `
ALTER TABLE channels ADD COLUMN send_holder uuid;
`;
