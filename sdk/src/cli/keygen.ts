import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';

/** Writes a new Ed25519 private JWK to `out` (mode 0600, never over an existing file); returns the public JWK. */
export async function generateSigningKey(out: string): Promise<JWK> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const privateJwk = await exportJWK(privateKey);
  try {
    await writeFile(out, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST')
      throw new CliError(`${out} exists; not overwriting a key`);
    throw error;
  }
  const { kty, crv, x } = await exportJWK(publicKey);
  return { kty, crv, x };
}

export const keygenCommand: Command = {
  name: 'keygen',
  usage: 'keygen --out key.json',
  summary: 'make an Ed25519 signing key pair: the private JWK to the file, the public JWK printed',
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } } });
    if (!values.out) throw new CliError('keygen needs --out <file> for the private key');
    const publicJwk = await generateSigningKey(values.out);
    console.error(`private key written to ${values.out} (keep it secret); register this public key:`);
    console.log(JSON.stringify(publicJwk));
  },
};
