import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiCall } from '../../api/client.ts';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { inboxKeys } from './api.ts';
import { InboxNav } from './InboxNav.tsx';

const KINDS = ['comment', 'reply', 'mention', 'quote', 'direct_message', 'review'] as const;
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const STAGES = ['follower', 'prospect', 'lead', 'customer'] as const;

interface Draft {
  name: string;
  query: string;
  networks: string[];
  kinds: string[];
  sentiments: string[];
  languages: string[];
  link: 'any' | 'yes' | 'no';
  assignTo: string;
  labels: string[];
  priority: string;
  hide: boolean;
  resolve: boolean;
  savedReplyId: string;
}

const EMPTY: Draft = {
  name: '',
  query: '',
  networks: [],
  kinds: [],
  sentiments: [],
  languages: [],
  link: 'any',
  assignTo: '',
  labels: [],
  priority: '',
  hide: false,
  resolve: false,
  savedReplyId: '',
};

function conditionsOf(d: Draft) {
  return {
    ...(d.query.trim() ? { query: d.query.trim() } : {}),
    ...(d.networks.length ? { networks: d.networks } : {}),
    ...(d.kinds.length ? { kinds: d.kinds as (typeof KINDS)[number][] } : {}),
    ...(d.sentiments.length ? { sentiments: d.sentiments as (typeof SENTIMENTS)[number][] } : {}),
    ...(d.languages.length ? { languages: d.languages } : {}),
    ...(d.link !== 'any' ? { hasLink: d.link === 'yes' } : {}),
  };
}

function actionsOf(d: Draft) {
  return {
    ...(d.assignTo ? { assignTo: d.assignTo } : {}),
    ...(d.labels.length ? { addLabels: d.labels } : {}),
    ...(d.priority ? { priority: d.priority as (typeof PRIORITIES)[number] } : {}),
    ...(d.hide ? { hide: true } : {}),
    ...(d.resolve ? { resolve: true } : {}),
    ...(d.savedReplyId ? { savedReplyId: d.savedReplyId } : {}),
  };
}

/** The position a query error points at (1-based for people), when the error is one. */
function queryPosition(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'invalid_query') return null;
  const details = error.details as { position?: number } | null;
  return typeof details?.position === 'number' ? details.position + 1 : null;
}

