import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundlePlugin } from '../cli/build.ts';
import { type PluginManifest, validateManifest } from '../manifest.ts';
import {
  createSandbox,
  type PluginLogLevel,
  type PluginSandbox,
  type SandboxLimits,
  type SandboxResult,
} from '../sandbox/index.ts';
import { secretOrigins } from '../secret-origins.ts';
import { createTesterCore, type TesterCoreData } from './tester-core.ts';
import { createTesterFetch, type TesterHttp, type TesterRequest } from './tester-fetch.ts';
import { createTesterStorage } from './tester-storage.ts';

export interface PluginTesterOptions {
  /** The plugin's source entry, built in memory exactly as `kredo-plugin build` builds it. */
  entry?: string;
  /** Or an already built bundle: `dist/plugin.js`. */
  bundle?: string;
  /** The manifest, or the path of manifest.json; validated like the marketplace validates it. */
  manifest: PluginManifest | string;
  /** Relative paths resolve against it; default `process.cwd()`. */
  cwd?: string;
  /** `ctx.config`: the installation's non-secret settings. */
  config?: Record<string, string | number | boolean>;
  /**
   * Filled into `{{secrets.NAME}}` at the network edge, only in requests to the origins the manifest
   * binds each one to (`config[].origins`), as in production; the plugin never sees them.
   */
  secrets?: Record<string, string>;
  /** The scopes the tenant granted; default the manifest's `scopes`. */
  grantedScopes?: string[];
  http?: TesterHttp;
  /** What `ctx.core` reads see. */
  core?: TesterCoreData;
  /** The plugin's storage to start from. */
  storage?: Record<string, unknown>;
  /** Default: production's defaults. */
  limits?: Partial<SandboxLimits>;
}

export interface PluginTester {
  /** The entry points the bundle exposes: hook names, `capability:<name>.<operation>`, `webhook:<name>`. */
  readonly hooks: readonly string[];
  /** Runs one entry point in the sandbox; answers what production's sandbox answers, never throws. */
  run(name: string, input?: unknown): Promise<SandboxResult<unknown>>;
  /** Outgoing requests as sent, secret values replaced by `[redacted]`. */
  readonly requests: TesterRequest[];
  /** The plugin's storage, live. */
  readonly storage: Map<string, unknown>;
  readonly logs: { level: PluginLogLevel; message: string }[];
  close(): Promise<void>;
}

/**
 * Loads a plugin into the production sandbox with production limits, against an in-memory host:
 * storage in a Map under the production quota, `ctx.core` over given records with the scopes
 * enforced, and HTTP limited to the manifest's origins, answered from recordings or local fakes.
 */
export async function createPluginTester(options: PluginTesterOptions): Promise<PluginTester> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const manifest = await loadManifest(options.manifest, cwd);
  const code = await loadCode(options, cwd);
  const requests: TesterRequest[] = [];
  const storage = new Map<string, unknown>(Object.entries(options.storage ?? {}));
  const logs: PluginTester['logs'] = [];
  const config = Object.freeze({ ...options.config });
  const fetch = createTesterFetch({
    manifestOrigins: manifest.http?.origins ?? [],
    http: options.http ?? {},
    secrets: { values: options.secrets ?? {}, origins: secretOrigins(manifest) },
    requests,
  });
  const created = createSandbox({
    code,
    filename: options.bundle ?? 'plugin.js',
    limits: options.limits ?? {},
    host: {
      log: async (level, message) => {
        logs.push({ level, message });
      },
      ...createTesterStorage(storage),
      fetch,
      coreRead: createTesterCore(options.core ?? {}, options.grantedScopes ?? manifest.scopes ?? []),
    },
  });
  if (!created.ok) throw new Error(`createPluginTester: ${created.error.message}`);
  const sandbox: PluginSandbox = created.value;
  return {
    hooks: sandbox.hooks,
    run: (name, input) => sandbox.call(name, input ?? null, { config }),
    requests,
    storage,
    logs,
    close: async () => sandbox.dispose(),
  };
}

async function loadManifest(manifest: PluginManifest | string, cwd: string): Promise<PluginManifest> {
  const where = typeof manifest === 'string' ? manifest : 'manifest';
  let input: unknown = manifest;
  if (typeof manifest === 'string') {
    try {
      input = JSON.parse(await readFile(path.resolve(cwd, manifest), 'utf8'));
    } catch (error) {
      throw new Error(`createPluginTester: cannot read ${manifest}: ${(error as Error).message}`);
    }
  }
  const checked = validateManifest(input);
  if (!checked.ok) {
    const lines = checked.errors.map((error) => `  ${where}: ${error.path || '(root)'}: ${error.message}`);
    throw new Error(`createPluginTester: invalid manifest:\n${lines.join('\n')}`);
  }
  return checked.manifest;
}

async function loadCode(options: PluginTesterOptions, cwd: string): Promise<string> {
  if ((options.entry === undefined) === (options.bundle === undefined)) {
    throw new Error('createPluginTester: give exactly one of entry (source) and bundle (built file)');
  }
  if (options.entry !== undefined) return (await bundlePlugin({ entry: options.entry, cwd })).code;
  const file = path.resolve(cwd, options.bundle as string);
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new Error(`createPluginTester: cannot read ${options.bundle}; run kredo-plugin build first`);
  }
}
