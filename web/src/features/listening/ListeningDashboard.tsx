import { lazy, Suspense, useMemo, useState } from 'react';
import { DateTime } from 'luxon';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Card, Group, Loader, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { listeningKeys } from './api.ts';

const VolumeChart = lazy(() => import('./VolumeChart.tsx'));

/** Volume, share of voice, net sentiment, trends, authors and terms. */
export default function ListeningDashboardPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const [days, setDays] = useState('7');
  // Whole days in the brand's zone, today included: the same window as the analytics pages' "last N days",
  // so share of voice and net sentiment read the same on both (one function computes them, analytics/mention-kpis.ts).
  const today = DateTime.now().setZone(workspace.timeZone).startOf('day');
  const range = {
    from: today.minus({ days: Number(days) - 1 }).toISO() ?? '',
    to: today.plus({ days: 1 }).toISO() ?? '',
  };
  const interval = days === '7' ? 'hour' : 'day';
  const chartRange = useMemo(() => ({ from: range.from, to: range.to, interval }) as const, [range.from, range.to, interval]);
  const params = { workspaceId: workspace.id };
  const key = listeningKeys.dashboard(workspace.id, days);
  const L = '/api/v1/workspaces/{workspaceId}/listening';
  const volume = useQuery({
    queryKey: [...key, 'volume'],
    queryFn: () => apiCall('get', `${L}/analysis/volume`, { params, query: { ...range, interval } }),
  });
  const sov = useQuery({
    queryKey: [...key, 'sov'],
    queryFn: () => apiCall('get', `${L}/analysis/share-of-voice`, { params, query: range }),
  });
  const sentiment = useQuery({
    queryKey: [...key, 'sentiment'],
    queryFn: () => apiCall('get', `${L}/analysis/sentiment`, { params, query: range }),
  });
  const trending = useQuery({
    queryKey: [...key, 'trending'],
    queryFn: () => apiCall('get', `${L}/trending`, { params }),
    refetchInterval: 60_000,
  });
  const authors = useQuery({
    queryKey: [...key, 'authors'],
    queryFn: () => apiCall('get', `${L}/analysis/authors`, { params, query: { ...range, limit: 10 } }),
  });
  const terms = useQuery({ queryKey: [...key, 'terms'], queryFn: () => apiCall('get', `${L}/analysis/terms`, { params, query: range }) });
  const pct = (value: number) => `${value.toLocaleString(i18n.language, { maximumFractionDigits: 1 })} %`;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('listening.dashboardTitle')}</Title>
        <SegmentedControl
          value={days}
          onChange={setDays}
          data={[
            { value: '7', label: t('listening.last7') },
            { value: '30', label: t('listening.last30') },
          ]}
        />
      </Group>
      <Card withBorder>
        {volume.data ? (
          <Suspense fallback={<Loader size="sm" />}>
            <VolumeChart
              series={volume.data.series.filter((s) => s.points.length)}
              label={t('listening.volume')}
              zone={workspace.timeZone}
              range={chartRange}
            />
          </Suspense>
        ) : (
          <Loader size="sm" />
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder data-testid="share-of-voice">
          <Title order={4}>{t('listening.shareOfVoice')}</Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('listening.sovFormula')}
          </Text>
          {sov.data && (
            <Stack gap={6}>
              <Text size="sm">
                {t('listening.brand')}: {pct(sov.data.brand.share)} ({sov.data.brand.mentions})
              </Text>
              <Progress value={sov.data.brand.share} aria-label={t('listening.brand')} />
              {sov.data.competitors.map((c) => (
                <div key={c.name}>
                  <Text size="sm">
                    {c.name}: {pct(c.share)} ({c.mentions})
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
                  <Anchor key={s} size="xs" component={Link} to={`/listening/mentions?sentiment=${s}`}>
                    {t(`listening.sentiments.${s}`)}: {sentiment.data.counts[s]}
                  </Anchor>
                ))}
              </Group>
              <Text size="xs" c="dimmed">
                {t('listening.netFormula')}
              </Text>
            </Stack>
          )}
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
                      {a.network}
                    </Text>
                  </Table.Td>
                  <Table.Td>{a.mentions}</Table.Td>
                  <Table.Td>{a.reach?.toLocaleString(i18n.language) ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={4}>{t('listening.topTerms')}</Title>
          <Group gap={4} mb="sm">
            {terms.data?.terms.map((term) => (
              <Badge key={term.term} variant="light">
                {term.term} · {term.count}
              </Badge>
            ))}
          </Group>
          <Title order={5}>{t('listening.topPhrases')}</Title>
          <Group gap={4}>
            {terms.data?.phrases.map((phrase) => (
              <Badge key={phrase.term} variant="outline">
                {phrase.term} · {phrase.count}
              </Badge>
            ))}
          </Group>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
