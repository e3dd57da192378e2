import { useState } from 'react';
import { Badge, Card, Group, SegmentedControl, SimpleGrid, Switch, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from 'luxon';
import { api, apiCall } from '../../api/client.ts';
import { useWorkspace } from '../../shared/session.tsx';
import type { Bilingual, Campaign, KpiValue, Objective, ObjectiveStatus, Pillar, Segment } from './types.ts';
import { analyticsKeys } from './api.ts';
import { numberFormat } from './chart-scales.ts';
import { strategyKeys } from '../strategy/api.ts';
import { DayField } from '../../shared/DateFields.tsx';

/** Reason codes a network gives for a missing metric (networks/types.ts METRIC_REASON_CODES). */
const METRIC_REASON_CODES = new Set([
  'not_provided_by_network',
  'use_tracked_links',
  'needs_newer_server',
  'needs_permission',
  'not_available_for_account',
  'unavailable_with_pushes',
]);

/**
 * Translates why a KPI has no value: the API answers codes (src/lib/kpi-reasons.ts, or a network's
 * metric reason codes), several joined by "; ". Unknown text is shown as the API wrote it.
 */
export function useReason(): (reason: string | null | undefined) => string {
  const { t, i18n } = useTranslation();
  const one = (part: string) =>
    METRIC_REASON_CODES.has(part)
      ? t(`analytics.metricReasons.${part}`)
      : i18n.exists(`kpiReasons.${part}`)
        ? t(`kpiReasons.${part}`)
        : part;
  return (reason) => (reason ? reason.split('; ').map(one).join('; ') : '');
}

/** Picks the Spanish variant of an API text (`formulaEs`, `methodEs`, `messageEs`) when the UI is in Spanish, else the English one. */
export function useLocalizedText(): (english: string, spanish: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (english, spanish) => (i18n.language === 'es' && spanish ? spanish : english);
}

/** Picks the label in the UI language from an `{ en, es }` pair. */
export function useBilingual(): (text: Partial<Bilingual> | null | undefined, fallback?: string) => string {
  const { i18n } = useTranslation();
  return (text, fallback = '') => (i18n.language === 'es' ? text?.es : text?.en) ?? text?.en ?? fallback;
}

/** Formats a number in the UI language (null → "—"). */
export function useNumber(): (value: number | null | undefined, digits?: number) => string {
  const { i18n } = useTranslation();
  return (value, digits = 2) => (value === null || value === undefined ? '—' : numberFormat(i18n.language, digits).format(value));
}

/** A date range chosen as calendar days in the brand's zone, plus the previous-period switch. */
export interface DayRange {
  fromDay: string;
  toDay: string;
  compare: boolean;
}

/** Default range: the last 30 days (today included) in the brand's zone. */
export function useDayRange(zone: string): [DayRange, (range: DayRange) => void] {
  const [range, setRange] = useState<DayRange>(() => {
    const today = DateTime.now().setZone(zone).startOf('day');
    return { fromDay: today.minus({ days: 29 }).toISODate() ?? '', toDay: today.toISODate() ?? '', compare: true };
  });
  return [range, setRange];
}

/** `from`/`to` (ISO instants with the brand's offset, `to` exclusive at the next midnight) and `compare` as a query string. */
export function rangeQueryString(range: DayRange, zone: string): string {
  const from = DateTime.fromISO(range.fromDay, { zone }).startOf('day');
  const to = DateTime.fromISO(range.toDay, { zone }).startOf('day').plus({ days: 1 });
  const params = new URLSearchParams({ from: from.toISO() ?? '', to: to.toISO() ?? '', compare: String(range.compare) });
  return params.toString();
}

/** From/to day inputs (brand's zone), quick ranges and the previous-period switch. */
export function RangePicker({ range, onChange }: { range: DayRange; onChange: (range: DayRange) => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const quick = (days: number) => {
    const today = DateTime.now().setZone(workspace.timeZone).startOf('day');
    onChange({ ...range, fromDay: today.minus({ days: days - 1 }).toISODate() ?? '', toDay: today.toISODate() ?? '' });
  };
  return (
    <Group gap="sm" align="flex-end" data-testid="range-picker">
      <DayField
        size="xs"
        w={130}
        label={t('analytics.range.from')}
        value={range.fromDay}
        maxDay={range.toDay}
        onChange={(day) => day && onChange({ ...range, fromDay: day })}
        data-testid="range-from"
      />
      <DayField
        size="xs"
        w={130}
        label={t('analytics.range.to')}
        value={range.toDay}
        minDay={range.fromDay}
        onChange={(day) => day && onChange({ ...range, toDay: day })}
        data-testid="range-to"
      />
      <SegmentedControl
        size="xs"
        value=""
        onChange={(value) => quick(Number(value))}
        data={[
          { value: '7', label: t('analytics.range.last7') },
          { value: '30', label: t('analytics.range.last30') },
          { value: '90', label: t('analytics.range.last90') },
        ]}
        aria-label={t('analytics.range.quick')}
      />
      <Switch
        size="sm"
        label={t('analytics.range.compare')}
        checked={range.compare}
        onChange={(e) => onChange({ ...range, compare: e.currentTarget.checked })}
      />
      <Text size="xs" c="dimmed">
        {t('analytics.range.zone', { zone: workspace.timeZone })}
      </Text>
    </Group>
  );
}

/** A day (YYYY-MM-DD) shown in the UI language. */
export function useDayFormat(): (day: string) => string {
  const { i18n } = useTranslation();
  return (day) => DateTime.fromISO(day).setLocale(i18n.language).toLocaleString(DateTime.DATE_MED);
}

const STATUS_COLORS: Record<ObjectiveStatus, string> = {
  on_track: 'green',
  off_track: 'red',
  not_measurable: 'gray',
  no_data: 'gray',
  not_started: 'blue',
  too_early: 'blue',
  unknown: 'gray',
};

function isObjectiveStatus(status: string): status is ObjectiveStatus {
  return Object.hasOwn(STATUS_COLORS, status);
}

/** The status of an objective, coloured (the schema types it as a string). */
export function StatusBadge({ status }: { status: string | null }) {
  const { t } = useTranslation();
  const value = status ?? 'no_data';
  return (
    <Badge
      color={isObjectiveStatus(value) ? STATUS_COLORS[value] : 'gray'}
      variant={value === 'off_track' ? 'filled' : 'light'}
      data-testid="objective-status"
    >
      {value === 'too_early' ? t('measure.objective.tooEarly') : t(`analytics.status.${value}`)}
    </Badge>
  );
}

/** Under a status "too early to judge": from when the objective is judged, and why it waits. */
export function JudgingNote({ status, judgingFrom }: { status: string | null | undefined; judgingFrom: string | null | undefined }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  if (status !== 'too_early' || !judgingFrom) return null;
  const date = DateTime.fromISO(judgingFrom, { zone: workspace.timeZone }).setLocale(i18n.language).toLocaleString(DateTime.DATE_MED);
  return (
    <Tooltip label={t('measure.objective.grace')} multiline w={320}>
      <Text size="xs" c="blue.8" mt={4} data-testid="judging-from">
        {t('measure.objective.judgingFrom', { date })}
      </Text>
    </Tooltip>
  );
}

/** The progress bar's colour for a status: red off track, blue while too early to judge, green otherwise. */
export function statusColor(status: string | null | undefined): string {
  return status === 'off_track' ? 'red' : status === 'too_early' || status === 'not_started' ? 'blue' : 'green';
}

const KPI_UNITS: Record<string, '%' | 'count' | 'per_post' | 'money'> = {
  engagement_rate_by_reach: '%',
  engagement_rate_by_impressions: '%',
  engagement_rate_by_followers: '%',
  follower_growth_rate: '%',
  interested_followers: '%',
  ctr: '%',
  roi: '%',
  share_of_voice: '%',
  net_sentiment: '%',
  amplification_rate: 'per_post',
  amplification_rate_per_1000_followers: 'per_post',
  applause_rate: 'per_post',
  conversation_rate: 'per_post',
  conversion_value: 'money',
  cpl: 'money',
};

/** Formats a KPI value with its unit. */
export function useKpiValue(): (name: string, value: number | null) => string {
  const number = useNumber();
  return (name, value) => {
    if (value === null) return '—';
    const unit = KPI_UNITS[name] ?? 'count';
    return unit === '%' ? `${number(value)} %` : number(value);
  };
}

/** One KPI: its variant's name, value, formula, change vs previous period, or the reason it is missing. */
export function KpiCard({ kpi, change }: { kpi: KpiValue; change: number | null | undefined }) {
  const { t } = useTranslation();
  const reason = useReason();
  const label = useBilingual();
  const format = useKpiValue();
  const number = useNumber();
  const localized = useLocalizedText();
  const formula = localized(kpi.formula, kpi.formulaEs);
  return (
    <Card withBorder padding="sm" data-testid={`kpi-${kpi.name}`}>
      <Tooltip label={formula} multiline w={260}>
        <Text size="xs" fw={600} c="dimmed">
          {label(kpi.label, kpi.name)}
        </Text>
      </Tooltip>
      {kpi.value === null ? (
        <>
          <Text fz={22} fw={700} c="dimmed">
            —
          </Text>
          <Text size="xs" c="dimmed" data-testid="kpi-reason">
            {t('analytics.kpi.missing')}: {reason(kpi.reason)}
          </Text>
        </>
      ) : (
        <Group gap="xs" align="baseline">
          <Text fz={22} fw={700}>
            {format(kpi.name, kpi.value)}
          </Text>
          {change !== undefined && (
            <Text size="xs" c={change === null ? 'dimmed' : change >= 0 ? 'green' : 'red'} title={t('analytics.kpi.vsPrevious')}>
              {change === null ? t('analytics.kpi.noComparison') : `${change >= 0 ? '+' : ''}${number(change, 1)} %`}
            </Text>
          )}
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {formula}
      </Text>
    </Card>
  );
}

/** A grid of KPI cards. */
export function KpiGrid({ kpis, changes }: { kpis: KpiValue[]; changes: Record<string, number | null> | null }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      {kpis.map((kpi) => (
        <KpiCard key={kpi.name} kpi={kpi} change={changes ? (changes[kpi.name] ?? null) : undefined} />
      ))}
    </SimpleGrid>
  );
}

/** Lists one strategy entity of the selected workspace (objectives, campaigns, segments, pillars). */
export function useStrategyList<K extends keyof StrategyLists>(path: K) {
  const workspace = useWorkspace();
  return useQuery({
    queryKey: strategyKeys.list(workspace.id, path),
    queryFn: async () => (await api<{ items: Array<StrategyLists[K]> }>('GET', `/workspaces/${workspace.id}/${path}`)).items,
  });
}

/** Each strategy list's item (typed from the list routes' response schemas). */
interface StrategyLists {
  objectives: Objective;
  campaigns: Campaign;
  segments: Segment;
  pillars: Pillar;
}

/** Typed shortcuts for the four strategy lists. */
export const useObjectives = () => useStrategyList('objectives');
export const useCampaigns = () => useStrategyList('campaigns');
export const useSegments = () => useStrategyList('segments');
export const usePillars = () => useStrategyList('pillars');

/** The KPI catalogue (names in both languages, formulas, units). */
export function useKpiCatalog() {
  return useQuery({
    queryKey: analyticsKeys.kpis(),
    queryFn: async () => (await apiCall('get', '/api/v1/kpis')).items,
    staleTime: Infinity,
  });
}

/** Weekday names Monday first, in the UI language. */
export function useWeekdays(): string[] {
  const { i18n } = useTranslation();
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => DateTime.fromObject({ weekday }).setLocale(i18n.language).toFormat('ccc'));
}
