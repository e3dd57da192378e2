import { Anchor, Button, Card, Group, NumberInput, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiCall } from '../../api/client.ts';
import { apiErrorText } from '../../shared/api-error-text.ts';
import { useCan, useWorkspace } from '../../shared/session.tsx';
import { inboxKeys } from './api.ts';
import { InboxNav } from './InboxNav.tsx';
import { DayField } from '../../shared/DateFields.tsx';

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
type Stats = { count: number; median: number | null; mean: number | null };

/** Minutes as people read them: "45 min", "3.5 h". */
function useDuration() {
  const { t, i18n } = useTranslation();
  const format = (value: number, digits: number) => value.toLocaleString(i18n.language, { maximumFractionDigits: digits });
  return (minutes: number | null) =>
    minutes === null
      ? '—'
      : minutes < 120
        ? t('inboxRules.report.minutes', { value: format(minutes, 1) })
        : t('inboxRules.report.hours', { value: format(minutes / 60, 1) });
}

/** A horizontal bar chart of counts by key (labels translated by `label`). */
function Bars({
  title,
  rows,
  label,
  testId,
}: {
  title: string;
  rows: Array<{ key: string; count: number }>;
  label: (key: string) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text fw={600} size="sm" mb="xs">
        {title}
      </Text>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('inboxRules.report.none')}
        </Text>
      )}
      <Stack gap={6}>
        {rows.slice(0, 10).map((row) => (
          <div key={row.key}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs" truncate="end" style={{ minWidth: 0 }}>
                {label(row.key)}
              </Text>
              <Text size="xs" c="dimmed">
                {row.count}
              </Text>
            </Group>
            <div
              role="presentation"
              style={{
                height: 8,
                borderRadius: 4,
                width: `${Math.max(2, (row.count / max) * 100)}%`,
                background: 'var(--mantine-color-blue-filled)',
              }}
            />
          </div>
        ))}
      </Stack>
    </Card>
  );
}

function StatCard({ title, stats, testId }: { title: string; stats: { calendar: Stats; business: Stats }; testId: string }) {
  const { t } = useTranslation();
  const duration = useDuration();
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      <Text size="xl" fw={700}>
        {duration(stats.business.median)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('inboxRules.report.median')} · {t('inboxRules.report.business')}
      </Text>
      <Text size="xs" mt={4}>
        {t('inboxRules.report.median')} {duration(stats.calendar.median)} · {t('inboxRules.report.mean')} {duration(stats.calendar.mean)} (
        {t('inboxRules.report.calendar')})
      </Text>
      <Text size="xs">
        {t('inboxRules.report.mean')} {duration(stats.business.mean)} ({t('inboxRules.report.business')})
      </Text>
    </Card>
  );
}

const BUSINESS_COLOR = 'var(--mantine-color-blue-filled)';
const CALENDAR_COLOR = 'var(--mantine-color-gray-5)';

/** One bar of a chart: its length against the chart's largest value, and its value beside it. */
function Bar({ value, max, color, text }: { value: number | null; max: number; color: string; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <div
        role="presentation"
        style={{
          height: 8,
          borderRadius: 4,
          flex: `0 0 calc(${value === null ? 0 : Math.max(1, (value / max) * 100)}% * 0.78)`,
          background: color,
        }}
      />
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {text}
      </Text>
    </Group>
  );
}

/** First response and reply time, median and mean, each as a business-hours bar over a calendar-time bar. */
function TimesChart({ first, reply }: { first: { calendar: Stats; business: Stats }; reply: { calendar: Stats; business: Stats } }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const rows = [
    {
      label: `${t('inboxRules.report.firstResponse')} · ${t('inboxRules.report.median').toLowerCase()}`,
      stats: first,
      stat: 'median' as const,
    },
    {
      label: `${t('inboxRules.report.firstResponse')} · ${t('inboxRules.report.mean').toLowerCase()}`,
      stats: first,
      stat: 'mean' as const,
    },
    {
      label: `${t('inboxRules.report.replyTime')} · ${t('inboxRules.report.median').toLowerCase()}`,
      stats: reply,
      stat: 'median' as const,
    },
    { label: `${t('inboxRules.report.replyTime')} · ${t('inboxRules.report.mean').toLowerCase()}`, stats: reply, stat: 'mean' as const },
  ];
  const max = Math.max(1, ...rows.flatMap((r) => [r.stats.business[r.stat] ?? 0, r.stats.calendar[r.stat] ?? 0]));
  return (
    <Card withBorder padding="sm" data-testid="report-times">
      <Text fw={600} size="sm">
        {t('inboxRules.report.times')}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('inboxRules.report.timesIntro')}
      </Text>
      <Stack gap={8}>
        {rows.map((row) => (
          <div key={row.label}>
            <Text size="xs">{row.label}</Text>
            <Bar value={row.stats.business[row.stat]} max={max} color={BUSINESS_COLOR} text={duration(row.stats.business[row.stat])} />
            <Bar value={row.stats.calendar[row.stat]} max={max} color={CALENDAR_COLOR} text={duration(row.stats.calendar[row.stat])} />
          </div>
        ))}
      </Stack>
      <Group gap="md" mt="xs">
        {[
          [t('inboxRules.report.businessLegend'), BUSINESS_COLOR],
          [t('inboxRules.report.calendarLegend'), CALENDAR_COLOR],
        ].map(([label, color]) => (
          <Group key={label} gap={4}>
            <div role="presentation" style={{ width: 10, height: 8, borderRadius: 2, background: color }} />
            <Text size="xs" c="dimmed">
              {label}
            </Text>
          </Group>
        ))}
      </Group>
    </Card>
  );
}

