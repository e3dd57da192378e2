import { Badge, Button, Card, Group, Menu, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, apiCall } from '../../api/client.ts';
import { fromLocalInput, toLocalInput } from '../../shared/format.ts';
import { formatInstant } from '../../shared/format.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { ExternalLink } from '../../shared/ExternalLink.tsx';
import type { Sentiment } from './types.ts';
import { listeningKeys } from './api.ts';
import { DateTimeField } from '../../shared/DateFields.tsx';
import { languageLabel, networkLabel } from '../../shared/api-error-text.ts';

const SENTIMENTS: Sentiment[] = ['positive', 'neutral', 'negative'];
const COLORS: Record<Sentiment, string> = { positive: 'green', neutral: 'gray', negative: 'red' };

/** The mention stream with filters (query, sentiment, language, network, dates, text) and sentiment corrections. */
export default function ListeningMentionsPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const base = `/workspaces/${workspace.id}/listening`;
  const [params] = useSearchParams();
  const [filters, setFilters] = useState({
    queryId: params.get('queryId') ?? '',
    sentiment: params.get('sentiment') ?? '',
    lang: '',
    network: '',
    // The dashboard links here with its period (ISO instants): shown as wall time in the brand's zone.
    from: params.get('from') ? toLocalInput(params.get('from') ?? '', workspace.timeZone) : '',
    to: params.get('to') ? toLocalInput(params.get('to') ?? '', workspace.timeZone) : '',
    q: '',
  });
  const queries = useQuery({
    queryKey: listeningKeys.queries(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/listening/queries', { params: { workspaceId: workspace.id } })).items,
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (!value) continue;
    if (key === 'from' || key === 'to') {
      const iso = fromLocalInput(value, workspace.timeZone);
      if (iso) search.set(key, iso);
    } else search.set(key, value);
  }
  const mentions = useInfiniteQuery({
    queryKey: listeningKeys.mentions(workspace.id, search.toString()),
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(search);
      if (pageParam) query.set('cursor', pageParam);
      return apiCall('get', '/api/v1/workspaces/{workspaceId}/listening/mentions', { params: { workspaceId: workspace.id }, query });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const correct = useMutation({
    mutationFn: ({ id, label }: { id: string; label: Sentiment }) => api('POST', `${base}/mentions/${id}/sentiment`, { label }),
    onSuccess: () => void client.invalidateQueries({ queryKey: listeningKeys.all(workspace.id) }),
  });
  const names = new Map(queries.data?.map((q) => [q.id, q.name]));
  const set = (key: keyof typeof filters) => (value: string | null) => setFilters({ ...filters, [key]: value ?? '' });
  const items = mentions.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <Title order={2}>{t('listening.mentionsTitle')}</Title>
      <Group align="flex-end" gap="xs">
        <Select
          label={t('listening.query')}
          data={[{ value: '', label: t('listening.allQueries') }, ...(queries.data ?? []).map((q) => ({ value: q.id, label: q.name }))]}
          value={filters.queryId}
          onChange={set('queryId')}
          w={180}
        />
        <Select
          label={t('listening.sentiment')}
          data={[{ value: '', label: '—' }, ...SENTIMENTS.map((s) => ({ value: s, label: t(`listening.sentiments.${s}`) }))]}
          value={filters.sentiment}
          onChange={set('sentiment')}
          w={130}
        />
        <Select
          label={t('listening.language')}
          data={[
            { value: '', label: '—' },
            { value: 'es', label: languageLabel('es') },
            { value: 'en', label: languageLabel('en') },
            { value: 'other', label: languageLabel('other') },
            { value: 'und', label: languageLabel('und') },
          ]}
          value={filters.lang}
          onChange={set('lang')}
          w={150}
        />
        <TextInput label={t('listening.network')} value={filters.network} onChange={(e) => set('network')(e.currentTarget.value)} w={120} />
        <DateTimeField
          label={t('listening.from')}
          value={filters.from}
          onChange={set('from')}
          zone={workspace.timeZone}
          defaultTime="00:00"
        />
        <DateTimeField label={t('listening.to')} value={filters.to} onChange={set('to')} zone={workspace.timeZone} defaultTime="23:59" />
        <TextInput label={t('listening.search')} value={filters.q} onChange={(e) => set('q')(e.currentTarget.value)} w={160} />
        {/* A plain link: the browser downloads the CSV with the session cookie, streamed by the server. */}
        <Button
          component="a"
          variant="light"
          href={`/api/v1${base}/mentions/export?${search.toString()}`}
          download
          data-testid="export-mentions"
        >
          {t('listening.exportCsv')}
        </Button>
      </Group>
      {!mentions.isLoading && items.length === 0 && <Text c="dimmed">{t('listening.noMentions')}</Text>}
      {items.map((m) => (
        <Card key={m.id} withBorder padding="sm" data-testid="mention">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  @{m.author.handle || '—'}
                </Text>
                {m.author.reach !== null && (
                  <Text size="xs" c="dimmed">
                    {t('listening.reach')}: {m.author.reach.toLocaleString(i18n.language)}
                  </Text>
                )}
                <Badge size="xs" variant="outline" tt="none">
                  {networkLabel(m.network)}
                </Badge>
                <Badge size="xs" variant="outline" tt="none">
                  {languageLabel(m.lang)}
                </Badge>
                {m.queryIds.map((id) => (
                  <Badge key={id} size="xs" variant="light">
                    {names.get(id) ?? '…'}
                  </Badge>
                ))}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {m.text}
              </Text>
              <Group gap="xs">
                <Text size="xs" c="dimmed">
                  {formatInstant(m.publishedAt, workspace.timeZone, i18n.language)}
                </Text>
                <ExternalLink size="xs" href={m.url}>
                  {t('listening.original')}
                </ExternalLink>
              </Group>
            </Stack>
            <Stack gap={2} align="flex-end">
              <Menu>
                <Menu.Target>
                  <Button
                    size="compact-xs"
                    color={m.sentiment ? COLORS[m.sentiment] : 'gray'}
                    variant="light"
                    aria-label={t('listening.correct')}
                  >
                    {m.sentiment ? t(`listening.sentiments.${m.sentiment}`) : '—'}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{t('listening.correct')}</Menu.Label>
                  {SENTIMENTS.map((s) => (
                    <Menu.Item key={s} onClick={() => correct.mutate({ id: m.id, label: s })}>
                      {t(`listening.sentiments.${s}`)}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
              {m.corrected && m.autoSentiment && (
                <Text size="xs" c="dimmed">
                  {t('listening.corrected', { from: t(`listening.sentiments.${m.autoSentiment}`) })}
                </Text>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
      {mentions.hasNextPage && (
        <Button variant="light" onClick={() => void mentions.fetchNextPage()} loading={mentions.isFetchingNextPage}>
          {t('listening.more')}
        </Button>
      )}
    </Stack>
  );
}
