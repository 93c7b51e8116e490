import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SandboxLimits } from '@kredo/sdk/sandbox';
import {
  parseHostCall,
  runHostOperation,
  type SandboxHost,
  type SandboxResult,
  sandboxFailure,
} from '@kredo/sdk/sandbox';
import { installationSandboxKey } from './pool-options.ts';
import {
  type FromWorker,
  parseFromWorker,
  parseWatchdogReport,
  type ToWorker,
  type WatchdogReport,
  type WorkerSettings,
  watchdogFd,
} from './pool-protocol.ts';

/**
 * A call's outcome from the pool: the sandbox's, or one of the pool's own, none of them a breach:
 * `worker_lost` (the process died while it ran calls of several sandboxes, so nobody can tell
 * whose fault it was, see `crashOutcome`) and `overloaded` (the call waited its queue time out
 * behind other calls and never ran).
 */
export type PoolCallResult =
  | SandboxResult<unknown>
  | { ok: false; error: { code: 'worker_lost' | 'overloaded'; message: string; retryable: true } };

/** One call handed to a worker: run it now, in the sandbox for `key`, with `host` for its `ctx`. */
export interface WorkerCall {
  key: string;
  hook: string;
  payloadJson: string;
  configJson: string;
  code: string;
  host: SandboxHost;
  settle(result: PoolCallResult): void;
}

interface Running extends WorkerCall {
  timer: NodeJS.Timeout;
}

export interface WorkerProcessOptions {
  limits: SandboxLimits;
  idleMs: number;
  callDeadlineMs: number;
  maxRssMb: number;
  overrunGraceMs: number;
  /** The worker said it is ready: it takes calls from now on. */
  onReady(worker: WorkerProcess): void;
  /** Called once when the process has gone, whatever the reason, after its calls were answered. */
  onExit(worker: WorkerProcess): void;
}

const workerFile = fileURLToPath(new URL(`./pool-worker${extname(import.meta.url)}`, import.meta.url));
const closeGraceMs = 2000;
const maxCallId = 0x7fffffff;

/**
 * The parent's handle on one plugin-host process: sends it calls, answers its host-function requests
 * with each call's own host, and settles every call exactly once — with the worker's result,
 * `timeout` at the backstop deadline, the watchdog's verdict, or `worker_crashed` / `worker_lost`
 * when the process goes away.
 */
export class WorkerProcess {
  /** Keys the parent believes have a sandbox loaded in this worker (sends no code for those). */
  readonly loaded = new Set<string>();
  ready = false;
  /** Killed or gone: takes no more calls; its calls have been answered. */
  retired = false;
  private readonly child: ChildProcess;
  private readonly calls = new Map<number, Running>();
  private nextCallId = 0;
  private watchdogText = '';

