import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { until } from '../../../test/helpers/wait.ts';
import { openDatabase } from '../../db/database.ts';
import { buildApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../networks/sandbox/index.ts';
import { channelContext } from '../channels/service.ts';

type Backfill = {
  jobId: string;
  state: string;
  total: number;
  done: number;
  failed: number;
  finished: boolean;
  error: string | null;
  alreadyRunning?: boolean;
};

const sandbox = new SandboxNetwork({ seed: 11 });

/** A workspace with a sandbox channel and `count` published posts, created through the API of `t`. */
async function publishedWorkspace(t: TestApp, owner: Caller, handle: string, count: number): Promise<string> {
  const workspaceId = (
    await owner.request('POST', '/api/v1/workspaces', { name: `Backfill ${handle}`, timeZone: 'Europe/Madrid', language: 'es' })
  ).json().id as string;
  const base = `/api/v1/workspaces/${workspaceId}`;
  const channel = await owner.request('POST', `${base}/channels`, {
    network: 'sandbox',
    name: 'Sandbox',
    fields: { handle, token: 'tok' },
  });
  expect(channel.statusCode, channel.body).toBe(201);
  const row = await t.ctx.database.db.selectFrom('channels').selectAll().where('id', '=', channel.json().id).executeTakeFirstOrThrow();
  for (let i = 0; i < count; i++) {
    const created = (
      await owner.request('POST', `${base}/posts`, { content: `Post ${i}`, channels: [{ channelId: row.id }], action: 'draft' })
    ).json();
    const result = await t.ctx.networks
      .get('sandbox')
      .publish(channelContext(t.ctx, row), { publicationId: created.publications[0].id, text: `Post ${i}`, media: [] });
    await t.ctx.database.db
      .updateTable('publications')
      .set({ state: 'published', remote_id: result.remoteId, published_at: new Date() })
      .where('id', '=', created.publications[0].id)
      .execute();
  }
  return workspaceId;
}

describe.each(DB_KINDS)('backfill runs on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let stranger: Caller;
  let workspaceId: string;
  const base = () => `/api/v1/workspaces/${workspaceId}/analytics`;

  beforeAll(async () => {
    setInProcessSandbox(sandbox);
    t = await createTestApp(kind);
    owner = await createCaller(t, `owner-${kind}@example.com`);
    stranger = await createCaller(t, `stranger-${kind}@example.com`);
    workspaceId = await publishedWorkspace(t, owner, `bf${kind}`, 3);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs to the end, is listed, and is only visible to members', async () => {
    const started = await owner.request('POST', `${base()}/backfill`);
    expect(started.statusCode, started.body).toBe(202);
    const jobId = (started.json() as Backfill).jobId;
    await until(async () => ((await owner.request('GET', `${base()}/backfill/${jobId}`)).json() as Backfill).finished, 20_000);
    const finished = (await owner.request('GET', `${base()}/backfill/${jobId}`)).json() as Backfill;
    expect(finished).toMatchObject({ jobId, state: 'done', total: 3, done: 3, failed: 0, finished: true, error: null });
    const list = (await owner.request('GET', `${base()}/backfills`)).json() as { items: Backfill[] };
    expect(list.items.map((b) => b.jobId)).toContain(jobId);
    expect((await stranger.request('GET', `${base()}/backfill/${jobId}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `${base()}/backfills`)).statusCode).toBe(404);
    expect((await stranger.request('POST', `${base()}/backfill`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/backfills` })).statusCode).toBe(401);
    expect((await owner.request('GET', `${base()}/backfill/not-a-uuid`)).statusCode).toBe(400);
    expect((await owner.request('GET', `${base()}/backfills?limit=0`)).statusCode).toBe(400);
  });

  it('reports a running backfill not updated for over 5 minutes as interrupted, and a new one can start', async () => {
    const db = t.ctx.database.db;
    const longAgo = new Date(Date.now() - 6 * 60_000);
    const stale = await db
      .insertInto('metric_backfills')
      .values({
        workspace_id: workspaceId,
        started_by: owner.userId,
        state: 'running',
        total: 3,
        done: 1,
        started_at: longAgo,
        updated_at: longAgo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const shown = (await owner.request('GET', `${base()}/backfill/${stale.id}`)).json() as Backfill;
    expect(shown).toMatchObject({ state: 'failed', finished: true, error: 'interrupted', done: 1 });

    // A new start closes the stale row for good and runs its own.
    const started = await owner.request('POST', `${base()}/backfill`);
    expect(started.statusCode, started.body).toBe(202);
    const jobId = (started.json() as Backfill).jobId;
    expect(jobId).not.toBe(stale.id);
    const closed = await db.selectFrom('metric_backfills').selectAll().where('id', '=', stale.id).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ state: 'failed', error: 'interrupted' });
    expect(closed.finished_at).not.toBeNull();
    await until(async () => ((await owner.request('GET', `${base()}/backfill/${jobId}`)).json() as Backfill).state === 'done', 20_000);
  });

  it('a recently updated running backfill still counts as running: a second start returns it', async () => {
    const db = t.ctx.database.db;
    const recently = new Date(Date.now() - 60_000);
    const running = await db
      .insertInto('metric_backfills')
      .values({
        workspace_id: workspaceId,
        started_by: owner.userId,
        state: 'running',
        total: 3,
        done: 2,
        started_at: recently,
        updated_at: recently,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const again = await owner.request('POST', `${base()}/backfill`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ jobId: running.id, state: 'running', done: 2, alreadyRunning: true });
    expect(
      await db.selectFrom('metric_backfills').select('id').where('workspace_id', '=', workspaceId).where('state', '=', 'running').execute(),
    ).toHaveLength(1);
    await db.updateTable('metric_backfills').set({ state: 'done', finished_at: new Date() }).where('id', '=', running.id).execute();
  });
});

