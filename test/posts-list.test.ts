import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { FAR_FUTURE, given, type Scenario } from './helpers/given.ts';
import { plaza } from './helpers/cli.ts';

/** The posts list (issue 12, item 4): every post, undated drafts included, with filters and search, from the API and the CLI. */
describe('posts list: filters, search, pages — API and CLI', () => {
  let t: TestApp;
  let s: Scenario;
  let campaignId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp('postgres');
    s = await given(t).workspace().member('editor').sandboxChannel({ handle: 'uno' }).sandboxChannel({ handle: 'dos' });
    const campaign = await s.api('POST', '/campaigns', { name: 'Verano' });
    expect(campaign.statusCode, campaign.body).toBe(201);
    campaignId = campaign.json().id;
    const [first, second] = s.channelIds;
    const create = async (key: string, body: Record<string, unknown>, as = s.owner) => {
      const res = await as.request('POST', `/api/v1/workspaces/${s.workspaceId}/posts`, body);
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id;
    };
    await create('undated', { content: 'Idea sin fecha: café de otoño', channels: [{ channelId: first }], action: 'draft' });
    await create('dated', {
      content: 'Menú del día 100% casero',
      channels: [{ channelId: first }, { channelId: second }],
      scheduledAt: FAR_FUTURE,
      action: 'schedule',
      campaignId,
    });
    await create('byEditor', { content: 'Tarta de queso_nueva', channels: [{ channelId: second }], action: 'draft' }, s.member('editor'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query: string) => {
    const res = await s.api('GET', `/posts?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Array<{ id: string }>; nextCursor: string | null };
  };
  const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((p) => p.id);

  it('lists every post newest first, undated drafts included', async () => {
    expect(idsOf(await list(''))).toEqual([ids.byEditor, ids.dated, ids.undated]);
  });

  it('filters by undated, state, channel, campaign and author', async () => {
    expect(idsOf(await list('undated=true'))).toEqual([ids.byEditor, ids.undated]);
    expect(idsOf(await list('state=scheduled'))).toEqual([ids.dated]);
    expect(idsOf(await list(`channelId=${s.channelIds[0]}`))).toEqual([ids.dated, ids.undated]);
    expect(idsOf(await list(`campaignId=${campaignId}`))).toEqual([ids.dated]);
    expect(idsOf(await list(`authorId=${s.member('editor').userId}`))).toEqual([ids.byEditor]);
    expect(idsOf(await list(`undated=true&channelId=${s.channelIds[1]}`))).toEqual([ids.byEditor]);
  });

  it('searches the text case-insensitively, taking % and _ literally', async () => {
    expect(idsOf(await list('q=CAFÉ'))).toEqual([ids.undated]);
    expect(idsOf(await list(`q=${encodeURIComponent('100%')}`))).toEqual([ids.dated]);
    expect(idsOf(await list('q=queso_'))).toEqual([ids.byEditor]);
    expect(idsOf(await list('q=%25'))).toEqual([ids.dated]);
    expect(idsOf(await list('q=_'))).toEqual([ids.byEditor]);
  });

  it('pages with a cursor and refuses bad filters with a code', async () => {
    const first = await list('limit=2');
    expect(idsOf(first)).toEqual([ids.byEditor, ids.dated]);
    expect(first.nextCursor).toBeTruthy();
    const second = await list(`limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(idsOf(second)).toEqual([ids.undated]);
    expect(second.nextCursor).toBeNull();
    const bad = await s.api('GET', '/posts?undated=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBeTruthy();
  });

  it('the CLI (`plaza posts list`) sends the same filters', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const env = { PLAZA_URL: `http://127.0.0.1:${port}`, PLAZA_TOKEN: s.owner.token };
    const run = async (...args: string[]) => {
      const result = await plaza(env, '--json', 'posts', 'list', '-w', s.workspaceId, ...args);
      expect(result.code, result.stderr).toBe(0);
      return idsOf(JSON.parse(result.stdout));
    };
    expect(await run('--undated', '--channel', s.channelIds[1])).toEqual([ids.byEditor]);
    expect(await run('-q', 'café')).toEqual([ids.undated]);
    expect(await run('--campaign', campaignId, '--state', 'scheduled')).toEqual([ids.dated]);
    const table = await plaza(env, 'posts', 'list', '-w', s.workspaceId, '--limit', '1');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Tarta de queso');
    expect(table.stdout).toMatch(/More: --cursor \S+/);
  }, 60_000);
});
