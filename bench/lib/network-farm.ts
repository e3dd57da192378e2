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
 * Not in the farm: YouTube and TikTok (a video upload per post; YouTube's daily quota of six uploads
 * per project would defer most of a run), and WordPress (a real PHP and MariaDB server per account).
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
] as const;
export type FarmNetwork = (typeof FARM_NETWORKS)[number];

/** One post as the network stored it: its text and when it was made (ms). */
export interface MadePost {
  text: string;
  at: number;
}

interface Account {
  start(): Promise<void>;
  stop(): Promise<void>;
  baseUrl: string;
}

/** How to run one network's server as a farm account: its channel and the posts it made. */
interface Kind<S extends Account> {
  create(): S;
  channel(server: S, suffix: string): { settings: Record<string, unknown>; credentials: Record<string, unknown> };
  posts(server: S): MadePost[];
}

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
function liveClock(server: object): void {
  Object.defineProperty(server, 'clock', { get: () => Date.now(), set: () => undefined, configurable: true });
}

const KINDS: { [N in FarmNetwork]: Kind<Account> } = {
  facebook: {
    create: () => {
      const server = new FakeFacebookServer();
      liveClock(server);
      return server;
    },
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
    create: () => {
      const server = new FakeLinkedInServer();
      liveClock(server);
      return server;
    },
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
    create: () => {
      const server = new FakeGbpServer();
      liveClock(server);
      return server;
    },
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
};

export interface NetworkFarm {
  network: FarmNetwork;
  /** The origin workers reach this network at (the fault proxy). */
  origin: string;
  /** The same servers without the faults (the bench's own set-up calls). */
  directOrigin: string;
  proxy: FaultProxy;
  accounts: number;
  /** Settings and credentials of the channel that is account `index`. */
  channel(index: number): { settings: Record<string, unknown>; credentials: Record<string, unknown> };
  /** The posts account `index` made. */
  posts(index: number): MadePost[];
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
  const servers: Account[] = [];
  for (let i = 0; i < accounts; i++) servers.push(kind.create());
  // A few at a time: each listens on its own loopback port.
  for (let i = 0; i < servers.length; i += 50) await Promise.all(servers.slice(i, i + 50).map((s) => s.start()));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const farm = { routed: 0, unrouted: 0 };
  const router = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://router');
    const auth = String(req.headers.authorization ?? '');
    const queryToken = url.searchParams.get('access_token') ?? '';
    const pathMatch = PATH_SUFFIX.exec(url.pathname);
    const match = SUFFIX.exec(auth) ?? SUFFIX.exec(queryToken) ?? pathMatch;
    const target = match ? servers[Number(match[1])] : undefined;
    if (!match || !target) {
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
  if (chaos) proxy.chaos({ match: (method) => method === 'POST', ...chaos });
  return {
    network,
    origin: proxy.url,
    directOrigin: routerUrl,
    proxy,
    accounts,
    channel: (index) => kind.channel(servers[index]!, `~${index}`),
    posts: (index) => kind.posts(servers[index]!),
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
