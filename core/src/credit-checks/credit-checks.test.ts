import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { creditCheckRoutes } from './credit-check-routes.ts';

// Core's side of the credit-bureau capability, with a bureau written by hand so each answer core
// must refuse can be produced on purpose. The Creditsafe reference plugin runs in reference-plugins.test.ts.
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100' });
let runtime: PluginRuntime | undefined;
const { db, caller, newTenant } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    return creditCheckRoutes({ orm, runtime });
  },
});
afterAll(() => runtime?.close());

const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const initech = await newTenant('Initech');
const partner = await createTestPartner(caller, acme.tenantId, 'Bureau B.V.');

// Answers by bureau id: a good report, one outside the contract, a refusal, and a probe of ctx.core.
const bureau = `globalThis.__kredo = { hooks: {
  'capability:creditBureau.searchCompany': (input) => ({ ok: true, value:
    input.name === 'Twins'
      ? [{ bureauId: 'NL-1', name: 'Twins A', registrationNumber: '111' }, { bureauId: 'NL-2', name: 'Twins B' }]
      : [{ bureauId: 'NL-' + input.registrationNumber, name: input.name, registrationNumber: input.registrationNumber }] }),
  'capability:creditBureau.getReport': async (input, ctx) => {
    if (input.bureauId === 'NL-666') return { ok: true, value: { score: 500, rating: 'A', suggestedLimit: { amount: 1, currency: 'EUR' } } };
    if (input.bureauId === 'NL-503') return { ok: false, error: { code: 'upstream_down', message: 'bureau unavailable', retryable: true } };
    return { ok: true, value: { score: 87, rating: 'A', suggestedLimit: { amount: 5000000, currency: 'EUR' }, extra: 'dropped' } };
  },
  'debtor.created': async (input, ctx) => {
    const outcome = async (read) => { try { return { ok: true, value: await read() }; } catch (e) { return { ok: false, code: e.code }; } };
    return {
      debtor: await outcome(() => ctx.core.getDebtor(input.debtorId)),
      open: await outcome(() => ctx.core.listOpenInvoices(input.debtorId)),
      invoice: await outcome(() => ctx.core.getInvoice(input.invoiceId)),
      config: ctx.config,
      listed: await outcome(async () => { await ctx.storage.set('a/1', 1); await ctx.storage.set('b/1', 2); await ctx.storage.delete('b/1'); return ctx.storage.list('a/'); }),
    };
  },
} };`;

const installBureau = (tenant: typeof acme, id: string, scopes: string[]) =>
  partner.installFor(
    tenant,
    {
      id,
      capabilities: ['creditBureau'],
      hooks: [{ name: 'debtor.created', kind: 'event' }],
      scopes,
      config: [{ key: 'region', type: 'string', label: 'Region' }],
    },
    bureau,
    { config: { region: 'benelux' } },
  );
const acmeBureau = await installBureau(acme, 'com.example.bureau', ['debtors:read', 'debtors:risk:write']);
await installBureau(globex, 'com.example.bureau-readonly', ['debtors:read']);

