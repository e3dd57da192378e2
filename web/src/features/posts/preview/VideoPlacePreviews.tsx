/**
 * Previews of the networks whose posts are not feed posts: a YouTube video (its thumbnail in a
 * 16:9 frame, its title, the channel and the start of the description) and a Google Business
 * Profile update (the business, the photo, the text as Google Search and Maps show it).
 */
import { Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PreviewMedia } from './PreviewMedia.tsx';
import { networkLabel } from '../../../shared/api-error-text.ts';

/** What these previews read of the account and the images (PostPreview's PreviewAccount and PreviewImage fit). */
interface PreviewAccount {
  name: string;
}
interface PreviewImage {
  url: string;
  alt: string;
}

/** As the adapter does it: YouTube's title is the post's first line, cut to 100 characters. */
export const YOUTUBE_TITLE_MAX = 100;
export function youtubeTitleOf(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

export function YouTubePreview({
  account,
  text,
  images,
  label,
}: {
  account: PreviewAccount;
  text: string;
  images: PreviewImage[];
  label?: string;
}) {
  const { t } = useTranslation();
  const firstLine = youtubeTitleOf(text);
  const titleLength = [...firstLine].length;
  const title = titleLength > YOUTUBE_TITLE_MAX ? `${[...firstLine].slice(0, YOUTUBE_TITLE_MAX).join('')}…` : firstLine;
  const thumbnail = images[0];
  const description = text.slice(text.indexOf(firstLine) + firstLine.length).trim();
  return (
    <Paper className="preview-card preview-youtube" aria-label={label} data-testid="preview-youtube" data-network="youtube">
      <Box pos="relative" style={{ aspectRatio: '16 / 9', overflow: 'hidden', borderRadius: 12, background: '#212529' }} data-crop="16:9">
        {thumbnail ? (
          <PreviewMedia url={thumbnail.url} alt={thumbnail.alt} />
        ) : (
          <Stack h="100%" align="center" justify="center" gap={6} data-testid="youtube-no-thumbnail">
            <svg width="56" height="40" viewBox="0 0 56 40" aria-hidden="true">
              <rect width="56" height="40" rx="10" fill="#FF0000" />
              <path d="M22 12 L38 20 L22 28 Z" fill="#fff" />
            </svg>
            <Text size="xs" c="gray.4" ta="center" px="md">
              {t('previews.youtube.noThumbnail')}
            </Text>
          </Stack>
        )}
      </Box>
      <Group gap="xs" mt="xs" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={700} size="sm" lineClamp={2} data-testid="youtube-title">
            {title || t('previews.youtube.untitled')}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {account.name}
          </Text>
          {description && (
            <Text size="xs" c="dimmed" lineClamp={2} className="preview-text">
              {description}
            </Text>
          )}
        </Stack>
        <Badge size="xs" variant="light" tt="none" color="red">
          {networkLabel('youtube')}
        </Badge>
      </Group>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {t('previews.youtube.titleNote')}
        </Text>
        <Text size="xs" c={titleLength > YOUTUBE_TITLE_MAX ? 'orange' : 'dimmed'} data-testid="preview-count">
          {Math.min(titleLength, YOUTUBE_TITLE_MAX)}/{YOUTUBE_TITLE_MAX}
        </Text>
      </Group>
      {titleLength > YOUTUBE_TITLE_MAX && (
        <Text size="xs" c="orange" data-testid="youtube-title-cut">
          {t('previews.youtube.titleCut', { limit: YOUTUBE_TITLE_MAX })}
        </Text>
      )}
    </Paper>
  );
}

const GBP_SUMMARY_MAX = 1500;

export function GoogleBusinessPreview({
  account,
  text,
  images,
  label,
}: {
  account: PreviewAccount;
  text: string;
  images: PreviewImage[];
  label?: string;
}) {
  const { t } = useTranslation();
  const length = [...text].length;
  const photo = images[0];
  return (
    <Paper
      className="preview-card preview-google-business"
      aria-label={label}
      data-testid="preview-google-business"
      data-network="google-business"
    >
      <Group justify="space-between" wrap="nowrap" mb={6}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={700} size="sm" truncate data-testid="preview-name">
            {account.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t('previews.googleBusiness.update')}
          </Text>
        </Stack>
        <Badge size="xs" variant="light" tt="none" color="blue">
          {networkLabel('google-business')}
        </Badge>
      </Group>
      {photo && (
        <Box style={{ aspectRatio: '4 / 3', overflow: 'hidden', borderRadius: 8 }} data-crop="4:3">
          <PreviewMedia url={photo.url} alt={photo.alt} />
        </Box>
      )}
      <Text size="sm" mt="xs" lineClamp={4} className="preview-text">
        {text}
      </Text>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {t('previews.googleBusiness.where')}
        </Text>
        <Text size="xs" c={length > GBP_SUMMARY_MAX ? 'red' : 'dimmed'} data-testid="preview-count">
          {length}/{GBP_SUMMARY_MAX}
        </Text>
      </Group>
    </Paper>
  );
}