  constructor(private readonly options: WorkerProcessOptions) {
    const settings: WorkerSettings = {
      limits: options.limits,
      idleMs: options.idleMs,
      maxRssMb: options.maxRssMb,
      overrunGraceMs: options.overrunGraceMs,
    };
    this.child = fork(workerFile, [JSON.stringify(settings)], {
      execArgv: workerExecArgv(),
      serialization: 'json',
      // fd 4 (`watchdogFd`): the watchdog's last word, read below.
      stdio: ['inherit', 'inherit', 'inherit', 'ipc', 'pipe'],
    });
    const watchdogPipe = this.child.stdio[watchdogFd] as Readable | null | undefined;
    watchdogPipe?.setEncoding('utf8');
    watchdogPipe?.on('data', (text: string) => {
      this.watchdogText = (this.watchdogText + text).slice(-4096);
    });
    this.child.on('message', (message) => this.onMessage(parseFromWorker(message)));
    // 'close' comes after the exit and after the watchdog's pipe is drained, so its report is read.
    this.child.once('close', () => this.retire());
    // A failed spawn also emits 'close'; nothing more to do here.
    this.child.on('error', () => {});
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get inFlight(): number {
    return this.calls.size;
  }

  /** Whether a call of the installation (its sandbox keys start with its id) runs here now. */
  runs(installationId: string): boolean {
    const prefix = installationSandboxKey(installationId, '');
    for (const call of this.calls.values()) if (call.key.startsWith(prefix)) return true;
    return false;
  }

  /** Hands the worker a call; the pool sends only to a ready worker with a free slot. */
  run(call: WorkerCall): void {
    if (this.retired || !this.ready) {
      call.settle(lost('the plugin host process had stopped'));
      return;
    }
    this.nextCallId = this.nextCallId >= maxCallId ? 1 : this.nextCallId + 1;
    const id = this.nextCallId;
    const timer = setTimeout(() => this.missedDeadline(id), this.options.callDeadlineMs);
    this.calls.set(id, { ...call, timer });
    this.sendCall(id, !this.loaded.has(call.key));
  }

  /** Disposes the sandboxes of an installation (keys starting with `prefix`) but `keep`. */
  forget(prefix: string, keep?: string): void {
    for (const key of this.loaded) if (key.startsWith(prefix) && key !== keep) this.loaded.delete(key);
    this.send({ type: 'forget', prefix, ...(keep === undefined ? {} : { keep }) });
  }

  /** Asks the worker to dispose its sandboxes and exit; kills it if it has not within a grace period. */
  async close(): Promise<void> {
    this.settleAll(sandboxFailure('disposed', 'the plugin pool was closed'));
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ type: 'close' });
    const grace = setTimeout(() => this.kill(), closeGraceMs);
    await gone;
    clearTimeout(grace);
  }

  /**
   * Kills the process and answers its calls now, so a replacement need not wait for the exit. We
   * killed it, so its calls did not crash it: they answer `worker_lost`, never a breach.
   */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    this.retire(() => lost('the plugin host process was stopped during the call'));
  }

  private sendCall(id: number, withCode: boolean): void {
    const call = this.calls.get(id);
    if (call === undefined) return;
    const { key, hook, payloadJson, configJson } = call;
    this.send({
      type: 'call',
      id,
      key,
      hook,
      payloadJson,
      configJson,
      ...(withCode ? { code: call.code } : {}),
    });
    if (withCode) this.loaded.add(key);
  }

  private send(message: ToWorker): void {
    if (!this.child.connected) return;
    // A channel closing under us surfaces as 'close', which settles the calls.
    this.child.send(message, () => {});
  }

  private onMessage(message: FromWorker | undefined): void {
    if (message?.type === 'ready') {
      this.ready = true;
      this.options.onReady(this);
    } else if (message?.type === 'result') {
      this.settle(message.id, message.result);
    } else if (message?.type === 'missing') {
      this.loaded.delete(this.calls.get(message.id)?.key ?? '');
      this.sendCall(message.id, true);
    } else if (message?.type === 'evicted') {
      this.loaded.delete(message.key);
    } else if (message?.type === 'host') {
      void this.answerHost(message);
    }
  }

  /** Runs a relayed `ctx.*` call with its call's host, validating it again: the worker is not trusted. */
  private async answerHost(message: Extract<FromWorker, { type: 'host' }>): Promise<void> {
    const { limits } = this.options;
    const call = this.calls.get(message.callId);
    const operation = call
      ? parseHostCall(message.op, message.argsJson, limits)
      : { code: 'call_ended', message: 'the call has ended', retryable: false };
    let outcome: string;
    if (call === undefined || !('run' in operation)) {
      outcome = JSON.stringify({ ok: false, error: operation });
    } else {
      outcome = await runHostOperation(operation, call.host, limits);
    }
    this.send({ type: 'host-answer', id: message.id, outcome });
  }

  private missedDeadline(id: number): void {
    const ms = this.options.callDeadlineMs;
    // The late call is charged (`timeout`); the others in flight are not (`kill` answers `worker_lost`).
    this.settle(id, sandboxFailure('timeout', `the plugin host did not answer within ${ms} ms`));
    this.kill();
  }

  private settle(id: number, result: PoolCallResult): void {
    const call = this.calls.get(id);
    if (call === undefined) return;
    this.calls.delete(id);
    clearTimeout(call.timer);
    call.settle(result);
  }

  private settleAll(result: PoolCallResult): void {
    for (const id of [...this.calls.keys()]) this.settle(id, result);
  }

  /** Answers the calls in flight, by `outcome` when given, else by what the watchdog or the crash tells. */
  private retire(outcome?: (id: number) => PoolCallResult): void {
    if (this.retired) return;
    this.retired = true;
    this.loaded.clear();
    const answer = outcome ?? exitOutcome(parseWatchdogReport(this.watchdogText), this.calls);
    for (const id of [...this.calls.keys()]) this.settle(id, answer(id));
    this.options.onExit(this);
  }
}

