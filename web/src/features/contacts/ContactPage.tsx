import { Alert, Anchor, Button, Card, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { contactKeys } from './api.ts';
import { ContactProfile } from './ContactProfile.tsx';

/** Merge another contact into this one, picked by search. */
function MergeBox({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [other, setOther] = useState<string | null>(null);
  const found = useQuery({
    queryKey: contactKeys.search(workspace.id, q),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/contacts', { params: { workspaceId: workspace.id }, query: { q, limit: 20 } }),
    enabled: q.trim().length > 0,
  });
  const merge = useMutation({
    mutationFn: (source: string) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/contacts/{contactId}/merge', {
        params: { workspaceId: workspace.id, contactId },
        body: { contactId: source },
      }),
    onSuccess: () => {
      setOther(null);
      void client.invalidateQueries({ queryKey: contactKeys.all(workspace.id) });
    },
  });
  const options = (found.data?.items ?? [])
    .filter((c) => c.id !== contactId)
    .map((c) => ({ value: c.id, label: `${c.displayName} (${c.identities.map((i) => i.handle).join(', ')})` }));
  return (
    <Stack gap={4}>
      <Group align="flex-end" gap="xs">
        <Select
          label={t('contacts.profile.merge')}
          placeholder={t('contacts.profile.mergePick')}
          searchable
          searchValue={q}
          onSearchChange={setQ}
          data={options}
          value={other}
          onChange={setOther}
          w={360}
          data-testid="contact-merge-pick"
        />
        <Button variant="light" disabled={!other} loading={merge.isPending} onClick={() => other && merge.mutate(other)}>
          {t('contacts.profile.mergeDo')}
        </Button>
      </Group>
      <ApiErrorAlert error={merge.error} />
    </Stack>
  );
}

/** A contact's page: the full profile with its edits, merge and split, the person's data export and erasure. */
export default function ContactPage() {
  const { t } = useTranslation();
  const { contactId = '' } = useParams();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canWrite = useCan('contacts.write');
  const canManage = useCan('contacts.manage');
  const [confirming, setConfirming] = useState(false);
  const profile = useQuery({
    queryKey: contactKeys.profile(workspace.id, contactId),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/contacts/{contactId}', { params: { workspaceId: workspace.id, contactId } }),
  });
  const split = useMutation({
    mutationFn: (identityId: string) =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/contacts/{contactId}/split', {
        params: { workspaceId: workspace.id, contactId },
        body: { identityId },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: contactKeys.all(workspace.id) }),
  });
  const erase = useMutation({
    mutationFn: () =>
      apiCall('delete', '/api/v1/workspaces/{workspaceId}/contacts/{contactId}', { params: { workspaceId: workspace.id, contactId } }),
    onSuccess: () => {
      setConfirming(false);
      void client.invalidateQueries({ queryKey: contactKeys.all(workspace.id) });
    },
  });
  if (erase.data)
    return (
      <Stack>
        <Alert color="green" data-testid="contact-erased">
          {t('contacts.profile.erased', erase.data)}
        </Alert>
        <Anchor component={Link} to="/contacts">
          {t('contacts.profile.back')}
        </Anchor>
      </Stack>
    );
  if (profile.error) return <ApiErrorAlert error={profile.error} />;
  if (!profile.data) return null;
  return (
    <Stack gap="md" maw={860}>
      <Anchor component={Link} to="/contacts" size="sm">
        ← {t('contacts.profile.back')}
      </Anchor>
      <ContactProfile key={profile.data.id} profile={profile.data} onSplit={canWrite ? (id) => split.mutate(id) : undefined} />
      <ApiErrorAlert error={split.error} />
      {canWrite && <MergeBox contactId={profile.data.id} />}
      {canManage && (
        <Card withBorder padding="sm">
          <Group gap="xs">
            <Button
              component="a"
              variant="light"
              size="xs"
              href={`/api/v1/workspaces/${workspace.id}/contacts/${profile.data.id}/export`}
              download={`contact-${profile.data.id}.json`}
            >
              {t('contacts.profile.exportJson')}
            </Button>
            <Button color="red" variant="light" size="xs" onClick={() => setConfirming(true)} data-testid="contact-erase">
              {t('contacts.profile.erase')}
            </Button>
          </Group>
        </Card>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('contacts.profile.erase')}>
        <Stack>
          <Text size="sm">{t('contacts.profile.eraseConfirm')}</Text>
          <ApiErrorAlert error={erase.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('contacts.profile.cancel')}
            </Button>
            <Button color="red" loading={erase.isPending} onClick={() => erase.mutate()} data-testid="contact-erase-confirm">
              {t('contacts.profile.eraseYes')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {split.data && (
        <Text size="sm">
          <Link to={`/contacts/${split.data.id}`}>{split.data.displayName}</Link>
        </Text>
      )}
    </Stack>
  );
}
