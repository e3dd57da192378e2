import { useState } from 'react';
import { failureReasonText } from '../../shared/failure-reason-text.ts';
import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall, ApiError } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { SourceEditor } from './SourceEditor.tsx';
import { configOf, SourceFields, useSourceKinds, type SourceDraft } from './SourceFields.tsx';
import { formatLag, type ListeningQuery, type ListeningSource, type QueryErrorDetails } from './types.ts';
import { listeningKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';

const KINDS = ['brand', 'competitor', 'topic'] as const;

/** Shows a query parse error by its reason code and position, in the UI language. */
function QueryError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!(error instanceof ApiError)) return <ApiErrorAlert error={error} />;
  const details = error.details as Partial<QueryErrorDetails> | null;
  if (error.code === 'invalid_query' && details?.position !== undefined) {
    const params = details.params ?? {};
    const expectedText = typeof params.expected === 'string' ? t(`querySyntax.expected.${params.expected}`) : '';
    const key = `querySyntax.reasons.${details.reason}`;
    return (
      <Alert color="red" data-testid="query-error">
        {i18n.exists(key) ? t(key, { ...params, expectedText }) : details.message}
        <Text size="xs">{t('querySyntax.at', { position: details.position + 1 })}</Text>
      </Alert>
    );
  }
  return <ApiErrorAlert error={error} />;
}

