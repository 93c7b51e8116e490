import { performance } from 'node:perf_hooks';

/**
 * Every sandbox in a process runs its plugin code on the same thread, one slice at a time. A call
 * whose plugin is waiting (on a host answer, or for its turn) while another sandbox's slice holds
 * the thread has not used that time itself: its wall-clock deadline must not run out because a
 * neighbour was slow. This clock sums the time all slices in the process have held the thread, so a
 * call can tell its own time from the time others took.
 */
let busyMs = 0;

/** What a call needs to know how much of its deadline it has used itself. */
export interface CallClock {
  readonly startedAt: number;
  readonly busyAtStart: number;
  /** The time its own slices held the thread. */
  ownSliceMs: number;
}

export function startCallClock(): CallClock {
  return { startedAt: performance.now(), busyAtStart: busyMs, ownSliceMs: 0 };
}

/** Starts timing one slice of `clock`'s call; the function returned ends it. */
export function sliceTimer(clock: CallClock): () => void {
  const started = performance.now();
  return () => {
    const ms = performance.now() - started;
    busyMs += ms;
    clock.ownSliceMs += ms;
  };
}

/** The call's wall-clock time less what other sandboxes' slices took meanwhile. */
export function ownElapsedMs(clock: CallClock): number {
  const othersMs = busyMs - clock.busyAtStart - clock.ownSliceMs;
  return performance.now() - clock.startedAt - Math.max(0, othersMs);
}
