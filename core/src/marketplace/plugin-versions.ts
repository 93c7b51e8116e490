import { secretOrigins, sha256Hex } from '@kredo/sdk/host';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, DomainError } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';
import { liveKeys } from './publisher-keys.ts';
import { verifySignedVersion } from './signed-version.ts';
import { type PluginManifest, verifyManifest } from './verify-manifest.ts';

export interface PublishInput {
  manifest: unknown;
  bundle: Buffer;
  signature: string;
}

interface VersionColumns {
  plugin_id: string;
  version: string;
  publisher_id: string;
  publisher_name: string;
  manifest: PluginManifest;
  bundle_sha256: string;
  published_at: string;
}

// Without the bundle: listings never carry it.
const VERSION_COLUMNS = `v.plugin_id, v.version, v.publisher_id, p.name as publisher_name, v.manifest,
  v.bundle_sha256, v.published_at`;

// Semantic-version order in SQL: numeric major.minor.patch, then a release above its pre-releases.
const SEMVER_DESC = `string_to_array(split_part(split_part(v.version, '+', 1), '-', 1), '.')::int[] desc,
  (position('-' in split_part(v.version, '+', 1)) = 0) desc, v.version desc`;

const names = Joi.array().items(Joi.string()).required();

/** A published plugin version as the API answers it: what `presentVersion` builds. */
export const versionView = named(
  'PluginVersion',
  Joi.object({
    pluginId: Joi.string().required(),
    version: Joi.string().required(),
    name: Joi.string().required(),
    publisher: Joi.object({ id: Joi.string().required(), name: Joi.string().required() }).required(),
    capabilities: names,
    scopes: names,
    origins: names.description('Where the plugin may connect'),
    secretOrigins: Joi.object()
      .pattern(Joi.string(), Joi.array().items(Joi.string()))
      .required()
      .description('By secret setting: the only origins Kredo sends it to'),
    hooks: names,
    webhooks: names.description('Inbound webhooks through which anyone may call the plugin'),
    config: Joi.array()
      .items(
        named(
          'PluginSetting',
          Joi.object({
            key: Joi.string().required(),
            type: Joi.string().valid('string', 'number', 'boolean', 'select').required(),
            label: Joi.string().required(),
            required: Joi.boolean(),
            secret: Joi.boolean().description('Write-only: stored encrypted, never shown again'),
            origins: Joi.array()
              .items(Joi.string())
              .description('Secrets only: where the secret may be sent'),
            options: Joi.array().items(
              Joi.object({ value: Joi.string().required(), label: Joi.string().required() }),
            ),
          }),
        ),
      )
      .required()
      .description('The settings to fill in at install'),
    requirements: Joi.object({ core: Joi.string().required() }).required(),
    bundleSha256: Joi.string().required(),
    publishedAt: instant.required(),
  }),
);

export function presentVersion(v: VersionColumns) {
  return {
    pluginId: v.plugin_id,
    version: v.version,
    name: v.manifest.name,
    publisher: { id: v.publisher_id, name: v.publisher_name },
    capabilities: v.manifest.capabilities ?? [],
    scopes: v.manifest.scopes ?? [],
    /** What a tenant consents to besides scopes: where the plugin may connect, and what it runs on. */
    origins: v.manifest.http?.origins ?? [],
    /** By secret setting: the only origins Kredo sends it to. */
    secretOrigins: secretOrigins(v.manifest),
    hooks: (v.manifest.hooks ?? []).map((hook) => hook.name),
    /** Inbound webhooks through which anyone may call the plugin. */
    webhooks: (v.manifest.webhooks ?? []).map((webhook) => webhook.name),
    /** The settings to fill in at install; `secret` ones are write-only. */
    config: v.manifest.config ?? [],
    requirements: v.manifest.requirements,
    bundleSha256: v.bundle_sha256,
    publishedAt: new Date(v.published_at),
  };
}

/**
 * Publishing a version, step by step. `em` is the owner's connection: versions are marketplace-global.
 * Every accepted version is kept; a version is never replaced.
 */
