import { canonicalJson, sha256Hex } from '@kredo/sdk/host';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { DomainError, invalid } from '../shared/errors.ts';

/** What a publisher signs: the version's identity and the hashes of exactly what it uploads. */
export interface SignedVersionClaims {
  pluginId: string;
  version: string;
  bundleSha256: string;
  manifestSha256: string;
}

export interface UploadedVersion {
  pluginId: string;
  version: string;
  manifest: unknown;
  bundle: Buffer;
  /** Compact JWS (EdDSA over Ed25519) whose payload is the SignedVersionClaims as JSON. */
  signature: string;
}

const badSignature = (message: string) =>
  new DomainError('invalid_signature', 400, `signature: ${message}`, { field: 'signature' });

/**
 * Accepts the upload only if one of the publisher's live keys signed it and the signed claims name
 * this plugin version and the hashes of this bundle and this manifest (in canonical JSON).
 */
export async function verifySignedVersion(
  upload: UploadedVersion,
  keys: JWK[],
): Promise<SignedVersionClaims> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(upload.signature);
  } catch {
    throw badSignature('is not a compact JWS');
  }
  if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519')
    throw badSignature('must be signed with EdDSA (Ed25519)');
  if (keys.length === 0) throw badSignature('the publisher has no signing key that is not revoked');

  let payload: Uint8Array | undefined;
  for (const jwk of keys) {
    try {
      const key = await importJWK(jwk, 'EdDSA');
      payload = (await compactVerify(upload.signature, key, { algorithms: ['EdDSA', 'Ed25519'] })).payload;
      break;
    } catch {
      // Not this key; try the publisher's next one.
    }
  }
  if (!payload) throw badSignature("does not verify with any of the publisher's keys that are not revoked");

  const claims = parseClaims(payload);
  if (claims.pluginId !== upload.pluginId || claims.version !== upload.version) {
    throw badSignature(
      `signs ${claims.pluginId}@${claims.version}, not ${upload.pluginId}@${upload.version}`,
    );
  }
  if (claims.bundleSha256 !== sha256Hex(upload.bundle)) {
    throw invalid('bundle', 'its SHA-256 differs from the signed bundleSha256');
  }
  if (claims.manifestSha256 !== sha256Hex(canonicalJson(upload.manifest))) {
    throw invalid('manifest', 'its SHA-256 (canonical JSON) differs from the signed manifestSha256');
  }
  return claims;
}

function parseClaims(payload: Uint8Array): SignedVersionClaims {
  let claims: Partial<Record<keyof SignedVersionClaims, unknown>>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw badSignature('payload is not JSON');
  }
  for (const key of ['pluginId', 'version', 'bundleSha256', 'manifestSha256'] as const) {
    if (typeof claims?.[key] !== 'string') throw badSignature(`payload lacks ${key}`);
  }
  return claims as SignedVersionClaims;
}
