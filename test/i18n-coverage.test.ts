import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/lib/error-codes.ts';
import { EVENT_TYPES } from '../src/lib/event-types.ts';
import { KPI_REASON_CODES } from '../src/lib/kpi-reasons.ts';
import { BEST_TIME_REASON_CODES } from '../src/lib/best-time-reasons.ts';
import { FAILURE_CODES } from '../src/lib/failure-code.ts';
import { QUERY_EXPECTED_CODES, QUERY_SYNTAX_REASONS } from '../src/modules/listening/core/query-language.ts';
import { CSV_ROW_ERROR_CODES } from '../src/modules/listening/sources/csv.ts';
import { VALIDATION_ISSUE_TEXTS } from '../src/networks/validation.ts';
import { en } from '../web/src/i18n/en.ts';
import { es } from '../web/src/i18n/es.ts';

/**
 * No English in the Spanish UI (and no Spanish in the English one): every error code the server can
 * answer with, every event type it records and every reason a network gives for a refusal has a text
 * in both languages. The codes are read from the registries and from the source itself, so a code or
 * event another branch adds is checked here as soon as it is merged.
 */

const SRC = path.resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const sources = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: fs.readFileSync(file, 'utf8') }));

/** Every match of `pattern`'s first group across the product's source, with where it was found. */
function collect(pattern: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of sources) for (const match of text.matchAll(pattern)) found.set(match[1], file);
  return found;
}

function lookup(dictionary: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dictionary);
}

function missingIn(dictionary: unknown, prefix: string, keys: Iterable<string>): string[] {
  return [...keys].filter((key) => {
    const text = lookup(dictionary, `${prefix}.${key}`);
    return typeof text !== 'string' || text.trim() === '';
  });
}

