import type { AppContext } from '../../server/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { assertSmtpHostAllowed } from '../../lib/smtp.ts';
import type { SmtpSettings } from '../../lib/workspace-mail.ts';
import { timeZoneSchema } from '../../lib/timezones.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { recordEvent } from '../events/events.ts';
import { verifyImage } from '../media/image.ts';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';
import { analyticsSettings } from '../links/service.ts';
import { nextRunAfter } from './reports.ts';
import { alertsRepository } from './repository/alerts.ts';
import { reportsRepository } from './repository/reports.ts';

/** Acknowledges an objective alert and records `alert.acknowledged`. */
export async function acknowledgeAlert(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; alertId: string },
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await alertsRepository.acknowledge(trx, input.workspaceId, input.alertId, new Date(ctx.clock.now()));
    if (!row) throw notFound('Alert');
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'alert.acknowledged',
      subjectType: 'alert',
      subjectId: row.id,
    });
  });
}

/** New report branding and SMTP settings; absent fields stay as they are. */
export interface AnalyticsSettingsInput {
  brandColor?: string;
  logoMediaId?: string | null;
  smtp?: SmtpSettings | null;
}

/**
 * Changes the report branding and SMTP settings (the SMTP password sealed) and records
 * `analytics.settings_updated` with the fields' names. The logo must be one of the workspace's
 * own PNG or JPEG images that still decodes; the SMTP host must be allowed.
 */
export async function updateAnalyticsSettings(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; settings: AnalyticsSettingsInput },
) {
  const db = ctx.database.db;
  const { workspaceId, settings: b } = input;
  await analyticsSettings(ctx, workspaceId);
  if (b.logoMediaId) {
    // Only the workspace's own images can become its logo.
    const media = await reportsRepository.findMedia(db, workspaceId, b.logoMediaId);
    if (!media) throw badRequest('logo_not_found', 'logoMediaId: no such media in this workspace');
    if (!/^image\/(png|jpeg)$/.test(media.mime_type))
      throw badRequest('logo_not_image', 'logoMediaId: the logo must be a PNG or JPEG image');
    // Decoded again: media stored before uploads were decoded may not be an image at all.
    const bytes = await ctx.media.get(media.sha256);
    if (!bytes) throw badRequest('logo_missing', 'logoMediaId: the image file is missing');
    await verifyImage(bytes);
  }
  if (b.smtp) await assertSmtpHostAllowed(b.smtp.host, ctx.config.allowPrivateUrls);
  return db.transaction().execute(async (trx) => {
    const updated = await reportsRepository.updateSettings(trx, workspaceId, {
      ...(b.brandColor && { brand_color: b.brandColor }),
      ...(b.logoMediaId !== undefined && { logo_media_id: b.logoMediaId }),
      ...(b.smtp !== undefined && { smtp_sealed: b.smtp ? ctx.secrets.seal(b.smtp) : null }),
      updated_at: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId: input.actorUserId,
      type: 'analytics.settings_updated',
      subjectType: 'workspace',
      subjectId: workspaceId,
      data: { fields: Object.keys(b) },
    });
    return updated;
  });
}

/** A weekly or monthly e-mailed report. */
export interface ReportScheduleInput {
  name: string;
  frequency: 'weekly' | 'monthly';
  formats: Array<'pdf' | 'csv'>;
  language: 'en' | 'es';
  recipients: string[];
  scope: { channelId?: string; campaignId?: string; objectiveId?: string };
}

/** Schedules a report (first run: the next Monday or 1st at 08:00 in the brand's zone) and records `report_schedule.created`. */
export async function createReportSchedule(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; schedule: ReportScheduleInput },
) {
  const db = ctx.database.db;
  const { workspaceId, schedule: b } = input;
  const timeZone = await workspaceTimeZone(db, workspaceId);
  timeZoneSchema.parse(timeZone);
  await assertReferencesInWorkspace(db, workspaceId, {
    channelId: b.scope.channelId,
    campaignId: b.scope.campaignId,
    objectiveId: b.scope.objectiveId,
  });
  return db.transaction().execute(async (trx) => {
    const inserted = await reportsRepository.insertSchedule(trx, {
      workspace_id: workspaceId,
      name: b.name,
      frequency: b.frequency,
      formats: JSON.stringify(b.formats),
      language: b.language,
      recipients: JSON.stringify(b.recipients),
      scope: JSON.stringify(b.scope),
      next_run_at: nextRunAfter(b.frequency, ctx.clock.now(), timeZone),
      created_at: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId: inserted.workspace_id,
      actorUserId: input.actorUserId,
      type: 'report_schedule.created',
      subjectType: 'report_schedule',
      subjectId: inserted.id,
      data: { name: inserted.name },
    });
    return inserted;
  });
}

/** Deletes a report schedule and records `report_schedule.deleted`. */
export async function deleteReportSchedule(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; scheduleId: string },
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const row = await reportsRepository.deleteSchedule(trx, input.workspaceId, input.scheduleId);
    if (!row) throw notFound('Report schedule');
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'report_schedule.deleted',
      subjectType: 'report_schedule',
      subjectId: row.id,
    });
  });
}
