/**
 * Connecting Discord through Plaza's API (the channel form's path), against the local Discord API:
 * a revoked webhook is refused at connect time with the network's code, so the web app says why in
 * the reader's language; a live webhook connects, and a post for it with too long a text is refused
 * when checked before saving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { FakeDiscordServer } from './testing/server.ts';

describe('connecting a Discord channel through the API (embedded database)', () => {
  const discord = new FakeDiscordServer();
  let t: TestApp;
  let s: Scenario;

  beforeAll(async () => {
    await discord.start();
    t = await createTestApp('embedded');
    Object.assign(t.ctx.config, { allowPrivateUrls: true, networkOrigins: { discord: discord.baseUrl } });
    s = await given(t).workspace();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await discord.stop();
  });

  it('a revoked webhook: 400 connection_failed with webhook_revoked, nothing stored', async () => {
    const hook = discord.addWebhook('1200000000000000001', 'Borrado');
    discord.webhooks.get(hook.id)!.deleted = true;
    const res = await s.api('POST', '/channels', { network: 'discord', name: 'Anuncios', fields: { webhookUrl: hook.url } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'connection_failed', details: { network: 'discord', code: 'webhook_revoked' } } });
    expect(res.body).not.toContain(hook.url.split('/').pop()!);
  });

  it('a live webhook connects; its URL is never answered back', async () => {
    const res = await s.api('POST', '/channels', { network: 'discord', name: 'Anuncios', fields: { webhookUrl: discord.webhookUrl } });
    expect(res.statusCode).toBeLessThan(300);
    expect(res.body).not.toContain(discord.webhookUrl.split('/').pop()!);
    const channel = res.json() as { id: string };
    const checked = await s.api('POST', '/posts/validate', { content: 'x'.repeat(2001), channels: [{ channelId: channel.id }] });
    expect(checked.body).toContain('text_too_long');
  });
});
