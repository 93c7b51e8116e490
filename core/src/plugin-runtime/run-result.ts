import type { PoolCallResult } from '../plugin-host/index.ts';

/** A failure from the pool: the sandbox's codes, and `worker_lost` (a crash nobody is charged for). */
type PoolErrorCode = Extract<PoolCallResult, { ok: false }>['error']['code'];

/** Why the runtime refused to run a hook, before any plugin code ran. */
export type PluginRefusalCode =
  | 'installation_not_found'
  | 'installation_disabled'
  | 'hook_not_declared'
  /** The stored bundle no longer matches its signed digest: it is refused, and the operator told. */
  | 'bundle_digest_mismatch'
  /** The installation could not be loaded (the database is unreachable): try again later. */
  | 'runtime_unavailable';

export interface PluginRunError {
  code: PoolErrorCode | PluginRefusalCode;
  message: string;
  /** Whether delivering the same call later may succeed. */
  retryable: boolean;
}

/** What `invoke` answers: the hook's JSON result, or an error as data, recognised by `code`. */
export type PluginRunResult = { ok: true; value: unknown } | { ok: false; error: PluginRunError };

/**
 * Failures that count as limit breaches and, repeated, disable an installation. `worker_crashed` is
 * one only because the pool answers it to the likely culprit alone; a crash it cannot pin on one
 * plugin is `worker_lost`, which is not (plugin-host/worker-process.ts `crashOutcome`).
 */
const breachCodes = new Set<string>([
  'timeout',
  'cpu_limit',
  'memory_limit',
  'worker_crashed',
  'result_too_large',
  'outbound_limit',
  'load_failed',
]);

export function isBreach(code: string): boolean {
  return breachCodes.has(code);
}
