import { useState } from 'react';
import { Button, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { fillQueue, saveQueueRecycling, useEvergreenList } from './api.ts';

/** On a queue's card: recycle evergreen posts or not, the minimum gap in days, and "fill now". */
export function EvergreenQueueSettings({ queueId, channelIds }: { queueId: string; channelIds: string[] }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const editable = useCan('post.publish');
  const queryClient = useQueryClient();
  const list = useEvergreenList();
  const queue = list.data?.queues.find((q) => q.id === queueId);
  const gap = queue?.gapDays ?? null;
  const [draft, setDraft] = useState<number | null>(null);
  const [filled, setFilled] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
  const save = useMutation({
    mutationFn: (gapDays: number | null) => saveQueueRecycling(workspace.id, queueId, gapDays),
    onSuccess: async () => {
      setDraft(null);
      await refresh();
    },
  });
  const fill = useMutation({
    mutationFn: () => fillQueue(workspace.id, queueId),
    onSuccess: async (result) => {
      setFilled(result.items.length);
      await refresh();
    },
  });
  if (!list.data) return null;
  const fits = list.data.items.filter((post) => post.queues.some((q) => q.id === queueId)).length;
  const candidates = gap === null ? 0 : fits;
  const value = draft ?? gap ?? 14;
  return (
    <Stack gap={4} mt="md" p="xs" style={{ background: 'var(--mantine-color-teal-0)', borderRadius: 8 }} data-testid="queue-evergreen">
      <Group justify="space-between">
        <Switch
          label={t('recurring.ever.queueTitle')}
          checked={gap !== null}
          disabled={!editable || save.isPending || channelIds.length === 0}
          onChange={(e) => save.mutate(e.currentTarget.checked ? value : null)}
          data-testid="queue-evergreen-switch"
        />
        {gap !== null && editable && (
          <Group gap="xs" align="flex-end">
            <NumberInput
              size="xs"
              w={90}
              min={1}
              max={365}
              aria-label={t('recurring.ever.gapDays')}
              value={value}
              onChange={(n) => setDraft(typeof n === 'number' ? n : null)}
              data-testid="queue-evergreen-gap"
            />
            <Button
              size="xs"
              variant="light"
              disabled={draft === null || draft === gap}
              onClick={() => save.mutate(value)}
              loading={save.isPending}
            >
              {t('recurring.ever.queueSave')}
            </Button>
            <Button size="xs" variant="default" onClick={() => fill.mutate()} loading={fill.isPending} data-testid="queue-evergreen-fill">
              {t('recurring.ever.fill')}
            </Button>
          </Group>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {gap !== null ? `${t('recurring.ever.gapDays')}: ${gap}. ` : ''}
        {t('recurring.ever.queueHelp')}
      </Text>
      {gap !== null && (
        <Text size="xs" data-testid="queue-evergreen-fits">
          {t('recurring.ever.fits', { count: candidates })}
          {filled !== null ? ` ${t('recurring.ever.filled', { count: filled })}` : ''}
        </Text>
      )}
      <ApiErrorAlert error={save.error ?? fill.error} />
    </Stack>
  );
}
