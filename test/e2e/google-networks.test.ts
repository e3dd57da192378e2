/**
 * YouTube and Google Business Profile in real Chromium, Spanish and English: their cards on the
 * connect page and their previews in the gallery (YouTube: the 16:9 thumbnail frame, the title
 * from the first line with its 100-character count; Google Business Profile: the update with its
 * 1,500-character count). Screenshots: docs/screenshots/google-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, webSession, type WebSession } from './harness.ts';

const OWNER = { email: 'lucia@cafearoma.test', name: 'Lucía Gil', password: 'tostado lento de mañana' };

describe('YouTube and Google Business Profile in the web app (real Chromium, es + en)', { timeout: 180_000 }, () => {
  let session: WebSession;

  beforeAll(async () => {
    session = await webSession({ owner: OWNER, screenshotPrefix: 'google' });
    const workspace = await session.api<{ id: string }>('POST', '/workspaces', {
      name: 'Café Aroma',
      timeZone: 'Europe/Madrid',
      language: 'es',
    });
    await session.api('POST', `/workspaces/${workspace.id}/channels`, {
      network: 'sandbox',
      name: 'Café Aroma',
      fields: { handle: 'cafearoma', token: 't' },
    });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('shows the YouTube and Google Business Profile previews in the gallery', async () => {
    for (const language of ['es', 'en'] as const) {
      const page = await session.openPage(language);
      await page.goto(`${session.server.url}/previews`);
      const youtube = page.getByTestId('gallery-youtube');
      const gbp = page.getByTestId('gallery-google-business');
      await youtube.waitFor();
      await gbp.waitFor();
      // Without an image: YouTube's own frame is announced; with one: it fills the 16:9 frame.
      expect(await youtube.getByTestId('preview-youtube').nth(0).getByTestId('youtube-no-thumbnail').count()).toBe(1);
      expect(await youtube.getByTestId('preview-youtube').nth(1).locator('[data-crop="16:9"] img').count()).toBe(1);
      expect(await youtube.getByTestId('youtube-title').first().textContent()).toMatch(/Café Aroma|cheesecake|tarta/i);
      // The sample's first line is longer than 100 characters: cut there, and said so.
      expect(await youtube.getByTestId('preview-count').first().textContent()).toBe('100/100');
      expect(await youtube.getByTestId('youtube-title-cut').count()).toBe(2);
      expect(await gbp.getByTestId('preview-count').first().textContent()).toMatch(/\/1500$/);
      await youtube.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `google-previews-${language}.png`), clip: (await youtube.boundingBox())! });
      await gbp.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `google-business-preview-${language}.png`),
        clip: (await gbp.boundingBox())!,
      });
    }
  });

  it('offers YouTube and Google Business Profile on the connect page', async () => {
    for (const language of ['es', 'en'] as const) {
      const page = await session.openPage(language);
      await page.goto(`${session.server.url}/channels`);
      await page.waitForLoadState('networkidle');
      const body = await page.locator('body').textContent();
      expect(body).toContain('YouTube');
      expect(body).toContain(language === 'es' ? 'Perfil de Empresa de Google' : 'Google Business Profile');
      expect(await page.locator('[data-network-logo="youtube"]').count()).toBeGreaterThan(0);
      await session.shot(page, `channels-${language}`, true);
    }
  });
});
