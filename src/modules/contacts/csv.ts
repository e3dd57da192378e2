/**
 * Contacts as CSV: one row per contact, the same columns for export and import
 * (id, name, stage, value, email, website, labels, notes, identities, created_at, stage_changed_at).
 * Labels are separated by ";", identities are "network:handle" separated by ";".
 */
import { parse } from 'csv-parse/sync';
import { AppError } from '../../lib/errors.ts';
import { stringifyCsv } from '../../lib/csv.ts';
import type { ContactRow, IdentityRow } from './repository.ts';
import { CONTACT_STAGES, type ContactStage } from './tables.ts';

export const CSV_COLUMNS = [
  'id',
  'name',
  'stage',
  'value',
  'email',
  'website',
  'labels',
  'notes',
  'identities',
  'created_at',
  'stage_changed_at',
] as const;

/** The most rows one import takes. */
export const MAX_IMPORT_ROWS = 10_000;

/** One valid CSV row. Undefined: the column was absent or empty (left as it is on an update). */
export interface ImportedContact {
  line: number;
  id?: string;
  name?: string;
  stage?: ContactStage;
  value?: number | null;
  email?: string | null;
  website?: string | null;
  labels?: string[];
  notes?: string;
  identities: Array<{ network: string; handle: string }>;
}

interface RowProblem {
  line: number;
  column: string;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NETWORK = /^[a-z][a-z0-9_-]{1,30}$/;

function splitList(cell: string): string[] {
  return cell
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Reads contacts from CSV text; any problem in any row → 400 `contacts_csv_invalid` listing every problem (line and column). */
export function parseContactsCsv(text: string): ImportedContact[] {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new AppError(400, 'contacts_csv_invalid', `The CSV cannot be read: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new AppError(400, 'contacts_csv_invalid', 'The CSV has no rows');
  if (records.length > MAX_IMPORT_ROWS) throw new AppError(400, 'contacts_csv_invalid', `At most ${MAX_IMPORT_ROWS} rows per import`);
  const header = Object.keys(records[0] ?? {});
  if (!header.includes('name') && !header.includes('identities') && !header.includes('id'))
    throw new AppError(400, 'contacts_csv_invalid', 'The CSV needs a "name", "identities" or "id" column');
  const problems: RowProblem[] = [];
  const rows: ImportedContact[] = [];
  for (const [index, record] of records.entries()) {
    const line = index + 2;
    const problem = (column: string, message: string) => problems.push({ line, column, message });
    const cell = (name: string) => (record[name] ?? '').trim();
    const row: ImportedContact = { line, identities: [] };
    if (cell('id')) {
      if (UUID.test(cell('id'))) row.id = cell('id').toLowerCase();
      else problem('id', 'not a contact id');
    }
    if (cell('name')) {
      if (cell('name').length > 200) problem('name', 'longer than 200 characters');
      else row.name = cell('name');
    }
    if (cell('stage')) {
      const stage = cell('stage').toLowerCase();
      if ((CONTACT_STAGES as readonly string[]).includes(stage)) row.stage = stage as ContactStage;
      else problem('stage', `one of ${CONTACT_STAGES.join(', ')}`);
    }
    if (cell('value')) {
      const value = Number(cell('value').replace(',', '.'));
      if (Number.isFinite(value) && value >= 0 && value < 1e12) row.value = Math.round(value * 100) / 100;
      else problem('value', 'a number from 0');
    }
    if (cell('email')) {
      if (EMAIL.test(cell('email')) && cell('email').length <= 254) row.email = cell('email');
      else problem('email', 'not an e-mail address');
    }
    if (cell('website')) {
      if (/^https?:\/\/[^\s]+$/i.test(cell('website')) && cell('website').length <= 500) row.website = cell('website');
      else problem('website', 'an http(s) address');
    }
    if (cell('labels')) {
      const labels = splitList(cell('labels'));
      if (labels.some((l) => l.length > 40) || labels.length > 30) problem('labels', 'at most 30 labels of 40 characters');
      else row.labels = labels;
    }
    if (cell('notes')) {
      if (cell('notes').length > 10_000) problem('notes', 'longer than 10,000 characters');
      else row.notes = cell('notes');
    }
    for (const part of splitList(cell('identities'))) {
      const colon = part.indexOf(':');
      const network = colon > 0 ? part.slice(0, colon).trim().toLowerCase() : '';
      const handle = colon > 0 ? part.slice(colon + 1).trim() : '';
      if (!NETWORK.test(network) || !handle || handle.length > 200) problem('identities', `"${part.slice(0, 60)}" is not network:handle`);
      else row.identities.push({ network, handle });
    }
    if (!row.id && !row.name && row.identities.length === 0) problem('name', 'a row needs a name, an identity or an id');
    rows.push(row);
  }
  if (problems.length > 0)
    throw new AppError(400, 'contacts_csv_invalid', `${problems.length} problem(s) in the CSV; nothing was imported`, {
      problems: problems.slice(0, 100),
    });
  return rows;
}

/** Writes contacts as CSV (through lib/csv.ts, so no cell runs as a formula). */
export function contactsToCsv(contacts: readonly ContactRow[], identities: readonly IdentityRow[]): string {
  const byContact = new Map<string, IdentityRow[]>();
  for (const identity of identities) byContact.set(identity.contact_id, [...(byContact.get(identity.contact_id) ?? []), identity]);
  return stringifyCsv([
    [...CSV_COLUMNS],
    ...contacts.map((c) => [
      c.id,
      c.display_name,
      c.stage,
      c.value === null ? '' : Number(c.value),
      c.email ?? '',
      c.website ?? '',
      c.labels.join(';'),
      c.notes,
      (byContact.get(c.id) ?? []).map((i) => `${i.network}:${i.handle}`).join(';'),
      c.created_at.toISOString(),
      c.stage_changed_at.toISOString(),
    ]),
  ]);
}
