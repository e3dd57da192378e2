import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, Modal, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall } from '../../api/client.ts';
import { channelAccount, type Channel, type NetworkInfo } from './types.ts';
import { apiErrorText, networkReasonText } from '../../shared/api-error-text.ts';
import { useWorkspace, useSession } from '../../shared/session.tsx';
import { useChannels, useNetworks } from './api.ts';
import { formatInstant } from '../../shared/format.ts';
import { channelKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';

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

/** Channels: connect Bluesky, Mastodon and the simulated sandbox; health, reconnect, disconnect. */
export function ChannelsPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const networks = useNetworks();
  const channels = useChannels();
  const [connecting, setConnecting] = useState<string | null>(null);
  const [reconnecting, setReconnecting] = useState<Channel | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const network = networks.data?.find((n) => n.name === (reconnecting?.network ?? connecting));

  const test = async (channel: Channel) => {
    try {
      const result = await apiCall('post', '/api/v1/workspaces/{workspaceId}/channels/{channelId}/test', {
        params: { workspaceId: workspace.id, channelId: channel.id },
      });
      setMessage(
        result.health.ok
          ? t('channels.healthy', { name: channel.name })
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
        <Group>
          {networks.data?.map((n) => (
            <Button
              key={n.name}
              variant={n.simulated ? 'outline' : 'filled'}
              color={n.simulated ? 'orange' : undefined}
              onClick={() => setConnecting(n.name)}
            >
              {t('channels.connectNetwork', { network: n.label[lang] })}
            </Button>
          ))}
        </Group>
      )}
      {message && (
        <Alert role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setMessage(null)}>
          {message}
        </Alert>
      )}
      {channels.data?.length === 0 && <Text c="dimmed">{t('channels.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {channels.data?.map((channel) => (
          <Card key={channel.id} withBorder data-testid={`channel-${channel.name}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={700}>{channel.name}</Text>
                <Badge color={STATUS_COLOR[channel.status]}>{t(`channels.status.${channel.status}`)}</Badge>
              </Group>
              <Group gap="xs">
                <Badge variant="light">{channel.networkLabel[lang]}</Badge>
                {channel.simulated && (
                  <Badge color="orange" variant="outline">
                    {t('common.simulated')}
                  </Badge>
                )}
              </Group>
              {channelAccount(channel).handle && <Text size="sm">@{channelAccount(channel).handle}</Text>}
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
                    onClick={() => setReconnecting(channel)}
                  >
                    {t('channels.reconnect')}
                  </Button>
                  <Button size="xs" variant="subtle" color="red" onClick={() => void disconnect(channel)}>
                    {t('channels.disconnect')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
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
