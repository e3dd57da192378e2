import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

type Lang = 'es' | 'en';
const TEXT = {
  es: { members: 'Miembros y roles', workspace: 'Espacio de trabajo', guide: 'Qué puede hacer cada rol', campaigns: 'Campañas' },
  en: { members: 'Members and roles', workspace: 'Workspace', guide: 'What each role can do', campaigns: 'Campaigns' },
} as const;

/**
 * Issue 12, items 15, 16 and 20 in real Chromium, in Spanish and English: the team page (invite
 * with roles explained, the role guide), the workspace's currency, campaign budgets in that
 * currency with their tag as typed, the composer's link tool, and switching to a new workspace.
 * Screenshots go to docs/screenshots/team-*.png.
 */
describe('team, links and budgets in the browser', { timeout: 90_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  let workspaceId = '';
  let channelId = '';
  let campaignId = '';
  const apiCall = apiCaller(
    () => server,
    () => token,
  );

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'marta@cafe.test', name: 'Marta Ruiz', password: 'correct horse battery' });
    workspaceId = (
      await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma ☕', timeZone: 'Europe/Madrid', language: 'es' })
    ).id;
    channelId = (
      await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'Café en Sandbox',
        fields: { handle: 'cafearoma', token: 't-cafe' },
      })
    ).id;
    campaignId = (
      await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/campaigns`, { name: 'Navidad Café 2026', budget: 1500 })
    ).id;
    await apiCall('POST', `/workspaces/${workspaceId}/costs`, { amount: 249.9, incurredOn: '2026-12-01', campaignId, note: 'Flyers' });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A signed-in page in `lang`, on the café's workspace. */
  async function openPage(lang: Lang): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({
      timezoneId: 'Europe/Madrid',
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript(
      ([id, language]) => {
        localStorage.setItem('plaza.lang', language);
        if (!sessionStorage.getItem('plaza.e2e.ws')) {
          localStorage.setItem('plaza.workspace', id);
          sessionStorage.setItem('plaza.e2e.ws', '1');
        }
      },
      [workspaceId, lang] as const,
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'marta@cafe.test', 'correct horse battery')).toBe(200);
    return { context, page, errors };
  }
  const shot = (page: Page, name: string, lang: Lang) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `team-${name}-${lang}.png`), fullPage: true });

  for (const lang of ['es', 'en'] as const) {
    it(`[${lang}] invites a member with each role explained, and shows what every role can do`, async () => {
      const { context, page, errors } = await openPage(lang);
      await page.goto(`${server.url}/settings?tab=members`);
      await page.getByTestId('role-summary-editor').waitFor();
      const editor = (await page.getByTestId('role-summary-editor').textContent()) ?? '';
      // From the permission table: an editor writes and publishes but does not approve.
      expect(editor).toContain(lang === 'es' ? 'escribir y editar publicaciones' : 'write and edit posts');
      expect(editor).toContain(lang === 'es' ? 'No puede:' : 'Cannot:');
      expect(editor.split(lang === 'es' ? 'No puede:' : 'Cannot:')[1]).toContain(
        lang === 'es' ? 'aprobar o rechazar publicaciones' : 'approve or reject posts',
      );
      await page.getByRole('button', { name: TEXT[lang].guide }).click();
      await page.getByTestId('role-guide').waitFor();
      await page.getByRole('textbox', { name: lang === 'es' ? /correo/i : /e-mail/i }).fill('pablo@cafe.test');
      await shot(page, 'invite', lang);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`[${lang}] shows the workspace currency, campaign budgets in it and the campaign tag as typed`, async () => {
      const { context, page, errors } = await openPage(lang);
      await page.goto(`${server.url}/settings`);
      await page.getByTestId('workspace-currency').waitFor();
      await expect(page.getByTestId('workspace-currency').inputValue()).resolves.toMatch(/^EUR · /);
      await shot(page, 'settings', lang);
      await page.goto(`${server.url}/strategy`);
      await page.getByRole('tab', { name: TEXT[lang].campaigns }).click();
      const row = page.getByRole('row', { name: /Navidad Café 2026/ });
      await row.first().waitFor();
      const text = ((await row.first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
      expect(text).toContain(lang === 'es' ? '1500,00 €' : '€1,500.00');
      await expect(
        page
          .getByText('Navidad Café 2026', { exact: true })
          .first()
          .evaluate((el) => getComputedStyle(el).textTransform),
      ).resolves.toBe('none');
      await shot(page, 'campaigns', lang);
      await page.goto(`${server.url}/analytics/links`);
      await page
        .getByText(lang === 'es' ? /249,90\s€/ : '€249.90')
        .first()
        .waitFor();
      await shot(page, 'links', lang);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`[${lang}] shortens a post's link from the composer with UTM and puts it in the text`, async () => {
      const post = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
        content: 'Turrón artesano y chocolate caliente: https://cafe-aroma.test/navidad ¡os esperamos!',
        channels: [{ channelId }],
        campaignId,
      });
      const { context, page, errors } = await openPage(lang);
      await page.goto(`${server.url}/compose?edit=${post.id}`);
      const tool = page.getByTestId('link-shortener');
      await tool.waitFor();
      await tool.getByRole('button', { name: lang === 'es' ? /Acortar un enlace/ : /Shorten a link/ }).click();
      await expect(page.getByTestId('link-shortener-url').inputValue()).resolves.toBe('https://cafe-aroma.test/navidad');
      await expect(page.getByTestId('link-shortener-source').inputValue()).resolves.toBe('sandbox');
      await expect.poll(() => page.getByTestId('link-shortener-campaign').inputValue()).toBe('Navidad Café 2026');
      await tool.getByRole('button', { name: lang === 'es' ? 'Acortar y poner en el texto' : 'Shorten and put in the text' }).click();
      await page.getByTestId('link-shortener-done').waitFor();
      // No PUBLIC_URL on this server: the tool says the short link points at this machine.
      await page.getByTestId('public-url-warning').waitFor();
      const mainText = await page.getByRole('textbox', { name: lang === 'es' ? 'Texto' : 'Text', exact: true }).inputValue();
      expect(mainText).toMatch(/\/l\/[A-Za-z0-9]{7} ¡os esperamos!$/);
      const links = await apiCall<{ items: Array<{ postId: string; destinationUrl: string }> }>(
        'GET',
        `/workspaces/${workspaceId}/links?postId=${post.id}`,
      );
      const destination = new URL(links.items[0].destinationUrl);
      expect(destination.searchParams.get('utm_campaign')).toBe('Navidad Café 2026');
      expect(destination.searchParams.get('utm_source')).toBe('sandbox');
      expect(destination.searchParams.get('utm_content')).toBe(post.id);
      await shot(page, 'composer-link', lang);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('switches to a new workspace right after creating it', async () => {
    const { context, page, errors } = await openPage('es');
    await page.goto(`${server.url}/workspaces/new`);
    await page.getByRole('textbox', { name: 'Nombre de la marca' }).fill('Panadería Sol');
    await page.getByRole('button', { name: 'Crear' }).click();
    await page.waitForURL(/\/calendar/);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('plaza.workspace')), { timeout: 15_000 }).not.toBe(workspaceId);
    const picker = page.locator('header select[aria-label="Espacio de trabajo"]');
    const chosen = () => picker.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text ?? '');
    await expect.poll(chosen, { timeout: 15_000 }).toBe('Panadería Sol');
    // And it stays there after a reload (the old workspace is not written back).
    await page.reload();
    await expect.poll(chosen, { timeout: 15_000 }).toBe('Panadería Sol');
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    const created = me.workspaces.find((w: { name: string }) => w.name === 'Panadería Sol');
    expect(await page.evaluate(() => localStorage.getItem('plaza.workspace'))).toBe(created.id);
    expect(created.currency).toBe('EUR');
    expect(errors).toEqual([]);
    await context.close();
  });
});
