/**
 * The inbox end to end in a real Chromium against a real Plaza process (web + worker): the sandbox
 * audience's messages are read, a conversation is answered (the worker sends the reply exactly
 * once), assigned and resolved — once in English and once in Spanish, each in its own workspace.
 * Hostile inbound text (markup, direction overrides, 100 KB) stays text and inside the list.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../src/networks/sandbox/index.ts';
import { allInboxReplies } from '../../src/networks/sandbox/inbox.ts';
import { ingestInbound } from '../../src/modules/inbox/commands.ts';
import { channelRepository } from '../../src/modules/channels/repository.ts';
import { FakeLinkedInServer } from '../../src/networks/linkedin/testing/server.ts';
import {
  apiCaller,
  chooseWorkspace,
  launchBrowser,
  SCREENSHOT_DIR,
  signInPage,
  signUpOwner,
  startE2EServer,
  type E2EServer,
} from './harness.ts';

const DAY = 86_400_000;

describe('inbox page end to end (real Chromium, real server)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  const network = new SandboxNetwork({ seed: 5 });
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const missingKeys = () => page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);

  beforeAll(async () => {
    setInProcessSandbox(network);
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'ines@example.test', name: 'Inés Bandeja', password: 'correct horse battery' });
    browser = await launchBrowser();
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'ines@example.test', 'correct horse battery')).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const language of ['en', 'es'] as const) {
    const L = (language === 'en' ? en : es).inbox;
    const suffix = language === 'en' ? '' : '-es';

    it(`answers, assigns and resolves in ${language === 'en' ? 'English' : 'Spanish'}`, async () => {
      const handle = `panaderia${language}`;
      const workspaceId = (
        await apiCall<{ id: string }>('POST', '/workspaces', { name: `Panadería ${language}`, timeZone: 'Europe/Madrid', language })
      ).id;
      const channel = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'Sandbox',
        fields: { handle, token: 'demo' },
      });
      network.configureAccount(handle, { createdAt: Date.now() - 12 * DAY, followers: 6000 });
      // Hostile text arrives too: it must stay text and keep the list in shape.
      const row = await channelRepository.find(server.runtime.ctx.database.db, workspaceId, channel.id);
      await ingestInbound(
        server.runtime.ctx,
        row!,
        [
          {
            remoteId: `hostile-${language}`,
            kind: 'mention',
            threadRemoteId: `hostile-${language}`,
            author: { id: 'h', handle: 'troll', displayName: '\u202Eevil <img src=x onerror=alert(1)>' },
            text: `<script>window.__pwned = true</script>\u202E¡hola! ${'ل'.repeat(100_000)}`,
            url: null,
            language: 'es',
            createdAt: new Date(Date.now() - 5 * DAY).toISOString(),
          },
        ],
        'push',
      );
      await apiCall('POST', `/workspaces/${workspaceId}/inbox/channels/${channel.id}/sync`);
      await chooseWorkspace(page, language, workspaceId);
      await page.goto(`${server.url}/inbox`);
      await page.getByRole('heading', { name: L.title, exact: true }).waitFor();
      await expect.poll(() => page.getByTestId('inbox-row').count(), { timeout: 15_000 }).toBeGreaterThan(2);
      await expect(page.getByTestId('inbox-backfill').first().textContent()).resolves.toContain(
        L.backfill.done.split(':')[1].split('(')[0].trim(),
      );
      // Every row stays inside the list column, whatever its text.
      const listBox = await page.getByTestId('inbox-list').boundingBox();
      for (const box of await Promise.all((await page.getByTestId('inbox-row').all()).map((r) => r.boundingBox())))
        expect(box!.x + box!.width).toBeLessThanOrEqual(listBox!.x + listBox!.width + 1);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `inbox-list${suffix}.png`) });

      // ---- a direct message: answer it ----
      await page.locator('#main').getByRole('textbox', { name: L.type, exact: true }).click();
      await page.getByRole('listbox').getByRole('option', { name: L.kinds.direct_message, exact: true }).click();
      await expect.poll(() => page.getByTestId('inbox-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.getByTestId('inbox-row').first().click();
      await page.getByTestId('inbox-conversation').waitFor();
      // r focuses the reply box (keyboard shortcut).
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('r');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('inbox-reply');
      const answer =
        language === 'en' ? 'Thanks for writing! We ship to Portugal in 3 days.' : '¡Gracias por escribir! Enviamos a Portugal en 3 días.';
      await page.keyboard.type(answer);
      await page.getByTestId('inbox-send').click();
      // The worker sends it; the live stream brings it into the thread as ours.
      await expect.poll(() => page.getByTestId('inbox-item-text').filter({ hasText: answer }).count(), { timeout: 20_000 }).toBe(1);
      expect(allInboxReplies(network, handle).filter((r) => r.text === answer)).toHaveLength(1);

      // ---- assign to me, then resolve with the e key ----
      await page.getByTestId('inbox-assign').click();
      await page.getByRole('listbox').getByRole('option', { name: 'Inés Bandeja', exact: true }).click();
      await expect.poll(() => page.getByTestId('inbox-row').first().textContent(), { timeout: 10_000 }).toContain('Inés Bandeja');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `inbox-conversation${suffix}.png`), fullPage: true });
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('e');
      await expect.poll(() => page.getByTestId('inbox-resolve').textContent(), { timeout: 10_000 }).toBe(L.reopen);

      // ---- a teammate's reply is shown before a second one goes out ----
      await page.locator('#main').getByRole('textbox', { name: L.state, exact: true }).click();
      await page.getByRole('listbox').getByRole('option', { name: L.states.any, exact: true }).click();
      await page.getByTestId('inbox-reply').fill(language === 'en' ? 'One more thing' : 'Una cosa más');
      await page.getByTestId('inbox-send').click();
      await page.getByTestId('inbox-already-answered').waitFor();
      await expect(page.getByTestId('inbox-already-answered').textContent()).resolves.toContain(answer);
      expect(await page.getByTestId('inbox-reply').inputValue()).toBe(language === 'en' ? 'One more thing' : 'Una cosa más');
      await page.getByTestId('inbox-conversation').screenshot({ path: path.join(SCREENSHOT_DIR, `inbox-already-answered${suffix}.png`) });

      expect(await missingKeys()).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }
  it('says beside a LinkedIn profile channel that LinkedIn keeps its comments from the inbox (es and en)', async () => {
    const linkedin = new FakeLinkedInServer();
    await linkedin.start();
    try {
      const config = server.runtime.ctx.config;
      config.allowPrivateUrls = true;
      config.networkOrigins = { ...config.networkOrigins, linkedin: linkedin.baseUrl };
      for (const language of ['en', 'es'] as const) {
        const dict = language === 'en' ? en : es;
        const workspaceId = (
          await apiCall<{ id: string }>('POST', '/workspaces', { name: `Perfil ${language}`, timeZone: 'Europe/Madrid', language })
        ).id;
        const channel = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
          network: 'linkedin',
          name: 'Inés en LinkedIn',
          fields: { accessToken: linkedin.token, authorUrn: linkedin.personUrn },
        });
        await apiCall('POST', `/workspaces/${workspaceId}/inbox/channels/${channel.id}/sync`);
        await chooseWorkspace(page, language, workspaceId);
        await page.goto(`${server.url}/inbox`);
        const note = page.getByTestId('inbox-unavailable');
        await note.waitFor();
        expect(await note.textContent()).toBe(dict.networkReasons.linkedin_member_comments_restricted);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `inbox-channel-unavailable-${language}.png`) });
      }
      expect(await missingKeys()).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await linkedin.stop();
    }
  });
});
