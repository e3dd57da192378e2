import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { formatInstant } from '../../shared/format.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { useBilingual, useLocalizedText, useNumber, useObjectives } from './shared.tsx';
import type { AnalyticsAlert } from './types.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { analyticsKeys } from './api.ts';

/** Objective alerts (off track, back on track) with their evidence, to acknowledge. */
export default function AnalyticsAlertsPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const bilingual = useBilingual();
  const localized = useLocalizedText();
  const number = useNumber();
  const objectives = useObjectives();
  const base = `/workspaces/${workspace.id}/analytics`;
  const alerts = useQuery({
    queryKey: analyticsKeys.alerts(workspace.id),
    queryFn: async () => (await api<{ items: AnalyticsAlert[] }>('GET', `${base}/alerts`)).items,
  });
  const ack = useMutation({
    mutationFn: (id: string) => api('POST', `${base}/alerts/${id}/ack`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyticsKeys.alerts(workspace.id) }),
  });
  // The alert's text is built here from its kind and numbers, in the UI's language; the server's
  // `message` stays for API clients. Older alerts lack `objectiveName` in their data.
  const objectiveName = (alert: AnalyticsAlert) =>
    objectives.data?.find((o) => o.id === alert.objectiveId)?.name ??
    alert.data?.objectiveName ??
    localized(alert.message, alert.messageEs);
  const evaluate = useMutation({
    mutationFn: () => api('POST', `${base}/evaluate`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) }),
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('analytics.alerts.title')}</Title>
        {can('workspace.manage') && (
          <Button size="xs" variant="light" onClick={() => evaluate.mutate()} loading={evaluate.isPending}>
            {t('analytics.alerts.evaluate')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('analytics.alerts.help')}
      </Text>
      {alerts.data?.length === 0 && <Text c="dimmed">{t('analytics.alerts.none')}</Text>}
      {alerts.data?.map((alert) => {
        return (
          <Card key={alert.id} withBorder data-testid="analytics-alert" opacity={alert.acknowledgedAt ? 0.6 : 1}>
            <Group justify="space-between">
              <Group gap="xs">
                <Badge color={alert.kind === 'off_track' ? 'red' : 'green'}>
                  {t(`analytics.status.${alert.kind === 'off_track' ? 'off_track' : 'on_track'}`)}
                </Badge>
                <Anchor component={Link} to={`/analytics/overview?scope=objective&id=${alert.objectiveId}`} fw={600}>
                  {objectiveName(alert)}
                </Anchor>
              </Group>
              <Text size="xs" c="dimmed">
                {formatInstant(alert.createdAt, workspace.timeZone, i18n.language)}
              </Text>
            </Group>
            <Text size="sm" mt={4}>
              {t(`analytics.alerts.sentence.${alert.kind === 'off_track' ? 'off_track' : 'on_track'}`, { name: objectiveName(alert) })}
            </Text>
            {alert.data && alert.data.target !== undefined && (
              <Text size="xs" c="dimmed">
                {t('analytics.alerts.numbers', {
                  current: number(alert.data.current ?? null),
                  forecast: number(alert.data.forecast?.ewma ?? null),
                  target: number(alert.data.target),
                })}
              </Text>
            )}
            {alert.data?.underperformingChannels && alert.data.underperformingChannels.length > 0 && (
              <Text size="xs">
                {t('analytics.objective.underperforming')}: {alert.data.underperformingChannels.map((c) => c.name).join(', ')}
              </Text>
            )}
            {alert.data?.suggestions && alert.data.suggestions.length > 0 && (
              <List size="xs" mt={4}>
                {alert.data.suggestions.map((s) => (
                  <List.Item key={s.kind + s.en}>{bilingual(s)}</List.Item>
                ))}
              </List>
            )}
            <Group justify="flex-end" mt="xs">
              {alert.acknowledgedAt ? (
                <Text size="xs" c="dimmed">
                  {t('analytics.alerts.acknowledged', { when: formatInstant(alert.acknowledgedAt, workspace.timeZone, i18n.language) })}
                </Text>
              ) : (
                <Button size="compact-xs" onClick={() => ack.mutate(alert.id)}>
                  {t('analytics.alerts.acknowledge')}
                </Button>
              )}
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
