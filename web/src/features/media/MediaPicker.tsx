import { useEffect, useState } from 'react';
import { Badge, Button, Group, Image, Modal, ScrollArea, Select, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import type { ApiItem } from '../../api/types.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useWorkspace } from '../../shared/session.tsx';

type LibraryItem = ApiItem<'/api/v1/workspaces/{workspaceId}/media', 'get'>;
type Aspect = 'square' | 'portrait' | 'landscape' | 'vertical';
const ASPECTS: Aspect[] = ['square', 'portrait', 'landscape', 'vertical'];

/** The crop each network's feed shows best (the picker recommends it for the post's channels). */
const BEST_ASPECT: Record<string, Aspect> = {
  instagram: 'portrait',
  facebook: 'portrait',
  threads: 'portrait',
  linkedin: 'landscape',
  x: 'landscape',
  bluesky: 'landscape',
  mastodon: 'landscape',
  'google-business': 'landscape',
  youtube: 'landscape',
  pinterest: 'vertical',
  tiktok: 'vertical',
};

/** What the composer gets for a file picked from the library: it attaches it like an upload. */
export interface PickedMedia {
  mediaId: string;
  alt: string;
  kind: 'image' | 'video';
}

const libraryKey = (workspaceId: string) => [...workspaceKey(workspaceId), 'media-library'] as const;

/**
 * The composer's "Library" button and its picker: search and tag filter, thumbnails of the files,
 * each file's crops (1:1, 4:5, 1.91:1, 9:16) with the one the post's networks need recommended and
 * made on the spot, and the alt text kept with the file (edited here, saved to the library).
 */
export function MediaLibraryButton({
  networks,
  attached,
  onPick,
}: {
  networks: Array<{ name: string; network: string }>;
  attached: string[];
  onPick(media: PickedMedia): void;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)} data-testid="composer-library">
        {t('mediaLibrary.picker.open')}
      </Button>
      {opened && (
        <MediaPicker
          networks={networks}
          attached={attached}
          onClose={() => setOpened(false)}
          onPick={(media) => {
            onPick(media);
            setOpened(false);
          }}
        />
      )}
    </>
  );
}