describe('every message a user reads has Spanish and English text, by code', () => {
  // Codes thrown anywhere in the source, registered or not (a merge may bring one the registry lacks).
  const thrown = new Map([
    ...collect(/new (?:AppError|ImageError)\(\s*\d{3},\s*'([a-z0-9_]+)'/g),
    ...collect(/\b(?:badRequest|conflict)\(\s*'([a-z0-9_]+)'/g),
    ...collect(/forbidden\([^)]*,\s*'([a-z0-9_]+)'\)/g),
  ]);

  it('finds the codes in the source (the patterns still match how errors are thrown)', () => {
    expect(thrown.size).toBeGreaterThan(40);
    expect(thrown.has('invalid_credentials')).toBe(true);
  });

  it('every thrown error code is registered in src/lib/error-codes.ts', () => {
    const registered = new Set<string>(ERROR_CODES);
    const unregistered = [...thrown].filter(([code]) => !registered.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(unregistered).toEqual([]);
  });

  it.each([
    ['en', en],
    ['es', es],
  ])('every error code has a %s text', (_language, dictionary) => {
    expect(missingIn(dictionary, 'apiErrors', new Set([...ERROR_CODES, ...thrown.keys()]))).toEqual([]);
  });

  // Event types: the registry plus every literal `type: 'a.b'` passed to recordEvent.
  const recorded = collect(/recordEvent\([^{]*\{[^}]*?type:\s*'([a-z_]+\.[a-z_.]+)'/gs);

  it('every recorded event type is registered in src/lib/event-types.ts', () => {
    expect(recorded.size).toBeGreaterThan(30);
    const registered = new Set<string>(EVENT_TYPES);
    expect([...recorded].filter(([type]) => !registered.has(type)).map(([type, file]) => `${type} (${file})`)).toEqual([]);
  });

  it.each([
    ['en', en],
    ['es', es],
  ])('every event type has a %s text', (_language, dictionary) => {
    expect(missingIn(dictionary, 'events', new Set([...EVENT_TYPES, ...recorded.keys()]))).toEqual([]);
  });

  // Why a network refused a post or a connection: NetworkError codes (http_<status> and media_<…> have one text each).
  const networkCodes = collect(/new NetworkError\(\s*'[a-z_]+',\s*'([a-z0-9_]+)'/g);

  it.each([
    ['en', en],
    ['es', es],
  ])('every network refusal reason has a %s text', (_language, dictionary) => {
    expect(networkCodes.size).toBeGreaterThan(15);
    const reasons = new Set([
      ...[...networkCodes.keys()].filter((code) => !/^http_\d+$/.test(code)),
      'http_error',
      'media_upload_failed',
      'missed',
      'channel_disconnected',
      'unreachable',
      'other',
    ]);
    expect(missingIn(dictionary, 'networkReasons', reasons)).toEqual([]);
  });

  it.each([
    ['en', en],
    ['es', es],
  ])('every reason a CSV row is refused has a %s text', (_language, dictionary) => {
    expect(missingIn(dictionary, 'csvRowErrors', CSV_ROW_ERROR_CODES)).toEqual([]);
  });

  // Listening query syntax errors: a reason code (+ what was expected, as a code) the web app words.
  const queryReasonsInSource = collect(/new QueryParseError\([^;]*?'([a-z_]+)',\s*(?:\{|[a-z])/gs);

  it.each([
    ['en', en],
    ['es', es],
  ])('every listening query syntax reason has a %s text', (_language, dictionary) => {
    expect(queryReasonsInSource.size).toBeGreaterThan(12);
    expect(missingIn(dictionary, 'querySyntax.reasons', new Set([...QUERY_SYNTAX_REASONS, ...queryReasonsInSource.keys()]))).toEqual([]);
    expect(missingIn(dictionary, 'querySyntax.expected', QUERY_EXPECTED_CODES)).toEqual([]);
  });

  // Why a KPI has no value: codes (src/lib/kpi-reasons.ts); every literal reason in kpis.ts must be one.
  const kpiSource = sources.find(({ file }) => file === path.join('modules', 'analytics', 'kpis.ts'))?.text ?? '';
  const kpiReasonsInSource = new Set(
    [...kpiSource.matchAll(/reason: '([^']+)'|\? '([a-z_]+)' : null|missingReason\('[a-z]+', '([^']+)'\)/g)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    ),
  );

  it.each([
    ['en', en],
    ['es', es],
  ])('every KPI reason is a code with a %s text', (_language, dictionary) => {
    expect(kpiReasonsInSource.size).toBeGreaterThan(10);
    expect([...kpiReasonsInSource].filter((reason) => !(KPI_REASON_CODES as string[]).includes(reason))).toEqual([]);
    expect(missingIn(dictionary, 'kpiReasons', KPI_REASON_CODES)).toEqual([]);
  });

  // Why a network refuses a post (composer, post page, approvals, CLI): codes in src/networks/validation.ts.
  const validationCodes = Object.keys(VALIDATION_ISSUE_TEXTS);
  const validationCodesInSource = collect(/validationIssue\(\s*[^,]+,\s*'([a-z0-9_]+)'/g);

  it.each([
    ['en', en],
    ['es', es],
  ])('every validation issue code has a %s web text', (_language, dictionary) => {
    expect(validationCodes.length).toBeGreaterThan(20);
    expect(validationCodesInSource.size).toBeGreaterThan(10);
    expect(missingIn(dictionary, 'validation', new Set([...validationCodes, ...validationCodesInSource.keys()]))).toEqual([]);
  });

  it('the web texts of a validation issue use the params the server fills (no {{placeholder}} left unfilled)', () => {
    for (const [code, texts] of Object.entries(VALIDATION_ISSUE_TEXTS)) {
      for (const dictionary of [en, es]) {
        const text = lookup(dictionary, `validation.${code}`) as string;
        const placeholders = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
        // The server's own text, filled with a marker per placeholder, must use every one of them.
        const marked = Object.fromEntries(placeholders.map((name) => [name, `<${name}>`]));
        const serverText = (texts as { en: (p: Record<string, string>) => string }).en(marked);
        for (const name of placeholders) expect(serverText, `${code}: {{${name}}}`).toContain(`<${name}>`);
      }
    }
  });

  it('no network adapter words a validation issue itself: issues are built by code with validationIssue()', () => {
    const wordedByHand = sources
      .filter(({ file }) => file !== path.join('networks', 'validation.ts') && file !== path.join('networks', 'types.ts'))
      .filter(({ text }) => /messageEs:\s*['`]/.test(text))
      .map(({ file }) => file);
    expect(wordedByHand).toEqual([]);
  });

  it.each([
    ['en', en],
    ['es', es],
  ])('every best-time reason has a %s text', (_language, dictionary) => {
    expect(missingIn(dictionary, 'bestTimeReasons', BEST_TIME_REASON_CODES)).toEqual([]);
  });

  // Why a listening source, a scheduled report or a webhook delivery failed: the codes stored in last_error_code.
  const codedErrors = collect(/new CodedError\(\s*'([a-z0-9_]+)'/g);

  it.each([
    ['en', en],
    ['es', es],
  ])('every background failure code has a %s text', (_language, dictionary) => {
    expect(codedErrors.size).toBeGreaterThan(2);
    expect(missingIn(dictionary, 'failureReasons', new Set([...FAILURE_CODES, ...codedErrors.keys()]))).toEqual([]);
  });

  it('the Spanish texts are not the English ones copied (spot check on every error code)', () => {
    const same = ERROR_CODES.filter((code) => lookup(en, `apiErrors.${code}`) === lookup(es, `apiErrors.${code}`));
    expect(same).toEqual([]);
  });
});
