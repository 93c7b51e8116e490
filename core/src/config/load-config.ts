import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type SettingDef, type Settings, settings } from './settings.ts';

type ValueOf<D> = D extends SettingDef<infer T> ? T : never;
export type Config = { [K in keyof Settings]: ValueOf<Settings[K]> | undefined } & {
  port: number;
  host: string;
  publicUrl: string;
  apiResource: string;
  identityPort: number;
  identityPublicUrl: string;
  identityTrustProxy: boolean;
  consoleRedirectUris: string[];
  dnsServers: string[];
  dataDir: string;
  embeddedPostgresPort: number;
  dbPoolMax: number;
  mode: ValueOf<Settings['mode']>;
  logLevel: ValueOf<Settings['logLevel']>;
  importMaxBytes: number;
  bankMatchInlineMax: number;
  pluginWorkers: number;
  pluginMemoryMb: number;
  pluginCpuMs: number;
  pluginDeadlineMs: number;
  pluginMaxPayloadBytes: number;
  pluginMaxRequests: number;
  pluginStorageMaxKeys: number;
  pluginStorageMaxBytes: number;
  pluginHttpTimeoutMs: number;
  pluginHttpMaxResponseBytes: number;
  pluginAllowPrivateNetworks: boolean;
  pluginBreachesBeforeDisable: number;
  pluginLogLinesPerMinute: number;
  pluginLogKeepLines: number;
  idempotencyKeepHours: number;
  webhookRatePerMinute: number;
  worker: boolean;
  workerConcurrency: number;
  eventMaxAttempts: number;
};

/** Thrown at start-up for a setting that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The workspace root (where pnpm-workspace.yaml is), so `.kredo/` is one place whichever package runs. */
export function workspaceRoot(from = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
  return dir;
}

/**
 * Settings that are gone, with what to do instead: one still set stops the command rather than being
 * ignored, so a deployment that relied on it learns why at start-up instead of from 401s.
 */
const REMOVED_SETTINGS: Record<string, string> = {
  KREDO_DEV_AUTH:
    "removed: core accepts only the identity server's access tokens (pnpm kredo token gets an API client one); unset it",
  KREDO_DEV_AUTH_SECRET: 'removed with the development tokens it signed; unset it',
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const values: Record<string, unknown> = {};
  const problems = Object.entries(REMOVED_SETTINGS)
    .filter(([name]) => env[name] !== undefined && env[name] !== '')
    .map(([name, instead]) => `${name}: ${instead}`);
  for (const [key, def] of Object.entries(settings) as [string, SettingDef<unknown>][]) {
    const raw = env[def.env];
    if (raw === undefined || raw === '') {
      values[key] = typeof def.default === 'string' && key === 'dataDir' ? undefined : def.default;
      continue;
    }
    try {
      values[key] = def.parse(raw);
    } catch (error) {
      problems.push(`${def.env}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  const config = { ...values, ...overrides } as Config;
  // Relative to where the command was typed (pnpm runs scripts inside the package folder).
  config.dataDir = resolve(
    env.KREDO_CALLER_CWD ?? env.INIT_CWD ?? process.cwd(),
    config.dataDir ?? join(workspaceRoot(), '.kredo'),
  );
  config.publicUrl ??= `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  config.identityPublicUrl ??= `http://localhost:${config.identityPort}`;
  // The identity server's resource indicator for core's API, unless the operator names it otherwise.
  config.apiResource ??= `${config.publicUrl.replace(/\/$/, '')}/api/v1`;
  checkDevelopmentSettings(config);
  return config;
}

/**
 * Settings that are only for development and tests, refused where they would do harm: origin routes
 * send a plugin's requests (with the tenant's secrets filled in) to servers its manifest does not
 * name, so they need demo or test mode, and private networks allowed (the fakes are local). Checked
 * by loadConfig and again by startKredo, for a config a caller changed after loading it.
 */
export function checkDevelopmentSettings(
  config: Pick<Config, 'mode' | 'pluginOriginRoutes' | 'pluginAllowPrivateNetworks'>,
): void {
  if (config.pluginOriginRoutes === undefined) return;
  const problems: string[] = [];
  if (config.mode === 'production') {
    problems.push(
      "KREDO_PLUGIN_ORIGIN_ROUTES: development and tests only (it sends plugins' requests to servers their manifests do not name); use it with pnpm kredo start --demo or KREDO_MODE=test",
    );
  }
  if (!config.pluginAllowPrivateNetworks) {
    problems.push(
      'KREDO_PLUGIN_ORIGIN_ROUTES: needs KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS=1, as its routes lead to local fakes',
    );
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}

/**
 * Production mode needs a way in: the identity server's tokens (KREDO_IDENTITY_ISSUER). Without it
 * every call would be refused, which is a mistake to report at start-up rather than a server to run. Checked by startKredo, not by loadConfig: commands
 * that serve no API (migrate, config, import) need neither.
 */
export function checkAuthSettings(config: Pick<Config, 'mode' | 'identityIssuer'>): void {
  if (config.mode !== 'production' || config.identityIssuer) return;
  throw new ConfigError(
    'Invalid configuration:\n  KREDO_IDENTITY_ISSUER: must be set in production mode (the identity server whose access tokens core accepts); without it every API call would be refused',
  );
}
