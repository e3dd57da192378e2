import type { ErrorCode } from './error-codes.ts';

/**
 * An error meant for the API client: it carries an HTTP status and a stable code,
 * and is rendered as `{ error: { code, message, details } }`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    /** A registered code (lib/error-codes.ts): the web app shows the error by it, in the UI language. */
    readonly code: ErrorCode,
    /** English for logs, the CLI and API clients; users read the text of `code`. */
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 404 for a missing object, and equally for another workspace's object (no existence leak). */
export const notFound = (what: string): AppError => new AppError(404, 'not_found', `${what} not found`);
/** 400 for input that passed the schema but breaks a rule: the code says which rule. */
export const badRequest = (code: ErrorCode, message: string, details?: unknown): AppError => new AppError(400, code, message, details);
/** 409 when the object's state forbids the action: the code says why. */
export const conflict = (code: ErrorCode, message: string, details?: unknown): AppError => new AppError(409, code, message, details);
/** 403 when the signed-in user's role does not allow the action. */
export const forbidden = (message = 'Your role does not allow this action', code: ErrorCode = 'forbidden'): AppError =>
  new AppError(403, code, message);
/** 401 when nobody is signed in. */
export const unauthorized = (message = 'Sign in first'): AppError => new AppError(401, 'unauthorized', message);
