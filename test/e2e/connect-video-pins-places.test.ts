/**
 * YouTube, TikTok, Pinterest and Google Business Profile connected from the web app in real
 * Chromium, in Spanish and in English, against their local servers (PLAZA_NETWORK_ORIGINS, as
 * `config.networkOrigins`): Settings → Integrations (each network's app), Channels → Connect, the
 * network's consent page (the local server approves and sends the browser back), the picker
 * (Pinterest boards, Business Profile locations), then a video for YouTube and TikTok and a photo
 * for Pinterest and the Business Profile composed and published from the composer: each server
 * received exactly one post, and the post page says published. One Plaza, one Chromium for the
 * whole file. Screenshots: docs/screenshots/connect2-*.png.
 */
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyVideo } from '../../src/modules/media/testing/tiny-video.ts';
import { FakeGbpServer } from '../../src/networks/google-business/testing/server.ts';
import { FakePinterestServer } from '../../src/networks/pinterest/testing/server.ts';
import { FakeTikTokServer } from '../../src/networks/tiktok/testing/server.ts';
import { FakeYouTubeServer } from '../../src/networks/youtube/testing/server.ts';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { webSession, type WebSession } from './harness.ts';

type Texts = typeof es;
type Lang = 'es' | 'en';
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
const OWNER = { email: 'lucia@cafearoma.test', name: 'Lucía Gil', password: 'tostado lento de mañana' };

interface ChannelView {
  id: string;
  name: string;
  network: string;
  status: string;
  settings: Record<string, unknown>;
}
interface PostView {
  state: string;
  publications: Array<{ channelId: string; state: string; error: unknown; remoteUrl?: string | null }>;
}

