/**
 * Video and carousels end to end in a real Chromium against a real Plaza process (Spanish UI): a
 * small MP4 uploaded from the composer through the resumable uploads, with the progress bar shown
 * and the first chunk's connection cut (the upload resumes from the server's offset), published as
 * a video post with a first comment to a sandbox channel; then a carousel of two images, reordered,
 * each with its alt text. The sandbox network records what it received.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { es } from '../../web/src/i18n/es.ts';
import { tinyVideo } from '../../src/modules/media/testing/tiny-video.ts';
import { getInProcessSandbox } from '../../src/networks/sandbox/index.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const M = es.composerMedia;

function png(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 400, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

interface PublicationView {
  id: string;
  state: string;
  postType: string | null;
  firstComment: string | null;
  firstCommentRemoteId: string | null;
  media: Array<{ mediaId: string; alt?: string }>;
}

describe('video upload and carousel from the composer (real Chromium, real server)', { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  const pageErrors: string[] = [];
  const api = apiCaller(
    () => server,
    () => token,
  );
  let ws = '';
  let channelId = '';

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'video@example.test', name: 'Vera Vídeo', password: 'correct horse battery' });
    browser = await launchBrowser();
    ws = (await api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })).id;
    channelId = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'sandbox',
        name: 'Aroma',
        fields: { handle: 'aroma-video', token: 't' },
      })
    ).id;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function composer(): Promise<Page> {
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 1000 } });
    await context.addInitScript(() => localStorage.setItem('plaza.lang', 'es'));
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'video@example.test', 'correct horse battery')).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${server.url}/compose`);
    await page.getByLabel(`Aroma (${es.common.simulated})`).check();
    return page;
  }

  async function publishedPost(page: Page): Promise<PublicationView> {
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postId = page.url().split('/').pop()!;
    for (let i = 0; i < 100; i++) {
      const post = await api<{ state: string; publications: PublicationView[] }>('GET', `/workspaces/${ws}/posts/${postId}`);
      if (post.state === 'published') return post.publications[0];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the post was not published');
  }

  it('uploads a video with a progress bar, resuming after a dropped chunk, and publishes it with a first comment', async () => {
    const page = await composer();
    await page.getByLabel(es.composer.text, { exact: true }).fill('Así preparamos el café de especialidad ☕');
    // The first chunk's connection drops; later chunks are slowed so the progress bar can be seen.
    let patches = 0;
    await page.route('**/media/uploads/*', async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      patches++;
      if (patches === 1) return route.abort('connectionreset');
      await new Promise((r) => setTimeout(r, 700));
      return route.continue();
    });
    const video = tinyVideo({ width: 720, height: 1280, seconds: 8, padBytes: 400 });
    await page.locator('input[type="file"]').setInputFiles({ name: 'cafe.mp4', mimeType: 'video/mp4', buffer: Buffer.from(video) });
    await page.getByTestId('composer-upload-progress').waitFor();
    await page.getByTestId('composer-media-item').locator('video').waitFor();
    expect(patches).toBeGreaterThanOrEqual(2);

    await page.getByRole('tab', { name: 'Aroma' }).click();
    await page.getByTestId(`post-type-${channelId}`).click();
    await page.getByRole('listbox').getByRole('option', { name: M.postTypes.video, exact: true }).click();
    await page.getByTestId(`first-comment-${channelId}`).fill('Reserva tu cata en cafearoma.example');
    await page.getByRole('textbox', { name: 'Quién puede responder' }).click();
    await page.getByRole('listbox').getByRole('option', { name: 'Seguidores' }).click();
    await page
      .getByTestId('composer-issues')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'composer-video-es.png'), fullPage: true });
    await page.getByRole('button', { name: es.composer.publishNow }).click();

    const publication = await publishedPost(page);
    expect(publication).toMatchObject({ postType: 'video', firstComment: 'Reserva tu cata en cafearoma.example' });
    const received = getInProcessSandbox().lookupByMarker('aroma-video', publication.id);
    expect(received).toMatchObject({ postType: 'video', media: [{ mimeType: 'video/mp4', size: video.length, durationSeconds: 8 }] });
    const comment = getInProcessSandbox().lookupByMarker('aroma-video', `${publication.id}#comment`);
    expect(comment).toMatchObject({ text: 'Reserva tu cata en cafearoma.example', replyTo: received?.id });
    await page.reload();
    await page.locator('[data-testid="first-comment-status"][data-state="published"]').waitFor();
    await page.context().close();
  });

  it('publishes a carousel of two images in the chosen order, each with its alt text', async () => {
    const page = await composer();
    await page.getByLabel(es.composer.text, { exact: true }).fill('Nuestra carta de otoño 🍂');
    const files = page.locator('input[type="file"]');
    await files.setInputFiles({ name: 'tarta.png', mimeType: 'image/png', buffer: await png('#9a3412') });
    await page.getByTestId('composer-media-item').nth(0).waitFor();
    await files.setInputFiles({ name: 'latte.png', mimeType: 'image/png', buffer: await png('#c8743a') });
    await page.getByTestId('composer-media-item').nth(1).waitFor();
    const alts = page.getByLabel(es.composer.altText);
    await alts.nth(0).fill('Tarta de calabaza');
    await alts.nth(1).fill('Latte con canela');
    // The latte goes first: it becomes the cover.
    await page.getByTestId('composer-media-item').nth(1).getByRole('button', { name: M.moveUp }).click();
    expect(await alts.nth(0).inputValue()).toBe('Latte con canela');

    await page.getByRole('tab', { name: 'Aroma' }).click();
    await page.getByTestId(`post-type-${channelId}`).click();
    await page.getByRole('listbox').getByRole('option', { name: M.postTypes.carousel, exact: true }).click();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'composer-carousel-es.png'), fullPage: true });
    await page.getByRole('button', { name: es.composer.publishNow }).click();

    const publication = await publishedPost(page);
    expect(publication.postType).toBe('carousel');
    expect(publication.media.map((m) => m.alt)).toEqual(['Latte con canela', 'Tarta de calabaza']);
    const received = getInProcessSandbox().lookupByMarker('aroma-video', publication.id);
    expect(received).toMatchObject({ postType: 'carousel', media: [{ alt: 'Latte con canela' }, { alt: 'Tarta de calabaza' }] });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
