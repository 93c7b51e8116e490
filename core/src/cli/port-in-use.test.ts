import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPortFree } from './port-in-use.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** A server on a free loopback port; `kredo` makes it answer /health as Kredo does. */
async function holdPort(kredo: boolean) {
  const server = createServer((_req, res) => {
    if (kredo) res.setHeader('x-request-id', 'req_01m0000000000000000000000');
    res.end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

describe('a port already in use', () => {
  it('is named, with what holds it: another Kredo, and its process', async () => {
    const port = await holdPort(true);
    const refused = assertPortFree('127.0.0.1', port);
    await expect(refused).rejects.toMatchObject({ name: 'ConfigError' });
    await expect(refused).rejects.toThrow(
      new RegExp(
        `^port ${port} on 127\\.0\\.0\\.1 is already in use by another Kredo.*: stop it, or set KREDO_PORT`,
      ),
    );
  });

  it('is named without guessing when the holder is not Kredo', async () => {
    const port = await holdPort(false);
    await expect(assertPortFree('127.0.0.1', port)).rejects.toThrow(/already in use(?! by another Kredo)/);
  });

  it('stops kredo start before it starts anything, in one line, with exit code 2', async () => {
    const port = await holdPort(true);
    const failed = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(here, 'main.ts'), 'start'],
      {
        cwd: join(here, '../..'),
        env: { ...process.env, KREDO_PORT: String(port), KREDO_LOG_LEVEL: 'silent' },
      },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect((failed as { stderr: string }).stderr).toMatch(
      new RegExp(`^kredo: port ${port} on 127\\.0\\.0\\.1 is already in use by another Kredo[^\\n]*\\n$`),
    );
  });

  it('is no obstacle when free', async () => {
    await expect(assertPortFree('127.0.0.1', 0)).resolves.toBeUndefined();
  });
});
