// Security headers (issue 10, finding 7): a Content-Security-Policy and the usual headers on
// the web app (/ and client-side routes), the API docs and the API, errors included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { serveWebApp, webAppBuilt } from '../src/server/web.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/config.ts';
import type { FastifyInstance } from 'fastify';

describe('security headers', () => {
  let t: TestApp;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestApp('embedded');
    // The same app as `plaza start` serves: API plus the built web app.
    app = await buildApp(t.ctx, { extraPlugins: [serveWebApp] });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const common = (headers: Record<string, unknown>) => {
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  };

  it('serves the web app with a CSP that allows only its own scripts', async () => {
    for (const url of ['/', '/calendar', '/does-not-exist.js']) {
      const res = await app.inject({ method: 'GET', url });
      common(res.headers);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(csp).toContain("object-src 'none'");
    }
    if (webAppBuilt()) expect((await app.inject({ method: 'GET', url: '/' })).headers['content-type']).toMatch(/text\/html/);
  });

  it('gives API answers (success, 401, 404, 400) a policy that allows nothing', async () => {
    for (const [url, status] of [
      ['/api/health', 200],
      ['/api/v1/workspaces', 401],
      ['/api/v1/nothing-here', 404],
    ] as const) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(status);
      common(res.headers);
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    }
    const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { nope: true } });
    common(bad.headers);
  });

  it('lets the API docs load their own scripts and styles', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
    common(res.headers);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('sends HSTS only over https (behind a proxy that says so, and that TRUST_PROXY names)', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Without TRUST_PROXY, anybody could claim https: the header is ignored.
    const unproxied = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(unproxied.headers['strict-transport-security']).toBeUndefined();
    const trustProxy = loadConfig({ DATA_DIR: t.ctx.config.dataDir, TRUST_PROXY: 'true' } as NodeJS.ProcessEnv).trustProxy;
    const proxied = await buildApp({ ...t.ctx, config: { ...t.ctx.config, trustProxy } });
    try {
      const https = await proxied.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await proxied.close();
    }
  });
});
