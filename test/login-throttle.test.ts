import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, ConfigError } from '../src/config.ts';
import { LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_WINDOW_MS } from '../src/modules/accounts/login-throttle.ts';
import { createCaller, createTestApp, ManualClock, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';

describe('TRUST_PROXY setting', () => {
  const parse = (value: string | undefined) => loadConfig({ LOG_LEVEL: 'silent', TRUST_PROXY: value } as NodeJS.ProcessEnv).trustProxy;
  it('trusts no proxy by default and accepts true, a hop count or addresses/CIDRs', () => {
    expect(parse(undefined)).toBe(false);
    expect(parse('false')).toBe(false);
    expect(parse('true')).toBe(true);
    expect(parse('2')).toBe(2);
    expect(parse('0')).toBe(false);
    expect(parse('10.0.0.1, 192.168.0.0/16,::1,fd00::/8, loopback')).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });
  it('stops start-up on a bad value', () => {
    for (const bad of ['yes please', '10.0.0.1/33', '300.1.1.1', 'example.com']) expect(() => parse(bad), bad).toThrow(ConfigError);
  });
});

/** Sign-in throttling: per address (proxy headers only from configured proxies) and per account, in the database. */
describe.each(DB_KINDS)('sign-in throttling (%s)', (kind) => {
  let t: TestApp;
  const clock = new ManualClock(Date.parse('2026-06-01T10:00:00Z'));
  const login = (app: FastifyInstance, email: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers, payload: { email, password } });

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    await createCaller(t, 'victim@example.com');
    await createCaller(t, 'other@example.com');
  });
  afterAll(async () => t?.close());

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await login(t.app, `nobody-${i}@example.com`, 'wrong-password', '198.51.100.9', { 'x-forwarded-for': `203.0.113.${i}` });
      codes.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().error.code).toBe('too_many_attempts');
        expect(res.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    // Behind a configured proxy, its X-Forwarded-For names the client.
    const proxied = await buildApp({ ...t.ctx, config: { ...t.ctx.config, trustProxy: ['198.51.100.0/24'] } });
    try {
      const seen: string[] = [];
      proxied.get('/whoami', async (request) => ({ ip: request.ip }));
      await proxied.ready();
      for (const forwarded of ['203.0.113.1', '203.0.113.2'])
        seen.push(
          (await proxied.inject({ url: '/whoami', remoteAddress: '198.51.100.9', headers: { 'x-forwarded-for': forwarded } })).json().ip,
        );
      expect(seen).toEqual(['203.0.113.1', '203.0.113.2']);
      const direct = await proxied.inject({ url: '/whoami', remoteAddress: '192.0.2.50', headers: { 'x-forwarded-for': '203.0.113.3' } });
      expect(direct.json().ip).toBe('192.0.2.50');
    } finally {
      await proxied.close();
    }
    clock.advance(LOGIN_WINDOW_MS + 1_000);
  });

  it('throttles one account tried from many addresses, across processes, and tells when to retry', async () => {
    // A second app on the same database stands for a second web process (its own in-memory limits).
    const second = await buildApp(t.ctx);
    await second.ready();
    try {
      const codes: number[] = [];
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT + 3; i++) {
        const app = i % 2 === 0 ? t.app : second;
        codes.push(
          (await login(app, i % 3 === 0 ? 'VICTIM@example.com' : 'victim@example.com', `guess-${i}-long`, `192.0.2.${i + 1}`)).statusCode,
        );
      }
      expect(codes.slice(0, LOGIN_MAX_FAILURES_PER_ACCOUNT)).toEqual(Array(LOGIN_MAX_FAILURES_PER_ACCOUNT).fill(401));
      expect(codes.slice(LOGIN_MAX_FAILURES_PER_ACCOUNT)).toEqual([429, 429, 429]);
      // Even the right password waits: the guesser cannot tell a hit from a miss.
      const right = await login(second, 'victim@example.com', 'correct horse battery', '192.0.2.200');
      expect(right.statusCode).toBe(429);
      const error = right.json().error;
      expect(error.code).toBe('too_many_attempts');
      expect(error.details.retryAfterSeconds).toBeGreaterThan(LOGIN_WINDOW_MS / 1000 - 60);
      expect(error.details.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
      expect(right.headers['retry-after']).toBe(String(error.details.retryAfterSeconds));
      // Another account is not affected.
      expect((await login(t.app, 'other@example.com', 'correct horse battery', '192.0.2.201')).statusCode).toBe(200);
      // After the window the right password works again, and clears the account's failures.
      clock.advance(error.details.retryAfterSeconds * 1000);
      expect((await login(t.app, 'victim@example.com', 'correct horse battery', '192.0.2.202')).statusCode).toBe(200);
      const { rows } = await t.ctx.database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM login_failures WHERE address = $1', [
        '192.0.2.202',
      ]);
      expect(rows[0].n).toBe(0);
    } finally {
      await second.close();
    }
    clock.advance(LOGIN_WINDOW_MS + 1_000);
  });

  it('lets at most the limit of parallel guesses through', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => login(t.app, 'victim@example.com', `parallel-${i}-long`, `192.0.2.${100 + i}`)),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(LOGIN_MAX_FAILURES_PER_ACCOUNT);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(25 - LOGIN_MAX_FAILURES_PER_ACCOUNT);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    clock.advance(LOGIN_WINDOW_MS + 1_000);
  });
});
