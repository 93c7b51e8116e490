// Builds the widget into ONE minified ES module, dist/kredo-portal.js, plus a copy named by its
// content hash that core serves with a year's cache (dist/manifest.json names it).
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
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
  const built: PortalBuild = { script, bytes: code.byteLength };
  await mkdir(outdir, { recursive: true });
  await replaceFile(`${outdir}/${script}`, code);
  await replaceFile(`${outdir}/kredo-portal.js`, code);
  await replaceFile(`${outdir}/manifest.json`, `${JSON.stringify(built, null, 2)}\n`);
  // Older hashed copies go: dist holds one build.
  for (const name of await readdir(outdir)) {
    if (/^kredo-portal\.[0-9a-f]{10}\.js$/.test(name) && name !== script)
      await rm(`${outdir}/${name}`, { force: true });
  }
  return built;
}

/**
 * Writes a file by renaming a finished copy over it, so whoever reads it meanwhile (core serving
 * dist, another test file building the same source) sees the old file or the new one, never half.
 */
async function replaceFile(path: string, content: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

if (import.meta.main) {
  const built = await buildPortal();
  console.log(`portal: dist/${built.script} (${built.bytes} bytes)`);
}
