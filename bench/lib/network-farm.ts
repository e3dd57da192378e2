/**
 * Benchmark plumbing: many accounts of one network on its local contract server
 * (src/networks/<name>/testing/server.ts), behind one origin that Plaza's PLAZA_NETWORK_ORIGINS
 * can name, with random faults in front (src/networks/testing/fault-proxy.ts).
 *
 *   worker ── fault proxy (5% 503, 2% answers lost after the server did the work) ── router ── account i
 *
 * Each account is its own server instance (its own posts, quotas and per-user windows, as each
 * channel is its own account on the real network). A channel's tokens carry the account's
 * number after a `~` ("page-token~17"); the router strips it and forwards to that account, so
 * the servers see the tokens they issued.
 *
 * The servers' clocks follow the wall clock here, so what each one stamps on a post (Facebook
 * feed post, Instagram media_publish, Threads threads_publish, X POST /2/tweets, LinkedIn POST
 * /rest/posts, Google Business localPosts) is when the network made the post: lateness is read from
 * those stamps. Servers whose stamps are a test clock or whole seconds (Pinterest, Telegram, Discord,
 * Slack) get their store's inserts stamped on the wall clock instead (stampInserts).
 *
 * YouTube and TikTok take a video upload per post (and TikTok photo posts): the fault proxy hits
 * their PUTs too (upload chunks, YouTube's videos.update that makes a video public), not only POSTs.
 * TikTok's upload URLs carry no token: the router finds the account by the upload's id. YouTube's
 * daily quota is per Google Cloud project (videos.insert 100 a day, 10,000 units): each farm
 * account is its own project (`settings.quotaProject`), as each channel of a real install whose
 * owners each registered their own developer app would be, so the quota never defers a bench post
 * (a channel gets at most a few posts a run) while the ledger and the server still count it.
 * A YouTube video counts as made when videos.update takes it out of private (its release at
 * Plaza's time); one still private is a video on the network but not a published post.
 *
 * WordPress is the real one (Debian's WordPress under `php -S` with MariaDB,
 * src/networks/wordpress/testing/wordpress.ts): one site, each farm account its own WordPress
 * user (an author) with its own application password, found by the router from the Basic auth
 * login. Its channels name the fault proxy as their site address (settings.siteUrl), as a blog
 * behind a flaky front end, so they are not in PLAZA_NETWORK_ORIGINS (`viaOrigins`). The posts
 * are read from WordPress's own database (wp_posts: author, title, slug, status), so a second post
 * for one publication (WordPress would give it the slug with "-2") counts as a duplicate by its
 * title; a post not `publish` is not a published post. post_date_gmt has whole seconds: the router
 * stamps each post when WordPress got its POST (the id from the 201's Location).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFacebookServer } from '../../src/networks/facebook/testing/server.ts';
import { FakeInstagramServer } from '../../src/networks/instagram/testing/server.ts';
import { FakeLinkedInServer } from '../../src/networks/linkedin/testing/server.ts';
import { FakeThreadsServer } from '../../src/networks/threads/testing/server.ts';
import { FakeXServer } from '../../src/networks/x/testing/server.ts';
import { FakePinterestServer } from '../../src/networks/pinterest/testing/server.ts';
import { FakeGbpServer } from '../../src/networks/google-business/testing/server.ts';
import { FakeTelegramServer } from '../../src/networks/telegram/testing/server.ts';
import { FakeDiscordServer } from '../../src/networks/discord/testing/server.ts';
import { FakeSlackServer } from '../../src/networks/slack/testing/server.ts';
import { FakeYouTubeServer } from '../../src/networks/youtube/testing/server.ts';
import { FakeTikTokServer, UPLOAD_HOST } from '../../src/networks/tiktok/testing/server.ts';
import { creatorSettings } from '../../src/networks/tiktok/creator.ts';
import { startWordPress, type LocalWordPress } from '../../src/networks/wordpress/testing/wordpress.ts';
import { startFaultProxy, type ChaosOptions, type FaultProxy } from '../../src/networks/testing/fault-proxy.ts';

/** Part 1's networks, then part 2's (issue 15) that the farm runs. */
export const FARM_NETWORKS = [
  'facebook',
  'instagram',
  'threads',
  'x',
  'linkedin',
  'pinterest',
  'google-business',
  'telegram',
  'discord',
  'slack',
  'youtube',
  'tiktok',
  'wordpress',
] as const;
export type FarmNetwork = (typeof FARM_NETWORKS)[number];

