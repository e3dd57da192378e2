/**
 * The five sign-in networks end to end, in real Chromium, against their local contract servers
 * (PLAZA_NETWORK_ORIGINS points Plaza at them; each one answers its sign-in page, token endpoint
 * and API as the network documents them):
 *
 * Spanish: Settings → Integraciones (client id and secret of each app, the redirect URLs shown),
 * Canales → Conectar for Facebook, Instagram (through a Facebook Page, with the Facebook app),
 * Threads, X and LinkedIn, each through the account picker; one post with an image composed for
 * the five and published: each server received exactly one post; then X refuses to renew the access,
 * the channel says "Hay que reconectar" with the reason, and "Reconectar" signs in again.
 * English: Instagram with its own login in another brand, and the screens in English.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { refreshChannel } from '../../src/modules/oauth/refresh.ts';
import { FakeFacebookServer } from '../../src/networks/facebook/testing/server.ts';
import { FakeInstagramServer } from '../../src/networks/instagram/testing/server.ts';
import { FakeLinkedInServer } from '../../src/networks/linkedin/testing/server.ts';
import { FakeThreadsServer } from '../../src/networks/threads/testing/server.ts';
import { FakeXServer } from '../../src/networks/x/testing/server.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

type Texts = typeof es;
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

interface ChannelView {
  id: string;
  name: string;
  network: string;
  status: string;
  settings: Record<string, unknown>;
  apiCost?: { currency: string; total: number; publications: number; month: string } | null;
}

describe('connect Facebook, Instagram, Threads, X and LinkedIn from the web app and publish to all five (real Chromium)', {
  timeout: 150_000,
}, () => {
  let server: E2EServer;
  const facebook = new FakeFacebookServer();
  const instagram = new FakeInstagramServer();
  const threads = new FakeThreadsServer();
  const x = new FakeXServer();
  const linkedin = new FakeLinkedInServer();
  let browser: Browser;
  let token = '';
  let workspaceEs = '';
  let workspaceEn = '';
  const errors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const apps: Record<string, { id: string; secret: string }> = {
    facebook: { id: facebook.appId, secret: facebook.appSecret },
    instagram: { id: instagram.appId, secret: instagram.appSecret },
    threads: { id: threads.appId, secret: threads.appSecret },
    x: { id: x.app.clientId, secret: x.app.clientSecret },
    linkedin: { id: linkedin.app.clientId, secret: linkedin.app.clientSecret },
  };

  async function openAs(lang: 'es' | 'en', workspaceId: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      timezoneId: 'Europe/Madrid',
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript(
      ([l, id]) => {
        localStorage.setItem('plaza.lang', l);
        localStorage.setItem('plaza.workspace', id);
      },
      [lang, workspaceId] as const,
    );
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'lucia@cafe.test', 'correct horse battery')).toBe(200);
    return { context, page };
  }

  const started = Date.now();
  const step = (what: string) => process.env.E2E_STEPS && console.log(`${((Date.now() - started) / 1000).toFixed(1)}s ${what}`);
  const shot = (page: Page, name: string, fullPage = false) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });

  /** Channels → Conectar <network> (→ the way) → the network's page → the picker → the chosen accounts. */
  async function connect(
    page: Page,
    t: Texts,
    network: string,
    label: string,
    choose: string[],
    options: { way?: string; shot?: string } = {},
  ) {
    step(`connect ${network}`);
    await page.goto(`${server.url}/channels`);
    await page.getByRole('button', { name: fill(t.channels.connectNetwork, { network: label }), exact: true }).click();
    if (options.way) {
      await page.getByTestId('sign-in-ways').waitFor();
      if (options.shot) await shot(page, `${options.shot}-ways`);
      await page.getByTestId('sign-in-ways').getByRole('button', { name: options.way, exact: true }).click();
    }
    // The network's sign-in page approves at once and sends the browser back: the picker.
    await page.getByRole('heading', { name: t.connect.pickerTitle }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/channels/connect');
    const list = page.getByTestId('picker-accounts');
    for (const name of choose) {
      const box = list.getByRole('checkbox', { name, exact: true });
      if (!(await box.isChecked())) await box.check();
    }
    if (options.shot) await shot(page, `${options.shot}-picker`);
    await page.getByRole('button', { name: t.connect.connectChosen }).click();
    for (const name of choose) await page.getByTestId(`channel-${name}`).waitFor();
    expect(network).toBeTruthy();
  }

  const channels = async (workspaceId: string) =>
    (await apiCall<{ items: ChannelView[] }>('GET', `/workspaces/${workspaceId}/channels`)).items;

  beforeAll(async () => {
    await Promise.all([facebook.start(), instagram.start(), threads.start(), x.start(), linkedin.start()]);
    // Instagram through a Facebook Page signs in with the Facebook app (Meta's one app for both).
    instagram.facebookApp = { id: facebook.appId, secret: facebook.appSecret };
    instagram.accountName = 'Café Plaza en Instagram';
    server = await startE2EServer();
    const config = server.runtime.ctx.config;
    config.publicUrl = server.url;
    config.allowPrivateUrls = true;
    config.networkOrigins = {
      facebook: facebook.baseUrl,
      instagram: instagram.baseUrl,
      threads: threads.baseUrl,
      x: x.baseUrl,
      linkedin: linkedin.baseUrl,
    };
    token = await signUpOwner(server, { email: 'lucia@cafe.test', name: 'Lucía', password: 'correct horse battery' });
    workspaceEs = (await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' }))
      .id;
    workspaceEn = (
      await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Aroma Roasters', timeZone: 'Europe/London', language: 'en' })
    ).id;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await Promise.all([facebook.stop(), instagram.stop(), threads.stop(), x.stop(), linkedin.stop()]);
  });

  it('Spanish: enters the five apps, connects the five networks through their pickers, publishes one post to all, and reconnects X', async () => {
    const { context, page } = await openAs('es', workspaceEs);
    const t = es;

    // Settings → Integraciones: each app's client id and secret; the redirect URL to register.
    step('integrations');
    await page.goto(`${server.url}/settings?tab=integrations`);
    for (const [network, app] of Object.entries(apps)) {
      const card = page.getByTestId(`integration-${network}`);
      await card.getByText(`${server.url}/api/v1/oauth/${network}/callback`, { exact: true }).waitFor();
      await card.getByLabel(t.connect.integrations.clientId).fill(app.id);
      await card.getByLabel(t.connect.integrations.clientSecret).fill(app.secret);
      await card.getByRole('button', { name: t.connect.integrations.save }).click();
      await card.getByRole('status').waitFor();
    }
    // The Facebook app also serves Instagram through a Page: its callback is listed there too.
    await page
      .getByTestId('integration-also-instagram')
      .getByText(`${server.url}/api/v1/oauth/instagram/callback`, { exact: true })
      .waitFor();
    await page.getByTestId('integration-facebook').scrollIntoViewIfNeeded();
    await shot(page, 'connect-integrations-es');

    await connect(page, t, 'facebook', 'Páginas de Facebook', ['Café Plaza'], { shot: 'connect-facebook-es' });
    await connect(page, t, 'instagram', 'Instagram', ['Café Plaza en Instagram'], {
      way: 'A través de una página de Facebook',
      shot: 'connect-instagram-es',
    });
    await connect(page, t, 'threads', 'Threads', ['Café Aroma ☕']);
    await connect(page, t, 'x', 'X', ['Plaza Café']);
    await connect(page, t, 'linkedin', 'LinkedIn', ['Café Aroma'], { shot: 'connect-linkedin-es' });
    await shot(page, 'connect-channels-es');

    const connected = await channels(workspaceEs);
    expect(connected.map((c) => [c.network, c.name, c.status]).sort()).toEqual(
      [
        ['facebook', 'Café Plaza', 'active'],
        ['instagram', 'Café Plaza en Instagram', 'active'],
        ['linkedin', 'Café Aroma', 'active'],
        ['threads', 'Café Aroma ☕', 'active'],
        ['x', 'Plaza Café', 'active'],
      ].sort(),
    );
    const ig = connected.find((c) => c.network === 'instagram')!;
    expect(ig.settings).toMatchObject({ api: 'facebook', oauthWay: 'facebook', pageId: instagram.pageId });

    step('compose');
    // One post with an image for the five, published now.
    await page.goto(`${server.url}/compose`);
    for (const channel of connected) await page.getByLabel(channel.name, { exact: true }).check();
    const text = 'Hoy estrenamos el café de otoño, con canela y naranja.';
    await page.getByLabel(t.composer.text, { exact: true }).fill(text);
    const image = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#c8743a' } })
      .jpeg()
      .toBuffer();
    // JPEG: Instagram takes no other image format.
    await page.locator('input[type="file"]').setInputFiles({ name: 'otono.jpg', mimeType: 'image/jpeg', buffer: image });
    await page.getByTestId('composer-media-item').waitFor();
    await page.getByLabel(t.composer.altText).first().fill('Una taza de café con canela');
    await page
      .getByTestId('composer-issues')
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    // X bills per call: the composer shows the estimate for the X channel, in dollars, in Spanish.
    const estimate = page.getByTestId('api-cost-Plaza Café');
    await estimate.getByText(/Coste estimado en la API de X para Plaza Café: 0,\d+\s?US\$/).waitFor();
    expect(await page.getByTestId('api-cost-Café Plaza').count()).toBe(0);
    await shot(page, 'connect-composer-five-es', true);
    await page.getByRole('button', { name: t.composer.publishNow }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postId = page.url().split('/').pop()!;
    step('publishing');
    let post: { state: string; publications: Array<{ state: string; error: unknown }> } = { state: '', publications: [] };
    for (let i = 0; i < 150 && post.state !== 'published' && post.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      post = await apiCall('GET', `/workspaces/${workspaceEs}/posts/${postId}`);
    }
    expect(post.publications.map((p) => [p.state, p.error])).toEqual(Array(5).fill(['published', null]));
    // Each network received exactly one post.
    expect([...facebook.posts.values()].filter((p) => !p.deleted && p.message === text)).toHaveLength(1);
    expect(instagram.postsWithText(text)).toBe(1);
    expect([...threads.posts.values()].filter((p) => p.text === text)).toHaveLength(1);
    expect(x.postsWithText(text)).toBe(1);
    expect(linkedin.postsWithText(text)).toBe(1);
    expect(x.violations).toEqual([]);

    // The X channel totals what its posts cost this month.
    const xCost = (await channels(workspaceEs)).find((c) => c.network === 'x')!.apiCost!;
    expect(xCost).toMatchObject({ currency: 'USD', publications: 1 });
    expect(xCost.total).toBeGreaterThan(0);

    // X stops accepting the token and refuses to renew it: the channel needs reconnecting, with the reason.
    step('reconnect');
    const xChannel = connected.find((c) => c.network === 'x')!;
    x.expireAllAccessTokens();
    x.refuseRefresh();
    await expect(refreshChannel(server.runtime.ctx, xChannel.id)).rejects.toThrow();
    await page.goto(`${server.url}/channels`);
    const card = page.getByTestId('channel-Plaza Café');
    await card.getByText(t.channels.status.needs_reconnect, { exact: true }).first().waitFor();
    expect(await card.getByTestId('channel-error').textContent()).toContain(t.networkReasons.refresh_refused);
    await card
      .getByTestId('channel-api-cost')
      .getByText(/^API de X este mes: 0,\d+\s?US\$ · publicaciones: 1$/)
      .waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'connect-needs-reconnect-es');
    x.refuseRefresh(false);
    await card.getByRole('button', { name: t.channels.reconnect }).click();
    await page.getByRole('heading', { name: t.connect.pickerTitle }).waitFor({ timeout: 15_000 });
    await page.getByTestId('picker-accounts').getByText(t.connect.alreadyConnected).waitFor();
    await page.getByRole('button', { name: t.connect.connectChosen }).click();
    await card.getByText(t.channels.status.active, { exact: true }).waitFor();
    expect((await channels(workspaceEs)).filter((c) => c.network === 'x')).toMatchObject([{ id: xChannel.id, status: 'active' }]);
    await context.close();
  });

  it('English: Instagram with its own login, the ways to sign in and the picker in English', async () => {
    const { context, page } = await openAs('en', workspaceEn);
    const t = en as unknown as Texts;
    await page.goto(`${server.url}/settings?tab=integrations`);
    await page.getByTestId('integration-facebook').getByText(t.connect.integrations.source.settings).waitFor();
    await shot(page, 'connect-integrations-en');
    await connect(page, t, 'instagram', 'Instagram', ['Café Plaza en Instagram'], {
      way: 'Instagram login',
      shot: 'connect-instagram-en',
    });
    await connect(page, t, 'linkedin', 'LinkedIn', ['Lucía Pérez', 'Café Aroma'], { shot: 'connect-linkedin-en' });
    await shot(page, 'connect-channels-en');
    const connected = await channels(workspaceEn);
    expect(connected.find((c) => c.network === 'instagram')?.settings).toMatchObject({ api: 'instagram', igUserId: instagram.igUserId });
    expect(connected.find((c) => c.network === 'instagram')?.settings.oauthWay).toBeUndefined();
    expect(
      connected
        .filter((c) => c.network === 'linkedin')
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Café Aroma', 'Lucía Pérez']);
    await context.close();
    expect(errors).toEqual([]);
  });
});
