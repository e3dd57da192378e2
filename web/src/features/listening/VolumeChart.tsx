import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { bucketStarts, numberFormat, timeAxis, timeTickLabels, valueAxis } from '../analytics/chart-scales.ts';

const PALETTE = ['#1c7ed6', '#e8590c', '#2f9e44', '#9c36b5', '#f08c00', '#0c8599', '#c2255c', '#5c940d'];

/** Mentions over time, one line per query (uPlot, loaded only with the dashboard); counts, so y starts at 0 with whole-number ticks. */
export default function VolumeChart({
  series,
  label,
  zone,
  range,
}: {
  series: Array<{ name: string; points: Array<{ at: string; count: number }> }>;
  label: string;
  zone: string;
  /** The window asked for and its bucket size: empty buckets inside it count 0. */
  range?: { from: string; to: string; interval: 'hour' | 'day' };
}) {
  const holder = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'es' ? 'es-ES' : 'en-GB';
  useEffect(() => {
    if (!holder.current) return;
    const width = holder.current.clientWidth || 600;
    const seen = series.flatMap((s) => s.points.map((p) => Date.parse(p.at)));
    // The API returns only buckets with mentions; drawn alone, one mention here and one there make a flat
    // line at 1, so the empty buckets go back in as zeros — up to now (the rest of today has no mentions yet, not zero).
    const filled = range ? bucketStarts(Date.parse(range.from), Math.min(Date.parse(range.to), Date.now()), range.interval, zone) : [];
    const times = [...new Set([...filled, ...seen])].sort((a, b) => a - b);
    const counts = series.map((s) => {
      const byTime = new Map(s.points.map((p) => [Date.parse(p.at), p.count]));
      return times.map((time) => byTime.get(time) ?? 0);
    });
    const x = timeAxis(times[0] ?? Date.now(), times[times.length - 1] ?? Date.now(), zone, Math.max(2, Math.floor(width / 110)));
    const tickLabels = timeTickLabels(x, zone, locale);
    const xLabels = new Map(x.ticks.map((tick, i) => [tick / 1000, tickLabels[i]]));
    const y = valueAxis(counts.flat(), { integer: true });
    const numbers = numberFormat(locale, 0);
    const fullFormat = new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
    const chart = new uPlot(
      {
        width,
        height: 240,
        title: label,
        // Axis and legend times in the brand's time zone, not the browser's.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        scales: { x: { time: true, range: () => [x.min / 1000, x.max / 1000] }, y: { range: () => [y.min, y.max] } },
        series: [
          { label: t('analytics.chart.time'), value: (_u, v) => (v == null ? '—' : fullFormat.format(v * 1000)) },
          ...series.map((s, i) => ({
            label: s.name,
            stroke: PALETTE[i % PALETTE.length],
            width: 2,
            value: (_u: uPlot, v: number | null) => (v == null ? '—' : numbers.format(v)),
          })),
        ],
        axes: [
          { splits: () => x.ticks.map((ms) => ms / 1000), values: (_u, splits) => splits.map((v) => xLabels.get(v) ?? '') },
          { size: 48, splits: () => y.ticks, values: (_u, splits) => splits.map((v) => numbers.format(v)) },
        ],
      },
      [times.map((ms) => ms / 1000), ...counts],
      holder.current,
    );
    return () => chart.destroy();
  }, [series, label, zone, range, locale, t]);
  return <div ref={holder} role="img" aria-label={label} data-testid="volume-chart" />;
}
