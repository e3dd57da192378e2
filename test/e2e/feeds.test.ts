/**
 * Feeds end to end in a real Chromium against a real Plaza process and a real local feed server, in
 * Spanish and English: a web page is refused with a clear message, an RSS feed added from the Feeds
 * page makes drafts that the page lists, and a feed that later fails shows its problem. Screenshots
 * go to docs/screenshots/.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Blog de Café Aroma</title>
<item><title>Cómo tostamos nuestro café</title><link>https://aroma.example/blog/tostado</link><guid>a-1</guid><pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Cata de cafés de Etiopía</title><link>https://aroma.example/blog/etiopia</link><guid>a-2</guid><pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`;

describe('feeds from the web app (real Chromium, real server)', { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let feeds: http.Server;
  let feedBase = '';
  let blogIsDown = false;
  let token = '';
  const pageErrors: string[] = [];
  const api = apiCaller(
    () => server,
    () => token,
  );
  let ws = '';

  beforeAll(async () => {
    feeds = http.createServer((req, res) => {
      if (req.url === '/articulo')
        return void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            '<html><head><meta property="og:title" content="Menú de otoño en Café Aroma"><meta property="og:description" content="Calabaza, castañas y café de Etiopía"></head><body></body></html>',
          );
      if (req.url === '/blog.xml' && !blogIsDown) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Aroma</body></html>');
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    server = await startE2EServer();
    // The feed server is on loopback: what the admin switch PLAZA_ALLOW_PRIVATE_URLS allows.
    server.runtime.ctx.config.allowPrivateUrls = true;
    token = await signUpOwner(server, { email: 'feeds@example.test', name: 'Fede Feeds', password: 'correct horse battery' });
    browser = await launchBrowser();
    ws = (await api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })).id;
    await api('POST', `/workspaces/${ws}/channels`, { network: 'sandbox', name: 'Aroma', fields: { handle: 'aroma-feeds', token: 't' } });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => feeds?.close(resolve));
  });

  async function open(lang: 'es' | 'en', to = '/feeds'): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-GB', viewport: { width: 1366, height: 900 } });
    await context.addInitScript((l) => localStorage.setItem('plaza.lang', l), lang);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'feeds@example.test', 'correct horse battery')).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${server.url}${to}`);
    return page;
  }

  it('refuses a web page, then adds the blog’s feed and lists the drafts it made (Spanish)', async () => {
    const T = es.feeds;
    const page = await open('es');
    await page.getByRole('heading', { name: T.title }).waitFor();
    await page.getByText(T.none).waitFor();
    await page.getByRole('button', { name: T.new }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(T.url).fill(`${feedBase}/page`);
    // The pills field draws over its input: a click there is what a person's click does (force skips the
    // enabled check, so wait for the channels to have loaded first).
    await dialog.locator('[data-testid="feed-channels"]:not([disabled])').waitFor();
    await dialog.getByTestId('feed-channels').click({ force: true });
    await page.getByRole('listbox').getByRole('option', { name: 'Aroma' }).click();
    await dialog.getByLabel(T.template).fill('{title} 👉 {link}');
    await dialog.getByRole('button', { name: T.create }).click();
    await dialog.getByText(es.apiErrors.feed_is_html).waitFor();

    await dialog.getByLabel(T.url).fill(`${feedBase}/blog.xml`);
    await dialog.getByRole('button', { name: T.create }).click();
    await page.getByTestId('feed-added').getByText(T.created_other.replace('{{count}}', '2')).waitFor();
    const card = page.getByTestId('feed-card');
    await card.getByText('Blog de Café Aroma').waitFor();
    await card.getByText(T.posted_other.replace('{{count}}', '2')).waitFor();
    await card.getByRole('button', { name: T.items }).click();
    await card.getByText('Cata de cafés de Etiopía').waitFor();
    expect(await card.getByText(T.postState.replace('{{state}}', es.states.draft)).count()).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'feeds-es.png'), fullPage: true });

    // The drafts are real posts: their text follows the template with a tracked short link.
    const posts = await api<{ items: Array<{ content: string; state: string }> }>('GET', `/workspaces/${ws}/posts`);
    const made = posts.items.filter((p) => p.content.includes('👉'));
    expect(made).toHaveLength(2);
    expect(made.every((p) => p.state === 'draft' && /👉 http:\/\/localhost:\d+\/l\/\w{7}$/.test(p.content))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('shows a feed’s problem when a later check fails (English)', async () => {
    const T = en.feeds;
    blogIsDown = true;
    const page = await open('en');
    const card = page.getByTestId('feed-card');
    await card.getByRole('button', { name: T.checkNow }).click();
    await card.getByTestId('feed-problem').getByText(en.failureReasons.feed_is_html).waitFor();
    await card.getByRole('button', { name: T.items }).click();
    await card.getByText('How we roast', { exact: false }).or(card.getByText('Cata de cafés de Etiopía')).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'feeds-en.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows the page’s own title and description in the composer’s link card (English)', async () => {
    const composer = await open('en', '/compose');
    await composer.getByLabel(`Aroma (${en.common.simulated})`).check();
    await composer
      .getByLabel(en.composer.text, { exact: true })
      .fill(`Our autumn menu is here ${feedBase}/articulo and how we roast https://aroma.example/blog/tostado`);
    const card = composer.getByTestId('link-card').first();
    await card.getByText('Menú de otoño en Café Aroma').waitFor();
    await card.getByText('Calabaza, castañas y café de Etiopía').waitFor();
    await composer.screenshot({ path: path.join(SCREENSHOT_DIR, 'composer-link-card-en.png'), fullPage: true });

    // Both links shortened and tagged in one action: the text (and so the preview) now holds the short links.
    await composer.getByRole('button', { name: en.team.links.open }).click();
    await composer.getByRole('button', { name: en.linkTools.shortenAll_other.replace('{{count}}', '2') }).click();
    await composer.getByTestId('link-shortener-done-all').waitFor();
    const text = await composer.getByLabel(en.composer.text, { exact: true }).inputValue();
    expect(text).toMatch(/^Our autumn menu is here http:\/\/localhost:\d+\/l\/\w{7} and how we roast http:\/\/localhost:\d+\/l\/\w{7}$/);
    const links = await api<{ items: Array<{ destinationUrl: string }> }>('GET', `/workspaces/${ws}/links`);
    // Two new links beside the feed's two: the article's, and a second one to the roasting post (the feed made the first).
    expect(links.items).toHaveLength(4);
    expect(links.items.filter((l) => l.destinationUrl.startsWith(`${feedBase}/articulo?utm_source=sandbox`))).toHaveLength(1);
    expect(links.items.filter((l) => l.destinationUrl.startsWith('https://aroma.example/blog/tostado?'))).toHaveLength(2);
    expect(pageErrors).toEqual([]);
  });
});
