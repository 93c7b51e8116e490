import { canonicalJson } from './canonical-json.ts';
import { at, type Errors } from './manifest-checks.ts';

/**
 * How large a manifest may be. A manifest is shown to every tenant, signed, stored with each version
 * and read on every call: these bound what one publisher can make the marketplace carry. Each is far
 * above what a real plugin needs (the reference plugins use one origin and three settings).
 */
export const MANIFEST_LIMITS = {
  /** The whole manifest as canonical JSON (what is signed), in UTF-8 bytes. */
  bytes: 64 * 1024,
  /** `http.origins`. */
  origins: 20,
  /** `hooks`. */
  hooks: 32,
  /** `capabilities`. */
  capabilities: 16,
  /** `scopes`. */
  scopes: 32,
  /** `config`: settings a tenant fills in. */
  configFields: 50,
  /** `config[].options` of one select field. */
  options: 100,
  /** `config[].origins` of one secret field. */
  secretOrigins: 20,
  /** `webhooks`. */
  webhooks: 20,
} as const;

export type ManifestLimit = keyof typeof MANIFEST_LIMITS;

const topLevelLists: [path: string, read: (fields: Fields) => unknown, limit: ManifestLimit][] = [
  ['http.origins', (fields) => (isObject(fields.http) ? fields.http.origins : undefined), 'origins'],
  ['hooks', (fields) => fields.hooks, 'hooks'],
  ['capabilities', (fields) => fields.capabilities, 'capabilities'],
  ['scopes', (fields) => fields.scopes, 'scopes'],
  ['config', (fields) => fields.config, 'configFields'],
  ['webhooks', (fields) => fields.webhooks, 'webhooks'],
];

type Fields = Record<string, unknown>;

/**
 * Every limit the manifest exceeds, each an error at the list (or the manifest) with its limit's
 * name. Checked before anything else, so an oversized manifest costs no more than counting.
 */
export function checkLimits(fields: Fields): Errors {
  const errors: Errors = [];
  const bytes = canonicalBytes(fields);
  if (bytes === undefined || bytes > MANIFEST_LIMITS.bytes) {
    const size = bytes === undefined ? 'cannot be written as JSON' : `is ${bytes} bytes as canonical JSON`;
    errors.push({
      path: '',
      message: `${size}; at most ${MANIFEST_LIMITS.bytes} bytes are allowed (limit bytes)`,
      limit: 'bytes',
    });
  }
  for (const [path, read, limit] of topLevelLists) checkLength(read(fields), path, limit, errors);
  const config = fields.config;
  if (Array.isArray(config) && config.length <= MANIFEST_LIMITS.configFields) {
    config.forEach((field, index) => {
      if (!isObject(field)) return;
      checkLength(field.options, at(at('config', index), 'options'), 'options', errors);
      checkLength(field.origins, at(at('config', index), 'origins'), 'secretOrigins', errors);
    });
  }
  return errors;
}

function checkLength(value: unknown, path: string, limit: ManifestLimit, errors: Errors): void {
  if (!Array.isArray(value) || value.length <= MANIFEST_LIMITS[limit]) return;
  errors.push({
    path,
    message: `lists ${value.length} entries; at most ${MANIFEST_LIMITS[limit]} are allowed (limit ${limit})`,
    limit,
  });
}

/** Undefined for what JSON cannot carry (a BigInt, a cycle): never a manifest. */
function canonicalBytes(fields: Fields): number | undefined {
  try {
    return Buffer.byteLength(canonicalJson(fields));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
