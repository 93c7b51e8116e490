import ivm from 'isolated-vm';
import { type HostCallError, parseHostCall, runHostOperation, type SandboxHost } from './host-bridge.ts';
import { classifyIsolateError } from './isolate-errors.ts';
import { isolateGuardsSource } from './isolate-guards.ts';
import { isolateRuntimeSource } from './isolate-runtime.ts';
import { resolveSandboxLimits, type SandboxLimits } from './sandbox-limits.ts';
import { type SandboxResult, sandboxFailure } from './sandbox-result.ts';
import { type CallClock, ownElapsedMs, sliceTimer, startCallClock } from './slice-clock.ts';

/** An installation's non-secret settings, as `ctx.config` shows them. */
export type PluginConfig = Readonly<Record<string, string | number | boolean>>;

export interface SandboxOptions {
  /** The plugin bundle: a classic script assigning `globalThis.__kredo` (see isolate-runtime.ts). */
  code: string;
  /** The host functions of calls that bring none of their own (`CallOptions.host`). */
  host: SandboxHost;
  limits?: Partial<SandboxLimits>;
  /** Shown in the plugin's stack traces, so it names nothing the plugin should not learn. */
  filename?: string;
  /** Told when plugin code takes and gives back the thread (a watchdog's view of who is running). */
  monitor?: SliceMonitor;
}

/** Sees every slice of plugin code: which call runs, and how long its CPU budget lets it. */
export interface SliceMonitor {
  sliceStarted(tag: number, budgetMs: number): void;
  sliceEnded(): void;
}

export interface CallOptions {
  /** The installation's non-secret settings: the plugin's frozen `ctx.config`. */
  config?: PluginConfig;
  /** This call's host functions (bound to its caller), instead of the sandbox's. */
  host?: SandboxHost;
  /** The caller's name for the call, handed to the `SliceMonitor`. */
  tag?: number;
}

/** Distinct `Intl` objects one isolate may create (see isolate-guards.ts). */
export const maxIntlInstances = 256;

/** One loaded plugin bundle in its own isolate. `call` never throws and never hands out a Reference. */
export interface PluginSandbox {
  /** The hook names the bundle exports. */
  readonly hooks: readonly string[];
  /** True once the isolate is gone (memory exhausted or `dispose()`d): create a new sandbox. */
  readonly disposed: boolean;
  call(hookName: string, payload: unknown, options?: CallOptions): Promise<SandboxResult<unknown>>;
  dispose(): void;
}

interface ActiveCall {
  cpuNs: bigint;
  outbound: number;
  host: SandboxHost;
  tag: number;
  clock: CallClock;
  timer: NodeJS.Timeout;
  resolve(result: SandboxResult<unknown>): void;
}

type Entry = ivm.Reference<(...args: unknown[]) => unknown>;

/**
 * Loads a bundle into a fresh isolate and context. Invalid limits are a configuration mistake and
 * throw; a bundle that fails to load answers `load_failed`.
 */
export function createSandbox(options: SandboxOptions): SandboxResult<PluginSandbox> {
  const limits = resolveSandboxLimits(options.limits);
  const sandbox = new IsolateSandbox(options.host, limits, options.monitor);
  const loaded = sandbox.load(options.code, options.filename ?? 'plugin.js');
  if (!loaded.ok) sandbox.dispose();
  return loaded.ok ? { ok: true, value: sandbox } : loaded;
}

class IsolateSandbox implements PluginSandbox {
  hooks: readonly string[] = [];
  private readonly isolate: ivm.Isolate;
  private readonly calls = new Map<number, ActiveCall>();
  private entries: Record<'start' | 'deliver' | 'abort', Entry> | undefined;
  private nextCallId = 0;
  private nextRequestId = 0;
  /** Inside applySync: isolate entries must not be re-entered, so work is queued until it returns. */
  private running = false;
  private readonly afterSlice: (() => void)[] = [];

