import type { IncomingMessage, ServerResponse } from 'node:http';
import * as client from 'openid-client';
import { hasPasskey } from '../accounts/passkeys.ts';
import { hasTotp } from '../accounts/second-factor.ts';
import type { AuditEvent } from '../audit-event.ts';
import { isLanguage, pickLanguage } from '../pages/language.ts';
import { sendPage } from '../pages/respond.ts';
import { SSO_MESSAGES } from '../pages/sso-messages.ts';
import { hopPage, refusedPage } from '../pages/sso-pages.ts';
import { INTERACTION_PATH } from '../provider/provider-configuration.ts';
import { renderMessage } from '../sign-in/render-step.ts';
import { clientIp, type SignInOptions } from '../sign-in/sign-in-context.ts';
import { upstreamPerson } from './just-in-time.ts';
import { clearSsoCookie, SSO_CALLBACK_PATH, ssoCookieMatches } from './sso-cookie.ts';
import { SSO_AUDIT_TYPES, upstreamOf } from './sso-provider.ts';
import { type SsoRequest, takeSsoRequest } from './sso-request.ts';
import { checkUpstreamClaims } from './upstream-claims.ts';
import { discoverUpstream } from './upstream-client.ts';

/** Methods (RFC 8176) when the upstream names none: the person was proved elsewhere. */
const EXTERNAL_AMR = ['ext'];

/**
 * The tenant's provider answers at /sso/callback, step by step:
 * 1. the state names an open request (taken: once), and the browser's cookie bears the same state;
 * 2. openid-client exchanges the code (PKCE verifier, state, nonce, the id token's signature,
 *    issuer, audience and expiry all checked);
 * 3. the person's claims (the id token's, or userinfo's when it has no e-mail) pass
 *    upstream-claims.ts: an e-mail, not unverified, of a verified domain, the one typed;
 * 4. the account is found or provisioned just in time (just-in-time.ts);
 * 5. the sign-in moves on as after a password: the second factor if one is enrolled, else the
 *    tenant step (2FA policy, tenant choice, finish), on a page back to /interaction/{uid}.
 * Every refusal after step 1 is audited `sso.sign_in.failed` with its reason and sends the sign-in
 * back to its first step.
 */
export function ssoCallbackHandler(options: SignInOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { db, issuer, now } = options;
    // The URL the provider sent the browser to, as it knows it: the redirect URI under the public issuer.
    const url = new URL(`${issuer}${SSO_CALLBACK_PATH}${new URL(req.url ?? '/', 'http://localhost').search}`);
    const secure = issuer.startsWith('https:');
    const state = url.searchParams.get('state') ?? '';
    // The browser first: an answer brought elsewhere does not use up the request.
    const request = ssoCookieMatches(req, state) ? await takeSsoRequest(db, state, now()) : undefined;
    const signIn = request ? await signInAt(options, request.uid) : undefined;
    const language = pickLanguage(signIn?.language, null, req.headers['accept-language']);
    if (!request || !signIn) {
      res.setHeader('set-cookie', clearSsoCookie(secure));
      return renderMessage({ res, language, formOrigin: undefined }, 400, (m) => m.expired);
    }
    const ip = clientIp(req, options.clientIpTrust);
    const audit = (event: Pick<AuditEvent, 'type' | 'actorId' | 'subjectId' | 'details'>) =>
      options.onAudit?.({ tenantId: request.tenantId, ip, ...event }) ?? Promise.resolve();
    const restartUrl = `${INTERACTION_PATH}${request.uid}`;
    const s = SSO_MESSAGES[language];
    const refuse = async (reason: string, subjectId: string | null = null) => {
      await audit({
        type: SSO_AUDIT_TYPES.signInFailed,
        actorId: null,
        subjectId,
        details: { reason, email: request.email },
      });
      await backToStart(options, request.uid);
      res.setHeader('set-cookie', clearSsoCookie(secure));
      sendPage(res, 403, refusedPage(language, { text: s.refused, restartUrl }));
    };

    const answer = await upstreamAnswer(options, request, url, state);
    if (!answer.ok) return refuse(answer.reason);
    const checked = checkUpstreamClaims(answer.claims, {
      typedEmail: request.email,
      verifiedDomains: answer.verifiedDomains,
    });
    if (!checked.ok) return refuse(checked.problem);
    const person = await upstreamPerson(db, {
      tenantId: request.tenantId,
      email: checked.email,
      claims: answer.claims,
      language,
      defaultRole: answer.defaultRole,
    });
    if (!person.ok) return refuse(person.problem);
    const { account } = person;
    if (person.provisioned)
      await audit({
        type: SSO_AUDIT_TYPES.provisioned,
        actorId: null,
        subjectId: account.id,
        details: { email: account.email, roles: [answer.defaultRole], via: 'sso' },
      });
    await audit({
      type: SSO_AUDIT_TYPES.signInOk,
      actorId: account.id,
      subjectId: account.id,
      details: { issuer: answer.issuer, upstreamSubject: answer.claims.sub },
    });
    await db.query('update identity.account set sso_signed_in_at = $2 where id = $1', [account.id, now()]);
    const secondFactor = (await hasTotp(db, account.id)) || (await hasPasskey(db, account.id));
    await db.query(
      `update identity.sign_in set account_id = $2, email = $3, amr = $4, step = $5 where uid = $1`,
      [
        request.uid,
        account.id,
        account.email,
        amrOf(answer.claims),
        secondFactor ? 'second_factor' : 'tenant',
      ],
    );
    res.setHeader('set-cookie', clearSsoCookie(secure));
    sendPage(res, 200, hopPage(language, { text: s.backThere, link: s.backHere, to: restartUrl }));
  };
}

