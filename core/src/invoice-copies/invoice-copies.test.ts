import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { invoiceCopyRoutes } from './invoice-copy-routes.ts';

// Core's side of invoice copies, with plugins written by hand so that each way a plugin can let core
// down (failing, slow, answering something that is not a PDF) is produced on purpose.
const silent = http.createServer(() => {});
await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
const silentOrigin = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;

const config = loadConfig({
  KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true',
  KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100',
  KREDO_PLUGIN_WORKERS: '2',
});
let runtime: PluginRuntime | undefined;
const { caller, newTenant, server } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey, devOrigins: [silentOrigin] });
    return invoiceCopyRoutes({ orm, runtime, filterDeadlineMs: 600 });
  },
});
afterAll(async () => {
  // Let the slow plugin's call, cut off by core but still running, end and be recorded first.
  await new Promise((resolve) => setTimeout(resolve, config.pluginDeadlineMs + 200));
  await runtime?.close();
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const partner = await createTestPartner(caller, acme.tenantId, 'Copies B.V.');
const base = '/api/v1/plugins/installations';

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`).toString('base64');
const answer = (text: string) => JSON.stringify({ contentType: 'application/pdf', base64: pdf(text) });

const install = (id: string, manifest: object, hooks: string) =>
  partner.installFor(
    acme,
    { id, http: { origins: ['https://archive.example.com'] }, ...manifest },
    `globalThis.__kredo = { hooks: { ${hooks} } };`,
  );
const filter = (priority: number, body: string) =>
  [{ hooks: [{ name: 'invoice.copy', kind: 'filter', priority }] }, `'invoice.copy': ${body}`] as const;

// Install order differs from run order on purpose: `second` is installed first but runs later.
const second = await install(
  'com.example.copy.second',
  ...filter(
    20,
    `({ invoice }) => invoice.number === 'F-3' ? null : ({ ok: true, value: ${answer('second')} })`,
  ),
);
const broken = await install('com.example.copy.broken', ...filter(0, `() => { throw new Error('down'); }`));
const slow = await install(
  'com.example.copy.slow',
  ...filter(
    1,
    `async (p, ctx) => { await ctx.http.fetch({ url: ${JSON.stringify(`${silentOrigin}/copy`)} }); return ${answer('slow')}; }`,
  ),
);
const notPdf = await install(
  'com.example.copy.notpdf',
  ...filter(
    2,
    `() => ({ contentType: 'application/pdf', base64: ${JSON.stringify(Buffer.from('<html>').toString('base64'))} })`,
  ),
);
const first = await install(
  'com.example.copy.first',
  ...filter(
    10,
    `({ invoice }) => invoice.number === 'F-1' ? ({ ok: true, value: ${answer('first')} }) : null`,
  ),
);
const archive = await install(
  'com.example.copy.archive',
  { capabilities: ['invoiceCopy'] },
  `'capability:invoiceCopy.fetchCopy': (input) => input.invoiceNumber === 'F-2'
     ? { ok: true, value: ${answer('archive')} }
     : { ok: false, error: { code: 'not_archived', message: 'not in the archive', retryable: false } }`,
);

async function invoice(tenant: typeof acme, number: string) {
  const debtor = await tenant.api('POST', '/api/v1/debtors', {
    administrationId: tenant.administrationId,
    number: `D-${number}`,
    name: 'Debtor',
    type: 'b2b',
  });
  expect(debtor.status).toBe(201);
  const created = await tenant.api('POST', '/api/v1/invoices', {
    administrationId: tenant.administrationId,
    debtorId: debtor.body.id,
    number,
    issueDate: '2026-10-01',
    dueDate: '2026-10-31',
    amount: 12100,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

const copy = (tenant: typeof acme, id: string) =>
  server.inject({
    method: 'GET',
    url: `/api/v1/invoices/${id}/copy`,
    auth: {
      strategy: 'kredo',
      credentials: {
        scope: ['ledger:read'],
        user: { subject: 'usr_test', tenantId: tenant.tenantId, scopes: ['ledger:read'] },
      },
    },
  });

// Warm up: the plugin-host processes start and load the bundles on the first calls.
await copy(acme, await invoice(acme, 'F-0'));

describe('invoice copies from plugins', () => {
  it('takes the first valid PDF in priority order, past a failing, a slow and a non-PDF plugin', async () => {
    const started = Date.now();
    const res = await copy(acme, await invoice(acme, 'F-1'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="F-1.pdf"');
    expect(res.headers['x-kredo-installation']).toBe(first);
    expect(res.rawPayload.toString()).toContain('% first');
    // The slow plugin was cut off at the filter deadline, not the runtime's own.
    expect(Date.now() - started).toBeLessThan(1900);
  });

  it("falls back to the invoice-copy plugin's fetchCopy when no filter has one", async () => {
    const id = await invoice(acme, 'F-2');
    // `second` answers for F-2 too, so take it out of the way first.
    expect((await acme.api('PATCH', `${base}/${second}`, { enabled: false })).status).toBe(200);
    try {
      const res = await copy(acme, id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-kredo-installation']).toBe(archive);
      expect(res.rawPayload.toString()).toContain('% archive');
    } finally {
      expect((await acme.api('PATCH', `${base}/${second}`, { enabled: true })).status).toBe(200);
    }
  });

  it('answers 404 naming every plugin asked and why it gave no copy', async () => {
    const res = await copy(acme, await invoice(acme, 'F-3'));
    expect(res.statusCode).toBe(404);
    const body = JSON.parse(res.payload);
    expect(body.code).toBe('invoice_copy_unavailable');
    const attempts = body.details.attempts as { installationId: string; via: string; code: string }[];
    expect(attempts.map((a) => [a.installationId, a.code])).toEqual([
      [broken, expect.any(String)],
      [slow, 'timeout'],
      [notPdf, 'bad_copy'],
      [first, 'no_copy'],
      [second, 'no_copy'],
      [archive, 'plugin_failed'],
    ]);
    expect(attempts.at(-1)?.via).toBe('invoiceCopy.fetchCopy');
  });

  it('answers 404 without any plugin, and for an invoice of another tenant', async () => {
    const id = await invoice(globex, 'G-1');
    const none = await copy(globex, id);
    expect(none.statusCode).toBe(404);
    expect(JSON.parse(none.payload)).toMatchObject({
      code: 'invoice_copy_unavailable',
      details: { attempts: [] },
    });
    const theirs = await copy(acme, id);
    expect(theirs.statusCode).toBe(404);
    expect(JSON.parse(theirs.payload).code).toBe('invoice_not_found');
  });
});
