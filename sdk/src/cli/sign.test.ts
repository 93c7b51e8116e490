import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json.ts';
import { fixtureManifest, fixtureProject } from './fixture-project.ts';
import { generateSigningKey } from './keygen.ts';
import { publishCommand } from './publish.ts';
import { signCommand, signVersion } from './sign.ts';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and unicode, adds no whitespace', () => {
    const value = { b: [{ z: 1, a: 'é' }, 2], a: { ü: '日本', A: null, _: true }, '10': 'x', '9': 'y' };
    expect(canonicalJson(value)).toBe(
      '{"9":"y","10":"x","a":{"A":null,"_":true,"ü":"日本"},"b":[{"a":"é","z":1},2]}',
    );
  });
});

describe('signVersion', () => {
  it('signs a JWS that verifies with the public key and whose hashes match the files', async () => {
    // Keys in odd order and non-ASCII text: the hash is over the canonical form, as the server computes it.
    const manifest = {
      version: fixtureManifest.version,
      requirements: { core: '^0.1.0' },
      publisher: { name: 'Zürich Kredit AG — 信用', id: 'com.example' },
      name: 'Ünïcode ✓',
      id: fixtureManifest.id,
    };
    const dir = await fixtureProject({
      'manifest.json': JSON.stringify(manifest, null, 4),
      'dist/plugin.js': 'globalThis.__kredo = { hooks: {} };\n',
    });
    const publicJwk = await generateSigningKey(path.join(dir, 'key.json'));
    expect((await stat(path.join(dir, 'key.json'))).mode & 0o777).toBe(0o600);
    expect(publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });

    const jws = await signVersion({
      keyFile: path.join(dir, 'key.json'),
      manifestFile: path.join(dir, 'manifest.json'),
      bundleFile: path.join(dir, 'dist/plugin.js'),
    });
    expect(decodeProtectedHeader(jws).alg).toBe('EdDSA');
    const { payload } = await compactVerify(jws, await importJWK(publicJwk, 'EdDSA'));
    const claims = JSON.parse(new TextDecoder().decode(payload));

    const sortedByHand =
      '{"id":"com.example.fixture","name":"Ünïcode ✓","publisher":{"id":"com.example","name":"Zürich Kredit AG — 信用"},' +
      '"requirements":{"core":"^0.1.0"},"version":"1.2.0"}';
    expect(claims).toEqual({
      pluginId: 'com.example.fixture',
      version: '1.2.0',
      bundleSha256: sha256(await readFile(path.join(dir, 'dist/plugin.js'))),
      manifestSha256: sha256(Buffer.from(sortedByHand, 'utf8')),
    });
  });

  it('refuses a public key and an invalid manifest', async () => {
    const dir = await fixtureProject({
      'manifest.json': JSON.stringify({ ...fixtureManifest, version: 'one' }),
      'dist/plugin.js': '',
    });
    const publicJwk: JWK = await generateSigningKey(path.join(dir, 'key.json'));
    await writeFile(path.join(dir, 'public.json'), JSON.stringify(publicJwk));
    const files = {
      manifestFile: path.join(dir, 'manifest.json'),
      bundleFile: path.join(dir, 'dist/plugin.js'),
    };
    await expect(signVersion({ ...files, keyFile: path.join(dir, 'public.json') })).rejects.toThrow(
      'not an Ed25519 private JWK',
    );
    await expect(signVersion({ ...files, keyFile: path.join(dir, 'key.json') })).rejects.toThrow(/version: /);
  });
});

describe('sign and publish usage', () => {
  it('shows the flags that have defaults as optional', () => {
    expect(signCommand.usage).toBe(
      'sign --key key.json [--manifest manifest.json] [--bundle dist/plugin.js] [--out signature.jws]',
    );
    for (const flag of [
      '--token $TOKEN',
      '--manifest manifest.json',
      '--bundle dist/plugin.js',
      '--signature signature.jws',
    ]) {
      expect(publishCommand.usage).toContain(`[${flag}]`);
    }
  });
});