/** One post as the network stored it: its text and when it was made (ms). */
export interface MadePost {
  text: string;
  at: number;
  /** On the network but not published as asked (a YouTube video still private, a WordPress draft). */
  unfinished?: boolean;
}

interface Account {
  start(): Promise<void>;
  stop(): Promise<void>;
  baseUrl: string;
}

/** How to run one network's server as a farm account: its channel and the posts it made. */
interface Kind<S extends Account> {
  /** One server per account (the default)… */
  create?(): S;
  /** …or all accounts at once, sharing what `stop` ends (WordPress: one site, a user per account). */
  startAll?(count: number): Promise<{ accounts: S[]; stop(): Promise<void> }>;
  /** The channel of an account; `origin` is the farm's fault proxy. */
  channel(server: S, suffix: string, origin: string): { settings: Record<string, unknown>; credentials: Record<string, unknown> };
  posts(server: S): MadePost[] | Promise<MadePost[]>;
  /** The account a request is for when no token carries a `~N` suffix (TikTok's upload URLs, WordPress's Basic auth). */
  route?(accounts: S[], req: http.IncomingMessage, url: URL): number | undefined;
  /** Sees each answer the router passes back, with when its request arrived (WordPress: when each post was made). */
  observe?(account: S, req: http.IncomingMessage, url: URL, arrivedAt: number, answer: http.IncomingMessage): void;
  /** Methods the fault proxy hits (default POST). */
  faultMethods?: string[];
  /** false: channels name the proxy as their own address instead of going through PLAZA_NETWORK_ORIGINS. */
  viaOrigins?: boolean;
}

/** A WordPress user of the farm's one site: a channel's account. */
interface WordPressAccount extends Account {
  site: LocalWordPress;
  user: { id: number; login: string; appPassword: string };
  /** Post id → when WordPress got the POST that made it (shared by the site's accounts). */
  stamps: Map<number, number>;
}
const WORDPRESS_LOGIN = /^plazafarm(\d+)$/;

/**
 * When each post was stored, on the wall clock, for servers whose own stamps are a test clock or
 * whole seconds: the store's `push` (an array) or `set` (a map) is wrapped to note the instant.
 */
function stampInserts<T extends object>(store: T[] | Map<string, T>): WeakMap<T, number> {
  const stamps = new WeakMap<T, number>();
  if (Array.isArray(store)) {
    const push = store.push.bind(store);
    store.push = (...items: T[]) => {
      for (const item of items) if (!stamps.has(item)) stamps.set(item, Date.now());
      return push(...items);
    };
  } else {
    const set = store.set.bind(store);
    store.set = (key: string, value: T) => {
      if (!stamps.has(value)) stamps.set(value, Date.now());
      return set(key, value);
    };
  }
  return stamps;
}

const stamped = new WeakMap<object, WeakMap<object, number>>();
function stampsOf<T extends object>(server: object, store: T[] | Map<string, T>): WeakMap<T, number> {
  let stamps = stamped.get(server) as WeakMap<T, number> | undefined;
  if (!stamps) {
    stamps = stampInserts(store);
    stamped.set(server, stamps as WeakMap<object, number>);
  }
  return stamps;
}

/** The server's `clock` (a fixed instant tests move by hand) follows the wall clock instead. */
function liveClock<T extends object>(server: T): T {
  Object.defineProperty(server, 'clock', { get: () => Date.now(), set: () => undefined, configurable: true });
  return server;
}

