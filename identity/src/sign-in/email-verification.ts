import type { IncomingMessage } from 'node:http';
import { emailVerificationLink } from '../accounts/account-links.ts';
import {
  ACCOUNT_TOKEN_TTL_SECONDS,
  consumeAccountToken,
  issueAccountToken,
  issuedWithin,
  peekAccountToken,
} from '../accounts/account-tokens.ts';
import {
  type Account,
  findAccountById,
  type Language,
  markEmailVerified,
  membershipsOf,
} from '../accounts/accounts.ts';
import type { OnAudit } from '../audit-event.ts';
import type { Queryable } from '../db/queryable.ts';
import { ACCOUNT_MESSAGES } from '../pages/account-messages.ts';
import { type Html, html } from '../pages/html.ts';
import { layout } from '../pages/layout.ts';
import { VERIFY_MESSAGES } from '../pages/verify-messages.ts';
import type { ProxyTrust } from '../server/client-address.ts';
import type { SendAccountMail } from './account-handler.ts';
import { clientIp } from './sign-in-context.ts';

/** At most one verification mail per account per hour, however often it signs in. */
const VERIFY_MAIL_INTERVAL_SECONDS = 3600;
const TOKEN = /^[\w-]{20,100}$/;

/**
 * Mails the account a link that proves its e-mail address, unless it is proved already, one went
 * out within the hour, or there is no mailer. Issuing voids an earlier unused link.
 */
export async function mailEmailVerification(
  options: { db: Queryable; issuer: string; sendMail?: SendAccountMail | undefined },
  account: Account,
): Promise<boolean> {
  if (account.emailVerified || account.disabled || !options.sendMail) return false;
  if (await issuedWithin(options.db, account.id, 'email_verification', VERIFY_MAIL_INTERVAL_SECONDS))
    return false;
  const { token } = await issueAccountToken(options.db, {
    purpose: 'email_verification',
    accountId: account.id,
  });
  const v = VERIFY_MESSAGES[account.language];
  await options.sendMail({
    to: account.email,
    subject: v.mailSubject,
    text: v.mailBody(
      account.name,
      emailVerificationLink(options.issuer, token),
      ACCOUNT_TOKEN_TTL_SECONDS.email_verification / 3600,
    ),
    language: account.language,
    messageId: `<emv_${token.slice(0, 16)}@kredo>`,
  });
  return true;
}

/**
 * The page a verification link opens: GET shows a button (a mail scanner that follows links proves
 * nothing), POST uses the token once and marks the address proved, audited `email.verified` once
 * per tenant of the account. A dead link is 410.
 */
export async function verifyEmailPage(
  options: { db: Queryable; clientIpTrust: ProxyTrust; onAudit: OnAudit },
  request: {
    req: IncomingMessage;
    token: string;
    form: URLSearchParams | undefined;
    csrf: string;
    action: string;
    language: (accountLanguage?: Language) => Language;
  },
): Promise<{ status: number; page: Html }> {
  const { db } = options;
  const held = TOKEN.test(request.token)
    ? await peekAccountToken(db, 'email_verification', request.token)
    : undefined;
  const account = held && (await findAccountById(db, held.accountId));
  const language = request.language(account?.language);
  const v = VERIFY_MESSAGES[language];
  const say = (status: number, text: string) => ({
    status,
    page: layout({ language, title: v.title, body: html`<p role="status">${text}</p>` }),
  });
  const dead = ACCOUNT_MESSAGES[language].linkInvalid;
  if (!account || account.disabled) return say(410, dead);
  if (!request.form)
    return {
      status: 200,
      page: layout({
        language,
        title: v.title,
        switchUrl: request.action,
        body: html`<p>${v.intro(account.email)}</p>
<form method="post" action="${request.action}" novalidate>
<input type="hidden" name="csrf" value="${request.csrf}">
<button type="submit" autofocus>${v.confirm}</button>
</form>`,
      }),
    };
  if (!(await consumeAccountToken(db, 'email_verification', request.token))) return say(410, dead);
  if (await markEmailVerified(db, account.id)) await auditVerified(options, request.req, account.id);
  return say(200, v.verified);
}

async function auditVerified(
  options: { db: Queryable; clientIpTrust: ProxyTrust; onAudit: OnAudit },
  req: IncomingMessage,
  accountId: string,
): Promise<void> {
  const tenants = (await membershipsOf(options.db, accountId)).map((m) => m.tenantId);
  for (const tenantId of tenants.length > 0 ? tenants : [null])
    await options.onAudit({
      type: 'email.verified',
      tenantId,
      actorId: accountId,
      subjectId: accountId,
      ip: clientIp(req, options.clientIpTrust),
      details: {},
    });
}
