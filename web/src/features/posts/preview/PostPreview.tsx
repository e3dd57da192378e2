import { Avatar, Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { safeHref } from '../../../shared/safe-link.ts';
import { cropFor, firstLink, gridLayout, NETWORK_CROPS } from './crops.ts';

/** An image as a preview shows it. */
export interface PreviewImage {
  url: string;
  alt: string;
}

/** The account a post goes out from. */
export interface PreviewAccount {
  name: string;
  handle: string;
  avatarUrl?: string;
  simulated?: boolean;
}

function linkify(text: string) {
  const parts = text.split(/(https?:\/\/[^\s<>"')]+)/g);
  return parts.map((part, index) =>
    index % 2 === 1 && safeHref(part) ? (
      <a key={index} href={safeHref(part)!} target="_blank" rel="noreferrer noopener">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/** Images framed and cropped the way `network` shows them in its feed. */
function PreviewImages({ network, images }: { network: string; images: PreviewImage[] }) {
  const { t } = useTranslation();
  const crop = cropFor(network);
  if (images.length === 0) return null;
  const cover = { width: '100%', height: '100%', objectFit: 'cover' as const, display: 'block' };
  if (images.length === 1 || crop.several === 'carousel') {
    return (
      <Box pos="relative" mt="xs" style={{ aspectRatio: crop.single, borderRadius: 8, overflow: 'hidden' }} data-crop={crop.label}>
        <img src={images[0].url} alt={images[0].alt} style={cover} />
        {images.length > 1 && (
          <Badge pos="absolute" top={6} right={6} color="dark" variant="filled" size="sm">
            1/{images.length}
          </Badge>
        )}
      </Box>
    );
  }
  const shown = images.slice(0, 4);
  const layout = gridLayout(shown.length);
  return (
    <Box
      mt="xs"
      data-crop={crop.label}
      style={{
        aspectRatio: crop.single,
        display: 'grid',
        gap: 2,
        gridTemplateColumns: `repeat(${layout.columns}, 1fr)`,
        gridTemplateRows: `repeat(${layout.rows}, 1fr)`,
        borderRadius: 8,
        overflow: 'hidden',
      }}
    >
      {shown.map((image, index) => (
        <Box key={`${image.url}-${index}`} pos="relative" style={{ gridRow: `span ${layout.spans[index].rowSpan}`, minHeight: 0 }}>
          <img src={image.url} alt={image.alt} style={cover} />
          {index === 3 && images.length > 4 && (
            <Badge pos="absolute" bottom={6} right={6} color="dark" variant="filled" size="sm">
              {t('review.moreImages', { count: images.length - 4 })}
            </Badge>
          )}
        </Box>
      ))}
    </Box>
  );
}

/** A link card as the network shows it when the post has a link and no images (the domain; no page is fetched). */
function LinkCard({ text }: { text: string }) {
  const { t } = useTranslation();
  const link = firstLink(text);
  if (!link) return null;
  return (
    <Paper withBorder radius="md" mt="xs" p="xs" aria-label={t('review.linkCard')} data-testid="link-card">
      <Text size="xs" c="dimmed" tt="lowercase">
        {link.domain}
      </Text>
      <Text size="sm" fw={600} lineClamp={1}>
        {link.url}
      </Text>
    </Paper>
  );
}

/**
 * One post as `network` will show it: the account's avatar, name and handle, the text with its links,
 * images cropped like the network crops them (or a link card), and the thread's replies. The composer,
 * the approvals queue and the post page all use it.
 */
export function PostPreview({
  network,
  account,
  text,
  thread = [],
  images,
  label,
}: {
  network: string;
  account: PreviewAccount;
  text: string;
  thread?: string[];
  images: PreviewImage[];
  label?: string;
}) {
  const { t } = useTranslation();
  const crop = cropFor(network);
  return (
    <Paper className={`preview-card preview-${network}`} aria-label={label} data-testid={`preview-${network}`}>
      <Group justify="space-between" wrap="nowrap" mb={6} align="flex-start">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Avatar src={account.avatarUrl} name={account.name} color="initials" radius="xl" size={36} alt="" />
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700} size="sm" truncate>
              {account.name}
            </Text>
            <Text c="dimmed" size="xs" truncate>
              @{account.handle}
            </Text>
          </Stack>
        </Group>
        {account.simulated ? (
          <Badge color="orange" variant="outline" size="xs">
            {t('common.simulated')}
          </Badge>
        ) : (
          <Badge size="xs" variant="light">
            {network}
          </Badge>
        )}
      </Group>
      <Text size="sm" className="preview-text">
        {linkify(text)}
      </Text>
      {images.length > 0 ? <PreviewImages network={network} images={images} /> : <LinkCard text={text} />}
      {thread
        .filter((part) => part.trim())
        .map((part, index) => (
          <Text key={index} size="sm" className="preview-text" mt="xs" pl="sm" style={{ borderLeft: '2px solid #dee2e6' }}>
            {linkify(part)}
          </Text>
        ))}
      {images.length > 0 && network in NETWORK_CROPS && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('review.cropNote', { network, ratio: crop.label })}
        </Text>
      )}
    </Paper>
  );
}
