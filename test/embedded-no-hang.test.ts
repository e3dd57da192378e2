import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startPlaza, type PlazaRuntime, type StartOptions } from '../src/server/runtime.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { accountsRepository } from '../src/modules/accounts/repository.ts';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import { ingestBatch, WorkspacePipelines } from '../src/modules/listening/ingest.ts';
import type { SourceItem } from '../src/modules/listening/sources/types.ts';
import { loadLanguageModel } from '../src/modules/listening/core/language.ts';
import { startSmtpCatcher } from './helpers/smtp.ts';

/**
 * The whole of Plaza in one process on the embedded database (one PGlite
 * connection): web, worker (publishing engine, webhook outbox and deliveries, metric
 * collector, objectives, reports), scheduler and listener (sources, reputation alerts), all loops
 * running fast, webhooks to a loopback receiver, reports to a local SMTP catcher.
 * Every request must answer within a few seconds, and no query may be issued on the
 * shared handle from inside an open transaction (the connection gate records each).
 * A hang makes the requests time out and the test fail with that message.
 */
const REQUEST_LIMIT_MS = 5_000;

describe('the embedded database never hangs with every service running', () => {
  const network = new SandboxNetwork({ seed: 11 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-nohang-'));
  const env = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    PLAZA_SECRET: 'no-hang-test-secret-no-hang-test-0001',
    PLAZA_ALLOW_PRIVATE_URLS: 'true',
  } as NodeJS.ProcessEnv;
  const fast: StartOptions = {
    services: ['web', 'worker', 'scheduler', 'listener'],
    engine: { pollMs: 100 },
    listener: { syncEveryMs: 300 },
    intervals: {
      'events.webhook-outbox': 100,
      'analytics.collect-metrics': 300,
      'analytics.reports': 300,
      'listening.reputation-alerts': 300,
    },
  };
  let runtime: PlazaRuntime | null = null;
  let receiver: http.Server;
  let receiverUrl = '';
  const received: Array<{ event: string; body: any }> = [];
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let token = '';
  let workspaceId = '';
  let webhookId = '';
  let scheduleId = '';
  const slow: string[] = [];

  const start = async () => {
    runtime = await startPlaza({ ...fast, config: loadConfig(env), logger: pino({ level: 'silent' }) });
    return runtime;
  };
  const base = () => `http://127.0.0.1:${(runtime!.app!.server.address() as { port: number }).port}`;
  /** One API call that must answer within REQUEST_LIMIT_MS. */
  const api = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const started = Date.now();
    try {
      const response = await fetch(base() + url, {
        method,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
    } catch (error) {
      const message = `${method} ${url} got no answer within ${REQUEST_LIMIT_MS} ms (${(error as Error).name}): the embedded database hangs`;
      slow.push(message);
      throw new Error(message);
    } finally {
      if (Date.now() - started > REQUEST_LIMIT_MS) slow.push(`${method} ${url} took ${Date.now() - started} ms`);
    }
  };
  /** Polls `check` while probing /api/health and a list call; fails on a slow answer or a detected deadlock. */
  const until = async <T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> => {
    const started = Date.now();
    for (;;) {
      expect((await api('GET', '/api/health')).status).toBe(200);
      expect((await api('GET', `/api/v1/workspaces/${workspaceId}/posts`)).status).toBe(200);
      expect(runtime!.ctx.database.connectionGate?.violations.map((v) => v.message) ?? []).toEqual([]);
      const value = await check();
      if (value) return value;
      if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** Stops a runtime, but never lets a hung one hang the suite. */
  const stop = async () => {
    const current = runtime;
    runtime = null;
    if (!current) return;
    await Promise.race([current.stop(), new Promise((r) => setTimeout(r, 10_000).unref())]);
  };

  beforeAll(async () => {
    // Heavy modules load on first need (seconds of CPU on a loaded machine): load them before
    // the probes start, so a slow answer means a waiting database, not a busy event loop.
    await loadLanguageModel();
    await import('nodemailer');
    setInProcessSandbox(network);
    smtp = await startSmtpCatcher();
    receiver = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ event: String(request.headers['x-plaza-event']), body: JSON.parse(body) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  });
  afterAll(async () => {
    await stop();
    receiver?.close();
    await smtp?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes, delivers webhooks, sends a report, raises and delivers a reputation alert, collects metrics and listens, answering every request', async () => {
    await start();
    const signup = await api('POST', '/api/v1/auth/signup', {
      email: 'owner@example.com',
      name: 'Owner',
      password: 'correct horse battery staple',
      locale: 'es',
    });
    expect(signup.status, JSON.stringify(signup.json)).toBe(201);
    token = (await accountsRepository.createApiToken(runtime!.ctx.database.db, signup.json.user.id, 'test')).token;
    workspaceId = (await api('POST', '/api/v1/workspaces', { name: 'Café', timeZone: 'Europe/Madrid', language: 'es' })).json.id;
    const ws = `/api/v1/workspaces/${workspaceId}`;
    const channel = await api('POST', `${ws}/channels`, { network: 'sandbox', name: 'Sandbox', fields: { handle: 'cafe', token: 'tok' } });
    expect(channel.status, JSON.stringify(channel.json)).toBe(201);
    const hook = await api('POST', `${ws}/webhooks`, {
      url: receiverUrl,
      events: ['post.published', 'post.failed', 'listening.reputation_alert', 'report.sent', 'report.failed'],
    });
    expect(hook.status, JSON.stringify(hook.json)).toBe(201);
    webhookId = hook.json.id;

    // Reports: SMTP to the local catcher, a weekly schedule.
    expect(
      (
        await api('PUT', `${ws}/analytics/settings`, {
          smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'plaza@example.com', ignoreTls: true },
        })
      ).status,
    ).toBe(200);
    const schedule = await api('POST', `${ws}/report-schedules`, {
      name: 'Semanal',
      frequency: 'weekly',
      formats: ['csv'],
      language: 'es',
      recipients: ['jefa@example.com'],
    });
    expect(schedule.status, JSON.stringify(schedule.json)).toBe(201);
    scheduleId = schedule.json.id;

    // Listening: a brand query and a source on the channel's mentions.
    expect((await api('POST', `${ws}/listening/queries`, { name: 'Marca', query: 'acme', kind: 'brand' })).status).toBe(201);
    expect(
      (
        await api('POST', `${ws}/listening/sources`, {
          kind: 'channel_mentions',
          name: 'Menciones',
          config: { channelId: channel.json.id },
        })
      ).status,
    ).toBe(201);

    // The finding's reproduction: the first post.published event used to hang the database for good.
    const posts: string[] = [];
    for (const text of ['Menú de otoño', 'Nuevo horario', 'Concierto el viernes']) {
      const post = await api('POST', `${ws}/posts`, { content: text, channels: [{ channelId: channel.json.id }], action: 'publish_now' });
      expect(post.status, JSON.stringify(post.json)).toBe(201);
      posts.push(post.json.id);
    }
    await until('three posts published', async () => {
      const states = await Promise.all(posts.map(async (id) => (await api('GET', `${ws}/posts/${id}`)).json.state));
      return states.every((s) => s === 'published');
    });
    await until('a post.published webhook per post', async () =>
      posts.every((id) => received.some((r) => r.event === 'post.published' && r.body.subject.id === id)),
    );

    // Metric collection: make the first snapshots due now; the collector takes them.
    await runtime!.ctx.database.db
      .updateTable('metric_schedule')
      .set({ next_due_at: new Date(Date.now() - 1000) })
      .where('workspace_id', '=', workspaceId)
      .execute();
    await until('metric snapshots', async () => {
      const row = await runtime!.ctx.database.db
        .selectFrom('post_metric_snapshots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n) >= posts.length;
    });

    // Reports: sent now from the API, e-mailed, and report.sent reaches the webhook. (The reports job
    // sends due schedules every 5 minutes, here every 300 ms: the restart below checks that path.)
    const run = await api('POST', `${ws}/report-schedules/${scheduleId}/run`);
    expect(run.status, JSON.stringify(run.json)).toBe(200);
    await until('the report e-mail', async () => smtp.messages.length >= 1);
    await until('a report.sent webhook', async () => received.some((r) => r.event === 'report.sent'));

    // Reputation alerts: a burst of negative mentions; the listener's alert loop raises it, the outbox delivers it.
    const windowMs = 15 * 60_000;
    const end = Math.floor(Date.now() / windowMs) * windowMs;
    const items: SourceItem[] = [];
    for (let w = 0; w < 49; w++) {
      const count = w === 48 ? 12 : w % 4 === 0 ? 1 : 0;
      for (let i = 0; i < count; i++)
        items.push({
          remoteId: `neg-${w}-${i}`,
          text: `Acme es pésimo, qué desastre de atención ${w} ${i} ${'!'.repeat(i)}`,
          network: 'bluesky',
          authorHandle: `u${w}_${i}`,
          publishedAt: new Date(end - (49 - w) * windowMs + i * 1000),
        });
    }
    await ingestBatch(runtime!.ctx, new WorkspacePipelines(runtime!.ctx), {
      workspaceId,
      sourceId: null,
      sourceKey: 'spike',
      items,
      storeUnmatched: true,
    });
    await until('a listening.reputation_alert webhook', async () => received.some((r) => r.event === 'listening.reputation_alert'));

    // Listening source ran (its cursor or status was written by the listener).
    const source = await runtime!.ctx.database.db
      .selectFrom('listening_sources')
      .select(['lease_owner', 'status'])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(source.lease_owner).toMatch(/^listener-/);

    // Exactly once: one delivery per webhook and event.
    const deliveries = await api('GET', `${ws}/webhooks/${webhookId}/deliveries`);
    expect(deliveries.status).toBe(200);
    const published = received.filter((r) => r.event === 'post.published').map((r) => r.body.id);
    expect(new Set(published).size).toBe(published.length);
    expect(slow).toEqual([]);
  }, 180_000);

  it('a data folder with an event pending in the outbox starts healthy and delivers it', async () => {
    expect(workspaceId, 'the first test ran').not.toBe('');
    await stop();
    // While Plaza is down, an event is written that the outbox has not seen yet.
    const offline = await openDatabase({ dataDir });
    const event = await offline.db
      .insertInto('events')
      .values({
        workspace_id: workspaceId,
        actor_user_id: null,
        type: 'post.failed',
        subject_type: 'post',
        subject_id: '00000000-0000-4000-8000-000000000001',
        data: JSON.stringify({ reason: 'pending at restart' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // And the report schedule is due: the reports job's first slot after the start sends it.
    await offline.db
      .updateTable('report_schedules')
      .set({ next_run_at: new Date(Date.now() - 1000) })
      .where('id', '=', scheduleId)
      .execute();
    await offline.close();
    const reportsBefore = received.filter((r) => r.event === 'report.sent').length;
    const mailsBefore = smtp.messages.length;

    const started = Date.now();
    await start();
    expect(Date.now() - started).toBeLessThan(30_000);
    await until(
      'the pending event delivered after the restart',
      async () => received.some((r) => r.event === 'post.failed' && r.body.id === String(event.id)),
      20_000,
    );
    await until('the due report e-mailed by the reports job', async () => smtp.messages.length > mailsBefore, 20_000);
    await until('its report.sent webhook', async () => received.filter((r) => r.event === 'report.sent').length > reportsBefore, 20_000);
    // And the database keeps answering afterwards.
    await until('a few more healthy rounds', async () => Date.now() - started > 1_500, 10_000);
    expect(received.filter((r) => r.body.id === String(event.id))).toHaveLength(1);
    expect(slow).toEqual([]);
  }, 90_000);
});
