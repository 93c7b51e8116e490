import type { SandboxLimits, SandboxResult } from '@kredo/sdk/sandbox';

/**
 * The messages between the plugin pool (parent) and a plugin-host worker (child). Everything is
 * copied as JSON; each request carries an id that its answer repeats.
 */

/** What the parent passes a worker at start, as its one command-line argument (JSON). */
export interface WorkerSettings {
  limits: SandboxLimits;
  /** A sandbox unused this long is disposed. */
  idleMs: number;
  /** Resident memory above which the worker's watchdog ends the process, in MiB. */
  maxRssMb: number;
  /** How far one slice may run past its CPU budget before the watchdog ends the process, in ms. */
  overrunGraceMs: number;
}

/** The file descriptor on which a worker's watchdog says why it ended the process (one JSON line). */
export const watchdogFd = 4;

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
  /** Dispose the sandboxes of keys starting with `prefix` (an installation), except `keep`, once idle. */
  | { type: 'forget'; prefix: string; keep?: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: SandboxResult<unknown> }
  /** The call came without code and the worker has no sandbox for its key: send it again with code. */
  | { type: 'missing'; id: number }
  /** A plugin's `ctx.*` call during call `callId`, by bridge name (`storage.get` …), for the parent's host. */
  | { type: 'host'; id: number; callId: number; op: string; argsJson: string }
  /** The worker disposed the key's sandbox (idle, forgotten, memory): the next call must bring code. */
  | { type: 'evicted'; key: string };

/** Why a watchdog ended its process: the call whose slice ran (0: none), and the limit. */
export interface WatchdogReport {
  callId: number;
  reason: 'cpu' | 'memory';
  rssMb: number;
}

/** Checks the shape of a worker's message: a worker runs untrusted code, so its messages are input. */
export function parseFromWorker(message: unknown): FromWorker | undefined {
  if (message === null || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  const id = safeInteger(m.id);
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'result':
      return id !== undefined && isResult(m.result) ? { type: 'result', id, result: m.result } : undefined;
    case 'missing':
      return id !== undefined ? { type: 'missing', id } : undefined;
    case 'host': {
      const callId = safeInteger(m.callId);
      return id !== undefined &&
        callId !== undefined &&
        typeof m.op === 'string' &&
        typeof m.argsJson === 'string'
        ? { type: 'host', id, callId, op: m.op, argsJson: m.argsJson }
        : undefined;
    }
    case 'evicted':
      return typeof m.key === 'string' ? { type: 'evicted', key: m.key } : undefined;
    default:
      return undefined;
  }
}

/** A watchdog's last line, or undefined when the text is not one. */
export function parseWatchdogReport(text: string): WatchdogReport | undefined {
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(text.trim().split('\n').at(-1) ?? '');
  } catch {
    return undefined;
  }
  const callId = safeInteger(report?.callId);
  if (callId === undefined || (report.reason !== 'cpu' && report.reason !== 'memory')) return undefined;
  return { callId, reason: report.reason, rssMb: Number(report.rssMb) || 0 };
}

function safeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
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
