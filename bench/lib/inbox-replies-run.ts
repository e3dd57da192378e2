/**
 * The inbox reply chaos run (issue 14: "1,000 replies with 5 % 5xx, 2 % timeouts after acceptance
 * and one SIGKILL of the worker: reply_duplicates = 0, reply_lost = 0"), part of `npm run
 * bench:inbox`, and its small version in test/bench-inbox-replies.test.ts.
 *
 * Facebook, Instagram, X, Telegram and LinkedIn channels, each its own account on the network's local contract
 * server (network-farm.ts), with people's comments and mentions on them, read into the inbox the
 * product's way (the adapter's fetchInbound, then ingestInbound) and answered from the inbox
 * (queueReply, one reply per comment). Two reply worker processes (reply-worker-main.ts: the product's
 * reply engine) send them through the fault proxy: random 503s and answers lost after the server
 * did the work, on every POST. One worker is SIGKILLed once a third of the replies are sent; the
 * other takes its replies over when their leases run out.
 *
 * Oracles, from the servers' own stores (each reply's text is unique): `duplicates`, a reply present
 * more than once; `lost`, a reply Plaza calls sent that the network does not have, or a reply never
 * settled; `failed`, a reply Plaza gave up on.
 */
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import pino from 'pino';
import { openDatabase, migrate } from '../../src/db/database.ts';
import type { SecretBox } from '../../src/lib/crypto.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { defaultAdapters } from '../../src/networks/index.ts';
import { NetworkRegistry } from '../../src/networks/registry.ts';
import type { ChannelContext } from '../../src/networks/types.ts';
import type { FakeFacebookServer } from '../../src/networks/facebook/testing/server.ts';
import type { FakeInstagramServer } from '../../src/networks/instagram/testing/server.ts';
import type { FakeXServer } from '../../src/networks/x/testing/server.ts';
import type { FakeTelegramServer } from '../../src/networks/telegram/testing/server.ts';
import type { FakeLinkedInServer } from '../../src/networks/linkedin/testing/server.ts';
import { ingestInbound, queueReply } from '../../src/modules/inbox/commands.ts';
import type { AppContext } from '../../src/server/context.ts';
import { injectedFaults, startNetworkFarm, type NetworkFarm } from './network-farm.ts';
import { createPgDatabase } from './pg.ts';
import { startProcess, stopProcess } from './processes.ts';

/** The networks the run answers on: the farm's networks whose inbox replies publicly to a comment or mention. */
export const REPLY_NETWORKS = ['facebook', 'instagram', 'x', 'telegram', 'linkedin'] as const;
export type ReplyNetwork = (typeof REPLY_NETWORKS)[number];

export interface InboxRepliesOptions {
  /** Replies in all, split evenly across REPLY_NETWORKS. */
  replies: number;
  /** Channels (accounts) per network. */
  channelsPerNetwork: number;
  secret: string;
  secrets: SecretBox;
  log(line: string): void;
  rate5xx?: number;
  lostAnswerRate?: number;
  /** How long a lost answer hangs before the connection drops. */
  hangMs?: number;
  /** The reply engine's lease (a killed worker's replies wait this long). */
  leaseMs?: number;
  /** Give up waiting for open replies after this long. */
  settleTimeoutMs?: number;
  /** How often progress is logged while replies are open. */
  reportEveryMs?: number;
}

export interface InboxRepliesResult {
  replies: number;
  sent: number;
  failed: number;
  reply_duplicates: number;
  reply_lost: number;
  kills: number;
  injected: { error5xx: number; lostAnswers: number };
  unroutedRequests: number;
  elapsed_ms: number;
  networks: Record<ReplyNetwork, { replies: number; sent: number; failed: number; duplicates: number; lost: number }>;
}

/** The full run: 1,000 replies. */
export const FULL_REPLIES = { replies: 1_000, channelsPerNetwork: 10 } as const;
/** The test suite's run (test/bench-inbox-replies.test.ts). */
export const SMALL_REPLIES = { replies: 80, channelsPerNetwork: 2 } as const;

const adapters = new Map(defaultAdapters().map((a) => [a.name as string, a]));

