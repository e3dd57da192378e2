import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { startSmtpCatcher } from '../../../test/helpers/smtp.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../networks/sandbox/index.ts';
import { channelContext } from '../channels/service.ts';
import { backfillMetrics, collectDueMetrics, type BackfillProgress } from './collector.ts';
import { runDueReports } from './reports.ts';

describe.each(DB_KINDS)('reports by e-mail, collector errors and backfill on %s', (kind) => {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  const sandbox = new SandboxNetwork({ now: () => clock.now(), seed: 3 });
  let t: TestApp;
  let owner: Caller;
  let stranger: Caller;
  let workspaceId: string;
  let channelId: string;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  const base = () => `/api/v1/workspaces/${workspaceId}`;

  beforeAll(async () => {
    setInProcessSandbox(sandbox);
    smtp = await startSmtpCatcher();
    t = await createTestApp(kind, { clock });
    // The SMTP catcher listens on loopback: the admin switch PLAZA_ALLOW_PRIVATE_URLS, on.
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = true;
    owner = await createCaller(t, `o-${kind}@example.com`);
    stranger = await createCaller(t, `s-${kind}@example.com`);
    workspaceId = (
      await owner.request('POST', '/api/v1/workspaces', { name: 'Librería', timeZone: 'Europe/Madrid', language: 'es' })
    ).json().id;
    channelId = (
      await owner.request('POST', `${base()}/channels`, {
        network: 'sandbox',
        name: 'Sandbox',
        fields: { handle: `libros${kind}`, token: 'tok' },
      })
    ).json().id;
    const channel = await t.ctx.database.db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
    for (const text of ['Novedades de la semana', 'Club de lectura el jueves']) {
      const created = (
        await owner.request('POST', `${base()}/posts`, { content: text, channels: [{ channelId }], action: 'draft' })
      ).json();
      const result = await t.ctx.networks
        .get('sandbox')
        .publish(channelContext(t.ctx, channel), { publicationId: created.publications[0].id, text, media: [] });
      await t.ctx.database.db
        .updateTable('publications')
        .set({ state: 'published', remote_id: result.remoteId, published_at: new Date(clock.now()) })
        .where('id', '=', created.publications[0].id)
        .execute();
    }
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('a 429 from the network defers the snapshot by Retry-After and records the error', async () => {
    await collectDueMetrics(t.ctx);
    clock.advance(3_600_000 + 1000);
    sandbox.setOptions({ rateLimitRate: 1, faultsOnReads: true, retryAfterSeconds: 120 });
    const pass = await collectDueMetrics(t.ctx);
    sandbox.setOptions({ rateLimitRate: 0, faultsOnReads: false });
    expect(pass.snapshots).toBe(0);
    expect(pass.errors + pass.deferred).toBe(2);
    const schedule = await t.ctx.database.db.selectFrom('metric_schedule').selectAll().where('workspace_id', '=', workspaceId).execute();
    expect(schedule.every((s) => s.next_due_at!.getTime() >= clock.now() + 100_000)).toBe(true);
    const errors = (await owner.request('GET', `${base()}/analytics/errors`)).json().items;
    expect(errors[0].code).toMatch(/429|rate/);
    expect((await stranger.request('GET', `${base()}/analytics/errors`)).statusCode).toBe(404);
    clock.advance(121_000);
    expect((await collectDueMetrics(t.ctx)).snapshots).toBe(2);
  });

  it('backfill snapshots every published post with progress', async () => {
    const seen: BackfillProgress[] = [];
    const result = await backfillMetrics(t.ctx, workspaceId, (p) => seen.push(p));
    expect(result).toMatchObject({ total: 2, done: 2, failed: 0, finished: true });
    expect(seen.map((p) => p.done)).toEqual([0, 1, 2, 2]);
    const started = await owner.request('POST', `${base()}/analytics/backfill`);
    expect(started.statusCode).toBe(202);
    expect((await stranger.request('GET', `${base()}/analytics/backfill/${started.json().jobId}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `${base()}/analytics/backfill` })).statusCode).toBe(401);
  });

  it('schedules a weekly report and e-mails PDF and CSV through SMTP', async () => {
    const settings = await owner.request('PUT', `${base()}/analytics/settings`, {
      brandColor: '#aa3355',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'plaza@example.com', password: 'p', ignoreTls: true },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json().smtp).toMatchObject({ host: '127.0.0.1', hasPassword: true });
    expect(JSON.stringify(settings.json())).not.toContain('"p"');
    const schedule = await owner.request('POST', `${base()}/report-schedules`, {
      name: 'Semanal',
      frequency: 'weekly',
      formats: ['pdf', 'csv'],
      language: 'es',
      recipients: ['jefa@example.com'],
    });
    expect(schedule.statusCode, schedule.body).toBe(201);
    expect(schedule.json().nextRunAt).toBe('2026-03-09T07:00:00.000Z');
    expect(await runDueReports(t.ctx)).toBe(0);
    clock.set(Date.parse('2026-03-09T07:00:01Z'));
    expect(await runDueReports(t.ctx)).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to).toEqual(['jefa@example.com']);
    expect(smtp.messages[0].raw).toContain('application/pdf');
    expect(smtp.messages[0].raw).toContain('text/csv');
    expect(smtp.messages[0].raw).toMatch(/Informe de Plaza/);
    const after = (await owner.request('GET', `${base()}/report-schedules`)).json().items[0];
    expect(after).toMatchObject({ lastError: null, nextRunAt: '2026-03-16T07:00:00.000Z' });
    expect((await stranger.request('POST', `${base()}/report-schedules/${after.id}/run`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base()}/report-schedules` })).statusCode).toBe(401);
  });

  it('keeps why a run failed as a code beside the raw text (no SMTP settings, then an SMTP server that is not there)', async () => {
    const otherBase = `/api/v1/workspaces/${
      (await stranger.request('POST', '/api/v1/workspaces', { name: 'Sin correo', timeZone: 'UTC', language: 'en' })).json().id
    }`;
    const created = await stranger.request('POST', `${otherBase}/report-schedules`, {
      name: 'Weekly',
      frequency: 'weekly',
      formats: ['csv'],
      language: 'en',
      recipients: ['boss@example.com'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const run = await stranger.request('POST', `${otherBase}/report-schedules/${created.json().id}/run`);
    expect(run.json()).toMatchObject({ ok: false, errorCode: 'smtp_not_configured' });
    const listed = (await stranger.request('GET', `${otherBase}/report-schedules`)).json().items[0];
    expect(listed).toMatchObject({ lastErrorCode: 'smtp_not_configured', lastError: expect.stringMatching(/SMTP/) });

    // An SMTP server that does not answer: the catcher's port once it is closed.
    const gone = await startSmtpCatcher();
    await gone.close();
    const settings = await stranger.request('PUT', `${otherBase}/analytics/settings`, {
      smtp: { host: '127.0.0.1', port: gone.port, secure: false, from: 'plaza@example.com', ignoreTls: true },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const again = await stranger.request('POST', `${otherBase}/report-schedules/${created.json().id}/run`);
    expect(again.json()).toMatchObject({ ok: false, errorCode: 'smtp_unreachable' });
    expect((await stranger.request('GET', `${otherBase}/report-schedules`)).json().items[0].lastErrorCode).toBe('smtp_unreachable');
  });
});
