import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll } from 'vitest';
import type { Clock } from '../adapter/payload-adapter.ts';
import {
  type IdentityServer,
  type IdentityServerOptions,
  startIdentityServer,
} from '../server/start-identity-server.ts';

export const API_RESOURCE = 'http://127.0.0.1:3000/api/v1';
export const API_SCOPES = ['ledger:read', 'ledger:write', 'import:write', 'dunning:read'];

/** A clock a test moves by hand, starting now (token expiry is checked against real time too). */
export function manualClock(): { now: Clock; advance(seconds: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (seconds) => (offset += seconds * 1000) };
}

/**
 * An identity server on a free loopback port, its own issuer, stopped after the file; no key
 * refresh timer (tests call reloadKeys). The master key is fresh unless given (a restart passes
 * the first one's).
 */
export async function startTestIdentity(
  pool: pg.Pool,
  options: Partial<IdentityServerOptions> = {},
): Promise<IdentityServer & { masterKey: Buffer }> {
  const masterKey = options.masterKey ?? randomBytes(32);
  const server = await startIdentityServer({
    pool,
    apiResource: API_RESOURCE,
    apiScopes: API_SCOPES,
    keyRefreshSeconds: 0,
    port: 0,
    ...options,
    masterKey,
  });
  afterAll(() => server.close());
  return { ...server, masterKey };
}
