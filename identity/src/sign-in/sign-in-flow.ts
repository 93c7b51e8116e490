import { accountWithHash, findAccountById, membershipsOf } from '../accounts/accounts.ts';
import { enrolPasskey, hasPasskey, verifyPasskey } from '../accounts/passkeys.ts';
import { verifyPassword } from '../accounts/password-hash.ts';
import { replaceRecoveryCodes, useRecoveryCode } from '../accounts/recovery-codes.ts';
import { acceptTotpCode, enrolTotp, hasTotp, openTotpSecret } from '../accounts/second-factor.ts';
import { checkTotp } from '../accounts/totp.ts';
import type { AuditEvent } from '../audit-event.ts';
import { MESSAGES } from '../pages/messages.ts';
import { PASSKEY_MESSAGES } from '../pages/passkey-messages.ts';
import { ssoTenantFor } from '../sso/sso-routing.ts';
import { startUpstreamSignIn } from '../sso/upstream-sign-in.ts';
import { consentedScopes, recordConsent } from './app-consent.ts';
import { mailEmailVerification } from './email-verification.ts';
import { firstPartyGrant, scopesToGrant } from './first-party-grant.ts';
import { grantChoiceKey } from './grant-membership.ts';
import { takePasskeyChallenge } from './passkey-challenge.ts';
import { renderMessage, renderStep } from './render-step.ts';
import { type SignInChoice, signInChoices } from './sign-in-choices.ts';
import type { SignInRequest } from './sign-in-context.ts';
import { endSignIn, type Step, saveSignIn } from './sign-in-state.ts';
import { clearFailures, recordFailure, secondsToWait } from './throttle-store.ts';

/**
 * The sign-in, step by step (each step a form; a post moves the state on and redirects to the next
 * page, so reloading never posts twice):
 * 1. email: the e-mail address, nothing looked up yet (the answer never depends on it); or a
 *    passkey (passwordless: with user verification it is both factors, on to step 5);
 *    an address of a tenant's verified SSO domain goes to that tenant's provider instead (step
 *    'upstream', sso/upstream-sign-in.ts), whose answer comes back to /sso/callback and on to
 *    step 3 or 5 (sso/sso-callback.ts): neither password nor passkey signs such an address in;
 * 2. password: checked with argon2id, an unknown e-mail against a dummy hash, both failing alike;
 *    failures counted per e-mail and IP (throttle-store.ts);
 * 3. second_factor, when a TOTP or a passkey is enrolled: the passkey, a TOTP code (each step
 *    once) or a recovery code;
 * 4. enrol_totp, when a tenant of the account requires 2FA, or the account is a partner, and none
 *    is enrolled, then recovery_codes, the ten codes shown once, with a passkey to add;
 * 5. tenant, when the account has several memberships (tenants, and publishers it is a partner of;
 *    for a third-party application only its own tenant);
 * 6. consent, for a third-party application the person has not yet allowed these scopes: allow or
 *    deny (access_denied to the application); remembered (app-consent.ts);
 * 7. finished: a grant within the chosen membership's roles (first-party-grant.ts), the login and
 *    the consent handed to oidc-provider at once.
 * An existing session asked for consent again starts at step 5.
 */
export const STEP_HANDLERS: Record<Step, (r: SignInRequest, form: URLSearchParams) => Promise<void>> = {
  email: postEmail,
  upstream: async (r) => moveTo(r, 'upstream'),
  password: postPassword,
  second_factor: postSecondFactor,
  enrol_totp: postEnrolTotp,
  recovery_codes: postRecoveryCodes,
  tenant: postTenant,
  consent: postConsent,
};

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

async function postEmail(r: SignInRequest, form: URLSearchParams): Promise<void> {
  if (form.has('passkey')) return postPasskeySignIn(r, form.get('passkey') ?? '');
  const email = (form.get('email') ?? '').trim();
  const m = MESSAGES[r.language];
  if (!EMAIL.test(email)) {
    r.state.email = email.slice(0, 320);
    return renderStep(r, 400, { error: m.emailInvalid });
  }
  const ssoTenant = await ssoTenantFor(r.options.db, email);
  if (ssoTenant && (await startUpstreamSignIn(r, ssoTenant, email))) return;
  r.state.email = email;
  await moveTo(r, 'password');
}