/** People's comments (or mentions) on one account, made on its server: what the inbox will read. */
async function seedComments(network: ReplyNetwork, farm: NetworkFarm, account: number, ctx: ChannelContext, count: number, tag: string) {
  const server = farm.server(account);
  const adapter = adapters.get(network)!;
  switch (network) {
    case 'facebook': {
      const fb = server as FakeFacebookServer;
      const post = await adapter.publish(ctx, { publicationId: randomUUID(), text: `Bench post ${tag}`, media: [] });
      for (let i = 0; i < count; i++)
        fb.addComment(post.remoteId, { fromId: `9${i}`, fromName: `Persona ${i}`, message: `¿Pregunta ${tag} ${i}?` });
      return;
    }
    case 'instagram': {
      const ig = server as FakeInstagramServer;
      const id = `1788${Date.now()}${account}`;
      ig.media.set(id, {
        id,
        caption: `Bench post ${tag}`,
        mediaType: 'IMAGE',
        productType: 'FEED',
        timestamp: Date.now() - 60_000,
        containerId: `c${id}`,
        deleted: false,
        comments: [],
      });
      for (let i = 0; i < count; i++) ig.addComment(id, { fromId: `5${i}`, username: `persona.${i}`, text: `¿Pregunta ${tag} ${i}?` });
      return;
    }
    case 'x': {
      const x = server as FakeXServer;
      const post = await adapter.publish(ctx, { publicationId: randomUUID(), text: `Bench post ${tag}`, media: [] });
      for (let i = 0; i < count; i++) x.addMention(`persona_${i}`, `@${x.account.username} ¿pregunta ${tag} ${i}?`, post.remoteId);
      return;
    }
    case 'telegram': {
      const tg = server as FakeTelegramServer;
      const post = await adapter.publish(ctx, { publicationId: randomUUID(), text: `Bench post ${tag}`, media: [] });
      const copy = tg.forwardToDiscussion(Number(post.remoteId));
      for (let i = 0; i < count; i++) tg.comment(copy, { id: 700 + i, first_name: `Persona ${i}` }, `¿Pregunta ${tag} ${i}?`);
      return;
    }
    case 'linkedin': {
      const li = server as FakeLinkedInServer;
      const post = await adapter.publish(ctx, { publicationId: randomUUID(), text: `Bench post ${tag}`, media: [] });
      for (let i = 0; i < count; i++) li.addComment(post.remoteId, `urn:li:person:persona${i}`, `¿Pregunta ${tag} ${i}?`);
      return;
    }
  }
}

/** How many times account `account` of `network` holds a reply with this text: the network's own count. */
function countOnNetwork(network: ReplyNetwork, farm: NetworkFarm, account: number, text: string): number {
  const server = farm.server(account);
  switch (network) {
    case 'facebook':
      return (server as FakeFacebookServer).answersWithText(text);
    case 'instagram':
      return (server as FakeInstagramServer).answersWithText(text);
    case 'x':
      return (server as FakeXServer).postsWithText(text);
    case 'telegram':
      return (server as FakeTelegramServer).groupRepliesWithText(text);
    case 'linkedin':
      return (server as FakeLinkedInServer).commentsWithText(text);
  }
}

