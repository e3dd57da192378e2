import { lazy, Suspense, useMemo, useState } from 'react';
import { DateTime } from 'luxon';
import { Link } from 'react-router-dom';
import {
  Anchor,
  Badge,
  Card,
  Group,
  Loader,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { listeningKeys } from './api.ts';
import { networkLabel } from '../../shared/api-error-text.ts';

const VolumeChart = lazy(() => import('./VolumeChart.tsx'));

/** The dashboard's period: fixed when chosen, so every panel asks for the very same [from, to). */
/**
 * The last N whole days in the brand's zone, today included: the same window as the analytics pages'
 * "last N days", so share of voice and net sentiment read the same on both (one function computes
 * them, analytics/mention-kpis.ts). Fixed when chosen, so every panel asks for the same window.
 */
function periodOf(days: string, zone: string) {
  const today = DateTime.now().setZone(zone).startOf('day');
  return { days, from: today.minus({ days: Number(days) - 1 }).toISO() ?? '', to: today.plus({ days: 1 }).toISO() ?? '' };
}

/** Volume, share of voice, net sentiment, trends, sources, authors and terms: one period and one query filter for all. */
export default function ListeningDashboardPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const [period, setPeriod] = useState(() => periodOf('7', workspace.timeZone));
  const [queryId, setQueryId] = useState('');
  const range = { from: period.from, to: period.to };
  const scope = { ...range, ...(queryId && { queryId }) };
  const interval = period.days === '7' ? 'hour' : 'day';
  const chartRange = useMemo(() => ({ from: period.from, to: period.to, interval }) as const, [period.from, period.to, interval]);
  const params = { workspaceId: workspace.id };
  const key = [...listeningKeys.dashboard(workspace.id, period.days), period.to, queryId];
  const L = '/api/v1/workspaces/{workspaceId}/listening';
  const queries = useQuery({
    queryKey: listeningKeys.queries(workspace.id),
    queryFn: async () => (await apiCall('get', `${L}/queries`, { params })).items,
  });
  const volume = useQuery({
    queryKey: [...key, 'volume'],
    queryFn: () => apiCall('get', `${L}/analysis/volume`, { params, query: { ...scope, interval } }),
  });
  const sov = useQuery({
    queryKey: [...key, 'sov'],
    queryFn: () => apiCall('get', `${L}/analysis/share-of-voice`, { params, query: range }),
  });
  const sentiment = useQuery({
    queryKey: [...key, 'sentiment'],
    queryFn: () => apiCall('get', `${L}/analysis/sentiment`, { params, query: scope }),
  });
  const sources = useQuery({
    queryKey: [...key, 'sources'],
    queryFn: () => apiCall('get', `${L}/analysis/sources`, { params, query: scope }),
  });
  const trending = useQuery({
    queryKey: [...key, 'trending'],
    queryFn: () => apiCall('get', `${L}/trending`, { params }),
    refetchInterval: 60_000,
  });
  const authors = useQuery({
    queryKey: [...key, 'authors'],
    queryFn: () => apiCall('get', `${L}/analysis/authors`, { params, query: { ...scope, limit: 10 } }),
  });
  const terms = useQuery({ queryKey: [...key, 'terms'], queryFn: () => apiCall('get', `${L}/analysis/terms`, { params, query: scope }) });
  const pct = (value: number) => `${value.toLocaleString(i18n.language, { maximumFractionDigits: 1 })} %`;
  const count = (value: number) => value.toLocaleString(i18n.language);
  /** The mention stream with the dashboard's period and query (and more filters), counting what a panel counts. */
  const mentionsLink = (extra: Record<string, string> = {}) =>
    `/listening/mentions?${new URLSearchParams({ ...range, ...(queryId && { queryId }), ...extra }).toString()}`;
  const total = sentiment.data?.total;
  const lines = volume.data
    ? [
        { name: t('listeningDetails.allMentionsLine'), points: volume.data.total },
        ...volume.data.series.filter((s) => s.points.length),
      ].filter((s) => s.points.length)
    : [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('listening.dashboardTitle')}</Title>
        <Group gap="sm">
          <Select
            aria-label={t('listeningDetails.queryFilter')}
            data-testid="dashboard-query"
            w={220}
            allowDeselect={false}
            data={[
              { value: '', label: t('listeningDetails.allQueries') },
              ...(queries.data ?? []).map((q) => ({ value: q.id, label: `${q.name} · ${t(`listening.kinds.${q.kind}`)}` })),
            ]}
            value={queryId}
            onChange={(value) => setQueryId(value ?? '')}
          />
          <SegmentedControl
            value={period.days}
            onChange={(days) => setPeriod(periodOf(days, workspace.timeZone))}
            data={[
              { value: '7', label: t('listening.last7') },
              { value: '30', label: t('listening.last30') },
            ]}
          />
        </Group>
      </Group>
      <Group gap="xs" align="baseline" data-testid="mentions-total">
        <Text fz={28} fw={700}>
          {total === undefined ? '…' : count(total)}
        </Text>
        <Text c="dimmed">{t('listeningDetails.totalMentions')}</Text>
        <Anchor size="sm" component={Link} to={mentionsLink()}>
          {t('listeningDetails.viewMentions')}
        </Anchor>
        <Text size="xs" c="dimmed" w="100%">
          {t('listeningDetails.totalMentionsHelp')}
        </Text>
      </Group>
      <Card withBorder>
        {volume.data ? (
          <Suspense fallback={<Loader size="sm" />}>
            <VolumeChart series={lines} label={t('listening.volume')} zone={workspace.timeZone} range={chartRange} />
          </Suspense>
        ) : (
          <Loader size="sm" />
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder data-testid="share-of-voice">
          <Title order={4}>{t('listening.shareOfVoice')}</Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('listening.sovFormula')}
          </Text>
          {sov.data && (
            <Stack gap={6}>
              <Text size="sm">
                {t('listening.brand')}: {pct(sov.data.brand.share)} ({count(sov.data.brand.mentions)})
              </Text>
              <Progress value={sov.data.brand.share} aria-label={t('listening.brand')} />
              {sov.data.competitors.map((c) => (
                <div key={c.name}>
                  <Text size="sm">
                    {c.name}: {pct(c.share)} ({count(c.mentions)})
                  </Text>
                  <Progress value={c.share} color="orange" aria-label={c.name} />
                </div>
              ))}
            </Stack>
          )}
        </Card>
        <Card withBorder data-testid="net-sentiment">
          <Title order={4}>{t('listening.netSentiment')}</Title>
          {sentiment.data && (
            <Stack gap={6}>
              <Text fz={32} fw={700} c={sentiment.data.netSentiment < 0 ? 'red' : 'green'}>
                {sentiment.data.netSentiment.toLocaleString(i18n.language, { maximumFractionDigits: 1 })}
              </Text>
              <Progress.Root size="lg">
                {(['positive', 'neutral', 'negative'] as const).map((s) => (
                  <Progress.Section
                    key={s}
                    value={sentiment.data.total ? (sentiment.data.counts[s] / sentiment.data.total) * 100 : 0}
                    color={s === 'positive' ? 'green' : s === 'negative' ? 'red' : 'gray'}
                    title={t(`listening.sentiments.${s}`)}
                  />
                ))}
              </Progress.Root>
              <Group gap="xs">
                {(['positive', 'neutral', 'negative'] as const).map((s) => (
                  <Anchor key={s} size="xs" component={Link} to={mentionsLink({ sentiment: s })}>
                    {t(`listening.sentiments.${s}`)}: {count(sentiment.data.counts[s])}
                  </Anchor>
                ))}
              </Group>
              <Text size="xs" c="dimmed">
                {t('listening.netFormula')}
              </Text>
            </Stack>
          )}
        </Card>
        <Card withBorder data-testid="by-source">
          <Title order={4}>{t('listeningDetails.bySource')}</Title>
          {sources.data?.items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('listeningDetails.noMentions')}
            </Text>
          )}
          <Stack gap={6} mt="xs">
            {sources.data?.items.map((item) => {
              const name = item.name ?? (item.sourceId ? t('listeningDetails.removedSource') : t('listeningDetails.imported'));
              return (
                <div key={`${item.sourceId ?? 'none'}:${item.network}`}>
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" truncate>
                      {name}{' '}
                      <Text span size="xs" c="dimmed">
                        {networkLabel(item.network)}
                      </Text>
                    </Text>
                    <Text size="sm" fw={600}>
                      {count(item.mentions)}
                    </Text>
                  </Group>
                  <Progress value={sources.data.total ? (item.mentions / sources.data.total) * 100 : 0} size="sm" aria-label={name} />
                </div>
              );
            })}
          </Stack>
        </Card>
        <Card withBorder data-testid="trending">
          <Title order={4}>{t('listening.trending')}</Title>
          {trending.data?.items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('listening.noTrends')}
            </Text>
          )}
          <Stack gap={4}>
            {trending.data?.items.slice(0, 10).map((item) => (
              <Group key={item.key} justify="space-between">
                <Text size="sm">{item.label}</Text>
                <Badge color="orange" variant="light">
                  {item.count} / {item.expected}
                </Badge>
              </Group>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={4}>{t('listening.topAuthors')}</Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>@</Table.Th>
                <Table.Th>{t('listening.mentions')}</Table.Th>
                <Table.Th>{t('listening.reach')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {authors.data?.items.map((a) => (
                <Table.Tr key={`${a.network}:${a.handle}`}>
                  <Table.Td>
                    {a.handle}{' '}
                    <Text span size="xs" c="dimmed">
                      {networkLabel(a.network)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{count(a.mentions)}</Table.Td>
                  <Table.Td>{a.reach?.toLocaleString(i18n.language) ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder data-testid="top-terms">
          <Title order={4}>{t('listening.topTerms')}</Title>
          {terms.data && total !== undefined && terms.data.sampled < total && (
            <Text size="xs" c="dimmed">
              {t('listeningDetails.termsSample', { sampled: count(terms.data.sampled), total: count(total) })}
            </Text>
          )}
          <Group gap={4} mb="sm">
            {terms.data?.terms.map((term) => (
              <Badge key={term.term} variant="light" tt="none">
                {term.term} · {count(term.count)}
              </Badge>
            ))}
          </Group>
          <Title order={5}>{t('listening.topPhrases')}</Title>
          <Group gap={4}>
            {terms.data?.phrases.map((phrase) => (
              <Badge key={phrase.term} variant="outline" tt="none">
                {phrase.term} · {count(phrase.count)}
              </Badge>
            ))}
          </Group>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
