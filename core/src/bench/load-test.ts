import { Worker } from 'node:worker_threads';

export interface LoadJob {
  /** Origin of the server under load, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Request paths; each request takes one at random. */
  paths: string[];
  headers: Record<string, string>;
  /** GET unless given; a POST sends `body` with every request. */
  method?: 'GET' | 'POST';
  body?: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Runs autocannon against a server in a worker thread: the client's own work (building requests,
 * parsing responses, timing) then runs beside the server's event loop instead of on it, so it
 * neither slows the server down nor counts in its latencies.
 */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: job });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the load worker exited with code ${code} before reporting`)),
    );
  });
}
