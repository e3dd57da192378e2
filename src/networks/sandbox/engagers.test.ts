import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ENGAGERS_PER_POST, NetworkError, type ChannelContext } from '../types.ts';
import { HOUR_MS } from './audience.ts';
import { engagersAt } from './engagers.ts';
import { sandboxAdapter, setInProcessSandbox } from './index.ts';
import { startSandboxServer, type SandboxServer } from './server.ts';
import { SandboxNetwork } from './simulator.ts';

const START = Date.UTC(2025, 4, 6, 9, 0, 0);
let now = START;
let network: SandboxNetwork;
let server: SandboxServer;

beforeAll(async () => {
  network = new SandboxNetwork({ seed: 7, now: () => now });
  server = await startSandboxServer({ host: '127.0.0.1', network });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  now = START;
  network.reset();
  setInProcessSandbox(network);
});

const inProcess: ChannelContext = { channelId: 'ch-1', settings: { handle: 'brand' }, credentials: { token: 'tok' } };
const overHttp = (): ChannelContext => ({ ...inProcess, settings: { handle: 'brand', serverUrl: server.url }, allowPrivateUrls: true });

describe('sandbox fetchEngagers', () => {
  it('returns the distinct simulated accounts behind the counts, the same in-process and over HTTP', async () => {
    network.configureAccount('brand', { followers: 8_000 });
    const { remoteId } = await sandboxAdapter.publish(inProcess, {
      publicationId: 'pub-1',
      text: '¿Qué os parece el nuevo diseño? #otoño',
      media: [],
    });
    expect((await sandboxAdapter.fetchEngagers!(inProcess, remoteId)).accounts).toEqual([]);

    now = START + 24 * HOUR_MS;
    const metrics = await sandboxAdapter.fetchMetrics(inProcess, remoteId);
    const engagers = await sandboxAdapter.fetchEngagers!(inProcess, remoteId);
    const total = metrics.likes! + metrics.reposts! + metrics.quotes! + metrics.replies!;
    expect(engagers.truncated).toBe(false);
    expect(engagers.accounts.length).toBeGreaterThan(10);
    // People like and repost the same post, and fans come back: fewer accounts than engagements.
    expect(engagers.accounts.length).toBeLessThanOrEqual(total);
    expect(new Set(engagers.accounts.map((a) => a.id)).size).toBe(engagers.accounts.length);
    const followers = engagers.accounts.filter((a) => a.follower).length;
    expect(followers).toBeGreaterThan(0);
    expect(followers).toBeLessThan(engagers.accounts.length);
    // Every simulated reply author is among the engagers.
    const ids = new Set(engagers.accounts.map((a) => a.id));
    const replies = (await sandboxAdapter.fetchMentions(inProcess)).filter((m) => m.inReplyToRemoteId === remoteId);
    expect(replies.length).toBe(metrics.replies);
    for (const reply of replies) expect(ids.has(reply.authorHandle)).toBe(true);

    expect(await sandboxAdapter.fetchEngagers!(overHttp(), remoteId)).toEqual(engagers);
    // Deterministic, and a follower stays a follower on another post.
    expect(await sandboxAdapter.fetchEngagers!(inProcess, remoteId)).toEqual(engagers);
    const second = await sandboxAdapter.publish(inProcess, { publicationId: 'pub-2', text: 'Otra foto del taller', media: [] });
    now += 48 * HOUR_MS;
    const flags = new Map(engagers.accounts.map((a) => [a.id, a.follower]));
    const again = await sandboxAdapter.fetchEngagers!(inProcess, second.remoteId);
    const shared = again.accounts.filter((a) => flags.has(a.id));
    expect(shared.length).toBeGreaterThan(0);
    for (const account of shared) expect(account.follower).toBe(flags.get(account.id));
  });

  it('caps the list and says so', async () => {
    network.configureAccount('brand', { followers: 200_000 });
    const { remoteId } = await sandboxAdapter.publish(inProcess, { publicationId: 'pub-big', text: 'Sorteo de otoño', media: [] });
    const result = engagersAt(7, network.getPost(remoteId)!, START + 72 * HOUR_MS, 50);
    expect(result.accounts).toHaveLength(50);
    expect(result.truncated).toBe(true);
    expect(MAX_ENGAGERS_PER_POST).toBe(1000);
  });

  it('fails like the other reads: unknown post is permanent, a revoked token is auth', async () => {
    const missing = await sandboxAdapter.fetchEngagers!(inProcess, 'nope').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NetworkError);
    expect((missing as NetworkError).kind).toBe('permanent');
    network.revokeToken('tok');
    const revoked = await sandboxAdapter.fetchEngagers!(overHttp(), 'nope').catch((error: unknown) => error);
    expect((revoked as NetworkError).kind).toBe('auth');
  });
});
