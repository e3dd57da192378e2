import { Link } from 'react-router-dom';
import { Anchor, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useWorkspace } from '../../shared/session.tsx';

const SHOWN = 30;

/** Drafts with no date yet, beside the calendar: open one, or select them to reschedule or queue them at once. */
export function UndatedDrafts({
  enabled,
  selecting,
  selected,
  onToggle,
}: {
  /** False until the calendar's posts are drawn: the month comes first. */
  enabled: boolean;
  selecting: boolean;
  selected: ReadonlySet<string>;
  onToggle(postId: string, content: string): void;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const drafts = useQuery({
    enabled,
    queryKey: [...workspaceKey(workspace.id), 'posts', 'undated-drafts'],
    queryFn: async () =>
      (
        await apiCall('get', '/api/v1/workspaces/{workspaceId}/posts', {
          params: { workspaceId: workspace.id },
          query: { state: 'draft', undated: 'true', limit: SHOWN },
        })
      ).items,
  });
  const items = drafts.data ?? [];
  return (
    <Card withBorder radius="md" padding="sm" data-testid="undated-drafts">
      <Title order={3} size="h5">
        {t('calendarOps.undatedTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('calendarOps.undatedHelp')}
      </Text>
      {drafts.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('calendarOps.undatedNone')}
        </Text>
      )}
      <Stack gap={6}>
        {items.map((post) => (
          <Group key={post.id} gap="xs" wrap="nowrap" align="flex-start" data-testid="undated-draft">
            {selecting && (
              <Checkbox
                size="xs"
                mt={3}
                aria-label={t('calendarOps.selectPost')}
                checked={selected.has(post.id)}
                onChange={() => onToggle(post.id, post.content)}
              />
            )}
            <Anchor component={Link} to={`/posts/${post.id}`} size="sm" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
              {post.content || '—'}
            </Anchor>
          </Group>
        ))}
      </Stack>
      {items.length === SHOWN && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('calendarOps.undatedMore', { count: SHOWN })}
        </Text>
      )}
    </Card>
  );
}
