import type { PluginConfig } from '@kredo/sdk/sandbox';
import { sandboxFailure } from '@kredo/sdk/sandbox';
import { type PluginPoolOptions, type ResolvedPoolOptions, resolvePoolOptions } from './pool-options.ts';
import { type PoolCallResult, WorkerProcess } from './worker-process.ts';

/**
 * Plugin sandboxes in a pool of plugin-host processes apart from the caller's: an isolate that
 * takes its process down (V8's fatal OOM) costs the calls in flight there, answered
 * `worker_crashed` (one plugin's calls were in flight: the culprit) or `worker_lost` (several:
 * nobody is charged), and the pool starts a replacement.
 */
export interface PluginPool {
  /**
   * Runs `hook` of the bundle `code` in the sandbox for `key` (one isolate per key; a key names one
   * bundle, e.g. `pluginSandboxKey(tenant, plugin, version)`). Never rejects; always settles.
   */
  call(
    key: string,
    code: string,
    hook: string,
    payload: unknown,
    config?: PluginConfig,
  ): Promise<PoolCallResult>;
  /** The running workers, for health checks and tests. */
  stats(): PoolWorkerStats[];
  /** Ends every worker; calls in flight answer `disposed`, later calls too. */
  close(): Promise<void>;
}

export interface PoolWorkerStats {
  pid: number | undefined;
  ready: boolean;
  inFlight: number;
  /** Sandboxes the pool believes the worker holds. */
  sandboxes: number;
}

/** Restart delay after a worker died before it was ready (a broken start must not spin). */
const firstBackoffMs = 200;
const maxBackoffMs = 30_000;

export function createPluginPool(options: PluginPoolOptions): PluginPool {
  const resolved = resolvePoolOptions(options);
  return new Pool(resolved);
}

class Pool implements PluginPool {
  private readonly workers: WorkerProcess[] = [];
  private readonly restarts = new Set<NodeJS.Timeout>();
  private backoffMs = firstBackoffMs;
  private cursor = 0;
  private closed = false;

  constructor(private readonly options: ResolvedPoolOptions) {
    for (let slot = 0; slot < options.size; slot++) this.workers.push(this.start());
  }

  call(
    key: string,
    code: string,
    hook: string,
    payload: unknown,
    config: PluginConfig = {},
  ): Promise<PoolCallResult> {
    if (this.closed) return Promise.resolve(sandboxFailure('disposed', 'the plugin pool was closed'));
    let payloadJson: string | undefined;
    try {
      payloadJson = JSON.stringify(payload);
    } catch {
      payloadJson = undefined;
    }
    if (payloadJson === undefined) {
      return Promise.resolve(sandboxFailure('invalid_payload', 'the payload is not JSON'));
    }
    const max = this.options.limits.maxPayloadBytes;
    if (Buffer.byteLength(payloadJson) > max) {
      return Promise.resolve(sandboxFailure('payload_too_large', `the payload exceeds ${max} bytes`));
    }
    const worker = this.pick(key);
    if (worker === undefined) {
      // Not the caller's fault (the pool is restarting after crashes): no breach.
      return Promise.resolve({
        ok: false,
        error: { code: 'worker_lost', message: 'no plugin host process is running', retryable: true },
      });
    }
    return worker.call(key, code, hook, payloadJson, JSON.stringify(config));
  }

  stats(): PoolWorkerStats[] {
    return this.workers.map((worker) => ({
      pid: worker.pid,
      ready: worker.ready,
      inFlight: worker.inFlight,
      sandboxes: worker.loaded.size,
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  /** The least busy live worker; among equals the one that has the key loaded, then the next in turn. */
  private pick(key: string): WorkerProcess | undefined {
    let best: WorkerProcess | undefined;
    const n = this.workers.length;
    for (let i = 0; i < n; i++) {
      const worker = this.workers[(this.cursor + i) % n];
      if (worker === undefined || worker.retired) continue;
      if (
        best === undefined ||
        worker.inFlight < best.inFlight ||
        (worker.inFlight === best.inFlight && worker.loaded.has(key) && !best.loaded.has(key))
      ) {
        best = worker;
      }
    }
    this.cursor = (this.cursor + 1) % n;
    return best;
  }

  private start(): WorkerProcess {
    return new WorkerProcess({
      limits: this.options.limits,
      idleMs: this.options.idleMs,
      callDeadlineMs: this.options.callDeadlineMs,
      host: this.options.host,
      onExit: (worker) => this.replace(worker),
    });
  }

  private replace(dead: WorkerProcess): void {
    if (this.closed) return;
    const slot = this.workers.indexOf(dead);
    if (slot < 0) return;
    if (dead.ready) {
      this.backoffMs = firstBackoffMs;
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
