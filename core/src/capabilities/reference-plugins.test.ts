import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureCompanies } from '../../../plugins/creditsafe-bureau/fake/fixture-companies.ts';
import { startCreditsafeFake } from '../../../plugins/creditsafe-bureau/fake/index.ts';
import { startMollieFake } from '../../../plugins/mollie-pay-link/fake/index.ts';
import { bundlePlugin } from '../../../sdk/src/cli/build.ts';
import { createTestApi } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { creditCheckRoutes } from '../credit-checks/index.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { payLinkPaymentRecorder, payLinkRoutes } from '../pay-links/index.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { webhookRoutes } from '../webhooks/index.ts';

// The two reference plugins as a partner ships them: built from plugins/ with the SDK, signed,
// published, installed with their grants and secrets, and run by core's runtime against local fakes
// of Mollie's and Creditsafe's APIs (the manifests' origins routed to the fakes). The Kredo server
// listens on a real port, because Mollie's fake calls the webhook like Mollie does.
const mollieKey = 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM';
// A password with a quote and a backslash: it must reach Creditsafe intact inside the JSON body.
const creditsafe = { username: 'kredo@example.com', password: 'Cr3d"t\\s@fe' };
const mollie = await startMollieFake({ apiKey: mollieKey });
const bureau = await startCreditsafeFake({ ...creditsafe, companies: fixtureCompanies });

const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1', KREDO_PLUGIN_ALLOW_PRIVATE_NETWORKS: 'true' });
const logger = pino({ level: 'silent' });
let runtime: PluginRuntime | undefined;
let publicUrl = '';
const { server, caller, newTenant, db } = await createTestApi({
  listen: true,
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({
      orm,
      config,
      secretsKey,
      originRoutes: {
        'https://api.mollie.com': mollie.origin,
        'https://connect.creditsafe.com': bureau.origin,
      },
    });
    const deps = { orm, runtime };
    return [
      ...webhookRoutes(runtime, logger, { payment: payLinkPaymentRecorder(orm, logger) }),
      ...creditCheckRoutes(deps),
      ...payLinkRoutes({ ...deps, publicUrl: () => publicUrl }),
    ];
  },
});
publicUrl = server.info.uri;
afterAll(async () => {
  await runtime?.close();
  await mollie.close();
  await bureau.close();
});

const acme = await newTenant('Acme');
const partner = await createTestPartner(caller, acme.tenantId, 'Kredo', 'dev.kredo');

async function installReference(folder: string, secrets: Record<string, string>, config = {}) {
  const dir = fileURLToPath(new URL(`../../../plugins/${folder}/`, import.meta.url));
  const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8'));
  const { code } = await bundlePlugin({ entry: 'src/plugin.ts', cwd: dir });
  return partner.installFor(acme, manifest, code, { config, secrets });
}

const payLinks = await installReference(
  'mollie-pay-link',
  { apiKey: mollieKey },
  {
    redirectUrl: 'https://acme.example/thanks',
  },
);
await installReference(
  'creditsafe-bureau',
  { password: creditsafe.password },
  { username: creditsafe.username },
);

