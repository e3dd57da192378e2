import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../networks/sandbox/index.ts';
import { channelContext } from '../channels/service.ts';
import { collectDueMetrics } from './collector.ts';
import { textRuns } from './report-fonts.ts';
import { formatChange, formatNumber, formatPercent } from './report-format.ts';
import { reportPdf } from './reports.ts';
import { reportFixture } from './testing/report-fixture.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../docs/screenshots');

interface RenderedPage {
  text: string;
  png: Uint8Array;
  width: number;
  height: number;
  /** RGB pixels, row by row. */
  pixels: Uint8ClampedArray;
}

/** Renders every page with MuPDF (as a PDF viewer would) and extracts its text. */
function render(pdf: Buffer, scale = 1.25): RenderedPage[] {
  const document = mupdf.Document.openDocument(pdf, 'application/pdf');
  return Array.from({ length: document.countPages() }, (_, index) => {
    const page = document.loadPage(index);
    const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
    return {
      text: page.toStructuredText('preserve-whitespace').asText(),
      png: pixmap.asPNG().slice(),
      width: pixmap.getWidth(),
      height: pixmap.getHeight(),
      pixels: pixmap.getPixels().slice(), // a copy: the view into WASM memory goes stale as it grows
    };
  });
}

/** Share of pixels that are not (near) white. */
function inkedShare(page: RenderedPage): number {
  let inked = 0;
  for (let i = 0; i < page.pixels.length; i += 3)
    if (page.pixels[i] < 245 || page.pixels[i + 1] < 245 || page.pixels[i + 2] < 245) inked += 1;
  return inked / (page.pixels.length / 3);
}

/** Pixels within a small distance of a colour. */
function pixelsNear(page: RenderedPage, [r, g, b]: [number, number, number], tolerance = 6): number {
  let count = 0;
  for (let i = 0; i < page.pixels.length; i += 3)
    if (
      Math.abs(page.pixels[i] - r) <= tolerance &&
      Math.abs(page.pixels[i + 1] - g) <= tolerance &&
      Math.abs(page.pixels[i + 2] - b) <= tolerance
    )
      count += 1;
  return count;
}

function pixelAt(page: RenderedPage, x: number, y: number): [number, number, number] {
  const i = (y * page.width + x) * 3;
  return [page.pixels[i], page.pixels[i + 1], page.pixels[i + 2]];
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('report formats', () => {
  it('numbers, rates and changes follow the report language', () => {
    expect(formatNumber(1234.5, 'es')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatPercent(1234.5, 'es')).toBe('1.234,5\u00a0%');
    expect(formatPercent(28.21, 'en')).toBe('28.21%');
    expect(formatChange(-3.21, 'es')).toBe('−3,2\u00a0%');
    expect(formatChange(12, 'en')).toBe('+12%');
  });

  it('splits text into runs by the font that has each glyph', () => {
    const runs = textRuns('Café Aroma ☕ 😍 Ωмега');
    expect(runs.map((r) => r.text)).toEqual(['Café Aroma ', '☕', ' ', '😍', ' ', 'Ω', 'мега']);
    expect(runs.map((r) => r.face.name)).toEqual([
      'NotoSans-latin-400',
      expect.stringMatching(/^NotoEmoji-/),
      'NotoSans-latin-400',
      expect.stringMatching(/^NotoEmoji-/),
      'NotoSans-latin-400',
      'NotoSans-greek-400',
      'NotoSans-cyrillic-400',
    ]);
    // A variation selector stays with its emoji; a stray one is dropped instead of drawing a box.
    expect(textRuns('☕\ufe0f ok\ufe0f').map((r) => r.text)).toEqual(['☕\ufe0f', ' ok']);
    // Half an emoji (a lone surrogate) becomes U+FFFD instead of breaking the PDF writer.
    expect(textRuns('a\ud83d').map((r) => r.text)).toEqual(['a\ufffd']);
  });
});

describe('the client report PDF', () => {
  it.each(['es', 'en'] as const)('%s: cover in the brand colour, one page per section, text that round-trips', async (language) => {
    // The English report carries a logo; the Spanish one shows the brand's initials instead.
    const logo =
      language === 'en'
        ? {
            bytes: await sharp(
              Buffer.from(
                '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="160"><rect width="360" height="160" rx="24" fill="#fff8f0"/><circle cx="80" cy="80" r="52" fill="#8b4513"/><text x="80" y="98" font-size="48" text-anchor="middle" fill="#fff" font-family="sans-serif">CA</text><text x="150" y="96" font-size="40" fill="#8b4513" font-family="sans-serif">Aroma</text></svg>',
              ),
            )
              .png()
              .toBuffer(),
            format: 'png' as const,
          }
        : null;
    const pdf = await reportPdf(reportFixture(language, { logo }));
    const pages = render(pdf);
    expect(pages).toHaveLength(5);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [index, page] of pages.entries())
      fs.writeFileSync(path.join(SCREENSHOTS, `report-page-${index + 1}-${language}.png`), page.png);

    for (const page of pages) expect(inkedShare(page)).toBeGreaterThan(0.02);
    // Cover: the band is the brand's colour (#8b4513).
    const [cover, activity, kpis, channels, posts] = pages;
    const band = pixelAt(cover, 20, 20);
    expect(band.map((c, i) => Math.abs(c - [0x8b, 0x45, 0x13][i])).every((d) => d <= 3)).toBe(true);
    expect(inkedShare(cover)).toBeGreaterThan(0.3);
    // Followers: an area filled in the brand colour at 18 % over white, not an empty frame.
    expect(pixelsNear(activity, [234, 222, 212])).toBeGreaterThan(20_000);

    const all = squash(pages.map((p) => p.text).join('\n'));
    expect(all).toContain('Café Aroma ☕');
    expect(all).toContain('😍');
    expect(all).toContain('Ñoquis caseros');
    if (language === 'es') {
      expect(squash(cover.text)).toMatch(/Informe de redes sociales/i);
      expect(squash(cover.text)).toContain('CA');
      expect(cover.text).toContain('1 mar 2026 – 30 mar 2026');
      expect(cover.text).toContain('3.457'); // engagements, grouped the Spanish way
      expect(kpis.text).toMatch(/\d+,\d+\s%/); // rates with their sign and a decimal comma
      expect(kpis.text).toContain('Tasa de interacción (por alcance)');
      expect(channels.text).toMatch(/1\.234,5\s%/);
      expect(posts.text).toContain('Mejores publicaciones');
      expect(posts.text).toMatch(/Tasa por seguidores: 12,5\s%/);
      expect(squash(activity.text)).toContain('De 1.200 a');
      expect(pages.at(-1)?.text).toContain('Página 5 de 5');
      expect(all).not.toMatch(/\d\.\d+\s?%/); // no English decimals in the Spanish report
    } else {
      expect(squash(cover.text)).toMatch(/Social media report/i);
      expect(cover.text).toContain('1 Mar 2026 – 30 Mar 2026');
      expect(cover.text).toContain('3,457');
      expect(channels.text).toContain('1,234.5%');
      expect(posts.text).toMatch(/Rate by followers: 12\.5%/);
      expect(pages.at(-1)?.text).toContain('Page 5 of 5');
      // The logo replaces the initials.
      expect(pdf.toString('latin1')).toContain('/Subtype /Image');
    }
  });

  it('a report scoped to a channel has no per-channel page; an empty period says so instead of drawing empty frames', async () => {
    const data = reportFixture('es', { channels: null });
    data.current.series = [];
    data.current.followers = [];
    data.posts = { top: [], bottom: [] };
    data.workspaceName = 'Café \ud83d Aroma';
    const pages = render(await reportPdf(data));
    expect(pages).toHaveLength(4);
    expect(pages[1].text).toContain('Sin datos en este periodo');
    expect(pages[3].text).toContain('No hay publicaciones en este periodo.');
    expect(pages[0].text).toContain('Café \ufffd Aroma');
  });
});

