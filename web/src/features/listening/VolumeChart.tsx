import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const PALETTE = ['#1c7ed6', '#e8590c', '#2f9e44', '#9c36b5', '#f08c00', '#0c8599', '#c2255c', '#5c940d'];

/** Mentions over time, one line per query (uPlot, loaded only with the dashboard). */
export default function VolumeChart({
  series,
  label,
  zone,
}: {
  series: Array<{ name: string; points: Array<{ at: string; count: number }> }>;
  label: string;
  zone: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!holder.current) return;
    const times = [...new Set(series.flatMap((s) => s.points.map((p) => Date.parse(p.at) / 1000)))].sort((a, b) => a - b);
    const data: uPlot.AlignedData = [
      times,
      ...series.map((s) => {
        const byTime = new Map(s.points.map((p) => [Date.parse(p.at) / 1000, p.count]));
        return times.map((time) => byTime.get(time) ?? 0);
      }),
    ];
    const chart = new uPlot(
      {
        width: holder.current.clientWidth || 600,
        height: 240,
        title: label,
        // Axis and legend times in the brand's time zone, not the browser's.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        series: [{}, ...series.map((s, i) => ({ label: s.name, stroke: PALETTE[i % PALETTE.length], width: 2 }))],
        axes: [{}, { size: 40 }],
      },
      data,
      holder.current,
    );
    return () => chart.destroy();
  }, [series, label, zone]);
  return <div ref={holder} role="img" aria-label={label} />;
}
