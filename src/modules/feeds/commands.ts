/**
 * The feeds module's writes: adding, changing and removing a feed, and reading it (a poll) so that
 * each new item becomes one post — a draft, a post sent for review, or a post in a queue. Each
 * item is stored once by its guid, in the same transaction as its post and its tracked link, so
 * two polls at once, a retry or a restart can never turn one item into two posts.
 */
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { failureCode } from '../../lib/failure-code.ts';
import { recordEvent } from '../events/events.ts';
import { createTrackedLink, shortLinkBase } from '../links/service.ts';
import { createPostIn } from '../posts/commands.ts';
import { addToQueue } from '../queues/commands.ts';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';
import { fetchFeed } from './fetch.ts';
import { type FeedEntry, renderTemplate, unknownTemplateVariables } from './parse.ts';
import { type FeedRow, feedsRepository as feeds } from './repository.ts';

/** Where a feed's new items go. */
export const FEED_DESTINATIONS = ['draft', 'review', 'queue'] as const;
export type FeedDestination = (typeof FEED_DESTINATIONS)[number];

/** The template a feed starts with. */
export const DEFAULT_TEMPLATE = '{title} {link}';
/** At most this many new items become posts per read; older new ones are marked as seen (a first read of a long feed does not flood the calendar). */
export const MAX_NEW_ITEMS_PER_POLL = 10;

/** What a person sets on a feed. */
export interface FeedSettings {
  name?: string;
  channelIds?: string[];
  template?: string;
  destination?: FeedDestination;
  queueId?: string | null;
  trackLinks?: boolean;
  campaignId?: string | null;
  intervalMinutes?: number;
  paused?: boolean;
}

/** What one read of a feed did. */
export interface PollOutcome {
  status: 'read' | 'not_modified' | 'failed';
  created: number;
  skipped: number;
  failed: number;
  errorCode: string | null;
}

/** The API error for a feed that could not be read when it is added (nothing is stored). */
function unreadableFeed(error: unknown): AppError {
  const code = failureCode(error);
  if (code === 'feed_is_html') return new AppError(422, 'feed_is_html', 'The address answers a web page (HTML), not an RSS or Atom feed');
  if (code === 'feed_too_large') return new AppError(422, 'feed_too_large', 'The feed is larger than 5 MB');
  if (code === 'feed_unreadable') return new AppError(422, 'feed_unreadable', 'The address does not hold an RSS or Atom feed');
  if (code === 'private_address' || code === 'unsafe_url')
    return badRequest('feed_url_not_allowed', 'Plaza does not fetch that address (private, local or not http(s))', { reason: code });
  return new AppError(422, 'feed_unreachable', `Could not read the feed (${code})`, { reason: code });
}

/** Checks the parts of a feed's settings that point elsewhere or follow rules (channels, queue, campaign, template). */
async function checkSettings(db: Db, workspaceId: string, settings: FeedSettings, current?: FeedRow): Promise<void> {
  if (settings.channelIds) {
    const found = await feeds.channelsInWorkspace(db, workspaceId, settings.channelIds);
    if (found.length !== new Set(settings.channelIds).size)
      throw new AppError(422, 'unknown_reference', 'Unknown channelIds in this workspace', { fields: ['channelIds'] });
  }
  await assertReferencesInWorkspace(db, workspaceId, { campaignId: settings.campaignId });
  const destination = settings.destination ?? current?.destination ?? 'draft';
  const queueId = settings.queueId !== undefined ? settings.queueId : (current?.queue_id ?? null);
  if (destination === 'queue' && !queueId) throw badRequest('feed_queue_required', 'Pick the queue that new items go to');
  if (settings.queueId && !(await feeds.queueInWorkspace(db, workspaceId, settings.queueId)))
    throw new AppError(422, 'unknown_reference', 'Unknown queueId in this workspace', { fields: ['queueId'] });
  if (settings.template !== undefined) {
    const unknown = unknownTemplateVariables(settings.template);
    if (unknown.length)
      throw badRequest('feed_template_variable', `Unknown template variables: ${unknown.map((v) => `{${v}}`).join(', ')}`, {
        variables: unknown,
      });
  }
}

/**
 * Adds a feed: its address is read first (through the safe fetcher), and a web page, a huge answer
 * or an unreachable address is refused with nothing stored; then its newest items become posts.
 */
