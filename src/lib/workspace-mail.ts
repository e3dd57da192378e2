/**
 * E-mail through a workspace's own SMTP server (set in its analytics settings): scheduled
 * reports, listening alerts. The connection goes only to a checked, pinned address (lib/smtp.ts).
 * nodemailer is loaded when a message is sent, not at start-up.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import { workspaceSmtp } from '../db/workspace-settings.ts';
import type { SecretBox } from './crypto.ts';
import { pinnedSmtpOptions, publicSmtpError } from './smtp.ts';

/** SMTP settings of a workspace (password sealed at rest). */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Only for local catchers in tests and development. */
  ignoreTls?: boolean;
}

export const NO_SMTP_MESSAGE = 'No SMTP settings: set them in the workspace analytics settings';

/** The workspace's SMTP server, opened from its sealed form; null when none is set. */
export async function loadWorkspaceSmtp(
  ctx: { database: { db: Db }; secrets: SecretBox },
  workspaceId: string,
): Promise<SmtpSettings | null> {
  const sealed = await workspaceSmtp(ctx.database.db, workspaceId);
  return sealed ? ctx.secrets.open<SmtpSettings>(sealed) : null;
}

/** An attachment of a workspace e-mail. */
export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
}

/**
 * Sends a report (or any Plaza e-mail) through the workspace's SMTP server, connecting only
 * to a checked, pinned address (see smtp.ts; private hosts need `allowPrivate`, i.e.
 * PLAZA_ALLOW_PRIVATE_URLS). Throws SmtpSendError with a generic message; details go to `log`.
 */
export async function emailReport(
  smtp: SmtpSettings,
  to: string[],
  subject: string,
  text: string,
  attachments: MailAttachment[],
  options: { allowPrivate?: boolean; log?: Pick<Logger, 'warn'> } = {},
): Promise<void> {
  const connection = await pinnedSmtpOptions(smtp, options.allowPrivate ?? false, options.log);
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    ...connection,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  try {
    await transport.sendMail({ from: smtp.from, to, subject, text, attachments });
  } catch (error) {
    throw publicSmtpError(error, options.log);
  } finally {
    transport.close();
  }
}
