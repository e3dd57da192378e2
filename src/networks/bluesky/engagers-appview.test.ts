/**
 * Contract test of the AppView path of engagers.ts. The reference PDS in
 * engagers.test.ts has no AppView, so here a small loopback server answers
 * app.bsky.feed.getLikes, getRepostedBy, getQuotes and getPostThread with the shapes the
 * lexicons define. The @atproto/api client validates every response against
 * those lexicons, so a malformed fake would fail the test rather than pass it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AtpAgent, XRPCError } from '@atproto/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ENGAGERS_PER_POST } from '../types.ts';
import { engagersFromAppView } from './engagers.ts';

const CHANNEL_DID = 'did:plc:plazabrand';
const POST_URI = `at://${CHANNEL_DID}/app.bsky.feed.post/3lplazapost1`;
const CID = 'bafyreib7mujwxfmnspz3th6ijeh2t55cefkbu4zl3eetiu3u7uyfs4roe4';
const NOW = '2025-05-01T10:00:00.000Z';

interface FakeActor {
  did: string;
  handle: string;
  followsChannel: boolean;
}

type FakeReply = { kind: 'post'; author: FakeActor; replies?: FakeReply[] } | { kind: 'blocked'; author: FakeActor } | { kind: 'notFound' };

interface XrpcFailure {
  status: number;
  error: string;
  message: string;
}

interface AppViewState {
  likers: FakeActor[];
  reposters: FakeActor[];
  /** Authors of the posts quoting the post, one quote each. */
  quoters: FakeActor[];
  replies: FakeReply[];
  /** Items per page at most, below the requested limit (an AppView may hide some entries of a page). */
  maxPageSize?: number;
  /** Keep returning a cursor on the last page, then answer one empty page (the AppView does this). */
  trailingCursor?: boolean;
  failures?: Partial<Record<string, XrpcFailure>>;
}

interface ReceivedQuery {
  nsid: string;
  method: string;
  params: Record<string, string>;
}

const actor = (name: string, followsChannel: boolean): FakeActor => ({
  did: `did:plc:${name}`,
  handle: `${name}.plaza-test.com`,
  followsChannel,
});
const CHANNEL: FakeActor = { did: CHANNEL_DID, handle: 'plazabrand.plaza-test.com', followsChannel: false };
const actors = (prefix: string, count: number, follows: (index: number) => boolean): FakeActor[] =>
  Array.from({ length: count }, (_, index) => actor(`${prefix}${index}`, follows(index)));

let server: Server;
let baseUrl: string;
let state: AppViewState;
let received: ReceivedQuery[];

// The AppView answers from the channel's point of view: `followedBy` is the actor's follow record of the channel.
function profileView(profile: FakeActor) {
  return {
    did: profile.did,
    handle: profile.handle,
    displayName: profile.handle.split('.')[0],
    indexedAt: NOW,
    viewer: {
      muted: false,
      blockedBy: false,
      ...(profile.followsChannel ? { followedBy: `at://${profile.did}/app.bsky.graph.follow/3kfollow${profile.did.slice(8)}` } : {}),
    },
    labels: [],
  };
}

function threadNode(reply: FakeReply, parentUri: string, index: number, depthLeft: number): unknown {
  if (reply.kind === 'notFound') {
    return { $type: 'app.bsky.feed.defs#notFoundPost', uri: `at://did:plc:gone/app.bsky.feed.post/3lgone${index}`, notFound: true };
  }
  const uri = `at://${reply.author.did}/app.bsky.feed.post/3lreply${index}`;
  if (reply.kind === 'blocked') {
    return { $type: 'app.bsky.feed.defs#blockedPost', uri, blocked: true, author: { did: reply.author.did, viewer: { blockedBy: true } } };
  }
  const parentRef = { uri: parentUri, cid: CID };
  return {
    $type: 'app.bsky.feed.defs#threadViewPost',
    post: {
      uri,
      cid: CID,
      author: profileView(reply.author),
      record: {
        $type: 'app.bsky.feed.post',
        text: 'respuesta',
        createdAt: NOW,
        reply: { root: { uri: POST_URI, cid: CID }, parent: parentRef },
      },
      replyCount: reply.replies?.length ?? 0,
      repostCount: 0,
      likeCount: 0,
      quoteCount: 0,
      indexedAt: NOW,
      labels: [],
    },
    // Like the AppView, nested replies are only included down to the requested depth.
    ...(depthLeft > 0
      ? { replies: (reply.replies ?? []).map((child, childIndex) => threadNode(child, uri, index * 100 + childIndex + 1, depthLeft - 1)) }
      : {}),
  };
}

