/**
 * Listening end to end in a real Chromium against a real Plaza process: query with the tester,
 * mention stream with filters and the original link, a sentiment correction, a source edit,
 * the dashboard and the alerts page — the whole flow once in English and once in Spanish,
 * each in its own workspace so the counts are exact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkReputationAlerts } from '../../src/modules/listening/alerts.ts';
import { ingestBatch, WorkspacePipelines } from '../../src/modules/listening/ingest.ts';
import type { SourceItem } from '../../src/modules/listening/sources/types.ts';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

const ZONE = 'Europe/Madrid';
const HOUR = 3_600_000;

interface ApiMention {
  id: string;
  text: string;
  url: string | null;
  lang: string;
  sentiment: string | null;
  corrected: boolean;
}

/** Mentions exported from "another tool": brand, competitor and unrelated posts in two languages. */
function firstCsv(now: number): string {
  const rows = [
    ['a1', 'Me encanta el café de Acme, excelente servicio y un precio estupendo', 'es', 'ana.test'],
    ['a2', 'Acme is wonderful, the best coffee I have had this year. Love it!', 'en', 'bob.test'],
    ['a3', 'Fatal experiencia con Acme: pedido tarde, café frío y una atención horrible', 'es', 'carla.test'],
    ['a4', 'Terrible support from Acme, awful delays and broken cups. Worst order ever', 'en', 'dan.test'],
    ['a5', 'BetaCorp abre una tienda nueva en el centro de Valencia', 'es', 'eva.test'],
    ['a6', 'Hoy llueve en Madrid y las calles están vacías', 'es', 'fede.test'],
  ];
  const lines = rows.map(
    ([id, text, lang, author], i) =>
      `${id},"${text}",https://bsky.app/profile/${author}/post/${id},${author},bluesky,${lang},${new Date(now - (i + 1) * HOUR).toISOString()}`,
  );
  return ['id,text,url,author,network,lang,date', ...lines].join('\n');
}

/** Later mentions, imported once the queries exist so they are matched (share of voice, volume). */
function secondCsv(now: number): string {
  const rows = [
    ['b1', 'Acme lanza su nueva mezcla de temporada para el otoño', 'es'],
    ['b2', 'Tried the new Acme seasonal blend with friends this morning', 'en'],
    ['b3', 'BetaCorp coffee is fine I guess, nothing special about it', 'en'],
  ];
  const lines = rows.map(
    ([id, text, lang], i) =>
      `${id},"${text}",https://mastodon.example/@fan/${id},fan${i}@mastodon.example,mastodon,${lang},${new Date(now - (i + 1) * 30 * 60_000).toISOString()}`,
  );
  return ['id,text,url,author,network,lang,date', ...lines].join('\n');
}

