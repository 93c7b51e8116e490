import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLog } from './start-logger.ts';

async function demoLog(databaseUrl?: string) {
  const dataDir = await mkdtemp(join(tmpdir(), 'kredo-log-'));
  const terminal: string[] = [];
  const { logger, file } = startLog(
    { logLevel: 'info', dataDir, databaseUrl },
    { demo: true, terminal: { write: (line: string) => terminal.push(line) } },
  );
  const written = async () =>
    (await readFile(file as string, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  return { logger, file, terminal, written };
}

// What the job queue's pool logs when PostgreSQL shuts down under it.
const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
  code: '57P01',
});

describe('the log of kredo start --demo', () => {
  it('goes to the data directory; the terminal gets warnings and errors as one readable line', async () => {
    const { logger, file, terminal, written } = await demoLog();
    expect(file).toMatch(/kredo\.log$/);
    logger.info({ requestId: 'req_1' }, 'request');
    logger.warn({ err: new Error('could not resolve api.mollie.com') }, 'plugin call failed');
    expect(terminal).toEqual(['kredo warning: plugin call failed: could not resolve api.mollie.com\n']);
    expect((await written()).map((line) => line.msg)).toEqual(['request', 'plugin call failed']);
  });

  it('logs connections lost to the embedded PostgreSQL stopping at debug, not as errors', async () => {
    const { logger, terminal, written } = await demoLog();
    logger.error({ worker: {}, err: shutdown }, 'PostgreSQL idle client generated error');
    logger.warn({ err: { message: 'Connection terminated unexpectedly' } }, 'a job queue connection failed');
    logger.warn(
      { err: { message: 'terminating connection due to administrator command' } },
      'installation change listener lost its connection',
    );
    // A request that failed meanwhile is still an error: its client got a 5xx.
    logger.error({ requestId: 'req_1', err: { message: 'Connection terminated' } }, 'request failed');
    expect(terminal).toEqual(['kredo error: request failed: Connection terminated\n']);
    expect((await written()).map((line) => line.msg)).toEqual(['request failed']);
  });

  it('keeps lost connections errors until the server is seen shutting down', async () => {
    const { logger, terminal } = await demoLog();
    logger.warn(
      { err: { message: 'connect ECONNREFUSED 127.0.0.1:54329' } },
      'a job queue connection failed',
    );
    expect(terminal).toEqual([
      'kredo warning: a job queue connection failed: connect ECONNREFUSED 127.0.0.1:54329\n',
    ]);
  });

  it('keeps them errors for a database of your own, which nothing here stops', async () => {
    const { logger, terminal } = await demoLog('postgres://kredo@db.internal/kredo');
    logger.error({ err: shutdown }, 'PostgreSQL idle client generated error');
    expect(terminal).toEqual([
      'kredo error: PostgreSQL idle client generated error: terminating connection due to administrator command\n',
    ]);
  });
});
