/**
 * Inbox rules and the service report in a real Chromium against a real Plaza: a manager writes a
 * rule, tries it on the last 30 days, saves it; a new message that matches arrives and shows the
 * rule's label and priority in the list; the service report shows its cards and charts. Once in
 * English and once in Spanish, with screenshots.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../src/networks/sandbox/index.ts';
import { ingestInbound } from '../../src/modules/inbox/commands.ts';
import { channelRepository } from '../../src/modules/channels/repository.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const DAY = 86_400_000;

describe('inbox rules and service report end to end (real Chromium, real server)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  const network = new SandboxNetwork({ seed: 9 });
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const missingKeys = () => page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);

  beforeAll(async () => {
    setInProcessSandbox(network);
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'olga@example.test', name: 'Olga Reglas', password: 'correct horse battery' });
    browser = await launchBrowser();
    const context = await browser.newContext({ timezoneId: 'Europe/Madrid', locale: 'es-ES', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'olga@example.test', 'correct horse battery')).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const language of ['en', 'es'] as const) {
    const L = (language === 'en' ? en : es).inboxRules;
    const suffix = language === 'en' ? '' : '-es';
    const label = language === 'en' ? 'complaint' : 'queja';

    it(`creates a rule, sees it applied, and reads the report in ${language === 'en' ? 'English' : 'Spanish'}`, async () => {
      const handle = `reglas${language}`;
      const workspaceId = (
        await apiCall<{ id: string }>('POST', '/workspaces', { name: `Horno ${language}`, timeZone: 'Europe/Madrid', language })
      ).id;
      const channel = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'Sandbox',
        fields: { handle, token: 'demo' },
      });
      network.configureAccount(handle, { createdAt: Date.now() - 12 * DAY, followers: 3000 });
      await apiCall('POST', `/workspaces/${workspaceId}/inbox/channels/${channel.id}/sync`);
      await page.evaluate(
        ([lang, id]) => {
          localStorage.setItem('plaza.lang', lang);
          localStorage.setItem('plaza.workspace', id);
        },
        [language, workspaceId],
      );

      await page.goto(`${server.url}/inbox/rules`);
      await page.getByRole('heading', { name: L.rules.title, exact: true }).waitFor();
      await page.getByLabel(L.rules.name, { exact: true }).fill(language === 'en' ? 'Broken orders' : 'Pedidos rotos');
      await page.getByTestId('rule-query').fill('pedido AND (roto');
      await page.getByTestId('rule-test').click();
      // A malformed query says where it goes wrong.
      await page.getByText(L.rules.queryError.split('{{')[0].trim()).waitFor();
      await page.getByTestId('rule-query').fill('pedido AND (roto OR tarde)');
      await page.getByTestId('rule-labels').fill(label);
      await page.getByTestId('rule-labels').press('Enter');
      await page.getByTestId('rule-priority').click();
      await page
        .getByRole('listbox')
        .getByRole('option', { name: (language === 'en' ? en : es).inbox.priorities.urgent, exact: true })
        .click();
      await page.getByTestId('rule-test').click();
      await page.getByTestId('rule-test-result').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `inbox-rules${suffix}.png`), fullPage: true });
      await page.getByTestId('rule-save').click();
      await expect.poll(() => page.getByTestId('inbox-rule').count(), { timeout: 10_000 }).toBe(1);

      // A new message that matches arrives (as a push would bring it): the rule labels it and makes it urgent.
      const row = await channelRepository.find(server.runtime.ctx.database.db, workspaceId, channel.id);
      await ingestInbound(
        server.runtime.ctx,
        row!,
        [
          {
            remoteId: `roto-${language}`,
            kind: 'mention',
            threadRemoteId: `roto-${language}`,
            author: { id: 'c1', handle: 'carmen_ruiz', displayName: 'Carmen Ruiz' },
            text: 'El pedido llegó roto otra vez, ¿alguien me ayuda?',
            url: null,
            language: 'es',
            createdAt: new Date(Date.now() - 60_000).toISOString(),
          },
        ],
        'push',
      );
      await page.goto(`${server.url}/inbox`);
      const carmen = page.getByTestId('inbox-row').filter({ hasText: 'Carmen Ruiz' });
      await carmen.waitFor({ timeout: 15_000 });
      await expect(carmen.textContent()).resolves.toContain(label);
      await expect(carmen.textContent()).resolves.toContain((language === 'en' ? en : es).inbox.priorities.urgent);
      await expect.poll(() => page.getByTestId('inbox-due').count()).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `inbox-rule-applied${suffix}.png`) });

      await page.goto(`${server.url}/inbox/report`);
      await page.getByRole('heading', { name: L.report.title, exact: true }).waitFor();
      await page.getByTestId('report-by-kind').waitFor();
      await expect(page.getByTestId('report-by-label').textContent()).resolves.toContain(label);
      // Response times as a chart (business over calendar bars), and the same report as a PDF in the page's language.
      await expect(page.getByTestId('report-times').textContent()).resolves.toContain(L.report.businessLegend);
      const pdfHref = await page.getByTestId('inbox-report-pdf').getAttribute('href');
      expect(pdfHref).toContain(`language=${language}`);
      const pdf = await page.request.get(`${server.url}${pdfHref}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `inbox-report${suffix}.png`), fullPage: true });

      expect(await missingKeys()).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }
});
