/**
 * Discord after a lost answer (a timeout after Discord made the message), against the local
 * Discord server (checked against Discord's OpenAPI document) behind the loopback fault proxy.
 * A bot sends a nonce derived from the publication with enforce_nonce, so a retry answers the
 * message already made; findPublished looks for the bot's own message since the first attempt,
 * and must not take another publication's message with the same text for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import type { PublishedOnChannel } from '../channel-context.ts';
import type { ChannelContext, NetworkError, PublishInput } from '../types.ts';
import { createDiscordAdapter } from './adapter.ts';
import { FakeDiscordServer } from './testing/server.ts';

const server = new FakeDiscordServer();
const CHANNEL = '1200000000000000001';
let proxy: FaultProxy;
const record: PublishedOnChannel[] = [];
const bot = (): ChannelContext => ({
  channelId: 'discord-reconcile',
  settings: { channelId: CHANNEL, guildId: server.guildId },
  credentials: { botToken: server.bot.token },
  origin: proxy.url,
  allowPrivateUrls: true,
  publishedOnChannel: async (since, limit) => record.filter((entry) => entry.publishedAt >= since).slice(0, limit),
});
let n = 0;
const input = (text: string): PublishInput => ({
  publicationId: `pub-${++n}-${Date.now()}`,
  text,
  media: [],
  firstAttemptAt: new Date().toISOString(),
});
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as NetworkError,
  );
const copies = (text: string) => [...server.messages.values()].filter((m) => !m.deleted && m.content === text);
const onSend = (method: string, path: string) => method === 'POST' && path.endsWith(`/channels/${CHANNEL}/messages`);

beforeAll(async () => {
  await server.start();
  proxy = await startFaultProxy(server.baseUrl);
});
afterAll(async () => {
  await proxy?.close();
  await server.stop();
  expect(server.violations).toEqual([]);
});

describe('discord bot: a timeout after acceptance', () => {
  it('another worker finds the message; a retry with the same nonce answers it instead of a second one', async () => {
    const lost = input('Concierto en la terraza el viernes');
    proxy.loseNextAnswer(onSend);
    expect((await caught(createDiscordAdapter({ requestTimeoutMs: 5_000 }).publish(bot(), lost))).kind).toBe('ambiguous');
    expect(copies(lost.text)).toHaveLength(1);
    const other = createDiscordAdapter({ requestTimeoutMs: 5_000 });
    const found = await other.findPublished(bot(), lost);
    expect(found?.remoteId.split('@')[0]).toBe(copies(lost.text)[0]!.id);
    // A retry that skipped reconciling: the nonce makes Discord answer the same message.
    const again = await other.publish(bot(), lost);
    expect(again.remoteId).toBe(found!.remoteId);
    expect(copies(lost.text)).toHaveLength(1);
  });

  it('does not take another publication’s message with the same text for the lost one', async () => {
    // Another publication posted the same text (a weekly reminder), and Plaza recorded it.
    const earlier = input('Recordatorio: reserva tu mesa');
    const made = await createDiscordAdapter({ requestTimeoutMs: 5_000 }).publish(bot(), earlier);
    record.push({ publicationId: earlier.publicationId, remoteId: made.remoteId, publishedAt: new Date().toISOString() });
    // This publication's send never reached Discord.
    const notSent = { ...input(earlier.text), firstAttemptAt: earlier.firstAttemptAt! };
    proxy.answerNext(onSend, 502);
    await caught(createDiscordAdapter({ requestTimeoutMs: 5_000 }).publish(bot(), notSent));
    expect(copies(earlier.text)).toHaveLength(1);
    expect(await createDiscordAdapter({ requestTimeoutMs: 5_000 }).findPublished(bot(), notSent)).toBeNull();
  });
});
