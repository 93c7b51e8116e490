// The one place core reaches into the SDK: manifest rules live there, so publisher tooling and the
// marketplace check the same thing. A relative import until @kredo/sdk is a dependency of core.
import { MANIFEST_LIMITS, type PluginManifest, validateManifest } from '@kredo/sdk';
import { satisfiesCore } from '@kredo/sdk/host';
import { DomainError } from '../shared/errors.ts';

export type { ConfigField, PluginManifest } from '@kredo/sdk';

/**
 * The manifest, checked field by field and against this core's version; else a 400 naming the path:
 * `manifest_limit_exceeded` (with the limit's name and maximum) for one too large, `invalid_manifest`
 * for any other problem.
 */
export function verifyManifest(input: unknown, coreVersion: string): PluginManifest {
  const result = validateManifest(input);
  if (!result.ok) {
    const first = result.errors.find((error) => error.limit !== undefined) ?? result.errors[0];
    const field = first?.path ? `manifest.${first.path}` : 'manifest';
    const message = `${field}: ${first?.message ?? 'is not valid'}`;
    if (first?.limit !== undefined) {
      throw new DomainError('manifest_limit_exceeded', 400, message, {
        field,
        limit: first.limit,
        max: MANIFEST_LIMITS[first.limit],
        errors: result.errors,
      });
    }
    throw new DomainError('invalid_manifest', 400, message, { field, errors: result.errors });
  }
  if (!satisfiesCore(result.manifest, coreVersion)) {
    throw new DomainError(
      'core_version_unsupported',
      400,
      `manifest.requirements.core: ${result.manifest.requirements.core} does not admit core ${coreVersion}`,
      { field: 'manifest.requirements.core', coreVersion },
    );
  }
  return result.manifest;
}
