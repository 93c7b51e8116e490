import { checkStorageKey, HostFunctionError, maxStorageListKeys } from '../sandbox/index.ts';

/** Production's default storage quota per installation (core's pluginStorageMaxKeys / pluginStorageMaxBytes). */
export const defaultStorageQuota = Object.freeze({ maxKeys: 1000, maxBytes: 1024 * 1024 });

export type StorageQuota = typeof defaultStorageQuota;

/**
 * The plugin's storage as a Map the test can read and seed: values are JSON copies, a key or prefix
 * production refuses (NUL, control characters, lone surrogates) fails with `invalid_argument`, and a
 * set that would take the installation past the quota fails with `storage_quota`, as in production.
 */
export function createTesterStorage(
  storage: Map<string, unknown>,
  quota: StorageQuota = defaultStorageQuota,
) {
  const sizeOf = (key: string, value: unknown) =>
    Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));
  return {
    storageGet: async (key: string) => {
      checkStorageKey(key, 'key');
      return copy(storage.get(key) ?? null);
    },
    storageSet: async (key: string, value: unknown) => {
      checkStorageKey(key, 'key');
      if (value === null) {
        storage.delete(key);
        return;
      }
      let keys = 1;
      let bytes = sizeOf(key, value);
      for (const [other, stored] of storage) {
        if (other === key) continue;
        keys += 1;
        bytes += sizeOf(other, stored);
      }
      if (keys > quota.maxKeys || bytes > quota.maxBytes) {
        throw new HostFunctionError(
          'storage_quota',
          `storage is limited to ${quota.maxKeys} keys and ${quota.maxBytes} bytes per installation`,
        );
      }
      storage.set(key, copy(value));
    },
    storageList: async (prefix: string) => {
      checkStorageKey(prefix, 'prefix');
      return [...storage.keys()]
        .filter((key) => key.startsWith(prefix))
        .sort()
        .slice(0, maxStorageListKeys);
    },
  };
}

function copy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
