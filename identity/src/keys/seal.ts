import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The master key must be 32 bytes: AES-256. Checked at start-up, not at first use. */
export function checkMasterKey(masterKey: Buffer): void {
  if (masterKey.length !== 32) throw new Error('identity: masterKey must be 32 bytes (AES-256-GCM)');
}

/**
 * AES-256-GCM: iv ‖ tag ‖ ciphertext. `context` (the key's id) is bound as additional data, so a
 * sealed value moved to another row does not open.
 */
export function seal(masterKey: Buffer, plaintext: string, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function open(masterKey: Buffer, sealed: Buffer, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', masterKey, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error(
      `identity: key ${context} does not open with this master key (was KREDO_SECRETS_KEY changed?)`,
    );
  }
}
