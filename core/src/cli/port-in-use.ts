import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { ConfigError } from '../config/load-config.ts';

const run = promisify(execFile);

/**
 * Fails with one line naming the port, and what holds it when that can be told, unless Kredo can
 * listen on `host:port`: checked before anything starts, so that a second `kredo start` does not
 * start a database and run migrations only to end in a listen error.
 */
export async function assertPortFree(host: string, port: number, variable = 'KREDO_PORT'): Promise<void> {
  if (port === 0) return;
  const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const probe = createServer();
    probe.once('error', resolve);
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
  if (error?.code === 'EADDRINUSE') throw await portInUse(host, port, variable);
  if (error) throw error;
}

/** The error for a port already in use, saying by what: another Kredo (its /health answers), a process. */
export async function portInUse(host: string, port: number, variable = 'KREDO_PORT'): Promise<ConfigError> {
  const [kredo, holder] = await Promise.all([answersLikeKredo(host, port), listeningProcess(port)]);
  const what = [kredo ? 'another Kredo' : undefined, holder].filter(Boolean).join(', ');
  return new ConfigError(
    `port ${port} on ${host} is already in use${what ? ` by ${what}` : ''}: stop it, or set ${variable} to a free port`,
  );
}

async function answersLikeKredo(host: string, port: number): Promise<boolean> {
  const at = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  try {
    const res = await fetch(`http://${at.includes(':') ? `[${at}]` : at}:${port}/health`, {
      signal: AbortSignal.timeout(1000),
    });
    return (res.headers.get('x-request-id') ?? '').startsWith('req_');
  } catch {
    return false;
  }
}

/** `pid 123 (node … start --demo)` for the process listening on the port, when lsof can tell. */
async function listeningProcess(port: number): Promise<string | undefined> {
  try {
    const { stdout } = await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fp'], { timeout: 2000 });
    const pid = /^p(\d+)$/m.exec(stdout)?.[1];
    if (!pid) return undefined;
    const { stdout: command } = await run('ps', ['-o', 'args=', '-p', pid], { timeout: 2000 });
    const shown = command.trim().replace(/\s+/g, ' ');
    return `pid ${pid}${shown ? ` (${shown.length > 100 ? `…${shown.slice(-99)}` : shown})` : ''}`;
  } catch {
    return undefined;
  }
}
