import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { ACCOUNT_PATHS, passwordResetLink } from '../accounts/account-links.ts';
import {
  ACCOUNT_TOKEN_TTL_SECONDS,
  type AccountTokenPurpose,
  consumeAccountToken,
  issueAccountToken,
  issuedWithin,
  peekAccountToken,
} from '../accounts/account-tokens.ts';
import {
  findAccountByEmail,
  findAccountById,
  type Language,
  markEmailVerified,
  membershipsOf,
  setPassword,
} from '../accounts/accounts.ts';
import { passwordProblem } from '../accounts/password-rules.ts';
import type { OnAudit } from '../audit-event.ts';
import type { Queryable } from '../db/queryable.ts';
import { ACCOUNT_MESSAGES } from '../pages/account-messages.ts';
import { accountMessagePage, newPasswordPage, resetRequestPage } from '../pages/account-pages.ts';
import type { Html } from '../pages/html.ts';
import { isLanguage, pickLanguage } from '../pages/language.ts';
import { sendPage } from '../pages/respond.ts';
import type { ProxyTrust } from '../server/client-address.ts';
import { applicationsPage } from './applications-page.ts';
import { verifyEmailPage } from './email-verification.ts';
import { clientIp, readForm } from './sign-in-context.ts';

/** A mail the identity server sends (a password reset), through the mailer its caller injects. */
export interface AccountMail {
  to: string;
  subject: string;
  text: string;
  language: Language;
  /** Per token, so a retried send is recognised as the same message. */
  messageId: string;
}
export type SendAccountMail = (mail: AccountMail) => Promise<void>;

export interface AccountPagesOptions {
  db: Queryable;
  /** The public URL: the reset mail's link starts with it; https makes the CSRF cookie Secure. */
  issuer: string;
  clientIpTrust: ProxyTrust;
  onAudit: OnAudit;
  /** No mailer: the reset form answers the same, and nothing is sent (onError hears of it). */
  sendMail?: SendAccountMail | undefined;
  onError?: ((error: Error) => void) | undefined;
  /** The oidc-provider in force: the applications page reads the browser's session from it. */
  provider: () => Provider;
}

const CSRF_COOKIE = 'kredo_account_csrf';
/** One reset mail per account per minute, whatever is asked: the form cannot flood a mailbox. */
const RESET_MAIL_INTERVAL_SECONDS = 60;
const TOKEN = /^[\w-]{20,100}$/;

/**
 * The pages a mailed link leads to, outside any sign-in: /account/invitation/{token} (a first
 * password), /account/password-reset (the e-mail form), /account/password-reset/{token} (a new
 * password), /account/verify-email/{token} (proves the address) and /account/applications (the
 * signed-in person's applications). No interaction to hold a CSRF token, so a double-submit one: a random value in a
 * SameSite=Strict, HttpOnly cookie scoped to /account, repeated in every form.
 */
export function accountPagesHandler(options: AccountPagesOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chosen = url.searchParams.get('lang');
    const language = (accountLanguage?: Language) =>
      pickLanguage(isLanguage(chosen) ? chosen : null, accountLanguage, req.headers['accept-language']);
    const csrf = csrfCookie(req) ?? randomBytes(24).toString('base64url');
    const send = (status: number, page: Html) => {
      res.setHeader(
        'set-cookie',
        `${CSRF_COOKIE}=${csrf}; Path=/account; HttpOnly; SameSite=Strict${options.issuer.startsWith('https:') ? '; Secure' : ''}`,
      );
      sendPage(res, status, page);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST')
      return void res.writeHead(405, { allow: 'GET, POST' }).end();
    const form = req.method === 'POST' ? await readForm(req) : undefined;
    if (req.method === 'POST' && !form) return void res.writeHead(415).end();
    if (form && !sameToken(csrfCookie(req), form.get('csrf')))
      return send(
        403,
        accountMessagePage(
          language(),
          (a) => a.resetTitle,
          (a) => a.formExpired,
        ),
      );

    const path = url.pathname;
    if (path === ACCOUNT_PATHS.passwordReset) return resetRequest(options, form, language(), csrf, send);
    if (path.startsWith(ACCOUNT_PATHS.emailVerification)) {
      const token = path.slice(ACCOUNT_PATHS.emailVerification.length);
      const request = { req, token, form, csrf, action: path, language };
      const answer = await verifyEmailPage(options, request);
      return send(answer.status, answer.page);
    }
    if (path === ACCOUNT_PATHS.applications)
      return applicationsPage(
        options,
        { req, res, form, csrf, chosen: isLanguage(chosen) ? chosen : null },
        send,
      );
    const [purpose, token] = path.startsWith(ACCOUNT_PATHS.invitation)
      ? (['invitation', path.slice(ACCOUNT_PATHS.invitation.length)] as const)
      : path.startsWith(`${ACCOUNT_PATHS.passwordReset}/`)
        ? (['password_reset', path.slice(ACCOUNT_PATHS.passwordReset.length + 1)] as const)
        : [undefined, ''];
    if (!purpose) return void res.writeHead(404).end();
    return newPassword(options, req, form, { purpose, token, csrf, path, language }, send);
  };
}

