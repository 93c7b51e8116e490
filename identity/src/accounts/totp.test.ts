import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpSecretFromBytes, totpUri } from './totp.ts';

/** RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it.each(RFC_VECTORS)('accepts the RFC 6238 appendix B SHA-1 value at %i s', async (seconds, code) => {
    const at = new Date(seconds * 1000);
    const step = Math.floor(seconds / 30);
    expect(await checkTotp(RFC_SECRET, code, at, null, { digits: 8, tolerance: 0 })).toBe(step);
    expect(await generate({ secret: RFC_SECRET, epoch: seconds, digits: 8, period: 30 })).toBe(code);
    // Another code at that time is refused.
    const wrong = String((Number(code) + 1) % 100_000_000).padStart(8, '0');
    expect(await checkTotp(RFC_SECRET, wrong, at, null, { digits: 8, tolerance: 0 })).toBeNull();
  });

  it('accepts a code one step either side, and refuses it once its step was used', async () => {
    const secret = newTotpSecret();
    const now = new Date('2026-12-07T10:00:15Z');
    const epoch = Math.floor(now.getTime() / 1000);
    const current = await generate({ secret, epoch });
    const previous = await generate({ secret, epoch: epoch - 30 });
    const twoBack = await generate({ secret, epoch: epoch - 60 });
    const step = Math.floor(epoch / 30);
    expect(await checkTotp(secret, previous, now, null)).toBe(step - 1);
    expect(await checkTotp(secret, twoBack, now, null)).toBeNull();
    expect(await checkTotp(secret, current, now, null)).toBe(step);
    // The replay: the same code in the same window, after its step was stored.
    expect(await checkTotp(secret, current, now, step)).toBeNull();
    // An older code after a newer one was used.
    expect(await checkTotp(secret, previous, now, step)).toBeNull();
  });

  it('refuses malformed codes without throwing', async () => {
    const secret = newTotpSecret();
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x'])
      expect(await checkTotp(secret, code, new Date(), null)).toBeNull();
  });

  it('makes 160-bit Base32 secrets and an otpauth URI with issuer and account', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(secret, 'ann@example.com')).toMatch(
      /^otpauth:\/\/totp\/Kredo:ann%40example\.com\?secret=[A-Z2-7]{32}&issuer=Kredo/,
    );
  });

  it('encodes given bytes as RFC 4648 Base32 (its test vectors, unpadded)', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(totpSecretFromBytes(bytes('foobar'))).toBe('MZXW6YTBOI');
    expect(totpSecretFromBytes(bytes('fooba'))).toBe('MZXW6YTB');
    expect(totpSecretFromBytes(bytes('f'))).toBe('MY');
  });
});
