import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Post } from '../types.ts';
import { useCan, useWorkspace } from '../../../shared/session.tsx';
import { usePost, usePostsInState } from '../api.ts';
import { formatInstant } from '../../../shared/format.ts';
import { CommentThread } from '../detail/PostDetailPage.tsx';
import { workspaceKey } from '../../../shared/query-keys.ts';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert.tsx';
import { PublicationPreviews } from '../preview/PublicationPreviews.tsx';
import { ApproveButton, ApproveHelp } from '../review/ApproveButton.tsx';
import { isPast, postStep } from '../review/workflow.ts';

function ReviewCard({ post }: { post: Post }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const canApprove = useCan('post.approve');
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [showThread, setShowThread] = useState(false);
  const detail = usePost(post.id, { enabled: showThread });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
  const reject = async () => {
    setError(null);
    try {
      await postStep(workspace.id, post.id, 'reject', comment ? { comment } : {});
      refresh();
    } catch (caught) {
      setError(caught);
    }
  };
  const past = isPast(post.scheduledAt);
  return (
    <Card withBorder data-testid="review-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {post.scheduledAt ? formatInstant(post.scheduledAt, workspace.timeZone, i18n.language) : t('review.noDate')}
          </Text>
          <Button variant="subtle" size="xs" component={Link} to={`/posts/${post.id}`}>
            {t('common.open')}
          </Button>
        </Group>
        {past && (
          <Alert color="orange" title={t('review.pastDate')} data-testid="past-date">
            {t('review.pastDateHelp')}
          </Alert>
        )}
        <PublicationPreviews post={post} />
        <Textarea label={t('approvals.comment')} autosize value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <ApiErrorAlert error={error} role="alert" />
        {canApprove && <ApproveHelp post={post} />}
        <Group>
          {canApprove && <ApproveButton post={post} comment={comment} onDone={refresh} />}
          {canApprove && (
            <Button color="red" variant="light" onClick={() => void reject()}>
              {t('approvals.reject')}
            </Button>
          )}
          <Button variant="subtle" onClick={() => setShowThread(!showThread)}>
            {t('approvals.thread')}
          </Button>
        </Group>
        {showThread && detail.data && <CommentThread post={detail.data} onChange={() => void detail.refetch()} />}
      </Stack>
    </Card>
  );
}

/** The approvals queue: posts in review, each with exactly what every channel will receive; approve or reject with a comment. */
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
