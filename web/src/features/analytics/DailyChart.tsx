import { useMemo } from 'react';
import TimeChart, { type TimeLine } from './TimeChart.tsx';

/** One line of the daily chart: a value per day (missing days count as no value). */
export interface DailyLine {
  label: string;
  color: string;
  points: Array<{ day: string; value: number }>;
  dashed?: boolean;
}

/** Daily lines over the chosen days (uPlot, loaded only with the analytics pages). */
export default function DailyChart({
  days,
  lines,
  label,
  integer = false,
}: {
  days: string[];
  lines: DailyLine[];
  label: string;
  /** Whole-number values (posts, engagements, clicks): whole-number ticks. */
  integer?: boolean;
}) {
  // Each day as its midnight read in UTC: on its own date whatever the viewer's zone, and on the day ticks.
  const times = useMemo(() => days.map((day) => Date.parse(`${day}T00:00:00Z`)), [days]);
  const timeLines = useMemo<TimeLine[]>(
    () =>
      lines.map((line) => {
        const byDay = new Map(line.points.map((p) => [p.day, p.value]));
        return { label: line.label, color: line.color, dashed: line.dashed, values: days.map((day) => byDay.get(day) ?? null) };
      }),
    [days, lines],
  );
  // Day ticks fall on the dates themselves; a single day is shown with half a day either side.
  return (
    <TimeChart
      times={times}
      lines={timeLines}
      label={label}
      zone="Etc/UTC"
      integer={integer}
      padMs={12 * 3_600_000}
      dateOnly
      testId="daily-chart"
    />
  );
}
