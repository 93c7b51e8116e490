// Worker-thread side of runLoad: one autocannon run, summarised back to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon, { type Options } from 'autocannon';
import type { LoadJob, LoadResult } from './load-test.ts';

const job = workerData as LoadJob;
const options: Options = {
  url: job.url,
  connections: job.connections,
  duration: job.durationSeconds,
  headers: job.headers,
  method: job.method ?? 'GET',
  ...(job.body === undefined ? {} : { body: job.body }),
  // A random id per request, so the run reads across the ledger rather than one debtor's rows.
  requests: [
    {
      setupRequest: (request) => ({
        ...request,
        path: job.paths[Math.floor(Math.random() * job.paths.length)] as string,
      }),
    },
  ],
};
// Inside a worker thread autocannon leaves its results raw, expecting to be one of its own workers.
const result = autocannon.aggregateResult([await autocannon(options)], options);
const summary: LoadResult = {
  // Completed requests over the run's wall time: the per-second samples that requests.average is
  // built from are collected on the main thread only, so here they are empty.
  requestsPerSecond: result.requests.total / result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
};
parentPort?.postMessage(summary);
