import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  CloseButton,
  Group,
  Modal,
  MultiSelect,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { formatInstant, formatNumber } from '../../shared/format.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { useWeekdays } from '../analytics/shared.tsx';
import { useChannels } from '../channels/api.ts';
import { type Queue, type QueueSlot, queueKeys, useQueues } from './api.ts';
import { EvergreenQueueSettings } from '../recurring/EvergreenQueueSettings.tsx';

type QueueDetail = Queue & { heldPosts: Array<{ id: string; state: string; scheduledAt: string | null; content: string }> };
type Suggested = {
  timeZone: string;
  samples: number;
  minSample: number;
  slots: Array<QueueSlot & { rate: number; posts: number }>;
  reasonCode: string | null;
};

const sortSlots = (slots: QueueSlot[]) => [...slots].sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time));
const sameSlots = (a: QueueSlot[], b: QueueSlot[]) => JSON.stringify(sortSlots(a)) === JSON.stringify(sortSlots(b));

/** A week of slots to edit: one column a day, times as chips, a time field to add one. */
function SlotsEditor({ slots, onChange, disabled }: { slots: QueueSlot[]; onChange: (slots: QueueSlot[]) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const weekdays = useWeekdays();
  const [adding, setAdding] = useState<Record<number, string>>({});
  const add = (weekday: number) => {
    const time = adding[weekday];
    if (!time || !/^\d{2}:\d{2}$/.test(time) || slots.some((s) => s.weekday === weekday && s.time === time)) return;
    onChange(sortSlots([...slots, { weekday, time }]));
    setAdding({ ...adding, [weekday]: '' });
  };
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs" data-testid="slots-editor">
      {weekdays.map((name, index) => {
        const weekday = index + 1;
        const own = slots.filter((s) => s.weekday === weekday);
        return (
          <Stack key={name} gap={4} p={6} style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 8 }}>
            <Text size="xs" fw={700} tt="capitalize">
              {name}
            </Text>
            {own.map((slot) => (
              <Group key={slot.time} gap={2} justify="space-between" wrap="nowrap">
                <Badge variant="light" size="lg" radius="sm" data-testid="slot-chip">
                  {slot.time}
                </Badge>
                {!disabled && (
                  <CloseButton
                    size="xs"
                    aria-label={t('queues.removeSlot', { day: name, time: slot.time })}
                    onClick={() => onChange(slots.filter((s) => !(s.weekday === weekday && s.time === slot.time)))}
                  />
                )}
              </Group>
            ))}
            {!disabled && (
              <Group gap={2} wrap="nowrap">
                <TimeInput
                  size="xs"
                  aria-label={t('queues.addSlotAt', { day: name })}
                  value={adding[weekday] ?? ''}
                  onChange={(event) => setAdding({ ...adding, [weekday]: event.currentTarget.value })}
                  onKeyDown={(event) => event.key === 'Enter' && add(weekday)}
                  style={{ flex: 1 }}
                />
                <ActionIcon size="sm" variant="light" aria-label={t('queues.addSlot', { day: name })} onClick={() => add(weekday)}>
                  +
                </ActionIcon>
              </Group>
            )}
          </Stack>
        );
      })}
    </SimpleGrid>
  );
}

