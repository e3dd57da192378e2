import { Alert, Button, Code, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { formatInstant } from '../../shared/format.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { useSeries } from './api.ts';
import { describeRule } from './describe-rule.ts';

/** On a post that is an occurrence of a recurring post: its rule in words, its series' counts, the next one, and "stop repeating". */
export function RecurringOnPost({ ruleId, detached }: { ruleId: string; detached: boolean }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const canWrite = useCan('post.write');
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const series = useSeries(ruleId);
  if (!series.data) return null;
  const words = describeRule(series.data.rule, series.data.startsLocal, t, i18n.language) ?? series.data.rule;
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
      <Text size="sm" data-testid="recurring-words">
        {t('recurring.onPost', { rule: words })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('recurring.ruleLabel')}: <Code>{series.data.rule}</Code>
      </Text>
      <Text size="sm" c="dimmed">
        {t('recurring.occurrences', { total: series.data.occurrences.total, published: series.data.occurrences.published })}
        {series.data.nextAt && !series.data.stoppedAt
          ? ` · ${t('recurring.nextAt', { when: formatInstant(series.data.nextAt, workspace.timeZone, i18n.language) })}`
          : ''}
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
            <Button size="xs" variant="light" color="red" loading={busy} onClick={() => void stop()} data-testid="recurring-stop">
              {t('recurring.stop')}
            </Button>
          </Group>
        )
      )}
      <ApiErrorAlert error={error} />
    </Alert>
  );
}
