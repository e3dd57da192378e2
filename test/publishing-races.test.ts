/**
 * Exactly once when a worker is starved: two engines on one database, one manual
 * clock for both, and a network double whose calls end only when the test says.
 * Each test replays, step by step, an interleaving that CPU starvation produces
 * in `npm run bench:publish` (chaos run), without relying on load or sleeps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { createTestDatabase, DB_KINDS } from './helpers/db.ts';
import { HeldNetwork } from './helpers/held-network.ts';
import { until } from './helpers/wait.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { SecretBox } from '../src/lib/crypto.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { NetworkError } from '../src/networks/types.ts';
import { PublishingEngine, type EngineOptions } from '../src/modules/publishing/engine.ts';
import type { PlazaDatabase } from '../src/db/database.ts';

const secrets = new SecretBox('race-secret-race-secret-race-secret-0123');
// Long real-time budgets: only the manual clock moves leases; no abort timer fires during a test.
const OPTIONS: EngineOptions = {
  autoPoll: false,
  lookaheadMs: 1_000,
  publishTimeoutMs: 60_000,
  leaseMarginMs: 60_000,
  baseBackoffMs: 100,
  maxBackoffMs: 100,
};
const LEASE_MS = 120_000;

describe.each(DB_KINDS)('publishing races on %s', (kind) => {
  let database: PlazaDatabase;
  let mediaDir: string;
  let channelId: string;
  let workspaceId: string;
  const engines: PublishingEngine[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-race-'));
    const { rows: ws } = await database.raw.query<{ id: string }>(
      `INSERT INTO workspaces (name, time_zone, language) VALUES ('Race', 'UTC', 'en') RETURNING id`,
    );
    workspaceId = ws[0].id;
    const { rows: ch } = await database.raw.query<{ id: string }>(
      `INSERT INTO channels (workspace_id, network, name, settings, credentials_sealed) VALUES ($1, 'sandbox', 'held', '{"handle":"held"}', $2) RETURNING id`,
      [workspaceId, secrets.seal({ token: 'tok' })],
    );
    channelId = ch[0].id;
  }, 180_000); // creating and migrating a database can be slow on a loaded machine
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.stop(0);
  });
  afterAll(async () => {
    await database?.close();
    if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  const engineFor = (clock: ManualClock, network: HeldNetwork, workerId: string, byMessageOrder = false) => {
    const engine = new PublishingEngine(
      {
        database,
        secrets,
        clock,
        logger: pino({ level: 'silent' }),
        media: new FileMediaStore(mediaDir),
        networks: new NetworkRegistry([network.adapter(byMessageOrder ? { oneSendInDoubtPerChannel: true } : {})]),
      },
      { ...OPTIONS, workerId },
    );
    engines.push(engine);
    return engine;
  };

  const schedule = async (dueAt: number, needsReconcile = false): Promise<string> => {
    const { rows: post } = await database.raw.query<{ id: string }>(
      `INSERT INTO posts (workspace_id, content, state, scheduled_at) VALUES ($1, 'race', 'scheduled', $2) RETURNING id`,
      [workspaceId, new Date(dueAt)],
    );
    const { rows } = await database.raw.query<{ id: string }>(
      `INSERT INTO publications (post_id, workspace_id, channel_id, network, text, state, due_at, needs_reconcile) VALUES ($1, $2, $3, 'sandbox', 'race', 'scheduled', $4, $5) RETURNING id`,
      [post[0].id, workspaceId, channelId, new Date(dueAt), needsReconcile],
    );
    return rows[0].id;
  };

  const publication = async (id: string) =>
    (
      await database.raw.query<{ state: string; remote_id: string | null; attempts: number; claimed_by: string | null }>(
        'SELECT state, remote_id, attempts, claimed_by FROM publications WHERE id = $1',
        [id],
      )
    ).rows[0];

  const attempts = async (id: string) =>
    (
      await database.raw.query<{ worker_id: string; outcome: string; started_at: Date; finished_at: Date | null }>(
        'SELECT worker_id, outcome, started_at, finished_at FROM publication_attempts WHERE publication_id = $1 ORDER BY id',
        [id],
      )
    ).rows;

  /** Waits until the engine has no call in flight, then writes its buffered outcomes. */
  const settleEngine = async (engine: PublishingEngine, inFlight = 0) => {
    await until(async () => engine.stats.inFlight <= inFlight, 30_000);
    await engine.flush();
  };

  it('a starved worker whose lease expired during its lookup does not send after another worker published', async () => {
    const clock = new ManualClock();
    const network = new HeldNetwork();
    const starved = engineFor(clock, network, 'worker-starved');
    const healthy = engineFor(clock, network, 'worker-healthy');
    await starved.start();
    await healthy.start();
    // A retried publication: its attempt starts with a lookup.
    const id = await schedule(clock.now() + 500, true);
    clock.advance(500);
    expect(await starved.poll()).toBe(1);
    const starvedLookup = await network.next();
    expect(starvedLookup.kind).toBe('find');

    // The starved worker's process gets no CPU while its lease runs out; the healthy one takes over.
    clock.advance(LEASE_MS + 1);
    expect(await healthy.poll()).toBe(1);
    const lookup = await network.next();
    expect(lookup.kind).toBe('find');
    lookup.settle('none');
    const publish = await network.next();
    expect(publish.kind).toBe('publish');
    publish.settle('store');
    await settleEngine(healthy);
    expect((await publication(id)).state).toBe('published');

    // The starved worker gets its lookup answer (nothing was there when the network answered it) and runs on.
    starvedLookup.settle('none');
    await until(async () => (network.unclaimed > 0 || starved.stats.inFlight === 0 ? true : null), 30_000);
    // Whatever it sends now, a network without idempotency stores.
    while (network.unclaimed > 0) (await network.next()).settle('store');
    await settleEngine(starved);

    expect(network.count(id)).toBe(1);
    expect(network.received.filter((c) => c.kind === 'publish')).toHaveLength(1);
    const row = await publication(id);
    expect(row.state).toBe('published');
    expect(row.remote_id).toBe(network.stored[0].remoteId);
    const history = await attempts(id);
    expect(history.map((a) => [a.worker_id, a.outcome])).toEqual([
      ['worker-starved', 'abandoned'],
      ['worker-healthy', 'published'],
    ]);
    for (const a of history) expect(a.finished_at!.getTime()).toBeGreaterThanOrEqual(a.started_at.getTime());
  });

  it('a late outcome of an abandoned attempt cannot overwrite the next attempt of the same worker', async () => {
    const clock = new ManualClock();
    const network = new HeldNetwork();
    const worker = engineFor(clock, network, 'worker-1');
    const other = engineFor(clock, network, 'worker-2');
    await worker.start();
    await other.start();
    const id = await schedule(clock.now() + 500);
    clock.advance(500);
    expect(await worker.poll()).toBe(1);
    const first = await network.next();
    expect(first.kind).toBe('publish');

    // Starved: the lease ends before the answer is handled; the same worker requeues and restarts it.
    clock.advance(LEASE_MS + 1);
    expect(await worker.poll()).toBe(1);
    const lookup = await network.next();
    expect(lookup.kind).toBe('find');
    lookup.settle('none');
    const second = await network.next();
    expect(second.kind).toBe('publish');

    // Now the first call's answer (a 503: nothing stored) is handled and written.
    first.settle(new NetworkError('transient', 'http_503', 'simulated server error', { status: 503 }));
    await settleEngine(worker, 1);

    // After the backoff, any worker polls: the publication is still in flight, nothing to start.
    clock.advance(1_000);
    const restarted = await other.poll();
    if (restarted > 0) {
      const third = await network.next();
      if (third.kind === 'find') {
        third.settle('none');
        (await network.next()).settle('store');
      } else third.settle('store');
    }
    second.settle('store');
    await settleEngine(worker);
    await settleEngine(other);

    expect(network.count(id)).toBe(1);
    expect(restarted).toBe(0);
    const row = await publication(id);
    expect(row.state).toBe('published');
    expect(row.remote_id).toBe(network.stored[0].remoteId);
    const history = await attempts(id);
    expect(history.map((a) => [a.worker_id, a.outcome])).toEqual([
      ['worker-1', 'abandoned'],
      ['worker-1', 'published'],
    ]);
    for (const a of history) expect(a.finished_at!.getTime()).toBeGreaterThanOrEqual(a.started_at.getTime());
  });

  it('on a network reconciled by message order, a post waits while the channel’s previous send is in doubt', async () => {
    const clock = new ManualClock();
    const network = new HeldNetwork();
    const worker = engineFor(clock, network, 'worker-order', true);
    await worker.start();
    const first = await schedule(clock.now() + 500);
    const second = await schedule(clock.now() + 500);
    clock.advance(500);
    expect(await worker.poll()).toBe(2);
    // One send at a time on the channel: one publish reaches the network, the other waits its turn.
    const sent = await network.next();
    expect(sent.kind).toBe('publish');
    await settleEngine(worker, 1);
    expect(network.unclaimed).toBe(0);
    const waiting = sent.publicationId === first ? second : first;
    const waitingRow = await database.raw.query<{ state: string; attempts: number; error_code: string | null }>(
      'SELECT state, attempts, error_code FROM publications WHERE id = $1',
      [waiting],
    );
    expect(waitingRow.rows[0]).toMatchObject({ state: 'scheduled', attempts: 0, error_code: 'previous_send_in_doubt' });

    // The answer is lost after the network made the post: the first is in doubt until it is reconciled.
    network.stored.push({ marker: sent.publicationId, remoteId: 'remote-lost' });
    sent.settle(new NetworkError('ambiguous', 'timeout', 'no answer'));
    await settleEngine(worker);
    // Whatever comes due next, the in-doubt publication's lookup goes before any other send.
    let lookup: Awaited<ReturnType<HeldNetwork['next']>> | undefined;
    // (Retries wait on the engine's real timers: a short real pause per round.)
    for (let round = 0; round < 60 && !lookup; round++) {
      clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await worker.poll();
      await settleEngine(worker, network.unclaimed > 0 ? 1 : 0);
      if (network.unclaimed > 0) lookup = await network.next();
    }
    expect(lookup?.kind).toBe('find');
    expect(lookup?.publicationId).toBe(sent.publicationId);
    lookup!.settle('current');
    await settleEngine(worker);
    // Then the other one goes.
    let publish: Awaited<ReturnType<HeldNetwork['next']>> | undefined;
    for (let round = 0; round < 60 && !publish; round++) {
      clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await worker.poll();
      await settleEngine(worker, network.unclaimed > 0 ? 1 : 0);
      if (network.unclaimed > 0) publish = await network.next();
    }
    expect(publish?.kind).toBe('publish');
    expect(publish?.publicationId).toBe(waiting);
    publish!.settle('store');
    await settleEngine(worker);
    expect((await publication(first)).state).toBe('published');
    expect((await publication(second)).state).toBe('published');
    expect(network.count(first)).toBe(1);
    expect(network.count(second)).toBe(1);
    expect((await publication(sent.publicationId)).remote_id).toBe('remote-lost');
  }, 120_000);
});
