/**
 * Telegram specifics. Text against telegram-test-api (an emulator of the Bot API that only speaks
 * sendMessage, see ../shared/recipes/telegram-bot-api-emulator.md); photos, videos, albums, channel
 * admin checks, flood waits and reactions against the Bot API server built from Telegram's
 * documentation (testing/server.ts).
 */
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type MediaInput, type PublishInput } from '../types.ts';
import { createTelegramAdapter } from './adapter.ts';
import { FakeTelegramServer } from './testing/server.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
const photo = (): MediaInput => ({ mediaId: randomUUID(), mimeType: 'image/png', bytes: new Uint8Array(PNG), size: PNG.length });
const video = (): MediaInput => ({
  mediaId: randomUUID(),
  mimeType: 'video/mp4',
  kind: 'video',
  bytes: new Uint8Array(2048),
  size: 2048,
  durationSeconds: 12.4,
  width: 1080,
  height: 1920,
});
const input = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${randomUUID()}`,
  text,
  media: [],
  ...extra,
});

describe('text through telegram-test-api', () => {
  let emulator: TelegramServer;
  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    emulator = new TelegramServer({ port, host: '127.0.0.1' });
    await emulator.start();
  });
  afterAll(async () => emulator?.stop());

  it('sends the text, silently when asked, and reads back in the emulated chat', async () => {
    const token = '987654:EMULATED-token';
    // The emulator serves /bot<token>/<method> at its own root: send the official URLs there.
    const toEmulator: typeof fetch = (url, init) => fetch(String(url).replace('https://api.telegram.org', emulator.config.apiURL), init);
    const adapter = createTelegramAdapter({ fetch: toEmulator });
    const ctx: ChannelContext = { channelId: 'tg-emu', settings: { chatId: '@plazaemu' }, credentials: { botToken: token } };
    const result = await adapter.publish(
      ctx,
      input('Hola, canal: abrimos el sábado https://tienda.example/horario', { options: { network: { silent: true, noPreview: true } } }),
    );
    expect(result.remoteId).toMatch(/^\d+$/);
    expect(result.remoteUrl).toBe(`https://t.me/plazaemu/${result.remoteId}`);
    const history = await emulator.getClient(token, { chatId: '@plazaemu' as unknown as number }).getUpdatesHistory(); // typed as a number; @names work too
    const sent = history.map((update: unknown) => (update as { message: Record<string, unknown> }).message);
    expect(sent).toEqual([
      expect.objectContaining({
        chat_id: '@plazaemu',
        text: 'Hola, canal: abrimos el sábado https://tienda.example/horario',
        disable_notification: true,
        link_preview_options: { is_disabled: true },
      }),
    ]);
  });
});

