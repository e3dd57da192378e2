/**
 * Threads through the real publishing engine (embedded database) against the local Threads server:
 * a 5xx is retried into one post, and a timeout after Threads accepted the post (the engine's own
 * timer fires) is reconciled on the next attempt by `findPublished`, never published twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlazaDatabase } from '../src/db/database.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { SecretBox } from '../src/lib/crypto.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { createThreadsAdapter } from '../src/networks/threads/adapter.ts';
import { FakeThreadsServer } from '../src/networks/threads/testing/server.ts';
import { createTestDatabase } from './helpers/db.ts';
import { until } from './helpers/wait.ts';

const secrets = new SecretBox('threads-engine-secret-threads-engine-0123');

describe('Threads through the publishing engine', () => {
  const server = new FakeThreadsServer();
  let database: PlazaDatabase;
  let mediaDir: string;
  let workspaceId: string;
  let channelId: string;
  const engines: PublishingEngine[] = [];
  // Each test starts a minute after the previous one on the engine's clock: the channel's posting rate is shared.
  let clockShift = 0;

  beforeAll(async () => {
    await server.start();
    database = await createTestDatabase('embedded');
    mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-threads-'));
    const { rows: ws } = await database.raw.query<{ id: string }>(
      `INSERT INTO workspaces (name, time_zone, language) VALUES ('Café', 'UTC', 'es') RETURNING id`,
    );
    workspaceId = ws[0]!.id;
    const { rows: ch } = await database.raw.query<{ id: string }>(
      `INSERT INTO channels (workspace_id, network, name, settings, credentials_sealed) VALUES ($1, 'threads', 'Threads', $2, $3) RETURNING id`,
      [
        workspaceId,
        JSON.stringify({ userId: server.userId, username: server.username }),
        secrets.seal({ accessToken: server.token, userId: server.userId }),
      ],
    );
    channelId = ch[0]!.id;
  }, 180_000);
  afterEach(async () => {
    server.clearFaults();
    for (const engine of engines.splice(0)) await engine.stop(0);
  });
  afterAll(async () => {
    await database?.close();
    await server.stop();
    if (mediaDir) fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  // The engine's channel context carries no origin here: the adapter's fetch sends the official URLs to the local server.
  const adapter = createThreadsAdapter({
    sleep: async () => {},
    fetch: (url, init) => fetch(String(url).replace('https://graph.threads.net/', `${server.baseUrl}/graph.threads.net/`), init),
  });

  const engineFor = (clock: ManualClock) => {
    const engine = new PublishingEngine(
      {
        database,
        secrets,
        clock,
        logger: pino({ level: 'silent' }),
        media: new FileMediaStore(mediaDir),
        networks: new NetworkRegistry([adapter]),
      },
      {
        autoPoll: false,
        lookaheadMs: 1_000,
        publishTimeoutMs: 600,
        leaseMarginMs: 60_000,
        baseBackoffMs: 100,
        maxBackoffMs: 100,
        reconcileDelayMs: 100,
      },
    );
    engines.push(engine);
    return engine;
  };

  const schedule = async (text: string, dueAt: number): Promise<string> => {
    const { rows: post } = await database.raw.query<{ id: string }>(
      `INSERT INTO posts (workspace_id, content, state, scheduled_at) VALUES ($1, $2, 'scheduled', $3) RETURNING id`,
      [workspaceId, text, new Date(dueAt)],
    );
    const { rows } = await database.raw.query<{ id: string }>(
      `INSERT INTO publications (post_id, workspace_id, channel_id, network, text, state, due_at) VALUES ($1, $2, $3, 'threads', $4, 'scheduled', $5) RETURNING id`,
      [post[0]!.id, workspaceId, channelId, text, new Date(dueAt)],
    );
    return rows[0]!.id;
  };

  const publication = async (id: string) =>
    (
      await database.raw.query<{ state: string; remote_id: string | null; needs_reconcile: boolean }>(
        'SELECT state, remote_id, needs_reconcile FROM publications WHERE id = $1',
        [id],
      )
    ).rows[0]!;

  /** Waits until the engine has handed the publication back (retry) or finished it, outcome written. */
  const settle = async (engine: PublishingEngine, id: string) => {
    await until(async () => {
      await engine.flush();
      const row = (await database.raw.query<{ claimed_by: string | null }>('SELECT claimed_by FROM publications WHERE id = $1', [id]))
        .rows[0]!;
      return engine.stats.inFlight === 0 && row.claimed_by === null ? true : null;
    }, 30_000);
  };

  it('a 5xx at threads_publish is retried into exactly one post', async () => {
    const clock = new ManualClock(Date.now() + clockShift);
    clockShift += 60_000;
    const engine = engineFor(clock);
    await engine.start();
    const text = `motor 5xx ${Date.now()}`;
    const id = await schedule(text, clock.now() + 500);
    server.fail('POST', /\/threads_publish$/, 503, { error: { message: 'Service unavailable', code: 2, is_transient: true } });
    clock.advance(500);
    expect(await engine.poll()).toBe(1);
    await settle(engine, id);
    expect((await publication(id)).state).not.toBe('published');
    expect(server.publishedWithText(text)).toHaveLength(0);
    // Past the retry delay and the channel's posting rate (5 a minute).
    clock.advance(15_000);
    expect(await engine.poll()).toBe(1);
    await settle(engine, id);
    const row = await publication(id);
    expect(row.state).toBe('published');
    expect(server.publishedWithText(text)).toHaveLength(1);
    expect(row.remote_id).toBe(server.publishedWithText(text)[0]!.id);
  });

  it('a timeout after Threads accepted the post is reconciled on the next attempt, not published twice', async () => {
    const clock = new ManualClock(Date.now() + clockShift);
    clockShift += 60_000;
    const engine = engineFor(clock);
    await engine.start();
    const text = `motor timeout ${Date.now()}`;
    const id = await schedule(text, clock.now() + 500);
    // Threads publishes at once but answers after the engine's 600 ms budget.
    server.delayNextAnswer('POST', /\/threads_publish$/, 2_000);
    clock.advance(500);
    expect(await engine.poll()).toBe(1);
    await settle(engine, id);
    expect(await publication(id)).toMatchObject({ needs_reconcile: true });
    expect(server.publishedWithText(text)).toHaveLength(1);
    // Past the retry delay and the channel's posting rate (5 a minute).
    clock.advance(15_000);
    expect(await engine.poll()).toBe(1);
    await settle(engine, id);
    const row = await publication(id);
    expect(row.state).toBe('published');
    expect(row.remote_id).toBe(server.publishedWithText(text)[0]!.id);
    expect(server.publishedWithText(text)).toHaveLength(1);
  });
});
