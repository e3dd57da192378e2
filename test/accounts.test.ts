import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';
import { readableMessage, startSmtpCatcher } from './helpers/smtp.ts';
import { until } from './helpers/wait.ts';
import { pendingResetMail } from '../src/modules/accounts/commands/passwords.ts';
import { hashPassword } from '../src/lib/crypto.ts';
import { loadConfig, ConfigError } from '../src/config.ts';

const cookieOf = (res: LightMyRequestResponse) => {
  const header = res.headers['set-cookie'];
  return String(Array.isArray(header) ? header[0] : header).split(';')[0];
};
let address = 0;
/** A fresh client address per call, so the per-address rate limits do not get in the way of a test. */
const remote = () => `198.51.100.${(address = (address % 250) + 1)}`;

describe.each(DB_KINDS)('accounts (%s)', (kind) => {
  const clock = new ManualClock(Date.parse('2026-12-01T10:00:00Z'));
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;

  const inject = (method: string, url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: method as 'POST', url, remoteAddress: remote(), headers, ...(payload !== undefined && { payload }) });
  const withMail = () => {
    t.ctx.config = {
      ...t.ctx.config,
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      mailFrom: 'Plaza <plaza@example.test>',
      publicUrl: 'https://plaza.example.test',
    };
  };
  const withoutMail = () => {
    t.ctx.config = { ...t.ctx.config, smtpUrl: undefined, mailFrom: undefined, publicUrl: undefined };
  };
  const login = async (email: string, password: string) => {
    const res = await inject('POST', '/api/v1/auth/login', { email, password });
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: cookieOf(res), csrf: res.json().csrfToken as string, body: res.json() };
  };
  const tokenFrom = (text: string, page: 'invite' | 'reset-password') => {
    const match = new RegExp(`https://plaza\\.example\\.test/${page}#token=([A-Za-z0-9_-]+)`).exec(text);
    if (!match) throw new Error(`no ${page} link in: ${text}`);
    return match[1];
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    smtp = await startSmtpCatcher();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('lets exactly one of five simultaneous first sign-ups become the owner', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        inject('POST', '/api/v1/auth/signup', {
          email: `first${i}@example.test`,
          name: `First ${i}`,
          password: `una clave muy larga ${i}`,
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 403, 403, 403, 403]);
    for (const refused of answers.filter((a) => a.statusCode === 403)) expect(refused.json().error.code).toBe('signup_closed');
    const users = await t.ctx.database.db.selectFrom('users').select('email').execute();
    expect(users).toHaveLength(1);
    expect((await inject('GET', '/api/v1/setup')).json()).toEqual({ needsOwner: false });
  });

  describe('with an owner and a workspace', () => {
    let owner: Caller;
    let manager: Caller;
    let editor: Caller;
    let workspaceId: string;
    const api = (path = '') => `/api/v1/workspaces/${workspaceId}/invitations${path}`;

    beforeAll(async () => {
      owner = await createCaller(t, `owner-${kind}@example.test`, 'Olga Owner');
      workspaceId = (
        await owner.request('POST', '/api/v1/workspaces', { name: 'Café Plaza', timeZone: 'Europe/Madrid', language: 'es' })
      ).json().id;
      manager = await createCaller(t, `manager-${kind}@example.test`, 'Manu Manager');
      editor = await createCaller(t, `editor-${kind}@example.test`, 'Eda Editor');
      for (const [caller, role] of [
        [manager, 'manager'],
        [editor, 'editor'],
      ] as const) {
        await t.ctx.database.db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: caller.userId, role }).execute();
      }
    });

    it('invites by e-mail with the same answer whether the account exists, and stores only a hash of the token', async () => {
      withMail();
      smtp.messages.length = 0;
      await createCaller(t, `exists-${kind}@example.test`, 'Ex Isting');
      const known = await manager.request('POST', api(), { email: `exists-${kind}@example.test`, role: 'editor' });
      const unknown = await manager.request('POST', api(), { email: `nobody-${kind}@example.test`, role: 'editor' });
      expect(known.statusCode).toBe(201);
      expect(unknown.statusCode).toBe(201);
      const shape = (res: LightMyRequestResponse) => {
        const body = res.json();
        return { ...body, invitation: { ...body.invitation, id: 'x', email: 'x', createdAt: 'x', expiresAt: 'x' } };
      };
      expect(shape(known)).toEqual(shape(unknown));
      expect(known.json()).toMatchObject({ delivery: 'email', invitation: { role: 'editor', invitedBy: 'Manu Manager', expired: false } });
      expect(known.json().acceptUrl).toBeUndefined();
      expect(smtp.messages.map((m) => m.to)).toEqual([[`exists-${kind}@example.test`], [`nobody-${kind}@example.test`]]);
      const text = readableMessage(smtp.messages[1].raw);
      expect(text).toContain('Manu Manager te invita a Café Plaza');
      const token = tokenFrom(text, 'invite');
      const rows = await t.ctx.database.db.selectFrom('invitations').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(new Date(unknown.json().invitation.expiresAt).getTime() - clock.now()).toBe(7 * 86_400_000);
      // The pending list, for managers only.
      const list = await manager.request('GET', api());
      expect(
        list
          .json()
          .items.map((i: { email: string }) => i.email)
          .sort(),
      ).toEqual([`exists-${kind}@example.test`, `nobody-${kind}@example.test`]);
      expect(JSON.stringify(list.json())).not.toContain(token);
      expect((await editor.request('GET', api())).statusCode).toBe(403);
      expect((await editor.request('POST', api(), { email: 'x@example.test', role: 'viewer' })).statusCode).toBe(403);
      expect((await manager.request('POST', api(), { email: 'boss@example.test', role: 'owner' })).json().error.code).toBe('owner_only');
      expect((await manager.request('POST', api(), { email: `editor-${kind}@example.test`, role: 'viewer' })).json().error.code).toBe(
        'already_member',
      );
    });

    it('lets a new person create their account from the link, once, with a password that passes the policy', async () => {
      withMail();
      smtp.messages.length = 0;
      await owner.request('POST', api(), { email: `nueva-${kind}@example.test`, role: 'approver' });
      const token = tokenFrom(readableMessage(smtp.messages[0].raw), 'invite');
      const preview = await inject('POST', '/api/v1/invitations/preview', { token });
      expect(preview.json()).toMatchObject({
        workspaceName: 'Café Plaza',
        workspaceTimeZone: 'Europe/Madrid',
        email: `nueva-${kind}@example.test`,
        role: 'approver',
        invitedBy: 'Olga Owner',
      });
      const anonymous = await inject('POST', '/api/v1/invitations/accept', { token });
      expect(anonymous.statusCode).toBe(401);
      const weak = await inject('POST', '/api/v1/invitations/accept', { token, name: 'Nueva', password: 'password1234' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.code).toBe('password_too_common');
      const accepted = await inject('POST', '/api/v1/invitations/accept', {
        token,
        name: 'Nueva',
        password: 'mi propia clave segura',
        locale: 'es',
      });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json()).toMatchObject({ workspaceId, role: 'approver', createdAccount: true });
      const cookie = cookieOf(accepted);
      const me = await inject('GET', '/api/v1/me', undefined, { cookie });
      expect(me.json().workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'approver' })]);
      const again = await inject('POST', '/api/v1/invitations/accept', { token, name: 'Otra', password: 'otra clave bien larga' });
      expect(again.statusCode).toBe(404);
      expect(again.json().error.code).toBe('invitation_invalid');
      const events = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/events?limit=50`))
        .json()
        .items.map((e: { type: string }) => e.type);
      expect(events).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted', 'member.added']));
    });

    it('lets an existing account accept only when signed in with the invited address', async () => {
      withoutMail();
      const someone = await createCaller(t, `someone-${kind}@example.test`, 'Some One');
      const invited = await owner.request('POST', api(), { email: `Someone-${kind}@Example.test`, role: 'viewer' });
      expect(invited.json().delivery).toBe('link');
      const token = new URL(invited.json().acceptUrl).hash.replace('#token=', '');
      // Without SMTP the link is in the answer once; the list never shows it again.
      expect(JSON.stringify((await owner.request('GET', api())).json())).not.toContain(token);
      const creating = await inject('POST', '/api/v1/invitations/accept', { token, name: 'Impostor', password: 'una clave larguísima' });
      expect(creating.json().error.code).toBe('account_exists');
      const wrongPerson = await editor.request('POST', '/api/v1/invitations/accept', { token });
      expect(wrongPerson.statusCode).toBe(403);
      expect(wrongPerson.json().error.code).toBe('invitation_other_email');
      const ok = await someone.request('POST', '/api/v1/invitations/accept', { token });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ role: 'viewer', createdAccount: false });
      expect((await someone.request('GET', `/api/v1/workspaces/${workspaceId}/members`)).statusCode).toBe(200);
    });

    it('resends with a new link (the old one dies), revokes, and lets links expire after 7 days', async () => {
      withoutMail();
      const first = await owner.request('POST', api(), { email: `later-${kind}@example.test`, role: 'editor' });
      const firstToken = new URL(first.json().acceptUrl).hash.replace('#token=', '');
      const resent = await owner.request('POST', api(`/${first.json().invitation.id}/resend`));
      expect(resent.statusCode).toBe(200);
      expect(resent.json().invitation.sentCount).toBe(2);
      const secondToken = new URL(resent.json().acceptUrl).hash.replace('#token=', '');
      expect((await inject('POST', '/api/v1/invitations/preview', { token: firstToken })).statusCode).toBe(404);
      expect((await inject('POST', '/api/v1/invitations/preview', { token: secondToken })).statusCode).toBe(200);
      clock.advance(7 * 86_400_000 + 1);
      expect((await inject('POST', '/api/v1/invitations/preview', { token: secondToken })).statusCode).toBe(404);
      expect(
        (await owner.request('GET', api())).json().items.find((i: { id: string }) => i.id === first.json().invitation.id).expired,
      ).toBe(true);
      const renewed = await owner.request('POST', api(`/${first.json().invitation.id}/resend`));
      const thirdToken = new URL(renewed.json().acceptUrl).hash.replace('#token=', '');
      expect((await editor.request('DELETE', api(`/${first.json().invitation.id}`))).statusCode).toBe(403);
      expect((await owner.request('DELETE', api(`/${first.json().invitation.id}`))).statusCode).toBe(204);
      expect((await inject('POST', '/api/v1/invitations/preview', { token: thirdToken })).statusCode).toBe(404);
      expect((await owner.request('GET', api())).json().items.map((i: { email: string }) => i.email)).not.toContain(
        `later-${kind}@example.test`,
      );
      const events = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/events?limit=100`))
        .json()
        .items.map((e: { type: string }) => e.type);
      expect(events).toEqual(expect.arrayContaining(['invitation.resent', 'invitation.revoked']));
    });

    it('lets only one of two simultaneous acceptances of the same link through', async () => {
      withoutMail();
      const invited = await owner.request('POST', api(), { email: `twice-${kind}@example.test`, role: 'viewer' });
      const token = new URL(invited.json().acceptUrl).hash.replace('#token=', '');
      const answers = await Promise.all([
        inject('POST', '/api/v1/invitations/accept', { token, name: 'Uno', password: 'primera clave larga' }),
        inject('POST', '/api/v1/invitations/accept', { token, name: 'Dos', password: 'segunda clave larga' }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 404]);
      const users = await t.ctx.database.db.selectFrom('users').select('name').where('email', '=', `twice-${kind}@example.test`).execute();
      expect(users).toHaveLength(1);
    });

    it('no longer lets anyone add an existing account directly', async () => {
      const direct = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/members`, {
        email: `exists-${kind}@example.test`,
        role: 'viewer',
      });
      expect(direct.statusCode).toBe(404);
    });
  });

  describe('passwords and sessions', () => {
    const email = () => `pat-${kind}@example.test`;
    let patId: string;

    beforeAll(async () => {
      patId = (await createCaller(t, email(), 'Pat')).userId;
    });

    it('changes the password with the current one; other sessions end, this one and API tokens stay', async () => {
      const a = await login(email(), 'correct horse battery');
      const b = await login(email(), 'correct horse battery');
      const tokenRes = await inject('POST', '/api/v1/me/tokens', { name: 'cli' }, { cookie: a.cookie, 'x-csrf-token': a.csrf });
      const apiToken = tokenRes.json().token as string;
      const wrong = await inject(
        'POST',
        '/api/v1/me/password',
        { currentPassword: 'nope nope nope', newPassword: 'una frase nueva y larga' },
        { cookie: a.cookie, 'x-csrf-token': a.csrf },
      );
      expect(wrong.json().error.code).toBe('current_password_wrong');
      const short = await inject(
        'POST',
        '/api/v1/me/password',
        { currentPassword: 'correct horse battery', newPassword: 'corta' },
        { cookie: a.cookie, 'x-csrf-token': a.csrf },
      );
      expect(short.json().error.code).toBe('password_too_short');
      const changed = await inject(
        'POST',
        '/api/v1/me/password',
        { currentPassword: 'correct horse battery', newPassword: 'una frase nueva y larga' },
        { cookie: a.cookie, 'x-csrf-token': a.csrf },
      );
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toEqual({ endedSessions: 1 });
      expect((await inject('GET', '/api/v1/me', undefined, { cookie: a.cookie })).statusCode).toBe(200);
      expect((await inject('GET', '/api/v1/me', undefined, { cookie: b.cookie })).statusCode).toBe(401);
      expect((await inject('GET', '/api/v1/me', undefined, { authorization: `Bearer ${apiToken}` })).statusCode).toBe(200);
      expect((await inject('POST', '/api/v1/auth/login', { email: email(), password: 'correct horse battery' })).statusCode).toBe(401);
    });

    it('signs out everywhere, optionally revoking API tokens', async () => {
      const a = await login(email(), 'una frase nueva y larga');
      const b = await login(email(), 'una frase nueva y larga');
      const apiToken = (await inject('POST', '/api/v1/me/tokens', { name: 'ci' }, { cookie: a.cookie, 'x-csrf-token': a.csrf })).json()
        .token as string;
      const out = await inject('POST', '/api/v1/auth/sign-out-everywhere', {}, { cookie: a.cookie, 'x-csrf-token': a.csrf });
      expect(out.statusCode, out.body).toBe(200);
      expect(out.json().revokedTokens).toBe(0);
      expect(out.json().endedSessions).toBeGreaterThanOrEqual(2);
      expect((await inject('GET', '/api/v1/me', undefined, { cookie: a.cookie })).statusCode).toBe(401);
      expect((await inject('GET', '/api/v1/me', undefined, { cookie: b.cookie })).statusCode).toBe(401);
      expect((await inject('GET', '/api/v1/me', undefined, { authorization: `Bearer ${apiToken}` })).statusCode).toBe(200);
      const all = await inject(
        'POST',
        '/api/v1/auth/sign-out-everywhere',
        { revokeApiTokens: true },
        { authorization: `Bearer ${apiToken}` },
      );
      expect(all.json().revokedTokens).toBeGreaterThanOrEqual(1);
      expect((await inject('GET', '/api/v1/me', undefined, { authorization: `Bearer ${apiToken}` })).statusCode).toBe(401);
    });

    it('resets by e-mail: same answer for unknown addresses, single use, one hour, throttled, ends every session', async () => {
      withMail();
      smtp.messages.length = 0;
      const session = await login(email(), 'una frase nueva y larga');
      const known = await inject('POST', '/api/v1/auth/password-reset', { email: email() });
      await pendingResetMail;
      const unknown = await inject('POST', '/api/v1/auth/password-reset', { email: `ghost-${kind}@example.test` });
      await pendingResetMail;
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.json()).toEqual(unknown.json());
      expect(known.json().mailConfigured).toBe(true);
      await until(async () => smtp.messages.length === 1);
      expect(smtp.messages[0].to).toEqual([email()]);
      const token = tokenFrom(readableMessage(smtp.messages[0].raw), 'reset-password');
      expect(JSON.stringify(await t.ctx.database.db.selectFrom('password_resets').selectAll().execute())).not.toContain(token);
      expect((await inject('POST', '/api/v1/auth/password-reset/check', { token })).json()).toEqual({ usable: true });
      const weak = await inject('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'qwerty123456' });
      expect(weak.json().error.code).toBe('password_too_common');
      const done = await inject('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'restablecida y bien larga' });
      expect(done.statusCode, done.body).toBe(200);
      expect((await inject('GET', '/api/v1/me', undefined, { cookie: session.cookie })).statusCode).toBe(401);
      const reused = await inject('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'otra vez otra clave larga' });
      expect(reused.json().error.code).toBe('reset_token_invalid');
      await login(email(), 'restablecida y bien larga');

      // Expiry after one hour.
      await inject('POST', '/api/v1/auth/password-reset', { email: email() });
      await pendingResetMail;
      await until(async () => smtp.messages.length === 2);
      const late = tokenFrom(readableMessage(smtp.messages[1].raw), 'reset-password');
      clock.advance(60 * 60_000 + 1);
      expect(
        (await inject('POST', '/api/v1/auth/password-reset/confirm', { token: late, password: 'demasiado tarde ya' })).json().error.code,
      ).toBe('reset_token_invalid');

      // At most three e-mails per account per hour; the answer does not change.
      for (let i = 0; i < 5; i++) {
        const res = await inject('POST', '/api/v1/auth/password-reset', { email: email() });
        expect(res.json()).toEqual(known.json());
        await pendingResetMail;
      }
      expect(smtp.messages).toHaveLength(2 + 3);
      const events = await t.ctx.database.db.selectFrom('events').select('type').where('subject_id', '=', patId).execute();
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining([
          'user.password_reset_requested',
          'user.password_reset',
          'user.password_changed',
          'user.signed_out_everywhere',
        ]),
      );
    });

    it('lets a reset link be used once even by two simultaneous requests', async () => {
      withMail();
      smtp.messages.length = 0;
      clock.advance(2 * 60 * 60_000); // out of the previous hour's throttle
      await inject('POST', '/api/v1/auth/password-reset', { email: email() });
      await pendingResetMail;
      await until(async () => smtp.messages.length === 1);
      const token = tokenFrom(readableMessage(smtp.messages[0].raw), 'reset-password');
      const answers = await Promise.all([
        inject('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'carrera número uno' }),
        inject('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'carrera número dos' }),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
      const winner = answers.findIndex((a) => a.statusCode === 200) === 0 ? 'carrera número uno' : 'carrera número dos';
      await login(email(), winner);
      await t.ctx.database.db
        .updateTable('users')
        .set({ password_hash: await hashPassword('restablecida y bien larga') })
        .where('id', '=', patId)
        .execute();
    });

    it('says how to reset when the instance cannot send e-mail', async () => {
      withoutMail();
      const res = await inject('POST', '/api/v1/auth/password-reset', { email: email() });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ mailConfigured: false });
      expect(res.json().message).toContain('plaza user reset-password');
    });

    it('still signs in a user whose old password is shorter than the policy, and recommends a change', async () => {
      const legacy = await createCaller(t, `legacy-${kind}@example.test`, 'Leg Acy');
      await t.ctx.database.db
        .updateTable('users')
        .set({ password_hash: await hashPassword('diez chars') })
        .where('id', '=', legacy.userId)
        .execute();
      const signedIn = await login(`legacy-${kind}@example.test`, 'diez chars');
      expect(signedIn.body.passwordChangeRecommended).toBe(true);
      expect((await login(email(), 'restablecida y bien larga')).body.passwordChangeRecommended).toBe(false);
    });
  });
});

describe('mail settings', () => {
  it('needs MAIL_FROM and PUBLIC_URL with SMTP_URL, and only smtp(s) URLs', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' } as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() =>
      loadConfig({ SMTP_URL: 'http://127.0.0.1:2525', MAIL_FROM: 'a@b.c', PUBLIC_URL: 'https://x.test' } as NodeJS.ProcessEnv),
    ).toThrow(/smtp:\/\//);
    const ok = loadConfig({
      SMTP_URL: 'smtps://u:p@mail.example.test:465',
      MAIL_FROM: 'Plaza <plaza@example.test>',
      PUBLIC_URL: 'https://plaza.example.test',
    } as NodeJS.ProcessEnv);
    expect(ok.smtpUrl).toBe('smtps://u:p@mail.example.test:465');
  });
});
