import { lazy, Suspense, useEffect, useMemo } from 'react';
import { DateTime } from 'luxon';
import { Link, useParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Card, Group, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { formatInstant } from '../../shared/format.ts';
import { useChannels } from '../channels/api.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { ExternalLink } from '../../shared/ExternalLink.tsx';
import { KpiGrid, useNumber, useReason } from './shared.tsx';
import type { MetricSnapshot, PostDashboardPublication } from './types.ts';
import type { TimeLine } from './TimeChart.tsx';
import { analyticsKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { networkLabel } from '../../shared/api-error-text.ts';

const TimeChart = lazy(() => import('./TimeChart.tsx'));

/** The server's FIRST_METRICS_DELAY_MS (analytics/repository/snapshots.ts), in minutes, for the explanation. */
const FIRST_METRICS_MINUTES = 5;

type MetricName = 'likes' | 'replies' | 'reposts' | 'quotes' | 'impressions' | 'reach' | 'clicks' | 'saves' | 'views';
const METRICS: Array<{ name: MetricName; color: string }> = [
  { name: 'likes', color: '#e03131' },
  { name: 'replies', color: '#1c7ed6' },
  { name: 'reposts', color: '#2f9e44' },
  { name: 'quotes', color: '#f08c00' },
  { name: 'impressions', color: '#7048e8' },
  { name: 'reach', color: '#0c8599' },
  { name: 'clicks', color: '#868e96' },
  // Reported by some networks only (Instagram saves and views, Facebook media views, YouTube views, Pinterest saves).
  { name: 'saves', color: '#d6336c' },
  { name: 'views', color: '#5c940d' },
];

/** A published post not measured yet: says so and when its first numbers are expected, instead of zeros. */
function WaitingForFirstMetrics({ expectedAt }: { expectedAt: string }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const due = DateTime.fromISO(expectedAt, { zone: workspace.timeZone });
  // Re-read the dashboard shortly after the expected time (the collector runs every 30 s), so the numbers appear without a reload.
  const queryClient = useQueryClient();
  useEffect(() => {
    const wait = Math.max(15_000, Date.parse(expectedAt) - Date.now() + 45_000);
    const timer = window.setTimeout(() => queryClient.invalidateQueries({ queryKey: analyticsKeys.all(workspace.id) }), wait);
    return () => window.clearTimeout(timer);
  }, [expectedAt, workspace.id, queryClient]);
  return (
    <Alert color="blue" variant="light" icon={<Loader size="xs" />} title={t('measure.waiting.title')} data-testid="waiting-first-metrics">
      <Text size="sm">
        {due.toMillis() > Date.now()
          ? t('measure.waiting.expected', { time: due.setLocale(i18n.language).toLocaleString(DateTime.TIME_SIMPLE) })
          : t('measure.waiting.soon')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('measure.waiting.explain', { minutes: FIRST_METRICS_MINUTES })}
      </Text>
    </Alert>
  );
}

/** One publication: its snapshots over time (brand's zone), what the network does not report and its KPIs. */
function PublicationMetrics({ publication, channelName }: { publication: PostDashboardPublication; channelName: string }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const reason = useReason();
  const number = useNumber();
  const times = useMemo(() => publication.snapshots.map((s) => Date.parse(s.capturedAt)), [publication.snapshots]);
  // Only metrics the network reported at least once get a line; the others are listed with their reason.
  const lines = useMemo<TimeLine[]>(
    () =>
      METRICS.filter((m) => publication.snapshots.some((s) => s[m.name] !== null)).map((m) => ({
        label: t(`analytics.metrics.${m.name}`),
        color: m.color,
        values: publication.snapshots.map((s: MetricSnapshot) => s[m.name]),
      })),
    [publication.snapshots, t],
  );
  const latest = publication.snapshots[publication.snapshots.length - 1];
  const missing = Object.entries(publication.missing);
  return (
    <Card withBorder data-testid={`post-publication-${publication.network}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={4}>{channelName}</Title>
          <Badge variant="light" tt="none">
            {networkLabel(publication.network)}
          </Badge>
        </Group>
        <Group gap="xs">
          {publication.publishedAt && (
            <Text size="xs" c="dimmed">
              {t('analytics.postDashboard.publishedAt', {
                when: formatInstant(publication.publishedAt, workspace.timeZone, i18n.language),
              })}
            </Text>
          )}
          <ExternalLink href={publication.remoteUrl} size="xs">
            {t('analytics.postDashboard.openOnNetwork')}
          </ExternalLink>
        </Group>
      </Group>
      {publication.state !== 'published' && (
        <Text size="sm" c="dimmed">
          {t('analytics.postDashboard.notPublished')}
        </Text>
      )}
      {publication.snapshots.length === 0 ? (
        publication.state === 'published' &&
        (publication.firstMetricsExpectedAt ? (
          <WaitingForFirstMetrics expectedAt={publication.firstMetricsExpectedAt} />
        ) : (
          <Text size="sm" c="dimmed" data-testid="no-snapshots">
            {t('analytics.postDashboard.noSnapshots')}
          </Text>
        ))
      ) : (
        <>
          <Suspense fallback={<Loader size="sm" />}>
            <TimeChart
              times={times}
              lines={lines}
              label={t('analytics.postDashboard.chartTitle')}
              zone={workspace.timeZone}
              integer
              testId="post-chart"
            />
          </Suspense>
          <Text size="xs" c="dimmed">
            {t('analytics.postDashboard.axisZone', { zone: workspace.timeZone })} ·{' '}
            {t('analytics.postDashboard.snapshotsN', { n: publication.snapshots.length })}
            {latest &&
              ` · ${t('analytics.postDashboard.lastCollected', { when: formatInstant(latest.capturedAt, workspace.timeZone, i18n.language) })}`}
          </Text>
          {latest && (
            <Group gap="md" mt="xs" data-testid="latest-metrics">
              {METRICS.filter((m) => latest[m.name] !== null).map((m) => (
                <Text key={m.name} size="sm">
                  <Text span fw={600}>
                    {number(latest[m.name])}
                  </Text>{' '}
                  {t(`analytics.metrics.${m.name}`)}
                </Text>
              ))}
            </Group>
          )}
        </>
      )}
      {missing.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="sm">
            {t('analytics.postDashboard.notReported')}
          </Text>
          <List size="sm" data-testid="missing-metrics">
            {missing.map(([metric, why]) => (
              <List.Item key={metric}>
                {METRICS.some((m) => m.name === metric) ? t(`analytics.metrics.${metric}`) : metric}: {reason(why)}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {publication.kpis.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="sm" mb="xs">
            {t('analytics.postDashboard.kpis')}
          </Text>
          <KpiGrid kpis={publication.kpis} changes={null} />
        </>
      )}
    </Card>
  );
}

/** One post: each publication's metric snapshots over time, its KPIs (with the reason when one is missing) and its tracked links. */
export default function PostDashboardPage() {
  const { postId } = useParams();
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const channels = useChannels();
  const number = useNumber();
  const board = useQuery({
    queryKey: analyticsKeys.post(workspace.id, postId),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/posts/{postId}', {
        params: { workspaceId: workspace.id, postId: postId ?? '' },
      }),
  });
  const channelName = (id: string | null) =>
    id ? (channels.data?.find((c) => c.id === id)?.name ?? id.slice(0, 8)) : t('analytics.postDashboard.allChannels');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('analytics.postDashboard.title')}</Title>
        <Anchor component={Link} to={`/posts/${postId}`} size="sm">
          {t('analytics.postDashboard.backToPost')}
        </Anchor>
      </Group>
      {board.isLoading && <Loader size="sm" />}
      {board.isError && <ApiErrorAlert error={board.error} />}
      {board.data && (
        <>
          <Card withBorder>
            <Text style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
              {board.data.content}
            </Text>
          </Card>
          {board.data.publications.map((publication) => (
            <PublicationMetrics
              key={publication.publicationId}
              publication={publication}
              channelName={channelName(publication.channelId)}
            />
          ))}
          <Card withBorder data-testid="post-links">
            <Title order={4} mb="xs">
              {t('analytics.postDashboard.links')}
            </Title>
            {board.data.links.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('analytics.postDashboard.noLinks')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('analytics.links.shortUrl')}</Table.Th>
                      <Table.Th>{t('analytics.table.channel')}</Table.Th>
                      <Table.Th>{t('analytics.links.humanClicks')}</Table.Th>
                      <Table.Th>{t('analytics.links.uniqueVisitors')}</Table.Th>
                      <Table.Th>{t('analytics.postDashboard.conversions')}</Table.Th>
                      <Table.Th>{t('analytics.roi.value')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {board.data.links.map((link) => (
                      <Table.Tr key={link.id}>
                        <Table.Td>
                          <Text size="sm" component="code">
                            {link.shortUrl}
                          </Text>
                          <Text size="xs" c="dimmed" truncate maw={320}>
                            {link.targetUrl}
                          </Text>
                        </Table.Td>
                        <Table.Td>{channelName(link.channelId)}</Table.Td>
                        <Table.Td>{number(link.clicks)}</Table.Td>
                        <Table.Td>{number(link.uniqueVisitors)}</Table.Td>
                        <Table.Td>{number(link.conversions)}</Table.Td>
                        <Table.Td>{number(link.conversionValue)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
