import type { EventDeliverer } from '../events/index.ts';
import { plainText } from '../shared/plain-text.ts';
import { pluginAnswer } from './plugin-answer.ts';
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
      const answer = pluginAnswer(await runtime.invoke(tenantId, installationId, hook, payload));
      // A runtime failure, or a plugin's own `fail(…)` (it has not handled the event: retried when it
      // says so), is stored on the delivery and logged, as plain text.
      if (!answer.ok) {
        const { code, message, retryable } = answer.error;
        return { ok: false, error: { code: plainText(code), message: plainText(message), retryable } };
      }
      return { ok: true };
    },
  };
}
