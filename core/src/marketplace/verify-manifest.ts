// The one place core reaches into the SDK: manifest rules live there, so publisher tooling and the
// marketplace check the same thing. A relative import until @kredo/sdk is a dependency of core.
import { type PluginManifest, satisfiesCore, validateManifest } from '@kredo/sdk';
import { DomainError } from '../shared/errors.ts';

export type { ConfigField, PluginManifest } from '@kredo/sdk';

/** The manifest, checked field by field and against this core's version; else a 400 naming the path. */
export function verifyManifest(input: unknown, coreVersion: string): PluginManifest {
  const result = validateManifest(input);
  if (!result.ok) {
    const [first] = result.errors;
    const field = first?.path ? `manifest.${first.path}` : 'manifest';
    throw new DomainError('invalid_manifest', 400, `${field}: ${first?.message ?? 'is not valid'}`, {
      field,
      errors: result.errors,
    });
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