/** Replies and conversations resolved per teammate, as two bars each. */
function TeammateChart({ people }: { people: Array<{ userId: string; name: string; replies: number; resolved: number }> }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...people.flatMap((p) => [p.replies, p.resolved]));
  return (
    <Stack gap={8} data-testid="report-teammates-chart">
      {people.map((p) => (
        <div key={p.userId}>
          <Text size="xs">{p.name}</Text>
          <Bar
            value={p.replies}
            max={max}
            color="var(--mantine-color-teal-filled)"
            text={t('inboxRules.report.repliesN', { count: p.replies })}
          />
          <Bar
            value={p.resolved}
            max={max}
            color="var(--mantine-color-yellow-filled)"
            text={t('inboxRules.report.resolvedN', { count: p.resolved })}
          />
        </div>
      ))}
    </Stack>
  );
}

/** /inbox/report: the service report with charts and CSV, and the business hours and targets behind it. */
export default function InboxReportPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const report = useQuery({
    queryKey: [...inboxKeys.all(workspace.id), 'report', from, to],
    queryFn: () =>
      apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/reports/service', { params: { workspaceId: workspace.id }, query: range }),
  });
  const r = report.data;
  const csv = `/api/v1/workspaces/${workspace.id}/inbox/reports/service.csv?${new URLSearchParams(range).toString()}`;
  const pdf = `/api/v1/workspaces/${workspace.id}/inbox/reports/service.pdf?${new URLSearchParams({
    ...range,
    language: i18n.language.startsWith('es') ? 'es' : 'en',
  }).toString()}`;
  const percent = (value: number | null) =>
    value === null ? '—' : (value / 100).toLocaleString(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <Stack>
      <InboxNav />
      <div>
        <Title order={2}>{t('inboxRules.report.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('inboxRules.report.intro')}
        </Text>
      </div>
      <Group align="flex-end">
        <DayField
          w={140}
          label={t('inboxRules.report.from')}
          value={from || (r?.firstDay ?? '')}
          onChange={(day) => day && setFrom(day)}
          data-testid="report-from"
        />
        <DayField
          w={140}
          label={t('inboxRules.report.to')}
          value={to || (r?.lastDay ?? '')}
          onChange={(day) => day && setTo(day)}
          data-testid="report-to"
        />
        {/* A plain link: the browser downloads the CSV with the session cookie. */}
        <Anchor href={csv} download data-testid="inbox-report-csv">
          {t('inboxRules.report.csv')}
        </Anchor>
        <Anchor href={pdf} download data-testid="inbox-report-pdf">
          {t('inboxRules.report.pdf')}
        </Anchor>
      </Group>
      {report.error && <Text c="red">{apiErrorText(report.error)}</Text>}
      {r && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <StatCard title={t('inboxRules.report.firstResponse')} stats={r.firstResponse} testId="report-first-response" />
            <StatCard title={t('inboxRules.report.replyTime')} stats={r.replyTime} testId="report-reply-time" />
            <Card withBorder padding="sm">
              <Text fw={600} size="sm">
                {t('inboxRules.report.withinTarget')}
              </Text>
              <Text size="xl" fw={700}>
                {percent(r.withinTarget.share)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('inboxRules.report.ofAnswers', { count: r.withinTarget.answered })}
              </Text>
            </Card>
            <Card withBorder padding="sm">
              <Text fw={600} size="sm">
                {t('inboxRules.report.responseRate')}
              </Text>
              <Text size="xl" fw={700}>
                {percent(r.responseRate.share)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('inboxRules.report.ofConversations', { count: r.responseRate.conversations })}
              </Text>
              <Text size="xs">
                {t('inboxRules.report.inbound')}: {r.inbound} · {t('inboxRules.report.replies')}: {r.replies}
              </Text>
            </Card>
          </SimpleGrid>
          <TimesChart first={r.firstResponse} reply={r.replyTime} />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Bars
              title={t('inboxRules.report.byKind')}
              rows={r.volume.byKind}
              label={(k) => t(`inbox.kinds.${k}`, { defaultValue: k })}
              testId="report-by-kind"
            />
            <Bars title={t('inboxRules.report.byNetwork')} rows={r.volume.byNetwork} label={(k) => k} testId="report-by-network" />
            <Bars
              title={t('inboxRules.report.bySentiment')}
              rows={r.volume.bySentiment}
              label={(k) => t(`inbox.sentiments.${k}`, { defaultValue: '—' })}
              testId="report-by-sentiment"
            />
            <Bars title={t('inboxRules.report.byLabel')} rows={r.volume.byLabel} label={(k) => k} testId="report-by-label" />
          </SimpleGrid>
          <Card withBorder padding="sm">
            <Text fw={600} size="sm" mb="xs">
              {t('inboxRules.report.perTeammate')}
            </Text>
            {r.perTeammate.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('inboxRules.report.none')}
              </Text>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <TeammateChart people={r.perTeammate} />
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('inboxRules.report.teammate')}</Table.Th>
                      <Table.Th>{t('inboxRules.report.repliesCol')}</Table.Th>
                      <Table.Th>{t('inboxRules.report.resolvedCol')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.perTeammate.map((p) => (
                      <Table.Tr key={p.userId}>
                        <Table.Td>{p.name}</Table.Td>
                        <Table.Td>{p.replies}</Table.Td>
                        <Table.Td>{p.resolved}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </SimpleGrid>
            )}
          </Card>
        </>
      )}
      <SettingsCard />
    </Stack>
  );
}

