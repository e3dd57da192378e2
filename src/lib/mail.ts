import type { PlazaConfig } from '../config.ts';

/** One plain-text e-mail from the instance (invitations, password resets). */
export interface InstanceMail {
  to: string;
  subject: string;
  text: string;
}

/** True when the instance can send e-mail (SMTP_URL and MAIL_FROM are set). */
export function mailConfigured(config: Pick<PlazaConfig, 'smtpUrl' | 'mailFrom'>): boolean {
  return Boolean(config.smtpUrl && config.mailFrom);
}

/**
 * Sends an e-mail through the instance's SMTP server (SMTP_URL), the same nodemailer transport the
 * workspace reports use; nodemailer loads on first use. Throws when the server refuses or cannot be reached.
 */
export async function sendInstanceMail(config: Pick<PlazaConfig, 'smtpUrl' | 'mailFrom'>, mail: InstanceMail): Promise<void> {
  if (!config.smtpUrl || !config.mailFrom) throw new Error('No SMTP_URL/MAIL_FROM set');
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
}

/** The public address links in e-mails point to (PUBLIC_URL without a trailing slash). */
export function publicBaseUrl(config: Pick<PlazaConfig, 'publicUrl'>, fallback: string): string {
  return (config.publicUrl ?? fallback).replace(/\/+$/, '');
}
