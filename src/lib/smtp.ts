/**
 * Where Plaza's e-mails go: the workspace's SMTP host, checked like every user-supplied host.
 *
 * The host is resolved once, every address is checked (no loopback, private or link-local
 * target unless PLAZA_ALLOW_PRIVATE_URLS), and nodemailer connects to the checked address
 * itself (pinned: a second DNS answer cannot differ), keeping the name for TLS (SNI and the
 * certificate check). Failures are reported with a stable code and a generic message; the
 * original error (host, port, errno) goes only to the server log.
 */
import net from 'node:net';
import type { Logger } from 'pino';
import { resolvePublicAddress, UnsafeUrlError } from './safe-fetch.ts';
import { AppError } from './errors.ts';

/** The part of the workspace's SMTP settings that says where to connect. */
export interface SmtpTarget {
  host: string;
  port: number;
  secure: boolean;
  ignoreTls?: boolean;
}

/** An e-mail that could not be sent, with a code and a message safe to show and store. */
export class SmtpSendError extends Error {
  constructor(
    readonly code: 'private_address' | 'smtp_unreachable' | 'smtp_auth_failed' | 'smtp_refused',
    message: string,
  ) {
    super(message);
    this.name = 'SmtpSendError';
  }
}

const MESSAGES: Record<SmtpSendError['code'], string> = {
  private_address: 'The SMTP host is not allowed: Plaza does not connect to private, loopback or link-local addresses',
  smtp_unreachable: 'Could not reach the SMTP server; check its host and port',
  smtp_auth_failed: 'The SMTP server refused the user name or password',
  smtp_refused: 'The SMTP server refused the message',
};

/** A SmtpSendError with the standard message of its code. */
export function smtpError(code: SmtpSendError['code']): SmtpSendError {
  return new SmtpSendError(code, MESSAGES[code]);
}

/**
 * nodemailer connection options for `smtp`: the checked, pinned address as `host`, the
 * name as TLS `servername`. Throws SmtpSendError('private_address') for a refused host and
 * 'smtp_unreachable' when the name does not resolve.
 */
export async function pinnedSmtpOptions(smtp: SmtpTarget, allowPrivate: boolean, log?: Pick<Logger, 'warn'>) {
  const name = smtp.host.trim().replace(/^\[|\]$/g, '');
  let address: string;
  try {
    ({ address } = await resolvePublicAddress(name, allowPrivate));
  } catch (error) {
    log?.warn({ err: error }, 'SMTP host refused or not resolved');
    throw smtpError(error instanceof UnsafeUrlError ? 'private_address' : 'smtp_unreachable');
  }
  return {
    host: address,
    port: smtp.port,
    secure: smtp.secure,
    ignoreTLS: smtp.ignoreTls ?? false,
    ...(net.isIP(name) ? {} : { servername: name, tls: { servername: name } }),
  };
}

/** Turns whatever nodemailer threw into a SmtpSendError (the original is logged, not shown). */
export function publicSmtpError(error: unknown, log?: Pick<Logger, 'warn'>): SmtpSendError {
  if (error instanceof SmtpSendError) return error;
  log?.warn({ err: error }, 'SMTP send failed');
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  if (code === 'EAUTH') return smtpError('smtp_auth_failed');
  if (typeof responseCode === 'number') return smtpError('smtp_refused');
  return smtpError('smtp_unreachable');
}

/**
 * Checks an SMTP host when it is saved: a 400 `private_address` for a refused address.
 * A name that does not resolve now is accepted (it is checked again before each e-mail).
 */
export async function assertSmtpHostAllowed(host: string, allowPrivate: boolean): Promise<void> {
  try {
    await resolvePublicAddress(host.trim().replace(/^\[|\]$/g, ''), allowPrivate);
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw new AppError(400, 'private_address', MESSAGES.private_address);
  }
}
