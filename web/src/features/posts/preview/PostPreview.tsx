import { useState } from 'react';
import { Avatar, Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { safeHref } from '../../../shared/safe-link.ts';
import { networkLabel } from '../../../shared/api-error-text.ts';
import { BlogPostPreview } from './BlogPostPreview.tsx';
import { PreviewMedia } from './PreviewMedia.tsx';
import { PinPreview } from './PinPreview.tsx';
import { GoogleBusinessPreview, YouTubePreview } from './VideoPlacePreviews.tsx';
import { cropLabels, firstLink, foldText, frameFor, gridLayout, initials, networkLength, shapeFor } from './crops.ts';

/** An image as a preview shows it. */
export interface PreviewImage {
  url: string;
  alt: string;
  /** When known: a video is drawn as a player with its first frame (PreviewMedia finds out otherwise). */
  kind?: 'image' | 'video';
}

/** The account a post goes out from. */
export interface PreviewAccount {
  name: string;
  handle: string;
  /** A picture Plaza serves itself (same origin); remote pictures are not loaded, an initial avatar is drawn instead. */
  avatarUrl?: string;
  simulated?: boolean;
}

function linkify(text: string, clickable: boolean) {
  const parts = text.split(/(https?:\/\/[^\s<>"')]+)/g);
  return parts.map((part, index) =>
    index % 2 === 1 && clickable && safeHref(part) ? (
      <a key={index} href={safeHref(part)!} target="_blank" rel="noreferrer noopener">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/** One image in the frame `network` gives its shape (read from the image once it has loaded). */
function FramedImage({ network, image, fixed }: { network: string; image: PreviewImage; fixed?: number }) {
  const [natural, setNatural] = useState<number | null>(null);
  const frame = frameFor(network, natural);
  return (
    <Box
      pos="relative"
      style={{ aspectRatio: String(fixed ?? frame.ratio), overflow: 'hidden', background: '#f1f3f5' }}
      data-crop={frame.label}
    >
      <PreviewMedia url={image.url} alt={image.alt} kind={image.kind} onAspect={setNatural} />
    </Box>
  );
}

/** Images framed and laid out the way `network` shows them in its feed. */
function PreviewImages({ network, images }: { network: string; images: PreviewImage[] }) {
  const { t } = useTranslation();
  const crop = shapeFor(network).crop;
  if (images.length === 0) return null;
  if (images.length === 1) {
    return (
      <Box mt="xs" style={{ borderRadius: network === 'instagram' ? 0 : 8, overflow: 'hidden' }}>
        <FramedImage network={network} image={images[0]} />
      </Box>
    );
  }
  if (crop.several === 'carousel') {
    // The first image sets the frame for all; dots under it, the first one lit.
    return (
      <Box mt="xs">
        <Box pos="relative">
          <FramedImage network={network} image={images[0]} />
          <Badge pos="absolute" top={8} right={8} color="dark" variant="filled" size="sm" radius="xl">
            1/{images.length}
          </Badge>
        </Box>
        <Group gap={4} justify="center" mt={6} data-testid="carousel-dots">
          {images.map((image, index) => (
            <Box
              key={`${image.url}-${index}`}
              aria-label={t('previews.carouselDot', { index: index + 1, count: images.length })}
              role="img"
              style={{ width: 6, height: 6, borderRadius: 3, background: index === 0 ? '#228be6' : '#ced4da' }}
            />
          ))}
        </Group>
      </Box>
    );
  }
  if (crop.several === 'strip') {
    return (
      <Group mt="xs" gap={6} wrap="nowrap" style={{ overflow: 'hidden' }} data-testid="image-strip">
        {images.map((image, index) => (
          <Box key={`${image.url}-${index}`} style={{ flex: '0 0 62%', borderRadius: 8, overflow: 'hidden' }}>
            <FramedImage network={network} image={image} fixed={crop.portrait} />
          </Box>
        ))}
      </Group>
    );
  }
  const shown = images.slice(0, 4);
  const layout = gridLayout(shown.length);
  return (
    <Box
      mt="xs"
      data-crop={frameFor(network, null).label}
      style={{
        aspectRatio: String(crop.landscape),
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
          <PreviewMedia url={image.url} alt={image.alt} kind={image.kind} />
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

/** A readable title from a link's path ("/carta/menu-de-otono?x=1" → "Carta menu de otono"), or null for the home page. */
function linkTitle(path: string): string | null {
  let decoded = path.replace(/[?#].*$/, '');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A malformed escape: keep the path as written.
  }
  const words = decoded
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .replace(/[-_/]+/g, ' ')
    .trim();
  return words ? words.charAt(0).toLocaleUpperCase() + words.slice(1) : null;
}

/** A page's card as the server read it (GET …/link-card): title, description, site name; the image is never loaded here. */
export interface PreviewLinkCard {
  url: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  imageUrl: string | null;
}

/**
 * The card a network draws for the post's first link: the page's own title and description when
 * Plaza has read them (`card`), else from the address alone. The browser fetches nothing from the
 * page; the network reads its title and image itself when it publishes.
 */
function LinkCard({ text, network, card }: { text: string; network: string; card?: PreviewLinkCard | null }) {
  const { t } = useTranslation();
  const link = firstLink(text);
  const kind = shapeFor(network).linkCard;
  if (!link || kind === 'none') return null;
  const read = card && card.url === link.url && card.title ? card : null;
  const title = read?.title ?? linkTitle(link.path) ?? t('previews.linkCardTitle', { domain: link.domain });
  const note = read ? t('linkTools.cardRead') : t('previews.linkCardNote');
  if (kind === 'compact')
    return (
      <Paper withBorder radius="md" mt="xs" p="xs" aria-label={t('review.linkCard')} data-testid="link-card" title={note}>
        <Text size="xs" c="dimmed">
          {link.domain}
        </Text>
        <Text size="sm" fw={600} lineClamp={1}>
          {title}
        </Text>
        {read?.description && (
          <Text size="xs" c="dimmed" lineClamp={1} data-testid="link-card-description">
            {read.description}
          </Text>
        )}
      </Paper>
    );
  return (
    <Paper
      withBorder
      radius={network === 'x' ? 'lg' : 'sm'}
      mt="xs"
      aria-label={t('review.linkCard')}
      data-testid="link-card"
      title={note}
      style={{ overflow: 'hidden' }}
    >
      <Group
        justify="center"
        style={{ aspectRatio: '4', background: 'linear-gradient(135deg, #f1f3f5, #e9ecef)' }}
        aria-hidden
        data-testid="link-card-image"
      >
        <svg
          aria-hidden
          width="28"
          height="28"
          viewBox="0 0 24 24"
          fill="none"
          stroke="#adb5bd"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
          <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
        </svg>
      </Group>
      <Box p="xs" bg={network === 'facebook' ? 'gray.0' : undefined}>
        {network === 'facebook' && (
          <Text size="xs" c="dimmed" tt="uppercase">
            {link.domain}
          </Text>
        )}
        <Text size="sm" fw={600} lineClamp={2}>
          {title}
        </Text>
        {read?.description && (
          <Text size="xs" lineClamp={2} data-testid="link-card-description">
            {read.description}
          </Text>
        )}
        {network !== 'facebook' && (
          <Text size="xs" c="dimmed">
            {link.domain}
          </Text>
        )}
      </Box>
    </Paper>
  );
}

/** The account's picture: one Plaza serves, or its initials on a colour taken from its name. */
function AccountAvatar({ account, network }: { account: PreviewAccount; network: string }) {
  const src = account.avatarUrl?.startsWith('/') ? account.avatarUrl : undefined;
  return (
    <Avatar
      src={src}
      name={account.name}
      color="initials"
      radius={shapeFor(network).avatarRadius}
      size={36}
      alt=""
      data-testid="preview-avatar"
      style={network === 'instagram' ? { boxShadow: '0 0 0 2px #fff, 0 0 0 4px #d6249f' } : undefined}
    >
      {initials(account.name || account.handle)}
    </Avatar>
  );
}

/**
 * One post as `network` will show it: the account's avatar, name and handle, the text (folded behind
 * "… more" where the feed folds it, with the network's character count), images framed like the
 * network frames them (or the first link's card), and the thread's replies. The composer, the
 * approvals queue, the post page and the preview gallery all use it.
 */
export function PostPreview({
  network,
  account,
  text,
  thread = [],
  images,
  label,
  title,
  excerpt,
  link,
  card,
}: {
  network: string;
  account: PreviewAccount;
  text: string;
  thread?: string[];
  images: PreviewImage[];
  label?: string;
  /** The post's title, for networks that show one (blogs, Pinterest). */
  title?: string;
  /** Blogs (WordPress): the post's excerpt, when the composer has it. */
  excerpt?: string;
  /** The post's own link (an option, e.g. Pinterest's destination link). */
  link?: string;
  /** The first link's card as Plaza read it, when the caller has it (the composer). */
  card?: PreviewLinkCard | null;
}) {
  const { t } = useTranslation();
  if (network === 'wordpress')
    return <BlogPostPreview account={account} text={text} images={images} title={title} excerpt={excerpt} label={label} />;
  if (network === 'pinterest') return <PinPreview account={account} text={text} title={title} link={link} images={images} label={label} />;
  if (network === 'youtube') return <YouTubePreview account={account} text={text} images={images} label={label} />;
  if (network === 'google-business') return <GoogleBusinessPreview account={account} text={text} images={images} label={label} />;
  const shape = shapeFor(network);
  const length = networkLength(text, network);
  const over = shape.limit !== null && length > shape.limit ? length - shape.limit : 0;
  const { shown, folded } = foldText(text, network);
  const clickable = network !== 'instagram';
  const captionFirst = network === 'instagram';
  const body = (
    <Text size="sm" className="preview-text" mt={captionFirst ? 'xs' : 0}>
      {captionFirst && (
        <Text span fw={700} mr={6}>
          {account.handle}
        </Text>
      )}
      {linkify(shown, clickable)}
      {folded && (
        <Text span c="dimmed">
          {' '}
          {t('previews.seeMore')}
        </Text>
      )}
    </Text>
  );
  const frameLabel = images.length > 0 ? cropLabels(network) : null;
  return (
    <Paper className={`preview-card preview-${network}`} aria-label={label} data-testid={`preview-${network}`} data-network={network}>
      <Group justify="space-between" wrap="nowrap" mb={6} align="flex-start">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <AccountAvatar account={account} network={network} />
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700} size="sm" truncate data-testid="preview-name">
              {network === 'instagram' || network === 'threads' ? account.handle : account.name}
            </Text>
            {shape.showHandle && (
              <Text c="dimmed" size="xs" truncate>
                @{account.handle}
              </Text>
            )}
          </Stack>
        </Group>
        <Group gap={4} wrap="nowrap">
          {network !== 'sandbox' && (
            <Badge size="xs" variant="light" tt="none">
              {networkLabel(network)}
            </Badge>
          )}
          {account.simulated && (
            <Badge color="orange" variant="outline" size="xs">
              {t('common.simulated')}
            </Badge>
          )}
        </Group>
      </Group>
      {!captionFirst && body}
      {images.length > 0 ? (
        <PreviewImages network={network} images={images} />
      ) : network === 'instagram' ? (
        <Group mt="xs" justify="center" style={{ aspectRatio: '1', background: '#f1f3f5' }} data-testid="needs-image">
          <Text size="sm" c="dimmed" ta="center" px="md">
            {t('previews.needsImage')}
          </Text>
        </Group>
      ) : (
        <LinkCard text={text} network={network} card={card} />
      )}
      {captionFirst && body}
      {thread
        .filter((part) => part.trim())
        .map((part, index) => (
          <Text key={index} size="sm" className="preview-text" mt="xs" pl="sm" style={{ borderLeft: '2px solid #dee2e6' }}>
            {linkify(part, clickable)}
          </Text>
        ))}
      <Group justify="space-between" mt={4} gap="xs">
        {images.length > 0 && frameLabel ? (
          <Text size="xs" c="dimmed">
            {t('previews.cropNote', { network: networkLabel(network), ratio: frameLabel })}
          </Text>
        ) : (
          <span />
        )}
        {shape.limit !== null && (
          <Text size="xs" c={over ? 'red' : 'dimmed'} data-testid="preview-count">
            {length}/{shape.limit}
          </Text>
        )}
      </Group>
      {over > 0 && (
        <Text size="xs" c="red" data-testid="preview-over-limit">
          {t('previews.overLimit', { count: over, limit: shape.limit, network: networkLabel(network) })}
        </Text>
      )}
    </Paper>
  );
}
