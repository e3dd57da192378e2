/**
 * Telegram after a lost answer (a timeout after Telegram accepted the message), against the Bot
 * API server built from Telegram's documentation (testing/server.ts) behind the loopback fault
 * proxy. The Bot API has no idempotency and a bot cannot read its channel: the retry must find the
 * message by its id, from Plaza's record of what it published there (every worker's, so a worker
 * that never saw the channel finds it too), without taking another publication's message for it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import type { PublishedOnChannel } from '../channel-context.ts';
import type { NetworkError, ChannelContext, PublishInput } from '../types.ts';
import { createTelegramAdapter } from './adapter.ts';
import { FakeTelegramServer } from './testing/server.ts';

const server = new FakeTelegramServer();
let proxy: FaultProxy;
/** Plaza's record of the channel, as the engine keeps it (publications published, with their message ids). */
const record: PublishedOnChannel[] = [];
const channel = (withRecord = true): ChannelContext => ({
  channelId: 'tg-reconcile',
  settings: { chatId: `@${server.channel.username}` },
  credentials: { botToken: server.token },
  origin: proxy.url,
  allowPrivateUrls: true,
  ...(withRecord
    ? {
        publishedOnChannel: async (since: string, limit: number) =>
          record
            .filter((entry) => entry.publishedAt >= since)
            .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
            .slice(0, limit),
      }
    : {}),
});
const input = (text: string, firstAttemptAt: number): PublishInput => ({
  publicationId: `pub-${randomUUID()}`,
  text,
  media: [],
  firstAttemptAt: new Date(firstAttemptAt).toISOString(),
});
const onSend = (method: string, path: string) => method === 'POST' && path.endsWith('/sendMessage');
const publishAndRecord = async (adapter: ReturnType<typeof createTelegramAdapter>, text: string) => {
  const publication = input(text, Date.now());
  const result = await adapter.publish(channel(), publication);
  record.push({ publicationId: publication.publicationId, remoteId: result.remoteId, publishedAt: new Date().toISOString() });
  return result;
};
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as NetworkError,
  );
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeAll(async () => {
  await server.start();
  proxy = await startFaultProxy(server.baseUrl);
});
afterAll(async () => {
  await proxy?.close();
  await server.stop();
});

describe('telegram: a timeout after acceptance', () => {
  it('another worker finds the message from Plaza’s record, skipping another publication’s message sent meanwhile', async () => {
    const workerA = createTelegramAdapter({ requestTimeoutMs: 5_000 });
    const workerB = createTelegramAdapter({ requestTimeoutMs: 5_000 });
    await publishAndRecord(workerA, 'Abrimos a las nueve');
    await tick();
    // Worker A sends; Telegram stores the message, and the answer is lost.
    const lost = input('Hoy: croissants de almendra', Date.now());
    proxy.loseNextAnswer(onSend);
    const error = await caught(workerA.publish(channel(), lost));
    expect(error.kind).toBe('ambiguous');
    expect(server.postsWithText(lost.text)).toBe(1);
    // Meanwhile worker B publishes another post on the channel (answered, so in the record).
    await tick();
    await publishAndRecord(workerB, 'Mañana cerramos por inventario');
    // A third worker, which never sent to this channel, reconciles.
    const workerC = createTelegramAdapter({ requestTimeoutMs: 5_000 });
    const found = await workerC.findPublished(channel(), lost);
    const message = server.live().find((m) => m.text === lost.text)!;
    expect(found?.remoteId).toBe(String(message.message_id));
    expect(found?.remoteUrl).toBe(`https://t.me/${server.channel.username}/${message.message_id}`);
    // The engine takes it as published: nothing is sent again.
    expect(server.postsWithText(lost.text)).toBe(1);
  });

  it('does not take a message this worker was just answered for (its outcome not yet recorded) for the lost one', async () => {
    const worker = createTelegramAdapter({ requestTimeoutMs: 5_000 });
    await publishAndRecord(worker, 'Base del registro');
    await tick();
    const lost = input('La respuesta de esta se pierde', Date.now());
    // Another publication of the same worker goes first and is answered; the engine has not written it yet.
    await worker.publish(channel(), input('Respondida, aún sin registrar', Date.now()));
    proxy.loseNextAnswer(onSend);
    await caught(worker.publish(channel(), lost));
    const found = await worker.findPublished(channel(), lost);
    expect(found?.remoteId).toBe(String(server.live().find((m) => m.text === lost.text)!.message_id));
  });

  it('when the lost send posted nothing, the lookup says so (and the retry posts once), even with other posts after it', async () => {
    const workerA = createTelegramAdapter({ requestTimeoutMs: 5_000 });
    await publishAndRecord(workerA, 'Menú del día: lentejas');
    await tick();
    // The send never reached Telegram (refused before it: nothing stored).
    const notSent = input('Esta no llegó', Date.now());
    proxy.answerNext(onSend, 502);
    await caught(workerA.publish(channel(), notSent));
    expect(server.postsWithText(notSent.text)).toBe(0);
    await tick();
    await publishAndRecord(workerA, 'Otra publicación de Plaza');
    const fresh = createTelegramAdapter({ requestTimeoutMs: 5_000 });
    expect(await fresh.findPublished(channel(), notSent)).toBeNull();
    await fresh.publish(channel(), notSent);
    expect(server.postsWithText(notSent.text)).toBe(1);
  });

  it('an album lost after acceptance is found as all of its messages', async () => {
    const workerA = createTelegramAdapter({ requestTimeoutMs: 5_000 });
    await publishAndRecord(workerA, 'Antes del álbum');
    await tick();
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
    const photo = () => ({ mediaId: randomUUID(), mimeType: 'image/png', bytes: new Uint8Array(PNG), size: PNG.length });
    const album: PublishInput = { ...input('Nuestra terraza', Date.now()), media: [photo(), photo(), photo()] };
    proxy.loseNextAnswer((method, path) => method === 'POST' && path.endsWith('/sendMediaGroup'));
    expect((await caught(workerA.publish(channel(), album))).kind).toBe('ambiguous');
    const found = await createTelegramAdapter({ requestTimeoutMs: 5_000 }).findPublished(channel(), album);
    const ids = server.live().filter((m) => m.media_group_id && m.caption === album.text);
    const group = server.live().filter((m) => m.media_group_id === ids[0]!.media_group_id);
    expect(found?.remoteId).toBe(group.map((m) => m.message_id).join(','));
  });

  it('without Plaza’s record (outside the engine), the worker that sent finds its own message', async () => {
    const worker = createTelegramAdapter({ requestTimeoutMs: 5_000 });
    await worker.publish(channel(false), input('Primera', Date.now()));
    const lost = input('Segunda, respuesta perdida', Date.now());
    proxy.loseNextAnswer(onSend);
    await caught(worker.publish(channel(false), lost));
    const found = await worker.findPublished(channel(false), lost);
    expect(found?.remoteId).toBe(String(server.live().find((m) => m.text === lost.text)!.message_id));
  });
});
