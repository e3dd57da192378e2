import i18next from 'i18next';
import { ApiError } from '../api/client.ts';
import { formatDuration } from './format-plain.ts';

/** Details values that name a state or status: shown translated (states.<value>) as `<key>Text`. */
const STATE_KEYS = ['state', 'from', 'status'] as const;

/** The generic code for a status, when the server's code has no text (never the server's English). */
function codeForStatus(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  return 'bad_request';
}

/** "/config/q" or "body.content" → the field's name in the UI language when known, else as written. */
export function fieldName(path: string): string {
  const parts = path.split(/[/.]/).filter((p) => p && !/^\d+$/.test(p));
  const last = parts.at(-1) ?? '';
  if (!last) return i18next.t('validationFields.form');
  return i18next.exists(`validationFields.${last}`) ? i18next.t(`validationFields.${last}`) : last;
}

/** What a validation error says about its first field: "Check “E-mail”: not in the right format". */
function validationText(details: unknown): string {
  const first = Array.isArray(details) ? (details[0] as { path?: unknown; issue?: unknown } | undefined) : undefined;
  if (!first || typeof first.path !== 'string') return i18next.t('apiErrors.validation_failed_plain');
  const issue = typeof first.issue === 'string' && i18next.exists(`validationIssues.${first.issue}`) ? first.issue : 'other';
  return i18next.t('apiErrors.validation_failed', { field: fieldName(first.path), problem: i18next.t(`validationIssues.${issue}`) });
}

/**
 * Why a network refused a post or a connection, in the UI language, by the network's code
 * (`http_503` → "The network answered with error 503", `media_*` → an upload failed).
 */
export function networkReasonText(code: string | null | undefined): string {
  if (!code) return '';
  const http = /^http_(\d+)$/.exec(code);
  if (http) return i18next.t('networkReasons.http_error', { status: http[1] });
  if (code.startsWith('media_') && !i18next.exists(`networkReasons.${code}`)) return i18next.t('networkReasons.media_upload_failed');
  return i18next.exists(`networkReasons.${code}`) ? i18next.t(`networkReasons.${code}`) : i18next.t('networkReasons.other', { code });
}

/**
 * A failed call as the user reads it: the translation of the server's error code
 * (apiErrors.<code>, with the error's details), else a generic text for its status —
 * never the server's English. The one place the web app turns an API error into text.
 */
export function apiErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'validation_failed') return validationText(error.details);
  const code = i18next.exists(`apiErrors.${error.code}`) ? error.code : codeForStatus(error.status);
  const details = (error.details && typeof error.details === 'object' ? error.details : {}) as Record<string, unknown>;
  const seconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60;
  const maxPixels = typeof details.maxPixels === 'number' ? details.maxPixels : null;
  const params: Record<string, unknown> = {
    ...details,
    wait: formatDuration(seconds, i18next.language),
    minutes: Math.max(1, Math.ceil(seconds / 60)),
    ...(maxPixels !== null ? { megapixels: Math.round(maxPixels / 1_000_000) } : {}),
  };
  for (const key of STATE_KEYS) {
    const value = details[key];
    if (typeof value !== 'string') continue;
    const label = [`states.${value}`, `channels.status.${value}`].find((k) => i18next.exists(k));
    params[`${key}Text`] = label ? i18next.t(label) : value;
  }
  if (typeof details.field === 'string') params.field = fieldName(details.field);
  if (code === 'connection_failed' || code === 'inbox_push_register_failed') {
    params.reasonText = networkReasonText(typeof details.code === 'string' ? details.code : 'unreachable');
    params.network = typeof details.network === 'string' ? networkLabel(details.network) : '';
  }
  return i18next.t(`apiErrors.${code}`, params);
}

/** Networks' own spelling of their names, the same in every language (used when no translation exists). */
const NETWORK_BRAND_NAMES: Record<string, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  instagram: 'Instagram',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  x: 'X',
  threads: 'Threads',
  youtube: 'YouTube',
  'google-business': 'Google Business Profile',
  tiktok: 'TikTok',
  pinterest: 'Pinterest',
  telegram: 'Telegram',
  discord: 'Discord',
  slack: 'Slack',
  wordpress: 'WordPress',
};

/** A network's name as people know it ("sandbox" → "Sandbox (simulated)", "linkedin" → "LinkedIn"). */
export function networkLabel(network: string): string {
  return i18next.exists(`networkNames.${network}`) ? i18next.t(`networkNames.${network}`) : (NETWORK_BRAND_NAMES[network] ?? network);
}

/** The translation of a server error code stored on an object (a channel's health, a report…), or `fallback` when the code has none. */
export function codeText(code: string | undefined, fallback: string): string {
  const key = `apiErrors.${code ?? ''}`;
  return code && i18next.exists(key) ? i18next.t(key) : fallback;
}

/** A mention's or a post's language code by name in the UI language ("es" → "español" / "Spanish"; "und" → "Unknown language"). */
export function languageLabel(code: string | null | undefined): string {
  if (!code) return '—';
  if (i18next.exists(`labels.languages.${code}`)) return i18next.t(`labels.languages.${code}`);
  try {
    const name = new Intl.DisplayNames([i18next.language], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase() + name.slice(1) : code;
  } catch {
    return code;
  }
}
