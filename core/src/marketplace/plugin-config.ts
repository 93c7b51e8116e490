import { invalid } from '../shared/errors.ts';
import type { ConfigField, PluginManifest } from './verify-manifest.ts';

export type ConfigValue = string | number | boolean;

/**
 * Applies a change to an installation's settings, checked against the manifest's config fields: a
 * non-secret field goes to `config`, a secret field to `secrets`; `null` removes a value.
 */
export function applyConfigChange(
  manifest: PluginManifest,
  current: { config: Record<string, ConfigValue>; secrets: Record<string, string> },
  change: { config?: Record<string, ConfigValue | null>; secrets?: Record<string, string | null> },
) {
  const fields = new Map((manifest.config ?? []).map((f) => [f.key, f]));
  const config = { ...current.config };
  const secrets = { ...current.secrets };
  for (const [key, value] of Object.entries(change.config ?? {})) {
    const field = fields.get(key);
    const path = `config.${key}`;
    if (!field) throw invalid(path, `is not a setting of ${manifest.id}`);
    if (field.secret) throw invalid(path, 'is a secret: set it under secrets');
    if (value === null) delete config[key];
    else config[key] = checkValue(field, value, path);
  }
  for (const [key, value] of Object.entries(change.secrets ?? {})) {
    const field = fields.get(key);
    const path = `secrets.${key}`;
    if (!field?.secret) throw invalid(path, `is not a secret of ${manifest.id}`);
    if (value === null) delete secrets[key];
    else secrets[key] = checkValue(field, value, path) as string;
  }
  return { config, secrets };
}

/** The first required setting that has no value, as the field a 400 names; undefined when complete. */
export function missingRequired(
  manifest: PluginManifest,
  config: Record<string, ConfigValue>,
  secrets: Record<string, string>,
): string | undefined {
  for (const field of manifest.config ?? []) {
    if (!field.required) continue;
    if (field.secret ? secrets[field.key] === undefined : config[field.key] === undefined) {
      return `${field.secret ? 'secrets' : 'config'}.${field.key}`;
    }
  }
  return undefined;
}

function checkValue(field: ConfigField, value: ConfigValue, path: string): ConfigValue {
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') throw invalid(path, 'must be a string');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(path, 'must be a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(path, 'must be true or false');
      return value;
    case 'select':
      if (!field.options?.some((o) => o.value === value)) {
        throw invalid(path, `must be one of ${(field.options ?? []).map((o) => o.value).join(', ')}`);
      }
      return value;
  }
}
