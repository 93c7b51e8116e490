import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CompactSign, importJWK, type JWK } from 'jose';
import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { validateManifest } from '../manifest.ts';
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';
import { readJson } from './read-json.ts';

/** What the marketplace verifies (core/src/marketplace/signed-version.ts), in that key order. */
export interface SignedVersionClaims {
  pluginId: string;
  version: string;
  bundleSha256: string;
  manifestSha256: string;
}

export function versionClaims(
  manifest: { id: string; version: string },
  bundle: Uint8Array,
): SignedVersionClaims {
  return {
    pluginId: manifest.id,
    version: manifest.version,
    bundleSha256: sha256Hex(bundle),
    manifestSha256: sha256Hex(canonicalJson(manifest)),
  };
}

export interface SignOptions {
  keyFile: string;
  manifestFile: string;
  bundleFile: string;
}

/** A compact JWS (EdDSA) over the claims of this manifest and bundle. */
export async function signVersion(options: SignOptions): Promise<string> {
  const jwk = (await readJson(options.keyFile)) as JWK;
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d) {
    throw new CliError(
      `${options.keyFile} is not an Ed25519 private JWK (make one with kredo-plugin keygen)`,
    );
  }
  const manifest = await readJson(options.manifestFile);
  const checked = validateManifest(manifest);
  if (!checked.ok) {
    const lines = checked.errors.map((error) => `  ${error.path || '(manifest)'}: ${error.message}`);
    throw new CliError(`${options.manifestFile} is not a valid manifest:\n${lines.join('\n')}`);
  }
  const bundle = await readFile(options.bundleFile);
  // Hash the manifest as read, not the validator's copy: the server hashes what it is sent.
  const claims = versionClaims(manifest as { id: string; version: string }, bundle);
  const key = await importJWK(jwk, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA' })
    .sign(key);
}

export const signCommand: Command = {
  name: 'sign',
  usage: 'sign --key key.json [--manifest manifest.json] [--bundle dist/plugin.js] [--out signature.jws]',
  summary: 'sign the version: a compact JWS over the bundle and canonical-manifest SHA-256',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        key: { type: 'string' },
        manifest: { type: 'string', default: 'manifest.json' },
        bundle: { type: 'string', default: 'dist/plugin.js' },
        out: { type: 'string' },
      },
    });
    if (!values.key) throw new CliError('sign needs --key <private JWK file>');
    const jws = await signVersion({
      keyFile: values.key,
      manifestFile: values.manifest,
      bundleFile: values.bundle,
    });
    if (values.out) {
      await writeFile(values.out, `${jws}\n`);
      console.error(`signature written to ${values.out}`);
    } else {
      console.log(jws);
    }
  },
};