async function debtor(tenant: typeof acme, fields: Record<string, unknown>) {
  const res = await tenant.api('POST', '/api/v1/debtors', {
    administrationId: tenant.administrationId,
    type: 'b2b',
    addresses: [{ type: 'billing', line1: 'Dam 1', city: 'Amsterdam', country: 'NL' }],
    ...fields,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const check = (tenant: typeof acme, debtorId: string, body: object = {}) =>
  tenant.api('POST', `/api/v1/debtors/${debtorId}/credit-checks`, body);

async function creditRows(tenantId: string) {
  const { rows } = await withTenantClient(db.orm, tenantId, (c) =>
    c.query('select count(*)::int as n from credit_report'),
  );
  return rows[0].n as number;
}

describe('credit checks through a credit-bureau plugin', () => {
  it('stores score, rating and limit on the debtor and keeps the report', async () => {
    const id = await debtor(acme, { number: 'D1', name: 'Solid B.V.', cocNumber: '12345678' });
    const res = await check(acme, id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      debtorId: id,
      installationId: acmeBureau,
      plugin: 'com.example.bureau@1.0.0',
      bureauId: 'NL-12345678',
      score: 87,
      rating: 'A',
      suggestedLimit: { amount: 5000000, currency: 'EUR' },
      hasDocument: false,
    });
    const got = await acme.api('GET', `/api/v1/debtors/${id}`);
    expect(got.body.credit).toMatchObject({
      score: 87,
      rating: 'A',
      limit: { amount: 5000000, currency: 'EUR' },
    });
    const reports = await acme.api('GET', `/api/v1/debtors/${id}/credit-reports`);
    expect(reports.body.data).toHaveLength(1);
  });

  it('answers a retry with the same Idempotency-Key with the same report, stored once', async () => {
    const id = await debtor(acme, { number: 'D9', name: 'Retried B.V.', cocNumber: '99999999' });
    const before = await creditRows(acme.tenantId);
    const headers = { 'idempotency-key': 'check-d9' };
    const first = await acme.api('POST', `/api/v1/debtors/${id}/credit-checks`, {}, headers);
    const again = await acme.api('POST', `/api/v1/debtors/${id}/credit-checks`, {}, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(await creditRows(acme.tenantId)).toBe(before + 1);
  });

  it('asks which company when the bureau finds several, and takes the one named', async () => {
    const id = await debtor(acme, { number: 'D2', name: 'Twins' });
    const ambiguous = await check(acme, id);
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body).toMatchObject({ code: 'company_ambiguous' });
    expect(ambiguous.body.details.candidates.map((c: { bureauId: string }) => c.bureauId)).toEqual([
      'NL-1',
      'NL-2',
    ]);
    expect((await check(acme, id, { bureauId: 'NL-2' })).status).toBe(201);
  });

  it('refuses an answer outside the contract and a plugin failure, storing nothing', async () => {
    const before = await creditRows(acme.tenantId);
    const bad = await check(acme, await debtor(acme, { number: 'D3', name: 'Odd', cocNumber: '666' }));
    expect(bad.status).toBe(502);
    expect(bad.body).toMatchObject({ code: 'plugin_bad_answer' });
    const down = await check(acme, await debtor(acme, { number: 'D4', name: 'Down', cocNumber: '503' }));
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ code: 'plugin_failed' });
    // The tenant sees the plugin's own failure on the installation afterwards.
    const installation = await acme.api('GET', `/api/v1/plugins/installations/${acmeBureau}`);
    expect(installation.body.lastError).toMatchObject({
      code: 'upstream_down',
      message: 'bureau unavailable',
    });
    expect(await creditRows(acme.tenantId)).toBe(before);
  });

  it('stores nothing from a plugin the tenant did not grant debtors:risk:write', async () => {
    const id = await debtor(globex, { number: 'D1', name: 'Solid', cocNumber: '1' });
    const res = await check(globex, id);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'plugin_scope_denied' });
    expect(await creditRows(globex.tenantId)).toBe(0);
  });

  it('asks the bureau nothing, not even a (billed) report, without debtors:risk:write', async () => {
    // NL-503 makes the bureau fail: a 502 would mean the report was asked for before the grant was checked.
    const id = await debtor(globex, { number: 'D503', name: 'Solid', cocNumber: '503' });
    const res = await check(globex, id, { bureauId: 'NL-503' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'plugin_scope_denied' });
  });

  it("needs a credit-bureau plugin, a country, and the tenant's own debtor", async () => {
    const none = await check(initech, await debtor(initech, { number: 'D1', name: 'X', cocNumber: '1' }));
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ code: 'capability_not_installed' });
    const nowhere = await check(acme, await debtor(acme, { number: 'D5', name: 'Nowhere', addresses: [] }));
    expect(nowhere.status).toBe(422);
    const theirs = await debtor(globex, { number: 'D2', name: 'Theirs' });
    expect((await check(acme, theirs)).status).toBe(404);
  });
});

describe('ctx.core, ctx.config and storage inside a plugin', () => {
  it("reads the tenant's own records within the grant, never another tenant's", async () => {
    const own = await debtor(acme, { number: 'C1', name: 'Reader' });
    const invoice = await acme.api('POST', '/api/v1/invoices', {
      administrationId: acme.administrationId,
      debtorId: own,
      number: 'F-1',
      issueDate: '2026-10-01',
      dueDate: '2026-10-31',
      amount: 12100,
    });
    expect(invoice.status).toBe(201);
    const result = await runtime?.invoke(acme.tenantId, acmeBureau, 'debtor.created', {
      debtorId: own,
      invoiceId: invoice.body.id,
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        debtor: { ok: true, value: { id: own, name: 'Reader', type: 'company', country: 'NL' } },
        // debtors:read only: invoices are out of reach.
        open: { ok: false, code: 'scope_denied' },
        invoice: { ok: false, code: 'scope_denied' },
        config: { region: 'benelux' },
        listed: { ok: true, value: ['a/1'] },
      },
    });
    const theirs = await debtor(globex, { number: 'C2', name: 'Not yours' });
    const probe = await runtime?.invoke(acme.tenantId, acmeBureau, 'debtor.created', { debtorId: theirs });
    expect(probe).toMatchObject({ ok: true, value: { debtor: { ok: false, code: 'not_found' } } });
  });
});
