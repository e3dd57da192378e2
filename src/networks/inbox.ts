/**
 * What a network offers the inbox (src/modules/inbox): reading what people write to the
 * brand, and answering it. An adapter that supports it sets `NetworkAdapter.inbox`.
 *
 * The inbox module owns storage, conversations, states and exactly-once replies; the
 * adapter only speaks the network's API. Shapes here are the contract between the two.
 */
import type { ChannelContext } from './channel-context.ts';
import type { PushHeaders } from './push-signature.ts';

/** What an inbound item is. */
export const INBOUND_KINDS = ['comment', 'reply', 'mention', 'quote', 'direct_message', 'review'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

/** The person who wrote an item, as the network names them. */
export interface InboundAuthor {
  /** The network's stable account id (DID, account id, page-scoped id). */
  id: string;
  handle: string;
  displayName?: string;
  avatarUrl?: string;
  profileUrl?: string;
}

/** One thing someone wrote to or about the brand, as the network returned it. */
export interface InboundItem {
  /** Unique per channel: the inbox stores each (channel, remoteId) once, whichever way it arrived. */
  remoteId: string;
  kind: InboundKind;
  /**
   * Groups items into one conversation: the remote id of our post for comments and replies
   * under it, the DM conversation id, the review id, or the item's own id for a lone mention.
   */
  threadRemoteId: string;
  /** Our post this item is under (comments, replies), when there is one. */
  postRemoteId?: string;
  /** The item it answers, when it answers one. */
  inReplyToRemoteId?: string;
  author: InboundAuthor;
  /** Plain text as written; the inbox shows it as text, never as HTML. */
  text: string;
  url: string | null;
  /** ISO 8601. */
  createdAt: string;
  /** Written by the connected account itself (our own replies, seen again when polling). */
  fromUs?: boolean;
  /** Star rating of a review (1–5). */
  rating?: number;
  /** BCP 47 language when the network says it. */
  language?: string;
  attachments?: Array<{ kind: 'image' | 'video' | 'link' | 'other'; url: string; alt?: string }>;
}

/** One page of inbound items, oldest first, and where to continue. */
export interface InboundPage {
  items: InboundItem[];
  /** Opaque; stored durably by the inbox and passed back next time. Null: nothing to resume from. */
  cursor: string | null;
  /** More items are available right now (backfill pages through them). */
  hasMore: boolean;
  /**
   * Kinds this read could not include, with the NetworkError code that says why, so the channel
   * can show it (e.g. Bluesky direct messages without DM access: 'dm_access_required').
   */
  unavailable?: Array<{ kinds: InboundKind[]; code: string }>;
}

/** What can be done to an item or its author from Plaza. */
export const INBOX_ACTIONS = [
  'reply',
  'private_reply',
  'direct_message',
  'like',
  'unlike',
  'hide',
  'unhide',
  'delete',
  'mute',
  'block',
] as const;
export type InboxAction = (typeof INBOX_ACTIONS)[number];

/** What one network's inbox supports, declared by its adapter and shown by the web app. */
export interface InboxCapabilities {
  kinds: InboundKind[];
  actions: InboxAction[];
  /** Hours after the person's last message in which the brand may write to them (Meta: 24). */
  messagingWindowHours?: number;
  /** The network pushes new items (webhooks); polling stays the fallback. */
  push?: boolean;
  /** Longest reply the network takes, counted as in `NetworkCapabilities`. */
  maxReplyChars?: number;
  /**
   * Replies on one channel go one at a time, none sent while another is in flight or in doubt:
   * `findReply` finds a lost answer by its position (Telegram), which another reply sent meanwhile
   * and not yet recorded could take.
   */
  serialReplies?: boolean;
}

/** The item being answered or acted on, as stored by the inbox. */
export interface InboxTarget {
  remoteId: string;
  kind: InboundKind;
  threadRemoteId: string;
  authorId: string;
  authorHandle: string;
  /** The item it answers, as read (`InboundItem.inReplyToRemoteId`): e.g. a LinkedIn nested comment's first-level comment. */
  inReplyToRemoteId?: string;
}

export interface ReplyInput {
  /** Plaza's id for this reply: the idempotency key, as publicationId is for posts. */
  replyId: string;
  target: InboxTarget;
  /** public: under the item; private: a private reply to a comment; direct_message: in the DM thread. */
  mode: 'public' | 'private' | 'direct_message';
  text: string;
  /** When the reply was queued (ISO): every reply Plaza recorded as sent before it went out earlier. */
  queuedAt?: string;
}

export interface ReplyResult {
  remoteId: string;
  remoteUrl: string | null;
}

export interface InboxAdapter {
  readonly capabilities: InboxCapabilities;
  /**
   * Reads new items after `cursor` (or from `since`, ISO 8601, for the first backfill).
   * Items the network returns twice are fine: the inbox stores each (channel, remoteId) once.
   */
  fetchInbound(ctx: ChannelContext, opts: { cursor: string | null; since?: string }): Promise<InboundPage>;
  /**
   * Sends a reply. After an ambiguous outcome (or a worker that died mid-call) the inbox calls
   * `findReply` first and `reply` again only when that found nothing.
   */
  reply(ctx: ChannelContext, input: ReplyInput): Promise<ReplyResult>;
  /** After an ambiguous outcome: the reply this replyId already created, or null when there is none. */
  findReply(ctx: ChannelContext, input: ReplyInput): Promise<ReplyResult | null>;
  /** like, hide, delete, mute, block... Throws NetworkError('permanent', 'action_not_supported') when not offered. */
  act(ctx: ChannelContext, action: Exclude<InboxAction, 'reply' | 'private_reply' | 'direct_message'>, target: InboxTarget): Promise<void>;
  /**
   * Turns a verified push (webhook) body into items. `verify` has already checked the
   * signature with the channel's secret; absent when the network does not push. May look
   * something up first (Telegram: which group holds the channel's comments), hence the promise.
   */
  parsePush?(ctx: ChannelContext, body: unknown): InboundItem[] | Promise<InboundItem[]>;
  /**
   * For networks that Plaza itself must tell where to push (Telegram's `setWebhook`), unlike those
   * where the user pastes the address into the network's dashboard (Meta): called when a push
   * secret is set, with the channel's push address and the new secret. Throws a NetworkError when
   * the network refuses (an address it cannot reach, not HTTPS); the secret is then not kept.
   */
  registerPush?(ctx: ChannelContext, push: { url: string; secret: string }): Promise<void>;
  /** Stops the pushes `registerPush` started (the push secret is being removed); a no-op when there are none. */
  unregisterPush?(ctx: ChannelContext): Promise<void>;
  /**
   * Checks a push's signature with the channel's push secret, on the raw body as received (see
   * push-signature.ts). Required with `parsePush`: the inbox's push route refuses unsigned pushes.
   * Throws NetworkError('permanent', 'invalid_push') from `parsePush` for a body it cannot read.
   */
  verifyPush?(input: { headers: PushHeaders; rawBody: Uint8Array; secret: string }): boolean;
  /**
   * Answers a network's subscription check on the push address (Meta's GET with `hub.mode`,
   * `hub.verify_token`, `hub.challenge`): the text to echo, or null to refuse. The verify token is
   * `pushVerifyToken(secret)` (push-signature.ts), shown with the push address.
   */
  answerPushChallenge?(query: Record<string, unknown>, secret: string): string | null;
}
