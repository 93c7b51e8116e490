import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 as authenticator apps do it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD = 30;
const TOTP_DIGITS = 6;
/** One step either side of now: a phone's clock a little off, or a code typed as it changed. */
const TOLERANCE_SECONDS = TOTP_PERIOD;

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), Base32 as apps expect. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A secret from given bytes (RFC 4648 Base32, no padding): for a secret derived elsewhere, such as the demo's. */
export function totpSecretFromBytes(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The otpauth:// URI an authenticator app scans, labelled with the issuer and the e-mail. */
export function totpUri(secret: string, email: string, issuer = 'Kredo'): string {
  return generateURI({ issuer, label: email, secret, period: TOTP_PERIOD, digits: TOTP_DIGITS });
}

/**
 * Checks a code at `now` within one step either side, refusing any step at or before
 * `lastTimeStep` (the one last accepted): a code is used once, and so is every earlier one. Returns
 * the step the code belongs to (to store as the new last one), or null. The comparison is otplib's
 * constant-time one; malformed codes are refused, not thrown.
 */
export async function checkTotp(
  secret: string | Uint8Array,
  code: string,
  now: Date,
  lastTimeStep: number | null,
  options: { digits?: 6 | 8; algorithm?: 'sha1' | 'sha256' | 'sha512'; tolerance?: number } = {},
): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  try {
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      period: TOTP_PERIOD,
      digits: options.digits ?? TOTP_DIGITS,
      algorithm: options.algorithm ?? 'sha1',
      epochTolerance: options.tolerance ?? TOLERANCE_SECONDS,
      ...(lastTimeStep !== null && { afterTimeStep: lastTimeStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    // A token of the wrong shape, or a last step ahead of now (a clock set back): not accepted.
    return null;
  }
}
