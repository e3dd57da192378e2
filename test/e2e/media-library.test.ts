/**
 * The media library end to end in a real Chromium against a real Plaza process, in Spanish and English:
 * the page lists uploaded files with storage, searches by tag and alt text, crops an image to 1:1 into a
 * new file (the original kept). Screenshots go to docs/screenshots/.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

describe('media library from the web app (real Chromium, real server)', { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  const pageErrors: string[] = [];
  const api = apiCaller(
    () => server,
    () => token,
  );
  let ws = '';

  async function upload(name: string, color: string, width: number, height: number): Promise<string> {
    const bytes = await sharp({ create: { width, height, channels: 3, background: color } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
    const res = await fetch(`${server.url}/api/v1/workspaces/${ws}/media`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'medios@example.test', name: 'Marta Medios', password: 'correct horse battery' });
    browser = await launchBrowser();
    ws = (await api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })).id;
    const beach = await upload('playa-verano.png', '#3399ff', 600, 400);
    await api('PATCH', `/workspaces/${ws}/media/${beach}`, { altText: 'Niños en la orilla', tags: ['verano'] });
    await upload('logo-cafe.png', '#aa5500', 300, 300);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(lang: 'es' | 'en'): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-GB', viewport: { width: 1366, height: 900 } });
    await context.addInitScript((l) => localStorage.setItem('plaza.lang', l), lang);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'medios@example.test', 'correct horse battery')).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${server.url}/media`);
    return page;
  }

  it('lists, searches by alt text and crops to 1:1 (Spanish), then shows the library in English', async () => {
    const page = await open('es');
    await page.getByRole('heading', { name: es.mediaLibrary.title }).waitFor();
    await expect.poll(() => page.getByTestId('media-item').count()).toBe(2);
    await page.getByTestId('media-search').fill('ninos');
    await expect.poll(() => page.getByTestId('media-item').count()).toBe(1);
    await page.getByRole('button', { name: es.mediaLibrary.crop }).click();
    await page.getByRole('menuitem', { name: es.mediaLibrary.aspects.square }).click();
    await expect.poll(() => page.getByTestId('media-item').count()).toBe(2); // the crop inherits the alt text
    await expect.poll(() => page.getByTestId('media-storage').textContent()).toContain('3 archivos');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'media-library-es.png'), fullPage: true });
    const crop = (
      await api<{ items: Array<{ name: string; width: number; height: number; originalId: string | null }> }>(
        'GET',
        `/workspaces/${ws}/media?q=ninos`,
      )
    ).items[0];
    expect(crop).toMatchObject({ name: 'playa-verano (1:1)', width: 400, height: 400 });
    expect(crop.originalId).not.toBeNull();

    const english = await open('en');
    await english.getByRole('heading', { name: en.mediaLibrary.title }).waitFor();
    await expect.poll(() => english.getByTestId('media-item').count()).toBe(3);
    await english.getByText(en.mediaLibrary.notUsed).first().waitFor();
    await english.screenshot({ path: path.join(SCREENSHOT_DIR, 'media-library-en.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
