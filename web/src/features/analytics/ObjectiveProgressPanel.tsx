import { Link } from 'react-router-dom';
import { Anchor, Card, Group, List, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../shared/format.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { JudgingNote, StatusBadge, statusColor, useBilingual, useKpiValue, useLocalizedText, useNumber, useReason } from './shared.tsx';
import type { ObjectiveProgress } from './types.ts';
import { networkLabel } from '../../shared/api-error-text.ts';

/** Progress against target, forecast to the deadline, and, when off track, the evidence and suggestions. */
export function ObjectiveProgressPanel({ progress, kpiLabel }: { progress: ObjectiveProgress; kpiLabel: string }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const reason = useReason();
  const bilingual = useBilingual();
  const localized = useLocalizedText();
  const format = useKpiValue();
  const number = useNumber();
  const { objective, current, forecast } = progress;
  const share = current !== null && objective.target ? Math.max(0, Math.min(100, (current / objective.target) * 100)) : 0;
  return (
    <Card withBorder data-testid="objective-progress">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={4}>{objective.name}</Title>
          <Text size="xs" c="dimmed">
            {kpiLabel} · {t('analytics.objective.deadline')}: {formatInstant(objective.deadline, workspace.timeZone, i18n.language)}
          </Text>
        </div>
        <StatusBadge status={progress.status} />
      </Group>
      <JudgingNote status={progress.status} judgingFrom={progress.judgingFrom} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="xs">
        <div>
          <Text size="xs" c="dimmed">
            {t('analytics.objective.current')}
          </Text>
          <Text fw={700}>{format(objective.kpi, current)}</Text>
          {current === null && progress.reason && (
            <Text size="xs" c="dimmed">
              {reason(progress.reason)}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('analytics.objective.target')}
          </Text>
          <Text fw={700}>{format(objective.kpi, objective.target)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('analytics.objective.forecast')}
          </Text>
          <Text fw={700}>{forecast ? format(objective.kpi, forecast.ewma) : '—'}</Text>
          {forecast && (
            <Text size="xs" c="dimmed">
              {t('analytics.objective.forecastLinear', { value: format(objective.kpi, forecast.linear) })}
            </Text>
          )}
        </div>
      </SimpleGrid>
      <Progress value={share} color={statusColor(progress.status)} aria-label={t('analytics.objective.progress')} mb={4} />
      <Text size="xs" c="dimmed">
        {t('analytics.objective.progressOfTarget', { percent: number(share, 0) })}
      </Text>
      {forecast && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('analytics.objective.method')}: {localized(forecast.method, forecast.methodEs)}
        </Text>
      )}
      {progress.suggestions.length > 0 && (
        <Stack gap={4} mt="sm" data-testid="suggestions">
          <Text fw={600} size="sm">
            {t('analytics.objective.suggestions')}
          </Text>
          <List size="sm">
            {progress.suggestions.map((s) => (
              <List.Item key={s.kind + s.en}>{bilingual(s)}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      {progress.evidence && (
        <Stack gap="xs" mt="sm" data-testid="evidence">
          <Text fw={600} size="sm">
            {t('analytics.objective.evidence')}
          </Text>
          <Table fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analytics.table.channel')}</Table.Th>
                <Table.Th>{t('analytics.table.posts')}</Table.Th>
                <Table.Th>{t('analytics.table.engagementRateFollowers')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {progress.evidence.channels.map((c) => (
                <Table.Tr key={c.channelId}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{c.posts}</Table.Td>
                  <Table.Td>{c.engagementRateByFollowers === null ? '—' : `${number(c.engagementRateByFollowers)} %`}</Table.Td>
                  <Table.Td>
                    {progress.evidence?.underperformingChannels.some((u) => u.channelId === c.channelId) && (
                      <Text size="xs" c="red">
                        {t('analytics.objective.underperforming')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs">
            {t('analytics.objective.formats', {
              media: progress.evidence.formats.withMedia.rate === null ? '—' : `${number(progress.evidence.formats.withMedia.rate)} %`,
              text: progress.evidence.formats.textOnly.rate === null ? '—' : `${number(progress.evidence.formats.textOnly.rate)} %`,
            })}
          </Text>
          {progress.evidence.pillars.length > 0 && (
            <Text size="xs">
              {t('analytics.objective.pillars')}: {progress.evidence.pillars.map((p) => `${p.name} ${number(p.rate)} %`).join(' · ')}
            </Text>
          )}
          {progress.evidence.underperformingPosts.length > 0 && (
            <Stack gap={2}>
              <Text size="xs" fw={600}>
                {t('analytics.objective.worstPosts')}
              </Text>
              {progress.evidence.underperformingPosts.map((p) => (
                <Anchor key={p.publicationId} size="xs" component={Link} to={`/posts/${p.postId}`}>
                  {p.excerpt || p.postId} ({networkLabel(p.network)}, {p.engagements})
                </Anchor>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Card>
  );
}
