import { useState } from 'react';
import { failureReasonText } from '../../shared/failure-reason-text.ts';
import {
  Badge,
  Button,
  Card,
  ColorInput,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, apiCall } from '../../api/client.ts';
import { formatInstant } from '../../shared/format.ts';
import { useSession, useWorkspace } from '../../shared/session.tsx';
import { RangePicker, rangeQueryString, useCampaigns, useDayRange, useObjectives } from './shared.tsx';
import { analyticsKeys } from './api.ts';
import { ApiErrorAlert } from '../../shared/ApiErrorAlert.tsx';

/** The report languages, each named in its own language (as language pickers do). */
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Español' };

/** Reports: download PDF or CSV now, weekly/monthly e-mail schedules, branding and SMTP. */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const campaigns = useCampaigns();
  const objectives = useObjectives();
  const [range, setRange] = useDayRange(workspace.timeZone);
  const [language, setLanguage] = useState(i18n.language === 'es' ? 'es' : 'en');
  const [scope, setScope] = useState<string | null>(null);
  const base = `/workspaces/${workspace.id}`;
  const scopeParam = scope ? `&${scope.startsWith('c:') ? 'campaignId' : 'objectiveId'}=${scope.slice(2)}` : '';
  const href = (format: 'pdf' | 'csv') =>
    `/api/v1${base}/analytics/report?format=${format}&language=${language}&${rangeQueryString(range, workspace.timeZone)}${scopeParam}`;
  const scopeOptions = [
    { group: t('analytics.scope.campaign'), items: (campaigns.data ?? []).map((c) => ({ value: `c:${c.id}`, label: c.name })) },
    { group: t('analytics.scope.objective'), items: (objectives.data ?? []).map((o) => ({ value: `o:${o.id}`, label: o.name })) },
  ];

  const schedules = useQuery({
    queryKey: analyticsKeys.reportSchedules(workspace.id),
    queryFn: async () =>
      (await apiCall('get', '/api/v1/workspaces/{workspaceId}/report-schedules', { params: { workspaceId: workspace.id } })).items,
  });
  const [name, setName] = useState('');
  const [frequency, setFrequency] = useState<'weekly' | 'monthly'>('weekly');
  const [formats, setFormats] = useState<string[]>(['pdf']);
  const [scheduleLanguage, setScheduleLanguage] = useState<string>(language);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [scheduleScope, setScheduleScope] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: analyticsKeys.reportSchedules(workspace.id) });
  const createSchedule = useMutation({
    mutationFn: () =>
      api('POST', `${base}/report-schedules`, {
        name,
        frequency,
        formats,
        language: scheduleLanguage,
        recipients,
        scope: scheduleScope ? { [scheduleScope.startsWith('c:') ? 'campaignId' : 'objectiveId']: scheduleScope.slice(2) } : {},
      }),
    onSuccess: async () => {
      setName('');
      setRecipients([]);
      await invalidate();
    },
  });
  const removeSchedule = useMutation({
    mutationFn: (id: string) => api('DELETE', `${base}/report-schedules/${id}`),
    onSuccess: invalidate,
  });
  const runSchedule = useMutation({ mutationFn: (id: string) => api('POST', `${base}/report-schedules/${id}/run`), onSettled: invalidate });

  const settings = useQuery({
    queryKey: analyticsKeys.settings(workspace.id),
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/analytics/settings', { params: { workspaceId: workspace.id } }),
    enabled: can('workspace.manage'),
  });
  const [color, setColor] = useState<string | null>(null);
  const [smtpHost, setSmtpHost] = useState<string | null>(null);
  const [smtpPort, setSmtpPort] = useState<number | string>(587);
  const [smtpSecure, setSmtpSecure] = useState(false);
  const [smtpUser, setSmtpUser] = useState('');
  const [smtpPassword, setSmtpPassword] = useState('');
  const [smtpFrom, setSmtpFrom] = useState<string | null>(null);
  const host = smtpHost ?? settings.data?.smtp?.host ?? '';
  const from = smtpFrom ?? settings.data?.smtp?.from ?? '';
  const saveSettings = useMutation({
    mutationFn: () =>
      api('PUT', `${base}/analytics/settings`, {
        brandColor: color ?? settings.data?.brandColor,
        ...(host && from
          ? {
              smtp: {
                host,
                port: Number(smtpPort),
                secure: smtpSecure,
                user: smtpUser || undefined,
                password: smtpPassword || undefined,
                from,
              },
            }
          : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyticsKeys.settings(workspace.id) }),
  });

  return (
    <Stack>
      <Title order={2}>{t('analytics.reports.title')}</Title>
      <Card withBorder data-testid="report-download">
        <Title order={4} mb="xs">
          {t('analytics.reports.download')}
        </Title>
        <Stack gap="sm">
          <RangePicker range={range} onChange={setRange} />
          <Group align="flex-end">
            <Select
              size="xs"
              w={240}
              label={t('analytics.reports.scope')}
              placeholder={t('analytics.scope.overview')}
              data={scopeOptions}
              value={scope}
              onChange={setScope}
              clearable
            />
            <SegmentedControl
              size="xs"
              value={language}
              onChange={setLanguage}
              data={[
                { value: 'en', label: LANGUAGE_NAMES.en },
                { value: 'es', label: LANGUAGE_NAMES.es },
              ]}
              aria-label={t('analytics.reports.language')}
            />
            <Button component="a" href={href('pdf')} size="xs">
              {t('analytics.reports.downloadPdf')}
            </Button>
            <Button component="a" href={href('csv')} size="xs" variant="light">
              {t('analytics.reports.downloadCsv')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('analytics.reports.schedules')}
        </Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('analytics.reports.schedulesHelp', { zone: workspace.timeZone })}
        </Text>
        {can('workspace.manage') && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              createSchedule.mutate();
            }}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} mb="xs">
              <TextInput label={t('analytics.reports.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
              <Select
                label={t('analytics.reports.frequency')}
                data={[
                  { value: 'weekly', label: t('analytics.reports.weekly') },
                  { value: 'monthly', label: t('analytics.reports.monthly') },
                ]}
                value={frequency}
                onChange={(v) => v && setFrequency(v as 'weekly' | 'monthly')}
                allowDeselect={false}
              />
              <MultiSelect
                label={t('analytics.reports.formats')}
                data={[
                  { value: 'pdf', label: t('analytics.reports.formatPdf') },
                  { value: 'csv', label: t('analytics.reports.formatCsv') },
                ]}
                value={formats}
                onChange={setFormats}
              />
              <Select
                label={t('analytics.reports.language')}
                data={[
                  { value: 'en', label: LANGUAGE_NAMES.en },
                  { value: 'es', label: LANGUAGE_NAMES.es },
                ]}
                value={scheduleLanguage}
                onChange={(v) => v && setScheduleLanguage(v)}
                allowDeselect={false}
              />
              <TagsInput
                label={t('analytics.reports.recipients')}
                placeholder="ana@example.com"
                value={recipients}
                onChange={setRecipients}
              />
              <Select
                label={t('analytics.reports.scope')}
                placeholder={t('analytics.scope.overview')}
                data={scopeOptions}
                value={scheduleScope}
                onChange={setScheduleScope}
                clearable
              />
            </SimpleGrid>
            <Button type="submit" size="xs" loading={createSchedule.isPending} disabled={!name || !recipients.length || !formats.length}>
              {t('analytics.reports.addSchedule')}
            </Button>
            {createSchedule.isError && <ApiErrorAlert error={createSchedule.error} mt="xs" />}
          </form>
        )}
        <Table mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.reports.name')}</Table.Th>
              <Table.Th>{t('analytics.reports.frequency')}</Table.Th>
              <Table.Th>{t('analytics.reports.recipients')}</Table.Th>
              <Table.Th>{t('analytics.reports.nextRun')}</Table.Th>
              <Table.Th>{t('analytics.reports.lastRun')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {schedules.data?.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.name}{' '}
                  <Badge size="xs" variant="light" tt="none">
                    {s.formats.map((f) => f.toUpperCase()).join(' + ')} · {LANGUAGE_NAMES[s.language] ?? s.language}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`analytics.reports.${s.frequency}`)}</Table.Td>
                <Table.Td>{s.recipients.join(', ')}</Table.Td>
                <Table.Td>{formatInstant(s.nextRunAt, workspace.timeZone, i18n.language)}</Table.Td>
                <Table.Td>
                  {formatInstant(s.lastRunAt, workspace.timeZone, i18n.language)}
                  {(s.lastError || s.lastErrorCode) && (
                    // Why the last run failed, by code in the UI language; the raw words only as a tooltip.
                    <Text size="xs" c="red" title={s.lastError ?? undefined} data-testid="schedule-error">
                      {failureReasonText(s.lastErrorCode)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {can('workspace.manage') && (
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="light" onClick={() => runSchedule.mutate(s.id)}>
                        {t('analytics.reports.sendNow')}
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => removeSchedule.mutate(s.id)}>
                        {t('analytics.common.delete')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {schedules.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('analytics.reports.noSchedules')}
          </Text>
        )}
        {runSchedule.isError && <ApiErrorAlert error={runSchedule.error} mt="xs" />}
      </Card>
      {can('workspace.manage') && settings.data && (
        <Card withBorder>
          <Title order={4} mb="xs">
            {t('analytics.reports.settings')}
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              saveSettings.mutate();
            }}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} mb="xs">
              <ColorInput
                label={t('analytics.reports.brandColor')}
                value={color ?? settings.data.brandColor}
                onChange={setColor}
                format="hex"
              />
              <TextInput label={t('analytics.reports.smtpHost')} value={host} onChange={(e) => setSmtpHost(e.currentTarget.value)} />
              <NumberInput label={t('analytics.reports.smtpPort')} value={smtpPort} onChange={setSmtpPort} min={1} max={65535} />
              <TextInput label={t('analytics.reports.smtpUser')} value={smtpUser} onChange={(e) => setSmtpUser(e.currentTarget.value)} />
              <TextInput
                type="password"
                label={t('analytics.reports.smtpPassword')}
                placeholder={settings.data.smtp?.hasPassword ? '••••••' : ''}
                value={smtpPassword}
                onChange={(e) => setSmtpPassword(e.currentTarget.value)}
              />
              <TextInput label={t('analytics.reports.smtpFrom')} value={from} onChange={(e) => setSmtpFrom(e.currentTarget.value)} />
            </SimpleGrid>
            <Group>
              <Switch
                label={t('analytics.reports.smtpSecure')}
                checked={smtpSecure}
                onChange={(e) => setSmtpSecure(e.currentTarget.checked)}
              />
              <Button type="submit" size="xs" loading={saveSettings.isPending}>
                {t('common.save')}
              </Button>
              {saveSettings.isSuccess && (
                <Text size="sm" c="green">
                  {t('analytics.common.saved')}
                </Text>
              )}
            </Group>
            {saveSettings.isError && <ApiErrorAlert error={saveSettings.error} mt="xs" />}
          </form>
        </Card>
      )}
    </Stack>
  );
}
