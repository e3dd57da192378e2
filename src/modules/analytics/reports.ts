// The PDF writer (report-pdf.ts: pdfkit and the fonts) and nodemailer are loaded when a report is
// made or sent, not at start-up (pdfkit alone takes a few hundred milliseconds to load, and
// `npm start` must be healthy within a few seconds).
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { AppContext } from '../../server/context.ts';
import { stringifyCsv } from '../../lib/csv.ts';
import { kpiReasonText } from '../../lib/kpi-reasons.ts';
import { recordEvent } from '../events/events.ts';
import { pdfSafeImage } from '../media/image.ts';
import { emailReport, loadWorkspaceSmtp, NO_SMTP_MESSAGE } from '../../lib/workspace-mail.ts';
import { CodedError, failureCode } from '../../lib/failure-code.ts';
import { channelBreakdown, dashboard, type DashboardScope, type DateRange } from './dashboards.ts';
import type { ReportData, ReportLanguage, ReportLogo, ReportLogoSkipped } from './report-types.ts';
import { reportsRepository } from './repository/reports.ts';
import { workspaceLocale, workspaceTimeZone } from '../../db/workspace-settings.ts';

export type { ReportData, ReportLanguage, ReportLogo, ReportLogoSkipped } from './report-types.ts';

/** The e-mail that carries a scheduled report. */
const MAIL_TEXT = {
  en: { subject: 'Plaza report', body: 'Attached is your report' },
  es: { subject: 'Informe de Plaza', body: 'Adjunto tienes tu informe' },
} as const;

/** Largest logo copy drawn in the PDF, in pixels (the box is 120×48 points: 4× for print). */
const LOGO_PIXELS = { width: 480, height: 192 };

/**
 * Loads the brand logo set in the analytics settings: the media row (only the
 * workspace's own) and its bytes from the media store, re-checked by decoding
 * and re-encoded as a small plain PNG (`pdfSafeImage`), so the PDF writer never
 * decodes stored bytes itself: a file planted in the store or stored before
 * uploads were decoded cannot crash it. A missing row, missing file or an image
 * that does not decode within the limits yields `skipped` and a note in the log,
 * so a report is never lost for its logo.
 */
export async function loadReportLogo(
  ctx: AppContext,
  workspaceId: string,
  logoMediaId: string | null,
): Promise<{ logo: ReportLogo | null; skipped: ReportLogoSkipped | null }> {
  if (!logoMediaId) return { logo: null, skipped: null };
  const media = await reportsRepository.findMedia(ctx.database.db, workspaceId, logoMediaId);
  if (!media) {
    ctx.logger.warn({ workspaceId, logoMediaId }, 'report logo skipped: media not found in this workspace');
    return { logo: null, skipped: 'media_not_found' };
  }
  const bytes = await ctx.media.get(media.sha256);
  if (!bytes) {
    ctx.logger.warn({ workspaceId, logoMediaId, sha256: media.sha256 }, 'report logo skipped: file missing from the media store');
    return { logo: null, skipped: 'file_missing' };
  }
  try {
    return { logo: { bytes: await pdfSafeImage(bytes, LOGO_PIXELS), format: 'png' }, skipped: null };
  } catch (error) {
    ctx.logger.warn(
      { workspaceId, logoMediaId, mimeType: media.mime_type, reason: (error as Error).message },
      'report logo skipped: the image does not decode within the limits',
    );
    return { logo: null, skipped: 'image_invalid' };
  }
}

/** Gathers a report's data: the dashboard of the scope with the previous period (brand-zone days), and the brand's colour and logo. */
export async function buildReportData(
  ctx: AppContext,
  workspaceId: string,
  scope: DashboardScope,
  range: DateRange,
  language: ReportLanguage,
): Promise<ReportData> {
  const db = ctx.database.db;
  const workspace = await workspaceLocale(db, workspaceId);
  if (!workspace) throw new Error(`No workspace ${workspaceId}`);
  const settings = await reportsRepository.findBranding(db, workspaceId);
  const data = await dashboard(db, workspaceId, scope, range);
  const { logo, skipped } = await loadReportLogo(ctx, workspaceId, settings?.logo_media_id ?? null);
  // The per-channel page belongs to the whole workspace's report, as on the web app's overview.
  const wholeWorkspace = !scope.channelId && !scope.campaignId && !scope.objectiveId;
  const channels = wholeWorkspace ? await channelBreakdown(db, workspaceId, data.days) : null;
  return {
    ...data,
    workspaceName: workspace.name,
    brandColor: settings?.brand_color ?? '#4263eb',
    language,
    timeZone: workspace.timeZone,
    logo,
    logoSkipped: skipped,
    channels,
  };
}