const KINDS: { [N in FarmNetwork]: Kind<Account> } = {
  facebook: {
    create: () => liveClock(new FakeFacebookServer()),
    channel: (s, suffix) => {
      const server = s as FakeFacebookServer;
      return {
        settings: { pageId: server.pageId },
        credentials: { accessToken: server.longUserToken + suffix, pageAccessToken: server.pageToken + suffix },
      };
    },
    posts: (s) =>
      [...(s as FakeFacebookServer).posts.values()].filter((p) => !p.deleted).map((p) => ({ text: p.message, at: p.createdAt })),
  },
  instagram: {
    create: () => {
      const server = new FakeInstagramServer();
      liveClock(server);
      // An image container is ready at its first status read (a video takes longer).
      server.pollsUntilFinished = 0;
      return server;
    },
    channel: (s, suffix) => {
      const server = s as FakeInstagramServer;
      return { settings: { igUserId: server.igUserId, api: 'instagram' }, credentials: { accessToken: server.longToken + suffix } };
    },
    posts: (s) =>
      [...(s as FakeInstagramServer).media.values()].filter((m) => !m.deleted).map((m) => ({ text: m.caption, at: m.timestamp })),
  },
  threads: {
    create: () => new FakeThreadsServer(),
    channel: (s, suffix) => {
      const server = s as FakeThreadsServer;
      return { settings: { userId: server.userId, username: server.username }, credentials: { accessToken: server.token + suffix } };
    },
    posts: (s) => [...(s as FakeThreadsServer).posts.values()].map((p) => ({ text: p.text, at: p.timestamp })),
  },
  x: {
    create: () => new FakeXServer(),
    channel: (s, suffix) => {
      const server = s as FakeXServer;
      return {
        settings: { userId: server.account.id, username: server.account.username },
        credentials: { accessToken: server.token + suffix },
      };
    },
    posts: (s) => [...(s as FakeXServer).posts.values()].filter((p) => !p.deleted).map((p) => ({ text: p.text, at: p.createdAt })),
  },
  linkedin: {
    create: () => liveClock(new FakeLinkedInServer()),
    channel: (s, suffix) => {
      const server = s as FakeLinkedInServer;
      return { settings: { authorUrn: server.organizationUrn, kind: 'organization' }, credentials: { accessToken: server.token + suffix } };
    },
    posts: (s) =>
      [...(s as FakeLinkedInServer).posts.values()]
        .filter((p) => p.lifecycleState === 'PUBLISHED')
        .map((p) => ({ text: p.text, at: p.createdAt })),
  },
  pinterest: {
    create: () => {
      const server = new FakePinterestServer();
      stampsOf(server, server.pins);
      return server;
    },
    channel: (s, suffix) => {
      const server = s as FakePinterestServer;
      return {
        settings: { boardId: [...server.boards.keys()][0]!, username: server.account.username },
        credentials: { accessToken: server.token + suffix },
      };
    },
    posts: (s) => {
      const server = s as FakePinterestServer;
      const stamps = stampsOf(server, server.pins);
      return [...server.pins.values()].map((p) => ({ text: p.description ?? p.title ?? '', at: stamps.get(p) ?? NaN }));
    },
  },
  'google-business': {
    create: () => liveClock(new FakeGbpServer()),
    channel: (s, suffix) => {
      const server = s as FakeGbpServer;
      return {
        settings: { accountName: server.accountName, locationName: server.locationName },
        credentials: { accessToken: server.token + suffix },
      };
    },
    posts: (s) =>
      (s as FakeGbpServer).posts.filter((p) => !p.deleted).map((p) => ({ text: p.summary ?? '', at: Date.parse(p.createTime ?? '') })),
  },
  telegram: {
    create: () => {
      const server = new FakeTelegramServer();
      stampsOf(server, server.messages);
      return server;
    },
    channel: (s, suffix) => {
      const server = s as FakeTelegramServer;
      return {
        settings: { chatId: `@${server.channel.username}` },
        credentials: { botToken: server.token + suffix.replace('~', '_farm') },
      };
    },
    posts: (s) => {
      const server = s as FakeTelegramServer;
      const stamps = stampsOf(server, server.messages);
      return server.live().map((m) => ({ text: m.text ?? m.caption ?? '', at: stamps.get(m) ?? m.date * 1000 }));
    },
  },
  discord: {
    create: () => {
      const server = new FakeDiscordServer();
      stampsOf(server, server.messages);
      return server;
    },
    channel: (s, suffix) => {
      const server = s as FakeDiscordServer;
      return {
        settings: { mode: 'bot', channelId: [...server.channels.keys()][0]!, guildId: server.guildId },
        credentials: { botToken: server.bot.token + suffix },
      };
    },
    posts: (s) => {
      const server = s as FakeDiscordServer;
      const stamps = stampsOf(server, server.messages);
      return [...server.messages.values()].filter((m) => !m.deleted).map((m) => ({ text: m.content, at: stamps.get(m) ?? NaN }));
    },
  },
  slack: {
    create: () => {
      const server = new FakeSlackServer();
      stampsOf(server, server.messages);
      return server;
    },
    channel: (s, suffix) => {
      const server = s as FakeSlackServer;
      return {
        settings: { mode: 'bot', channel: server.channel.id, channelName: server.channel.name },
        credentials: { botToken: server.token + suffix },
      };
    },
    posts: (s) => {
      const server = s as FakeSlackServer;
      const stamps = stampsOf(server, server.messages);
      return server.messages.filter((m) => !m.deleted && !m.thread_ts).map((m) => ({ text: m.text ?? '', at: stamps.get(m) ?? NaN }));
    },
  },
  youtube: {
    create: () => liveClock(new FakeYouTubeServer()),
    channel: (s, suffix) => {
      const server = s as FakeYouTubeServer;
      return {
        // Each account its own Google Cloud project, with its own daily quota (header comment).
        settings: { channelId: server.channelId, uploadsPlaylistId: server.uploadsPlaylistId, quotaProject: `farm-project${suffix}` },
        credentials: { accessToken: server.token + suffix },
      };
    },
    posts: (s) =>
      [...(s as FakeYouTubeServer).videos.values()]
        .filter((v) => !v.deleted)
        .map((v) => ({ text: v.description, at: v.releasedAt ?? Date.parse(v.publishedAt), unfinished: v.privacyStatus === 'private' })),
    faultMethods: ['POST', 'PUT'],
  },
  tiktok: {
    create: () => new FakeTikTokServer(),
    channel: (s, suffix) => {
      const server = s as FakeTikTokServer;
      return {
        // What sign-in keeps from the creator's info (oauth.ts).
        settings: { openId: server.user.open_id, username: server.user.username, ...creatorSettings(server.creator, true) },
        credentials: { accessToken: server.token + suffix },
      };
    },
    posts: (s) =>
      [...(s as FakeTikTokServer).publishes.values()]
        .filter((p) => p.postId && p.mode === 'direct')
        .map((p) => ({ text: String((p.mediaType === 'VIDEO' ? p.postInfo.title : p.postInfo.description) ?? ''), at: p.postedAt ?? NaN })),
    // Upload URLs name the upload, not the creator.
    route: (accounts, _req, url) => {
      if (!url.pathname.startsWith(`/${UPLOAD_HOST}/`)) return undefined;
      const upload = url.searchParams.get('upload_id');
      if (!upload) return undefined;
      const index = accounts.findIndex((a) => [...(a as FakeTikTokServer).publishes.keys()].some((id) => id.endsWith(upload)));
      return index === -1 ? undefined : index;
    },
    faultMethods: ['POST', 'PUT'],
  },
  wordpress: {
    startAll: async (count) => {
      const site = await startWordPress();
      try {
        const users = await site.addUsers('plazafarm', count);
        const stamps = new Map<number, number>();
        const accounts = users.map(
          (user): WordPressAccount => ({ site, user, stamps, baseUrl: site.base, start: async () => {}, stop: async () => {} }),
        );
        return { accounts, stop: () => site.stop() };
      } catch (error) {
        await site.stop();
        throw error;
      }
    },
    channel: (a, _suffix, origin) => {
      const account = a as WordPressAccount;
      return {
        settings: { siteUrl: origin, username: account.user.login },
        credentials: { applicationPassword: account.user.appPassword },
      };
    },
    posts: async (a) => {
      const account = a as WordPressAccount;
      return (await account.site.storedPosts())
        .filter((p) => p.author === account.user.id && p.status !== 'trash')
        .map((p) => ({
          text: p.title,
          at: account.stamps.get(p.id) ?? Date.parse(`${p.dateGmt.replace(' ', 'T')}Z`),
          unfinished: p.status !== 'publish',
        }));
    },
    route: (_accounts, req) => {
      const auth = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''));
      const login = auth ? Buffer.from(auth[1]!, 'base64').toString('utf8').split(':')[0]! : '';
      const match = WORDPRESS_LOGIN.exec(login);
      return match ? Number(match[1]) : undefined;
    },
    observe: (a, req, url, arrivedAt, answer) => {
      if (req.method !== 'POST' || url.searchParams.get('rest_route') !== '/wp/v2/posts' || answer.statusCode !== 201) return;
      const id = /\/wp\/v2\/posts\/(\d+)$/.exec(String(answer.headers.location ?? ''));
      if (id) (a as WordPressAccount).stamps.set(Number(id[1]), arrivedAt);
    },
    viaOrigins: false,
  },
};

