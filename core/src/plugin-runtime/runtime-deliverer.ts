import type { EventDeliverer } from '../events/index.ts';
import { plainText } from '../shared/plain-text.ts';
import type { PluginRuntime } from './plugin-runtime.ts';

/**
 * Delivers outbox events to installed plugins: the event hook of every enabled installation that
 * declares it, through the sandbox pool. The hook receives the SDK's event shape: the envelope's
 * `idempotencyKey`, `eventId`, `name` and `occurredAt` beside the event's own fields (`payment`, …).
 */
export function runtimeDeliverer(runtime: PluginRuntime): EventDeliverer {
  return {
    async hooksFor(tenantId, hook) {
      const ids = await runtime.hooksFor(tenantId, hook);
      return ids.map((installationId) => ({ installationId }));
    },
    async deliver(tenantId, installationId, hook, event) {
      const { data, ...envelope } = event;
      const payload = { ...(typeof data === 'object' && data !== null ? data : { data }), ...envelope };
      const result = await runtime.invoke(tenantId, installationId, hook, payload);
      // The failure is stored on the delivery and logged: the plugin's code and message as plain text.
      if (!result.ok) {
        const { code, message, retryable } = result.error;
        return { ok: false, error: { code: plainText(code), message: plainText(message), retryable } };
      }
      // A plugin answering with the SDK's `fail(…)` has not handled the event: retry when it says so.
      const answer = result.value as {
        ok?: unknown;
        error?: { code?: unknown; message?: unknown; retryable?: unknown };
      };
      if (answer && answer.ok === false && answer.error) {
        return {
          ok: false,
          error: {
            code: plainText(String(answer.error.code ?? 'plugin_failed')),
            message: plainText(String(answer.error.message ?? '')),
            retryable: answer.error.retryable === true,
          },
        };
      }
      return { ok: true };
    },
  };
}
