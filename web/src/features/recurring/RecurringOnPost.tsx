import { Alert, Button, Group, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';

interface Series {
  id: string;
  rule: string;
  stoppedAt: string | null;
  occurrences: { total: number; published: number; upcoming: number };
}

/** On a post that is an occurrence of a recurring post: its rule, its series' counts, and "stop repeating". */
export function RecurringOnPost({ ruleId, detached }: { ruleId: string; detached: boolean }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const canWrite = useCan('post.write');
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const series = useQuery({
    queryKey: [...workspaceKey(workspace.id), 'recurring', ruleId],
    queryFn: () => api<Series>('GET', `/workspaces/${workspace.id}/recurring/${ruleId}`),
  });
  if (!series.data) return null;
  const stop = async () => {
    if (!window.confirm(t('recurring.stopConfirm'))) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/workspaces/${workspace.id}/recurring/${ruleId}/stop`, {});
      await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert color="grape" variant="light" title={t('recurring.badge')} data-testid="post-recurring">
      <Text size="sm">{t('recurring.onPost', { rule: series.data.rule })}</Text>
      <Text size="sm" c="dimmed">
        {t('recurring.occurrences', { total: series.data.occurrences.total, published: series.data.occurrences.published })}
      </Text>
      {detached && (
        <Text size="sm" c="dimmed">
          {t('recurring.detached')}
        </Text>
      )}
      {series.data.stoppedAt ? (
        <Text size="sm">{t('recurring.stopped')}</Text>
      ) : (
        canWrite && (
          <Group mt="xs">
            <Button size="xs" variant="light" color="red" loading={busy} onClick={() => void stop()}>
              {t('recurring.stop')}
            </Button>
          </Group>
        )
      )}
      <ApiErrorAlert error={error} />
    </Alert>
  );
}
