/**
 * The ideas board and the composer's snippets and hashtag suggestions in a real Chromium against a
 * real Plaza, in Spanish and English: a card dragged from Idea to Draft becomes its draft post, a
 * comment on a card, a hashtag set inserted from the composer, and suggestions shown with their
 * evidence (own posts' engagement rate, listening growth). Screenshots go to docs/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

interface Card {
  id: string;
  title: string;
  column: string;
  postId: string | null;
}

describe('ideas board and snippets from the web app (real Chromium, real server)', { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let token = '';
  const pageErrors: string[] = [];
  const api = apiCaller(
    () => server,
    () => token,
  );
  let ws = '';
  let channelId = '';
  let gazpacho = '';

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'ideas@example.test', name: 'Irene Ideas', password: 'correct horse battery' });
    browser = await launchBrowser();
    ws = (await api<{ id: string }>('POST', '/workspaces', { name: 'Mercado Sur', timeZone: 'Europe/Madrid', language: 'es' })).id;
    channelId = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/channels`, {
        network: 'sandbox',
        name: 'Mercado',
        fields: { handle: 'mercado-ideas', token: 't' },
      })
    ).id;
    const pillar = await api<{ id: string }>('POST', `/workspaces/${ws}/pillars`, { name: 'Recetas' });
    const campaign = await api<{ id: string }>('POST', `/workspaces/${ws}/campaigns`, { name: 'Verano 2026' });
    gazpacho = (
      await api<{ id: string }>('POST', `/workspaces/${ws}/ideas`, {
        title: 'Receta de gazpacho',
        notes: 'Con tomates del puesto de Lola',
        pillarId: pillar.id,
        campaignId: campaign.id,
        channelIds: [channelId],
      })
    ).id;
    await api('POST', `/workspaces/${ws}/ideas`, { title: 'Encuesta: ¿salmorejo o gazpacho?', pillarId: pillar.id });
    await api('POST', `/workspaces/${ws}/ideas`, { title: 'Cata de melones' });
    const posted = await api<{ id: string }>('POST', `/workspaces/${ws}/ideas`, { title: 'Horario de agosto', channelIds: [channelId] });
    await api('POST', `/workspaces/${ws}/ideas/${posted.id}/post`, {});
    await api('POST', `/workspaces/${ws}/snippets`, { kind: 'hashtags', name: 'Verano', body: '#verano #mercado #productoLocal' });
    await api('POST', `/workspaces/${ws}/snippets`, { kind: 'text', name: 'Firma', body: '— Mercado Sur, abierto de 9 a 14 h' });

    // Measured results and listening mentions, as the collector and the listener would have stored them.
    const db = server.runtime.ctx.database.db;
    const now = Date.now();
    for (const [i, [text, engagements]] of (
      [
        ['Hoy #gazpacho', 40],
        ['Más #gazpacho', 35],
        ['#Gazpacho otra vez', 30],
        ['Ofertas #lunes', 4],
        ['Horario', 6],
      ] as const
    ).entries()) {
      const post = await api<{ id: string; publications: Array<{ id: string }> }>('POST', `/workspaces/${ws}/posts`, {
        content: text,
        channels: [{ channelId }],
      });
      const at = new Date(now - (i + 2) * 86_400_000);
      await db
        .insertInto('publication_metrics')
        .values({
          publication_id: post.publications[0].id,
          workspace_id: ws,
          post_id: post.id,
          channel_id: channelId,
          network: 'sandbox',
          campaign_id: null,
          objective_id: null,
          segment_id: null,
          pillar_id: null,
          published_at: at,
          followers_at_post: 1000,
          captured_at: at,
          likes: engagements,
          replies: 0,
          reposts: 0,
          quotes: 0,
          impressions: null,
          reach: null,
          clicks: null,
          engagements_24h: engagements,
          missing: JSON.stringify({}),
        })
        .execute();
    }
    const query = await api<{ id: string }>('POST', `/workspaces/${ws}/listening/queries`, {
      name: 'Mercado',
      query: 'mercado',
      kind: 'brand',
    });
    for (let i = 0; i < 5; i++) {
      const at = new Date(now - (i + 1) * 3_600_000);
      const mention = await db
        .insertInto('listening_mentions')
        .values({
          workspace_id: ws,
          source_id: null,
          source_key: 'e2e',
          remote_id: `ola-${i}`,
          network: 'bluesky',
          url: null,
          author_name: null,
          author_reach: null,
          text: `Qué calor en el mercado #OlaDeCalor ${i}`,
          lang: 'es',
          sentiment: null,
          sentiment_score: null,
          auto_sentiment: null,
          published_at: at,
          ingested_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('listening_mention_matches')
        .values({ mention_id: mention.id, query_id: query.id, workspace_id: ws, published_at: at })
        .execute();
    }
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(lang: 'es' | 'en', path_: string): Promise<Page> {
    const context = await browser.newContext({ locale: lang === 'es' ? 'es-ES' : 'en-GB', viewport: { width: 1440, height: 960 } });
    await context.addInitScript((l) => localStorage.setItem('plaza.lang', l), lang);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'ideas@example.test', 'correct horse battery')).toBe(200);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), ws);
    await page.goto(`${server.url}${path_}`);
    return page;
  }
  const card = async (id: string) => (await api<{ items: Card[] }>('GET', `/workspaces/${ws}/ideas`)).items.find((c) => c.id === id)!;

  it('drags an idea into Draft (its post is made), comments on a card, and shows the board in Spanish', async () => {
    const T = es.ideas;
    const page = await open('es', '/ideas');
    await page.getByRole('heading', { name: T.title }).waitFor();
    for (const column of ['idea', 'draft', 'in_review', 'scheduled', 'published'] as const)
      await page.getByTestId(`column-${column}`).getByText(T.columns[column], { exact: true }).waitFor();
    expect(await page.getByTestId('column-draft').getByTestId('idea-card').count()).toBe(1);
    const source = page.getByTestId('column-idea').getByTestId('idea-card').filter({ hasText: 'Receta de gazpacho' });
    await source.getByText('Recetas').waitFor();
    await source.dragTo(page.getByTestId('column-draft'));
    await expect.poll(async () => (await card(gazpacho)).column).toBe('draft');
    const post = await api<{ content: string; state: string; pillarId: string }>(
      'GET',
      `/workspaces/${ws}/posts/${(await card(gazpacho)).postId}`,
    );
    expect(post).toMatchObject({ state: 'draft', content: 'Receta de gazpacho\n\nCon tomates del puesto de Lola' });
    await page.getByTestId('column-draft').getByText('Receta de gazpacho').waitFor();

    await page.getByRole('button', { name: 'Encuesta: ¿salmorejo o gazpacho?' }).click();
    await page.getByLabel(T.commentLabel).fill('Mejor en julio, con la ola de calor');
    await page.getByRole('button', { name: T.send }).click();
    await page.getByTestId('idea-comment').getByText('Mejor en julio').waitFor();
    await page.keyboard.press('Escape');
    await page.getByText(T.comments_one.replace('{{count}}', '1')).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ideas-es.png'), fullPage: true });
  });

  it('inserts a hashtag set and a suggested hashtag from the composer, with the evidence shown (Spanish)', async () => {
    const T = es.ideas.composer;
    const page = await open('es', '/compose');
    await page.getByLabel(`Mercado (${es.common.simulated})`).check();
    await page.getByLabel(es.composer.text, { exact: true }).fill('¡Ya hay sandías!');
    await page.getByRole('button', { name: T.insert }).click();
    await page.getByRole('menuitem', { name: /Verano/ }).click();
    await expect
      .poll(() => page.getByLabel(es.composer.text, { exact: true }).inputValue())
      .toBe('¡Ya hay sandías! #verano #mercado #productoLocal');
    await page.getByRole('button', { name: T.suggest }).click();
    const panel = page.getByTestId('hashtag-suggestions');
    await panel.waitFor();
    // #gazpacho: (40+35+30)/3/1000×100 = 3.5 %, against the mean of the five, 2.3 %; #OlaDeCalor: 5 mentions today, none before.
    await panel.getByTestId('suggestion-own').filter({ hasText: '#gazpacho' }).getByText('3,5 % en 3 publicaciones').waitFor();
    await panel.getByTestId('suggestion-trend').filter({ hasText: '#OlaDeCalor' }).getByText('+500 %', { exact: false }).waitFor();
    await panel.getByRole('button', { name: T.addTag.replace('{{tag}}', '#OlaDeCalor') }).click();
    await expect.poll(() => page.getByLabel(es.composer.text, { exact: true }).inputValue()).toContain('#productoLocal #OlaDeCalor');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'composer-snippets-es.png'), fullPage: true });
  });

  it('shows the board and the suggestions in English', async () => {
    const page = await open('en', '/ideas');
    await page.getByRole('heading', { name: en.ideas.title }).waitFor();
    await page.getByTestId('column-in_review').getByText(en.ideas.columns.in_review, { exact: true }).waitFor();
    await page.getByTestId('snippet').filter({ hasText: 'Firma' }).waitFor();
    // Reorder within a column: the last idea dragged onto the first goes before it.
    const ideaColumn = page.getByTestId('column-idea').getByTestId('idea-card');
    await ideaColumn.filter({ hasText: 'Cata de melones' }).dragTo(ideaColumn.filter({ hasText: 'Encuesta' }));
    await expect
      .poll(async () =>
        (await api<{ items: Card[] }>('GET', `/workspaces/${ws}/ideas`)).items.filter((c) => c.column === 'idea').map((c) => c.title),
      )
      .toEqual(['Cata de melones', 'Encuesta: ¿salmorejo o gazpacho?']);
    await ideaColumn.first().getByText('Cata de melones').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ideas-en.png'), fullPage: true });
    await page.goto(`${server.url}/compose`);
    await page.getByRole('button', { name: en.ideas.composer.suggest }).click();
    await page.getByTestId('hashtag-suggestions').getByText('3.5 % over 3 posts', { exact: false }).waitFor();
    await page.getByTestId('hashtag-suggestions').screenshot({ path: path.join(SCREENSHOT_DIR, 'hashtag-suggestions-en.png') });
    expect(pageErrors).toEqual([]);
  });
});
