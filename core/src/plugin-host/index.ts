export type {
  CoreReadOperation,
  HostCallError,
  HostFetchRequest,
  PluginLogLevel,
  SandboxHost,
} from './host-bridge.ts';
export { maxStorageListKeys } from './host-bridge.ts';
export { HostFunctionError } from './host-error.ts';
export { createHostFetch, type HostFetchOptions } from './host-fetch.ts';
export { createHostStorage, type HostStorageQuota, purgeInstallationStorage } from './host-storage.ts';
export { createPluginPool, type PluginPool, type PoolWorkerStats } from './plugin-pool.ts';
export {
  createSandbox,
  type PluginConfig,
  type PluginSandbox,
  type SandboxOptions,
} from './plugin-sandbox.ts';
export { type PluginPoolOptions, pluginSandboxKey } from './pool-options.ts';
export { defaultSandboxLimits, resolveSandboxLimits, type SandboxLimits } from './sandbox-limits.ts';
export type { SandboxError, SandboxErrorCode, SandboxResult } from './sandbox-result.ts';
