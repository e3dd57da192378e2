import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { registerShortLinkRoutes } from '../src/modules/links/short-links.ts';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

/** Links Plaza hands out never take their host from the request's Host header. */
describe.each(DB_KINDS)('public URL of links and feeds (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  const evil = { host: 'evil.example.net', 'x-forwarded-host': 'evil.example.net', 'x-forwarded-proto': 'https' };

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, `links-${kind}@example.com`);
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Links', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
  });
  afterAll(async () => t?.close());

  const call = (method: string, url: string, body?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${owner.token}`, ...evil },
      ...(body !== undefined && { payload: body as object }),
    });

  it('without PUBLIC_URL: loopback default and a public_url_unset warning, whatever the Host header', async () => {
    const link = await call('POST', `/api/v1/workspaces/${workspaceId}/links`, { url: 'https://example.com/menu' });
    expect(link.statusCode).toBe(201);
    expect(link.json().shortUrl).toMatch(/^http:\/\/localhost:\d+\/l\/[A-Za-z0-9_-]+$/);
    expect(link.json().urlWarning).toMatchObject({ code: 'public_url_unset' });
    const list = await call('GET', `/api/v1/workspaces/${workspaceId}/links`);
    expect(list.body).not.toContain('evil.example.net');
    const feed = await call('POST', `/api/v1/workspaces/${workspaceId}/calendar/feed`);
    expect(feed.statusCode).toBe(201);
    expect(feed.json().url).toMatch(/^http:\/\/localhost:\d+\//);
    expect(feed.json().urlWarning).toMatchObject({ code: 'public_url_unset' });
    const settings = await call('GET', `/api/v1/workspaces/${workspaceId}/conversion-settings`);
    expect(settings.body).not.toContain('evil.example.net');
    expect(settings.json().urlWarning).toMatchObject({ code: 'public_url_unset' });
  });

  it('with PUBLIC_URL: links use it, no warning', async () => {
    const configured = await buildApp(
      { ...t.ctx, config: { ...t.ctx.config, publicUrl: 'https://plaza.example.org/' } },
      { extraPlugins: [(app) => registerShortLinkRoutes(app, t.ctx)] },
    );
    await configured.ready();
    try {
      const headers = { authorization: `Bearer ${owner.token}`, ...evil };
      const link = await configured.inject({
        method: 'POST',
        url: `/api/v1/workspaces/${workspaceId}/links`,
        headers,
        payload: { url: 'https://example.com/carta' },
      });
      expect(link.json().shortUrl).toMatch(/^https:\/\/plaza\.example\.org\/l\//);
      expect(link.json().urlWarning).toBeNull();
      const feed = await configured.inject({ method: 'POST', url: `/api/v1/workspaces/${workspaceId}/calendar/feed`, headers });
      expect(feed.json().url).toMatch(/^https:\/\/plaza\.example\.org\//);
      expect(feed.json().urlWarning).toBeNull();
    } finally {
      await configured.close();
    }
  });
});

describe('start-up without PUBLIC_URL', () => {
  it('warns once in the log, with the loopback base on the port actually listened on', async () => {
    const { default: pino } = await import('pino');
    const { startPlaza } = await import('../src/server/runtime.ts');
    const { loadConfig } = await import('../src/config.ts');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-publicurl-'));
    const lines: Array<{ level: number; code?: string; base?: string; msg: string }> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const runtime = await startPlaza({
      config: loadConfig({
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        PLAZA_SECRET: 'public-url-test-secret-public-url-0001',
      } as NodeJS.ProcessEnv),
      services: ['web'],
      logger,
    });
    try {
      const port = (runtime.app!.server.address() as { port: number }).port;
      const warnings = lines.filter((l) => l.code === 'public_url_unset');
      expect(warnings.length).toBe(1);
      expect(warnings[0].base).toBe(`http://localhost:${port}`);
    } finally {
      await runtime.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
