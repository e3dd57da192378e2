import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { Link } from 'react-router-dom';
import { apiCall } from '../../api/client.ts';
import type { ApiResponse } from '../../api/types.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { workspaceKey } from '../../shared/query-keys.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';
import { DayField } from '../../shared/DateFields.tsx';
import { formatDay, formatInstant } from '../../shared/format.ts';
import { PublicUrlWarning } from '../../shared/PublicUrlWarning.tsx';

type CreatedLink = ApiResponse<'/api/v1/workspaces/{workspaceId}/client-links', 'post'>;
type ListedLink = ApiResponse<'/api/v1/workspaces/{workspaceId}/client-links', 'get'>['items'][number];

const STATUS_COLORS = { active: 'green', expired: 'gray', revoked: 'red' } as const;

/** A brand-zone day as the UI language writes it. */
function useDayText() {
  const { i18n } = useTranslation();
  const workspace = useWorkspace();
  return (day: string) => formatDay(DateTime.fromISO(day, { zone: workspace.timeZone }).toISO(), workspace.timeZone, i18n.language);
}

/** The verdicts given through one link, newest first. */
function Decisions({ linkId }: { linkId: string }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const detail = useQuery({
    queryKey: [...workspaceKey(workspace.id), 'client-links', linkId],
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/client-links/{linkId}', { params: { workspaceId: workspace.id, linkId } }),
  });
  if (!detail.data) return <ApiErrorAlert error={detail.error} />;
  if (!detail.data.decisions.length)
    return (
      <Text c="dimmed" size="sm">
        {t('clientLinks.noDecisions')}
      </Text>
    );
  return (
    <Stack gap={6} data-testid="client-decisions">
      {detail.data.decisions.map((d) => (
        <Group key={d.postId} gap="xs" wrap="nowrap" align="flex-start">
          <Badge color={d.decision === 'approved' ? 'green' : 'orange'} variant="light" style={{ flexShrink: 0 }}>
            {t(`clientLinks.decision.${d.decision}`)}
          </Badge>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" lineClamp={2}>
              <Link to={`/posts/${d.postId}`}>{d.postContent || '—'}</Link>
            </Text>
            {d.comment && (
              <Text size="sm" fs="italic">
                “{d.comment}”
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {formatInstant(String(d.decidedAt), workspace.timeZone, i18n.language)}
            </Text>
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

function LinkCard({ link }: { link: ListedLink }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const queryClient = useQueryClient();
  const dayText = useDayText();
  const [open, setOpen] = useState(false);
  const when = (iso: unknown) => formatInstant(String(iso), workspace.timeZone, i18n.language);
  const revoke = useMutation({
    mutationFn: () =>
      apiCall('delete', '/api/v1/workspaces/{workspaceId}/client-links/{linkId}', {
        params: { workspaceId: workspace.id, linkId: link.id },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...workspaceKey(workspace.id), 'client-links'] }),
  });
  return (
    <Card withBorder data-testid="client-link">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Text fw={600}>{link.clientName}</Text>
            <Badge color={STATUS_COLORS[link.status]} variant="light">
              {t(`clientLinks.status.${link.status}`)}
            </Badge>
            <Badge color="gray" variant="outline">
              {link.language.toUpperCase()}
            </Badge>
          </Group>
          <Text size="sm">{t('clientLinks.period', { from: dayText(link.firstDay), to: dayText(link.lastDay) })}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          {link.status === 'revoked'
            ? t('clientLinks.revokedAt', { when: when(link.revokedAt) })
            : link.status === 'expired'
              ? t('clientLinks.expired', { when: when(link.expiresAt) })
              : t('clientLinks.expires', { when: when(link.expiresAt) })}
          {link.createdByName ? ` · ${t('clientLinks.createdBy', { who: link.createdByName })}` : ''}
          {' · '}
          {t('clientLinks.approvedCount', { count: link.approved })} · {t('clientLinks.rejectedCount', { count: link.rejected })}
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={() => setOpen((v) => !v)}>
            {open ? t('clientLinks.hideDecisions') : t('clientLinks.showDecisions')}
          </Button>
          {link.status === 'active' && (
            <Button
              size="xs"
              color="red"
              variant="subtle"
              loading={revoke.isPending}
              onClick={() => {
                if (window.confirm(t('clientLinks.revokeConfirm', { client: link.clientName }))) revoke.mutate();
              }}
            >
              {t('clientLinks.revoke')}
            </Button>
          )}
        </Group>
        <ApiErrorAlert error={revoke.error} />
        {open && <Decisions linkId={link.id} />}
      </Stack>
    </Card>
  );
}

/** Managers create, list and revoke the links that let a client approve a period's posts without an account. */
export function ClientLinksPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const canManage = useCan('client_link.manage');
  const queryClient = useQueryClient();
  const today = DateTime.now().setZone(workspace.timeZone);
  const [form, setForm] = useState({
    clientName: '',
    language: (workspace.language === 'en' ? 'en' : 'es') as 'es' | 'en',
    firstDay: today.toISODate() ?? '',
    lastDay: today.plus({ days: 6 }).toISODate() ?? '',
    validDays: 14,
  });
  const [created, setCreated] = useState<CreatedLink | null>(null);
  const links = useQuery({
    queryKey: [...workspaceKey(workspace.id), 'client-links'],
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/client-links', { params: { workspaceId: workspace.id } }),
    enabled: canManage,
  });
  const create = useMutation({
    mutationFn: () =>
      apiCall('post', '/api/v1/workspaces/{workspaceId}/client-links', { params: { workspaceId: workspace.id }, body: form }),
    onSuccess: (link) => {
      setCreated(link);
      setForm((f) => ({ ...f, clientName: '' }));
      void queryClient.invalidateQueries({ queryKey: [...workspaceKey(workspace.id), 'client-links'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <Stack>
      <Title order={2}>{t('clientLinks.title')}</Title>
      <Text c="dimmed" maw={760}>
        {t('clientLinks.help')}
      </Text>
      {!canManage ? (
        <Alert color="gray">{t('clientLinks.notAllowed')}</Alert>
      ) : (
        <>
          <Card withBorder component="form" onSubmit={submit} maw={760}>
            <Stack gap="sm">
              <Title order={4}>{t('clientLinks.newLink')}</Title>
              <TextInput
                label={t('clientLinks.clientName')}
                description={t('clientLinks.clientNameHelp')}
                value={form.clientName}
                onChange={(e) => setForm({ ...form, clientName: e.currentTarget.value })}
                required
                maxLength={120}
              />
              <Group grow align="flex-start" wrap="wrap">
                <DayField
                  label={t('clientLinks.firstDay')}
                  value={form.firstDay}
                  onChange={(firstDay) => setForm({ ...form, firstDay })}
                  required
                />
                <DayField
                  label={t('clientLinks.lastDay')}
                  value={form.lastDay}
                  minDay={form.firstDay}
                  onChange={(lastDay) => setForm({ ...form, lastDay })}
                  required
                />
              </Group>
              <Group align="flex-end" wrap="wrap">
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t('clientLinks.language')}
                  </Text>
                  <SegmentedControl
                    aria-label={t('clientLinks.language')}
                    value={form.language}
                    onChange={(value) => setForm({ ...form, language: value as 'es' | 'en' })}
                    data={[
                      { value: 'es', label: 'Español' },
                      { value: 'en', label: 'English' },
                    ]}
                  />
                </Stack>
                <NumberInput
                  label={t('clientLinks.validDays')}
                  value={form.validDays}
                  min={1}
                  max={90}
                  w={160}
                  onChange={(value) => setForm({ ...form, validDays: typeof value === 'number' ? value : 14 })}
                />
                <Button type="submit" loading={create.isPending} disabled={!form.clientName.trim() || !form.firstDay || !form.lastDay}>
                  {t('clientLinks.create')}
                </Button>
              </Group>
              <ApiErrorAlert error={create.error} />
              {created && (
                <Alert
                  color="green"
                  title={t('clientLinks.createdTitle', { client: created.clientName })}
                  data-testid="client-link-created"
                >
                  <Stack gap="xs">
                    <Text size="sm">{t('clientLinks.createdHelp')}</Text>
                    <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="client-link-url">
                      {created.url}
                    </Code>
                    <CopyButton value={created.url}>
                      {({ copied, copy }) => (
                        <Button size="xs" variant="light" onClick={copy} w="fit-content">
                          {copied ? t('common.copied') : t('clientLinks.copy')}
                        </Button>
                      )}
                    </CopyButton>
                    <PublicUrlWarning warning={created.urlWarning} />
                  </Stack>
                </Alert>
              )}
            </Stack>
          </Card>
          <ApiErrorAlert error={links.error} />
          {links.data?.items.length === 0 && <Text c="dimmed">{t('clientLinks.none')}</Text>}
          <Stack maw={760}>
            {links.data?.items.map((link) => (
              <LinkCard key={link.id} link={link} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
