import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { webSession, type WebSession } from './harness.ts';

const OWNER = { email: 'lucia@tienda.test', name: 'Lucía Gómez', password: 'la tienda abre temprano' };

describe('WordPress, Telegram and Slack in the web app (real Chromium, es + en)', { timeout: 180_000 }, () => {
  let session: WebSession;

  beforeAll(async () => {
    session = await webSession({ owner: OWNER, screenshotPrefix: 'networks2' });
    const workspace = await session.api<{ id: string }>('POST', '/workspaces', {
      name: 'Tienda de Lucía',
      timeZone: 'Europe/Madrid',
      language: 'es',
    });
    await session.api('POST', `/workspaces/${workspace.id}/channels`, {
      network: 'sandbox',
      name: 'Tienda de Lucía',
      fields: { handle: 'tiendalucia', token: 't-tienda' },
    });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('shows the three networks with their logos and their connect forms', async () => {
    for (const language of ['es', 'en'] as const) {
      const dictionary = language === 'es' ? es : en;
      const page = await session.openPage(language);
      await page.goto(`${session.server.url}/channels`);
      for (const network of ['wordpress', 'telegram', 'slack']) {
        const card = page.getByTestId(`network-${network}`);
        await card.waitFor();
        expect(await card.locator(`[data-network-logo="${network}"]`).count()).toBe(1);
      }
      await session.shot(page, `cards-${language}`, true);
      await page.getByTestId('network-wordpress').getByRole('button').click();
      const password = language === 'es' ? 'Contraseña de aplicación (Usuarios → Perfil)' : 'Application password (Users → Profile)';
      await page.getByLabel(password).waitFor();
      expect(await page.getByLabel(language === 'es' ? 'Dirección del sitio (https://…)' : 'Site address (https://…)').count()).toBe(1);
      await session.shot(page, `wordpress-form-${language}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('network-telegram').getByRole('button').click();
      await page.getByLabel(language === 'es' ? 'Token del bot (de @BotFather)' : 'Bot token (from @BotFather)').waitFor();
      await session.shot(page, `telegram-form-${language}`);
      expect(dictionary.networkReasons.telegram_bot_not_admin.length).toBeGreaterThan(20);
    }
  });

  it('previews a blog post, a Telegram message and a Slack message', async () => {
    for (const language of ['es', 'en'] as const) {
      const dictionary = language === 'es' ? es : en;
      const page = await session.openPage(language);
      await page.goto(`${session.server.url}/previews`);
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
      await session.shot(page, `previews-${language}`);
      await page.getByTestId('gallery-telegram').scrollIntoViewIfNeeded();
      await session.shot(page, `previews-chat-${language}`);
    }
  });
});
