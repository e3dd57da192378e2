import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { networkLabel } from '../../shared/api-error-text.ts';
import { formatInstant } from '../../shared/format.ts';
import { workspaceKey } from '../../shared/query-keys.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { saveEvergreen, useEvergreenStatus } from './api.ts';

/**
 * A post's evergreen box: mark or unmark it, its alternative texts, the queues that recycle it and
 * their gap, when it was last shared and when next, and the variation rule in words.
 */
export function EvergreenOnPost({ postId, state }: { postId: string; state: string }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const canWrite = useCan('post.write');
  const queryClient = useQueryClient();
  const status = useEvergreenStatus(postId);
  const [variants, setVariants] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const data = status.data;
  useEffect(() => setVariants(null), [data?.variants.join('\u0000')]);
  if (!data) return null;
  const when = (iso: string | null) => (iso ? formatInstant(iso, workspace.timeZone, i18n.language) : t('recurring.ever.never'));
  const texts = variants ?? data.variants;
  const dirty = variants !== null && JSON.stringify(variants.map((v) => v.trim()).filter(Boolean)) !== JSON.stringify(data.variants);

  if (data.sourceId)
    return (
      <Alert color="teal" variant="light" data-testid="evergreen-reshare">
        <Group gap="xs">
          <Text size="sm">{t('recurring.ever.reshareOf')}</Text>
          <Anchor component={Link} to={`/posts/${data.sourceId}`} size="sm">
            {t('recurring.ever.openSource')}
          </Anchor>
        </Group>
      </Alert>
    );
  if (!data.evergreen && (!canWrite || state === 'canceled')) return null;

  const write = async (evergreen: boolean, next?: string[]) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await saveEvergreen(workspace.id, postId, evergreen, next);
      await queryClient.invalidateQueries({ queryKey: workspaceKey(workspace.id) });
      if (next) setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const networks = data.refusesDuplicates.map((n) => networkLabel(n));

  return (
    <Card withBorder data-testid="post-evergreen">
      <Group justify="space-between" mb={data.evergreen ? 'xs' : 0}>
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('recurring.ever.title')}
          </Title>
          <Badge color={data.evergreen ? 'teal' : 'gray'} variant="light" data-testid="evergreen-badge">
            {data.evergreen ? t('recurring.ever.on') : t('recurring.ever.off')}
          </Badge>
        </Group>
        {canWrite && (
          <Switch
            label={t('recurring.ever.switch')}
            checked={data.evergreen}
            disabled={busy}
            onChange={(e) => void write(e.currentTarget.checked)}
            data-testid="evergreen-switch"
          />
        )}
      </Group>
      {data.evergreen && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('recurring.ever.variants')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('recurring.ever.variantsHelp')}
            </Text>
            {texts.map((text, index) => (
              <Group key={index} align="flex-start" wrap="nowrap" gap="xs">
                <Textarea
                  style={{ flex: 1 }}
                  autosize
                  minRows={2}
                  aria-label={t('recurring.ever.variant', { n: index + 1 })}
                  value={text}
                  readOnly={!canWrite}
                  onChange={(e) => setVariants(texts.map((v, i) => (i === index ? e.currentTarget.value : v)))}
                />
                {canWrite && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={6}
                    aria-label={t('recurring.ever.removeVariant', { n: index + 1 })}
                    onClick={() => setVariants(texts.filter((_, i) => i !== index))}
                  >
                    ✕
                  </ActionIcon>
                )}
              </Group>
            ))}
            {canWrite && (
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setVariants([...texts, ''])} disabled={texts.length >= 20}>
                  {t('recurring.ever.addVariant')}
                </Button>
                <Button
                  size="xs"
                  disabled={!dirty}
                  loading={busy}
                  onClick={() => void write(true, texts.map((v) => v.trim()).filter(Boolean))}
                  data-testid="evergreen-save"
                >
                  {t('recurring.ever.save')}
                </Button>
                {saved && !dirty && (
                  <Text size="xs" c="teal" role="status">
                    {t('recurring.ever.saved')}
                  </Text>
                )}
              </Group>
            )}
          </Stack>
          <Stack gap="xs" data-testid="evergreen-recycling">
            {data.queues.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('recurring.ever.noQueue')}{' '}
                <Anchor component={Link} to="/queues" size="sm">
                  {t('recurring.ever.openQueues')}
                </Anchor>
              </Text>
            ) : (
              <List size="sm" spacing={4}>
                {data.queues.map((queue) => (
                  <List.Item key={queue.id} data-testid="evergreen-queue">
                    {queue.gapDays === null
                      ? t('recurring.ever.notRecycling', { name: queue.name })
                      : queue.paused
                        ? t('recurring.ever.paused', { name: queue.name, count: queue.gapDays })
                        : t('recurring.ever.recycledBy', { name: queue.name, count: queue.gapDays })}
                  </List.Item>
                ))}
              </List>
            )}
            {!data.published && (
              <Text size="sm" c="dimmed">
                {t('recurring.ever.notPublished')}
              </Text>
            )}
            <Group gap="xl">
              <div>
                <Text size="xs" c="dimmed">
                  {t('recurring.ever.lastShared')}
                </Text>
                <Text size="sm" data-testid="evergreen-last">
                  {when(data.lastSharedAt)}
                </Text>
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t('recurring.ever.nextShare')}
                </Text>
                <Text size="sm" data-testid="evergreen-next">
                  {data.nextShareAt ? (
                    <Anchor
                      component={Link}
                      to={`/posts/${data.reshares.find((r) => r.scheduledAt === data.nextShareAt)?.postId ?? postId}`}
                      size="sm"
                    >
                      {when(data.nextShareAt)}
                    </Anchor>
                  ) : data.earliestNextAt ? (
                    t('recurring.ever.notBefore', { when: when(data.earliestNextAt) })
                  ) : (
                    t('recurring.ever.never')
                  )}
                </Text>
              </div>
              {data.reshares.length > 0 && (
                <Badge variant="outline" color="teal">
                  {t('recurring.ever.reshares', { count: data.reshares.length })}
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" data-testid="evergreen-rule">
              {t('recurring.ever.rule')}
            </Text>
            {networks.length > 0 && texts.filter((v) => v.trim()).length === 0 && (
              <Alert color="orange" variant="light" p="xs" data-testid="evergreen-refuses">
                {t('recurring.ever.refuses', { networks: new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(networks) })}
              </Alert>
            )}
          </Stack>
        </SimpleGrid>
      )}
      <ApiErrorAlert error={error} />
    </Card>
  );
}
