import type { Logger } from 'pino';
import type { Orm } from '../db/orm.ts';
import type { RunnableInstallation } from '../marketplace/index.ts';
import { createHostFetch, createHostStorage, type SandboxHost } from '../plugin-host/index.ts';
import type { PluginLogWriter } from '../plugin-logs/index.ts';
import { plainText } from '../shared/plain-text.ts';
import { createCoreReads } from './core-reads.ts';
import { type PluginRuntimeConfig, storageQuotaOf } from './runtime-config.ts';

/** Development and tests only (runtime option, honoured with private networks allowed). */
export interface DevNetwork {
  /** Origins every plugin may reach besides its manifest's. */
  origins: readonly string[];
  /** A manifest origin sent to a local fake instead: `{ 'https://api.mollie.com': 'http://127.0.0.1:4567' }`. */
  routes: Readonly<Record<string, string>>;
}

/**
 * The host functions of one installation of one tenant: fetch limited to the granted origins with
 * each of the installation's secrets filled in at the network edge only for the origins it is bound
 * to (judged on the origin the plugin asked for, before a development route), storage in its own rows under row-level
 * security, `ctx.core` reads within the granted scopes, and log lines (plugin text only) to the server log
 * bound to tenant and installation and to the installation's log the tenant reads, tagged with `hook`.
 */
export function createInstallationHost(
  orm: Orm,
  tenantId: string,
  installation: RunnableInstallation,
  hook: string,
  config: PluginRuntimeConfig,
  logs: { logger: Logger; writer: PluginLogWriter },
  dev: DevNetwork = { origins: [], routes: {} },
): SandboxHost {
  const fetchAllowed = createHostFetch({
    allowedOrigins: [...installation.grant.origins, ...dev.origins],
    secrets: { values: installation.secrets, origins: installation.grant.secretOrigins },
    routes: dev.routes,
    maxResponseBytes: config.pluginHttpMaxResponseBytes,
    timeoutMs: config.pluginHttpTimeoutMs,
    allowPrivateNetworks: config.pluginAllowPrivateNetworks,
  });
  const storage = createHostStorage(orm, tenantId, installation.id, storageQuotaOf(config));
  const log = logs.logger.child({
    tenantId,
    installationId: installation.id,
    plugin: `${installation.pluginId}@${installation.version}`,
  });
  return {
    // The same budget bounds the server log: a looping plugin floods neither.
    log: async (level, message) => {
      const kept = await logs.writer.write(
        { tenantId, installationId: installation.id, hook },
        level,
        message,
      );
      // Escaped as the stored line is, for a server log read through a pretty-printer or terminal.
      if (kept) log[level]({ pluginLog: plainText(message), hook }, 'plugin log');
    },
    storageGet: storage.storageGet,
    storageSet: storage.storageSet,
    storageList: storage.storageList,
    fetch: fetchAllowed,
    coreRead: createCoreReads(orm, tenantId, installation.grantedScopes),
  };
}
