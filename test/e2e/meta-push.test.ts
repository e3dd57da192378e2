/**
 * The Meta push (webhook) set-up from a Facebook channel's card, end to end in a real Chromium
 * against a real Plaza process connected to the local Graph server, in Spanish and in English: the
 * app secret pasted, the callback URL (/api/v1/inbox/push/:channelId) and the verify token shown to
 * paste in the Meta app dashboard, the address check Meta then makes answered with that token, and
 * a too-short secret refused with the error's text in the UI language; and a Threads channel's card offering
 * the same set-up with the Threads app secret. Screenshots go to docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FakeFacebookServer } from '../../src/networks/facebook/testing/server.ts';
import { FakeThreadsServer } from '../../src/networks/threads/testing/server.ts';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { type WebSession, webSession } from './harness.ts';

describe('Meta push set-up from the channel card (real Chromium, real server)', { timeout: 240_000 }, () => {
  let session: WebSession;
  const fb = new FakeFacebookServer();
  const th = new FakeThreadsServer();
  const pageErrors: string[] = [];
  let ws = '';
  let channelId = '';
  let threadsChannelId = '';

  beforeAll(async () => {
    await fb.start();
    await th.start();
    session = await webSession({
      owner: { email: 'webhook@example.test', name: 'Wendy Webhook', password: 'correct horse battery' },
      screenshotPrefix: 'meta-push',
    });
    // The local Graph server stands in for Meta (loopback: the admin switch on).
    session.server.runtime.ctx.config.allowPrivateUrls = true;
    session.server.runtime.ctx.config.networkOrigins = {
      ...session.server.runtime.ctx.config.networkOrigins,
      facebook: fb.baseUrl,
      threads: th.baseUrl,
    };
    ws = (await session.api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })).id;
    channelId = (
      await session.api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'facebook',
        name: 'Aroma Page',
        fields: { pageId: fb.pageId, pageAccessToken: fb.pageToken },
      })
    ).id;
    threadsChannelId = (
      await session.api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'threads',
        name: 'Aroma Threads',
        fields: { accessToken: th.token, userId: th.userId },
      })
    ).id;
  }, 300_000);
  afterAll(async () => {
    await session?.close();
    await fb.stop();
    await th.stop();
  });

  async function open(lang: 'es' | 'en'): Promise<Page> {
    const page = await session.openPage(lang);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${session.server.url}/channels`);
    return page;
  }

  for (const lang of ['es', 'en'] as const) {
    const T = lang === 'es' ? es : en;
    it(`sets the app secret and shows the callback URL and verify token (${lang})`, async () => {
      const page = await open(lang);
      const card = page.getByTestId('channel-Aroma Page');
      await card.getByTestId('meta-push-open').click(); // "Set up", or "Change the app secret" once the first language's run set it
      const section = card.getByTestId('meta-push');
      expect(await section.getByText(T.metaPush.title).count()).toBe(1);

      // Too short for an app secret: refused with the validation error's text in this language.
      await section.getByLabel(T.metaPush.secretLabel).fill('short');
      await section.getByRole('button', { name: T.metaPush.save }).click();
      const error = section.getByTestId('meta-push-error');
      await error.waitFor();
      expect((await error.textContent()) ?? '').toContain(
        T.apiErrors.validation_failed.replace('{{field}}', T.validationFields.secret).replace('{{problem}}', T.validationIssues.too_small),
      );
      expect(await section.getByTestId('meta-push-result').count()).toBe(0);

      await section.getByLabel(T.metaPush.secretLabel).fill(fb.appSecret);
      await section.getByRole('button', { name: T.metaPush.save }).click();
      await section.getByTestId('meta-push-result').waitFor();
      const url = ((await section.getByTestId('meta-push-url').textContent()) ?? '').trim();
      const token = ((await section.getByTestId('meta-push-token').textContent()) ?? '').trim();
      expect(url).toMatch(new RegExp(`/api/v1/inbox/push/${channelId}$`));
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      expect(await section.getByText(T.metaPush.callbackUrl, { exact: true }).count()).toBe(1);
      expect(await section.getByText(T.metaPush.verifyToken, { exact: true }).count()).toBe(1);
      // The secret is not kept in the form once saved.
      expect(await section.getByLabel(T.metaPush.secretLabel).inputValue()).toBe('');
      await section.getByTestId('meta-push-result').scrollIntoViewIfNeeded();
      await session.shot(page, `card-${lang}`);

      // What Meta does with those two values: the address check, answered with the challenge.
      const check = await fetch(
        `${session.server.url}/api/v1/inbox/push/${channelId}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=4242${lang}`,
      );
      expect(check.status).toBe(200);
      expect(await check.text()).toBe(`4242${lang}`);
      // A new visit says the channel takes pushes, and offers to change the secret.
      await page.reload();
      const state = page.getByTestId('channel-Aroma Page').getByTestId('meta-push-state');
      await state.waitFor();
      expect(await state.textContent()).toBe(T.metaPush.stateOn);
      expect(await page.getByTestId('channel-Aroma Page').getByRole('button', { name: T.metaPush.reopen }).count()).toBe(1);
      await state.scrollIntoViewIfNeeded();
      await session.shot(page, `card-on-${lang}`);
      await page.close();
    });
  }

  it('offers the same set-up on a Threads channel, with the Threads app secret (es)', async () => {
    const page = await open('es');
    const card = page.getByTestId('channel-Aroma Threads');
    expect(await card.getByTestId('meta-push-open').textContent()).toBe(es.metaPush.open);
    await card.getByTestId('meta-push-open').click();
    const section = card.getByTestId('meta-push');
    expect(await section.getByText(es.metaPush.secretHelp).count()).toBe(1);
    expect(es.metaPush.secretHelp).toContain('Threads');
    await section.getByLabel(es.metaPush.secretLabel).fill(th.appSecret);
    await section.getByRole('button', { name: es.metaPush.save }).click();
    await section.getByTestId('meta-push-result').waitFor();
    const url = ((await section.getByTestId('meta-push-url').textContent()) ?? '').trim();
    const token = ((await section.getByTestId('meta-push-token').textContent()) ?? '').trim();
    expect(url).toMatch(new RegExp(`/api/v1/inbox/push/${threadsChannelId}$`));
    const check = await fetch(
      `${session.server.url}/api/v1/inbox/push/${threadsChannelId}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=7777`,
    );
    expect(await check.text()).toBe('7777');
    await section.getByTestId('meta-push-result').scrollIntoViewIfNeeded();
    await session.shot(page, 'threads-card-es');
    await page.close();
  });

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
