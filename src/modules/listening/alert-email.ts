/**
 * Reputation alerts by e-mail: each new alert goes once to the workspace's notify list, in the
 * brand's language and time zone, through the workspace's SMTP settings (the ones reports use).
 * Sending happens after the alert is stored, so a slow or failing mail server never blocks the
 * check; an alert that could not be sent is retried on the next checks while it is fresh.
 */
import { workspaceLocale } from '../../db/workspace-settings.ts';
import { alertRepository } from './repository/alerts.ts';
import { mentionRepository } from './repository/mentions.ts';
import { queryRepository } from './repository/queries.ts';
import { DateTime } from 'luxon';
import type { AppContext } from '../../server/context.ts';
import { emailReport, loadWorkspaceSmtp, NO_SMTP_MESSAGE } from '../../lib/workspace-mail.ts';

/** Tries per alert, and how long after it was raised an unsent alert is still worth sending. */
export const MAX_EMAIL_ATTEMPTS = 5;
const FRESH_FOR_MS = 60 * 60_000;

const TEXT = {
  en: {
    subject: (count: number, scope: string) => `Reputation alert: ${count} negative mentions (${scope})`,
    intro: (count: number, expected: string, scope: string, window: string) =>
      `${count} negative mentions (${scope}) between ${window}, against a usual ${expected}.`,
    wholeWorkspace: 'all mentions',
    examples: 'Some of the mentions:',
    open: 'Open the alerts in Plaza:',
    footer: 'You get this e-mail because your address is on the reputation alert list of this brand in Plaza.',
  },
  es: {
    subject: (count: number, scope: string) => `Alerta de reputación: ${count} menciones negativas (${scope})`,
    intro: (count: number, expected: string, scope: string, window: string) =>
      `${count} menciones negativas (${scope}) entre ${window}, frente a ${expected} habituales.`,
    wholeWorkspace: 'todas las menciones',
    examples: 'Algunas de las menciones:',
    open: 'Ver las alertas en Plaza:',
    footer: 'Recibes este correo porque tu dirección está en la lista de alertas de reputación de esta marca en Plaza.',
  },
} as const;

/** The e-mail of one alert (subject and plain text) in the brand's language and time zone. */
export function alertEmail(
  alert: { count: number; expected: number; windowStart: Date; windowEnd: Date; scopeName: string | null },
  mentions: Array<{ text: string; url: string | null; author: string }>,
  brand: { language: string; timeZone: string; name: string },
  publicUrl: string | null,
): { subject: string; text: string } {
  const lang = brand.language === 'es' ? 'es' : 'en';
  const t = TEXT[lang];
  const locale = lang === 'es' ? 'es-ES' : 'en-GB';
  const format = (at: Date) => DateTime.fromJSDate(at, { zone: brand.timeZone }).setLocale(locale).toFormat('d LLL yyyy HH:mm ZZZZ');
  const window = `${format(alert.windowStart)} – ${format(alert.windowEnd)}`;
  const expected = alert.expected.toLocaleString(locale, { maximumFractionDigits: 1 });
  const scope = alert.scopeName ?? t.wholeWorkspace;
  const lines = [`${brand.name}`, '', t.intro(alert.count, expected, scope, window)];
  if (mentions.length) {
    lines.push('', t.examples);
    for (const m of mentions) lines.push(`- @${m.author}: ${m.text.replace(/\s+/g, ' ').slice(0, 200)}${m.url ? ` (${m.url})` : ''}`);
  }
  if (publicUrl) lines.push('', t.open, new URL('/listening/alerts', publicUrl).toString());
  lines.push('', '—', t.footer);
  return { subject: t.subject(alert.count, scope), text: lines.join('\n') };
}

/** Sends the workspace's fresh, unsent alerts to its notify list; returns how many went out. */
export async function emailPendingAlerts(ctx: AppContext, workspaceId: string): Promise<number> {
  const db = ctx.database.db;
  const recipients = await alertRepository.notifyEmails(db, workspaceId);
  if (recipients.length === 0) return 0;
  const now = ctx.clock.now();
  const pending = await alertRepository.unsent(db, workspaceId, new Date(now - FRESH_FOR_MS), MAX_EMAIL_ATTEMPTS);
  if (pending.length === 0) return 0;
  const smtp = await loadWorkspaceSmtp(ctx, workspaceId);
  const workspace = await workspaceLocale(db, workspaceId);
  if (!workspace) throw new Error(`Workspace ${workspaceId} not found`);
  const queryIds = [...new Set(pending.flatMap((alert) => (alert.query_id ? [alert.query_id] : [])))];
  const queryNames = await queryRepository.namesByIds(db, queryIds);
  let sent = 0;
  for (const alert of pending) {
    let error: string | null = null;
    try {
      if (!smtp) throw new Error(NO_SMTP_MESSAGE);
      const scopeName = alert.query_id ? (queryNames.get(alert.query_id) ?? null) : null;
      const ids = alert.mention_ids.slice(0, 5);
      const mentions = await mentionRepository.examples(db, ids);
      const message = alertEmail(
        {
          count: alert.count,
          expected: alert.expected,
          windowStart: new Date(alert.window_start),
          windowEnd: new Date(alert.window_end),
          scopeName,
        },
        mentions.map((m) => ({ text: m.text, url: m.url, author: m.author_handle })),
        { language: workspace.language, timeZone: workspace.timeZone, name: workspace.name },
        ctx.config.publicUrl ?? null,
      );
      await emailReport(smtp, recipients, message.subject, message.text, [], {
        allowPrivate: ctx.config.allowPrivateUrls,
        log: ctx.logger,
      });
      sent++;
    } catch (caught) {
      error = (caught as Error).message.slice(0, 500);
      ctx.logger.warn({ alertId: alert.id, err: caught }, 'reputation alert e-mail failed');
    }
    await alertRepository.recordEmailAttempt(db, alert.id, { error, at: new Date(now) });
  }
  return sent;
}
