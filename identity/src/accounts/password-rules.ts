import { dictionary } from '@zxcvbn-ts/language-common';

/** Why a password is refused; the sign-in pages and core's API word it per language. */
export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; bounded so hashing stays a fixed cost. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * zxcvbn-ts's list of common passwords (about 49,000, from leaked-password frequency lists), used as
 * a plain set: the estimator itself is not needed for a yes/no rule. Built on first use.
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return common;
}

/**
 * The password rules, pure: at least 12 characters (counted as code points), not a common password
 * (whatever its case, also with digits or symbols added at the end: "Dragon2024!!" is "dragon"), and
 * not the e-mail address or its part before the @. Null when the password is acceptable.
 */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (commonPasswords().has(lower) || (stem.length > 0 && commonPasswords().has(stem))) return 'common';
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  if (lower.includes(address) || (local.length >= 4 && lower.includes(local))) return 'contains_email';
  return null;
}
