// The report's charts, drawn as PDF vector paths: one time chart (lines, dashed lines, filled
// areas over the period's days, with one set of axes) and a horizontal bar list.
import { nice, ticks } from 'd3-array';
import { addDays, daysBetween } from '../../lib/brand-days.ts';
import type { ReportFonts } from './report-fonts.ts';
import { formatDay, formatNumber, type ReportLanguage } from './report-format.ts';

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartSeries {
  label: string;
  color: string;
  points: Array<{ day: string; value: number }>;
  dashed?: boolean;
  /** Fill the area under the line (the followers chart). */
  area?: boolean;
}

const GRID = '#e9ecef';
const AXIS_TEXT = '#868e96';

/** A y scale with round ticks: from zero (counts per day) or around the values (followers). */
function yScale(values: number[], fromZero: boolean): { min: number; max: number; ticks: number[] } {
  let low = fromZero ? 0 : Math.min(...values);
  let high = Math.max(...values);
  if (high === low) {
    high = low === 0 ? 1 : high + Math.max(1, Math.abs(high) * 0.05);
    low = fromZero ? 0 : low - (high - low);
  }
  const [min, max] = nice(low, high, 4);
  return { min, max, ticks: ticks(min, max, 4) };
}

/** A small legend: a colour mark and a label per series, left to right. */
export function drawLegend(doc: PDFKit.PDFDocument, fonts: ReportFonts, x: number, y: number, series: ChartSeries[]): void {
  let cursor = x;
  doc.fontSize(8);
  for (const s of series) {
    doc.save().lineWidth(2).strokeColor(s.color);
    if (s.dashed) doc.dash(3, { space: 2 });
    doc
      .moveTo(cursor, y + 5)
      .lineTo(cursor + 14, y + 5)
      .stroke()
      .undash()
      .restore();
    cursor += 18;
    doc.fillColor('#495057');
    fonts.text(s.label, cursor, y, { lineBreak: false });
    cursor += fonts.widthOf(s.label) + 16;
  }
}

/**
 * Lines and areas over every day of the period (`firstDay`…`lastDay`, positioned by date, so a
 * day without data is a gap in time, not a squeezed point), with y gridlines and labels in the
 * report's language and a few date labels under the x axis.
 */
export function drawTimeChart(
  doc: PDFKit.PDFDocument,
  fonts: ReportFonts,
  frame: Frame,
  options: { firstDay: string; lastDay: string; series: ChartSeries[]; language: ReportLanguage; emptyText: string; fromZero: boolean },
): void {
  const values = options.series.flatMap((s) => s.points.map((p) => p.value));
  const labelWidth = 34;
  const plot = { x: frame.x + labelWidth, y: frame.y, width: frame.width - labelWidth, height: frame.height - 16 };
  if (!values.length) {
    doc.save().roundedRect(plot.x, plot.y, plot.width, plot.height, 4).fillColor('#f8f9fa').fill().restore();
    doc.fillColor(AXIS_TEXT).fontSize(9);
    fonts.text(options.emptyText, plot.x, plot.y + plot.height / 2 - 5, { width: plot.width, align: 'center' });
    return;
  }
  const scale = yScale(values, options.fromZero);
  const yOf = (value: number) => plot.y + plot.height - ((value - scale.min) / (scale.max - scale.min)) * plot.height;
  const dayCount = daysBetween(options.firstDay, options.lastDay) + 1;
  const xOf = (day: string) =>
    dayCount <= 1 ? plot.x + plot.width / 2 : plot.x + (daysBetween(options.firstDay, day) / (dayCount - 1)) * plot.width;

  // Axes: gridlines with their values, then the dates.
  doc.fontSize(7);
  for (const tick of scale.ticks) {
    const y = yOf(tick);
    doc
      .save()
      .lineWidth(0.5)
      .strokeColor(tick === scale.min ? '#adb5bd' : GRID)
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .stroke()
      .restore();
    doc.fillColor(AXIS_TEXT);
    fonts.text(formatNumber(tick, options.language), frame.x, y - 4, { width: labelWidth - 4, align: 'right', lineBreak: false });
  }
  // Every day up to eight days; otherwise every n-th day from the first, and the last when it has room.
  const step = dayCount <= 8 ? 1 : Math.ceil((dayCount - 1) / 5);
  const labelled = new Set<number>();
  for (let index = 0; index < dayCount; index += step) labelled.add(index);
  if (dayCount - 1 - Math.max(...labelled) >= step / 2) labelled.add(dayCount - 1);
  for (const index of labelled) {
    const day = addDays(options.firstDay, index);
    const x = xOf(day);
    doc.fillColor(AXIS_TEXT);
    const align = index === 0 && dayCount > 1 ? 'left' : index === dayCount - 1 && dayCount > 1 ? 'right' : 'center';
    const left = align === 'left' ? x : align === 'right' ? x - 60 : x - 30;
    fonts.text(formatDay(day, options.language, 'd LLL'), left, plot.y + plot.height + 4, { width: 60, align, lineBreak: false });
  }

  for (const s of options.series) {
    const points = s.points.map((p) => ({ x: xOf(p.day), y: yOf(p.value) }));
    if (!points.length) continue;
    if (points.length === 1) {
      // One known day: a dot with its value (a line needs two).
      doc.save().circle(points[0].x, points[0].y, 3).fillColor(s.color).fill().restore();
      doc.fillColor(s.color).fontSize(8);
      fonts.text(formatNumber(s.points[0].value, options.language), points[0].x + 6, points[0].y - 12, { lineBreak: false });
      continue;
    }
    if (s.area) {
      const base = plot.y + plot.height;
      doc.save().moveTo(points[0].x, base);
      for (const p of points) doc.lineTo(p.x, p.y);
      doc
        .lineTo(points[points.length - 1].x, base)
        .closePath()
        .fillColor(s.color)
        .fillOpacity(0.18)
        .fill()
        .restore();
    }
    doc
      .save()
      .lineWidth(s.area ? 1.8 : 1.5)
      .lineJoin('round')
      .strokeColor(s.color);
    if (s.dashed) doc.dash(3, { space: 2 });
    doc.moveTo(points[0].x, points[0].y);
    for (const p of points.slice(1)) doc.lineTo(p.x, p.y);
    doc.stroke().undash().restore();
  }
}

/** Horizontal bars, one per row: label on the left, bar scaled to the largest value, value text at its end. */
export function drawBarList(
  doc: PDFKit.PDFDocument,
  fonts: ReportFonts,
  frame: Frame,
  rows: Array<{ label: string; value: number; valueText: string }>,
  color: string,
): number {
  const labelWidth = 150;
  const rowHeight = 20;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barSpace = frame.width - labelWidth - 60;
  rows.forEach((row, index) => {
    const y = frame.y + index * rowHeight;
    doc.fillColor('#343a40').fontSize(9);
    fonts.text(fonts.fit(row.label, labelWidth - 8), frame.x, y + 3, { lineBreak: false });
    const width = Math.max(1, (row.value / max) * barSpace);
    doc
      .save()
      .roundedRect(frame.x + labelWidth, y + 2, width, rowHeight - 6, 2)
      .fillColor(color)
      .fill()
      .restore();
    doc.fillColor('#495057').fontSize(8);
    fonts.text(row.valueText, frame.x + labelWidth + width + 6, y + 4, { lineBreak: false });
  });
  return frame.y + rows.length * rowHeight;
}
