import { Link } from 'react-router-dom';
import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall } from '../../api/client.ts';
import { formatInstant } from '../../shared/format.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { AlertSettingsCard } from './AlertSettingsCard.tsx';
import { listeningKeys } from './api.ts';

/** Reputation alerts: negative spikes with the mentions that caused them. */
export default function ListeningAlertsPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const base = `/workspaces/${workspace.id}/listening`;
  const alerts = useQuery({
    queryKey: listeningKeys.alerts(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/listening/alerts', { params: { workspaceId: workspace.id } })).items,
  });
  const queries = useQuery({
    queryKey: listeningKeys.queries(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/listening/queries', { params: { workspaceId: workspace.id } })).items,
  });
  const acknowledge = useMutation({
    mutationFn: (id: string) => api('POST', `${base}/alerts/${id}/acknowledge`),
    onSuccess: () => void client.invalidateQueries({ queryKey: listeningKeys.alerts(workspace.id) }),
  });
  const names = new Map(queries.data?.map((q) => [q.id, q.name]));
  const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <Stack>
      <Title order={2}>{t('listening.alertsTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('listening.alertsHelp')}
      </Text>
      <AlertSettingsCard />
      {alerts.data?.length === 0 && <Text c="dimmed">{t('listening.noAlerts')}</Text>}
      {alerts.data?.map((a) => (
        <Alert key={a.id} color={a.acknowledgedAt ? 'gray' : 'red'} data-testid="reputation-alert">
          <Group justify="space-between">
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t('listening.alertLine', {
                  count: a.count,
                  expected: decimal.format(a.expected),
                  scope: a.queryId ? (names.get(a.queryId) ?? '…') : t('listening.wholeWorkspace'),
                })}
              </Text>
              <Text size="xs">
                {formatInstant(a.windowStart, workspace.timeZone, i18n.language)} · z = {decimal.format(a.z)}
              </Text>
            </Stack>
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                component={Link}
                to={`/listening/mentions?sentiment=negative${a.queryId ? `&queryId=${a.queryId}` : ''}`}
              >
                {t('listening.viewMentions')}
              </Button>
              {a.acknowledgedAt ? (
                <Badge color="gray">{t('listening.seen')}</Badge>
              ) : (
                <Button size="xs" onClick={() => acknowledge.mutate(a.id)}>
                  {t('listening.acknowledge')}
                </Button>
              )}
            </Group>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
