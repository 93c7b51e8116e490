import { plainText } from '../shared/plain-text.ts';
import type { PluginRunError, PluginRunResult } from './run-result.ts';

/**
 * What a plugin call came to, the same for every caller (capabilities, events, filters, webhooks):
 * - `ok`: the plugin's value. An SDK-built plugin answers a `Result` (`ok(value)`), whose value this
 *   is; a bundle written by hand may answer the value itself (`bare`), which each caller's contract
 *   then judges;
 * - `plugin`: the plugin ran within its limits and answered the SDK's `fail(…)`: its own code and
 *   message as plain text, retryable only when it says so;
 * - `runtime`: the runtime's failure (a refusal, a limit, a crash, `overloaded`), as the runtime
 *   answered it.
 */
export type PluginAnswer =
  | { ok: true; value: unknown; bare: boolean }
  | { ok: false; source: 'plugin'; error: PluginFailure }
  | { ok: false; source: 'runtime'; error: PluginRunError };

/** A plugin's own `fail(…)`: its code is the plugin's, anything it chose. */
export interface PluginFailure {
  code: string;
  message: string;
  retryable: boolean;
}

const maxCodeChars = 100;
const maxMessageChars = 500;

export function pluginAnswer(result: PluginRunResult): PluginAnswer {
  if (!result.ok) return { ok: false, source: 'runtime', error: result.error };
  const answer = result.value;
  if (typeof answer !== 'object' || answer === null || typeof (answer as { ok?: unknown }).ok !== 'boolean') {
    return { ok: true, value: answer ?? null, bare: true };
  }
  const sdkResult = answer as { ok: boolean; value?: unknown; error?: unknown };
  if (sdkResult.ok) return { ok: true, value: sdkResult.value ?? null, bare: false };
  const error = (typeof sdkResult.error === 'object' && sdkResult.error !== null ? sdkResult.error : {}) as {
    code?: unknown;
    message?: unknown;
    retryable?: unknown;
  };
  return {
    ok: false,
    source: 'plugin',
    error: {
      code: plainText(String(error.code ?? 'plugin_failed')).slice(0, maxCodeChars),
      message: plainText(String(error.message ?? 'no reason given')).slice(0, maxMessageChars),
      retryable: error.retryable === true,
    },
  };
}

/**
 * The HTTP status a runtime failure comes to, for whoever answers an HTTP caller on a plugin's
 * behalf: 503 when the call never ran or its process was lost (try again), 504 when the plugin ran
 * out of time, 413 for a payload over the limit, 404 when there is no such runnable hook, 502 for
 * everything else the plugin did wrong.
 */
export function runFailureStatus(error: PluginRunError): 404 | 413 | 502 | 503 | 504 {
  switch (error.code) {
    case 'installation_not_found':
    case 'installation_disabled':
    case 'hook_not_declared':
      return 404;
    case 'payload_too_large':
      return 413;
    case 'timeout':
    case 'cpu_limit':
      return 504;
    case 'overloaded':
    case 'worker_lost':
    case 'disposed':
    case 'runtime_unavailable':
      return 503;
    default:
      return 502;
  }
}
