import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Code, CopyButton, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';
import { NetworkLogo } from '../channels/NetworkLogo.tsx';
import { networkGuideUrl } from '../channels/types.ts';

interface Integration {
  network: string;
  label: { en: string; es: string };
  clientId: string | null;
  hasSecret: boolean;
  source: 'settings' | 'environment' | null;
  redirectUrl: string;
  alsoUsedBy: Array<{ network: string; label: { en: string; es: string }; way: { en: string; es: string }; redirectUrl: string }>;
  publicUrlMissing: boolean;
  lastErrorCode: string | null;
  lastErrorAt: string | null;
}

const integrationsKey = (workspaceId: string) => [...workspaceKey(workspaceId), 'integrations'] as const;

/** A redirect URL to register, with a copy button. */
function UrlToCopy({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Code style={{ overflowWrap: 'anywhere' }}>{url}</Code>
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" onClick={copy}>
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function IntegrationCard({ item, editable }: { item: Integration; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState(item.source === 'settings' ? (item.clientId ?? '') : '');
  const [clientSecret, setClientSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const path = `/workspaces/${workspace.id}/integrations/${encodeURIComponent(item.network)}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: integrationsKey(workspace.id) });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api('PUT', path, { clientId, ...(clientSecret && { clientSecret }) });
      setClientSecret('');
      setSaved(true);
      await refresh();
    } catch (caught) {
      setError(apiErrorText(caught));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    try {
      await api('DELETE', path);
      setClientId('');
      await refresh();
    } catch (caught) {
      setError(apiErrorText(caught));
    }
  };
  return (
    <Card withBorder data-testid={`integration-${item.network}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <NetworkLogo network={item.network} size={22} />
            <Text fw={700}>{item.label[lang]}</Text>
          </Group>
          <Badge color={item.source ? 'green' : 'gray'} variant="light">
            {t(`connect.integrations.source.${item.source ?? 'none'}`)}
          </Badge>
        </Group>
        {item.lastErrorCode === 'oauth_invalid_client' && (
          <Alert color="red" role="alert" data-testid="integration-refused">
            {t('connect.integrations.refused')}
          </Alert>
        )}
        <Text size="sm">{t('connect.integrations.redirectUrl')}</Text>
        <UrlToCopy url={item.redirectUrl} />
        {item.alsoUsedBy.map((other) => (
          <Stack key={other.network} gap={4} data-testid={`integration-also-${other.network}`}>
            <Text size="sm">{t('connect.integrations.alsoRedirectUrl', { network: other.label[lang], way: other.way[lang] })}</Text>
            <UrlToCopy url={other.redirectUrl} />
          </Stack>
        ))}
        <Text size="sm">
          <a href={networkGuideUrl(item.network)} target="_blank" rel="noreferrer">
            {t('connect.integrations.guide')}
          </a>
        </Text>
        {editable ? (
          <form onSubmit={(e) => void submit(e)}>
            <Stack gap="xs">
              <TextInput
                label={t('connect.integrations.clientId')}
                required
                value={clientId}
                onChange={(e) => setClientId(e.currentTarget.value)}
              />
              <PasswordInput
                label={t('connect.integrations.clientSecret')}
                description={item.hasSecret && item.source === 'settings' ? t('connect.integrations.secretSaved') : undefined}
                value={clientSecret}
                onChange={(e) => setClientSecret(e.currentTarget.value)}
                autoComplete="off"
              />
              <ApiErrorAlert error={error} role="alert" />
              {saved && (
                <Text size="sm" c="green" role="status">
                  {t('connect.integrations.saved', { network: item.label[lang] })}
                </Text>
              )}
              <Group gap="xs">
                <Button type="submit" size="xs" loading={busy}>
                  {t('connect.integrations.save')}
                </Button>
                {item.source === 'settings' && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => void remove()}>
                    {t('connect.integrations.remove')}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        ) : (
          item.clientId && (
            <Text size="sm">
              {t('connect.integrations.clientId')}: <Code>{item.clientId}</Code>
            </Text>
          )
        )}
      </Stack>
    </Card>
  );
}

/** Settings → Integrations: each network's developer app (client ID, sealed secret) and its redirect URL. */
export function IntegrationsSettings() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const integrations = useQuery({
    queryKey: integrationsKey(workspace.id),
    queryFn: () => api<{ items: Integration[] }>('GET', `/workspaces/${workspace.id}/integrations`),
  });
  const items = integrations.data?.items ?? [];
  const editable = can('integration.manage');
  return (
    <Stack>
      <Title order={3}>{t('connect.integrations.tab')}</Title>
      <Text>{t('connect.integrations.intro')}</Text>
      {items.some((i) => i.publicUrlMissing) && (
        <Alert color="orange" data-testid="public-url-missing">
          {t('connect.integrations.publicUrlMissing')}
        </Alert>
      )}
      {!editable && <Text c="dimmed">{t('connect.integrations.ownerOnly')}</Text>}
      {integrations.error && <ApiErrorAlert error={apiErrorText(integrations.error)} role="alert" />}
      {items.map((item) => (
        <IntegrationCard key={item.network} item={item} editable={editable} />
      ))}
    </Stack>
  );
}
