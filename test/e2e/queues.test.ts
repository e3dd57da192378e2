/**
 * Queues end to end in a real Chromium against a real Plaza process, in Spanish and English: slots
 * edited on the Queues page, a post added to the queue from the composer takes the next free slot,
 * a reorder moves the times, and a pause holds the posts. Screenshots go to docs/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

interface QueueView {
  id: string;
  posts: number;
  paused: boolean;
  slots: Array<{ weekday: number; time: string }>;
  heldPosts: Array<{ id: string; scheduledAt: string | null; content: string }>;
}

describe('queues from the web app (real Chromium, real server)', { timeout: 240_000 }, () => {
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

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'cola@example.test', name: 'Clara Cola', password: 'correct horse battery' });
    browser = await launchBrowser();
    ws = (await api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })).id;
    const channelId = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'sandbox',
        name: 'Aroma',
        fields: { handle: 'aroma-cola', token: 't' },
      })
    ).id;
    queueId = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/queues`, {
        name: 'Mañanas',
        channelIds: [channelId],
        slots: [
          { weekday: 2, time: '09:30' },
          { weekday: 4, time: '09:30' },
        ],
      })
    ).id;
    for (const content of ['Tostadas con tomate y AOVE 🍅', 'Nuevo blend de otoño ☕']) {
      const post = await api<{ id: string }>('POST', `/workspaces/${ws}/posts`, { content, channels: [{ channelId }] });
      await api('POST', `/workspaces/${ws}/queues/${queueId}/posts`, { postId: post.id });
    }
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
    expect(await signInPage(page, 'cola@example.test', 'correct horse battery')).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${server.url}${path_}`);
    return page;
  }
  const queue = () => api<QueueView>('GET', `/workspaces/${ws}/queues/${queueId}`);

  it('edits the slots, adds from the composer into the next free slot, reorders and pauses (Spanish)', async () => {
    const T = es.queues;
    const page = await open('es', '/queues');
    await page.getByRole('heading', { name: T.title }).waitFor();
    await page.getByTestId('queued-post').nth(1).waitFor();
    expect(await page.getByTestId('queued-post').count()).toBe(2);
    // A new slot on Saturday at 11:00, saved: the posts held move to the slots in order.
    await page.getByLabel(T.addSlotAt.replace('{{day}}', 'sáb')).fill('11:00');
    await page.getByRole('button', { name: T.addSlot.replace('{{day}}', 'sáb') }).click();
    await page.getByRole('button', { name: T.saveSlots }).click();
    await page.getByRole('button', { name: T.saveSlots }).waitFor({ state: 'detached' });
    expect((await queue()).slots).toContainEqual({ weekday: 6, time: '11:00' });

    // Reorder: the second post moves up and takes the first time.
    const before = (await queue()).heldPosts;
    await page.getByRole('button', { name: T.moveUp }).nth(1).click();
    await expect.poll(async () => (await queue()).heldPosts.map((p) => p.id)).toEqual([before[1].id, before[0].id]);
    expect((await queue()).heldPosts.map((p) => p.scheduledAt)).toEqual(before.map((p) => p.scheduledAt));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'queues-es.png'), fullPage: true });

    // The composer's "Añadir a la cola" schedules a new post in the next free slot.
    const composer = await open('es', '/compose');
    await composer.getByLabel(`Aroma (${es.common.simulated})`).check();
    await composer.getByLabel(es.composer.text, { exact: true }).fill('Brunch del domingo: reserva ya 🥐');
    await composer.getByTestId('add-to-queue').getByText(T.composer.help.split(':')[0]).waitFor();
    await composer.getByRole('button', { name: T.composer.add }).click();
    await composer.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const after = await queue();
    expect(after.posts).toBe(3);
    expect(after.heldPosts.at(-1)?.content).toContain('Brunch del domingo');
    expect(new Set(after.heldPosts.map((p) => p.scheduledAt)).size).toBe(3);

    // Pausing holds them, unscheduled.
    await page.reload();
    // Mantine draws the switch over a hidden input: a click on the input is what a click on the track does.
    await page.getByRole('switch', { name: T.pause }).first().dispatchEvent('click');
    await expect.poll(async () => (await queue()).paused).toBe(true);
    expect((await queue()).heldPosts.every((p) => p.scheduledAt === null)).toBe(true);
    await page.getByText(T.waiting).first().waitFor();
    await page.getByRole('switch', { name: T.pause }).first().dispatchEvent('click');
    await expect.poll(async () => (await queue()).heldPosts.every((p) => p.scheduledAt !== null)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('reads in English, with the best-hours proposal explaining why there is none yet', async () => {
    const T = en.queues;
    const page = await open('en', '/queues');
    await page.getByRole('heading', { name: T.title }).waitFor();
    await page.getByRole('button', { name: T.suggest }).click();
    await page.getByTestId('suggested-slots').getByText('Not enough measured posts yet').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'queues-en.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
