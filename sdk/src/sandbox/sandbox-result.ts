/**
 * What a sandboxed call answers. Errors cross the boundary as data, recognised by `code`
 * (the same `{ ok, value | error }` shape as `@kredo/sdk`'s results).
 */
export type SandboxErrorCode =
  | 'timeout'
  | 'cpu_limit'
  | 'memory_limit'
  | 'payload_too_large'
  | 'result_too_large'
  | 'invalid_payload'
  | 'outbound_limit'
  | 'plugin_error'
  | 'hook_not_found'
  | 'host_error'
  | 'disposed'
  | 'load_failed'
  /** The plugin-host process running the call went away (a memory bomb can take it down). */
  | 'worker_crashed';

export interface SandboxError {
  code: SandboxErrorCode;
  message: string;
  /** Whether the same call may succeed later (events with a retryable error are delivered again). */
  retryable: boolean;
}

export type SandboxResult<T> = { ok: true; value: T } | { ok: false; error: SandboxError };

/** Failures caused by the moment (a slow host, a recycled isolate), not by the call itself. */
const retryableCodes = new Set<SandboxErrorCode>(['timeout', 'host_error', 'disposed', 'worker_crashed']);

export function sandboxFailure(code: SandboxErrorCode, message: string): { ok: false; error: SandboxError } {
  return { ok: false, error: { code, message, retryable: retryableCodes.has(code) } };
}
