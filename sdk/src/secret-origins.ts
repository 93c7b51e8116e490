import type { PluginManifest } from './manifest.ts';

/**
 * Each secret setting of a manifest with the origins the host may send it to (`config[].origins`):
 * what the host's fetch, the test kit's and the tenant's grant all read. A secret without origins
 * (never in a manifest that validates) goes nowhere.
 */
export function secretOrigins(manifest: Pick<PluginManifest, 'config'>): Record<string, string[]> {
  return Object.fromEntries(
    (manifest.config ?? [])
      .filter((field) => field.secret === true)
      .map((field) => [field.key, [...(field.origins ?? [])]]),
  );
}
