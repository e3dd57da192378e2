import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Alert, Badge, Button, Card, Group, Modal, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall } from '../../api/client.ts';
import { channelAccount, networkGuideUrl, type Channel, type NetworkInfo } from './types.ts';
import { apiErrorText, networkReasonText } from '../../shared/api-error-text.ts';
import { useWorkspace, useSession } from '../../shared/session.tsx';
import { useChannels, useNetworks } from './api.ts';
import { formatApiCost, formatInstant } from '../../shared/format.ts';
import { channelKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { NetworkLogo } from './NetworkLogo.tsx';
import { ChannelQuota } from './ChannelQuota.tsx';
import { META_PUSH_NETWORKS } from './meta-push-networks.ts';
import { MetaPushSecret } from './MetaPushSecret.tsx';
import { SELF_REGISTERED_PUSH_NETWORKS, TelegramPush } from './TelegramPush.tsx';
import { daysLeft, startSignIn } from './sign-in.ts';
import { usePushConfigured } from './push-state.ts';

/**
 * The account's @handle, when it has one: networks without handles (a Business Profile location, any
 * sign-in that lists no handle) keep the account's name there, which is not shown as a handle.
 */
function accountHandle(channel: Channel): string | null {
  const { handle, displayName } = channelAccount(channel);
  if (!handle || handle === displayName || /\s/.test(handle.trim())) return null;
  // Chat channels are named "#general"; accounts are "@name".
  return handle.startsWith('#') ? handle : `@${handle.replace(/^@/, '')}`;
}

const STATUS_COLOR: Record<Channel['status'], string> = { active: 'green', needs_reconnect: 'orange', disconnected: 'gray' };

function ConnectionForm({ network, channel, onDone }: { network: NetworkInfo; channel?: Channel; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const [name, setName] = useState(channel?.name ?? '');
  const [fields, setFields] = useState<Record<string, string>>(() =>
    Object.fromEntries(network.connectionFields.map((f) => [f.name, !f.secret && channel ? String(channel.settings[f.name] ?? '') : ''])),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const cleaned = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
    try {
      if (channel) await api('PATCH', `/workspaces/${workspace.id}/channels/${channel.id}`, { name, fields: cleaned });
      else await api('POST', `/workspaces/${workspace.id}/channels`, { network: network.name, name, fields: cleaned });
      await queryClient.invalidateQueries({ queryKey: channelKeys.list(workspace.id) });
      onDone();
    } catch (caught) {
      setError(apiErrorText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack>
        {network.simulated && (
          <Alert color="orange" title={t('channels.simulatedTitle')}>
            {t('channels.simulatedHelp')}
          </Alert>
        )}
        {!network.simulated && (
          <Text size="sm">
            <a href={networkGuideUrl(network.name)} target="_blank" rel="noreferrer" data-testid="connect-guide">
              {t('connect.integrations.guide')}
            </a>
          </Text>
        )}
        <TextInput label={t('channels.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        {network.connectionFields.map((field) =>
          field.secret ? (
            <PasswordInput
              key={field.name}
              label={field.label[lang]}
              required={field.required}
              value={fields[field.name]}
              onChange={(e) => setFields({ ...fields, [field.name]: e.currentTarget.value })}
            />
          ) : (
            <TextInput
              key={field.name}
              label={field.label[lang]}
              required={field.required}
              value={fields[field.name]}
              onChange={(e) => setFields({ ...fields, [field.name]: e.currentTarget.value })}
            />
          ),
        )}
        <ApiErrorAlert error={error} role="alert" />
        <Button type="submit" loading={busy}>
          {channel ? t('channels.reconnect') : t('channels.connect')}
        </Button>
      </Stack>
    </form>
  );
}

/** Asks for the user's server (Mastodon), then starts signing in there. */
function InstanceForm({ network, onPaste }: { network: NetworkInfo; onPaste(): void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const [instanceUrl, setInstanceUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await startSignIn(workspace.id, network.name, { instanceUrl });
    } catch (caught) {
      setError(apiErrorText(caught));
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack>
        <TextInput
          label={t('connect.instanceLabel')}
          description={t('connect.instanceHelp')}
          placeholder="https://mastodon.social"
          required
          value={instanceUrl}
          onChange={(e) => setInstanceUrl(e.currentTarget.value)}
        />
        <ApiErrorAlert error={error} role="alert" />
        <Button type="submit" loading={busy}>
          {t('connect.signIn', { network: network.label[lang] })}
        </Button>
        <Button variant="subtle" onClick={onPaste}>
          {t('connect.pasteToken')}
        </Button>
      </Stack>
    </form>
  );
}

/** The ways to sign in to a network that offers more than one (Instagram: its own login, or through a Facebook Page). */
function SignInWays({ network, onChoose }: { network: NetworkInfo; onChoose(way: string | undefined): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const name = network.label[lang];
  const ways = [
    { id: undefined, label: t('connect.wayOwn', { network: name }), hint: t('connect.wayOwnHint', { network: name }) },
    ...network.signInWays.map((way) => ({ id: way.id, label: way.label[lang], hint: way.hint[lang] })),
  ];
  return (
    <Stack data-testid="sign-in-ways">
      {ways.map((way) => (
        <Card key={way.id ?? 'own'} withBorder padding="sm">
          <Stack gap={6}>
            <Button onClick={() => onChoose(way.id)} variant={way.id ? 'default' : 'filled'}>
              {way.label}
            </Button>
            <Text size="sm" c="dimmed">
              {way.hint}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

/** Channels: one card per network (sign in with it, or connection fields), then the workspace's channels. */
export function ChannelsPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const networks = useNetworks();
  const channels = useChannels();
  // Push state is read only where a card can change it (managers, with a pushing channel).
  const pushing = (channels.data ?? []).some((c) => META_PUSH_NETWORKS.has(c.network) || SELF_REGISTERED_PUSH_NETWORKS.has(c.network));
  const pushConfigured = usePushConfigured(workspace.id, can('inbox.manage') && pushing);
  const [connecting, setConnecting] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [choosingWay, setChoosingWay] = useState<string | null>(null);
  const [reconnecting, setReconnecting] = useState<Channel | null>(null);
  const location = useLocation();
  const connected = (location.state as { connected?: number } | null)?.connected;
  const [message, setMessage] = useState<string | null>(connected ? t('connect.connected', { count: connected }) : null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const network = networks.data?.find((n) => n.name === (reconnecting?.network ?? connecting));
  const askingNetwork = networks.data?.find((n) => n.name === asking);
  const waysNetwork = networks.data?.find((n) => n.name === choosingWay);

  const connectNetwork = async (n: NetworkInfo, way?: string | null) => {
    setError(null);
    if (n.signIn === 'instance') return setAsking(n.name);
    if (n.signIn !== 'app') return setConnecting(n.name);
    // More than one way to sign in: ask which first.
    if (way === undefined && n.signInWays.length > 0) return setChoosingWay(n.name);
    setChoosingWay(null);
    try {
      setMessage(t('connect.redirecting', { network: n.label[lang] }));
      await startSignIn(workspace.id, n.name, way ? { way } : {});
    } catch (caught) {
      setMessage(null);
      setError(apiErrorText(caught));
    }
  };
  const reconnect = async (channel: Channel) => {
    setError(null);
    if (!channel.signIn) return setReconnecting(channel);
    try {
      const instanceUrl = typeof channel.settings.instanceUrl === 'string' ? channel.settings.instanceUrl : undefined;
      await startSignIn(workspace.id, channel.network, { channelId: channel.id, instanceUrl });
    } catch (caught) {
      setError(apiErrorText(caught));
    }
  };

  const test = async (channel: Channel) => {
    try {
      const result = await apiCall('post', '/api/v1/workspaces/{workspaceId}/channels/{channelId}/test', {
        params: { workspaceId: workspace.id, channelId: channel.id },
      });
      const account = result.health.account;
      setMessage(
        result.health.ok
          ? account
            ? t('connect.testResult', {
                name: channel.name,
                handle: account.handle,
                followers: account.followers !== undefined ? t('connect.followers', { count: account.followers }) : '',
              })
            : t('channels.healthy', { name: channel.name })
          : t('channels.unhealthy', {
              name: channel.name,
              reason: networkReasonText(result.health.error?.code ?? 'unreachable'),
            }),
      );
    } catch (caught) {
      setMessage(apiErrorText(caught));
    }
    await queryClient.invalidateQueries({ queryKey: channelKeys.list(workspace.id) });
  };
  const disconnect = async (channel: Channel) => {
    if (!window.confirm(t('channels.confirmDisconnect', { name: channel.name }))) return;
    await api('DELETE', `/workspaces/${workspace.id}/channels/${channel.id}`);
    await queryClient.invalidateQueries({ queryKey: channelKeys.list(workspace.id) });
  };

  return (
    <Stack>
      <Title order={2}>{t('channels.title')}</Title>
      {can('channel.manage') && (
        <>
          <Title order={3} size="h4">
            {t('connect.networksTitle')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} data-testid="network-cards">
            {networks.data?.map((n) => (
              <Card key={n.name} withBorder padding="sm" data-testid={`network-${n.name}`}>
                <Stack gap="xs" align="center">
                  <NetworkLogo network={n.name} size={32} />
                  <Text fw={600} ta="center">
                    {n.label[lang]}
                  </Text>
                  {n.simulated && (
                    <Badge color="orange" variant="outline" size="xs">
                      {t('common.simulated')}
                    </Badge>
                  )}
                  <Button
                    size="xs"
                    variant={n.simulated ? 'outline' : 'filled'}
                    color={n.simulated ? 'orange' : undefined}
                    aria-label={t('channels.connectNetwork', { network: n.label[lang] })}
                    onClick={() => void connectNetwork(n)}
                  >
                    {t('channels.connect')}
                  </Button>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </>
      )}
      {error && (
        <Alert color="red" role="alert" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setError(null)}>
          {error}
          {can('integration.manage') && (
            <>
              {' '}
              <Link to="/settings?tab=integrations">{t('connect.setUpNow')}</Link>
            </>
          )}
        </Alert>
      )}
      {message && (
        <Alert role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setMessage(null)}>
          {message}
        </Alert>
      )}
      {channels.data?.length === 0 && <Text c="dimmed">{t('channels.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {channels.data?.map((channel) => {
          const days = daysLeft(channel.connectionExpiresAt);
          return (
            <Card key={channel.id} withBorder data-testid={`channel-${channel.name}`}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap">
                    <NetworkLogo network={channel.network} size={20} />
                    <Text fw={700}>{channel.name}</Text>
                  </Group>
                  <Badge color={STATUS_COLOR[channel.status]} style={{ flexShrink: 0 }} data-testid="channel-status">
                    {t(`channels.status.${channel.status}`)}
                  </Badge>
                </Group>
                <Group gap="xs">
                  <Badge variant="light">{channel.networkLabel[lang]}</Badge>
                  {channel.simulated && (
                    <Badge color="orange" variant="outline">
                      {t('common.simulated')}
                    </Badge>
                  )}
                  {days !== null && channel.status === 'active' && (
                    <Badge color={days <= 7 ? 'orange' : 'gray'} variant="light" data-testid="channel-expiry">
                      {days <= 0 ? t('connect.expired') : days === 1 ? t('connect.expiresToday') : t('connect.expiresIn', { count: days })}
                    </Badge>
                  )}
                </Group>
                {accountHandle(channel) && <Text size="sm">{accountHandle(channel)}</Text>}
                {channel.apiCost && (
                  <Text size="sm" data-testid="channel-api-cost">
                    {t('channels.apiCostMonth', {
                      network: channel.networkLabel[lang],
                      cost: formatApiCost(channel.apiCost.total, channel.apiCost.currency, i18n.language),
                      count: channel.apiCost.publications,
                    })}
                  </Text>
                )}
                {channel.quota && <ChannelQuota quota={channel.quota} network={channel.networkLabel[lang]} zone={workspace.timeZone} />}
                <Text size="xs" c="dimmed">
                  {t('channels.lastChecked', { when: formatInstant(channel.lastCheckedAt, workspace.timeZone, lang) })}
                </Text>
                {channel.status === 'needs_reconnect' && (
                  // The reason by its code in the UI language; the network's own words on hover.
                  <Alert color="orange" title={t('channels.reconnectNeeded')} data-testid="channel-error">
                    <span title={channel.lastError ?? undefined}>{networkReasonText(channel.lastErrorCode ?? 'unreachable')}</span>
                  </Alert>
                )}
                {can('channel.manage') && channel.status !== 'disconnected' && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => void test(channel)}>
                      {t('channels.test')}
                    </Button>
                    <Button
                      size="xs"
                      variant={channel.status === 'needs_reconnect' ? 'filled' : 'default'}
                      color="orange"
                      onClick={() => void reconnect(channel)}
                    >
                      {t('channels.reconnect')}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => void disconnect(channel)}>
                      {t('channels.disconnect')}
                    </Button>
                  </Group>
                )}
                {can('inbox.manage') && channel.status !== 'disconnected' && META_PUSH_NETWORKS.has(channel.network) && (
                  <MetaPushSecret channel={channel} workspaceId={workspace.id} pushOn={pushConfigured?.get(channel.id)} />
                )}
                {can('inbox.manage') && channel.status !== 'disconnected' && SELF_REGISTERED_PUSH_NETWORKS.has(channel.network) && (
                  <TelegramPush channel={channel} workspaceId={workspace.id} pushOn={pushConfigured?.get(channel.id)} />
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
      <Modal
        opened={Boolean(waysNetwork)}
        onClose={() => setChoosingWay(null)}
        title={waysNetwork ? t('connect.waysTitle', { network: waysNetwork.label[lang] }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {waysNetwork && <SignInWays network={waysNetwork} onChoose={(way) => void connectNetwork(waysNetwork, way ?? null)} />}
      </Modal>
      <Modal
        opened={Boolean(askingNetwork)}
        onClose={() => setAsking(null)}
        title={askingNetwork ? t('connect.instanceTitle', { network: askingNetwork.label[lang] }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {askingNetwork && (
          <InstanceForm
            network={askingNetwork}
            onPaste={() => {
              setAsking(null);
              setConnecting(askingNetwork.name);
            }}
          />
        )}
      </Modal>
      <Modal
        opened={Boolean(network)}
        onClose={() => {
          setConnecting(null);
          setReconnecting(null);
        }}
        title={
          network
            ? reconnecting
              ? t('channels.reconnectTitle', { name: reconnecting.name })
              : t('channels.connectNetwork', { network: network.label[lang] })
            : ''
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {network && (
          <ConnectionForm
            network={network}
            channel={reconnecting ?? undefined}
            onDone={() => {
              setConnecting(null);
              setReconnecting(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
