import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the embedded PostgreSQL', () => {
  it('stops at once when it was stopped first (Ctrl-C in a terminal reaches it too)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kredo-embedded-'));
    try {
      const server = await startEmbeddedPostgres({ dir, port: await freePort(), ephemeral: true });
      const pid = Number((await readFile(join(dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(pid, 'SIGINT');
      await expect.poll(() => alive(pid), { timeout: 15_000 }).toBe(false);
      await server.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
