import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getInProcessSandbox } from '../../src/networks/sandbox/index.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const ZONE = 'America/Mexico_City';
const PAGES: Array<{ path: string; heading: { en: string; es: string }; shot: string }> = [
  { path: '/strategy', heading: { en: 'Strategy', es: 'Estrategia' }, shot: 'strategy' },
  { path: '/analytics/overview', heading: { en: 'Analytics', es: 'Analítica' }, shot: 'overview' },
  { path: '/analytics/best-time', heading: { en: 'Best time to post', es: 'Mejor hora para publicar' }, shot: 'best-time' },
  { path: '/analytics/links', heading: { en: 'Tracked links and ROI', es: 'Enlaces con seguimiento y ROI' }, shot: 'links' },
  { path: '/analytics/reports', heading: { en: 'Reports', es: 'Informes' }, shot: 'reports' },
  { path: '/analytics/alerts', heading: { en: 'Objective alerts', es: 'Alertas de objetivos' }, shot: 'alerts' },
];

describe('strategy and analytics pages end to end (real Chromium, real server)', { timeout: 60_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token = '';
  let workspaceId = '';
  let postId = '';
  const pageErrors: string[] = [];

  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `analytics-${name}.png`), fullPage: true });
  const missingKeys = () => page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);

  beforeAll(async () => {
    server = await startE2EServer();
    // Owner, workspace, a channel and a campaign through the API, to keep the test short.
    token = await signUpOwner(server, { email: 'lu@example.test', name: 'Lu Manager', password: 'correct horse battery' });
    workspaceId = (await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Tienda Luna', timeZone: ZONE, language: 'es' })).id;
    await apiCall('POST', `/workspaces/${workspaceId}/channels`, {
      network: 'sandbox',
      name: 'Sandbox Luna',
      fields: { handle: 'lunashop', token: 't-luna' },
    });
    await apiCall('POST', `/workspaces/${workspaceId}/campaigns`, { name: 'Rebajas de verano', budget: 300 });
    await apiCall('POST', `/workspaces/${workspaceId}/pillars`, { name: 'Recetas', color: '#2f9e44' });

    browser = await launchBrowser();
    context = await browser.newContext({ timezoneId: 'Europe/Madrid', locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await context.addInitScript((id) => {
      if (!localStorage.getItem('plaza.lang')) localStorage.setItem('plaza.lang', 'en');
      localStorage.setItem('plaza.workspace', id);
    }, workspaceId);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'lu@example.test', 'correct horse battery')).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates an objective through the strategy page; it shows its status and time zone dates', async () => {
    await page.goto(`${server.url}/strategy`);
    await page.getByRole('heading', { name: 'Strategy', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New objective' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill('Leads de verano');
    await dialog.getByLabel(/^Target/).fill('40');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const card = page.getByTestId('objective-Leads de verano');
    await card.waitFor();
    // A new objective is not judged yet (issue 12): "Too early to judge", with the day judging starts.
    await expect(card.getByTestId('objective-status').textContent()).resolves.toBe('Too early to judge');
    await expect(card.getByTestId('judging-from').textContent()).resolves.toMatch(/^Judged from \w{3} \d{1,2}, \d{4}$/);
    const objectives = await apiCall<{ items: Array<{ name: string; kpi: string; target: number; startAt: string }> }>(
      'GET',
      `/workspaces/${workspaceId}/objectives`,
    );
    expect(objectives.items).toMatchObject([{ name: 'Leads de verano', kpi: 'engagement_rate_by_followers', target: 40 }]);
    // The start was entered as midnight in the brand's zone (not the browser's).
    const startHour = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(
      new Date(objectives.items[0].startAt),
    );
    expect(startHour).toBe('00');
    await card.getByRole('button', { name: 'Evidence and forecast' }).click();
    await card.getByTestId('objective-progress').waitFor();
  });

  it('creates a tracked link through the links page; a click shows up as one unique visitor', async () => {
    await page.goto(`${server.url}/analytics/links`);
    await page.getByLabel(/^Destination URL/).fill('https://example.test/rebajas');
    await page.getByRole('button', { name: 'Create short link' }).click();
    const created = page.getByTestId('new-short-link');
    await created.waitFor();
    const shortUrl = (await created.locator('code').textContent()) ?? '';
    expect(shortUrl).toMatch(/\/l\/[A-Za-z0-9]+$/);
    const code = shortUrl.split('/l/')[1];
    const redirect = await fetch(`${server.url}/l/${code}`, {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36' },
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toContain('utm_medium=social');
    await page.getByRole('button', { name: 'Details and QR' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Unique visitors').waitFor();
    await expect
      .poll(
        async () =>
          dialog
            .locator('div', { has: page.getByText('Unique visitors', { exact: true }) })
            .last()
            .textContent(),
        { timeout: 5_000 },
      )
      .toContain('1');
    await expect(dialog.getByRole('img', { name: /QR code/ }).isVisible()).resolves.toBe(true);
    await shot('link-detail');
    await page.keyboard.press('Escape');
  });

  it('a published post has a metrics dashboard (chart by time in the brand zone, KPI reasons, tracked links), reached from the post and the overview', {
    timeout: 150_000,
  }, async () => {
    const channel = (
      await apiCall<{ items: Array<{ id: string; name: string }> }>('GET', `/workspaces/${workspaceId}/channels`)
    ).items.find((c) => c.name === 'Sandbox Luna')!;
    const created = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'Helado de mango, 2x1 este fin de semana',
      channels: [{ channelId: channel.id }],
      action: 'publish_now',
    });
    postId = created.id;
    await expect
      .poll(async () => (await apiCall<{ state: string }>('GET', `/workspaces/${workspaceId}/posts/${postId}`)).state, { timeout: 20_000 })
      .toBe('published');
    // Right after publishing: "waiting for first metrics" with when they are expected, not zeros (issue 12, item 10).
    for (const language of ['en', 'es'] as const) {
      await page.evaluate((lang) => localStorage.setItem('plaza.lang', lang), language);
      await page.goto(`${server.url}/analytics/posts/${postId}`);
      const waiting = page.getByTestId('waiting-first-metrics');
      await waiting.waitFor();
      await expect(waiting.textContent()).resolves.toMatch(
        language === 'en'
          ? /Waiting for first metrics.*Expected around \d{1,2}:\d\d/
          : /Esperando las primeras métricas.*Llegarán hacia las \d{1,2}:\d\d/,
      );
      expect(await missingKeys(), language).toEqual([]);
      await shot(language === 'es' ? 'post-waiting-es' : 'post-waiting');
      await page.goto(`${server.url}/analytics/overview`);
      await page.getByTestId('overview-waiting-first-metrics').waitFor();
      await page.getByTestId('daily-chart').locator('canvas').waitFor();
      await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 10_000 }).toBe(0);
      await shot(language === 'es' ? 'overview-waiting-es' : 'overview-waiting');
    }
    await apiCall('POST', `/workspaces/${workspaceId}/links`, { url: 'https://example.test/helado', postId, channelId: channel.id });
    // Two collections, so the chart has two snapshots in time.
    for (let i = 0; i < 2; i++) {
      const job = await apiCall<{ jobId: string }>('POST', `/workspaces/${workspaceId}/analytics/backfill`, {});
      await expect
        .poll(async () => (await apiCall<{ state: string }>('GET', `/workspaces/${workspaceId}/analytics/backfill/${job.jobId}`)).state, {
          timeout: 20_000,
        })
        .toBe('done');
    }
    await page.evaluate(() => localStorage.setItem('plaza.lang', 'en'));
    await page.goto(`${server.url}/posts/${postId}`);
    await page.getByRole('link', { name: 'Metrics', exact: true }).click();
    await page.waitForURL(`**/analytics/posts/${postId}`);
    await page.getByRole('heading', { name: 'Post metrics', exact: true }).waitFor();
    await page.getByTestId('post-chart').locator('canvas').waitFor();
    await expect(page.getByTestId('post-chart').textContent()).resolves.toContain('Likes');
    await page.getByText('Times in America/Mexico_City').first().waitFor();
    await page.getByText('2 snapshots').waitFor();
    // KPIs the post cannot have yet say why (which ones depends on what the network has reported so far).
    await expect(page.getByTestId('kpi-reason').first().textContent()).resolves.toMatch(/^Not available: \S/);
    await expect(page.getByTestId('post-links').textContent()).resolves.toContain('/l/');
    // The overview's best posts link to the same dashboard.
    await page.goto(`${server.url}/analytics/overview`);
    await page.getByTestId('best-posts').getByTestId('post-metrics-link').first().click();
    await page.waitForURL(`**/analytics/posts/${postId}`);
    await page.getByTestId('post-chart').waitFor();
    expect(await missingKeys()).toEqual([]);
  });

  it('the collection page starts a backfill, follows it to the end and lists collection errors, in English and Spanish', async () => {
    for (const language of ['en', 'es'] as const) {
      const text =
        language === 'en'
          ? {
              title: 'Metric collection',
              start: 'Collect all metrics now',
              done: 'Finished',
              missing: /^Not available: \S/,
              postTitle: 'Post metrics',
            }
          : {
              title: 'Recogida de métricas',
              start: 'Recoger todas las métricas ahora',
              done: 'Terminada',
              missing: /^No disponible: \S/,
              postTitle: 'Métricas de la publicación',
            };
      await page.evaluate((lang) => localStorage.setItem('plaza.lang', lang), language);
      await page.goto(`${server.url}/analytics/posts/${postId}`);
      await page.getByRole('heading', { name: text.postTitle, exact: true }).waitFor();
      await page.getByTestId('post-chart').locator('canvas').waitFor();
      await page.getByTestId('kpi-reason').first().waitFor();
      await expect(page.getByTestId('kpi-reason').first().textContent()).resolves.toMatch(text.missing);
      await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 10_000 }).toBe(0);
      await shot(language === 'es' ? 'post-dashboard-es' : 'post-dashboard');

      await page.goto(`${server.url}/analytics/collection`);
      await page.getByRole('heading', { name: text.title, exact: true }).waitFor();
      await page.getByTestId('collection-errors').waitFor();
      // In English the network answers every read with a 5xx: the backfill finishes with one failed post, listed with its reason.
      if (language === 'en') getInProcessSandbox().setOptions({ faultsOnReads: true, errorRate5xx: 1 });
      await page.getByRole('button', { name: text.start }).click();
      const progress = page.getByTestId('backfill-progress');
      await progress.getByTestId('backfill-state').getByText(text.done).waitFor({ timeout: 20_000 });
      getInProcessSandbox().setOptions({ faultsOnReads: false, errorRate5xx: 0 });
      await expect(progress.getByTestId('backfill-counts').textContent()).resolves.toMatch(
        language === 'en' ? /1 of 1 posts, 1 failed/ : /1 de 1 publicaciones, 0 fallidas/,
      );
      const error = page.getByTestId('collection-error').first();
      await error.waitFor();
      await expect(error.textContent()).resolves.toMatch(/sandbox · Sandbox Luna.*http_50\d simulated server error/);
      await expect(error.getByRole('link').getAttribute('href')).resolves.toBe(`/analytics/posts/${postId}`);
      await page.getByTestId('backfill-list').getByTestId('backfill-state').first().getByText(text.done).waitFor();
      expect(await missingKeys(), language).toEqual([]);
      await shot(language === 'es' ? 'collection-es' : 'collection');
    }
    const backfills = await apiCall<{ items: Array<{ state: string }> }>('GET', `/workspaces/${workspaceId}/analytics/backfills`);
    expect(backfills.items.slice(0, 4).map((b) => b.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(pageErrors).toEqual([]);
  });

  it('every page renders in English and Spanish with no missing translation and no page error', { timeout: 150_000 }, async () => {
    for (const language of ['en', 'es'] as const) {
      await page.evaluate((lang) => localStorage.setItem('plaza.lang', lang), language);
      for (const target of PAGES) {
        await page.goto(`${server.url}${target.path}`);
        await page.getByRole('heading', { name: target.heading[language], exact: true }).waitFor();
        if (target.path === '/analytics/overview') await page.getByTestId('daily-chart').waitFor();
        if (target.path === '/analytics/best-time') await page.getByTestId('heatmap').waitFor();
        if (target.path === '/strategy') await page.getByTestId('objective-Leads de verano').getByTestId('objective-status').waitFor();
        await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 10_000 }).toBe(0);
        expect(await missingKeys(), `${language} ${target.path}`).toEqual([]);
        if (language === 'es' || target.path === '/analytics/overview') await shot(language === 'es' ? `${target.shot}-es` : target.shot);
      }
    }
    // The overview shows KPI variants with the reason a metric is missing, in Spanish.
    await page.goto(`${server.url}/analytics/overview`);
    await page
      .getByTestId('kpi-cpl')
      .getByText(/No hay costes registrados/)
      .waitFor();
    await expect(page.getByTestId('brand-zone').textContent()).resolves.toContain(ZONE);
    expect(pageErrors).toEqual([]);
  });
});
