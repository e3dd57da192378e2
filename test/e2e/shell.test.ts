import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const ZONE = 'Europe/Madrid';
const OWNER = { email: 'carla@example.test', name: 'Carla Café', password: 'correct horse battery' };

/**
 * The app frame, the posts list and the calendar (issue 12, items 4, 9, 17, 19) in real Chromium,
 * in Spanish and in English: grouped navigation with one highlighted entry, undated drafts found
 * with filters, every channel and a readable status on calendar events, and sign-out.
 */
describe('frame, posts list and calendar (real Chromium, es + en)', { timeout: 90_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  let workspaceId = '';
  const channelIds: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    token = await signUpOwner(server, OWNER);
    workspaceId = (await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma ☕', timeZone: ZONE, language: 'es' })).id;
    for (const [name, handle] of [
      ['Instagram café', 'cafeig'],
      ['Mastodon café', 'cafemasto'],
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
    const campaign = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/campaigns`, { name: 'Otoño' });
    // This month, so the calendar shows them: one per state worth seeing, two on both channels.
    const thisMonth = (d: number, h: number) => {
      const start = DateTime.now().setZone(ZONE).startOf('month');
      return start.plus({ days: Math.min(d, (start.daysInMonth ?? 28) - 1), hours: h }).toISO();
    };
    const both = channelIds.map((channelId) => ({ channelId }));
    await apiCall('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'Idea sin fecha: tarta de calabaza',
      channels: [{ channelId: channelIds[0] }],
      action: 'draft',
    });
    await apiCall('POST', `/workspaces/${workspaceId}/posts`, { content: 'Otra idea: latte de avellana', channels: both, action: 'draft' });
    await apiCall('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'Menú de otoño en las dos redes',
      channels: both,
      scheduledAt: thisMonth(20, 10),
      action: 'draft',
      campaignId: campaign.id,
    });
    await apiCall('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'Borrador con fecha',
      channels: [{ channelId: channelIds[1] }],
      scheduledAt: thisMonth(20, 12),
      action: 'draft',
    });
    const submitted = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'Aprobada pero sin programar',
      channels: both,
      scheduledAt: thisMonth(21, 9),
      action: 'submit',
    });
    // The owner approves without scheduling (if the workspace needs no approval, submit may not exist: then approve is skipped).
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${submitted.id}/approve`, {}).catch(() => undefined);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });

  async function openAs(lang: 'es' | 'en'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({
      timezoneId: ZONE,
      locale: lang === 'es' ? 'es-ES' : 'en-US',
      viewport: { width: 1360, height: 900 },
    });
    await context.addInitScript((language) => localStorage.setItem('plaza.lang', language), lang);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, OWNER.email, OWNER.password)).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspaceId);
    return { context, page, errors };
  }

  for (const lang of ['es', 'en'] as const) {
    const text =
      lang === 'es'
        ? {
            posts: 'Todas las publicaciones',
            title: 'Publicaciones',
            undated: 'Solo sin fecha',
            noDate: 'Sin fecha',
            publish: 'Publicar',
            approved: 'Aprobada, sin programar',
            search: 'Buscar en el texto',
            calendar: 'Calendario',
            signOut: 'Cerrar sesión',
            signInButton: /Entrar|Iniciar/,
          }
        : {
            posts: 'All posts',
            title: 'Posts',
            undated: 'Undated only',
            noDate: 'No date',
            publish: 'Publish',
            approved: 'Approved, not scheduled',
            search: 'Search the text',
            calendar: 'Calendar',
            signOut: 'Sign out',
            signInButton: /Sign in/,
          };

    it(`${lang}: grouped navigation, one highlighted entry; the posts list finds undated drafts`, async () => {
      const { context, page, errors } = await openAs(lang);
      await page.goto(`${server.url}/posts`);
      await page.getByTestId('posts-table').waitFor();
      const nav = page.getByRole('navigation').last();
      // Groups by the loop, in order.
      const groups = await nav.locator('[role="group"] > p').allTextContents();
      expect(groups.map((g) => g.toLowerCase())).toEqual(
        (lang === 'es'
          ? ['Planificar', 'Crear', 'Publicar', 'Escuchar', 'Conversar', 'Medir', 'Ajustes']
          : ['Plan', 'Create', 'Publish', 'Listen', 'Converse', 'Measure', 'Settings']
        ).map((g) => g.toLowerCase()),
      );
      await expect(nav.locator('[aria-current="page"]').allTextContents()).resolves.toEqual([text.posts]);
      expect(await page.locator('tbody tr').count()).toBe(5);
      await shot(page, `posts-list-${lang}`);

      await page.getByLabel(text.undated).check();
      await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
      expect(await page.getByText(text.noDate, { exact: true }).count()).toBe(2);
      expect(page.url()).toContain('undated=true');
      await page.getByLabel(text.search).fill('avellana');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('Instagram café');
      await expect(page.locator('tbody tr').first().textContent()).resolves.toContain('Mastodon café');
      await shot(page, `posts-list-filtered-${lang}`);

      // A nested page keeps its section highlighted: a post's page is under "posts".
      await page.locator('tbody tr').first().click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      await expect(nav.locator('[aria-current="page"]').allTextContents()).resolves.toEqual([text.posts]);
      await page.goto(`${server.url}/listening/queries`);
      await nav.locator('[aria-current="page"]').first().waitFor();
      expect(await nav.locator('[aria-current="page"]').count()).toBe(1);
      expect(errors).toEqual([]);
      expect(await page.evaluate(() => window.__plazaMissingKeys ?? [])).toEqual([]);
      await context.close();
    });

    it(`${lang}: calendar events show every channel and their status; the zone is shown once`, async () => {
      const { context, page, errors } = await openAs(lang);
      await page.goto(`${server.url}/calendar`);
      await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
      const both = page.locator('[data-testid="calendar"] [data-post-id]', { hasText: 'Menú de otoño' });
      await both.waitFor();
      await expect(both.locator('.plaza-event-chip').allTextContents()).resolves.toEqual(['Instagram café', 'Mastodon café']);
      const label = await both.getAttribute('aria-label');
      expect(label).toContain('Instagram café, Mastodon café');
      const approved = page.locator('[data-testid="calendar"] [data-post-id]', { hasText: 'Aprobada pero sin programar' });
      if ((await approved.getAttribute('data-state')) === 'approved')
        expect(await approved.getAttribute('aria-label')).toContain(text.approved);
      // The brand's zone is on screen once (the header on wide screens, the menu on narrow ones).
      await expect(
        page
          .getByText(lang === 'es' ? 'Zona horaria' : 'Time zone')
          .filter({ visible: true })
          .count(),
      ).resolves.toBe(1);
      await shot(page, `calendar-channels-${lang}`);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`${lang}: signing out shows the sign-in page at once, with nothing of the session left`, async () => {
      const { context, page } = await openAs(lang);
      await page.goto(`${server.url}/calendar`);
      await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
      await page.getByRole('button', { name: lang === 'es' ? 'Cuenta' : 'Account' }).click();
      await page.getByRole('menuitem', { name: text.signOut }).click();
      await page.getByRole('button', { name: text.signInButton }).first().waitFor({ timeout: 5_000 });
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByText('Carla').count()).toBe(0);
      expect(await page.locator('[data-testid="calendar"]').count()).toBe(0);
      expect(await page.getByRole('navigation').count()).toBe(0);
      // The session is gone on the server too: a reload stays on the sign-in page.
      await page.reload();
      await page.getByRole('button', { name: text.signInButton }).first().waitFor();
      if (lang === 'es') await shot(page, 'signed-out-es');
      await context.close();
    });
  }
});

declare global {
  interface Window {
    __plazaMissingKeys?: string[];
  }
}
