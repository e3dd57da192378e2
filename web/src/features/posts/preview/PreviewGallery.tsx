import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChannels } from '../../channels/api.ts';
import { networkLabel } from '../../../shared/api-error-text.ts';
import { PostPreview, type PreviewImage } from './PostPreview.tsx';
import { previewAccount } from './PublicationPreviews.tsx';

/** The networks with a preview shape of their own, in the order the gallery shows them. */
export const GALLERY_NETWORKS = [
  'instagram',
  'facebook',
  'linkedin',
  'x',
  'threads',
  'bluesky',
  'mastodon',
  'wordpress',
  'telegram',
  'slack',
  'pinterest',
  'tiktok',
  'discord',
  'youtube',
  'google-business',
] as const;

/** A drawn picture as a data: URL (allowed by the page's CSP; nothing is fetched). */
function picture(width: number, height: number, from: string, to: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#f4e1c1"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4.2}" fill="#6f4e37"/></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

const IMAGES: PreviewImage[] = [
  { url: picture(1200, 800, '#d9a066', '#3b2414'), alt: '1200×800' },
  { url: picture(800, 1000, '#f08c00', '#5c3d1e'), alt: '800×1000' },
  { url: picture(1000, 1000, '#e8b77d', '#2b1a10'), alt: '1000×1000' },
];

/**
 * Every network's preview of one sample post, side by side, as the brand's first channel: once with
 * a link (link cards), once with three images and a long text (crops, carousels, folds and limits).
 * Not in the menu: for reviewing the previews' look (and their screenshots in tests) at /previews.
 */
export function PreviewGallery() {
  const { t } = useTranslation();
  const channels = useChannels();
  const channel = channels.data?.[0];
  const account = previewAccount(channel, 'Café Aroma');
  const sample = t('previews.gallery.sample');
  const long = `${sample}\n\n${sample.replace(/https?:\/\/\S+\s?/, '')}\n\n${sample.replace(/https?:\/\/\S+\s?/, '')}`;
  return (
    <Stack>
      <Title order={2}>{t('previews.gallery.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('previews.gallery.intro')}
      </Text>
      {GALLERY_NETWORKS.map((network) => (
        <Stack key={network} gap={4} data-testid={`gallery-${network}`}>
          <Title order={3} size="h4">
            {networkLabel(network)}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
            <PostPreview network={network} account={account} text={sample} images={[]} title={t('previews.gallery.sampleTitle')} />
            <PostPreview
              network={network}
              account={account}
              text={long}
              images={IMAGES}
              {...(network === 'wordpress'
                ? { title: t('previews.gallery.blogTitle'), excerpt: t('previews.gallery.blogExcerpt') }
                : { title: t('previews.gallery.sampleTitle') })}
            />
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
