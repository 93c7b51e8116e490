import { AsyncLocalStorage } from 'node:async_hooks';

/** An API client's row as the Client adapter reads it (`identity.client`, not revoked). */
export interface ApiClientRow {
  client_id: string;
  tenant_id: string;
  name: string;
  scopes: string[];
  secret_sha256: string;
}

/** The columns and the condition the Client adapter finds an API client by: one place for both reads. */
export const API_CLIENT_COLUMNS = 'client_id, tenant_id, name, scopes, secret_sha256';
export const apiClientWhere = (param: string) => `client_id = ${param} and revoked_at is null`;

const prefetched = new AsyncLocalStorage<ReadonlyMap<string, ApiClientRow | null>>();

/**
 * Runs `work` (the rest of a token request) with the API client already read, in the same round trip
 * as the token endpoint's throttle check (token-throttle.ts): the Client adapter then takes it from
 * here instead of asking the database again. Read in the same request, so a revocation holds as
 * before: a token request that starts after the revocation commits sees it.
 */
export function withPrefetchedClient<T>(clientId: string, row: ApiClientRow | null, work: () => T): T {
  return prefetched.run(new Map([[clientId, row]]), work);
}

/** The row read for `clientId` earlier in this request: the row, null (none such), or undefined (not read). */
export function prefetchedClient(clientId: string): ApiClientRow | null | undefined {
  const store = prefetched.getStore();
  return store?.has(clientId) ? (store.get(clientId) ?? null) : undefined;
}
