/**
 * What an adapter gets for each call on one channel. Its own file so that types.ts and inbox.ts
 * can both use it without importing each other.
 */
/** The channel as the adapter sees it: settings in clear, credentials decrypted. */
export interface ChannelContext {
  channelId: string;
  /** Non-secret settings, e.g. { serviceUrl, handle } or { instanceUrl }. */
  settings: Record<string, unknown>;
  /** Secret credentials, decrypted just for this call (app password, token...). */
  credentials: Record<string, unknown>;
  /** Abort signal bound to the engine's per-call timeout and shutdown. */
  signal?: AbortSignal;
  /**
   * When the engine will stop waiting (ms since epoch). Adapters whose network can
   * be told a deadline pass it on, so a request cannot take effect after the engine
   * has given up on it and started reconciling. Measured on `now` when given.
   * Adapters must not send a request once it has passed (each part of a thread,
   * each media upload), whatever their timers say.
   */
  deadline?: number;
  /**
   * PLAZA_ALLOW_PRIVATE_URLS: the adapter may reach loopback, private and link-local
   * addresses. Absent or false: such targets are refused before anything is sent.
   */
  allowPrivateUrls?: boolean;
  /** The clock `deadline` is measured on (the engine's, which also measures leases); Date.now when absent. */
  now?: () => number;
  /**
   * PLAZA_NETWORK_ORIGINS override for this channel's network (local contract servers, proxies):
   * adapters build every URL with `networkUrl(officialUrl, ctx.origin)` (endpoints.ts).
   */
  origin?: string;
  /**
   * The publishing engine's record of what Plaza published on this channel (any worker), newest
   * first, published at or after `since` (ISO), at most `limit`: for reconciling on networks that
   * cannot be asked for a post's content (Telegram), and for the inbox's reads of the comments under
   * those posts (LinkedIn profiles). Absent outside the engine and the inbox's sync.
   */
  publishedOnChannel?: (since: string, limit: number) => Promise<PublishedOnChannel[]>;
  /**
   * For adapters that declare `takesPostingSlot`: call it right before the request that creates the
   * post, after lookups and uploads. It takes the channel's posting slot, or throws when the slot
   * is not free yet (nothing was posted; the engine tries again later): the network counts a post
   * when that request arrives, not when the attempt began. Absent outside the engine.
   */
  postingSlot?: PostingSlot;
  /**
   * The inbox's record of the replies Plaza sent on this channel (any worker, any process), newest
   * first, at most `limit`: for reconciling a reply whose answer was lost on networks that cannot
   * be asked for it by its text (Telegram). Absent outside the inbox's reply engine.
   */
  repliesOnChannel?: (limit: number) => Promise<RepliedOnChannel[]>;
  /**
   * The channel's push address and secret, when it has a push secret: given to the inbox's reads
   * (sync) so that a network whose pushes Plaza registers itself (InboxAdapter.registerPush) can
   * tell its own registration from another, and put it back after reading what it failed to deliver.
   * Absent elsewhere, and when the channel takes no pushes.
   */
  push?: { url: string; secret: string };
}

/** One reply Plaza recorded as sent on a channel. */
export interface RepliedOnChannel {
  replyId: string;
  remoteId: string;
  sentAt: string;
}

/** One publication Plaza recorded as published on a channel. */
export interface PublishedOnChannel {
  publicationId: string;
  remoteId: string;
  publishedAt: string;
}

/** Takes the channel's posting slot (ChannelContext.postingSlot). */
export type PostingSlot = () => Promise<void>;
