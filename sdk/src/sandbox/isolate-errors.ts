import type ivm from 'isolated-vm';
import { type SandboxError, sandboxFailure } from './sandbox-result.ts';

/**
 * Names what isolated-vm threw out of a run: a terminated run is over its CPU budget, a disposed
 * isolate has exhausted its heap (or was disposed by its owner). isolated-vm reports these as
 * plain Errors, so the message is all there is to go on.
 */
export function classifyIsolateError(isolate: ivm.Isolate, thrown: unknown): SandboxError {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  if (isolate.isDisposed) {
    return /memory limit/i.test(message)
      ? sandboxFailure('memory_limit', 'the plugin exhausted its memory; its isolate was disposed').error
      : sandboxFailure('disposed', 'the sandbox was disposed').error;
  }
  if (/timed out/i.test(message)) {
    return sandboxFailure('cpu_limit', 'the plugin used more CPU time than one call allows').error;
  }
  return sandboxFailure('host_error', `the sandbox failed: ${message}`).error;
}
