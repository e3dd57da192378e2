/**
 * Approvals end to end in a real Chromium against a real Plaza process, once in Spanish and once in
 * English, in a workspace that requires approval: the composer offers only "Send to review" and says why,
 * refuses an empty post, warns on a past date; the approvals queue shows what each channel receives
 * (variants, images cropped like the network, link card); approving a past-dated post asks first; the
 * post page says "approved, not scheduled"; cancelling asks, then can be undone. Screenshots go to
 * docs/screenshots/.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

/** A photo-like PNG (a café table at dusk, in shapes) of the given size. */
function photo(width: number, height: number, hue: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${hue}"/><stop offset="1" stop-color="#3b2414"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width / 2}" cy="${height * 0.55}" r="${Math.min(width, height) * 0.28}" fill="#f4e1c1"/>
    <circle cx="${width / 2}" cy="${height * 0.55}" r="${Math.min(width, height) * 0.2}" fill="#6f4e37"/>
    <rect x="0" y="${height * 0.85}" width="100%" height="${height * 0.15}" fill="#2b1a10"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('approvals, past dates, previews and cancel end to end (real Chromium, real server)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );

  async function upload(workspaceId: string, png: Buffer, name: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), name);
    const response = await fetch(`${server.url}/api/v1/workspaces/${workspaceId}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }
  async function newPage(language: 'es' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: language === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1280, height: 900 } });
    await context.addInitScript((lang) => localStorage.setItem('plaza.lang', lang), language);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'rocio@example.test', name: 'Rocío Owner', password: 'correct horse battery' });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const language of ['es', 'en'] as const) {
    const T = language === 'es' ? es : en;
    const R = T.review;

    it(`reviews, approves, warns about past dates and cancels with undo (${language})`, async () => {
      const workspace = await apiCall<{ id: string }>('POST', '/workspaces', {
        name: language === 'es' ? 'Café Aroma' : 'Aroma Café',
        timeZone: 'Europe/Madrid',
        language,
        approvalRequired: true,
      });
      const ws = workspace.id;
      const channel = async (name: string, handle: string) =>
        (
          await apiCall<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
            network: 'sandbox',
            name,
            fields: { handle, token: `t-${handle}` },
          })
        ).id;
      const bluesky = await channel('Bluesky', `aroma-${language}`);
      const mastodon = await channel('Mastodon', `aroma-social-${language}`);
      const wide = await upload(ws, await photo(1600, 900, '#c8743a'), 'cafe.png');
      const tall = await upload(ws, await photo(800, 1200, '#9a3412'), 'tarta.png');
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();

      const { context, page } = await newPage(language);
      await page.goto(server.url);
      expect(await signInPage(page, 'rocio@example.test', 'correct horse battery')).toBe(200);
      await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);

      // The composer: only "Send to review" here, with the reason; an empty post cannot be saved; a past date warns.
      await page.goto(`${server.url}/compose`);
      await page.getByLabel(`Bluesky (${T.common.simulated})`).check();
      await page.getByLabel(`Mastodon (${T.common.simulated})`).check();
      const reasons = page.getByTestId('composer-reasons');
      await reasons.getByText(R.reasons.empty).waitFor();
      await reasons.getByText(R.reasons.approvalRequired).waitFor();
      expect(await page.getByRole('button', { name: T.composer.saveDraft }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: T.composer.schedule, exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: T.composer.publishNow }).count()).toBe(0);
      await page
        .getByLabel(T.composer.text, { exact: true })
        .fill(
          language === 'es'
            ? 'Tarta de queso recién hecha 🍰 https://cafearoma.example/carta'
            : 'Fresh cheesecake 🍰 https://cafearoma.example/menu',
        );
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'cafe.png', mimeType: 'image/png', buffer: await photo(1600, 900, '#c8743a') });
      await page.locator('[data-crop]').first().waitFor();
      await page.getByLabel(T.composer.when.replace('{{zone}}', 'Europe/Madrid')).fill(language === 'es' ? '01/03/2020' : '03/01/2020');
      await page.getByLabel(T.dates.time, { exact: true }).fill('10:00');
      await page.getByTestId('composer-past-date').waitFor();
      expect(await page.getByRole('button', { name: T.composer.saveDraft }).isDisabled()).toBe(false);
      expect(await page.getByRole('button', { name: R.submitForReview }).isVisible()).toBe(true);
      await shot(page, `composer-approval-${language}`);

      // The approvals queue: each channel's own text and images, cropped like the network; a link card.
      const past = await apiCall<{ id: string }>('POST', `/workspaces/${ws}/posts`, {
        content: language === 'es' ? 'Nuestro brunch del domingo ☕🥐' : 'Our Sunday brunch ☕🥐',
        media: [
          { mediaId: wide, alt: 'Café' },
          { mediaId: tall, alt: 'Tarta' },
        ],
        channels: [
          { channelId: bluesky },
          {
            channelId: mastodon,
            text: language === 'es' ? 'Brunch del domingo, con opciones veganas #cafe' : 'Sunday brunch, vegan options too #cafe',
            media: [{ mediaId: tall, alt: 'Tarta' }],
          },
        ],
        scheduledAt: yesterday,
        action: 'submit',
      });
      const future = await apiCall<{ id: string }>('POST', `/workspaces/${ws}/posts`, {
        content:
          language === 'es' ? 'Nueva carta de otoño: https://cafearoma.example/otono' : 'New autumn menu: https://cafearoma.example/autumn',
        channels: [{ channelId: bluesky }, { channelId: mastodon }],
        scheduledAt: nextWeek,
        action: 'submit',
      });
      await page.goto(`${server.url}/approvals`);
      const cards = page.getByTestId('review-card');
      await cards.nth(1).waitFor();
      await page.getByTestId('past-date').waitFor();
      await page.getByTestId('link-card').first().waitFor();
      await page.getByText(R.variant).first().waitFor();
      expect(await page.locator('[data-crop] img').count()).toBeGreaterThanOrEqual(3);
      await page.waitForFunction(() => Array.from(document.querySelectorAll('img')).every((img) => img.complete && img.naturalWidth > 0));
      await shot(page, `approvals-${language}`);

      // Approving the past-dated post asks first: nothing goes out until the approver chooses.
      const pastCard = cards.filter({ has: page.getByTestId('past-date') });
      await pastCard.getByRole('button', { name: R.approvePast }).click();
      const dialog = page.getByRole('dialog', { name: R.pastTitle });
      await dialog.waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `approvals-past-date-${language}.png`) });
      const stillInReview = await apiCall<{ state: string }>('GET', `/workspaces/${ws}/posts/${past.id}`);
      expect(stillInReview.state).toBe('in_review');
      await dialog.getByRole('button', { name: R.publishNow }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('past-date').waitFor({ state: 'hidden' });
      expect((await apiCall<{ state: string }>('GET', `/workspaces/${ws}/posts/${past.id}`)).state).not.toBe('in_review');

      // The dated post: "Approve and schedule" schedules it.
      await cards.first().getByRole('button', { name: R.approveAndSchedule }).click();
      await page.getByText(T.approvals.empty).waitFor();
      expect((await apiCall<{ state: string }>('GET', `/workspaces/${ws}/posts/${future.id}`)).state).toBe('scheduled');

      // The post page: previews per channel; cancelling asks, then "Undo" brings it back on schedule.
      await page.goto(`${server.url}/posts/${future.id}`);
      await page.getByTestId('channel-preview-Bluesky').waitFor();
      await shot(page, `post-detail-${language}`);
      await page.getByRole('button', { name: R.cancelPost }).click();
      const confirm = page.getByRole('dialog', { name: R.cancelTitle });
      await confirm.getByText(R.cancelBody).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `post-cancel-confirm-${language}.png`) });
      await confirm.getByRole('button', { name: R.cancelConfirm }).click();
      const notice = page.getByTestId('cancel-notice');
      await notice.getByText(R.canceledNotice).waitFor();
      await page.getByTestId('post-state').getByText(T.states.canceled).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `post-cancel-undo-${language}.png`) });
      await notice.getByRole('button', { name: new RegExp(R.undo) }).click();
      await page.getByTestId('post-state').getByText(T.states.scheduled).waitFor();
      expect((await apiCall<{ state: string; scheduledAt: string }>('GET', `/workspaces/${ws}/posts/${future.id}`)).state).toBe(
        'scheduled',
      );

      // An undated post, once approved, says it is not scheduled.
      const undated = await apiCall<{ id: string }>('POST', `/workspaces/${ws}/posts`, {
        content: language === 'es' ? 'Sin fecha todavía' : 'No date yet',
        channels: [{ channelId: bluesky }],
        action: 'submit',
      });
      await apiCall('POST', `/workspaces/${ws}/posts/${undated.id}/approve`, {});
      await page.goto(`${server.url}/posts/${undated.id}`);
      await page.getByTestId('approved-not-scheduled').getByText(R.approvedNotScheduledHelp).waitFor();
      await page.getByTestId('post-state').getByText(T.states.approved).waitFor();
      await shot(page, `post-approved-not-scheduled-${language}`);

      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});
