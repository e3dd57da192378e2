import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const ZONE = 'Europe/Madrid';
const OWNER = { email: 'lucia@example.test', name: 'Lucía', password: 'correct horse battery' };

/**
 * The calendar's own grid (issue 12, benchmark) in real Chromium, in Spanish and in English, with a busy
 * month: Monday first in Spanish, "+N more" opening the whole day, a post opened by a click, drag to
 * another day (month) and another hour (week) with the same wall-clock time in the brand's zone, undo,
 * and screenshots of the month, week and list views.
 */
describe('the calendar grid (real Chromium, es + en)', { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  let workspaceId = '';
  const channelIds: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const now = DateTime.now().setZone(ZONE);
  // The posts to move live in the month on screen and in the future (late in a month: the next one).
  const month = now.day > 24 ? now.plus({ months: 1 }).startOf('month') : now.startOf('month');
  const quietDay = month.day === 1 && month.month !== now.month ? month.set({ day: 10 }) : now.plus({ days: 2 });
  const isQuiet = (d: DateTime) => d.hasSame(quietDay, 'day') || d.hasSame(quietDay.plus({ days: 1 }), 'day');
  const busyDay = [3, 4, 5, 6].map((n) => month.plus({ days: n })).find((d) => !isQuiet(d))!;
  const at = (day: DateTime, hour: number, minute = 0) => day.set({ hour, minute, second: 0, millisecond: 0 });

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    token = await signUpOwner(server, OWNER);
    workspaceId = (await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma ☕', timeZone: ZONE, language: 'es' })).id;
    for (const [name, handle] of [
      ['Instagram café', 'cafeig'],
      ['Mastodon café', 'cafemasto'],
      ['LinkedIn café', 'cafeli'],
    ])
      channelIds.push(
        (
          await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
            network: 'sandbox',
            name,
            fields: { handle, token: `t-${handle}` },
          })
        ).id,
      );
    // A busy month: 300 drafts over every day but the two the moved posts use.
    const days = month.daysInMonth ?? 28;
    const busyDays = Array.from({ length: days }, (_, i) => month.plus({ days: i })).filter((d) => !isQuiet(d));
    const topics = ['Tostado de la semana', 'Menú de otoño', 'Latte de avellana', 'Nuestro equipo', 'Terraza abierta', 'Receta: bizcocho'];
    const posts = Array.from({ length: 300 }, (_, i) => ({
      content: `${topics[i % topics.length]} (${i + 1})`,
      channels: i % 5 === 0 ? channelIds.map((channelId) => ({ channelId })) : [{ channelId: channelIds[i % 3] }],
      scheduledAt: at(busyDays[i % busyDays.length], 8 + (i % 12), (i * 7) % 60).toISO(),
      action: 'draft',
    }));
    await apiCall('POST', `/workspaces/${workspaceId}/posts/bulk`, { posts });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });

  async function openAs(lang: 'es' | 'en'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({
      timezoneId: 'America/New_York', // the browser's zone is not the brand's: the grid must not care
      locale: lang === 'es' ? 'es-ES' : 'en-US',
      viewport: { width: 1360, height: 1000 },
    });
    await context.addInitScript((language) => localStorage.setItem('plaza.lang', language), lang);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, OWNER.email, OWNER.password)).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspaceId);
    await page.goto(`${server.url}/calendar`);
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    if (month.month !== now.month) await page.getByTestId('calendar-next').click();
    return { context, page, errors };
  }

  async function scheduled(content: string, when: DateTime): Promise<string> {
    const created = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content,
      channels: [{ channelId: channelIds[0] }, { channelId: channelIds[1] }],
      scheduledAt: when.toISO(),
      action: 'submit',
    });
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${created.id}/approve`, {}).catch(() => undefined);
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${created.id}/schedule`, { scheduledAt: when.toISO() });
    return created.id;
  }

  const scheduledAt = async (id: string) =>
    Date.parse((await apiCall<{ scheduledAt: string }>('GET', `/workspaces/${workspaceId}/posts/${id}`)).scheduledAt);

  async function dragTo(page: Page, event: Locator, target: Locator) {
    const a = (await event.boundingBox())!;
    const b = (await target.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 6, a.y + a.height / 2 + 6, { steps: 3 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height - 6, { steps: 10 });
    await page.mouse.up();
  }

  for (const lang of ['es', 'en'] as const) {
    const text =
      lang === 'es'
        ? { week: 'Semana', list: 'Lista', undo: 'Deshacer', more: /^\+\d+ más$/, edit: 'Editar', firstWeekday: '1', close: 'Cerrar' }
        : { week: 'Week', list: 'List', undo: 'Undo', more: /^\+\d+ more$/, edit: 'Edit', firstWeekday: '1', close: 'Close' };

    it(`${lang}: a busy month shows a few posts a day and "+N more" opens the whole day; a click opens a post`, async () => {
      const { context, page, errors } = await openAs(lang);
      const grid = page.getByTestId('calendar');
      // Monday first in Spanish, and in English too for this brand: its own language (es) expects it.
      await expect(grid.locator('[role="columnheader"]').first().getAttribute('data-weekday')).resolves.toBe(text.firstWeekday);
      const busy = grid.locator(`[data-date="${busyDay.toISODate()}"]`);
      const shown = await busy.locator('[data-post-id]').count();
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThanOrEqual(3);
      const more = busy.getByRole('button', { name: text.more });
      const hidden = Number((await more.textContent())!.match(/\d+/)![0]);
      await shot(page, `calendar-month-busy-${lang}`);
      await more.click();
      const popover = busy.getByRole('dialog');
      await expect(popover.locator('[data-post-id]').count()).resolves.toBe(shown + hidden);
      // Time order, in the brand's zone (the browser runs in New York).
      const times = await popover.locator('.plaza-event-time').allTextContents();
      expect(times).toEqual([...times].sort());
      expect(Number(times[0].slice(0, 2))).toBeGreaterThanOrEqual(8);
      await shot(page, `calendar-more-${lang}`);
      const first = popover.locator('[data-post-id]').first();
      const label = (await first.getAttribute('aria-label'))!;
      await first.click();
      const summary = page.getByTestId('calendar-post');
      await summary.waitFor();
      expect(label).toContain((await summary.locator('p').first().textContent())!.slice(0, 20));
      await summary.getByRole('button', { name: text.edit }).waitFor();
      await page.keyboard.press('Escape');
      await summary.waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`${lang}: drags a post to the next day (same time in the brand's zone), then undoes it`, async () => {
      const from = at(quietDay, lang === 'es' ? 10 : 11, 30);
      const id = await scheduled(`Mover en ${lang}`, from);
      const { context, page, errors } = await openAs(lang);
      const event = page.locator(`[data-post-id="${id}"]`);
      await expect(event.getAttribute('aria-label')).resolves.toContain(from.toFormat('HH:mm'));
      const target = page.getByTestId('calendar').locator(`[data-date="${from.plus({ days: 1 }).toISODate()}"]`);
      await dragTo(page, event, target);
      await page.getByTestId('reschedule-undo').waitFor();
      // On screen at once, in the new day.
      await target.locator(`[data-post-id="${id}"]`).waitFor();
      expect(await scheduledAt(id)).toBe(from.plus({ days: 1 }).toMillis());
      await page.getByRole('button', { name: text.undo }).click();
      await expect.poll(() => scheduledAt(id)).toBe(from.toMillis());
      await page.getByTestId('calendar').locator(`[data-date="${from.toISODate()}"] [data-post-id="${id}"]`).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`${lang}: the week view shows hours; a post dragged to another hour keeps its minutes`, async () => {
      const from = at(quietDay, 9, lang === 'es' ? 15 : 45);
      const id = await scheduled(`Semana ${lang}`, from);
      const { context, page, errors } = await openAs(lang);
      await page.getByRole('button', { name: text.week, exact: true }).click();
      const event = page.locator(`[data-post-id="${id}"]`);
      for (let i = 0; i < 6 && (await event.count()) === 0; i++) await page.getByTestId('calendar-next').click();
      await event.waitFor();
      await expect(page.getByTestId('calendar').getAttribute('data-view')).resolves.toBe('week');
      await shot(page, `calendar-week-${lang}`);
      const target = page.getByTestId('calendar').locator(`[data-date="${from.toISODate()}"][data-hour="15"]`);
      await dragTo(page, event, target);
      await page.getByTestId('reschedule-undo').waitFor();
      await target.locator(`[data-post-id="${id}"]`).waitFor();
      expect(await scheduledAt(id)).toBe(from.set({ hour: 15 }).toMillis());
      await page.getByRole('button', { name: text.list, exact: true }).click();
      await page.locator('.plaza-cal-list').waitFor();
      await shot(page, `calendar-list-${lang}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
  it("switching between two brands, each one's month is still fetched by index.html's boot script", async () => {
    const other = (
      await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Panadería Sol', timeZone: 'America/Mexico_City', language: 'es' })
    ).id;
    const { context, page, errors } = await openAs('en');
    // What the inline boot script asks for: fetches made while a classic inline script runs (the app's modules have no currentScript).
    await context.addInitScript(() => {
      const asked: string[] = [];
      (window as unknown as { __bootAsked: string[] }).__bootAsked = asked;
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const script = document.currentScript as HTMLScriptElement | null;
        if (script && !script.src) asked.push(new URL(String(input), location.href).pathname);
        return original(input, init);
      };
    });
    const visit = async (id: string) => {
      await page.evaluate((workspace) => localStorage.setItem('plaza.workspace', workspace), id);
      await page.goto(`${server.url}/calendar`);
      await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
      return page.evaluate(() => (window as unknown as { __bootAsked: string[] }).__bootAsked);
    };
    await visit(other); // the other brand's first visit: its calendar remembers what to fetch
    for (const id of [workspaceId, other, workspaceId]) {
      const asked = await visit(id);
      expect(asked).toContain('/api/v1/me');
      expect(asked).toContain(`/api/v1/workspaces/${id}/calendar/entries`);
      expect(asked).toContain(`/api/v1/workspaces/${id}/channels`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a second visit starts the session check, the month and its channels from index.html, each asked once', async () => {
    const { context, page, errors } = await openAs('en');
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/v1/')) asked.push(url.pathname);
    });
    await page.reload();
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    const entriesPath = `/api/v1/workspaces/${workspaceId}/calendar/entries`;
    const once = (path: string) => asked.filter((p) => p === path).length;
    expect(once('/api/v1/me')).toBe(1);
    expect(once(entriesPath)).toBe(1);
    expect(once(`/api/v1/workspaces/${workspaceId}/channels`)).toBe(1);
    // Started by the boot script, before the app's entry had run and asked for its first chunk.
    const order = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const start = (match: (name: string) => boolean) => entries.find((e) => match(new URL(e.name).pathname))?.startTime ?? Number.NaN;
      return {
        me: start((name) => name === '/api/v1/me'),
        month: start((name) => name.endsWith('/calendar/entries')),
        firstChunk: start((name) => /^\/assets\/Shell-.*\.js$/.test(name)),
      };
    });
    expect(order.me).toBeLessThan(order.firstChunk);
    expect(order.month).toBeLessThan(order.firstChunk);
    expect(errors).toEqual([]);
    await context.close();
  });
});
