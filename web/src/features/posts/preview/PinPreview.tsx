/**
 * A pin as Pinterest shows it in the grid: the image in a tall frame with rounded corners (2:3;
 * a carousel shows its first image and dots), then the title, the description folded to two
 * lines, the link's domain, and the account with the board.
 */
import { Avatar, Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PreviewMedia } from './PreviewMedia.tsx';
import { firstLink, initials } from './crops.ts';

/** What a pin shows of the account and its images (PostPreview's types, repeated so the two files do not import each other). */
interface PinAccount {
  name: string;
  handle: string;
}
interface PinImage {
  url: string;
  alt: string;
}

/** Pinterest's grid frame: width / height. */
export const PIN_RATIO = 2 / 3;

export function PinPreview({
  account,
  text,
  title,
  link,
  images,
  label,
}: {
  account: PinAccount;
  text: string;
  title?: string;
  link?: string;
  images: PinImage[];
  label?: string;
}) {
  const { t } = useTranslation();
  const domain = firstLink(link ?? '')?.domain ?? firstLink(text)?.domain;
  const first = images[0];
  return (
    <Paper
      className="preview-card preview-pinterest"
      aria-label={label}
      data-testid="preview-pinterest"
      data-network="pinterest"
      p="xs"
      maw={300}
    >
      <Box
        pos="relative"
        style={{ aspectRatio: String(PIN_RATIO), borderRadius: 16, overflow: 'hidden', background: '#efefef' }}
        data-crop="2:3"
      >
        {first ? (
          <PreviewMedia url={first.url} alt={first.alt} />
        ) : (
          <Group h="100%" justify="center" px="md" data-testid="needs-image">
            <Text size="sm" c="dimmed" ta="center">
              {t('previews.pinNeedsImage')}
            </Text>
          </Group>
        )}
        {images.length > 1 && (
          <Badge pos="absolute" top={8} right={8} color="dark" variant="filled" size="sm" radius="xl">
            1/{images.length}
          </Badge>
        )}
        {domain && (
          <Badge pos="absolute" bottom={8} left={8} color="gray" variant="white" size="sm" radius="xl" tt="none" data-testid="pin-link">
            {domain}
          </Badge>
        )}
      </Box>
      <Stack gap={2} mt={6}>
        {title?.trim() && (
          <Text fw={700} size="sm" lineClamp={2} data-testid="pin-title">
            {title}
          </Text>
        )}
        {text.trim() && (
          <Text size="xs" c="dimmed" lineClamp={2} className="preview-text">
            {text}
          </Text>
        )}
        <Group gap={6} wrap="nowrap" mt={4}>
          <Avatar size={22} radius="xl" color="initials" name={account.name} alt="">
            {initials(account.name || account.handle)}
          </Avatar>
          <Text size="xs" truncate>
            {t('previews.pinBoard', { board: account.name })}
          </Text>
        </Group>
      </Stack>
      <Text size="xs" c="dimmed" mt={4}>
        {t('previews.cropNote', { network: 'Pinterest', ratio: '2:3' })}
      </Text>
    </Paper>
  );
}
