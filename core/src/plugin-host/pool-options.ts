import type { SandboxHost } from '@kredo/sdk/sandbox';
import { resolveSandboxLimits, type SandboxLimits } from '@kredo/sdk/sandbox';

export interface PluginPoolOptions {
  /** Plugin-host processes to keep running. Default 2. */
  size?: number;
  /** Limits of every sandbox in the pool (defaults: `defaultSandboxLimits`). */
  limits?: Partial<SandboxLimits>;
  /** A sandbox unused this long is disposed in its worker, in ms. Default 5 minutes. */
  idleMs?: number;
  /**
   * The parent's own deadline for one call, a backstop behind the sandbox's wall-clock limit for a
   * worker that stopped answering; a worker that misses it is replaced. Default: twice the
   * wall-clock limit plus 5 s (time to start a worker and load the bundle included).
   */
  callDeadlineMs?: number;
  /** The host functions for a sandbox key, bound by the caller to tenant, installation and scopes. */
  host: (key: string) => SandboxHost;
}

export interface ResolvedPoolOptions {
  size: number;
  limits: SandboxLimits;
  idleMs: number;
  callDeadlineMs: number;
  host: (key: string) => SandboxHost;
}

/** Fills in defaults and checks the settings; a bad one is a configuration mistake and throws. */
export function resolvePoolOptions(options: PluginPoolOptions): ResolvedPoolOptions {
  const limits = resolveSandboxLimits(options.limits);
  const resolved = {
    size: options.size ?? 2,
    limits,
    idleMs: options.idleMs ?? 5 * 60_000,
    callDeadlineMs: options.callDeadlineMs ?? 2 * limits.wallClockMsPerCall + 5000,
    host: options.host,
  };
  check('size', resolved.size, 1, 64);
  check('idleMs', resolved.idleMs, 10, 24 * 3_600_000);
  check('callDeadlineMs', resolved.callDeadlineMs, 1, 3_600_000);
  if (typeof resolved.host !== 'function') throw new TypeError('plugin pool option host must be a function');
  return resolved;
}

function check(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`plugin pool option ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** The sandbox key of one installed plugin version for one tenant: one isolate each. */
export function pluginSandboxKey(tenantId: string, pluginId: string, version: string): string {
  return `${tenantId}:${pluginId}@${version}`;
}
