import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { setInProcessSandbox, SandboxNetwork, sandboxAdapter } from '../../networks/sandbox/index.ts';
import { allInboxReplies } from '../../networks/sandbox/inbox.ts';
import type { InboundItem } from '../../networks/inbox.ts';
import { channelContext } from '../channels/service.ts';
import { channelRepository } from '../channels/repository.ts';
import { ingestInbound } from './commands.ts';
import { processDueReplies } from './replies.ts';
import { inboxRepository } from './repository.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 10, 12, 0, 0);

describe.each(DB_KINDS)('inbox (%s)', (kind) => {
  let t: TestApp;
  let s: Scenario;
  let editor: Caller;
  let viewer: Caller;
  let network: SandboxNetwork;
  const clock = new ManualClock(START);
  const handle = `cafe${kind}`;
  let base = '';

  beforeAll(async () => {
    network = new SandboxNetwork({ seed: 11, now: () => clock.now() });
    setInProcessSandbox(network);
    t = await createTestApp(kind, { clock });
    s = await given(t).workspace({ name: 'Café Plaza' }).member('editor').member('viewer').stranger().sandboxChannel({ handle });
    editor = s.member('editor');
    viewer = s.member('viewer');
    base = `/api/v1/workspaces/${s.workspaceId}/inbox`;
    network.configureAccount(handle, { createdAt: START - 20 * DAY, followers: 5000 });
    clock.set(START - 2 * DAY);
    network.acceptPost(handle, { text: '¿Probáis ya el pan de centeno? #panaderia', media: [], marker: 'p1' } as never);
    clock.set(START);
  }, 180_000);
  afterAll(() => t?.close());

  async function conversations(query = '') {
    const res = await s.owner.request('GET', `${base}/conversations?limit=200${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as Array<Record<string, unknown>>;
  }

  it('backfills 30 days on the first read with progress, then reads only what is new', async () => {
    const first = await s.owner.request('POST', `${base}/channels/${s.channelId}/sync`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ backfill: 'done', duplicates: 0 });
    expect(first.json().created).toBeGreaterThan(3);
    const channels = (await s.owner.request('GET', `${base}/channels`)).json().items;
    expect(channels[0]).toMatchObject({ channelId: s.channelId, backfill: 'done', backfillItems: first.json().created });
    expect(channels[0].capabilities.actions).toContain('direct_message');
    const again = (await s.owner.request('POST', `${base}/channels/${s.channelId}/sync`)).json();
    expect(again).toMatchObject({ created: 0, duplicates: 0 });
    const list = await conversations();
    expect(list.length).toBeGreaterThan(1);
    expect(list.every((c) => c.state === 'new')).toBe(true);
    // Comments under our post are one conversation; each has its unread count.
    const byThread = new Set(list.map((c) => `${c.channelId}:${c.threadRemoteId}`));
    expect(byThread.size).toBe(list.length);
    const counts = (await s.owner.request('GET', `${base}/counts`)).json();
    expect(counts.all).toBe(list.length);
    expect(counts.unassigned).toBe(list.length);
    expect(counts.byChannel).toEqual([{ channelId: s.channelId, unread: list.length }]);
  });

  it('stores an item that arrives by push and by poll once, with sentiment from the classifier kept after a correction', async () => {
    const channel = await channelRepository.find(t.ctx.database.db, s.workspaceId, s.channelId);
    if (!channel) throw new Error('channel');
    const page = await sandboxAdapter.inbox!.fetchInbound(channelContext(t.ctx, channel), {
      cursor: null,
      since: new Date(START - 30 * DAY).toISOString(),
    });
    const pushed = await ingestInbound(t.ctx, channel, page.items, 'push');
    expect(pushed).toEqual({ created: 0, duplicates: page.items.length });
    const complaint: InboundItem = {
      remoteId: 'push-1',
      kind: 'mention',
      threadRemoteId: 'push-1',
      author: { id: 'u1', handle: 'lucia_gomez1', displayName: 'Lucía Gómez' },
      text: 'Qué desastre, el pedido llegó roto y nadie responde. Muy mala experiencia en el día de hoy',
      url: 'javascript:alert(1)',
      language: 'es',
      createdAt: new Date(START - 60_000).toISOString(),
    };
    expect(await ingestInbound(t.ctx, channel, [complaint], 'push')).toEqual({ created: 1, duplicates: 0 });
    expect(await ingestInbound(t.ctx, channel, [complaint], 'poll')).toEqual({ created: 0, duplicates: 1 });
    const [found] = await conversations('&q=DIA%20de%20hoy');
    // Spanish word forms: "pedidos rotos" finds "el pedido llegó roto".
    expect((await conversations('&q=pedidos%20rotos')).some((c) => c.authorHandle === 'lucia_gomez1')).toBe(true);
    expect(found).toMatchObject({ authorHandle: 'lucia_gomez1', sentiment: 'negative', kind: 'mention' });
    const detail = (await s.owner.request('GET', `${base}/conversations/${found.id}`)).json();
    expect(detail.items[0]).toMatchObject({ sentiment: 'negative', sentimentManual: false, url: null, language: 'es' });
    const corrected = await editor.request('PUT', `${base}/items/${detail.items[0].id}/sentiment`, { sentiment: 'neutral' });
    expect(corrected.json()).toMatchObject({ sentiment: 'neutral', sentimentManual: true });
  });

  it('keeps hostile text as text: HTML, direction marks and 100 KB never break the list preview', async () => {
    const channel = await channelRepository.find(t.ctx.database.db, s.workspaceId, s.channelId);
    const text = `\u202Eevil <script>alert(1)</script> <b>hola</b>\n${'x'.repeat(100_000)}`;
    await ingestInbound(
      t.ctx,
      channel!,
      [
        {
          remoteId: 'big-1',
          kind: 'mention',
          threadRemoteId: 'big-1',
          author: { id: 'u2', handle: 'big' },
          text,
          url: null,
          language: 'en',
          createdAt: new Date(START - 30_000).toISOString(),
        },
      ],
      'push',
    );
    const [row] = await conversations('&q=evil');
    expect(row.preview).toMatch(/^evil <script>alert\(1\)<\/script> <b>hola<\/b> x+…$/);
    expect(Array.from(row.preview as string).length).toBeLessThanOrEqual(200);
    const detail = (await s.owner.request('GET', `${base}/conversations/${row.id}`)).json();
    expect(detail.items[0].text).toBe(text);
  });

  it('sends a reply exactly once; a second teammate sees the first reply before sending (409)', async () => {
    const dm = (await conversations('&kind=direct_message'))[0];
    const first = await editor.request('POST', `${base}/conversations/${dm.id}/replies`, { text: '¡Hola! Te escribimos por privado.' });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ state: 'queued', mode: 'direct_message' });
    const second = await s.owner.request('POST', `${base}/conversations/${dm.id}/replies`, { text: 'Hola, ¿en qué te ayudo?' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'inbox_already_answered',
      details: { reply: { text: '¡Hola! Te escribimos por privado.', authorName: 'editor member' } },
    });
    expect((await viewer.request('POST', `${base}/conversations/${dm.id}/replies`, { text: 'x' })).statusCode).toBe(403);
    expect(await processDueReplies(t.ctx, { owner: 'w1' })).toMatchObject({ sent: 1 });
    const detail = (await s.owner.request('GET', `${base}/conversations/${dm.id}`)).json();
    expect(detail.state).toBe('pending');
    expect(detail.replies[0]).toMatchObject({ state: 'sent', attempts: 1 });
    const remoteId = detail.replies[0].remoteId;
    expect(detail.items.filter((i: { direction: string }) => i.direction === 'outbound')).toHaveLength(1);
    // Polling sees our reply again (fromUs): stored once.
    clock.advance(60_000);
    const poll = (await s.owner.request('POST', `${base}/channels/${s.channelId}/sync`)).json();
    expect(poll.duplicates).toBe(1);
    expect(allInboxReplies(network, handle).filter((r) => r.marker === detail.replies[0].id)).toHaveLength(1);
    expect(allInboxReplies(network, handle).find((r) => r.id === remoteId)).toBeTruthy();
  });

  it('never sends twice when the worker dies mid-call or the answer is lost (reconcile by reply id)', async () => {
    const list = await conversations('&kind=comment');
    const target = list[0];
    const queued = (await editor.request('POST', `${base}/conversations/${target.id}/replies`, { text: 'Gracias por comentar 🙌' })).json();
    // A worker claims it, its call reaches the network, and it dies before writing the outcome.
    const [claimed] = await inboxRepository.claimDueReplies(t.ctx.database.db, {
      owner: 'dead-worker',
      now: new Date(clock.now()),
      leaseUntil: new Date(clock.now() + 30_000),
      limit: 10,
    });
    expect(claimed.id).toBe(queued.id);
    const item = await inboxRepository.findItem(t.ctx.database.db, s.workspaceId, claimed.item_id);
    const channel = await channelRepository.find(t.ctx.database.db, s.workspaceId, s.channelId);
    await sandboxAdapter.inbox!.reply(channelContext(t.ctx, channel!), {
      replyId: claimed.id,
      mode: 'public',
      text: claimed.text,
      target: {
        remoteId: item!.remote_id,
        kind: 'comment',
        threadRemoteId: String(target.threadRemoteId),
        authorId: item!.author_id,
        authorHandle: item!.author_handle,
      },
    });
    // Before the lease ends nobody touches it; after, the next worker looks it up first.
    expect(await processDueReplies(t.ctx, { owner: 'w2' })).toMatchObject({ sent: 0 });
    clock.advance(31_000);
    expect(await processDueReplies(t.ctx, { owner: 'w2' })).toMatchObject({ sent: 1 });
    expect(allInboxReplies(network, handle).filter((r) => r.marker === queued.id)).toHaveLength(1);
    // A stale outcome of the dead worker's attempt cannot overwrite anything.
    expect(
      await inboxRepository.settleReply(t.ctx.database.db, { id: queued.id, owner: 'dead-worker', attempt: 1 }, { state: 'failed' }),
    ).toBeNull();

    // The answer is lost after the network stored it: ambiguous, then found, not sent again.
    const other = list[1] ?? (await conversations('&kind=mention'))[0];
    const second = (await s.owner.request('POST', `${base}/conversations/${other.id}/replies`, { text: 'Lo miramos ahora mismo.' })).json();
    network.setOptions({ timeoutAfterAcceptRate: 1, hangMs: 20 });
    expect(await processDueReplies(t.ctx, { owner: 'w3' })).toMatchObject({ retry: 1 });
    network.setOptions({ timeoutAfterAcceptRate: 0 });
    clock.advance(120_000);
    expect(await processDueReplies(t.ctx, { owner: 'w3' })).toMatchObject({ sent: 1 });
    expect(allInboxReplies(network, handle).filter((r) => r.marker === second.id)).toHaveLength(1);
  });

  it('refuses replies to hidden or deleted items and on channels needing reconnection, with codes', async () => {
    const mention = (await conversations('&kind=mention')).find((c) => c.state === 'new');
    const detail = (await s.owner.request('GET', `${base}/conversations/${mention!.id}`)).json();
    const itemId = detail.items[0].id;
    expect((await editor.request('POST', `${base}/items/${itemId}/actions`, { action: 'hide' })).statusCode).toBe(204);
    const refused = await editor.request('POST', `${base}/conversations/${mention!.id}/replies`, { text: 'Hola' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('inbox_item_deleted');
    expect((await editor.request('POST', `${base}/items/${itemId}/actions`, { action: 'unhide' })).statusCode).toBe(204);
    await t.ctx.database.db.updateTable('channels').set({ status: 'needs_reconnect' }).where('id', '=', s.channelId).execute();
    const offline = await editor.request('POST', `${base}/conversations/${mention!.id}/replies`, { text: 'Hola' });
    expect(offline.json().error.code).toBe('inbox_channel_needs_reconnect');
    await t.ctx.database.db.updateTable('channels').set({ status: 'active' }).where('id', '=', s.channelId).execute();
    const tooLong = await editor.request('POST', `${base}/conversations/${mention!.id}/replies`, { text: 'a'.repeat(600) });
    expect(tooLong.json().error.code).toBe('inbox_reply_too_long');
  });

  it('assigns, labels, resolves, reopens when the person writes again, and notifies mentioned teammates', async () => {
    const conversation = (await conversations('&kind=mention'))[0];
    const url = `${base}/conversations/${conversation.id}`;
    const assigned = await s.owner.request('PATCH', url, {
      assigneeUserId: editor.userId,
      labels: ['envíos', 'urgente'],
      priority: 'high',
    });
    expect(assigned.json()).toMatchObject({ assigneeName: 'editor member', labels: ['envíos', 'urgente'], priority: 'high' });
    expect((await s.owner.request('PATCH', url, { assigneeUserId: s.stranger.userId })).json().error.code).toBe('inbox_not_a_member');
    expect((await editor.request('GET', `${base}/conversations?view=mine`)).json().items.map((c: { id: string }) => c.id)).toEqual([
      conversation.id,
    ]);
    expect((await s.owner.request('GET', `${base}/conversations?label=envíos`)).json().items).toHaveLength(1);
    const note = await s.owner.request('POST', `${url}/notes`, { text: '@editor mira esto, por favor' });
    expect(note.json().mentionedUserIds).toEqual([editor.userId]);
    const editorBell = (await editor.request('GET', `/api/v1/workspaces/${s.workspaceId}/notifications`))
      .json()
      .items.map((n: { type: string }) => n.type);
    expect(editorBell).toEqual(expect.arrayContaining(['inbox.note.mentioned', 'inbox.conversation.assigned']));
    const viewerBell = (await viewer.request('GET', `/api/v1/workspaces/${s.workspaceId}/notifications`))
      .json()
      .items.map((n: { type: string }) => n.type);
    expect(viewerBell).not.toContain('inbox.note.mentioned');
    expect((await editor.request('PATCH', url, { state: 'resolved' })).json()).toMatchObject({ state: 'resolved', unreadCount: 0 });
    const channel = await channelRepository.find(t.ctx.database.db, s.workspaceId, s.channelId);
    await ingestInbound(
      t.ctx,
      channel!,
      [
        {
          remoteId: 'again-1',
          kind: 'mention',
          threadRemoteId: String(conversation.threadRemoteId),
          author: { id: 'x', handle: 'x' },
          text: '¿Hola?',
          url: null,
          language: 'es',
          createdAt: new Date(clock.now() + 1000).toISOString(),
        },
      ],
      'poll',
    );
    expect((await s.owner.request('GET', url)).json()).toMatchObject({ state: 'open', unreadCount: 1 });
    const events = await t.ctx.database.db
      .selectFrom('events')
      .select('type')
      .where('workspace_id', '=', s.workspaceId)
      .where('type', 'like', 'inbox.%')
      .execute();
    expect([...new Set(events.map((e) => e.type))]).toEqual(
      expect.arrayContaining([
        'inbox.item.created',
        'inbox.conversation.assigned',
        'inbox.conversation.resolved',
        'inbox.conversation.reopened',
      ]),
    );
  });

  it('fills saved replies for a conversation and makes tracked links with UTM source inbox', async () => {
    const created = await s.owner.request('POST', `${base}/saved-replies`, {
      name: 'Gracias',
      language: 'es',
      text: 'Gracias, {nombre}: en {marca} lo miramos. {enlace}',
    });
    expect(created.statusCode).toBe(201);
    expect((await editor.request('POST', `${base}/saved-replies`, { name: 'x', language: 'es', text: 'x' })).statusCode).toBe(403);
    const conversation = (await conversations('&q=lucia'))[0];
    const list = (await viewer.request('GET', `${base}/saved-replies?conversationId=${conversation.id}`)).json().items;
    expect(list[0].filled).toBe('Gracias, Lucía: en Café Plaza lo miramos. {enlace}');
    const link = await editor.request('POST', `${base}/conversations/${conversation.id}/link`, { url: 'https://cafe.example/pedido' });
    expect(link.statusCode).toBe(201);
    expect(link.json().destinationUrl).toContain('utm_source=inbox');
  });

  it('answers 401 without a caller, 404 for another workspace, 403 for a wrong role on every inbox route', async () => {
    if (kind !== 'embedded') return;
    const conversation = (await conversations())[0];
    const detail = (await s.owner.request('GET', `${base}/conversations/${conversation.id}`)).json();
    const saved = (await s.owner.request('GET', `${base}/saved-replies`)).json().items[0];
    const routes: Array<{ method: string; path: string; body?: unknown; forbidden?: Caller }> = [
      { method: 'GET', path: '/conversations' },
      { method: 'GET', path: '/counts' },
      { method: 'GET', path: `/conversations/${conversation.id}` },
      { method: 'PATCH', path: `/conversations/${conversation.id}`, body: { read: true }, forbidden: viewer },
      { method: 'POST', path: `/conversations/${conversation.id}/replies`, body: { text: 'x' }, forbidden: viewer },
      { method: 'POST', path: `/conversations/${conversation.id}/notes`, body: { text: 'x' }, forbidden: viewer },
      { method: 'POST', path: `/conversations/${conversation.id}/link`, body: { url: 'https://a.example' }, forbidden: viewer },
      { method: 'POST', path: `/items/${detail.items[0].id}/actions`, body: { action: 'like' }, forbidden: viewer },
      { method: 'PUT', path: `/items/${detail.items[0].id}/sentiment`, body: { sentiment: 'neutral' }, forbidden: viewer },
      { method: 'GET', path: '/channels' },
      { method: 'POST', path: `/channels/${s.channelId}/sync`, forbidden: editor },
      { method: 'GET', path: '/saved-replies' },
      { method: 'POST', path: '/saved-replies', body: { name: 'n', language: 'en', text: 't' }, forbidden: editor },
      { method: 'DELETE', path: `/saved-replies/${saved.id}`, forbidden: editor },
    ];
    for (const route of routes) {
      const url = `${base}${route.path}`;
      const anonymous = await t.app.inject({
        method: route.method as 'GET',
        url,
        ...(route.body ? { payload: route.body as object } : {}),
      });
      expect(anonymous.statusCode, `${route.method} ${route.path} anonymous`).toBe(401);
      const stranger = await s.stranger.request(route.method, url, route.body);
      expect(stranger.statusCode, `${route.method} ${route.path} stranger`).toBe(404);
      if (route.forbidden)
        expect((await route.forbidden.request(route.method, url, route.body)).statusCode, `${route.method} ${route.path} role`).toBe(403);
    }
    // Another workspace's objects under one's own workspace: 404.
    const strangerWs = (await s.stranger.request('GET', '/api/v1/me')).json().workspaces[0].id;
    const foreign = await s.stranger.request('GET', `/api/v1/workspaces/${strangerWs}/inbox/conversations/${conversation.id}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('stores pages that arrive at the same moment (push and poll, overlapping, new threads) once, with the right counts', async () => {
    const channel = await channelRepository.find(t.ctx.database.db, s.workspaceId, s.channelId);
    if (!channel) throw new Error('channel');
    // 40 items in 4 new threads, an hour apart, 25 days ago (below every other test's conversations in the lists).
    const items: InboundItem[] = Array.from({ length: 40 }, (_, i) => ({
      remoteId: `race-${i}`,
      kind: 'comment',
      threadRemoteId: `race-thread-${i % 4}`,
      author: { id: `racer-${i % 7}`, handle: `racer${i % 7}` },
      text: i % 2 ? 'Gracias, me encanta' : 'El pedido llegó tarde',
      url: null,
      language: 'es',
      createdAt: new Date(START - 25 * DAY + i * 3_600_000).toISOString(),
    }));
    // Overlapping pages by push and by poll, all at once (on Postgres, on several connections).
    const pages = [items.slice(0, 25), items.slice(15, 40), items.filter((_, i) => i % 2 === 0), items.slice(5, 30), items];
    const results = await Promise.all(pages.map((page, i) => ingestInbound(t.ctx, channel, page, i % 2 ? 'push' : 'poll')));
    expect(results.reduce((sum, r) => sum + r.created, 0)).toBe(40);
    expect(results.map((r) => r.created + r.duplicates)).toEqual(pages.map((p) => p.length));
    const rows = await t.ctx.database.db
      .selectFrom('inbox_conversations')
      .selectAll()
      .where('channel_id', '=', channel.id)
      .where('thread_remote_id', 'like', 'race-thread-%')
      .orderBy('thread_remote_id')
      .execute();
    expect(rows.map((r) => r.thread_remote_id)).toEqual(['race-thread-0', 'race-thread-1', 'race-thread-2', 'race-thread-3']);
    for (const [n, row] of rows.entries()) {
      const stored = await inboxRepository.listItems(t.ctx.database.db, row.id);
      expect(stored.map((item) => item.remote_id).sort()).toEqual(
        items
          .filter((_, i) => i % 4 === n)
          .map((item) => item.remoteId)
          .sort(),
      );
      expect(row).toMatchObject({ item_count: 10, unread_count: 10, state: 'new' });
      expect(row.last_message_at.toISOString()).toBe(items[36 + n].createdAt);
      expect(row.preview).toBe(items[36 + n].text);
    }
  });

  it("on a network whose replies go one at a time, claims only the channel's head: the one in flight, then the one in doubt", async () => {
    const open = (await conversations()).filter((c) => c.state === 'new').slice(0, 3);
    expect(open).toHaveLength(3);
    const queued: string[] = [];
    for (const [index, conversation] of open.entries()) {
      queued.push((await editor.request('POST', `${base}/conversations/${conversation.id}/replies`, { text: `Turno ${index}` })).json().id);
      clock.advance(1_000);
    }
    const db = t.ctx.database.db;
    const claim = (owner: string, serialNetworks = ['sandbox']) =>
      inboxRepository.claimDueReplies(db, {
        owner,
        now: new Date(clock.now()),
        leaseUntil: new Date(clock.now() + 30_000),
        limit: 10,
        serialNetworks,
      });
    const [first, ...others] = await claim('a');
    expect([first?.id, others.length]).toEqual([queued[0], 0]);
    // While it is in flight nobody else gets a reply of that channel.
    expect(await claim('b')).toEqual([]);
    // Its answer was lost: in doubt, it is looked up before any other reply is sent, even before it is due again.
    await inboxRepository.settleReply(
      db,
      { id: first.id, owner: 'a', attempt: first.attempts },
      {
        state: 'queued',
        needs_reconcile: true,
        next_attempt_at: new Date(clock.now() + 60_000),
      },
    );
    expect(await claim('b')).toEqual([]);
    clock.advance(61_000);
    const [again] = await claim('b');
    expect([again?.id, again?.needs_reconcile]).toEqual([queued[0], true]);
    await inboxRepository.settleReply(
      db,
      { id: again.id, owner: 'b', attempt: again.attempts },
      { state: 'sent', sent_at: new Date(clock.now()) },
    );
    expect((await claim('c')).map((reply) => reply.id)).toEqual([queued[1]]);
    // Other networks: every due reply at once.
    expect((await claim('d', [])).map((reply) => reply.id)).toEqual([queued[2]]);
    clock.advance(31_000);
    expect(await processDueReplies(t.ctx, { owner: 'w9' })).toMatchObject({ sent: 2 });
  });
});
