import { definePayLink, definePlugin, type PluginManifest } from '@kredo/sdk';
import manifest from '../manifest.json' with { type: 'json' };
import { createLink } from './create-link.ts';
import { handleWebhook } from './handle-webhook.ts';

/** Pay links through Mollie's Payments API v2; the manifest's `mollie` webhook goes to `handleWebhook`. */
export default definePlugin({
  manifest: manifest as PluginManifest,
  capabilities: {
    payLink: definePayLink({ createLink, handleWebhook }),
  },
});
