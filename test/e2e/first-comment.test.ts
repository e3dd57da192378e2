/**
 * First comments end to end in a real Chromium against a real Plaza process, in Spanish and in
 * English: the composer offers the first comment on a channel whose network takes one (counted the
 * network's way), the post is published with it, and the post page shows the comment's own status
 * with its link, and the approval preview shows it under the post. Screenshots go to docs/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { SCREENSHOT_DIR, type WebSession, webSession } from './harness.ts';

describe('first comments from the web app (real Chromium, real server)', { timeout: 240_000 }, () => {
  let session: WebSession;
  const pageErrors: string[] = [];
  const api = <T>(method: string, route: string, body?: unknown) => session.api<T>(method, route, body);
  let ws = '';
  let channelId = '';

  beforeAll(async () => {
    session = await webSession({
      owner: { email: 'comenta@example.test', name: 'Carla Comenta', password: 'correct horse battery' },
      screenshotPrefix: 'first-comment',
    });
    ws = (await api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })).id;
    channelId = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'sandbox',
        name: 'Aroma',
        fields: { handle: 'aroma-comenta', token: 't' },
      })
    ).id;
  }, 300_000);
  afterAll(async () => {
    await session?.close();
  });

  async function open(lang: 'es' | 'en', to: string): Promise<Page> {
    const page = await session.openPage(lang);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${session.server.url}${to}`);
    return page;
  }

  for (const lang of ['es', 'en'] as const) {
    const T = lang === 'es' ? es : en;
    it(`writes a first comment in the composer and sees it published on the post page (${lang})`, async () => {
      const page = await open(lang, '/compose');
      await page.getByLabel(`Aroma (${T.common.simulated})`).check();
      const text = lang === 'es' ? 'Nueva carta de otoño 🍂 Setas, castañas y calabaza.' : 'Our autumn menu is here 🍂';
      const comment = lang === 'es' ? 'Reserva tu mesa en cafearoma.example ☕ #otoño' : 'Book your table at cafearoma.example ☕ #autumn';
      await page.getByLabel(T.composer.text, { exact: true }).fill(text);
      await page.getByRole('tab', { name: 'Aroma' }).click();
      const field = page.getByTestId(`first-comment-${channelId}`);
      await field.fill(comment);
      // The counter counts the network's way: graphemes here, so the emoji is one.
      await page
        .getByTestId(`first-comment-count-${channelId}`)
        .getByText(`${Array.from(new Intl.Segmenter().segment(comment)).length} /`)
        .waitFor();
      await field.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `first-comment-composer-${lang}.png`), fullPage: true });
      await page.getByRole('button', { name: T.composer.publishNow }).click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      const postId = page.url().split('/').pop()!;
      for (let i = 0; i < 100; i++) {
        const post = await api<{ state: string }>('GET', `/workspaces/${ws}/posts/${postId}`);
        if (post.state === 'published') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await page.reload();
      const status = page.locator('[data-testid="first-comment-status"][data-state="published"]');
      await status.getByText(T.firstComment.status.published).waitFor();
      await page.getByTestId('first-comment-preview').getByText(comment).waitFor();
      const post = await api<{ publications: Array<{ firstCommentStatus: { state: string; remoteId: string } | null }> }>(
        'GET',
        `/workspaces/${ws}/posts/${postId}`,
      );
      expect(post.publications[0].firstCommentStatus).toMatchObject({ state: 'published' });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `first-comment-post-${lang}.png`), fullPage: true });
      await page.context().close();
    });
  }

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
