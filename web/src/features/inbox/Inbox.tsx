import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  Popover,
  ScrollArea,
  SegmentedControl,
  Select,
  Spoiler,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, api, apiCall } from '../../api/client.ts';
import { formatInstant } from '../../shared/format.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { apiErrorText, codeText, networkReasonText } from '../../shared/api-error-text.ts';
import { inboxKeys, useInboxChannels } from './api.ts';
import { InboxNav } from './InboxNav.tsx';
import { BulkBar, type ListFilter, SavedViews, SelectBox } from './InboxBulk.tsx';
import { ContactPanel } from '../contacts/ContactPanel.tsx';

type Detail = Awaited<ReturnType<typeof loadConversation>>;
type Conversation = Awaited<ReturnType<typeof loadPage>>['items'][number];
type Sentiment = 'positive' | 'neutral' | 'negative';

const SENTIMENT_COLORS: Record<Sentiment, string> = { positive: 'green', neutral: 'gray', negative: 'red' };
const STATE_COLORS: Record<string, string> = { new: 'blue', open: 'yellow', pending: 'grape', resolved: 'gray' };
/** Text written by other people: as text, never markup; its own direction; long words wrap; never wider than the list. */
const PEOPLE_TEXT: CSSProperties = { unicodeBidi: 'isolate', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' };

function loadPage(workspaceId: string, query: URLSearchParams) {
  return apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/conversations', { params: { workspaceId }, query });
}

function loadConversation(workspaceId: string, conversationId: string) {
  return apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/conversations/{conversationId}', {
    params: { workspaceId, conversationId },
  });
}

/** True when a key press belongs to a text field, not to the page's shortcuts. */
function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

