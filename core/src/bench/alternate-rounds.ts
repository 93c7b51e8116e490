import { performance } from 'node:perf_hooks';

/** One side of a same-run comparison: its faster time and its last answer. */
export interface Side<T> {
  seconds: number;
  result: T;
}

export interface RoundSide<T> {
  /** Shown on stderr before each of its rounds, e.g. "the forecast through forecast/". */
  label: string;
  run: () => Promise<T>;
}

const ROUNDS = 2;

/**
 * The baseline and Kredo's side, each twice, alternating (baseline first), the faster of each side's
 * two counted: on a shared machine the load moves between one run and the next, and alternating
 * spreads it over both sides.
 */
export async function alternateRounds<B, K>(
  baseline: RoundSide<B>,
  kredo: RoundSide<K>,
  log: (line: string) => void,
): Promise<{ baseline: Side<B>; kredo: Side<K> }> {
  let base: Side<B> | undefined;
  let ours: Side<K> | undefined;
  for (let round = 1; round <= ROUNDS; round++) {
    log(`${baseline.label} (${round}/${ROUNDS}) …`);
    base = faster(base, await timed(baseline.run));
    log(`${kredo.label} (${round}/${ROUNDS}) …`);
    ours = faster(ours, await timed(kredo.run));
  }
  if (!base || !ours) throw new Error('no round ran');
  return { baseline: base, kredo: ours };
}

/** The faster time, with the latest answer (both answers are checked alike, so either will do). */
function faster<T>(best: Side<T> | undefined, next: Side<T>): Side<T> {
  return { seconds: Math.min(best?.seconds ?? Number.POSITIVE_INFINITY, next.seconds), result: next.result };
}

async function timed<T>(work: () => Promise<T>): Promise<Side<T>> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}
