import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorSettings } from '../../src/networks/tiktok/creator.ts';
import { webSession, type WebSession } from './harness.ts';

const OWNER = { email: 'lucia@cafearoma.test', name: 'Lucía Gil', password: 'tostado lento de mañana' };

describe('Pinterest, TikTok and Discord in the web app (real Chromium, es + en)', { timeout: 240_000 }, () => {
  let session: WebSession;
  let workspaceId = '';

  beforeAll(async () => {
    session = await webSession({ owner: OWNER, screenshotPrefix: 'networks2' });
    workspaceId = (
      await session.api<{ id: string }>('POST', '/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })
    ).id;
    // Channels as the sign-in pickers make them (their settings are what the pickers keep); no network is reached.
    const db = session.server.runtime.ctx.database.db;
    const creator = {
      privacy_level_options: ['PUBLIC_TO_EVERYONE', 'SELF_ONLY'],
      comment_disabled: false,
      duet_disabled: true,
      stitch_disabled: true,
      max_video_post_duration_sec: 180,
    };
    await db
      .insertInto('channels')
      .values([
        {
          workspace_id: workspaceId,
          network: 'tiktok',
          name: 'Café Aroma TikTok',
          settings: JSON.stringify({ openId: 'o1', username: 'cafearoma', ...creatorSettings(creator, true) }),
          credentials_sealed: 'unused',
          account: null,
          last_error: null,
          created_at: new Date(),
        },
        {
          workspace_id: workspaceId,
          network: 'pinterest',
          name: 'Recetas de temporada',
          settings: JSON.stringify({ boardId: '549755885175', boardName: 'Recetas de temporada', username: 'cafearoma' }),
          credentials_sealed: 'unused',
          account: null,
          last_error: null,
          created_at: new Date(),
        },
      ] as never)
      .execute();
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  it('the gallery draws a pin, a TikTok post and a Discord message, with the networks’ logos on the connect page', async () => {
    for (const language of ['es', 'en'] as const) {
      const page = await session.openPage(language);
      await page.goto(`${session.server.url}/previews`);
      await page.getByTestId('gallery-pinterest').waitFor();
      const pin = page.getByTestId('gallery-pinterest').getByTestId('preview-pinterest');
      expect(await pin.count()).toBe(2);
      expect(await pin.nth(0).getByTestId('needs-image').count()).toBe(1);
      expect(await pin.nth(1).locator('[data-crop="2:3"] img').count()).toBe(1);
      expect(await pin.nth(1).getByTestId('pin-title').textContent()).toBeTruthy();
      expect(await page.getByTestId('gallery-tiktok').getByTestId('preview-tiktok').count()).toBe(2);
      expect(await page.getByTestId('gallery-discord').getByTestId('preview-discord').count()).toBe(2);
      await page.getByTestId('gallery-pinterest').scrollIntoViewIfNeeded();
      await session.shot(page, `gallery-${language}`);
      await page.goto(`${session.server.url}/channels`);
      await page.waitForLoadState('networkidle');
      for (const network of ['pinterest', 'tiktok'])
        expect(await page.locator(`[data-network-logo="${network}"]`).count()).toBeGreaterThan(0);
      await session.shot(page, `channels-${language}`);
    }
  });

  it('the composer offers a TikTok channel only its creator’s privacy levels and locks Duet and Stitch off', async () => {
    for (const language of ['es', 'en'] as const) {
      const page = await session.openPage(language, { width: 1400, height: 1000 });
      await page.goto(`${session.server.url}/compose`);
      await page.getByLabel(/Café Aroma TikTok/).check();
      await page.getByLabel(/Recetas de temporada/).check();
      await page.getByLabel(language === 'es' ? 'Texto' : 'Text', { exact: true }).fill('Tarta de queso recién hecha 🍰');
      await page.getByRole('tab', { name: 'Café Aroma TikTok' }).click();
      const caps = page.getByTestId(/^capabilities-/).filter({ has: page.getByTestId(/option-.*-privacy/) });
      await caps.getByTestId(/option-.*-privacy/).click();
      const offered = await page.getByRole('listbox').getByRole('option').allTextContents();
      expect(offered).toEqual(language === 'es' ? ['Todo el mundo', 'Solo yo'] : ['Everyone', 'Only me']);
      await page.keyboard.press('Escape');
      for (const name of ['allowDuet', 'allowStitch']) {
        const toggle = caps.getByTestId(new RegExp(`option-.*-${name}`));
        if ((await toggle.count()) > 0) expect(await toggle.isDisabled()).toBe(true);
      }
      expect(await page.getByTestId('preview-pinterest').count()).toBe(1);
      await session.shot(page, `composer-tiktok-${language}`, true);
    }
  });
});
