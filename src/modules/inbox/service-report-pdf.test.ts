/**
 * The inbox service report as a PDF, through the real API on the embedded database: real items
 * ingested and answered, the PDF rendered with MuPDF (as a viewer would) and its text read back in
 * Spanish and English: numbers and rates in the report's language, translated types and
 * sentiments, the teammate, an emoji in the workspace's name drawn from the embedded emoji font.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../networks/sandbox/index.ts';
import type { InboundItem } from '../../networks/inbox.ts';
import { channelRepository } from '../channels/repository.ts';
import { ingestInbound } from './commands.ts';
import { processDueReplies } from './replies.ts';
import { formatMinutes } from './service-report-pdf.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../docs/screenshots');
// Monday 2026-03-30 09:00 in Madrid (UTC+2).
const MONDAY_0900 = Date.UTC(2026, 2, 30, 7, 0);

function render(pdf: Buffer): Array<{ text: string; png: Uint8Array }> {
  const document = mupdf.Document.openDocument(pdf, 'application/pdf');
  return Array.from({ length: document.countPages() }, (_, index) => {
    const page = document.loadPage(index);
    return {
      text: page.toStructuredText('preserve-whitespace').asText(),
      png: page.toPixmap(mupdf.Matrix.scale(1.25, 1.25), mupdf.ColorSpace.DeviceRGB, false, true).asPNG().slice(),
    };
  });
}

describe('inbox service report PDF', () => {
  let t: TestApp;
  let s: Scenario;
  let editor: Caller;
  const clock = new ManualClock(MONDAY_0900);
  let base = '';

  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ seed: 11, now: () => clock.now() }));
    t = await createTestApp('embedded', { clock });
    s = await given(t).workspace({ name: 'Panadería Sol ☀️' }).member('editor').stranger().sandboxChannel({ handle: 'pdfreport' });
    editor = s.member('editor');
    base = `/api/v1/workspaces/${s.workspaceId}/inbox`;
    const channel = await channelRepository.find(t.ctx.database.db, s.workspaceId, s.channelId);
    if (!channel) throw new Error('channel');
    const item = (id: string, kind: InboundItem['kind'], text: string, minutesAgo: number): InboundItem => ({
      remoteId: id,
      kind,
      threadRemoteId: id,
      author: { id: `a-${id}`, handle: `persona_${id}`, displayName: 'Lucía' },
      text,
      url: null,
      language: 'es',
      createdAt: new Date(MONDAY_0900 + 30 * 60_000 - minutesAgo * 60_000).toISOString(),
    });
    clock.set(MONDAY_0900 + 30 * 60_000);
    await ingestInbound(
      t.ctx,
      channel,
      [
        item('m1', 'mention', '¿Abrís el domingo?', 30),
        item('m2', 'mention', 'El pan de ayer estaba buenísimo', 20),
        item('d1', 'direct_message', 'Quiero hacer un pedido grande', 10),
      ],
      'push',
    );
    // The editor answers two of the three, 45 and 50 minutes after they arrived.
    clock.set(MONDAY_0900 + 75 * 60_000);
    const list = (await editor.request('GET', `${base}/conversations?limit=50`)).json().items as Array<{
      id: string;
      authorHandle: string;
    }>;
    for (const handle of ['persona_m1', 'persona_d1']) {
      const conversation = list.find((c) => c.authorHandle === handle);
      const reply = await editor.request('POST', `${base}/conversations/${conversation?.id}/replies`, { text: 'Sí, claro.' });
      expect(reply.statusCode, reply.body).toBe(202);
    }
    expect(await processDueReplies(t.ctx, { owner: 'pdf' })).toMatchObject({ sent: 2 });
  }, 240_000);
  afterAll(() => t?.close());

  it('renders the report with charts and reads back in Spanish and English', async () => {
    const json = (await editor.request('GET', `${base}/reports/service?from=2026-03-30&to=2026-03-30`)).json();
    expect(json.replies).toBe(2);
    expect(json.responseRate).toMatchObject({ conversations: 3, answered: 2 });

    const es = await editor.request('GET', `${base}/reports/service.pdf?from=2026-03-30&to=2026-03-30&language=es`);
    expect(es.statusCode, es.body).toBe(200);
    expect(es.headers['content-type']).toContain('application/pdf');
    expect(es.headers['content-disposition']).toContain('inbox-service-2026-03-30-2026-03-30.pdf');
    const pagesEs = render(es.rawPayload);
    const textEs = pagesEs.map((p) => p.text).join('\n');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOTS, 'inbox-service-report-pdf-es.png'), pagesEs[0].png);
    if (process.env.PLAZA_DUMP_PDF_TEXT) fs.writeFileSync(process.env.PLAZA_DUMP_PDF_TEXT, textEs);
    expect(textEs).toContain('INFORME DE ATENCIÓN');
    expect(textEs).toContain('Panadería Sol');
    expect(textEs).toContain('30 mar 2026');
    expect(textEs).toContain('Tasa de respuesta');
    // 2 of 3 conversations answered: 66,7 % in Spanish.
    expect(textEs).toMatch(/66,7\s%/);
    expect(textEs).toContain('Mensaje directo');
    expect(textEs).toContain('Mención');
    expect(textEs).toContain('Por persona del equipo');
    expect(textEs).toContain('2 respuestas');
    expect(textEs).toContain(formatMinutes(json.replyTime.calendar.median, 'es'));
    expect(textEs).toMatch(/Página 1 de \d/);

    const en = await editor.request('GET', `${base}/reports/service.pdf?from=2026-03-30&to=2026-03-30&language=en`);
    expect(en.statusCode).toBe(200);
    const pagesEn = render(en.rawPayload);
    const textEn = pagesEn.map((p) => p.text).join('\n');
    expect(textEn).toContain('SERVICE REPORT');
    expect(textEn).toContain('66.7%');
    expect(textEn).toContain('Direct message');
    expect(textEn).toContain('Per teammate');
    expect(textEn).toContain('2 replies');
    expect(textEn).toContain('30 Mar 2026');
    fs.writeFileSync(path.join(SCREENSHOTS, 'inbox-service-report-pdf-en.png'), pagesEn[0].png);
  });

  it('formats durations in the report’s language', () => {
    expect(formatMinutes(45, 'es')).toBe('45 min');
    expect(formatMinutes(150, 'es')).toBe('2,5 h');
    expect(formatMinutes(150, 'en')).toBe('2.5 h');
    expect(formatMinutes(3 * 1440, 'en')).toBe('3 d');
    expect(formatMinutes(null, 'en')).toBe('—');
  });

  it('answers 401 without a caller, 404 for another workspace and 400 for a backwards range', async () => {
    expect((await t.app.inject({ method: 'GET', url: `${base}/reports/service.pdf` })).statusCode).toBe(401);
    expect((await s.stranger.request('GET', `${base}/reports/service.pdf`)).statusCode).toBe(404);
    const backwards = await editor.request('GET', `${base}/reports/service.pdf?from=2026-03-30&to=2026-03-27`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('bad_range');
  });
});