/** A PostView of a post quoting the channel's post (app.bsky.embed.record). */
function quotePostView(author: FakeActor) {
  const quotedRef = { uri: POST_URI, cid: CID };
  return {
    uri: `at://${author.did}/app.bsky.feed.post/3lquote`,
    cid: CID,
    author: profileView(author),
    record: {
      $type: 'app.bsky.feed.post',
      text: 'mirad esto',
      createdAt: NOW,
      embed: { $type: 'app.bsky.embed.record', record: quotedRef },
    },
    replyCount: 0,
    repostCount: 0,
    likeCount: 0,
    quoteCount: 0,
    indexedAt: NOW,
    labels: [],
  };
}

/** One page of `items` starting at the opaque cursor; the cursor is the AppView's own, never computed by the client. */
function page<T>(items: T[], params: URLSearchParams): { items: T[]; cursor?: string } {
  const limit = Math.min(Number(params.get('limit') ?? 50), state.maxPageSize ?? Number.POSITIVE_INFINITY);
  const cursor = params.get('cursor');
  const start = cursor === null ? 0 : Number(/^opaque-(\d+)$/.exec(cursor)?.[1] ?? Number.NaN);
  if (Number.isNaN(start)) throw new Error(`unknown cursor ${cursor}`);
  const slice = items.slice(start, start + limit);
  const next = start + slice.length;
  return { items: slice, cursor: next < items.length || state.trailingCursor ? `opaque-${next}` : undefined };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', baseUrl);
  const nsid = url.pathname.replace(/^\/xrpc\//, '');
  received.push({ nsid, method: request.method ?? '', params: Object.fromEntries(url.searchParams) });
  const failure = state.failures?.[nsid];
  if (failure) return sendJson(response, failure.status, { error: failure.error, message: failure.message });
  const limit = Number(url.searchParams.get('limit') ?? 50);
  // Parameter checks a real XRPC server makes from the lexicon.
  if (url.searchParams.get('uri') !== POST_URI || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    return sendJson(response, 400, { error: 'InvalidRequest', message: 'bad params' });
  }
  try {
    switch (nsid) {
      case 'app.bsky.feed.getLikes': {
        const { items, cursor } = page(state.likers, url.searchParams);
        return sendJson(response, 200, {
          uri: POST_URI,
          cursor,
          likes: items.map((liker) => ({ indexedAt: NOW, createdAt: NOW, actor: profileView(liker) })),
        });
      }
      case 'app.bsky.feed.getRepostedBy': {
        const { items, cursor } = page(state.reposters, url.searchParams);
        return sendJson(response, 200, { uri: POST_URI, cursor, repostedBy: items.map(profileView) });
      }
      case 'app.bsky.feed.getQuotes': {
        const { items, cursor } = page(state.quoters, url.searchParams);
        return sendJson(response, 200, { uri: POST_URI, cursor, posts: items.map(quotePostView) });
      }
      case 'app.bsky.feed.getPostThread': {
        const depth = Number(url.searchParams.get('depth') ?? 6);
        const root = threadNode({ kind: 'post', author: CHANNEL, replies: state.replies }, POST_URI, 0, depth) as { post: { uri: string } };
        root.post.uri = POST_URI;
        return sendJson(response, 200, { thread: root });
      }
      default:
        return sendJson(response, 501, { error: 'MethodNotImplemented', message: 'Method Not Implemented' });
    }
  } catch (error) {
    return sendJson(response, 400, { error: 'InvalidRequest', message: String(error) });
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  state = { likers: [], reposters: [], quoters: [], replies: [] };
  received = [];
});

// The function only needs an agent that reaches the AppView (in production, the logged-in channel's PDS proxy).
const appViewAgent = (): AtpAgent => new AtpAgent({ service: baseUrl });
const queriesOf = (nsid: string): ReceivedQuery[] => received.filter((query) => query.nsid === nsid);
const asMap = (accounts: Array<{ id: string; follower: boolean }>): Map<string, boolean> =>
  new Map(accounts.map((account) => [account.id, account.follower]));

describe('engagersFromAppView against an AppView', () => {
  it('reads likes and reposts across pages, counting each account once with its follower flag', async () => {
    const likers = actors('liker', 150, (index) => index % 2 === 0);
    const alsoReposted = likers.slice(0, 60);
    const onlyReposted = actors('reposter', 60, (index) => index % 3 === 0);
    // The channel liking its own post is not engagement.
    state.likers = [...likers.slice(0, 75), CHANNEL, ...likers.slice(75)];
    state.reposters = [...alsoReposted, ...onlyReposted];

    const engagers = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI);

    expect(engagers.accounts).toHaveLength(210);
    expect(new Set(engagers.accounts.map((account) => account.id)).size).toBe(210);
    expect(asMap(engagers.accounts)).toEqual(new Map([...likers, ...onlyReposted].map((profile) => [profile.did, profile.followsChannel])));
    expect(engagers.truncated).toBe(false);

    expect(queriesOf('app.bsky.feed.getLikes')).toEqual([
      { nsid: 'app.bsky.feed.getLikes', method: 'GET', params: { uri: POST_URI, limit: '100' } },
      { nsid: 'app.bsky.feed.getLikes', method: 'GET', params: { uri: POST_URI, limit: '100', cursor: 'opaque-100' } },
    ]);
    expect(queriesOf('app.bsky.feed.getRepostedBy')).toEqual([
      { nsid: 'app.bsky.feed.getRepostedBy', method: 'GET', params: { uri: POST_URI, limit: '100' } },
      { nsid: 'app.bsky.feed.getRepostedBy', method: 'GET', params: { uri: POST_URI, limit: '100', cursor: 'opaque-100' } },
    ]);
    expect(queriesOf('app.bsky.feed.getPostThread')).toEqual([
      { nsid: 'app.bsky.feed.getPostThread', method: 'GET', params: { uri: POST_URI, depth: '1', parentHeight: '0' } },
    ]);
  });

  it("counts the authors of direct replies, not the channel's own follow-ups, deeper replies or hidden ones", async () => {
    const fan = actor('fan', true);
    const passerby = actor('passerby', false);
    const likerWhoReplied = actor('likerreplier', false);
    const deepFollower = actor('deepfollower', true);
    const deepStranger = actor('deepstranger', false);
    const blockedReplier = actor('blockedreplier', true);
    state.likers = [likerWhoReplied];
    state.replies = [
      { kind: 'post', author: fan, replies: [{ kind: 'post', author: deepFollower }] },
      // The channel's thread follow-up; a reply under it is two levels deep.
      { kind: 'post', author: CHANNEL, replies: [{ kind: 'post', author: deepStranger }] },
      { kind: 'post', author: passerby },
      { kind: 'post', author: likerWhoReplied },
      { kind: 'blocked', author: blockedReplier },
      { kind: 'notFound' },
    ];

    const engagers = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI);

    // Direct replies only (depth 1), like the post's replyCount.
    expect(engagers.accounts).toEqual([
      { id: likerWhoReplied.did, follower: false },
      { id: fan.did, follower: true },
      { id: passerby.did, follower: false },
    ]);
    expect(engagers.truncated).toBe(false);
    expect(queriesOf('app.bsky.feed.getPostThread').map((query) => query.params)).toEqual([
      { uri: POST_URI, depth: '1', parentHeight: '0' },
    ]);
  });

  it('counts the authors of quote posts across pages, once each, with their follower flags', async () => {
    const quoters = actors('quoter', 130, (index) => index % 3 === 0);
    const likerWhoQuoted = actor('likerquoter', true);
    state.likers = [likerWhoQuoted];
    // The channel quoting its own post is not engagement.
    state.quoters = [...quoters.slice(0, 50), CHANNEL, likerWhoQuoted, ...quoters.slice(50)];

    const engagers = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI);

    expect(engagers.accounts).toHaveLength(131);
    expect(asMap(engagers.accounts)).toEqual(new Map([likerWhoQuoted, ...quoters].map((profile) => [profile.did, profile.followsChannel])));
    expect(engagers.truncated).toBe(false);
    expect(queriesOf('app.bsky.feed.getQuotes')).toEqual([
      { nsid: 'app.bsky.feed.getQuotes', method: 'GET', params: { uri: POST_URI, limit: '100' } },
      { nsid: 'app.bsky.feed.getQuotes', method: 'GET', params: { uri: POST_URI, limit: '100', cursor: 'opaque-100' } },
    ]);
  });

  it('flags truncation when the page limit cuts the quote list short', async () => {
    state.maxPageSize = 40;
    state.quoters = actors('quoter', 450, (index) => index % 2 === 0);

    const engagers = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI);

    expect(queriesOf('app.bsky.feed.getQuotes')).toHaveLength(10);
    expect(asMap(engagers.accounts)).toEqual(new Map(state.quoters.slice(0, 400).map((profile) => [profile.did, profile.followsChannel])));
    expect(engagers.truncated).toBe(true);
  });

  it.each([
    { status: 501, error: 'MethodNotImplemented', message: 'Method Not Implemented' },
    { status: 400, error: 'InvalidRequest', message: 'XRPC method not implemented' },
  ])('skips quotes on an AppView that predates getQuotes ($status $error), keeping likes, reposts and replies', async (failure) => {
    const liker = actor('liker', true);
    const reposter = actor('reposter', false);
    const replier = actor('replier', true);
    state.likers = [liker];
    state.reposters = [reposter];
    state.quoters = [actor('quoter', true)];
    state.replies = [{ kind: 'post', author: replier }];
    state.failures = { 'app.bsky.feed.getQuotes': failure };

    const engagers = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI);

    expect(engagers).toEqual({
      accounts: [
        { id: liker.did, follower: true },
        { id: reposter.did, follower: false },
        { id: replier.did, follower: true },
      ],
      truncated: false,
    });
    expect(received.map((query) => query.nsid)).toEqual([
      'app.bsky.feed.getLikes',
      'app.bsky.feed.getRepostedBy',
      'app.bsky.feed.getQuotes',
      'app.bsky.feed.getPostThread',
    ]);
  });

  it('throws any other getQuotes failure, like a failure of the other lists', async () => {
    state.likers = actors('liker', 3, () => true);
    state.failures = { 'app.bsky.feed.getQuotes': { status: 400, error: 'InvalidRequest', message: 'Invalid uri' } };

    const failure = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(XRPCError);
    expect(failure).toMatchObject({ status: 400, error: 'InvalidRequest' });
  });

  it('treats an empty last page that still carries a cursor as the end of the list', async () => {
    state.trailingCursor = true;
    state.likers = actors('liker', 100, () => true);

    const engagers = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI);

    expect(engagers.accounts).toHaveLength(100);
    expect(engagers.truncated).toBe(false);
    expect(queriesOf('app.bsky.feed.getLikes').map((query) => query.params.cursor)).toEqual([undefined, 'opaque-100']);
    expect(queriesOf('app.bsky.feed.getRepostedBy').map((query) => query.params.cursor)).toEqual([undefined]);
  });

  it('stops at the cap and flags the list as truncated', async () => {
    const likers = actors('liker', MAX_ENGAGERS_PER_POST + 50, (index) => index % 5 === 0);
    state.likers = likers;
    state.reposters = actors('reposter', 3, () => true);
    state.replies = [{ kind: 'post', author: actor('replier', true) }];

    const engagers = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI);

    expect(engagers.accounts).toHaveLength(MAX_ENGAGERS_PER_POST);
    expect(asMap(engagers.accounts)).toEqual(
      new Map(likers.slice(0, MAX_ENGAGERS_PER_POST).map((profile) => [profile.did, profile.followsChannel])),
    );
    expect(engagers.truncated).toBe(true);
    const likeCursors = queriesOf('app.bsky.feed.getLikes').map((query) => query.params.cursor);
    expect(likeCursors).toEqual([undefined, ...Array.from({ length: 9 }, (_, index) => `opaque-${(index + 1) * 100}`)]);
  });

  it('flags truncation when the page limit cuts a list short below the cap', async () => {
    // An AppView may answer fewer entries than asked for, so ten pages no longer reach the cap.
    state.maxPageSize = 40;
    state.likers = actors('liker', 500, () => false);
    state.reposters = actors('reposter', 30, () => true);

    const engagers = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI);

    expect(queriesOf('app.bsky.feed.getLikes')).toHaveLength(10);
    expect(engagers.accounts).toHaveLength(400 + 30);
    expect(engagers.truncated).toBe(true);
  });

  it('throws the XRPC error when the PDS has no AppView, so the caller can scan repositories instead', async () => {
    state.likers = actors('liker', 3, () => true);
    state.failures = { 'app.bsky.feed.getLikes': { status: 501, error: 'MethodNotImplemented', message: 'Method Not Implemented' } };

    const failure = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(XRPCError);
    expect(failure).toMatchObject({ status: 501, error: 'MethodNotImplemented' });
    expect(received.map((query) => query.nsid)).toEqual(['app.bsky.feed.getLikes']);
  });

  it('throws rather than returning a partial list when a later query fails', async () => {
    state.likers = actors('liker', 3, () => true);
    state.failures = { 'app.bsky.feed.getPostThread': { status: 400, error: 'NotFound', message: 'Post not found' } };

    const failure = await engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(XRPCError);
    expect(failure).toMatchObject({ status: 400, error: 'NotFound' });
  });

  it('sends nothing once the caller has aborted', async () => {
    await expect(engagersFromAppView(appViewAgent(), CHANNEL_DID, POST_URI, AbortSignal.abort())).rejects.toThrow();
    expect(received).toEqual([]);
  });
});
