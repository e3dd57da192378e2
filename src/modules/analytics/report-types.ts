import type { channelBreakdown, dashboard } from './dashboards.ts';
import type { ReportLanguage } from './report-format.ts';

export type { ReportLanguage } from './report-format.ts';

/** A brand logo ready for the PDF: a copy re-encoded by `pdfSafeImage` (pdfkit draws PNG and JPEG). */
export interface ReportLogo {
  bytes: Buffer;
  format: 'png' | 'jpeg';
}

/** Why a brand logo set in the settings is not in the report. */
export type ReportLogoSkipped = 'media_not_found' | 'file_missing' | 'image_invalid';

/**
 * The data a report shows (`logoSkipped`: a logo is set but left out, and why; `channels`: the
 * per-channel totals of a whole-workspace report, null for a channel, campaign or objective).
 */
export type ReportData = Awaited<ReturnType<typeof dashboard>> & {
  workspaceName: string;
  brandColor: string;
  language: ReportLanguage;
  timeZone: string;
  logo: ReportLogo | null;
  logoSkipped?: ReportLogoSkipped | null;
  channels: Awaited<ReturnType<typeof channelBreakdown>> | null;
};
