import { resolveSandboxLimits, type SandboxLimits } from '@kredo/sdk/sandbox';

export interface PluginPoolOptions {
  /** Plugin-host processes to keep running. Default 2. */
  size?: number;
  /** Limits of every sandbox in the pool (defaults: `defaultSandboxLimits`). */
  limits?: Partial<SandboxLimits>;
  /** A sandbox unused this long is disposed in its worker, in ms. Default 5 minutes. */
  idleMs?: number;
  /**
   * The parent's own deadline for one call, from the moment a worker takes it: a backstop behind
   * the sandbox's deadline and the worker's watchdog, for a process that stopped answering
   * altogether; a worker that misses it is replaced. Default: twice the wall-clock limit plus 1 s
   * (loading the bundle has a wall-clock limit of its own).
   */
  callDeadlineMs?: number;
  /** Calls one worker runs at once; further calls wait in the pool's queue. Default 8. */
  slotsPerWorker?: number;
  /** Calls of one installation running at once, over all workers. Default 8. */
  maxInFlightPerInstallation?: number;
  /** Longest wait in the queue before a call answers `overloaded`, in ms. Default 5000. */
  queueTimeoutMs?: number;
  /** Calls one tenant may have waiting; more answer `overloaded` at once. Default 1000. */
  maxQueuedPerTenant?: number;
  /** Resident memory of one worker, in MiB, above which it is replaced. Default 1024. */
  workerMaxRssMb?: number;
  /** How far one slice of plugin code may run past its CPU budget before its worker is replaced, in ms. Default 1000. */
  overrunGraceMs?: number;
}

export type ResolvedPoolOptions = Required<Omit<PluginPoolOptions, 'limits'>> & { limits: SandboxLimits };

/** Fills in defaults and checks the settings; a bad one is a configuration mistake and throws. */
export function resolvePoolOptions(options: PluginPoolOptions = {}): ResolvedPoolOptions {
  const limits = resolveSandboxLimits(options.limits);
  const resolved: ResolvedPoolOptions = {
    size: options.size ?? 2,
    limits,
    idleMs: options.idleMs ?? 5 * 60_000,
    callDeadlineMs: options.callDeadlineMs ?? 2 * limits.wallClockMsPerCall + 1000,
    slotsPerWorker: options.slotsPerWorker ?? 8,
    maxInFlightPerInstallation: options.maxInFlightPerInstallation ?? 8,
    queueTimeoutMs: options.queueTimeoutMs ?? 5000,
    maxQueuedPerTenant: options.maxQueuedPerTenant ?? 1000,
    workerMaxRssMb: options.workerMaxRssMb ?? 1024,
    overrunGraceMs: options.overrunGraceMs ?? 1000,
  };
  check('size', resolved.size, 1, 64);
  check('idleMs', resolved.idleMs, 10, 24 * 3_600_000);
  check('callDeadlineMs', resolved.callDeadlineMs, 1, 3_600_000);
  check('slotsPerWorker', resolved.slotsPerWorker, 1, 256);
  check('maxInFlightPerInstallation', resolved.maxInFlightPerInstallation, 1, 10_000);
  check('queueTimeoutMs', resolved.queueTimeoutMs, 1, 3_600_000);
  check('maxQueuedPerTenant', resolved.maxQueuedPerTenant, 1, 1_000_000);
  check('workerMaxRssMb', resolved.workerMaxRssMb, 64, 1_048_576);
  check('overrunGraceMs', resolved.overrunGraceMs, 10, 600_000);
  return resolved;
}

function check(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`plugin pool option ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/**
 * The sandbox of one installation as it is now: one isolate per installation, and a new one
 * whenever it changes (upgrade, settings, secrets, enabling), so no state of an earlier
 * configuration, or of an earlier installation, is ever seen by a call.
 */
export function installationSandboxKey(installationId: string, revision: string): string {
  return `${installationId}:${revision}`;
}
