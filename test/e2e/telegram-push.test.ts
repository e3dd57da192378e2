/**
 * A Telegram channel's instant inbox, turned on and off from its card in a real Chromium against a
 * real Plaza process and the local Bot API server, in Spanish and in English: without an HTTPS
 * PUBLIC_URL the refusal is shown in the UI language and no webhook is set; with one, Plaza sets the
 * bot's webhook to the channel's push address; turning it off deletes it. Screenshots go to
 * docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../../src/networks/telegram/testing/server.ts';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { type WebSession, webSession } from './harness.ts';

const PUBLIC = 'https://plaza.test';

describe('Telegram instant inbox from the channel card (real Chromium, real server)', { timeout: 240_000 }, () => {
  let session: WebSession;
  const tg = new FakeTelegramServer();
  const pageErrors: string[] = [];
  let ws = '';
  let channelId = '';

  beforeAll(async () => {
    await tg.start();
    session = await webSession({
      owner: { email: 'bot@example.test', name: 'Tomás Telegram', password: 'correct horse battery' },
      screenshotPrefix: 'telegram-push',
    });
    const config = session.server.runtime.ctx.config;
    config.allowPrivateUrls = true;
    config.networkOrigins = { ...config.networkOrigins, telegram: tg.baseUrl };
    tg.routeWebhook(PUBLIC, session.server.url);
    ws = (await session.api<{ id: string }>('POST', '/workspaces', { name: 'Tienda', timeZone: 'Europe/Madrid', language: 'es' })).id;
    channelId = (
      await session.api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'telegram',
        name: 'Tienda de Lucía',
        fields: { botToken: tg.token, chatId: `@${tg.channel.username}` },
      })
    ).id;
  }, 300_000);
  afterAll(async () => {
    await tg.webhookIdle();
    await session?.close();
    await tg.stop();
  });

  for (const lang of ['es', 'en'] as const) {
    const T = lang === 'es' ? es : en;
    it(`turns pushes on and off from the card, and says why it cannot without an HTTPS address (${lang})`, async () => {
      session.server.runtime.ctx.config.publicUrl = undefined;
      const page = await session.openPage(lang);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
      await page.goto(`${session.server.url}/channels`);
      const card = page.getByTestId('channel-Tienda de Lucía');
      const section = card.getByTestId('telegram-push');
      await section.waitFor();
      expect(await section.getByText(T.telegramPush.help).count()).toBe(1);
      // Off, and said so: only the button that turns it on.
      await section.getByTestId('telegram-push-state').waitFor();
      expect(await section.getByTestId('telegram-push-state').textContent()).toBe(T.telegramPush.stateOff);
      expect(await section.getByTestId('telegram-push-off').count()).toBe(0);

      // No public HTTPS address: Telegram could not reach Plaza, so nothing is set, and the reason is in this language.
      await section.getByRole('button', { name: T.telegramPush.on, exact: true }).click();
      const error = section.getByTestId('telegram-push-error');
      await error.waitFor();
      expect((await error.textContent()) ?? '').toContain(T.apiErrors.inbox_push_public_url_required.split('{{url}}')[0]);
      expect(tg.webhook).toBeNull();

      session.server.runtime.ctx.config.publicUrl = PUBLIC;
      await section.getByRole('button', { name: T.telegramPush.on, exact: true }).click();
      await section.getByTestId('telegram-push-result').waitFor();
      expect(((await section.getByTestId('telegram-push-result').textContent()) ?? '').trim()).toContain(
        `${PUBLIC}/api/v1/inbox/push/${channelId}`,
      );
      expect(tg.webhook?.url).toBe(`${PUBLIC}/api/v1/inbox/push/${channelId}`);
      // Once on, only the button that turns it off; a new visit says it is on.
      await section.getByTestId('telegram-push-on').waitFor({ state: 'detached' });
      await section.scrollIntoViewIfNeeded();
      await session.shot(page, `on-${lang}`);
      await page.reload();
      await section.getByTestId('telegram-push-state').waitFor();
      expect(await section.getByTestId('telegram-push-state').textContent()).toBe(T.telegramPush.stateOn);
      expect(await section.getByTestId('telegram-push-on').count()).toBe(0);
      await section.scrollIntoViewIfNeeded();
      await session.shot(page, `state-on-${lang}`);

      await section.getByRole('button', { name: T.telegramPush.off, exact: true }).click();
      await section.getByText(T.telegramPush.isOff).waitFor();
      expect(tg.webhook).toBeNull();
      await page.close();
    });
  }

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
