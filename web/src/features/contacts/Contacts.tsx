import { Alert, Badge, Button, Card, FileButton, Group, List, ScrollArea, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, apiCall } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { formatMoney } from '../../shared/format.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { contactKeys, type ContactStage, type ContactSummary } from './api.ts';
import { StageSelect } from './ContactProfile.tsx';

const DRAG_TYPE = 'application/x-plaza-contact';

/** A contact's card on the board: name, accounts, value; dragged to another column (or its stage picked) to move it. */
function ContactCard({ contact, currency, draggable }: { contact: ContactSummary; currency: string; draggable: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Card
      withBorder
      padding="xs"
      draggable={draggable}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ id: contact.id, stage: contact.stage }));
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: draggable ? 'grab' : undefined }}
      data-testid="contact-card"
      data-contact-id={contact.id}
    >
      <Stack gap={4}>
        <Text
          component={Link}
          to={`/contacts/${contact.id}`}
          fw={500}
          size="sm"
          style={{ unicodeBidi: 'isolate', overflowWrap: 'anywhere' }}
        >
          {contact.displayName}
        </Text>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {contact.identities.map((i) => `${i.network}:${i.handle}`).join(' · ')}
        </Text>
        {contact.value !== null && <Text size="xs">{formatMoney(contact.value, currency, i18n.language)}</Text>}
        <StageSelect profile={contact} size="xs" />
      </Stack>
    </Card>
  );
}

