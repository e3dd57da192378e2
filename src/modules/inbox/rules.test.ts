import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { setInProcessSandbox, SandboxNetwork, sandboxAdapter, SANDBOX_PUSH_SIGNATURE_HEADER } from '../../networks/sandbox/index.ts';
import { signPushBody } from '../../networks/push-signature.ts';
import type { InboundItem } from '../../networks/inbox.ts';
import { channelContext } from '../channels/service.ts';
import { channelRepository } from '../channels/repository.ts';
import { ingestInbound } from './commands.ts';
import { processDueReplies } from './replies.ts';
import { addBusinessMs, businessMs, DEFAULT_BUSINESS_HOURS } from './business-hours.ts';
import { compileRules, containsLink, firstMatch } from './rules.ts';

const DAY = 86_400_000;
// Friday 2026-03-27 17:30 in Madrid (UTC+1); the clocks go forward on Sunday 29 March.
const FRIDAY_1730 = Date.UTC(2026, 2, 27, 16, 30);
// Monday 2026-03-30 09:30 in Madrid (UTC+2 by then).
const MONDAY_0930 = Date.UTC(2026, 2, 30, 7, 30);

describe('business hours (brand zone, daylight saving)', () => {
  it('counts only opening hours across a weekend that changes the clocks', () => {
    const minutes = businessMs(new Date(FRIDAY_1730), new Date(MONDAY_0930), DEFAULT_BUSINESS_HOURS, 'Europe/Madrid') / 60_000;
    expect(minutes).toBe(60);
    // 90 business minutes after Friday 17:30 is Monday 10:00 Madrid time (08:00 UTC after the change).
    expect(addBusinessMs(new Date(FRIDAY_1730), 90 * 60_000, DEFAULT_BUSINESS_HOURS, 'Europe/Madrid').toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
    expect(businessMs(new Date(MONDAY_0930), new Date(FRIDAY_1730), DEFAULT_BUSINESS_HOURS, 'Europe/Madrid')).toBe(0);
  });
});

describe('rule matching', () => {
  const subject = (text: string, extra: Partial<{ kind: string; sentiment: string; language: string; network: string }> = {}) => ({
    text,
    network: extra.network ?? 'sandbox',
    kind: extra.kind ?? 'mention',
    sentiment: extra.sentiment ?? 'negative',
    language: extra.language ?? 'es',
    authorHandle: 'lucia',
    authorId: 'u1',
  });
  it('tries rules in order, first match wins, with the listening query language and the other conditions', () => {
    const rules = compileRules([
      { id: 'off', name: 'off', enabled: false, conditions: {}, actions: { priority: 'low' } },
      { id: 'links', name: 'links', enabled: true, conditions: { hasLink: true, kinds: ['mention'] }, actions: { hide: true } },
      {
        id: 'broken',
        name: 'broken',
        enabled: true,
        conditions: { query: 'pedido AND (roto OR tarde)', sentiments: ['negative'], languages: ['es'] },
        actions: { priority: 'urgent' },
      },
    ]);
    expect(firstMatch(rules, subject('El pedido llegó roto'))?.id).toBe('broken');
    expect(firstMatch(rules, subject('El pedido llegó roto https://spam.example/x'))?.id).toBe('links');
    expect(firstMatch(rules, subject('El pedido llegó roto', { sentiment: 'positive' }))).toBeNull();
    expect(firstMatch(rules, subject('El pedido llegó roto', { language: 'en' }))).toBeNull();
    expect(firstMatch(rules, subject('Pedidos bien'))).toBeNull();
    expect(containsLink('mira www.example.com ya')).toBe(true);
    expect(containsLink('sin enlace.')).toBe(false);
  });
});

describe.each(DB_KINDS)('inbox rules, service levels, views, bulk, pushes (%s)', (kind) => {
  let t: TestApp;
  let s: Scenario;
  let editor: Caller;
  let viewer: Caller;
  let editorId = '';
  let network: SandboxNetwork;
  const clock = new ManualClock(FRIDAY_1730 - 2 * DAY);
  const handle = `rules${kind}`;
  let base = '';

  beforeAll(async () => {
    network = new SandboxNetwork({ seed: 7, now: () => clock.now() });
    setInProcessSandbox(network);
    t = await createTestApp(kind, { clock });
    s = await given(t).workspace({ name: 'Panadería Sol' }).member('editor').member('viewer').stranger().sandboxChannel({ handle });
    editor = s.member('editor');
    viewer = s.member('viewer');
    base = `/api/v1/workspaces/${s.workspaceId}/inbox`;
    editorId = (await editor.request('GET', '/api/v1/me')).json().user.id;
    network.configureAccount(handle, { createdAt: FRIDAY_1730 - 20 * DAY, followers: 800 });
  }, 180_000);
  afterAll(() => t?.close());

  const channel = async () => {
    const row = await channelRepository.find(t.ctx.database.db, s.workspaceId, s.channelId);
    if (!row) throw new Error('channel');
    return row;
  };
  const mention = (id: string, text: string, at: number): InboundItem => ({
    remoteId: id,
    kind: 'mention',
    threadRemoteId: id,
    author: { id: `a-${id}`, handle: `persona_${id}`, displayName: 'Lucía' },
    text,
    url: null,
    language: 'es',
    createdAt: new Date(at).toISOString(),
  });

  it('stores an item pushed (signed) and polled once; refuses a bad signature', async () => {
    const page = await sandboxAdapter.inbox!.fetchInbound(channelContext(t.ctx, await channel()), {
      cursor: null,
      since: new Date(clock.now() - 30 * DAY).toISOString(),
    });
    expect(page.items.length).toBeGreaterThan(3);
    const secret = await s.owner.request('POST', `${base}/channels/${s.channelId}/push-secret`);
    expect(secret.statusCode).toBe(200);
    expect(secret.json().url).toContain(`/api/v1/inbox/push/${s.channelId}`);
    const pushed = page.items.slice(0, 3).map((item) => ({
      id: item.remoteId,
      kind: item.kind,
      threadId: item.threadRemoteId,
      postId: item.postRemoteId ?? null,
      inReplyTo: item.inReplyToRemoteId ?? null,
      authorHandle: item.author.handle,
      authorName: item.author.displayName ?? '',
      text: item.text,
      createdAt: item.createdAt,
      language: item.language ?? 'es',
      sentiment: 'neutral',
      fromUs: item.fromUs === true,
    }));
    const body = Buffer.from(JSON.stringify({ items: pushed }));
    const push = (payload: Buffer, signature: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/inbox/push/${s.channelId}`,
        payload,
        headers: { 'content-type': 'application/json', [SANDBOX_PUSH_SIGNATURE_HEADER]: signature },
      });
    const bad = await push(body, signPushBody(body, 'not-the-secret'));
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('inbox_push_signature_invalid');
    const ok = await push(body, signPushBody(body, secret.json().secret));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ created: 3, duplicates: 0 });
    expect((await push(body, signPushBody(body, secret.json().secret))).json()).toEqual({ created: 0, duplicates: 3 });
    const garbage = Buffer.from('{"items":[{"id":1}]}');
    expect((await push(garbage, signPushBody(garbage, secret.json().secret))).statusCode).toBe(400);
    // Polling the same items afterwards stores none of the pushed ones again.
    const sync = await s.owner.request('POST', `${base}/channels/${s.channelId}/sync`);
    expect(sync.json().duplicates).toBe(3);
    expect(sync.json().created).toBeGreaterThanOrEqual(page.items.length - 3);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/inbox/push/${s.workspaceId}`,
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a malformed rule query with its position; managers only set rules', async () => {
    const bad = await s.owner.request('POST', `${base}/rules`, {
      name: 'rota',
      conditions: { query: 'pedido AND (roto' },
      actions: { priority: 'urgent' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_query', details: { position: expect.any(Number) } });
    const forbidden = await editor.request('POST', `${base}/rules`, { name: 'x', conditions: {}, actions: { priority: 'low' } });
    expect(forbidden.statusCode).toBe(403);
    const noAction = await s.owner.request('POST', `${base}/rules`, { name: 'x', conditions: {}, actions: {} });
    expect(noAction.statusCode).toBe(400);
    const notMember = await s.owner.request('POST', `${base}/rules`, {
      name: 'x',
      conditions: {},
      actions: { assignTo: s.workspaceId },
    });
    expect(notMember.json().error.code).toBe('inbox_not_a_member');
  });

  it('runs rules on new items in order (first match wins), tests a rule on 30 days, auto-replies only when turned on', async () => {
    const saved = await s.owner.request('POST', `${base}/saved-replies`, {
      name: 'disculpa',
      language: 'es',
      text: 'Lo sentimos, {nombre}. En {marca} lo revisamos ya.',
    });
    const complaint = await s.owner.request('POST', `${base}/rules`, {
      name: 'Quejas de pedidos',
      conditions: { query: 'pedido AND (roto OR tarde)', sentiments: ['negative'] },
      actions: { addLabels: ['queja'], priority: 'urgent', assignTo: editorId, savedReplyId: saved.json().id },
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const spam = await s.owner.request('POST', `${base}/rules`, {
      name: 'Enlaces',
      conditions: { hasLink: true },
      actions: { addLabels: ['enlace'], resolve: true },
    });
    expect(spam.json().position).toBe(complaint.json().position + 1);

    // The tester, before anything new arrives: what the link rule would have done on 30 days.
    const test = await viewer.request('POST', `${base}/rules/test`, { conditions: { query: 'pedido OR gracias' } });
    expect(test.statusCode).toBe(200);
    expect(test.json().scanned).toBeGreaterThan(0);
    expect(test.json().matched).toBeGreaterThan(0);
    expect(test.json().matches[0].preview.toLowerCase()).toMatch(/pedido|gracias/);
    const badTest = await viewer.request('POST', `${base}/rules/test`, { conditions: { query: '"sin cerrar' } });
    expect(badTest.json().error).toMatchObject({ code: 'invalid_query', details: { position: expect.any(Number) } });

    clock.set(FRIDAY_1730);
    const ch = await channel();
    await ingestInbound(
      t.ctx,
      ch,
      [
        mention('r1', 'Qué desastre, el pedido llegó roto y tarde. Muy mal servicio', FRIDAY_1730 - 60_000),
        mention('r2', 'Pedido roto, mirad la foto https://fotos.example/1 qué vergüenza', FRIDAY_1730 - 50_000),
        mention('r3', 'Mirad esto https://promo.example/oferta', FRIDAY_1730 - 40_000),
      ],
      'push',
    );
    const list = (await s.owner.request('GET', `${base}/conversations?state=any&limit=200`)).json().items as Array<Record<string, unknown>>;
    const byHandle = (h: string) => list.find((c) => c.authorHandle === h) as Record<string, unknown>;
    expect(byHandle('persona_r1')).toMatchObject({ labels: ['queja'], priority: 'urgent', assigneeUserId: editorId, state: 'new' });
    // r2 matches both rules: the first one in the order acts, only.
    expect(byHandle('persona_r2')).toMatchObject({ labels: ['queja'], priority: 'urgent', state: 'new' });
    expect(byHandle('persona_r3')).toMatchObject({ labels: ['enlace'], state: 'resolved', priority: 'normal' });
    const detail = (await s.owner.request('GET', `${base}/conversations/${byHandle('persona_r1').id}`)).json();
    expect(detail.items[0].ruleId).toBe(complaint.json().id);
    // Auto-replies are off by default: no reply was queued.
    expect(detail.replies).toEqual([]);
    const rules = (await viewer.request('GET', `${base}/rules`)).json().items;
    expect(rules.map((r: { matchedCount: number }) => r.matchedCount)).toEqual([2, 1]);

    const settings = (await s.owner.request('GET', `${base}/settings`)).json();
    expect(settings).toMatchObject({ autoReplies: false, timeZone: 'Europe/Madrid' });
    const on = await s.owner.request('PUT', `${base}/settings`, { ...settings, autoReplies: true, timeZone: undefined });
    expect(on.statusCode, on.body).toBe(200);
    await ingestInbound(t.ctx, ch, [mention('r4', 'Otro pedido roto, fatal', FRIDAY_1730 - 30_000)], 'push');
    const r4 = ((await s.owner.request('GET', `${base}/conversations?limit=200`)).json().items as Array<Record<string, unknown>>).find(
      (c) => c.authorHandle === 'persona_r4',
    );
    const r4detail = (await s.owner.request('GET', `${base}/conversations/${r4?.id}`)).json();
    expect(r4detail.replies).toHaveLength(1);
    expect(r4detail.replies[0].text).toBe('Lo sentimos, Lucía. En Panadería Sol lo revisamos ya.');
    expect(await processDueReplies(t.ctx, { owner: 'auto' })).toMatchObject({ sent: 1 });
    await s.owner.request('PUT', `${base}/settings`, { ...settings, autoReplies: false, timeZone: undefined });

    // Moving the link rule first changes who wins for r2-like items.
    const moved = await s.owner.request('PATCH', `${base}/rules/${spam.json().id}`, { position: 1 });
    expect(moved.json().position).toBe(1);
    const tested = await s.owner.request('POST', `${base}/rules/test`, {
      ruleId: complaint.json().id,
      conditions: complaint.json().conditions,
    });
    expect(tested.json().matched).toBeGreaterThan(tested.json().wouldAct);
    expect(tested.json().matches.some((m: { takenByRuleId: string | null }) => m.takenByRuleId === spam.json().id)).toBe(true);
    expect((await s.owner.request('DELETE', `${base}/rules/${spam.json().id}`)).statusCode).toBe(204);
    expect((await s.owner.request('DELETE', `${base}/rules/${complaint.json().id}`)).statusCode).toBe(204);
  });

  it('shows due and overdue in business hours and reports response times in calendar and business minutes', async () => {
    clock.set(FRIDAY_1730);
    const ch = await channel();
    await ingestInbound(t.ctx, ch, [mention('sla1', 'Hola, ¿abrís el domingo?', FRIDAY_1730)], 'push');
    const find = async () =>
      ((await s.owner.request('GET', `${base}/conversations?limit=200`)).json().items as Array<Record<string, unknown>>).find(
        (c) => c.authorHandle === 'persona_sla1',
      ) as Record<string, unknown>;
    const waiting = await find();
    // Normal priority: 8 business hours; Friday 17:30 + 30 min, then Monday 9:00 + 7 h 30 → Monday 16:30 Madrid (14:30 UTC).
    expect(waiting).toMatchObject({ overdue: false, dueAt: '2026-03-30T14:30:00.000Z' });
    clock.set(MONDAY_0930);
    const reply = await editor.request('POST', `${base}/conversations/${waiting.id}/replies`, { text: 'Sí, de 9 a 14.' });
    expect(reply.statusCode, reply.body).toBe(202);
    expect(await processDueReplies(t.ctx, { owner: 'sla' })).toMatchObject({ sent: 1 });
    const answered = await find();
    expect(answered).toMatchObject({ dueAt: null, overdue: false, state: 'pending' });
    const report = await viewer.request('GET', `${base}/reports/service?from=2026-03-27&to=2026-03-30`);
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    // Two first answers: the auto-reply 30 s after r4, and ours 63 h after Friday 17:30 (the clocks went forward: not 64 h).
    expect(r.firstResponse.calendar).toMatchObject({ count: 2, mean: 1890.3 });
    expect(r.firstResponse.business).toMatchObject({ count: 2, mean: 30.3 });
    expect(r.withinTarget).toMatchObject({ answered: 2, within: 2, share: 100 });
    expect(r.perTeammate).toEqual([expect.objectContaining({ userId: editorId, replies: 1 })]);
    expect(r.volume.byLabel).toEqual(expect.arrayContaining([{ key: 'queja', count: 3 }]));
    expect(r.responseRate.conversations).toBeGreaterThan(0);
    const csv = await viewer.request('GET', `${base}/reports/service.csv?from=2026-03-27&to=2026-03-30`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('first_response_minutes,business_mean,30.3');
    expect((await viewer.request('GET', `${base}/reports/service?from=2026-03-30&to=2026-03-27`)).statusCode).toBe(400);
  });

  it('changes a selection at once and keeps saved views per person or shared', async () => {
    const list = (await s.owner.request('GET', `${base}/conversations?limit=3`)).json().items as Array<{ id: string }>;
    const ids = list.map((c) => c.id);
    const bulk = await editor.request('POST', `${base}/conversations/bulk`, {
      conversationIds: ids,
      state: 'resolved',
      addLabels: ['revisado'],
    });
    expect(bulk.json()).toEqual({ changed: ids.length });
    const after = (await s.owner.request('GET', `${base}/conversations?state=resolved&label=revisado&limit=200`)).json().items;
    expect(after.length).toBe(ids.length);
    const foreign = await editor.request('POST', `${base}/conversations/bulk`, { conversationIds: [...ids, s.workspaceId], state: 'open' });
    expect(foreign.statusCode).toBe(404);
    expect((await viewer.request('POST', `${base}/conversations/bulk`, { conversationIds: ids, read: true })).statusCode).toBe(403);

    const mine = await viewer.request('POST', `${base}/views`, { name: 'Quejas', filter: { label: 'queja', state: 'any' } });
    expect(mine.statusCode).toBe(201);
    expect((await viewer.request('POST', `${base}/views`, { name: 'Todos', shared: true, filter: {} })).statusCode).toBe(403);
    const shared = await s.owner.request('POST', `${base}/views`, {
      name: 'Mensajes directos',
      shared: true,
      filter: { kind: 'direct_message' },
    });
    expect(shared.json().shared).toBe(true);
    expect((await viewer.request('GET', `${base}/views`)).json().items.map((v: { name: string }) => v.name)).toEqual([
      'Mensajes directos',
      'Quejas',
    ]);
    expect((await editor.request('GET', `${base}/views`)).json().items.map((v: { name: string }) => v.name)).toEqual(['Mensajes directos']);
    expect((await editor.request('DELETE', `${base}/views/${mine.json().id}`)).statusCode).toBe(404);
    expect((await viewer.request('DELETE', `${base}/views/${shared.json().id}`)).statusCode).toBe(403);
    expect((await viewer.request('DELETE', `${base}/views/${mine.json().id}`)).statusCode).toBe(204);
  });

  it('answers 401 without a caller, 404 for another workspace, 403 for a wrong role on the new routes', async () => {
    if (kind !== 'embedded') return;
    const routes: Array<{ method: string; path: string; body?: unknown; forbidden?: Caller }> = [
      { method: 'GET', path: '/rules' },
      { method: 'POST', path: '/rules', body: { name: 'x', conditions: {}, actions: { priority: 'low' } }, forbidden: editor },
      { method: 'PATCH', path: `/rules/${s.workspaceId}`, body: { name: 'y' }, forbidden: editor },
      { method: 'DELETE', path: `/rules/${s.workspaceId}`, forbidden: editor },
      { method: 'POST', path: '/rules/test', body: { conditions: {} } },
      { method: 'GET', path: '/settings' },
      { method: 'PUT', path: '/settings', body: {}, forbidden: editor },
      { method: 'GET', path: '/reports/service' },
      { method: 'GET', path: '/reports/service.csv' },
      { method: 'GET', path: '/views' },
      { method: 'POST', path: '/views', body: { name: 'v', filter: {} } },
      { method: 'POST', path: '/conversations/bulk', body: { conversationIds: [s.workspaceId], read: true }, forbidden: viewer },
      { method: 'POST', path: `/channels/${s.channelId}/push-secret`, forbidden: editor },
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
  });
});
