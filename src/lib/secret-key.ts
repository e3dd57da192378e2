import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { PlazaConfig } from '../config.ts';
import type { PlazaDatabase } from '../db/database.ts';
import { holdsSealedData } from '../db/sealed-data.ts';

/** Where the generated master key lives: PLAZA_SECRET_FILE, else `<DATA_DIR>/secret.key` (beside, not inside, the database folder). */
export function secretKeyPath(config: Pick<PlazaConfig, 'dataDir' | 'secretFile'>): string {
  return config.secretFile ? path.resolve(config.secretFile) : path.join(config.dataDir, 'secret.key');
}

/**
 * The master secret: PLAZA_SECRET when set; otherwise the key file, generated (mode 0600) on the
 * first start. A missing key file while the database already holds sealed data means the key was
 * lost or this process reads another folder: Plaza refuses to start rather than seal new data under a
 * second key and leave every stored credential unreadable.
 */
export async function loadMasterSecret(
  config: Pick<PlazaConfig, 'secret' | 'dataDir' | 'secretFile'>,
  database: PlazaDatabase,
  logger: Pick<Logger, 'warn'>,
): Promise<string> {
  if (config.secret) return config.secret;
  const file = secretKeyPath(config);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  if (await holdsSealedData(database)) {
    throw new Error(
      `No secret key at ${file}, but the database already holds encrypted credentials. Restore the key file from your backup (or set PLAZA_SECRET / PLAZA_SECRET_FILE): a new key could not read them.`,
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const generated = crypto.randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  logger.warn(
    { file },
    'Generated the master secret key: back it up (apart from database backups). Losing it loses every stored credential.',
  );
  return generated;
}
