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
  message: string;
  messageEs: string;
}

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
          message: `Not a readable CSV file: ${(error as Error).message}`,
          messageEs: `No es un CSV legible: ${(error as Error).message}`,
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
          message: 'No text column (expected one named text, content, message…)',
          messageEs: 'Falta la columna de texto (se esperaba text, texto, mensaje…)',
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
      errors.push({ row, message: 'Empty text', messageEs: 'Texto vacío' });
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
          message: `Unreadable date "${rawDate}" (use ISO 8601, e.g. 2026-03-01T10:00:00Z)`,
          messageEs: `Fecha ilegible "${rawDate}" (usa ISO 8601, p. ej. 2026-03-01T10:00:00Z)`,
        });
        return;
      }
      publishedAt = new Date(parsed);
    }
    const url = cell(record, 'url');
    if (url && !/^https?:\/\//i.test(url)) {
      errors.push({ row, message: `The link "${url}" is not an http(s) URL`, messageEs: `El enlace "${url}" no es una URL http(s)` });
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
