import { fileURLToPath } from 'node:url';

/** The `kredo` CLI's entry, as `pnpm kredo` runs it (core/package.json). */
export const cliMain = fileURLToPath(new URL('./main.ts', import.meta.url));

/**
 * For tests that run the real CLI in a child process: Node's flags as `pnpm kredo` gives them, so the
 * child resolves `@kredo/sdk` to its source (`kredo-source`) and can start the sandbox.
 */
export function cliNodeArgs(...args: string[]): string[] {
  return ['--no-node-snapshot', '--conditions=kredo-source', '--import', 'tsx', cliMain, ...args];
}
