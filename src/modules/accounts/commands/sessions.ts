import type { AppContext } from '../../../server/context.ts';
import { accountsRepository } from '../repository.ts';
import { accountsSecurityRepository } from '../security-repository.ts';
import { authenticate, createUser, signupClosed } from './users.ts';
import { beginLoginAttempt } from '../login-throttle.ts';
import { assertAcceptablePassword, passwordProblem } from '../password-policy.ts';

/** A user as the API shows them. */
export interface AccountUser {
  id: string;
  email: string;
  name: string;
  locale: string;
}

/** Starts a session for the user; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function startSession(ctx: AppContext, userId: string): Promise<{ token: string; csrfToken: string }> {
  return accountsRepository.createSession(ctx.database.db, userId, ctx.clock.now());
}

/**
 * Signs up the installation's first user (its owner) and signs them in. Open sign-up holds only for
 * the first user; everybody else is invited. The early check only spares the hashing: the rule
 * itself holds inside `createUser`'s transaction.
 */
export async function signUpFirstOwner(ctx: AppContext, input: { email: string; name: string; password: string; locale: string }) {
  assertAcceptablePassword(input.password, { email: input.email });
  if (await accountsSecurityRepository.installationClaimed(ctx.database.db)) throw signupClosed();
  const created = await createUser(ctx, input, { firstOwner: true });
  const user: AccountUser = { id: created.id, email: created.email, name: created.name, locale: created.locale };
  return { user, session: await startSession(ctx, user.id) };
}

/**
 * Signs in with e-mail and password, throttled per account and per address (`beginLoginAttempt`).
 * Passwords set before the current policy still sign in; `passwordChangeRecommended` asks for a new one.
 */
export async function logIn(ctx: AppContext, input: { email: string; password: string; address: string }) {
  const attempt = await beginLoginAttempt(ctx, input.email, input.address);
  const user: AccountUser = await authenticate(ctx, input.email, input.password);
  await attempt.succeeded();
  const session = await startSession(ctx, user.id);
  return { user, session, passwordChangeRecommended: passwordProblem(input.password, { email: user.email }) !== null };
}

/** Ends the session behind this cookie token. */
export async function logOut(ctx: AppContext, sessionToken: string): Promise<void> {
  await accountsRepository.deleteSession(ctx.database.db, sessionToken);
}
