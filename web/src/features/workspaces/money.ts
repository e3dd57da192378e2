import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../shared/session.tsx';

/** An amount in a currency, the way the UI language writes money ("1.500,00 €", "€1,500.00"). */
export function formatMoney(amount: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
  } catch {
    // A code this browser does not know: the number in the UI language, then the code.
    return `${new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

/** `money(1500)` in the selected workspace's currency (or the one given) and the UI language. */
export function useMoney(): (amount: number, currency?: string) => string {
  const { i18n } = useTranslation();
  const workspace = useWorkspace();
  return (amount, currency) => formatMoney(amount, currency ?? workspace.currency, i18n.language);
}

/** The currency symbol as the UI language writes it ("€", "US$"), for input fields. */
export function currencySymbol(currency: string, language: string): string {
  try {
    const part = new Intl.NumberFormat(language, { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

/** Every currency the browser knows, named in the UI language ("EUR · euro"), the common ones first. */
export function currencyOptions(language: string, current: string): Array<{ value: string; label: string }> {
  const common = ['EUR', 'USD', 'GBP', 'MXN', 'COP', 'ARS', 'CLP', 'PEN'];
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : common;
  const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames([language], { type: 'currency' }) : null;
  const codes = [...new Set([current, ...common, ...all])];
  return codes.map((code) => ({ value: code, label: `${code} · ${names?.of(code) ?? code}` }));
}
