import type { Logger } from 'pino';
import type { Orm } from '../db/orm.ts';
import type { RunnableInstallation } from '../marketplace/index.ts';
import { createHostFetch, createHostStorage, type SandboxHost } from '../plugin-host/index.ts';
import { createCoreReads } from './core-reads.ts';
import { type PluginRuntimeConfig, storageQuotaOf } from './runtime-config.ts';

/**
 * The host functions of one installation of one tenant: fetch limited to the manifest's origins with
 * the installation's secrets filled in at the network edge, storage in its own rows under row-level
 * security, `ctx.core` reads within the granted scopes, and log lines to the server log bound to tenant and installation (plugin text only).
 */
export function createInstallationHost(
  orm: Orm,
  tenantId: string,
  installation: RunnableInstallation,
  config: PluginRuntimeConfig,
  logger: Logger,
  devOrigins: readonly string[] = [],
): SandboxHost {
  const fetch = createHostFetch({
    allowedOrigins: [...(installation.manifest.http?.origins ?? []), ...devOrigins],
    secrets: installation.secrets,
    maxResponseBytes: config.pluginHttpMaxResponseBytes,
    timeoutMs: config.pluginHttpTimeoutMs,
    allowPrivateNetworks: config.pluginAllowPrivateNetworks,
  });
  const storage = createHostStorage(orm, tenantId, installation.id, storageQuotaOf(config));
  const log = logger.child({
    tenantId,
    installationId: installation.id,
    plugin: `${installation.pluginId}@${installation.version}`,
  });
  return {
    log: async (level, message) => log[level]({ pluginLog: message }, 'plugin log'),
    storageGet: storage.storageGet,
    storageSet: storage.storageSet,
    storageList: storage.storageList,
    fetch,
    coreRead: createCoreReads(orm, tenantId, installation.grantedScopes),
  };
}
