import { Link } from 'react-router-dom';
import { Anchor, Badge, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { formatInstant } from '../../shared/format.ts';
import { useWorkspace } from '../../shared/session.tsx';
import { useStateLabel } from '../posts/list/status.tsx';
import { useEvergreenList } from './api.ts';

/** The workspace's evergreen posts: texts in rotation, the queues that recycle them, last and next re-share. */
export default function EvergreenList() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const list = useEvergreenList();
  const stateLabel = useStateLabel();
  const when = (iso: string | null) => (iso ? formatInstant(iso, workspace.timeZone, i18n.language) : t('recurring.ever.never'));
  if (list.isLoading) return <Loader aria-label="…" />;
  if (!list.data) return <ApiErrorAlert error={list.error} />;
  return (
    <Stack gap="xs" data-testid="evergreen-list">
      <Text size="sm" c="dimmed" maw={900}>
        {t('recurring.ever.rule')}
      </Text>
      {list.data.items.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          {t('recurring.ever.listNone')}
        </Text>
      ) : (
        <Table highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('shellUi.posts.columns.post')}</Table.Th>
              <Table.Th w={110}>{t('recurring.ever.textsColumn')}</Table.Th>
              <Table.Th w={220}>{t('recurring.ever.queuesColumn')}</Table.Th>
              <Table.Th w={190}>{t('recurring.ever.lastShared')}</Table.Th>
              <Table.Th w={190}>{t('recurring.ever.nextShare')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((post) => (
              <Table.Tr key={post.id} data-testid="evergreen-row">
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge size="sm" variant="light" color={post.state === 'published' ? 'teal' : 'gray'}>
                      {stateLabel(post.state)}
                    </Badge>
                    <Anchor component={Link} to={`/posts/${post.id}`} size="sm" lineClamp={2}>
                      {post.content || '—'}
                    </Anchor>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t('recurring.ever.texts', { count: 1 + post.variants.length })}</Text>
                </Table.Td>
                <Table.Td>
                  {post.queues.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('recurring.ever.noRecycling')}
                    </Text>
                  ) : (
                    post.queues.map((q) => (
                      <Text key={q.id} size="sm">
                        {q.name} · {t('recurring.ever.everyDays', { count: q.gapDays })}
                      </Text>
                    ))
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{when(post.lastSharedAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{when(post.nextShareAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