describe('backfill progress across two web processes on one Postgres', () => {
  let first: TestApp;
  let second: { app: TestApp['app']; ctx: AppContext; close(): Promise<void> };
  let owner: Caller;
  let workspaceId: string;

  beforeAll(async () => {
    setInProcessSandbox(sandbox);
    first = await createTestApp('postgres');
    const url = (first.ctx.database as { url?: string }).url;
    expect(url).toBeTruthy();
    // A second process: its own pool and its own Fastify app on the same database.
    const database = await openDatabase({ databaseUrl: url });
    const ctx: AppContext = { ...first.ctx, database };
    const app = await buildApp(ctx);
    await app.ready();
    second = {
      app,
      ctx,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
    owner = await createCaller(first, 'two-processes@example.com');
    workspaceId = await publishedWorkspace(first, owner, 'bftwo', 8);
  });
  afterAll(async () => {
    sandbox.setOptions({ faultsOnReads: false, latencyMs: 0 });
    await second?.close();
    await first?.close();
  });

  const onSecond = (method: 'GET' | 'POST', path: string) =>
    second.app.inject({
      method,
      url: `/api/v1/workspaces/${workspaceId}/analytics${path}`,
      headers: { authorization: `Bearer ${owner.token}` },
    });

  it('starts on one process; the other sees it running, refuses a second one, and sees it finish', async () => {
    // Slow reads so the backfill is still running while the other process looks.
    sandbox.setOptions({ faultsOnReads: true, latencyMs: 150, rateLimitRate: 0, errorRate5xx: 0 });
    const started = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/analytics/backfill`);
    expect(started.statusCode, started.body).toBe(202);
    const jobId = (started.json() as Backfill).jobId;

    const duplicate = await onSecond('POST', '/backfill');
    expect(duplicate.statusCode, duplicate.body).toBe(200);
    expect(duplicate.json()).toMatchObject({ jobId, state: 'running', alreadyRunning: true });

    const seen: Backfill[] = [];
    await until(async () => {
      const response = await onSecond('GET', `/backfill/${jobId}`);
      expect(response.statusCode, response.body).toBe(200);
      seen.push(response.json() as Backfill);
      return seen[seen.length - 1].finished;
    }, 30_000);
    // Progress showed up on the other process while running, then the outcome.
    expect(seen.some((s) => s.state === 'running' && s.total === 8 && s.done > 0 && s.done < 8)).toBe(true);
    expect(seen[seen.length - 1]).toMatchObject({ state: 'done', total: 8, done: 8, failed: 0, error: null });
    // Counts never go backwards (writes land in order).
    for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
    const list = (await onSecond('GET', '/backfills')).json() as { items: Backfill[] };
    expect(list.items[0]).toMatchObject({ jobId, state: 'done' });
  });
});
