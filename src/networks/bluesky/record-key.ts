/**
 * Deterministic record keys: the idempotency anchor of Bluesky publishing.
 *
 * `app.bsky.feed.post` records must use a TID as record key (13 base32-sortable
 * characters encoding a 64-bit number: 53 bits of microseconds, 10 bits of clock
 * id). We derive one from a SHA-256 of the publication id, so a retry of the same
 * publication targets the same record key and can never create a second post.
 *
 * The embedded "timestamp" is hash-derived, not the real creation time: it is
 * kept inside 2023 so it is always in the past and well-formed. Bluesky orders
 * feeds by the record's createdAt, not by its key.
 */
import { createHash } from 'node:crypto';

const SORTABLE_BASE32 = '234567abcdefghijklmnopqrstuvwxyz';
const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
/** 2023-01-01T00:00:00Z in microseconds. */
const TIMESTAMP_BASE_MICROS = 1_672_531_200_000_000n;
/** One year of microseconds: the window the derived timestamps fall into. */
const TIMESTAMP_RANGE_MICROS = 31_536_000_000_000n;

function encodeTid(value: bigint): string {
  let encoded = '';
  let rest = value;
  for (let i = 0; i < 13; i += 1) {
    encoded = SORTABLE_BASE32[Number(rest & 31n)] + encoded;
    rest >>= 5n;
  }
  return encoded;
}

function tidFromSeed(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  const timestamp = TIMESTAMP_BASE_MICROS + (digest.readBigUInt64BE(0) % TIMESTAMP_RANGE_MICROS);
  const clockId = BigInt(digest.readUInt16BE(8) & 0x3ff);
  return encodeTid((timestamp << 10n) | clockId);
}

/** True when `rkey` has the shape of a TID (what app.bsky.feed.post requires). */
export function isTid(rkey: string): boolean {
  return TID_PATTERN.test(rkey);
}

/** The record key of a publication's root post: a TID derived from its publication id. */
export function rootRecordKey(publicationId: string): string {
  return tidFromSeed(`plaza:bluesky:post:${publicationId}`);
}

/**
 * The record key of follow-up `index` (1-based) of a thread. Derived from the
 * root's key, so `delete(rootUri)` can find the follow-ups without the publication id.
 */
export function followUpRecordKey(rootKey: string, index: number): string {
  return tidFromSeed(`plaza:bluesky:reply:${rootKey}:${index}`);
}

/** The record key of an inbox reply: a TID derived from Plaza's reply id, so a retried reply targets the same record. */
export function inboxReplyRecordKey(replyId: string): string {
  return tidFromSeed(`plaza:bluesky:inbox-reply:${replyId}`);
}

/** The record key of our like of `subjectUri` or our block of a DID: one per subject, so liking twice is one like. */
export function subjectRecordKey(kind: 'like' | 'block', subject: string): string {
  return tidFromSeed(`plaza:bluesky:${kind}:${subject}`);
}

/** The record key of a publication's first comment: a TID derived from its publication id, so a retry targets the same record. */
export function firstCommentRecordKey(publicationId: string): string {
  return tidFromSeed(`plaza:bluesky:first-comment:${publicationId}`);
}
