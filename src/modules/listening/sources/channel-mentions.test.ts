/**
 * The channel-mentions source against a real sandbox channel (in-process simulated network):
 * the audience's replies and mentions are ingested once, and a restart resumes from the
 * durable cursor without asking for, or counting, anything twice.
 * (Bluesky is not used here: the bare test PDS has no AppView, so it has no notifications.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, ManualClock, type TestApp } from '../../../../test/helpers/app.ts';
import { getInProcessSandbox, sandboxAdapter, setInProcessSandbox } from '../../../networks/sandbox/index.ts';
import { SandboxNetwork } from '../../../networks/sandbox/simulator.ts';
import { startListener } from '../worker.ts';
import { channelMentionsSource } from './channel-mentions.ts';
import type { SourceAdapter, SourceBatch } from './types.ts';

const DAY = 86_400_000;
const START = Date.parse('2026-03-10T09:00:00Z');

describe('channel mentions source (sandbox channel)', () => {
  const clock = new ManualClock(START);
  const previousSandbox = getInProcessSandbox();
  const network = new SandboxNetwork({ seed: 21, now: () => clock.now() });
  let t: TestApp;
  let ws = '';
  let sourceId = '';
  let channelId = '';
  let owner: Awaited<ReturnType<typeof createCaller>>;
  /** Every batch the real adapter handed to the listener, per listener run. */
  const runs: SourceBatch[][] = [];
  const recording: SourceAdapter = {
    kind: channelMentionsSource.kind,
    run: (options) => {
      const batches: SourceBatch[] = [];
      runs.push(batches);
      return channelMentionsSource.run({ ...options, emit: (batch) => (batches.push(batch), options.emit(batch)) });
    },
  };

  beforeAll(async () => {
    setInProcessSandbox(network);
    network.configureAccount('cafe', { followers: 20_000, createdAt: START - 5 * DAY });
    t = await createTestApp('embedded', { clock });
    owner = await createCaller(t, 'mentions@example.com');
    ws = (await owner.request('POST', '/api/v1/workspaces', { name: 'Café', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    const channel = await owner.request('POST', `/api/v1/workspaces/${ws}/channels`, {
      network: 'sandbox',
      name: 'Café',
      fields: { handle: 'cafe', token: 'cafe-token' },
    });
    expect(channel.statusCode).toBe(201);
    channelId = channel.json().id;
    // A post two days ago, so the audience's replies to it arrive alongside plain mentions.
    clock.set(START - 2 * DAY);
    await sandboxAdapter.publish(
      { channelId: channel.json().id, settings: { handle: 'cafe' }, credentials: { token: 'cafe-token' } },
      { publicationId: 'pub-1', text: '¿Qué café probamos esta semana?', media: [] },
    );
    clock.set(START);
    const source = await owner.request('POST', `/api/v1/workspaces/${ws}/listening/sources`, {
      kind: 'channel_mentions',
      name: 'Menciones',
      config: { channelId: channel.json().id, intervalMinutes: 1 },
    });
    expect(source.statusCode).toBe(201);
    sourceId = source.json().id;
  }, 60_000);
  afterAll(async () => {
    setInProcessSandbox(previousSandbox);
    await t?.close();
  });

  const sourceRow = () =>
    t.ctx.database.db.selectFrom('listening_sources').selectAll().where('id', '=', sourceId).executeTakeFirstOrThrow();
  const storedIds = async () =>
    (await t.ctx.database.db.selectFrom('listening_mentions').select('remote_id').where('source_id', '=', sourceId).execute()).map(
      (r) => r.remote_id,
    );

  /** Starts the listener, waits for one poll of the channel to be stored, and stops it. */
  const pollOnce = async () => {
    const before = runs.length;
    const listener = await startListener(t.ctx, { syncEveryMs: 50, adapters: { channel_mentions: recording } });
    for (let i = 0; i < 400; i++) {
      const row = await sourceRow();
      if (runs.length > before && runs[runs.length - 1].length > 0 && row.last_run_at && row.last_run_at.getTime() === clock.now()) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await listener.drain();
    await listener.stop();
    return runs[runs.length - 1];
  };

  it('stores the channel’s replies and mentions once, with the newest mention time as its cursor', async () => {
    const expected = network.mentions('cafe');
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.some((m) => m.inReplyTo !== undefined)).toBe(true);

    const batches = await pollOnce();
    expect(batches.flatMap((b) => b.items.map((i) => i.remoteId))).toEqual(expected.map((m) => m.id));
    // The audience repeats itself: near-duplicate texts are dropped by the pipeline, the rest stored once.
    const ids = await storedIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => expected.some((m) => m.id === id))).toBe(true);
    const row = await sourceRow();
    expect(Number(row.items_ingested)).toBe(ids.length);
    expect(row.cursor).toEqual({ since: new Date(expected[expected.length - 1].createdAt).toISOString() });
    expect(row.status).toBe('running');
    expect(row.last_error).toBeNull();
    const sample = await t.ctx.database.db
      .selectFrom('listening_mentions')
      .selectAll()
      .where('source_id', '=', sourceId)
      .where('remote_id', '=', ids[0])
      .executeTakeFirstOrThrow();
    const original = expected.find((m) => m.id === ids[0])!;
    expect(sample).toMatchObject({
      network: 'sandbox',
      author_handle: original.authorHandle,
      text: original.text,
      lang: original.language,
    });
    expect(sample.published_at.getTime()).toBe(original.createdAt);
  });

  it('after a restart asks only for what is newer than its durable cursor, so nothing is counted twice', async () => {
    const cursor = (await sourceRow()).cursor as { since: string };
    const first = await storedIds();
    // A day passes while Plaza is down: new mentions and new replies to the post arrive.
    clock.advance(DAY);
    const fresh = network.mentions('cafe', { sinceMs: Date.parse(cursor.since) });
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.some((m) => first.includes(m.id))).toBe(false);

    const batches = await pollOnce();
    expect(batches.flatMap((b) => b.items.map((i) => i.remoteId))).toEqual(fresh.map((m) => m.id));
    const ids = await storedIds();
    expect(new Set(ids).size).toBe(ids.length);
    const added = ids.filter((id) => !first.includes(id));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((id) => fresh.some((m) => m.id === id))).toBe(true);
    const row = await sourceRow();
    expect(Number(row.items_ingested)).toBe(ids.length);
    expect(row.cursor).toEqual({ since: new Date(fresh[fresh.length - 1].createdAt).toISOString() });
    expect(row.lag_ms).toBe(clock.now() - fresh[fresh.length - 1].createdAt);
  });

  it('a restart with nothing new stores nothing and keeps the cursor', async () => {
    const before = await sourceRow();
    clock.advance(1000);
    const batches = await pollOnce();
    expect(batches.flatMap((b) => b.items)).toEqual([]);
    const after = await sourceRow();
    expect(Number(after.items_ingested)).toBe(Number(before.items_ingested));
    expect(after.cursor).toEqual(before.cursor);
    expect((await storedIds()).length).toBe(Number(before.items_ingested));
  });

  it('offers its channel field with the networks that read mentions, and refuses a disconnected channel with a code', async () => {
    const kinds = (await owner.request('GET', '/api/v1/listening/source-kinds')).json().items;
    const field = kinds
      .find((k: { kind: string }) => k.kind === 'channel_mentions')
      .fields.find((f: { name: string }) => f.name === 'channelId');
    expect(field).toMatchObject({ input: 'channel', required: true });
    expect(field.networks).toEqual(expect.arrayContaining(['sandbox', 'mastodon', 'bluesky']));
    await t.ctx.database.db.updateTable('channels').set({ status: 'disconnected' }).where('id', '=', channelId).execute();
    try {
      const refused = await owner.request('POST', `/api/v1/workspaces/${ws}/listening/sources`, {
        kind: 'channel_mentions',
        name: 'Otra',
        config: { channelId },
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'listening_channel_unavailable', details: { field: 'config.channelId' } });
    } finally {
      await t.ctx.database.db.updateTable('channels').set({ status: 'active' }).where('id', '=', channelId).execute();
    }
  });
});
