/**
 * Queues over the real API, on both databases: add to queue takes the next free slot (never two
 * posts in one slot, even when people add at once), slot changes and reorders move the posts held,
 * a paused queue holds its posts unscheduled, a time set by hand takes a post out of its queue.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { queuesRepository } from './repository.ts';

const ZONE = 'Europe/Madrid';

describe.each(DB_KINDS)('queues on %s', (kind) => {
  let t: TestApp;
  let s: Scenario;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    s = await given(t).workspace({ timeZone: ZONE }).sandboxChannel().member('viewer').stranger();
  });
  afterAll(async () => t?.close());

  const draft = async (content: string) => {
    const res = await s.api('POST', '/posts', { content, channels: [{ channelId: s.channelId }] });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const createQueue = async (slots: Array<{ weekday: number; time: string }>, name = 'Mañanas') => {
    const res = await s.api('POST', '/queues', { name, channelIds: [s.channelId], slots });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; nextFreeSlots: string[]; slots: Array<{ weekday: number; time: string }> };
  };
  const add = (queueId: string, postId: string) => s.api('POST', `/queues/${queueId}/posts`, { postId });
  const post = async (postId: string) => (await s.api('GET', `/posts/${postId}`)).json();
  const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('c HH:mm');

  it('creates a queue whose next free slots are its weekly times on the brand’s wall clock', async () => {
    const queue = await createQueue([
      { weekday: 2, time: '09:30' },
      { weekday: 4, time: '18:00' },
      { weekday: 2, time: '09:30' },
    ]);
    expect(queue.slots).toEqual([
      { weekday: 2, time: '09:30' },
      { weekday: 4, time: '18:00' },
    ]);
    expect(queue.nextFreeSlots).toHaveLength(5);
    expect(new Set(queue.nextFreeSlots.map(local))).toEqual(new Set(['2 09:30', '4 18:00']));
    expect(Date.parse(queue.nextFreeSlots[0])).toBeGreaterThan(clock.now());
  });

  it('puts each added post in the next free slot, in order, and people adding at once never share one', async () => {
    const queue = await createQueue([
      { weekday: 1, time: '08:00' },
      { weekday: 3, time: '08:00' },
      { weekday: 5, time: '08:00' },
    ]);
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => draft(`Cola ${i}`)));
    const answers = await Promise.all(ids.map((id) => add(queue.id, id)));
    for (const res of answers) expect(res.statusCode, res.body).toBe(200);
    const times = answers.map((res) => res.json().scheduledAt as string);
    expect(new Set(times).size).toBe(8);
    expect([...times].sort()).toEqual(queue.nextFreeSlots.slice(0, 5).concat([...times].sort().slice(5)));
    for (const at of times) expect(local(at).endsWith('08:00')).toBe(true);
    const first = await post(ids[0]);
    expect(first.state).toBe('scheduled');
    expect(first.publications[0].state).toBe('scheduled');
    const detail = (await s.api('GET', `/queues/${queue.id}`)).json();
    expect(detail.posts).toBe(8);
    expect(detail.heldPosts.map((p: { scheduledAt: string }) => p.scheduledAt)).toEqual([...times].sort());
  });

  it('moves the posts held when the slots change, and hands times out again on a reorder', async () => {
    const queue = await createQueue([{ weekday: 1, time: '10:00' }], 'Cambios');
    const [a, b, c] = [await draft('A'), await draft('B'), await draft('C')];
    for (const id of [a, b, c]) expect((await add(queue.id, id)).statusCode).toBe(200);
    const changed = await s.api('PATCH', `/queues/${queue.id}`, { slots: [{ weekday: 6, time: '12:15' }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().moved).toBe(3);
    const held = changed.json().heldPosts as Array<{ id: string; scheduledAt: string }>;
    expect(held.map((p) => p.id)).toEqual([a, b, c]);
    for (const p of held) expect(local(p.scheduledAt)).toBe('6 12:15');
    expect((await post(a)).publications[0].dueAt).toBe(held[0].scheduledAt);

    const reordered = await s.api('PUT', `/queues/${queue.id}/order`, { postIds: [c, a, b] });
    expect(reordered.statusCode, reordered.body).toBe(200);
    const after = (await s.api('GET', `/queues/${queue.id}`)).json().heldPosts as Array<{ id: string; scheduledAt: string }>;
    expect(after.map((p) => p.id)).toEqual([c, a, b]);
    expect(after.map((p) => p.scheduledAt)).toEqual(held.map((p) => p.scheduledAt));

    const stale = await s.api('PUT', `/queues/${queue.id}/order`, { postIds: [a, b] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('queue_changed');
  });

  it('a paused queue holds its posts unscheduled; resuming puts them back in its slots', async () => {
    const queue = await createQueue([{ weekday: 2, time: '07:45' }], 'Pausa');
    const [a, b] = [await draft('Pausa A'), await draft('Pausa B')];
    await add(queue.id, a);
    await add(queue.id, b);
    const paused = await s.api('PATCH', `/queues/${queue.id}`, { paused: true });
    expect(paused.json()).toMatchObject({ paused: true, moved: 2, posts: 2 });
    expect(await post(a)).toMatchObject({ state: 'draft', scheduledAt: null });
    const c = await draft('Pausa C');
    expect((await add(queue.id, c)).json().scheduledAt).toBeNull();
    const resumed = await s.api('PATCH', `/queues/${queue.id}`, { paused: false });
    expect(resumed.json()).toMatchObject({ paused: false, moved: 3 });
    const held = resumed.json().heldPosts as Array<{ id: string; scheduledAt: string; state: string }>;
    expect(held.map((p) => p.id)).toEqual([a, b, c]);
    expect(held.every((p) => p.state === 'scheduled' && local(p.scheduledAt) === '2 07:45')).toBe(true);
  });

  it('a time set by hand takes the post out of its queue', async () => {
    const queue = await createQueue([{ weekday: 7, time: '20:00' }], 'A mano');
    const id = await draft('A mano');
    await add(queue.id, id);
    const res = await s.api('POST', `/posts/${id}/schedule`, { scheduledAt: '2031-05-05T10:00:00.000Z' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await s.api('GET', `/queues/${queue.id}`)).json().posts).toBe(0);
    await s.api('PATCH', `/queues/${queue.id}`, { slots: [{ weekday: 7, time: '21:00' }] });
    expect((await post(id)).scheduledAt).toBe('2031-05-05T10:00:00.000Z');
  });

  it('says why it cannot: no slots (409), bad times (400), other workspaces (404), viewers (403)', async () => {
    const empty = await createQueue([], 'Vacía');
    const refused = await add(empty.id, await draft('Sin franjas'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('queue_has_no_slots');
    expect((await s.api('POST', '/queues', { name: 'Mal', slots: [{ weekday: 8, time: '09:00' }] })).statusCode).toBe(400);
    expect((await s.api('POST', '/queues', { name: 'Mal', slots: [{ weekday: 1, time: '24:00' }] })).statusCode).toBe(400);
    const strangers = await s.stranger.request('GET', `/api/v1/workspaces/${s.workspaceId}/queues/${empty.id}`);
    expect(strangers.statusCode).toBe(404);
    const viewer = await s.member('viewer').request('POST', `/api/v1/workspaces/${s.workspaceId}/queues`, { name: 'No' });
    expect(viewer.statusCode).toBe(403);
    expect((await s.member('viewer').request('GET', `/api/v1/workspaces/${s.workspaceId}/queues`)).statusCode).toBe(200);
    const suggested = await s.api('GET', '/queues/suggested-slots');
    expect(suggested.json()).toMatchObject({ slots: [], reasonCode: 'not_enough_posts' });
  });
  it('the one-statement add changes nothing after a change meanwhile or when every offered slot is taken, and writes its events', async () => {
    const queue = await createQueue(
      [
        { weekday: 2, time: '07:00' },
        { weekday: 4, time: '07:00' },
      ],
      'En una sentencia',
    );
    const [first, second] = [await draft('Primera'), await draft('Segunda')];
    const db = t.ctx.database.db;
    const after = new Date(clock.now() + 60_000);
    const read = await queuesRepository.readForQuickAdd(db, s.workspaceId, queue.id, second, after);
    expect(read).toMatchObject({ paused: false, postState: 'draft', timeZone: ZONE });
    const [x, y] = queue.nextFreeSlots.map((at) => new Date(at));
    const events = [
      {
        workspaceId: s.workspaceId,
        actorUserId: null,
        type: 'queue.post_added',
        subjectType: 'post',
        subjectId: second,
        data: { queueId: queue.id },
      },
    ];
    const attempt = (fingerprint: string, candidates: Date[]) =>
      queuesRepository.addInSlot(db, {
        workspaceId: s.workspaceId,
        queueId: queue.id,
        postId: second,
        fingerprint,
        candidates,
        now: new Date(clock.now()),
        events: events as never,
      });
    // Another post takes the first slot meanwhile: offered only that one, the add takes nothing.
    expect((await add(queue.id, first)).json().scheduledAt).toBe(x.toISOString());
    expect(await attempt(read!.fingerprint, [x])).toEqual({ outcome: 'exhausted' });
    // The post was edited meanwhile: stale, nothing changed.
    expect(
      (await s.api('PUT', `/posts/${second}`, { content: 'Segunda, corregida', channels: [{ channelId: s.channelId }] })).statusCode,
    ).toBe(200);
    expect(await attempt(read!.fingerprint, [x, y])).toEqual({ outcome: 'stale' });
    expect((await post(second)).state).toBe('draft');
    // Read again: the first free of the offered instants, with its events.
    const again = await queuesRepository.readForQuickAdd(db, s.workspaceId, queue.id, second, after);
    expect(again!.fingerprint).not.toBe(read!.fingerprint);
    const added = await attempt(again!.fingerprint, [x, y]);
    expect(added).toMatchObject({ outcome: 'added', slot: y });
    const written = await db
      .selectFrom('events')
      .select(['id', 'data'])
      .where('subject_id', '=', second)
      .where('type', '=', 'queue.post_added')
      .execute();
    expect(written.map((e) => String(e.id))).toEqual((added as { eventIds: string[] }).eventIds);
    expect(written[0].data).toEqual({ queueId: queue.id, scheduledAt: y.toISOString() });
    const scheduled = await post(second);
    expect(scheduled).toMatchObject({ state: 'scheduled', scheduledAt: y.toISOString() });
    expect(scheduled.publications[0]).toMatchObject({ state: 'scheduled' });
  });
});
