import { Box, Paper, Stack, Text, Title } from '@mantine/core';
import { PreviewMedia } from './PreviewMedia.tsx';
import { useTranslation } from 'react-i18next';

/** The excerpt a blog's home page shows: the given one, else the body's first ~160 characters. */
function excerptOf(body: string, excerpt?: string): string {
  if (excerpt?.trim()) return excerpt.trim();
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= 160
    ? flat
    : `${chars
        .slice(0, 160)
        .join('')
        .replace(/\s+\S*$/, '')} […]`;
}

/**
 * A WordPress post as the blog's home page lists it: the featured image (the first image), the
 * title (the composer's, else the text's first line, as the adapter sends it), the author and the
 * excerpt (or the start of the body), then "Continue reading".
 */
export function BlogPostPreview({
  account,
  text,
  images,
  title,
  excerpt,
  label,
}: {
  /** PostPreview's account and images (their shapes repeated here: PostPreview imports this file). */
  account: { name: string; handle: string };
  text: string;
  images: Array<{ url: string; alt: string }>;
  title?: string;
  excerpt?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const lines = text.split('\n');
  const firstLine = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  const heading = title?.trim() || firstLine;
  const body = title?.trim() ? text : lines.slice(lines.indexOf(lines.find((line) => line.trim() !== '') ?? '') + 1).join('\n');
  const featured = images[0];
  return (
    <Paper
      className="preview-card preview-wordpress"
      aria-label={label}
      data-testid="preview-wordpress"
      data-network="wordpress"
      withBorder
    >
      {featured && (
        <Box style={{ aspectRatio: '16 / 9', overflow: 'hidden', background: '#f1f3f5', borderRadius: 4 }} data-testid="blog-featured">
          <PreviewMedia url={featured.url} alt={featured.alt} />
        </Box>
      )}
      <Stack gap={4} mt={featured ? 'sm' : 0}>
        <Text size="xs" c="dimmed" tt="uppercase">
          {account.name}
        </Text>
        <Title order={4} style={{ fontFamily: 'Georgia, serif', lineHeight: 1.25 }} data-testid="blog-title">
          {heading || t('previews.blog.untitled')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('previews.blog.byline', { author: account.handle })}
        </Text>
        <Text size="sm" style={{ fontFamily: 'Georgia, serif' }} data-testid="blog-excerpt">
          {excerptOf(body, excerpt)}
        </Text>
        <Text size="sm" c="blue">
          {t('previews.blog.continue')}
        </Text>
      </Stack>
    </Paper>
  );
}
