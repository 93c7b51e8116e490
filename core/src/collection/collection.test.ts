import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { newId } from '../shared/ids.ts';
import { webhookRoutes } from '../webhooks/index.ts';
import { collectionRoutes } from './collection-routes.ts';
import { collectionUpdateRecorder } from './collection-updates.ts';

// Core's side of the collection capability, with an agency written by hand: it keeps every
// idempotency key it receives, fails the first hand-off of a debtor named "Flaky", answers the
// status of any case, and turns its webhook's body into a status update.
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100' });
const logger = pino({ level: 'silent' });
let runtime: PluginRuntime | undefined;
const { caller, newTenant, server, db } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    return [
      ...collectionRoutes({ orm, runtime }),
      ...webhookRoutes(runtime, logger, { collectionUpdate: collectionUpdateRecorder(orm, logger) }),
    ];
  },
});
afterAll(() => runtime?.close());

const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const partner = await createTestPartner(caller, acme.tenantId, 'Agency B.V.');

const agency = `globalThis.__kredo = { hooks: {
  'capability:collection.handOff': async (input, ctx) => {
    const keys = (await ctx.storage.get('keys')) ?? [];
    keys.push(input.idempotencyKey);
    await ctx.storage.set('keys', keys);
    await ctx.storage.set('last', { invoices: input.invoices.map((i) => i.number), totalOpen: input.totalOpen });
    if (input.debtor.name === 'Flaky' && keys.filter((k) => k === input.idempotencyKey).length === 1) {
      return { ok: false, error: { code: 'agency_down', message: 'try again', retryable: true } };
    }
    return { ok: true, value: { caseReference: 'AG-' + input.idempotencyKey } };
  },
  'capability:collection.readStatus': async (input, ctx) => {
    await ctx.storage.set('asked', input.caseReference);
    return { ok: true, value: {
      caseReference: input.caseReference, status: 'partially_paid', collected: { amount: 5000, currency: 'EUR' } } };
  },
  'webhook:case-status': (request) => ({ ok: true, value: {
    response: { status: 200, body: 'ok' }, update: JSON.parse(request.body) } }),
  'debtor.created': async (input, ctx) => ({ keys: (await ctx.storage.get('keys')) ?? [], last: await ctx.storage.get('last'), asked: await ctx.storage.get('asked') }),
} };`;
const manifest = {
  id: 'com.example.agency',
  capabilities: ['collection'],
  hooks: [{ name: 'debtor.created', kind: 'event' }],
  webhooks: [{ name: 'case-status' }],
  scopes: ['debtors:read', 'invoices:read', 'collection:write'],
};
const acmeAgency = await partner.installFor(acme, manifest, agency);
// The same agency asking for no scope: core must not record what it hands back.
const globexAgency = await partner.installFor(
  globex,
  { ...manifest, id: 'com.example.agency-ungranted', scopes: ['debtors:read', 'invoices:read'] },
  agency,
);

/** What the agency received so far in `tenant`. */
async function seen(tenant: typeof acme, installationId: string) {
  const result = await runtime?.invoke(tenant.tenantId, installationId, 'debtor.created', {});
  if (!result?.ok) throw new Error(`agency probe failed: ${JSON.stringify(result)}`);
  return result.value as {
    keys: string[];
    last: { invoices: string[]; totalOpen: object } | null;
    asked: string | null;
  };
}

async function debtorWithInvoices(tenant: typeof acme, name: string, dueDates: string[]) {
  const debtor = await tenant.api('POST', '/api/v1/debtors', {
    administrationId: tenant.administrationId,
    number: name,
    name,
    type: 'b2b',
  });
  expect(debtor.status).toBe(201);
  const invoiceIds: string[] = [];
  for (const [n, dueDate] of dueDates.entries()) {
    const invoice = await tenant.api('POST', '/api/v1/invoices', {
      administrationId: tenant.administrationId,
      debtorId: debtor.body.id,
      number: `${name}-${n + 1}`,
      issueDate: '2025-01-01',
      dueDate,
      amount: 10000 + n,
    });
    expect(invoice.status).toBe(201);
    invoiceIds.push(invoice.body.id);
  }
  return { debtorId: debtor.body.id as string, invoiceIds };
}

const handOff = (tenant: typeof acme, debtorId: string, key?: string) =>
  tenant.api(
    'POST',
    `/api/v1/debtors/${debtorId}/collection-cases`,
    {},
    key ? { 'idempotency-key': key } : {},
  );

const solid = await debtorWithInvoices(acme, 'Late', ['2025-01-31', '2025-02-28', '2099-12-31']);

