// `@kredo/sdk/host`: what a Kredo host needs beside the plugin author's API — the marketplace's signing
// and hashing, a manifest's entry points and the scopes its hooks need, where its secrets may go, and
// whether it runs on a core version. Core depends on it; plugin code has no use for it.
export { canonicalJson, sha256Hex } from './canonical-json.ts';
export { capabilityEntry, manifestEntryPoints, webhookEntry } from './entry-points.ts';
export { hookScopes } from './hooks.ts';
export { satisfiesCore } from './manifest.ts';
export { secretOrigins } from './secret-origins.ts';