export async function createFeed(
  ctx: AppContext,
  workspaceId: string,
  actorId: string,
  input: FeedSettings & { url: string; channelIds: string[] },
): Promise<{ feed: FeedRow; poll: PollOutcome }> {
  const db = ctx.database.db;
  let url: string;
  try {
    url = new URL(input.url.trim()).toString();
  } catch {
    throw badRequest('invalid_url', 'url must be an absolute http(s) URL');
  }
  await checkSettings(db, workspaceId, input);
  if (await feeds.findByUrl(db, workspaceId, url)) throw conflict('feed_exists', 'This workspace already follows that feed');
  let fetched: Awaited<ReturnType<typeof fetchFeed>>;
  try {
    fetched = await fetchFeed(ctx, url, null);
  } catch (error) {
    throw unreadableFeed(error);
  }
  if (fetched.notModified) throw new AppError(422, 'feed_unreadable', 'The feed answered 304 to a first request');
  const parsed = fetched.feed;
  const feed = await db.transaction().execute(async (trx) => {
    if (await feeds.findByUrl(trx, workspaceId, url)) throw conflict('feed_exists', 'This workspace already follows that feed');
    const row = await feeds.insert(trx, {
      workspace_id: workspaceId,
      name: (input.name?.trim() || parsed.title || new URL(url).host).slice(0, 200),
      url,
      template: input.template ?? DEFAULT_TEMPLATE,
      destination: input.destination ?? 'draft',
      queue_id: input.queueId ?? null,
      track_links: input.trackLinks ?? true,
      campaign_id: input.campaignId ?? null,
      interval_minutes: input.intervalMinutes ?? 30,
      paused: input.paused ?? false,
      created_by: actorId,
    });
    await feeds.setChannels(trx, row.id, [...new Set(input.channelIds)]);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'feed.created',
      subjectType: 'feed',
      subjectId: row.id,
      data: { name: row.name, url, destination: row.destination },
    });
    return row;
  });
  const counts = await postNewEntries(ctx, feed, parsed.title, parsed.entries);
  const now = ctx.clock.now();
  const updated = await feeds.update(db, feed.id, {
    etag: fetched.validators.etag,
    last_modified: fetched.validators.lastModified,
    last_polled_at: new Date(now),
    next_poll_at: new Date(now + feed.interval_minutes * 60_000),
  });
  return { feed: updated, poll: { status: 'read', ...counts, errorCode: null } };
}

/** Changes a feed's settings (its address stays: follow another address as another feed). */
export async function updateFeed(ctx: AppContext, workspaceId: string, feedId: string, actorId: string, input: FeedSettings) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const feed = await feeds.lock(trx, workspaceId, feedId);
    if (!feed) throw notFound('Feed');
    await checkSettings(trx, workspaceId, input, feed);
    const destination = input.destination ?? feed.destination;
    const resumed = input.paused === false && feed.paused;
    const row = await feeds.update(trx, feed.id, {
      ...(input.name !== undefined ? { name: input.name.trim().slice(0, 200) } : {}),
      ...(input.template !== undefined ? { template: input.template } : {}),
      destination,
      ...(input.queueId !== undefined ? { queue_id: input.queueId } : {}),
      ...(input.trackLinks !== undefined ? { track_links: input.trackLinks } : {}),
      ...(input.campaignId !== undefined ? { campaign_id: input.campaignId } : {}),
      ...(input.intervalMinutes !== undefined ? { interval_minutes: input.intervalMinutes } : {}),
      ...(input.paused !== undefined ? { paused: input.paused } : {}),
      // A resumed feed is read at the next turn of the polling job.
      ...(resumed ? { next_poll_at: new Date(ctx.clock.now()) } : {}),
      updated_at: new Date(ctx.clock.now()),
    });
    if (input.channelIds) await feeds.setChannels(trx, feed.id, [...new Set(input.channelIds)]);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'feed.updated',
      subjectType: 'feed',
      subjectId: feed.id,
      data: { changed: Object.keys(input) },
    });
    return row;
  });
}

/** Stops following a feed; the posts it made stay. */
export async function deleteFeed(ctx: AppContext, workspaceId: string, feedId: string, actorId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const feed = await feeds.lock(trx, workspaceId, feedId);
    if (!feed) throw notFound('Feed');
    await feeds.delete(trx, feed.id);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'feed.deleted',
      subjectType: 'feed',
      subjectId: feed.id,
      data: { name: feed.name, url: feed.url },
    });
  });
}