async function newDebtor(fields: Record<string, unknown>) {
  const res = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    type: 'b2b',
    addresses: [{ type: 'billing', line1: 'Dorpsstraat 1', city: 'Utrecht', country: 'NL' }],
    ...fields,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function newInvoice(debtorId: string, number: string, amount: number, dueDate: string) {
  const res = await acme.api('POST', '/api/v1/invoices', {
    administrationId: acme.administrationId,
    debtorId,
    number,
    issueDate: '2026-09-01',
    dueDate,
    amount,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('Mollie pay links (reference plugin)', () => {
  it('creates a Mollie payment for the open amount; the paid webhook registers it and the invoices close', async () => {
    const debtorId = await newDebtor({ number: 'M1', name: 'Betaler B.V.' });
    const older = await newInvoice(debtorId, 'F-2026-101', 12_100, '2026-10-01');
    const newer = await newInvoice(debtorId, 'F-2026-102', 5_050, '2026-10-15');

    const created = await acme.api(
      'POST',
      `/api/v1/debtors/${debtorId}/pay-links`,
      {},
      { 'idempotency-key': 'pl-1' },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      installationId: payLinks,
      amount: { amount: 17_150, currency: 'EUR' },
      invoiceIds: [older, newer],
      status: 'open',
    });
    const molliePayment = mollie.payments.get(created.body.providerReference);
    expect(molliePayment).toMatchObject({
      amount: { currency: 'EUR', value: '171.50' },
      description: 'Invoices F-2026-101, F-2026-102',
      redirectUrl: 'https://acme.example/thanks',
      webhookUrl: `${publicUrl}/api/v1/plugins/${payLinks}/webhooks/mollie`,
    });
    expect(created.body.url).toBe(molliePayment?._links.checkout?.href);
    // The key reached Mollie; it was filled in by the host, never held by the plugin.
    expect(mollie.requests.at(-1)?.headers.authorization).toBe(`Bearer ${mollieKey}`);

    // A retry with the same key is the same link, not a second Mollie payment.
    const retried = await acme.api(
      'POST',
      `/api/v1/debtors/${debtorId}/pay-links`,
      {},
      { 'idempotency-key': 'pl-1' },
    );
    expect(retried.body.id).toBe(created.body.id);
    expect(mollie.payments.size).toBe(1);

    expect(await mollie.pay(created.body.providerReference)).toBe(200);
    const invoices = await Promise.all([older, newer].map((id) => acme.api('GET', `/api/v1/invoices/${id}`)));
    expect(invoices.map((res) => [res.body.openAmount, res.body.status])).toEqual([
      [0, 'paid'],
      [0, 'paid'],
    ]);
    const links = await acme.api('GET', `/api/v1/debtors/${debtorId}/pay-links`);
    expect(links.body.data[0]).toMatchObject({ status: 'paid', paymentId: expect.stringMatching(/^pay_/) });
    const payment = await acme.api('GET', `/api/v1/payments/${links.body.data[0].paymentId}`);
    expect(payment.body).toMatchObject({
      amount: 17_150,
      method: 'pay_link',
      reference: created.body.providerReference,
      externalId: created.body.id,
    });

    // Mollie calls again (it retries until it gets a 200, and on every status change): one payment only.
    const again = await fetch(`${publicUrl}/api/v1/plugins/${payLinks}/webhooks/mollie`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `id=${created.body.providerReference}`,
    });
    expect(again.status).toBe(200);
    const { rows } = await withTenantClient(db.orm, acme.tenantId, (c) =>
      c.query('select count(*)::int as n from payment where debtor_id = $1', [debtorId]),
    );
    expect(rows[0].n).toBe(1);
  });

  it('a forged webhook for a payment Mollie does not know registers nothing', async () => {
    const res = await fetch(`${publicUrl}/api/v1/plugins/${payLinks}/webhooks/mollie`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'id=tr_forged1234&status=paid',
    });
    expect(res.status).toBe(200);
    const { rows } = await withTenantClient(db.orm, acme.tenantId, (c) =>
      c.query("select count(*)::int as n from payment where method = 'pay_link'"),
    );
    expect(rows[0].n).toBe(1);
  });

  it('asks for a link only for open invoices of the debtor', async () => {
    const debtorId = await newDebtor({ number: 'M2', name: 'Niets B.V.' });
    const none = await acme.api('POST', `/api/v1/debtors/${debtorId}/pay-links`, {});
    expect(none.status).toBe(422);
    const other = await newDebtor({ number: 'M3', name: 'Ander B.V.' });
    const theirs = await newInvoice(other, 'F-2026-201', 1_000, '2026-10-01');
    const wrong = await acme.api('POST', `/api/v1/debtors/${debtorId}/pay-links`, { invoiceIds: [theirs] });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ field: 'invoiceIds' });
  });
});

describe('Creditsafe credit checks (reference plugin)', () => {
  it("stores Creditsafe's score, rating and limit on the debtor", async () => {
    const debtorId = await newDebtor({
      number: 'C1',
      name: 'Bakkerij De Gouden Korst B.V.',
      cocNumber: '12345678',
    });
    const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/credit-checks`, {});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      bureauId: 'NL-X-123456780000',
      score: 86,
      rating: 'A',
      suggestedLimit: { amount: 12_500_000, currency: 'EUR' },
    });
    const debtor = await acme.api('GET', `/api/v1/debtors/${debtorId}`);
    expect(debtor.body.credit).toMatchObject({
      score: 86,
      rating: 'A',
      limit: { amount: 12_500_000, currency: 'EUR' },
    });
    // The password went to Creditsafe in the JSON body, filled in (and escaped) by the host.
    const login = bureau.requests.find((r) => r.path === '/v1/authenticate');
    expect(JSON.parse(login?.body ?? '{}')).toEqual(creditsafe);
  });
});
