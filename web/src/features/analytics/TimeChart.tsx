import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { numberFormat, timeAxis, timeTickLabels, valueAxis } from './chart-scales.ts';

/** One line of a time chart: a value (or none) at each of the chart's instants. */
export interface TimeLine {
  label: string;
  color: string;
  values: Array<number | null>;
  dashed?: boolean;
}

/**
 * Lines over instants (uPlot, loaded only with the analytics pages). The x axis reads the
 * instants as wall time in `zone` (the brand's zone), with ticks at calendar units that fit the
 * range (chart-scales.ts); y starts at 0, counts (`integer`) get whole-number ticks, and ticks and
 * the legend are in the UI language. `padMs` is the window shown around a single instant.
 */
export default function TimeChart({
  times,
  lines,
  label,
  zone,
  integer = false,
  padMs = 3_600_000,
  dateOnly = false,
  testId = 'time-chart',
}: {
  times: number[];
  lines: TimeLine[];
  label: string;
  zone: string;
  integer?: boolean;
  padMs?: number;
  /** Instants stand for whole days (the daily chart): the legend shows the date alone. */
  dateOnly?: boolean;
  testId?: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'es' ? 'es-ES' : 'en-GB';
  useEffect(() => {
    if (!holder.current) return;
    const width = holder.current.clientWidth || 600;
    const x = timeAxis(times[0] ?? Date.now(), times[times.length - 1] ?? Date.now(), zone, Math.max(2, Math.floor(width / 110)), padMs);
    const tickLabels = timeTickLabels(x, zone, locale);
    const xLabels = new Map(x.ticks.map((tick, i) => [tick / 1000, tickLabels[i]]));
    const y = valueAxis(
      lines.flatMap((line) => line.values),
      { integer },
    );
    const numbers = numberFormat(locale, integer ? 0 : 2);
    const fullFormat = new Intl.DateTimeFormat(
      locale,
      dateOnly ? { timeZone: zone, dateStyle: 'medium' } : { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' },
    );
    const data: uPlot.AlignedData = [times.map((ms) => ms / 1000), ...lines.map((line) => line.values)];
    const chart = new uPlot(
      {
        width,
        height: 240,
        title: label,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        scales: { x: { time: true, range: () => [x.min / 1000, x.max / 1000] }, y: { range: () => [y.min, y.max] } },
        series: [
          {
            label: t(dateOnly ? 'analytics.chart.day' : 'analytics.chart.time'),
            value: (_u, v) => (v == null ? '—' : fullFormat.format(v * 1000)),
          },
          ...lines.map((line) => ({
            label: line.label,
            stroke: line.color,
            width: 2,
            dash: line.dashed ? [6, 4] : undefined,
            spanGaps: true,
            // A lone value is drawn as a dot (a line needs two).
            points: { show: times.length <= 31, size: 6 },
            value: (_u: uPlot, v: number | null) => (v == null ? '—' : numbers.format(v)),
          })),
        ],
        axes: [
          { splits: () => x.ticks.map((ms) => ms / 1000), values: (_u, splits) => splits.map((v) => xLabels.get(v) ?? '') },
          { size: 56, splits: () => y.ticks, values: (_u, splits) => splits.map((v) => numbers.format(v)) },
        ],
      },
      data,
      holder.current,
    );
    return () => chart.destroy();
  }, [times, lines, label, zone, locale, integer, padMs, dateOnly, t]);
  return <div ref={holder} role="img" aria-label={label} data-testid={testId} />;
}
