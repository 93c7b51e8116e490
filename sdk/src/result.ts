/**
 * What crosses the sandbox boundary: a value or an error as plain data. Errors are recognised by
 * `code`, never by `instanceof`, because no class survives the copy between host and isolate.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: PluginError };

export interface PluginError {
  /** Stable, machine-readable, snake_case: `company_not_found`, `provider_unavailable`. */
  code: string;
  /** For people: the tenant sees it on the installation's failure log. */
  message: string;
  /** Whether the same call may succeed later; events with a retryable error are delivered again. */
  retryable: boolean;
}

export type Failure = Extract<Result<never>, { ok: false }>;

export function ok<T>(value: T): Result<T>;
export function ok(): Result<void>;
export function ok<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

export function fail(code: string, message: string, options: { retryable?: boolean } = {}): Failure {
  return { ok: false, error: { code, message, retryable: options.retryable ?? false } };
}
