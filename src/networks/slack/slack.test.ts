/**
 * Slack specifics against the Slack server built from Slack's documentation (testing/server.ts):
 * webhook and bot connect checks, blocks and link previews, images through the external upload
 * flow, threads (with a retry that finds the parts already sent), Retry-After, delete.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelContext, MediaInput, PublishInput } from '../types.ts';
import { createSlackAdapter, sectionBlocks } from './adapter.ts';
import { FakeSlackServer } from './testing/server.ts';

const server = new FakeSlackServer();
const adapter = createSlackAdapter({ requestTimeoutMs: 5_000 });
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
const image = (alt?: string): MediaInput => ({
  mediaId: randomUUID(),
  mimeType: 'image/png',
  bytes: new Uint8Array(PNG),
  size: PNG.length,
  ...(alt ? { alt } : {}),
});
const input = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${randomUUID()}`,
  text,
  media: [],
  ...extra,
});
const bot = (extra: Partial<{ channel: string; botToken: string }> = {}): ChannelContext => ({
  channelId: 'slack-bot',
  settings: { channel: extra.channel ?? server.channel.id },
  credentials: { botToken: extra.botToken ?? server.token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const hook = (webhookUrl = server.webhookUrl): ChannelContext => ({
  channelId: 'slack-hook',
  settings: {},
  credentials: { webhookUrl },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.webhookState = 'live';
  server.channel.is_member = true;
  server.channel.is_archived = false;
});

describe('connecting', () => {
  it('a bot in the channel connects with the channel and its member count', async () => {
    expect(await adapter.checkHealth(bot())).toEqual({
      ok: true,
      account: { id: server.channel.id, handle: '#anuncios', displayName: 'Plaza Test · #anuncios', followers: 42 },
    });
  });

  it('says when the app is not in the channel, the channel is archived or unknown, or the token is refused', async () => {
    server.channel.is_member = false;
    expect(await adapter.checkHealth(bot())).toMatchObject({ ok: false, error: { code: 'slack_not_in_channel' } });
    server.channel.is_member = true;
    server.channel.is_archived = true;
    expect(await adapter.checkHealth(bot())).toMatchObject({ ok: false, error: { code: 'slack_channel_archived' } });
    server.channel.is_archived = false;
    expect(await adapter.checkHealth(bot({ channel: 'C0NOTHERE01' }))).toMatchObject({
      ok: false,
      error: { code: 'slack_channel_not_found' },
    });
    expect(await adapter.checkHealth(bot({ botToken: 'xoxb-wrong' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_token', kind: 'auth' },
    });
    expect(await adapter.checkHealth(bot({ channel: '#anuncios' }))).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
  });

  it('a live webhook connects without posting; a revoked or archived one is refused with its reason', async () => {
    expect(await adapter.checkHealth(hook())).toMatchObject({ ok: true, account: { id: 'T0PLAZA/B0PLAZA' } });
    expect(server.webhookPosts).toHaveLength(0);
    server.webhookState = 'revoked';
    expect(await adapter.checkHealth(hook())).toMatchObject({ ok: false, error: { code: 'slack_webhook_revoked', kind: 'auth' } });
    server.webhookState = 'archived';
    expect(await adapter.checkHealth(hook())).toMatchObject({ ok: false, error: { code: 'slack_webhook_revoked' } });
    expect(await adapter.checkHealth(hook('https://example.com/services/x'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_settings' },
    });
  });
});

describe('posting', () => {
  it('through the webhook: text as blocks with the link preview; images are refused with a reason', async () => {
    const result = await adapter.publish(hook(), input('Nuevo horario: https://tienda.example/horario'));
    expect(result).toEqual({ remoteId: expect.stringMatching(/^webhook:pub-/), remoteUrl: null });
    expect(server.webhookPosts.at(-1)).toMatchObject({
      text: 'Nuevo horario: https://tienda.example/horario',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Nuevo horario: https://tienda.example/horario' } }],
      unfurl_links: true,
    });
    await expect(adapter.publish(hook(), input('con foto', { media: [image()] }))).rejects.toMatchObject({ code: 'slack_webhook_limited' });
    await expect(adapter.delete(hook(), result.remoteId)).rejects.toMatchObject({ code: 'delete_not_supported' });
  });

  it('with a bot: text, no preview when asked, images uploaded and shown as image blocks, and a permalink', async () => {
    const result = await adapter.publish(
      bot(),
      input('Fotos de la feria', { media: [image('Puesto'), image()], options: { network: { noPreview: true } } }),
    );
    expect(result.remoteUrl).toBe(`https://plaza-test.slack.com/archives/${server.channel.id}/p${result.remoteId.replace('.', '')}`);
    const message = server.live().find((m) => m.ts === result.remoteId)!;
    expect(message.unfurl_links).toBe(false);
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Fotos de la feria' } },
      { type: 'image', slack_file: { id: expect.any(String) }, alt_text: 'Puesto' },
      { type: 'image', slack_file: { id: expect.any(String) }, alt_text: expect.stringMatching(/\.png$/) },
    ]);
    const fileId = (message.blocks![1]!.slack_file as { id: string }).id;
    expect(server.files.get(fileId)).toMatchObject({ completed: true, received: { bytes: PNG.length, type: 'image/png' } });
    expect(message.metadata).toEqual({
      event_type: 'plaza_publication',
      event_payload: { publication_id: expect.stringMatching(/^pub-/), part: 0 },
    });
  });

  it('threads: follow-ups as replies; a retry after a failed part sends only what is missing', async () => {
    const publication = input('Hilo: 1/3', {
      thread: [
        { text: 'Hilo: 2/3', media: [] },
        { text: 'Hilo: 3/3', media: [] },
      ],
    });
    // The third part is rate limited: the first attempt stops there, after two messages.
    const before = server.messages.length;
    server.rateLimit(1, 2);
    await expect(adapter.publish(bot(), publication)).rejects.toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 1000 } });
    expect(server.messages.length - before).toBe(2);
    const result = await adapter.publish(bot(), publication);
    expect(result.threadRemoteIds).toHaveLength(2);
    const sent = server.messages.slice(before).filter((m) => !m.deleted);
    expect(sent.map((m) => [m.text, m.thread_ts ?? null])).toEqual([
      ['Hilo: 1/3', null],
      ['Hilo: 2/3', result.remoteId],
      ['Hilo: 3/3', result.remoteId],
    ]);
    expect(await adapter.findPublished(bot(), publication)).toEqual(result);
  });

  it('honours Retry-After on 429, posting nothing', async () => {
    server.rateLimit(12);
    const text = `limitado ${randomUUID()}`;
    await expect(adapter.publish(bot(), input(text))).rejects.toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 12_000 } });
    expect(server.postsWithText(text)).toBe(0);
  });

  it('deletes a message, and deleting again is fine', async () => {
    const result = await adapter.publish(bot(), input(`borrar ${randomUUID()}`));
    await adapter.delete(bot(), result.remoteId);
    expect(server.messages.find((m) => m.ts === result.remoteId)!.deleted).toBe(true);
    await adapter.delete(bot(), result.remoteId);
  });

  it('reports no message metrics, each with its reason', async () => {
    const metrics = await adapter.fetchMetrics(bot(), '1.1');
    expect(metrics).toMatchObject({ likes: null, missing: { likes: 'not_provided_by_network', clicks: 'use_tracked_links' } });
  });
});

describe('blocks and validation', () => {
  it('splits long text into sections of at most 3,000 characters, at line ends', () => {
    const text = `${'a'.repeat(2000)}\n${'b'.repeat(2000)}\n${'c'.repeat(100)}`;
    expect(sectionBlocks(text).map((b) => (b.text as { text: string }).text.length)).toEqual([2000, 2101]);
    expect(sectionBlocks('x'.repeat(6500)).map((b) => (b.text as { text: string }).text.length)).toEqual([3000, 3000, 500]);
  });

  it('names what Slack would refuse', () => {
    const codes = (publication: PublishInput) => adapter.validate(publication).map((issue) => issue.code);
    expect(codes(input('ok'))).toEqual([]);
    expect(codes(input('a'.repeat(40_001)))).toEqual(['text_too_long']);
    expect(codes(input('x', { media: [{ ...image(), mimeType: 'video/mp4', kind: 'video' }] }))).toEqual(['unsupported_media_type']);
    expect(codes(input('x', { thread: [{ text: '', media: [] }] }))).toEqual(['empty_post']);
  });
});
