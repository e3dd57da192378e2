import { useState } from 'react';
import { Button, Group, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../shared/format.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { useQueues } from './api.ts';

/** The composer's "Add to queue": pick a queue, see the slot the post will take, add it. */
export function AddToQueue({ disabled, loading, onAdd }: { disabled: boolean; loading: boolean; onAdd: (queueId: string) => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const queues = useQueues();
  const [queueId, setQueueId] = useState<string | null>(null);
  if (!queues.data) return null;
  if (queues.data.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t('queues.composer.noQueues')}
      </Text>
    );
  const chosen = queues.data.find((q) => q.id === (queueId ?? queues.data[0].id)) ?? queues.data[0];
  const next = chosen.nextFreeSlots[0];
  return (
    <div data-testid="add-to-queue">
      <Group gap="xs" align="flex-end">
        <Select
          label={t('queues.composer.pick')}
          data={queues.data.map((q) => ({ value: q.id, label: q.paused ? `${q.name} (${t('queues.paused')})` : q.name }))}
          value={chosen.id}
          onChange={setQueueId}
          allowDeselect={false}
          w={220}
        />
        <Button variant="light" loading={loading} disabled={disabled} onClick={() => onAdd(chosen.id)}>
          {t('queues.composer.add')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {chosen.paused
          ? t('queues.composer.helpPaused')
          : next
            ? t('queues.composer.help', { when: formatInstant(next, workspace.timeZone, i18n.language) })
            : t('queues.composer.noSlot')}
      </Text>
    </div>
  );
}
