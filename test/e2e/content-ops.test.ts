/**
 * Content operations in the web app, end to end in a real Chromium against a real Plaza process, in
 * Spanish and English (issue 16, parts 2, 3 and 7): an evergreen post marked on its page with an
 * alternative text, a queue set to recycle it and filled, the post page saying which queue recycles it
 * and when it goes out next, the posts list's evergreen filter; a post of a weekly series edited for
 * "this and the following ones" (every future occurrence made again with the new text) and for "only
 * this one" (detached); the composer's media library picker (search, tag, a 4:5 crop made on the spot,
 * alt text saved to the library) attaching a file whose usage then names the post. Screenshots go to
 * docs/screenshots/content-ops-*.png.
 */
import sharp from 'sharp';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { until } from '../helpers/wait.ts';
import { webSession, type WebSession } from './harness.ts';

const ZONE = 'Europe/Madrid';
const dictionaries = { es, en };

describe('content operations in the web app (real Chromium, real server)', { timeout: 300_000 }, () => {
  let web: WebSession;
  let ws = '';
  let channelId = '';
  const pageErrors: string[] = [];
  const evergreenIds: Record<'es' | 'en', string> = { es: '', en: '' };
  const queueIds: Record<'es' | 'en', string> = { es: '', en: '' };
  const seriesIds: Record<'es' | 'en', string> = { es: '', en: '' };
  // Next Monday on Madrid's clock: the series' first occurrence, at 09:00.
  const today = DateTime.now().setZone(ZONE).plus({ days: 1 }).startOf('day');
  const monday = today.plus({ days: (8 - today.weekday) % 7 });

  async function upload(name: string, color: string, width: number, height: number): Promise<string> {
    const bytes = await sharp({ create: { width, height, channels: 3, background: color } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
    const res = await fetch(`${web.server.url}/api/v1/workspaces/${ws}/media`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${web.token}` },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    web = await webSession({
      owner: { email: 'contenido@example.test', name: 'Clara Contenido', password: 'correct horse battery' },
      screenshotPrefix: 'content-ops',
    });
    ws = (await web.api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: ZONE, language: 'es' })).id;
    channelId = (
      await web.api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'sandbox',
        name: 'Aroma',
        fields: { handle: 'aroma-contenido', token: 't' },
      })
    ).id;
    for (const lang of ['es', 'en'] as const) {
      const text = lang === 'es' ? 'Nuestro café de siempre, tostado cada lunes ☕' : 'Our everyday coffee, roasted every Monday ☕';
      evergreenIds[lang] = (
        await web.api<{ id: string }>('POST', `/workspaces/${ws}/posts`, {
          content: text,
          channels: [{ channelId }],
          action: 'publish_now',
        })
      ).id;
      const slots = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, time: lang === 'es' ? '10:00' : '17:00' }));
      queueIds[lang] = (
        await web.api<{ id: string }>('POST', `/workspaces/${ws}/queues`, {
          name: lang === 'es' ? 'Siempre verde' : 'Evergreen slots',
          channelIds: [channelId],
          slots,
        })
      ).id;
      seriesIds[lang] = (
        await web.api<{ id: string }>('POST', `/workspaces/${ws}/recurring`, {
          post: { content: lang === 'es' ? 'Café del lunes' : 'Monday coffee', channels: [{ channelId }], action: 'schedule' },
          rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=5',
          startsLocal: `${monday.toISODate()}T${lang === 'es' ? '09:00' : '11:00'}`,
        })
      ).id;
    }
    const beach = await upload('playa-verano.png', '#3399ff', 1200, 800);
    await web.api('PATCH', `/workspaces/${ws}/media/${beach}`, { altText: 'Niños en la orilla', tags: ['verano'] });
    await upload('logo-cafe.png', '#aa5500', 400, 400);
    for (const lang of ['es', 'en'] as const)
      await until(
        async () => (await web.api<{ state: string }>('GET', `/workspaces/${ws}/posts/${evergreenIds[lang]}`)).state === 'published',
        60_000,
      );
  }, 300_000);
  afterAll(async () => web?.close());

  async function open(lang: 'es' | 'en', path: string): Promise<Page> {
    const page = await web.openPage(lang, { width: 1366, height: 900 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${web.server.url}${path}`);
    return page;
  }

  for (const lang of ['es', 'en'] as const) {
    const T = dictionaries[lang];

    it(`marks a post evergreen, a queue recycles it, and the post says when it goes out next (${lang})`, async () => {
      const postId = evergreenIds[lang];
      const page = await open(lang, `/posts/${postId}`);
      const box = page.getByTestId('post-evergreen');
      await box.getByText(T.recurring.ever.switch).click();
      await box.getByTestId('evergreen-badge').getByText(T.recurring.ever.on, { exact: true }).waitFor();
      await box.getByTestId('evergreen-recycling').waitFor();
      await box.getByRole('button', { name: T.recurring.ever.addVariant }).click();
      const variant = lang === 'es' ? 'El café de siempre, recién hecho' : 'The same good coffee, freshly made';
      await box.getByLabel(T.recurring.ever.variant.replace('{{n}}', '1'), { exact: true }).fill(variant);
      await box.getByTestId('evergreen-save').click();
      await box.getByText(T.recurring.ever.saved).waitFor();
      expect((await web.api<{ variants: string[] }>('GET', `/workspaces/${ws}/posts/${postId}/evergreen`)).variants).toEqual([variant]);

      // The queue's card: recycling on, 3 days apart, filled now.
      await page.goto(`${web.server.url}/queues`);
      const name = lang === 'es' ? 'Siempre verde' : 'Evergreen slots';
      const card = page.getByTestId('queue-card').filter({ hasText: name });
      await card.getByTestId('queue-evergreen').getByText(T.recurring.ever.queueTitle).click();
      const gap = card.getByTestId('queue-evergreen-gap');
      await gap.waitFor();
      await gap.fill('3');
      await card.getByRole('button', { name: T.recurring.ever.queueSave }).click();
      await expect
        .poll(
          async () =>
            (await web.api<{ queues: Array<{ id: string; gapDays: number | null }> }>('GET', `/workspaces/${ws}/evergreen`)).queues.find(
              (q) => q.id === queueIds[lang],
            )?.gapDays,
          { timeout: 30_000 },
        )
        .toBe(3);
      await card.getByTestId('queue-evergreen-fill').click();
      await expect
        .poll(async () => (await web.api<{ reshares: unknown[] }>('GET', `/workspaces/${ws}/posts/${postId}/evergreen`)).reshares.length, {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      await card.scrollIntoViewIfNeeded();
      await web.shot(page, `queue-recycling-${lang}`);

      // Back on the post: which queue recycles it, the gap, last and next share, the variation rule.
      await page.goto(`${web.server.url}/posts/${postId}`);
      const recycling = page.getByTestId('evergreen-recycling');
      const line = recycling.getByTestId('evergreen-queue').filter({ hasText: name });
      await line.waitFor();
      expect(await line.textContent()).toBe(T.recurring.ever.recycledBy_other.replace('{{name}}', name).replace('{{count}}', '3'));
      await recycling.getByTestId('evergreen-next').getByRole('link').waitFor();
      expect(await recycling.getByTestId('evergreen-last').textContent()).not.toBe(T.recurring.ever.never);
      await recycling.getByText(T.recurring.ever.rule).waitFor();
      await web.shot(page, `evergreen-post-${lang}`, true);

      // The posts list's evergreen filter.
      await page.goto(`${web.server.url}/posts?evergreen=true`);
      const rows = page.getByTestId('evergreen-row');
      await rows.first().waitFor();
      expect(await page.getByTestId('evergreen-list').textContent()).toContain(name);
      await web.shot(page, `evergreen-list-${lang}`);
    });

    it(`edits a series post for this and the following ones, or only this one (${lang})`, async () => {
      type Detail = { rule: string; items: Array<{ postId: string; local: string; detached: boolean }> };
      const before = await web.api<Detail>('GET', `/workspaces/${ws}/recurring/${seriesIds[lang]}`);
      expect(before.items).toHaveLength(5);
      const second = before.items[1];
      const page = await open(lang, `/posts/${second.postId}`);
      const words = lang === 'es' ? 'cada semana: lunes, a las 09:00, 5 veces' : 'every week on Monday at 11:00, 5 times';
      await page.getByTestId('recurring-words').getByText(words, { exact: false }).waitFor();
      await web.shot(page, `series-post-${lang}`);

      // "This and the following ones": every future occurrence gets the new text.
      await page.goto(`${web.server.url}/compose?edit=${second.postId}`);
      const text = page.getByLabel(T.composer.text, { exact: true });
      await expect.poll(async () => text.inputValue(), { timeout: 30_000 }).not.toBe('');
      const newText = lang === 'es' ? 'Café del lunes: tueste nuevo' : 'Monday coffee: new roast';
      await text.fill(newText);
      await page.getByRole('button', { name: T.planner.saveChanges }).click();
      const dialog = page.getByRole('dialog', { name: T.recurring.editChoice.title });
      await dialog.waitFor();
      await dialog.getByText(T.recurring.editChoice.future).click();
      await web.shot(page, `series-edit-choice-${lang}`);
      await dialog.getByTestId('series-edit-apply').click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      const after = await web.api<Detail>('GET', `/workspaces/${ws}/recurring/${seriesIds[lang]}`);
      expect(after.items.map((o) => o.local)).toEqual(before.items.map((o) => o.local));
      const texts = await Promise.all(
        after.items.map(async (o) => (await web.api<{ content: string }>('GET', `/workspaces/${ws}/posts/${o.postId}`)).content),
      );
      expect(texts).toEqual(Array(5).fill(newText));
      expect(page.url()).toContain(after.items[1].postId);

      // "Only this one": the third occurrence leaves the series, the others keep their text.
      const third = after.items[2];
      await page.goto(`${web.server.url}/compose?edit=${third.postId}`);
      await expect.poll(async () => page.getByLabel(T.composer.text, { exact: true }).inputValue(), { timeout: 30_000 }).toBe(newText);
      await page.getByLabel(T.composer.text, { exact: true }).fill(`${newText} ✨`);
      await page.getByRole('button', { name: T.planner.saveChanges }).click();
      await dialog.waitFor();
      await dialog.getByTestId('series-edit-apply').click();
      await page.waitForURL(new RegExp(`/posts/${third.postId}$`));
      const last = await web.api<Detail>('GET', `/workspaces/${ws}/recurring/${seriesIds[lang]}`);
      expect(last.items.find((o) => o.postId === third.postId)?.detached).toBe(true);
      expect((await web.api<{ content: string }>('GET', `/workspaces/${ws}/posts/${last.items[3].postId}`)).content).toBe(newText);
      await page.getByTestId('post-recurring').getByText(T.recurring.detached).waitFor();
    });

    it(`picks an image from the library in the composer, with a 4:5 crop and its alt text (${lang})`, async () => {
      const page = await open(lang, '/compose');
      await page.getByLabel(`Aroma (${T.common.simulated})`).check();
      const content = lang === 'es' ? 'Verano en la terraza' : 'Summer on the terrace';
      await page.getByLabel(T.composer.text, { exact: true }).fill(content);
      await page.getByTestId('composer-library').click();
      const picker = page.getByTestId('media-picker');
      await picker.getByTestId('media-picker-item').nth(1).waitFor();
      if (lang === 'es') await picker.getByTestId('media-picker-search').fill('playa');
      else {
        await picker.getByTestId('media-picker-tag').click();
        await page
          .getByRole('listbox')
          .getByRole('option', { name: /^verano/ })
          .click();
      }
      await expect.poll(async () => picker.getByTestId('media-picker-item').count(), { timeout: 30_000 }).toBe(1);
      await picker.getByRole('button', { name: /playa-verano/ }).click();
      const versions = picker.getByTestId('media-picker-versions');
      // Spanish makes the 4:5 crop here; English finds it made and picks it.
      if (lang === 'es') await versions.getByTestId('media-picker-make-portrait').click();
      else await versions.getByTestId('media-picker-crop-portrait').click();
      await versions.getByTestId('media-picker-crop-portrait').waitFor();
      await expect
        .poll(async () => versions.getByTestId('media-picker-preview').getAttribute('src'), { timeout: 30_000 })
        .not.toContain('undefined');
      const alt = versions.getByTestId('media-picker-alt');
      // The crop starts with the original's alt text; Spanish changed it, so English finds that one.
      expect(await alt.inputValue()).toBe(lang === 'es' ? 'Niños en la orilla' : 'Niños jugando en la orilla');
      const newAlt = lang === 'es' ? 'Niños jugando en la orilla' : 'Children playing at the shore';
      await alt.fill(newAlt);
      await web.shot(page, `media-picker-${lang}`);
      await versions.getByTestId('media-picker-attach').click();
      await picker.waitFor({ state: 'detached' });
      const item = page.getByTestId('composer-media-item');
      await item.waitFor();
      expect(await item.getByLabel(T.composer.altText).inputValue()).toBe(newAlt);
      await page.getByRole('button', { name: T.composer.saveDraft }).click();
      await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
      const postId = page.url().split('/').pop()!;
      // The crop is what the post uses, its alt text lives in the library, and its usage names the post.
      const post = await web.api<{ publications: Array<{ media: Array<{ mediaId: string; alt?: string }> }> }>(
        'GET',
        `/workspaces/${ws}/posts/${postId}`,
      );
      const mediaId = post.publications[0].media[0].mediaId;
      const details = await web.api<{ crop: { aspect: string } | null; altText: string; usages: Array<{ postId: string }> }>(
        'GET',
        `/workspaces/${ws}/media/${mediaId}/details`,
      );
      expect(details.crop?.aspect).toBe('portrait');
      expect(details.altText).toBe(newAlt);
      expect(details.usages.map((u) => u.postId)).toContain(postId);
      expect(post.publications[0].media[0].alt).toBe(newAlt);
      expect(pageErrors).toEqual([]);
    });
  }
});