/** "Check now": reads one feed at once (paused or not) and says what it made. */
export async function checkFeedNow(ctx: AppContext, workspaceId: string, feedId: string): Promise<PollOutcome> {
  const feed = await feeds.find(ctx.database.db, workspaceId, feedId);
  if (!feed) throw notFound('Feed');
  return pollFeed(ctx, feed);
}

/** The polling job's turn: reads every feed that is due (a few at a time), each one once across processes. */
export async function pollDueFeeds(ctx: AppContext, options: { limit?: number; signal?: AbortSignal } = {}): Promise<number> {
  const now = ctx.clock.now();
  // The claim moves the next poll 10 minutes ahead: a poller that dies leaves the feed for later, not for never.
  const claimed = await feeds.claimDue(ctx.database.db, new Date(now), new Date(now + 10 * 60_000), options.limit ?? 20);
  for (const feed of claimed) {
    if (options.signal?.aborted) break;
    await pollFeed(ctx, feed);
  }
  return claimed.length;
}

/**
 * Reads a feed with a conditional GET and turns its new items into posts. A failure is kept on the
 * feed by code (shown in the web app and the CLI) and, when the feed was fine before, recorded as
 * `feed.failed` (webhooks can subscribe to it); the next read is at the feed's interval either way.
 */
export async function pollFeed(ctx: AppContext, feed: FeedRow): Promise<PollOutcome> {
  const db = ctx.database.db;
  const started = ctx.clock.now();
  const next = () => ({ last_polled_at: new Date(started), next_poll_at: new Date(ctx.clock.now() + feed.interval_minutes * 60_000) });
  let fetched: Awaited<ReturnType<typeof fetchFeed>>;
  try {
    fetched = await fetchFeed(ctx, feed.url, { etag: feed.etag, lastModified: feed.last_modified });
  } catch (error) {
    const code = failureCode(error);
    await db.transaction().execute(async (trx) => {
      await feeds.update(trx, feed.id, { ...next(), last_error_code: code, last_error: (error as Error).message.slice(0, 500) });
      if (!feed.last_error_code)
        await recordEvent(trx, {
          workspaceId: feed.workspace_id,
          actorUserId: null,
          type: 'feed.failed',
          subjectType: 'feed',
          subjectId: feed.id,
          data: { name: feed.name, url: feed.url, code },
        });
    });
    return { status: 'failed', created: 0, skipped: 0, failed: 0, errorCode: code };
  }
  if (fetched.notModified) {
    await feeds.update(db, feed.id, { ...next(), last_error_code: null, last_error: null });
    return { status: 'not_modified', created: 0, skipped: 0, failed: 0, errorCode: null };
  }
  const counts = await postNewEntries(ctx, feed, fetched.feed.title, fetched.feed.entries);
  // The validators are stored only once the items are used: a crash before re-reads the whole feed (the guids keep it exactly once).
  await feeds.update(db, feed.id, {
    ...next(),
    etag: fetched.validators.etag,
    last_modified: fetched.validators.lastModified,
    last_error_code: null,
    last_error: null,
  });
  return { status: 'read', ...counts, errorCode: null };
}

/** The entries a feed has not used yet, newest first (by date where the feed gives one, else document order). */
function freshEntries(entries: FeedEntry[], known: Set<string>): FeedEntry[] {
  const seen = new Set<string>();
  const fresh = entries.filter((e) => !known.has(e.guid) && !seen.has(e.guid) && seen.add(e.guid));
  return fresh
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const at = a.entry.publishedAt?.getTime();
      const bt = b.entry.publishedAt?.getTime();
      return at !== undefined && bt !== undefined && at !== bt ? bt - at : a.index - b.index;
    })
    .map((x) => x.entry);
}

