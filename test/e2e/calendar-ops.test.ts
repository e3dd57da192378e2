/**
 * Calendar work end to end in a real Chromium against a real Plaza process: in Spanish, the week view
 * shows the queue's free slots (one click opens the composer at that time), two posts are selected and
 * moved a day at once, then undone, and an undated draft beside the calendar goes into the queue; in
 * English, the posts list deletes a selection and brings it back with Undo. Screenshots: docs/screenshots/.
 */
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const ZONE = 'Europe/Madrid';

describe('calendar work from the web app (real Chromium, real server)', { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  const pageErrors: string[] = [];
  const api = apiCaller(
    () => server,
    () => token,
  );
  let ws = '';
  let queueId = '';
  const scheduled: string[] = [];
  let undated = '';
  // Next week's Monday in the brand's zone: the posts and the free slots are drawn there.
  const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1 });

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'lotes@example.test', name: 'Lola Lotes', password: 'correct horse battery' });
    browser = await launchBrowser();
    ws = (await api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: ZONE, language: 'es' })).id;
    const channelId = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'sandbox',
        name: 'Aroma',
        fields: { handle: 'aroma-lotes', token: 't' },
      })
    ).id;
    queueId = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/queues`, {
        name: 'Mañanas',
        channelIds: [channelId],
        slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, time: '10:30' })),
      })
    ).id;
    for (const [index, content] of ['Tostadas con tomate 🍅', 'Nuevo blend de otoño ☕'].entries()) {
      const at = monday
        .plus({ days: index + 1 })
        .set({ hour: 12 })
        .toISO();
      scheduled.push(
        (
          await api<{ id: string }>('POST', `/workspaces/${ws}/posts`, {
            content,
            channels: [{ channelId }],
            action: 'schedule',
            scheduledAt: at,
          })
        ).id,
      );
    }
    undated = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/posts`, { content: 'Idea: taller de latte art', channels: [{ channelId }] })
    ).id;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(lang: 'es' | 'en', path_: string): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-GB', viewport: { width: 1440, height: 1000 } });
    await context.addInitScript((l) => localStorage.setItem('plaza.lang', l), lang);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'lotes@example.test', 'correct horse battery')).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${server.url}${path_}`);
    return page;
  }
  const post = (id: string) => api<{ state: string; scheduledAt: string | null; queueId?: string }>('GET', `/workspaces/${ws}/posts/${id}`);
  const local = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm') : null);

  it('shows free slots, moves a selection and undoes it, queues an undated draft (Spanish)', async () => {
    const T = es.calendarOps;
    const page = await open('es', '/calendar');
    await page.getByRole('button', { name: es.calendar.week }).click();
    await page.getByTestId('calendar-next').click();
    await page.locator(`[data-post-id="${scheduled[1]}"]`).waitFor();
    // Monday to Friday at 10:30, minus none taken: five free slots.
    await expect.poll(() => page.getByTestId('free-slot').count(), { timeout: 15_000 }).toBe(5);
    await page.getByTestId('undated-drafts').getByText('Idea: taller de latte art').waitFor();

    await page.getByRole('button', { name: T.select }).click();
    for (const id of scheduled) await page.locator(`[data-post-id="${id}"]`).click();
    await page.getByText(T.selected_other.replace('{{count}}', '2')).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-batch-es.png'), fullPage: true });
    await page.getByRole('button', { name: T.move, exact: true }).click();
    await page.getByTestId('batch-undo').waitFor();
    expect(local((await post(scheduled[0])).scheduledAt)).toBe(monday.plus({ days: 2 }).set({ hour: 12 }).toFormat('yyyy-LL-dd HH:mm'));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-batch-undo-es.png') });
    await page.getByTestId('batch-undo').getByRole('button', { name: T.undo }).click();
    await expect
      .poll(async () => local((await post(scheduled[0])).scheduledAt), { timeout: 15_000 })
      .toBe(monday.plus({ days: 1 }).set({ hour: 12 }).toFormat('yyyy-LL-dd HH:mm'));

    // The undated draft, picked beside the calendar, goes into the queue's next free slot.
    await page.getByTestId('undated-draft').getByRole('checkbox').check();
    await page.getByTestId('batch-actions').getByRole('textbox', { name: T.queue }).click();
    await page.getByRole('listbox').getByRole('option', { name: 'Mañanas' }).click();
    await page.getByRole('button', { name: T.addToQueue }).click();
    await expect.poll(async () => (await post(undated)).state, { timeout: 15_000 }).toBe('scheduled');
    expect(local((await post(undated)).scheduledAt)?.endsWith('10:30')).toBe(true);
    expect((await api<{ posts: number }>('GET', `/workspaces/${ws}/queues/${queueId}`)).posts).toBe(1);
    await page.getByTestId('undated-drafts').getByText(T.undatedNone).waitFor();

    // A free slot opens the composer at its day and time.
    await page.getByTestId('free-slot').last().click();
    await page.waitForURL(/\/compose\?date=\d{4}-\d{2}-\d{2}T10%3A30|\/compose\?date=\d{4}-\d{2}-\d{2}T10:30/);
    await page.getByTestId('composer-when').waitFor({ timeout: 30_000 });
    await expect
      .poll(
        () =>
          page
            .getByTestId('composer-when')
            .locator('input')
            .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value)),
        { timeout: 15_000 },
      )
      .toContain('10:30');
    expect(pageErrors).toEqual([]);
  });

  it('deletes a selection from the posts list and brings it back with Undo (English)', async () => {
    const T = en.calendarOps;
    const page = await open('en', '/posts');
    await page.getByTestId('posts-table').waitFor();
    const rows = page.locator('[data-post-id]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    await page.getByRole('checkbox', { name: T.select }).check();
    await page.getByText(T.selected_other.replace('{{count}}', '3')).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'posts-batch-en.png'), fullPage: true });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('batch-actions').getByRole('button', { name: T.delete }).click();
    await page.getByTestId('batch-undo').getByText(T.done.delete_other.replace('{{count}}', '3')).waitFor();
    await page.getByTestId('posts-empty').waitFor();
    await page.getByTestId('batch-undo').getByRole('button', { name: T.undo }).click();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    expect((await post(undated)).state).toBe('scheduled');
    expect(pageErrors).toEqual([]);
  });
});
