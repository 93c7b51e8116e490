import type { PluginConfig, SandboxHost } from '@kredo/sdk/sandbox';
import { sandboxFailure } from '@kredo/sdk/sandbox';
import { outsideAdministrationScope } from '../db/administration-scope.ts';
import { FairQueue } from './fair-queue.ts';
import {
  installationSandboxKey,
  type PluginPoolOptions,
  type ResolvedPoolOptions,
  resolvePoolOptions,
} from './pool-options.ts';
import { type PoolCallResult, type WorkerCall, WorkerProcess } from './worker-process.ts';

/**
 * Plugin sandboxes in a pool of plugin-host processes apart from the caller's, shared fairly.
 *
 * Scheduling: each worker runs at most `slotsPerWorker` calls at once and one installation at most
 * `maxInFlightPerInstallation` over all workers; the rest wait in a queue served tenant by tenant,
 * and within a tenant installation by installation (fair-queue.ts). A call's deadlines start when a
 * worker takes it, so waiting never counts against the plugin; a call that waits `queueTimeoutMs`
 * answers `overloaded` (retryable, not a breach). A tenant flooding the pool queues behind itself.
 *
 * Failure: an isolate that takes its process down (V8's fatal OOM), or a process its watchdog ends
 * (a slice past its CPU budget that V8 cannot interrupt, memory past the ceiling), costs the calls
 * in flight there, answered as worker-process.ts `exitOutcome` says; the pool starts a replacement.
 */
export interface PluginPool {
  /** Runs `hook` in the sandbox of the installation at `revision`. Never rejects; always settles. */
  call(call: PoolCall): Promise<PoolCallResult>;
  /**
   * Disposes the installation's sandboxes, once idle: all of them (uninstalled), or all but the one
   * of `keepRevision` (changed: that is the installation as it is now).
   */
  forget(installationId: string, keepRevision?: string): void;
  /** The running workers, for health checks and tests. */
  stats(): PoolWorkerStats[];
  /** Calls waiting for a worker. */
  queued(): number;
  /** Ends every worker; calls in flight or waiting answer `disposed`, later calls too. */
  close(): Promise<void>;
}

export interface PoolCall {
  tenantId: string;
  installationId: string;
  /** Changes whenever the installation does (version, settings, secrets, enabling): a new sandbox. */
  revision: string;
  /** The plugin bundle. */
  code: string;
  hook: string;
  payload: unknown;
  /** The installation's non-secret settings: the plugin's `ctx.config`. */
  config?: PluginConfig;
  /** The host functions of this call, bound by the caller to tenant, installation and scopes. */
  host: SandboxHost;
}

export interface PoolWorkerStats {
  pid: number | undefined;
  ready: boolean;
  inFlight: number;
  /** Sandboxes the pool believes the worker holds. */
  sandboxes: number;
}

interface Waiting {
  tenantId: string;
  installationId: string;
  work: WorkerCall;
  timer: NodeJS.Timeout;
}

/** Longest a call waits for the first worker to start before it answers `worker_lost`. */
const maxStartWaitMs = 60_000;
/** Restart delay after a worker died before it was ready (a broken start must not spin). */
const firstBackoffMs = 200;
const maxBackoffMs = 30_000;

export function createPluginPool(options: PluginPoolOptions = {}): PluginPool {
  return new Pool(resolvePoolOptions(options));
}

class Pool implements PluginPool {
  private readonly workers: WorkerProcess[] = [];
  private readonly waiting = new FairQueue<Waiting>();
  private readonly inFlight = new Map<string, number>();
  /** Each installation's sandbox key as last called: an older one is forgotten. */
  private readonly currentKeys = new Map<string, string>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private backoffMs = firstBackoffMs;
  private dispatching = false;
  private closed = false;

  constructor(private readonly options: ResolvedPoolOptions) {
    for (let slot = 0; slot < options.size; slot++) this.workers.push(this.start());
  }

  call(call: PoolCall): Promise<PoolCallResult> {
    if (this.closed) return Promise.resolve(sandboxFailure('disposed', 'the plugin pool was closed'));
    const payloadJson = toJson(call.payload);
    if (payloadJson === undefined) {
      return Promise.resolve(sandboxFailure('invalid_payload', 'the payload is not JSON'));
    }
    const max = this.options.limits.maxPayloadBytes;
    if (Buffer.byteLength(payloadJson) > max) {
      return Promise.resolve(sandboxFailure('payload_too_large', `the payload exceeds ${max} bytes`));
    }
    if (this.waiting.countOf(call.tenantId) >= this.options.maxQueuedPerTenant) {
      return Promise.resolve(
        overloaded(`${this.options.maxQueuedPerTenant} calls of this tenant are waiting`),
      );
    }
    const key = installationSandboxKey(call.installationId, call.revision);
    this.retireOlderSandboxes(call.installationId, key);
    return new Promise((resolve) => {
      const work: WorkerCall = {
        key,
        hook: call.hook,
        payloadJson,
        configJson: JSON.stringify(call.config ?? {}),
        code: call.code,
        host: call.host,
        settle: (result) => {
          this.release(call.installationId);
          resolve(result);
          this.dispatch();
        },
      };
      const queuedAt = Date.now();
      const expire = () => {
        // Workers still starting (the first calls, a replacement after a crash) are nobody's load.
        if (!this.workers.some((worker) => worker.ready) && Date.now() - queuedAt < maxStartWaitMs) {
          waiting.timer = setTimeout(expire, this.options.queueTimeoutMs);
        } else if (this.waiting.remove(waiting)) {
          resolve(
            this.workers.some((worker) => worker.ready)
              ? overloaded(`no plugin host was free within ${this.options.queueTimeoutMs} ms`)
              : lost('no plugin host process could be started'),
          );
        }
      };
      const waiting: Waiting = {
        tenantId: call.tenantId,
        installationId: call.installationId,
        work,
        timer: setTimeout(expire, this.options.queueTimeoutMs),
      };
      this.waiting.push(waiting);
      this.dispatch();
    });
  }

