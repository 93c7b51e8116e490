import type { CoreReadOperation, HostFetchRequest, PluginLogLevel, SandboxHost } from '@kredo/sdk/sandbox';
import { createSandbox, type PluginSandbox } from '@kredo/sdk/sandbox';
import type { FromWorker, ToWorker, WorkerSettings } from './pool-protocol.ts';
import { startWatchdog } from './worker-watchdog.ts';

/**
 * A plugin-host process: started by the plugin pool with `child_process.fork`, it keeps one sandbox
 * per key (an installation as it is now), runs the calls the pool hands it and relays every `ctx.*`
 * call to the parent, which answers it with that call's own host functions. Its watchdog thread
 * ends the process when a slice cannot be stopped or memory passes the ceiling; the pool starts
 * another.
 */

interface Loaded {
  sandbox: PluginSandbox;
  calls: number;
  lastUsed: number;
  /** Forgotten while calls ran: disposed when the last one ends. */
  retiring: boolean;
}

const settings = JSON.parse(process.argv[2] ?? '') as WorkerSettings;
const sandboxes = new Map<string, Loaded>();
const hostRequests = new Map<number, (outcome: string) => void>();
let nextHostRequest = 0;
const watchdog = startWatchdog({ maxRssMb: settings.maxRssMb, overrunGraceMs: settings.overrunGraceMs });
watchdog.onPressure(evictIdle);

function send(message: FromWorker): void {
  process.send?.(message);
}

/** Host functions for one call, which ask the parent; it validates them and runs that call's host. */
function relayHost(callId: number): SandboxHost {
  const ask = async (op: string, args: unknown[]): Promise<unknown> => {
    const id = ++nextHostRequest;
    const outcome = await new Promise<string>((resolve) => {
      hostRequests.set(id, resolve);
      send({ type: 'host', id, callId, op, argsJson: JSON.stringify(args) });
    });
    const answer = JSON.parse(outcome) as { ok: boolean; value?: unknown; error?: Record<string, unknown> };
    if (answer.ok) return answer.value;
    // Rebuilt as a typed Error so the sandbox's bridge hands the plugin the same code.
    throw Object.assign(new Error(String(answer.error?.message ?? 'the host function failed')), {
      code: answer.error?.code,
      retryable: answer.error?.retryable === true,
    });
  };
  return {
    log: async (level: PluginLogLevel, message: string) => {
      await ask('log', [level, message]);
    },
    storageGet: (storageKey: string) => ask('storage.get', [storageKey]),
    storageSet: async (storageKey: string, value: unknown) => {
      await ask('storage.set', [storageKey, value]);
    },
    storageList: (prefix: string) => ask('storage.list', [prefix]) as Promise<string[]>,
    fetch: (request: HostFetchRequest) => ask('http.fetch', [request]),
    coreRead: (operation: CoreReadOperation, id: string) => ask(`core.${operation}`, [id]),
  };
}

async function runCall(message: Extract<ToWorker, { type: 'call' }>): Promise<void> {
  let loaded = sandboxes.get(message.key);
  if (loaded === undefined || loaded.sandbox.disposed) {
    if (loaded !== undefined) forget(message.key);
    if (message.code === undefined) {
      send({ type: 'missing', id: message.id });
      return;
    }
    const created = createSandbox({
      code: message.code,
      host: relayHost(message.id),
      limits: settings.limits,
      // Stack traces show it: it names nothing of the tenant or the installation.
      filename: 'plugin.js',
      monitor: watchdog,
    });
    if (!created.ok) {
      send({ type: 'result', id: message.id, result: created });
      return;
    }
    loaded = { sandbox: created.value, calls: 0, lastUsed: Date.now(), retiring: false };
    sandboxes.set(message.key, loaded);
  }
  loaded.calls++;
  const result = await loaded.sandbox.call(message.hook, JSON.parse(message.payloadJson), {
    config: JSON.parse(message.configJson),
    host: relayHost(message.id),
    tag: message.id,
  });
  loaded.calls--;
  loaded.lastUsed = Date.now();
  if (loaded.sandbox.disposed || (loaded.retiring && loaded.calls === 0)) forget(message.key);
  send({ type: 'result', id: message.id, result });
}

function forget(key: string): void {
  const loaded = sandboxes.get(key);
  if (loaded === undefined) return;
  sandboxes.delete(key);
  loaded.sandbox.dispose();
  send({ type: 'evicted', key });
}

/** An installation changed or went: its sandboxes go now, or when their last call ends. */
function forgetInstallation(prefix: string, keep: string | undefined): void {
  for (const [key, loaded] of sandboxes) {
    if (!key.startsWith(prefix) || key === keep) continue;
    if (loaded.calls === 0) forget(key);
    else loaded.retiring = true;
  }
}

/** Disposes idle sandboxes: those unused for `idleMs`, or every idle one under memory pressure. */
function evictIdle(all = true): void {
  const cutoff = all ? Number.POSITIVE_INFINITY : Date.now() - settings.idleMs;
  for (const [key, loaded] of sandboxes) {
    if (loaded.calls === 0 && loaded.lastUsed <= cutoff) forget(key);
  }
}

function close(): void {
  for (const loaded of sandboxes.values()) loaded.sandbox.dispose();
  sandboxes.clear();
  process.exit(0);
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'call') void runCall(message);
  else if (message.type === 'host-answer') {
    const resolve = hostRequests.get(message.id);
    hostRequests.delete(message.id);
    resolve?.(message.outcome);
  } else if (message.type === 'forget') forgetInstallation(message.prefix, message.keep);
  else if (message.type === 'close') close();
});
// The parent is gone: nobody is left to answer, so neither should this process be.
process.on('disconnect', close);
setInterval(() => evictIdle(false), Math.max(10, Math.floor(settings.idleMs / 2))).unref();
send({ type: 'ready' });
