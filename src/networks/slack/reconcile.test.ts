/**
 * Slack after a lost answer (a timeout after Slack accepted chat.postMessage), against the local
 * Slack server behind the loopback fault proxy: Slack has no idempotency, so the retry finds the
 * message by the metadata naming its publication, from any worker, and never posts it twice.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import type { ChannelContext, NetworkError, PublishInput } from '../types.ts';
import { createSlackAdapter } from './adapter.ts';
import { FakeSlackServer } from './testing/server.ts';

const server = new FakeSlackServer();
let proxy: FaultProxy;
const bot = (): ChannelContext => ({
  channelId: 'slack-reconcile',
  settings: { channel: server.channel.id },
  credentials: { botToken: server.token },
  origin: proxy.url,
  allowPrivateUrls: true,
});
const input = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${randomUUID()}`,
  text,
  media: [],
  firstAttemptAt: new Date().toISOString(),
  ...extra,
});
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as NetworkError,
  );
const copies = (text: string) => server.messages.filter((m) => !m.deleted && m.text === text).length;
const onPost = (method: string, path: string) => method === 'POST' && path.endsWith('/chat.postMessage');

beforeAll(async () => {
  await server.start();
  proxy = await startFaultProxy(server.baseUrl);
});
afterAll(async () => {
  await proxy?.close();
  await server.stop();
});

describe('slack: a timeout after acceptance', () => {
  it('another worker finds the message by its publication metadata; a retry sends nothing more', async () => {
    const lost = input('Hoy abrimos la terraza');
    proxy.loseNextAnswer(onPost);
    const error = await caught(createSlackAdapter({ requestTimeoutMs: 5_000 }).publish(bot(), lost));
    expect(error.kind).toBe('ambiguous');
    expect(copies(lost.text)).toBe(1);
    // The same text from another publication must not be taken for it.
    const twin = input(lost.text);
    await createSlackAdapter({ requestTimeoutMs: 5_000 }).publish(bot(), twin);
    const other = createSlackAdapter({ requestTimeoutMs: 5_000 });
    const found = await other.findPublished(bot(), lost);
    const message = server.messages.find((m) => m.metadata?.event_payload.publication_id === lost.publicationId)!;
    expect(found?.remoteId).toBe(message.ts);
    // A retry that skipped reconciling still looks first.
    expect((await other.publish(bot(), lost)).remoteId).toBe(message.ts);
    expect(copies(lost.text)).toBe(2); // the lost one and its twin, once each
  });

  it('a thread whose follow-up answer was lost: the retry sends only what is missing, once', async () => {
    const thread = input('Hilo: novedades', {
      thread: [
        { text: 'Parte 2', media: [] },
        { text: 'Parte 3', media: [] },
      ],
    });
    let posts = 0;
    proxy.loseNextAnswer((method, path) => onPost(method, path) && ++posts === 2);
    await caught(createSlackAdapter({ requestTimeoutMs: 5_000 }).publish(bot(), thread));
    const found = await createSlackAdapter({ requestTimeoutMs: 5_000 }).findPublished(bot(), thread);
    expect(found?.threadRemoteIds).toHaveLength(1);
    const done = await createSlackAdapter({ requestTimeoutMs: 5_000 }).publish(bot(), thread);
    expect(done.threadRemoteIds).toHaveLength(2);
    for (const text of ['Hilo: novedades', 'Parte 2', 'Parte 3']) expect(copies(text)).toBe(1);
  });
});
