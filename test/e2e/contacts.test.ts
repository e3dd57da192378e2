/**
 * Contacts end to end in a real Chromium against a real Plaza process: open a conversation, see the person's
 * profile beside it, move their stage there, then drag them to another column of the board — in English and
 * in Spanish, each in its own workspace. Screenshots for docs/screenshots.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../src/networks/sandbox/index.ts';
import { ingestInbound } from '../../src/modules/inbox/commands.ts';
import { channelRepository } from '../../src/modules/channels/repository.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const DAY = 86_400_000;

describe('contacts end to end (real Chromium, real server)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const missingKeys = () => page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);

  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ seed: 9 }));
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'carla@example.test', name: 'Carla Contactos', password: 'correct horse battery' });
    browser = await launchBrowser();
    const context = await browser.newContext({ timezoneId: 'Europe/Madrid', locale: 'es-ES', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'carla@example.test', 'correct horse battery')).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const language of ['en', 'es'] as const) {
    const L = (language === 'en' ? en : es).contacts;
    const suffix = language === 'en' ? '' : '-es';

    it(`shows the person beside a conversation and moves them along the lifecycle in ${language === 'en' ? 'English' : 'Spanish'}`, async () => {
      const workspaceId = (
        await apiCall<{ id: string }>('POST', '/workspaces', { name: `Librería ${language}`, timeZone: 'Europe/Madrid', language })
      ).id;
      const channel = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'Sandbox',
        fields: { handle: `libreria${language}`, token: 'demo' },
      });
      const row = await channelRepository.find(server.runtime.ctx.database.db, workspaceId, channel.id);
      const author = { id: `u-marta-${language}`, handle: 'marta_lee', displayName: 'Marta Lee' };
      await ingestInbound(
        server.runtime.ctx,
        row!,
        [
          {
            remoteId: `c-${language}`,
            kind: 'comment',
            threadRemoteId: `post-${language}`,
            postRemoteId: `post-${language}`,
            author,
            text: language === 'en' ? 'Do you have the new novel in stock?' : '¿Tenéis ya la novela nueva?',
            url: null,
            createdAt: new Date(Date.now() - 2 * DAY).toISOString(),
          },
          {
            remoteId: `d-${language}`,
            kind: 'direct_message',
            threadRemoteId: `dm-${language}`,
            author,
            text: language === 'en' ? 'I would like to order three copies' : 'Quiero encargar tres ejemplares',
            url: null,
            createdAt: new Date(Date.now() - DAY).toISOString(),
          },
        ],
        'push',
      );
      const conversations = await apiCall<{ items: Array<{ id: string; threadRemoteId: string }> }>(
        'GET',
        `/workspaces/${workspaceId}/inbox/conversations`,
      );
      const dm = conversations.items.find((c) => c.threadRemoteId === `dm-${language}`)!;
      await page.evaluate(
        ([lang, id]) => {
          localStorage.setItem('plaza.lang', lang);
          localStorage.setItem('plaza.workspace', id);
        },
        [language, workspaceId],
      );

      // ---- the conversation, with the person's profile beside it ----
      await page.goto(`${server.url}/inbox/${dm.id}`);
      const panel = page.getByTestId('contact-panel');
      await panel.waitFor();
      await expect(panel.getByRole('heading', { name: 'Marta Lee' }).count()).resolves.toBe(1);
      await expect(panel.getByTestId('contact-engagement').textContent()).resolves.toBe(
        L.profile.engagement.replace('{{messages}}', '2').replace('{{conversations}}', '2'),
      );
      await panel.getByTestId('contact-stage').click();
      await page.getByRole('listbox').getByRole('option', { name: L.stages.lead, exact: true }).click();
      await expect.poll(() => panel.getByTestId('contact-stage-history').textContent(), { timeout: 10_000 }).toContain('Carla Contactos');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `contacts-inbox-panel${suffix}.png`) });

      // ---- the board: drag the card from "lead" to "customer" ----
      await page.goto(`${server.url}/contacts`);
      await page.getByRole('heading', { name: L.title, exact: true }).waitFor();
      const card = page.getByTestId('contact-column-lead').getByTestId('contact-card');
      await card.waitFor();
      await card.dragTo(page.getByTestId('contact-column-customer'));
      await expect.poll(() => page.getByTestId('contact-column-customer').getByTestId('contact-card').count(), { timeout: 10_000 }).toBe(1);
      await expect(page.getByTestId('contact-column-lead').getByTestId('contact-card').count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `contacts-board${suffix}.png`) });

      const contactId = await page.getByTestId('contact-column-customer').getByTestId('contact-card').getAttribute('data-contact-id');
      const profile = await apiCall<{
        stage: string;
        stageHistory: Array<{ fromStage: string | null; toStage: string; actorName: string | null }>;
      }>('GET', `/workspaces/${workspaceId}/contacts/${contactId}`);
      expect(profile.stage).toBe('customer');
      expect(profile.stageHistory.map((m) => `${m.fromStage}>${m.toStage}:${m.actorName}`)).toEqual([
        'lead>customer:Carla Contactos',
        'follower>lead:Carla Contactos',
        'null>follower:null',
      ]);

      // ---- the profile page ----
      await page.getByTestId('contact-column-customer').getByRole('link', { name: 'Marta Lee' }).click();
      await page.getByTestId('contact-profile').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `contacts-profile${suffix}.png`), fullPage: true });

      expect(await missingKeys()).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }
});
