/**
 * The approval rules over the real API: "approve" means one thing (a dated post is scheduled, an undated
 * one waits for a date), a post whose time has passed is never published by an approval unless the caller
 * says publishNow, past dates are saved with a warning, empty posts are refused, and a cancel can be undone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { FAR_FUTURE, given, type Scenario } from '../../../test/helpers/given.ts';

describe.each(DB_KINDS)('approvals and past dates on %s', (kind) => {
  let t: TestApp;
  let s: Scenario;
  // The app's clock follows the real one (events are stamped by the database) and can be moved on.
  const clock = new ManualClock(Date.now());
  const hoursAgo = (hours: number) => new Date(clock.now() - hours * 3_600_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    s = await given(t).workspace().sandboxChannel().member('approver');
    await s.api('PATCH', '', { approvalRequired: true });
  });
  afterAll(async () => t?.close());

  /** A post submitted for review at `scheduledAt` (or undated). */
  async function inReview(scheduledAt: string | null): Promise<string> {
    const res = await s.api('POST', '/posts', {
      content: 'Tarta de queso del día 🍰',
      channels: [{ channelId: s.channelId }],
      scheduledAt,
      action: 'submit',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().state).toBe('in_review');
    return res.json().id as string;
  }

  const approve = (postId: string, body: Record<string, unknown> = {}) =>
    s.member('approver').request('POST', `/api/v1/workspaces/${s.workspaceId}/posts/${postId}/approve`, body);

  it('approving a dated post schedules it at its time (the approver needs no other step)', async () => {
    const postId = await inReview(FAR_FUTURE);
    const res = await approve(postId, { comment: 'Perfecto' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('scheduled');
    expect(res.json().publications[0]).toMatchObject({ state: 'scheduled', dueAt: '2030-01-01T09:00:00.000Z' });
  });

  it('approving an undated post leaves it approved, waiting for a date', async () => {
    const postId = await inReview(null);
    const res = await approve(postId);
    expect(res.json()).toMatchObject({ state: 'approved', scheduledAt: null });
    expect(res.json().publications[0].state).toBe('pending');
  });

  it('refuses to publish a past-dated post on approval without an explicit publishNow (409 scheduled_time_passed)', async () => {
    const yesterday = hoursAgo(24);
    const postId = await inReview(yesterday);
    const refused = await approve(postId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'scheduled_time_passed', details: { scheduledAt: yesterday } });
    const still = await s.api('GET', `/posts/${postId}`);
    expect(still.json().state).toBe('in_review');
    expect(still.json().publications[0].state).toBe('pending');

    // A new time in the past is refused the same way; a future one schedules it there.
    expect((await approve(postId, { scheduledAt: hoursAgo(2) })).json().error.code).toBe('scheduled_time_passed');
    const later = await approve(postId, { scheduledAt: FAR_FUTURE });
    expect(later.json()).toMatchObject({ state: 'scheduled', scheduledAt: '2030-01-01T09:00:00.000Z' });
  });

  it('publishes a past-dated post at once when the approver says publishNow', async () => {
    const postId = await inReview(hoursAgo(24));
    const res = await approve(postId, { publishNow: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('scheduled');
    expect(Math.abs(Date.parse(res.json().publications[0].dueAt) - clock.now())).toBeLessThan(1000);
  });

  it('saves a past-dated draft with a warning, and refuses to schedule it there', async () => {
    const draft = await s.api('POST', '/posts', { content: 'Ayer', channels: [{ channelId: s.channelId }], scheduledAt: hoursAgo(24) });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().warnings).toEqual([{ code: 'scheduled_time_passed', message: 'That time has already passed' }]);
    const future = await s.api('POST', '/posts', { content: 'Mañana', channels: [{ channelId: s.channelId }], scheduledAt: FAR_FUTURE });
    expect(future.json().warnings).toEqual([]);
    await s.api('PATCH', '', { approvalRequired: false });
    const scheduled = await s.api('POST', '/posts', {
      content: 'Ayer',
      channels: [{ channelId: s.channelId }],
      scheduledAt: hoursAgo(24),
      action: 'schedule',
    });
    expect(scheduled.statusCode).toBe(409);
    expect(scheduled.json().error.code).toBe('scheduled_time_passed');
    await s.api('PATCH', '', { approvalRequired: true });
  });

  it('refuses an empty post with post_empty, even as a draft', async () => {
    const res = await s.api('POST', '/posts', { content: '   ', channels: [{ channelId: s.channelId }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('post_empty');
  });

  it('undoes a cancel: the post returns to its schedule, and only within the restore window', async () => {
    const postId = await inReview(FAR_FUTURE);
    await approve(postId);
    const canceled = await s.api('POST', `/posts/${postId}/cancel`, {});
    expect(canceled.json().state).toBe('canceled');
    expect(canceled.json().publications[0].state).toBe('canceled');
    const restored = await s.api('POST', `/posts/${postId}/restore`, {});
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ state: 'scheduled', scheduledAt: '2030-01-01T09:00:00.000Z' });
    expect(restored.json().publications[0]).toMatchObject({ state: 'scheduled', dueAt: '2030-01-01T09:00:00.000Z' });
    // Restoring twice is a conflict, not a second schedule.
    expect((await s.api('POST', `/posts/${postId}/restore`, {})).statusCode).toBe(409);

    await s.api('POST', `/posts/${postId}/cancel`, {});
    clock.advance(11 * 60_000);
    const late = await s.api('POST', `/posts/${postId}/restore`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('restore_window_passed');
    clock.set(Date.now());
  });

  it('only publishers may cancel or restore', async () => {
    const postId = await inReview(null);
    const res = await s.member('approver').request('POST', `/api/v1/workspaces/${s.workspaceId}/posts/${postId}/cancel`, {});
    expect(res.statusCode).toBe(403);
  });
});
