/**
 * Who engaged with a Bluesky post, and whether each account follows the channel.
 *
 * With an AppView (the normal case, reached through the PDS proxy): likes
 * (app.bsky.feed.getLikes), reposts (getRepostedBy), quotes (getQuotes) and
 * direct replies (getPostThread). The session is the channel's own account, so
 * every profile view carries `viewer.followedBy` exactly when that actor
 * follows the channel.
 *
 * Without an AppView (a bare self-hosted PDS) nothing indexes likes, so the
 * repositories hosted on the channel's own PDS are read instead: their like,
 * repost, reply and quote records pointing at the post, and their follow
 * records pointing at the channel. Accounts hosted elsewhere cannot be seen this way,
 * and the scan is bounded, so it is only a best effort for small servers.
 */
import type { AppBskyActorDefs, AtpAgent } from '@atproto/api';
import { atproto, isXrpcError } from './atproto.ts';
import { MAX_ENGAGERS_PER_POST, type PostEngagers } from '../types.ts';

const PAGE_SIZE = 100;
/** Enough pages to fill the cap from one list; more would be cut anyway. */
const MAX_PAGES_PER_LIST = Math.ceil(MAX_ENGAGERS_PER_POST / PAGE_SIZE);
/** Repositories a PDS scan reads at most (each costs a few requests). */
const MAX_SCANNED_REPOS = 200;
/** Newest records read per collection of one repository during a PDS scan. */
const MAX_RECORD_PAGES = 3;

/** Distinct accounts, first seen wins, stopping at the cap. */
class EngagerSet {
  private readonly followers = new Map<string, boolean>();
  truncated = false;

  constructor(private readonly channelDid: string) {}

  get full(): boolean {
    return this.followers.size >= MAX_ENGAGERS_PER_POST;
  }

  add(did: string, follower: boolean): void {
    // The channel's own thread follow-ups are not engagement.
    if (did === this.channelDid || this.followers.has(did)) return;
    if (this.full) {
      this.truncated = true;
      return;
    }
    this.followers.set(did, follower);
  }

  result(): PostEngagers {
    return { accounts: [...this.followers].map(([id, follower]) => ({ id, follower })), truncated: this.truncated };
  }
}

type ActorView = AppBskyActorDefs.ProfileView | AppBskyActorDefs.ProfileViewBasic;

const followsChannel = (profile: ActorView): boolean => Boolean(profile.viewer?.followedBy);

/** Reads every page of a cursor-paged list, up to the page limit; returns whether more remained. */
async function readPages(
  maxPages: number,
  fetchPage: (cursor: string | undefined) => Promise<string | undefined>,
  stop: () => boolean,
): Promise<boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    cursor = await fetchPage(cursor);
    if (!cursor || stop()) return Boolean(cursor);
  }
  return Boolean(cursor);
}

/** An AppView that predates app.bsky.feed.getQuotes refuses that one method while the others work. */
function isMethodNotImplemented(error: unknown): boolean {
  return (
    isXrpcError(error) && (error.status === 501 || (error.status === 400 && /not ?implemented/i.test(`${error.error} ${error.message}`)))
  );
}

/** Engagers from the AppView; throws the XRPC error when the PDS has none. */
export async function engagersFromAppView(
  agent: AtpAgent,
  channelDid: string,
  postUri: string,
  signal?: AbortSignal,
): Promise<PostEngagers> {
  const { AppBskyFeedDefs } = await atproto();
  const engagers = new EngagerSet(channelDid);
  const feed = agent.app.bsky.feed;
  /** Reads one paged list of actors into the set; returns whether the page limit cut it short. */
  const readActors = (fetchPage: (cursor: string | undefined) => Promise<{ actors: ActorView[]; cursor?: string }>): Promise<boolean> =>
    readPages(
      MAX_PAGES_PER_LIST,
      async (cursor) => {
        const { actors, cursor: next } = await fetchPage(cursor);
        for (const actor of actors) engagers.add(actor.did, followsChannel(actor));
        return actors.length ? next : undefined;
      },
      () => engagers.full,
    );

  const moreLikes = await readActors(async (cursor) => {
    const { data } = await feed.getLikes({ uri: postUri, limit: PAGE_SIZE, cursor }, { signal });
    return { actors: data.likes.map((like) => like.actor), cursor: data.cursor };
  });
  const moreReposts = await readActors(async (cursor) => {
    const { data } = await feed.getRepostedBy({ uri: postUri, limit: PAGE_SIZE, cursor }, { signal });
    return { actors: data.repostedBy, cursor: data.cursor };
  });
  const moreQuotes = await readActors(async (cursor) => {
    const { data } = await feed.getQuotes({ uri: postUri, limit: PAGE_SIZE, cursor }, { signal });
    return { actors: data.posts.map((quote) => quote.author), cursor: data.cursor };
  }).catch((error: unknown) => {
    // Skip quotes on such an AppView: a 501 reaching the adapter would discard the other lists for a PDS scan.
    if (isMethodNotImplemented(error)) return false;
    throw error;
  });
  const { data } = await feed.getPostThread({ uri: postUri, depth: 1, parentHeight: 0 }, { signal });
  if (AppBskyFeedDefs.isThreadViewPost(data.thread)) {
    for (const reply of data.thread.replies ?? []) {
      if (AppBskyFeedDefs.isThreadViewPost(reply)) engagers.add(reply.post.author.did, followsChannel(reply.post.author));
    }
  }
  if (moreLikes || moreReposts || moreQuotes) engagers.truncated = true;
  return engagers.result();
}

