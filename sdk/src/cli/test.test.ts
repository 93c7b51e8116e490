import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixtureProject } from './fixture-project.ts';
import { initProject } from './init.ts';
import { runScenarios } from './test.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

async function initedProject(): Promise<string> {
  const dir = path.join(await fixtureProject({}), 'my-plugin');
  await initProject(dir);
  return dir;
}

/** `kredo-plugin test` as a user runs it, in the project directory. */
async function cli(cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ['--no-node-snapshot', '--import', tsx, main, 'test'];
  return promisify(execFile)(process.execPath, args, { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const overAllocated = (amount: number, expected: unknown) =>
  JSON.stringify({
    name: `allocating ${amount}`,
    hook: 'payment.received',
    payload: {
      payment: {
        id: 'pay_2',
        amount: { amount: 100, currency: 'EUR' },
        allocations: [{ invoiceId: 'inv_1', amount: { amount, currency: 'EUR' } }],
      },
    },
    expect: expected,
  });

describe('kredo-plugin test', () => {
  it('passes on a freshly init-ed project', async () => {
    const dir = await initedProject();
    const { code, stdout } = await cli(dir);
    expect(stdout).toBe('✓ a payment that allocates no more than it pays is accepted\n1 scenarios passed\n');
    expect(code).toBe(0);
  });

  it('prints the first mismatch of each failing scenario and exits 1', async () => {
    const dir = await initedProject();
    await writeFile(
      path.join(dir, 'test/refused.scenario.json'),
      overAllocated(150, { ok: false, code: 'over_allocated' }),
    );
    await writeFile(
      path.join(dir, 'test/wrong-code.scenario.json'),
      overAllocated(150, { ok: false, code: 'nope' }),
    );
    await writeFile(
      path.join(dir, 'test/wrong-ok.scenario.json'),
      overAllocated(50, { ok: true, value: { n: 1 } }),
    );
    const { code, stdout, stderr } = await cli(dir);
    expect(stdout.split('\n')).toEqual([
      '✓ a payment that allocates no more than it pays is accepted',
      '✓ allocating 150',
      '✗ allocating 150: expected nope, got over_allocated: payment pay_2 allocates more than it pays',
      '✗ allocating 50: value: expected an object, got nothing',
      '',
    ]);
    expect(stderr).toBe('kredo-plugin test: 2 of 4 scenarios failed\n');
    expect(code).toBe(1);
  });

  it('names the first mismatching path inside a value', async () => {
    const dir = await fixtureProject({
      'manifest.json': JSON.stringify({
        id: 'com.example.echo',
        name: 'Echo',
        version: '1.0.0',
        publisher: { id: 'com.example', name: 'Example' },
        requirements: { core: '^0.1.0' },
        hooks: [{ name: 'reminder.compose', kind: 'filter' }],
        scopes: ['debtors:read', 'invoices:read'],
      }),
      'src/plugin.ts': `import { definePlugin, defineHook, ok } from '@kredo/sdk';
export default definePlugin({ manifest: {} as any, hooks: [defineHook('reminder.compose', (input: any, ctx) =>
  ok({ links: [{ label: 'Pay', url: 'https://pay.example/' + input.reminderId }], mode: ctx.config.mode }))] });`,
      'test/echo.scenario.json': JSON.stringify({
        name: 'echo',
        hook: 'reminder.compose',
        payload: { reminderId: 'r1' },
        config: { mode: 'live' },
        expect: { ok: true, value: { mode: 'live', links: [{ url: 'https://pay.example/r2' }] } },
      }),
    });
    const lines: string[] = [];
    expect(
      await runScenarios({
        manifest: 'manifest.json',
        entry: 'src/plugin.ts',
        scenarios: 'test',
        cwd: dir,
        print: (line) => lines.push(line),
      }),
    ).toEqual({ passed: 0, failed: 1 });
    expect(lines).toEqual([
      '✗ echo: value.links[0].url: expected "https://pay.example/r2", got "https://pay.example/r1"',
    ]);
  });
});
