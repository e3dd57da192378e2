import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { failureReasonText } from '../../shared/failure-reason-text.ts';
import { formatInstant } from '../../shared/format.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { useChannels } from '../channels/api.ts';
import { useQueues } from '../queues/api.ts';
import { useCampaigns } from '../strategy/api.ts';
import { type Feed, feedKeys, useFeedDetail, useFeeds } from './api.ts';
import { ApiError } from '../../api/client.ts';

type Destination = Feed['destination'];
type PollOutcome = {
  status: 'read' | 'not_modified' | 'failed';
  created: number;
  skipped: number;
  failed: number;
  errorCode: string | null;
};

/** What a read of a feed did, in a sentence. */
function useOutcomeText() {
  const { t } = useTranslation();
  return (poll: PollOutcome) =>
    poll.status === 'failed'
      ? t('feeds.problem', { reason: failureReasonText(poll.errorCode) })
      : poll.status === 'not_modified' || poll.created === 0
        ? t('feeds.notModified')
        : t('feeds.created', { count: poll.created });
}

/** The latest items of a feed and the post each became. */
function FeedItems({ feedId }: { feedId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { i18n } = useTranslation();
  const detail = useFeedDetail(feedId, true);
  const items = detail.data?.items ?? [];
  if (detail.isSuccess && items.length === 0) return <Text c="dimmed">{t('feeds.noItems')}</Text>;
  return (
    <Table striped withTableBorder data-testid="feed-items">
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id} data-testid="feed-item">
            <Table.Td>
              <Text size="sm" fw={500}>
                {item.title}
              </Text>
              <Text size="xs" c="dimmed">
                {formatInstant(typeof item.publishedAt === 'string' ? item.publishedAt : null, workspace.timeZone, i18n.language)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={item.status === 'posted' ? 'green' : item.status === 'failed' ? 'red' : 'gray'}>
                {t(`feeds.itemStatus.${item.status}`)}
              </Badge>
              {item.errorCode && (
                <Text size="xs" c="red">
                  {apiErrorText(new ApiError(409, item.errorCode, item.errorCode, null))}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {item.postId && (
                <Anchor component={Link} to={`/posts/${item.postId}`} size="sm">
                  {item.postState ? t('feeds.postState', { state: t(`states.${item.postState}`) }) : t('feeds.openPost')}
                </Anchor>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One feed: where it goes, when it was read, its problem if any, check now, pause, its items. */
function FeedCard({ feed }: { feed: Feed }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeText = useOutcomeText();
  const base = `/workspaces/${workspace.id}/feeds/${feed.id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: feedKeys.all(workspace.id) });
  const check = useMutation({
    mutationFn: () => api<PollOutcome>('POST', `${base}/check`),
    onSuccess: async (poll) => {
      // A failed read shows as the feed's problem (below); only a good read gets a line of its own.
      setOutcome(poll.status === 'failed' ? null : outcomeText(poll));
      await refresh();
    },
  });
  const pause = useMutation({ mutationFn: (paused: boolean) => api('PATCH', base, { paused }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => api('DELETE', base), onSuccess: refresh });
  const channelNames = feed.channelIds.map((id) => channels.data?.find((c) => c.id === id)?.name ?? '…').join(', ');
  const when = (iso: unknown) => formatInstant(typeof iso === 'string' ? iso : null, workspace.timeZone, i18n.language);
  return (
    <Card withBorder radius="md" data-testid="feed-card">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={4}>{feed.name}</Title>
            <Badge variant="light" color={feed.paused ? 'gray' : 'green'}>
              {feed.paused ? t('feeds.paused') : t('feeds.active')}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {feed.url}
          </Text>
          <Text size="sm">
            {t(`feeds.destinations.${feed.destination}`)} · {channelNames}
          </Text>
          <Text size="sm" c="dimmed">
            {feed.lastPolledAt ? t('feeds.lastRead', { when: when(feed.lastPolledAt) }) : t('feeds.neverRead')}
            {!feed.paused && ` · ${t('feeds.nextRead', { when: when(feed.nextPollAt) })}`}
          </Text>
          <Text size="sm" data-testid="feed-counts">
            {t('feeds.posted', { count: feed.itemsPosted })}
            {feed.itemsFailed > 0 && ` · ${t('feeds.failed', { count: feed.itemsFailed })}`}
          </Text>
        </Stack>
        {can('post.publish') && (
          <Group gap="xs">
            <Button size="xs" onClick={() => check.mutate()} loading={check.isPending}>
              {t('feeds.checkNow')}
            </Button>
            <Switch label={t('feeds.paused')} checked={feed.paused} onChange={(e) => pause.mutate(e.currentTarget.checked)} />
            <Button size="xs" variant="subtle" color="red" onClick={() => window.confirm(t('feeds.confirmDelete')) && remove.mutate()}>
              {t('feeds.delete')}
            </Button>
          </Group>
        )}
      </Group>
      {feed.lastErrorCode && (
        <Alert color="red" mt="sm" role="alert" data-testid="feed-problem">
          {t('feeds.problem', { reason: failureReasonText(feed.lastErrorCode) })}
        </Alert>
      )}
      {outcome && (
        <Text size="sm" mt="xs" role="status">
          {outcome}
        </Text>
      )}
      <ApiErrorAlert error={check.error ?? pause.error ?? remove.error} mt="xs" />
      <Button variant="subtle" size="xs" mt="xs" onClick={() => setOpen(!open)} aria-expanded={open}>
        {t('feeds.items')}
      </Button>
      {open && <FeedItems feedId={feed.id} />}
    </Card>
  );
}

/** Feeds: RSS and Atom to post. */
export function FeedsPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const feeds = useFeeds();
  const channels = useChannels();
  const queues = useQueues();
  const campaigns = useCampaigns();
  const outcomeText = useOutcomeText();
  const [adding, setAdding] = useState(false);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const [template, setTemplate] = useState('{title} {link}');
  const [destination, setDestination] = useState<Destination>('draft');
  const [queueId, setQueueId] = useState<string | null>(null);
  const [trackLinks, setTrackLinks] = useState(true);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [interval, setInterval] = useState<number>(30);
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<Feed & { poll: PollOutcome }>('POST', `/workspaces/${workspace.id}/feeds`, {
        url,
        channelIds,
        ...(name.trim() ? { name } : {}),
        template,
        destination,
        queueId: destination === 'queue' ? queueId : null,
        trackLinks,
        campaignId,
        intervalMinutes: interval,
      }),
    onSuccess: async (feed) => {
      setAdding(false);
      setUrl('');
      setName('');
      setAdded(`${feed.name}: ${outcomeText(feed.poll)}`);
      await queryClient.invalidateQueries({ queryKey: feedKeys.all(workspace.id) });
    },
  });
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('feeds.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('feeds.help')}
          </Text>
        </div>
        {can('post.publish') && <Button onClick={() => setAdding(true)}>{t('feeds.new')}</Button>}
      </Group>
      {added && (
        <Alert color="green" role="status" withCloseButton onClose={() => setAdded(null)} data-testid="feed-added">
          {added}
        </Alert>
      )}
      {feeds.data?.length === 0 && (
        <Card withBorder>
          <Text c="dimmed">{t('feeds.none')}</Text>
        </Card>
      )}
      {feeds.data?.map((feed) => (
        <FeedCard key={`${feed.id}-${feed.updatedAt}`} feed={feed} />
      ))}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('feeds.new')} size="lg">
        <Stack>
          <TextInput
            label={t('feeds.url')}
            placeholder={t('feeds.urlPlaceholder')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            required
            type="url"
          />
          <TextInput
            label={t('feeds.name')}
            placeholder={t('feeds.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <MultiSelect
            label={t('feeds.channels')}
            data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={channelIds}
            onChange={setChannelIds}
            required
            // Until the channels arrive the list would open empty and stay so: say it is loading instead.
            disabled={!channels.data}
            placeholder={channels.data ? undefined : t('common.loading')}
            nothingFoundMessage={t('composer.noChannels')}
            data-testid="feed-channels"
          />
          <Textarea
            label={t('feeds.template')}
            description={t('feeds.templateHelp')}
            value={template}
            onChange={(e) => setTemplate(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('feeds.destination')}
            </Text>
            <SegmentedControl
              value={destination}
              onChange={(value) => setDestination(value as Destination)}
              data={(['draft', 'review', 'queue'] as const).map((value) => ({ value, label: t(`feeds.destinations.${value}`) }))}
            />
          </Stack>
          {destination === 'queue' && (
            <Select
              label={t('feeds.queue')}
              data={(queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
              value={queueId}
              onChange={setQueueId}
              required
            />
          )}
          <Switch label={t('feeds.trackLinks')} checked={trackLinks} onChange={(e) => setTrackLinks(e.currentTarget.checked)} />
          <Select
            label={t('feeds.campaign')}
            placeholder={t('feeds.campaignNone')}
            data={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={campaignId}
            onChange={setCampaignId}
            clearable
          />
          <NumberInput label={t('feeds.interval')} min={5} max={1440} value={interval} onChange={(v) => setInterval(Number(v) || 30)} />
          {create.isError && <ApiErrorAlert error={create.error} />}
          <Button onClick={() => create.mutate()} disabled={!url.trim() || channelIds.length === 0} loading={create.isPending}>
            {create.isPending ? t('feeds.reading') : t('feeds.create')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
