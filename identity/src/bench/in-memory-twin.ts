// Bench only (`@kredo/identity/bench`): nothing in the server imports this file. It is the one place
// oidc-provider's in-memory adapter is used, as the baseline the PostgreSQL adapter is measured against.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configuration } from 'oidc-provider';
import { ClientAdapter } from '../adapter/client-adapter.ts';
import type { Queryable } from '../db/queryable.ts';
import { loadKeys } from '../keys/key-store.ts';
import { providerCsp } from '../pages/respond.ts';
import { compareHashedClientSecrets } from '../provider/hashed-client-secrets.ts';
import { providerConfiguration } from '../provider/provider-configuration.ts';
import type { IdentityServer } from '../server/start-identity-server.ts';

export interface TwinOptions {
  /** The identity server to copy: its pool (keys, the client), issuer and ttl. */
  original: IdentityServer;
  masterKey: Buffer;
  apiResource: string;
  apiScopes: string[];
  /** The API client to copy, by id: its metadata as the PostgreSQL adapter gives it. */
  clientId: string;
}

export interface InMemoryTwin {
  url: string;
  close(): Promise<void>;
}

/** The twin reads nothing from PostgreSQL once started: any query is a mistake in the comparison. */
const NO_DATABASE: Queryable = {
  query: (() => {
    throw new Error('identity bench: the in-memory twin has no database');
  }) as Queryable['query'],
};

/**
 * The same provider as `original` (providerConfiguration with the same issuer, signing keys,
 * resource, scopes and ttl; hashed client secrets) but on oidc-provider's own in-memory adapter, the
 * client given as a static client with the metadata the PostgreSQL adapter returns for it, on a free
 * loopback port, with the same headers on every answer (the pages' CSP). What it leaves out is what the comparison measures: PostgreSQL (the client lookup)
 * and the token endpoint's throttle that reads and writes its counters there.
 */
export async function startInMemoryTwin(options: TwinOptions): Promise<InMemoryTwin> {
  const { pool, ttl } = options.original.identity;
  const now = () => new Date();
  const keys = await loadKeys(pool, { masterKey: options.masterKey, now });
  const client = await new ClientAdapter(pool).find(options.clientId);
  if (!client) throw new Error(`identity bench: no API client ${options.clientId}`);
  const { default: OidcProvider, errors } = await import('oidc-provider');
  const { adapter: _postgres, ...configuration } = providerConfiguration({
    errors,
    db: NO_DATABASE,
    keys,
    apiResource: options.apiResource,
    apiScopes: options.apiScopes,
    ttl,
    now,
    secureCookies: false,
    firstPartyClients: [],
  });
  const provider = new OidcProvider(options.original.issuer, {
    ...configuration,
    clients: [client as NonNullable<Configuration['clients']>[number]],
  });
  provider.use(providerCsp());
  compareHashedClientSecrets(provider);
  const server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => stop(server) };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
