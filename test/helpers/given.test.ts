import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';
import { FAR_FUTURE, given } from './given.ts';

describe('given(t): the scenario factory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('embedded');
  }, 120_000);
  afterAll(async () => t?.close());

  it('arranges a workspace, members, a stranger, a sandbox channel and a scheduled post through the API', async () => {
    const s = await given(t).workspace({ name: 'Panadería Sol' }).member('viewer').stranger().sandboxChannel().scheduledPost();
    expect(s.workspace).toMatchObject({ name: 'Panadería Sol', timeZone: 'Europe/Madrid' });
    expect((await s.api('GET', '/channels')).json().items.map((c: { id: string }) => c.id)).toEqual([s.channelId]);
    const post = (await s.api('GET', `/posts/${s.postId}`)).json();
    expect(post).toMatchObject({
      state: 'scheduled',
      publications: [{ channelId: s.channelId, dueAt: new Date(FAR_FUTURE).toISOString() }],
    });
    expect((await s.member('viewer').request('GET', `/api/v1/workspaces/${s.workspaceId}/posts`)).statusCode).toBe(200);
    expect((await s.stranger.request('GET', `/api/v1/workspaces/${s.workspaceId}/posts/${s.postId}`)).statusCode).toBe(404);
  });

  it('says which step is missing', async () => {
    const s = await given(t).workspace();
    expect(() => s.channelId).toThrow(/sandboxChannel/);
    expect(() => s.member('editor')).toThrow(/member\('editor'\)/);
    await expect(given(t).sandboxChannel()).rejects.toThrow(/call \.workspace\(\) first/);
    await expect(given(t).workspace().draftPost()).rejects.toThrow(/call \.sandboxChannel\(\) first/);
  });
});
