/**
 * Generates the web app's API types (web/src/api/schema.d.ts) from the server's OpenAPI
 * document: builds the Fastify app in-process on a throw-away embedded database, takes
 * `app.swagger()` and runs openapi-typescript over it. `npm run gen:api` writes the file;
 * test/api-types.test.ts regenerates it in memory and fails when the committed file is stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../src/server/app.ts';
import type { AppContext } from '../src/server/context.ts';
import { openDatabase } from '../src/db/database.ts';
import { SecretBox } from '../src/lib/crypto.ts';
import { systemClock } from '../src/lib/clock.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { defaultAdapters } from '../src/networks/index.ts';
import { loadConfig } from '../src/config.ts';

export const API_TYPES_FILE = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from the server's OpenAPI document by tools/gen-api-types.ts (\`npm run gen:api\`).
 * Do not edit by hand: test/api-types.test.ts fails when this file is stale.
 */

`;

/** The server's OpenAPI document, from an in-process app on an in-memory database. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({});
  // No migration: building the app and its OpenAPI document reads no table.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-gen-api-'));
  const ctx: AppContext = {
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
    database,
    secrets: new SecretBox('gen-api-types-gen-api-types-gen-api-0123'),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    media: new FileMediaStore(path.join(dataDir, 'media')),
    networks: new NetworkRegistry(defaultAdapters()),
  };
  const app = await buildApp(ctx);
  try {
    await app.ready();
    return JSON.parse(JSON.stringify(app.swagger())) as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The text of web/src/api/schema.d.ts for the current server. */
export async function generateApiTypes(): Promise<string> {
  const document = await openApiDocument();
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(API_TYPES_FILE, await generateApiTypes());
  console.log(`wrote ${path.relative(process.cwd(), API_TYPES_FILE)}`);
}
