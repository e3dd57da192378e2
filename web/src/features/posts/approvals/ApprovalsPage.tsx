import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { Post } from '../types.ts';
import { useSession, useWorkspace } from '../../../shared/session.tsx';
import { usePost, usePostsInState } from '../api.ts';
import { useChannels } from '../../channels/api.ts';
import { formatInstant } from '../../../shared/format.ts';
import { CommentThread } from '../detail/PostDetailPage.tsx';
import { workspaceKey } from '../../../shared/query-keys.ts';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert.tsx';

function ReviewCard({ post }: { post: Post }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [showThread, setShowThread] = useState(false);
  const detail = usePost(post.id, { enabled: showThread });
  const decide = async (transition: 'approve' | 'reject') => {
    setError(null);
    try {
      await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/${transition}`, comment ? { comment } : {});
      // An approved post goes out at its planned time, or now when it has none (or it has passed).
      if (transition === 'approve' && can('post.publish')) {
        const planned = post.scheduledAt ? Date.parse(post.scheduledAt) : 0;
        if (planned > Date.now() + 30_000)
          await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/schedule`, { scheduledAt: post.scheduledAt });
        else await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/publish_now`, {});
      }
      await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Card withBorder data-testid="review-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={4}>
            {post.publications.map((p) => (
              <Badge key={p.id} variant="light">
                {channels.data?.find((c) => c.id === p.channelId)?.name ?? p.network}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed">
            {post.scheduledAt ? formatInstant(post.scheduledAt, workspace.timeZone, i18n.language) : t('approvals.asSoonAsApproved')}
          </Text>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{post.content}</Text>
        <Textarea label={t('approvals.comment')} autosize value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <ApiErrorAlert error={error} role="alert" />
        <Group>
          {can('post.approve') && (
            <Button color="green" onClick={() => void decide('approve')}>
              {t('approvals.approve')}
            </Button>
          )}
          {can('post.approve') && (
            <Button color="red" variant="light" onClick={() => void decide('reject')}>
              {t('approvals.reject')}
            </Button>
          )}
          <Button variant="subtle" onClick={() => setShowThread(!showThread)}>
            {t('approvals.thread')}
          </Button>
          <Button variant="subtle" component={Link} to={`/posts/${post.id}`}>
            {t('common.open')}
          </Button>
        </Group>
        {showThread && detail.data && <CommentThread post={detail.data} onChange={() => void detail.refetch()} />}
      </Stack>
    </Card>
  );
}

/** The approvals queue: posts in review, approve or reject with a comment, and each post's comment thread. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const queue = usePostsInState('in_review', 100);
  return (
    <Stack>
      <Title order={2}>{t('approvals.title')}</Title>
      {queue.data?.length === 0 && <Text c="dimmed">{t('approvals.empty')}</Text>}
      {queue.data?.map((post) => (
        <ReviewCard key={post.id} post={post} />
      ))}
    </Stack>
  );
}