async function resetRequest(
  options: AccountPagesOptions,
  form: URLSearchParams | undefined,
  language: Language,
  csrf: string,
  send: (status: number, page: Html) => void,
): Promise<void> {
  const c = { language, csrf, action: ACCOUNT_PATHS.passwordReset };
  if (!form) return send(200, resetRequestPage(c, {}));
  const email = (form.get('email') ?? '').trim();
  if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email))
    return send(400, resetRequestPage(c, { email, error: ACCOUNT_MESSAGES[language].emailInvalid }));
  // The same answer, at once, whether the address has an account or not: the mail goes after it.
  send(
    200,
    accountMessagePage(
      language,
      (a) => a.resetTitle,
      (a) => a.resetSent,
    ),
  );
  void mailReset(options, email).catch((error: Error) => options.onError?.(error));
}

async function mailReset(options: AccountPagesOptions, email: string): Promise<void> {
  const account = await findAccountByEmail(options.db, email);
  if (!account || account.disabled) return;
  if (await issuedWithin(options.db, account.id, 'password_reset', RESET_MAIL_INTERVAL_SECONDS)) return;
  if (!options.sendMail)
    throw new Error(`identity: no mailer, the password reset for ${account.id} was not sent`);
  const { token } = await issueAccountToken(options.db, { purpose: 'password_reset', accountId: account.id });
  const a = ACCOUNT_MESSAGES[account.language];
  await options.sendMail({
    to: account.email,
    subject: a.resetMailSubject,
    text: a.resetMailBody(
      passwordResetLink(options.issuer, token),
      ACCOUNT_TOKEN_TTL_SECONDS.password_reset / 60,
    ),
    language: account.language,
    messageId: `<pwr_${token.slice(0, 16)}@kredo>`,
  });
}

async function newPassword(
  options: AccountPagesOptions,
  req: IncomingMessage,
  form: URLSearchParams | undefined,
  link: {
    purpose: Exclude<AccountTokenPurpose, 'email_verification'>;
    token: string;
    csrf: string;
    path: string;
    language: (accountLanguage?: Language) => Language;
  },
  send: (status: number, page: Html) => void,
): Promise<void> {
  const held = TOKEN.test(link.token)
    ? await peekAccountToken(options.db, link.purpose, link.token)
    : undefined;
  const account = held && (await findAccountById(options.db, held.accountId));
  if (!held || !account || account.disabled)
    return send(
      410,
      accountMessagePage(
        link.language(),
        (a) => (link.purpose === 'invitation' ? a.invitationTitle : a.resetTitle),
        (a) => a.linkInvalid,
      ),
    );
  const language = link.language(account.language);
  const c = { language, csrf: link.csrf, action: link.path };
  const page = (error?: string) => newPasswordPage(c, { purpose: link.purpose, email: account.email, error });
  if (!form) return send(200, page());
  const password = form.get('password') ?? '';
  const problem = passwordProblem(password, account.email);
  if (problem) return send(400, page(ACCOUNT_MESSAGES[language].problems[problem]));
  // Used first, in one statement: of two posts of the same link only one gets past here.
  const used = await consumeAccountToken(options.db, link.purpose, link.token);
  if (!used)
    return send(
      410,
      accountMessagePage(
        language,
        (a) => a.resetTitle,
        (a) => a.linkInvalid,
      ),
    );
  await setPassword(options.db, account.id, password);
  // The link came by mail: whoever used it reads that mailbox.
  await markEmailVerified(options.db, account.id);
  const ip = clientIp(req, options.clientIpTrust);
  const tenants =
    link.purpose === 'invitation'
      ? [used.tenantId]
      : (await membershipsOf(options.db, account.id)).map((m) => m.tenantId);
  for (const tenantId of tenants.length > 0 ? tenants : [null])
    await options.onAudit({
      type: link.purpose === 'invitation' ? 'invitation.accepted' : 'password.reset',
      tenantId,
      actorId: account.id,
      subjectId: account.id,
      ip,
      details: {},
    });
  return send(
    200,
    accountMessagePage(
      language,
      (a) => (link.purpose === 'invitation' ? a.invitationTitle : a.newPasswordTitle),
      (a) => a.passwordSaved,
      (a) => a.backToSignIn,
    ),
  );
}

function csrfCookie(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === CSRF_COOKIE && value && /^[\w-]{32}$/.test(value)) return value;
  }
  return undefined;
}

function sameToken(a: string | undefined, b: string | null): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
