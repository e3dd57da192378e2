import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { formatInstant } from '../../shared/format.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import type { Backfill, BackfillState } from './types.ts';
import { analyticsKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';

const STATE_COLORS: Record<BackfillState, string> = { running: 'blue', done: 'green', failed: 'red' };

/** A backfill's state, coloured. */
function BackfillBadge({ backfill }: { backfill: Backfill }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[backfill.state]} variant="light" data-testid="backfill-state">
      {t(`analytics.collection.state.${backfill.state}`)}
    </Badge>
  );
}

/** Metric collection: start a backfill and follow it live (from any web process), past backfills and recent collection errors. */
export default function CollectionPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [startedId, setStartedId] = useState<string | null>(null);
  const [alreadyRunning, setAlreadyRunning] = useState(false);
  const backfills = useQuery({
    queryKey: analyticsKeys.backfills(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/backfills', { params: { workspaceId: workspace.id } })).items,
  });
  // The one to follow: the one just started here, else one already running (started elsewhere or before a reload).
  const followId = startedId ?? backfills.data?.find((b) => b.state === 'running')?.jobId ?? null;
  const progress = useQuery({
    queryKey: analyticsKeys.backfill(workspace.id, followId),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/backfill/{jobId}', {
        params: { workspaceId: workspace.id, jobId: followId ?? '' },
      }),
    enabled: followId !== null,
    refetchInterval: (query) => (query.state.data?.finished ? false : 1_000),
  });
  const errors = useQuery({
    queryKey: analyticsKeys.errors(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/errors', { params: { workspaceId: workspace.id } })).items,
    refetchInterval: progress.data && !progress.data.finished ? 5_000 : false,
  });
  const start = useMutation({
    mutationFn: () => apiCall('post', '/api/v1/workspaces/{workspaceId}/analytics/backfill', { params: { workspaceId: workspace.id } }),
    onSuccess: (backfill) => {
      setStartedId(backfill.jobId);
      setAlreadyRunning(Boolean(backfill.alreadyRunning));
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.backfills(workspace.id) });
    },
  });
  const current = progress.data;
  const finishedJobId = current?.finished ? current.jobId : null;
  // Once the followed backfill ends, refresh the lists (and the dashboards that read the new snapshots).
  useEffect(() => {
    if (finishedJobId)
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.all(workspace.id), predicate: (q) => q.queryKey[3] !== 'backfill' });
  }, [finishedJobId, queryClient, workspace.id]);
  const errorText = (backfill: Backfill) =>
    backfill.error === 'interrupted' ? t('analytics.collection.interrupted') : (backfill.error ?? '');
  const percent = current && current.total > 0 ? Math.round((current.done / current.total) * 100) : current?.finished ? 100 : 0;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('analytics.collection.title')}</Title>
        {can('workspace.manage') && (
          <Button onClick={() => start.mutate()} loading={start.isPending} disabled={Boolean(current && !current.finished)}>
            {t('analytics.collection.start')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('analytics.collection.help')}
      </Text>
      {!can('workspace.manage') && (
        <Text size="sm" c="dimmed">
          {t('analytics.collection.managersOnly')}
        </Text>
      )}
      {start.isError && <ApiErrorAlert error={start.error} />}
      {current && (
        <Card withBorder data-testid="backfill-progress">
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              <Text fw={600}>{t('analytics.collection.current')}</Text>
              <BackfillBadge backfill={current} />
            </Group>
            <Text size="xs" c="dimmed">
              {t('analytics.collection.startedAt', { when: formatInstant(current.startedAt, workspace.timeZone, i18n.language) })}
            </Text>
          </Group>
          {alreadyRunning && startedId === current.jobId && (
            <Text size="sm" c="dimmed">
              {t('analytics.collection.alreadyRunning')}
            </Text>
          )}
          <Progress
            value={percent}
            animated={!current.finished}
            color={STATE_COLORS[current.state]}
            aria-label={t('analytics.collection.progressLabel')}
          />
          <Text size="sm" mt={4} data-testid="backfill-counts">
            {current.total === 0 && !current.finished
              ? t('analytics.collection.preparing')
              : t('analytics.collection.counts', { done: current.done, total: current.total, failed: current.failed })}
          </Text>
          {current.state === 'failed' && (
            <Text size="sm" c="red.8">
              {errorText(current)}
            </Text>
          )}
        </Card>
      )}

      <Card withBorder data-testid="backfill-list">
        <Title order={4} mb="xs">
          {t('analytics.collection.recent')}
        </Title>
        {backfills.data?.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('analytics.collection.noBackfills')}
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.collection.started')}</Table.Th>
                <Table.Th>{t('analytics.collection.stateLabel')}</Table.Th>
                <Table.Th>{t('analytics.table.posts')}</Table.Th>
                <Table.Th>{t('analytics.collection.failedPosts')}</Table.Th>
                <Table.Th>{t('analytics.collection.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {backfills.data?.map((b) => (
                <Table.Tr key={b.jobId}>
                  <Table.Td>{formatInstant(b.startedAt, workspace.timeZone, i18n.language)}</Table.Td>
                  <Table.Td>
                    <BackfillBadge backfill={b} />
                  </Table.Td>
                  <Table.Td>
                    {b.done} / {b.total}
                  </Table.Td>
                  <Table.Td>{b.failed}</Table.Td>
                  <Table.Td>{errorText(b)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <Card withBorder data-testid="collection-errors">
        <Title order={4} mb="xs">
          {t('analytics.collection.errors')}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('analytics.collection.zone', { zone: workspace.timeZone })}
        </Text>
        {errors.data?.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('analytics.collection.noErrors')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('analytics.collection.when')}</Table.Th>
                  <Table.Th>{t('analytics.table.network')}</Table.Th>
                  <Table.Th>{t('analytics.collection.post')}</Table.Th>
                  <Table.Th>{t('analytics.collection.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {errors.data?.map((e) => (
                  <Table.Tr key={e.id} data-testid="collection-error">
                    <Table.Td>{formatInstant(e.createdAt, workspace.timeZone, i18n.language)}</Table.Td>
                    <Table.Td>
                      {e.network ?? '—'}
                      {e.channelName ? ` · ${e.channelName}` : ''}
                    </Table.Td>
                    <Table.Td>
                      {e.postId ? (
                        <Anchor component={Link} to={`/analytics/posts/${e.postId}`} size="sm">
                          {t('analytics.collection.openPost')}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        <Text span ff="monospace" size="xs">
                          {e.code}
                        </Text>{' '}
                        {e.message}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
