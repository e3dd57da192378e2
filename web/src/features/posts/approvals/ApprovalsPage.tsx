import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Post, type PostDetail } from '../../../api/client.ts';
import { useSession, useWorkspace } from '../../../shared/session.tsx';
import { useChannels } from '../../../shared/hooks.ts';
import { formatInstant } from '../../../shared/format.ts';
import { CommentThread } from '../detail/PostDetailPage.tsx';

function ReviewCard({ post }: { post: Post }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [showThread, setShowThread] = useState(false);
  const detail = useQuery({ queryKey: ['ws', workspace.id, 'post', post.id], queryFn: () => api<PostDetail>('GET', `/workspaces/${workspace.id}/posts/${post.id}`), enabled: showThread });
  const decide = async (transition: 'approve' | 'reject') => {
    setError(null);
    try {
      await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/${transition}`, comment ? { comment } : {});
      // An approved post goes out at its planned time, or now when it has none (or it has passed).
      if (transition === 'approve' && can('publish')) {
        const planned = post.scheduledAt ? Date.parse(post.scheduledAt) : 0;
        if (planned > Date.now() + 30_000) await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/schedule`, { scheduledAt: post.scheduledAt });
        else await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/publish_now`, {});
      }
      await queryClient.invalidateQueries({ queryKey: ['ws', workspace.id] });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  return (
    <Card withBorder data-testid="review-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={4}>
            {post.publications.map((p) => <Badge key={p.id} variant="light">{channels.data?.find((c) => c.id === p.channelId)?.name ?? p.network}</Badge>)}
          </Group>
          <Text size="xs" c="dimmed">{post.scheduledAt ? formatInstant(post.scheduledAt, workspace.time_zone, i18n.language) : t('approvals.asSoonAsApproved')}</Text>
        </Group>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{post.content}</Text>
        <Textarea label={t('approvals.comment')} autosize value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group>
          {can('approve') && <Button color="green" onClick={() => void decide('approve')}>{t('approvals.approve')}</Button>}
          {can('approve') && <Button color="red" variant="light" onClick={() => void decide('reject')}>{t('approvals.reject')}</Button>}
          <Button variant="subtle" onClick={() => setShowThread(!showThread)}>{t('approvals.thread')}</Button>
          <Button variant="subtle" component={Link} to={`/posts/${post.id}`}>{t('common.open')}</Button>
        </Group>
        {showThread && detail.data && <CommentThread post={detail.data} onChange={() => void detail.refetch()} />}
      </Stack>
    </Card>
  );
}

/** The approvals queue: posts in review, approve or reject with a comment, and each post's comment thread. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const queue = useQuery({
    queryKey: ['ws', workspace.id, 'posts', 'in_review'],
    queryFn: async () => (await api<{ items: Post[] }>('GET', `/workspaces/${workspace.id}/posts?state=in_review&limit=100`)).items,
  });
  return (
    <Stack>
      <Title order={2}>{t('approvals.title')}</Title>
      {queue.data?.length === 0 && <Text c="dimmed">{t('approvals.empty')}</Text>}
      {queue.data?.map((post) => <ReviewCard key={post.id} post={post} />)}
    </Stack>
  );
}
