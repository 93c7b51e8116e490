import {
  hasPasskey,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
} from '../accounts/passkeys.ts';
import { openTotpSecret, sealTotpSecret } from '../accounts/second-factor.ts';
import { newTotpSecret, totpUri } from '../accounts/totp.ts';
import { forgotPasswordLink } from '../pages/account-pages.ts';
import { consentPage } from '../pages/consent-pages.ts';
import { type Html, html } from '../pages/html.ts';
import { layout } from '../pages/layout.ts';
import { MESSAGES, type Messages } from '../pages/messages.ts';
import { PASSKEY_MESSAGES } from '../pages/passkey-messages.ts';
import { offerPasskeyPage, passkeyForm } from '../pages/passkey-pages.ts';
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
import { SSO_MESSAGES } from '../pages/sso-messages.ts';
import { hopBody } from '../pages/sso-pages.ts';
import { openSsoRequestUrl } from '../sso/sso-request.ts';
import { issuePasskeyChallenge } from './passkey-challenge.ts';
import { signInChoices } from './sign-in-choices.ts';
import type { SignInRequest } from './sign-in-context.ts';
import { saveSignIn } from './sign-in-state.ts';

/** The page of the request's current step, with an error on its field when given. */
export async function renderStep(
  r: SignInRequest,
  status: number,
  extra: {
    error?: string;
    codes?: string[];
    /** The consent step's scopes (what the application would be given). */
    scopes?: string[];
    /** The passkey just offered was refused: offer it again, with this error. */
    passkeyRefused?: boolean;
  } = {},
): Promise<void> {
  const m = MESSAGES[r.language];
  const p = PASSKEY_MESSAGES[r.language];
  const c = { m, action: r.action, csrf: r.state.csrf };
  const error = extra.error;
  let script = false;
  /** A passkey form with fresh options, its challenge kept for this sign-in; the page loads the script. */
  const passkey = async (mode: 'create' | 'get', label: string, after?: Html): Promise<Html> => {
    const { db, relyingParty } = r.options;
    const options =
      mode === 'create'
        ? await passkeyRegistrationOptions(db, relyingParty, {
            id: r.state.accountId as string,
            email: r.account?.email ?? r.state.email ?? '',
          })
        : await passkeyAuthenticationOptions(db, relyingParty, r.state.accountId);
    await issuePasskeyChallenge(db, r.state.uid, options.challenge);
    script = true;
    return passkeyForm(c, { step: r.state.step, mode, options, label, p, after });
  };
  const { title, body, refreshTo } = await (async (): Promise<{
    title: string;
    body: Html;
    refreshTo?: string;
  }> => {
    switch (r.state.step) {
      case 'email': {
        const hint = r.interaction.params.login_hint;
        const email = r.state.email ?? (typeof hint === 'string' ? hint : undefined);
        return {
          title: m.signInTitle,
          // Passwordless first: a discoverable passkey names the account itself.
          body: html`${await passkey('get', p.signInWithPasskey)}
${emailPage(c, { ...(email && { email }), ...(error && { error }) })}`,
        };
      }
      case 'upstream': {
        // The hop to the tenant's provider (a page: see pages/sso-pages.ts).
        const to = await openSsoRequestUrl(r.options.db, r.state.uid, r.options.now());
        const s = SSO_MESSAGES[r.language];
        if (!to) return { title: s.title, body: messageBody(m.expired) };
        return { title: s.title, body: hopBody({ text: s.goingThere, link: s.goOn, to }), refreshTo: to };
      }
      case 'password':
        return {
          title: m.signInTitle,
          body: html`${passwordPage(c, { email: r.state.email ?? '', ...(error && { error }) })}${forgotPasswordLink(r.language)}`,
        };
      case 'second_factor': {
        // The account's passkey first, when it has one; the code beneath.
        const offer = (await hasPasskey(r.options.db, r.state.accountId as string))
          ? await passkey('get', p.useYourPasskey, html`<h2>${p.orCode}</h2>`)
          : null;
        return {
          title: m.secondFactorTitle,
          body: html`${offer}${secondFactorPage(c, { ...(error && { error }) })}`,
        };
      }
      case 'enrol_totp': {
        const { secret, email } = await pendingSecret(r);
        // qrcode loads here, for the one page that shows a code, not wherever identity is imported.
        const { default: QRCode } = await import('qrcode');
        const qrDataUrl = await QRCode.toDataURL(totpUri(secret, email), { margin: 1, width: 200 });
        return {
          title: m.enrolTitle,
          body: enrolTotpPage(c, { qrDataUrl, secret, ...(error && { error }) }),
        };
      }
      case 'recovery_codes': {
        if (extra.passkeyRefused) {
          const form = await passkey('create', p.add);
          return {
            title: p.addTitle,
            body: offerPasskeyPage(c, { step: 'recovery_codes', form, p, error: p.refused }),
          };
        }
        // Right after the TOTP enrolment: a passkey offered beside the codes.
        return {
          title: m.recoveryTitle,
          body: html`${recoveryCodesPage(c, { codes: extra.codes ?? [] })}
<h2>${p.addTitle}</h2><p>${p.addIntro}</p>
${await passkey('create', p.add)}`,
        };
      }
      case 'tenant':
        return { title: m.tenantTitle, body: tenantPage(c, { tenants: await tenantChoices(r) }) };
      case 'consent':
        return consentPage(
          { language: r.language, action: r.action, csrf: r.state.csrf },
          { appName: r.app?.name ?? '', email: r.account?.email ?? '', scopes: extra.scopes ?? [] },
        );
    }
  })();
  sendPage(
    r.res,
    status,
    layout({
      language: r.language,
      title,
      body,
      switchUrl: r.action,
      passkeyScript: script,
      ...(refreshTo && { refreshTo }),
    }),
    r.formOrigin,
    script,
  );
}

/**
 * The account's tenants by name (from the server's tenantNames: core's tenants), in the order of
 * their names; a tenant it does not name is shown by its id.
 */
async function tenantChoices(r: SignInRequest): Promise<{ id: string; name: string }[]> {
  const choices = await signInChoices(r.options.db, r.state.accountId as string);
  const tenantIds = choices.flatMap((choice) => (choice.tenantId ? [choice.tenantId] : []));
  const names = (await r.options.tenantNames?.(tenantIds)) ?? new Map<string, string>();
  const m = MESSAGES[r.language];
  const tenants = choices
    .filter((choice) => choice.tenantId)
    .map((choice) => ({ id: choice.key, name: names.get(choice.tenantId as string) ?? choice.name }))
    .sort((a, b) => a.name.localeCompare(b.name, r.language) || a.id.localeCompare(b.id));
  const publishers = choices
    .filter((choice) => choice.publisherId)
    .map((choice) => ({ id: choice.key, name: m.publisherChoice(choice.name) }));
  return [...tenants, ...publishers];
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
