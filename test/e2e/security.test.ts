// Issue 10, finding 7, in real Chromium: the Content-Security-Policy does not break the app
// (no violation on the main pages nor the API docs), and a `javascript:` URL from network
// data is never rendered as a link (publication remote URL, mention URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiCaller, launchBrowser, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const PAGES = [
  '/calendar',
  '/compose',
  '/approvals',
  '/channels',
  '/sandbox',
  '/activity',
  '/settings',
  '/strategy',
  '/listening',
  '/listening/queries',
  '/listening/mentions',
  '/listening/alerts',
  '/analytics/overview',
  '/analytics/best-time',
  '/analytics/links',
  '/analytics/reports',
  '/analytics/alerts',
  '/analytics/collection',
];
const EVIL = 'javascript:document.title="pwned"';

describe('security in the browser (real Chromium, real server)', { timeout: 90_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  let workspaceId = '';
  const violations: string[] = [];
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );

  /** CSP violations reported by the page itself (securitypolicyviolation events). */
  const pageViolations = () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'sec@example.test', name: 'Sec Owner', password: 'correct horse battery' });
    workspaceId = (await apiCall<{ id: string }>('POST', '/workspaces', { name: 'Seguridad', timeZone: 'Europe/Madrid', language: 'es' }))
      .id;
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await context.addInitScript((id) => {
      if (!localStorage.getItem('plaza.lang')) localStorage.setItem('plaza.lang', 'en');
      localStorage.setItem('plaza.workspace', id);
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    }, workspaceId);
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'sec@example.test', 'correct horse battery')).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends the CSP and loads every main page without a violation', async () => {
    const response = await page.goto(`${server.url}/calendar`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    for (const route of PAGES) {
      await page.goto(`${server.url}${route}`);
      await page.getByRole('main').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await pageViolations(), route).toEqual([]);
    }
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('loads the API docs (Swagger UI) under their policy without a violation', async () => {
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui .info').waitFor();
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('never renders a javascript: URL from network data as a link', async () => {
    const db = server.runtime.ctx.database.db;
    // Rows as an older Plaza (or a direct database write) may have stored them: the web app must hold on its own.
    const channelA = (
      await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'A',
        fields: { handle: 'seca', token: 't-a' },
      })
    ).id;
    const channelB = (
      await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'B',
        fields: { handle: 'secb', token: 't-b' },
      })
    ).id;
    const post = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'Hola',
      channels: [{ channelId: channelA }, { channelId: channelB }],
      action: 'draft',
    });
    await db
      .updateTable('publications')
      .set({ state: 'published', remote_id: 'r-a', remote_url: EVIL, published_at: new Date() })
      .where('post_id', '=', post.id)
      .where('channel_id', '=', channelA)
      .execute();
    await db
      .updateTable('publications')
      .set({ state: 'published', remote_id: 'r-b', remote_url: 'https://sandbox.example/posts/r-b', published_at: new Date() })
      .where('post_id', '=', post.id)
      .where('channel_id', '=', channelB)
      .execute();
    await db
      .insertInto('listening_mentions')
      .values([
        {
          workspace_id: workspaceId,
          source_id: null,
          source_key: 'e2e',
          remote_id: 'm-evil',
          network: 'mastodon',
          url: EVIL,
          author_handle: 'eve',
          author_name: null,
          author_reach: null,
          text: 'Mención con enlace malo',
          lang: 'es',
          sentiment: null,
          sentiment_score: null,
          auto_sentiment: null,
          published_at: new Date(),
          ingested_at: new Date(),
        },
        {
          workspace_id: workspaceId,
          source_id: null,
          source_key: 'e2e',
          remote_id: 'm-good',
          network: 'mastodon',
          url: 'https://mastodon.example/@ana/1',
          author_handle: 'ana',
          author_name: null,
          author_reach: null,
          text: 'Mención con enlace bueno',
          lang: 'es',
          sentiment: null,
          sentiment_score: null,
          auto_sentiment: null,
          published_at: new Date(),
          ingested_at: new Date(),
        },
      ])
      .execute();

    const unsafeLinks = () => page.locator('a[href^="javascript:" i], a[href^="data:" i]').count();
    for (const route of [`/posts/${post.id}`, `/analytics/posts/${post.id}`]) {
      await page.goto(`${server.url}${route}`);
      // The https publication is a link (the page rendered its publications)...
      await page.locator('a[href="https://sandbox.example/posts/r-b"]').waitFor();
      // ...the javascript: one is not.
      expect(await unsafeLinks(), route).toBe(0);
    }
    await page.goto(`${server.url}/listening/mentions`);
    await page.locator('a[href="https://mastodon.example/@ana/1"]').waitFor();
    await page.getByText('Mención con enlace malo').waitFor();
    expect(await unsafeLinks()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(pageErrors).toEqual([]);
  });
});
