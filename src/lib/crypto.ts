import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// scrypt parameters (OWASP minimum: N=2^17, r=8, p=1 ≈ 128 MiB); we keep N=2^15 so a
// sign-in costs ~50 ms on a 2-core machine, and store the parameters with each hash.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 };

/** Hashes a password with scrypt and a random salt; the result embeds the parameters. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 256 * 1024 * 1024 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against a stored scrypt hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const expectedBuf = Buffer.from(expected, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expectedBuf.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return crypto.timingSafeEqual(key, expectedBuf);
}

/** A fresh random token (session, API token, feed token), URL-safe. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex digest: tokens are stored only as hashes. */
export function sha256Hex(input: string | Uint8Array): string {
  return crypto.createHash('sha256').update(input).digest('hex');
}

/** HMAC-SHA256 hex signature, used for outgoing webhooks. */
export function hmacSha256Hex(key: string, payload: string): string {
  return crypto.createHmac('sha256', key).update(payload).digest('hex');
}

/**
 * Authenticated encryption (AES-256-GCM) for secrets at rest: channel credentials,
 * webhook secrets. The stored form is `v1:<iv>:<tag>:<ciphertext>` in base64url.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: string) {
    // Derive a fixed-size key so any sufficiently long secret works.
    this.key = Buffer.from(crypto.hkdfSync('sha256', secret, 'plaza-secretbox', 'aes-256-gcm-v1', 32));
  }

  /** Encrypts a JSON-serialisable value. */
  seal(value: unknown): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  /**
   * An HMAC-SHA256 of `payload` under a key derived from the install's secret for one `purpose`
   * (e.g. 'media-url'), base64url: signed links that only this install can mint.
   */
  sign(purpose: string, payload: string): string {
    const key = Buffer.from(crypto.hkdfSync('sha256', this.key, 'plaza-sign', purpose, 32));
    return crypto.createHmac('sha256', key).update(payload).digest('base64url');
  }

  /** Decrypts what `seal` produced; throws when tampered with or sealed under another key. */
  open<T = unknown>(sealed: string): T {
    const [version, iv, tag, ciphertext] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('Unrecognised sealed secret');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  }
}
