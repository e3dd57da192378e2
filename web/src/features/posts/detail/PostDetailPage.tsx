import { useState } from 'react';
import { RecurringOnPost } from '../../recurring/RecurringOnPost.tsx';
import { EvergreenOnPost } from '../../recurring/EvergreenOnPost.tsx';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { PostDetail } from '../types.ts';
import { useSession, useWorkspace } from '../../../shared/session.tsx';
import { usePost } from '../api.ts';
import { useChannels } from '../../channels/api.ts';
import { formatInstant, fromLocalInput, STATE_COLORS, toLocalInput } from '../../../shared/format.ts';
import { EditPostButton } from '../EditPostButton.tsx';
import { duplicatePost } from '../batch/api.ts';
import { ExternalLink } from '../../../shared/ExternalLink.tsx';
import { workspaceKey } from '../../../shared/query-keys.ts';
import { ApiErrorAlert } from '../../../shared/ApiErrorAlert.tsx';
import { networkReasonText } from '../../../shared/api-error-text.ts';
import { useActivityLabel } from '../../activity/activity.ts';
import { PublicationPreviews } from '../preview/PublicationPreviews.tsx';
import { FirstCommentStatus } from '../first-comment/FirstCommentStatus.tsx';
import { ApproveButton, ApproveHelp } from '../review/ApproveButton.tsx';
import { ApprovedNotScheduled } from '../review/ApprovedNotScheduled.tsx';
import { CancelPostButton } from '../review/CancelPostButton.tsx';
import { isPast } from '../review/workflow.ts';
import { DateTimeField } from '../../../shared/DateFields.tsx';