export interface NetworkFarm {
  network: FarmNetwork;
  /** The origin workers reach this network at (the fault proxy). */
  origin: string;
  /** Whether workers reach it through PLAZA_NETWORK_ORIGINS (false: the channels name `origin` themselves). */
  viaOrigins: boolean;
  /** The same servers without the faults (the bench's own set-up calls). */
  directOrigin: string;
  proxy: FaultProxy;
  accounts: number;
  /** Settings and credentials of the channel that is account `index`. */
  channel(index: number): { settings: Record<string, unknown>; credentials: Record<string, unknown> };
  /** The posts account `index` made. */
  posts(index: number): Promise<MadePost[]>;
  /** Account `index`'s server itself (its test helpers: comments by others, the inbox's oracles). */
  server(index: number): unknown;
  /** Requests the router sent to the accounts. */
  routed: number;
  /** Requests whose token named no account (answered 401): should stay 0. */
  unrouted: number;
  stop(): Promise<void>;
}

const SUFFIX = /(?:~|_farm)(\d+)$/;
/** A token in the path (Telegram: /bot<token>_farm17/sendMessage; its tokens allow only [A-Za-z0-9_-] after the colon). */
const PATH_SUFFIX = /_farm(\d+)\//;

/** Starts `accounts` servers of `network`, the router in front of them and the fault proxy in front of that. */
export async function startNetworkFarm(
  network: FarmNetwork,
  accounts: number,
  chaos?: Omit<ChaosOptions, 'match'> & { match?: ChaosOptions['match'] },
): Promise<NetworkFarm> {
  const kind = KINDS[network];
  let servers: Account[] = [];
  let stopShared = async () => {};
  if (kind.startAll) ({ accounts: servers, stop: stopShared } = await kind.startAll(accounts));
  else {
    for (let i = 0; i < accounts; i++) servers.push(kind.create!());
    // A few at a time: each listens on its own loopback port.
    for (let i = 0; i < servers.length; i += 50) await Promise.all(servers.slice(i, i + 50).map((s) => s.start()));
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const farm = { routed: 0, unrouted: 0 };
  const router = http.createServer((req, res) => {
    const arrivedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://router');
    const auth = String(req.headers.authorization ?? '');
    const queryToken = url.searchParams.get('access_token') ?? '';
    const pathMatch = PATH_SUFFIX.exec(url.pathname);
    const match = SUFFIX.exec(auth) ?? SUFFIX.exec(queryToken) ?? pathMatch;
    const index = match ? Number(match[1]) : kind.route?.(servers, req, url);
    const target = index === undefined ? undefined : servers[index];
    if (!target) {
      farm.unrouted += 1;
      req.resume();
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'no account for this token' }));
      return;
    }
    farm.routed += 1;
    const headers = { ...req.headers };
    if (auth) headers.authorization = auth.replace(SUFFIX, '');
    if (queryToken) url.searchParams.set('access_token', queryToken.replace(SUFFIX, ''));
    if (pathMatch) url.pathname = url.pathname.replace(PATH_SUFFIX, '/');
    const upstream = new URL(target.baseUrl);
    headers.host = upstream.host;
    const forward = http.request(
      { agent, host: upstream.hostname, port: upstream.port, method: req.method, path: `${url.pathname}${url.search}`, headers },
      (answer) => {
        kind.observe?.(target, req, url, arrivedAt, answer);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
  const routerUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}`;
  const proxy = await startFaultProxy(routerUrl);
  const faultMethods = kind.faultMethods ?? ['POST'];
  if (chaos) proxy.chaos({ match: (method) => faultMethods.includes(method), ...chaos });
  return {
    network,
    origin: proxy.url,
    viaOrigins: kind.viaOrigins ?? true,
    directOrigin: routerUrl,
    proxy,
    accounts,
    channel: (index) => kind.channel(servers[index]!, `~${index}`, proxy.url),
    posts: async (index) => kind.posts(servers[index]!),
    server: (index) => servers[index]!,
    get routed() {
      return farm.routed;
    },
    get unrouted() {
      return farm.unrouted;
    },
    async stop() {
      await proxy.close();
      router.closeAllConnections();
      await new Promise<void>((resolve) => router.close(() => resolve()));
      agent.destroy();
      for (let i = 0; i < servers.length; i += 50) await Promise.all(servers.slice(i, i + 50).map((s) => s.stop()));
      await stopShared();
    },
  };
}

/** The faults the farms' proxies injected in all: 5xx answers and answers lost after acceptance. */
export function injectedFaults(farms: Iterable<NetworkFarm>): { error5xx: number; lostAnswers: number } {
  const injected = { error5xx: 0, lostAnswers: 0 };
  for (const farm of farms) {
    injected.error5xx += farm.proxy.chaosCounts.error5xx;
    injected.lostAnswers += farm.proxy.chaosCounts.lostAnswers;
  }
  return injected;
}
