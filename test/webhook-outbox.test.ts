import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';
import { startQueue } from '../src/jobs/queue.ts';
import { onEvent, recordEvent } from '../src/modules/events/events.ts';
import { runWebhookOutbox, WEBHOOK_QUEUE } from '../src/modules/events/webhooks.ts';

/**
 * The outbox writes each delivery row and its pg-boss job in its own transaction,
 * together with the cursor: on the embedded database nothing waits on itself, and a
 * failure half-way rolls all of it back so the next pass queues every delivery once.
 */
describe.each(DB_KINDS)('webhook outbox on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let boss: PgBoss;
  let workspaceId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, `outbox-${kind}@example.com`);
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Outbox', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
    for (const path of ['/a', '/b']) {
      const hook = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/webhooks`, {
        url: `https://example.org/hook${path}`,
        events: ['post.published'],
      });
      expect(hook.statusCode, hook.body).toBe(201);
    }
    boss = await startQueue(t.ctx.database, { supervise: false, schedule: false });
    await boss.createQueue(WEBHOOK_QUEUE);
  }, 60_000);
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true, timeout: 2_000 }).catch(() => undefined);
    await t?.close();
  });

  const deliveries = async () =>
    (await t.ctx.database.db.selectFrom('webhook_deliveries').select(['id', 'event_id']).execute()).map((d) => d.id).sort();
  const jobs = async () =>
    (await t.ctx.database.raw.query<{ data: { deliveryId: string } }>('SELECT data FROM pgboss.job WHERE name = $1', [WEBHOOK_QUEUE])).rows
      .map((r) => r.data.deliveryId)
      .sort();
  const within = <T>(promise: Promise<T>, ms = 10_000) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the outbox tick did not finish within ${ms} ms: the database waits on itself`)), ms).unref(),
      ),
    ]);

  it('a failure while queueing rolls back the deliveries and the cursor; the next pass queues each delivery exactly once', async () => {
    await recordEvent(t.ctx.database.db, {
      workspaceId,
      actorUserId: null,
      type: 'post.published',
      subjectType: 'post',
      subjectId: '00000000-0000-4000-8000-000000000001',
    });
    const failing = { send: async () => Promise.reject(new Error('queue unavailable')) } as unknown as PgBoss;
    await expect(within(runWebhookOutbox(t.ctx, failing))).rejects.toThrow('queue unavailable');
    expect(await deliveries()).toEqual([]);
    expect(await jobs()).toEqual([]);

    expect(await within(runWebhookOutbox(t.ctx, boss))).toBe(1);
    const queued = await deliveries();
    expect(queued).toHaveLength(2);
    expect(await jobs()).toEqual(queued);
    // Nothing new: nothing queued twice.
    expect(await within(runWebhookOutbox(t.ctx, boss))).toBe(0);
    expect(await jobs()).toEqual(queued);
    expect(t.ctx.database.connectionGate?.violations ?? []).toEqual([]);
  });

  it('a replay from an older cursor (crash before the commit) queues nothing twice', async () => {
    const before = await jobs();
    await t.ctx.database.db.updateTable('webhook_outbox_cursor').set({ last_event_id: 0 }).where('id', '=', 1).execute();
    expect(await within(runWebhookOutbox(t.ctx, boss))).toBeGreaterThan(0);
    expect(await jobs()).toEqual(before);
  });

  it('event listeners (live activity) run outside the transaction that recorded the event: their queries wait for the commit', async () => {
    const seen: Array<Promise<number>> = [];
    const off = onEvent((event) => {
      if (event.type === 'user.signed_out_everywhere')
        seen.push(
          t.ctx.database.db
            .selectFrom('events')
            .select('id')
            .where('type', '=', 'user.signed_out_everywhere')
            .execute()
            .then((rows) => rows.length),
        );
    });
    try {
      await t.ctx.database.db.transaction().execute(async (trx) => {
        await recordEvent(trx, { workspaceId, actorUserId: null, type: 'user.signed_out_everywhere' });
        await new Promise((r) => setTimeout(r, 30)); // the listener is told while the transaction is still open
      });
    } finally {
      off();
    }
    expect(seen).toHaveLength(1);
    const counted = await within(Promise.all(seen));
    // Embedded: the listener's query waited for the commit. Postgres: another connection, it may not see it yet.
    if (kind === 'embedded') expect(counted).toEqual([1]);
    expect(t.ctx.database.connectionGate?.violations ?? []).toEqual([]);
  });
});
