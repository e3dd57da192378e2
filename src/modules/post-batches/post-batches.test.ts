/**
 * Batch operations on posts and duplicating a post, over the real API on both databases: every post
 * changes or none does, moves keep the brand's wall-clock time across daylight saving, queued posts
 * take distinct slots in order, deleted posts come back exactly on undo, and undo refuses when it
 * is too late or a post changed since.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { ManualClock } from '../../lib/clock.ts';
import { UNDO_WINDOW_MS } from './commands.ts';

const ZONE = 'Europe/Madrid';
// A week before Spain moves its clocks forward (2027-03-28).
const START = Date.parse('2027-03-20T09:00:00Z');

describe.each(DB_KINDS)('post batches on %s', (kind) => {
  let t: TestApp;
  let s: Scenario;
  const clock = new ManualClock(START);

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    s = await given(t).workspace({ timeZone: ZONE }).sandboxChannel().member('viewer').stranger();
  });
  afterAll(async () => t?.close());

  const create = async (content: string, scheduledAt?: string) => {
    const res = await s.api('POST', '/posts', {
      content,
      channels: [{ channelId: s.channelId }],
      ...(scheduledAt ? { action: 'schedule', scheduledAt } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const post = async (id: string) => (await s.api('GET', `/posts/${id}`)).json();
  const batch = (body: Record<string, unknown>) => s.api('POST', '/post-batches', body);
  const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm');

  it('moves posts by days on the brand’s wall clock (across the change to summer time) and undoes it', async () => {
    const a = await create('Antes del cambio', '2027-03-25T10:00:00+01:00');
    const b = await create('Borrador con fecha');
    await s.api('PUT', `/posts/${b}`, {
      content: 'Borrador con fecha',
      channels: [{ channelId: s.channelId }],
      scheduledAt: '2027-03-26T18:30:00+01:00',
    });
    const res = await batch({ action: 'move', postIds: [a, b], days: 7 });
    expect(res.statusCode, res.body).toBe(200);
    const moved = res.json();
    expect(moved.count).toBe(2);
    expect(local((await post(a)).scheduledAt)).toBe('2027-04-01 10:00');
    expect((await post(a)).scheduledAt).toBe('2027-04-01T08:00:00.000Z');
    expect((await post(a)).publications[0].dueAt).toBe('2027-04-01T08:00:00.000Z');
    expect(await post(b)).toMatchObject({ state: 'draft' });
    expect(local((await post(b)).scheduledAt)).toBe('2027-04-02 18:30');

    const undone = await s.api('POST', `/post-batches/${moved.batchId}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await post(a)).toMatchObject({ state: 'scheduled', scheduledAt: '2027-03-25T09:00:00.000Z' });
    expect((await post(a)).publications[0]).toMatchObject({ state: 'scheduled', dueAt: '2027-03-25T09:00:00.000Z' });
    expect(await post(b)).toMatchObject({ state: 'draft', scheduledAt: '2027-03-26T17:30:00.000Z' });
    const twice = await s.api('POST', `/post-batches/${moved.batchId}/undo`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('batch_already_undone');
  });

  it('reschedules undated drafts from a time, spaced, in the order given; undo makes them undated drafts again', async () => {
    const ids = [await create('Uno'), await create('Dos'), await create('Tres')];
    const res = await batch({
      action: 'reschedule',
      postIds: [ids[2], ids[0], ids[1]],
      scheduledAt: '2027-03-30T09:00:00+02:00',
      spacingMinutes: 90,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(local((await post(ids[2])).scheduledAt)).toBe('2027-03-30 09:00');
    expect(local((await post(ids[0])).scheduledAt)).toBe('2027-03-30 10:30');
    expect(local((await post(ids[1])).scheduledAt)).toBe('2027-03-30 12:00');
    expect((await post(ids[0])).state).toBe('scheduled');
    expect(res.json().posts.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect((await s.api('POST', `/post-batches/${res.json().batchId}/undo`)).statusCode).toBe(200);
    for (const id of ids) expect(await post(id)).toMatchObject({ state: 'draft', scheduledAt: null });
    for (const id of ids) expect((await post(id)).publications[0].state).toBe('pending');
  });

  it('adds posts to a queue in order, each in its own slot; undo takes them out again', async () => {
    const queue = (
      await s.api('POST', '/queues', {
        name: 'Lotes',
        channelIds: [s.channelId],
        slots: [
          { weekday: 2, time: '09:15' },
          { weekday: 4, time: '09:15' },
        ],
      })
    ).json();
    const ids = [await create('Q1'), await create('Q2'), await create('Q3')];
    const res = await batch({ action: 'queue', postIds: ids, queueId: queue.id });
    expect(res.statusCode, res.body).toBe(200);
    const times = res.json().posts.map((p: { scheduledAt: string }) => p.scheduledAt);
    expect(times).toEqual(queue.nextFreeSlots.slice(0, 3));
    expect(res.json().posts.every((p: { queueId: string }) => p.queueId === queue.id)).toBe(true);
    expect((await s.api('GET', `/queues/${queue.id}`)).json().posts).toBe(3);
    expect((await s.api('POST', `/post-batches/${res.json().batchId}/undo`)).statusCode).toBe(200);
    expect((await s.api('GET', `/queues/${queue.id}`)).json().posts).toBe(0);
    for (const id of ids) expect(await post(id)).toMatchObject({ state: 'draft', scheduledAt: null });
  });

  it('deletes posts and brings them back exactly (same ids, texts, comments) on undo', async () => {
    const a = await create('Borrar A', '2027-04-10T12:00:00+02:00');
    const b = await create('Borrar B');
    expect((await s.api('POST', `/posts/${b}/comments`, { body: 'Revisar el tono' })).statusCode).toBe(201);
    const before = [await post(a), await post(b)];
    const res = await batch({ action: 'delete', postIds: [a, b] });
    expect(res.statusCode, res.body).toBe(200);
    expect((await s.api('GET', `/posts/${a}`)).statusCode).toBe(404);
    expect((await s.api('POST', `/post-batches/${res.json().batchId}/undo`)).statusCode).toBe(200);
    const after = [await post(a), await post(b)];
    expect(after.map((p) => ({ ...p, history: undefined }))).toEqual(before.map((p) => ({ ...p, history: undefined })));
    expect(after[1].comments.map((c: { body: string }) => c.body)).toContain('Revisar el tono');
  });

  it('changes nothing when one post cannot change, and says which and why', async () => {
    const ok = await create('Se puede', '2027-04-12T10:00:00+02:00');
    const sent = await create('Ya publicada', '2027-04-12T11:00:00+02:00');
    await t.ctx.database.db.updateTable('publications').set({ state: 'published' }).where('post_id', '=', sent).execute();
    await t.ctx.database.db.updateTable('posts').set({ state: 'published' }).where('id', '=', sent).execute();
    const undated = await create('Sin fecha');
    const foreign = '00000000-0000-4000-8000-000000000000';
    const res = await batch({ action: 'move', postIds: [ok, sent, undated, foreign], days: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('batch_failed');
    const codes = Object.fromEntries(res.json().error.details.map((d: { postId: string; code: string }) => [d.postId, d.code]));
    expect(codes).toEqual({ [sent]: 'post_not_editable', [undated]: 'post_undated', [foreign]: 'not_found' });
    expect((await post(ok)).scheduledAt).toBe('2027-04-12T08:00:00.000Z');
    const del = await batch({ action: 'delete', postIds: [ok, sent] });
    expect(del.statusCode).toBe(422);
    expect(del.json().error.details).toEqual([expect.objectContaining({ postId: sent, code: 'published_post_undeletable' })]);
    expect((await s.api('GET', `/posts/${ok}`)).statusCode).toBe(200);
    const past = await batch({ action: 'reschedule', postIds: [ok], scheduledAt: '2020-01-01T10:00:00Z' });
    expect(past.json().error.details[0].code).toBe('scheduled_time_passed');
  });

  it('refuses an undo after a post changed, or once the window is over', async () => {
    const a = await create('Cambiará', '2027-04-20T10:00:00+02:00');
    const first = (await batch({ action: 'move', postIds: [a], days: 1 })).json();
    await s.api('POST', `/posts/${a}/schedule`, { scheduledAt: '2027-04-25T10:00:00+02:00' });
    const conflict = await s.api('POST', `/post-batches/${first.batchId}/undo`);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toMatchObject({ code: 'batch_undo_conflict', details: { postIds: [a] } });
    expect((await post(a)).scheduledAt).toBe('2027-04-25T08:00:00.000Z');
    const second = (await batch({ action: 'move', postIds: [a], days: -1 })).json();
    clock.advance(UNDO_WINDOW_MS + 1_000);
    const late = await s.api('POST', `/post-batches/${second.batchId}/undo`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('batch_undo_expired');
  });

  it('duplicates a post as an undated draft with the same channels and texts', async () => {
    const res = await s.api('POST', '/posts', {
      content: 'Original',
      channels: [{ channelId: s.channelId, text: 'Texto propio del canal' }],
      action: 'schedule',
      scheduledAt: '2027-05-01T10:00:00+02:00',
    });
    const original = res.json();
    const dup = await s.api('POST', `/posts/${original.id}/duplicate`, {});
    expect(dup.statusCode, dup.body).toBe(201);
    expect(dup.json()).toMatchObject({ state: 'draft', scheduledAt: null, content: 'Original' });
    expect(dup.json().id).not.toBe(original.id);
    expect(dup.json().publications[0]).toMatchObject({ channelId: s.channelId, text: 'Texto propio del canal', state: 'pending' });
    const dated = await s.api('POST', `/posts/${original.id}/duplicate`, { scheduledAt: '2027-05-08T10:00:00+02:00' });
    expect(dated.json()).toMatchObject({ state: 'draft', scheduledAt: '2027-05-08T08:00:00.000Z' });
  });

  it('needs a signed-in member with the permission, and sees only its own workspace', async () => {
    const id = await create('Ajena');
    const url = `/api/v1/workspaces/${s.workspaceId}`;
    expect(
      (await t.app.inject({ method: 'POST', url: `${url}/post-batches`, payload: { action: 'delete', postIds: [id] } })).statusCode,
    ).toBe(401);
    expect((await s.stranger.request('POST', `${url}/post-batches`, { action: 'delete', postIds: [id] })).statusCode).toBe(404);
    expect((await s.member('viewer').request('POST', `${url}/post-batches`, { action: 'delete', postIds: [id] })).statusCode).toBe(403);
    expect((await s.member('viewer').request('POST', `${url}/posts/${id}/duplicate`, {})).statusCode).toBe(403);
    // A post of another workspace is not found inside this one's batch.
    const strangerWs = (await s.stranger.request('GET', '/api/v1/workspaces')).json().items?.[0]?.id as string | undefined;
    if (strangerWs) {
      const res = await s.stranger.request('POST', `/api/v1/workspaces/${strangerWs}/post-batches`, { action: 'delete', postIds: [id] });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details[0].code).toBe('not_found');
    }
    expect((await s.api('GET', `/posts/${id}`)).statusCode).toBe(200);
    expect((await s.api('POST', '/post-batches', { action: 'move', postIds: [id] })).statusCode).toBe(400);
    expect((await s.api('POST', '/post-batches', { action: 'explode', postIds: [id] })).statusCode).toBe(400);
    expect((await s.api('POST', '/post-batches', { action: 'delete', postIds: [] })).statusCode).toBe(400);
  });
});