async function postPassword(r: SignInRequest, form: URLSearchParams): Promise<void> {
  const m = MESSAGES[r.language];
  const email = r.state.email ?? '';
  const password = form.get('password') ?? '';
  if (!password) return renderStep(r, 400, { error: m.passwordRequired });
  if (await throttled(r)) return;
  const found = await accountWithHash(r.options.db, email);
  // Always one argon2 verification, against a dummy hash when there is no account or no password.
  const matches = await verifyPassword(found?.passwordHash, password);
  if (!found || !matches || found.account.disabled) {
    await failed(r, found?.account.id ?? null, 'password');
    return renderStep(r, 400, { error: m.wrongCredentials });
  }
  r.state.accountId = found.account.id;
  r.state.language ??= null;
  r.account = found.account;
  await moveTo(r, (await hasSecondFactor(r.options.db, found.account.id)) ? 'second_factor' : 'tenant');
}

async function postSecondFactor(r: SignInRequest, form: URLSearchParams): Promise<void> {
  const m = MESSAGES[r.language];
  const accountId = r.state.accountId as string;
  if (await throttled(r)) return;
  if (form.has('passkey')) {
    if (!(await checkPasskey(r, form.get('passkey') ?? '', accountId))) {
      await failed(r, accountId, 'passkey');
      return renderStep(r, 400, { error: PASSKEY_MESSAGES[r.language].refused });
    }
    r.state.amr = ['pwd', 'hwk'];
    return moveTo(r, 'tenant');
  }
  const code = (form.get('code') ?? '').trim();
  const now = r.options.now();
  const { db, masterKey } = r.options;
  const isTotp = /^\d{6}$/.test(code.replace(/\s+/g, ''));
  const ok = isTotp
    ? await acceptTotpCode(db, masterKey, accountId, code, now)
    : await useRecoveryCode(db, accountId, code);
  if (!ok) {
    await failed(r, accountId, 'second_factor');
    return renderStep(r, 400, { error: m.wrongCode });
  }
  if (!isTotp) await audit(r, { type: 'recovery_code.used', actorId: accountId, subjectId: accountId });
  await moveTo(r, 'tenant');
}

async function postEnrolTotp(r: SignInRequest, form: URLSearchParams): Promise<void> {
  const m = MESSAGES[r.language];
  const accountId = r.state.accountId as string;
  const { db, masterKey } = r.options;
  if (!r.state.pendingTotp) return moveTo(r, 'enrol_totp');
  const secret = openTotpSecret(masterKey, accountId, r.state.pendingTotp);
  const step = await checkTotp(secret, form.get('code') ?? '', r.options.now(), null);
  if (step === null) return renderStep(r, 400, { error: m.wrongCode });
  await enrolTotp(db, masterKey, accountId, secret, step);
  await audit(r, { type: 'totp.enrolled', actorId: accountId, subjectId: accountId });
  const codes = await replaceRecoveryCodes(db, accountId);
  r.state.pendingTotp = null;
  r.state.step = 'recovery_codes';
  await saveSignIn(db, r.state);
  // Shown in this answer only: a reload of the page goes on to the next step.
  await renderStep(r, 200, { codes });
}

/**
 * Passwordless: a discoverable passkey with user verification (possession and a PIN or biometrics)
 * is two factors, so neither the password nor a second factor is asked; whose passkey it is says
 * who signs in. A refused one counts as a failure for the back-off like a wrong password.
 */
async function postPasskeySignIn(r: SignInRequest, json: string): Promise<void> {
  if (await throttled(r)) return;
  const proved = await checkPasskey(r, json, null);
  const account = proved ? await findAccountById(r.options.db, proved.accountId) : undefined;
  if (!account || account.disabled) {
    await failed(r, proved?.accountId ?? null, 'passkey');
    return renderStep(r, 400, { error: PASSKEY_MESSAGES[r.language].refused });
  }
  // The tenant's provider decides for its domains: the passkey named the person, the provider signs them in.
  const ssoTenant = await ssoTenantFor(r.options.db, account.email);
  if (ssoTenant && (await startUpstreamSignIn(r, ssoTenant, account.email))) return;
  Object.assign(r.state, { accountId: account.id, email: account.email, amr: ['hwk', 'user'] });
  r.account = account;
  await moveTo(r, 'tenant');
}

/** The recovery codes seen: on, with the passkey the page offered when one was made. */
async function postRecoveryCodes(r: SignInRequest, form: URLSearchParams): Promise<void> {
  const json = form.get('passkey');
  if (json) {
    const accountId = r.state.accountId as string;
    const challenge = await takePasskeyChallenge(r.options.db, r.state.uid);
    const added =
      challenge &&
      (await enrolPasskey(r.options.db, r.options.relyingParty, {
        accountId,
        response: parseJson(json),
        expectedChallenge: challenge,
        name: PASSKEY_MESSAGES[r.language].defaultName,
      }));
    if (!added) return renderStep(r, 400, { passkeyRefused: true });
    const details = { credentialId: added.credentialId };
    await audit(r, { type: 'passkey.enrolled', actorId: accountId, subjectId: accountId, details });
  }
  await moveTo(r, 'tenant');
}

