import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Button, Checkbox, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../../api/client.ts';
import { useCan, useWorkspace } from '../../../shared/session.tsx';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert.tsx';
import { channelColor, formatInstant } from '../../../shared/format.ts';
import { useChannels } from '../../channels/api.ts';
import { useMembers } from '../../workspaces/api.ts';
import { useCampaigns } from '../../strategy/api.ts';
import { POST_STATES, type PostState } from '../types.ts';
import { postKeys } from '../api.ts';
import { StatusBadge, useStateLabel } from './status.tsx';
import { networkLabel } from '../../../shared/api-error-text.ts';

const PAGE_SIZE = 50;
const BatchBar = lazy(() => import('../batch/BatchBar.tsx'));
const FILTERS = ['state', 'channelId', 'campaignId', 'authorId', 'undated', 'q', 'evergreen'] as const;
const EvergreenList = lazy(() => import('../../recurring/EvergreenList.tsx'));

/** Every post of the workspace, undated drafts included: filters (kept in the address), search and pages. */
export function PostsListPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const canWrite = useCan('post.write');
  const [params, setParams] = useSearchParams();
  const channels = useChannels();
  const members = useMembers();
  const campaigns = useCampaigns();
  const stateLabel = useStateLabel();
  const lang = i18n.language === 'es' ? 'es' : 'en';

  const set = (key: (typeof FILTERS)[number], value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const [search] = useDebouncedValue(params.get('q') ?? '', 300);
  const filters = {
    state: (params.get('state') as PostState | null) ?? undefined,
    channelId: params.get('channelId') ?? undefined,
    campaignId: params.get('campaignId') ?? undefined,
    authorId: params.get('authorId') ?? undefined,
    undated: params.get('undated') === 'true' ? ('true' as const) : undefined,
    q: search.trim() || undefined,
  };
  const posts = useInfiniteQuery({
    queryKey: [...postKeys.all(workspace.id), 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/posts', {
        params: { workspaceId: workspace.id },
        query: { ...filters, limit: PAGE_SIZE, cursor: pageParam },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const items = useMemo(() => posts.data?.pages.flatMap((page) => page.items) ?? [], [posts.data]);
  const channelIndex = useMemo(() => new Map((channels.data ?? []).map((c, index) => [c.id, { index, name: c.name }])), [channels.data]);
  const memberName = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m.name])), [members.data]);
  const filtered = FILTERS.some((key) => params.get(key));
  // Posts picked for a batch operation (ids in the order picked, with their texts).
  const canBatch = useCan('post.publish');
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [batchShown, setBatchShown] = useState(false);
  const toggle = (postId: string, content: string) => {
    setBatchShown(true);
    setPicked((current) => {
      const next = new Map(current);
      if (next.has(postId)) next.delete(postId);
      else next.set(postId, content);
      return next;
    });
  };
  const allPicked = items.length > 0 && items.every((post) => picked.has(post.id));

  return (
    <Stack data-testid="posts-list">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('shellUi.posts.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('shellUi.posts.intro')}
          </Text>
        </div>
        {canWrite && (
          <Button component={Link} to="/compose">
            {t('shellUi.posts.compose')}
          </Button>
        )}
      </Group>
      <Group gap="xs" align="flex-end">
        <TextInput
          label={t('shellUi.posts.search')}
          type="search"
          value={params.get('q') ?? ''}
          onChange={(event) => set('q', event.currentTarget.value)}
          w={220}
        />
        <Select
          label={t('shellUi.posts.state')}
          placeholder={t('labels.filters.anyState')}
          clearable
          data={POST_STATES.map((state) => ({ value: state, label: stateLabel(state) }))}
          value={params.get('state')}
          onChange={(value) => set('state', value)}
          w={190}
        />
        <Select
          label={t('shellUi.posts.channel')}
          placeholder={t('labels.filters.anyChannel')}
          clearable
          data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={params.get('channelId')}
          onChange={(value) => set('channelId', value)}
          w={170}
        />
        <Select
          label={t('shellUi.posts.campaign')}
          placeholder={t('labels.filters.anyCampaign')}
          clearable
          searchable
          data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={params.get('campaignId')}
          onChange={(value) => set('campaignId', value)}
          w={170}
        />
        <Select
          label={t('shellUi.posts.author')}
          placeholder={t('labels.filters.anyAuthor')}
          clearable
          data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))}
          value={params.get('authorId')}
          onChange={(value) => set('authorId', value)}
          w={170}
        />
        <Checkbox
          label={t('shellUi.posts.undatedOnly')}
          checked={params.get('undated') === 'true'}
          onChange={(event) => set('undated', event.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
        <Checkbox
          label={t('recurring.ever.listFilter')}
          checked={params.get('evergreen') === 'true'}
          onChange={(event) => set('evergreen', event.currentTarget.checked ? 'true' : null)}
          mb={8}
          data-testid="posts-evergreen-filter"
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('shellUi.posts.clear')}
          </Button>
        )}
      </Group>
      <ApiErrorAlert error={posts.error} />
      {batchShown && (
        <Suspense fallback={null}>
          <BatchBar
            selected={[...picked.keys()]}
            titleOf={(id) => (picked.get(id) ?? '').slice(0, 40) || '—'}
            onClear={() => setPicked(new Map())}
          />
        </Suspense>
      )}
      {params.get('evergreen') === 'true' ? (
        <Suspense fallback={<Loader aria-label="…" />}>
          <EvergreenList />
        </Suspense>
      ) : posts.isLoading ? (
        <Loader aria-label="…" />
      ) : items.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center" data-testid="posts-empty">
          {filtered ? t('shellUi.posts.empty') : t('shellUi.posts.emptyAll')}
        </Text>
      ) : (
        <Table highlightOnHover verticalSpacing="sm" data-testid="posts-table">
          <Table.Thead>
            <Table.Tr>
              {canBatch && (
                <Table.Th w={36}>
                  <Checkbox
                    aria-label={t('calendarOps.select')}
                    checked={allPicked}
                    indeterminate={picked.size > 0 && !allPicked}
                    onChange={() => {
                      setBatchShown(true);
                      setPicked(allPicked ? new Map() : new Map(items.map((post) => [post.id, post.content])));
                    }}
                  />
                </Table.Th>
              )}
              <Table.Th w={240}>{t('shellUi.posts.columns.status')}</Table.Th>
              <Table.Th>{t('shellUi.posts.columns.post')}</Table.Th>
              <Table.Th w={220}>{t('shellUi.posts.columns.channels')}</Table.Th>
              <Table.Th w={190}>{t('shellUi.posts.columns.when', { zone: workspace.timeZone })}</Table.Th>
              <Table.Th w={150}>{t('shellUi.posts.columns.author')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((post) => (
              <Table.Tr
                key={post.id}
                data-post-id={post.id}
                style={{ cursor: 'pointer' }}
                onClick={(event) => {
                  if (!(event.target as HTMLElement).closest('a, [data-select-cell]')) navigate(`/posts/${post.id}`);
                }}
              >
                {canBatch && (
                  <Table.Td data-select-cell="">
                    <Checkbox
                      aria-label={t('calendarOps.selectPost')}
                      checked={picked.has(post.id)}
                      onChange={() => toggle(post.id, post.content)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <StatusBadge state={post.state} />
                </Table.Td>
                <Table.Td>
                  <Text component={Link} to={`/posts/${post.id}`} size="sm" lineClamp={2} c="inherit" style={{ textDecoration: 'none' }}>
                    {post.content || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {post.publications.map((publication) => {
                      const channel = channelIndex.get(publication.channelId);
                      return (
                        <Badge
                          key={publication.id}
                          variant="dot"
                          color={channelColor(channel?.index ?? 0)}
                          tt="none"
                          title={networkLabel(publication.network)}
                          size="sm"
                        >
                          {channel?.name ?? networkLabel(publication.network)}
                        </Badge>
                      );
                    })}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {post.scheduledAt ? (
                    <Text size="sm">{formatInstant(post.scheduledAt, workspace.timeZone, lang)}</Text>
                  ) : (
                    <Badge variant="outline" color="gray" tt="none">
                      {t('shellUi.posts.noDate')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {(post.authorId && memberName.get(post.authorId)) ?? (members.data ? t('shellUi.posts.unknownAuthor') : '…')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {items.length > 0 && t('shellUi.posts.count', { count: items.length })}
        </Text>
        {posts.hasNextPage && (
          <Button variant="default" loading={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
            {t('shellUi.posts.more')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
