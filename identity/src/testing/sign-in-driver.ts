import * as client from 'openid-client';
import { generate } from 'otplib';
import { expect } from 'vitest';
import { PASSKEY_SCRIPT_PATH } from '../pages/passkey-script.ts';
import { type Browser, hiddenValue } from './browser.ts';

export const CONSOLE_CLIENT = {
  clientId: 'kredo-console',
  name: 'Kredo console',
  redirectUris: ['http://127.0.0.1:5173/callback'],
  postLogoutRedirectUris: ['http://127.0.0.1:5173/'],
};
export const REDIRECT_URI = CONSOLE_CLIENT.redirectUris[0] as string;

/** A page as a person gets it, with the checks every page must pass: CSP, no inline script or style. */
export async function page(response: Response): Promise<string> {
  const body = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).not.toContain('unsafe-inline');
  // The one script allowed: the identity server's own passkey script, external, where the CSP lets it.
  const passkeyScript = `<script type="module" src="${PASSKEY_SCRIPT_PATH}"></script>`;
  const scripted = body.includes(passkeyScript);
  if (scripted) expect(csp).toMatch(/; script-src 'self'$/);
  else expect(csp).not.toContain('script-src');
  expect(body.replace(passkeyScript, '')).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  return body;
}

/**
 * An independent relying party, openid-client 6, as the staff console: discovery, PKCE S256, state;
 * its authorization URL, and the code exchange once the pages are done. `redirectUri` must be one of
 * the client's (a browser test passes its local callback server's).
 */
export async function consoleRelyingParty(issuer: string, scope: string, redirectUri = REDIRECT_URI) {
  // offline_access (a refresh token) is granted only with prompt=consent (OpenID Connect Core 11).
  return relyingParty(issuer, { clientId: CONSOLE_CLIENT.clientId, clientSecret: null }, scope, {
    prompt: 'consent',
    redirectUri,
  });
}

/**
 * openid-client 6 as any client signing people in (the console, a tenant's third-party application):
 * discovery, PKCE S256, state, and the client's secret (client_secret_basic) when it has one.
 */
export async function relyingParty(
  issuer: string,
  app: { clientId: string; clientSecret: string | null },
  scope: string,
  options: { prompt?: string; redirectUri?: string } = {},
) {
  const auth = app.clientSecret ? client.ClientSecretBasic(app.clientSecret) : client.None();
  const config = await client.discovery(new URL(issuer), app.clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
  });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...(options.prompt && { prompt: options.prompt }),
  });
  return {
    config,
    url: url.href,
    exchange: (callback: string) =>
      client.authorizationCodeGrant(config, new URL(callback), {
        pkceCodeVerifier: verifier,
        expectedState: state,
      }),
    /** A refresh-token grant with openid-client, for tests outside this package. */
    refresh: (refreshToken: string) => client.refreshTokenGrant(config, refreshToken),
  };
}

/** Opens the authorization URL: the browser lands on the first sign-in page. */
export async function startSignIn(browser: Browser, authorizationUrl: string) {
  const { response, url } = await browser.follow(authorizationUrl);
  expect(url).toMatch(/\/interaction\//);
  return { status: response.status, url, body: await page(response) };
}

/** The first two steps: the authorization URL opened, the e-mail and the password given; the page (or callback) after. */
export async function signInWithPassword(
  browser: Browser,
  authorizationUrl: string,
  email: string,
  password: string,
) {
  const first = await startSignIn(browser, authorizationUrl);
  const second = await submit(browser, first.url, first.body, 'email', { email });
  return submit(browser, second.url, second.body, 'password', { password });
}

/** Posts a step's form and follows to the next page (or to the client's callback). */
export async function submit(
  browser: Browser,
  url: string,
  body: string,
  step: string,
  fields: Record<string, string>,
) {
  const response = await browser.post(url, { csrf: hiddenValue(body, 'csrf'), step, ...fields });
  const location = response.headers.get('location');
  if (response.status === 303 && location) {
    const next = await browser.follow(new URL(location, url).href, REDIRECT_URI);
    if (next.url.startsWith(REDIRECT_URI)) return { status: 303, url: next.url, body: '' };
    return { status: next.response.status, url: next.url, body: await page(next.response) };
  }
  return { status: response.status, url, body: await page(response) };
}

/** The TOTP code for `secret` at `now` (the server's clock) plus `steps` periods. */
export function totpAt(secret: string, steps = 0, now = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) + steps * 30 });
}

/** The options of the page's passkey form (`mode`: create or get), as the script reads them. */
export function passkeyOptions(body: string, mode: 'create' | 'get') {
  const match = new RegExp(`data-passkey="${mode}" data-options="([^"]+)"`).exec(body);
  if (!match?.[1]) throw new Error(`no ${mode} passkey form on the page:\n${body}`);
  const json = match[1]
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<');
  return JSON.parse(json.replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}
