/**
 * Issue 12's rough edges in real Chromium, Spanish and English: the grouped sidebar on short laptop
 * screens, date pickers in the UI language with times in the brand's zone across daylight-saving
 * changes, the reports page without raw values, the analytics footnote that says how days are
 * counted, and each network's preview (gallery at /previews). Screenshots: docs/screenshots/polish-*.png.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const ZONE = 'Europe/Madrid';
const OWNER = { email: 'marta@cafearoma.test', name: 'Marta Ruiz', password: 'tostado lento de mañana' };

describe('sidebar, date pickers, reports and previews (real Chromium, es + en)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  let workspaceId = '';
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const contexts: BrowserContext[] = [];
  // The owner's session, signed in once: a page per test signing in again would pass the sign-in route's
  // 10 a minute per address on a quiet machine (this file opens a dozen pages).
  let session: Awaited<ReturnType<BrowserContext['cookies']>> = [];

  /** A signed-in page in `language`, at `width`×`height`, with the browser itself in Madrid. */
  async function openPage(language: 'es' | 'en', width = 1280, height = 800, locale?: string): Promise<Page> {
    const context = await browser.newContext({
      locale: locale ?? (language === 'es' ? 'es-ES' : 'en-US'),
      timezoneId: ZONE,
      viewport: { width, height },
    });
    contexts.push(context);
    await context.addInitScript((lang) => localStorage.setItem('plaza.lang', lang), language);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    if (session.length > 0) await context.addCookies(session);
    await page.goto(`${server.url}/`);
    if (session.length === 0) {
      expect(await signInPage(page, OWNER.email, OWNER.password)).toBe(200);
      session = await context.cookies();
    }
    return page;
  }

  async function shot(page: Page, name: string) {
    await page.waitForLoadState('networkidle');
    const missing = await page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);
    expect(missing, `missing i18n keys at ${name}`).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `polish-${name}.png`), fullPage: name.includes('gallery') });
  }

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    token = await signUpOwner(server, OWNER);
    workspaceId = (await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma ☕', timeZone: ZONE, language: 'es' })).id;
    await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
      network: 'sandbox',
      name: 'Café Aroma',
      fields: { handle: 'cafearoma', token: 't-cafearoma' },
    });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  for (const [width, height] of [
    [1366, 768],
    [1280, 800],
  ] as const) {
    it(`the grouped sidebar reaches its last entry at ${width}×${height}, the active one in view`, async () => {
      const page = await openPage('es', width, height);
      await page.goto(`${server.url}/activity`);
      const active = page.locator('nav [aria-current="page"]');
      await active.waitFor();
      expect(await active.count()).toBe(1);
      expect(await active.textContent()).toBe(es.nav.activity);
      const navbar = page.locator('.mantine-AppShell-navbar');
      const box = (await navbar.boundingBox())!;
      const item = (await active.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(height + 1);
      expect(item.y).toBeGreaterThanOrEqual(box.y);
      expect(item.y + item.height).toBeLessThanOrEqual(box.y + box.height + 1);
      await shot(page, `sidebar-${width}x${height}`);
    });
  }

  it('Spanish dates: dd/mm/aaaa typed or picked from a Monday-first month, saved in Madrid time across both clock changes', async () => {
    const page = await openPage('es');
    await page.goto(`${server.url}/compose`);
    const day = page.getByLabel(es.composer.when.replace('{{zone}}', ZONE), { exact: true });
    await day.waitFor();
    expect(await day.getAttribute('placeholder')).toBe('dd/mm/aaaa');
    await day.click();
    const headers = await page.locator('.mantine-DateInput-weekday').allTextContents();
    expect(headers[0].toLowerCase()).toMatch(/^lu/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'polish-datepicker-es.png') });
    await page.keyboard.press('Escape');
    // The last Sunday of March 2027: 02:30 does not exist in Madrid, the field says when it will be.
    await day.fill('28/03/2027');
    const time = page.getByLabel(es.dates.time, { exact: true });
    await time.fill('02:30');
    await page.getByTestId('dst-shift').waitFor();
    expect(await page.getByTestId('dst-shift').textContent()).toContain('03:30');
    await time.fill('10:00');
    expect(await page.getByTestId('dst-shift').count()).toBe(0);
    await page
      .getByRole('checkbox', { name: /Café Aroma/ })
      .first()
      .check();
    await page.getByLabel(es.composer.text, { exact: true }).fill('Horario de verano: abrimos a las 10:00');
    await page.getByRole('button', { name: es.composer.saveDraft }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]+$/);
    const postId = page.url().split('/').pop()!;
    const saved = await apiCall<{ scheduledAt: string }>('GET', `/workspaces/${workspaceId}/posts/${postId}`);
    expect(new Date(saved.scheduledAt).toISOString()).toBe('2027-03-28T08:00:00.000Z');
    await shot(page, 'dates-es-post');

    // The last Sunday of October: 10:00 in Madrid is 09:00 UTC again; typed the short way.
    await page.goto(`${server.url}/compose`);
    await day.click();
    await day.fill('31/10/27');
    await page.getByLabel(es.dates.time, { exact: true }).fill('10:00');
    await page
      .getByRole('checkbox', { name: /Café Aroma/ })
      .first()
      .check();
    await page.getByLabel(es.composer.text, { exact: true }).fill('Horario de invierno');
    await shot(page, 'dates-es-compose');
    await page.getByRole('button', { name: es.composer.saveDraft }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]+$/);
    const october = await apiCall<{ scheduledAt: string }>('GET', `/workspaces/${workspaceId}/posts/${page.url().split('/').pop()}`);
    expect(new Date(october.scheduledAt).toISOString()).toBe('2027-10-31T09:00:00.000Z');
    // The post page's reschedule field shows it back the Spanish way.
    expect(await day.inputValue()).toBe('31/10/2027');
    expect(await page.getByLabel(`${es.composer.when.replace('{{zone}}', ZONE)} · ${es.dates.time}`).inputValue()).toBe('10:00');
    await shot(page, 'dates-es-post-page');
  });

  it('English dates: mm/dd/yyyy, weeks from Sunday; the analytics range picker too', async () => {
    const page = await openPage('en');
    await page.goto(`${server.url}/analytics/overview`);
    const from = page.getByLabel(en.analytics.range.from, { exact: true });
    await from.waitFor();
    expect(await from.getAttribute('placeholder')).toBe('mm/dd/yyyy');
    expect(await from.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await from.click();
    const headers = await page.locator('.mantine-DateInput-weekday').allTextContents();
    expect(headers[0].toLowerCase()).toMatch(/^su/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'polish-datepicker-en.png') });
    await page.keyboard.press('Escape');
  });

  it('British English dates: dd/mm/yyyy in a browser set to en-GB, typed and shown day first', async () => {
    const page = await openPage('en', 1280, 800, 'en-GB');
    await page.goto(`${server.url}/analytics/overview`);
    const from = page.getByLabel(en.analytics.range.from, { exact: true });
    await from.waitFor();
    expect(await from.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await from.fill('29/03/2026');
    await from.press('Tab');
    expect(await from.inputValue()).toBe('29/03/2026');
  });

  it('analytics says days are counted in the brand zone, the same zone as the picker (es and en)', async () => {
    for (const [language, dict] of [
      ['es', es],
      ['en', en],
    ] as const) {
      const page = await openPage(language);
      await page.goto(`${server.url}/analytics/overview`);
      await page.getByTestId('range-picker').waitFor();
      const footnote = dict.analytics.chart.byPublishDay.replace('{{zone}}', ZONE);
      await page.getByText(footnote).waitFor();
      expect(await page.locator('#root').textContent()).not.toContain('UTC');
      const from = page.getByLabel(dict.analytics.range.from, { exact: true });
      expect(await from.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      await shot(page, `analytics-${language}`);
    }
  });

  it('reports name formats and languages instead of raw values (es and en)', async () => {
    for (const [language, dict] of [
      ['es', es],
      ['en', en],
    ] as const) {
      const page = await openPage(language);
      await page.goto(`${server.url}/analytics/reports`);
      await page.getByTestId('report-download').waitFor();
      await page.getByText(dict.analytics.reports.formatPdf).first().waitFor();
      const text = (await page.locator('#main').textContent()) ?? '';
      expect(text).not.toMatch(/\bpdf\b/);
      await shot(page, `reports-${language}`);
    }
  });

  it("previews: each network's shape, the account's initials, link cards, crops, carousel dots and limits (es and en)", async () => {
    for (const language of ['es', 'en'] as const) {
      const page = await openPage(language, 1280, 900);
      await page.goto(`${server.url}/previews`);
      for (const network of ['instagram', 'facebook', 'linkedin', 'x', 'threads']) await page.getByTestId(`gallery-${network}`).waitFor();
      const card = (network: string, index: number) => page.getByTestId(`gallery-${network}`).getByTestId(`preview-${network}`).nth(index);
      // The sandbox channel has no picture: initials on a colour.
      expect(await card('x', 0).getByTestId('preview-avatar').textContent()).toBe('C');
      // Link cards from the address alone, except on Instagram (links in captions are not links there).
      for (const network of ['facebook', 'linkedin', 'x', 'threads'])
        expect(await card(network, 0).getByTestId('link-card').count()).toBe(1);
      expect(await card('instagram', 0).getByTestId('link-card').count()).toBe(0);
      expect(await card('instagram', 0).locator('a').count()).toBe(0);
      expect(await card('instagram', 0).getByTestId('needs-image').count()).toBe(1);
      // Instagram: one frame and three dots; X: over its 280 characters; Threads: 500 allows it.
      expect(await card('instagram', 1).getByTestId('carousel-dots').locator('[role="img"]').count()).toBe(3);
      expect(await card('instagram', 1).locator('[data-crop] img').count()).toBe(1);
      expect(await card('x', 1).getByTestId('preview-over-limit').count()).toBe(1);
      expect(await card('x', 1).getByTestId('preview-count').textContent()).toMatch(/\/280$/);
      expect(await card('threads', 1).getByTestId('preview-over-limit').count()).toBe(0);
      expect(await card('threads', 1).getByTestId('preview-count').textContent()).toMatch(/\/500$/);
      // The landscape image in X's 16:9 frame, the portrait one in Instagram's 4:5 when it comes first.
      expect(await card('x', 1).locator('[data-crop]').first().getAttribute('data-crop')).toBe('16:9');
      await shot(page, `gallery-${language}`);
    }
  });
});
