import type { Db } from '../../../db/database.ts';

/** The values of a new report schedule (JSON columns already serialized). */
export interface NewReportSchedule {
  workspace_id: string;
  name: string;
  frequency: 'weekly' | 'monthly';
  formats: string;
  language: string;
  recipients: string;
  scope: string;
  next_run_at: Date;
  created_at: Date;
}

/** Report schedules, report branding (analytics_settings) and what a report needs to be built. */
export const reportsRepository = {
  listSchedules(db: Db, workspaceId: string) {
    return db.selectFrom('report_schedules').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
  },

  /** One schedule (any workspace), for running it. */
  findSchedule(db: Db, scheduleId: string) {
    return db.selectFrom('report_schedules').selectAll().where('id', '=', scheduleId).executeTakeFirstOrThrow();
  },

  /** True when the schedule belongs to the workspace. */
  async scheduleExists(db: Db, workspaceId: string, scheduleId: string): Promise<boolean> {
    return Boolean(
      await db
        .selectFrom('report_schedules')
        .select('id')
        .where('id', '=', scheduleId)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst(),
    );
  },

  insertSchedule(db: Db, values: NewReportSchedule) {
    return db.insertInto('report_schedules').values(values).returningAll().executeTakeFirstOrThrow();
  },

  /** Deletes a schedule of the workspace; its id, or undefined when there was none. */
  deleteSchedule(db: Db, workspaceId: string, scheduleId: string) {
    return db
      .deleteFrom('report_schedules')
      .where('id', '=', scheduleId)
      .where('workspace_id', '=', workspaceId)
      .returning('id')
      .executeTakeFirst();
  },

  /** Notes a run's outcome and the next run. */
  markScheduleRun(
    db: Db,
    scheduleId: string,
    run: { lastRunAt: Date; lastError: string | null; lastErrorCode: string | null; nextRunAt: Date },
  ) {
    return db
      .updateTable('report_schedules')
      .set({ last_run_at: run.lastRunAt, last_error: run.lastError, last_error_code: run.lastErrorCode, next_run_at: run.nextRunAt })
      .where('id', '=', scheduleId)
      .execute();
  },

  /** Schedules whose time has come (at most 50). */
  dueScheduleIds(db: Db, now: Date) {
    return db.selectFrom('report_schedules').select('id').where('next_run_at', '<=', now).limit(50).execute();
  },

  /** The report's branding: colour and logo. */
  findBranding(db: Db, workspaceId: string) {
    return db
      .selectFrom('analytics_settings')
      .select(['brand_color', 'logo_media_id'])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  /** Changes the branding and/or SMTP settings (the row exists: see links' analyticsSettings). */
  updateSettings(
    db: Db,
    workspaceId: string,
    changes: { brand_color?: string; logo_media_id?: string | null; smtp_sealed?: string | null; updated_at: Date },
  ) {
    return db
      .updateTable('analytics_settings')
      .set(changes)
      .where('workspace_id', '=', workspaceId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** A media item of the workspace (for the logo), or undefined. */
  findMedia(db: Db, workspaceId: string, mediaId: string) {
    return db
      .selectFrom('media')
      .select(['mime_type', 'sha256'])
      .where('id', '=', mediaId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },
};
