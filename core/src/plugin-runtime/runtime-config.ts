import type { Config } from '../config/load-config.ts';
import type { HostStorageQuota, PluginPoolOptions, SandboxLimits } from '../plugin-host/index.ts';

/** The settings the plugin runtime reads (see config/settings.ts for each one's meaning and default). */
export type PluginRuntimeConfig = Pick<
  Config,
  | 'pluginWorkers'
  | 'pluginWorkerSlots'
  | 'pluginMaxConcurrentCalls'
  | 'pluginQueueTimeoutMs'
  | 'pluginMaxQueuedPerTenant'
  | 'pluginWorkerMaxRssMb'
  | 'pluginOverrunGraceMs'
  | 'pluginMemoryMb'
  | 'pluginCpuMs'
  | 'pluginDeadlineMs'
  | 'pluginMaxPayloadBytes'
  | 'pluginMaxRequests'
  | 'pluginStorageMaxKeys'
  | 'pluginStorageMaxBytes'
  | 'pluginHttpTimeoutMs'
  | 'pluginHttpMaxResponseBytes'
  | 'pluginAllowPrivateNetworks'
  | 'pluginBreachesBeforeDisable'
  | 'pluginLogLinesPerMinute'
  | 'pluginLogKeepLines'
>;

export function sandboxLimitsOf(config: PluginRuntimeConfig): SandboxLimits {
  return {
    memoryMb: config.pluginMemoryMb,
    cpuMsPerCall: config.pluginCpuMs,
    wallClockMsPerCall: config.pluginDeadlineMs,
    maxPayloadBytes: config.pluginMaxPayloadBytes,
    maxOutboundRequestsPerCall: config.pluginMaxRequests,
  };
}

export function storageQuotaOf(config: PluginRuntimeConfig): HostStorageQuota {
  return { maxKeys: config.pluginStorageMaxKeys, maxBytes: config.pluginStorageMaxBytes };
}

export function poolOptionsOf(config: PluginRuntimeConfig): PluginPoolOptions {
  return {
    size: config.pluginWorkers,
    slotsPerWorker: config.pluginWorkerSlots,
    maxInFlightPerInstallation: config.pluginMaxConcurrentCalls,
    queueTimeoutMs: config.pluginQueueTimeoutMs,
    maxQueuedPerTenant: config.pluginMaxQueuedPerTenant,
    workerMaxRssMb: config.pluginWorkerMaxRssMb,
    overrunGraceMs: config.pluginOverrunGraceMs,
  };
}
