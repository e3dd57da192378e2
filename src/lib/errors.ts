/**
 * An error meant for the API client: it carries an HTTP status and a stable code,
 * and is rendered as `{ error: { code, message, details } }`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 404 for a missing object, and equally for another workspace's object (no existence leak). */
export const notFound = (what: string): AppError => new AppError(404, 'not_found', `${what} not found`);
/** 400 for input that passed the schema but breaks a rule. */
export const badRequest = (message: string, details?: unknown): AppError => new AppError(400, 'bad_request', message, details);
/** 409 when the object's state forbids the action. */
export const conflict = (message: string, details?: unknown): AppError => new AppError(409, 'conflict', message, details);
/** 403 when the signed-in user's role does not allow the action. */
export const forbidden = (message = 'Your role does not allow this action'): AppError => new AppError(403, 'forbidden', message);
/** 401 when nobody is signed in. */
export const unauthorized = (message = 'Sign in first'): AppError => new AppError(401, 'unauthorized', message);
