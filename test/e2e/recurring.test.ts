/**
 * Recurring posts end to end in a real Chromium against a real Plaza process: in Spanish, the
 * composer's "Repetir" makes a weekly post (every occurrence a scheduled post), the post page shows
 * the series and the calendar draws the repeat icon on each occurrence; in English, the calendar and
 * the post page of the same series. Screenshots go to docs/screenshots/.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

describe('recurring posts from the web app (real Chromium, real server)', { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  const pageErrors: string[] = [];
  const api = apiCaller(
    () => server,
    () => token,
  );
  let ws = '';
  // The next Monday on Madrid's clock, and the month the calendar must show it in.
  const monday = DateTime.now().setZone('Europe/Madrid').plus({ days: 1 }).startOf('day');
  const first = monday.plus({ days: (8 - monday.weekday) % 7 });

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'serie@example.test', name: 'Sara Serie', password: 'correct horse battery' });
    browser = await launchBrowser();
    ws = (await api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })).id;
    await api('POST', `/workspaces/${ws}/channels`, { network: 'sandbox', name: 'Aroma', fields: { handle: 'aroma-serie', token: 't' } });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(lang: 'es' | 'en', path_: string): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-GB', viewport: { width: 1366, height: 900 } });
    await context.addInitScript((l) => localStorage.setItem('plaza.lang', l), lang);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'serie@example.test', 'correct horse battery')).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${server.url}${path_}`);
    return page;
  }

  async function calendarAt(page: Page): Promise<void> {
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    if (first.month !== DateTime.now().setZone('Europe/Madrid').month) {
      await page.getByTestId('calendar-next').click();
      await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    }
    await page.getByTestId('calendar').locator(`[data-date="${first.toISODate()}"] [data-testid="calendar-repeat"]`).waitFor();
  }

  it('creates a weekly post from the composer and sees its occurrences in the calendar (Spanish)', async () => {
    const T = es.recurring;
    const page = await open('es', `/compose?date=${first.toISODate()}`);
    await page.getByLabel(`Aroma (${es.common.simulated})`).check();
    await page.getByLabel(es.composer.text, { exact: true }).fill('Café del lunes: el tueste de la semana ☕');
    await page.getByTestId('repeat-kind').click();
    await page.getByRole('listbox').getByRole('option', { name: T.kinds.weekly }).click();
    await page.getByTestId('repeat-weekdays').waitFor();
    await page.getByRole('button', { name: T.create }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await page.getByTestId('post-recurring').getByText('FREQ=WEEKLY;BYDAY=MO;COUNT=10', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'recurring-post-es.png'), fullPage: true });

    const series = await api<{ items: Array<{ id: string; occurrences: { total: number } }> }>('GET', `/workspaces/${ws}/recurring`);
    expect(series.items).toHaveLength(1);
    const detail = await api<{ items: Array<{ scheduledAt: string; state: string }> }>(
      'GET',
      `/workspaces/${ws}/recurring/${series.items[0].id}`,
    );
    expect(detail.items.length).toBeGreaterThanOrEqual(8);
    for (const o of detail.items) {
      expect(o.state).toBe('scheduled');
      expect(DateTime.fromISO(o.scheduledAt, { zone: 'Europe/Madrid' }).toFormat('c HH:mm')).toBe('1 09:00');
    }

    await page.goto(`${server.url}/calendar`);
    await calendarAt(page);
    expect(await page.getByTestId('calendar-repeat').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'recurring-calendar-es.png'), fullPage: true });
  });

  it('shows the repeat icon in the calendar and the series on the post page (English)', async () => {
    const page = await open('en', '/calendar');
    await calendarAt(page);
    const icon = page.getByRole('img', { name: en.recurring.icon }).first();
    await icon.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'recurring-calendar-en.png'), fullPage: true });
    await page.getByTestId('calendar').locator(`[data-date="${first.toISODate()}"] [data-post-id]`).first().click();
    expect(pageErrors).toEqual([]);
  });
});
