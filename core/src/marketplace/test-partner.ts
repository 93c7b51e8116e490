import { hookScopes } from '@kredo/sdk/host';
import { exportJWK, generateKeyPair } from 'jose';
import type { Caller } from '../app/test-api.ts';
import { signVersion } from './sign-version.ts';

type MakeCaller = (
  tenantId: string,
  scopes: string[],
  subject: string,
  claims: { publisher: string },
) => Promise<Caller>;

/** The parts of a manifest a test cares about; `manifest()` fills in what every test plugin shares. */
export interface TestManifestFields {
  id: string;
  name?: string;
  version?: string;
  hooks?: { name: string; kind: string; priority?: number }[];
  scopes?: string[];
  [field: string]: unknown;
}

/** What installing needs to know of a published version. */
type Published = { id: string; version: string; scopes?: string[] };

export interface InstallOptions {
  /** Default: every scope the manifest asks for. */
  grantedScopes?: string[];
  config?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  /** Default true. */
  enabled?: boolean;
}

const INSTALLATIONS = '/api/v1/plugins/installations';

/**
 * A partner for tests that need a published plugin: a publisher with a registered Ed25519 key that
 * signs and uploads versions through the API, exactly as `kredo-plugin sign` and `publish` do, and
 * installs them for a tenant as its admin does. `publisherId` is its namespace: its plugin ids start
 * with it and a dot (`com.example.paylink`). Each test file has a database of its own, so the default
 * is free in each; a second partner in one file needs another.
 */
export async function createTestPartner(
  caller: MakeCaller,
  tenantId: string,
  name: string,
  publisherId = 'com.example',
) {
  const api = await caller(tenantId, ['marketplace:publish'], 'usr_partner', { publisher: publisherId });
  const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  succeeded(
    'key not registered',
    201,
    await api('POST', `/api/v1/marketplace/publishers/${publisherId}/keys`, {
      publisherName: name,
      publicKey: await exportJWK(keys.publicKey),
    }),
  );

  /** Signs and uploads a version; the answer is the caller's to check, as a refusal may be the point. */
  async function publish(manifest: { id: string; version: string }, bundle: string) {
    const bytes = Buffer.from(bundle);
    const signature = await signVersion(keys.privateKey, manifest, bytes);
    return api('POST', '/api/v1/marketplace/versions', {
      manifest,
      bundle: bytes.toString('base64'),
      signature,
    });
  }

  /**
   * A whole manifest: version 1.0.0 of `fields.id` by this partner, asking at least what its hooks
   * need; a secret setting that names no origins is bound to every origin the manifest declares.
   */
  function manifest(fields: TestManifestFields) {
    const hooks = (fields.hooks ?? []).map((hook) => hook.name);
    const origins = (fields.http as { origins?: string[] } | undefined)?.origins ?? [];
    const config = fields.config as Record<string, unknown>[] | undefined;
    return {
      name: fields.id,
      version: '1.0.0',
      publisher: { id: publisherId, name },
      requirements: { core: '^0.1.0' },
      ...fields,
      scopes: [...new Set([...(fields.scopes ?? []), ...hookScopes(hooks)])],
      ...(config ? { config: config.map((field) => boundSecret(field, origins)) } : {}),
    };
  }

  /** Publishes `manifest(fields)` with `bundle`, failing unless the marketplace accepts it. */
  async function release(fields: TestManifestFields, bundle: string) {
    const whole = manifest(fields);
    succeeded(`${whole.id} not published`, 201, await publish(whole, bundle));
    return whole;
  }

  /** Installs a published version for `tenant`, as its admin does, and answers the installation id. */
  async function install(tenant: { api: Caller }, plugin: Published, options: InstallOptions = {}) {
    const { grantedScopes = plugin.scopes ?? [], config, secrets, enabled = true } = options;
    const installed = await tenant.api('POST', INSTALLATIONS, {
      pluginId: plugin.id,
      version: plugin.version,
      grantedScopes,
      config,
      secrets,
    });
    succeeded(`${plugin.id} not installed`, 201, installed);
    const id = installed.body.id as string;
    if (enabled) {
      succeeded(
        `${plugin.id} not enabled`,
        200,
        await tenant.api('PATCH', `${INSTALLATIONS}/${id}`, { enabled }),
      );
    }
    return id;
  }

  /** `release` then `install`: a plugin of the test's own, running for `tenant`. */
  async function installFor(
    tenant: { api: Caller },
    fields: TestManifestFields,
    bundle: string,
    options: InstallOptions = {},
  ) {
    return install(tenant, await release(fields, bundle), options);
  }

  return { publisherId, publish, manifest, release, install, installFor };
}

function boundSecret(field: Record<string, unknown>, origins: string[]) {
  return field.secret === true && field.origins === undefined ? { ...field, origins } : field;
}

function succeeded(what: string, status: number, res: Awaited<ReturnType<Caller>>) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}