/** Auto-replies, business hours per weekday and targets per priority (managers edit; others read). */
function SettingsCard() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const client = useQueryClient();
  const canManage = useCan('inbox.manage');
  const key = [...inboxKeys.all(workspace.id), 'settings'];
  const settings = useQuery({
    queryKey: key,
    queryFn: () => apiCall('get', '/api/v1/workspaces/{workspaceId}/inbox/settings', { params: { workspaceId: workspace.id } }),
  });
  type Settings = NonNullable<typeof settings.data>;
  const [draft, setDraft] = useState<Settings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (value: Settings) =>
      apiCall('put', '/api/v1/workspaces/{workspaceId}/inbox/settings', {
        params: { workspaceId: workspace.id },
        body: { autoReplies: value.autoReplies, businessHours: value.businessHours, targets: value.targets },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: inboxKeys.all(workspace.id) }),
  });
  if (!draft) return null;
  const setDay = (index: number, value: { from: string; to: string } | null) =>
    setDraft({ ...draft, businessHours: { days: draft.businessHours.days.map((d, i) => (i === index ? value : d)) } });
  return (
    <Card withBorder padding="md" data-testid="inbox-settings">
      <Stack gap="sm">
        <div>
          <Text fw={600}>{t('inboxRules.report.settings')}</Text>
          <Text size="xs" c="dimmed">
            {t('inboxRules.report.settingsIntro')} ({draft.timeZone})
          </Text>
        </div>
        <Switch
          label={t('inboxRules.report.autoReplies')}
          checked={draft.autoReplies}
          disabled={!canManage}
          onChange={(e) => setDraft({ ...draft, autoReplies: e.currentTarget.checked })}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" maw={720}>
          {draft.businessHours.days.map((day, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the seven weekdays are fixed, Monday first
            <Group key={index} gap={6} wrap="nowrap">
              <Switch
                size="xs"
                checked={day !== null}
                disabled={!canManage}
                onChange={(e) => setDay(index, e.currentTarget.checked ? { from: '09:00', to: '18:00' } : null)}
                label={t(`inboxRules.report.days.d${index}`)}
                w={130}
              />
              {day ? (
                <>
                  <TextInput
                    size="xs"
                    w={70}
                    placeholder="09:00"
                    value={day.from}
                    disabled={!canManage}
                    onChange={(e) => setDay(index, { ...day, from: e.currentTarget.value })}
                    aria-label={`${t(`inboxRules.report.days.d${index}`)} ${t('inboxRules.report.from')}`}
                  />
                  <Text size="xs">–</Text>
                  <TextInput
                    size="xs"
                    w={70}
                    placeholder="18:00"
                    value={day.to}
                    disabled={!canManage}
                    onChange={(e) => setDay(index, { ...day, to: e.currentTarget.value })}
                    aria-label={`${t(`inboxRules.report.days.d${index}`)} ${t('inboxRules.report.to')}`}
                  />
                </>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('inboxRules.report.closed')}
                </Text>
              )}
            </Group>
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs">
          {PRIORITIES.map((p) => (
            <NumberInput
              key={p}
              size="xs"
              min={1}
              label={t('inboxRules.report.target', { priority: t(`inbox.priorities.${p}`).toLowerCase() })}
              value={draft.targets[p]}
              disabled={!canManage}
              onChange={(value) => setDraft({ ...draft, targets: { ...draft.targets, [p]: Number(value) || 1 } })}
            />
          ))}
        </SimpleGrid>
        {save.error && <Text c="red">{apiErrorText(save.error)}</Text>}
        {canManage && (
          <Group>
            <Button onClick={() => save.mutate(draft)} loading={save.isPending}>
              {t('inboxRules.report.save')}
            </Button>
            {save.isSuccess && (
              <Text size="sm" c="green">
                {t('inboxRules.report.saved')}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
