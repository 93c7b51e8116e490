import pino, { type Logger } from 'pino';
import type { Orm } from '../db/orm.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import {
  installationsForHook,
  type RunnableInstallation,
  readBundle,
  readRunnable,
  recordRun,
  SecretBox,
} from '../marketplace/index.ts';
import {
  createPluginPool,
  type PluginPool,
  type PoolWorkerStats,
  resolveSandboxLimits,
  type SandboxHost,
} from '../plugin-host/index.ts';
import { createPluginLogWriter } from '../plugin-logs/index.ts';
import { DomainError } from '../shared/errors.ts';
import { type ChangeListener, listenForInstallationChanges } from './installation-changes.ts';
import { createInstallationHost } from './installation-host.ts';
import { pluginAnswer } from './plugin-answer.ts';
import { isBreach, type PluginRunResult } from './run-result.ts';
import { type PluginRuntimeConfig, poolOptionsOf, sandboxLimitsOf } from './runtime-config.ts';

export interface PluginRuntimeOptions {
  orm: Orm;
  config: PluginRuntimeConfig;
  /** The key installation secrets are sealed with (marketplace `secretsKey`). */
  secretsKey: Buffer;
  /** Plugin log lines and runtime failures; silent by default. */
  logger?: Logger;
  /**
   * Origins every plugin may reach besides its manifest's (local fakes of provider APIs, which a
   * manifest cannot declare). Honoured only with `pluginAllowPrivateNetworks`: development and tests.
   */
  devOrigins?: readonly string[];
  /**
   * Manifest origins sent to local fakes instead (`{ 'https://api.mollie.com': 'http://127.0.0.1:4567' }`),
   * so a reference plugin runs unchanged against a fake provider. Honoured only with
   * `pluginAllowPrivateNetworks`: development and tests.
   */
  originRoutes?: Readonly<Record<string, string>>;
}

/**
 * Runs installed plugins' hooks for core and for event delivery. Every method is bound to a tenant
 * and reads under its row-level security.
 */
export interface PluginRuntime {
  /**
   * Runs `hook` of an enabled installation with `payload`. Never rejects: refusals
   * (`installation_not_found`, `installation_disabled`, `hook_not_declared`), sandbox failures
   * (`timeout`, `cpu_limit`, …) and `runtime_unavailable` come back as `{ ok: false, error }`,
   * with `retryable` telling an event queue whether to deliver again. The outcome is recorded on
   * the installation; repeated limit breaches disable it.
   */
  invoke(tenantId: string, installationId: string, hook: string, payload: unknown): Promise<PluginRunResult>;
  /** The enabled installations declaring `hook`, in run order: priority (lower first), then install order. */
  hooksFor(tenantId: string, hook: string): Promise<string[]>;
  /**
   * Disposes the installation's sandboxes in this process. Every runtime does this by itself when
   * an installation changes or goes, in any process (installation-changes.ts); this is for callers
   * that cannot wait for the notification.
   */
  forget(installationId: string): void;
  /** The plugin-host processes (none before the first invoke), for health checks and tests. */
  stats(): PoolWorkerStats[];
  /** Ends the plugin-host processes and finishes storing log lines; later invokes answer `disposed`. */
  close(): Promise<void>;
}

const maxCachedBundles = 256;

