import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { formatInstant } from '../../shared/format.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { useChannels } from '../channels/api.ts';
import { editPostPath } from '../posts/EditPostButton.tsx';
import { useStrategyItems } from '../strategy/api.ts';
import { type BoardColumn, type IdeaCard, ideaKeys, useIdea, useIdeasBoard, useSnippets } from './api.ts';

/** Where a card may be dropped by hand: idea → draft (makes its post), draft → in review (submits it). */
const DROPS: Partial<Record<BoardColumn, BoardColumn>> = { idea: 'draft', draft: 'in_review' };

interface IdeaForm {
  title: string;
  notes: string;
  pillarId: string | null;
  campaignId: string | null;
  objectiveId: string | null;
  channelIds: string[];
}
const emptyForm: IdeaForm = { title: '', notes: '', pillarId: null, campaignId: null, objectiveId: null, channelIds: [] };

/** The strategy pickers and channels of an idea. */
function IdeaFields({ value, onChange }: { value: IdeaForm; onChange: (next: IdeaForm) => void }) {
  const { t } = useTranslation();
  const pillars = useStrategyItems('pillars');
  const campaigns = useStrategyItems('campaigns');
  const objectives = useStrategyItems('objectives');
  const channels = useChannels();
  const options = (items: Array<{ id: string; name: string }> | undefined) => (items ?? []).map((i) => ({ value: i.id, label: i.name }));
  return (
    <Stack gap="xs">
      <TextInput
        label={t('ideas.titleLabel')}
        placeholder={t('ideas.titlePlaceholder')}
        value={value.title}
        onChange={(e) => onChange({ ...value, title: e.currentTarget.value })}
        required
      />
      <Textarea
        label={t('ideas.notes')}
        autosize
        minRows={2}
        value={value.notes}
        onChange={(e) => onChange({ ...value, notes: e.currentTarget.value })}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <Select
          label={t('ideas.pillar')}
          placeholder={t('ideas.none')}
          data={options(pillars.data)}
          value={value.pillarId}
          onChange={(pillarId) => onChange({ ...value, pillarId })}
          clearable
        />
        <Select
          label={t('ideas.campaign')}
          placeholder={t('ideas.none')}
          data={options(campaigns.data)}
          value={value.campaignId}
          onChange={(campaignId) => onChange({ ...value, campaignId })}
          clearable
        />
        <Select
          label={t('ideas.objective')}
          placeholder={t('ideas.none')}
          data={options(objectives.data)}
          value={value.objectiveId}
          onChange={(objectiveId) => onChange({ ...value, objectiveId })}
          clearable
        />
      </SimpleGrid>
      <MultiSelect
        label={t('ideas.channels')}
        description={t('ideas.channelsHelp')}
        data={(channels.data ?? []).filter((c) => c.status !== 'disconnected').map((c) => ({ value: c.id, label: c.name }))}
        value={value.channelIds}
        onChange={(channelIds) => onChange({ ...value, channelIds })}
      />
    </Stack>
  );
}