/** Saved queries with the tester, the sources with their lag, and CSV import. */
export default function ListeningQueriesPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const base = `/workspaces/${workspace.id}/listening`;
  const queries = useQuery({
    queryKey: listeningKeys.queries(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/listening/queries', { params: { workspaceId: workspace.id } })).items,
  });
  const sources = useQuery({
    queryKey: listeningKeys.sources(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/listening/sources', { params: { workspaceId: workspace.id } })).items,
    refetchInterval: 10_000,
  });
  const [form, setForm] = useState({ name: '', query: '', kind: 'brand' as (typeof KINDS)[number], competitorName: '' });
  const [editing, setEditing] = useState<ListeningSource | null>(null);
  // The kinds and their forms come from the API, declared by each network (and the generic sources).
  const sourceKinds = useSourceKinds();
  const [source, setSource] = useState<{ kind: string; name: string; draft: SourceDraft }>({ kind: 'rss', name: '', draft: {} });
  const sourceKind = sourceKinds.data?.find((k) => k.kind === source.kind);
  const kindLabel = (k: { kind: string; label: { en: string; es: string } }) => (i18n.language === 'es' ? k.label.es : k.label.en);
  const invalidate = () => client.invalidateQueries({ queryKey: listeningKeys.all(workspace.id) });

  const save = useMutation({
    mutationFn: () =>
      api('POST', `${base}/queries`, {
        name: form.name,
        query: form.query,
        kind: form.kind,
        competitorName: form.kind === 'competitor' ? form.competitorName : undefined,
      }),
    onSuccess: () => {
      setForm({ ...form, name: '', query: '' });
      void invalidate();
    },
  });
  const tester = useMutation({
    mutationFn: (query: string) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/listening/queries/test', {
        params: { workspaceId: workspace.id },
        body: { query, limit: 10 },
      }),
  });
  const remove = useMutation({ mutationFn: (id: string) => api('DELETE', `${base}/queries/${id}`), onSuccess: () => void invalidate() });
  const toggle = useMutation({
    mutationFn: (q: ListeningQuery) => api('PATCH', `${base}/queries/${q.id}`, { active: !q.active }),
    onSuccess: () => void invalidate(),
  });
  const addSource = useMutation({
    mutationFn: () => {
      const config = sourceKind ? configOf(sourceKind, source.draft) : {};
      return api('POST', `${base}/sources`, {
        kind: source.kind,
        name: source.name || (sourceKind ? kindLabel(sourceKind) : source.kind),
        config,
      });
    },
    onSuccess: () => void invalidate(),
  });
  const importCsv = useMutation({
    mutationFn: async (file: File) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/listening/import', {
        params: { workspaceId: workspace.id },
        body: { csv: await file.text() },
      }),
    onSuccess: () => void invalidate(),
  });
  const importErrors =
    importCsv.error instanceof ApiError
      ? ((importCsv.error.details as { rows?: Array<{ row: number; code: string; params?: Record<string, string> }> } | null)?.rows ?? [])
      : [];

  return (
    <Stack>
      <Title order={2}>{t('listening.queriesTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('listening.queriesHelp')}
      </Text>
      <Card withBorder>
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput label={t('listening.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <Select
              label={t('listening.kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`listening.kinds.${k}`) }))}
              value={form.kind}
              onChange={(v) => v && setForm({ ...form, kind: v as (typeof KINDS)[number] })}
              allowDeselect={false}
            />
            {form.kind === 'competitor' && (
              <TextInput
                label={t('listening.competitorName')}
                value={form.competitorName}
                onChange={(e) => setForm({ ...form, competitorName: e.currentTarget.value })}
              />
            )}
          </Group>
          <Textarea
            label={t('listening.query')}
            value={form.query}
            onChange={(e) => setForm({ ...form, query: e.currentTarget.value })}
            autosize
            minRows={2}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <QueryError error={save.error ?? tester.error} />
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!form.name || !form.query}>
              {t('listening.save')}
            </Button>
            <Button variant="light" onClick={() => tester.mutate(form.query)} loading={tester.isPending} disabled={!form.query}>
              {t('listening.test')}
            </Button>
          </Group>
          {tester.data && (
            <Stack gap={4} data-testid="tester-result">
              <Text size="sm" fw={600}>
                {t('listening.testResult', { matched: tester.data.matched, scanned: tester.data.scanned, ms: tester.data.tookMs })}
              </Text>
              {tester.data.items.map((m) => (
                <Text key={m.id} size="sm" lineClamp={2}>
                  <Badge size="xs" mr={4} color={m.sentiment === 'negative' ? 'red' : m.sentiment === 'positive' ? 'green' : 'gray'}>
                    {m.sentiment ? t(`listening.sentiments.${m.sentiment}`) : '—'}
                  </Badge>
                  {m.text}
                </Text>
              ))}
            </Stack>
          )}
        </Stack>
      </Card>
      {queries.data?.length === 0 && <Text c="dimmed">{t('listening.noQueries')}</Text>}
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <Table.Tbody>
            {queries.data?.map((q) => (
              <Table.Tr key={q.id}>
                <Table.Td>{q.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light">
                    {t(`listening.kinds.${q.kind}`)}
                    {q.competitorName ? `: ${q.competitorName}` : ''}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <code>{q.query}</code>
                </Table.Td>
                <Table.Td>
                  <Switch aria-label={t('listening.active')} checked={q.active} onChange={() => toggle.mutate(q)} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => tester.mutate(q.query)}>
                      {t('listening.test')}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(q.id)}>
                      {t('listening.delete')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={3}>{t('listening.sources')}</Title>
      <Group align="flex-end">
        <Select
          label={t('listening.kind')}
          data={(sourceKinds.data ?? []).map((k) => ({ value: k.kind, label: kindLabel(k) }))}
          value={source.kind}
          onChange={(v) => v && setSource({ kind: v, name: source.name, draft: {} })}
          allowDeselect={false}
        />
        <TextInput
          label={t('listening.name')}
          value={source.name}
          onChange={(e) => setSource({ ...source, name: e.currentTarget.value })}
        />
        {sourceKind && <SourceFields kind={sourceKind} draft={source.draft} onChange={(draft) => setSource({ ...source, draft })} />}
        <Button onClick={() => addSource.mutate()} loading={addSource.isPending}>
          {t('listening.addSource')}
        </Button>
      </Group>
      {addSource.error && <ApiErrorAlert error={addSource.error} />}
      <Table.ScrollContainer minWidth={600}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('listening.name')}</Table.Th>
              <Table.Th>{t('listening.status')}</Table.Th>
              <Table.Th>{t('listening.lag')}</Table.Th>
              <Table.Th>{t('listening.queue')}</Table.Th>
              <Table.Th>{t('listening.ingested')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sources.data?.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.name}{' '}
                  <Text span size="xs" c="dimmed">
                    {t(`listening.sourceKinds.${s.kind}`, { defaultValue: s.kind })}
                  </Text>
                </Table.Td>
                {/* Why it failed, by code in the UI language; the raw words only as a tooltip. */}
                <Table.Td title={s.lastError ?? undefined} data-testid="source-status">
                  {t(`listening.sourceStatuses.${s.status}`, { defaultValue: s.status })}
                  {s.lastError || s.lastErrorCode ? ` — ${failureReasonText(s.lastErrorCode)}` : ''}
                </Table.Td>
                <Table.Td>{formatLag(s.lagMs)}</Table.Td>
                <Table.Td>{s.queueDepth}</Table.Td>
                <Table.Td>{s.itemsIngested}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setEditing(s)}
                    aria-label={t('listening.editSourceTitle', { name: s.name })}
                  >
                    {t('listening.editSource')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <SourceEditor key={editing.id} source={editing} onClose={() => setEditing(null)} />}

      <Title order={3}>{t('listening.importCsv')}</Title>
      <Text size="sm" c="dimmed">
        {t('listening.importHelp')}
      </Text>
      <FileButton onChange={(file) => file && importCsv.mutate(file)} accept=".csv,text/csv">
        {(props) => (
          <Button variant="light" loading={importCsv.isPending} {...props}>
            {t('listening.importCsv')}
          </Button>
        )}
      </FileButton>
      {importCsv.data && <Alert color="green">{t('listening.imported', importCsv.data)}</Alert>}
      {importCsv.error && (
        <ApiErrorAlert error={importCsv.error}>
          {importErrors.slice(0, 20).map((e) => (
            <Text key={e.row} size="xs">
              {t('listening.rowError', { row: e.row, message: t(`csvRowErrors.${e.code}`, e.params ?? {}) })}
            </Text>
          ))}
        </ApiErrorAlert>
      )}
    </Stack>
  );
}