/** /inbox/rules: the workspace's rules in order, a form to add one, and the 30-day tester. */
export default function InboxRulesPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canManage = useCan('inbox.manage');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const key = [...inboxKeys.all(workspace.id), 'rules'];
  const rules = useQuery({
    queryKey: key,
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/rules', { params: { workspaceId: workspace.id } }),
  });
  const members = useQuery({
    queryKey: inboxKeys.members(workspace.id),
    // The same key as the conversation's assignee picker: the same shape (the list itself).
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/members', { params: { workspaceId: workspace.id } })).items,
  });
  const saved = useQuery({
    queryKey: [...inboxKeys.all(workspace.id), 'saved-replies'],
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/saved-replies', { params: { workspaceId: workspace.id } }),
  });
  const settings = useQuery({
    queryKey: [...inboxKeys.all(workspace.id), 'settings'],
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/settings', { params: { workspaceId: workspace.id } }),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: () =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/inbox/rules', {
        params: { workspaceId: workspace.id },
        body: { name: draft.name.trim(), enabled: true, conditions: conditionsOf(draft), actions: actionsOf(draft) },
      }),
    onSuccess: () => {
      setDraft(EMPTY);
      test.reset();
      refresh();
    },
  });
  const test = useMutation({
    mutationFn: () =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/inbox/rules/test', {
        params: { workspaceId: workspace.id },
        body: { conditions: conditionsOf(draft), actions: {} },
      }),
  });
  const patch = useMutation({
    mutationFn: (input: { ruleId: string; enabled?: boolean; position?: number }) =>
      apiCall('patch', '/api/v1/workspaces/{workspaceId}/inbox/rules/{ruleId}', {
        params: { workspaceId: workspace.id, ruleId: input.ruleId },
        body: {
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          ...(input.position ? { position: input.position } : {}),
        },
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (ruleId: string) =>
      apiCall('delete', '/api/v1/workspaces/{workspaceId}/inbox/rules/{ruleId}', { params: { workspaceId: workspace.id, ruleId } }),
    onSuccess: refresh,
  });
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const memberName = new Map(memberOptions.map((m) => [m.value, m.label]));
  const savedOptions = (saved.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name} (${r.language})` }));
  const error = create.error ?? test.error;
  const position = queryPosition(error);
  const describe = (rule: { conditions: Record<string, unknown>; actions: Record<string, unknown> }) => {
    const c = rule.conditions as ReturnType<typeof conditionsOf> & { contactStages?: string[] };
    const a = rule.actions as ReturnType<typeof actionsOf>;
    const when = [
      c.query && `“${c.query}”`,
      c.networks?.join(', '),
      c.kinds?.map((k) => t(`inbox.kinds.${k}`)).join(', '),
      c.sentiments?.map((s) => t(`inbox.sentiments.${s}`)).join(', '),
      c.languages?.map((l) => t(`inboxRules.rules.languageNames.${l}`, { defaultValue: l })).join(', '),
      c.hasLink !== undefined && t(c.hasLink ? 'inboxRules.rules.linkYes' : 'inboxRules.rules.linkNo'),
      c.contactStages?.join(', '),
    ].filter(Boolean);
    const effects = [
      a.addLabels?.length && `${t('inboxRules.rules.labels')}: ${a.addLabels.join(', ')}`,
      a.priority && `${t('inboxRules.rules.priority')}: ${t(`inbox.priorities.${a.priority}`)}`,
      a.assignTo && `${t('inboxRules.rules.assign')}: ${memberName.get(a.assignTo) ?? '?'}`,
      a.savedReplyId && t('inboxRules.rules.savedReply'),
      a.hide && t('inboxRules.rules.hide'),
      a.resolve && t('inboxRules.rules.resolve'),
    ].filter(Boolean);
    return {
      when: when.length ? when.join(' · ') : t('inboxRules.rules.any'),
      effects: effects.join(' · ') || t('inboxRules.rules.nothing'),
    };
  };
  const hasAction = Object.keys(actionsOf(draft)).length > 0;
  return (
    <Stack>
      <InboxNav />
      <div>
        <Title order={2}>{t('inboxRules.rules.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('inboxRules.rules.intro')}
        </Text>
      </div>
      <Stack gap="xs" data-testid="inbox-rules">
        {rules.data?.items.length === 0 && <Text c="dimmed">{t('inboxRules.rules.empty')}</Text>}
        {rules.data?.items.map((rule, index) => {
          const text = describe(rule);
          return (
            <Card key={rule.id} withBorder padding="sm" data-testid="inbox-rule">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Badge variant="light">{index + 1}</Badge>
                    <Text fw={600}>{rule.name}</Text>
                    <Text size="xs" c="dimmed">
                      {t('inboxRules.rules.matched', { count: rule.matchedCount })}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    <b>{t('inboxRules.rules.conditions')}:</b> {text.when}
                  </Text>
                  <Text size="sm">
                    <b>{t('inboxRules.rules.actions')}:</b> {text.effects}
                  </Text>
                </Stack>
                {canManage && (
                  <Group gap="xs" wrap="nowrap">
                    <Switch
                      label={t('inboxRules.rules.enabled')}
                      checked={rule.enabled}
                      onChange={(e) => patch.mutate({ ruleId: rule.id, enabled: e.currentTarget.checked })}
                    />
                    {index > 0 && (
                      <Button size="xs" variant="default" onClick={() => patch.mutate({ ruleId: rule.id, position: index })}>
                        {t('inboxRules.rules.up')}
                      </Button>
                    )}
                    <Button size="xs" color="red" variant="subtle" onClick={() => remove.mutate(rule.id)}>
                      {t('inboxRules.rules.remove')}
                    </Button>
                  </Group>
                )}
              </Group>
            </Card>
          );
        })}
      </Stack>
      {!canManage ? (
        <Text c="dimmed" size="sm">
          {t('inboxRules.rules.managersOnly')}
        </Text>
      ) : (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <TextInput label={t('inboxRules.rules.name')} value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} />
            <Text fw={600}>{t('inboxRules.rules.conditions')}</Text>
            <TextInput
              label={t('inboxRules.rules.query')}
              description={t('inboxRules.rules.queryHint')}
              value={draft.query}
              onChange={(e) => set({ query: e.currentTarget.value })}
              error={position ? t('inboxRules.rules.queryError', { position }) : undefined}
              data-testid="rule-query"
            />
            <Group grow align="flex-start">
              <MultiSelect
                label={t('inboxRules.rules.kinds')}
                placeholder={t('inboxRules.rules.any')}
                data={KINDS.map((k) => ({ value: k, label: t(`inbox.kinds.${k}`) }))}
                value={draft.kinds}
                onChange={(kinds) => set({ kinds })}
              />
              <MultiSelect
                label={t('inboxRules.rules.sentiments')}
                placeholder={t('inboxRules.rules.any')}
                data={SENTIMENTS.map((s) => ({ value: s, label: t(`inbox.sentiments.${s}`) }))}
                value={draft.sentiments}
                onChange={(sentiments) => set({ sentiments })}
                data-testid="rule-sentiments"
              />
              <MultiSelect
                label={t('inboxRules.rules.languages')}
                placeholder={t('inboxRules.rules.any')}
                data={(['es', 'en', 'other'] as const).map((l) => ({ value: l, label: t(`inboxRules.rules.languageNames.${l}`) }))}
                value={draft.languages}
                onChange={(languages) => set({ languages })}
              />
              <TagsInput
                label={t('inboxRules.rules.networks')}
                placeholder={t('inboxRules.rules.any')}
                data={['sandbox', 'bluesky', 'mastodon', 'facebook', 'instagram', 'x', 'threads', 'linkedin', 'youtube', 'google-business']}
                value={draft.networks}
                onChange={(networks) => set({ networks })}
              />
            </Group>
            <Group align="flex-end">
              <div>
                <Text size="sm" fw={500} mb={4}>
                  {t('inboxRules.rules.link')}
                </Text>
                <SegmentedControl
                  value={draft.link}
                  onChange={(link) => set({ link: link as Draft['link'] })}
                  data={[
                    { value: 'any', label: t('inboxRules.rules.linkAny') },
                    { value: 'yes', label: t('inboxRules.rules.linkYes') },
                    { value: 'no', label: t('inboxRules.rules.linkNo') },
                  ]}
                />
              </div>
              <MultiSelect
                label={t('inboxRules.rules.stages')}
                description={t('inboxRules.rules.stagesHint')}
                data={[...STAGES]}
                value={[]}
                disabled
                w={320}
              />
            </Group>
            <Text fw={600}>{t('inboxRules.rules.actions')}</Text>
            <Group grow align="flex-start">
              <TagsInput
                label={t('inboxRules.rules.labels')}
                value={draft.labels}
                onChange={(labels) => set({ labels })}
                data-testid="rule-labels"
              />
              <Select
                label={t('inboxRules.rules.priority')}
                placeholder={t('inboxRules.rules.nothing')}
                clearable
                data={PRIORITIES.map((p) => ({ value: p, label: t(`inbox.priorities.${p}`) }))}
                value={draft.priority || null}
                onChange={(priority) => set({ priority: priority ?? '' })}
                data-testid="rule-priority"
              />
              <Select
                label={t('inboxRules.rules.assign')}
                placeholder={t('inboxRules.rules.nothing')}
                clearable
                data={memberOptions}
                value={draft.assignTo || null}
                onChange={(assignTo) => set({ assignTo: assignTo ?? '' })}
              />
              <Select
                label={t('inboxRules.rules.savedReply')}
                placeholder={t('inboxRules.rules.nothing')}
                clearable
                data={savedOptions}
                value={draft.savedReplyId || null}
                onChange={(savedReplyId) => set({ savedReplyId: savedReplyId ?? '' })}
              />
            </Group>
            {draft.savedReplyId && settings.data && !settings.data.autoReplies && (
              <Alert color="yellow">{t('inboxRules.rules.autoRepliesOff')}</Alert>
            )}
            <Group>
              <Checkbox label={t('inboxRules.rules.hide')} checked={draft.hide} onChange={(e) => set({ hide: e.currentTarget.checked })} />
              <Checkbox
                label={t('inboxRules.rules.resolve')}
                checked={draft.resolve}
                onChange={(e) => set({ resolve: e.currentTarget.checked })}
              />
            </Group>
            {error && !position && <Alert color="red">{apiErrorText(error)}</Alert>}
            {test.data && (
              <Alert color="blue" data-testid="rule-test-result">
                <Text size="sm">{t('inboxRules.rules.tested', test.data)}</Text>
                {test.data.matches.slice(0, 5).map((m) => (
                  <Text key={m.itemId} size="xs" c="dimmed" style={{ unicodeBidi: 'isolate', overflowWrap: 'anywhere' }}>
                    @{m.authorHandle}: {m.preview}
                    {m.takenByRuleId ? ` (${t('inboxRules.rules.takenBy')})` : ''}
                  </Text>
                ))}
              </Alert>
            )}
            <Group>
              <Button variant="default" onClick={() => test.mutate()} loading={test.isPending} data-testid="rule-test">
                {t('inboxRules.rules.test')}
              </Button>
              <Button
                onClick={() => create.mutate()}
                loading={create.isPending}
                disabled={!draft.name.trim() || !hasAction}
                data-testid="rule-save"
              >
                {t('inboxRules.rules.add')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
