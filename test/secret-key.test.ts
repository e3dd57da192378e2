import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pino from 'pino';
import { createTestDatabase } from './helpers/db.ts';
import { loadMasterSecret, secretKeyPath } from '../src/lib/secret-key.ts';
import { loadConfig } from '../src/config.ts';
import type { PlazaDatabase } from '../src/db/database.ts';

/** The master key: generated beside the database folder (or at PLAZA_SECRET_FILE), never silently replaced. */
describe('master secret key', () => {
  let database: PlazaDatabase;
  let dir: string;
  const warnings: unknown[] = [];
  const logger = { warn: (obj: unknown) => void warnings.push(obj) } as unknown as pino.Logger;
  beforeAll(async () => {
    database = await createTestDatabase('embedded');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-key-'));
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is generated once into DATA_DIR/secret.key, outside the database folder, mode 0600, with a warning to back it up', async () => {
    const config = loadConfig({ DATA_DIR: dir } as NodeJS.ProcessEnv);
    const file = secretKeyPath(config);
    expect(file).toBe(path.join(dir, 'secret.key'));
    expect(path.relative(path.join(dir, 'pglite'), file).startsWith('..')).toBe(true);
    const first = await loadMasterSecret(config, database, logger);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(warnings).toEqual([{ file }]);
    expect(await loadMasterSecret(config, database, logger)).toBe(first);
    expect(warnings).toHaveLength(1);
  });

  it('can live elsewhere (PLAZA_SECRET_FILE), and PLAZA_SECRET wins over any file', async () => {
    const elsewhere = path.join(dir, 'keys', 'plaza.key');
    const config = loadConfig({ DATA_DIR: dir, PLAZA_SECRET_FILE: elsewhere } as NodeJS.ProcessEnv);
    const key = await loadMasterSecret(config, database, logger);
    expect(fs.readFileSync(elsewhere, 'utf8').trim()).toBe(key);
    const fixed = 'x'.repeat(40);
    expect(await loadMasterSecret(loadConfig({ DATA_DIR: dir, PLAZA_SECRET: fixed } as NodeJS.ProcessEnv), database, logger)).toBe(fixed);
  });

  it('refuses to generate a new key when the database already holds sealed data (a lost key)', async () => {
    const workspace = await database.db
      .insertInto('workspaces')
      .values({ name: 'W', time_zone: 'UTC', language: 'en' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('engager_salts').values({ workspace_id: workspace.id, salt_sealed: 'v1:a:b:c' }).execute();
    const lost = loadConfig({ DATA_DIR: path.join(dir, 'restored-without-key') } as NodeJS.ProcessEnv);
    await expect(loadMasterSecret(lost, database, logger)).rejects.toThrow(/already holds encrypted credentials/);
    expect(fs.existsSync(secretKeyPath(lost))).toBe(false);
  });
});
