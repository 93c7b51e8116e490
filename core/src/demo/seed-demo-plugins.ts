import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityManager } from '@mikro-orm/postgresql';
import { exportJWK, generateKeyPair } from 'jose';
import type { Orm } from '../db/orm.ts';
import { CORE_VERSION, publishVersion, registerKey, signVersion } from '../marketplace/index.ts';

/** The publisher the demo catalogue's reference plugins appear under: the namespace of their ids. */
export const DEMO_PUBLISHER_ID = 'dev.kredo';
const referencePlugins = fileURLToPath(new URL('../../../plugins/', import.meta.url));

/**
 * Puts the reference plugins of this checkout (plugins/*, built by `kredo-plugin build`) into the
 * marketplace catalogue, signed the way a partner signs: a fresh Ed25519 key registered for the demo
 * publisher, a JWS over bundle and manifest digests, and the marketplace's own verification. A version
 * already published is left alone; an unbuilt plugin is skipped with a hint. Answers what it published.
 */
export async function seedDemoPlugins(
  orm: Orm,
  options: { onProgress?: (message: string) => void; directory?: string } = {},
): Promise<string[]> {
  const directory = options.directory ?? referencePlugins;
  const built = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(directory, entry.name))
    .filter((dir) => existsSync(path.join(dir, 'manifest.json')));
  const em = orm.em.fork() as EntityManager;
  const keys = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  let registered = false;
  const published: string[] = [];
  for (const dir of built) {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const bundleFile = path.join(dir, 'dist', 'plugin.js');
    if (!existsSync(bundleFile)) {
      options.onProgress?.(`  ${manifest.id}: not built (pnpm --filter './plugins/*' run build)`);
      continue;
    }
    const [existing] = await em.execute('select 1 from plugin_version where plugin_id = ? and version = ?', [
      manifest.id,
      manifest.version,
    ]);
    if (existing) continue;
    if (!registered) {
      await registerKey(em, DEMO_PUBLISHER_ID, await exportJWK(keys.publicKey), manifest.publisher.name);
      registered = true;
    }
    const bundle = readFileSync(bundleFile);
    const signature = await signVersion(keys.privateKey, manifest, bundle);
    await publishVersion(em, DEMO_PUBLISHER_ID, { manifest, bundle, signature }, CORE_VERSION);
    published.push(`${manifest.id}@${manifest.version}`);
  }
  if (published.length > 0) options.onProgress?.(`  Marketplace: published ${published.join(', ')}`);
  return published;
}
