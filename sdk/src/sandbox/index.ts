export { CORE_READ_SCOPES, checkCoreReadScope } from './core-read-scopes.ts';
export type {
  CoreReadOperation,
  HostCallError,
  HostFetchRequest,
  HostOperation,
  PluginLogLevel,
  SandboxHost,
} from './host-bridge.ts';
export { maxStorageListKeys, parseHostCall, runHostOperation } from './host-bridge.ts';
export { HostFunctionError } from './host-error.ts';
export { type BoundSecrets, bodySecretEncoding, fillSecrets, type SecretEncoding } from './host-secrets.ts';
export { fetchMethods, reservedHeaders } from './http-rules.ts';
export {
  type CallOptions,
  createSandbox,
  maxIntlInstances,
  type PluginConfig,
  type PluginSandbox,
  type SandboxOptions,
  type SliceMonitor,
} from './plugin-sandbox.ts';
export { defaultSandboxLimits, resolveSandboxLimits, type SandboxLimits } from './sandbox-limits.ts';
export {
  type SandboxError,
  type SandboxErrorCode,
  type SandboxResult,
  sandboxFailure,
} from './sandbox-result.ts';
export { createScrubber, minScrubbedRun, redacted, scrubResponse } from './secret-scrubber.ts';
export { checkStorageKey, maxStorageKeyChars, storageKeyProblem } from './storage-key.ts';
export { bundleOf, createTestHost } from './test-host.ts';
