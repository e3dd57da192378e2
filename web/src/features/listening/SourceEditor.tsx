import { useState } from 'react';
import { Button, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall, ApiError } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { SourceFields, useSourceKinds, type SourceDraft } from './SourceFields.tsx';
import type { ListeningSource, SourceKindForm } from './types.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { listeningKeys } from './api.ts';

/** Names of a kind's secret settings (stored sealed: never sent back, an empty field keeps them). */
const secretsOf = (kind: SourceKindForm | undefined) =>
  (kind?.fields ?? []).filter((field) => field.input === 'secret').map((field) => field.name);

function draftOf(source: ListeningSource, secrets: string[]): SourceDraft {
  const draft: SourceDraft = {};
  for (const [key, value] of Object.entries(source.config)) {
    // The stored token is never sent back (the API shows "••••"): an empty field keeps it.
    if (secrets.includes(key) || key === 'accessToken') continue;
    if (typeof value === 'string' || typeof value === 'number') draft[key] = value;
  }
  return draft;
}

/** Edits a source: name, active, and the settings of its kind. A new target restarts it from scratch. */
export function SourceEditor({ source, onClose }: { source: ListeningSource; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const kinds = useSourceKinds();
  const kind = kinds.data?.find((k) => k.kind === source.kind);
  const secrets = secretsOf(kind);
  const [name, setName] = useState(source.name);
  const [active, setActive] = useState(source.active);
  const [draft, setDraft] = useState<SourceDraft | null>(null);
  const original = draftOf(source, secrets);
  const current = draft ?? original;
  const storedSecrets = secrets.filter((secret) => source.config[secret] !== undefined);

  const save = useMutation({
    mutationFn: () => {
      const config: Record<string, unknown> = {};
      for (const key of new Set([...Object.keys(original), ...Object.keys(current)])) {
        // Only what changed is sent; a cleared optional setting is removed (null); an empty secret keeps the stored one.
        if (secrets.includes(key)) {
          if (current[key] !== undefined && current[key] !== '') config[key] = current[key];
        } else if (current[key] !== original[key]) config[key] = current[key] ?? null;
      }
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
  const issues =
    save.error instanceof ApiError
      ? ((save.error.details as { issues?: Array<{ path: string; message: string }> } | null)?.issues ?? [])
      : [];
  const kindLabel = kind
    ? i18n.language === 'es'
      ? kind.label.es
      : kind.label.en
    : t(`listening.sourceKinds.${source.kind}`, { defaultValue: source.kind });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('listening.editSourceTitle', { name: source.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <Stack gap="sm" data-testid="source-editor">
        <Text size="sm" c="dimmed">
          {kindLabel}
        </Text>
        <TextInput label={t('listening.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Switch label={t('listening.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        {kind && <SourceFields kind={kind} draft={current} onChange={setDraft} storedSecrets={storedSecrets} />}
        <Text size="xs" c="dimmed">
          {t('listening.cursorResetNote')}
        </Text>
        {save.error && (
          <ApiErrorAlert error={save.error} data-testid="source-error">
            {issues.map((issue) => (
              <Text key={issue.path} size="xs">
                {issue.path}: {issue.message}
              </Text>
            ))}
          </ApiErrorAlert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('listening.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!name.trim()}>
            {t('listening.saveSource')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
