import type { KoaContextWithOIDC } from 'oidc-provider';
import { CLIENT_TENANT } from '../adapter/client-adapter.ts';
import type { Clock } from '../adapter/payload-adapter.ts';
import type { OnAudit } from '../audit-event.ts';
import type { Queryable } from '../db/queryable.ts';
import { clientAddress, type ProxyTrust } from '../server/client-address.ts';
import {
  clearFailures,
  recordFailure,
  THROTTLE_STATE_COLUMNS,
  throttleParams,
  throttleStateOf,
} from '../sign-in/throttle-store.ts';
import {
  API_CLIENT_COLUMNS,
  type ApiClientRow,
  apiClientWhere,
  withPrefetchedClient,
} from './prefetched-client.ts';

export interface TokenThrottleOptions {
  db: Queryable;
  now: Clock;
  onAudit: OnAudit;
  /** oidc-provider's token endpoint path ('/token' unless routes are configured). */
  tokenPath?: string;
  /** Whose X-Forwarded-For gives the client's IP (KREDO_TRUST_PROXY); default nobody's. */
  clientIpTrust?: ProxyTrust;
}

/**
 * The counters sign-in uses (sign-in/throttle-store.ts, keyed by e-mail and IP) count failed client
 * authentications too, under a key no e-mail can have: a client id is not an address, and the colon
 * keeps `client:x` apart from any e-mail "x". The IP's own count is shared with sign-in on purpose:
 * an address guessing secrets and passwords is one address guessing.
 */
export const clientThrottleKey = (clientId: string) => `client:${clientId}`;

/**
 * Brute-force protection for the token endpoint, as a Koa middleware on oidc-provider (provider.use):
 * - before the endpoint: if this client id from this IP, or this IP, must wait (the sign-in policy,
 *   sign-in/throttle-policy.ts), answer 429 with Retry-After (RFC 6585) and the OAuth error
 *   `invalid_client` (RFC 6749 §5.2), without checking the secret, so a right guess during the wait
 *   is not told apart from a wrong one;
 * - after it: a 401 `invalid_client` counts a failure (audited `client_auth.failed`, and `lockout`
 *   when it starts a wait); a 200 starts the client's count from this IP over.
 * The wait is per client id and IP, so someone else cannot lock an integration out from elsewhere;
 * only the IP-wide limit stops a spray across client ids.
 */
export function tokenThrottle(options: TokenThrottleOptions) {
  const tokenPath = options.tokenPath ?? '/token';
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> => {
    if (ctx.path !== tokenPath || ctx.method !== 'POST') return next();
    // Not koa's ctx.ip: with `proxy` on it believes the leftmost X-Forwarded-For entry, which the
    // client writes itself, so every request could pose as a new IP.
    const ip = clientAddress(ctx.req, options.clientIpTrust ?? false);
    const presented = basicClientId(ctx.get('authorization'));
    const state = await requestState(options.db, presented, ip);
    const { waitSeconds: wait, counted } = throttleStateOf(state, options.now());
    if (wait > 0) {
      ctx.status = 429;
      ctx.set('retry-after', String(wait));
      ctx.set('cache-control', 'no-store');
      ctx.body = {
        error: 'invalid_client',
        error_description: 'too many failed client authentications: retry after the wait',
      };
      return;
    }
    // The API client was read with the throttle state: the Client adapter takes it from there.
    if (presented) await withPrefetchedClient(presented, state?.client ?? null, next);
    else await next();
    const clientId = presented ?? stringOrUndefined(ctx.oidc?.params?.client_id);
    if (ctx.status === 401 && (ctx.body as { error?: unknown } | undefined)?.error === 'invalid_client') {
      await failed(options, ctx, clientId ?? '', ip);
    } else if (ctx.status === 200 && clientId && (counted || clientId !== presented)) {
      // Only when failures were counted for it: most tokens cost no write.
      await clearFailures(options.db, clientThrottleKey(clientId), ip);
    }
  };
}

/**
 * One round trip per token request: the throttle state of the presented client id from this IP,
 * and that API client's row (none for another kind of client, or none at all).
 */
async function requestState(db: Queryable, presented: string | undefined, ip: string) {
  // Named: each connection plans it once, not for every token.
  const { rows } = await db.query<{ until: Date | null; counted: boolean; client: ApiClientRow | null }>({
    name: 'kredo_token_request_state',
    text: `select ${THROTTLE_STATE_COLUMNS},
       (select row_to_json(c) from (select ${API_CLIENT_COLUMNS} from identity.client
          where ${apiClientWhere('$5')}) c) as client`,
    values: [...throttleParams(clientThrottleKey(presented ?? ''), ip), presented ?? ''],
  });
  return rows[0];
}

async function failed(options: TokenThrottleOptions, ctx: KoaContextWithOIDC, clientId: string, ip: string) {
  const failure = await recordFailure(options.db, clientThrottleKey(clientId), ip, options.now());
  // The client is known (and so its tenant) when only the secret was wrong.
  const tenant = ctx.oidc?.client?.[CLIENT_TENANT];
  const base = {
    tenantId: typeof tenant === 'string' ? tenant : null,
    actorId: null,
    subjectId: clientId || null,
    ip,
  };
  await options.onAudit({
    ...base,
    type: 'client_auth.failed',
    details: { clientId, failures: failure.failures },
  });
  if (failure.waitSeconds > 0)
    await options.onAudit({
      ...base,
      type: 'lockout',
      details: { clientId, failures: failure.failures, waitSeconds: failure.waitSeconds },
    });
}

/** The client id of an HTTP Basic header (RFC 6749 §2.3.1: form-urlencoded, then base64). */
export function basicClientId(header: string): string | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