interface ScannedRecord {
  value: unknown;
}

interface PostRecordFields {
  reply?: { parent?: { uri?: unknown } };
  embed?: { $type?: unknown; record?: { uri?: unknown; record?: { uri?: unknown } } };
}

/** The URI a post record quotes: a record embed, or the record part of a record-with-media embed. */
function quotedUri(embed: PostRecordFields['embed']): unknown {
  if (embed?.$type === 'app.bsky.embed.record') return embed.record?.uri;
  if (embed?.$type === 'app.bsky.embed.recordWithMedia') return embed.record?.record?.uri;
  return undefined;
}

/** Whether a like, repost or post record points at the post (subject; reply parent or quote). */
function engagesWith(collection: string, value: unknown, postUri: string): boolean {
  if (collection === 'app.bsky.feed.post') {
    const post = value as PostRecordFields | null;
    return post?.reply?.parent?.uri === postUri || quotedUri(post?.embed) === postUri;
  }
  return (value as { subject?: { uri?: unknown } } | null)?.subject?.uri === postUri;
}

/** Engagers found in the repositories of the channel's own PDS (no AppView needed). */
export async function engagersFromPdsRepos(
  agent: AtpAgent,
  channelDid: string,
  postUri: string,
  signal?: AbortSignal,
): Promise<PostEngagers> {
  const engagers = new EngagerSet(channelDid);
  const repos: string[] = [];
  const moreRepos = await readPages(
    Math.ceil(MAX_SCANNED_REPOS / PAGE_SIZE),
    async (cursor) => {
      const { data } = await agent.com.atproto.sync.listRepos({ limit: PAGE_SIZE, cursor }, { signal });
      for (const repo of data.repos) if (repo.active !== false && repo.did !== channelDid) repos.push(repo.did);
      return data.repos.length ? data.cursor : undefined;
    },
    () => repos.length >= MAX_SCANNED_REPOS,
  );
  if (moreRepos || repos.length > MAX_SCANNED_REPOS) engagers.truncated = true;

  /** Finds a record of `collection` in `repo` matching `test`; notes when the bounded read may have missed one. */
  const findRecord = async (repo: string, collection: string, test: (record: ScannedRecord) => boolean): Promise<boolean> => {
    let found = false;
    const more = await readPages(
      MAX_RECORD_PAGES,
      async (cursor) => {
        const { data } = await agent.com.atproto.repo.listRecords({ repo, collection, limit: PAGE_SIZE, cursor }, { signal });
        found = data.records.some(test);
        return data.records.length ? data.cursor : undefined;
      },
      () => found,
    );
    if (!found && more) engagers.truncated = true;
    return found;
  };

  for (const repo of repos.slice(0, MAX_SCANNED_REPOS)) {
    let engaged = false;
    for (const collection of ['app.bsky.feed.like', 'app.bsky.feed.repost', 'app.bsky.feed.post']) {
      engaged = await findRecord(repo, collection, (record) => engagesWith(collection, record.value, postUri));
      if (engaged) break;
    }
    if (!engaged) continue;
    const follower = await findRecord(
      repo,
      'app.bsky.graph.follow',
      (record) => (record.value as { subject?: unknown } | null)?.subject === channelDid,
    );
    engagers.add(repo, follower);
    if (engagers.full) break;
  }
  return engagers.result();
}
