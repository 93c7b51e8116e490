/**
 * Country calling codes of the countries whose national numbers start with a trunk `0` that E.164
 * drops (`06 1234 5678` in NL is `+31612345678`). Countries without a trunk prefix (IT, ES, PL, DK …)
 * are left out on purpose: their national numbers cannot be told from a foreign number without one.
 */
const TRUNK_ZERO_CALLING_CODES: Readonly<Record<string, string>> = {
  NL: '31',
  BE: '32',
  FR: '33',
  CH: '41',
  AT: '43',
  GB: '44',
  SE: '46',
  DE: '49',
  IE: '353',
  FI: '358',
};

export const E164 = /^\+[1-9][0-9]{6,14}$/;

/** True for a phone number already in E.164: `+`, country code, subscriber number, 7–15 digits. */
export function isE164(value: string): boolean {
  return E164.test(value);
}

/**
 * A phone number as people write it, in E.164, or undefined when it cannot be read as one:
 * `+31 6-1234 5678` and `0031 6 12345678` anywhere, `06 12345678` only with the debtor's country.
 */
export function toE164(raw: string, country?: string | null): string | undefined {
  if (!/^[+0-9 ()./-]+$/.test(raw.trim())) return undefined;
  const digits = raw.replace(/[^0-9]/g, '');
  const trimmed = raw.trim();
  let number: string | undefined;
  if (trimmed.startsWith('+')) number = `+${digits}`;
  else if (digits.startsWith('00')) number = `+${digits.slice(2)}`;
  else if (digits.startsWith('0') && country) {
    const code = TRUNK_ZERO_CALLING_CODES[country.toUpperCase()];
    if (code) number = `+${code}${digits.slice(1)}`;
  }
  return number && isE164(number) ? number : undefined;
}
