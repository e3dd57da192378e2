import { lazy, Suspense, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Button, Card, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { api } from '../../api/client.ts';
import { formatInstant, formatNumber, formatPercentPoints } from '../../shared/format.ts';
import { networkLabel } from '../../shared/api-error-text.ts';
import { useChannels } from '../channels/api.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { ObjectiveProgressPanel } from './ObjectiveProgressPanel.tsx';
import {
  KpiGrid,
  RangePicker,
  rangeQueryString,
  useBilingual,
  useCampaigns,
  useDayRange,
  useNumber,
  useObjectives,
  useReason,
  type DayRange,
} from './shared.tsx';
import type { CampaignDashboard, Dashboard, ObjectiveDashboard, Overview, RankedPost } from './types.ts';
import type { DailyLine } from './DailyChart.tsx';
import { analyticsKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';

const DailyChart = lazy(() => import('./DailyChart.tsx'));

type Scope = 'overview' | 'channel' | 'campaign' | 'objective';

/** Every day of the range, in order. */
function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  let cursor = DateTime.fromISO(range.fromDay);
  const end = DateTime.fromISO(range.toDay);
  while (cursor <= end && days.length < 1200) {
    days.push(cursor.toISODate() ?? '');
    cursor = cursor.plus({ days: 1 });
  }
  return days;
}

/** A [from, to) range as the first and last calendar day in the brand's zone. */
function zonedDays(range: { from: string; to: string }, zone: string, locale: string): { from: string; to: string } {
  const day = (iso: string, minusMs = 0) =>
    DateTime.fromISO(iso, { zone }).minus({ milliseconds: minusMs }).setLocale(locale).toLocaleString(DateTime.DATE_MED);
  return { from: day(range.from), to: day(range.to, 1) };
}

function PostList({ title, posts, testId }: { title: string; posts: RankedPost[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const number = useNumber();
  return (
    <Card withBorder data-testid={testId}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      {posts.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('analytics.overview.noPosts')}
        </Text>
      )}
      <Stack gap={6}>
        {posts.map((p) => (
          <div key={p.publicationId}>
            <Group gap={6} wrap="nowrap">
              <Anchor component={Link} to={`/posts/${p.postId}`} size="sm">
                {p.excerpt || p.postId}
              </Anchor>
              <Anchor component={Link} to={`/analytics/posts/${p.postId}`} size="xs" data-testid="post-metrics-link">
                {t('analytics.postDashboard.open')}
              </Anchor>
            </Group>
            <Text size="xs" c="dimmed">
              {networkLabel(p.network)} · {formatInstant(p.publishedAt, workspace.timeZone, i18n.language)} ·{' '}
              {t('analytics.overview.engagementsN', { n: p.engagements })}
              {p.engagementRateByFollowers !== null &&
                ` · ${t('analytics.table.engagementRateFollowers')}: ${number(p.engagementRateByFollowers)} %`}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

/** Overview, channel, campaign and objective dashboards: KPIs, daily chart, channels, best and worst posts. */
export default function AnalyticsOverviewPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const reason = useReason();
  const bilingual = useBilingual();
  const number = useNumber();
  const [params, setParams] = useSearchParams();
  const scope = (params.get('scope') as Scope | null) ?? 'overview';
  const scopeId = params.get('id');
  const [range, setRange] = useDayRange(workspace.timeZone);
  const channels = useChannels();
  const campaigns = useCampaigns();
  const objectives = useObjectives();
  const query = rangeQueryString(range, workspace.timeZone);
  const base = `/workspaces/${workspace.id}/analytics`;
  const path =
    scope === 'overview'
      ? `${base}/overview`
      : scope === 'channel'
        ? `${base}/channels/${scopeId}`
        : scope === 'campaign'
          ? `${base}/campaigns/${scopeId}`
          : `${base}/objectives/${scopeId}`;
  const board = useQuery({
    queryKey: analyticsKeys.dashboard(workspace.id, scope, scopeId, query),
    queryFn: async () => {
      const data = await api<Overview | Dashboard | CampaignDashboard | ObjectiveDashboard>('GET', `${path}?${query}`);
      return 'dashboard' in data ? { dashboard: data.dashboard, progress: data.progress } : { dashboard: data, progress: null };
    },
    enabled: scope === 'overview' || Boolean(scopeId),
  });
  const days = useMemo(() => daysOf(range), [range]);
  const dashboard = board.data?.dashboard;
  const overview = dashboard && 'channels' in dashboard ? dashboard : null;
  const lines = useMemo<DailyLine[]>(() => {
    if (!dashboard) return [];
    const result: DailyLine[] = [
      {
        label: t('analytics.chart.engagements'),
        color: '#1c7ed6',
        points: dashboard.current.series.map((p) => ({ day: p.day, value: p.engagements })),
      },
      {
        label: t('analytics.chart.posts'),
        color: '#2f9e44',
        points: dashboard.current.series.map((p) => ({ day: p.day, value: p.posts })),
      },
    ];
    if (dashboard.previous) {
      // The previous period drawn over the current days, shifted by the range length.
      const shift = days.length;
      result.push({
        label: t('analytics.chart.previousEngagements'),
        color: '#868e96',
        dashed: true,
        points: dashboard.previous.series.map((p) => ({
          day: DateTime.fromISO(p.day).plus({ days: shift }).toISODate() ?? p.day,
          value: p.engagements,
        })),
      });
    }
    return result;
  }, [dashboard, days, t]);
  const kpiLabel = (name: string) => bilingual(dashboard?.current.kpis.find((k) => k.name === name)?.label, name);
  const setScope = (next: Scope, id: string | null = null) =>
    setParams(next === 'overview' ? {} : id ? { scope: next, id } : { scope: next });
  const options =
    scope === 'channel'
      ? (channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))
      : scope === 'campaign'
        ? (campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))
        : scope === 'objective'
          ? (objectives.data ?? []).map((o) => ({ value: o.id, label: o.name }))
          : [];
  const reportHref = `/api/v1${base}/report?format=pdf&language=${i18n.language}&${query}${scope !== 'overview' && scopeId ? `&${scope}Id=${scopeId}` : ''}`;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('analytics.overview.title')}</Title>
        <Group gap="xs">
          <Button component="a" href={reportHref} size="xs" variant="light">
            {t('analytics.reports.downloadPdf')}
          </Button>
          <Button component="a" href={reportHref.replace('format=pdf', 'format=csv')} size="xs" variant="light">
            {t('analytics.reports.downloadCsv')}
          </Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <SegmentedControl
          value={scope}
          onChange={(value) => setScope(value as Scope)}
          data={[
            { value: 'overview', label: t('analytics.scope.overview') },
            { value: 'channel', label: t('analytics.scope.channel') },
            { value: 'campaign', label: t('analytics.scope.campaign') },
            { value: 'objective', label: t('analytics.scope.objective') },
          ]}
          aria-label={t('analytics.scope.label')}
        />
        {scope !== 'overview' && (
          <Select
            size="xs"
            w={240}
            label={t(`analytics.scope.${scope}`)}
            placeholder={t('analytics.scope.choose')}
            data={options}
            value={scopeId}
            onChange={(value) => setScope(scope, value)}
            nothingFoundMessage={t('analytics.scope.none')}
          />
        )}
      </Group>
      <RangePicker range={range} onChange={setRange} />
      {board.isError && <ApiErrorAlert error={board.error} />}
      {scope !== 'overview' && !scopeId && <Text c="dimmed">{t('analytics.scope.choose')}</Text>}
      {board.isLoading && <Loader size="sm" />}
      {board.data?.progress && (
        <ObjectiveProgressPanel progress={board.data.progress} kpiLabel={kpiLabel(board.data.progress.objective.kpi)} />
      )}
      {dashboard && (
        <>
          <Text size="sm" c="dimmed" data-testid="range-summary">
            {t('analytics.overview.period', zonedDays(dashboard.current.range, workspace.timeZone, i18n.language))}
            {dashboard.previous &&
              ` · ${t('analytics.overview.previous', zonedDays(dashboard.previous.range, workspace.timeZone, i18n.language))}`}
          </Text>
          {overview && overview.awaitingFirstMetrics.publications > 0 && (
            <Alert color="blue" variant="light" title={t('measure.waiting.title')} data-testid="overview-waiting-first-metrics">
              {t('measure.waiting.overview', {
                count: overview.awaitingFirstMetrics.publications,
                time: overview.awaitingFirstMetrics.lastExpectedAt
                  ? DateTime.fromISO(overview.awaitingFirstMetrics.lastExpectedAt, { zone: workspace.timeZone })
                      .setLocale(i18n.language)
                      .toLocaleString(DateTime.TIME_SIMPLE)
                  : '—',
              })}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(
              [
                ['posts', dashboard.current.totals.posts],
                ['engagements', dashboard.current.totals.engagements],
                ['linkClicks', dashboard.current.totals.linkClicks],
                ['leads', dashboard.current.totals.leads],
              ] as const
            ).map(([key, value]) => (
              <Card key={key} withBorder padding="xs" data-testid={`total-${key}`}>
                <Text size="xs" c="dimmed">
                  {t(`analytics.totals.${key}`)}
                </Text>
                <Text fw={700} fz={20}>
                  {number(value)}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <Card withBorder>
            <Suspense fallback={<Loader size="sm" />}>
              <DailyChart days={days} lines={lines} label={t('analytics.chart.title')} integer />
            </Suspense>
            <Text size="xs" c="dimmed">
              {t('analytics.chart.byPublishDay', { zone: dashboard.timeZone })}
            </Text>
          </Card>
          <Title order={3}>{t('analytics.overview.kpis')}</Title>
          <KpiGrid kpis={dashboard.current.kpis} changes={dashboard.changes} />
          {overview && (
            <Card withBorder data-testid="channel-table">
              <Title order={4} mb="xs">
                {t('analytics.overview.byChannel')}
              </Title>
              {overview.channels.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('analytics.overview.noChannelData')}
                </Text>
              ) : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('analytics.table.channel')}</Table.Th>
                      <Table.Th>{t('analytics.table.network')}</Table.Th>
                      <Table.Th>{t('analytics.table.posts')}</Table.Th>
                      <Table.Th>{t('analytics.table.engagements')}</Table.Th>
                      <Table.Th>{t('analytics.table.engagementRateFollowers')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {overview.channels.map((c) => (
                      <Table.Tr key={c.channelId}>
                        <Table.Td>
                          <Anchor component="button" size="sm" onClick={() => setScope('channel', c.channelId)}>
                            {c.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{networkLabel(c.network)}</Table.Td>
                        <Table.Td>{formatNumber(c.posts, i18n.language)}</Table.Td>
                        <Table.Td>{c.engagements.toLocaleString(i18n.language)}</Table.Td>
                        <Table.Td>{formatPercentPoints(c.engagementRateByFollowers, i18n.language, 2)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <PostList title={t('analytics.overview.bestPosts')} posts={dashboard.posts.top} testId="best-posts" />
            <PostList title={t('analytics.overview.worstPosts')} posts={dashboard.posts.bottom} testId="worst-posts" />
          </SimpleGrid>
          {overview && (
            <Card withBorder>
              <Title order={4} mb="xs">
                {t('analytics.overview.networkReports')}
              </Title>
              <Table fz="xs">
                <Table.Tbody>
                  {Object.entries(overview.networkReports).map(([network, report]) => (
                    <Table.Tr key={network}>
                      <Table.Td fw={600}>{networkLabel(network)}</Table.Td>
                      <Table.Td>
                        {report.reports.map((metric) => t(`analytics.metrics.${metric}`, { defaultValue: metric })).join(', ')}
                      </Table.Td>
                      <Table.Td c="dimmed">
                        {Object.values(report.missing)
                          .map((m) => reason(m))
                          .join(' · ') || t('analytics.overview.reportsEverything')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
