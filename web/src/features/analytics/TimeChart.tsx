import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line of a time chart: a value (or none) at each of the chart's instants. */
export interface TimeLine {
  label: string;
  color: string;
  values: Array<number | null>;
  dashed?: boolean;
}

/**
 * Lines over instants (uPlot, loaded only with the analytics pages). The x axis
 * reads the instants as wall time in `zone` (the brand's zone), not the viewer's.
 */
export default function TimeChart({
  times,
  lines,
  label,
  zone,
  testId = 'time-chart',
}: {
  times: number[];
  lines: TimeLine[];
  label: string;
  zone: string;
  testId?: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'es' ? 'es-ES' : 'en-GB';
  useEffect(() => {
    if (!holder.current) return;
    // Ticks and the hover legend in the UI language and the brand's zone; a short span shows times, a long one days.
    const spanMs = times.length > 1 ? times[times.length - 1] - times[0] : 0;
    const tickFormat = new Intl.DateTimeFormat(
      locale,
      spanMs < 2 * 86_400_000
        ? { timeZone: zone, hour: '2-digit', minute: '2-digit', ...(spanMs < 600_000 ? { second: '2-digit' } : {}) }
        : { timeZone: zone, day: 'numeric', month: 'short' },
    );
    const fullFormat = new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
    const data: uPlot.AlignedData = [times.map((ms) => ms / 1000), ...lines.map((line) => line.values)];
    const chart = new uPlot(
      {
        width: holder.current.clientWidth || 600,
        height: 240,
        title: label,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        series: [
          { label: t('analytics.chart.time'), value: (_u, v) => (v == null ? '—' : fullFormat.format(v * 1000)) },
          ...lines.map((line) => ({
            label: line.label,
            stroke: line.color,
            width: 2,
            dash: line.dashed ? [6, 4] : undefined,
            spanGaps: true,
          })),
        ],
        axes: [{ values: (_u, splits) => splits.map((v) => tickFormat.format(v * 1000)) }, { size: 50 }],
      },
      data,
      holder.current,
    );
    return () => chart.destroy();
  }, [times, lines, label, zone, locale, t]);
  return <div ref={holder} role="img" aria-label={label} data-testid={testId} />;
}