/** Turns the feed's new entries into posts (oldest first, so a queue keeps their order); returns the counts. */
async function postNewEntries(ctx: AppContext, feed: FeedRow, feedTitle: string, entries: FeedEntry[]) {
  const db = ctx.database.db;
  const known = await feeds.knownGuids(
    db,
    feed.id,
    entries.map((e) => e.guid),
  );
  const fresh = freshEntries(entries, known);
  const use = fresh.slice(0, MAX_NEW_ITEMS_PER_POLL).reverse();
  const tooOld = fresh.slice(MAX_NEW_ITEMS_PER_POLL);
  if (tooOld.length)
    await db.transaction().execute(async (trx) => {
      for (const entry of tooOld) await feeds.insertItemOnce(trx, itemValues(feed.id, entry, 'skipped'));
    });
  const channelIds = (await feeds.channelIds(db, [feed.id])).get(feed.id) ?? [];
  const authorId = feed.created_by ?? (await feeds.firstOwner(db, feed.workspace_id));
  let created = 0;
  let failed = 0;
  for (const entry of use) {
    const outcome = await postEntry(ctx, feed, { feedTitle, channelIds, authorId }, entry);
    if (outcome === 'posted') created += 1;
    if (outcome === 'failed') failed += 1;
  }
  return { created, skipped: tooOld.length, failed };
}

function itemValues(feedId: string, entry: FeedEntry, status: 'posted' | 'skipped' | 'failed', errorCode: string | null = null) {
  return {
    feed_id: feedId,
    guid: entry.guid,
    title: entry.title,
    link: entry.link,
    published_at: entry.publishedAt,
    status,
    error_code: errorCode,
  };
}

/**
 * One entry → one post, exactly once: the item row (unique by guid), its tracked link and its post
 * commit together. A post the rules refuse (e.g. too long for a network when sent for review) leaves
 * the item as failed with the reason's code, never retried into a duplicate.
 */
async function postEntry(
  ctx: AppContext,
  feed: FeedRow,
  setting: { feedTitle: string; channelIds: string[]; authorId: string | null },
  entry: FeedEntry,
): Promise<'posted' | 'failed' | 'taken'> {
  const db = ctx.database.db;
  const workspaceId = feed.workspace_id;
  let posted: { postId: string; itemId: string } | null;
  try {
    if (!setting.authorId) throw new AppError(409, 'feed_author_missing', 'Nobody can author this feed’s posts');
    if (!setting.channelIds.length) throw badRequest('feed_channels_missing', 'The feed has no channels left');
    const authorId = setting.authorId;
    posted = await db.transaction().execute(async (trx) => {
      const item = await feeds.insertItemOnce(trx, itemValues(feed.id, entry, 'posted'));
      if (!item) return null;
      let link = entry.link ?? '';
      let linkId: string | null = null;
      if (feed.track_links && entry.link) {
        const tracked = await createTrackedLink(
          ctx,
          trx,
          workspaceId,
          {
            url: entry.link,
            campaignId: feed.campaign_id,
            channelId: setting.channelIds.length === 1 ? setting.channelIds[0] : null,
          },
          authorId,
        );
        link = `${shortLinkBase(ctx)}/l/${tracked.code}`;
        linkId = tracked.id;
      }
      const content = renderTemplate(feed.template, {
        title: entry.title,
        link,
        summary: entry.summary,
        author: entry.author,
        feed: setting.feedTitle || feed.name,
      }).slice(0, 20_000);
      const { post } = await createPostIn(ctx, trx, workspaceId, authorId, {
        content,
        media: [],
        thread: [],
        channels: setting.channelIds.map((channelId) => ({ channelId, options: {} })),
        campaignId: feed.campaign_id,
        action: feed.destination === 'review' ? 'submit' : 'draft',
      });
      if (linkId) await feeds.attachLinkToPost(trx, linkId, post.id);
      await feeds.updateItem(trx, item.id, { post_id: post.id });
      await recordEvent(trx, {
        workspaceId,
        actorUserId: null,
        type: 'feed.item.created',
        subjectType: 'post',
        subjectId: post.id,
        data: { feedId: feed.id, feed: feed.name, guid: entry.guid, title: entry.title, link: entry.link, state: post.state },
      });
      return { postId: post.id, itemId: item.id };
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const stored = await feeds.insertItemOnce(db, itemValues(feed.id, entry, 'failed', error.code));
    return stored ? 'failed' : 'taken';
  }
  if (!posted) return 'taken';
  if (feed.destination === 'queue' && feed.queue_id && setting.authorId) {
    // The queue picks the slot under its own lock (its own transaction): a refusal leaves the draft, with the reason on the item.
    try {
      await addToQueue(ctx, workspaceId, feed.queue_id, posted.postId, setting.authorId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await feeds.updateItem(db, posted.itemId, { error_code: error.code });
    }
  }
  return 'posted';
}