  forget(installationId: string, keepRevision?: string): void {
    const keep =
      keepRevision === undefined ? undefined : installationSandboxKey(installationId, keepRevision);
    if (this.currentKeys.get(installationId) !== keep) this.currentKeys.delete(installationId);
    for (const worker of this.workers) worker.forget(installationSandboxKey(installationId, ''), keep);
  }

  stats(): PoolWorkerStats[] {
    return this.workers.map((worker) => ({
      pid: worker.pid,
      ready: worker.ready,
      inFlight: worker.inFlight,
      sandboxes: worker.loaded.size,
    }));
  }

  queued(): number {
    return this.waiting.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    for (const waiting of this.waiting.drain()) {
      clearTimeout(waiting.timer);
      waiting.work.settle(sandboxFailure('disposed', 'the plugin pool was closed'));
    }
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  /** Hands waiting calls, in fair order, to workers with a free slot, as long as there are both. */
  private dispatch(): void {
    if (this.dispatching || this.closed) return;
    this.dispatching = true;
    try {
      for (;;) {
        if (this.waiting.length === 0 || !this.workers.some((worker) => this.hasSlot(worker))) return;
        const next = this.waiting.take(
          (installationId) =>
            (this.inFlight.get(installationId) ?? 0) < this.options.maxInFlightPerInstallation,
        );
        if (next === undefined) return;
        clearTimeout(next.timer);
        this.inFlight.set(next.installationId, (this.inFlight.get(next.installationId) ?? 0) + 1);
        (this.pick(next.work.key, next.installationId) as WorkerProcess).run(next.work);
      }
    } finally {
      this.dispatching = false;
    }
  }

  private hasSlot(worker: WorkerProcess): boolean {
    return worker.ready && !worker.retired && worker.inFlight < this.options.slotsPerWorker;
  }

  /**
   * A worker with a free slot for a call of `installationId`: one already running that installation's
   * calls, so a busy installation packs onto one process and contends with itself, not spreads over
   * every process its neighbours use; else the least busy, among equals one with the sandbox loaded.
   */
  private pick(key: string, installationId: string): WorkerProcess | undefined {
    let best: WorkerProcess | undefined;
    for (const worker of this.workers) {
      if (!this.hasSlot(worker)) continue;
      if (worker.runs(installationId)) return worker;
      if (
        best === undefined ||
        worker.inFlight < best.inFlight ||
        (worker.inFlight === best.inFlight && worker.loaded.has(key) && !best.loaded.has(key))
      ) {
        best = worker;
      }
    }
    return best;
  }

  private release(installationId: string): void {
    const left = (this.inFlight.get(installationId) ?? 1) - 1;
    if (left > 0) this.inFlight.set(installationId, left);
    else this.inFlight.delete(installationId);
  }

  /** A call for a new revision of an installation: its sandboxes of earlier revisions go. */
  private retireOlderSandboxes(installationId: string, key: string): void {
    const current = this.currentKeys.get(installationId);
    if (current === key) return;
    this.currentKeys.set(installationId, key);
    if (current === undefined) return;
    for (const worker of this.workers) worker.forget(installationSandboxKey(installationId, ''), key);
  }

  /**
   * A worker outlives the request that happened to start it and serves every tenant's calls: it is
   * started outside that request's administration limit, so its message handlers (plugins' reads and
   * writes through the host) do not inherit it.
   */
  private start(): WorkerProcess {
    return outsideAdministrationScope(() => this.spawn());
  }

  private spawn(): WorkerProcess {
    return new WorkerProcess({
      limits: this.options.limits,
      idleMs: this.options.idleMs,
      callDeadlineMs: this.options.callDeadlineMs,
      maxRssMb: this.options.workerMaxRssMb,
      overrunGraceMs: this.options.overrunGraceMs,
      onReady: () => {
        this.backoffMs = firstBackoffMs;
        this.dispatch();
      },
      onExit: (worker) => this.replace(worker),
    });
  }

  private replace(dead: WorkerProcess): void {
    if (this.closed) return;
    const slot = this.workers.indexOf(dead);
    if (slot < 0) return;
    if (dead.ready) {
      this.workers[slot] = this.start();
      return;
    }
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.closed) this.workers[slot] = this.start();
    }, this.backoffMs);
    this.restarts.add(timer);
    this.backoffMs = Math.min(this.backoffMs * 2, maxBackoffMs);
  }
}

function overloaded(reason: string): PoolCallResult {
  return {
    ok: false,
    error: { code: 'overloaded', message: `the plugin call did not start: ${reason}`, retryable: true },
  };
}

function lost(message: string): PoolCallResult {
  return { ok: false, error: { code: 'worker_lost', message, retryable: true } };
}

function toJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