describe('the report downloaded from the API for a café with emoji in its name', () => {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  const sandbox = new SandboxNetwork({ now: () => clock.now(), seed: 5 });
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;

  beforeAll(async () => {
    setInProcessSandbox(sandbox);
    t = await createTestApp('embedded', { clock });
    owner = await createCaller(t, 'cafe-report@example.com');
    workspaceId = (
      await owner.request('POST', '/api/v1/workspaces', { name: 'Café Aroma ☕', timeZone: 'Europe/Madrid', language: 'es' })
    ).json().id;
    const base = `/api/v1/workspaces/${workspaceId}`;
    const channelId = (
      await owner.request('POST', `${base}/channels`, {
        network: 'sandbox',
        name: 'Café Aroma',
        fields: { handle: 'cafearoma', token: 'tok' },
      })
    ).json().id;
    const channel = await t.ctx.database.db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
    for (const text of ['Nuevo café de especialidad 😍 ¡Ven a probarlo!', 'Ñoquis caseros y café con leche ☕']) {
      const created = (await owner.request('POST', `${base}/posts`, { content: text, channels: [{ channelId }], action: 'draft' })).json();
      const result = await t.ctx.networks
        .get('sandbox')
        .publish(channelContext(t.ctx, channel), { publicationId: created.publications[0].id, text, media: [] });
      await t.ctx.database.db
        .updateTable('publications')
        .set({ state: 'published', remote_id: result.remoteId, published_at: new Date(clock.now()) })
        .where('id', '=', created.publications[0].id)
        .execute();
    }
    clock.advance(3_600_000);
    await collectDueMetrics(t.ctx);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('renders the brand name, the posts and the numbers as written', async () => {
    const download = await owner.request(
      'GET',
      `/api/v1/workspaces/${workspaceId}/analytics/report?format=pdf&from=2026-03-01&to=2026-03-07`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    const pages = render(download.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const page of pages.slice(0, 2)) expect(inkedShare(page)).toBeGreaterThan(0.02);
    const all = squash(pages.map((p) => p.text).join('\n'));
    expect(all).toContain('Café Aroma ☕');
    expect(all).toContain('Nuevo café de especialidad 😍 ¡Ven a probarlo!');
    expect(all).toContain('Informe de redes sociales');
    expect(pages[0].text).toContain('1 mar 2026 – 7 mar 2026');
    expect(all).toContain('Por canal');
    expect(all).not.toMatch(/Ø=Þ/);
  });
});
