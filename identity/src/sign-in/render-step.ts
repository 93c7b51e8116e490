import QRCode from 'qrcode';
import { membershipsOf } from '../accounts/accounts.ts';
import { openTotpSecret, sealTotpSecret } from '../accounts/second-factor.ts';
import { newTotpSecret, totpUri } from '../accounts/totp.ts';
import { forgotPasswordLink } from '../pages/account-pages.ts';
import { html } from '../pages/html.ts';
import { layout } from '../pages/layout.ts';
import { MESSAGES, type Messages } from '../pages/messages.ts';
import { sendPage } from '../pages/respond.ts';
import {
  emailPage,
  enrolTotpPage,
  messageBody,
  passwordPage,
  recoveryCodesPage,
  secondFactorPage,
  tenantPage,
} from '../pages/sign-in-pages.ts';
import type { SignInRequest } from './sign-in-context.ts';
import { saveSignIn } from './sign-in-state.ts';

/** The page of the request's current step, with an error on its field when given. */
export async function renderStep(
  r: SignInRequest,
  status: number,
  extra: { error?: string; codes?: string[]; tenants?: { id: string; name: string }[] } = {},
): Promise<void> {
  const m = MESSAGES[r.language];
  const c = { m, action: r.action, csrf: r.state.csrf };
  const error = extra.error;
  const { title, body } = await (async () => {
    switch (r.state.step) {
      case 'email': {
        const hint = r.interaction.params.login_hint;
        const email = r.state.email ?? (typeof hint === 'string' ? hint : undefined);
        return {
          title: m.signInTitle,
          body: emailPage(c, { ...(email && { email }), ...(error && { error }) }),
        };
      }
      case 'password':
        return {
          title: m.signInTitle,
          body: html`${passwordPage(c, { email: r.state.email ?? '', ...(error && { error }) })}${forgotPasswordLink(r.language)}`,
        };
      case 'second_factor':
        return { title: m.secondFactorTitle, body: secondFactorPage(c, { ...(error && { error }) }) };
      case 'enrol_totp': {
        const { secret, email } = await pendingSecret(r);
        const qrDataUrl = await QRCode.toDataURL(totpUri(secret, email), { margin: 1, width: 200 });
        return {
          title: m.enrolTitle,
          body: enrolTotpPage(c, { qrDataUrl, secret, ...(error && { error }) }),
        };
      }
      case 'recovery_codes':
        return { title: m.recoveryTitle, body: recoveryCodesPage(c, { codes: extra.codes ?? [] }) };
      case 'tenant': {
        const tenants =
          extra.tenants ??
          (await membershipsOf(r.options.db, r.state.accountId as string)).map((membership) => ({
            id: membership.tenantId,
            name: membership.tenantId,
          }));
        return { title: m.tenantTitle, body: tenantPage(c, { tenants }) };
      }
    }
  })();
  sendPage(r.res, status, layout({ language: r.language, title, body, switchUrl: r.action }), r.formOrigin);
}

/** A page that only says something: the sign-in expired, or the account has no tenant. */
export function renderMessage(
  r: Pick<SignInRequest, 'res' | 'language' | 'formOrigin'>,
  status: number,
  text: (m: Messages) => string,
): void {
  const m = MESSAGES[r.language];
  sendPage(
    r.res,
    status,
    layout({ language: r.language, title: m.signInTitle, body: messageBody(text(m)) }),
    r.formOrigin,
  );
}

/** The secret being enrolled: made and sealed into the sign-in's state on the first view. */
async function pendingSecret(r: SignInRequest): Promise<{ secret: string; email: string }> {
  const accountId = r.state.accountId as string;
  const email = r.account?.email ?? '';
  if (r.state.pendingTotp)
    return { secret: openTotpSecret(r.options.masterKey, accountId, r.state.pendingTotp), email };
  const secret = newTotpSecret();
  r.state.pendingTotp = sealTotpSecret(r.options.masterKey, accountId, secret);
  await saveSignIn(r.options.db, r.state);
  return { secret, email };
}
