import type { EventDeliverer } from '../events/index.ts';
import type { PluginRuntime } from './plugin-runtime.ts';

/**
 * Delivers outbox events to installed plugins: the event hook of every enabled installation that
 * declares it, through the sandbox pool. The envelope (with its idempotency key) is the hook's payload.
 */
export function runtimeDeliverer(runtime: PluginRuntime): EventDeliverer {
  return {
    async hooksFor(tenantId, hook) {
      const ids = await runtime.hooksFor(tenantId, hook);
      return ids.map((installationId) => ({ installationId }));
    },
    async deliver(tenantId, installationId, hook, event) {
      const result = await runtime.invoke(tenantId, installationId, hook, event);
      return result.ok ? { ok: true } : { ok: false, error: result.error };
    },
  };
}
