import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleOf, createSandbox, createTestHost } from '@kredo/sdk/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { newId } from '../shared/ids.ts';
import { createHostFetch } from './host-fetch.ts';
import { createHostStorage } from './host-storage.ts';

// Hook bodies are serialised with toString() and run inside the isolate, not here.
// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript
type Ctx = any;

const apiKey = 'live_9c1e5b7d-secret';
const db = await createTestDatabase();
let server: http.Server;
let origin: string;
const received: string[] = [];

beforeAll(async () => {
  // A provider API that carelessly echoes the credential it was sent.
  server = http.createServer((request, response) => {
    received.push(String(request.headers.authorization));
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ youSent: request.headers.authorization, id: 'pay_1' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const bundle = bundleOf({
  pay: async (payload: { origin: string }, ctx: Ctx) => {
    await ctx.storage.set('last', { at: 'now', tries: 1 });
    const response = await ctx.http.fetch({
      url: `${payload.origin}/v2/payments`,
      method: 'POST',
      headers: { authorization: 'Bearer {{secrets.apiKey}}' },
      body: '{}',
    });
    let metadata: unknown;
    try {
      await ctx.http.fetch({ url: 'http://169.254.169.254/latest/meta-data/' });
    } catch (error) {
      metadata = (error as Ctx).code;
    }
    return {
      stored: await ctx.storage.get('last'),
      status: response.status,
      body: response.body,
      headers: response.headers,
      metadata,
    };
  },
});

describe('host functions through the sandbox', () => {
  it('lets a plugin store and fetch with a secret it never sees', async () => {
    const tenantId = newId('tenant');
    await withTenantClient(db.orm, tenantId, (client) =>
      client.query('insert into tenant (id, name) values ($1, $2)', [tenantId, 'T']),
    );
    const storage = createHostStorage(db.orm, tenantId, 'inst_pay', { maxKeys: 10, maxBytes: 10_000 });
    const fetch = createHostFetch({
      allowedOrigins: [origin],
      secrets: { values: { apiKey }, origins: { apiKey: [origin] } },
      maxResponseBytes: 10_000,
      timeoutMs: 2_000,
      allowPrivateNetworks: true,
    });
    const loaded = createSandbox({
      code: bundle,
      host: { ...createTestHost().host, ...storage, fetch },
    });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const sandbox = loaded.value;
    try {
      const result = await sandbox.call('pay', { origin });
      expect(result).toMatchObject({
        ok: true,
        value: { stored: { at: 'now', tries: 1 }, status: 200, metadata: 'http_origin_denied' },
      });
      expect(received).toEqual([`Bearer ${apiKey}`]);
      expect(JSON.stringify(result)).not.toContain(apiKey);
      expect(JSON.stringify(result)).toContain('Bearer [redacted]');
    } finally {
      sandbox.dispose();
    }
  });
});
