/**
 * Client approval links end to end in a real Chromium against a real Plaza process, in Spanish and in
 * English: a manager creates a link on the client links page (the URL is shown once); the client, with no
 * account and on a phone-sized screen, opens it in the link's language, sees each channel's preview with its
 * image, approves one post and asks for changes on another with a comment; the manager sees both answers
 * under the client's name; once revoked, the link shows a clear page in the client's language.
 * Screenshots go to docs/screenshots/.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

describe('client approval links end to end (real Chromium, real server)', { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'marta@example.test', name: 'Marta Manager', password: 'correct horse battery' });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const language of ['es', 'en'] as const) {
    const T = language === 'es' ? es : en;
    const C = T.clientLinks;

    it(`a client approves and asks for changes without an account; revoked shows a clear page (${language})`, async () => {
      const ws = (
        await apiCall<{ id: string }>('POST', '/workspaces', {
          name: language === 'es' ? 'Horno Lucía' : 'Lucy’s Bakery',
          timeZone: 'Europe/Madrid',
          language,
        })
      ).id;
      const channelId = (
        await apiCall<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
          network: 'sandbox',
          name: 'Instagram (sandbox)',
          fields: { handle: `horno-${language}`, token: `t-${language}` },
        })
      ).id;
      const png = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#d9892b' } })
        .composite([{ input: Buffer.from('<svg width="1200" height="900"><circle cx="600" cy="450" r="300" fill="#f6e3c0"/></svg>') }])
        .png()
        .toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'pan.png');
      const upload = await fetch(`${server.url}/api/v1/workspaces/${ws}/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const mediaId = ((await upload.json()) as { id: string }).id;
      const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
      const texts =
        language === 'es'
          ? ['Pan de masa madre recién salido del horno 🥖 ¡Te esperamos!', 'Este domingo, roscón por encargo. Reserva el tuyo.']
          : ['Sourdough fresh out of the oven 🥖 See you soon!', 'This Sunday: cakes to order. Book yours.'];
      for (const [i, content] of texts.entries())
        await apiCall('POST', `/workspaces/${ws}/posts`, {
          content,
          media: i === 0 ? [{ mediaId, alt: 'Pan' }] : [],
          channels: [{ channelId }],
          scheduledAt: inDays(i + 1),
          action: 'schedule',
        });

      // The manager creates the link on the client links page; the URL is shown once.
      const manager = await browser.newContext({ locale: language === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1280, height: 900 } });
      await manager.addInitScript((lang) => localStorage.setItem('plaza.lang', lang), language);
      const page = await manager.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(server.url);
      expect(await signInPage(page, 'marta@example.test', 'correct horse battery')).toBe(200);
      await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
      await page.goto(`${server.url}/client-links`);
      await page.getByLabel(C.clientName).fill('Lucía Pérez');
      await page.getByRole('button', { name: C.create }).click();
      const url = (await page.getByTestId('client-link-url').textContent()) ?? '';
      expect(url).toMatch(/\/client#token=/);

      // The client, on a phone, in the browser's other language: the page follows the link's language.
      const phone = await browser.newContext({
        locale: language === 'es' ? 'en-US' : 'es-ES',
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      const client = await phone.newPage();
      client.on('pageerror', (error) => pageErrors.push(error.message));
      await client.goto(`${server.url}/client${new URL(url).hash}`);
      await client.getByRole('heading', { name: C.page.greeting.replace('{{client}}', 'Lucía Pérez') }).waitFor();
      const cards = client.getByTestId('client-post');
      expect(await cards.count()).toBe(2);
      const image = cards.first().locator('img[alt="Pan"]').first();
      await image.waitFor();
      expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      // Nothing overflows the phone's width.
      expect(await client.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await cards.first().getByRole('button', { name: C.page.approve }).click();
      await cards.first().getByText(C.page.saved).waitFor();
      await cards.nth(1).getByRole('button', { name: C.page.reject }).click();
      const comment = language === 'es' ? 'Mejor con una foto del roscón' : 'Better with a photo of the cake';
      await cards.nth(1).getByLabel(C.page.commentRequired).fill(comment);
      await cards.nth(1).getByRole('button', { name: C.page.sendRejection }).click();
      await cards.nth(1).getByText(comment).first().waitFor();
      await client.evaluate(() => window.scrollTo(0, 0));
      await shot(client, `client-review-phone-${language}`);

      // The manager sees both answers under the client's name, and the audit log has them as the client.
      await page.reload();
      await page.getByRole('button', { name: C.showDecisions }).click();
      await page.getByTestId('client-decisions').getByText(`“${comment}”`).waitFor();
      await page
        .getByText(`${C.approvedCount_one.replace('{{count}}', '1')} · ${C.rejectedCount_one.replace('{{count}}', '1')}`, { exact: false })
        .waitFor();
      await shot(page, `client-links-${language}`);
      const audit = await apiCall<{ items: Array<{ type: string; data: { clientName?: string } }> }>('GET', `/workspaces/${ws}/events`);
      expect(
        audit.items.filter((e) => e.type.startsWith('client_link.') && e.data.clientName === 'Lucía Pérez').map((e) => e.type),
      ).toEqual(expect.arrayContaining(['client_link.approved', 'client_link.rejected']));

      // Revoked from the page: the client's page says so, in the link's language.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: C.revoke }).click();
      await page.getByText(C.status.revoked).first().waitFor();
      await client.reload();
      await client.getByRole('heading', { name: C.closed.revokedTitle }).waitFor();
      await shot(client, `client-link-revoked-phone-${language}`);
      // The client can switch the language.
      const other = language === 'es' ? en : es;
      await client.getByText(language === 'es' ? 'EN' : 'ES', { exact: true }).click();
      await client.getByRole('heading', { name: other.clientLinks.closed.revokedTitle }).waitFor();

      expect(await client.evaluate(() => window.__plazaMissingKeys ?? [])).toEqual([]);
      expect(await page.evaluate(() => window.__plazaMissingKeys ?? [])).toEqual([]);
      await manager.close();
      await phone.close();
    });
  }

  it('left no page errors', () => expect(pageErrors).toEqual([]));
});
