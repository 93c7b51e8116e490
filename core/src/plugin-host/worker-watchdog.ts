import { Worker } from 'node:worker_threads';
import type { SliceMonitor } from '@kredo/sdk/sandbox';
import { watchdogFd } from './pool-protocol.ts';

/**
 * A thread inside each plugin-host process that watches what the main thread cannot watch while
 * plugin code holds it:
 *
 * - a slice that runs past its CPU budget by more than the grace: work V8 cannot interrupt (a
 *   typed-array sort, `split` or `JSON.parse` of a large input) or a process the machine starves;
 * - the process's resident memory, whatever V8 or ICU allocated it: above three quarters of the
 *   ceiling the main thread is asked to dispose its idle sandboxes; above the ceiling during a
 *   slice, or for a second with none running, the process must go.
 *
 * To end the process it writes one JSON line (`WatchdogReport`: the call whose slice ran, and why)
 * to `watchdogFd`, a pipe the parent reads, then kills the process; the parent charges that call
 * and answers the others `worker_lost`. The main thread tells the thread which call runs through
 * shared memory, a few stores per slice.
 */
export interface Watchdog extends SliceMonitor {
  /** The memory is past three quarters of the ceiling: dispose what can be disposed. */
  onPressure(handler: () => void): void;
}

export interface WatchdogSettings {
  maxRssMb: number;
  overrunGraceMs: number;
}

const tickMs = 20;

// Plain JavaScript: it runs in a thread of its own, evaluated, without the TypeScript loader.
const watchdogSource = `
const { workerData, parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { shared, maxRssBytes, overrunGraceMs, fd, tickMs } = workerData;
const slice = new Int32Array(shared, 0, 1);
const times = new Float64Array(shared, 8, 2);
let overSince = 0;
let pressureAt = 0;
function end(callId, reason, rss) {
  try {
    writeSync(fd, JSON.stringify({ callId, reason, rssMb: Math.round(rss / 1048576) }) + '\\n');
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
}
setInterval(() => {
  const now = Date.now();
  const rss = process.memoryUsage.rss();
  const callId = Atomics.load(slice, 0);
  const startedAt = times[0];
  const budgetMs = times[1];
  if (callId !== 0 && Atomics.load(slice, 0) === callId) {
    if (now - startedAt > budgetMs + overrunGraceMs) return end(callId, 'cpu', rss);
    if (rss > maxRssBytes) return end(callId, 'memory', rss);
  }
  if (rss > maxRssBytes * 0.75 && now - pressureAt > 500) {
    pressureAt = now;
    parentPort.postMessage('pressure');
  }
  if (rss <= maxRssBytes) overSince = 0;
  else if (overSince === 0) overSince = now;
  else if (now - overSince > 1000) end(0, 'memory', rss);
}, tickMs);
`;

export function startWatchdog(settings: WatchdogSettings): Watchdog {
  const shared = new SharedArrayBuffer(24);
  const slice = new Int32Array(shared, 0, 1);
  const times = new Float64Array(shared, 8, 2);
  const thread = new Worker(watchdogSource, {
    eval: true,
    execArgv: [],
    workerData: {
      shared,
      maxRssBytes: settings.maxRssMb * 1048576,
      overrunGraceMs: settings.overrunGraceMs,
      fd: watchdogFd,
      tickMs,
    },
  });
  thread.unref();
  return {
    sliceStarted(tag, budgetMs) {
      times[0] = Date.now();
      times[1] = budgetMs;
      Atomics.store(slice, 0, tag);
    },
    sliceEnded() {
      Atomics.store(slice, 0, 0);
    },
    onPressure(handler) {
      thread.on('message', (message) => {
        if (message === 'pressure') handler();
      });
    },
  };
}
