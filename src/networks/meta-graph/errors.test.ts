/**
 * Graph error classification and Meta's throttling headers, from the documented error shapes.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE_WAIT_MS, businessUseCaseWaitMs, graphError, throttleWaitMs, usagePercent } from './errors.ts';

const body = (code: number, extra: Record<string, unknown> = {}) => ({
  error: { message: `error ${code}`, type: 'OAuthException', code, fbtrace_id: 'A', ...extra },
});
const none = new Headers();

describe('Graph errors', () => {
  it('classifies tokens, permissions, duplicates, throttling, outages and the rest', () => {
    expect(graphError('Facebook', 400, body(190, { error_subcode: 463 }), none, 0)).toMatchObject({ kind: 'auth', code: 'token_expired' });
    expect(graphError('Facebook', 400, body(190, { error_subcode: 460 }), none, 0)).toMatchObject({ kind: 'auth', code: 'invalid_token' });
    expect(graphError('Facebook', 403, body(200), none, 0)).toMatchObject({ kind: 'auth', code: 'missing_permission' });
    expect(graphError('Facebook', 400, body(506), none, 0)).toMatchObject({ kind: 'permanent', code: 'duplicate_post' });
    for (const code of [4, 17, 32, 613, 80001])
      expect(graphError('Facebook', 400, body(code), none, 0)).toMatchObject({ kind: 'rate_limited', code: `graph_${code}` });
    expect(graphError('Instagram', 400, body(9, { error_subcode: 2207042 }), none, 0)).toMatchObject({
      kind: 'rate_limited',
      code: 'publishing_limit',
    });
    expect(graphError('Facebook', 500, { error: { code: 2, type: 'FacebookApiException', message: 'x' } }, none, 0)).toMatchObject({
      kind: 'transient',
    });
    expect(graphError('Facebook', 503, 'Service Unavailable', none, 0)).toMatchObject({ kind: 'transient', code: 'http_503' });
    expect(graphError('Facebook', 401, { error: 'nope' }, none, 0)).toMatchObject({ kind: 'auth' });
    expect(graphError('Facebook', 400, body(100, { error_subcode: 33 }), none, 0)).toMatchObject({ kind: 'permanent', code: 'not_found' });
    expect(graphError('Facebook', 400, body(368), none, 0)).toMatchObject({ kind: 'permanent', code: 'graph_368' });
    // A client-secret refusal is not an outage, even with code 1.
    expect(graphError('Facebook', 400, body(1), none, 0)).toMatchObject({ kind: 'permanent' });
  });

  it('reads how long to wait from X-Business-Use-Case-Usage, Retry-After, or a default', () => {
    const usage = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '111': [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 3 }],
        '222': [{ type: 'instagram', call_count: 50, total_cputime: 5, total_time: 5, estimated_time_to_regain_access: 12 }],
      }),
    });
    expect(businessUseCaseWaitMs(usage)).toBe(12 * 60_000);
    expect(throttleWaitMs(usage, 0)).toBe(12 * 60_000);
    expect(usagePercent(usage)).toBe(100);
    expect(throttleWaitMs(new Headers({ 'retry-after': '30' }), 0)).toBe(30_000);
    expect(throttleWaitMs(new Headers({ 'x-business-use-case-usage': 'not json' }), 0)).toBe(DEFAULT_THROTTLE_WAIT_MS);
    expect(usagePercent(new Headers({ 'x-app-usage': JSON.stringify({ call_count: 42, total_cputime: 7, total_time: 61 }) }))).toBe(61);
    expect(graphError('Facebook', 400, body(32), usage, 0).details.retryAfterMs).toBe(12 * 60_000);
  });
});
