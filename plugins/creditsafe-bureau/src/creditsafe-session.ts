import { type Failure, fail, type HttpResponse, type PluginContext, type Result } from '@kredo/sdk';
import { CREDITSAFE_API, creditsafeError, parseJson } from './creditsafe-api.ts';

/** Where the bearer token lives between calls, with the instant (ms) it should be replaced. */
const TOKEN_KEY = 'creditsafe-token';
/** Creditsafe's tokens last an hour; renewing after 55 minutes keeps a slow call off the edge. */
const TOKEN_LIFETIME_MS = 55 * 60_000;

interface CachedToken {
  token: string;
  renewAt: number;
}

/**
 * `GET` on Creditsafe Connect with a bearer token: the cached one while it is fresh, else a new
 * one from `POST /v1/authenticate`. A 401 on a cached token (revoked, or expired early) gets one
 * fresh authentication and one retry, never more.
 */
export async function creditsafeGet(ctx: PluginContext, path: string): Promise<Result<HttpResponse>> {
  const cached = await readToken(ctx);
  let token = cached ?? (await authenticate(ctx));
  if (typeof token !== 'string') return token;

  const first = await get(ctx, path, token);
  if (!first.ok || first.value.status !== 401 || cached === undefined) return first;

  ctx.log.info('Creditsafe refused the cached token; authenticating again');
  token = await authenticate(ctx);
  if (typeof token !== 'string') return token;
  return get(ctx, path, token);
}

function get(ctx: PluginContext, path: string, token: string): Promise<Result<HttpResponse>> {
  return ctx.http.fetch(`${CREDITSAFE_API}${path}`, {
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
}

async function readToken(ctx: PluginContext): Promise<string | undefined> {
  const stored = await ctx.storage.get(TOKEN_KEY);
  const value = stored.ok ? (stored.value as Partial<CachedToken> | null | undefined) : undefined;
  if (typeof value?.token !== 'string' || typeof value.renewAt !== 'number') return undefined;
  return value.renewAt > Date.now() ? value.token : undefined;
}

/** A new token, stored for the next calls; the password goes in as a placeholder the host fills. */
async function authenticate(ctx: PluginContext): Promise<string | Failure> {
  const username = ctx.config.username;
  if (typeof username !== 'string' || username === '') {
    return fail('not_configured', 'the Creditsafe user name is not set');
  }
  const response = await ctx.http.fetch(`${CREDITSAFE_API}/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: `{"username":${JSON.stringify(username)},"password":"{{secrets.password}}"}`,
  });
  if (!response.ok) return response;
  if (response.value.status !== 200) return creditsafeError(response.value, 'authentication');
  const token = (parseJson(response.value.body) as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token === '') {
    return fail('provider_invalid_response', 'Creditsafe authenticated without a token', { retryable: true });
  }
  const stored = await ctx.storage.set(TOKEN_KEY, { token, renewAt: Date.now() + TOKEN_LIFETIME_MS });
  if (!stored.ok) ctx.log.warn('could not cache the Creditsafe token', { code: stored.error.code });
  return token;
}
