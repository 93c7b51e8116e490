import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SandboxLimits } from '@kredo/sdk/sandbox';
import {
  parseHostCall,
  runHostOperation,
  type SandboxHost,
  type SandboxResult,
  sandboxFailure,
} from '@kredo/sdk/sandbox';
import { type FromWorker, parseFromWorker, type ToWorker, type WorkerSettings } from './pool-protocol.ts';

interface PendingCall {
  key: string;
  hook: string;
  payloadJson: string;
  configJson: string;
  code: string;
  timer: NodeJS.Timeout;
  resolve(result: PoolCallResult): void;
}

/**
 * A call's outcome from the pool: the sandbox's, or `worker_lost` — the process died while it ran
 * calls of several sandboxes, so nobody can tell whose fault it was (see `crashOutcome`).
 */
export type PoolCallResult =
  | SandboxResult<unknown>
  | { ok: false; error: { code: 'worker_lost'; message: string; retryable: true } };

export interface WorkerProcessOptions {
  limits: SandboxLimits;
  idleMs: number;
  callDeadlineMs: number;
  host: (key: string) => SandboxHost;
  /** Called once when the process has gone, whatever the reason. */
  onExit(worker: WorkerProcess): void;
}

const workerFile = fileURLToPath(new URL(`./pool-worker${extname(import.meta.url)}`, import.meta.url));
const closeGraceMs = 2000;

/**
 * The parent's handle on one plugin-host process: sends it calls, answers its host-function
 * requests with the real host, and settles every call exactly once — with the worker's result,
 * `timeout` at the backstop deadline, or `worker_crashed` / `worker_lost` when the process goes away.
 */
export class WorkerProcess {
  /** Keys the parent believes have a sandbox loaded in this worker (sends no code for those). */
  readonly loaded = new Set<string>();
  ready = false;
  /** Killed or gone: takes no more calls; its calls have been answered. */
  retired = false;
  private readonly child: ChildProcess;
  private readonly calls = new Map<number, PendingCall>();
  /** Sent before the worker said it is ready. */
  private readonly queued: ToWorker[] = [];
  private nextCallId = 0;

  constructor(private readonly options: WorkerProcessOptions) {
    const settings: WorkerSettings = { limits: options.limits, idleMs: options.idleMs };
    this.child = fork(workerFile, [JSON.stringify(settings)], {
      execArgv: workerExecArgv(),
      serialization: 'json',
    });
    this.child.on('message', (message) => this.onMessage(parseFromWorker(message)));
    this.child.once('exit', () => this.retire());
    // A failed spawn also emits 'exit' (or already has); nothing more to do here.
    this.child.on('error', () => {});
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get inFlight(): number {
    return this.calls.size;
  }

  call(
    key: string,
    code: string,
    hook: string,
    payloadJson: string,
    configJson: string,
  ): Promise<PoolCallResult> {
    if (this.retired) return Promise.resolve(lost('the plugin host process had stopped'));
    const id = ++this.nextCallId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.missedDeadline(id), this.options.callDeadlineMs);
      this.calls.set(id, { key, hook, payloadJson, configJson, code, timer, resolve });
      this.sendCall(id, !this.loaded.has(key));
    });
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
    this.retire(lost('the plugin host process was stopped during the call'));
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
    if (!this.ready && message.type !== 'close') {
      this.queued.push(message);
      return;
    }
    if (!this.child.connected) return;
    // A channel closing under us surfaces as 'exit', which settles the calls.
    this.child.send(message, () => {});
  }

  private onMessage(message: FromWorker | undefined): void {
    if (message?.type === 'ready') {
      this.ready = true;
      for (const queued of this.queued.splice(0)) this.send(queued);
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

  /** Runs a relayed `ctx.*` call with the real host, validating it again: the worker is not trusted. */
  private async answerHost(message: Extract<FromWorker, { type: 'host' }>): Promise<void> {
    const { limits } = this.options;
    const inCall = [...this.calls.values()].some((call) => call.key === message.key);
    const operation = inCall
      ? parseHostCall(message.op, message.argsJson, limits)
      : { code: 'call_ended', message: 'no call of this plugin is running', retryable: false };
    let outcome: string;
    if (!('run' in operation)) {
      outcome = JSON.stringify({ ok: false, error: operation });
    } else {
      try {
        outcome = await runHostOperation(operation, this.options.host(message.key), limits);
      } catch {
        outcome = JSON.stringify({ ok: false, error: sandboxFailure('host_error', 'no host').error });
      }
    }
    this.send({ type: 'host-answer', id: message.id, outcome });
  }

  private missedDeadline(id: number): void {
    const ms = this.options.callDeadlineMs;
    // The late call is charged (`timeout`); the others in flight are not (`kill` answers `worker_lost`).
    this.settle(id, sandboxFailure('timeout', `the plugin host did not answer within ${ms} ms`));
    // A started worker that misses the backstop is wedged: replace it.
    if (this.ready) this.kill();
  }

  private settle(id: number, result: PoolCallResult): void {
    const call = this.calls.get(id);
    if (call === undefined) return;
    this.calls.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
  }

  private settleAll(result: PoolCallResult): void {
    for (const id of [...this.calls.keys()]) this.settle(id, result);
  }

  /** Answers the calls in flight: with `outcome` when given, else as a crash (`crashOutcome`). */
  private retire(outcome?: PoolCallResult): void {
    if (this.retired) return;
    this.retired = true;
    this.loaded.clear();
    this.queued.length = 0;
    this.settleAll(outcome ?? crashOutcome(new Set([...this.calls.values()].map((call) => call.key))));
    this.options.onExit(this);
  }
}

/**
 * Who pays for a crash. A process that dies by itself was taken down by one of the sandboxes
 * running in it (V8's fatal out-of-memory abort), but the parent cannot see which. With calls of
 * one sandbox key in flight, that key is the culprit: `worker_crashed`, a limit breach. With
 * several, everyone answers `worker_lost`: retryable and recorded, but no breach, so a neighbour's
 * memory bomb never pushes an innocent plugin towards automatic disabling. The price: a bomb that
 * only ever crashes a shared process is not disabled for it; it still fails every such call, and a
 * bomb the isolate catches (`memory_limit`, the usual case) is charged as ever.
 */
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
 * `--no-node-snapshot` for isolated-vm, and the tsx loader unless the parent already runs under it
 * (a vitest fork transpiles by itself, so it does not).
 */
export function workerExecArgv(parent: readonly string[] = process.execArgv): string[] {
  const argv = parent.filter((arg) => !/^--(inspect|debug)/.test(arg));
  if (!argv.includes('--no-node-snapshot')) argv.push('--no-node-snapshot');
  if (!argv.some((arg) => /tsx/.test(arg))) {
    const loader = createRequire(import.meta.url).resolve('tsx');
    argv.push('--import', pathToFileURL(loader).href);
  }
  return argv;
}
