import { HostFunctionError } from './host-error.ts';

/** The longest storage key or list prefix, in UTF-16 code units. */
export const maxStorageKeyChars = 256;

/** C0 controls (NUL included), DEL and C1 controls. */
const controlCharacter = /\p{Cc}/u;

/**
 * Why `value` cannot be a storage key (`kind: 'key'`, 1 to 256 characters) or a `storage.list` prefix
 * (0 to 256), or undefined when it can. Keys are PostgreSQL text: a NUL is refused there, and a lone
 * surrogate is stored as U+FFFD, so two different keys would share one row. Control characters are
 * refused as well: keys show in logs and consoles. The sandbox bridge checks first; core's host and the
 * test kit's storage check again with the same rule, so a plugin meets one behaviour everywhere.
 */
export function storageKeyProblem(value: unknown, kind: 'key' | 'prefix'): string | undefined {
  const min = kind === 'key' ? 1 : 0;
  if (typeof value !== 'string' || value.length < min || value.length > maxStorageKeyChars) {
    return kind === 'key'
      ? `storage key must be a string of 1 to ${maxStorageKeyChars} characters`
      : `storage prefix must be a string of at most ${maxStorageKeyChars} characters`;
  }
  if (!value.isWellFormed()) return `storage ${kind} must be well-formed Unicode (it has a lone surrogate)`;
  if (controlCharacter.test(value)) {
    return `storage ${kind} must not contain control characters (U+0000–U+001F, U+007F–U+009F)`;
  }
  return undefined;
}

/** Throws `invalid_argument` (a HostFunctionError) when `value` is no storage key or prefix. */
export function checkStorageKey(value: unknown, kind: 'key' | 'prefix'): asserts value is string {
  const problem = storageKeyProblem(value, kind);
  if (problem !== undefined) throw new HostFunctionError('invalid_argument', problem);
}
