import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import * as client from 'openid-client';
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';
import { type SavedToken, saveToken, tokenFile } from './saved-token.ts';

/** The CLI's client at Kredo's identity server: public, native, loopback redirects on any port. */
export const CLI_CLIENT_ID = 'kredo-plugin';
const SCOPE = 'openid marketplace:publish';
/** How long `login` waits for the browser to come back. */
const WAIT_MS = 10 * 60 * 1000;

export interface LoginOptions {
  /** The identity server's public URL (its issuer), such as `http://localhost:3001`. */
  issuer: string;
  /** Told the authorization URL to open; the default prints it. */
  open: (url: string) => void;
  waitMs?: number;
}

/**
 * A partner signs in for the CLI as OAuth 2.0 for native apps says (RFC 8252): the authorization code
 * flow with PKCE, the code coming back to a one-off HTTP server on a loopback port (7.3), through the
 * identity server's own pages in the person's browser, so the CLI never sees a password or a second
 * factor. openid-client checks state, PKCE and the issuer; the token is for the publisher the person
 * chose. Steps:
 * 1. discovery of the issuer;
 * 2. a loopback server on 127.0.0.1, port chosen by the system;
 * 3. the authorization URL (PKCE S256, state) handed to `open`;
 * 4. the redirect back: the code exchanged, a page telling the person to return to the terminal;
 * 5. the access token's `publisher` checked: a staff sign-in gives no publishing token.
 */
export async function login(options: LoginOptions): Promise<SavedToken> {
  const issuer = new URL(options.issuer);
  const config = await client
    .discovery(issuer, CLI_CLIENT_ID, undefined, client.None(), {
      execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    })
    .catch((error: Error) => {
      throw new CliError(`cannot reach the identity server at ${issuer.href}: ${error.message}`);
    });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const callback = await loopbackCallback(options.waitMs ?? WAIT_MS);
  try {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: callback.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    options.open(url.href);
    const { url: returned, respond } = await callback.next;
    try {
      const tokens = await client.authorizationCodeGrant(config, returned, {
        pkceCodeVerifier: verifier,
        expectedState: state,
      });
      const saved = savedFrom(issuer.href, tokens.access_token, tokens.expiresIn());
      respond(
        200,
        'Signed in',
        `You are signed in as a partner of ${saved.publisher}. Return to the terminal.`,
      );
      return saved;
    } catch (error) {
      respond(400, 'Not signed in', 'The sign-in did not complete. Return to the terminal.');
      throw error instanceof CliError ? error : new CliError(`sign-in refused: ${(error as Error).message}`);
    }
  } finally {
    callback.close();
  }
}

/** The token as kept, once it proves to act for a publisher (the partner role, not a tenant's staff). */
function savedFrom(issuer: string, accessToken: string, expiresIn: number | undefined): SavedToken {
  const payload = claimsOf(accessToken);
  if (typeof payload.publisher !== 'string')
    throw new CliError(
      'this account signed in for no publisher: choose the publisher at sign-in, or ask for a partner account',
    );
  const expiresAt =
    typeof payload.exp === 'number' ? payload.exp : Math.floor(Date.now() / 1000) + (expiresIn ?? 0);
  return { issuer, accessToken, publisher: payload.publisher, expiresAt };
}

/**
 * The access token's claims, read but not verified (the CLI is no resource server: the marketplace
 * verifies the token); none when it is not a JWT, as when no API scope was granted.
 */
function claimsOf(accessToken: string): { publisher?: unknown; exp?: unknown } {
  try {
    return JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

type Respond = (status: number, title: string, text: string) => void;

/**
 * The one-off redirect target: listens on 127.0.0.1 (never all interfaces), takes the first request
 * to /callback and answers it with a plain page under a CSP that allows nothing but itself.
 */
async function loopbackCallback(waitMs: number) {
  let settle: (value: { url: URL; respond: Respond }) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const next = new Promise<{ url: URL; respond: Respond }>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== '/callback') return void res.writeHead(404).end();
    settle({ url, respond: (status, title, text) => sendPage(res, status, title, text) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(
    () => fail(new CliError('no sign-in within 10 minutes: run kredo-plugin login again')),
    waitMs,
  );
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    next,
    close: () => {
      clearTimeout(timer);
      server.close();
      server.closeAllConnections();
    },
  };
}

function sendPage(res: ServerResponse, status: number, title: string, body: string): void {
  const text = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    })
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${text(title)}</title></head><body><main><h1>${text(title)}</h1><p>${text(body)}</p></main></body></html>`,
    );
}

export const loginCommand: Command = {
  name: 'login',
  usage: 'login --issuer http://localhost:3001',
  summary: "sign in as a partner in the browser; publish then uses the publisher's token (for an hour)",
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { issuer: { type: 'string' } } });
    const issuer = values.issuer ?? process.env.KREDO_ISSUER;
    if (!issuer)
      throw new CliError('login needs --issuer <the identity server, such as http://localhost:3001>');
    const saved = await login({
      issuer,
      open: (url) => console.log(`Open this address in your browser to sign in as a partner:\n\n  ${url}\n`),
    });
    const file = tokenFile();
    await saveToken(file, saved);
    console.log(
      `Signed in for publisher ${saved.publisher} until ${new Date(saved.expiresAt * 1000).toISOString()}; the token is in ${file}.`,
    );
  },
};