/** The lifecycle board: one column per stage, cards dragged between them. */
function Board() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canWrite = useCan('contacts.write');
  const [over, setOver] = useState<ContactStage | null>(null);
  const board = useQuery({
    queryKey: contactKeys.board(workspace.id),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/contacts/board', { params: { workspaceId: workspace.id }, query: { perStage: 50 } }),
  });
  const move = useMutation({
    mutationFn: ({ id, stage }: { id: string; stage: ContactStage }) =>
      apiCall('put', '/api/v1/workspaces/{workspaceId}/contacts/{contactId}/stage', {
        params: { workspaceId: workspace.id, contactId: id },
        body: { stage },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: contactKeys.all(workspace.id) }),
  });
  const drop = (stage: ContactStage) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw) return;
    const card = JSON.parse(raw) as { id: string; stage: ContactStage };
    if (card.stage !== stage) move.mutate({ id: card.id, stage });
  };
  if (board.error) return <ApiErrorAlert error={board.error} />;
  const data = board.data;
  if (!data) return null;
  return (
    <Stack gap="xs">
      {canWrite && (
        <Text size="xs" c="dimmed">
          {t('contacts.board.dragHint')}
        </Text>
      )}
      <ApiErrorAlert error={move.error} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {data.stages.map((column) => (
          <Card
            key={column.stage}
            withBorder
            padding="xs"
            bg={over === column.stage ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-light)'}
            onDragOver={(e: DragEvent) => {
              if (!canWrite) return;
              e.preventDefault();
              setOver(column.stage);
            }}
            onDragLeave={() => setOver(null)}
            onDrop={drop(column.stage)}
            data-testid={`contact-column-${column.stage}`}
          >
            <Stack gap="xs">
              <Group justify="space-between" gap={4}>
                <Title order={3} size="h5">
                  {t(`contacts.stages.${column.stage}`)}
                </Title>
                <Badge variant="light" data-testid="contact-column-count">
                  {column.count}
                </Badge>
              </Group>
              {column.value > 0 && (
                <Text size="xs" c="dimmed">
                  {t('contacts.board.value', { value: formatMoney(column.value, data.currency, i18n.language) })}
                </Text>
              )}
              <ScrollArea.Autosize mah="60vh" type="auto">
                <Stack gap={6}>
                  {column.contacts.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('contacts.board.empty')}
                    </Text>
                  )}
                  {column.contacts.map((contact) => (
                    <ContactCard key={contact.id} contact={contact} currency={data.currency} draggable={canWrite} />
                  ))}
                </Stack>
              </ScrollArea.Autosize>
              {column.count > column.contacts.length && (
                <Text size="xs" c="dimmed">
                  {t('contacts.board.more', { shown: column.contacts.length, total: column.count })}
                </Text>
              )}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** Pairs that may be one person, each with a merge button. */
function Suggestions() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canWrite = useCan('contacts.write');
  const suggestions = useQuery({
    queryKey: contactKeys.suggestions(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/contacts/suggestions', { params: { workspaceId: workspace.id } }),
  });
  const merge = useMutation({
    mutationFn: ({ target, source }: { target: string; source: string }) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/contacts/{contactId}/merge', {
        params: { workspaceId: workspace.id, contactId: target },
        body: { contactId: source },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: contactKeys.all(workspace.id) }),
  });
  const items = suggestions.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="sm" data-testid="contact-suggestions">
      <Title order={3} size="h5">
        {t('contacts.suggestions.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('contacts.suggestions.intro')}
      </Text>
      <ApiErrorAlert error={merge.error} />
      <Stack gap={6}>
        {items.slice(0, 10).map(({ contacts: [a, b], reasons }) =>
          a && b ? (
            <Group key={`${a.id}-${b.id}`} justify="space-between" wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                <Link to={`/contacts/${a.id}`}>{a.displayName}</Link> ({a.identities.map((i) => i.handle).join(', ')}) ·{' '}
                <Link to={`/contacts/${b.id}`}>{b.displayName}</Link> ({b.identities.map((i) => i.handle).join(', ')})
                <Text span size="xs" c="dimmed">
                  {' '}
                  — {reasons.map((r) => t(`contacts.suggestions.reasons.${r}`)).join(', ')}
                </Text>
              </Text>
              {canWrite && (
                <Button size="xs" variant="light" onClick={() => merge.mutate({ target: a.id, source: b.id })} loading={merge.isPending}>
                  {t('contacts.suggestions.merge')}
                </Button>
              )}
            </Group>
          ) : null,
        )}
      </Stack>
    </Card>
  );
}

/** CSV export (everyone) and import (managers), with each problem line of a refused file. */
function CsvTools() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canImport = useCan('contacts.manage');
  const upload = useMutation({
    mutationFn: async (file: File) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/contacts/import', {
        params: { workspaceId: workspace.id },
        body: { csv: await file.text() },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: contactKeys.all(workspace.id) }),
  });
  const problems =
    upload.error instanceof ApiError
      ? ((upload.error.details as { problems?: Array<{ line: number; column: string }> } | null)?.problems ?? [])
      : [];
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button component="a" href={`/api/v1/workspaces/${workspace.id}/contacts/export.csv`} size="xs" variant="light">
          {t('contacts.csv.export')}
        </Button>
        {canImport && (
          <FileButton onChange={(file) => file && upload.mutate(file)} accept=".csv,text/csv">
            {(props) => (
              <Button {...props} size="xs" variant="light" loading={upload.isPending} title={t('contacts.csv.importHint')}>
                {t('contacts.csv.import')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {upload.data && (
        <Alert color="green" p="xs">
          {t('contacts.csv.done', upload.data)}
        </Alert>
      )}
      {upload.error && (
        <ApiErrorAlert error={upload.error}>
          {problems.length > 0 && (
            <List size="xs">
              {problems.slice(0, 20).map((p) => (
                <List.Item key={`${p.line}-${p.column}`}>{t('contacts.csv.problem', p)}</List.Item>
              ))}
            </List>
          )}
        </ApiErrorAlert>
      )}
    </Stack>
  );
}

/** Search results under the search box (names, handles, e-mails and websites; accents ignored). */
function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const results = useQuery({
    queryKey: contactKeys.search(workspace.id, q),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/contacts', { params: { workspaceId: workspace.id }, query: { q, limit: 20 } }),
  });
  const items = results.data?.items ?? [];
  return (
    <Card withBorder padding="sm">
      <Title order={3} size="h5" mb={4}>
        {t('contacts.results')}
      </Title>
      {results.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('contacts.noResults')}
        </Text>
      )}
      <Stack gap={4}>
        {items.map((c) => (
          <Group key={c.id} gap="xs">
            <Link to={`/contacts/${c.id}`}>{c.displayName}</Link>
            <Badge size="xs" variant="light">
              {t(`contacts.stages.${c.stage}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {c.identities.map((i) => `${i.network}:${i.handle}`).join(' · ')}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** Contacts: the lifecycle board, search, merge suggestions and CSV. */
export default function ContactsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = search.trim();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('contacts.title')}</Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('contacts.intro')}
          </Text>
        </div>
        <CsvTools />
      </Group>
      <TextInput
        placeholder={t('contacts.search')}
        aria-label={t('contacts.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
      />
      {q.length > 0 && <SearchResults q={q} />}
      <Suggestions />
      <Board />
    </Stack>
  );
}
