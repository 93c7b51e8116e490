import { CAPABILITIES, type CapabilityMap, type CapabilityName } from './capabilities.ts';
import type { PluginManifest } from './manifest.ts';

/**
 * The names a plugin bundle exposes its functions under, besides its hooks (`payment.received`):
 * `capability:<capability>.<operation>` for each operation of each capability it implements, and
 * `webhook:<name>` for each webhook its manifest declares. Core calls a bundle only by these names,
 * and only by the ones its manifest declares.
 */
export function capabilityEntry<C extends CapabilityName>(
  capability: C,
  operation: keyof CapabilityMap[C],
): string {
  return `capability:${capability}.${String(operation)}`;
}

export function webhookEntry(name: string): string {
  return `webhook:${name}`;
}

/** Operations a bundle may leave out: webhook handlers, when the plugin answers webhooks itself. */
const optionalOperations = new Set(['handleWebhook']);

/**
 * Every entry point a bundle built from `manifest` may expose, with whether it must: hooks and
 * capability operations (but `handleWebhook`) must, declared webhooks must.
 */
export function manifestEntryPoints(manifest: PluginManifest): { name: string; required: boolean }[] {
  const entries = (manifest.hooks ?? []).map((hook) => ({ name: hook.name as string, required: true }));
  for (const capability of manifest.capabilities ?? []) {
    for (const operation of CAPABILITIES[capability].operations) {
      entries.push({
        name: capabilityEntry(capability, operation as never),
        required: !optionalOperations.has(String(operation)),
      });
    }
  }
  for (const webhook of manifest.webhooks ?? [])
    entries.push({ name: webhookEntry(webhook.name), required: true });
  return entries;
}