type UpstreamAnswer =
  | {
      ok: true;
      claims: Record<string, unknown>;
      issuer: string;
      verifiedDomains: string[];
      defaultRole: Parameters<typeof upstreamPerson>[1]['defaultRole'];
    }
  | { ok: false; reason: string };

/** Steps 2 and 3: the code exchanged and the claims read; a failure as its reason (an OAuth error code or a check). */
async function upstreamAnswer(
  options: SignInOptions,
  request: SsoRequest,
  url: URL,
  state: string,
): Promise<UpstreamAnswer> {
  const upstream = await upstreamOf(options.db, options.masterKey, request.tenantId);
  if (!upstream) return { ok: false, reason: 'sso_disabled' };
  const upstreamError = url.searchParams.get('error');
  if (upstreamError) return { ok: false, reason: `upstream_${upstreamError.slice(0, 40)}` };
  try {
    const config = await discoverUpstream(upstream);
    const tokens = await client.authorizationCodeGrant(config, url, {
      pkceCodeVerifier: request.codeVerifier,
      expectedState: state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    let claims: Record<string, unknown> = { ...tokens.claims() };
    if (typeof claims.email !== 'string')
      claims = {
        ...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))),
        ...claims,
      };
    return {
      ok: true,
      claims,
      issuer: upstream.issuer,
      verifiedDomains: upstream.domains,
      defaultRole: upstream.defaultRole,
    };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

/** openid-client's error code (e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED for a wrong nonce) or the OAuth error. */
function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; error?: unknown };
  const code =
    typeof e.error === 'string' ? e.error : typeof e.code === 'string' ? e.code : 'exchange_failed';
  return code.slice(0, 60);
}

/** The upstream's own methods when it names them (RFC 8176 strings), else 'ext'. */
function amrOf(claims: Record<string, unknown>): string[] {
  const amr = claims.amr;
  return Array.isArray(amr) && amr.length > 0 && amr.every((m) => typeof m === 'string')
    ? (amr as string[]).slice(0, 8)
    : EXTERNAL_AMR;
}

/** The sign-in of the request, while it waits for the provider (not expired, at step 'upstream'). */
async function signInAt(options: SignInOptions, uid: string) {
  const { rows } = await options.db.query<{ language: string | null }>(
    `select language from identity.sign_in where uid = $1 and step = 'upstream' and expires_at > $2`,
    [uid, options.now()],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { language: isLanguage(row.language) ? row.language : null };
}

async function backToStart(options: SignInOptions, uid: string): Promise<void> {
  await options.db.query(
    `update identity.sign_in set step = 'email', account_id = null, amr = null where uid = $1`,
    [uid],
  );
}
