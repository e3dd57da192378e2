import { useTranslation } from 'react-i18next';
import type { ActivityItem } from './types.ts';

const KNOWN = new Set([
  'post.created',
  'post.updated',
  'post.submit',
  'post.approve',
  'post.reject',
  'post.schedule',
  'post.scheduled',
  'post.unschedule',
  'post.publish_now',
  'post.cancel',
  'post.restore',
  'post.published',
  'post.failed',
  'post.commented',
  'post.deleted',
  'post.retried',
  'channel.connected',
  'channel.needs_reconnect',
  'channel.reconnected',
  'channel.disconnected',
  'channel.status_changed',
  'channel.updated',
  'workspace.created',
  'workspace.updated',
  'member.added',
  'listening.reputation_alert',
  'listening.alert_acknowledged',
  'listening.alert_settings_changed',
  'listening.query_created',
  'listening.query_updated',
  'listening.query_deleted',
  'listening.source_created',
  'listening.source_updated',
  'listening.source_deleted',
  'listening.mentions_imported',
  'listening.sentiment_corrected',
]);

/** Where an activity item leads: the post, or the channels page. */
export function activityLink(item: ActivityItem): string {
  if (item.subjectType === 'post' && item.subjectId) return `/posts/${item.subjectId}`;
  if (item.subjectType === 'channel') return '/channels';
  if (item.type === 'listening.reputation_alert' || item.type.startsWith('listening.alert_')) return '/listening/alerts';
  if (item.type.startsWith('listening.query_') || item.type.startsWith('listening.source_')) return '/listening/queries';
  if (item.type.startsWith('listening.')) return '/listening/mentions';
  return '/activity';
}

/** A translated one-line description of an activity item. */
export function useActivityLabel(): (item: ActivityItem) => string {
  const { t } = useTranslation();
  return (item) => {
    const who = item.actorName ?? t('activity.system');
    const key = KNOWN.has(item.type) ? `activity.types.${item.type.replace('.', '_')}` : 'activity.types.other';
    const reason = typeof item.data.reason === 'string' ? item.data.reason : '';
    return t(key, { who, type: item.type, reason });
  };
}