/** CSV: one row per KPI (value, previous, change, reason), then the daily series. */
export function reportCsv(data: ReportData): string {
  const lang = data.language;
  const kpiRows = data.current.kpis.map((kpi, i) => [
    kpi.name,
    kpi.label[lang],
    lang === 'es' ? kpi.formulaEs : kpi.formula,
    kpi.value ?? '',
    data.previous?.kpis[i].value ?? '',
    data.changes?.[kpi.name] ?? '',
    kpiReasonText(kpi.reason, lang),
  ]);
  const series = data.current.series.map((p) => [
    p.day,
    p.posts,
    p.likes,
    p.replies,
    p.reposts,
    p.quotes,
    p.engagements,
    p.impressions ?? '',
    p.reach ?? '',
    p.networkClicks ?? '',
  ]);
  return (
    stringifyCsv([['kpi', 'label', 'formula', 'value', 'previous', 'change_pct', 'reason'], ...kpiRows]) +
    '\n' +
    stringifyCsv([
      ['day', 'posts', 'likes', 'replies', 'reposts', 'quotes', 'engagements', 'impressions', 'reach', 'network_clicks'],
      ...series,
    ])
  );
}

/** PDF report: a cover in the brand's colours, then one page per section with its charts (see report-pdf.ts). */
export async function reportPdf(data: ReportData, logger?: Pick<Logger, 'warn'>): Promise<Buffer> {
  const { renderReportPdf } = await import('./report-pdf.ts');
  return renderReportPdf(data, logger);
}

/** The next run of a schedule: Monday 08:00 (weekly) or the 1st at 08:00 (monthly), in the brand's zone. */
export function nextRunAfter(frequency: 'weekly' | 'monthly', afterMs: number, timeZone: string): Date {
  const local = DateTime.fromMillis(afterMs, { zone: timeZone });
  let next = frequency === 'weekly' ? local.startOf('week').set({ hour: 8 }) : local.startOf('month').set({ hour: 8 });
  while (next.toMillis() <= afterMs) next = frequency === 'weekly' ? next.plus({ weeks: 1 }) : next.plus({ months: 1 });
  return next.toUTC().toJSDate();
}

/** Builds the attachments of a report in the requested formats (`logger` notes a logo that could not be drawn). */
export async function renderReport(data: ReportData, formats: Array<'pdf' | 'csv'>, baseName: string, logger?: Pick<Logger, 'warn'>) {
  const attachments: Array<{ filename: string; content: Buffer | string; contentType: string }> = [];
  if (formats.includes('pdf'))
    attachments.push({ filename: `${baseName}.pdf`, content: await reportPdf(data, logger), contentType: 'application/pdf' });
  if (formats.includes('csv')) attachments.push({ filename: `${baseName}.csv`, content: reportCsv(data), contentType: 'text/csv' });
  return attachments;
}

/** Runs one schedule now: builds the report for the last week/month and e-mails it. */
export async function runReportSchedule(ctx: AppContext, scheduleId: string): Promise<{ ok: boolean; error?: string; errorCode?: string }> {
  const db = ctx.database.db;
  const schedule = await reportsRepository.findSchedule(db, scheduleId);
  const timeZone = await workspaceTimeZone(db, schedule.workspace_id);
  const now = ctx.clock.now();
  const end = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  const start = schedule.frequency === 'weekly' ? end.minus({ weeks: 1 }) : end.minus({ months: 1 });
  let error: string | undefined;
  let errorCode: string | undefined;
  let logoSkipped: ReportLogoSkipped | null = null;
  try {
    const smtp = await loadWorkspaceSmtp(ctx, schedule.workspace_id);
    if (!smtp) throw new CodedError('smtp_not_configured', NO_SMTP_MESSAGE);
    const language = schedule.language === 'es' ? 'es' : 'en';
    const data = await buildReportData(
      ctx,
      schedule.workspace_id,
      schedule.scope,
      { from: start.toJSDate(), to: end.toJSDate() },
      language,
    );
    logoSkipped = data.logoSkipped ?? null;
    const attachments = await renderReport(data, schedule.formats, `plaza-report-${start.toISODate()}`, ctx.logger);
    await emailReport(
      smtp,
      schedule.recipients,
      `${MAIL_TEXT[language].subject}: ${schedule.name}`,
      `${MAIL_TEXT[language].body} (${start.toISODate()} – ${end.toISODate()}).`,
      attachments,
      { allowPrivate: ctx.config.allowPrivateUrls, log: ctx.logger },
    );
  } catch (caught) {
    error = (caught as Error).message;
    errorCode = failureCode(caught);
  }
  await db.transaction().execute(async (trx) => {
    await reportsRepository.markScheduleRun(trx, schedule.id, {
      lastRunAt: new Date(now),
      lastError: error ?? null,
      lastErrorCode: errorCode ?? null,
      nextRunAt: nextRunAfter(schedule.frequency, now, timeZone),
    });
    await recordEvent(trx, {
      workspaceId: schedule.workspace_id,
      actorUserId: null,
      type: error ? 'report.failed' : 'report.sent',
      subjectType: 'report_schedule',
      subjectId: schedule.id,
      data: { error: error ?? null, errorCode: errorCode ?? null, recipients: schedule.recipients, logoSkipped },
    });
  });
  return error ? { ok: false, error, errorCode } : { ok: true };
}

/** Runs every schedule whose time has come. */
export async function runDueReports(ctx: AppContext): Promise<number> {
  const due = await reportsRepository.dueScheduleIds(ctx.database.db, new Date(ctx.clock.now()));
  for (const { id } of due) await runReportSchedule(ctx, id);
  return due.length;
}