describe('channels, media and albums (Bot API server from the documentation)', () => {
  const server = new FakeTelegramServer();
  const waits: number[] = [];
  const adapter = createTelegramAdapter({ requestTimeoutMs: 5_000, sleep: async (ms) => void waits.push(ms) });
  const channel = (extra: Partial<{ chatId: string; botToken: string }> = {}): ChannelContext => ({
    channelId: 'tg',
    settings: { chatId: extra.chatId ?? '@tiendalucia' },
    credentials: { botToken: extra.botToken ?? server.token },
    origin: server.baseUrl,
    allowPrivateUrls: true,
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.botMember = { status: 'administrator', can_post_messages: true };
    waits.length = 0;
  });

  it('connects when the bot is an admin that may post, with the subscriber count', async () => {
    expect(await adapter.checkHealth(channel())).toEqual({
      ok: true,
      account: { id: String(server.channel.id), handle: '@tiendalucia', displayName: 'Tienda de Lucía', followers: 1234 },
    });
  });

  it('refuses to connect a bot that is not an admin, or may not post, with coded reasons', async () => {
    server.botMember = { status: 'member' };
    expect(await adapter.checkHealth(channel())).toMatchObject({ ok: false, error: { code: 'telegram_bot_not_admin', kind: 'permanent' } });
    server.botMember = { status: 'administrator', can_post_messages: false };
    expect(await adapter.checkHealth(channel())).toMatchObject({ ok: false, error: { code: 'telegram_cannot_post' } });
    server.botMember = { status: 'left' };
    expect(await adapter.checkHealth(channel())).toMatchObject({ ok: false, error: { code: 'telegram_bot_not_admin' } });
    expect(await adapter.checkHealth(channel({ chatId: '@otrocanal' }))).toMatchObject({
      ok: false,
      error: { code: 'telegram_chat_not_found' },
    });
    expect(await adapter.checkHealth(channel({ botToken: '123:wrong' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_token', kind: 'auth' },
    });
    expect(await adapter.checkHealth(channel({ botToken: 'not a token' }))).toMatchObject({ ok: false, error: { code: 'missing_token' } });
  });

  it('posts a photo with its caption, a video with its length and size, silently', async () => {
    const pic = await adapter.publish(channel(), input('Nueva colección', { media: [photo()], options: { network: { silent: true } } }));
    const clip = await adapter.publish(channel(), input('Así se hace', { media: [video()] }));
    const [p, v] = [
      server.live().find((m) => String(m.message_id) === pic.remoteId)!,
      server.live().find((m) => String(m.message_id) === clip.remoteId)!,
    ];
    expect(p).toMatchObject({ caption: 'Nueva colección', silent: true, uploaded: [{ type: 'image/png', size: PNG.length }] });
    expect(p.photo).toHaveLength(1);
    expect(v).toMatchObject({ caption: 'Así se hace', silent: false, uploaded: [{ type: 'video/mp4', size: 2048 }] });
    const sendVideo = server.calls.filter((c) => c.method === 'sendVideo').at(-1)!;
    expect(sendVideo.params).toMatchObject({ duration: '12', width: '1080', height: '1920', supports_streaming: 'true' });
    expect(pic.remoteUrl).toBe(`https://t.me/tiendalucia/${pic.remoteId}`);
  });

  it('posts an album (sendMediaGroup) with the caption on its first item, and deletes all of it', async () => {
    const album = await adapter.publish(channel(), input('Tres fotos del evento', { media: [photo(), video(), photo()] }));
    const ids = album.remoteId.split(',').map(Number);
    expect(ids).toHaveLength(3);
    const messages = ids.map((id) => server.live().find((m) => m.message_id === id)!);
    expect(messages.map((m) => m.caption)).toEqual(['Tres fotos del evento', undefined, undefined]);
    expect(new Set(messages.map((m) => m.media_group_id)).size).toBe(1);
    expect(messages.map((m) => (m.photo ? 'photo' : 'video'))).toEqual(['photo', 'video', 'photo']);
    await adapter.delete(channel(), album.remoteId);
    expect(ids.map((id) => server.messages.find((m) => m.message_id === id)!.deleted)).toEqual([true, true, true]);
    await adapter.delete(channel(), album.remoteId); // already gone: fine
  });

  it('captions are limited to 1,024 characters; a message alone to 4,096', () => {
    const codes = (publication: PublishInput) => adapter.validate(publication).map((issue) => [issue.code, issue.params?.max]);
    expect(codes(input('a'.repeat(1025), { media: [photo()] }))).toEqual([['text_too_long', 1024]]);
    expect(codes(input('a'.repeat(1025)))).toEqual([]);
    expect(codes(input('a'.repeat(4097)))).toEqual([['text_too_long', 4096]]);
    expect(codes(input('x', { media: Array.from({ length: 11 }, photo) }))).toContainEqual(['too_many_media', 10]);
    expect(codes(input('x', { media: [{ ...photo(), mimeType: 'application/pdf', kind: 'document' }] }))).toContainEqual([
      'unsupported_media_type',
      undefined,
    ]);
  });

  it('the server refuses a too long caption with its documented error (when validation is bypassed)', async () => {
    const error = await adapter.publish(channel(), input('b'.repeat(1025), { media: [photo()] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_content' });
  });

  it('honours retry_after: a short flood wait is waited out and sent once; a long one goes back to the engine', async () => {
    server.floodWait(2);
    const text = `flood short ${randomUUID()}`;
    await adapter.publish(channel(), input(text));
    expect(waits).toEqual([2000]);
    expect(server.postsWithText(text)).toBe(1);
    server.floodWait(35);
    const long = `flood long ${randomUUID()}`;
    const error = await adapter.publish(channel(), input(long)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 35_000 } });
    expect(server.postsWithText(long)).toBe(0);
  });

  it('counts reactions as engagement, from the newest reaction count of each message', async () => {
    const album = await adapter.publish(channel(), input('reaccionad', { media: [photo(), photo()] }));
    const [first, second] = album.remoteId.split(',').map(Number) as [number, number];
    expect((await adapter.fetchMetrics(channel(), album.remoteId)).likes).toBe(0);
    server.react(first, [{ emoji: '👍', total_count: 3 }]);
    server.react(first, [
      { emoji: '👍', total_count: 4 },
      { emoji: '❤', total_count: 2 },
    ]);
    server.react(second, [{ emoji: '🔥', total_count: 1 }]);
    server.react(9999, [{ emoji: '👍', total_count: 50 }]);
    const metrics = await adapter.fetchMetrics(channel(), album.remoteId);
    expect(metrics).toMatchObject({
      likes: 7,
      impressions: null,
      missing: { impressions: 'not_provided_by_network', clicks: 'use_tracked_links' },
    });
  });

  it('a bot removed from the channel fails the post permanently, posting nothing', async () => {
    server.botMember = { status: 'kicked' };
    const text = `kicked ${randomUUID()}`;
    const error = await adapter.publish(channel(), input(text)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'permanent', code: 'telegram_bot_not_admin' });
    expect(server.postsWithText(text)).toBe(0);
  });
});
