import { XRPCError } from '@atproto/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { atproto, isXrpcError } from './atproto.ts';
import { classifyBlueskyError, retryAfterFromHeaders } from './errors.ts';

// In Plaza only the library throws XRPCErrors, so it is always loaded by then; here the test makes them.
beforeAll(() => atproto());

describe('lazy @atproto/api', () => {
  it("recognizes the library's own XRPCError once loaded", () => {
    expect(isXrpcError(new XRPCError(503, 'busy'))).toBe(true);
    expect(isXrpcError(new Error('busy'))).toBe(false);
  });
});

function transportError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('classifyBlueskyError', () => {
  const nowMs = Date.parse('2026-03-01T12:00:00Z');

  it.each([
    [new XRPCError(503, 'NotEnoughResources', 'busy'), 'write', 'transient', 'http_503'],
    [new XRPCError(500, 'InternalServerError', 'boom'), 'read', 'transient', 'http_500'],
    [new XRPCError(504, 'UpstreamTimeout', 'slow'), 'write', 'ambiguous', 'http_504'],
    [new XRPCError(504, 'UpstreamTimeout', 'slow'), 'read', 'transient', 'http_504'],
    [new XRPCError(400, 'InvalidRequest', 'bad record'), 'write', 'permanent', 'http_400'],
    [new XRPCError(413, 'PayloadTooLarge', 'big'), 'write', 'permanent', 'http_413'],
    [new XRPCError(401, 'AuthenticationRequired', 'Invalid identifier or password'), 'read', 'auth', 'invalid_credentials'],
    [new XRPCError(400, 'ExpiredToken', 'Token has expired'), 'write', 'auth', 'expired_token'],
    [new XRPCError(400, 'AccountTakedown', 'gone'), 'read', 'auth', 'account_takedown'],
    [XRPCError.from(transportError('ECONNREFUSED')), 'write', 'transient', 'econnrefused'],
    [XRPCError.from(transportError('ENOTFOUND')), 'write', 'transient', 'enotfound'],
    [XRPCError.from(transportError('ECONNRESET')), 'write', 'ambiguous', 'econnreset'],
    [XRPCError.from(transportError('ECONNRESET')), 'read', 'transient', 'econnreset'],
    [XRPCError.from(new DOMException('late', 'TimeoutError')), 'write', 'ambiguous', 'timeout'],
  ] as const)('%s on a %s → %s', (error, requestKind, kind, code) => {
    const classified = classifyBlueskyError(error, requestKind, { nowMs });
    expect([classified.kind, classified.code]).toEqual([kind, code]);
  });

  it('reads the wait from ratelimit-reset, then retry-after, else one minute', () => {
    const limited = new XRPCError(429, 'RateLimitExceeded', 'slow down', { 'ratelimit-reset': String(nowMs / 1000 + 30) });
    const classified = classifyBlueskyError(limited, 'write', { nowMs });
    expect(classified.kind).toBe('rate_limited');
    expect(classified.details).toMatchObject({ status: 429, retryAfterMs: 30_000 });
    expect(retryAfterFromHeaders({ 'retry-after': '12' }, nowMs)).toBe(12_000);
    expect(retryAfterFromHeaders({}, nowMs)).toBe(60_000);
  });

  it('treats any failure while the engine aborted as an unknown outcome', () => {
    const controller = new AbortController();
    controller.abort();
    const error = new XRPCError(500, 'InternalServerError', 'x');
    expect(classifyBlueskyError(error, 'write', { signal: controller.signal }).kind).toBe('ambiguous');
    expect(classifyBlueskyError(error, 'read', { signal: controller.signal }).kind).toBe('transient');
  });
});
