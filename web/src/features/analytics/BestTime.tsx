import { useState } from 'react';
import { Badge, Card, Group, Loader, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { useChannels } from '../channels/api.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { useLocalizedText, useNumber, useObjectives, useSegments, useWeekdays } from './shared.tsx';
import { analyticsKeys } from './api.ts';
import { networkLabel } from '../../shared/api-error-text.ts';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** 7×24 heatmap of the best times to post (brand's zone) and the channel-fit ranking. */
export default function BestTimePage() {
  const { t } = useTranslation();
  const localized = useLocalizedText();
  const workspace = useWorkspace();
  const number = useNumber();
  const weekdays = useWeekdays();
  const channels = useChannels();
  const objectives = useObjectives();
  const segments = useSegments();
  const [channelId, setChannelId] = useState<string | null>(null);
  const [fitFor, setFitFor] = useState<string | null>(null);
  const grid = useQuery({
    queryKey: analyticsKeys.bestTime(workspace.id, channelId),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/best-time', {
        params: { workspaceId: workspace.id },
        query: { channelId: channelId ?? undefined },
      }),
  });
  const fitQuery = fitFor ? { [fitFor.startsWith('o:') ? 'objectiveId' : 'segmentId']: fitFor.slice(2) } : {};
  const fit = useQuery({
    queryKey: analyticsKeys.channelFit(workspace.id, fitFor),
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/channel-fit', { params: { workspaceId: workspace.id }, query: fitQuery }),
  });
  const max = Math.max(0, ...(grid.data?.cells.map((c) => c.rate ?? 0) ?? []));
  const best = new Set(grid.data?.best.map((c) => `${c.weekday}-${c.hour}`) ?? []);

  return (
    <Stack>
      <Title order={2}>{t('analytics.bestTime.title')}</Title>
      <Card withBorder>
        <Group justify="space-between" mb="sm" align="flex-end">
          <Select
            size="xs"
            w={240}
            label={t('analytics.bestTime.channel')}
            placeholder={t('analytics.bestTime.allChannels')}
            clearable
            data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={channelId}
            onChange={setChannelId}
          />
          {grid.data && (
            <Text size="sm">
              {t('analytics.bestTime.zone', { zone: grid.data.timeZone })} ·{' '}
              {t('analytics.bestTime.samples', { n: grid.data.samples, min: grid.data.minSample })}
            </Text>
          )}
        </Group>
        {grid.isLoading && <Loader size="sm" />}
        {grid.data && (
          <>
            <div
              className="plaza-heatmap"
              role="table"
              aria-label={t('analytics.bestTime.title')}
              data-testid="heatmap"
              style={{ display: 'grid', gridTemplateColumns: `48px repeat(24, minmax(18px, 1fr))`, gap: 2, overflowX: 'auto' }}
            >
              <div role="columnheader" />
              {HOURS.map((hour) => (
                <div key={hour} role="columnheader" style={{ fontSize: 10, textAlign: 'center' }}>
                  {hour}
                </div>
              ))}
              {weekdays.map((name, index) => (
                <div key={name} role="row" style={{ display: 'contents' }}>
                  <div role="rowheader" style={{ fontSize: 12 }}>
                    {name}
                  </div>
                  {HOURS.map((hour) => {
                    const cell = grid.data.cells.find((c) => c.weekday === index + 1 && c.hour === hour);
                    const rate = cell?.rate ?? null;
                    const intensity = rate !== null && max > 0 ? rate / max : 0;
                    const label =
                      rate === null
                        ? t('analytics.bestTime.cellEmpty', { day: name, hour, n: cell?.posts ?? 0 })
                        : t('analytics.bestTime.cell', { day: name, hour, rate: number(rate), n: cell?.posts ?? 0 });
                    return (
                      <Tooltip key={hour} label={label}>
                        <div
                          role="cell"
                          aria-label={label}
                          data-best={best.has(`${index + 1}-${hour}`) || undefined}
                          style={{
                            height: 22,
                            borderRadius: 3,
                            background: rate === null ? 'var(--mantine-color-gray-1)' : `rgba(28, 126, 214, ${0.15 + 0.85 * intensity})`,
                            outline: best.has(`${index + 1}-${hour}`) ? '2px solid var(--mantine-color-orange-6)' : undefined,
                          }}
                        />
                      </Tooltip>
                    );
                  })}
                </div>
              ))}
            </div>
            <Group gap="xs" mt="sm">
              <Text size="sm" fw={600}>
                {t('analytics.bestTime.best')}:
              </Text>
              {grid.data.best.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('analytics.bestTime.notEnough', { min: grid.data.minSample })}
                </Text>
              )}
              {grid.data.best.map((c) => (
                <Badge key={`${c.weekday}-${c.hour}`} color="orange" variant="light">
                  {weekdays[c.weekday - 1]} {c.hour}:00 · {number(c.rate)} %
                </Badge>
              ))}
            </Group>
            <Text size="xs" c="dimmed" mt="xs">
              {t('analytics.bestTime.method')}: {localized(grid.data.method, grid.data.methodEs)}
            </Text>
          </>
        )}
      </Card>
      <Card withBorder data-testid="channel-fit">
        <Group justify="space-between" align="flex-end" mb="sm">
          <Title order={3}>{t('analytics.fit.title')}</Title>
          <Select
            size="xs"
            w={260}
            label={t('analytics.fit.for')}
            placeholder={t('analytics.fit.allPosts')}
            clearable
            data={[
              { group: t('analytics.fit.objectives'), items: (objectives.data ?? []).map((o) => ({ value: `o:${o.id}`, label: o.name })) },
              { group: t('analytics.fit.segments'), items: (segments.data ?? []).map((s) => ({ value: `s:${s.id}`, label: s.name })) },
            ]}
            value={fitFor}
            onChange={setFitFor}
          />
        </Group>
        <Text size="xs" c="dimmed" mb="xs">
          {t('analytics.fit.help')}
        </Text>
        {fit.data && (
          <>
            <Text size="sm" mb="xs">
              {t('analytics.fit.rankedBy', {
                by: fit.data.rankedBy === 'leads per post' ? t('analytics.fit.byLeads') : t('analytics.fit.byEngagement'),
              })}
            </Text>
            {fit.data.networks.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('analytics.fit.noData')}
              </Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('analytics.table.network')}</Table.Th>
                    <Table.Th>{t('analytics.table.posts')}</Table.Th>
                    <Table.Th>{t('analytics.table.engagementRateFollowers')}</Table.Th>
                    <Table.Th>{t('analytics.table.amplification')}</Table.Th>
                    <Table.Th>{t('analytics.table.conversation')}</Table.Th>
                    <Table.Th>{t('analytics.table.leads')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {fit.data.networks.map((n) => (
                    <Table.Tr key={n.network}>
                      <Table.Td>{n.rank}</Table.Td>
                      <Table.Td>{networkLabel(n.network)}</Table.Td>
                      <Table.Td>{n.posts}</Table.Td>
                      <Table.Td>{n.engagementRateByFollowers === null ? '—' : `${number(n.engagementRateByFollowers)} %`}</Table.Td>
                      <Table.Td>{number(n.amplificationRate)}</Table.Td>
                      <Table.Td>{number(n.conversationRate)}</Table.Td>
                      <Table.Td>{n.leads}</Table.Td>
                      <Table.Td>
                        {!n.enoughData && (
                          <Badge color="gray" variant="light">
                            {t('analytics.fit.notEnough', { min: fit.data.minPosts })}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Card>
    </Stack>
  );
}
