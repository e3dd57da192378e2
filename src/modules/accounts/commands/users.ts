import type { AppContext } from '../../../server/context.ts';
import { hashPassword, verifyPassword } from '../../../lib/crypto.ts';
import { AppError, conflict } from '../../../lib/errors.ts';
import { recordEvent } from '../../events/events.ts';
import type { Db } from '../../../db/database.ts';
import { accountsRepository } from '../repository.ts';
import { accountsSecurityRepository } from '../security-repository.ts';
import { assertAcceptablePassword } from '../password-policy.ts';

// A real hash of a random password: verifying against it costs the same as a real
// user's, so response time does not reveal which e-mails exist.
let dummyHash: Promise<string> | null = null;

/**
 * Creates a user. The very first user of an installation may sign up freely and
 * becomes owner of the workspaces they create; later users join by invitation.
 * With `firstOwner`, the account is created only if it is the installation's first
 * (atomically: see `claimInstallation`); otherwise 403 `signup_closed`.
 */
export async function createUser(ctx: AppContext, input: NewUser, options: { firstOwner?: boolean } = {}) {
  const db = ctx.database.db;
  if (await accountsRepository.findUserByEmail(db, input.email)) throw conflict('email_taken', 'A user with this e-mail already exists');
  assertAcceptablePassword(input.password, { email: input.email });
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute((trx) => insertUser(trx, { ...input, passwordHash }, options));
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  locale?: string;
}

/** Inserts a user (password already checked and hashed) and its event, inside the caller's transaction. */
export async function insertUser(
  trx: Db,
  input: Omit<NewUser, 'password'> & { passwordHash: string },
  options: { firstOwner?: boolean } = {},
) {
  const claimed = await accountsSecurityRepository.claimInstallation(trx);
  if (options.firstOwner && !claimed) throw signupClosed();
  let user: Awaited<ReturnType<typeof accountsRepository.insertUser>>;
  try {
    user = await accountsRepository.insertUser(trx, {
      email: input.email,
      name: input.name,
      passwordHash: input.passwordHash,
      locale: input.locale,
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict('email_taken', 'A user with this e-mail already exists');
    throw error;
  }
  if (claimed) await accountsSecurityRepository.setFirstUser(trx, user.id);
  await recordEvent(trx, {
    workspaceId: null,
    actorUserId: user.id,
    type: 'user.created',
    subjectType: 'user',
    subjectId: user.id,
    data: { email: user.email },
  });
  return user;
}

/** 403 for a sign-up once the installation has its first account. */
export const signupClosed = (): AppError => new AppError(403, 'signup_closed', 'Sign-up is closed; ask a workspace manager to invite you');

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
