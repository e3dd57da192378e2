import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pino from 'pino';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { SecretBox } from '../../src/lib/crypto.ts';
import { ManualClock, systemClock, type Clock } from '../../src/lib/clock.ts';
import { FileMediaStore } from '../../src/modules/media/store.ts';
import { NetworkRegistry } from '../../src/networks/registry.ts';
import { defaultAdapters } from '../../src/networks/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, type DbKind } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  close(): Promise<void>;
}

/** A full Plaza app (routes, auth, real database) for inject()-style API tests. */
export async function createTestApp(kind: DbKind, options: { clock?: Clock } = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-test-'));
  const ctx: AppContext = {
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
    database,
    secrets: new SecretBox('test-secret-test-secret-test-secret-0123'),
    clock: options.clock ?? systemClock,
    logger: pino({ level: 'silent' }),
    media: new FileMediaStore(path.join(dataDir, 'media')),
    networks: new NetworkRegistry(defaultAdapters()),
  };
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in API caller using a Bearer token. */
export interface Caller {
  userId: string;
  token: string;
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Signs up the first user (owner) or creates one directly, and gives them an API token. */
export async function createCaller(t: TestApp, email: string, name = 'Test User'): Promise<Caller> {
  const { createUser } = await import('../../src/modules/accounts/commands/users.ts');
  const { accountsRepository } = await import('../../src/modules/accounts/repository.ts');
  const user = await createUser(t.ctx, { email, name, password: 'correct horse battery' });
  const token = await accountsRepository.createApiToken(t.ctx.database.db, user.id, 'test');
  return {
    userId: user.id,
    token: token.token,
    request: (method, url, body) =>
      t.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token.token}` },
        ...(body !== undefined && { payload: body as object }),
      }),
  };
}

export { ManualClock };

/**
 * Makes an account a member the way people join: the owner invites the address (API) and the
 * person accepts (existing account: signed in; otherwise creating it with `name` and `password`).
 * Returns the invitation answer's status code.
 */
export async function addMember(
  t: TestApp,
  owner: Caller,
  workspaceId: string,
  member: { email: string; role: string; name?: string; password?: string },
): Promise<number> {
  const { acceptInvitation } = await import('../../src/modules/invitations/commands.ts');
  const { accountsRepository } = await import('../../src/modules/accounts/repository.ts');
  const invited = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/invitations`, { email: member.email, role: member.role });
  if (invited.statusCode !== 201) return invited.statusCode;
  const token = new URL(invited.json().acceptUrl as string).hash.replace('#token=', '');
  const user = await accountsRepository.findUserByEmail(t.ctx.database.db, member.email);
  await acceptInvitation(
    t.ctx,
    token,
    user ? { user } : { user: null, newAccount: { name: member.name ?? 'Member', password: member.password ?? 'correct horse battery' } },
  );
  return invited.statusCode;
}
