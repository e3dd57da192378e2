import { useEffect, useRef } from 'react';
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
export default function TimeChart({ times, lines, label, zone, testId = 'time-chart' }: { times: number[]; lines: TimeLine[]; label: string; zone: string; testId?: string }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!holder.current) return;
    const data: uPlot.AlignedData = [times.map((ms) => ms / 1000), ...lines.map((line) => line.values)];
    const chart = new uPlot(
      {
        width: holder.current.clientWidth || 600,
        height: 240,
        title: label,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        series: [{}, ...lines.map((line) => ({ label: line.label, stroke: line.color, width: 2, dash: line.dashed ? [6, 4] : undefined, spanGaps: true }))],
        axes: [{}, { size: 50 }],
      },
      data,
      holder.current,
    );
    return () => chart.destroy();
  }, [times, lines, label, zone]);
  return <div ref={holder} role="img" aria-label={label} data-testid={testId} />;
}
