// The sandbox itself lives in the SDK (sdk/src/sandbox), so `kredo-plugin test` runs plugins in the
// same code as production; core re-exports what its modules use, next to its own host functions and pool.
export {
  type CoreReadOperation,
  checkCoreReadScope,
  createSandbox,
  createTestHost,
  defaultSandboxLimits,
  type HostCallError,
  type HostFetchRequest,
  HostFunctionError,
  maxStorageListKeys,
  type PluginConfig,
  type PluginLogLevel,
  type PluginSandbox,
  resolveSandboxLimits,
  type SandboxError,
  type SandboxErrorCode,
  type SandboxHost,
  type SandboxLimits,
  type SandboxOptions,
  type SandboxResult,
} from '@kredo/sdk/sandbox';
export { createHostFetch, type HostFetchOptions } from './host-fetch.ts';
export { createHostStorage, type HostStorageQuota, purgeInstallationStorage } from './host-storage.ts';
export { createPluginPool, type PluginPool, type PoolCall, type PoolWorkerStats } from './plugin-pool.ts';
export { installationSandboxKey, type PluginPoolOptions } from './pool-options.ts';
export type { PoolCallResult } from './worker-process.ts';
