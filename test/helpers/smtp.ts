import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** A local SMTP catcher on 127.0.0.1 that keeps every message. */
export function startSmtpCatcher(): Promise<{ port: number; messages: Array<{ to: string[]; raw: string }>; close(): Promise<void> }> {
  const messages: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.server.address() as AddressInfo).port,
        messages,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * A caught message as a person reads it: quoted-printable soft breaks and escapes undone, and
 * RFC 2047 encoded words in headers ("=?UTF-8?Q?…?=", "=?UTF-8?B?…?=") decoded.
 */
export function readableMessage(raw: string): string {
  const words = raw
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('latin1') : text.replace(/_/g, ' '),
    );
  const bytes = words.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
