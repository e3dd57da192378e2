import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, List, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert.tsx';
import { apiErrorText } from '../../../shared/api-error-text.ts';
import { DateTimeField } from '../../../shared/DateFields.tsx';
import { fromLocalInput } from '../../../shared/format.ts';
import { workspaceKey } from '../../../shared/query-keys.ts';
import { useWorkspace } from '../../../shared/session.tsx';
import { useQueues } from '../../queues/api.ts';
import { type BatchOperation, type BatchResult, runBatch, undoBatch } from './api.ts';

/** How long the web app offers "Undo" after a batch (the server keeps it undoable for five minutes). */
const UNDO_SHOWN_MS = 10_000;

interface BatchBarProps {
  /** The selected posts, in the order they were picked (reschedule and queue keep it). */
  selected: string[];
  /** A post's title for error lines (its text's start). */
  titleOf(postId: string): string;
  onClear(): void;
}

/**
 * The bar under a selection of posts: move them by days, reschedule them from a time (spaced), add
 * them to a queue, or delete them — all or none — then "Undo" for a few seconds.
 */
export default function BatchBar({ selected, titleOf, onClear }: BatchBarProps) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const queues = useQueues();
  const [days, setDays] = useState<number | string>(1);
  const [when, setWhen] = useState('');
  const [spacing, setSpacing] = useState<number | string>(60);
  const [queueId, setQueueId] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<BatchResult | null>(null);
  const [undone, setUndone] = useState(false);

  useEffect(() => {
    if (!done) return;
    const timer = window.setTimeout(() => setDone(null), UNDO_SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [done]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
  const run = async (operation: BatchOperation) => {
    setBusy(operation.action);
    setError(null);
    setUndone(false);
    try {
      const result = await runBatch(workspace.id, selected, operation);
      setDone(result);
      onClear();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      await refresh();
    }
  };
  const undo = async () => {
    if (!done) return;
    setBusy('undo');
    try {
      await undoBatch(workspace.id, done.batchId);
      setUndone(true);
      setDone(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      await refresh();
    }
  };
  const failures =
    error instanceof ApiError && error.code === 'batch_failed' && Array.isArray(error.details)
      ? (error.details as Array<{ postId: string; code: string; message: string }>)
      : [];
  const at = fromLocalInput(when, workspace.timeZone);
  const queueOptions = (queues.data ?? []).map((q) => ({ value: q.id, label: q.paused ? `${q.name} (${t('queues.paused')})` : q.name }));

  return (
    <Stack gap="xs" data-testid="batch-bar">
      {done && (
        <Alert color="blue" role="status" data-testid="batch-undo">
          <Group justify="space-between">
            <Text size="sm">{t(`calendarOps.done.${done.action}`, { count: done.count })}</Text>
            <Button size="xs" variant="light" loading={busy === 'undo'} onClick={() => void undo()}>
              {t('calendarOps.undo')}
            </Button>
          </Group>
        </Alert>
      )}
      {undone && (
        <Alert color="gray" role="status" withCloseButton onClose={() => setUndone(false)} closeButtonLabel={t('common.close')}>
          {t('calendarOps.undone')}
        </Alert>
      )}
      <ApiErrorAlert error={error} role="alert" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setError(null)}>
        {failures.length > 0 && (
          <List size="sm" mt={4}>
            {failures.map((f) => (
              <List.Item key={f.postId}>
                {t('calendarOps.failedPost', {
                  title: titleOf(f.postId),
                  reason: apiErrorText(new ApiError(409, f.code, f.message, null)),
                })}
              </List.Item>
            ))}
          </List>
        )}
      </ApiErrorAlert>
      {selected.length > 0 && (
        <Card withBorder padding="sm" radius="md" data-testid="batch-actions">
          <Group justify="space-between" mb="xs">
            <Text fw={600} size="sm">
              {t('calendarOps.selected', { count: selected.length })}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={onClear}>
              {t('calendarOps.clear')}
            </Button>
          </Group>
          <Group align="flex-end" gap="lg" wrap="wrap">
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <NumberInput
                label={t('calendarOps.moveDays')}
                description={t('calendarOps.moveDaysHelp')}
                value={days}
                onChange={setDays}
                allowDecimal={false}
                min={-366}
                max={366}
                w={150}
                size="xs"
              />
              <Button
                size="xs"
                loading={busy === 'move'}
                disabled={!Number(days)}
                onClick={() => void run({ action: 'move', days: Number(days) })}
              >
                {t('calendarOps.move')}
              </Button>
            </Group>
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <DateTimeField
                label={t('calendarOps.rescheduleAt')}
                value={when}
                onChange={setWhen}
                zone={workspace.timeZone}
                size="xs"
                data-testid="batch-when"
              />
              <NumberInput
                label={t('calendarOps.spacing')}
                value={spacing}
                onChange={setSpacing}
                allowDecimal={false}
                min={0}
                w={110}
                size="xs"
              />
              <Button
                size="xs"
                loading={busy === 'reschedule'}
                disabled={!at}
                onClick={() => at && void run({ action: 'reschedule', scheduledAt: at, spacingMinutes: Number(spacing) || 0 })}
              >
                {t('calendarOps.reschedule')}
              </Button>
            </Group>
            {queueOptions.length > 0 && (
              <Group align="flex-end" gap="xs" wrap="nowrap">
                <Select label={t('calendarOps.queue')} data={queueOptions} value={queueId} onChange={setQueueId} w={170} size="xs" />
                <Button
                  size="xs"
                  variant="light"
                  loading={busy === 'queue'}
                  disabled={!queueId}
                  onClick={() => queueId && void run({ action: 'queue', queueId })}
                >
                  {t('calendarOps.addToQueue')}
                </Button>
              </Group>
            )}
            <Button
              size="xs"
              color="red"
              variant="light"
              loading={busy === 'delete'}
              onClick={() => window.confirm(t('calendarOps.confirmDelete', { count: selected.length })) && void run({ action: 'delete' })}
            >
              {t('calendarOps.delete')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
