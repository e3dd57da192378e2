import { useState } from 'react';
import { Button, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert.tsx';
import { formatInstant, fromLocalInput } from '../../../shared/format.ts';
import { useWorkspace } from '../../../shared/session.tsx';
import type { Post } from '../types.ts';
import { DateTimeField } from '../../../shared/DateFields.tsx';
import { type ApproveBody, isPast, postStep } from './workflow.ts';

/**
 * "Approve" with one meaning, said on the button: a dated post is approved and scheduled at its time
 * ("Approve and schedule"), an undated one is approved and waits for a date. When the time has passed,
 * a dialog asks: publish now, or pick a new time — nothing goes out silently.
 */
export function ApproveButton({ post, comment = '', onDone }: { post: Post; comment?: string; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const [asking, setAsking] = useState(false);
  const [when, setWhen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const dated = Boolean(post.scheduledAt);
  const newTime = fromLocalInput(when, workspace.timeZone);
  const newTimePast = newTime !== null && isPast(newTime);

  const approve = async (extra: ApproveBody = {}) => {
    setBusy(true);
    setError(null);
    try {
      await postStep(workspace.id, post.id, 'approve', { ...(comment ? { comment } : {}), ...extra });
      setAsking(false);
      onDone();
    } catch (caught) {
      // The time passed while the page was open: ask instead of failing.
      if (caught instanceof ApiError && caught.code === 'scheduled_time_passed') setAsking(true);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button color="green" loading={busy && !asking} onClick={() => (isPast(post.scheduledAt) ? setAsking(true) : void approve())}>
        {isPast(post.scheduledAt) ? t('review.approvePast') : dated ? t('review.approveAndSchedule') : t('review.approveUndated')}
      </Button>
      <ApiErrorAlert error={error} role="alert" />
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('review.pastTitle')} centered>
        <Stack>
          <Text size="sm">{t('review.pastBody', { when: formatInstant(post.scheduledAt, workspace.timeZone, i18n.language) })}</Text>
          <Button color="green" loading={busy} onClick={() => void approve({ publishNow: true })}>
            {t('review.publishNow')}
          </Button>
          <DateTimeField
            label={t('review.newTime', { zone: workspace.timeZone })}
            value={when}
            onChange={setWhen}
            zone={workspace.timeZone}
            error={newTimePast ? t('review.pastDate') : undefined}
          />
          <Button disabled={!newTime || newTimePast} loading={busy} onClick={() => newTime && void approve({ scheduledAt: newTime })}>
            {t('review.approveAtNewTime')}
          </Button>
          <Button variant="default" onClick={() => setAsking(false)}>
            {t('review.back')}
          </Button>
          <ApiErrorAlert error={error} />
        </Stack>
      </Modal>
    </>
  );
}

/** The line under an approve button: what approving will do. */
export function ApproveHelp({ post }: { post: Post }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const text = isPast(post.scheduledAt)
    ? t('review.approveHelpPast')
    : post.scheduledAt
      ? t('review.approveHelpDated', { when: formatInstant(post.scheduledAt, workspace.timeZone, i18n.language) })
      : t('review.approveHelpUndated');
  return (
    <Text size="xs" c="dimmed">
      {text}
    </Text>
  );
}
