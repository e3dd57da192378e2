/**
 * Discord's own behaviour against the local Discord API (every request checked against the OpenAPI
 * document): webhook and bot posts, images with alt text, the link preview embed, threads and forum
 * posts, a revoked webhook, rate-limit buckets, the nonce that makes a bot's retry safe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkError, ChannelContext, MediaInput, PublishInput } from '../types.ts';
import { createDiscordAdapter, nonceFor, snowflakeAt } from './adapter.ts';
import { parseWebhookUrl } from './api.ts';
import { FakeDiscordServer } from './testing/server.ts';

const server = new FakeDiscordServer();
const CHANNEL = '1200000000000000001';
const THREAD = '1200000000000000003';
const adapter = createDiscordAdapter({ requestTimeoutMs: 15_000 });
let n = 0;
const input = (extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${++n}-${Date.now()}`,
  text: `mensaje ${n} ${Date.now()}`,
  media: [],
  ...extra,
});
const png = (id: string, alt?: string): MediaInput => ({
  mediaId: id,
  mimeType: 'image/png',
  bytes: new Uint8Array([1, 2, 3]),
  size: 3,
  ...(alt ? { alt } : {}),
});
const webhookChannel = (url = server.webhookUrl, id = 'discord-webhook'): ChannelContext => ({
  channelId: id,
  settings: { guildId: server.guildId },
  credentials: { webhookUrl: url },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const botChannel = (id = 'discord-bot'): ChannelContext => ({
  channelId: id,
  settings: { channelId: CHANNEL, guildId: server.guildId },
  credentials: { botToken: server.bot.token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as NetworkError,
  );

beforeAll(() => server.start());
afterAll(async () => {
  await server.stop();
  expect(server.violations).toEqual([]);
});

describe('discord webhook', () => {
  it('posts text and answers the message with its link', async () => {
    const publication = input();
    const result = await adapter.publish(webhookChannel(), publication);
    expect(server.postsWithText(publication.text)).toBe(1);
    expect(result.remoteUrl).toBe(`https://discord.com/channels/${server.guildId}/${CHANNEL}/${result.remoteId}`);
    expect(server.requests.at(-1)?.query).toContain('wait=true');
  });

  it('attaches images with their alt text, and a link preview embed with the title', async () => {
    const publication = input({
      title: 'Nueva carta',
      media: [png('a', 'Tarta de queso'), png('b')],
      options: { network: { link: 'https://plaza.example/carta' } },
    });
    const result = await adapter.publish(webhookChannel(), publication);
    const message = server.messages.get(result.remoteId)!;
    expect(message.attachments.map((a) => a.description)).toEqual(['Tarta de queso', undefined]);
    expect(message.embeds).toEqual([{ url: 'https://plaza.example/carta', title: 'Nueva carta' }]);
  });

  it('posts into a thread, deletes there, and opens a forum post with threadName', async () => {
    const inThread = await adapter.publish(webhookChannel(), input({ options: { network: { threadId: THREAD } } }));
    expect(inThread.remoteId.endsWith(`@${THREAD}`)).toBe(true);
    await adapter.delete(webhookChannel(), inThread.remoteId);
    expect(server.messages.get(inThread.remoteId.split('@')[0])?.deleted).toBe(true);
    const forum = server.addWebhook('1200000000000000002', 'Foro');
    const post = await adapter.publish(
      webhookChannel(forum.url, 'discord-forum'),
      input({ options: { network: { threadName: 'Novedades de diciembre' } } }),
    );
    const message = server.messages.get(post.remoteId.split('@')[0])!;
    expect(server.channels.get(message.channelId)).toMatchObject({ name: 'Novedades de diciembre', parentId: '1200000000000000002' });
  });

  it('a revoked webhook is a clear auth error (webhook_revoked), at health check and at publish', async () => {
    const hook = server.addWebhook(CHANNEL, 'Temporal');
    server.webhooks.get(hook.id)!.deleted = true;
    expect(await adapter.checkHealth(webhookChannel(hook.url))).toMatchObject({
      ok: false,
      error: { code: 'webhook_revoked', kind: 'auth' },
    });
    const error = await failure(adapter.publish(webhookChannel(hook.url, 'revoked'), input()));
    expect(error).toMatchObject({ kind: 'auth', code: 'webhook_revoked' });
    expect(await adapter.checkHealth(webhookChannel())).toMatchObject({ ok: true, account: { handle: 'Plaza' } });
  });

  it('refuses what is not a webhook URL before sending anything', async () => {
    expect(parseWebhookUrl('https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz')).toMatchObject({
      id: '123456789012345678',
    });
    expect(parseWebhookUrl('https://evil.example/api/webhooks/1/2')).toBeNull();
    const before = server.requests.length;
    expect(await adapter.checkHealth(webhookChannel('https://example.com/hook'))).toMatchObject({
      ok: false,
      error: { code: 'webhook_url_invalid' },
    });
    expect(server.requests.length).toBe(before);
  });
});

describe('discord bot', () => {
  it('sends the same nonce on every attempt with enforce_nonce: a retry answers the same message', async () => {
    const publication = input();
    const first = await adapter.publish(botChannel(), publication);
    const again = await adapter.publish(botChannel(), publication);
    expect(again.remoteId).toBe(first.remoteId);
    expect(server.postsWithText(publication.text)).toBe(1);
    expect(server.messages.get(first.remoteId)?.nonce).toBe(nonceFor(publication.publicationId));
    expect(nonceFor(publication.publicationId)).toHaveLength(25);
  });

  it('health names the bot and the channel; a channel it cannot see is channel_not_found', async () => {
    expect(await adapter.checkHealth(botChannel())).toMatchObject({ ok: true, account: { handle: 'plaza-bot', displayName: '#anuncios' } });
    const ctx = { ...botChannel(), settings: { channelId: '1299999999999999999' } };
    expect(await adapter.checkHealth(ctx)).toMatchObject({ ok: false, error: { code: 'channel_not_found' } });
  });

  it('a used-up bucket: 429 with retry_after, then no request until it resets', async () => {
    server.bucketLimit = 1;
    server.resetBuckets();
    try {
      const ctx = botChannel('discord-bucket');
      await adapter.publish(ctx, input());
      const before = server.requests.length;
      const error = await failure(adapter.publish(ctx, input()));
      expect(error.kind).toBe('rate_limited');
      expect(error.details.retryAfterMs).toBeGreaterThan(0);
      expect(server.requests.length).toBe(before);
    } finally {
      server.bucketLimit = 50;
    }
  });

  it('sends nothing once the engine’s deadline has passed', async () => {
    const before = server.requests.length;
    const error = await failure(adapter.publish({ ...botChannel(), deadline: Date.now() - 1 }, input()));
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline_passed' });
    expect(server.requests.length).toBe(before);
  });

  it('reports no metrics, each with its reason code', async () => {
    const metrics = await adapter.fetchMetrics(botChannel(), '1');
    expect(metrics.likes).toBeNull();
    expect(metrics.missing).toMatchObject({ likes: 'not_provided_by_network', clicks: 'use_tracked_links' });
  });
});

describe('discord validate', () => {
  it('words Discord’s limits', () => {
    const issues = adapter.validate(
      input({
        text: 'x'.repeat(2001),
        media: [{ ...png('a'), mimeType: 'video/x-msvideo' }],
        options: { network: { link: 'nope', threadId: 'abc' } },
      }),
    );
    expect(issues.map((i) => i.code).sort()).toEqual(['link_invalid', 'option_invalid', 'text_too_long', 'unsupported_media_type']);
  });

  it('snowflakes for a time sort with the ids Discord gives', () => {
    expect(BigInt(snowflakeAt(Date.now() - 1000)) < BigInt(snowflakeAt(Date.now()))).toBe(true);
  });
});

describe('the local Discord server', () => {
  it('refuses a request Discord’s OpenAPI document refuses (content over 2,000 characters from a webhook)', async () => {
    const hook = [...server.webhooks.values()][0];
    const response = await fetch(`${server.baseUrl}/discord.com/api/v10/webhooks/${hook.id}/${hook.token}?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'x'.repeat(2001) }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 50035 });
    expect(server.violations.splice(0).join()).toContain('/content');
  });
});
