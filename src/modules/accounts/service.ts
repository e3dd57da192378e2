import type { AppContext } from '../../server/context.ts';
import { hashPassword, verifyPassword } from '../../lib/crypto.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { accountsRepository } from './repository.ts';

// A real hash of a random password: verifying against it costs the same as a real
// user's, so response time does not reveal which e-mails exist.
let dummyHash: Promise<string> | null = null;

/**
 * Creates a user. The very first user of an installation may sign up freely and
 * becomes owner of the workspaces they create; later users join by invitation.
 */
export async function createUser(ctx: AppContext, input: { email: string; name: string; password: string; locale?: string }) {
  const db = ctx.database.db;
  if (await accountsRepository.findUserByEmail(db, input.email)) throw conflict('A user with this e-mail already exists');
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await accountsRepository.insertUser(trx, { email: input.email, name: input.name, passwordHash, locale: input.locale });
    await recordEvent(trx, { workspaceId: null, actorUserId: user.id, type: 'user.created', subjectType: 'user', subjectId: user.id, data: { email: user.email } });
    return user;
  });
}

/** Checks e-mail and password; 401 with one message for both wrong e-mail and wrong password. */
export async function authenticate(ctx: AppContext, email: string, password: string) {
  const user = await accountsRepository.findUserByEmail(ctx.database.db, email);
  if (!user) {
    dummyHash ??= hashPassword(`dummy-${Math.random()}`);
    await verifyPassword(password, await dummyHash);
    throw new AppError(401, 'invalid_credentials', 'Wrong e-mail or password');
  }
  if (!(await verifyPassword(password, user.password_hash))) throw new AppError(401, 'invalid_credentials', 'Wrong e-mail or password');
  return { id: user.id, email: user.email, name: user.name, locale: user.locale };
}
