import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/lib/error-codes.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { given, type Scenario } from './helpers/given.ts';

/**
 * Errors people read carry a specific, registered code (the web app shows the text of the code in
 * the UI language): never the generic bad_request/conflict with English as the only explanation.
 */
describe('errors answer with a specific registered code and the details the texts need (postgres)', () => {
  let t: TestApp;
  let s: Scenario;
  const registered = new Set<string>(ERROR_CODES);
  const errorOf = (res: { statusCode: number; json(): unknown }) => (res.json() as { error: { code: string; details: unknown } }).error;

  beforeAll(async () => {
    t = await createTestApp('postgres');
    s = await given(t).workspace().sandboxChannel().draftPost();
  });
  afterAll(async () => t?.close());

  it('a wrong password is invalid_credentials', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'x'.repeat(12) },
    });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('invalid_credentials');
  });

  it('a validation error names the field and zod’s issue code', async () => {
    const res = await s.api('POST', '/posts', { content: 'hola', channels: 'not-a-list' });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([expect.objectContaining({ path: '/channels', issue: 'invalid_type' })]);
  });

  it('scheduling without a date, in the past, and a state that forbids an action each have their own code', async () => {
    const noDate = await s.api('POST', `/posts/${s.postId}/schedule`, {});
    expect(errorOf(noDate).code).toBe('scheduled_at_required');
    const past = await s.api('POST', `/posts/${s.postId}/schedule`, { scheduledAt: '2020-01-01T10:00:00Z' });
    expect(errorOf(past).code).toBe('scheduled_time_passed');
    const reject = await s.api('POST', `/posts/${s.postId}/reject`, { comment: 'no' });
    expect(reject.statusCode).toBe(409);
    expect(errorOf(reject)).toMatchObject({ code: 'transition_not_allowed', details: { transition: 'reject', from: 'draft' } });
  });

  it('a channel that cannot be reached is connection_failed with the network and its reason code', async () => {
    const res = await s.api('POST', '/channels', {
      network: 'mastodon',
      name: 'Nowhere',
      fields: { instanceUrl: 'https://nowhere.invalid', accessToken: 'x' },
    });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(registered.has(error.code)).toBe(true);
    expect(error.code).not.toBe('bad_request');
    expect(error).toMatchObject({ code: 'connection_failed', details: { network: 'mastodon', code: 'unreachable' } });
  });

  it('an invalid cursor and a duplicated channel have their own codes', async () => {
    expect(errorOf(await s.api('GET', '/posts?cursor=%%%')).code).toMatch(/^(invalid_cursor|validation_failed)$/);
    const twice = await s.api('POST', '/posts', { content: 'hola', channels: [{ channelId: s.channelId }, { channelId: s.channelId }] });
    expect(errorOf(twice).code).toBe('duplicate_channel');
  });
});
