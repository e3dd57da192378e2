import { useState } from 'react';
import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { inboxKeys } from '../inbox/api.ts';
import { apiCall } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import type { Channel } from './types.ts';
import { WRAPPING_BUTTON } from './MetaPushSecret.tsx';

/** Networks whose pushes Plaza registers itself (the bot's webhook): nothing to paste anywhere. */
export const SELF_REGISTERED_PUSH_NETWORKS = new Set(['telegram']);

/**
 * On a Telegram channel's card: turns the inbox's pushes on (Plaza sets the bot's webhook to its push
 * address, with a secret Telegram sends back with every update) or off (Plaza deletes the webhook).
 * Checking every few minutes goes on either way. Turning on needs PUBLIC_URL to be Plaza's public
 * HTTPS address: otherwise the reason is shown in the UI language and nothing changes.
 */
export function TelegramPush({ channel, workspaceId, pushOn }: { channel: Channel; workspaceId: string; pushOn?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'on' | 'off' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [state, setState] = useState<{ on: true; url: string } | { on: false } | null>(null);
  const params = { workspaceId, channelId: channel.id };

  const turn = async (on: boolean) => {
    setError(null);
    setBusy(on ? 'on' : 'off');
    try {
      if (on) {
        const answer = await apiCall('post', '/api/v1/workspaces/{workspaceId}/inbox/channels/{channelId}/push-secret', {
          params,
          body: {},
        });
        setState({ on: true, url: answer.url });
      } else {
        await apiCall('delete', '/api/v1/workspaces/{workspaceId}/inbox/channels/{channelId}/push-secret', { params });
        setState({ on: false });
      }
      await queryClient.invalidateQueries({ queryKey: inboxKeys.channels(workspaceId) });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap={6} data-testid="telegram-push">
      <Text size="xs" c="dimmed">
        {t('telegramPush.help')}
      </Text>
      {pushOn !== undefined && state === null && (
        <Text size="xs" c={pushOn ? 'teal.8' : undefined} data-testid="telegram-push-state">
          {t(pushOn ? 'telegramPush.stateOn' : 'telegramPush.stateOff')}
        </Text>
      )}
      {/* Only what changes the state, once it is known. */}
      <Group gap="xs">
        {pushOn !== true && (
          <Button
            size="xs"
            variant="light"
            loading={busy === 'on'}
            onClick={() => void turn(true)}
            styles={WRAPPING_BUTTON}
            data-testid="telegram-push-on"
          >
            {t('telegramPush.on')}
          </Button>
        )}
        {pushOn !== false && (
          <Button
            size="xs"
            variant="subtle"
            loading={busy === 'off'}
            onClick={() => void turn(false)}
            styles={WRAPPING_BUTTON}
            data-testid="telegram-push-off"
          >
            {t('telegramPush.off')}
          </Button>
        )}
      </Group>
      <ApiErrorAlert error={error} role="alert" data-testid="telegram-push-error" />
      {state?.on === true && (
        <Stack gap={2} data-testid="telegram-push-result">
          <Text size="xs">{t('telegramPush.isOn')}</Text>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {state.url}
          </Code>
        </Stack>
      )}
      {state?.on === false && <Text size="xs">{t('telegramPush.isOff')}</Text>}
    </Stack>
  );
}
