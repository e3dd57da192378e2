import i18next from 'i18next';
import { networkReasonText } from './api-error-text.ts';

/**
 * Why a listening source, a scheduled report or a webhook delivery last failed, in the UI language, by
 * the code stored beside the raw text (failureReasons.<code>, `http_<status>`, else a network's reason).
 * A failure stored before codes existed (no code) reads as "something unexpected"; its raw text belongs
 * in a tooltip.
 */
export function failureReasonText(code: string | null | undefined): string {
  if (!code) return i18next.t('failureReasons.unexpected');
  if (i18next.exists(`failureReasons.${code}`)) return i18next.t(`failureReasons.${code}`);
  const http = /^http_(\d+)$/.exec(code);
  if (http) return i18next.t('failureReasons.http_error', { status: http[1] });
  return networkReasonText(code);
}