/** The posted assertion against this sign-in's challenge (taken, so once); the account, or null. */
async function checkPasskey(r: SignInRequest, json: string, accountId: string | null) {
  const challenge = await takePasskeyChallenge(r.options.db, r.state.uid);
  if (!challenge) return null;
  const { db, relyingParty, now } = r.options;
  return verifyPasskey(db, relyingParty, {
    response: parseJson(json),
    expectedChallenge: challenge,
    accountId,
    now: now(),
  });
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** A TOTP or a passkey: either is the second step after a password, and meets a 2FA policy. */
async function hasSecondFactor(db: SignInRequest['options']['db'], accountId: string): Promise<boolean> {
  return (await hasTotp(db, accountId)) || (await hasPasskey(db, accountId));
}

async function postTenant(r: SignInRequest, form: URLSearchParams): Promise<void> {
  const choices = await choicesFor(r);
  const chosen = choices.find((choice) => choice.key === form.get('tenant'));
  if (!chosen) return showAfterSecondFactor(r);
  r.state.tenantId = chosen.key;
  await saveSignIn(r.options.db, r.state);
  await finish(r, chosen);
}

/**
 * After the second factor (or an existing session): no membership is a dead end; a tenant that
 * requires 2FA, or a partner membership, forces enrolment; one membership, or the session's earlier
 * choice, finishes; several ask which.
 */
export async function showAfterSecondFactor(r: SignInRequest): Promise<void> {
  const accountId = r.state.accountId as string;
  const { db } = r.options;
  const choices = await choicesFor(r);
  if (choices.length === 0) {
    await audit(r, {
      type: 'sign_in.failed',
      actorId: accountId,
      subjectId: accountId,
      details: { reason: 'no_membership' },
    });
    await endSignIn(db, r.state.uid);
    return renderMessage(r, 403, (m) => m.noAccess);
  }
  if (choices.some((choice) => choice.require2fa) && !(await hasSecondFactor(db, accountId))) {
    r.state.step = 'enrol_totp';
    await saveSignIn(db, r.state);
    return renderStep(r, 200);
  }
  const earlier =
    r.interaction.prompt.name !== 'login' && r.interaction.grantId
      ? await grantChoiceKey(db, r.interaction.grantId)
      : undefined;
  const only = choices.length === 1 ? choices[0] : choices.find((choice) => choice.key === earlier);
  if (only) return finish(r, only);
  r.state.step = 'tenant';
  await saveSignIn(db, r.state);
  return renderStep(r, 200);
}

/**
 * What this sign-in may be for: every tenant membership and publisher of the account, or for a
 * third-party application its own tenant's membership only.
 */
async function choicesFor(r: SignInRequest): Promise<SignInChoice[]> {
  const choices = await signInChoices(r.options.db, r.state.accountId as string);
  return r.app ? choices.filter((choice) => choice.tenantId === r.app?.tenantId) : choices;
}

/** What a third-party application would be given: the scopes the consent page lists. */
function scopesOffered(r: SignInRequest, choice: SignInChoice): string[] {
  const { oidc, granted } = scopesToGrant({
    requestedScope: r.interaction.params.scope as string | undefined,
    apiScopes: r.options.apiScopes,
    roles: choice.roles,
    roleScopes: r.options.roleScopes,
    clientScopes: r.app?.scopes,
  });
  return [...oidc, ...granted];
}

/**
 * A third-party application asks the person unless they allowed it these scopes before and the
 * application did not ask to be asked again (prompt=consent, which offline_access requires).
 */
async function finish(r: SignInRequest, choice: SignInChoice): Promise<void> {
  if (!r.app) return complete(r, choice);
  const offered = scopesOffered(r, choice);
  const earlier = await consentedScopes(r.options.db, r.state.accountId as string, r.app.clientId);
  const askAgain = String(r.interaction.params.prompt ?? '')
    .split(' ')
    .includes('consent');
  if (earlier && !askAgain && offered.every((scope) => earlier.includes(scope))) return complete(r, choice);
  r.state.tenantId = choice.key;
  r.state.step = 'consent';
  await saveSignIn(r.options.db, r.state);
  return renderStep(r, 200, { scopes: offered });
}

/** Allow: remembered, then the grant. Deny: the application gets access_denied, nothing is kept. */
async function postConsent(r: SignInRequest, form: URLSearchParams): Promise<void> {
  const app = r.app;
  const choice = (await choicesFor(r)).find((c) => c.key === r.state.tenantId);
  if (!app || !choice) return showAfterSecondFactor(r);
  const decision = form.get('decision');
  if (decision === 'deny') {
    await endSignIn(r.options.db, r.state.uid);
    return r.provider.interactionFinished(
      r.req,
      r.res,
      { error: 'access_denied', error_description: 'the person did not allow access' },
      { mergeWithLastSubmission: false },
    );
  }
  if (decision !== 'allow') return renderStep(r, 400, { scopes: scopesOffered(r, choice) });
  const scopes = scopesOffered(r, choice);
  const accountId = r.state.accountId as string;
  await recordConsent(
    r.options.db,
    { accountId, clientId: app.clientId, tenantId: app.tenantId, scopes },
    r.ip,
  );
  return complete(r, choice);
}

async function complete(r: SignInRequest, choice: SignInChoice): Promise<void> {
  const { db, now } = r.options;
  const accountId = r.state.accountId as string;
  const signedIn = r.interaction.prompt.name === 'login';
  const grantId = await firstPartyGrant(r.provider, db, {
    existingGrantId: r.interaction.grantId,
    accountId,
    clientId: String(r.interaction.params.client_id),
    choice,
    requestedScope: r.interaction.params.scope as string | undefined,
    apiResource: r.options.apiResource,
    apiScopes: r.options.apiScopes,
    roleScopes: r.options.roleScopes,
    clientScopes: r.app?.scopes,
    expiresAt: new Date(now().getTime() + r.options.grantTtlSeconds * 1000),
  });
  await endSignIn(db, r.state.uid);
  const amr = r.state.amr ?? ((await hasTotp(db, accountId)) ? ['pwd', 'otp'] : ['pwd']);
  if (signedIn) {
    // Only a whole sign-in starts the count over: a right password alone does not buy more TOTP tries.
    await clearFailures(db, r.state.email ?? '', r.ip);
    // An unproved address gets its link (at most hourly), after the answer: the sign-in does not wait.
    const account = r.account ?? (await findAccountById(db, accountId));
    if (account && !account.emailVerified)
      void mailEmailVerification(r.options, account).catch((error: Error) => r.options.onError?.(error));
    await audit(r, {
      type: 'sign_in.ok',
      tenantId: choice.tenantId,
      actorId: accountId,
      subjectId: accountId,
      details: {
        clientId: r.interaction.params.client_id,
        amr,
        ...(choice.publisherId ? { publisherId: choice.publisherId } : {}),
      },
      // A partner's sign-in concerns no tenant, whatever else the person is.
      ...(choice.publisherId ? { perTenant: false } : {}),
    });
  }
  await r.provider.interactionFinished(
    r.req,
    r.res,
    { ...(signedIn && { login: { accountId, amr, remember: true } }), consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

async function moveTo(r: SignInRequest, step: Step): Promise<void> {
  r.state.step = step;
  await saveSignIn(r.options.db, r.state);
  r.res.writeHead(303, { location: r.action, 'cache-control': 'no-store' }).end();
}

/** Answers 429 with the wait when this e-mail (from this IP) or this IP must wait; true if it did. */
async function throttled(r: SignInRequest): Promise<boolean> {
  const wait = await secondsToWait(r.options.db, r.state.email ?? '', r.ip, r.options.now());
  if (wait === 0) return false;
  await renderStep(r, 429, { error: MESSAGES[r.language].tooManyAttempts(Math.ceil(wait / 60)) });
  return true;
}

async function failed(r: SignInRequest, accountId: string | null, reason: string): Promise<void> {
  const email = r.state.email ?? '';
  const failure = await recordFailure(r.options.db, email, r.ip, r.options.now());
  const details = { reason, email, failures: failure.failures };
  await audit(r, { type: 'sign_in.failed', actorId: null, subjectId: accountId, details });
  if (failure.waitSeconds > 0)
    await audit(r, {
      type: 'lockout',
      actorId: null,
      subjectId: accountId,
      details: { email, failures: failure.failures, waitSeconds: failure.waitSeconds },
    });
}

/**
 * Tells the audit log. An event about a known account with no tenant of its own (a failed password,
 * a lockout) is told once per tenant the account belongs to, so each tenant's admins see attempts on
 * their people; an unknown e-mail's belongs to no tenant.
 */
async function audit(
  r: SignInRequest,
  {
    perTenant = true,
    ...event
  }: Partial<AuditEvent> &
    Pick<AuditEvent, 'type' | 'actorId' | 'subjectId'> & {
      perTenant?: boolean;
    },
): Promise<void> {
  const { onAudit } = r.options;
  if (!onAudit) return;
  const full = { tenantId: null, ip: r.ip, details: {}, ...event };
  const tenants =
    perTenant && full.tenantId === null && full.subjectId
      ? [...new Set((await membershipsOf(r.options.db, full.subjectId)).map((m) => m.tenantId))]
      : [];
  if (tenants.length === 0) return onAudit(full);
  for (const tenantId of tenants) await onAudit({ ...full, tenantId });
}