function QueueCard({ queue }: { queue: Queue }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const editable = can('post.publish');
  const queryClient = useQueryClient();
  const channels = useChannels();
  const weekdays = useWeekdays();
  const [slots, setSlots] = useState<QueueSlot[]>(queue.slots);
  const [suggested, setSuggested] = useState<Suggested | null>(null);
  const base = `/workspaces/${workspace.id}/queues/${queue.id}`;
  const detail = useQuery({ queryKey: queueKeys.detail(workspace.id, queue.id), queryFn: () => api<QueueDetail>('GET', base) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queueKeys.all(workspace.id) });
  const update = useMutation({
    mutationFn: (body: { slots?: QueueSlot[]; paused?: boolean; channelIds?: string[] }) =>
      api<QueueDetail & { moved: number }>('PATCH', base, body),
    onSuccess: async (result) => {
      setSlots(result.slots);
      await refresh();
    },
  });
  const reorder = useMutation({
    mutationFn: (postIds: string[]) => api('PUT', `${base}/order`, { postIds }),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: () => api('DELETE', base), onSuccess: refresh });
  const suggest = useMutation({
    mutationFn: () => api<Suggested>('GET', `/workspaces/${workspace.id}/queues/suggested-slots?perWeek=7`),
    onSuccess: setSuggested,
  });
  const held = detail.data?.heldPosts ?? [];
  const move = (index: number, by: number) => {
    const ids = held.map((p) => p.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved);
    reorder.mutate(ids);
  };
  // Drag a queued post onto another to take its place (the up/down buttons do the same from the keyboard).
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const drop = (target: number) => {
    if (dragged !== null && dragged !== target) move(dragged, target - dragged);
    setDragged(null);
    setOver(null);
  };
  const when = (iso: string) => formatInstant(iso, workspace.timeZone, i18n.language);

  return (
    <Card withBorder radius="md" data-testid="queue-card">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={4}>{queue.name}</Title>
          {queue.paused ? <Badge color="gray">{t('queues.paused')}</Badge> : <Badge color="green">{t('queues.active')}</Badge>}
          <Badge variant="outline">{t('queues.postsHeld', { count: queue.posts })}</Badge>
        </Group>
        {editable && (
          <Group gap="xs">
            <Switch
              label={t('queues.pause')}
              checked={queue.paused}
              onChange={(event) => update.mutate({ paused: event.currentTarget.checked })}
            />
            <Button size="xs" variant="subtle" color="red" onClick={() => window.confirm(t('queues.confirmDelete')) && remove.mutate()}>
              {t('queues.delete')}
            </Button>
          </Group>
        )}
      </Group>
      <MultiSelect
        label={t('queues.channels')}
        description={t('queues.channelsHelp')}
        data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={queue.channelIds}
        disabled={!editable}
        onChange={(channelIds) => update.mutate({ channelIds })}
        mb="sm"
        maw={520}
      />
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          {t('queues.slots', { zone: workspace.timeZone })}
        </Text>
        {editable && (
          <Button size="compact-xs" variant="light" color="orange" onClick={() => suggest.mutate()} loading={suggest.isPending}>
            {t('queues.suggest')}
          </Button>
        )}
      </Group>
      {suggested && (
        <Alert color="orange" variant="light" mb="xs" withCloseButton onClose={() => setSuggested(null)} data-testid="suggested-slots">
          {suggested.slots.length === 0 ? (
            <Text size="sm">{t('queues.notEnoughData', { samples: suggested.samples, minSample: suggested.minSample })}</Text>
          ) : (
            <Stack gap={4}>
              <Text size="sm">{t('queues.suggestedHelp')}</Text>
              <Group gap={6}>
                {suggested.slots.map((s) => (
                  <Badge key={`${s.weekday}-${s.time}`} color="orange" variant="outline">
                    {weekdays[s.weekday - 1]} {s.time} · {formatNumber(s.rate, i18n.language)} % ·{' '}
                    {t('queues.evidencePosts', { count: s.posts })}
                  </Badge>
                ))}
              </Group>
              <Group>
                <Button
                  size="compact-xs"
                  onClick={() => setSlots(sortSlots(suggested.slots.map(({ weekday, time }) => ({ weekday, time }))))}
                >
                  {t('queues.useSuggested')}
                </Button>
              </Group>
            </Stack>
          )}
        </Alert>
      )}
      <SlotsEditor slots={slots} onChange={setSlots} disabled={!editable} />
      {!sameSlots(slots, queue.slots) && (
        <Group mt="xs" gap="xs">
          <Button size="xs" onClick={() => update.mutate({ slots })} loading={update.isPending}>
            {t('queues.saveSlots')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setSlots(queue.slots)}>
            {t('queues.discard')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('queues.slotsMoveHelp')}
          </Text>
        </Group>
      )}
      {(update.isError || reorder.isError || remove.isError) && (
        <ApiErrorAlert error={update.error ?? reorder.error ?? remove.error} mt="xs" />
      )}
      {queue.nextFreeSlots.length > 0 && !queue.paused && (
        <Text size="xs" c="dimmed" mt="sm">
          {t('queues.nextFree')}: {queue.nextFreeSlots.slice(0, 3).map(when).join(' · ')}
        </Text>
      )}
      <EvergreenQueueSettings queueId={queue.id} channelIds={queue.channelIds} />
      <Text size="sm" fw={600} mt="md" mb={4}>
        {t('queues.heldTitle')}
      </Text>
      {held.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('queues.empty')}
        </Text>
      )}
      <Stack gap={4}>
        {held.map((post, index) => (
          <Group
            key={post.id}
            gap="xs"
            wrap="nowrap"
            data-testid="queued-post"
            p={4}
            draggable={editable && !reorder.isPending}
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', post.id);
              setDragged(index);
            }}
            onDragOver={(event) => {
              if (dragged === null) return;
              event.preventDefault();
              setOver(index);
            }}
            onDragLeave={() => setOver((current) => (current === index ? null : current))}
            onDrop={(event) => {
              event.preventDefault();
              drop(index);
            }}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
            style={{
              borderBottom: '1px solid var(--mantine-color-gray-2)',
              borderTop: over === index && dragged !== null && dragged > index ? '2px solid var(--mantine-color-blue-5)' : undefined,
              borderBottomColor: over === index && dragged !== null && dragged < index ? 'var(--mantine-color-blue-5)' : undefined,
              opacity: dragged === index ? 0.5 : 1,
              cursor: editable ? 'grab' : undefined,
            }}
          >
            {editable && (
              <Text size="sm" c="dimmed" aria-hidden title={t('calendarOps.dragToReorder')} style={{ userSelect: 'none' }}>
                ⋮⋮
              </Text>
            )}
            {editable && (
              <Group gap={0} wrap="nowrap">
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  disabled={index === 0 || reorder.isPending}
                  aria-label={t('queues.moveUp')}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  disabled={index === held.length - 1 || reorder.isPending}
                  aria-label={t('queues.moveDown')}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </ActionIcon>
              </Group>
            )}
            <Text size="sm" w={190} style={{ flexShrink: 0 }} c={post.scheduledAt ? undefined : 'dimmed'}>
              {post.scheduledAt ? when(post.scheduledAt) : t('queues.waiting')}
            </Text>
            <Anchor component={Link} to={`/posts/${post.id}`} size="sm" lineClamp={1} style={{ whiteSpace: 'pre-wrap' }}>
              {post.content || t('queues.noText')}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** Queues: weekly time slots per group of channels; "add to queue" in the composer takes the next free slot. */
export function QueuesPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const queues = useQueues();
  const channels = useChannels();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      api('POST', `/workspaces/${workspace.id}/queues`, {
        name,
        channelIds,
        slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, time: '10:00' })),
      }),
    onSuccess: async () => {
      setCreating(false);
      setName('');
      setChannelIds([]);
      await queryClient.invalidateQueries({ queryKey: queueKeys.all(workspace.id) });
    },
  });
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('queues.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('queues.help')}
          </Text>
        </div>
        {can('post.publish') && <Button onClick={() => setCreating(true)}>{t('queues.new')}</Button>}
      </Group>
      {queues.data?.length === 0 && (
        <Card withBorder>
          <Text c="dimmed">{t('queues.none')}</Text>
        </Card>
      )}
      {queues.data?.map((queue) => (
        <QueueCard key={`${queue.id}-${queue.updatedAt}`} queue={queue} />
      ))}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('queues.new')}>
        <Stack>
          <TextInput
            label={t('queues.name')}
            placeholder={t('queues.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <MultiSelect
            label={t('queues.channels')}
            data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={channelIds}
            onChange={setChannelIds}
          />
          <Text size="xs" c="dimmed">
            {t('queues.newHelp')}
          </Text>
          {create.isError && <ApiErrorAlert error={create.error} />}
          <Button onClick={() => create.mutate()} disabled={!name.trim()} loading={create.isPending}>
            {t('queues.create')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