/**
 * Who pays for a process that went away by itself. When its watchdog ended it, the call whose slice
 * was running is charged with the limit it broke and the others answer `worker_lost`. Otherwise it
 * was taken down by one of its sandboxes (V8's fatal out-of-memory abort) but the parent cannot see
 * which: with calls of one sandbox key in flight that key is the culprit (`worker_crashed`, a
 * breach); with several, everyone answers `worker_lost`, retryable and no breach, so a neighbour's
 * bomb never pushes an innocent plugin towards automatic disabling.
 */
export function exitOutcome(
  report: WatchdogReport | undefined,
  calls: ReadonlyMap<number, { key: string }>,
): (id: number) => PoolCallResult {
  if (report !== undefined) {
    const lostOne = lost('the plugin host process was replaced while another plugin broke a limit');
    if (!calls.has(report.callId)) return () => lostOne;
    const charged =
      report.reason === 'cpu'
        ? sandboxFailure(
            'cpu_limit',
            'the plugin ran past its CPU limit in work that could not be interrupted; its process was replaced',
          )
        : sandboxFailure(
            'memory_limit',
            `the plugin host process passed its memory ceiling (${report.rssMb} MiB) while this plugin ran; the process was replaced`,
          );
    return (id) => (id === report.callId ? charged : lostOne);
  }
  const crash = crashOutcome(new Set([...calls.values()].map((call) => call.key)));
  return () => crash;
}

/** See `exitOutcome`: a crash charged only when one sandbox key was in flight. */
export function crashOutcome(keysInFlight: ReadonlySet<string>): PoolCallResult {
  return keysInFlight.size === 1
    ? sandboxFailure('worker_crashed', 'the plugin host process stopped during the call')
    : lost('the plugin host process stopped while it ran calls of several plugins');
}

function lost(message: string): PoolCallResult {
  return { ok: false, error: { code: 'worker_lost', message, retryable: true } };
}

/**
 * Node flags for a worker: the parent's own (minus debugger ports, which would clash),
 * `--no-node-snapshot` for isolated-vm, the `kredo-source` condition, and the tsx loader unless the parent already runs under it
 * (a vitest fork transpiles by itself, so it does not).
 */
export function workerExecArgv(parent: readonly string[] = process.execArgv): string[] {
  const argv = parent.filter((arg) => !/^--(inspect|debug)/.test(arg));
  if (!argv.includes('--no-node-snapshot')) argv.push('--no-node-snapshot');
  // The SDK's sandbox from its TypeScript source, as everywhere in core (tsconfig.base.json).
  if (!argv.includes('--conditions=kredo-source')) argv.push('--conditions=kredo-source');
  if (!argv.some((arg) => /tsx/.test(arg))) {
    const loader = createRequire(import.meta.url).resolve('tsx');
    argv.push('--import', pathToFileURL(loader).href);
  }
  return argv;
}
