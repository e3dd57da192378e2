import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Avatar, Button, Card, Checkbox, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { apiErrorText, networkLabel } from '../../shared/api-error-text.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { channelKeys } from './api.ts';
import { NetworkLogo } from './NetworkLogo.tsx';

interface Picker {
  network: string;
  reconnectChannelId: string | null;
  expiresAt: string;
  accounts: Array<{
    remoteId: string;
    kind: 'account' | 'profile' | 'page' | 'instagram' | 'organization' | 'board' | 'channel' | 'location';
    name: string;
    handle: string | null;
    avatarUrl: string | null;
    channelId: string | null;
  }>;
}

/** The error page of a sign-in that did not finish: the reason by its code, in the UI language. */
function SignInFailed({ code, detail, network }: { code: string; detail: string | null; network: string }) {
  const { t } = useTranslation();
  const key = `apiErrors.${code}`;
  const text = i18next.exists(key) ? t(key, { networkError: detail ?? '' }) : t('apiErrors.oauth_exchange_failed');
  return (
    <Stack maw={640}>
      <Group>
        <NetworkLogo network={network} />
        <Title order={2}>{t('connect.failedTitle')}</Title>
      </Group>
      <Alert color="red" role="alert" data-testid="sign-in-error" data-code={code}>
        {text}
      </Alert>
      <Group>
        <Button component={Link} to="/channels">
          {t('connect.backToChannels')}
        </Button>
        {code === 'oauth_invalid_client' && (
          <Button component={Link} to="/settings?tab=integrations" variant="default">
            {t('connect.integrations.tab')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** After signing in with a network: choose the accounts to connect (each becomes a channel). */
export function ConnectPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { me, selectWorkspace } = useSession();
  const pickerId = params.get('picker');
  // The sign-in was started in this workspace: show its picker there, even if another one was selected since.
  const startedIn = params.get('workspace');
  useEffect(() => {
    if (startedIn && startedIn !== workspace.id && me.workspaces.some((w) => w.id === startedIn)) selectWorkspace(startedIn);
  }, [startedIn, workspace.id, me.workspaces, selectWorkspace]);
  const errorCode = params.get('error');
  const network = params.get('network') ?? '';
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const picker = useQuery({
    queryKey: ['oauth-picker', workspace.id, pickerId],
    enabled: Boolean(pickerId) && !errorCode,
    retry: false,
    queryFn: () => api<Picker>('GET', `/workspaces/${workspace.id}/oauth/pickers/${pickerId}`),
  });

  if (errorCode) return <SignInFailed code={errorCode} detail={params.get('detail')} network={network} />;
  if (!pickerId) return <SignInFailed code="oauth_state_invalid" detail={null} network={network} />;
  if (picker.isLoading) return <Loader />;
  if (picker.error)
    return (
      <Stack maw={640}>
        <Title order={2}>{t('connect.failedTitle')}</Title>
        <ApiErrorAlert error={apiErrorText(picker.error)} role="alert" />
        <Button component={Link} to="/channels">
          {t('connect.backToChannels')}
        </Button>
      </Stack>
    );
  const data = picker.data!;
  const selected = chosen ?? (data.accounts.length === 1 ? [data.accounts[0]!.remoteId] : []);
  const toggle = (remoteId: string) =>
    setChosen(selected.includes(remoteId) ? selected.filter((id) => id !== remoteId) : [...selected, remoteId]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ items: unknown[] }>('POST', `/workspaces/${workspace.id}/oauth/pickers/${pickerId}`, {
        remoteIds: selected,
      });
      await queryClient.invalidateQueries({ queryKey: channelKeys.list(workspace.id) });
      navigate('/channels', { replace: true, state: { connected: result.items.length } });
    } catch (caught) {
      setError(apiErrorText(caught));
      setBusy(false);
    }
  };

  return (
    <Stack maw={720}>
      <Group>
        <NetworkLogo network={data.network} />
        <Title order={2}>{t('connect.pickerTitle')}</Title>
      </Group>
      <Text>{t('connect.pickerHelp', { network: networkLabel(data.network) })}</Text>
      <Stack gap="xs" data-testid="picker-accounts">
        {data.accounts.map((account) => (
          <Card key={account.remoteId} withBorder padding="sm">
            <Group wrap="nowrap">
              <Checkbox checked={selected.includes(account.remoteId)} onChange={() => toggle(account.remoteId)} aria-label={account.name} />
              <Avatar src={account.avatarUrl ?? undefined} alt="" radius="xl">
                {account.name.slice(0, 1)}
              </Avatar>
              <Stack gap={0}>
                <Text fw={600}>{account.name}</Text>
                <Text size="sm" c="dimmed">
                  {[t(`connect.kinds.${account.kind}`), account.handle].filter(Boolean).join(' · ')}
                </Text>
                {account.channelId && (
                  <Text size="xs" c="orange">
                    {t('connect.alreadyConnected')}
                  </Text>
                )}
              </Stack>
            </Group>
          </Card>
        ))}
      </Stack>
      <ApiErrorAlert error={error} role="alert" />
      <Group>
        <Button onClick={() => void submit()} loading={busy} disabled={selected.length === 0}>
          {t('connect.connectChosen')}
        </Button>
        <Button component={Link} to="/channels" variant="default">
          {t('connect.backToChannels')}
        </Button>
      </Group>
    </Stack>
  );
}
