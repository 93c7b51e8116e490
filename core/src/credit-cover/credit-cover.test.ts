import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { creditCoverRoutes } from './credit-cover-routes.ts';

// Core's side of the credit-insurance capability, with an insurer written by hand: it covers half
// of what is asked, reports the cover granted in full when read again, and answers in dollars for a
// debtor named "Dollar".
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_BREACHES_BEFORE_DISABLE: '100' });
let runtime: PluginRuntime | undefined;
const { caller, newTenant } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    return creditCoverRoutes({ orm, runtime });
  },
});
afterAll(() => runtime?.close());

const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const partner = await createTestPartner(caller, acme.tenantId, 'Insurer B.V.');

const insurer = `globalThis.__kredo = { hooks: {
  'capability:creditInsurance.requestCover': (input) => ({ ok: true, value: {
    coverReference: 'CV-' + input.debtor.number, status: 'partial', validUntil: '2027-06-30',
    coveredAmount: { amount: Math.floor(input.amount.amount / 2), currency: input.debtor.name === 'Dollar' ? 'USD' : input.amount.currency } } }),
  'capability:creditInsurance.readCover': (input) => ({ ok: true, value: {
    coverReference: input.coverReference, status: 'granted', coveredAmount: { amount: 100000, currency: 'EUR' } } }),
} };`;
const installInsurer = (tenant: typeof acme, id: string, scopes: string[], bundle = insurer) =>
  partner.installFor(tenant, { id, capabilities: ['creditInsurance'], scopes }, bundle);
const acmeInsurer = await installInsurer(acme, 'com.example.insurer', ['debtors:read', 'debtors:risk:write']);
await installInsurer(globex, 'com.example.insurer-ungranted', ['debtors:read']);

async function debtor(tenant: typeof acme, number: string, name = number) {
  const res = await tenant.api('POST', '/api/v1/debtors', {
    administrationId: tenant.administrationId,
    number,
    name,
    type: 'b2b',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const ask = (tenant: typeof acme, debtorId: string, amount: number, key?: string) =>
  tenant.api(
    'POST',
    `/api/v1/debtors/${debtorId}/credit-cover`,
    { amount: { amount, currency: 'EUR' } },
    key ? { 'idempotency-key': key } : {},
  );

describe('credit-insurance cover through a credit-insurance plugin', () => {
  it("stores the insurer's answer and reads it back, refreshed on request", async () => {
    const id = await debtor(acme, 'D1');
    const res = await ask(acme, id, 200000, 'cover-1');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      debtorId: id,
      installationId: acmeInsurer,
      coverReference: 'CV-D1',
      status: 'partial',
      requestedAmount: { amount: 200000, currency: 'EUR' },
      coveredAmount: { amount: 100000, currency: 'EUR' },
      validUntil: '2027-06-30',
    });
    expect((await ask(acme, id, 200000, 'cover-1')).body.id).toBe(res.body.id);
    const current = await acme.api('GET', `/api/v1/debtors/${id}/credit-cover`);
    expect(current.body).toMatchObject({ id: res.body.id, status: 'partial' });
    const refreshed = await acme.api('GET', `/api/v1/debtors/${id}/credit-cover?refresh=true`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ id: res.body.id, status: 'granted', validUntil: null });
  });

  it('refuses an answer in another currency and a plugin without debtors:risk:write', async () => {
    const dollar = await ask(acme, await debtor(acme, 'D2', 'Dollar'), 5000);
    expect(dollar.status).toBe(502);
    expect(dollar.body).toMatchObject({ code: 'plugin_bad_answer' });
    const ungranted = await ask(globex, await debtor(globex, 'D1'), 5000);
    expect(ungranted.status).toBe(403);
    expect(ungranted.body).toMatchObject({ code: 'plugin_scope_denied' });
  });

  it('sends the insurer nothing without debtors:risk:write', async () => {
    // This insurer fails every call: a 502 would mean the debtor reached it before the grant was checked.
    const failing = `globalThis.__kredo = { hooks: {
      'capability:creditInsurance.requestCover': () => ({ ok: false, error: { code: 'debtor_received', message: 'got it' } }),
    } };`;
    const initech = await newTenant('Initech');
    await installInsurer(initech, 'com.example.insurer-failing', [], failing);
    const res = await ask(initech, await debtor(initech, 'D1'), 5000);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'plugin_scope_denied' });
  });

  it('answers 404 for a debtor without cover', async () => {
    const res = await acme.api('GET', `/api/v1/debtors/${await debtor(acme, 'D3')}/credit-cover`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'credit_cover_not_found' });
  });
});