describe('collection hand-off through a collection plugin', () => {
  it("hands off only the overdue invoices and stores the agency's case reference", async () => {
    const { debtorId, invoiceIds } = solid;
    const res = await handOff(acme, debtorId, 'hand-off-1');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      debtorId,
      installationId: acmeAgency,
      plugin: 'com.example.agency@1.0.0',
      status: 'accepted',
      invoiceIds: invoiceIds.slice(0, 2),
      totalAmount: { amount: 20001, currency: 'EUR' },
      collected: { amount: 0, currency: 'EUR' },
    });
    const { keys, last } = await seen(acme, acmeAgency);
    expect(res.body.caseReference).toBe(`AG-${keys.at(-1)}`);
    expect(last).toEqual({ invoices: ['Late-1', 'Late-2'], totalOpen: { amount: 20001, currency: 'EUR' } });
    const list = await acme.api('GET', `/api/v1/debtors/${debtorId}/collection-cases`);
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
  });

  it('answers a retry with the same Idempotency-Key with the same case, without a second hand-off', async () => {
    const { debtorId } = solid;
    const before = (await seen(acme, acmeAgency)).keys.length;
    const first = await acme.api('GET', `/api/v1/debtors/${debtorId}/collection-cases`);
    const again = await handOff(acme, debtorId, 'hand-off-1');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.data[0].id);
    expect((await seen(acme, acmeAgency)).keys.length).toBe(before);
    // Without the key it is a new request, and a case is already running.
    const other = await handOff(acme, debtorId);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'collection_case_open' });
  });

  it('gives the agency the same idempotency key when a failed hand-off is retried', async () => {
    const { debtorId } = await debtorWithInvoices(acme, 'Flaky', ['2025-03-31']);
    const failed = await handOff(acme, debtorId, 'flaky-1');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'plugin_failed' });
    const retried = await handOff(acme, debtorId, 'flaky-1');
    expect(retried.status).toBe(201);
    const keys = (await seen(acme, acmeAgency)).keys.slice(-2);
    expect(keys[0]).toBe(keys[1]);
    expect(retried.body.caseReference).toBe(`AG-${keys[0]}`);
  });

  it("takes status updates from the agency's webhook and from readStatus", async () => {
    const { debtorId } = solid;
    const [current] = (await acme.api('GET', `/api/v1/debtors/${debtorId}/collection-cases`)).body.data;
    const refreshed = await acme.api('POST', `/api/v1/collection-cases/${current.id}/refresh`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ status: 'partially_paid', collected: { amount: 5000 } });

    const posted = await server.inject({
      method: 'POST',
      url: `/api/v1/plugins/${acmeAgency}/webhooks/case-status`,
      payload: JSON.stringify({
        caseReference: current.caseReference,
        status: 'paid',
        collected: { amount: 20001, currency: 'EUR' },
        note: 'paid in full',
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(posted.statusCode).toBe(200);
    const [updated] = (await acme.api('GET', `/api/v1/debtors/${debtorId}/collection-cases`)).body.data;
    expect(updated).toMatchObject({ status: 'paid', collected: { amount: 20001 }, note: 'paid in full' });
    // A paid case no longer blocks a new hand-off.
    expect((await handOff(acme, debtorId)).status).toBe(201);
  });

  it('refuses a plugin without collection:write before handing anything off', async () => {
    const { debtorId } = await debtorWithInvoices(globex, 'Ungranted', ['2025-01-31']);
    const res = await handOff(globex, debtorId);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'plugin_scope_denied' });
    expect((await seen(globex, globexAgency)).keys).toEqual([]);
  });

  it('asks no agency for a status when core would not record it', async () => {
    const { debtorId } = await debtorWithInvoices(globex, 'Refresh', ['2025-01-31']);
    // A case of the ungranted installation, as one would be left after its grant changed.
    const caseId = newId('collectionCase');
    await withTenantClient(db.orm, globex.tenantId, (c) =>
      c.query(
        `insert into collection_case (id, tenant_id, administration_id, debtor_id, installation_id, plugin,
           case_reference, idempotency_key, status, invoice_ids, total_amount, currency)
         values ($1, $2, $3, $4, $5, 'com.example.agency-ungranted@1.0.0', 'AG-X', 'k-x', 'accepted', '{}', 100, 'EUR')`,
        [caseId, globex.tenantId, globex.administrationId, debtorId, globexAgency],
      ),
    );
    const res = await globex.api('POST', `/api/v1/collection-cases/${caseId}/refresh`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'plugin_scope_denied' });
    expect((await seen(globex, globexAgency)).asked).toBeNull();
  });

  it('answers 422 for a debtor with nothing overdue', async () => {
    const { debtorId } = await debtorWithInvoices(acme, 'OnTime', ['2099-12-31']);
    const res = await handOff(acme, debtorId);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'nothing_overdue' });
  });
});
