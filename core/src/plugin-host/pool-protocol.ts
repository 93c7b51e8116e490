import type { SandboxLimits, SandboxResult } from '@kredo/sdk/sandbox';

/**
 * The IPC messages between the plugin pool (parent) and a plugin-host worker (child). Everything is
 * copied as JSON; each request carries an id that its answer repeats.
 */

/** What the parent passes a worker at start, as its one command-line argument (JSON). */
export interface WorkerSettings {
  limits: SandboxLimits;
  /** A sandbox unused this long is disposed. */
  idleMs: number;
}

export type ToWorker =
  /** Run a hook; `code` is omitted when the parent believes the worker has the sandbox loaded. */
  | {
      type: 'call';
      id: number;
      key: string;
      hook: string;
      payloadJson: string;
      /** The installation's non-secret settings: the plugin's `ctx.config`. */
      configJson: string;
      code?: string;
    }
  /** The outcome of a host function the worker relayed: the JSON `runHostOperation` encodes. */
  | { type: 'host-answer'; id: number; outcome: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: SandboxResult<unknown> }
  /** The call came without code and the worker has no sandbox for its key: send it again with code. */
  | { type: 'missing'; id: number }
  /** A plugin's `ctx.*` call, by bridge name (`storage.get` …), for the parent's real host functions. */
  | { type: 'host'; id: number; key: string; op: string; argsJson: string }
  /** The worker disposed the key's sandbox (idle, memory exhausted): the next call must bring code. */
  | { type: 'evicted'; key: string };

/** Checks the shape of a worker's message: a worker runs untrusted code, so its messages are input. */
export function parseFromWorker(message: unknown): FromWorker | undefined {
  if (message === null || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : undefined;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'result':
      return id !== undefined && isResult(m.result) ? { type: 'result', id, result: m.result } : undefined;
    case 'missing':
      return id !== undefined ? { type: 'missing', id } : undefined;
    case 'host':
      return id !== undefined &&
        typeof m.key === 'string' &&
        typeof m.op === 'string' &&
        typeof m.argsJson === 'string'
        ? { type: 'host', id, key: m.key, op: m.op, argsJson: m.argsJson }
        : undefined;
    case 'evicted':
      return typeof m.key === 'string' ? { type: 'evicted', key: m.key } : undefined;
    default:
      return undefined;
  }
}

function isResult(value: unknown): value is SandboxResult<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  if (r.ok === true) return true;
  const error = r.error as Record<string, unknown> | null | undefined;
  return (
    r.ok === false &&
    typeof error === 'object' &&
    error !== null &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    typeof error.retryable === 'boolean'
  );
}
