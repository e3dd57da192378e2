import { stringify } from 'csv-stringify/sync';

/**
 * First characters that make a spreadsheet run a cell as a formula (OWASP's CSV-injection list:
 * "=", "+", "-", "@", tab, carriage return; line feed too, and the full-width forms some
 * spreadsheets also accept).
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A plain number ("-12", "+3.5", "-1e3"): read as a number, never run, so left as it is. */
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A text cell made safe to open in a spreadsheet: a leading apostrophe when it would start a formula. */
export function defuseCsvCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * Writes CSV rows. Every CSV Plaza writes goes through here, so every text cell, whatever its
 * column, is defused (`defuseCsvCell`); numbers stay numbers.
 */
export function stringifyCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return stringify(rows as unknown[][], { cast: { string: defuseCsvCell } });
}
