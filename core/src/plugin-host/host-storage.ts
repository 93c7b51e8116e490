import { checkStorageKey, HostFunctionError, maxStorageListKeys } from '@kredo/sdk/sandbox';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';

export interface HostStorageQuota {
  /** Most keys one installation may hold. */
  maxKeys: number;
  /** Most bytes one installation may hold: each key's UTF-8 length plus its value's JSON length. */
  maxBytes: number;
}

export interface HostStorage {
  storageGet(key: string): Promise<unknown>;
  /** Stores a JSON value; `null` deletes the key. */
  storageSet(key: string, value: unknown): Promise<void>;
  /** Keys starting with `prefix`, in byte order, at most `maxStorageListKeys`. */
  storageList(prefix: string): Promise<string[]>;
}

/**
 * The `storage` host functions for one installation of one tenant, in `plugin_storage` under
 * row-level security. A set takes a transaction-scoped advisory lock on (tenant, installation) and
 * checks the quota under it, so concurrent sets can never together exceed it.
 */
export function createHostStorage(
  orm: Orm,
  tenantId: string,
  installationKey: string,
  quota: HostStorageQuota,
): HostStorage {
  for (const name of ['maxKeys', 'maxBytes'] as const) {
    if (!(Number.isInteger(quota[name]) && quota[name] > 0)) {
      throw new Error(`createHostStorage: ${name} must be a positive integer`);
    }
  }
  if (installationKey.length === 0 || installationKey.length > 200) {
    throw new Error('createHostStorage: installationKey must be 1 to 200 characters');
  }
  return {
    // Every key and prefix checked again here: the worker relaying them is not trusted.
    storageGet: async (key) => {
      checkStorageKey(key, 'key');
      const { rows } = await withTenantClient(orm, tenantId, (client) =>
        client.query('select value from plugin_storage where installation_key = $1 and key = $2', [
          installationKey,
          key,
        ]),
      );
      return rows[0]?.value ?? null;
    },
    storageList: async (prefix) => {
      checkStorageKey(prefix, 'prefix');
      const { rows } = await withTenantClient(orm, tenantId, (client) =>
        client.query(
          `select key from plugin_storage
            where installation_key = $1 and left(key, length($2)) = $2
            order by key collate "C" limit $3`,
          [installationKey, prefix, maxStorageListKeys],
        ),
      );
      return rows.map((row: { key: string }) => row.key);
    },
    storageSet: async (key, value) => {
      checkStorageKey(key, 'key');
      const json = value === null ? undefined : toJson(value);
      await withTenantClient(orm, tenantId, async (client) => {
        if (json === undefined) {
          await client.query('delete from plugin_storage where installation_key = $1 and key = $2', [
            installationKey,
            key,
          ]);
          return;
        }
        const bytes = Buffer.byteLength(key) + Buffer.byteLength(json);
        await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `plugin_storage:${tenantId}:${installationKey}`,
        ]);
        const { rows } = await client.query(
          `select count(*)::int as keys, coalesce(sum(bytes), 0)::bigint as bytes
             from plugin_storage where installation_key = $1 and key <> $2`,
          [installationKey, key],
        );
        const others = rows[0] as { keys: number; bytes: string };
        if (others.keys + 1 > quota.maxKeys || Number(others.bytes) + bytes > quota.maxBytes) {
          throw new HostFunctionError(
            'storage_quota',
            `storage is limited to ${quota.maxKeys} keys and ${quota.maxBytes} bytes per installation`,
          );
        }
        await client.query(
          `insert into plugin_storage (tenant_id, installation_key, key, value, bytes)
           values ($1, $2, $3, $4::jsonb, $5)
           on conflict (tenant_id, installation_key, key)
           do update set value = excluded.value, bytes = excluded.bytes, updated_at = now()`,
          [tenantId, installationKey, key, json, bytes],
        );
      });
    },
  };
}

/** The value's JSON, refusing what jsonb cannot hold (a NUL character) or what is not JSON. */
function toJson(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined || json.includes('\\u0000')) {
    throw new HostFunctionError('invalid_argument', 'storage value must be JSON without NUL characters');
  }
  return json;
}

/** Deletes every storage entry of one installation, inside the caller's tenant-scoped transaction. */
export async function purgeInstallationStorage(em: EntityManager, installationKey: string): Promise<void> {
  await em.execute('delete from plugin_storage where installation_key = ?', [installationKey]);
}
