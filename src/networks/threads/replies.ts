/**
 * Threads replies as inbox items, one way whether they were read (`/{post}/conversation`) or pushed
 * (the `replies` webhook field), so a pushed reply and the same reply polled later are one item:
 * same remote id, thread (the root post), parent, author and kind.
 *
 * The `replies` webhook (developers.facebook.com/docs/threads/webhooks, "Real-time reply
 * notifications"): `values: { field: 'replies', value: { id, username, text, media_type, permalink,
 * replied_to: { id }, root_post: { id, owner_id, username }, shortcode, timestamp } }`, for replies on
 * media owned by the app's user. Meta sends one app's webhooks to one address, so a channel takes
 * only replies under its own posts (`root_post.owner_id` is the channel's user id); the other fields
 * (`mentions`, `publish`, `delete`) are not inbox items Plaza reads from Threads and are skipped.
 */
import { z } from 'zod';
import type { InboundItem } from '../inbox.ts';
import { parseThreadsWebhook } from '../meta-graph/webhooks.ts';
import { NetworkError } from '../types.ts';

/** A reply as Threads describes it, read or pushed (only what the inbox uses). */
export interface ThreadsReply {
  id: string;
  text?: string;
  username?: string;
  permalink?: string;
  timestamp?: string;
  replied_to?: { id: string };
}

/** Threads timestamps read "2024-05-01T10:00:00+0000": as an ISO instant. */
export function threadsTime(timestamp: string | undefined): string {
  if (!timestamp) return new Date(0).toISOString();
  const parsed = Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? new Date(0).toISOString() : new Date(parsed).toISOString();
}

/**
 * The inbox item of `reply` under the account's thread `rootId`. `fromUs` when the account wrote it
 * (Threads names authors by username only).
 */
export function threadsReplyItem(reply: ThreadsReply, rootId: string, fromUs: boolean): InboundItem {
  const handle = reply.username ?? 'unknown';
  const item: InboundItem = {
    remoteId: reply.id,
    kind: 'reply',
    threadRemoteId: rootId,
    postRemoteId: rootId,
    inReplyToRemoteId: reply.replied_to?.id ?? rootId,
    author: { id: `username:${handle}`, handle, profileUrl: `https://www.threads.net/@${handle}` },
    text: reply.text ?? '',
    url: reply.permalink ?? null,
    createdAt: threadsTime(reply.timestamp),
  };
  if (fromUs) item.fromUs = true;
  return item;
}

const id = z.union([z.string().min(1).max(100), z.number()]).transform(String);

const pushedReplySchema = z.object({
  id,
  username: z.string().max(200).optional(),
  text: z.string().max(100_000).optional(),
  permalink: z.string().max(2_000).optional(),
  timestamp: z.string().max(100).optional(),
  replied_to: z.object({ id }).optional(),
  root_post: z.object({ id, owner_id: id, username: z.string().max(200).optional() }),
});

/**
 * The inbox items of a Threads webhook body for the channel of user `userId` (`ownHandle`: its
 * username, when known). Throws NetworkError('permanent', 'invalid_push') for a body that is not a
 * Threads webhook, or a `replies` value without the reply's id and root post.
 */
export function threadsPushItems(body: unknown, account: { userId: string; ownHandle?: string }): InboundItem[] {
  const { changes } = parseThreadsWebhook(body);
  const items: InboundItem[] = [];
  for (const change of changes) {
    if (change.field !== 'replies') continue;
    const parsed = pushedReplySchema.safeParse(change.value);
    if (!parsed.success) {
      throw new NetworkError('permanent', 'invalid_push', 'The Threads reply webhook has no reply id or root post');
    }
    const reply = parsed.data;
    // Another profile of the same app: its own channel takes it (or polls it).
    if (reply.root_post.owner_id !== account.userId) continue;
    const fromUs =
      reply.username !== undefined &&
      (reply.username === account.ownHandle || (reply.root_post.username !== undefined && reply.username === reply.root_post.username));
    items.push(threadsReplyItem(reply, reply.root_post.id, fromUs));
  }
  return items;
}
