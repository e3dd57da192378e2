import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createCaller, createTestApp, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { foldIcalLine, escapeIcalText } from './ical.ts';
import { getInProcessSandbox } from '../../networks/sandbox/index.ts';

describe('calendar entries, iCalendar feed, notifications and sandbox timeline', () => {
  let t: TestApp;
  let owner: Caller;
  let stranger: Caller;
  let workspaceId = '';
  let otherWorkspaceId = '';
  let postId = '';

  beforeAll(async () => {
    t = await createTestApp('embedded');
    owner = await createCaller(t, 'owner@example.test');
    stranger = await createCaller(t, 'stranger@example.test');
    workspaceId = (
      await owner.request('POST', '/api/v1/workspaces', { name: 'Brand; with, commas', timeZone: 'Europe/Madrid', language: 'es' })
    ).json().id;
    otherWorkspaceId = (await stranger.request('POST', '/api/v1/workspaces', { name: 'Other', timeZone: 'UTC', language: 'en' })).json().id;
    const channel = (
      await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'Demo',
        fields: { handle: 'calendartest', token: 'tok' },
      })
    ).json();
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content: 'Line one, with; specials\nline two',
      channels: [{ channelId: channel.id }],
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      action: 'draft',
    });
    postId = created.json().id;
  });
  afterAll(() => t.close());

  it('lists compact entries in a window, filtered, with each channel’s state', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await owner.request(
      'GET',
      `/api/v1/workspaces/${workspaceId}/calendar/entries?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toMatchObject([{ id: postId, state: 'draft', channels: [{ state: 'pending' }] }]);
    const filtered = await owner.request(
      'GET',
      `/api/v1/workspaces/${workspaceId}/calendar/entries?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&state=published`,
    );
    expect(filtered.json().items).toEqual([]);
  });

  it('not signed in → 401; another workspace → 404', async () => {
    const from = encodeURIComponent(new Date().toISOString());
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${workspaceId}/calendar/entries?from=${from}&to=${from}` })).statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${workspaceId}/notifications` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${workspaceId}/activity/stream` })).statusCode).toBe(401);
    expect((await stranger.request('GET', `/api/v1/workspaces/${workspaceId}/calendar/entries?from=${from}&to=${from}`)).statusCode).toBe(
      404,
    );
    expect((await stranger.request('POST', `/api/v1/workspaces/${workspaceId}/calendar/feed`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/workspaces/${workspaceId}/sandbox/timeline`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/workspaces/${workspaceId}/notifications`)).statusCode).toBe(404);
  });

  it('serves a token-protected iCalendar feed; a new URL revokes the old one', async () => {
    const first = (await owner.request('POST', `/api/v1/workspaces/${workspaceId}/calendar/feed`)).json().url as string;
    const path = new URL(first).pathname;
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VCALENDAR\r\n');
    expect(feed.body).toContain(`UID:${postId}@plaza`);
    expect(feed.body).toContain('X-WR-CALNAME:Plaza · Brand\\; with\\, commas');
    expect(feed.body).toContain('SUMMARY:[draft] Line one\\, with\\; specials');
    expect(feed.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const second = (await owner.request('POST', `/api/v1/workspaces/${workspaceId}/calendar/feed`)).json().url as string;
    expect(second).not.toBe(first);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: new URL(second).pathname })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar/not-a-real-token-at-all.ics' })).statusCode).toBe(404);
  });

  it('folds long lines without splitting characters and escapes text', () => {
    const folded = foldIcalLine(`DESCRIPTION:${'ñ'.repeat(100)}`);
    expect(folded.split('\r\n ').join('')).toBe(`DESCRIPTION:${'ñ'.repeat(100)}`);
    expect(folded.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(escapeIcalText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('notifications show others’ actions, count unread and can be marked read', async () => {
    await addMember(t, owner, workspaceId, { email: 'editor@example.test', role: 'editor', name: 'Ed', password: 'correct horse battery' });
    const editor = await createCaller(t, 'editor2@example.test');
    await addMember(t, owner, workspaceId, { email: 'editor2@example.test', role: 'editor' });
    await editor.request('POST', `/api/v1/workspaces/${workspaceId}/posts/${postId}/comments`, { body: 'Looks good' });
    const before = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/notifications`)).json();
    expect(before.unread).toBe(1);
    expect(before.items[0]).toMatchObject({ type: 'post.commented', subjectId: postId, unread: true });
    expect(
      (await owner.request('POST', `/api/v1/workspaces/${workspaceId}/notifications/read`, { upToEventId: before.items[0].id })).statusCode,
    ).toBe(200);
    expect((await owner.request('GET', `/api/v1/workspaces/${workspaceId}/notifications`)).json().unread).toBe(0);
  });

  it('the sandbox timeline shows only this workspace’s simulated accounts', async () => {
    getInProcessSandbox().acceptPost('calendartest', { text: 'simulated hello', media: [] });
    getInProcessSandbox().acceptPost('someoneelse', { text: 'not ours', media: [] });
    const timeline = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/sandbox/timeline`)).json();
    expect(timeline.simulated).toBe(true);
    expect(timeline.entries.map((e: { text: string }) => e.text)).toEqual(['simulated hello']);
    expect((await stranger.request('GET', `/api/v1/workspaces/${otherWorkspaceId}/sandbox/timeline`)).json().entries).toEqual([]);
  });
});
