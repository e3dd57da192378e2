import { until } from './helpers/wait.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startPlaza, type PlazaRuntime } from '../src/server/runtime.ts';
import { loadConfig } from '../src/config.ts';
import { createPostgresDatabaseUrl } from './helpers/db.ts';
import { createUser } from '../src/modules/accounts/commands/users.ts';
import { accountsRepository } from '../src/modules/accounts/repository.ts';
import { verifyWebhookSignature } from '../src/modules/events/webhooks.ts';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import { checkReputationAlerts } from '../src/modules/listening/alerts.ts';
import { ingestBatch, WorkspacePipelines } from '../src/modules/listening/ingest.ts';
import type { SourceItem } from '../src/modules/listening/sources/types.ts';

/**
 * One Postgres, two processes' worth of services: a web-only runtime takes the
 * post, a worker+scheduler runtime publishes it and delivers signed webhooks.
 */
describe('services by flag on one Postgres, and signed webhooks', () => {
  let web: PlazaRuntime;
  let worker: PlazaRuntime;
  let dbClose: () => Promise<void>;
  let receiver: http.Server;
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  let receiverUrl: string;
  let api: (method: string, url: string, body?: unknown) => Promise<{ status: number; json: () => Promise<any> }>;
  const network = new SandboxNetwork({ seed: 3 });

  let url: string;
  beforeAll(async () => {
    setInProcessSandbox(network);
    const database = await createPostgresDatabaseUrl();
    url = database.url;
    dbClose = database.drop;
    receiver = http.createServer((request, response) => {
      let body = '';
      request.on('data', (c) => (body += c));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(received.length === 1 ? 500 : 204).end(); // the first delivery fails: retried
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  }, 60_000);

  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
    receiver?.close();
    await dbClose?.();
  });

  it('publishes from a separate worker and delivers a signed post.published webhook with retries', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-svc-'));
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PLAZA_SECRET: 'services-test-secret-services-test-0001',
      PLAZA_ALLOW_PRIVATE_URLS: 'true',
    } as NodeJS.ProcessEnv;
    web = await startPlaza({ config: loadConfig(env), services: ['web'], logger: pino({ level: 'silent' }) });
    worker = await startPlaza({
      config: loadConfig(env),
      services: ['worker', 'scheduler'],
      logger: pino({ level: 'silent' }),
      engine: { pollMs: 100 },
    });
    expect(web.engine).toBeNull();
    expect(worker.app).toBeNull();

    const user = await createUser(web.ctx, { email: 'svc@example.com', name: 'Svc', password: 'clave larga de prueba' });
    const token = (await accountsRepository.createApiToken(web.ctx.database.db, user.id, 't')).token;
    const base = `http://127.0.0.1:${(web.app!.server.address() as { port: number }).port}`;
    api = async (method, path, body) => {
      const res = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, json: () => res.json() };
    };
    const ws = await (await api('POST', '/api/v1/workspaces', { name: 'Svc', timeZone: 'America/Santiago', language: 'es' })).json();
    const channel = await (
      await api('POST', `/api/v1/workspaces/${ws.id}/channels`, { network: 'sandbox', name: 'S', fields: { handle: 'svc', token: 't' } })
    ).json();
    const hook = await api('POST', `/api/v1/workspaces/${ws.id}/webhooks`, { url: receiverUrl, events: ['post.published', 'post.failed'] });
    expect(hook.status).toBe(201);
    const { secret, id: webhookId } = await hook.json();
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await (await api('GET', `/api/v1/workspaces/${ws.id}/webhooks`)).json())).not.toContain(secret);

    const post = await (
      await api('POST', `/api/v1/workspaces/${ws.id}/posts`, {
        content: 'Desde dos procesos',
        channels: [{ channelId: channel.id }],
        action: 'publish_now',
      })
    ).json();
    await until(
      async () => ((await (await api('GET', `/api/v1/workspaces/${ws.id}/posts/${post.id}`)).json()).state === 'published' ? true : null),
      20_000,
    );
    expect(network.postsOf('svc', { marker: post.publications[0].id })).toHaveLength(1);

    await until(async () => (received.length >= 2 ? true : null), 60_000);
    const delivery = received[1];
    expect(delivery.headers['x-plaza-event']).toBe('post.published');
    expect(verifyWebhookSignature(secret, String(delivery.headers['x-plaza-signature']), delivery.body)).toBe(true);
    expect(verifyWebhookSignature('whsec_other', String(delivery.headers['x-plaza-signature']), delivery.body)).toBe(false);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'post.published', subject: { type: 'post', id: post.id } });
    const deliveries = await (await api('GET', `/api/v1/workspaces/${ws.id}/webhooks/${webhookId}/deliveries`)).json();
    expect(deliveries.items[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  }, 120_000);

  it('delivers a reputation alert as a signed webhook with the mentions that caused it', async () => {
    const ws = await (await api('POST', '/api/v1/workspaces', { name: 'Reputación', timeZone: 'Europe/Madrid', language: 'es' })).json();
    const hook = await (
      await api('POST', `/api/v1/workspaces/${ws.id}/webhooks`, { url: receiverUrl, events: ['listening.reputation_alert'] })
    ).json();
    await api('POST', `/api/v1/workspaces/${ws.id}/listening/queries`, { name: 'Marca', query: 'acme', kind: 'brand' });
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
    await ingestBatch(web.ctx, new WorkspacePipelines(web.ctx), {
      workspaceId: ws.id,
      sourceId: null,
      sourceKey: 'spike',
      items,
      storeUnmatched: true,
    });
    const alerts = await checkReputationAlerts(web.ctx, ws.id);
    expect(alerts.length).toBeGreaterThan(0);

    const delivery = await until(
      async () => received.find((r) => r.headers['x-plaza-event'] === 'listening.reputation_alert') ?? null,
      60_000,
    );
    expect(verifyWebhookSignature(hook.secret, String(delivery.headers['x-plaza-signature']), delivery.body)).toBe(true);
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ type: 'listening.reputation_alert', subject: { type: 'listening_alert' } });
    expect(body.data.mentionIds).toHaveLength(12);
    expect(alerts.map((a) => a.id)).toContain(body.subject.id);
  }, 120_000);
});