describe('connect YouTube, TikTok, Pinterest and Google Business Profile from the web app and publish to each (real Chromium, es + en)', {
  // Each language takes 100–200 s on this machine under load (measured at load 15–22).
  timeout: 420_000,
}, () => {
  const youtube = new FakeYouTubeServer();
  const tiktok = new FakeTikTokServer();
  const pinterest = new FakePinterestServer();
  const gbp = new FakeGbpServer();
  let session: WebSession;
  let labels: Record<string, { en: string; es: string }> = {};
  const workspaces: Record<Lang, string> = { es: '', en: '' };
  const errors: string[] = [];
  const started = Date.now();
  const step = (what: string) => process.env.E2E_STEPS && console.log(`${((Date.now() - started) / 1000).toFixed(1)}s ${what}`);

  /** A signed-in page in `lang` on the workspace of that language; nothing but loopback is reached. */
  async function open(lang: Lang): Promise<Page> {
    const page = await session.openPage(lang, { width: 1280, height: 900 });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.context().route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspaces[lang]);
    return page;
  }

  /** Channels → Connect <network> → the network's consent page → the picker → the chosen ones. */
  async function connect(page: Page, lang: Lang, network: string, choose: string[], shot?: string) {
    step(`connect ${network} (${lang})`);
    const t = (lang === 'es' ? es : en) as Texts;
    await page.goto(`${session.server.url}/channels`);
    await page.getByRole('button', { name: fill(t.channels.connectNetwork, { network: labels[network]![lang] }), exact: true }).click();
    await page.getByRole('heading', { name: t.connect.pickerTitle }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/channels/connect');
    const list = page.getByTestId('picker-accounts');
    for (const name of choose) {
      const box = list.getByRole('checkbox', { name, exact: true });
      if (!(await box.isChecked())) await box.check();
    }
    if (shot) await session.shot(page, `${shot}-picker-${lang}`);
    await page.getByRole('button', { name: t.connect.connectChosen }).click();
    for (const name of choose) await page.getByTestId(`channel-${name}`).waitFor();
  }

  const channels = async (lang: Lang) =>
    (await session.api<{ items: ChannelView[] }>('GET', `/workspaces/${workspaces[lang]}/channels`)).items;

  async function waitForPost(lang: Lang, postId: string): Promise<PostView> {
    let post: PostView = { state: '', publications: [] };
    for (let i = 0; i < 300 && post.state !== 'published' && post.state !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      post = await session.api('GET', `/workspaces/${workspaces[lang]}/posts/${postId}`);
    }
    return post;
  }

  /** Composer: the channels ticked, the text, one file; "Publish now"; the post page says published. */
  async function publish(
    page: Page,
    lang: Lang,
    channelNames: string[],
    text: string,
    file: { name: string; mimeType: string; buffer: Buffer },
    shot: string,
    perChannel?: () => Promise<void>,
  ): Promise<PostView> {
    step(`publish ${shot} (${lang})`);
    const t = (lang === 'es' ? es : en) as Texts;
    await page.goto(`${session.server.url}/compose`);
    for (const name of channelNames) await page.getByLabel(name, { exact: true }).check();
    await page.getByLabel(t.composer.text, { exact: true }).fill(text);
    await page.locator('input[type="file"]').first().setInputFiles(file);
    await page.getByTestId('composer-media-item').waitFor({ timeout: 30_000 });
    if (file.mimeType.startsWith('image/')) await page.getByLabel(t.composer.altText).first().fill(text.slice(0, 60));
    await perChannel?.();
    await page
      .getByTestId('composer-issues')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await session.shot(page, `${shot}-composer-${lang}`, true);
    await page.getByRole('button', { name: t.composer.publishNow }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const postId = page.url().split('/').pop()!;
    const post = await waitForPost(lang, postId);
    await page.reload();
    await page.getByText(t.states.published, { exact: true }).first().waitFor({ timeout: 15_000 });
    await session.shot(page, `${shot}-published-${lang}`, true);
    return post;
  }

  beforeAll(async () => {
    await Promise.all([youtube.start(), tiktok.start(), pinterest.start(), gbp.start()]);
    session = await webSession({ owner: OWNER, screenshotPrefix: 'connect2' });
    const config = session.server.runtime.ctx.config;
    config.publicUrl = session.server.url;
    config.allowPrivateUrls = true;
    config.networkOrigins = {
      ...config.networkOrigins,
      youtube: youtube.baseUrl,
      tiktok: tiktok.baseUrl,
      pinterest: pinterest.baseUrl,
      'google-business': gbp.baseUrl,
    };
    workspaces.es = (
      await session.api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })
    ).id;
    workspaces.en = (
      await session.api<{ id: string }>('POST', '/workspaces', { name: 'Aroma Roasters', timeZone: 'Europe/London', language: 'en' })
    ).id;
    const networks = await session.api<{ items: Array<{ name: string; label: { en: string; es: string } }> }>('GET', '/networks');
    labels = Object.fromEntries(networks.items.map((n) => [n.name, n.label]));
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await Promise.all([youtube.stop(), tiktok.stop(), pinterest.stop(), gbp.stop()]);
  });

  const apps = () => ({
    youtube: { id: youtube.signIn.app.clientId, secret: youtube.signIn.app.clientSecret },
    tiktok: { id: tiktok.app.clientKey, secret: tiktok.app.clientSecret },
    pinterest: { id: pinterest.app.clientId, secret: pinterest.app.clientSecret },
    'google-business': { id: gbp.signIn.app.clientId, secret: gbp.signIn.app.clientSecret },
  });

  for (const lang of ['es', 'en'] as const) {
    it(`${lang}: enters the apps, connects the four networks through their consent pages and pickers, and publishes to each`, async () => {
      const t = (lang === 'es' ? es : en) as Texts;
      const page = await open(lang);

      // Settings → Integrations: each network's app and the redirect URL to register there.
      step(`integrations (${lang})`);
      await page.goto(`${session.server.url}/settings?tab=integrations`);
      for (const [network, app] of Object.entries(apps())) {
        const card = page.getByTestId(`integration-${network}`);
        await card.getByText(`${session.server.url}/api/v1/oauth/${network}/callback`, { exact: true }).waitFor();
        if (lang === 'es') {
          await card.getByLabel(t.connect.integrations.clientId).fill(app.id);
          await card.getByLabel(t.connect.integrations.clientSecret).fill(app.secret);
          await card.getByRole('button', { name: t.connect.integrations.save }).click();
          await card.getByRole('status').waitFor();
        }
      }
      await page.getByTestId('integration-youtube').scrollIntoViewIfNeeded();
      await session.shot(page, `integrations-${lang}`);

      const board = lang === 'es' ? 'Recetas de temporada' : 'Local y terraza';
      await connect(page, lang, 'youtube', [], 'youtube');
      await connect(page, lang, 'tiktok', [], 'tiktok');
      await connect(page, lang, 'pinterest', [board], 'pinterest');
      await connect(page, lang, 'google-business', ['Café Aroma (Sevilla)'], 'gbp');
      await session.shot(page, `channels-${lang}`, true);

      const connected = await channels(lang);
      expect(connected.map((c) => [c.network, c.status]).sort()).toEqual(
        [
          ['google-business', 'active'],
          ['pinterest', 'active'],
          ['tiktok', 'active'],
          ['youtube', 'active'],
        ].sort(),
      );
      const byNetwork = (network: string) => connected.find((c) => c.network === network)!;
      expect(byNetwork('pinterest')).toMatchObject({ name: board });
      expect(byNetwork('youtube').settings).toMatchObject({ channelId: youtube.channelId });
      expect(byNetwork('google-business').settings).toMatchObject({ locationName: gbp.locationName });
      // Google was asked for offline access with a PKCE challenge, as its guide says.
      const consent = youtube.signIn.consents.at(-1)!;
      expect(consent.get('access_type')).toBe('offline');
      expect(consent.get('code_challenge_method')).toBe('S256');

      // A video for YouTube and TikTok.
      const videoText = lang === 'es' ? 'Así tostamos el café de los lunes' : 'How we roast Monday’s coffee';
      const video = Buffer.from(tinyVideo({ width: 720, height: 1280, seconds: 6, padBytes: 64 * 1024 }));
      const videoPost = await publish(
        page,
        lang,
        [byNetwork('youtube').name, byNetwork('tiktok').name],
        videoText,
        { name: 'tostado.mp4', mimeType: 'video/mp4', buffer: video },
        'video',
        async () => {
          // TikTok asks the creator to choose who sees each post (no default): its tab offers the creator's levels.
          const tiktokChannel = byNetwork('tiktok');
          await page.getByRole('tab', { name: tiktokChannel.name }).click();
          await page.getByTestId(`option-${tiktokChannel.id}-privacy`).click();
          await page
            .getByRole('listbox')
            .getByRole('option', { name: lang === 'es' ? 'Todo el mundo' : 'Everyone', exact: true })
            .click();
          await page.getByRole('tab', { name: t.composer.allChannels }).click();
        },
      );
      expect(videoPost.publications.map((p) => [p.state, p.error])).toEqual(Array(2).fill(['published', null]));
      expect(youtube.postsWithText(videoText)).toBe(1);
      expect(tiktok.postsWithText(videoText)).toBe(1);

      // A photo for the Pinterest board and the Business Profile location.
      const photoText = lang === 'es' ? 'Tarta de queso recién hecha, hasta agotar existencias' : 'Fresh cheesecake, while it lasts';
      const image = await sharp({ create: { width: 1000, height: 1500, channels: 3, background: '#c8743a' } })
        .jpeg()
        .toBuffer();
      const photoPost = await publish(
        page,
        lang,
        [byNetwork('pinterest').name, byNetwork('google-business').name],
        photoText,
        { name: 'tarta.jpg', mimeType: 'image/jpeg', buffer: image },
        'photo',
      );
      expect(photoPost.publications.map((p) => [p.state, p.error])).toEqual(Array(2).fill(['published', null]));
      expect(pinterest.postsWithText(photoText)).toBe(1);
      expect(gbp.postsWithText(photoText)).toBe(1);
      await page.context().close();
    });
  }

  it('the local servers saw no request that breaks the networks’ documents, and the pages threw nothing', () => {
    expect(pinterest.violations).toEqual([]);
    expect(tiktok.violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