export async function publishVersion(
  em: EntityManager,
  publisherId: string,
  input: PublishInput,
  coreVersion: string,
) {
  // 1. The manifest, every field and its size (the plugin id inside its publisher's namespace), and this core.
  const manifest = verifyManifest(input.manifest, coreVersion);
  // 2. The publisher is registered, and is the one the manifest names: so the id is in its namespace.
  const keys = await liveKeys(em, publisherId);
  if (manifest.publisher.id !== publisherId) {
    throw new DomainError(
      'manifest_publisher_mismatch',
      403,
      `manifest.publisher.id: ${manifest.publisher.id} is not the publisher signing (${publisherId}); a publisher publishes only under its own id`,
      { field: 'manifest.publisher.id', publisherId },
    );
  }
  // 3. The signature, by one of its live keys, over this bundle and manifest.
  const upload = { ...input, pluginId: manifest.id, version: manifest.version };
  await verifySignedVersion(upload, keys);
  // 4. The id is not another publisher's (versions from before namespacing), and the version is new.
  return em.transactional(async (tx) => {
    // Serialises publishers of one plugin id, so the ownership check below cannot race.
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`plugin:${manifest.id}`]);
    const [owner] = await tx.execute<{ publisher_id: string }[]>(
      'select publisher_id from plugin_version where plugin_id = ? limit 1',
      [manifest.id],
    );
    if (owner && owner.publisher_id !== publisherId) {
      throw new DomainError(
        'plugin_owned_by_another_publisher',
        403,
        `${manifest.id} belongs to another publisher`,
        {
          field: 'manifest.id',
        },
      );
    }
    const [existing] = await tx.execute('select 1 from plugin_version where plugin_id = ? and version = ?', [
      manifest.id,
      manifest.version,
    ]);
    if (existing) {
      throw conflict('version_exists', `${manifest.id}@${manifest.version} is already published`, {
        field: 'manifest.version',
      });
    }
    await tx.execute(
      `insert into plugin_version (plugin_id, version, publisher_id, manifest, bundle, bundle_sha256, signature)
       values (?, ?, ?, ?::jsonb, ?, ?, ?)`,
      [
        manifest.id,
        manifest.version,
        publisherId,
        JSON.stringify(input.manifest),
        input.bundle,
        sha256Hex(input.bundle),
        input.signature,
      ],
    );
    return presentVersion(await readVersion(tx as EntityManager, manifest.id, manifest.version));
  });
}

/** The catalogue: each plugin at its highest version. */
export async function listCatalogue(em: EntityManager) {
  const rows = await em.execute<VersionColumns[]>(
    `select distinct on (v.plugin_id) ${VERSION_COLUMNS}
     from plugin_version v join publisher p on p.id = v.publisher_id
     order by v.plugin_id, ${SEMVER_DESC}`,
  );
  return rows.map(presentVersion);
}

/** Every version of one plugin, highest first; 404 when none was published. */
export async function listVersions(em: EntityManager, pluginId: string) {
  const rows = await em.execute<VersionColumns[]>(
    `select ${VERSION_COLUMNS} from plugin_version v join publisher p on p.id = v.publisher_id
     where v.plugin_id = ? order by ${SEMVER_DESC}`,
    [pluginId],
  );
  if (rows.length === 0) throw notFoundPlugin(pluginId);
  return rows.map(presentVersion);
}

export async function readVersion(
  em: EntityManager,
  pluginId: string,
  version: string,
): Promise<VersionColumns> {
  const [row] = await em.execute<VersionColumns[]>(
    `select ${VERSION_COLUMNS} from plugin_version v join publisher p on p.id = v.publisher_id
     where v.plugin_id = ? and v.version = ?`,
    [pluginId, version],
  );
  if (!row) {
    throw new DomainError('plugin_version_not_found', 404, `${pluginId}@${version} is not published`, {
      pluginId,
      version,
    });
  }
  return row;
}

const notFoundPlugin = (pluginId: string) =>
  new DomainError('plugin_not_found', 404, `No version of ${pluginId} is published`, { pluginId });

/**
 * The bundle of one published version, as the sandbox loads it, checked against the digest its
 * publisher signed: a bundle changed in the database after publishing is refused, not run. Versions
 * never change, so callers may cache it.
 */
export async function readBundle(em: EntityManager, pluginId: string, version: string): Promise<string> {
  const [row] = await em.execute<{ bundle: Buffer; bundle_sha256: string }[]>(
    'select bundle, bundle_sha256 from plugin_version where plugin_id = ? and version = ?',
    [pluginId, version],
  );
  if (!row) {
    throw new DomainError('plugin_version_not_found', 404, `${pluginId}@${version} is not published`, {
      pluginId,
      version,
    });
  }
  if (sha256Hex(row.bundle) !== row.bundle_sha256) {
    throw new DomainError(
      'bundle_digest_mismatch',
      500,
      `${pluginId}@${version} no longer matches the digest its publisher signed; it will not run`,
      { pluginId, version },
    );
  }
  return row.bundle.toString('utf8');
}