/** Creates the runtime; the plugin-host processes start on the first invoke, not here. */
export function createPluginRuntime(options: PluginRuntimeOptions): PluginRuntime {
  const { orm, config } = options;
  const limits = resolveSandboxLimits(sandboxLimitsOf(config));
  const box = new SecretBox(options.secretsKey);
  const logger = options.logger ?? pino({ level: 'silent' });
  const logs = {
    logger,
    writer: createPluginLogWriter(orm, logger, {
      linesPerMinute: config.pluginLogLinesPerMinute,
      keepLines: config.pluginLogKeepLines,
    }),
  };
  const dev = config.pluginAllowPrivateNetworks
    ? { origins: options.devOrigins ?? [], routes: options.originRoutes ?? {} }
    : { origins: [], routes: {} };
  const bundles = new Map<string, string>();
  let pool: PluginPool | undefined;
  let changes: ChangeListener | undefined;
  let closed = false;

  const poolOf = () => {
    if (pool === undefined) {
      pool = createPluginPool({ ...poolOptionsOf(config), limits });
      const created = pool;
      changes = listenForInstallationChanges(
        String(orm.config.get('clientUrl')),
        (installationId, revision) => created.forget(installationId, revision),
        logger,
      );
    }
    return pool;
  };

  async function load(tenantId: string, installationId: string, hook: string) {
    return readAsTenant(orm, tenantId, async (em) => {
      const installation = await readRunnable({ em, tenantId, box }, installationId, hook);
      // Versions never change, so a bundle is cached by version for every tenant alike.
      const version = `${installation.pluginId}@${installation.version}`;
      let code = bundles.get(version);
      if (code === undefined) {
        code = await readBundle(em, installation.pluginId, installation.version);
        if (bundles.size >= maxCachedBundles) bundles.delete(bundles.keys().next().value as string);
        bundles.set(version, code);
      }
      return { installation, code };
    });
  }

  async function record(tenantId: string, installation: RunnableInstallation, result: PluginRunResult) {
    // A call that never started, because others' calls filled the pool, says nothing of this plugin.
    if (!result.ok && result.error.code === 'overloaded') return;
    const answer = pluginAnswer(result);
    const failure = answer.ok
      ? undefined
      : { ...answer.error, breach: answer.source === 'runtime' && isBreach(answer.error.code) };
    // The common case writes nothing: a success with no breach count to reset.
    if (failure === undefined && installation.breachCount === 0) return;
    try {
      const { disabled } = await tenantEm(orm, tenantId).transactional((em) =>
        recordRun(em, installation.id, failure, config.pluginBreachesBeforeDisable),
      );
      if (disabled) {
        logger.warn(
          { tenantId, installationId: installation.id, code: failure?.code },
          'plugin installation disabled after repeated limit breaches',
        );
      }
    } catch (error) {
      logger.error(
        { err: error, tenantId, installationId: installation.id },
        'could not record a plugin run',
      );
    }
  }

  return {
    async invoke(tenantId, installationId, hook, payload) {
      if (closed)
        return {
          ok: false,
          error: { code: 'disposed', message: 'the plugin runtime was closed', retryable: true },
        };
      // 1. The enabled installation, its manifest declaring the hook, and its bundle.
      // 2. Its host functions, bound to tenant, installation and this call.
      let loaded: Awaited<ReturnType<typeof load>>;
      let host: SandboxHost;
      try {
        loaded = await load(tenantId, installationId, hook);
        host = createInstallationHost(orm, tenantId, loaded.installation, hook, config, logs, dev);
      } catch (error) {
        return refusal(error, logger, { tenantId, installationId });
      }
      const { installation, code } = loaded;
      // 3. The call, in the pool's sandbox for this installation as it is now, in its tenant's turn.
      const result: PluginRunResult = await poolOf().call({
        tenantId,
        installationId: installation.id,
        revision: installation.revision,
        code,
        hook,
        payload,
        config: installation.config,
        host,
      });
      // 4. The outcome, on the installation.
      await record(tenantId, installation, result);
      return result;
    },

    hooksFor(tenantId, hook) {
      return readAsTenant(orm, tenantId, (em) => installationsForHook(em, hook));
    },

    forget(installationId) {
      pool?.forget(installationId);
    },

    stats() {
      return pool?.stats() ?? [];
    },

    async close() {
      closed = true;
      await changes?.close();
      await pool?.close();
      await logs.writer.close();
    },
  };
}

/** A refusal before the plugin ran: a domain error keeps its code; anything else is worth a retry. */
function refusal(error: unknown, logger: Logger, where: object): PluginRunResult {
  if (error instanceof DomainError && error.code === 'bundle_digest_mismatch') {
    logger.error({ ...where, problem: error.message }, 'a plugin bundle does not match its signed digest');
    return { ok: false, error: { code: 'bundle_digest_mismatch', message: error.message, retryable: false } };
  }
  if (error instanceof DomainError) {
    const code =
      error.code === 'installation_not_found' ||
      error.code === 'installation_disabled' ||
      error.code === 'hook_not_declared'
        ? error.code
        : 'installation_not_found';
    return { ok: false, error: { code, message: error.message, retryable: false } };
  }
  logger.error({ err: error, ...where }, 'could not load a plugin installation');
  return {
    ok: false,
    error: {
      code: 'runtime_unavailable',
      message: 'the plugin installation could not be loaded',
      retryable: true,
    },
  };
}
