/**
 * Issue 15 (WordPress, Telegram, Slack) in real Chromium, Spanish and English: their cards and
 * connect forms on the channels page (fields from each adapter's connectionFields, labels in the
 * reader's language), and their previews in the gallery (a blog post with title, featured image and
 * excerpt; a Telegram message; a Slack message). Screenshots: docs/screenshots/networks2-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const OWNER = { email: 'lucia@tienda.test', name: 'Lucía Gómez', password: 'la tienda abre temprano' };

describe('WordPress, Telegram and Slack in the web app (real Chromium, es + en)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const contexts: BrowserContext[] = [];

  async function openPage(language: 'es' | 'en'): Promise<Page> {
    const context = await browser.newContext({ locale: language === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.addInitScript((lang) => localStorage.setItem('plaza.lang', lang), language);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(await signInPage(page, OWNER.email, OWNER.password)).toBe(200);
    return page;
  }

  async function shot(page: Page, name: string, fullPage = false) {
    await page.waitForLoadState('networkidle');
    const missing = await page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);
    expect(missing, `missing i18n keys at ${name}`).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `networks2-${name}.png`), fullPage });
  }

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    token = await signUpOwner(server, OWNER);
    const workspace = await apiCall<{ id: string }>('POST', '/workspaces', {
      name: 'Tienda de Lucía',
      timeZone: 'Europe/Madrid',
      language: 'es',
    });
    await apiCall('POST', `/workspaces/${workspace.id}/channels`, {
      network: 'sandbox',
      name: 'Tienda de Lucía',
      fields: { handle: 'tiendalucia', token: 't-tienda' },
    });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('shows the three networks with their logos and their connect forms', async () => {
    for (const language of ['es', 'en'] as const) {
      const dictionary = language === 'es' ? es : en;
      const page = await openPage(language);
      await page.goto(`${server.url}/channels`);
      for (const network of ['wordpress', 'telegram', 'slack']) {
        const card = page.getByTestId(`network-${network}`);
        await card.waitFor();
        expect(await card.locator(`[data-network-logo="${network}"]`).count()).toBe(1);
      }
      await shot(page, `cards-${language}`, true);
      await page.getByTestId('network-wordpress').getByRole('button').click();
      const password = language === 'es' ? 'Contraseña de aplicación (Usuarios → Perfil)' : 'Application password (Users → Profile)';
      await page.getByLabel(password).waitFor();
      expect(await page.getByLabel(language === 'es' ? 'Dirección del sitio (https://…)' : 'Site address (https://…)').count()).toBe(1);
      await shot(page, `wordpress-form-${language}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('network-telegram').getByRole('button').click();
      await page.getByLabel(language === 'es' ? 'Token del bot (de @BotFather)' : 'Bot token (from @BotFather)').waitFor();
      await shot(page, `telegram-form-${language}`);
      expect(dictionary.networkReasons.telegram_bot_not_admin.length).toBeGreaterThan(20);
    }
  });

  it('previews a blog post, a Telegram message and a Slack message', async () => {
    for (const language of ['es', 'en'] as const) {
      const dictionary = language === 'es' ? es : en;
      const page = await openPage(language);
      await page.goto(`${server.url}/previews`);
      const blog = page.getByTestId('gallery-wordpress').getByTestId('preview-wordpress');
      await blog.first().waitFor();
      // Without a title, the first line is the title; with one (and an excerpt), they are shown.
      expect(await blog.nth(1).getByTestId('blog-title').textContent()).toBe(dictionary.previews.gallery.blogTitle);
      expect(await blog.nth(1).getByTestId('blog-excerpt').textContent()).toBe(dictionary.previews.gallery.blogExcerpt);
      expect(await blog.nth(1).getByTestId('blog-featured').count()).toBe(1);
      expect(await blog.nth(0).getByTestId('blog-featured').count()).toBe(0);
      expect(await page.getByTestId('gallery-telegram').getByTestId('preview-count').first().textContent()).toMatch(/\/4096$/);
      expect(await page.getByTestId('gallery-slack').getByTestId('preview-telegram').count()).toBe(0);
      await page.getByTestId('gallery-wordpress').scrollIntoViewIfNeeded();
      await shot(page, `previews-${language}`);
      await page.getByTestId('gallery-telegram').scrollIntoViewIfNeeded();
      await shot(page, `previews-chat-${language}`);
    }
  });
});
