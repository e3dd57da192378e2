import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line of the daily chart: a value per day (missing days count as no value). */
export interface DailyLine {
  label: string;
  color: string;
  points: Array<{ day: string; value: number }>;
  dashed?: boolean;
}

/** Daily lines over the chosen days (uPlot, loaded only with the analytics pages). */
export default function DailyChart({ days, lines, label }: { days: string[]; lines: DailyLine[]; label: string }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!holder.current) return;
    // Noon UTC keeps every day on its own date whatever the viewer's zone.
    const times = days.map((day) => Date.parse(`${day}T12:00:00Z`) / 1000);
    const data: uPlot.AlignedData = [
      times,
      ...lines.map((line) => {
        const byDay = new Map(line.points.map((p) => [p.day, p.value]));
        return days.map((day) => byDay.get(day) ?? null);
      }),
    ];
    const chart = new uPlot(
      {
        width: holder.current.clientWidth || 600,
        height: 240,
        title: label,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        series: [{}, ...lines.map((line) => ({ label: line.label, stroke: line.color, width: 2, dash: line.dashed ? [6, 4] : undefined, spanGaps: true }))],
        axes: [{}, { size: 50 }],
      },
      data,
      holder.current,
    );
    return () => chart.destroy();
  }, [days, lines, label]);
  return <div ref={holder} role="img" aria-label={label} data-testid="daily-chart" />;
}
