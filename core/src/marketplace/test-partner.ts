import { exportJWK, generateKeyPair } from 'jose';
import type { Caller } from '../http/test-api.ts';
import { newId } from '../shared/ids.ts';
import { signVersion } from './sign-version.ts';

type MakeCaller = (tenantId: string, scopes: string[], subject: string) => Promise<Caller>;

/**
 * A partner for tests that need a published plugin: a publisher with a registered Ed25519 key that
 * signs and uploads versions through the API, exactly as `kredo-plugin sign` and `publish` do.
 */
export async function createTestPartner(caller: MakeCaller, tenantId: string, name: string) {
  const publisherId = newId('publisher');
  const api = await caller(tenantId, ['marketplace:publish'], publisherId);
  const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const registered = await api('POST', `/api/v1/marketplace/publishers/${publisherId}/keys`, {
    publisherName: name,
    publicKey: await exportJWK(keys.publicKey),
  });
  if (registered.status !== 201) throw new Error(`key not registered: ${JSON.stringify(registered.body)}`);

  async function publish(manifest: { id: string; version: string }, bundle: string) {
    const bytes = Buffer.from(bundle);
    const signature = await signVersion(keys.privateKey, manifest, bytes);
    return api('POST', '/api/v1/marketplace/versions', {
      manifest,
      bundle: bytes.toString('base64'),
      signature,
    });
  }

  return { publisherId, publish };
}
