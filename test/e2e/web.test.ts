import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getInProcessSandbox } from '../../src/networks/sandbox/index.ts';
import { accountsRepository } from '../../src/modules/accounts/repository.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, startE2EServer, type E2EServer } from './harness.ts';

const ZONE = 'Europe/Madrid';
const PAGES = ['/calendar', '/compose', '/approvals', '/channels', '/sandbox', '/activity', '/settings'];

describe('web app end to end (real Chromium, real server, embedded database)', { timeout: 60_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token = '';
  let workspaceId = '';
  const channelIds: Record<string, string> = {};
  const pageErrors: string[] = [];

  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
  const missingKeys = () => page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);

  beforeAll(async () => {
    getInProcessSandbox().reset();
    server = await startE2EServer();
    browser = await launchBrowser();
    context = await browser.newContext({ timezoneId: ZONE, locale: 'en-US', viewport: { width: 1280, height: 860 } });
    await context.addInitScript(() => {
      if (!localStorage.getItem('plaza.lang')) localStorage.setItem('plaza.lang', 'en');
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('first run creates the owner and the brand workspace', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Welcome to Plaza' }).waitFor();
    await shot('setup');
    await page.getByLabel(/^Name/).fill('Ana Owner');
    await page.getByLabel('E-mail').fill('ana@example.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Brand name').fill('Café Plaza');
    await page.getByRole('button', { name: 'Create account and workspace' }).click();
    await page.getByRole('heading', { name: 'Calendar', exact: true }).waitFor();
    await expect(page.getByText(`Time zone: ${ZONE}`).first().isVisible()).resolves.toBe(true);
    const db = server.runtime.ctx.database.db;
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    token = (await accountsRepository.createApiToken(db, user.id, 'e2e')).token;
    const workspaces = await apiCall<{ items: Array<{ id: string; name: string; timeZone: string }> }>('GET', '/workspaces');
    expect(workspaces.items).toMatchObject([{ name: 'Café Plaza', timeZone: ZONE }]);
    workspaceId = workspaces.items[0].id;
  });

  it('connects two sandbox channels, labelled simulated', async () => {
    await page.getByRole('link', { name: 'Channels' }).click();
    for (const [name, handle, secret] of [
      ['Sandbox A', 'plazademo', 'tok-a'],
      ['Sandbox B', 'plazafail', 'tok-b'],
    ]) {
      await page.getByRole('button', { name: 'Connect Sandbox (simulated)' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Simulated network').waitFor();
      await dialog.getByLabel('Channel name').fill(name);
      await dialog.getByLabel('Name of the practice account').fill(handle);
      await dialog.getByLabel('Any password (this is a practice account)').fill(secret);
      await dialog.getByRole('button', { name: 'Connect' }).click();
      await page.getByTestId(`channel-${name}`).waitFor();
    }
    await expect(page.getByTestId('channel-Sandbox A').getByText('Simulated', { exact: true }).isVisible()).resolves.toBe(true);
    await shot('channels');
    const channels = await apiCall<{ items: Array<{ id: string; name: string; status: string }> }>(
      'GET',
      `/workspaces/${workspaceId}/channels`,
    );
    for (const channel of channels.items) channelIds[channel.name] = channel.id;
    expect(channels.items.map((c) => c.status)).toEqual(['active', 'active']);
  });

  it('composes for two channels, sends to review, approves, publishes now, and the simulated network receives it; the calendar shows it published', async () => {
    // This brand asks for approval: the composer offers "Send to review" only.
    await apiCall('PATCH', `/workspaces/${workspaceId}`, { approvalRequired: true });
    await page.reload();
    await page.getByRole('link', { name: 'Compose' }).click();
    await page.getByLabel('Sandbox A (Simulated)').check();
    await page.getByLabel('Sandbox B (Simulated)').check();
    const text = 'Hoy abrimos la terraza: https://example.test/menu';
    await page.getByLabel('Text', { exact: true }).fill(text);
    await expect(page.getByTestId('count-Sandbox A').textContent()).resolves.toContain(`${Array.from(text).length} / 500`);
    await page.getByText('Preview for Sandbox B').or(page.getByLabel('Preview for Sandbox B')).first().waitFor();
    await shot('composer');
    await page.getByRole('button', { name: 'Send to review' }).click();
    await page.waitForURL(/\/posts\//);
    const postId = page.url().split('/posts/')[1];
    await expect(page.getByTestId('post-state').textContent()).resolves.toBe('In review');

    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByTestId('review-card').waitFor();
    await shot('approvals');
    await page.getByLabel('Comment (optional)').fill('¡Perfecto!');
    // No date: approving says so on the button, and the post then says it is approved but not scheduled.
    await page.getByRole('button', { name: 'Approve (no date yet)' }).click();
    await page.getByText('Nothing waiting for review.').waitFor();

    await page.goto(`${server.url}/posts/${postId}`);
    await expect(page.getByTestId('post-state').textContent()).resolves.toBe('Approved, not scheduled');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByTestId('post-state').filter({ hasText: 'Published' }).waitFor({ timeout: 20_000 });
    await page.getByText('¡Perfecto!').waitFor();
    await shot('post-detail');
    const sandbox = getInProcessSandbox();
    expect(sandbox.postsOf('plazademo').map((p) => p.text)).toEqual([text]);
    expect(sandbox.postsOf('plazafail').map((p) => p.text)).toEqual([text]);
    expect(sandbox.countDuplicates()).toBe(0);

    await page.getByRole('link', { name: 'Calendar' }).click();
    const event = page.locator(`[data-post-id="${postId}"]`);
    await event.waitFor();
    // The state is the event's colour and glyph on screen, and its words in the accessible name.
    await expect(event.getAttribute('aria-label')).resolves.toContain('Published');
    await expect(event.getAttribute('data-state')).resolves.toBe('published');
    await shot('calendar');

    await page.getByRole('link', { name: 'Practice network' }).click();
    await page.getByTestId('sandbox-entry').first().waitFor();
    await shot('sandbox');
  });

  it("the calendar fetches its month once, at boot, in parallel with the session check (the window matches the grid's)", async () => {
    await page.goto(`${server.url}/calendar`);
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    const requests: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (request.url().includes('/api/v1/')) requests.push(new URL(request.url()).pathname);
    };
    page.on('request', onRequest);
    await page.goto(`${server.url}/calendar`);
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="calendar"] [data-post-id]').first().waitFor();
    await page.waitForLoadState('networkidle');
    page.off('request', onRequest);
    const entries = requests.filter((url) => url.endsWith('/calendar/entries'));
    expect(entries).toHaveLength(1);
    // index.html's boot script starts the session check, then the month, before the app's code loads:
    // the month does not wait for /me to answer, and neither is asked twice.
    expect(requests.filter((url) => url === '/api/v1/me')).toHaveLength(1);
    expect(requests.findIndex((url) => url.endsWith('/calendar/entries'))).toBeLessThan(3);
  });

  it('drags a scheduled post to another day, then undoes it', async () => {
    const now = DateTime.now().setZone(ZONE);
    const nextMonth = now.day > 24;
    const from = (nextMonth ? now.plus({ months: 1 }).set({ day: 10 }) : now.plus({ days: 2 })).set({
      hour: 10,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    const created = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'Drag me',
      channels: [{ channelId: channelIds['Sandbox A'] }],
      scheduledAt: from.toISO(),
      action: 'submit',
    });
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${created.id}/approve`, {});
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${created.id}/schedule`, { scheduledAt: from.toISO() });

    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    if (nextMonth) await page.getByTestId('calendar-next').click();
    const event = page.locator(`[data-post-id="${created.id}"]`);
    await event.waitFor();
    const target = page.locator(`[data-testid="calendar"] [data-date="${from.plus({ days: 1 }).toISODate()}"]`);
    const a = (await event.boundingBox())!;
    const b = (await target.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 5, a.y + a.height / 2 + 5, { steps: 3 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.getByTestId('reschedule-undo').waitFor();
    const moved = await apiCall<{ scheduledAt: string; state: string }>('GET', `/workspaces/${workspaceId}/posts/${created.id}`);
    expect(Date.parse(moved.scheduledAt)).toBe(from.plus({ days: 1 }).toMillis());
    expect(moved.state).toBe('scheduled');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(async () =>
        Date.parse((await apiCall<{ scheduledAt: string }>('GET', `/workspaces/${workspaceId}/posts/${created.id}`)).scheduledAt),
      )
      .toBe(from.toMillis());
  });

  it('edits a post from its detail page: text, per-network options and strategy links; the calendar filters by campaign name', async () => {
    const campaign = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/campaigns`, { name: 'Terraza de otoño' });
    const objective = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/objectives`, {
      name: 'More reservations',
      kpi: 'engagements',
      target: 100,
      startAt: DateTime.now().toISO(),
      deadline: DateTime.now().plus({ months: 3 }).toISO(),
    });
    await apiCall('POST', `/workspaces/${workspaceId}/segments`, { name: 'Neighbours' });
    await apiCall('POST', `/workspaces/${workspaceId}/pillars`, { name: 'Behind the bar' });
    const when = DateTime.now().setZone(ZONE).plus({ days: 1 }).set({ hour: 12, minute: 30, second: 0, millisecond: 0 });
    const draft = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'First words',
      channels: [{ channelId: channelIds['Sandbox A'] }],
      scheduledAt: when.toISO(),
      action: 'draft',
    });
    const other = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'No campaign here',
      channels: [{ channelId: channelIds['Sandbox A'] }],
      scheduledAt: when.toISO(),
      action: 'draft',
    });

    await page.goto(`${server.url}/posts/${draft.id}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/compose\?edit=/);
    await page.getByRole('heading', { name: 'Edit post' }).waitFor();
    const text = page.getByLabel('Text', { exact: true });
    await expect(text.inputValue()).resolves.toBe('First words');
    await expect(page.getByLabel(/^Date and time/).inputValue()).resolves.toBe(when.toFormat('LL/dd/yyyy'));
    await expect(page.getByLabel('Time', { exact: true }).inputValue()).resolves.toBe(when.toFormat('HH:mm'));
    await text.fill('Better words, same post');
    await page.getByRole('textbox', { name: 'Campaign' }).click();
    await page.getByRole('listbox').getByRole('option', { name: 'Terraza de otoño' }).click();
    await page.getByRole('textbox', { name: 'Objective' }).click();
    await page.getByRole('listbox').getByRole('option', { name: 'More reservations' }).click();
    await page.getByRole('tab', { name: 'Sandbox A' }).click();
    await page.getByRole('textbox', { name: 'Visibility' }).click();
    await page.getByRole('listbox').getByRole('option', { name: 'Unlisted' }).click();
    await page.getByLabel('Content warning').fill('Food photos');
    await shot('composer-edit');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**/posts/${draft.id}`);

    const saved = await apiCall<{
      content: string;
      state: string;
      campaignId: string;
      objectiveId: string;
      segmentId: string | null;
      scheduledAt: string;
      publications: Array<{ text: string; options: Record<string, unknown> }>;
    }>('GET', `/workspaces/${workspaceId}/posts/${draft.id}`);
    expect(saved).toMatchObject({
      content: 'Better words, same post',
      state: 'draft',
      campaignId: campaign.id,
      objectiveId: objective.id,
      segmentId: null,
    });
    expect(Date.parse(saved.scheduledAt)).toBe(when.toMillis());
    expect(saved.publications).toMatchObject([
      { text: 'Better words, same post', options: { visibility: 'unlisted', contentWarning: 'Food photos' } },
    ]);

    // The calendar's campaign filter lists campaigns by name and keeps only their posts.
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    if (when.month !== DateTime.now().setZone(ZONE).month) await page.getByTestId('calendar-next').click();
    await page.locator(`[data-post-id="${other.id}"]`).waitFor();
    await page.getByRole('combobox', { name: 'Campaign' }).selectOption({ label: 'Terraza de otoño' });
    await page.locator(`[data-post-id="${other.id}"]`).waitFor({ state: 'detached' });
    await page.locator(`[data-post-id="${draft.id}"]`).click();
    // The calendar opens a post's summary, from which it can be edited.
    const summary = page.getByTestId('calendar-post');
    await summary.getByText('Better words, same post').waitFor();
    await summary.getByRole('button', { name: 'Edit' }).click();
    await page.waitForURL(`**/compose?edit=${draft.id}`);
    await page.getByRole('heading', { name: 'Edit post' }).waitFor();
    await expect(page.getByRole('textbox', { name: 'Campaign' }).inputValue()).resolves.toBe('Terraza de otoño');
  });

  it('suggests a time (or says why it cannot) and only offers options a network supports', async () => {
    await page.getByRole('link', { name: 'Compose' }).click();
    await page.getByRole('heading', { name: 'Compose' }).waitFor();
    await page.getByLabel('Sandbox A (Simulated)').check();
    await page.getByRole('button', { name: 'Suggest a time' }).click();
    const note = page.getByTestId('suggest-note');
    await note.waitFor();
    const date = await page.getByLabel(/^Date and time/).inputValue();
    // A new brand has no measured posts: it says so and leaves the date alone; with data it fills the date.
    if (date) await expect(note.textContent()).resolves.toMatch(/^Suggested/);
    else await expect(note.textContent()).resolves.toMatch(/^No suggestion yet/);
    await page.getByRole('tab', { name: 'Sandbox A' }).click();
    await page.getByLabel('Content warning').waitFor();
  });

  it('keyboard only: tab to the composer, type, and save with the keyboard', async () => {
    await page.goto(`${server.url}/compose`);
    await page.getByRole('heading', { name: 'Compose' }).waitFor();
    const focusedLabel = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return (labelled ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
      });
    const tabTo = async (label: RegExp) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if (label.test(await focusedLabel())) return;
      }
      throw new Error(`never reached ${label} with Tab`);
    };
    await tabTo(/^Sandbox A \(Simulated\)$/);
    await page.keyboard.press('Space');
    await tabTo(/^Text$/);
    await page.keyboard.type('Typed without a mouse');
    await tabTo(/^Save draft$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/posts\//);
    const postId = page.url().split('/posts/')[1];
    const saved = await apiCall<{ content: string; state: string; publications: Array<{ channelId: string }> }>(
      'GET',
      `/workspaces/${workspaceId}/posts/${postId}`,
    );
    expect(saved).toMatchObject({
      content: 'Typed without a mouse',
      state: 'draft',
      publications: [{ channelId: channelIds['Sandbox A'] }],
    });
  });

  it('a failing channel raises a live alert linking to the post, which shows the reason', async () => {
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor();
    getInProcessSandbox().revokeToken('tok-b');
    const created = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/posts`, {
      content: 'This one will fail',
      channels: [{ channelId: channelIds['Sandbox B'] }],
      action: 'submit',
    });
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${created.id}/approve`, {});
    await apiCall('POST', `/workspaces/${workspaceId}/posts/${created.id}/publish_now`, {});
    const alerts = page.getByTestId('live-alerts');
    await alerts.getByText('A post failed to publish').waitFor({ timeout: 20_000 });
    await alerts.getByText('A channel needs to be reconnected').waitFor({ timeout: 10_000 });
    await shot('live-alert');
    await alerts
      .getByText('A post failed to publish')
      .locator('xpath=ancestor::div[contains(@class,"mantine-Alert-root")]')
      .getByRole('link', { name: 'Open' })
      .click();
    await page.waitForURL(`**/posts/${created.id}`);
    const reason = page.getByTestId('publication-error');
    await reason.waitFor();
    await expect(reason.textContent()).resolves.toMatch(/^Failed: The network refused it/);
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByTestId('channel-Sandbox B').getByText('Reconnect needed').first().waitFor();
  });

  it('every page renders in English and Spanish with no missing translation', async () => {
    for (const route of PAGES) {
      await page.goto(`${server.url}${route}`);
      await page.locator('#main h2').first().waitFor();
      if (route === '/activity' || route === '/settings') await shot(route.slice(1));
    }
    expect(await missingKeys()).toEqual([]);
    await page.evaluate(() => localStorage.setItem('plaza.lang', 'es'));
    const seen: string[] = [];
    for (const route of PAGES) {
      await page.goto(`${server.url}${route}`);
      await page.locator('#main h2').first().waitFor();
      seen.push(...(await missingKeys()));
    }
    await page.goto(`${server.url}/calendar`);
    await page.getByRole('heading', { name: 'Calendario', exact: true }).waitFor();
    // Spanish weeks start on Monday.
    await expect(page.locator('[data-testid="calendar"] [role="columnheader"]').first().getAttribute('data-weekday')).resolves.toBe('1');
    await shot('calendar-es');
    expect(seen).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/compose`);
    await page.getByRole('heading', { name: 'Redactar' }).waitFor();
    await shot('phone-composer-es');
    expect(pageErrors).toEqual([]);
  });
});

describe('calendar window and week start (pure functions the prefetch relies on)', () => {
  it('computes the six-week month grid the calendar shows, in the brand zone, across a DST change', async () => {
    const { monthGridRange, firstDayOfWeek } = await import('../../web/src/features/calendar/CalendarData.ts');
    const november = DateTime.fromISO('2026-11-15T12:00:00', { zone: ZONE }).toJSDate();
    // Sunday-first: Sun 1 Nov 00:00 CET … +6 weeks (what FullCalendar reported for this month, and the grid shows).
    expect(monthGridRange(november, ZONE, 0)).toEqual({ from: '2026-10-31T23:00:00.000Z', to: '2026-12-12T23:00:00.000Z' });
    // Monday-first: Mon 26 Oct, the day after summer time ends.
    expect(monthGridRange(november, ZONE, 1)).toEqual({ from: '2026-10-25T23:00:00.000Z', to: '2026-12-06T23:00:00.000Z' });
    expect(monthGridRange(DateTime.fromISO('2026-03-10T12:00:00', { zone: 'America/New_York' }).toJSDate(), 'America/New_York', 0)).toEqual(
      {
        from: '2026-03-01T05:00:00.000Z',
        to: '2026-04-12T04:00:00.000Z',
      },
    );
    expect([firstDayOfWeek('es'), firstDayOfWeek('en'), firstDayOfWeek('en-GB'), firstDayOfWeek('en-US'), firstDayOfWeek('es-MX')]).toEqual(
      [1, 0, 1, 0, 0],
    );
  });
});
