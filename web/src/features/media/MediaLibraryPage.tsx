import { useState } from 'react';
import { Badge, Button, Card, Group, Image, Menu, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ApiItem } from '../../api/types.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { formatNumber } from '../../shared/format.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';

type LibraryItem = ApiItem<'/api/v1/workspaces/{workspaceId}/media', 'get'>;
type Storage = { count: number; bytes: number; tags: Array<{ tag: string; count: number }> };
const ASPECTS = ['square', 'portrait', 'landscape', 'vertical'] as const;

/** Bytes as people read them. */
function size(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(Math.round(value * 10) / 10, language)} ${units[unit]}`;
}

/** The media library: search, tags, alt text, crops, usage, storage, delete. */
export function MediaLibraryPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const [q, setQ] = useState('');
  const [tag, setTag] = useState('');
  const [unused, setUnused] = useState(false);
  const key = [...workspaceKey(workspace.id), 'media-library'];
  const storage = useQuery({
    queryKey: [...key, 'storage'],
    queryFn: () => api<Storage>('GET', `/workspaces/${workspace.id}/media/storage`),
  });
  const list = useInfiniteQuery({
    queryKey: [...key, q, tag, unused],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: '24' });
      if (q.trim()) query.set('q', q.trim());
      if (tag) query.set('tag', tag);
      if (unused) query.set('unused', 'true');
      if (pageParam) query.set('cursor', pageParam);
      return api<{ items: LibraryItem[]; nextCursor: string | null }>('GET', `/workspaces/${workspace.id}/media?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('mediaLibrary.title')}</Title>
        {storage.data && (
          <Text c="dimmed" data-testid="media-storage">
            {t('mediaLibrary.storage', { count: storage.data.count, size: size(storage.data.bytes, i18n.language) })}
          </Text>
        )}
      </Group>
      <Group align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          label={t('mediaLibrary.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="media-search"
        />
        <TextInput label={t('mediaLibrary.tag')} value={tag} onChange={(e) => setTag(e.currentTarget.value)} w={160} />
        <Switch label={t('mediaLibrary.unused')} checked={unused} onChange={(e) => setUnused(e.currentTarget.checked)} mb={6} />
      </Group>
      {list.error && <ApiErrorAlert error={list.error} />}
      {list.isSuccess && items.length === 0 && <Text c="dimmed">{t('mediaLibrary.none')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {items.map((item) => (
          <MediaCard key={item.id} item={item} onChanged={() => void Promise.all([list.refetch(), storage.refetch()])} />
        ))}
      </SimpleGrid>
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('mediaLibrary.more')}
        </Button>
      )}
    </Stack>
  );
}

function MediaCard({ item, onChanged }: { item: LibraryItem; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const [alt, setAlt] = useState(item.altText);
  const [tags, setTags] = useState<string[]>(item.tags);
  const base = `/workspaces/${workspace.id}/media/${item.id}`;
  const save = useMutation({ mutationFn: () => api('PATCH', base, { altText: alt, tags }), onSuccess: onChanged });
  const crop = useMutation({ mutationFn: (aspect: string) => api('POST', `${base}/crops`, { aspect }), onSuccess: onChanged });
  const remove = useMutation({
    mutationFn: () => api('DELETE', base),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
      onChanged();
    },
  });
  const url = `/api/v1${base}`;
  return (
    <Card withBorder data-testid="media-item">
      <Card.Section>
        {item.kind === 'video' ? (
          <video src={url} height={180} style={{ width: '100%', objectFit: 'contain' }} muted preload="metadata" />
        ) : (
          <Image src={url} alt={item.altText} h={180} fit="contain" bg="gray.1" />
        )}
      </Card.Section>
      <Stack gap="xs" mt="sm">
        <Text fw={600} truncate>
          {item.name || item.id.slice(0, 8)}
        </Text>
        <Group gap="xs">
          <Badge variant="light">{item.width && item.height ? `${item.width}×${item.height}` : item.kind}</Badge>
          <Badge variant="light" color="gray">
            {size(item.size, i18n.language)}
          </Badge>
          <Badge variant="light" color={item.usageCount ? 'teal' : 'gray'}>
            {item.usageCount ? t('mediaLibrary.usedIn', { count: item.usageCount }) : t('mediaLibrary.notUsed')}
          </Badge>
          {item.originalId && <Badge variant="outline">{t('mediaLibrary.cropOf')}</Badge>}
        </Group>
        {item.kind === 'image' && (
          <TextInput label={t('mediaLibrary.altText')} value={alt} onChange={(e) => setAlt(e.currentTarget.value)} size="xs" />
        )}
        <TagsInput label={t('mediaLibrary.tags')} value={tags} onChange={setTags} size="xs" />
        <Group gap="xs">
          <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
            {t('mediaLibrary.save')}
          </Button>
          {item.kind === 'image' && (
            <Menu>
              <Menu.Target>
                <Button size="xs" variant="default" loading={crop.isPending}>
                  {t('mediaLibrary.crop')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {ASPECTS.map((aspect) => (
                  <Menu.Item key={aspect} onClick={() => crop.mutate(aspect)}>
                    {t(`mediaLibrary.aspects.${aspect}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
          <Button
            size="xs"
            color="red"
            variant="subtle"
            loading={remove.isPending}
            onClick={() => {
              if (window.confirm(t('mediaLibrary.confirmDelete'))) remove.mutate();
            }}
          >
            {t('mediaLibrary.delete')}
          </Button>
        </Group>
        {save.error && <ApiErrorAlert error={save.error} />}
        {crop.error && <ApiErrorAlert error={crop.error} />}
        {remove.error && <ApiErrorAlert error={remove.error} />}
      </Stack>
    </Card>
  );
}
