import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/session.tsx';
import type { PostState } from '../types.ts';

/** Said wherever an approved post appears: approved is not scheduled, and what to do about it. */
export function ApprovedNotScheduled({ state }: { state: PostState }) {
  const { t } = useTranslation();
  const canPublish = useCan('post.publish');
  if (state !== 'approved') return null;
  return (
    <Alert color="yellow" title={t('review.approvedNotScheduled')} data-testid="approved-not-scheduled">
      {canPublish ? t('review.approvedNotScheduledHelp') : t('review.approvedNotScheduledNoRight')}
    </Alert>
  );
}