describe('listening pages end to end (real Chromium, real server)', { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `listening-${name}.png`), fullPage: true });
  const missingKeys = () => page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);

  beforeAll(async () => {
    server = await startE2EServer();
    token = await signUpOwner(server, { email: 'mar@example.test', name: 'Mar Escucha', password: 'correct horse battery' });

    browser = await launchBrowser();
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await signInPage(page, 'mar@example.test', 'correct horse battery')).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Picks an option of a Mantine Select by its label. */
  const choose = async (label: string, option: string) => {
    // Inside the page's content: the shell has its own language picker.
    await page.locator('#main').getByRole('textbox', { name: label, exact: true }).click();
    await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
  };

  /** Waits for the mention stream to show `count` cards. */
  const mentionCards = async (count: number) => {
    await expect.poll(() => page.getByTestId('mention').count(), { timeout: 10_000 }).toBe(count);
    return page.getByTestId('mention');
  };

  for (const language of ['en', 'es'] as const) {
    const L = (language === 'en' ? en : es).listening;
    const suffix = language === 'en' ? '' : '-es';

    it(`runs the listening flow in ${language === 'en' ? 'English' : 'Spanish'}`, async () => {
      const now = Date.now();
      const workspaceId = (await apiCall<{ id: string }>('POST', '/workspaces', { name: `Acme ${language}`, timeZone: ZONE, language })).id;
      const base = `/workspaces/${workspaceId}/listening`;
      await apiCall('POST', `${base}/queries`, { name: 'BetaCorp', query: 'betacorp', kind: 'competitor', competitorName: 'BetaCorp' });
      const imported = await apiCall<{ rows: number; stored: number }>('POST', `${base}/import`, { csv: firstCsv(now) });
      expect(imported).toMatchObject({ rows: 6, stored: 6 });
      await page.evaluate(
        ([lang, id]) => {
          localStorage.setItem('plaza.lang', lang);
          localStorage.setItem('plaza.workspace', id);
        },
        [language, workspaceId],
      );

      // ---- a query, tried against the stored mentions before it is saved ----
      await page.goto(`${server.url}/listening/queries`);
      await page.getByRole('heading', { name: L.queriesTitle, exact: true }).waitFor();
      await page.getByRole('textbox', { name: L.name, exact: true }).first().fill('Acme');
      // A syntax error is worded by its reason code in the UI language, with its position.
      const dictionary = language === 'en' ? en : es;
      await page.getByRole('textbox', { name: L.query, exact: true }).fill('(acme OR beta');
      await page.getByRole('button', { name: L.test, exact: true }).first().click();
      const queryError = page.getByTestId('query-error');
      await queryError.waitFor();
      const reasonText = dictionary.querySyntax.reasons.unexpected_end.replace(
        '{{expectedText}}',
        dictionary.querySyntax.expected.closing_paren,
      );
      await expect(queryError.textContent()).resolves.toContain(reasonText);
      await expect(queryError.textContent()).resolves.toContain(dictionary.querySyntax.at.replace('{{position}}', '14'));
      await queryError.screenshot({ path: path.join(SCREENSHOT_DIR, `listening-query-error${suffix}.png`) });
      await page.getByRole('textbox', { name: L.query, exact: true }).fill('acme -betacorp');
      await page.getByRole('button', { name: L.test, exact: true }).first().click();
      const tester = page.getByTestId('tester-result');
      await tester.waitFor();
      // a1–a4 mention Acme; a5 is the competitor and a6 is about the weather.
      const summary = L.testResult.replace('{{matched}}', '4').replace('{{scanned}}', '6').split(' (')[0];
      await expect(tester.textContent()).resolves.toContain(summary);
      await expect(tester.getByText('Hoy llueve').count()).resolves.toBe(0);
      await tester.getByText('Terrible support from Acme', { exact: false }).waitFor();
      await shot(`queries${suffix}`);
      await page.getByRole('button', { name: L.save, exact: true }).click();
      await page.getByRole('cell', { name: 'acme -betacorp', exact: true }).waitFor();
      const queries = await apiCall<{ items: Array<{ id: string; name: string; kind: string }> }>('GET', `${base}/queries`);
      expect(queries.items.map((q) => [q.name, q.kind])).toEqual([
        ['BetaCorp', 'competitor'],
        ['Acme', 'brand'],
      ]);
      expect(await apiCall<{ stored: number }>('POST', `${base}/import`, { csv: secondCsv(now) })).toMatchObject({ stored: 3 });

      // ---- a source edited in its dialog (a channel's mentions, on the simulated network) ----
      const channel = await apiCall<{ id: string }>('POST', `/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'Sandbox Acme',
        fields: { handle: `acme${language}`, token: 't-acme' },
      });
      // ---- a channel's mentions added from the form: the channel is picked from a list, not typed ----
      await page.reload();
      await page.getByRole('heading', { name: L.sources, exact: true }).waitFor();
      const kinds = await apiCall<{ items: Array<{ kind: string; label: { en: string; es: string } }> }>('GET', '/listening/source-kinds');
      const channelKind = kinds.items.find((k) => k.kind === 'channel_mentions')!.label[language];
      await page.locator('#main').getByRole('textbox', { name: L.kind, exact: true }).last().click();
      await page.getByRole('listbox').getByRole('option', { name: channelKind, exact: true }).click();
      await page.getByTestId('source-field-channelId').click();
      const option = page.getByRole('listbox').getByRole('option', { name: /^Sandbox Acme · / });
      await option.waitFor();
      // The picker's own list (the header's native selects have options too).
      await expect(page.getByRole('listbox').getByRole('option').count()).resolves.toBe(1);
      await shot(`source-channel-picker${suffix}`);
      await option.click();
      await page.getByRole('button', { name: L.addSource, exact: true }).click();
      await expect
        .poll(async () => {
          const listed = await apiCall<{ items: Array<{ kind: string; config: Record<string, unknown> }> }>('GET', `${base}/sources`);
          return listed.items.filter((s) => s.kind === 'channel_mentions').map((s) => s.config.channelId);
        })
        .toEqual([channel.id]);
      const picked = (await apiCall<{ items: Array<{ id: string; kind: string }> }>('GET', `${base}/sources`)).items.find(
        (s) => s.kind === 'channel_mentions',
      )!;
      // One poller per channel in this flow: the one added through the API below is the one edited.
      await apiCall('DELETE', `${base}/sources/${picked.id}`);
      const source = await apiCall<{ id: string }>('POST', `${base}/sources`, {
        kind: 'channel_mentions',
        name: 'Menciones',
        config: { channelId: channel.id, intervalMinutes: 5 },
      });
      await page.reload();
      await page.getByRole('button', { name: L.editSourceTitle.replace('{{name}}', 'Menciones'), exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('source-editor').waitFor();
      await dialog.getByRole('textbox', { name: new RegExp(`^${L.name}`) }).fill('Acme mentions');
      await dialog.getByRole('textbox', { name: L.intervalMinutes, exact: true }).fill('30');
      await dialog.getByText(L.active, { exact: true }).click();
      await shot(`source-editor${suffix}`);
      expect(await missingKeys()).toEqual([]);
      await dialog.getByRole('button', { name: L.saveSource, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      const edited = await apiCall<{ name: string; active: boolean; status: string; config: Record<string, unknown> }>(
        'GET',
        `${base}/sources/${source.id}`,
      );
      expect(edited).toMatchObject({
        name: 'Acme mentions',
        active: false,
        status: 'paused',
        config: { channelId: channel.id, intervalMinutes: 30 },
      });

      // ---- the mention stream: filters, the original link, a sentiment correction ----
      const all = await apiCall<{ items: ApiMention[] }>('GET', `${base}/mentions?limit=200`);
      const csvMentions = all.items.filter((m) => m.url?.startsWith('https://'));
      expect(csvMentions).toHaveLength(9);
      await page.goto(`${server.url}/listening/mentions`);
      await page.getByRole('heading', { name: L.mentionsTitle, exact: true }).waitFor();
      await mentionCards(all.items.length);

      // Languages are listed by name in the UI language ("English" / "Inglés").
      const englishName = new Intl.DisplayNames([language], { type: 'language' }).of('en') ?? 'en';
      await choose(L.language, englishName.charAt(0).toLocaleUpperCase() + englishName.slice(1));
      const english = all.items.filter((m) => m.lang === 'en');
      expect(english.length).toBe(4);
      const englishCards = await mentionCards(english.length);
      for (const text of await englishCards.allTextContents()) expect(english.some((m) => text.includes(m.text))).toBe(true);
      await choose(L.language, '—');

      const negative = all.items.filter((m) => m.sentiment === 'negative');
      expect(negative.length).toBeGreaterThan(0);
      await choose(L.sentiment, L.sentiments.negative);
      const negativeCards = await mentionCards(negative.length);
      for (const text of await negativeCards.allTextContents()) expect(text).toContain(L.sentiments.negative);
      await shot(`mentions-negative${suffix}`);
      // The export downloads what the filters show.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-mentions').click()]);
      expect(download.suggestedFilename()).toMatch(/^plaza-mentions-\d{4}-\d{2}-\d{2}\.csv$/);
      const exported = fs
        .readFileSync((await download.path())!, 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      expect(exported[0]).toContain('published_at_local');
      expect(exported).toHaveLength(negative.length + 1);
      await choose(L.sentiment, '—');
      await mentionCards(all.items.length);

      const weather = all.items.find((m) => m.text.startsWith('Hoy llueve'))!;
      const card = page.getByTestId('mention').filter({ hasText: 'Hoy llueve' });
      await expect(card.getByRole('link', { name: L.original, exact: true }).getAttribute('href')).resolves.toBe(weather.url);
      const target = weather.sentiment === 'negative' ? 'positive' : 'negative';
      await card.getByRole('button', { name: L.correct, exact: true }).click();
      await page.getByRole('menuitem', { name: L.sentiments[target], exact: true }).click();
      await card
        .getByText(L.corrected.replace('{{from}}', weather.sentiment ? L.sentiments[weather.sentiment as 'neutral'] : '—'))
        .waitFor();
      const corrected = await apiCall<ApiMention & { corrections: Array<{ from: string | null; to: string }> }>(
        'GET',
        `${base}/mentions/${weather.id}`,
      );
      expect(corrected).toMatchObject({ sentiment: target, corrected: true, corrections: [{ from: weather.sentiment, to: target }] });
      await shot(`mentions${suffix}`);

      // ---- the dashboard: volume, share of voice, net sentiment, trends ----
      await page.goto(`${server.url}/listening`);
      await page.getByRole('heading', { name: L.dashboardTitle, exact: true }).waitFor();
      await page.locator('.uplot').waitFor();
      const sov = page.getByTestId('share-of-voice');
      // Matched at import: b1 and b2 for the brand (the first import came before the brand query), a5 and b3 for BetaCorp.
      await sov.getByText(`${L.brand}: 50 % (2)`, { exact: true }).waitFor();
      await sov.getByText('BetaCorp: 50 % (2)', { exact: true }).waitFor();
      const sentiment = await apiCall<{ counts: Record<'positive' | 'neutral' | 'negative', number>; netSentiment: number }>(
        'GET',
        `${base}/analysis/sentiment`,
      );
      const net = page.getByTestId('net-sentiment');
      await net.getByText(`${L.sentiments.negative}: ${sentiment.counts.negative}`, { exact: true }).waitFor();
      await net.getByText(sentiment.netSentiment.toLocaleString(language, { maximumFractionDigits: 1 }), { exact: true }).waitFor();
      await page.getByTestId('trending').getByRole('heading', { name: L.trending }).waitFor();
      await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 10_000 }).toBe(0);
      // One total for every panel: the sentiment split and the per-source panel add up to it.
      const D = (language === 'en' ? en : es).listeningDetails;
      const week = { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date(Date.now() + 120_000).toISOString() };
      const weekSentiment = await apiCall<{ total: number }>('GET', `${base}/analysis/sentiment?${new URLSearchParams(week)}`);
      const bySource = await apiCall<{ total: number }>('GET', `${base}/analysis/sources?${new URLSearchParams(week)}`);
      expect(bySource.total).toBe(weekSentiment.total);
      await expect
        .poll(() => page.getByTestId('mentions-total').textContent())
        .toContain(`${weekSentiment.total.toLocaleString(language)}${D.totalMentions}`);
      await page.getByTestId('by-source').getByText(D.imported, { exact: false }).first().waitFor();
      await shot(`dashboard${suffix}`);
      // The volume chart alone: counts from 0 on whole numbers, hours in the brand's zone (issue 12, item 13).
      await page.getByTestId('volume-chart').screenshot({ path: path.join(SCREENSHOT_DIR, `listening-volume${suffix}.png`) });

      // ---- the alerts page: a negative spike found by the alert check, then acknowledged ----
      await page.goto(`${server.url}/listening/alerts`);
      await page.getByText(L.noAlerts, { exact: true }).waitFor();
      const windowMs = 15 * 60_000;
      const end = Math.floor(Date.now() / windowMs) * windowMs;
      const items: SourceItem[] = [];
      for (let w = 0; w < 49; w++) {
        const count = w === 48 ? 12 : w % 3 === 0 ? 1 : 0;
        for (let i = 0; i < count; i++)
          items.push({
            remoteId: `spike-${w}-${i}`,
            text: `Acme es horrible y pésimo, qué desastre ${w} ${i} ${'x'.repeat(i)}`,
            network: 'bluesky',
            authorHandle: `u${w}_${i}`,
            publishedAt: new Date(end - (49 - w) * windowMs + i * 1000),
          });
      }
      await ingestBatch(server.runtime.ctx, new WorkspacePipelines(server.runtime.ctx), {
        workspaceId,
        sourceId: null,
        sourceKey: 'e2e-spike',
        items,
        storeUnmatched: true,
      });
      await checkReputationAlerts(server.runtime.ctx, workspaceId, { windowMs, history: 48 });
      const alerts = await apiCall<{ items: Array<{ id: string; scope: string }> }>('GET', `${base}/alerts`);
      expect(alerts.items.length).toBeGreaterThan(0);
      await page.reload();
      await page.getByRole('heading', { name: L.alertsTitle, exact: true }).waitFor();
      await expect.poll(() => page.getByTestId('reputation-alert').count()).toBe(alerts.items.length);
      await shot(`alerts${suffix}`);
      await page.getByTestId('reputation-alert').first().getByRole('button', { name: L.acknowledge, exact: true }).click();
      await expect.poll(() => page.getByTestId('reputation-alert').getByText(L.seen, { exact: true }).count()).toBe(1);
      const acknowledged = await apiCall<{ items: Array<{ acknowledgedAt: string | null }> }>('GET', `${base}/alerts`);
      expect(acknowledged.items.filter((a) => a.acknowledgedAt !== null)).toHaveLength(1);

      // ---- alert sensitivity: the rule in words, changed from the page ----
      const settingsCard = page.getByTestId('alert-settings');
      await settingsCard.getByText(L.alertRule.replace('{{minutes}}', '15').replace(/ \{\{minCount\}\}.*/, ''), { exact: false }).waitFor();
      await settingsCard.getByRole('button', { name: L.changeAlertSettings, exact: true }).click();
      const minCount = settingsCard.getByRole('textbox', { name: L.alertMinCount, exact: true });
      await minCount.fill('25');
      await settingsCard.getByRole('textbox', { name: L.alertWindow, exact: true }).fill('30');
      const emails = settingsCard.getByRole('textbox', { name: L.alertEmails, exact: true });
      await emails.fill('prensa@acme.example');
      await emails.press('Enter');
      await shot(`alert-settings${suffix}`);
      await settingsCard.getByRole('button', { name: L.saveAlertSettings, exact: true }).click();
      await settingsCard.getByRole('button', { name: L.changeAlertSettings, exact: true }).waitFor();
      expect(await settingsCard.textContent()).toContain(
        language === 'en' ? '30-minute window has at least 25' : 'ventana de 30 minutos tiene al menos 25',
      );
      expect(await apiCall<{ windowMinutes: number; minCount: number }>('GET', `${base}/alert-settings`)).toMatchObject({
        windowMinutes: 30,
        minCount: 25,
        notifyEmails: ['prensa@acme.example'],
      });
      expect(await page.getByTestId('alert-recipients').textContent()).toContain('prensa@acme.example');
      // No SMTP server yet: the card says where to set one.
      await settingsCard.getByText(L.alertNeedsSmtp, { exact: false }).waitFor();

      expect(await missingKeys()).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  }
});
