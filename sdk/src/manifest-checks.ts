import type { ManifestLimit } from './manifest-limits.ts';

/** Small checks the manifest validator composes; each records an error at the path it was given. */
export interface ManifestError {
  /** Where the problem is, in accessor syntax: `http.origins[1]`, `config[0].options`. */
  path: string;
  message: string;
  /** Set when the problem is size: the entry of `MANIFEST_LIMITS` exceeded. */
  limit?: ManifestLimit;
}

export type Errors = ManifestError[];
type Fields = Record<string, unknown>;

export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** An object whose keys are all in `known`; each unknown key is an error of its own. */
export function checkObject(value: unknown, path: string, known: readonly string[], errors: Errors) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ path, message: 'must be an object' });
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      errors.push({ path: at(path, key), message: `is not a known field (known: ${known.join(', ')})` });
    }
  }
  return value as Fields;
}

export function checkRequired(
  fields: Fields,
  key: string,
  path: string,
  errors: Errors,
  message = 'is required',
): boolean {
  if (fields[key] === undefined) {
    errors.push({ path: at(path, key), message });
    return false;
  }
  return true;
}

export function checkString(
  value: unknown,
  path: string,
  errors: Errors,
  rule: { pattern?: RegExp; describe?: string; max?: number } = {},
): value is string {
  const max = rule.max ?? 200;
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push({ path, message: 'must be a non-empty string' });
    return false;
  }
  if (value.length > max) {
    errors.push({ path, message: `must be at most ${max} characters` });
    return false;
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    errors.push({ path, message: `must be ${rule.describe ?? `a string matching ${rule.pattern}`}` });
    return false;
  }
  return true;
}

export function checkBoolean(value: unknown, path: string, errors: Errors): void {
  if (value !== undefined && typeof value !== 'boolean')
    errors.push({ path, message: 'must be true or false' });
}

/** An array whose items are checked one by one; with `unique`, an item whose key was seen before is an error. */
export function checkArray(
  value: unknown,
  path: string,
  errors: Errors,
  each: (item: unknown, itemPath: string) => void,
  unique?: { key: (item: unknown) => unknown; path?: (itemPath: string) => string },
): void {
  if (!Array.isArray(value)) {
    errors.push({ path, message: 'must be an array' });
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((item, index) => {
    const itemPath = at(path, index);
    each(item, itemPath);
    if (!unique) return;
    const key = unique.key(item);
    if (key === undefined) return;
    if (seen.has(key)) {
      errors.push({ path: unique.path?.(itemPath) ?? itemPath, message: `repeats ${JSON.stringify(key)}` });
    }
    seen.add(key);
  });
}

/** The value of `field` on `item` when item is an object and the value a string; the uniqueness key of lists of objects. */
export function stringField(field: string) {
  return (item: unknown): string | undefined => {
    if (typeof item !== 'object' || item === null) return undefined;
    const value = (item as Fields)[field];
    return typeof value === 'string' ? value : undefined;
  };
}

export function checkOneOf<T extends string>(
  value: unknown,
  path: string,
  allowed: readonly T[],
  errors: Errors,
  what: string,
): value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    errors.push({ path, message: `must be a known ${what}: ${allowed.join(', ')}` });
    return false;
  }
  return true;
}
