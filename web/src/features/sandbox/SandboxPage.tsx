import { Link } from 'react-router-dom';
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { formatInstant } from '../../shared/format.ts';
import { sandboxKeys } from './api.ts';

const SENTIMENT_COLOR: Record<string, string> = { positive: 'green', neutral: 'gray', negative: 'red' };

/** What the simulated network received and how its simulated audience reacted. */
export function SandboxPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const timeline = useQuery({
    queryKey: sandboxKeys.all(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/sandbox/timeline', { params: { workspaceId: workspace.id } }),
    refetchInterval: 5_000,
  });
  return (
    <Stack>
      <Group>
        <Title order={2}>{t('sandbox.title')}</Title>
        <Badge color="orange" size="lg" variant="outline">
          {t('common.simulated')}
        </Badge>
      </Group>
      <Alert color="orange">{t('sandbox.explainer')}</Alert>
      {timeline.data?.channels.length === 0 && (
        <Text>
          {t('sandbox.noChannels')}{' '}
          <Button component={Link} to="/channels" size="xs" variant="light">
            {t('nav.channels')}
          </Button>
        </Text>
      )}
      <Group gap="xs">
        {timeline.data?.channels.map((c) => (
          <Badge key={c.id} variant="light" size="lg">
            {c.name} · @{c.handle} · {c.followers === null ? t('sandbox.external') : t('sandbox.followers', { count: c.followers })}
          </Badge>
        ))}
      </Group>
      {timeline.data?.entries.length === 0 && timeline.data.channels.length > 0 && <Text c="dimmed">{t('sandbox.empty')}</Text>}
      {timeline.data?.entries.map((entry) => (
        <Card key={entry.remotePostId} withBorder className="preview-card preview-sandbox" data-testid="sandbox-entry">
          <Group justify="space-between">
            <Text fw={700} size="sm">
              {entry.channelName}{' '}
              <Text span c="dimmed" size="xs">
                @{entry.handle}
              </Text>
            </Text>
            <Text size="xs" c="dimmed">
              {t('sandbox.received', { when: formatInstant(entry.acceptedAt, workspace.timeZone, i18n.language) })}
            </Text>
          </Group>
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            {entry.text}
          </Text>
          {entry.metrics && (
            <Text size="xs" mt={6} c="dimmed">
              {t('sandbox.metrics', entry.metrics)}
            </Text>
          )}
          {entry.replies.length > 0 && (
            <Stack gap={2} mt={6} pl="sm" style={{ borderLeft: '2px solid #ffd8a8' }}>
              {entry.replies.map((reply) => (
                <Text key={reply.id} size="xs">
                  <strong>{reply.authorName}</strong>{' '}
                  <Badge size="xs" color={SENTIMENT_COLOR[reply.sentiment] ?? 'gray'} variant="light">
                    {t(`sandbox.sentiment.${reply.sentiment}`)}
                  </Badge>{' '}
                  {reply.text}
                </Text>
              ))}
            </Stack>
          )}
          {entry.postId && (
            <Button component={Link} to={`/posts/${entry.postId}`} size="xs" variant="subtle" mt={4} w="fit-content">
              {t('sandbox.openPost')}
            </Button>
          )}
        </Card>
      ))}
    </Stack>
  );
}
