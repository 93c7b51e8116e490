import ivm from 'isolated-vm';
import { type HostCallError, parseHostCall, runHostOperation, type SandboxHost } from './host-bridge.ts';
import { classifyIsolateError } from './isolate-errors.ts';
import { isolateRuntimeSource } from './isolate-runtime.ts';
import { resolveSandboxLimits, type SandboxLimits } from './sandbox-limits.ts';
import { type SandboxResult, sandboxFailure } from './sandbox-result.ts';

/** An installation's non-secret settings, as `ctx.config` shows them. */
export type PluginConfig = Readonly<Record<string, string | number | boolean>>;

export interface SandboxOptions {
  /** The plugin bundle: a classic script assigning `globalThis.__kredo` (see isolate-runtime.ts). */
  code: string;
  host: SandboxHost;
  limits?: Partial<SandboxLimits>;
  /** Shown in the plugin's stack traces. */
  filename?: string;
}

/** One loaded plugin bundle in its own isolate. `call` never throws and never hands out a Reference. */
export interface PluginSandbox {
  /** The hook names the bundle exports. */
  readonly hooks: readonly string[];
  /** True once the isolate is gone (memory exhausted or `dispose()`d): create a new sandbox. */
  readonly disposed: boolean;
  /** `config` becomes the plugin's frozen `ctx.config`: the installation's non-secret settings. */
  call(hookName: string, payload: unknown, config?: PluginConfig): Promise<SandboxResult<unknown>>;
  dispose(): void;
}

interface ActiveCall {
  cpuNs: bigint;
  outbound: number;
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
  const sandbox = new IsolateSandbox(options.host, limits);
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
  ) {
    this.isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  }

  get disposed(): boolean {
    return this.isolate.isDisposed;
  }

  load(code: string, filename: string): SandboxResult<void> {
    try {
      const context = this.isolate.createContextSync();
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

  call(hookName: string, payload: unknown, config: PluginConfig = {}): Promise<SandboxResult<unknown>> {
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
      const timer = setTimeout(() => {
        this.end(
          id,
          sandboxFailure('timeout', `the call did not finish within ${this.limits.wallClockMsPerCall} ms`),
        );
      }, this.limits.wallClockMsPerCall);
      this.calls.set(id, { cpuNs: 0n, outbound: 0, timer, resolve });
      const configJson = toJson(config) ?? '{}';
      if (this.runSlice(id, start, [id, hookName, payloadJson, configJson]) === 'hook_not_found') {
        this.end(id, sandboxFailure('hook_not_found', `the plugin has no hook ${hookName}`));
      }
    });
  }

  dispose(): void {
    this.endAll(sandboxFailure('disposed', 'the sandbox was disposed'));
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  /** Runs plugin code for one call within what is left of its CPU budget. */
  private runSlice(id: number, entry: Entry, args: ivm.Transferable[]): unknown {
    const call = this.calls.get(id);
    if (call === undefined || this.isolate.isDisposed) return undefined;
    const remainingMs = Math.ceil(this.limits.cpuMsPerCall - Number(call.cpuNs) / 1e6);
    if (remainingMs <= 0) {
      this.end(id, sandboxFailure('cpu_limit', 'the plugin used more CPU time than one call allows'));
      return undefined;
    }
    const before = this.isolate.cpuTime;
    this.running = true;
    try {
      return entry.applySync(undefined, args, { timeout: remainingMs });
    } catch (thrown) {
      const error = classifyIsolateError(this.isolate, thrown);
      if (this.isolate.isDisposed) this.endAll({ ok: false, error });
      else this.end(id, { ok: false, error });
      return undefined;
    } finally {
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
    void runHostOperation(operation, this.host, this.limits).then((outcome) =>
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
    if (kind === 'error') {
      this.end(callId, sandboxFailure('plugin_error', String(detail).slice(0, 2000)));
    } else if (kind === 'ok' && detail === undefined) {
      this.end(callId, { ok: true, value: undefined });
    } else if (kind === 'ok' && typeof detail === 'string' && Buffer.byteLength(detail) <= max) {
      const value = parseJson(detail);
      this.end(callId, value.ok ? value : sandboxFailure('plugin_error', 'the result is not JSON'));
    } else {
      this.end(callId, sandboxFailure('result_too_large', `the result exceeds ${max} bytes`));
    }
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
