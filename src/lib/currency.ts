import { z } from 'zod';

/** ISO 4217 codes this Node knows how to format (the same list browsers use for Intl.NumberFormat). */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** A currency as the API takes it: an ISO 4217 code such as EUR or USD (upper-cased). */
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code), { message: 'currency must be an ISO 4217 code such as EUR' });

/** A new workspace's currency when none is chosen: euros for a Spanish-speaking brand, dollars otherwise. */
export function defaultCurrencyFor(language: string): string {
  return language === 'es' ? 'EUR' : 'USD';
}
