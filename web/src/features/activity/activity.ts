import { useTranslation } from 'react-i18next';
import { networkReasonText } from '../../shared/api-error-text.ts';
import type { ActivityItem } from './types.ts';

/** Where an activity item leads: the post, or the channels page. */
export function activityLink(item: ActivityItem): string {
  if (item.subjectType === 'post' && item.subjectId) return `/posts/${item.subjectId}`;
  if (item.subjectType === 'channel') return '/channels';
  if (item.subjectType === 'client_link') return '/client-links';
  if (item.type === 'listening.reputation_alert' || item.type.startsWith('listening.alert_')) return '/listening/alerts';
  if (item.type.startsWith('listening.query_') || item.type.startsWith('listening.source_')) return '/listening/queries';
  if (item.type.startsWith('listening.')) return '/listening/mentions';
  return '/activity';
}

/**
 * A translated one-line description of an event (activity page, notifications, post history): the
 * text of its type (events.<type>, every registered type has one in es and en), with who did it and
 * the translated reason when there is one. A type the app does not know yet reads as "someone did something".
 */
export function useActivityLabel(): (item: Pick<ActivityItem, 'type' | 'data'> & { actorName?: string | null }) => string {
  const { t, i18n } = useTranslation();
  return (item) => {
    const data = (item.data ?? {}) as Record<string, unknown>;
    // A client's verdict through an approval link has no account behind it: it reads as the client's name.
    const client = typeof data.clientName === 'string' && !item.actorName && item.type.startsWith('client_link.') ? data.clientName : null;
    const who = item.actorName ?? client ?? t('activity.system');
    const key = i18n.exists(`events.${item.type}`) ? `events.${item.type}` : 'events.other';
    const reasonCode = typeof data.reasonCode === 'string' ? data.reasonCode : null;
    const reason = reasonCode ? networkReasonText(reasonCode) : '';
    return t(key, { who, reason });
  };
}
