import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { newId } from '../shared/ids.ts';
import { until } from '../shared/until.ts';
import { payLinkRoutes } from './pay-link-routes.ts';

// A pay link while its plugin call is slow or fails: the plugin, written by hand, asks a local fake
// provider that holds every answer until the test opens its gate, or fails the next request.
// No transaction may stay open during the call: the test database's pool has 4 connections.
const provider = fakeProvider();
await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(provider.server.address() as AddressInfo).port}`;

const config = loadConfig({
  KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true',
  KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100',
  KREDO_PLUGIN_WORKERS: '2',
  KREDO_PLUGIN_DEADLINE_MS: '8000',
  KREDO_PLUGIN_HTTP_TIMEOUT_MS: '7000',
});
let runtime: PluginRuntime | undefined;
const { caller, newTenant, db } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey, devOrigins: [origin] });
    return payLinkRoutes({ orm, runtime, publicUrl: () => 'https://kredo.example' });
  },
});
afterAll(async () => {
  provider.open();
  await runtime?.close();
  provider.server.closeAllConnections();
  await new Promise((resolve) => provider.server.close(resolve));
});

const acme = await newTenant('Acme');
const partner = await createTestPartner(caller, acme.tenantId, 'Pay B.V.');
const bundle = `globalThis.__kredo = { hooks: {
  'capability:payLink.createLink': async (input, ctx) => {
    const response = await ctx.http.fetch({ url: ${JSON.stringify(`${origin}/links`)}, method: 'POST', body: JSON.stringify(input) });
    if (response.status !== 200) {
      return { ok: false, error: { code: 'provider_down', message: 'try again', retryable: true } };
    }
    const id = JSON.parse(response.body).id;
    return { ok: true, value: { url: 'https://pay.example.com/' + id, expiresAt: '2099-01-01T00:00:00Z', providerReference: id } };
  },
} };`;
await partner.installFor(
  acme,
  {
    id: 'com.example.slow-pay',
    capabilities: ['payLink'],
    scopes: ['invoices:read', 'payments:write'],
    http: { origins: ['https://pay.example.com'] },
  },
  bundle,
);

async function debtorWithInvoice(): Promise<string> {
  const debtor = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number: newId('debtor'),
    name: 'Payer',
    type: 'b2b',
  });
  expect(debtor.status).toBe(201);
  const invoice = await acme.api('POST', '/api/v1/invoices', {
    administrationId: acme.administrationId,
    debtorId: debtor.body.id,
    number: `INV-${newId('invoice')}`,
    issueDate: '2026-09-01',
    dueDate: '2026-10-01',
    amount: 12100,
  });
  expect(invoice.status).toBe(201);
  return debtor.body.id as string;
}

const createLink = (debtorId: string, key: string) =>
  acme.api('POST', `/api/v1/debtors/${debtorId}/pay-links`, {}, { 'idempotency-key': key });

describe('creating a pay link while the plugin call is slow or fails', () => {
  it('answers the same Idempotency-Key with 409 request_in_progress during the call, then the stored link', async () => {
    const debtorId = await debtorWithInvoice();
    provider.close();
    const before = provider.received;
    const first = createLink(debtorId, 'slow-1');
    await until(() => provider.received > before);

    const during = await createLink(debtorId, 'slow-1');
    expect(during.status).toBe(409);
    expect(during.body).toMatchObject({ code: 'request_in_progress' });
    expect(during.headers?.['retry-after']).toBe('2');

    provider.open();
    const created = await first;
    expect(created.status).toBe(201);
    const after = await createLink(debtorId, 'slow-1');
    expect(after.status).toBe(201);
    expect(after.body).toEqual(JSON.parse(JSON.stringify(created.body)));
    expect(provider.received).toBe(before + 1);
  });

  it('releases the key when the plugin call fails, so the retry with the same key runs', async () => {
    const debtorId = await debtorWithInvoice();
    provider.open();
    provider.failNext();
    const failed = await createLink(debtorId, 'flaky-1');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'plugin_failed' });

    const retried = await createLink(debtorId, 'flaky-1');
    expect(retried.status).toBe(201);
    const links = await acme.api('GET', `/api/v1/debtors/${debtorId}/pay-links`);
    expect(links.body.data.map((link: { id: string }) => link.id)).toEqual([retried.body.id]);
  });

  it('holds no transaction open during the call: 6 slow creations through a pool of 4 all finish', async () => {
    const debtorId = await debtorWithInvoice();
    provider.close();
    const before = provider.received;
    const creations = Array.from({ length: 6 }, (_, n) => createLink(debtorId, `many-${n}`));
    // All six reach the provider at once: none waits for a connection another holds during its call.
    await until(() => provider.received >= before + 6);

    const observer = new pg.Client({ connectionString: db.url });
    await observer.connect();
    try {
      const { rows } = await observer.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await observer.end();
    }

    provider.open();
    const answers = await Promise.all(creations);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(6);
  }, 20_000);
});

/** A provider that holds its answers while closed and fails the request after `failNext`. */
function fakeProvider() {
  let gate: Promise<void> = Promise.resolve();
  let openGate = () => {};
  let failing = false;
  const state = {
    received: 0,
    server: http.createServer(async (_request, response) => {
      state.received += 1;
      if (failing) {
        failing = false;
        response.writeHead(503).end('{}');
        return;
      }
      await gate;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: newId('payLink') }));
    }),
    close() {
      gate = new Promise((resolve) => {
        openGate = resolve;
      });
    },
    open() {
      openGate();
      gate = Promise.resolve();
    },
    failNext() {
      failing = true;
    },
  };
  return state;
}
