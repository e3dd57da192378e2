import { Button, Card, Checkbox, Group, Menu, Popover, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { inboxKeys } from './api.ts';

/** The list's filter as a saved view holds it. */
export interface ListFilter {
  view?: 'all' | 'mine' | 'unassigned';
  state?: 'active' | 'any' | 'new' | 'open' | 'pending' | 'resolved';
  channelId?: string;
  kind?: 'comment' | 'reply' | 'mention' | 'quote' | 'direct_message' | 'review';
  label?: string;
  q?: string;
}

/** A checkbox on a row of the list (bulk selection). */
export function SelectBox({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox
      aria-label={t('inboxRules.list.select')}
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
      onClick={(e) => e.stopPropagation()}
      data-testid="inbox-select"
    />
  );
}

/** What to do with the selected conversations: resolve, reopen, assign, add a label. */
export function BulkBar({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const [label, setLabel] = useState('');
  const members = useQuery({
    queryKey: inboxKeys.members(workspace.id),
    // The same key as the conversation's assignee picker: the same shape (the list itself).
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/members', { params: { workspaceId: workspace.id } })).items,
  });
  const bulk = useMutation({
    mutationFn: (change: { state?: 'resolved' | 'open'; assigneeUserId?: string | null; addLabels?: string[] }) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/inbox/conversations/bulk', {
        params: { workspaceId: workspace.id },
        body: { conversationIds: selected, ...change },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: inboxKeys.all(workspace.id) });
      onDone();
    },
  });
  if (selected.length === 0) return null;
  return (
    <Card withBorder padding="xs" data-testid="inbox-bulk">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('inboxRules.list.selected', { count: selected.length })}
        </Text>
        <Button size="xs" onClick={() => bulk.mutate({ state: 'resolved' })} loading={bulk.isPending} data-testid="bulk-resolve">
          {t('inboxRules.list.bulkResolve')}
        </Button>
        <Button size="xs" variant="default" onClick={() => bulk.mutate({ state: 'open' })}>
          {t('inboxRules.list.bulkReopen')}
        </Button>
        <Menu>
          <Menu.Target>
            <Button size="xs" variant="default">
              {t('inboxRules.list.bulkAssign')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(members.data ?? []).map((m) => (
              <Menu.Item key={m.userId} onClick={() => bulk.mutate({ assigneeUserId: m.userId })}>
                {m.name}
              </Menu.Item>
            ))}
            <Menu.Item onClick={() => bulk.mutate({ assigneeUserId: null })}>{t('inbox.nobody')}</Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <TextInput
          size="xs"
          placeholder={t('inboxRules.list.bulkLabel')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && label.trim()) bulk.mutate({ addLabels: [label.trim()] });
          }}
          w={150}
        />
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t('inboxRules.list.clear')}
        </Button>
        {bulk.error && (
          <Text size="xs" c="red">
            {apiErrorText(bulk.error)}
          </Text>
        )}
      </Group>
    </Card>
  );
}

/** Saved views: pick one to apply its filter, or save the current filter (shared ones: managers). */
export function SavedViews({ filter, onApply }: { filter: ListFilter; onApply: (filter: ListFilter) => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canShare = useCan('inbox.manage');
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [opened, setOpened] = useState(false);
  const key = [...inboxKeys.all(workspace.id), 'views'];
  const views = useQuery({
    queryKey: key,
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/views', { params: { workspaceId: workspace.id } }),
  });
  const save = useMutation({
    mutationFn: () =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/inbox/views', {
        params: { workspaceId: workspace.id },
        body: { name: name.trim(), shared, filter },
      }),
    onSuccess: () => {
      setName('');
      setOpened(false);
      void client.invalidateQueries({ queryKey: key });
    },
  });
  const items = views.data?.items ?? [];
  return (
    <Group gap="xs" align="flex-end">
      <Select
        aria-label={t('inboxRules.list.views')}
        placeholder={t('inboxRules.list.views')}
        data={items.map((v) => ({ value: v.id, label: v.shared ? `${v.name} ★` : v.name }))}
        value={null}
        onChange={(id) => {
          const view = items.find((v) => v.id === id);
          if (view) onApply(view.filter);
        }}
        w={180}
        data-testid="inbox-views"
      />
      <Popover opened={opened} onChange={setOpened} position="bottom-end">
        <Popover.Target>
          <Button size="sm" variant="default" onClick={() => setOpened((o) => !o)}>
            {t('inboxRules.list.saveView')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <TextInput label={t('inboxRules.list.viewName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            {canShare && (
              <Switch label={t('inboxRules.list.shared')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
            )}
            {save.error && (
              <Text size="xs" c="red">
                {apiErrorText(save.error)}
              </Text>
            )}
            <Button size="xs" onClick={() => save.mutate()} disabled={!name.trim()} loading={save.isPending}>
              {t('inboxRules.report.save')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
