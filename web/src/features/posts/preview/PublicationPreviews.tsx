import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { channelAccount, type Channel } from '../../channels/types.ts';
import { useChannels } from '../../channels/api.ts';
import { useWorkspace } from '../../../shared/session.tsx';
import { mediaUrl } from '../composer/draft.ts';
import type { Post } from '../types.ts';
import { PostPreview, type PreviewAccount } from './PostPreview.tsx';
import { FirstCommentPreview } from '../first-comment/FirstCommentStatus.tsx';

/** The account a channel publishes as, for a preview. */
export function previewAccount(channel: Channel | undefined, fallback: string): PreviewAccount {
  if (!channel) return { name: fallback, handle: fallback };
  const account = channelAccount(channel);
  const settings = channel.settings as Record<string, unknown>;
  const handle = account.handle ?? String(settings.handle ?? settings.identifier ?? channel.name);
  const picture = (channel.account ?? {}) as Record<string, unknown>;
  const avatarUrl = typeof picture.avatarUrl === 'string' ? picture.avatarUrl : undefined;
  return { name: account.displayName ?? channel.name, handle, avatarUrl, simulated: channel.simulated };
}

/**
 * Exactly what each channel of a saved post will receive: its own text or the main one, its images
 * (cropped like the network does) and its thread, in that network's shape.
 */
export function PublicationPreviews({ post }: { post: Post }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const channels = useChannels();
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {post.state === 'published' ? t('review.whatEachChannelGot') : t('review.whatEachChannelGets')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: Math.min(post.publications.length, 2) }} spacing="sm">
        {post.publications.map((publication) => {
          const channel = channels.data?.find((c) => c.id === publication.channelId);
          const name = channel?.name ?? publication.network;
          return (
            <Stack key={publication.id} gap={4} data-testid={`channel-preview-${name}`}>
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {name}
                </Text>
                <Badge size="xs" variant={publication.text !== post.content ? 'filled' : 'light'} color="grape">
                  {publication.text !== post.content ? t('review.variant') : t('review.sameText')}
                </Badge>
                {publication.media.length > 0 && (
                  <Badge size="xs" variant="light" color="gray">
                    {t('review.imageCount', { count: publication.media.length })}
                  </Badge>
                )}
              </Group>
              <PostPreview
                network={publication.network}
                account={previewAccount(channel, name)}
                text={publication.text}
                thread={publication.thread.map((part) => part.text)}
                images={publication.media.map((m) => ({ url: mediaUrl(workspace.id, m.mediaId), alt: m.alt ?? '' }))}
                label={t('composer.previewFor', { name })}
                {...blogFields(publication)}
              />
              <FirstCommentPreview text={publication.firstComment} />
            </Stack>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

/** A blog post's title and excerpt, where the publication carries them (WordPress). */
function blogFields(publication: unknown): { title?: string; excerpt?: string } {
  const { title, options } = publication as { title?: unknown; options?: { network?: Record<string, unknown> } | null };
  const excerpt = options?.network?.excerpt;
  return {
    ...(typeof title === 'string' && title.trim() ? { title } : {}),
    ...(typeof excerpt === 'string' && excerpt.trim() ? { excerpt } : {}),
  };
}
