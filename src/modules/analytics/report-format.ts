import { DateTime } from 'luxon';

export type ReportLanguage = 'en' | 'es';

const LOCALES: Record<ReportLanguage, string> = { es: 'es-ES', en: 'en-GB' };

// Grouping always on: Spanish CLDR leaves four-digit numbers ungrouped ("1234"), which reads
// badly beside "12.345" in the same table.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: ReportLanguage, style: 'decimal' | 'percent', digits: number): Intl.NumberFormat {
  const key = `${language}:${style}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], { style, maximumFractionDigits: digits, useGrouping: 'always' });
    numberFormats.set(key, format);
  }
  return format;
}

/** A number in the report's language: es "1.234,5", en "1,234.5". */
export function formatNumber(value: number, language: ReportLanguage, digits = 2): string {
  return numberFormat(language, 'decimal', digits).format(value);
}

/** A rate given in percent points (12.5 means 12.5 %): es "1.234,5 %", en "1,234.5%". */
export function formatPercent(value: number, language: ReportLanguage, digits = 2): string {
  return numberFormat(language, 'percent', digits).format(value / 100);
}

/** A change in percent with its sign: "+12,5 %", "−3,2 %". */
export function formatChange(value: number, language: ReportLanguage): string {
  const text = formatPercent(Math.abs(value), language, 1);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** A calendar date (YYYY-MM-DD, already in the brand's zone): es "28 mar 2026". */
export function formatDay(day: string, language: ReportLanguage, format = 'd LLL yyyy'): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).setLocale(LOCALES[language]).toFormat(format);
}

/** An instant in the brand's zone: es "5 mar 2026, 10:30". */
export function formatInstant(at: Date | string, timeZone: string, language: ReportLanguage): string {
  const instant = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  return instant.setZone(timeZone).setLocale(LOCALES[language]).toFormat('d LLL yyyy, HH:mm');
}
