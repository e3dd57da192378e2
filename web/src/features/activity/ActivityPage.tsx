import { Link } from 'react-router-dom';
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import type { ActivityItem } from './types.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { formatInstant } from '../../shared/format.ts';
import { activityLink, useActivityLabel } from './activity.ts';
import { activityKeys } from './api.ts';

/** Recent activity of the workspace (the audit log), refreshed live by the shell's event stream. */
export function ActivityPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const label = useActivityLabel();
  const events = useQuery({
    queryKey: activityKeys.events(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/events', { params: { workspaceId: workspace.id }, query: { limit: 100 } }))
        .items,
  });
  return (
    <Stack>
      <Title order={2}>{t('activity.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('activity.live')}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('activity.when')}</Table.Th>
              <Table.Th>{t('activity.what')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.data?.map((row) => {
              const item: ActivityItem = row;
              return (
                <Table.Tr key={row.id}>
                  <Table.Td>{formatInstant(row.createdAt, workspace.timeZone, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={activityLink(item)}>
                      {label(item)}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
