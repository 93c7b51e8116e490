#!/usr/bin/env node
// The `kredo-plugin` bin. It is committed, not built, so that it exists when pnpm links bins at
// install, before anything is built. In this repository it runs the CLI's TypeScript source through
// tsx (a workspace dependency), so it is never a stale build; in a packed SDK (no src/), dist/cli.js.
// The sandbox (isolated-vm) wants Node without its startup snapshot: without --no-node-snapshot, the
// bin starts Node again with it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Older Node fails later, deep in isolated-vm's native build: say what is needed in one line instead.
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`kredo-plugin: needs Node.js 24 or newer; this is Node.js ${process.versions.node}`);
  process.exit(2);
}
const args = process.argv.slice(2);
if (!process.execArgv.includes('--no-node-snapshot')) {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--no-node-snapshot', ...process.execArgv, self, ...args], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const dist = new URL('../dist/cli.js', import.meta.url);
const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else if (existsSync(dist)) {
  await import(dist.href);
} else {
  console.error('kredo-plugin: dist/cli.js is missing; build the SDK first (pnpm --filter @kredo/sdk build)');
  process.exit(1);
}