/** One card: its links, comment count and the one step its column allows. */
function IdeaCardView({
  card,
  names,
  canWrite,
  onOpen,
  onMove,
  moving,
  onDragStart,
  onDropOn,
}: {
  card: IdeaCard;
  names: (kind: 'pillars' | 'campaigns' | 'objectives', id: string | null) => string | null;
  canWrite: boolean;
  onOpen: () => void;
  onMove: (column: BoardColumn) => void;
  moving: boolean;
  onDragStart: () => void;
  /** A card dropped on this one: true when it was taken (a reorder within the column). */
  onDropOn: () => boolean;
}) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const next = DROPS[card.column];
  const links = [
    ['pillars', card.pillarId, 'grape'],
    ['campaigns', card.campaignId, 'blue'],
    ['objectives', card.objectiveId, 'teal'],
  ] as const;
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-testid="idea-card"
      draggable={canWrite}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', card.id);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      onDrop={(e) => {
        if (onDropOn()) {
          e.preventDefault();
          e.stopPropagation();
        }
      }}
      style={{ cursor: canWrite ? 'grab' : undefined }}
    >
      <Stack gap={6}>
        <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={onOpen}>
          {card.title}
        </Anchor>
        {card.notes && (
          <Text size="xs" c="dimmed" lineClamp={3}>
            {card.notes}
          </Text>
        )}
        <Group gap={4}>
          {links.map(([kind, id, color]) => {
            const name = names(kind, id);
            return name ? (
              <Badge key={kind} size="xs" variant="light" color={color}>
                {name}
              </Badge>
            ) : null;
          })}
        </Group>
        {canWrite && card.column === 'idea' && card.channelIds.length === 0 && (
          <Text size="xs" c="dimmed" fs="italic">
            {t('ideas.needsChannels')}
          </Text>
        )}
        {card.postState && (
          <Text size="xs" c="dimmed">
            {t('ideas.postState', { state: t(`states.${card.postState}`) })}
            {card.postScheduledAt ? ` · ${formatInstant(card.postScheduledAt, workspace.timeZone, i18n.language)}` : ''}
          </Text>
        )}
        {card.comments > 0 && (
          <Text size="xs" c="dimmed">
            {t('ideas.comments', { count: card.comments })}
          </Text>
        )}
        <Group gap="xs">
          <Group gap={4}>
            {card.postId && (
              <Anchor component={Link} to={card.column === 'published' ? `/posts/${card.postId}` : editPostPath(card.postId)} size="xs">
                {t('ideas.openPost')}
              </Anchor>
            )}
            {canWrite && next && (
              <Button size="compact-xs" variant="light" loading={moving} onClick={() => onMove(next)}>
                {card.column === 'idea' ? t('ideas.makePost') : t('ideas.submit')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

/** The card's details: edit it, comment on it, delete it. */
function IdeaModal({ ideaId, onClose }: { ideaId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const canWrite = useCan('post.write');
  const canComment = useCan('comment');
  const idea = useIdea(ideaId);
  const [form, setForm] = useState<IdeaForm | null>(null);
  const [comment, setComment] = useState('');
  const params = { workspaceId: workspace.id, ideaId };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ideaKeys.board(workspace.id) });
  const save = useMutation({
    mutationFn: (value: IdeaForm) => apiCall('patch', '/api/v1/workspaces/{workspaceId}/ideas/{ideaId}', { params, body: value }),
    onSuccess: async () => {
      setForm(null);
      await refresh();
    },
  });
  const addComment = useMutation({
    mutationFn: () => apiCall('post', '/api/v1/workspaces/{workspaceId}/ideas/{ideaId}/comments', { params, body: { body: comment } }),
    onSuccess: async () => {
      setComment('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiCall('delete', '/api/v1/workspaces/{workspaceId}/ideas/{ideaId}', { params }),
    onSuccess: async () => {
      onClose();
      await refresh();
    },
  });
  const data = idea.data;
  const current: IdeaForm | null =
    form ??
    (data
      ? {
          title: data.title,
          notes: data.notes,
          pillarId: data.pillarId,
          campaignId: data.campaignId,
          objectiveId: data.objectiveId,
          channelIds: data.channelIds,
        }
      : null);
  return (
    <Modal opened onClose={onClose} title={t('ideas.details')} size="lg">
      {!data || !current ? (
        <Text>{t('common.loading')}</Text>
      ) : (
        <Stack>
          {canWrite ? (
            <>
              <IdeaFields value={current} onChange={setForm} />
              <ApiErrorAlert error={save.error} />
              <Group justify="space-between">
                <Button
                  color="red"
                  variant="subtle"
                  onClick={() => window.confirm(t('ideas.confirmDelete')) && remove.mutate()}
                  loading={remove.isPending}
                >
                  {t('ideas.delete')}
                </Button>
                <Button onClick={() => save.mutate(current)} loading={save.isPending} disabled={!form || !current.title.trim()}>
                  {t('ideas.save')}
                </Button>
              </Group>
            </>
          ) : (
            <Text fw={600}>{data.title}</Text>
          )}
          <Title order={5}>{t('ideas.comments', { count: data.commentList.length })}</Title>
          {data.commentList.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('ideas.noComments')}
            </Text>
          )}
          {data.commentList.map((c) => (
            <Paper key={c.id} withBorder p="xs" data-testid="idea-comment">
              <Text size="xs" c="dimmed">
                {c.authorName ?? '—'} · {formatInstant(String(c.createdAt), workspace.timeZone, i18n.language)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </Paper>
          ))}
          {canComment && (
            <Group align="flex-end">
              <Textarea
                label={t('ideas.commentLabel')}
                placeholder={t('ideas.commentPlaceholder')}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                style={{ flex: 1 }}
                autosize
              />
              <Button onClick={() => addComment.mutate()} loading={addComment.isPending} disabled={!comment.trim()}>
                {t('ideas.send')}
              </Button>
            </Group>
          )}
          <ApiErrorAlert error={addComment.error ?? remove.error} />
        </Stack>
      )}
    </Modal>
  );
}

/** Saved text snippets and hashtag sets: list, add, delete. */
function SnippetsManager() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const canWrite = useCan('post.write');
  const snippets = useSnippets();
  const [kind, setKind] = useState<'text' | 'hashtags'>('hashtags');
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ideaKeys.snippets(workspace.id) });
  const create = useMutation({
    mutationFn: () =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/snippets', { params: { workspaceId: workspace.id }, body: { kind, name, body } }),
    onSuccess: async () => {
      setName('');
      setBody('');
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (snippetId: string) =>
      apiCall('delete', '/api/v1/workspaces/{workspaceId}/snippets/{snippetId}', { params: { workspaceId: workspace.id, snippetId } }),
    onSuccess: refresh,
  });
  return (
    <Stack gap="xs" data-testid="snippets">
      <Title order={3}>{t('ideas.snippets.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('ideas.snippets.help')}
      </Text>
      {snippets.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('ideas.snippets.none')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} spacing="xs">
        {(snippets.data ?? []).map((s) => (
          <Paper key={s.id} withBorder p="xs" data-testid="snippet">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {s.name}
                  </Text>
                  <Badge size="xs" variant="light" color={s.kind === 'hashtags' ? 'grape' : 'gray'}>
                    {t(`ideas.snippets.${s.kind}`)}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
                  {s.body}
                </Text>
              </div>
              {canWrite && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('ideas.snippets.delete', { name: s.name })}
                  onClick={() => remove.mutate(s.id)}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          </Paper>
        ))}
      </SimpleGrid>
      {canWrite && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <SegmentedControl
              value={kind}
              onChange={(value) => setKind(value as 'text' | 'hashtags')}
              data={[
                { value: 'hashtags', label: t('ideas.snippets.hashtags') },
                { value: 'text', label: t('ideas.snippets.text') },
              ]}
              w="fit-content"
            />
            <Group align="flex-end" grow>
              <TextInput label={t('ideas.snippets.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maw={260} />
              {kind === 'hashtags' ? (
                <TextInput
                  label={t('ideas.snippets.tags')}
                  placeholder={t('ideas.snippets.tagsPlaceholder')}
                  value={body}
                  onChange={(e) => setBody(e.currentTarget.value)}
                />
              ) : (
                <Textarea
                  label={t('ideas.snippets.body')}
                  autosize
                  minRows={1}
                  value={body}
                  onChange={(e) => setBody(e.currentTarget.value)}
                />
              )}
              <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!name.trim() || !body.trim()} maw={140}>
                {t('ideas.snippets.add')}
              </Button>
            </Group>
            <ApiErrorAlert error={create.error ?? remove.error} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** The ideas board: five columns, cards dragged through the first two, and the workspace's snippets. */
export function IdeasPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canWrite = useCan('post.write');
  const board = useIdeasBoard();
  const pillars = useStrategyItems('pillars');
  const campaigns = useStrategyItems('campaigns');
  const objectives = useStrategyItems('objectives');
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState<IdeaForm>(emptyForm);
  const [openId, setOpenId] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState<BoardColumn | null>(null);
  const lists = { pillars: pillars.data, campaigns: campaigns.data, objectives: objectives.data };
  const names = (kind: keyof typeof lists, id: string | null) => (id ? ((lists[kind] ?? []).find((i) => i.id === id)?.name ?? null) : null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: workspaceKeyOf(workspace.id) });
  const create = useMutation({
    mutationFn: () => apiCall('post', '/api/v1/workspaces/{workspaceId}/ideas', { params: { workspaceId: workspace.id }, body: form }),
    onSuccess: async () => {
      setForm(emptyForm);
      setAdding(false);
      await refresh();
    },
  });
  const move = useMutation({
    mutationFn: (input: { ideaId: string; column: BoardColumn; thenOpen?: boolean }) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/ideas/{ideaId}/move', {
        params: { workspaceId: workspace.id, ideaId: input.ideaId },
        body: { column: input.column },
      }),
    onSuccess: async (result, input) => {
      await refresh();
      // "Make a draft post" opens the new draft in the composer; a drag stays on the board.
      if (input.thenOpen && result.postId) navigate(editPostPath(result.postId));
    },
  });
  const cards = board.data?.items ?? [];
  const columns = board.data?.columns ?? [];
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const dragging = cards.find((c) => c.id === draggingId);
  const reorder = useMutation({
    mutationFn: (input: { ideaId: string; position: number }) =>
      apiCall('patch', '/api/v1/workspaces/{workspaceId}/ideas/{ideaId}', {
        params: { workspaceId: workspace.id, ideaId: input.ideaId },
        body: { position: input.position },
      }),
    onSuccess: refresh,
  });
  /** Puts the dragged card just before `target` in their column (positions are fractions, so no other card moves). */
  const placeBefore = (target: IdeaCard): boolean => {
    if (!dragging || dragging.id === target.id || dragging.column !== target.column) return false;
    const own = cards.filter((c) => c.column === target.column && c.id !== dragging.id);
    const index = own.findIndex((c) => c.id === target.id);
    const before = index > 0 ? own[index - 1].position : target.position - 2;
    reorder.mutate({ ideaId: dragging.id, position: (before + target.position) / 2 });
    setDraggingId(null);
    return true;
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('ideas.title')}</Title>
        {canWrite && !adding && <Button onClick={() => setAdding(true)}>{t('ideas.new')}</Button>}
      </Group>
      <Text size="sm" c="dimmed" maw={900}>
        {t('ideas.help')}
      </Text>
      {adding && (
        <Paper withBorder p="md">
          <Stack gap="xs">
            <IdeaFields value={form} onChange={setForm} />
            <ApiErrorAlert error={create.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('ideas.cancel')}
              </Button>
              <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!form.title.trim()}>
                {t('ideas.add')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {(move.error ?? reorder.error) ? (
        <ApiErrorAlert
          error={move.error ?? reorder.error}
          withCloseButton
          onClose={() => {
            move.reset();
            reorder.reset();
          }}
        />
      ) : null}
      {board.error ? <ApiErrorAlert error={board.error} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" data-testid="ideas-board">
        {columns.map((column) => {
          const own = cards.filter((c) => c.column === column);
          const accepts = (Object.entries(DROPS) as Array<[BoardColumn, BoardColumn]>).some(([, to]) => to === column);
          return (
            <Stack
              key={column}
              gap="xs"
              p="xs"
              data-testid={`column-${column}`}
              style={{
                background: dragOver === column ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)',
                borderRadius: 8,
                minHeight: 160,
                outline: dragOver === column ? '2px dashed var(--mantine-color-blue-4)' : undefined,
              }}
              onDragOver={(e) => {
                if (!canWrite || !dragging || (dragging.column !== column && DROPS[dragging.column] !== column)) return;
                e.preventDefault();
                setDragOver(column);
              }}
              onDragLeave={() => setDragOver(null)}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(null);
                const card = dragging;
                setDraggingId(null);
                if (!card) return;
                if (card.column === column) {
                  // Dropped below the last card: it goes to the end of its column.
                  const last = Math.max(...own.map((c) => c.position));
                  if (own.at(-1)?.id !== card.id) reorder.mutate({ ideaId: card.id, position: last + 1 });
                } else if (DROPS[card.column] === column) {
                  if (column === 'draft' && card.channelIds.length === 0) setOpenId(card.id);
                  else move.mutate({ ideaId: card.id, column });
                }
              }}
            >
              <Group justify="space-between">
                <Text fw={700} size="sm">
                  {t(`ideas.columns.${column}`)}
                </Text>
                <Badge variant="light" color="gray" size="sm">
                  {own.length}
                </Badge>
              </Group>
              {own.length === 0 && (
                <Text size="xs" c="dimmed" ta="center" py="md">
                  {accepts && canWrite ? t('ideas.dropHere') : t('ideas.empty')}
                </Text>
              )}
              {own.map((card) => (
                <IdeaCardView
                  key={card.id}
                  card={card}
                  names={names}
                  canWrite={canWrite}
                  onOpen={() => setOpenId(card.id)}
                  moving={move.isPending && move.variables?.ideaId === card.id}
                  onDragStart={() => setDraggingId(card.id)}
                  onDropOn={() => placeBefore(card)}
                  onMove={(to) => {
                    if (to === 'draft' && card.channelIds.length === 0) setOpenId(card.id);
                    else move.mutate({ ideaId: card.id, column: to, thenOpen: to === 'draft' });
                  }}
                />
              ))}
            </Stack>
          );
        })}
      </SimpleGrid>
      {openId && <IdeaModal ideaId={openId} onClose={() => setOpenId(null)} />}
      <SnippetsManager />
    </Stack>
  );
}

function workspaceKeyOf(workspaceId: string) {
  return ideaKeys.board(workspaceId).slice(0, -1);
}
