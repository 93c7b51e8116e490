import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/**
 * The esbuild plugin that keeps a bundle fit for the sandbox: a plugin may import its own files
 * (`./`, `../`) and `@kredo/sdk`, nothing else. It sees every import, the SDK's own included, so it
 * is also the check that no Node API reaches a bundle.
 */
export function importAllowlist(entryWrapper: string): Plugin {
  return {
    name: 'kredo-import-allowlist',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (args.path === '@kredo/sdk') return { path: sdkRuntimeEntry() };
        if (args.importer === entryWrapper) return undefined;
        if (args.path.startsWith('./') || args.path.startsWith('../')) return undefined;
        const from = path.relative(build.initialOptions.absWorkingDir ?? process.cwd(), args.importer);
        const reason = isBuiltin(args.path)
          ? 'Node built-ins do not exist in the plugin sandbox'
          : 'a plugin may import only its own files (./, ../) and @kredo/sdk';
        return { errors: [{ text: `${from} imports "${args.path}": refused, ${reason}` }] };
      });
    },
  };
}

/** What `@kredo/sdk` means inside a bundle: its pure part, from the built package or the source tree. */
export function sdkRuntimeEntry(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'plugin-runtime.js'), path.join(here, '..', 'plugin-runtime.ts')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`@kredo/sdk is damaged: none of ${candidates.join(', ')} exists`);
  return found;
}
