import i18next from 'i18next';
import { networkLabel } from './api-error-text.ts';

/** A network's verdict on a post, as the API answers it (code + params; message/messageEs as a fallback). */
export interface IssueLike {
  field: string;
  code: string;
  params?: Record<string, string | number>;
  message: string;
  messageEs?: string | null;
}

/** Per-channel issues, as in the 422 `invalid_for_network` answer's details. */
export interface ChannelIssuesLike {
  channelId: string;
  network: string;
  issues: IssueLike[];
}

/** Where in the post an issue is: "Thread post 2 · Image 1: " from "thread[0].media[0]", nothing for the main text. */
function placeOf(field: string): string {
  const parts: string[] = [];
  const thread = /thread[[.](\d+)/.exec(field);
  if (thread) parts.push(i18next.t('validationPlaces.threadPart', { n: Number(thread[1]) + 2 }));
  const media = /media[[.](\d+)\]?(\.alt)?/.exec(field);
  if (media) parts.push(i18next.t(media[2] ? 'validationPlaces.alt' : 'validationPlaces.media', { n: Number(media[1]) + 1 }));
  return parts.length > 0 ? `${parts.join(' · ')}: ` : '';
}

/**
 * A validation issue in the UI language, by its code and params (validation.<code>), numbers in the
 * UI's format and network names as people know them. Only a code this web app does not know yet falls
 * back to the server's own text (Spanish when the UI is in Spanish).
 */
export function validationIssueText(issue: IssueLike): string {
  const key = `validation.${issue.code}`;
  if (!i18next.exists(key)) {
    const fallback = i18next.language === 'es' && issue.messageEs ? issue.messageEs : issue.message;
    return `${placeOf(issue.field)}${fallback}`;
  }
  const numbers = new Intl.NumberFormat(i18next.language);
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    params[name] = typeof value === 'number' ? numbers.format(value) : name === 'network' ? networkLabel(value.toLowerCase()) : value;
  }
  return `${placeOf(issue.field)}${i18next.t(key, params)}`;
}

/** The per-channel issues carried by a 422 `invalid_for_network` answer, or [] for any other details. */
export function channelIssuesOf(details: unknown): ChannelIssuesLike[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (entry): entry is ChannelIssuesLike =>
      !!entry && typeof entry === 'object' && typeof entry.channelId === 'string' && Array.isArray(entry.issues),
  );
}
