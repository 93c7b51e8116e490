import * as client from 'openid-client';
import { SSO_MESSAGES } from '../pages/sso-messages.ts';
import { renderStep } from '../sign-in/render-step.ts';
import type { SignInRequest } from '../sign-in/sign-in-context.ts';
import { saveSignIn } from '../sign-in/sign-in-state.ts';
import { SSO_CALLBACK_PATH, ssoCookie } from './sso-cookie.ts';
import { upstreamOf } from './sso-provider.ts';
import { saveSsoRequest } from './sso-request.ts';
import { discoverUpstream } from './upstream-client.ts';

/**
 * Sends the sign-in to the tenant's provider (the e-mail's domain is one of its verified ones):
 * authorization code with PKCE (S256), state and nonce, the typed address as login_hint. The
 * request is kept for the callback (sso-request.ts), the state also in the browser (sso-cookie.ts),
 * and the next page (step 'upstream') takes the person there. Returns false when the tenant's
 * provider is off after all (then the sign-in goes on as for anyone else).
 */
export async function startUpstreamSignIn(
  r: SignInRequest,
  tenantId: string,
  email: string,
): Promise<boolean> {
  const { db, masterKey, issuer } = r.options;
  const upstream = await upstreamOf(db, masterKey, tenantId);
  if (!upstream) return false;
  r.state.email = email;
  const config = await discoverUpstream(upstream).catch(() => undefined);
  if (!config) {
    await renderStep(r, 502, { error: SSO_MESSAGES[r.language].unreachable });
    return true;
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${issuer}${SSO_CALLBACK_PATH}`,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    login_hint: email,
  });
  const expiresAt = new Date((r.interaction.exp ?? 0) * 1000);
  await saveSsoRequest(db, state, {
    uid: r.state.uid,
    tenantId,
    email,
    codeVerifier,
    nonce,
    authorizationUrl: url.href,
    expiresAt,
  });
  r.state.step = 'upstream';
  await saveSignIn(db, r.state);
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - r.options.now().getTime()) / 1000));
  r.res
    .writeHead(303, {
      location: r.action,
      'cache-control': 'no-store',
      'set-cookie': ssoCookie(state, issuer.startsWith('https:'), maxAge),
    })
    .end();
  return true;
}
