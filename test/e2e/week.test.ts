/**
 * Issue 12's week, walked as a newcomer would live it, in one Spanish Chromium session against a real
 * Plaza process: first run (owner + brand "Café Aroma ☕", approval required), two sandbox channels,
 * a post with an image and a per-channel variant sent to review, approved ("Aprobar y programar") a
 * minute or two ahead and published by the engine, an undated draft, listening, the calendar, the
 * posts list, analytics, the client report's PDF and a team invite. The API is used only for what the
 * UI cannot do (the simulated audience's mentions). Fails on any page error, missing i18n key or
 * English text in an alert. Screenshots: docs/screenshots/week-NN-<step>.png.
 */
import path from 'node:path';
import sharp from 'sharp';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accountsRepository } from '../../src/modules/accounts/repository.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, startE2EServer, type E2EServer } from './harness.ts';

const ZONE = 'Europe/Madrid';
const BRAND = 'Café Aroma ☕';
const OWNER = { name: 'Lucía Martín', email: 'lucia@cafearoma.test', password: 'tostado lento de mañana' };
const T = es;
const R = es.review;

/** A small photo-like PNG: a cup of coffee on a warm gradient. */
function cupPhoto(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#d9a066"/><stop offset="1" stop-color="#3b2414"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="600" cy="430" r="230" fill="#f4e1c1"/><circle cx="600" cy="430" r="170" fill="#6f4e37"/>
    <rect x="0" y="690" width="100%" height="110" fill="#2b1a10"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** English a server could leak into the Spanish UI (error messages in alerts, raw event names). */
const ENGLISH = /\b(could not|invalid|failed|unreachable|exceeded|wrong|not found|error:|is required|must be)\b/i;
const RAW_EVENT = /\b(post|link|channel|member|workspace)\.[a-z_]+\b/;

describe("a newcomer's week, in Spanish, end to end (real Chromium, real server)", { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  let workspaceId = '';
  let postId = '';
  let step = 0;
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );

  /** Saves week-NN-<name>.png after checking the page has no missing keys and no English in its alerts. */
  async function shot(name: string): Promise<void> {
    step += 1;
    await page.waitForLoadState('networkidle');
    const missing = await page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);
    expect(missing, `missing i18n keys at ${name}`).toEqual([]);
    const alerts = await page.locator('[role="alert"], .mantine-Alert-root, .mantine-Notification-root').allTextContents();
    for (const text of alerts) expect(text, `English in an alert at ${name}`).not.toMatch(ENGLISH);
    const main = (await page.locator('#root').textContent()) ?? '';
    expect(main, `raw event name at ${name}`).not.toMatch(RAW_EVENT);
    expect(pageErrors, `page errors at ${name}`).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `week-${String(step).padStart(2, '0')}-${name}.png`) });
  }
  const nav = (name: string) => page.locator('nav').getByRole('link', { name, exact: true }).first().click();

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'es-ES', timezoneId: ZONE, viewport: { width: 1280, height: 860 } });
    await context.addInitScript(() => localStorage.setItem('plaza.lang', 'es'));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);
  // A failed step leaves a picture of what the browser showed (not committed: /tmp).
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await page?.screenshot({ path: `/tmp/week-failed-${task.name.slice(0, 20)}.png` });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('Monday: first run creates the owner and the brand, with approval required', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: T.setup.title }).waitFor();
    await page
      .getByLabel(new RegExp(`^${T.auth.name}`))
      .first()
      .fill(OWNER.name);
    await page.getByLabel(new RegExp(`^${T.auth.email}`)).fill(OWNER.email);
    await page.getByLabel(new RegExp(`^${T.auth.password}`)).fill(OWNER.password);
    await page.getByLabel(new RegExp(`^${T.setup.brandName}`)).fill(BRAND);
    await expect(page.getByLabel(T.setup.approvalRequired).isChecked()).resolves.toBe(true);
    await shot('setup');
    await page.getByRole('button', { name: T.setup.submit }).click();
    await page.getByRole('heading', { name: T.calendar.title, exact: true }).waitFor();
    const db = server.runtime.ctx.database.db;
    const user = await db.selectFrom('users').select('id').where('email', '=', OWNER.email).executeTakeFirstOrThrow();
    token = (await accountsRepository.createApiToken(db, user.id, 'week')).token;
    const workspaces = await apiCall<{ items: Array<{ id: string; name: string; timeZone: string; approvalRequired: boolean }> }>(
      'GET',
      '/workspaces',
    );
    expect(workspaces.items).toMatchObject([{ name: BRAND, timeZone: ZONE, approvalRequired: true }]);
    workspaceId = workspaces.items[0].id;
    await shot('empty-calendar');
  });

  it('connects two sandbox channels', async () => {
    await nav(T.nav.channels);
    await page.getByRole('heading', { name: T.channels.title, exact: true }).waitFor();
    for (const [name, handle] of [
      ['Instagram del café', 'cafearoma'],
      ['Mastodon del café', 'cafearoma_social'],
    ]) {
      await page
        .getByRole('button', { name: /^Conectar .*simulada/ })
        .first()
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(T.channels.simulatedTitle).waitFor();
      await dialog.getByLabel(new RegExp(`^${T.channels.name}`)).fill(name);
      await dialog.getByLabel(/^Nombre de la cuenta de prueba/).fill(handle);
      await dialog.getByLabel(/^Cualquier contraseña/).fill(`clave-${handle}`);
      await dialog.getByRole('button', { name: T.channels.connect, exact: true }).click();
      await page.getByTestId(`channel-${name}`).waitFor();
    }
    await shot('channels');
  });

  it('composes a post with an image and a variant for one channel, and sends it to review', async () => {
    await nav(T.nav.compose);
    await page.getByRole('heading', { name: T.composer.title }).waitFor();
    await page.getByLabel(`Instagram del café (${T.common.simulated})`).check();
    await page.getByLabel(`Mastodon del café (${T.common.simulated})`).check();
    // Approval is required here: the composer offers only "send to review", and says why.
    await page.getByTestId('composer-reasons').getByText(R.reasons.approvalRequired).waitFor();
    expect(await page.getByRole('button', { name: T.composer.publishNow }).count()).toBe(0);
    await page.getByLabel(T.composer.text, { exact: true }).fill('Tarta de queso recién hecha 🍰 y café de tueste lento. ¡Os esperamos!');
    await page.locator('input[type="file"]').setInputFiles({ name: 'tarta.png', mimeType: 'image/png', buffer: await cupPhoto() });
    await page.locator('[data-crop]').first().waitFor();
    await page.getByLabel(T.composer.altText).fill('Una taza de café sobre la mesa, con luz de tarde');
    await page.getByRole('tab', { name: /^Mastodon del café/ }).click();
    // Mantine's switch hides its input under the drawn track: click its words, as a person would.
    await page.getByText(T.composer.customize.replace('{{name}}', 'Mastodon del café'), { exact: true }).click();
    await page
      .getByLabel(T.composer.variantText.replace('{{name}}', 'Mastodon del café'), { exact: true })
      .fill('Tarta de queso recién hecha 🍰 #cafe #brunch (descripción de la imagen incluida)');
    // A minute or two ahead, in the brand's zone, so the engine publishes it during the walk.
    const when = DateTime.now().setZone(ZONE).plus({ minutes: 2 }).startOf('minute');
    await page.getByLabel(T.composer.when.replace('{{zone}}', ZONE)).fill(when.toFormat('dd/LL/yyyy'));
    await page.getByLabel(T.dates.time, { exact: true }).fill(when.toFormat('HH:mm'));
    await page.getByRole('tab', { name: T.composer.allChannels }).click();
    await shot('compose');
    await page.getByRole('button', { name: R.submitForReview }).click();
    await page.waitForURL(/\/posts\/[^/]+$/);
    postId = page.url().split('/posts/')[1];
    await page.getByTestId('post-state').getByText(T.states.in_review).waitFor();
    const post = await apiCall<{ publications: Array<{ text: string }>; media: unknown[] }>(
      'GET',
      `/workspaces/${workspaceId}/posts/${postId}`,
    );
    expect(post.publications.map((p) => p.text).sort()).toEqual([
      'Tarta de queso recién hecha 🍰 #cafe #brunch (descripción de la imagen incluida)',
      'Tarta de queso recién hecha 🍰 y café de tueste lento. ¡Os esperamos!',
    ]);
    await shot('in-review');
  });

  it('approves it from the queue, which shows what each channel receives ("Aprobar y programar")', async () => {
    await nav(T.approvals.title);
    const card = page.getByTestId('review-card');
    await card.waitFor();
    await card.getByText(R.variant).first().waitFor();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('img')).every((img) => img.complete && img.naturalWidth > 0));
    await shot('approvals');
    await card.getByRole('button', { name: R.approveAndSchedule }).click();
    await page.getByText(T.approvals.empty).waitFor();
    const post = await apiCall<{ state: string }>('GET', `/workspaces/${workspaceId}/posts/${postId}`);
    expect(post.state).toBe('scheduled');
  });

  it('saves an undated draft while the post waits for its time', async () => {
    await nav(T.nav.compose);
    await page.getByLabel(`Instagram del café (${T.common.simulated})`).check();
    await page.getByLabel(T.composer.text, { exact: true }).fill('Idea: menú de Navidad con chocolate caliente (sin fecha aún)');
    await page.getByRole('button', { name: T.composer.saveDraft }).click();
    await page.waitForURL(/\/posts\/[^/]+$/);
    await page.getByTestId('post-state').getByText(T.states.draft).waitFor();
  });

  it('listens: adds a query and sees the dashboard', async () => {
    // The audience talks (the simulated world's part, through the API): a few mentions arrive.
    const now = Date.now();
    const rows = [
      ['m1', 'Me encanta Café Aroma, la tarta de queso está buenísima 😍', 'es'],
      ['m2', 'No está nada mal el café de Café Aroma, volveremos', 'es'],
      ['m3', 'Café Aroma tardó mucho en servirnos hoy, una pena', 'es'],
    ];
    const csv = [
      'id,text,url,author,network,lang,date',
      ...rows.map(
        ([id, text, lang], i) =>
          `${id},"${text}",https://bsky.app/profile/fan${i}.test/post/${id},fan${i}.test,bluesky,${lang},${new Date(now - (i + 1) * 3_600_000).toISOString()}`,
      ),
    ].join('\n');
    await page.goto(`${server.url}/listening/queries`);
    const L = T.listening;
    await page.getByRole('heading', { name: L.queriesTitle, exact: true }).waitFor();
    await page.getByRole('textbox', { name: L.name, exact: true }).first().fill('Café Aroma');
    await page.getByRole('textbox', { name: L.query, exact: true }).fill('"café aroma" OR @cafearoma');
    await page.getByRole('button', { name: L.save, exact: true }).click();
    await page.getByRole('cell', { name: '"café aroma" OR @cafearoma', exact: true }).waitFor();
    await apiCall('POST', `/workspaces/${workspaceId}/listening/import`, { csv });
    await shot('listening-query');
    await nav(L.dashboardTitle);
    await page.getByRole('heading', { name: L.dashboardTitle, exact: true }).waitFor();
    await page.locator('.uplot').first().waitFor();
    await shot('listening-dashboard');
  });

  it('the engine publishes the post on time; the calendar shows it with both channels', async () => {
    await page.goto(`${server.url}/posts/${postId}`);
    await page.getByTestId('post-state').filter({ hasText: T.states.published }).waitFor({ timeout: 150_000 });
    await shot('published');
    await nav(T.calendar.title);
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    const event = page.locator(`[data-post-id="${postId}"]`);
    await event.waitFor();
    const label = (await event.getAttribute('aria-label')) ?? '';
    expect(label).toContain(T.states.published);
    expect(label).toContain('Instagram del café');
    expect(label).toContain('Mastodon del café');
    await shot('calendar');
  });

  it('the posts list shows the published post and the undated draft', async () => {
    await nav(T.shellUi.nav.posts);
    const table = page.getByTestId('posts-table');
    await table.waitFor();
    await table.getByText('Tarta de queso recién hecha', { exact: false }).first().waitFor();
    await table.getByText('Idea: menú de Navidad', { exact: false }).first().waitFor();
    await table.getByText(T.shellUi.posts.noDate).first().waitFor();
    await shot('posts-list');
    await page.getByLabel(T.shellUi.posts.undatedOnly).check();
    await expect.poll(() => table.getByText('Tarta de queso recién hecha', { exact: false }).count()).toBe(0);
    await table.getByText('Idea: menú de Navidad', { exact: false }).first().waitFor();
  });

  it("analytics: the overview, and the post's dashboard waiting for (or showing) its first metrics", async () => {
    await page.goto(`${server.url}/analytics/overview`);
    await page.getByRole('heading', { name: T.analytics.overview.title, exact: true }).waitFor();
    await page.getByTestId('daily-chart').locator('canvas').waitFor();
    await shot('analytics-overview');
    await page.goto(`${server.url}/analytics/posts/${postId}`);
    await page.getByTestId('waiting-first-metrics').or(page.getByTestId('post-chart').locator('canvas')).first().waitFor();
    await shot('post-metrics');
  });

  it('downloads the client report as a PDF from the Reports page', async () => {
    await page.goto(`${server.url}/analytics/reports`);
    await page.getByRole('heading', { name: T.analytics.reports.title, exact: true }).waitFor();
    const pdfLink = page.getByTestId('report-download').getByRole('link', { name: T.analytics.reports.downloadPdf, exact: true });
    const href = await pdfLink.getAttribute('href');
    expect(href).toContain('format=pdf');
    expect(href).toContain('language=es');
    await shot('reports');
    const answer = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        head: String.fromCharCode(...bytes.slice(0, 5)),
        size: bytes.length,
      };
    }, href);
    expect(answer).toMatchObject({ status: 200, head: '%PDF-' });
    expect(answer.type).toContain('application/pdf');
    expect(answer.size).toBeGreaterThan(5_000);
  });

  it('invites an editor by e-mail; with no SMTP the invite link is shown', async () => {
    await page.goto(`${server.url}/settings?tab=members`);
    await page
      .getByRole('textbox', { name: /correo/i })
      .first()
      .fill('pablo@cafearoma.test');
    await page.getByRole('radio', { name: new RegExp(`^${T.roles.editor}`) }).check();
    await page.getByRole('button', { name: T.accounts.invite.send }).click();
    const link = page.getByTestId('invite-link');
    await link.waitFor();
    expect(await link.textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+/);
    await page.getByText(T.accounts.invite.linkTitle.replace('{{email}}', 'pablo@cafearoma.test')).waitFor();
    await shot('team-invite');
    expect(pageErrors).toEqual([]);
  });
});
