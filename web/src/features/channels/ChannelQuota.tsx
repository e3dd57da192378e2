import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstant, formatNumber } from '../../shared/format.ts';
import type { Channel } from './types.ts';

type Quota = NonNullable<Channel['quota']>;

/**
 * A network's daily API quota on the channel's card (YouTube: per Google Cloud project, one bar per
 * bucket), with the reset time in the brand's zone (YouTube resets at midnight Pacific time).
 */
export function ChannelQuota({ quota, network, zone }: { quota: Quota; network: string; zone: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  return (
    <Stack gap={4} data-testid="channel-quota">
      <Text size="sm" fw={600}>
        {t('channelQuota.title', { network })}
      </Text>
      {quota.buckets.map((bucket) => {
        const ratio = bucket.limit > 0 ? bucket.used / bucket.limit : 1;
        const color = ratio >= 1 ? 'red' : ratio >= 0.8 ? 'orange' : 'blue';
        return (
          <Stack key={bucket.bucket} gap={2} data-testid={`quota-${bucket.bucket}`}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs">{t(`channelQuota.bucket.${bucket.bucket}`, { defaultValue: bucket.bucket })}</Text>
              <Text size="xs" c={ratio >= 1 ? 'red' : 'dimmed'} data-testid="quota-count">
                {t('channelQuota.used', { used: formatNumber(bucket.used, lang, 0), limit: formatNumber(bucket.limit, lang, 0) })}
              </Text>
            </Group>
            <Progress
              value={Math.min(100, ratio * 100)}
              color={color}
              size="sm"
              aria-label={t(`channelQuota.bucket.${bucket.bucket}`, { defaultValue: bucket.bucket })}
            />
          </Stack>
        );
      })}
      <Text size="xs" c="dimmed" data-testid="quota-resets">
        {t('channelQuota.resets', { when: formatInstant(quota.resetsAt, zone, lang) })}
      </Text>
    </Stack>
  );
}
