import { useState, type FormEvent } from 'react';
import { Button, Code, CopyButton, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { inboxKeys } from '../inbox/api.ts';
import { apiCall } from '../../api/client.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import type { Channel } from './types.ts';

/** A narrow card's long button label wraps onto a second line instead of being cut off. */
export const WRAPPING_BUTTON = { root: { height: 'auto', minHeight: 30, paddingBlock: 4 }, label: { whiteSpace: 'normal' as const } };
/**
 * On a Facebook, Instagram or Threads channel's card: the push (webhook) set-up for the inbox. Meta signs each
 * push with the app secret, so the user pastes it here (sealed at rest; the previous one stops
 * working); Plaza answers with the callback URL and the verify token to paste in the Meta app
 * dashboard (Webhooks → Edit subscription). Both are shown until the card is closed.
 */
export function MetaPushSecret({ channel, workspaceId, pushOn }: { channel: Channel; workspaceId: string; pushOn?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ url: string; verifyToken: string | null } | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const answer = await apiCall('post', '/api/v1/workspaces/{workspaceId}/inbox/channels/{channelId}/push-secret', {
        params: { workspaceId, channelId: channel.id },
        body: { secret: secret.trim() },
      });
      setResult({ url: answer.url, verifyToken: answer.verifyToken });
      setSecret('');
      await queryClient.invalidateQueries({ queryKey: inboxKeys.channels(workspaceId) });
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  if (!open)
    return (
      <Stack gap={4}>
        {pushOn && (
          <Text size="xs" c="teal.8" data-testid="meta-push-state">
            {t('metaPush.stateOn')}
          </Text>
        )}
        <Button size="xs" variant="light" onClick={() => setOpen(true)} styles={WRAPPING_BUTTON} data-testid="meta-push-open">
          {t(pushOn ? 'metaPush.reopen' : 'metaPush.open')}
        </Button>
      </Stack>
    );
  return (
    <Stack gap={6} data-testid="meta-push">
      <Text size="sm" fw={600}>
        {t('metaPush.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('metaPush.help')}
      </Text>
      <form onSubmit={(event) => void save(event)}>
        <Stack gap={6}>
          <PasswordInput
            size="xs"
            label={t('metaPush.secretLabel')}
            description={t('metaPush.secretHelp')}
            value={secret}
            onChange={(event) => setSecret(event.currentTarget.value)}
            required
            autoComplete="off"
          />
          <ApiErrorAlert error={error} role="alert" data-testid="meta-push-error" />
          <Group gap="xs">
            <Button size="xs" type="submit" loading={saving}>
              {t('metaPush.save')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      </form>
      {result && (
        <Stack gap={4} data-testid="meta-push-result">
          <Text size="xs">{t('metaPush.saved')}</Text>
          <Field label={t('metaPush.callbackUrl')} value={result.url} testId="meta-push-url" />
          {result.verifyToken && <Field label={t('metaPush.verifyToken')} value={result.verifyToken} testId="meta-push-token" />}
          <Text size="xs" c="dimmed">
            {t('metaPush.next')}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" fw={600}>
          {label}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`${t('metaPush.copy')}: ${label}`}>
              {copied ? t('metaPush.copied') : t('metaPush.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid={testId}>
        {value}
      </Code>
    </Stack>
  );
}
