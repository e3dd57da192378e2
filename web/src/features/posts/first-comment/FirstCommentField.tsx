import { Group, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiItem } from '../../../api/types.ts';
import { countLikeNetwork } from './count.ts';

/** A network as GET /networks describes it. */
type NetworkInfo = ApiItem<'/api/v1/networks', 'get'>;

/**
 * A channel's first comment in the composer, offered only where its network declares one
 * (capabilities.firstComment), with a counter that counts as the network does.
 */
export function FirstCommentField({
  channelId,
  network,
  value,
  onChange,
}: {
  channelId: string;
  network: NetworkInfo | undefined;
  value: string;
  onChange(next: string): void;
}) {
  const { t, i18n } = useTranslation();
  if (!network?.capabilities?.firstComment) return null;
  const max = network.limits.maxChars;
  const count = countLikeNetwork(value, network.capabilities.charCounting);
  const over = count > max;
  const name = network.label[i18n.language === 'es' ? 'es' : 'en'];
  return (
    <Textarea
      label={
        <Group gap="xs" justify="space-between" wrap="nowrap" w="100%">
          <span>{t('firstComment.label')}</span>
        </Group>
      }
      description={t('firstComment.help')}
      autosize
      minRows={2}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={over ? t('firstComment.tooLong', { network: name, count, max }) : undefined}
      inputWrapperOrder={['label', 'description', 'input', 'error']}
      rightSectionWidth={84}
      rightSection={
        value ? (
          <Text size="xs" c={over ? 'red.7' : 'dimmed'} data-testid={`first-comment-count-${channelId}`}>
            {t('firstComment.count', { count, max })}
          </Text>
        ) : null
      }
      data-testid={`first-comment-${channelId}`}
    />
  );
}
