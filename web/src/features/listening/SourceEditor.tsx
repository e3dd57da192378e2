import { useState } from 'react';
import { Button, Group, Modal, NumberInput, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall, ApiError } from '../../api/client.ts';
import { useChannels } from '../channels/api.ts';
import { useWorkspace } from '../../shared/session.tsx';
import type { ListeningSource } from './types.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { listeningKeys } from './api.ts';

/** Config key holding the address each kind of source reads. */
const URL_KEYS: Record<string, string> = { rss: 'url', mastodon: 'instanceUrl', bluesky_firehose: 'serviceUrl', bluesky_jetstream: 'url' };
/** Kinds that poll (and so have an interval), with the smallest interval the API accepts. */
const MIN_INTERVAL: Record<string, number> = { rss: 5, mastodon: 1, channel_mentions: 1 };

type Draft = Record<string, string | number | undefined>;

function draftOf(source: ListeningSource): Draft {
  const draft: Draft = {};
  for (const [key, value] of Object.entries(source.config)) {
    // The stored token is never sent back (the API shows "••••"): an empty field keeps it.
    if (key === 'accessToken') continue;
    if (typeof value === 'string' || typeof value === 'number') draft[key] = value;
  }
  return draft;
}

/** Edits a source: name, active, and the settings of its kind. A new target restarts it from scratch. */
export function SourceEditor({ source, onClose }: { source: ListeningSource; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const channels = useChannels();
  const [name, setName] = useState(source.name);
  const [active, setActive] = useState(source.active);
  const [draft, setDraft] = useState<Draft>(() => draftOf(source));
  const [token, setToken] = useState('');
  const field = (key: string) => (draft[key] === undefined ? '' : String(draft[key]));
  const set = (key: string, value: string | number | undefined) => setDraft({ ...draft, [key]: value === '' ? undefined : value });
  const hasToken = source.config.accessToken !== undefined;

  const save = useMutation({
    mutationFn: () => {
      const original = draftOf(source);
      const config: Record<string, unknown> = {};
      for (const key of new Set([...Object.keys(original), ...Object.keys(draft)])) {
        // Only what changed is sent; a cleared optional setting is removed (null).
        if (draft[key] !== original[key]) config[key] = draft[key] ?? null;
      }
      if (token) config.accessToken = token;
      return apiCall('patch', '/api/v1/workspaces/{workspaceId}/listening/sources/{sourceId}', {
        params: { workspaceId: workspace.id, sourceId: source.id },
        body: {
          ...(name !== source.name && { name }),
          ...(active !== source.active && { active }),
          ...(Object.keys(config).length > 0 && { config }),
        },
      });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: listeningKeys.sources(workspace.id) });
      onClose();
    },
  });
  const issues = save.error instanceof ApiError ? ((save.error.details as { issues?: Array<{ path: string; message: string }> } | null)?.issues ?? []) : [];
  const urlKey = URL_KEYS[source.kind];

  return (
    <Modal opened onClose={onClose} title={t('listening.editSourceTitle', { name: source.name })} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg">
      <Stack gap="sm" data-testid="source-editor">
        <Text size="sm" c="dimmed">{t(`listening.sourceKinds.${source.kind}`, { defaultValue: source.kind })}</Text>
        <TextInput label={t('listening.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Switch label={t('listening.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        {urlKey && <TextInput label={t(`listening.sourceUrl.${source.kind}`)} value={field(urlKey)} onChange={(e) => set(urlKey, e.currentTarget.value)} required data-testid="source-url" />}
        {source.kind === 'mastodon' && (
          <>
            <Select label={t('listening.mode')} data={['stream', 'search'].map((m) => ({ value: m, label: t(`listening.modes.${m}`) }))} value={field('mode') || 'stream'} onChange={(v) => v && set('mode', v)} allowDeselect={false} />
            {field('mode') === 'search' ? (
              <TextInput label={t('listening.searchTerms')} value={field('q')} onChange={(e) => set('q', e.currentTarget.value)} required />
            ) : (
              <Group grow align="flex-start">
                <Select label={t('listening.timeline')} data={['public', 'local', 'hashtag'].map((m) => ({ value: m, label: t(`listening.timelines.${m}`) }))} value={field('timeline') || 'public'} onChange={(v) => v && set('timeline', v)} allowDeselect={false} />
                {field('timeline') === 'hashtag' && <TextInput label={t('listening.hashtag')} value={field('hashtag')} onChange={(e) => set('hashtag', e.currentTarget.value.replace(/^#/, ''))} required />}
              </Group>
            )}
            <PasswordInput label={t('listening.accessToken')} description={hasToken ? t('listening.accessTokenKeep') : t('listening.accessTokenOptional')} value={token} onChange={(e) => setToken(e.currentTarget.value)} autoComplete="off" />
          </>
        )}
        {source.kind === 'channel_mentions' && (
          <Select label={t('listening.channel')} data={(channels.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${i18n.language === 'es' ? c.networkLabel.es : c.networkLabel.en}` }))} value={field('channelId') || null} onChange={(v) => v && set('channelId', v)} allowDeselect={false} />
        )}
        {MIN_INTERVAL[source.kind] !== undefined && (
          <NumberInput label={t('listening.intervalMinutes')} min={MIN_INTERVAL[source.kind]} max={1440} value={draft.intervalMinutes ?? ''} onChange={(v) => set('intervalMinutes', typeof v === 'number' ? v : undefined)} />
        )}
        <Text size="xs" c="dimmed">{t('listening.cursorResetNote')}</Text>
        {save.error && (
          <ApiErrorAlert error={save.error} data-testid="source-error">
            {issues.map((issue) => <Text key={issue.path} size="xs">{issue.path}: {issue.message}</Text>)}
          </ApiErrorAlert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('listening.cancel')}</Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!name.trim()}>{t('listening.saveSource')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