/** The inbox: views and filters, the conversation list, and the open conversation with its reply box. */
export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const { conversationId } = useParams();
  const [view, setView] = useState<'all' | 'mine' | 'unassigned'>('all');
  const [state, setState] = useState('active');
  const [channelId, setChannelId] = useState('');
  const [kind, setKind] = useState('');
  const [search, setSearch] = useState('');
  const [label, setLabel] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const assignRef = useRef<HTMLInputElement>(null);
  const canReply = useCan('inbox.reply');

  const query = new URLSearchParams({ view, state, limit: '50' });
  if (channelId) query.set('channelId', channelId);
  if (kind) query.set('kind', kind);
  if (search.trim()) query.set('q', search.trim());
  if (label) query.set('label', label);
  const filter: ListFilter = {
    view,
    state: state as ListFilter['state'],
    ...(channelId ? { channelId } : {}),
    ...(kind ? { kind: kind as ListFilter['kind'] } : {}),
    ...(label ? { label } : {}),
    ...(search.trim() ? { q: search.trim() } : {}),
  };
  const applyView = (f: ListFilter) => {
    setView(f.view ?? 'all');
    setState(f.state ?? 'active');
    setChannelId(f.channelId ?? '');
    setKind(f.kind ?? '');
    setLabel(f.label ?? '');
    setSearch(f.q ?? '');
  };
  const list = useInfiniteQuery({
    queryKey: inboxKeys.list(workspace.id, query.toString()),
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams(query);
      if (pageParam) page.set('cursor', pageParam);
      return loadPage(workspace.id, page);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const counts = useQuery({
    queryKey: inboxKeys.counts(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/counts', { params: { workspaceId: workspace.id } }),
  });
  const channels = useInboxChannels(workspace.id);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const index = items.findIndex((c) => c.id === conversationId);
  const open = (id: string | undefined) => id && navigate(`/inbox/${id}`);

  // Keyboard: j / k next and previous, r reply, e resolve, a assign.
  const resolveRef = useRef<() => void>(() => {});
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'j') open(items[Math.min(items.length - 1, index + 1)]?.id);
      else if (event.key === 'k') open(items[Math.max(0, index - 1)]?.id);
      else if (event.key === 'r' && canReply) replyRef.current?.focus();
      else if (event.key === 'a' && canReply) assignRef.current?.focus();
      else if (event.key === 'e' && canReply) resolveRef.current();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const unread = (n: number | undefined) => (n ? ` (${n})` : '');
  const inboxChannels = (channels.data ?? []).filter((c) => c.capabilities);
  const byChannel = new Map((counts.data?.byChannel ?? []).map((c) => [c.channelId, c.unread]));

  return (
    <Stack>
      <InboxNav />
      <div>
        <Title order={2}>{t('inbox.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('inbox.intro')}
        </Text>
      </div>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('inbox.title')}
          value={view}
          onChange={(value) => setView(value as typeof view)}
          data={(['all', 'mine', 'unassigned'] as const).map((v) => ({
            value: v,
            label: `${t(`inbox.views.${v}`)}${unread(counts.data?.[v])}`,
          }))}
        />
        <Select
          aria-label={t('inbox.channel')}
          data={[
            { value: '', label: t('inbox.allChannels') },
            ...inboxChannels.map((c) => ({ value: c.channelId, label: `${c.name}${unread(byChannel.get(c.channelId))}` })),
          ]}
          value={channelId}
          onChange={(value) => setChannelId(value ?? '')}
          w={200}
        />
        <Select
          aria-label={t('inbox.type')}
          data={(['', 'comment', 'reply', 'mention', 'quote', 'direct_message', 'review'] as const).map((k) => ({
            value: k,
            label: t(`inbox.kinds.${k || 'all'}`),
          }))}
          value={kind}
          onChange={(value) => setKind(value ?? '')}
          w={170}
        />
        <Select
          aria-label={t('inbox.state')}
          data={(['active', 'new', 'pending', 'resolved', 'any'] as const).map((s) => ({ value: s, label: t(`inbox.states.${s}`) }))}
          value={state}
          onChange={(value) => setState(value ?? 'active')}
          w={170}
        />
        <TextInput
          aria-label={t('inbox.search')}
          placeholder={t('inbox.search')}
          title={t('inbox.searchHint')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
        />
        <SavedViews filter={filter} onApply={applyView} />
      </Group>
      {canReply && <BulkBar selected={selected} onDone={() => setSelected([])} />}
      <ChannelProgress channels={inboxChannels} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
          <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto">
            <Stack gap={6} data-testid="inbox-list">
              {items.length === 0 && !list.isLoading && (
                <Text c="dimmed" py="md">
                  {inboxChannels.length === 0 ? t('inbox.emptyNoChannels') : t('inbox.empty')}
                </Text>
              )}
              {items.map((c) => (
                <Group key={c.id} gap={6} wrap="nowrap" align="flex-start">
                  {canReply && (
                    <SelectBox
                      checked={selected.includes(c.id)}
                      onChange={(on) => setSelected((all) => (on ? [...all, c.id] : all.filter((id) => id !== c.id)))}
                    />
                  )}
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <ConversationRow conversation={c} selected={c.id === conversationId} onOpen={() => open(c.id)} />
                  </div>
                </Group>
              ))}
              {list.hasNextPage && (
                <Button variant="subtle" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('inbox.more')}
                </Button>
              )}
            </Stack>
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed" mt="xs">
            {t('inbox.shortcuts')}
          </Text>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, xl: 5 }}>
          {conversationId ? (
            <ConversationView
              key={conversationId}
              conversationId={conversationId}
              replyRef={replyRef}
              assignRef={assignRef}
              onResolveKey={(fn) => {
                resolveRef.current = fn;
              }}
              language={i18n.language}
            />
          ) : (
            <Text c="dimmed">{t('inbox.pick')}</Text>
          )}
        </Grid.Col>
        {conversationId && (
          <Grid.Col span={{ base: 12, md: 7, xl: 3 }} offset={{ base: 0, md: 5, xl: 0 }}>
            <ContactPanel key={conversationId} conversationId={conversationId} />
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}

function ChannelProgress({
  channels,
}: {
  channels: Array<{ channelId: string; name: string; backfill: string; backfillItems: number; unavailableCode: string | null }>;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canSync = useCan('inbox.manage');
  const sync = useMutation({
    mutationFn: (channelId: string) => api('POST', `/workspaces/${workspace.id}/inbox/channels/${channelId}/sync`, {}),
    onSettled: () => void client.invalidateQueries({ queryKey: inboxKeys.all(workspace.id) }),
  });
  if (channels.length === 0) return null;
  return (
    <Group gap="xs">
      {channels.map((c) => (
        <Group key={c.channelId} gap={4}>
          <Text size="xs" c="dimmed" data-testid="inbox-backfill">
            {t(`inbox.backfill.${c.backfill}`, { name: c.name, count: c.backfillItems })}
          </Text>
          {c.unavailableCode && (
            <Text size="xs" c="orange.8" data-testid="inbox-unavailable" title={c.name}>
              {networkReasonText(c.unavailableCode)}
            </Text>
          )}
          {canSync && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => sync.mutate(c.channelId)}
              loading={sync.isPending && sync.variables === c.channelId}
            >
              {t('inbox.sync')}
            </Button>
          )}
        </Group>
      ))}
      {sync.error && (
        <Text size="xs" c="red">
          {apiErrorText(sync.error)}
        </Text>
      )}
    </Group>
  );
}

function ConversationRow({ conversation: c, selected, onOpen }: { conversation: Conversation; selected: boolean; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  return (
    <UnstyledButton
      onClick={onOpen}
      aria-current={selected ? 'true' : undefined}
      data-testid="inbox-row"
      style={{ display: 'block', width: '100%' }}
    >
      <Card withBorder padding="xs" bg={selected ? 'var(--mantine-color-blue-light)' : undefined} style={{ overflow: 'hidden' }}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={c.unreadCount > 0 ? 700 : 500} size="sm" truncate="end" style={{ unicodeBidi: 'isolate', minWidth: 0 }}>
            {c.authorName || c.authorHandle || c.channelName}
          </Text>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatInstant(typeof c.lastMessageAt === 'string' ? c.lastMessageAt : null, workspace.timeZone, i18n.language)}
          </Text>
        </Group>
        <Text size="sm" lineClamp={2} style={PEOPLE_TEXT}>
          {c.preview}
        </Text>
        <Group gap={4} mt={4}>
          <Badge size="xs" variant="light" color={STATE_COLORS[c.state]}>
            {t(`inbox.states.${c.state}`)}
          </Badge>
          <Badge size="xs" variant="outline">
            {t(`inbox.kinds.${c.kind}`, { defaultValue: c.kind })}
          </Badge>
          <Badge size="xs" variant="default">
            {c.channelName}
          </Badge>
          {c.sentiment && (
            <Badge size="xs" variant="light" color={SENTIMENT_COLORS[c.sentiment]}>
              {t(`inbox.sentiments.${c.sentiment}`)}
            </Badge>
          )}
          {c.priority !== 'normal' && (
            <Badge size="xs" color={c.priority === 'low' ? 'gray' : 'red'}>
              {t(`inbox.priorities.${c.priority}`)}
            </Badge>
          )}
          {c.overdue ? (
            <Badge size="xs" color="red" variant="filled" data-testid="inbox-overdue">
              {t('inboxRules.list.overdue')}
            </Badge>
          ) : (
            c.dueAt && (
              <Badge size="xs" color="orange" variant="light" data-testid="inbox-due">
                {t('inboxRules.list.due', {
                  when: formatInstant(typeof c.dueAt === 'string' ? c.dueAt : null, workspace.timeZone, i18n.language),
                })}
              </Badge>
            )
          )}
          {c.labels.map((l) => (
            <Badge key={l} size="xs" variant="outline" color="grape">
              {l}
            </Badge>
          ))}
          {c.unreadCount > 0 && (
            <Badge size="xs" color="blue" data-testid="inbox-unread">
              {t('inbox.unread', { count: c.unreadCount })}
            </Badge>
          )}
          {c.assigneeName && (
            <Badge size="xs" variant="dot">
              {c.assigneeName}
            </Badge>
          )}
        </Group>
      </Card>
    </UnstyledButton>
  );
}

function ConversationView({
  conversationId,
  replyRef,
  assignRef,
  onResolveKey,
  language,
}: {
  conversationId: string;
  replyRef: React.RefObject<HTMLTextAreaElement>;
  assignRef: React.RefObject<HTMLInputElement>;
  onResolveKey: (fn: () => void) => void;
  language: string;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canReply = useCan('inbox.reply');
  const detail = useQuery({
    queryKey: inboxKeys.detail(workspace.id, conversationId),
    queryFn: () => loadConversation(workspace.id, conversationId),
  });
  const members = useQuery({
    queryKey: inboxKeys.members(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/members', { params: { workspaceId: workspace.id } })).items,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: inboxKeys.all(workspace.id) });
  const change = useMutation({
    mutationFn: (body: Record<string, unknown>) => api('PATCH', `/workspaces/${workspace.id}/inbox/conversations/${conversationId}`, body),
    onSuccess: refresh,
  });
  // Opening an unread conversation reads it.
  const unreadCount = detail.data?.unreadCount ?? 0;
  const { mutate } = change;
  useEffect(() => {
    if (canReply && unreadCount > 0) mutate({ read: true });
  }, [canReply, unreadCount, mutate]);
  const data = detail.data;
  useEffect(() => {
    onResolveKey(() => {
      if (data) change.mutate({ state: data.state === 'resolved' ? 'open' : 'resolved' });
    });
  });
  if (detail.error) return <Alert color="red">{apiErrorText(detail.error)}</Alert>;
  if (!data) return null;
  const replyByRemote = new Map(data.replies.filter((r) => r.remoteId).map((r) => [r.remoteId, r]));
  const unsent = data.replies.filter((r) => r.state !== 'sent');

  return (
    <Stack gap="sm" data-testid="inbox-conversation">
      <Group justify="space-between" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Title order={3} size="h4" style={{ unicodeBidi: 'isolate', overflowWrap: 'anywhere' }}>
            {data.authorName || data.authorHandle}
          </Title>
          <Text size="xs" c="dimmed">
            {data.channelName} · {t(`inbox.kinds.${data.kind}`, { defaultValue: data.kind })} · {t(`inbox.states.${data.state}`)}
          </Text>
        </div>
        {canReply && (
          <Button
            variant={data.state === 'resolved' ? 'default' : 'filled'}
            onClick={() => change.mutate({ state: data.state === 'resolved' ? 'open' : 'resolved' })}
            loading={change.isPending}
            data-testid="inbox-resolve"
          >
            {data.state === 'resolved' ? t('inbox.reopen') : t('inbox.resolve')}
          </Button>
        )}
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          ref={assignRef}
          label={t('inbox.assignee')}
          data={[{ value: '', label: t('inbox.nobody') }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))]}
          value={data.assigneeUserId ?? ''}
          onChange={(value) => change.mutate({ assigneeUserId: value || null })}
          disabled={!canReply}
          w={180}
          data-testid="inbox-assign"
        />
        <Select
          label={t('inbox.priority')}
          data={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({ value: p, label: t(`inbox.priorities.${p}`) }))}
          value={data.priority}
          onChange={(value) => value && change.mutate({ priority: value })}
          disabled={!canReply}
          w={120}
        />
        <TagsInput
          label={t('inbox.labels')}
          placeholder={t('inbox.labelsPlaceholder')}
          value={data.labels}
          onChange={(labels) => change.mutate({ labels })}
          disabled={!canReply}
          maxTags={20}
          w={240}
        />
      </Group>
      {change.error && <Alert color="red">{apiErrorText(change.error)}</Alert>}
      <Stack gap={6}>
        {data.items.map((item) => (
          <ItemBubble key={item.id} item={item} detail={data} reply={replyByRemote.get(item.remoteId) ?? null} language={language} />
        ))}
        {unsent.map((reply) => (
          <Card key={reply.id} withBorder padding="xs" ml="15%" bg="var(--mantine-color-gray-light)">
            <Text size="sm" style={PEOPLE_TEXT}>
              {reply.text}
            </Text>
            <Text size="xs" c={reply.state === 'failed' ? 'red' : 'dimmed'} data-testid="inbox-reply-state">
              {reply.authorName} · {t(`inbox.replyStates.${reply.state}`)}
              {reply.errorCode ? ` — ${codeText(reply.errorCode, reply.errorMessage ?? reply.errorCode)}` : ''}
            </Text>
          </Card>
        ))}
        {data.notes.map((note) => (
          <Card key={note.id} withBorder padding="xs" bg="var(--mantine-color-yellow-light)">
            <Text size="xs" c="dimmed">
              {t('inbox.noteBy', { who: note.authorName ?? '—' })} · {formatInstant(String(note.createdAt), workspace.timeZone, language)}
            </Text>
            <Text size="sm" style={PEOPLE_TEXT}>
              {note.text}
            </Text>
          </Card>
        ))}
      </Stack>
      {canReply && <ReplyBox detail={data} replyRef={replyRef} onSent={refresh} />}
      {canReply && <NoteBox conversationId={data.id} onSaved={refresh} />}
    </Stack>
  );
}

function ItemBubble({
  item,
  detail,
  reply,
  language,
}: {
  item: Detail['items'][number];
  detail: Detail;
  reply: Detail['replies'][number] | null;
  language: string;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canReply = useCan('inbox.reply');
  const refresh = () => void client.invalidateQueries({ queryKey: inboxKeys.all(workspace.id) });
  const act = useMutation({
    mutationFn: (action: string) => api('POST', `/workspaces/${workspace.id}/inbox/items/${item.id}/actions`, { action }),
    onSuccess: refresh,
  });
  const correct = useMutation({
    mutationFn: (sentiment: Sentiment) => api('PUT', `/workspaces/${workspace.id}/inbox/items/${item.id}/sentiment`, { sentiment }),
    onSuccess: refresh,
  });
  const ours = item.direction === 'outbound';
  const actions = (detail.capabilities?.actions ?? []).filter(
    (a): a is 'like' | 'unlike' | 'hide' | 'unhide' | 'delete' | 'mute' | 'block' =>
      ['like', 'unlike', 'hide', 'unhide', 'delete', 'mute', 'block'].includes(a) &&
      !(a === 'like' && item.liked) &&
      !(a === 'unlike' && !item.liked) &&
      !(a === 'hide' && item.hidden) &&
      !(a === 'unhide' && !item.hidden) &&
      !(ours && (a === 'mute' || a === 'block' || a === 'hide' || a === 'unhide')),
  );
  return (
    <Card
      withBorder
      padding="xs"
      ml={ours ? '15%' : 0}
      mr={ours ? 0 : '15%'}
      bg={ours ? 'var(--mantine-color-blue-light)' : undefined}
      data-testid="inbox-item"
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="xs" fw={600} truncate="end" style={{ unicodeBidi: 'isolate', minWidth: 0 }}>
          {ours ? (reply?.authorName ?? t('inbox.us')) : item.authorName || item.authorHandle}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {formatInstant(String(item.createdAt), workspace.timeZone, language)}
        </Text>
      </Group>
      <Spoiler maxHeight={160} showLabel="…" hideLabel="↑">
        <Text size="sm" dir="auto" style={PEOPLE_TEXT} data-testid="inbox-item-text">
          {item.text}
        </Text>
      </Spoiler>
      <Group gap={4} mt={4}>
        {item.sentiment && (
          <Badge size="xs" variant="light" color={SENTIMENT_COLORS[item.sentiment]}>
            {t(`inbox.sentiments.${item.sentiment}`)}
            {item.sentimentManual ? ` · ${t('inbox.corrected')}` : ''}
          </Badge>
        )}
        {item.hidden && (
          <Badge size="xs" color="orange">
            {t('inbox.hidden')}
          </Badge>
        )}
        {item.deleted && (
          <Badge size="xs" color="red">
            {t('inbox.deleted')}
          </Badge>
        )}
        {canReply && !item.deleted && (
          <Menu position="bottom-start">
            <Menu.Target>
              <Button size="compact-xs" variant="subtle" aria-label={t('inbox.correctSentiment')}>
                ⋯
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {actions.map((a) => (
                <Menu.Item key={a} onClick={() => act.mutate(a)} color={a === 'delete' || a === 'block' ? 'red' : undefined}>
                  {t(`inbox.actions.${a}`)}
                </Menu.Item>
              ))}
              {!ours && (
                <>
                  <Menu.Label>{t('inbox.correctSentiment')}</Menu.Label>
                  {(['positive', 'neutral', 'negative'] as const).map((s) => (
                    <Menu.Item key={s} onClick={() => correct.mutate(s)}>
                      {t(`inbox.sentiments.${s}`)}
                    </Menu.Item>
                  ))}
                </>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {(act.error || correct.error) && (
        <Text size="xs" c="red">
          {apiErrorText(act.error ?? correct.error)}
        </Text>
      )}
    </Card>
  );
}

type OtherReply = { authorName: string | null; text: string };

function ReplyBox({ detail, replyRef, onSent }: { detail: Detail; replyRef: React.RefObject<HTMLTextAreaElement>; onSent: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const capabilities = detail.capabilities;
  const modes = (['public', 'private', 'direct_message'] as const).filter((m) =>
    capabilities?.actions.includes(m === 'public' ? 'reply' : m === 'private' ? 'private_reply' : 'direct_message'),
  );
  const defaultMode = detail.kind === 'direct_message' && modes.includes('direct_message') ? 'direct_message' : (modes[0] ?? 'public');
  const [mode, setMode] = useState<string>(defaultMode);
  // The draft survives errors and is kept per conversation while the page is open.
  const [text, setText] = useState('');
  const [other, setOther] = useState<OtherReply | null>(null);
  const [done, setDone] = useState(false);
  const [linkUrl, setLinkUrl] = useState('');
  const saved = useQuery({
    queryKey: inboxKeys.saved(workspace.id, detail.id),
    queryFn: async () =>
      (
        await apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/saved-replies', {
          params: { workspaceId: workspace.id },
          query: new URLSearchParams({ conversationId: detail.id }),
        })
      ).items,
  });
  const send = useMutation({
    mutationFn: (force: boolean) =>
      api('POST', `/workspaces/${workspace.id}/inbox/conversations/${detail.id}/replies`, {
        text,
        mode,
        ...(force ? { force: true } : {}),
      }),
    onSuccess: () => {
      setText('');
      setOther(null);
      setDone(true);
      onSent();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'inbox_already_answered') {
        const reply = (error.details as { reply?: OtherReply } | null)?.reply;
        if (reply) setOther(reply);
      }
    },
  });
  const link = useMutation({
    mutationFn: () =>
      api<{ shortUrl: string }>('POST', `/workspaces/${workspace.id}/inbox/conversations/${detail.id}/link`, { url: linkUrl }),
    onSuccess: (created) => {
      setText((current) =>
        current.includes('{enlace}') ? current.replace('{enlace}', created.shortUrl) : `${current}${current ? ' ' : ''}${created.shortUrl}`,
      );
      setLinkUrl('');
    },
  });
  const max = capabilities?.maxReplyChars ?? null;
  const length = Array.from(text).length;
  return (
    <Stack gap={6}>
      {detail.channelStatus !== 'active' && <Alert color="orange">{t('inbox.channelNeedsReconnect')}</Alert>}
      {capabilities?.messagingWindowHours && mode !== 'public' && (
        <Text size="xs" c="dimmed">
          {t('inbox.window', { hours: capabilities.messagingWindowHours })}
        </Text>
      )}
      {other && (
        <Alert
          color="yellow"
          title={t('inbox.alreadyAnswered', { who: other.authorName ?? t('inbox.someone') })}
          data-testid="inbox-already-answered"
        >
          <Text size="sm" style={PEOPLE_TEXT}>
            {other.text}
          </Text>
          <Button mt="xs" size="xs" variant="default" onClick={() => send.mutate(true)} loading={send.isPending}>
            {t('inbox.sendAnyway')}
          </Button>
        </Alert>
      )}
      <Textarea
        ref={replyRef}
        label={t('inbox.replyLabel')}
        placeholder={t('inbox.replyPlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setDone(false);
        }}
        autosize
        minRows={2}
        maxRows={8}
        error={max !== null && length > max ? `${length} / ${max}` : undefined}
        data-testid="inbox-reply"
      />
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          {modes.length > 1 && (
            <Select
              aria-label={t('inbox.mode')}
              data={modes.map((m) => ({ value: m, label: t(`inbox.modes.${m}`) }))}
              value={mode}
              onChange={(value) => value && setMode(value)}
              w={170}
              size="xs"
            />
          )}
          <Menu position="top-start">
            <Menu.Target>
              <Button size="xs" variant="default">
                {t('inbox.savedReplies')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(saved.data ?? []).length === 0 && <Menu.Label>{t('inbox.noSavedReplies')}</Menu.Label>}
              {(saved.data ?? []).map((r) => (
                <Menu.Item key={r.id} onClick={() => setText(r.filled ?? r.text)}>
                  {r.name} ({r.language})
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Popover position="top-start" withArrow>
            <Popover.Target>
              <Button size="xs" variant="default">
                {t('inbox.insertLink')}
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <Group gap="xs" align="flex-end">
                <TextInput
                  label={t('inbox.linkUrl')}
                  value={linkUrl}
                  onChange={(e) => setLinkUrl(e.currentTarget.value)}
                  placeholder="https://"
                  size="xs"
                />
                <Button size="xs" onClick={() => link.mutate()} loading={link.isPending} disabled={!linkUrl}>
                  {t('inbox.insert')}
                </Button>
              </Group>
              {link.error && (
                <Text size="xs" c="red">
                  {apiErrorText(link.error)}
                </Text>
              )}
            </Popover.Dropdown>
          </Popover>
        </Group>
        <Button onClick={() => send.mutate(false)} loading={send.isPending} disabled={!text.trim()} data-testid="inbox-send">
          {t('inbox.send')}
        </Button>
      </Group>
      {send.error && !other && <Alert color="red">{apiErrorText(send.error)}</Alert>}
      {done && (
        <Text size="xs" c="dimmed">
          {t('inbox.sent')}
        </Text>
      )}
    </Stack>
  );
}

function NoteBox({ conversationId, onSaved }: { conversationId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [text, setText] = useState('');
  const save = useMutation({
    mutationFn: () => api('POST', `/workspaces/${workspace.id}/inbox/conversations/${conversationId}/notes`, { text }),
    onSuccess: () => {
      setText('');
      onSaved();
    },
  });
  return (
    <Stack gap={4}>
      <Textarea
        label={t('inbox.notes')}
        placeholder={t('inbox.notePlaceholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={1}
      />
      <Group justify="flex-end">
        <Button size="xs" variant="light" color="yellow" onClick={() => save.mutate()} disabled={!text.trim()} loading={save.isPending}>
          {t('inbox.addNote')}
        </Button>
      </Group>
      {save.error && (
        <Text size="xs" c="red">
          {apiErrorText(save.error)}
        </Text>
      )}
    </Stack>
  );
}
