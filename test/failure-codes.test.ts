import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { CodedError, failureCode, failureText } from '../src/lib/failure-code.ts';
import { safeFetch, UnsafeUrlError } from '../src/lib/safe-fetch.ts';
import { NetworkError } from '../src/networks/types.ts';
import { recordEvent } from '../src/modules/events/events.ts';
import { webhookDeliveryRepository } from '../src/modules/events/repository.ts';
import { deliverWebhook } from '../src/modules/events/webhooks.ts';

/**
 * Why a background task failed is stored as a code beside the raw words, so the web app and the CLI
 * can say it in the reader's language: the codes come from real failures (a refused connection, a
 * private address, an HTTP error), and a webhook delivery answers its code through the API.
 */

/** A loopback port nothing listens on (a server's, once closed). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('failure codes', () => {
  it('reads the code of real failures', async () => {
    const refused = await caught(safeFetch(`http://127.0.0.1:${await closedPort()}/`, { allowPrivate: true, timeoutMs: 5_000 }));
    expect(failureCode(refused)).toBe('unreachable');
    const privateAddress = await caught(safeFetch('http://127.0.0.1:9/', { allowPrivate: false, timeoutMs: 5_000 }));
    expect(privateAddress).toBeInstanceOf(UnsafeUrlError);
    expect(failureCode(privateAddress)).toBe('private_address');
    expect(failureCode(new UnsafeUrlError('Only http and https URLs are allowed'))).toBe('unsafe_url');
    expect(failureCode(new NetworkError('auth', 'invalid_token', 'The access token is invalid'))).toBe('invalid_token');
    expect(failureCode(new CodedError('http_404', 'Feed answered HTTP 404'))).toBe('http_404');
    expect(failureCode(new DOMException('The operation timed out.', 'TimeoutError'))).toBe('timeout');
    expect(failureCode(new Error('boom'))).toBe('unexpected');
    expect(failureCode('not an error')).toBe('unexpected');
  });

  it('words a code in English and Spanish (the CLI), an unknown one as it is', () => {
    expect(failureText('unreachable', 'es')).toBe('No se pudo contactar con el servidor');
    expect(failureText('http_503', 'en')).toBe('The server answered with an error (503)');
    expect(failureText('http_503', 'es')).toBe('El servidor respondió con un error (503)');
    expect(failureText('invalid_token', 'es')).toBe('invalid_token');
  });
});

describe('a failed webhook delivery answers its code beside the raw text', () => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let server: http.Server;
  let url = '';

  beforeAll(async () => {
    server = http.createServer((_request, response) => {
      response.statusCode = 503;
      response.end('busy');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    t = await createTestApp('embedded');
    // The receiver listens on loopback: the admin switch PLAZA_ALLOW_PRIVATE_URLS, on.
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = true;
    owner = await createCaller(t, 'hooks@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Hooks', timeZone: 'UTC', language: 'es' })).json().id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failedDelivery(hookUrl: string) {
    const hook = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/webhooks`, { url: hookUrl, events: ['post.published'] });
    expect(hook.statusCode, hook.body).toBe(201);
    const db = t.ctx.database.db;
    const eventId = await recordEvent(db, {
      workspaceId,
      actorUserId: null,
      type: 'post.published',
      subjectType: 'post',
      subjectId: '00000000-0000-4000-8000-000000000001',
      data: {},
    });
    const delivery = await webhookDeliveryRepository.insertDelivery(db, {
      webhookId: hook.json().id,
      eventId,
      eventType: 'post.published',
    });
    await expect(deliverWebhook(t.ctx, delivery!.id)).rejects.toThrow(/Webhook delivery failed/);
    const listed = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/webhooks/${hook.json().id}/deliveries`);
    expect(listed.statusCode, listed.body).toBe(200);
    return listed.json().items[0];
  }

  it('an HTTP error: http_<status>', async () => {
    expect(await failedDelivery(url)).toMatchObject({
      state: 'pending',
      lastStatus: 503,
      lastError: 'HTTP 503',
      lastErrorCode: 'http_503',
    });
  });

  it('nobody listening: unreachable', async () => {
    const delivery = await failedDelivery(`http://127.0.0.1:${await closedPort()}/hook`);
    expect(delivery).toMatchObject({ lastStatus: null, lastErrorCode: 'unreachable' });
    expect(delivery.lastError).toBeTruthy();
  });
});
