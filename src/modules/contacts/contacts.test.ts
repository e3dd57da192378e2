import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { setInProcessSandbox, SandboxNetwork } from '../../networks/sandbox/index.ts';
import type { InboundItem } from '../../networks/inbox.ts';
import { channelRepository } from '../channels/repository.ts';
import { ingestInbound } from '../inbox/commands.ts';
import type PgBoss from 'pg-boss';
import { runWebhookOutbox } from '../events/webhooks.ts';
import { linkInboxAuthors } from './commands.ts';
import { contactsRepository } from './repository.ts';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);

function item(over: Partial<InboundItem> & { remoteId: string; author: InboundItem['author'] }): InboundItem {
  return {
    kind: 'comment',
    threadRemoteId: over.remoteId,
    text: 'Hola',
    url: null,
    createdAt: new Date(START - 60_000).toISOString(),
    ...over,
  };
}

describe.each(DB_KINDS)('contacts (%s)', (kind) => {
  let t: TestApp;
  let s: Scenario;
  let editor: Caller;
  let viewer: Caller;
  const clock = new ManualClock(START);
  let base = '';
  let lucia = '';
  let luciaConversation = '';

  async function ingest(items: InboundItem[]) {
    const channel = await channelRepository.find(t.ctx.database.db, s.workspaceId, s.channelId);
    if (!channel) throw new Error('channel');
    return ingestInbound(t.ctx, channel, items, 'poll');
  }

  async function contacts(query = '') {
    const res = await s.owner.request('GET', `${base}?limit=200${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as Array<{ id: string; displayName: string; identities: Array<{ id: string; handle: string }> }>;
  }

  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ seed: 3, now: () => clock.now() }));
    t = await createTestApp(kind, { clock });
    s = await given(t)
      .workspace({ name: 'Café Plaza' })
      .member('editor')
      .member('viewer')
      .stranger()
      .sandboxChannel({ handle: `cafe${kind}c` });
    editor = s.member('editor');
    viewer = s.member('viewer');
    base = `/api/v1/workspaces/${s.workspaceId}/contacts`;
    await ingest([
      item({
        remoteId: 'c1',
        threadRemoteId: 'post-1',
        postRemoteId: 'post-1',
        author: { id: 'u-lucia', handle: 'lucia_gomez', displayName: 'Lucía Gómez' },
        text: '¿Hacéis envíos a Sevilla?',
      }),
      item({
        remoteId: 'c2',
        threadRemoteId: 'post-2',
        postRemoteId: 'post-2',
        author: { id: 'u-lucia', handle: 'lucia_gomez', displayName: 'Lucía Gómez' },
        text: 'Me encantó el pan de centeno',
      }),
      item({
        remoteId: 'd1',
        kind: 'direct_message',
        threadRemoteId: 'dm-lucia',
        author: { id: 'u-lucia', handle: 'lucia_gomez' },
        text: 'Quiero hacer un pedido',
      }),
      item({ remoteId: 'm1', kind: 'mention', author: { id: 'u-ana-1', handle: 'ana_garcia', displayName: 'Ana García' } }),
      item({ remoteId: 'm2', kind: 'mention', author: { id: 'u-ana-2', handle: 'ana_garcia@social.example', displayName: 'Ana Garcia' } }),
    ]);
  }, 180_000);
  afterAll(() => t?.close());

  it('links the people of a conversation to contacts the first time it is opened, with their whole history', async () => {
    const list = (await s.owner.request('GET', `/api/v1/workspaces/${s.workspaceId}/inbox/conversations?limit=50`)).json().items;
    luciaConversation = list.find((c: { threadRemoteId: string }) => c.threadRemoteId === 'post-1').id;
    const res = await viewer.request('GET', `/api/v1/workspaces/${s.workspaceId}/inbox/conversations/${luciaConversation}/contacts`);
    expect(res.statusCode).toBe(200);
    const [profile] = res.json().items;
    lucia = profile.id;
    expect(profile).toMatchObject({
      displayName: 'Lucía Gómez',
      stage: 'follower',
      identities: [{ network: 'sandbox', handle: 'lucia_gomez' }],
    });
    // The whole history across conversations, engagement with our posts counted apart from DMs.
    expect(profile.engagement).toMatchObject({ messages: 3, onOurPosts: 2, postsEngaged: 2, conversations: 3 });
    expect(profile.engagement.byKind).toEqual({ comment: 2, direct_message: 1 });
    expect(profile.history.map((h: { text: string }) => h.text)).toContain('Quiero hacer un pedido');
    expect(profile.stageHistory).toMatchObject([{ fromStage: null, toStage: 'follower', actorUserId: null }]);
    // Asking again creates nothing new.
    const again = (
      await viewer.request('GET', `/api/v1/workspaces/${s.workspaceId}/inbox/conversations/${luciaConversation}/contacts`)
    ).json();
    expect(again.items[0].id).toBe(lucia);
    expect(await contacts()).toHaveLength(1);
  });

  it('creates a contact for every other inbox author once, and suggests the same person on two accounts', async () => {
    expect((await viewer.request('POST', `${base}/link`)).statusCode).toBe(403);
    expect((await editor.request('POST', `${base}/link`)).json()).toEqual({ created: 2 });
    expect((await editor.request('POST', `${base}/link`)).json()).toEqual({ created: 0 });
    expect(await linkInboxAuthors(t.ctx, { storedSince: new Date(START - 3_600_000) })).toBe(0);
    expect(await contacts()).toHaveLength(3);
    expect((await contacts('&q=garcia')).map((c) => c.displayName).sort()).toEqual(['Ana Garcia', 'Ana García']);
    const suggestions = (await viewer.request('GET', `${base}/suggestions`)).json().items;
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0].reasons).toEqual(['handle', 'name']);
    expect(suggestions[0].contacts.map((c: { displayName: string }) => c.displayName).sort()).toEqual(['Ana Garcia', 'Ana García']);
  });

  it('merges two contacts into one and splits an identity off again; merging across workspaces is a 404', async () => {
    const [a, b] = (await contacts('&q=ana')).sort((x, y) => x.displayName.localeCompare(y.displayName));
    if (!a || !b) throw new Error('two Anas');
    await editor.request('PATCH', `${base}/${a.id}`, { labels: ['vip'], notes: 'Prefiere DM' });
    await editor.request('PATCH', `${base}/${b.id}`, { labels: ['panaderia'], customFields: { ciudad: 'Sevilla' } });
    expect((await viewer.request('POST', `${base}/${a.id}/merge`, { contactId: b.id })).statusCode).toBe(403);
    expect((await editor.request('POST', `${base}/${a.id}/merge`, { contactId: a.id })).json().error.code).toBe('contacts_same_contact');
    // Another workspace's contact (or one that does not exist) is not there: 404, nothing changed.
    const strangerWs = (await s.stranger.request('GET', '/api/v1/me')).json().workspaces[0].id;
    expect(
      (await s.stranger.request('POST', `/api/v1/workspaces/${strangerWs}/contacts/${a.id}/merge`, { contactId: b.id })).statusCode,
    ).toBe(404);
    expect((await s.owner.request('POST', `${base}/${a.id}/merge`, { contactId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(
      404,
    );
    const merged = await editor.request('POST', `${base}/${a.id}/merge`, { contactId: b.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      id: a.id,
      labels: ['vip', 'panaderia'],
      notes: 'Prefiere DM',
      customFields: { ciudad: 'Sevilla' },
    });
    expect(merged.json().identities).toHaveLength(2);
    expect(merged.json().engagement.messages).toBe(2);
    expect((await s.owner.request('GET', `${base}/${b.id}`)).statusCode).toBe(404);
    expect((await viewer.request('GET', `${base}/suggestions`)).json().items).toEqual([]);
    // Split the second account off again.
    const second = merged.json().identities[1];
    const split = await editor.request('POST', `${base}/${a.id}/split`, { identityId: second.id });
    expect(split.statusCode).toBe(200);
    expect(split.json().identities).toMatchObject([{ id: second.id }]);
    expect((await s.owner.request('GET', `${base}/${a.id}`)).json().identities).toHaveLength(1);
    const last = await editor.request('POST', `${base}/${split.json().id}/split`, { identityId: second.id });
    expect(last.json().error.code).toBe('contacts_last_identity');
  });

  it('moves a contact along the lifecycle with who moved it, value for ROI, and a contact.stage_changed event', async () => {
    clock.set(START + 60_000);
    const hook = await s.owner.request('POST', `/api/v1/workspaces/${s.workspaceId}/webhooks`, {
      url: 'https://crm.example/hooks/plaza',
      events: ['contact.stage_changed'],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    expect((await viewer.request('PUT', `${base}/${lucia}/stage`, { stage: 'lead' })).statusCode).toBe(403);
    expect((await editor.request('PUT', `${base}/${lucia}/stage`, { stage: 'owner' })).statusCode).toBe(400);
    const moved = await editor.request('PUT', `${base}/${lucia}/stage`, { stage: 'lead' });
    expect(moved.statusCode).toBe(200);
    clock.set(START + 120_000);
    await s.owner.request('PATCH', `${base}/${lucia}`, { value: 250.5 });
    const customer = (await s.owner.request('PUT', `${base}/${lucia}/stage`, { stage: 'customer' })).json();
    expect(customer.stage).toBe('customer');
    expect(customer.value).toBe(250.5);
    expect(
      customer.stageHistory.map((m: { fromStage: string | null; toStage: string; actorName: string | null }) => [
        m.fromStage,
        m.toStage,
        m.actorName,
      ]),
    ).toEqual([
      ['lead', 'customer', 'Olga Owner'],
      ['follower', 'lead', 'editor member'],
      [null, 'follower', null],
    ]);
    const board = (await viewer.request('GET', `${base}/board`)).json();
    expect(board.stages.map((st: { stage: string }) => st.stage)).toEqual(['follower', 'prospect', 'lead', 'customer']);
    expect(board.stages[3]).toMatchObject({ count: 1, value: 250.5 });
    expect(board.stages[3].contacts[0].id).toBe(lucia);
    const events = await t.ctx.database.db
      .selectFrom('events')
      .select(['data'])
      .where('workspace_id', '=', s.workspaceId)
      .where('type', '=', 'contact.stage_changed')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.data)).toMatchObject([
      { contactId: lucia, fromStage: 'follower', toStage: 'lead' },
      { contactId: lucia, fromStage: 'lead', toStage: 'customer', value: 250.5 },
    ]);
    // Each move is one webhook delivery (the outbox queues them; the sender here only records).
    const sent: unknown[] = [];
    await runWebhookOutbox(t.ctx, { send: async (...args: unknown[]) => sent.push(args) } as unknown as PgBoss);
    const deliveries = await t.ctx.database.db
      .selectFrom('webhook_deliveries')
      .select('event_type')
      .where('webhook_id', '=', hook.json().id)
      .execute();
    expect(deliveries.map((d) => d.event_type)).toEqual(['contact.stage_changed', 'contact.stage_changed']);
    expect(sent).toHaveLength(2);
    // Bad input is a 400 that changes nothing.
    expect((await editor.request('PATCH', `${base}/${lucia}`, { website: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await editor.request('PATCH', `${base}/${lucia}`, { value: -1 })).statusCode).toBe(400);
    expect((await s.owner.request('GET', `${base}/${lucia}`)).json().value).toBe(250.5);
  });

  it('exports CSV and imports it back all-or-nothing; an imported handle adopts the inbox account when it writes', async () => {
    const csv = await viewer.request('GET', `${base}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('id,name,stage,value,email,website,labels,notes,identities,created_at,stage_changed_at');
    expect(csv.body).toContain('Lucía Gómez,customer,250.5');
    const before = (await contacts()).length;
    expect((await editor.request('POST', `${base}/import`, { csv: 'name\nX' })).statusCode).toBe(403);
    const bad = await s.owner.request('POST', `${base}/import`, {
      csv: 'name,stage,value,identities\nPedro,lead,10,sandbox:pedro_p\nMala,boss,-3,nocolon\n',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('contacts_csv_invalid');
    expect(bad.json().error.details.problems.map((p: { line: number; column: string }) => `${p.line}:${p.column}`)).toEqual([
      '3:stage',
      '3:value',
      '3:identities',
    ]);
    expect(await contacts()).toHaveLength(before);
    const good = await s.owner.request('POST', `${base}/import`, {
      csv: `name,stage,value,labels,identities\nPedro Pérez,lead,"1200,50",mayorista;feria,sandbox:pedro_p\n,,,habitual,sandbox:lucia_gomez\n`,
    });
    expect(good.json()).toEqual({ created: 1, updated: 1 });
    const pedro = (await contacts('&q=pedro'))[0];
    expect(pedro).toMatchObject({ displayName: 'Pedro Pérez', stage: 'lead', value: 1200.5, labels: ['mayorista', 'feria'] });
    expect((await s.owner.request('GET', `${base}/${lucia}`)).json().labels).toEqual(['habitual']);
    // Pedro writes for the first time: his imported contact takes the account, no second contact.
    await ingest([item({ remoteId: 'p1', kind: 'mention', author: { id: 'u-pedro', handle: 'pedro_p', displayName: 'Pedro' } })]);
    expect(await linkInboxAuthors(t.ctx, { workspaceId: s.workspaceId })).toBe(0);
    const profile = (await s.owner.request('GET', `${base}/${pedro.id}`)).json();
    expect(profile.identities).toMatchObject([{ handle: 'pedro_p', seenInInbox: true }]);
    expect(profile.engagement.messages).toBe(1);
  });

  it('exports everything about a person and erases it on request, inbox messages included', async () => {
    expect((await editor.request('GET', `${base}/${lucia}/export`)).statusCode).toBe(403);
    const exported = await s.owner.request('GET', `${base}/${lucia}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.json().contact).toMatchObject({ id: lucia, displayName: 'Lucía Gómez', stage: 'customer' });
    expect(
      exported
        .json()
        .messages.map((m: { text: string }) => m.text)
        .sort(),
    ).toEqual(['Me encantó el pan de centeno', 'Quiero hacer un pedido', '¿Hacéis envíos a Sevilla?']);
    expect((await editor.request('DELETE', `${base}/${lucia}`)).statusCode).toBe(403);
    const erased = await s.owner.request('DELETE', `${base}/${lucia}`);
    expect(erased.json()).toEqual({ identities: 1, items: 3, conversations: 3 });
    expect((await s.owner.request('GET', `${base}/${lucia}`)).statusCode).toBe(404);
    const items = await t.ctx.database.db
      .selectFrom('inbox_items')
      .select(['text', 'search_text', 'author_handle', 'author_name', 'author_id'])
      .where('workspace_id', '=', s.workspaceId)
      .where('remote_id', 'in', ['c1', 'c2', 'd1'])
      .execute();
    expect(items).toEqual(Array(3).fill({ text: '', search_text: '', author_handle: '', author_name: null, author_id: '' }));
    const conversation = (
      await s.owner.request('GET', `/api/v1/workspaces/${s.workspaceId}/inbox/conversations/${luciaConversation}`)
    ).json();
    expect(conversation).toMatchObject({ authorHandle: '', authorName: null, preview: '' });
    // Nothing brings her back from the erased messages.
    expect(await linkInboxAuthors(t.ctx, { workspaceId: s.workspaceId })).toBe(0);
    expect(await contactsRepository.stageOfAccount(t.ctx.database.db, s.workspaceId, 'sandbox', 'u-lucia')).toBeNull();
    expect(await contactsRepository.stageOfAccount(t.ctx.database.db, s.workspaceId, 'sandbox', 'u-pedro')).toBe('lead');
  });

  it('answers 401 without a caller and 404 for another workspace on every contacts route', async () => {
    if (kind !== 'embedded') return;
    const id = (await contacts())[0]?.id;
    const routes: Array<{ method: string; path: string; body?: unknown }> = [
      { method: 'GET', path: base },
      { method: 'GET', path: `${base}/board` },
      { method: 'GET', path: `${base}/suggestions` },
      { method: 'GET', path: `${base}/export.csv` },
      { method: 'POST', path: `${base}/import`, body: { csv: 'name\nX' } },
      { method: 'POST', path: `${base}/link` },
      { method: 'GET', path: `/api/v1/workspaces/${s.workspaceId}/inbox/conversations/${luciaConversation}/contacts` },
      { method: 'GET', path: `${base}/${id}` },
      { method: 'PATCH', path: `${base}/${id}`, body: { notes: 'x' } },
      { method: 'PUT', path: `${base}/${id}/stage`, body: { stage: 'lead' } },
      { method: 'POST', path: `${base}/${id}/merge`, body: { contactId: id } },
      { method: 'POST', path: `${base}/${id}/split`, body: { identityId: id } },
      { method: 'GET', path: `${base}/${id}/export` },
      { method: 'DELETE', path: `${base}/${id}` },
    ];
    for (const route of routes) {
      const anonymous = await t.app.inject({
        method: route.method as 'GET',
        url: route.path,
        ...(route.body ? { payload: route.body as object } : {}),
      });
      expect(anonymous.statusCode, `${route.method} ${route.path} anonymous`).toBe(401);
      expect((await s.stranger.request(route.method, route.path, route.body)).statusCode, `${route.method} ${route.path} stranger`).toBe(
        404,
      );
    }
  });

  it('lets inbox rules act on the author’s stage: a customer’s message is labelled, a stranger counts as a follower', async () => {
    const first = item({
      remoteId: 'stage-1',
      threadRemoteId: 'post-p1',
      postRemoteId: 'post-p1',
      author: { id: 'u-pablo', handle: 'pablo_r' },
    });
    await ingest([first]);
    await linkInboxAuthors(t.ctx, { workspaceId: s.workspaceId });
    const pablo = await contactsRepository.byAccount(t.ctx.database.db, s.workspaceId, 'sandbox', 'u-pablo');
    if (!pablo) throw new Error('Pablo was not linked to a contact');
    expect((await editor.request('PUT', `${base}/${pablo.id}/stage`, { stage: 'customer' })).statusCode).toBe(200);
    const rules = `/api/v1/workspaces/${s.workspaceId}/inbox/rules`;
    const vip = await s.owner.request('POST', rules, {
      name: 'Clientes',
      conditions: { contactStages: ['customer'] },
      actions: { addLabels: ['cliente'], priority: 'high' },
    });
    expect(vip.statusCode, vip.body).toBe(201);
    const newcomers = await s.owner.request('POST', rules, {
      name: 'Seguidores',
      conditions: { contactStages: ['follower'] },
      actions: { addLabels: ['nuevo'] },
    });
    expect(newcomers.statusCode, newcomers.body).toBe(201);
    // The tester reads today's stages: Pablo's earlier message is a customer's.
    const tested = (await s.owner.request('POST', `${rules}/test`, { conditions: { contactStages: ['customer'] } })).json();
    expect(tested.matches.map((m: { authorHandle: string }) => m.authorHandle)).toEqual(['pablo_r']);
    await ingest([
      item({
        remoteId: 'stage-2',
        threadRemoteId: 'post-p2',
        postRemoteId: 'post-p2',
        author: { id: 'u-pablo', handle: 'pablo_r' },
        text: '¿Pan sin gluten?',
      }),
      item({ remoteId: 'stage-3', threadRemoteId: 'post-p3', postRemoteId: 'post-p3', author: { id: 'u-nadie', handle: 'alguien_nuevo' } }),
    ]);
    const list = (await s.owner.request('GET', `/api/v1/workspaces/${s.workspaceId}/inbox/conversations?limit=50`)).json().items as Array<{
      threadRemoteId: string;
      labels: string[];
      priority: string;
    }>;
    expect(list.find((c) => c.threadRemoteId === 'post-p2')).toMatchObject({ labels: ['cliente'], priority: 'high' });
    expect(list.find((c) => c.threadRemoteId === 'post-p3')).toMatchObject({ labels: ['nuevo'] });
  });
});
