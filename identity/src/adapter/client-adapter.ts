import type { Adapter, AdapterPayload } from 'oidc-provider';
import { findActiveApp } from '../clients/apps.ts';
import { HASHED_SECRET_PREFIX, sha256Of } from '../clients/client-secret.ts';
import {
  API_CLIENT_COLUMNS,
  type ApiClientRow,
  apiClientWhere,
  prefetchedClient,
} from '../clients/prefetched-client.ts';
import {
  findPublisherClient,
  PUBLISHER_CLIENT_PREFIX,
  PUBLISHER_CLIENT_SCOPES,
} from '../clients/publisher-clients.ts';
import type { Queryable } from '../db/queryable.ts';

/** Client metadata Kredo adds: the tenant a client acts for, and the API scopes it may be given. */
export const CLIENT_TENANT = 'kredo_tenant';
export const CLIENT_SCOPES = 'kredo_scopes';
/** The publisher a publisher's client acts for, in place of a tenant. */
export const CLIENT_PUBLISHER = 'kredo_publisher';
/** Set on Kredo's own clients (the staff console): they skip consent, within the person's roles. */
export const CLIENT_FIRST_PARTY = 'kredo_first_party';
/** Set on a tenant's third-party applications (clients/apps.ts): people sign in and consent. */
export const CLIENT_THIRD_PARTY = 'kredo_third_party';

/**
 * A first-party public client (the staff console): authorization code with PKCE, refresh tokens,
 * no secret. Its redirect URIs come from settings, not from a table.
 */
export interface FirstPartyClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /**
   * A confidential client's secret (client_secret_basic), held as its SHA-256 like an API client's;
   * none: a public client. (Another Kredo acting as a tenant's upstream SSO provider is one.)
   */
  secret?: string;
  /**
   * A native application (a command line tool) rather than a web one: its loopback redirect URIs
   * (`http://127.0.0.1/callback`) match whatever port the tool listens on (RFC 8252 7.3).
   */
  native?: boolean;
}

/**
 * The Client model's adapter: API clients from `identity.client` (a tenant's) and
 * `identity.publisher_client` (a publisher's, `pcl_…`), read-only (no dynamic
 * registration). A revoked client is not found, so it gets no token. The secret oidc-provider sees
 * is the stored hash, marked; provider-configuration.ts compares presented secrets against it.
 */
export class ClientAdapter implements Adapter {
  constructor(
    private readonly db: Queryable,
    private readonly firstParty: readonly FirstPartyClient[] = [],
  ) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const own = this.firstParty.find((client) => client.clientId === id);
    if (own) return firstPartyMetadata(own);
    if (id.startsWith('app_')) return this.findApp(id);
    if (id.startsWith(PUBLISHER_CLIENT_PREFIX)) return this.publisherClient(id);
    const row = await this.apiClient(id);
    if (!row) return undefined;
    return {
      ...confidential(row.client_id, row.name, row.secret_sha256),
      [CLIENT_TENANT]: row.tenant_id,
      [CLIENT_SCOPES]: row.scopes.join(' '),
    };
  }

  /** A tenant's API client: read with the token endpoint's throttle check when it was (prefetched-client.ts). */
  private async apiClient(id: string): Promise<ApiClientRow | undefined> {
    const prefetched = prefetchedClient(id);
    if (prefetched !== undefined) return prefetched ?? undefined;
    const { rows } = await this.db.query<ApiClientRow>(
      `select ${API_CLIENT_COLUMNS} from identity.client where ${apiClientWhere('$1')}`,
      [id],
    );
    return rows[0];
  }

  /** A third-party application: code + PKCE and refresh tokens, public or with a hashed secret. */
  private async findApp(id: string): Promise<AdapterPayload | undefined> {
    const app = await findActiveApp(this.db, id);
    if (!app) return undefined;
    return {
      ...codeFlowMetadata(app.clientId, app.name, app.redirectUris),
      token_endpoint_auth_method: app.tokenEndpointAuthMethod,
      ...(app.secretSha256 && { client_secret: `${HASHED_SECRET_PREFIX}${app.secretSha256}` }),
      [CLIENT_TENANT]: app.tenantId,
      [CLIENT_SCOPES]: app.scopes.join(' '),
      [CLIENT_THIRD_PARTY]: true,
    };
  }

  /** A publisher's API client (`pcl_…`): client credentials for its CI, acting for the publisher. */
  private async publisherClient(id: string): Promise<AdapterPayload | undefined> {
    const client = await findPublisherClient(this.db, id);
    if (!client) return undefined;
    return {
      ...confidential(client.clientId, client.name, client.secretSha256),
      [CLIENT_PUBLISHER]: client.publisherId,
      [CLIENT_SCOPES]: PUBLISHER_CLIENT_SCOPES.join(' '),
    };
  }

  async upsert(): Promise<void> {
    throw new Error('identity: clients are created with createApiClient, not registered');
  }
  async findByUserCode(): Promise<undefined> {
    return undefined;
  }
  async findByUid(): Promise<undefined> {
    return undefined;
  }
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {
    throw new Error('identity: clients are revoked with revokeApiClient');
  }
  async revokeByGrantId(): Promise<void> {}
}

/** A confidential client with client credentials only, its secret the stored hash (marked). */
function confidential(clientId: string, name: string, secretSha256: string): AdapterPayload {
  return {
    client_id: clientId,
    client_secret: `${HASHED_SECRET_PREFIX}${secretSha256}`,
    client_name: name,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

/**
 * A client that signs people in: authorization code (PKCE is required of all) and refresh tokens; a
 * native one (a command line tool) with loopback redirect URIs of any port (RFC 8252 7.3).
 */
function codeFlowMetadata(
  clientId: string,
  name: string,
  redirectUris: string[],
  native = false,
): AdapterPayload {
  return {
    client_id: clientId,
    client_name: name,
    application_type: native ? 'native' : 'web',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: redirectUris,
  };
}

function firstPartyMetadata(client: FirstPartyClient): AdapterPayload {
  return {
    ...codeFlowMetadata(client.clientId, client.name, client.redirectUris, client.native === true),
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    token_endpoint_auth_method: client.secret ? 'client_secret_basic' : 'none',
    ...(client.secret && { client_secret: `${HASHED_SECRET_PREFIX}${sha256Of(client.secret)}` }),
    [CLIENT_FIRST_PARTY]: true,
  };
}
