/**
 * Invitations and passwords end to end in a real Chromium against a real Plaza process with a local
 * SMTP catcher: invite from the members page (roles explained), accept from the e-mailed link with a
 * new account, the link shown once when the instance has no SMTP, "forgot password" → reset page,
 * and the account tab (change password, sign out everywhere) — once in Spanish, once in English.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { readableMessage, startSmtpCatcher } from '../helpers/smtp.ts';
import { until } from '../helpers/wait.ts';
import { accountsRepository } from '../../src/modules/accounts/repository.ts';
import { hashPassword } from '../../src/lib/crypto.ts';
import { apiCaller, launchBrowser, SCREENSHOT_DIR, signInPage, signUpOwner, startE2EServer, type E2EServer } from './harness.ts';

describe('accounts pages end to end (real Chromium, real server, SMTP catcher)', { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let token = '';
  const pageErrors: string[] = [];
  const apiCall = apiCaller(
    () => server,
    () => token,
  );

  const mailOn = () => {
    server.runtime.ctx.config = {
      ...server.runtime.ctx.config,
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      mailFrom: 'Plaza <plaza@example.test>',
      publicUrl: server.url,
    };
  };
  const mailOff = () => {
    server.runtime.ctx.config = { ...server.runtime.ctx.config, smtpUrl: undefined, mailFrom: undefined, publicUrl: undefined };
  };
  const linkIn = async (to: string, page: 'invite' | 'reset-password') => {
    const message = await until(async () =>
      smtp.messages.find((m) => m.to.includes(to) && readableMessage(m.raw).includes(`/${page}#token=`)),
    );
    smtp.messages.splice(smtp.messages.indexOf(message), 1);
    return /(http:\/\/127\.0\.0\.1:\d+\/[a-z-]+#token=[A-Za-z0-9_-]+)/.exec(readableMessage(message.raw))![1];
  };
  async function newPage(language: 'es' | 'en'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: language === 'es' ? 'es-ES' : 'en-US', viewport: { width: 1180, height: 900 } });
    await context.addInitScript((lang) => localStorage.setItem('plaza.lang', lang), language);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const missingKeys = (page: Page) =>
    page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);

  beforeAll(async () => {
    server = await startE2EServer();
    smtp = await startSmtpCatcher();
    token = await signUpOwner(server, { email: 'olga@example.test', name: 'Olga Owner', password: 'correct horse battery' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  for (const language of ['es', 'en'] as const) {
    const T = language === 'es' ? es : en;
    const A = T.accounts;
    const fill = (text: string, values: Record<string, string>) => text.replace(/{{(\w+)}}/g, (_m, key: string) => values[key]);

    it(`invites from the members page and the invitee joins with a new account (${language})`, async () => {
      mailOn();
      const workspace = await apiCall<{ id: string }>('POST', '/workspaces', {
        name: language === 'es' ? 'Panadería Sol' : 'Sunny Bakery',
        timeZone: 'Europe/Madrid',
        language,
      });
      const { context, page } = await newPage(language);
      await page.goto(server.url);
      expect(await signInPage(page, 'olga@example.test', 'correct horse battery')).toBe(200);
      await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspace.id);
      await page.goto(`${server.url}/settings?tab=members`);
      const invitee = `nuevo-${language}@example.test`;
      await page.getByLabel(A.invite.email).fill(invitee);
      await page.getByText(A.roleHelp.approver).waitFor();
      await page.getByRole('radio', { name: T.roles.approver }).check();
      await shot(page, `team-invite-${language}`);
      await page.getByRole('button', { name: A.invite.send }).click();
      await page.getByText(fill(A.invite.sent, { email: invitee })).waitFor();
      await page.getByRole('cell', { name: invitee }).waitFor();
      const link = await linkIn(invitee, 'invite');

      // The invitee, signed out, opens the e-mailed link.
      const guest = await newPage(language);
      await guest.page.goto(link);
      await guest.page
        .getByRole('heading', { name: fill(A.accept.title, { workspace: language === 'es' ? 'Panadería Sol' : 'Sunny Bakery' }) })
        .waitFor();
      await guest.page.getByLabel(T.auth.name).fill(language === 'es' ? 'Nuria Nueva' : 'Nina New');
      await guest.page.getByLabel(T.auth.password).fill('password1234');
      await guest.page.getByRole('button', { name: A.accept.create }).click();
      await guest.page.getByText(T.apiErrors.password_too_common).waitFor();
      await guest.page.getByLabel(T.auth.password).fill('harina, agua y sal');
      await shot(guest.page, `invite-accept-${language}`);
      await guest.page.getByRole('button', { name: A.accept.create }).click();
      await guest.page.getByText(fill(A.accept.done, { workspace: language === 'es' ? 'Panadería Sol' : 'Sunny Bakery' })).waitFor();
      const members = await apiCall<{ items: Array<{ email: string; role: string }> }>('GET', `/workspaces/${workspace.id}/members`);
      expect(members.items).toEqual(expect.arrayContaining([expect.objectContaining({ email: invitee, role: 'approver' })]));
      expect(await missingKeys(guest.page)).toEqual([]);
      await guest.context.close();

      // Without SMTP the link is shown once to the inviter.
      mailOff();
      await page.getByLabel(A.invite.email).fill(`sin-correo-${language}@example.test`);
      await page.getByRole('button', { name: A.invite.send }).click();
      await page.getByTestId('invite-link').waitFor();
      expect(await page.getByTestId('invite-link').textContent()).toMatch(/\/invite#token=/);
      await shot(page, `team-invite-link-${language}`);
      expect(await missingKeys(page)).toEqual([]);
      await context.close();
    });

    it(`resets a forgotten password from the e-mailed link (${language})`, async () => {
      mailOn();
      const email = `nuevo-${language}@example.test`;
      const { context, page } = await newPage(language);
      await page.goto(server.url);
      await page.getByRole('link', { name: A.forgot.link }).click();
      await page.getByRole('heading', { name: A.forgot.title }).waitFor();
      await page.getByLabel(T.auth.email).fill(email);
      await page.getByRole('button', { name: A.forgot.send }).click();
      await page.getByText(A.forgot.sent).waitFor();
      await shot(page, `forgot-password-${language}`);
      const link = await linkIn(email, 'reset-password');
      await page.goto(link);
      await page.getByRole('heading', { name: A.reset.title }).waitFor();
      await page.getByLabel(A.reset.newPassword).fill('corta');
      await page.getByRole('button', { name: A.reset.submit }).click();
      await page.getByText(T.apiErrors.password_too_short).waitFor();
      await page.getByLabel(A.reset.newPassword).fill('una clave nueva de verdad');
      await shot(page, `reset-password-${language}`);
      await page.getByRole('button', { name: A.reset.submit }).click();
      await page.getByText(A.reset.done).waitFor();
      expect(await signInPage(page, email, 'una clave nueva de verdad')).toBe(200);
      // Without SMTP the page says what an administrator runs.
      mailOff();
      await page.goto(`${server.url}/forgot-password`);
      await page.getByLabel(T.auth.email).fill(email);
      await page.getByRole('button', { name: A.forgot.send }).click();
      await page.getByText(`npx plaza user reset-password --email ${email}`).waitFor();
      expect(await missingKeys(page)).toEqual([]);
      await context.close();
    });

    it(`changes the password and signs out everywhere from the account tab (${language})`, async () => {
      const email = `nuevo-${language}@example.test`;
      const { context, page } = await newPage(language);
      await page.goto(server.url);
      expect(await signInPage(page, email, 'una clave nueva de verdad')).toBe(200);
      await page.goto(`${server.url}/settings?tab=account`);
      await page.getByLabel(A.security.current).fill('una clave nueva de verdad');
      await page.getByLabel(A.security.new).fill('otra clave, más larga aún');
      await page.getByRole('button', { name: A.security.change }).click();
      await page.getByText(A.security.changed).waitFor();
      await shot(page, `account-security-${language}`);
      await page.getByRole('button', { name: A.security.everywhere }).click();
      await page.getByRole('heading', { name: T.auth.signInTitle }).waitFor();
      expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
      expect(await missingKeys(page)).toEqual([]);
      await context.close();
    });
  }

  it('asks a user whose old password is shorter than 12 characters to change it after signing in (es)', async () => {
    const db = server.runtime.ctx.database.db;
    const legacy = await accountsRepository.insertUser(db, {
      email: 'antigua@example.test',
      name: 'Antigua',
      passwordHash: await hashPassword('diez chars'),
      locale: 'es',
    });
    await db
      .insertInto('memberships')
      .values({
        workspace_id: (await apiCall<{ items: Array<{ id: string }> }>('GET', '/workspaces')).items[0].id,
        user_id: legacy.id,
        role: 'viewer',
      })
      .execute();
    const { context, page } = await newPage('es');
    await page.goto(server.url);
    await page.getByLabel(es.auth.email).fill('antigua@example.test');
    await page.getByLabel(es.auth.password).fill('diez chars');
    await page.getByRole('button', { name: es.auth.signIn }).click();
    await page.getByText(es.accounts.security.recommended).waitFor();
    expect(new URL(page.url()).search).toBe('?tab=account');
    await shot(page, 'password-change-recommended-es');
    await context.close();
  });

  it('had no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
