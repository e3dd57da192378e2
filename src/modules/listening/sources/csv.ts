/**
 * CSV import of mentions exported from other listening tools. Columns are found by header
 * name in English or Spanish (text/texto/content/mensaje, url/link/enlace, author/autor,
 * network/red/source, date/fecha/published_at, lang/idioma, id). Every row is checked first;
 * the import stores all rows or none, with an error per failing row.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { SourceItem } from './types.ts';

const COLUMN_NAMES: Record<'text' | 'url' | 'author' | 'network' | 'date' | 'lang' | 'id' | 'reach', string[]> = {
  text: ['text', 'texto', 'content', 'contenido', 'message', 'mensaje', 'snippet', 'full text', 'mention', 'mencion'],
  url: ['url', 'link', 'enlace', 'permalink'],
  author: ['author', 'autor', 'handle', 'user', 'usuario', 'username', 'screen name'],
  network: ['network', 'red', 'source', 'fuente', 'platform', 'plataforma', 'page type'],
  date: ['date', 'fecha', 'published_at', 'published', 'created_at', 'timestamp'],
  lang: ['lang', 'language', 'idioma'],
  id: ['id', 'remote_id', 'mention id', 'post id'],
  reach: ['reach', 'alcance', 'followers', 'seguidores'],
};

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** One row that cannot be imported. */
export interface CsvRowError {
  /** 1-based data row number (the header is row 0). */
  row: number;
  /** Why, as a code the web app translates (listening.csvRowErrors.<code>) with `params`; `message` is English for the CLI and API. */
  code: CsvRowErrorCode;
  params: Record<string, string>;
  message: string;
}

/** Every reason a CSV row is refused; each has es and en text in the web app. */
export const CSV_ROW_ERROR_CODES = ['csv_unreadable', 'csv_no_text_column', 'csv_empty_text', 'csv_bad_date', 'csv_bad_url'] as const;
export type CsvRowErrorCode = (typeof CSV_ROW_ERROR_CODES)[number];

/** Parses a mentions CSV; `textColumn` overrides the detected text column. */
export function parseMentionsCsv(
  csv: string,
  options: { textColumn?: string; defaultNetwork?: string } = {},
): { items: SourceItem[]; errors: CsvRowError[]; columns: Record<string, string | null> } {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch (error) {
    return {
      items: [],
      errors: [
        {
          row: 0,
          code: 'csv_unreadable',
          params: { detail: (error as Error).message },
          message: `Not a readable CSV file: ${(error as Error).message}`,
        },
      ],
      columns: {},
    };
  }
  const header = (records[0] ?? []).map(fold);
  const find = (names: string[]) => {
    const index = header.findIndex((h) => names.includes(h));
    return index === -1 ? null : index;
  };
  const index = Object.fromEntries(Object.entries(COLUMN_NAMES).map(([key, names]) => [key, find(names)])) as Record<
    keyof typeof COLUMN_NAMES,
    number | null
  >;
  if (options.textColumn) index.text = find([fold(options.textColumn)]);
  const columns = Object.fromEntries(Object.entries(index).map(([key, i]) => [key, i === null ? null : records[0][i]]));
  if (index.text === null) {
    return {
      items: [],
      errors: [
        {
          row: 0,
          code: 'csv_no_text_column',
          params: {},
          message: 'No text column (expected one named text, content, message…)',
        },
      ],
      columns,
    };
  }
  const items: SourceItem[] = [];
  const errors: CsvRowError[] = [];
  const cell = (record: string[], key: keyof typeof COLUMN_NAMES) => (index[key] === null ? '' : (record[index[key]!] ?? '').trim());
  records.slice(1).forEach((record, i) => {
    const row = i + 1;
    const text = cell(record, 'text');
    if (!text) {
      errors.push({ row, code: 'csv_empty_text', params: {}, message: 'Empty text' });
      return;
    }
    const rawDate = cell(record, 'date');
    let publishedAt = new Date();
    if (rawDate) {
      const parsed = Date.parse(
        rawDate.includes('T') || /[zZ+]/.test(rawDate) ? rawDate : rawDate.replace(' ', 'T') + (rawDate.length > 10 ? 'Z' : 'T00:00:00Z'),
      );
      if (Number.isNaN(parsed)) {
        errors.push({
          row,
          code: 'csv_bad_date',
          params: { value: rawDate },
          message: `Unreadable date "${rawDate}" (use ISO 8601, e.g. 2026-03-01T10:00:00Z)`,
        });
        return;
      }
      publishedAt = new Date(parsed);
    }
    const url = cell(record, 'url');
    if (url && !/^https?:\/\//i.test(url)) {
      errors.push({ row, code: 'csv_bad_url', params: { value: url }, message: `The link "${url}" is not an http(s) URL` });
      return;
    }
    const reach = Number(cell(record, 'reach'));
    const author = cell(record, 'author');
    const id = cell(record, 'id') || createHash('sha256').update(`${url}\n${author}\n${rawDate}\n${text}`).digest('hex').slice(0, 32);
    items.push({
      remoteId: id,
      text,
      network: (cell(record, 'network') || options.defaultNetwork || 'import').toLowerCase().slice(0, 40),
      url: url || null,
      authorHandle: author.replace(/^@/, ''),
      authorReach: Number.isFinite(reach) && reach > 0 ? Math.round(reach) : null,
      lang: cell(record, 'lang') || null,
      publishedAt,
    });
  });
  return { items, errors, columns };
}
