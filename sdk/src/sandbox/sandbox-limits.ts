/** What one plugin sandbox may use. Policy as data: the pool reads it from configuration. */
export interface SandboxLimits {
  /** Heap of one isolate, in MiB; exceeding it disposes the isolate (`memory_limit`). */
  memoryMb: number;
  /** CPU time one hook call may spend inside the isolate, summed over its run slices, in ms. */
  cpuMsPerCall: number;
  /** Deadline of one hook call, awaited host calls and never-settling promises included, in ms. */
  wallClockMsPerCall: number;
  /** Largest JSON (UTF-8 bytes) crossing the boundary: a payload, a result, host call arguments or answers. */
  maxPayloadBytes: number;
  /** Outbound HTTP requests (`ctx.http.fetch`) one hook call may make. */
  maxOutboundRequestsPerCall: number;
}

export const defaultSandboxLimits: Readonly<SandboxLimits> = Object.freeze({
  memoryMb: 32,
  cpuMsPerCall: 50,
  wallClockMsPerCall: 2000,
  maxPayloadBytes: 256 * 1024,
  maxOutboundRequestsPerCall: 5,
});

/** Bounds a setting must stay within; isolated-vm refuses heaps under 8 MiB. */
const bounds: Record<keyof SandboxLimits, readonly [min: number, max: number]> = {
  memoryMb: [8, 4096],
  cpuMsPerCall: [1, 60_000],
  wallClockMsPerCall: [1, 600_000],
  maxPayloadBytes: [1024, 64 * 1024 * 1024],
  maxOutboundRequestsPerCall: [0, 1000],
};

/**
 * The defaults overridden by `overrides`, validated. A bad limit is a configuration mistake, so it
 * throws at start-up with a message naming the setting.
 */
export function resolveSandboxLimits(overrides: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits = { ...defaultSandboxLimits, ...definedOnly(overrides) };
  for (const key of Object.keys(bounds) as (keyof SandboxLimits)[]) {
    const value = limits[key];
    const [min, max] = bounds[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(
        `sandbox limit ${key} must be an integer from ${min} to ${max}, got ${String(value)}`,
      );
    }
  }
  for (const key of Object.keys(overrides)) {
    if (!(key in bounds)) throw new RangeError(`unknown sandbox limit ${key}`);
  }
  return limits;
}

function definedOnly(overrides: Partial<SandboxLimits>): Partial<SandboxLimits> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
