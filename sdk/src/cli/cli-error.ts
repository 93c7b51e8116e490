/** A mistake the user can fix (a bad flag, a refused import, a 4xx): printed without a stack, exit 1. */
export class CliError extends Error {
  readonly code = 'cli_error';
}

export function isCliError(error: unknown): error is CliError {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'cli_error';
}
