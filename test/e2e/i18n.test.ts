/**
 * No English in the Spanish UI, in a real Chromium against a real Plaza: the sign-in page says a
 * wrong password and a rate limit in the UI language (with the wait in words), and the post history
 * and the activity page describe events in words, never as `post.created` — in Spanish and in English.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { until } from '../helpers/wait.ts';
import { getInProcessSandbox } from '../../src/networks/sandbox/index.ts';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const RAW_EVENT = /\b(post|channel|link|workspace|member)\.[a-z_]+\b/;

describe('the UI speaks the chosen language, by code (real Chromium, real server)', { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  let workspaceId = '';
  let postId = '';
  let goodChannelName = '';
  let goodChannelId = '';
  const owner = { email: 'lucia@example.test', name: 'Lucía Dueña', password: 'correct horse battery' };
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  async function newPage(language: 'es' | 'en'): Promise<Page> {
    const context = await browser.newContext({ locale: language === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1180, height: 860 } });
    await context.addInitScript((lang) => localStorage.setItem('plaza.lang', lang), language);
    return context.newPage();
  }

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, owner);
    browser = await launchBrowser();
    const workspace = await apiCall<{ id: string }>('POST', '/workspaces', {
      name: 'Café Aroma ☕',
      timeZone: 'Europe/Madrid',
      language: 'es',
    });
    workspaceId = workspace.id;
    const good = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
      network: 'sandbox',
      name: 'Sandbox Aroma',
      fields: { handle: 'cafearoma', token: 't-ok' },
    });
    const failing = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
      network: 'sandbox',
      name: 'Sandbox Fallo',
      fields: { handle: 'plazafail', token: 't-fail' },
    });
    // The network refuses the second channel's token: its publication fails with a reason to translate.
    getInProcessSandbox().revokeToken('t-fail');
    const post = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'Nuevo café de temporada 😍',
      channels: [{ channelId: good.id }, { channelId: failing.id }],
    });
    postId = post.id;
    goodChannelName = 'Sandbox Aroma';
    goodChannelId = good.id;
    // A feed whose host does not resolve and a report schedule with no SMTP settings: both fail in the
    // background, and keep why as a code the pages word in the UI language.
    await apiCall('POST', `/workspaces/${workspaceId}/listening/sources`, {
      kind: 'rss',
      name: 'Blog caído',
      config: { url: 'http://feed.invalid/rss' },
    });
    const schedule = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/report-schedules`, {
      name: 'Semanal',
      frequency: 'weekly',
      formats: ['csv'],
      language: 'es',
      recipients: ['jefa@example.com'],
    });
    await apiCall('POST', `/workspaces/${workspaceId}/report-schedules/${schedule.id}/run`, {});
    await until(async () => {
      const sources = await apiCall<{ items: Array<{ lastErrorCode: string | null }> }>(
        'GET',
        `/workspaces/${workspaceId}/listening/sources`,
      );
      return sources.items.some((item) => item.lastErrorCode) || null;
    });
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${postId}/comments`, { body: 'Me encanta' }).catch(() => undefined);
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${postId}/publish_now`, {});
    await until(async () => {
      const detail = await apiCall<{ publications: Array<{ state: string }> }>('GET', `/workspaces/${workspaceId}/posts/${postId}`);
      return detail.publications.every((p) => p.state === 'published' || p.state === 'failed') || null;
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const language of ['es', 'en'] as const) {
    it(`post history and activity describe events in words (${language})`, async () => {
      const page = await newPage(language);
      await page.goto(server.url);
      expect(await signInPage(page, owner.email, owner.password)).toBe(200);
      await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspaceId);
      await page.goto(`${server.url}/posts/${postId}`);
      await page.getByTestId('history-item').first().waitFor();
      const history = await page.getByTestId('history-item').allTextContents();
      expect(history.join('\n')).not.toMatch(RAW_EVENT);
      expect(history.join('\n')).toContain(language === 'es' ? 'Lucía Dueña creó una publicación' : 'Lucía Dueña created a post');
      const failure = await page.getByTestId('publication-error').first().textContent();
      expect(failure).toMatch(language === 'es' ? /^Falló: / : /^Failed: /);
      await shot(page, `i18n-post-history-${language}`);

      await page.goto(`${server.url}/activity`);
      const table = page.getByRole('table');
      await table
        .getByText(language === 'es' ? 'creó una publicación' : 'created a post')
        .first()
        .waitFor();
      const rows = (await table.allTextContents()).join('\n');
      expect(rows).not.toMatch(RAW_EVENT);
      await shot(page, `i18n-activity-${language}`);
      await page.context().close();
    });
  }
  for (const language of ['es', 'en'] as const) {
    it(`composer issues, the best-time note and background failures are worded by code (${language})`, async () => {
      const T = language === 'es' ? es : en;
      const page = await newPage(language);
      await page.goto(server.url);
      expect(await signInPage(page, owner.email, owner.password)).toBe(200);
      await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspaceId);

      // The composer: a text too long for the network, said in the UI language from the issue's code.
      await page.goto(`${server.url}/compose`);
      await page.getByLabel(`${goodChannelName} (${T.common.simulated})`).check();
      await page.getByLabel(T.composer.text, { exact: true }).fill('x'.repeat(600));
      const issues = page.getByTestId('composer-issues');
      const expected =
        language === 'es'
          ? 'El texto tiene 600 caracteres; Sandbox (simulada) admite 500.'
          : 'The text is 600 characters long; Sandbox (simulated) allows 500.';
      await issues.getByText(expected).waitFor();
      expect(await issues.textContent()).not.toContain(language === 'es' ? 'The text' : 'El texto');
      // No best hour yet: why, by the reason's code.
      await page.getByRole('button', { name: T.planner.suggestTime }).click();
      const note = page.getByTestId('suggest-note');
      await note.getByText(T.bestTimeReasons.not_enough_posts.replace('{{minSample}}', '3')).waitFor();
      await shot(page, `i18n-composer-issues-${language}`);

      // The post page: scheduling a draft the network refuses lists each issue by code (invalid_for_network).
      const draft = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
        content: 'y'.repeat(520),
        channels: [{ channelId: goodChannelId }],
        scheduledAt: '2030-05-04T10:00:00+02:00',
        action: 'draft',
      });
      await page.goto(`${server.url}/posts/${draft.id}`);
      await page.getByRole('button', { name: T.composer.schedule, exact: true }).click();
      const refusal = page.getByTestId('network-issues');
      await refusal
        .getByText(
          language === 'es'
            ? 'El texto tiene 520 caracteres; Sandbox (simulada) admite 500.'
            : 'The text is 520 characters long; Sandbox (simulated) allows 500.',
        )
        .waitFor();

      // A listening source that cannot be read: the reason in words, the raw error only as a tooltip.
      await page.goto(`${server.url}/listening/queries`);
      const status = page.getByTestId('source-status').first();
      await status.getByText(T.failureReasons.unreachable, { exact: false }).waitFor();
      expect(await status.textContent()).not.toMatch(/fetch failed|ENOTFOUND/);
      expect(await status.getAttribute('title')).toBeTruthy();
      await shot(page, `i18n-listening-source-error-${language}`);

      // A scheduled report that could not be sent.
      await page.goto(`${server.url}/analytics/reports`);
      const scheduleError = page.getByTestId('schedule-error').first();
      await scheduleError.getByText(T.failureReasons.smtp_not_configured).waitFor();
      expect(await scheduleError.getAttribute('title')).toMatch(/SMTP/);
      await page.context().close();
    });
  }
  // Last: it trips the sign-in throttle, which would refuse the other tests' sign-ins.
  it('the Spanish sign-in page says a wrong password and a rate limit in Spanish, with the wait in words', async () => {
    const page = await newPage('es');
    await page.goto(server.url);
    await page
      .getByRole('heading', { name: 'Entrar en Plaza' })
      .or(page.getByRole('heading', { level: 1 }))
      .first()
      .waitFor();
    await page.getByLabel('Correo').fill(owner.email);
    await page.locator('input[type="password"]').fill('not the password at all');
    await page.getByRole('button', { name: 'Entrar' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toBe('Correo o contraseña incorrectos.');
    await shot(page, 'i18n-login-wrong-password-es');
    // Keep failing until the throttle answers 429: the message names the wait in Spanish words.
    let text = '';
    for (let i = 0; i < 15 && !/Demasiados intentos/.test(text); i++) {
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.waitForTimeout(150);
      text = (await alert.textContent()) ?? '';
    }
    expect(text).toMatch(/^Demasiados intentos\. Vuelve a intentarlo dentro de \d+ (segundos?|minutos?)\.$/);
    expect(text).not.toMatch(/retry|seconds|Too many/i);
    await shot(page, 'i18n-login-rate-limit-es');
    await page.context().close();
  });
});
