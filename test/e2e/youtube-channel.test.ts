/**
 * A YouTube channel in real Chromium, Spanish and English, against the local YouTube server: the
 * channel's card shows today's quota per bucket (a published video counted in uploads) and the
 * reset in the brand's zone; the post page shows the video as a player, not a broken picture.
 * Screenshots: docs/screenshots/youtube-channel-*.png, youtube-post-video-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyVideo } from '../../src/modules/media/testing/tiny-video.ts';
import { FakeYouTubeServer } from '../../src/networks/youtube/testing/server.ts';
import { webSession, type WebSession } from './harness.ts';

const OWNER = { email: 'lucia@cafearoma.test', name: 'Lucía Gil', password: 'tostado lento de mañana' };

describe('YouTube channel quota and a video post in the web app (real Chromium, es + en)', { timeout: 400_000 }, () => {
  const youtube = new FakeYouTubeServer();
  let session: WebSession;
  let workspaceId = '';
  let postId = '';

  beforeAll(async () => {
    await youtube.start();
    session = await webSession({ owner: OWNER, screenshotPrefix: 'youtube' });
    const config = session.server.runtime.ctx.config;
    config.allowPrivateUrls = true;
    config.networkOrigins = { ...config.networkOrigins, youtube: youtube.baseUrl };
    workspaceId = (
      await session.api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })
    ).id;
    const channel = await session.api<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
      network: 'youtube',
      name: 'Café Aroma TV',
      fields: { accessToken: youtube.token, channelId: youtube.channelId },
    });
    const form = new FormData();
    form.append(
      'file',
      new Blob([Buffer.from(tinyVideo({ width: 1280, height: 720, seconds: 6, padBytes: 200 * 1024 }))], { type: 'video/mp4' }),
      'tostado.mp4',
    );
    const uploaded = await fetch(`${session.server.url}/api/v1/workspaces/${workspaceId}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const mediaId = ((await uploaded.json()) as { id: string }).id;
    postId = (
      await session.api<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
        content: 'Así tostamos el café de los lunes',
        media: [{ mediaId }],
        postType: 'video',
        channels: [{ channelId: channel.id }],
        action: 'publish_now',
      })
    ).id;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const post = await session.api<{ state: string }>('GET', `/workspaces/${workspaceId}/posts/${postId}`);
      if (post.state === 'published') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(youtube.postsWithText('Así tostamos el café de los lunes')).toBe(1);
  }, 400_000);

  afterAll(async () => {
    await session?.close();
    await youtube.stop();
  });

  it('shows today’s quota per bucket on the channel card, and the video post as a player', async () => {
    for (const language of ['es', 'en'] as const) {
      const page = await session.openPage(language);
      await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspaceId);
      await page.goto(`${session.server.url}/channels`);
      const card = page.getByTestId('channel-Café Aroma TV');
      const quota = card.getByTestId('channel-quota');
      await quota.waitFor();
      expect(await quota.getByTestId('quota-uploads').getByTestId('quota-count').textContent()).toBe(
        language === 'es' ? '1 de 100' : '1 of 100',
      );
      expect(await quota.textContent()).toContain(language === 'es' ? 'Cuota de YouTube hoy' : 'YouTube quota today');
      // The reset in Madrid's zone: midnight in Los Angeles is 09:00 there (08:00 for a few weeks a year).
      expect(await quota.getByTestId('quota-resets').textContent()).toMatch(/\b0?[89]:00\b/);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `docs/screenshots/youtube-channel-${language}.png`, clip: (await card.boundingBox())! });

      await page.goto(`${session.server.url}/posts/${postId}`);
      const video = page.getByTestId('preview-video').first();
      await video.waitFor();
      expect(await video.evaluate((element) => element.tagName)).toBe('VIDEO');
      expect(await video.getAttribute('controls')).not.toBeNull();
      expect(await page.locator('img[src*="/media/"]').count()).toBe(0);
      await session.shot(page, `post-video-${language}`, true);
    }
  });
});
