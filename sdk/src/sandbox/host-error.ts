/**
 * A failure of a host function that reaches the plugin with its own `code` (host-bridge.ts keeps the
 * code, message and retryable flag of an Error carrying a string `code`). The message must be safe
 * for plugin eyes: never a secret value, never a database detail.
 */
export class HostFunctionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'HostFunctionError';
  }
}
