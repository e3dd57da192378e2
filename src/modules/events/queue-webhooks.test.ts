/**
 * Queue events reach webhooks (issue 16 part 12): a webhook subscribed to queue.post_added,
 * queue.paused, queue.resumed and queue.slots_changed gets one delivery per event, and a webhook
 * subscribed to something else gets none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { startQueue } from '../../jobs/queue.ts';
import { runWebhookOutbox, WEBHOOK_QUEUE } from './webhooks.ts';

describe('queue webhooks (embedded)', () => {
  let t: TestApp;
  let s: Scenario;
  let boss: PgBoss;

  beforeAll(async () => {
    t = await createTestApp('embedded');
    s = await given(t).workspace().sandboxChannel().draftPost();
    boss = await startQueue(t.ctx.database, { supervise: false, schedule: false });
    await boss.createQueue(WEBHOOK_QUEUE);
  }, 60_000);
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true, timeout: 2_000 }).catch(() => undefined);
    await t?.close();
  });

  it('delivers post added, paused, resumed and slots changed to a subscribed webhook, and nothing to another', async () => {
    const queueEvents = ['queue.post_added', 'queue.paused', 'queue.resumed', 'queue.slots_changed'];
    const subscribed = await s.api('POST', '/webhooks', { url: 'https://example.org/queues', events: queueEvents });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    const unrelated = await s.api('POST', '/webhooks', { url: 'https://example.org/other', events: ['post.published'] });
    const created = await s.api('POST', '/queues', { name: 'Mañanas', channelIds: [s.channelId], slots: [{ weekday: 1, time: '09:30' }] });
    expect(created.statusCode, created.body).toBe(201);
    const queue = `/queues/${created.json().id}`;
    expect((await s.api('POST', `${queue}/posts`, { postId: s.postId })).statusCode).toBe(200);
    expect((await s.api('PATCH', queue, { paused: true })).statusCode).toBe(200);
    expect((await s.api('PATCH', queue, { paused: false })).statusCode).toBe(200);
    expect((await s.api('PATCH', queue, { slots: [{ weekday: 2, time: '10:00' }] })).statusCode).toBe(200);
    // Pausing and changing slots at once tells both.
    expect((await s.api('PATCH', queue, { paused: true, slots: [{ weekday: 3, time: '11:00' }] })).statusCode).toBe(200);
    await runWebhookOutbox(t.ctx, boss);
    const deliveries = async (id: string) =>
      (await s.api('GET', `/webhooks/${id}/deliveries`))
        .json()
        .items.map((d: { eventType: string }) => d.eventType)
        .sort();
    expect(await deliveries(subscribed.json().id)).toEqual(
      ['queue.paused', 'queue.paused', 'queue.post_added', 'queue.resumed', 'queue.slots_changed', 'queue.slots_changed'].sort(),
    );
    expect(await deliveries(unrelated.json().id)).toEqual([]);
  });
});
