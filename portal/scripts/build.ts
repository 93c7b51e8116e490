// Builds the widget into ONE minified ES module, dist/kredo-portal.js, plus a copy named by its
// content hash that core serves with a year's cache (dist/manifest.json names it).
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const portalRoot = fileURLToPath(new URL('..', import.meta.url));
export const DIST = `${portalRoot}dist`;

export interface PortalBuild {
  /** The hashed file's name, e.g. `kredo-portal.3f9a1c2b7d.js`. */
  script: string;
  bytes: number;
}

/** Builds into `outdir` (portal/dist unless a test wants its own), replacing what was there. */
export async function buildPortal(outdir = DIST): Promise<PortalBuild> {
  const result = await build({
    entryPoints: [`${portalRoot}src/index.ts`],
    bundle: true,
    minify: true,
    format: 'esm',
    // What every browser with adopted stylesheets and custom elements runs.
    target: 'es2022',
    write: false,
    legalComments: 'none',
    // @kredo/sdk from its source (its money rules); bundled, tree-shaken to what the widget uses.
    conditions: ['kredo-source'],
    // The SDK's Node-only modules are never reached from the widget's imports (the SDK declares no
    // side effects, so they are dropped); the size test fails should an import of one remain.
    external: ['node:*'],
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild produced no output');
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 10);
  const script = `kredo-portal.${hash}.js`;
  // Older hashed copies go: dist holds one build.
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await writeFile(`${outdir}/kredo-portal.js`, code);
  await writeFile(`${outdir}/${script}`, code);
  const built: PortalBuild = { script, bytes: code.byteLength };
  await writeFile(`${outdir}/manifest.json`, `${JSON.stringify(built, null, 2)}\n`);
  return built;
}

if (import.meta.main) {
  const built = await buildPortal();
  console.log(`portal: dist/${built.script} (${built.bytes} bytes)`);
}
