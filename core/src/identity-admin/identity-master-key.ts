import { hkdfSync } from 'node:crypto';
import type { Config } from '../config/load-config.ts';
import { secretsKey } from '../marketplace/index.ts';

/**
 * The key that seals the identity server's signing and cookie keys (and a tenant's upstream SSO
 * secret): derived from KREDO_SECRETS_KEY (or the generated one in the data directory) with HKDF and
 * an info string of its own, so that it is never the key that seals plugin secrets, and one secret
 * still backs up both.
 */
export async function identityMasterKey(config: Pick<Config, 'dataDir' | 'secretsKey'>): Promise<Buffer> {
  const root = await secretsKey(config.dataDir, config.secretsKey);
  return Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'kredo identity key sealing v1', 32));
}