function MediaPicker({
  networks,
  attached,
  onClose,
  onPick,
}: {
  networks: Array<{ name: string; network: string }>;
  attached: string[];
  onClose(): void;
  onPick(media: PickedMedia): void;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [q, setQ] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const [search] = useDebouncedValue(q.trim(), 250);
  const [selected, setSelected] = useState<LibraryItem | null>(null);
  const storage = useQuery({
    queryKey: [...libraryKey(workspace.id), 'storage'],
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/media/storage', { params: { workspaceId: workspace.id } }),
  });
  const list = useInfiniteQuery({
    queryKey: [...libraryKey(workspace.id), 'picker', search, tag],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/media', {
        params: { workspaceId: workspace.id },
        query: { originals: 'true', limit: 24, q: search || undefined, tag: tag ?? undefined, cursor: pageParam },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Modal opened onClose={onClose} title={t('mediaLibrary.picker.title')} size="90rem" data-testid="media-picker">
      <Group align="flex-end" mb="sm">
        <TextInput
          style={{ flex: 1 }}
          label={t('mediaLibrary.picker.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-autofocus
          data-testid="media-picker-search"
        />
        <Select
          label={t('mediaLibrary.picker.tag')}
          placeholder={t('mediaLibrary.picker.anyTag')}
          clearable
          searchable
          w={200}
          data={(storage.data?.tags ?? []).map((x) => ({ value: x.tag, label: `${x.tag} (${x.count})` }))}
          value={tag}
          onChange={setTag}
          data-testid="media-picker-tag"
        />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <ApiErrorAlert error={list.error} />
          {list.isSuccess && items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('mediaLibrary.picker.none')}
            </Text>
          )}
          <ScrollArea.Autosize mah="60vh">
            <SimpleGrid cols={{ base: 3, sm: 4 }} spacing="xs">
              {items.map((item) => (
                <UnstyledButton
                  key={item.id}
                  onClick={() => setSelected(item)}
                  aria-label={t('mediaLibrary.picker.choose', { name: item.name || item.id.slice(0, 8) })}
                  aria-pressed={selected?.id === item.id}
                  data-testid="media-picker-item"
                  style={{
                    borderRadius: 8,
                    padding: 4,
                    outline: selected?.id === item.id ? '2px solid var(--mantine-color-blue-6)' : '1px solid var(--mantine-color-gray-3)',
                  }}
                >
                  <Thumb item={item} workspaceId={workspace.id} size={104} />
                  <Text size="xs" truncate mt={2}>
                    {item.name || item.id.slice(0, 8)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.usageCount ? t('mediaLibrary.usedIn', { count: item.usageCount }) : t('mediaLibrary.notUsed')}
                  </Text>
                </UnstyledButton>
              ))}
            </SimpleGrid>
            {list.hasNextPage && (
              <Button variant="subtle" size="xs" mt="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('mediaLibrary.picker.more')}
              </Button>
            )}
          </ScrollArea.Autosize>
        </Stack>
        {selected ? (
          <Versions key={selected.id} original={selected} networks={networks} attached={attached} onPick={onPick} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('mediaLibrary.picker.pickOne')}
          </Text>
        )}
      </SimpleGrid>
    </Modal>
  );
}

function Thumb({ item, workspaceId, size }: { item: LibraryItem; workspaceId: string; size: number }) {
  const url = `/api/v1/workspaces/${workspaceId}/media/${item.id}`;
  return item.kind === 'video' ? (
    <video src={url} width="100%" height={size} muted preload="metadata" style={{ objectFit: 'cover', display: 'block' }} />
  ) : (
    <Image src={url} alt={item.altText} h={size} fit="cover" radius="sm" loading="lazy" />
  );
}

/** One file's versions (the original and its crops), the recommended crop, its alt text and "attach". */
function Versions({
  original,
  networks,
  attached,
  onPick,
}: {
  original: LibraryItem;
  networks: Array<{ name: string; network: string }>;
  attached: string[];
  onPick(media: PickedMedia): void;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const cropsKey = [...libraryKey(workspace.id), 'crops', original.id];
  const crops = useQuery({
    queryKey: cropsKey,
    enabled: original.kind === 'image',
    queryFn: async () =>
      (
        await apiCall('get', '/api/v1/workspaces/{workspaceId}/media', {
          params: { workspaceId: workspace.id },
          query: { originalId: original.id, limit: 50 },
        })
      ).items,
  });
  // Recommended crops: the aspect each of the post's networks shows best, with the channels that want it.
  const wanted = new Map<Aspect, string[]>();
  for (const channel of networks) {
    const aspect = BEST_ASPECT[channel.network];
    if (aspect) wanted.set(aspect, [...(wanted.get(aspect) ?? []), channel.name]);
  }
  const byAspect = new Map<string, LibraryItem>();
  for (const crop of crops.data ?? []) if (crop.crop && !byAspect.has(crop.crop.aspect)) byAspect.set(crop.crop.aspect, crop);
  const firstWanted = [...wanted.keys()].find((aspect) => byAspect.has(aspect));
  const [chosenId, setChosenId] = useState<string | null>(null);
  const chosen = (chosenId && (crops.data ?? []).find((c) => c.id === chosenId)) || (chosenId === original.id ? original : null);
  useEffect(() => {
    // Once the crops are known, start on the crop the channels want, else the original.
    if (chosenId === null && crops.isFetched) setChosenId(firstWanted ? byAspect.get(firstWanted)!.id : original.id);
  }, [crops.isFetched, chosenId, firstWanted, byAspect, original.id]);
  const current = chosen ?? original;
  const [alt, setAlt] = useState<string | null>(null);
  const altText = alt ?? current.altText;
  const makeCrop = useMutation({
    mutationFn: (aspect: Aspect) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/media/{mediaId}/crops', {
        params: { workspaceId: workspace.id, mediaId: original.id },
        body: { aspect },
      }),
    onSuccess: async (crop) => {
      await queryClient.invalidateQueries({ queryKey: cropsKey });
      setChosenId(crop.id);
    },
  });
  const attach = useMutation({
    mutationFn: async () => {
      // The alt text lives with the file: a change made here is saved to the library too.
      if (alt !== null && alt !== current.altText)
        await apiCall('patch', '/api/v1/workspaces/{workspaceId}/media/{mediaId}', {
          params: { workspaceId: workspace.id, mediaId: current.id },
          body: { altText: alt },
        });
      return { mediaId: current.id, alt: altText, kind: current.kind };
    },
    onSuccess: async (media) => {
      await queryClient.invalidateQueries({ queryKey: libraryKey(workspace.id) });
      onPick(media);
    },
  });
  const label = (aspect: string) => t(`mediaLibrary.aspects.${aspect}`);
  const isAttached = attached.includes(current.id);

  return (
    <Stack gap="xs" data-testid="media-picker-versions">
      <Image
        src={`/api/v1/workspaces/${workspace.id}/media/${current.id}`}
        alt={altText}
        h={240}
        fit="contain"
        bg="gray.1"
        radius="sm"
        data-testid="media-picker-preview"
      />
      <Text size="xs" c="dimmed">
        {current.name} {current.width && current.height ? `· ${current.width}×${current.height}` : ''}
      </Text>
      {original.kind === 'image' && (
        <>
          <Text size="sm" fw={600}>
            {t('mediaLibrary.picker.versions')}
          </Text>
          <Group gap={6}>
            <Button
              size="compact-sm"
              variant={current.id === original.id ? 'filled' : 'default'}
              onClick={() => {
                setChosenId(original.id);
                setAlt(null);
              }}
            >
              {t('mediaLibrary.picker.original')}
            </Button>
            {ASPECTS.map((aspect) => {
              const crop = byAspect.get(aspect);
              const recommended = wanted.has(aspect);
              return crop ? (
                <Button
                  key={aspect}
                  size="compact-sm"
                  variant={current.id === crop.id ? 'filled' : 'default'}
                  color={recommended ? 'teal' : undefined}
                  onClick={() => {
                    setChosenId(crop.id);
                    setAlt(null);
                  }}
                  data-testid={`media-picker-crop-${aspect}`}
                >
                  {label(aspect)}
                </Button>
              ) : (
                <Button
                  key={aspect}
                  size="compact-sm"
                  variant="subtle"
                  color={recommended ? 'teal' : 'gray'}
                  loading={makeCrop.isPending && makeCrop.variables === aspect}
                  onClick={() => makeCrop.mutate(aspect)}
                  data-testid={`media-picker-make-${aspect}`}
                >
                  {t('mediaLibrary.picker.makeCrop', { aspect: label(aspect) })}
                </Button>
              );
            })}
          </Group>
          {[...wanted].map(([aspect, channels]) => (
            <Text key={aspect} size="xs" c="teal.8" data-testid="media-picker-recommended">
              {t('mediaLibrary.picker.recommended', {
                channels: new Intl.ListFormat(undefined, { type: 'conjunction' }).format(channels),
                aspect: label(aspect),
              })}
            </Text>
          ))}
          <TextInput
            label={t('mediaLibrary.picker.altText')}
            value={altText}
            onChange={(e) => setAlt(e.currentTarget.value)}
            maxLength={1500}
            data-testid="media-picker-alt"
          />
        </>
      )}
      <ApiErrorAlert error={makeCrop.error ?? attach.error} />
      <Group>
        <Button onClick={() => attach.mutate()} loading={attach.isPending} disabled={isAttached} data-testid="media-picker-attach">
          {t('mediaLibrary.picker.attach')}
        </Button>
        {isAttached && (
          <Badge color="gray" variant="light">
            {t('mediaLibrary.picker.attached')}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}