export async function runInboxReplies(options: InboxRepliesOptions): Promise<InboxRepliesResult> {
  const started = Date.now();
  const perNetwork = Math.floor(options.replies / REPLY_NETWORKS.length);
  const farms = new Map<ReplyNetwork, NetworkFarm>();
  const pgDb = await createPgDatabase();
  const workers: ChildProcess[] = [];
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    let seed = 41;
    for (const network of REPLY_NETWORKS)
      farms.set(
        network,
        await startNetworkFarm(network, options.channelsPerNetwork, {
          rate5xx: options.rate5xx ?? 0.05,
          lostAnswerRate: options.lostAnswerRate ?? 0.02,
          hangMs: options.hangMs ?? 1_500,
          seed: seed++,
        }),
      );
    // Set-up goes to the servers directly, without faults; only the workers go through the proxy.
    for (const farm of farms.values()) farm.proxy.clear();
    database = await openDatabase({ databaseUrl: pgDb.url, poolSize: 4 });
    await migrate(database);
    const raw = database.raw;
    const ctx: AppContext = {
      database,
      secrets: options.secrets,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      media: undefined as never,
      networks: new NetworkRegistry(defaultAdapters()),
      config: loadConfig({ LOG_LEVEL: 'silent', PLAZA_ALLOW_PRIVATE_URLS: 'true' } as NodeJS.ProcessEnv),
    };
    const { rows: users } = await raw.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash) VALUES ('replies@bench.example', 'Bench', 'x') RETURNING id`,
    );
    const userId = users[0]!.id;
    const { rows: ws } = await raw.query<{ id: string }>(
      `INSERT INTO workspaces (name, time_zone, language) VALUES ('Bench replies', 'Europe/Madrid', 'es') RETURNING id`,
    );
    const workspaceId = ws[0]!.id;

    interface Planned {
      network: ReplyNetwork;
      account: number;
      replyId: string;
      text: string;
    }
    const planned: Planned[] = [];
    for (const network of REPLY_NETWORKS) {
      const farm = farms.get(network)!;
      for (let account = 0; account < options.channelsPerNetwork; account++) {
        const count = Math.floor(perNetwork / options.channelsPerNetwork) + (account < perNetwork % options.channelsPerNetwork ? 1 : 0);
        const { settings, credentials } = farm.channel(account);
        const channelId = randomUUID();
        await raw.query(
          `INSERT INTO channels (id, workspace_id, network, name, settings, credentials_sealed) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
          [channelId, workspaceId, network, `bench ${network} ${account}`, JSON.stringify(settings), options.secrets.seal(credentials)],
        );
        const direct: ChannelContext = { channelId, settings, credentials, origin: farm.directOrigin, allowPrivateUrls: true };
        await seedComments(network, farm, account, direct, count, `${network}-${account}`);
        // Read into the inbox as the poll job does.
        const inbox = adapters.get(network)!.inbox!;
        let cursor: string | null = null;
        const since = new Date(Date.now() - 3_600_000).toISOString();
        for (let page = 0; page < 50; page++) {
          const read = await inbox.fetchInbound(direct, { cursor, ...(cursor === null ? { since } : {}) });
          if (read.items.length) await ingestInbound(ctx, { id: channelId, workspace_id: workspaceId, network }, read.items, 'poll');
          cursor = read.cursor;
          if (!read.hasMore) break;
        }
        const { rows: items } = await raw.query<{ id: string; conversation_id: string }>(
          `SELECT id, conversation_id FROM inbox_items WHERE channel_id = $1 AND direction = 'inbound' ORDER BY remote_created_at, id`,
          [channelId],
        );
        if (items.length < count) throw new Error(`${network} account ${account}: ${items.length} items read, ${count} expected`);
        for (const item of items.slice(0, count)) {
          const text = `Gracias, te respondemos aquí ${randomUUID()}`;
          const reply = await queueReply(ctx, {
            workspaceId,
            actorUserId: userId,
            conversationId: item.conversation_id,
            itemId: item.id,
            text,
          });
          planned.push({ network, account, replyId: reply.id, text });
        }
      }
    }
    options.log(
      `replies: ${planned.length} queued on ${REPLY_NETWORKS.length * options.channelsPerNetwork} channels (${REPLY_NETWORKS.join(', ')})`,
    );

    // Faults on, then the workers.
    let chaosSeed = 61;
    for (const farm of farms.values())
      farm.proxy.chaos({
        match: (method) => method === 'POST',
        rate5xx: options.rate5xx ?? 0.05,
        lostAnswerRate: options.lostAnswerRate ?? 0.02,
        hangMs: options.hangMs ?? 1_500,
        seed: chaosSeed++,
      });
    const env = {
      DATABASE_URL: pgDb.url,
      BENCH_SECRET: options.secret,
      PLAZA_ALLOW_PRIVATE_URLS: 'true',
      PLAZA_NETWORK_ORIGINS: [...farms.values()].map((f) => `${f.network}=${f.origin}`).join(','),
      REPLY_OPTIONS: JSON.stringify({ leaseMs: options.leaseMs ?? 15_000, limit: 20 }),
    };
    const queuedAt = Date.now();
    workers.push(...(await Promise.all([0, 1].map(async () => (await startProcess('bench/lib/reply-worker-main.ts', env)).child))));

    const count = async (state: string) =>
      (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox_replies WHERE state = $1`, [state])).rows[0]!.n;
    // One worker SIGKILLed once a third of the replies are sent (not replaced: the other takes its work over).
    let killed = false;
    const deadline = Date.now() + (options.settleTimeoutMs ?? 300_000);
    let nextReport = Date.now() + (options.reportEveryMs ?? 15_000);
    for (;;) {
      const sent = await count('sent');
      if (!killed && sent >= planned.length / 3) {
        const victim = workers[0]!;
        victim.kill('SIGKILL');
        await new Promise((r) => victim.once('exit', r));
        killed = true;
        options.log(`replies: worker 1 of 2 killed with SIGKILL after ${sent} sent, ${Date.now() - queuedAt} ms in`);
      }
      const { rows } = await raw.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM inbox_replies WHERE state IN ('queued', 'sending')`,
      );
      if ((killed && rows[0]!.open === 0) || Date.now() > deadline) break;
      if (Date.now() >= nextReport) {
        nextReport = Date.now() + (options.reportEveryMs ?? 15_000);
        const { rows: open } = await raw.query<{ state: string; attempts: number; reconcile: boolean; n: number }>(
          `SELECT state, attempts, needs_reconcile AS reconcile, count(*)::int AS n FROM inbox_replies WHERE state IN ('queued', 'sending') GROUP BY 1, 2, 3`,
        );
        options.log(`replies: ${rows[0]!.open} still open ${Date.now() - queuedAt} ms in: ${JSON.stringify(open)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const elapsed = Date.now() - queuedAt;

    const { rows: retried } = await raw.query<{ code: string | null; n: number }>(
      `SELECT error_code AS code, count(*)::int AS n FROM inbox_replies WHERE attempts > 1 GROUP BY 1 ORDER BY 2 DESC`,
    );
    options.log(`replies: retried, by the last retry's code ${JSON.stringify(Object.fromEntries(retried.map((r) => [r.code, r.n])))}`);
    const { rows: settled } = await raw.query<{ id: string; state: string; error_code: string | null; error_message: string | null }>(
      'SELECT id, state, error_code, error_message FROM inbox_replies',
    );
    const stateOf = new Map(settled.map((r) => [r.id, r]));
    const failedReasons = new Map<string, number>();
    for (const r of settled)
      if (r.state === 'failed')
        failedReasons.set(`${r.error_code}: ${r.error_message}`, (failedReasons.get(`${r.error_code}: ${r.error_message}`) ?? 0) + 1);
    if (failedReasons.size) options.log(`replies: failed by reason ${JSON.stringify(Object.fromEntries(failedReasons))}`);
    const networks = {} as InboxRepliesResult['networks'];
    for (const network of REPLY_NETWORKS) {
      const farm = farms.get(network)!;
      const mine = planned.filter((p) => p.network === network);
      let duplicates = 0;
      let lost = 0;
      let sent = 0;
      let failed = 0;
      const lostOnes: Array<{ replyId: string; state: string; onNetwork: number }> = [];
      for (const reply of mine) {
        const onNetwork = countOnNetwork(network, farm, reply.account, reply.text);
        const state = stateOf.get(reply.replyId)?.state ?? 'missing';
        duplicates += Math.max(0, onNetwork - 1);
        if (state === 'sent') sent += 1;
        if (state === 'failed') failed += 1;
        if ((state === 'sent' && onNetwork === 0) || (state !== 'sent' && state !== 'failed')) {
          lost += 1;
          lostOnes.push({ replyId: reply.replyId, state, onNetwork });
        }
      }
      if (lostOnes.length) options.log(`replies: ${network} lost ${JSON.stringify(lostOnes)}`);
      networks[network] = { replies: mine.length, sent, failed, duplicates, lost };
    }
    const all = Object.values(networks);
    const injected = injectedFaults(farms.values());
    return {
      replies: planned.length,
      sent: all.reduce((t, n) => t + n.sent, 0),
      failed: all.reduce((t, n) => t + n.failed, 0),
      reply_duplicates: all.reduce((t, n) => t + n.duplicates, 0),
      reply_lost: all.reduce((t, n) => t + n.lost, 0),
      kills: killed ? 1 : 0,
      injected,
      unroutedRequests: [...farms.values()].reduce((t, f) => t + f.unrouted, 0),
      elapsed_ms: elapsed,
      networks,
    };
  } finally {
    for (const worker of workers) await stopProcess(worker, 'SIGKILL');
    await database?.close();
    for (const farm of farms.values()) await farm.stop();
    await pgDb.drop();
    options.log(`replies: run took ${Date.now() - started} ms with set-up`);
  }
}
