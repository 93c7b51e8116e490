// autocannon ships no types and there is no @types package for version 8: the part the bench uses.
declare module 'autocannon' {
  export interface Histogram {
    average: number;
    p50: number;
    p99: number;
    total: number;
  }

  export interface RawRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
  }

  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    method?: string;
    body?: string;
    requests?: { setupRequest?: (request: RawRequest) => RawRequest }[];
  }

  export interface Result {
    requests: Histogram;
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  }

  export interface Autocannon {
    /** Resolves with a Result on the main thread; in a worker thread, with raw results to aggregate. */
    (options: Options): Promise<unknown>;
    aggregateResult(results: unknown[], options: Options): Result;
  }

  const autocannon: Autocannon;
  export default autocannon;
}