  constructor(
    private readonly host: SandboxHost,
    private readonly limits: SandboxLimits,
    private readonly monitor: SliceMonitor | undefined,
  ) {
    this.isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  load(code: string, filename: string): SandboxResult<void> {
    try {
      const context = this.isolate.createContextSync();
      context.evalClosureSync(isolateGuardsSource, [maxIntlInstances], { timeout: 1000 });
      const bridge = new ivm.Callback((callId: unknown, op: unknown, argsJson: unknown) =>
        this.onBridge(callId, op, argsJson),
      );
      const settle = new ivm.Callback((callId: unknown, kind: unknown, detail: unknown) =>
        this.onSettle(callId, kind, detail),
      );
      const runtime = context.evalClosureSync(
        isolateRuntimeSource,
        [bridge, settle, this.limits.maxPayloadBytes],
        {
          result: { reference: true },
        },
      ) as ivm.Reference<Record<string, unknown>>;
      const entry = (name: string) => runtime.getSync(name, { reference: true }) as Entry;
      this.entries = { start: entry('start'), deliver: entry('deliver'), abort: entry('abort') };
      const script = this.isolate.compileScriptSync(code, { filename });
      script.runSync(context, { timeout: this.limits.wallClockMsPerCall });
      const exported = JSON.parse(String(entry('loadHooks').applySync(undefined, [], { timeout: 1000 })));
      if (exported?.ok !== true || !Array.isArray(exported.names)) {
        return sandboxFailure('load_failed', 'the bundle must assign globalThis.__kredo = { hooks: { … } }');
      }
      this.hooks = Object.freeze(exported.names.filter((name: unknown) => typeof name === 'string'));
      return { ok: true, value: undefined };
    } catch (thrown) {
      const reason = classifyIsolateError(this.isolate, thrown);
      const detail =
        reason.code === 'host_error' && thrown instanceof Error ? thrown.message : reason.message;
      return sandboxFailure('load_failed', `the bundle did not load: ${detail}`);
    }
  }

  call(hookName: string, payload: unknown, options: CallOptions = {}): Promise<SandboxResult<unknown>> {
    if (this.disposed || this.entries === undefined) {
      return Promise.resolve(sandboxFailure('disposed', 'the sandbox was disposed; create a new one'));
    }
    if (!this.hooks.includes(hookName)) {
      return Promise.resolve(sandboxFailure('hook_not_found', `the plugin has no hook ${hookName}`));
    }
    const payloadJson = toJson(payload);
    if (payloadJson === undefined)
      return Promise.resolve(sandboxFailure('invalid_payload', 'the payload is not JSON'));
    if (Buffer.byteLength(payloadJson) > this.limits.maxPayloadBytes) {
      return Promise.resolve(
        sandboxFailure('payload_too_large', `the payload exceeds ${this.limits.maxPayloadBytes} bytes`),
      );
    }
    const id = ++this.nextCallId;
    const start = this.entries.start;
    return new Promise((resolve) => {
      const clock = startCallClock();
      const timer = setTimeout(() => this.checkDeadline(id), this.limits.wallClockMsPerCall);
      const host = options.host ?? this.host;
      this.calls.set(id, { cpuNs: 0n, outbound: 0, host, tag: options.tag ?? id, clock, timer, resolve });
      const configJson = toJson(options.config ?? {}) ?? '{}';
      if (this.runSlice(id, start, [id, hookName, payloadJson, configJson]) === 'hook_not_found') {
        this.end(id, sandboxFailure('hook_not_found', `the plugin has no hook ${hookName}`));
      }
    });
  }

  dispose(): void {
    this.endAll(sandboxFailure('disposed', 'the sandbox was disposed'));
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  /**
   * The deadline counts the call's own time: when other sandboxes' slices held the thread
   * meanwhile, the call gets that time back before it times out.
   */
  private checkDeadline(id: number): void {
    const call = this.calls.get(id);
    if (call === undefined) return;
    const left = this.limits.wallClockMsPerCall - ownElapsedMs(call.clock);
    if (left >= 1) {
      call.timer = setTimeout(() => this.checkDeadline(id), Math.ceil(left));
      return;
    }
    this.end(
      id,
      sandboxFailure('timeout', `the call did not finish within ${this.limits.wallClockMsPerCall} ms`),
    );
  }

  /** Runs plugin code for one call within what is left of its CPU budget. */
  private runSlice(id: number, entry: Entry, args: ivm.Transferable[]): unknown {
    const call = this.calls.get(id);
    if (call === undefined || this.isolate.isDisposed) return undefined;
    const remainingMs = Math.ceil(this.limits.cpuMsPerCall - Number(call.cpuNs) / 1e6);
    if (remainingMs <= 0) {
      this.end(id, cpuLimitFailure());
      return undefined;
    }
    const before = this.isolate.cpuTime;
    this.running = true;
    const sliceEnded = sliceTimer(call.clock);
    // isolated-vm stops a slice on wall time, not CPU time: a busy machine that parks the thread
    // must not turn a plugin's legal call into a breach. The slice gets four times its remaining CPU
    // budget in wall time (at least 50 ms more); the CPU it really used is charged after it returns,
    // so an endless loop still ends at cpu_limit, holding the thread at most about four times its budget.
    const wallMs = remainingMs + Math.max(3 * remainingMs, 50);
    this.monitor?.sliceStarted(call.tag, wallMs);
    try {
      return entry.applySync(undefined, args, { timeout: wallMs });
    } catch (thrown) {
      const error = classifyIsolateError(this.isolate, thrown);
      if (this.isolate.isDisposed) this.endAll({ ok: false, error });
      else this.end(id, { ok: false, error });
      return undefined;
    } finally {
      this.monitor?.sliceEnded();
      sliceEnded();
      this.running = false;
      if (!this.isolate.isDisposed) call.cpuNs += this.isolate.cpuTime - before;
      for (const work of this.afterSlice.splice(0)) work();
    }
  }

  /** Plugin → host: `ctx.*` calls. Answers synchronously with a request id or the error. */
  private onBridge(callId: unknown, op: unknown, argsJson: unknown): string {
    const call = typeof callId === 'number' ? this.calls.get(callId) : undefined;
    if (call === undefined)
      return rejected({ code: 'call_ended', message: 'the call has ended', retryable: false });
    const operation = parseHostCall(op, argsJson, this.limits);
    if (!('run' in operation)) return rejected(operation);
    if (operation.outbound && ++call.outbound > this.limits.maxOutboundRequestsPerCall) {
      const failure = sandboxFailure(
        'outbound_limit',
        `more than ${this.limits.maxOutboundRequestsPerCall} outbound requests in one call`,
      );
      this.end(callId as number, failure);
      return rejected(failure.error);
    }
    const requestId = ++this.nextRequestId;
    void runHostOperation(operation, call.host, this.limits).then((outcome) =>
      this.deliver(callId as number, requestId, outcome),
    );
    return JSON.stringify({ ok: true, id: requestId });
  }

  /** Host → plugin: the answer to a `ctx.*` call resumes the plugin, under the call's CPU budget. */
  private deliver(callId: number, requestId: number, outcome: string): void {
    if (this.running) {
      this.afterSlice.push(() => this.deliver(callId, requestId, outcome));
      return;
    }
    if (this.entries !== undefined) this.runSlice(callId, this.entries.deliver, [callId, requestId, outcome]);
  }

  /** The plugin's hook returned or threw; `detail` is the result's JSON, its length, or a message. */
  private onSettle(callId: unknown, kind: unknown, detail: unknown): void {
    if (typeof callId !== 'number') return;
    const max = this.limits.maxPayloadBytes;
    let result: SandboxResult<unknown>;
    if (kind === 'error') {
      result = sandboxFailure('plugin_error', String(detail).slice(0, 2000));
    } else if (kind === 'ok' && detail === undefined) {
      result = { ok: true, value: undefined };
    } else if (kind === 'ok' && typeof detail === 'string' && Buffer.byteLength(detail) <= max) {
      const value = parseJson(detail);
      result = value.ok ? value : sandboxFailure('plugin_error', 'the result is not JSON');
    } else {
      result = sandboxFailure('result_too_large', `the result exceeds ${max} bytes`);
    }
    // Settled inside a slice: its CPU time is known only once the slice returns.
    if (this.running) this.afterSlice.push(() => this.settleWithin(callId, result));
    else this.settleWithin(callId, result);
  }

  /** A call that finished, but past its CPU budget (a slice has wall-time slack), fails all the same. */
  private settleWithin(id: number, result: SandboxResult<unknown>): void {
    const call = this.calls.get(id);
    const overBudget = call !== undefined && Number(call.cpuNs) / 1e6 > this.limits.cpuMsPerCall;
    this.end(id, overBudget ? cpuLimitFailure() : result);
  }

  private end(id: number, result: SandboxResult<unknown>): void {
    const call = this.calls.get(id);
    if (call === undefined) return;
    this.calls.delete(id);
    clearTimeout(call.timer);
    call.resolve(result);
    // Forget the call's pending host answers in the isolate; a late answer is dropped.
    const abort = () => {
      try {
        if (!this.isolate.isDisposed) this.entries?.abort.applySync(undefined, [id], { timeout: 1000 });
      } catch {
        // The isolate went away meanwhile; there is nothing left to forget.
      }
    };
    if (this.running) this.afterSlice.push(abort);
    else abort();
  }

  private endAll(result: SandboxResult<unknown>): void {
    for (const id of [...this.calls.keys()]) this.end(id, result);
  }
}

function cpuLimitFailure() {
  return sandboxFailure('cpu_limit', 'the plugin used more CPU time than one call allows');
}

function toJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function parseJson(text: string): SandboxResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return sandboxFailure('plugin_error', 'the result is not JSON');
  }
}

function rejected(error: HostCallError): string {
  return JSON.stringify({ ok: false, error });
}
