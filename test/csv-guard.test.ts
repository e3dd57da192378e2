import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestApp, ManualClock, type Caller, type TestApp } from './helpers/app.ts';
import { given } from './helpers/given.ts';
import { DB_KINDS } from './helpers/db.ts';
import { defuseCsvCell, stringifyCsv } from '../src/lib/csv.ts';
import { buildReportData, reportCsv } from '../src/modules/analytics/reports.ts';

describe('the CSV formula guard', () => {
  it('defuses every text cell that a spreadsheet would run, in any column', () => {
    for (const risky of [
      '=1+1',
      '+SUM(A1)',
      '-2+3',
      '@cmd',
      '\t=1',
      '\r=1',
      '\n=1',
      '＝1+1',
      '＋1',
      '－1',
      '＠x',
      '=HYPERLINK("http://evil.example","x")',
      '-',
    ]) {
      expect(defuseCsvCell(risky)).toBe(`'${risky}`);
    }
    for (const plain of ['acme', 'a=b', ' =1', '', "'already", 'bluesky', '-12', '+3.5', '-1e3', '.5'])
      expect(defuseCsvCell(plain)).toBe(plain);
    const rows = parse(
      stringifyCsv([
        ['network', 'text', 'n'],
        ['=cmd|" /C calc"!A0', '@SUM(1)', -5],
        ['bluesky', 'ok', 7],
      ]),
    ) as string[][];
    expect(rows).toEqual([
      ['network', 'text', 'n'],
      ['\'=cmd|" /C calc"!A0', "'@SUM(1)", '-5'],
      ['bluesky', 'ok', '7'],
    ]);
  });
});

describe.each(DB_KINDS)('CSV exports guard every cell on %s', (kind) => {
  const clock = new ManualClock(Date.parse('2026-03-12T09:00:00Z'));
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  const api = (path: string) => `/api/v1/workspaces/${workspaceId}${path}`;

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    ({ owner, workspaceId } = await given(t).owner(`csv-${kind}@example.com`).workspace({ name: '=Marca', language: 'en' }));
  });
  afterAll(async () => t?.close());

  it('the mention export defuses the network column (and author and text)', async () => {
    const csv =
      'id,text,author,network,lang,url,date\nx1,"+ganamos acme","=mallory","=1+1","-x",,2026-03-10T09:00:00Z\nx2,fine text,ana,bluesky,es,https://example.com/a,2026-03-10T10:00:00Z\n';
    const imported = await owner.request('POST', api('/listening/import'), { csv });
    expect(imported.statusCode, imported.body).toBe(201);
    const response = await owner.request('GET', api('/listening/mentions/export'));
    expect(response.statusCode).toBe(200);
    const rows = parse(response.body.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const evil = rows.find((r) => r.text.includes('ganamos'))!;
    expect(evil).toMatchObject({ network: "'=1+1", text: "'+ganamos acme", author_handle: "'=mallory" });
    // Every cell of every row: nothing starts a formula.
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
    const fine = rows.find((r) => r.text === 'fine text')!;
    expect(fine).toMatchObject({ network: 'bluesky', author_handle: 'ana', url: 'https://example.com/a' });
  });

  it('the report CSV goes through the same guard', async () => {
    const data = await buildReportData(
      t.ctx,
      workspaceId,
      {},
      { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') },
      'en',
    );
    // A KPI label or reason that starts like a formula is defused like any other text cell.
    data.current.kpis[0] = { ...data.current.kpis[0], reason: '=IMPORTXML("http://evil.example")' };
    const cells = (parse(reportCsv(data), { relax_column_count: true }) as string[][]).flat();
    expect(cells).toContain('\'=IMPORTXML("http://evil.example")');
    for (const value of cells) expect(value).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
  });
});
