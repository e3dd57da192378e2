/**
 * 1240_rate_bucket_in_flight: the posting requests granted a token on a channel and not yet
 * answered, and the latest deadline among them. While any is in flight the channel's bucket does
 * not refill: the network counts a post when its request arrives, somewhere between the grant and
 * the answer, so a worker that stalls after the grant could otherwise land its post right next to
 * the next one. Refill resumes from the last answer (or from the deadline, if a worker died).
 * Plain SQL, the same on both engines.
 */
export const up = `
ALTER TABLE publishing_rate_buckets ADD COLUMN in_flight integer NOT NULL DEFAULT 0;
ALTER TABLE publishing_rate_buckets ADD COLUMN sending_until timestamptz;
`;
