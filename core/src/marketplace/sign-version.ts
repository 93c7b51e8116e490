import { canonicalJson, sha256Hex } from '@kredo/sdk/host';
import { CompactSign, type CryptoKey } from 'jose';

/**
 * A publisher's JWS over a version, exactly as `kredo-plugin sign` makes it: plugin id, version, and
 * the SHA-256 of the bundle and of the canonical manifest, signed with Ed25519. For core's own
 * publishing (the demo catalogue, tests); partners sign with the CLI.
 */
export function signVersion(
  privateKey: CryptoKey,
  manifest: { id: string; version: string },
  bundle: Buffer,
): Promise<string> {
  const claims = {
    pluginId: manifest.id,
    version: manifest.version,
    bundleSha256: sha256Hex(bundle),
    manifestSha256: sha256Hex(canonicalJson(manifest)),
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA' })
    .sign(privateKey);
}
