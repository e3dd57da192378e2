import { useEffect, useRef, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Card,
  Center,
  Container,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { ApiError, apiCall } from '../../api/client.ts';
import type { ApiResponse } from '../../api/types.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { formatInstant } from '../../shared/format.ts';
import { PostPreview } from '../posts/preview/PostPreview.tsx';

type Review = ApiResponse<'/api/v1/client-review/open', 'post'>;
type ReviewPost = Review['posts'][number];

/** The token the link carries in its fragment (#token=…), which browsers never send to servers. */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

/** ES / EN, for a client who reads the other language. */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('clientLinks.page.languageLabel')}
      value={i18n.language === 'en' ? 'en' : 'es'}
      onChange={(language) => void i18n.changeLanguage(language)}
      data={[
        { value: 'es', label: 'ES' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}

/** A day of the link's period as the page's language writes it. */
function dayText(day: string, zone: string, language: string): string {
  return DateTime.fromISO(day, { zone }).setLocale(language).toLocaleString(DateTime.DATE_FULL);
}

function PostCard({ post, review, token }: { post: ReviewPost; review: Review; token: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState(false);
  const decide = useMutation({
    mutationFn: (decision: 'approved' | 'rejected') =>
      apiCall('post', '/api/v1/client-review/decide', { body: { token, postId: post.id, decision, comment } }),
    onSuccess: async () => {
      setRejecting(false);
      setComment('');
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['client-review', token] });
    },
  });
  const status = !post.decidable
    ? { label: t('clientLinks.page.published'), color: 'gray' }
    : post.decision?.decision === 'approved'
      ? { label: t('clientLinks.page.approved'), color: 'green' }
      : post.decision?.decision === 'rejected'
        ? { label: t('clientLinks.page.rejected'), color: 'orange' }
        : { label: t('clientLinks.page.pending'), color: 'blue' };
  return (
    <Card withBorder padding="md" data-testid="client-post">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>{formatInstant(String(post.scheduledAt), review.timeZone, i18n.language)}</Text>
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('clientLinks.page.whatEachChannelGets')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: Math.min(post.channels.length, 2) || 1 }} spacing="sm">
          {post.channels.map((channel) => (
            <Stack key={channel.id} gap={4} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {channel.channelName}
              </Text>
              <PostPreview
                network={channel.network}
                account={channel.account}
                text={channel.text}
                thread={channel.thread.map((part) => part.text)}
                images={channel.media}
                label={t('composer.previewFor', { name: channel.channelName })}
                {...(channel.title ? { title: channel.title } : {})}
                {...(channel.excerpt ? { excerpt: channel.excerpt } : {})}
              />
            </Stack>
          ))}
        </SimpleGrid>
        {post.decision && (
          <Box>
            <Text size="sm">
              {t('clientLinks.page.yourAnswer', {
                decision: post.decision.decision === 'approved' ? t('clientLinks.page.approved') : t('clientLinks.page.rejected'),
              })}
            </Text>
            {post.decision.comment && (
              <Text size="sm" fs="italic">
                “{post.decision.comment}”
              </Text>
            )}
          </Box>
        )}
        {saved && (
          <Text size="sm" c="green" role="status">
            {t('clientLinks.page.saved')}
          </Text>
        )}
        {post.decidable && (
          <Stack gap="xs">
            <Textarea
              label={rejecting ? t('clientLinks.page.commentRequired') : t('clientLinks.page.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
            />
            <Group gap="xs" grow>
              {rejecting ? (
                <>
                  <Button variant="default" onClick={() => setRejecting(false)}>
                    {t('clientLinks.page.cancel')}
                  </Button>
                  <Button color="orange" disabled={!comment.trim()} loading={decide.isPending} onClick={() => decide.mutate('rejected')}>
                    {t('clientLinks.page.sendRejection')}
                  </Button>
                </>
              ) : (
                <>
                  <Button color="orange" variant="light" onClick={() => setRejecting(true)}>
                    {t('clientLinks.page.reject')}
                  </Button>
                  <Button color="green" loading={decide.isPending} onClick={() => decide.mutate('approved')}>
                    {t('clientLinks.page.approve')}
                  </Button>
                </>
              )}
            </Group>
            {post.decision && (
              <Text size="xs" c="dimmed">
                {t('clientLinks.page.changeAnswer')}
              </Text>
            )}
            <ApiErrorAlert error={decide.error} />
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** Expired, revoked or unknown link: a clear page in the link's language (or the browser's). */
function ClosedLink({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.code : '';
  const title =
    code === 'client_link_expired'
      ? t('clientLinks.closed.expiredTitle')
      : code === 'client_link_revoked'
        ? t('clientLinks.closed.revokedTitle')
        : t('clientLinks.closed.invalidTitle');
  return (
    <Container size={520} py="xl" px="md">
      <Group justify="flex-end" mb="md">
        <LanguageSwitch />
      </Group>
      <Card withBorder padding="lg" data-testid="client-link-closed">
        <Stack gap="xs">
          <Title order={2}>{title}</Title>
          <Text>{t('clientLinks.closed.body')}</Text>
          {code !== 'client_link_expired' && code !== 'client_link_revoked' && code !== 'client_link_invalid' && (
            <ApiErrorAlert error={error} />
          )}
        </Stack>
      </Card>
    </Container>
  );
}

/**
 * The client's page (no account): the posts of the link's period with what each channel will publish,
 * approve or ask for changes with a comment. Opens in the link's language; the client can switch.
 */
export function ClientReviewPage() {
  const { t, i18n } = useTranslation();
  const [token] = useState(tokenFromHash);
  const languageSet = useRef(false);
  const review = useQuery({
    queryKey: ['client-review', token],
    queryFn: () => apiCall('post', '/api/v1/client-review/open', { body: { token } }),
    enabled: token.length >= 20,
    retry: false,
  });
  const linkLanguage =
    review.data?.language ??
    (review.error instanceof ApiError ? ((review.error.details as { language?: string } | null)?.language ?? null) : null);
  useEffect(() => {
    // The link's language once, on arrival; a switch after that is the client's choice.
    if (languageSet.current || !linkLanguage) return;
    languageSet.current = true;
    if (i18n.language !== linkLanguage) void i18n.changeLanguage(linkLanguage);
  }, [linkLanguage, i18n]);
  if (token.length < 20) return <ClosedLink error={null} />;
  if (review.isLoading)
    return (
      <Center h={200}>
        <Loader aria-label="…" />
      </Center>
    );
  if (!review.data) return <ClosedLink error={review.error} />;
  const data = review.data;
  const language = i18n.language;
  return (
    <Container size="md" py="lg" px="sm">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Text size="sm" c="dimmed" fw={600}>
              {data.workspaceName}
            </Text>
            <Title order={2}>{t('clientLinks.page.greeting', { client: data.clientName })}</Title>
          </Stack>
          <LanguageSwitch />
        </Group>
        <Text>
          {t('clientLinks.page.intro', {
            brand: data.workspaceName,
            from: dayText(data.firstDay, data.timeZone, language),
            to: dayText(data.lastDay, data.timeZone, language),
            zone: data.timeZone,
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('clientLinks.page.validUntil', { when: formatInstant(String(data.expiresAt), data.timeZone, language) })}
        </Text>
        {data.posts.length === 0 && <Text c="dimmed">{t('clientLinks.page.empty')}</Text>}
        {data.posts.map((post) => (
          <PostCard key={post.id} post={post} review={data} token={token} />
        ))}
        <Text size="xs" c="dimmed" ta="center">
          {t('clientLinks.page.footer')}
        </Text>
      </Stack>
    </Container>
  );
}
