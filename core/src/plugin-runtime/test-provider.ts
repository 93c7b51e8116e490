import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { createPluginRuntime, type PluginRuntime } from './plugin-runtime.ts';

/** One request as the fake received it: what left Kredo's network edge. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ProviderAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A local fake of a provider API for tests that run plugins: records every request it receives and
 * answers with `answer(request)` (default 200 `{}`). Closed after the test file.
 */
export async function startTestProvider(answer: (request: ReceivedRequest) => ProviderAnswer = () => ({})) {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      received.push(seen);
      const reply = answer(seen);
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      response.end(reply.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/**
 * A runtime with one worker whose plugins reach each manifest origin in `routes` at its fake
 * (private networks allowed, as in development). Closed after the test file.
 */
export function createRoutedRuntime(
  orm: Orm,
  secretsKey: Buffer,
  routes: Record<string, string>,
): PluginRuntime {
  const runtime = createPluginRuntime({
    orm,
    config: loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true' }),
    secretsKey,
    originRoutes: routes,
  });
  afterAll(() => runtime.close());
  return runtime;
}
