/**
 * Test-only: Google's sign-in as the local YouTube and Business Profile servers speak it
 * (developers.google.com/identity/protocols/oauth2/web-server), reached through networkUrl's
 * prefix:
 *
 * - the consent page, GET /accounts.google.com/o/oauth2/v2/auth: the person approves at once and
 *   the browser is sent back to `redirect_uri` with `code`, `state` and `scope`. Like Google, it
 *   refuses on the page itself (400, no redirect) an unknown client id, a missing redirect URL or
 *   state, a response type other than `code`, and, because Plaza always sends one, a missing S256
 *   challenge;
 * - the token endpoint, POST /oauth2.googleapis.com/token, grant `authorization_code`: the client
 *   id and secret in the body, the code used once and for its redirect URL, the PKCE verifier
 *   checked against the challenge; answers the server's access token and a refresh token (Google
 *   sends one because Plaza asks for `access_type=offline` and `prompt=consent`), or Google's
 *   `invalid_client` / `invalid_grant` bodies.
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';

export const GOOGLE_CONSENT_PATH = '/accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_TOKEN_PATH = '/oauth2.googleapis.com/token';

export class FakeGoogleSignIn {
  /** The install's Google Cloud app (Settings → Integrations). */
  readonly app = {
    clientId: `${100000 + Math.floor(Math.random() * 899999)}-plaza.apps.googleusercontent.com`,
    clientSecret: `GOCSPX-${randomBytes(12).toString('hex')}`,
  };
  /** Every consent page shown, with its query (tests check the scopes asked for). */
  readonly consents: URLSearchParams[] = [];
  private readonly codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();

  constructor(private readonly tokens: { accessToken: () => string; refreshToken: () => string }) {}

  /** The consent page: approves and redirects, or a 400 page naming the problem. */
  consent(query: URLSearchParams, res: http.ServerResponse): void {
    this.consents.push(query);
    const redirectUri = query.get('redirect_uri');
    const challenge = query.get('code_challenge');
    const problem =
      query.get('client_id') !== this.app.clientId
        ? 'Error 401: invalid_client (The OAuth client was not found.)'
        : !redirectUri
          ? 'Error 400: invalid_request (Missing required parameter: redirect_uri)'
          : query.get('response_type') !== 'code'
            ? 'Error 400: unsupported_response_type'
            : !challenge || query.get('code_challenge_method') !== 'S256'
              ? 'Error 400: invalid_request (code_challenge_method S256 expected)'
              : !query.get('state')
                ? 'Error 400: invalid_request (state expected)'
                : null;
    if (problem) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Google</title><p>${problem}</p>`);
      return;
    }
    const code = `4/0A${randomBytes(16).toString('base64url')}`;
    const scope = query.get('scope') ?? '';
    this.codes.set(code, { challenge: challenge!, redirectUri: redirectUri!, scope });
    const target = new URL(redirectUri!);
    target.searchParams.set('state', query.get('state')!);
    target.searchParams.set('code', code);
    target.searchParams.set('scope', scope);
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  /** The token endpoint's authorization-code grant. */
  exchange(form: URLSearchParams, res: http.ServerResponse): void {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (form.get('client_id') !== this.app.clientId || form.get('client_secret') !== this.app.clientSecret)
      return answer(401, { error: 'invalid_client', error_description: 'Unauthorized' });
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued || issued.redirectUri !== form.get('redirect_uri'))
      return answer(400, { error: 'invalid_grant', error_description: 'Bad Request' });
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge)
      return answer(400, { error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    answer(200, {
      access_token: this.tokens.accessToken(),
      expires_in: 3599,
      refresh_token: this.tokens.refreshToken(),
      scope: issued.scope,
      token_type: 'Bearer',
    });
  }
}
