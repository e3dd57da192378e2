/**
 * Recurring posts and evergreen recycling over the real API, on both databases: occurrences are real
 * scheduled posts at the brand's local time (shown in the calendar), bad rules are refused with
 * nothing created, "this occurrence" and "all future" edits, the rolling window extended once, stop;
 * an evergreen post published by the engine is shared again by a recycling queue with its gap and
 * with a different text each time.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { until } from '../../../test/helpers/wait.ts';
import { PublishingEngine } from '../publishing/engine.ts';
import { extendRecurring } from './commands.ts';

const ZONE = 'Europe/Madrid';

describe.each(DB_KINDS)('recurring posts on %s', (kind) => {
  let t: TestApp;
  let s: Scenario;
  // Thursday 5 March 2026, 10:00 in Madrid: the clocks go forward on 29 March.
  const clock = new ManualClock(Date.parse('2026-03-05T09:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    s = await given(t).workspace({ timeZone: ZONE }).sandboxChannel().member('viewer').stranger();
  });
  afterAll(async () => t?.close());

  const body = (content: string, extra: Record<string, unknown> = {}) => ({
    post: { content, channels: [{ channelId: s.channelId }], action: 'schedule' },
    ...extra,
  });
  const create = async (extra: Record<string, unknown>, content = 'Café del lunes') => {
    const res = await s.api('POST', '/recurring', body(content, extra));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('ccc HH:mm');
  const postCount = async () => (await s.api('GET', '/posts?limit=100')).json().items.length as number;

  it('needs a signed-in member: 401 without a token, 404 for another workspace, 403 for a viewer', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${s.workspaceId}/recurring` });
    expect(anonymous.statusCode).toBe(401);
    const stranger = await s.stranger.request('GET', `/api/v1/workspaces/${s.workspaceId}/recurring`);
    expect(stranger.statusCode).toBe(404);
    const viewer = await s
      .member('viewer')
      .request(
        'POST',
        `/api/v1/workspaces/${s.workspaceId}/recurring`,
        body('x', { rule: 'FREQ=DAILY;COUNT=2', startsLocal: '2026-03-10T09:00' }),
      );
    expect(viewer.statusCode).toBe(403);
  });

  it('creates each weekly occurrence as a scheduled post at 09:00 local, before and after the DST change', async () => {
    const rule = await create({ rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6', startsLocal: '2026-03-09T09:00' });
    expect(rule.items).toHaveLength(6);
    expect(rule.finished).toBe(true);
    expect(rule.items.map((o: { scheduledAt: string }) => local(o.scheduledAt))).toEqual(Array(6).fill('Mon 09:00'));
    expect(new Set(rule.items.map((o: { scheduledAt: string }) => o.scheduledAt.slice(11, 16)))).toEqual(new Set(['08:00', '07:00']));
    const first = (await s.api('GET', `/posts/${rule.items[0].postId}`)).json();
    expect(first).toMatchObject({ state: 'scheduled', recurringRuleId: rule.id, content: 'Café del lunes' });
    expect(first.publications[0].state).toBe('scheduled');
    const calendar = (
      await s.api(
        'GET',
        `/calendar/entries?from=${encodeURIComponent('2026-03-01T00:00:00Z')}&to=${encodeURIComponent('2026-05-01T00:00:00Z')}`,
      )
    ).json();
    expect(calendar.items.filter((e: { recurring: boolean }) => e.recurring)).toHaveLength(6);
    const list = (await s.api('GET', '/recurring')).json();
    expect(list.items[0]).toMatchObject({ id: rule.id, occurrences: { total: 6, upcoming: 6 }, timeZone: ZONE });
  });

  it('refuses a rule that never ends without a window, a start in the DST gap and a too frequent rule, creating nothing', async () => {
    const before = await postCount();
    const rules = (await s.api('GET', '/recurring')).json().items.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ rule: 'FREQ=WEEKLY;BYDAY=TU', startsLocal: '2026-03-10T09:00', windowDays: null }, 'recurrence_unbounded'],
      [{ rule: 'FREQ=DAILY;COUNT=3', startsLocal: '2026-03-29T02:30' }, 'recurrence_start_in_gap'],
      [{ rule: 'FREQ=MINUTELY;COUNT=3', startsLocal: '2026-03-10T09:00' }, 'recurrence_too_frequent'],
      [{ rule: 'FREQ=DAILY;COUNT=2', startsLocal: '2025-01-01T09:00' }, 'recurrence_no_occurrences'],
      [{ rule: 'FREQ=DAILY;COUNT=2;FOO=1', startsLocal: '2026-03-10T09:00' }, 'recurrence_invalid'],
    ];
    for (const [extra, code] of cases) {
      const res = await s.api('POST', '/recurring', body('Nada', extra));
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe(code);
    }
    const badStart = await s.api('POST', '/recurring', body('Nada', { rule: 'FREQ=DAILY;COUNT=2', startsLocal: '10/03/2026 09:00' }));
    expect(badStart.statusCode).toBe(400);
    expect(await postCount()).toBe(before);
    expect((await s.api('GET', '/recurring')).json().items.length).toBe(rules);
  });

  it('edits one occurrence on its own, then all future ones: the edited one keeps its text', async () => {
    const rule = await create({ rule: 'FREQ=DAILY;COUNT=4', startsLocal: '2026-03-06T12:00' }, 'Menú del día');
    const [a, b] = rule.items;
    const edited = await s.api('PUT', `/posts/${b.postId}`, { content: 'Menú especial', channels: [{ channelId: s.channelId }] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().occurrenceDetached).toBe(true);
    const patch = await s.api('PATCH', `/recurring/${rule.id}`, {
      post: { content: 'Menú del día, con postre', channels: [{ channelId: s.channelId }], action: 'schedule' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ removed: 3, created: 3 });
    const texts = await Promise.all(
      patch.json().items.map(async (o: { postId: string }) => (await s.api('GET', `/posts/${o.postId}`)).json().content as string),
    );
    expect(texts).toEqual(['Menú del día, con postre', 'Menú especial', 'Menú del día, con postre', 'Menú del día, con postre']);
    expect(patch.json().items.map((o: { local: string }) => o.local)).toEqual([
      '2026-03-06T12:00',
      '2026-03-07T12:00',
      '2026-03-08T12:00',
      '2026-03-09T12:00',
    ]);
    expect(patch.json().items.some((o: { postId: string }) => o.postId === a.postId)).toBe(false);
  });

  it('keeps a never-ending rule a window ahead: the job adds the next occurrences once, and stop removes the future ones', async () => {
    const rule = await create({ rule: 'FREQ=WEEKLY;BYDAY=WE,FR', startsLocal: '2026-03-06T18:00', windowDays: 14 });
    expect(rule.finished).toBe(false);
    const first = rule.items.length;
    expect(first).toBe(4);
    clock.advance(7 * 86_400_000);
    const [made, again] = await Promise.all([extendRecurring(t.ctx), extendRecurring(t.ctx)]);
    expect(made + again).toBe(2);
    expect(await extendRecurring(t.ctx)).toBe(0);
    const detail = (await s.api('GET', `/recurring/${rule.id}`)).json();
    expect(detail.items).toHaveLength(first + 2);
    expect(new Set(detail.items.map((o: { local: string }) => o.local)).size).toBe(first + 2);
    const stopped = await s.api('POST', `/recurring/${rule.id}/stop`);
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json().stoppedAt).not.toBeNull();
    expect(stopped.json().items.every((o: { scheduledAt: string }) => Date.parse(o.scheduledAt) <= clock.now() + 60_000)).toBe(true);
    expect((await s.api('PATCH', `/recurring/${rule.id}`, { rule: 'FREQ=DAILY;COUNT=2' })).json().error.code).toBe('recurring_stopped');
    expect(await extendRecurring(t.ctx)).toBe(0);
  });

  it('re-shares a published evergreen post in a recycling queue’s free slots, days apart, never the same text twice in a row', async () => {
    const engine = new PublishingEngine({ ...t.ctx, config: t.ctx.config }, { autoPoll: false, lookaheadMs: 1_000 });
    await engine.start();
    try {
      const created = await s.api('POST', '/posts', {
        content: 'Nuestro café de siempre',
        channels: [{ channelId: s.channelId }],
        action: 'publish_now',
      });
      const postId = created.json().id as string;
      await until(async () => {
        await engine.poll();
        await engine.flush();
        return (await s.api('GET', `/posts/${postId}`)).json().state === 'published';
      }, 20_000);
      const mark = await s.api('PUT', `/posts/${postId}/evergreen`, { evergreen: true, variants: ['El café de siempre, recién hecho'] });
      expect(mark.statusCode, mark.body).toBe(200);
      const slots = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, time: '10:00' }));
      const queue = (await s.api('POST', '/queues', { name: 'Siempre', channelIds: [s.channelId], slots })).json();
      const gap = await s.api('PUT', `/queues/${queue.id}/evergreen`, { gapDays: 3 });
      expect(gap.statusCode, gap.body).toBe(200);
      const fill = await s.api('POST', `/queues/${queue.id}/evergreen/fill`);
      expect(fill.statusCode, fill.body).toBe(200);
      const shares = fill.json().items as Array<{ scheduledAt: string; text: string; sourceId: string }>;
      expect(shares.length).toBe(2);
      expect(shares.every((x) => x.sourceId === postId)).toBe(true);
      expect(Date.parse(shares[1].scheduledAt) - Date.parse(shares[0].scheduledAt)).toBeGreaterThanOrEqual(3 * 86_400_000);
      expect(shares.map((x) => x.text)).toEqual(['El café de siempre, recién hecho', 'Nuestro café de siempre']);
      for (const x of shares) expect(local(x.scheduledAt).endsWith('10:00')).toBe(true);
      // Filled once: a second fill finds no slot far enough from the last share.
      expect((await s.api('POST', `/queues/${queue.id}/evergreen/fill`)).json().items).toHaveLength(0);
      const list = (await s.api('GET', '/evergreen')).json();
      expect(list.items[0]).toMatchObject({
        id: postId,
        variants: ['El café de siempre, recién hecho'],
        reshares: 2,
        nextShareAt: shares[0].scheduledAt,
        queues: [{ id: queue.id, name: 'Siempre', gapDays: 3, paused: false }],
      });
      expect(list.queues.find((q: { id: string }) => q.id === queue.id)).toMatchObject({ gapDays: 3, channelIds: [s.channelId] });
      // The post's own status: which queue recycles it, its gap, the next re-share, what it will say.
      const status = await s.api('GET', `/posts/${postId}/evergreen`);
      expect(status.statusCode, status.body).toBe(200);
      expect(status.json()).toMatchObject({
        evergreen: true,
        published: true,
        queues: [{ id: queue.id, gapDays: 3, paused: false }],
        refusesDuplicates: [],
        nextShareAt: shares[0].scheduledAt,
        earliestNextAt: null,
      });
      expect(status.json().reshares.map((r: { text: string }) => r.text)).toEqual([
        'Nuestro café de siempre',
        'El café de siempre, recién hecho',
      ]);
      expect((await s.api('GET', `/posts/${shares[0].sourceId}/evergreen`)).json().lastSharedAt).not.toBeNull();
      // A re-share names its source; a viewer reads the status; no token → 401; another workspace → 404.
      expect((await s.api('GET', `/posts/${status.json().reshares[0].postId}/evergreen`)).json().sourceId).toBe(postId);
      const path = `/api/v1/workspaces/${s.workspaceId}/posts/${postId}/evergreen`;
      expect((await s.member('viewer').request('GET', path)).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(401);
      expect((await s.stranger.request('GET', path)).statusCode).toBe(404);
      expect((await s.api('GET', `/posts/00000000-0000-4000-8000-000000000000/evergreen`)).statusCode).toBe(404);
    } finally {
      await engine.stop(0);
    }
  });
});
