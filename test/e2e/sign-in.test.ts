/**
 * Sign in with a network in real Chromium, in Spanish: Mastodon by server (the local Mastodon test
 * server registers the app, approves, and sends the browser back), the account picker, the new
 * channel; a reused or forged sign-in lands on a clear page in the UI language; Settings →
 * Integrations shows each network's redirect URL.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FakeMastodonServer } from '../../src/networks/mastodon/testing/server.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

describe('sign in with a network in the web app (real Chromium, Spanish)', { timeout: 60_000 }, () => {
  let server: E2EServer;
  let mastodon: FakeMastodonServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token = '';
  let workspaceId = '';
  const errors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    mastodon = new FakeMastodonServer();
    await mastodon.start();
    server = await startE2EServer();
    // The browser comes back to this server; the Mastodon test server lives on loopback.
    server.runtime.ctx.config.publicUrl = server.url;
    server.runtime.ctx.config.allowPrivateUrls = true;
    token = await signUpOwner(server, { email: 'lucia@cafe.test', name: 'Lucía', password: 'correct horse battery' });
    workspaceId = (await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' }))
      .id;
    browser = await launchBrowser();
    context = await browser.newContext({ timezoneId: 'Europe/Madrid', locale: 'es-ES', viewport: { width: 1280, height: 860 } });
    await context.addInitScript((id) => {
      localStorage.setItem('plaza.lang', 'es');
      localStorage.setItem('plaza.workspace', id);
    }, workspaceId);
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'lucia@cafe.test', 'correct horse battery')).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mastodon?.stop();
  });

  it('connects Mastodon by signing in on the server, through the account picker', async () => {
    await page.goto(`${server.url}/channels`);
    await page.getByRole('button', { name: 'Conectar Mastodon' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Dirección del servidor/).fill(mastodon.baseUrl);
    await dialog.getByRole('button', { name: 'Conectar con Mastodon' }).click();
    // Mastodon approves at once and sends the browser back; Plaza shows the picker.
    await page.getByRole('heading', { name: 'Elige qué conectar' }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/channels/connect');
    await page.getByTestId('picker-accounts').getByText('Plaza Test').waitFor();
    await shot('sign-in-picker-es');
    await page.getByRole('button', { name: 'Conectar las cuentas elegidas' }).click();
    await page.getByTestId('channel-Plaza Test').waitFor();
    await page.getByText('Canales conectados: 1.').waitFor();
    await shot('sign-in-channels-es');
    expect(mastodon.requests.filter((r) => r.path === '/api/v1/apps')).toHaveLength(1);

    // The live check asks the server who the token belongs to.
    await page.getByTestId('channel-Plaza Test').getByRole('button', { name: 'Comprobar conexión' }).click();
    await page.getByText(`Plaza Test respondió: cuenta plaza, 821 seguidores.`).waitFor();
  });

  it('a sign-in that was not started here ends on a clear page in Spanish, with nothing connected', async () => {
    await page.goto(`${server.url}/api/v1/oauth/mastodon/callback?code=abc&state=forged`);
    const alert = page.getByTestId('sign-in-error');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('oauth_state_invalid');
    expect(await alert.textContent()).toContain('Este enlace de inicio de sesión ya no es válido');
    await shot('sign-in-error-es');
    const channels = await apiCall<{ items: unknown[] }>('GET', `/workspaces/${workspaceId}/channels`);
    expect(channels.items).toHaveLength(1);
  });

  it('Settings → Integraciones explains the apps and shows no PUBLIC_URL warning when it is set', async () => {
    await page.goto(`${server.url}/settings?tab=integrations`);
    await page.getByRole('heading', { name: 'Integraciones' }).waitFor();
    expect(await page.getByTestId('public-url-missing').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
