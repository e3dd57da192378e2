import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { networkReasonText } from '../../../shared/api-error-text.ts';
import { ExternalLink } from '../../../shared/ExternalLink.tsx';
import { formatInstant } from '../../../shared/format.ts';
import type { Post } from '../types.ts';

type Publication = Post['publications'][number];

/** The network's reason code of a stored error (`permanent:http_400` → `http_400`). */
const reasonCode = (code: string) => code.slice(code.indexOf(':') + 1);

/**
 * A publication's first comment on the post page: waiting, publishing, published (with its link) or
 * failed (the reason in the UI language, and a retry of the comment alone); and the link card the
 * post was sent with, or why it went without one.
 */
export function FirstCommentStatus({
  publication,
  timeZone,
  canRetry,
  onRetry,
}: {
  publication: Publication;
  timeZone: string;
  canRetry: boolean;
  onRetry(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const status = publication.firstCommentStatus;
  const card = publication.linkCard;
  if (!status && !card) return null;
  return (
    <Stack gap={2} mt={4}>
      {card?.url && (
        <Text size="xs" c="dimmed" data-testid="link-card-sent">
          {t('firstComment.cardSent', { url: card.url })}
        </Text>
      )}
      {card?.skipped && (
        <Text size="xs" c="dimmed" data-testid="link-card-skipped">
          {t('firstComment.cardSkipped', { reason: networkReasonText(card.skipped.replace(/^thumbnail_/, '')) })}
        </Text>
      )}
      {status && (
        <Group gap="xs" data-testid="first-comment-status" data-state={status.state}>
          {status.state === 'published' && (
            <>
              <Text size="sm" c="teal.8">
                {t('firstComment.status.published')}
              </Text>
              <ExternalLink href={status.remoteUrl} size="sm" data-testid="first-comment-link">
                {t('firstComment.open')}
              </ExternalLink>
            </>
          )}
          {status.state === 'publishing' && <Text size="sm">{t('firstComment.status.publishing')}</Text>}
          {status.state === 'pending' && (
            <Text size="sm" c="dimmed" title={status.error?.message ?? undefined}>
              {status.nextTryAt
                ? t('firstComment.status.retrying', { when: formatInstant(status.nextTryAt, timeZone, lang) })
                : t('firstComment.status.pending')}
            </Text>
          )}
          {status.state === 'failed' && (
            <>
              <Text size="sm" c="red.8" title={status.error?.message ?? undefined} data-testid="first-comment-error">
                {t('firstComment.status.failed', {
                  reason: networkReasonText(reasonCode(status.error?.code ?? 'first_comment_not_published')),
                })}
              </Text>
              {canRetry && (
                <Button
                  size="compact-xs"
                  variant="light"
                  title={t('firstComment.retryHelp')}
                  onClick={onRetry}
                  data-testid="first-comment-retry"
                >
                  {t('firstComment.retry')}
                </Button>
              )}
            </>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** A publication's first comment under its preview (approvals, the post page), as the network will show it. */
export function FirstCommentPreview({ text }: { text: string | null }) {
  const { t } = useTranslation();
  if (!text?.trim()) return null;
  return (
    <Stack gap={2} pl="md" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }} data-testid="first-comment-preview">
      <Text size="xs" c="dimmed" fw={600}>
        {t('firstComment.preview')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </Stack>
  );
}