/** Comments on a post, with a box to add one. */
export function CommentThread({ post, onChange }: { post: PostDetail; onChange(): void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const [body, setBody] = useState('');
  const add = async () => {
    if (!body.trim()) return;
    await api('POST', `/workspaces/${workspace.id}/posts/${post.id}/comments`, { body });
    setBody('');
    onChange();
  };
  return (
    <Stack gap="xs">
      {post.comments.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('post.noComments')}
        </Text>
      )}
      {post.comments.map((comment) => (
        <Card key={comment.id} withBorder p="xs">
          <Group gap="xs">
            <Text size="sm" fw={700}>
              {comment.authorName ?? '—'}
            </Text>
            {comment.kind !== 'comment' && (
              <Badge size="xs" variant="light">
                {t(`post.commentKind.${comment.kind}`)}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {formatInstant(comment.createdAt, workspace.timeZone, i18n.language)}
            </Text>
          </Group>
          {comment.body && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {comment.body}
            </Text>
          )}
        </Card>
      ))}
      <Group align="flex-end" wrap="nowrap">
        <Textarea style={{ flex: 1 }} label={t('post.addComment')} autosize value={body} onChange={(e) => setBody(e.currentTarget.value)} />
        <Button onClick={() => void add()} disabled={!body.trim()}>
          {t('post.send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One post: per-channel status, attempts, published links, errors with reasons, retry, workflow actions, comments and audit history. */
export function PostDetailPage() {
  const { postId } = useParams();
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const [error, setError] = useState<unknown>(null);
  const [when, setWhen] = useState('');
  const lang = i18n.language;
  const historyLabel = useActivityLabel();
  const navigate = useNavigate();
  const post = usePost(postId, {
    refetchInterval: (query) => (query.state.data && ['scheduled', 'publishing'].includes(query.state.data.state) ? 2_000 : false),
  });
  if (post.isLoading) return <Loader aria-label={t('common.loading')} />;
  if (!post.data) return <ApiErrorAlert error={post.error ?? t('post.notFound')} />;
  const data = post.data;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
  const act = async (path: string, body: Record<string, unknown> = {}) => {
    setError(null);
    try {
      await api('POST', `/workspaces/${workspace.id}/posts/${data.id}/${path}`, body);
      refresh();
    } catch (caught) {
      setError(caught);
    }
  };
  const channelName = (id: string) => channels.data?.find((c) => c.id === id)?.name ?? id.slice(0, 8);
  const state = data.state;
  // Where the server lets this post be scheduled or published now (approval first, when the workspace asks for it).
  const schedulable = (workspace.approvalRequired ? ['approved', 'scheduled'] : ['draft', 'approved', 'scheduled', 'failed']).includes(
    state,
  );
  const whenValue = when || (data.scheduledAt ? toLocalInput(data.scheduledAt, workspace.timeZone) : '');
  const whenIso = fromLocalInput(whenValue, workspace.timeZone);
  const whenPast = isPast(whenIso);
  const datePast = isPast(data.scheduledAt) && ['draft', 'in_review', 'approved', 'failed'].includes(state);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('post.title')}</Title>
        <Badge size="lg" color={STATE_COLORS[state]} data-testid="post-state">
          {t(`states.${state}`)}
        </Badge>
      </Group>
      <ApprovedNotScheduled state={state} />
      {data.recurringRuleId && <RecurringOnPost ruleId={data.recurringRuleId} detached={data.occurrenceDetached} />}
      {datePast && (
        <Alert color="orange" title={t('review.pastDate')} data-testid="past-date">
          {t('review.pastDateHelp')}
        </Alert>
      )}
      <Card withBorder>
        <Text size="sm" c="dimmed" mb="xs">
          {data.scheduledAt
            ? t('post.scheduledFor', { when: formatInstant(data.scheduledAt, workspace.timeZone, lang) })
            : t('review.noDate')}
        </Text>
        <PublicationPreviews post={data} />
      </Card>
      <EvergreenOnPost postId={data.id} state={state} />
      <ApiErrorAlert error={error} role="alert" />
      {state === 'in_review' && can('post.approve') && <ApproveHelp post={data} />}
      <Group>
        <EditPostButton postId={data.id} state={state} />
        {can('post.write') && (
          <Button
            variant="default"
            data-testid="post-duplicate"
            onClick={async () => {
              setError(null);
              try {
                const copy = await duplicatePost(workspace.id, data.id);
                refresh();
                navigate(`/posts/${copy.id}`);
              } catch (caught) {
                setError(caught);
              }
            }}
          >
            {t('calendarOps.duplicate')}
          </Button>
        )}
        {data.publications.some((p) => p.state === 'published') && (
          <Button component={Link} to={`/analytics/posts/${data.id}`} variant="light">
            {t('analytics.postDashboard.open')}
          </Button>
        )}
        {state === 'draft' && can('post.write') && <Button onClick={() => void act('submit')}>{t('post.submit')}</Button>}
        {state === 'in_review' && can('post.approve') && <ApproveButton post={data} onDone={refresh} />}
        {schedulable && can('post.publish') && (
          <>
            <DateTimeField
              aria-label={t('composer.when', { zone: workspace.timeZone })}
              value={whenValue}
              onChange={setWhen}
              zone={workspace.timeZone}
              error={whenPast ? t('review.pastDate') : undefined}
            />
            <Button variant="light" disabled={!whenIso || whenPast} onClick={() => void act('schedule', { scheduledAt: whenIso })}>
              {t('composer.schedule')}
            </Button>
            <Button variant="light" color="green" onClick={() => void act('publish_now')}>
              {t('composer.publishNow')}
            </Button>
          </>
        )}
        {state === 'scheduled' && can('post.publish') && (
          <Button variant="default" onClick={() => void act('unschedule')}>
            {t('review.unschedule')}
          </Button>
        )}
        {can('post.publish') && (
          <CancelPostButton
            postId={data.id}
            cancelable={['draft', 'in_review', 'approved', 'scheduled', 'failed'].includes(state)}
            onChange={refresh}
          />
        )}
      </Group>
      <Title order={3} size="h4">
        {t('post.channels')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('post.channel')}</Table.Th>
              <Table.Th>{t('post.status')}</Table.Th>
              <Table.Th>{t('post.attempts')}</Table.Th>
              <Table.Th>{t('post.result')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.publications.map((publication) => (
              <Table.Tr key={publication.id} data-testid={`publication-${channelName(publication.channelId)}`}>
                <Table.Td>{channelName(publication.channelId)}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLORS[publication.state]}>{t(`states.${publication.state}`)}</Badge>
                </Table.Td>
                <Table.Td>{publication.attempts}</Table.Td>
                <Table.Td>
                  <ExternalLink href={publication.remoteUrl} data-testid="remote-link">
                    {t('post.openPublished')}
                  </ExternalLink>
                  {publication.state === 'published' && !publication.remoteUrl && (
                    <Text size="sm">
                      {t('post.publishedAt', {
                        when: formatInstant(publication.publishedAt, workspace.timeZone, lang),
                        id: publication.remoteId ?? '',
                      })}
                    </Text>
                  )}
                  {publication.error && publication.state === 'scheduled' ? (
                    // Deferred (a rate limit, a daily quota): it waits, with its reason and its next try in the brand's zone.
                    <Text size="sm" c="orange.8" data-testid="publication-waiting" title={publication.error.message ?? undefined}>
                      {t('post.waitingReason', {
                        reason: networkReasonText(publication.error.code),
                        when: formatInstant(publication.dueAt, workspace.timeZone, lang),
                      })}
                    </Text>
                  ) : (
                    publication.error && (
                      // The reason in the UI language, by code; the network's own words stay on hover.
                      <Text size="sm" c="red.8" data-testid="publication-error" title={publication.error.message ?? undefined}>
                        {t('post.errorReason', { reason: networkReasonText(publication.error.code) })}
                      </Text>
                    )
                  )}
                  <FirstCommentStatus
                    publication={publication}
                    timeZone={workspace.timeZone}
                    canRetry={can('post.publish')}
                    onRetry={() => void act(`publications/${publication.id}/first-comment/retry`)}
                  />
                </Table.Td>
                <Table.Td>
                  {publication.state === 'failed' && can('post.publish') && (
                    <Button size="xs" variant="light" onClick={() => void act(`publications/${publication.id}/retry`)}>
                      {t('post.retry')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {data.attempts.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('post.attemptLog')}
          </Title>
          <Stack gap={4}>
            {data.attempts.map((attempt) => (
              <Text key={attempt.id} size="sm">
                {formatInstant(attempt.startedAt, workspace.timeZone, lang)} ·{' '}
                {channelName(data.publications.find((p) => p.id === attempt.publicationId)?.channelId ?? '')} ·{' '}
                {t(`post.outcomes.${attempt.outcome}`, { defaultValue: attempt.outcome })}
                {attempt.errorCode ? ` — ${networkReasonText(attempt.errorCode)}` : ''}
              </Text>
            ))}
          </Stack>
        </>
      )}
      <Title order={3} size="h4">
        {t('post.comments')}
      </Title>
      <CommentThread post={data} onChange={refresh} />
      <Title order={3} size="h4">
        {t('post.history')}
      </Title>
      <Timeline bulletSize={12} lineWidth={2}>
        {data.history.map((event) => (
          <Timeline.Item key={event.id} title={historyLabel(event)} data-testid="history-item">
            <Text size="xs" c="dimmed">
              {formatInstant(event.createdAt, workspace.timeZone, lang)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
