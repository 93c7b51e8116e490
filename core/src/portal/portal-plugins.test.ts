import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { portalCopyRoute } from '../invoice-copies/index.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { portalPayLinkRoute } from '../pay-links/index.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';

// What the portal offers through the tenant's plugins: paying by pay link and the invoice's PDF,
// each offered (`/portal/me` features) only once a plugin provides it. The plugins are written here,
// answering without a provider behind them.
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100' });
let runtime: PluginRuntime | undefined;
const { server, caller, newTenant } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    return [
      portalPayLinkRoute({ orm, runtime, publicUrl: () => 'https://kredo.example' }),
      portalCopyRoute({ orm, runtime, filterDeadlineMs: 5000 }),
    ];
  },
});
afterAll(() => runtime?.close());

const acme = await newTenant('Acme');
const backend = await caller(acme.tenantId, ['portal:sessions']);
const partner = await createTestPartner(caller, acme.tenantId, 'Portal Plugins B.V.');

async function debtorWithInvoice(number: string) {
  const debtor = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number,
    name: `Debtor ${number}`,
    type: 'b2b',
  });
  const invoice = await acme.api('POST', '/api/v1/invoices', {
    administrationId: acme.administrationId,
    debtorId: debtor.body.id,
    number: `${number}-F1`,
    issueDate: '2026-09-01',
    dueDate: '2026-10-01',
    amount: 121_00,
  });
  expect(invoice.status).toBe(201);
  const minted = await backend('POST', '/api/v1/portal/sessions', { debtorId: debtor.body.id });
  return {
    debtorId: debtor.body.id as string,
    invoiceId: invoice.body.id as string,
    token: minted.body.token as string,
  };
}

const call = async (token: string, method: string, url: string, payload?: object) => {
  const res = await server.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.statusCode,
    body: (res.result ?? {}) as Json,
    headers: res.headers,
    raw: res.rawPayload,
  };
};

const frank = await debtorWithInvoice('PF1');
const gina = await debtorWithInvoice('PF2');

describe('the portal through the tenant’s plugins', () => {
  it('offers neither paying nor PDFs while no plugin provides them', async () => {
    const me = await call(frank.token, 'GET', '/api/v1/portal/me');
    expect(me.body.features).toEqual({ payLinks: false, invoiceCopies: false });
    const pay = await call(frank.token, 'POST', '/api/v1/portal/pay-links', {});
    expect(pay).toMatchObject({ status: 409, body: { code: 'capability_not_installed' } });
  });

  it('pays by a pay link and downloads the PDF once plugins provide them, for the debtor’s own invoices only', async () => {
    await partner.installFor(
      acme,
      {
        id: 'com.example.portal-pay',
        capabilities: ['payLink'],
        scopes: ['invoices:read', 'payments:write'],
      },
      `globalThis.__kredo = { hooks: {
        'capability:payLink.createLink': async (input) => ({ ok: true, value: {
          url: 'https://pay.example.com/' + input.amount, expiresAt: '2099-01-01T00:00:00Z', providerReference: 'tr_' + input.amount } }),
      } };`,
    );
    const pdf = Buffer.from('%PDF-1.7\n% copy\n%%EOF\n').toString('base64');
    await partner.installFor(
      acme,
      { id: 'com.example.portal-copy', hooks: [{ name: 'invoice.copy', kind: 'filter', priority: 0 }] },
      `globalThis.__kredo = { hooks: { 'invoice.copy': () => ({ ok: true, value: { contentType: 'application/pdf', base64: '${pdf}' } }) } };`,
    );
    const me = await call(frank.token, 'GET', '/api/v1/portal/me');
    expect(me.body.features).toEqual({ payLinks: true, invoiceCopies: true });

    const pay = await call(frank.token, 'POST', '/api/v1/portal/pay-links', {
      redirectUrl: 'https://shop.acme.example/paid',
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect(pay.body).toMatchObject({
      amount: { amount: 121_00, currency: 'EUR' },
      invoiceIds: [frank.invoiceId],
    });
    expect(pay.body.url).toMatch(/^https:\/\/pay\.example\.com\//);
    const others = await call(frank.token, 'POST', '/api/v1/portal/pay-links', {
      invoiceIds: [gina.invoiceId],
    });
    expect(others.status).toBeGreaterThanOrEqual(400);
    expect(others.status).toBeLessThan(500);

    const copy = await call(frank.token, 'GET', `/api/v1/portal/invoices/${frank.invoiceId}/copy`);
    expect(copy.status).toBe(200);
    expect(copy.headers['content-type']).toBe('application/pdf');
    expect(copy.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const notHers = await call(frank.token, 'GET', `/api/v1/portal/invoices/${gina.invoiceId}/copy`);
    expect(notHers).toMatchObject({ status: 404, body: { code: 'invoice_not_found' } });
  });

  it('pays and downloads a child’s invoice in a group session, one debtor’s invoices per link', async () => {
    const child = await acme.api('POST', '/api/v1/debtors', {
      administrationId: acme.administrationId,
      number: 'PF3',
      name: 'Debtor PF3',
      type: 'b2b',
      parentId: frank.debtorId,
    });
    const invoice = await acme.api('POST', '/api/v1/invoices', {
      administrationId: acme.administrationId,
      debtorId: child.body.id,
      number: 'PF3-F1',
      issueDate: '2026-09-01',
      dueDate: '2026-10-01',
      amount: 242_00,
    });
    const group = await backend('POST', '/api/v1/portal/sessions', {
      debtorId: frank.debtorId,
      scope: 'group',
    });
    const token = group.body.token as string;

    const pay = await call(token, 'POST', '/api/v1/portal/pay-links', { invoiceIds: [invoice.body.id] });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    expect(pay.body).toMatchObject({ amount: { amount: 242_00 }, invoiceIds: [invoice.body.id] });
    const mixed = await call(token, 'POST', '/api/v1/portal/pay-links', {
      invoiceIds: [frank.invoiceId, invoice.body.id],
    });
    expect(mixed).toMatchObject({ status: 400, body: { field: 'invoiceIds' } });

    expect((await call(token, 'GET', `/api/v1/portal/invoices/${invoice.body.id}/copy`)).status).toBe(200);
    const outside = await call(token, 'GET', `/api/v1/portal/invoices/${gina.invoiceId}/copy`);
    expect(outside).toMatchObject({ status: 404, body: { code: 'invoice_not_found' } });
  });
});
