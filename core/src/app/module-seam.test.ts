import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { moduleJobs } from './compose-modules.ts';
import type { ModuleDeps } from './module-deps.ts';
import { modules } from './modules.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const ARCHITECTURE = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');

/**
 * What each folder of `core/src/` is (docs/architecture.md, "Inside core"). A new folder must be
 * one of these: a module (listed in app/modules.ts), or named here as one of the others.
 */
const MACHINERY = ['auth', 'config', 'db', 'http', 'jobs', 'mail', 'plugin-host', 'shared'];
/** Between the machinery and the modules that call plugins: they use marketplace/ and the runtime. */
const PLUGIN_LAYER = ['capabilities', 'plugin-runtime'];
/** Above every module: the composition root and the programs built on it. */
const COMPOSITION = ['app', 'bench', 'cli', 'demo'];

/**
 * Machinery files that import a module, each with why. db/entities.ts is MikroORM's entity
 * registry: the ORM is created (db/orm.ts) before any module is composed.
 */
const MACHINERY_IMPORTS_ALLOWED = ['db/entities.ts'];

const folders = readdirSync(SRC, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const moduleFolders = folders.filter(
  (folder) => ![...MACHINERY, ...PLUGIN_LAYER, ...COMPOSITION].includes(folder),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `from '../<folder>/…'` in a folder's source (tests aside): which folders it reaches into. */
function importsInto(folder: string, targets: string[]): string[] {
  return sourceFiles(join(SRC, folder)).flatMap((path) => {
    const file = relative(SRC, path).split('\\').join('/');
    return [...readFileSync(path, 'utf8').matchAll(/from '(?:\.\.\/)+([\w-]+)\//g)]
      .filter((match) => targets.includes(match[1] as string) && match[1] !== folder)
      .map((match) => `${file} imports ${match[1]}/`);
  });
}

describe('the module seam', () => {
  it('lists every module folder once in app/modules.ts, named for its folder', () => {
    const names = modules.map((module) => module.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => !folders.includes(name))).toEqual([]);
    expect(moduleFolders.filter((folder) => !names.includes(folder))).toEqual([]);
  });

  it("exports each module's description from the module's index.ts", async () => {
    for (const folder of moduleFolders) {
      const surface: Record<string, unknown> = await import(`../${folder}/index.ts`);
      const listed = modules.find((module) => module.name === folder);
      expect(Object.values(surface), `${folder}/index.ts`).toContain(listed);
    }
  });

  it('keeps the shared machinery free of modules, the plugin layer and the composition root', () => {
    const reaching = MACHINERY.flatMap((folder) =>
      importsInto(folder, [...moduleFolders, ...PLUGIN_LAYER, ...COMPOSITION]),
    ).filter((line) => !MACHINERY_IMPORTS_ALLOWED.some((file) => line.startsWith(`${file} `)));
    expect(reaching).toEqual([]);
  });

  it('keeps modules off the composition root (test helpers aside)', () => {
    const reaching = [...moduleFolders, ...PLUGIN_LAYER]
      .flatMap((folder) => importsInto(folder, COMPOSITION))
      .filter((line) => !/\/test-[\w-]+\.ts /.test(line));
    expect(reaching).toEqual([]);
  });
});

/** The first column of the table under a heading of docs/architecture.md. */
function firstColumn(heading: string): string[] {
  const start = ARCHITECTURE.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/architecture.md has no "${heading}"`);
  const section = ARCHITECTURE.slice(start + heading.length + 2).split(/\n#{2,3} /)[0] ?? '';
  return [...section.matchAll(/^\| `([\w/-]+)` \|/gm)].map((match) => match[1] as string);
}

describe('docs/architecture.md', () => {
  it('maps every folder of core/src under what it is, and no folder that is gone', () => {
    const mapped = (heading: string) =>
      firstColumn(heading)
        .map((folder) => folder.replace(/\/$/, ''))
        .sort();
    expect(mapped('### Modules')).toEqual(moduleFolders);
    expect(mapped('### Plugin layer')).toEqual([...PLUGIN_LAYER].sort());
    expect(mapped('### Shared machinery')).toEqual([...MACHINERY].sort());
    expect(mapped('### Composition and tools')).toEqual([...COMPOSITION].sort());
  });

  it('lists every job task the modules define', () => {
    // The factories only build task functions; nothing runs, so stand-ins will do.
    const deps = new Proxy({}, { get: () => ({}) }) as ModuleDeps;
    const tasks = moduleJobs(modules, deps).flatMap((jobs) => Object.keys(jobs.tasks));
    expect(firstColumn('## Jobs').sort()).toEqual(tasks.sort());
  });
});
