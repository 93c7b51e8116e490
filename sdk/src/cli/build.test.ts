import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildPlugin } from './build.ts';
import { fixturePluginFiles, fixtureProject } from './fixture-project.ts';
import { initProject } from './init.ts';
import { validatePlugin } from './validate.ts';

describe('buildPlugin', () => {
  it('bundles a plugin into the sandbox format whose hooks run', async () => {
    const dir = await fixtureProject(fixturePluginFiles);
    const built = await buildPlugin({ cwd: dir, entry: 'src/plugin.ts', out: 'dist/plugin.js' });
    expect(built.hooks).toEqual(['invoice.overdue', 'reminder.compose']);

    const code = await readFile(path.join(dir, 'dist/plugin.js'), 'utf8');
    expect(code).not.toMatch(/\b(import|export|require)\b|node:/);
    const context = vm.createContext({});
    vm.runInContext(code, context);
    const hooks = context.__kredo.hooks;
    expect(Object.keys(hooks)).toEqual(['invoice.overdue', 'reminder.compose']);
    const composed = await hooks['reminder.compose']({ reminderId: 'r1' }, {});
    expect(JSON.parse(JSON.stringify(composed))).toEqual({
      ok: true,
      value: { links: [{ label: 'Pay', url: 'https://pay.example.com/r1' }] },
    });
  });

  it.each([
    [
      'node:fs',
      `import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`,
      'Node built-ins',
    ],
    ['fs', `import fs from 'fs';\nexport const read = fs.readFileSync;\n`, 'Node built-ins'],
    ['lodash', `import chunk from 'lodash/chunk';\nexport const read = chunk;\n`, 'only its own files'],
  ])('refuses an import of %s, naming the import and the file', async (name, helper, reason) => {
    const dir = await fixtureProject({
      'src/plugin.ts': `import { definePlugin } from '@kredo/sdk';\nimport { read } from './helper.ts';\nexport default definePlugin({ manifest: {} as never, hooks: [], read } as never);\n`,
      'src/helper.ts': helper,
    });
    const built = buildPlugin({ cwd: dir, entry: 'src/plugin.ts', out: 'dist/plugin.js' });
    await expect(built).rejects.toThrow(
      `src/helper.ts imports "${name.replace('lodash', 'lodash/chunk')}": refused`,
    );
    await expect(built).rejects.toThrow(reason);
  });

  it('scaffolds with init a project that builds and validates', async () => {
    const dir = await fixtureProject({});
    await initProject(path.join(dir, 'my-plugin'));
    const cwd = path.join(dir, 'my-plugin');
    const built = await buildPlugin({ cwd, entry: 'src/plugin.ts', out: 'dist/plugin.js' });
    expect(built.hooks).toEqual(['payment.received']);
    expect(await validatePlugin(path.join(cwd, 'manifest.json'), path.join(cwd, 'dist/plugin.js'))).toEqual(
      [],
    );
  });
});
