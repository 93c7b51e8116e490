import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { deliverAction } from '../dunning/deliver-action.ts';
import { startTestSmtp } from '../dunning/deliver-test-fixtures.ts';
import { dunningApiRoutes } from '../dunning/dunning-module.ts';
import { createDebtor, createInvoice, createStrategy } from '../dunning/test-dunning-ledger.ts';
import { createMailer } from '../mail/mailer.ts';
import { allocatedToInvoicesSince } from '../payments/allocated-since.ts';
import { createPayment } from '../payments/payment-service.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';

// The charges ledger on the real PostgreSQL, through the API: reminders claim their charges when they
// are sent (delivered to a real SMTP server), payments settle costs, then interest, then principal
// (art. 6:44 BW), staff waive, and the next reminder states what is open. Every amount is computed by
// hand below; interest is a fixed 10 % a year, simple, actual/365.
const smtp = await startTestSmtp();
const config = loadConfig({ KREDO_PLUGIN_WORKERS: '1' });
let runtime: PluginRuntime | undefined;
const { db, newTenant } = await createTestApi({
  routes: ({ orm, secretsKey }) => {
    runtime = createPluginRuntime({ orm, config, secretsKey });
    return dunningApiRoutes({ orm });
  },
});
afterAll(async () => {
  await runtime?.close();
  await smtp.close();
});

type Api = Awaited<ReturnType<typeof newTenant>>['api'];

const deliver = (tenantId: string, actionId: string) =>
  deliverAction(
    {
      orm: db.orm,
      runtime: runtime as PluginRuntime,
      publicUrl: () => 'http://127.0.0.1:3000',
      filterDeadlineMs: 5000,
      mailer: createMailer({ smtpUrl: smtp.url, mailFrom: 'Credit <credit@kredo.example>' }),
    },
    { tenantId, actionId, lastAttempt: false },
  );

const email = (name: string, more: object) => ({
  name,
  action: 'email',
  claimCharges: true,
  conditions: { debtorTypes: ['b2b'] },
  templates: { en: { subject: '{{ reminder.step }}', text: 'Please pay {{ reminder.totalDue }}.' } },
  ...more,
});

/** A tenant whose default strategy claims `charges` 30 days after the due date and 30 days after that. */
async function tenantCharging(name: string, charges: object) {
  const tenant = await newTenant(name);
  const strategyId = await createStrategy(tenant.api, tenant.administrationId, name, {
    defaultLanguage: 'en',
    charges,
    steps: [
      email('Reminder with charges', { offsetDays: 30, from: 'due_date' }),
      email('Second reminder', { offsetDays: 30, from: 'previous_step' }),
    ],
  });
  const settings = await tenant.api('PUT', `/api/v1/dunning/settings/${tenant.administrationId}`, {
    defaultStrategyId: strategyId,
  });
  expect(settings.status).toBe(200);
  const debtor = (number: string) =>
    createDebtor(tenant.api, tenant.administrationId, number, {
      type: 'b2b',
      email: `${number.toLowerCase()}@debtor.example`,
      language: 'en',
    });
  return { ...tenant, debtor };
}

async function run(api: Api, administrationId: string, asOf: string) {
  const res = await api('POST', '/api/v1/dunning/runs', { administrationId, asOf });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function latestAction(api: Api, debtorId: string): Promise<Json> {
  const res = await api('GET', `/api/v1/dunning/actions?debtorId=${debtorId}&limit=10`);
  expect(res.status).toBe(200);
  return res.body.data[0];
}

async function chargesOf(api: Api, debtorId: string, query = ''): Promise<Json[]> {
  const res = await api('GET', `/api/v1/debtors/${debtorId}/charges?limit=100${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

/** claimed / paid / waived / open of a debtor's charges, by part and invoice. */
const ledger = (charges: Json[]) =>
  charges.map((c) => ({
    invoiceId: c.invoiceId,
    part: c.part,
    claimed: c.claimed,
    paid: c.paid,
    waived: c.waived,
    open: c.open,
  }));

async function pay(
  api: Api,
  administrationId: string,
  debtorId: string,
  amount: number,
  allocations: { invoiceId: string; amount: number }[],
) {
  const res = await api('POST', '/api/v1/payments', {
    administrationId,
    debtorId,
    amount,
    valueDate: '2025-03-10',
    allocations,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function openAmount(api: Api, invoiceId: string) {
  return (await api('GET', `/api/v1/invoices/${invoiceId}`)).body.openAmount;
}

const business = await tenantCharging('Charges ledger BV', {
  interest: { fixedRatePercent: 10 },
  compensation: 'eu_fixed',
});
const { api, tenantId, administrationId } = business;
const alfa = await business.debtor('ALFA');
const a1 = await createInvoice(api, administrationId, alfa, 'A1', '2025-01-31', 1000_00);
const beta = await business.debtor('BETA');
const b1 = await createInvoice(api, administrationId, beta, 'B1', '2025-01-31', 500_00);
const gamma = await business.debtor('GAMMA');
const g1 = await createInvoice(api, administrationId, gamma, 'G1', '2025-01-31', 100_00);
const g2 = await createInvoice(api, administrationId, gamma, 'G2', '2025-01-15', 200_00);
const epsilon = await business.debtor('EPSILON');
const e1 = await createInvoice(api, administrationId, epsilon, 'E1', '2025-01-31', 1000_00);
const zeta = await business.debtor('ZETA');
const z1 = await createInvoice(api, administrationId, zeta, 'Z1', '2025-01-31', 300_00);

describe('charges become owed when the reminder is sent', () => {
  it('claims nothing while the reminder waits, and everything it states once it went', async () => {
    await run(api, administrationId, '2025-03-02');
    const action = await latestAction(api, alfa);
    // 1,000.00 × 10 % × 30 / 365 = 8.22 (1 February – 2 March), and the EU €40.
    expect(action.charges).toMatchObject({ interest: 8_22, compensation: 40_00, total: 48_22 });
    expect(await chargesOf(api, alfa)).toEqual([]);
    for (const debtor of [alfa, beta, gamma, epsilon]) {
      expect(await deliver(tenantId, (await latestAction(api, debtor)).id)).toEqual({ status: 'sent' });
    }
    const charges = await chargesOf(api, alfa);
    expect(ledger(charges)).toEqual([
      { invoiceId: a1, part: 'costs', claimed: 40_00, paid: 0, waived: 0, open: 40_00 },
      { invoiceId: a1, part: 'interest', claimed: 8_22, paid: 0, waived: 0, open: 8_22 },
    ]);
    expect(charges[0]).toMatchObject({ episode: 1, actionId: action.id, status: 'open', covers: [a1] });
    // Sending it again (a retried job) claims nothing twice.
    expect(await deliver(tenantId, action.id)).toEqual({ status: 'not_pending' });
    expect(ledger(await chargesOf(api, alfa)).map((c) => c.claimed)).toEqual([40_00, 8_22]);
  });
});

describe('payments settle costs, then interest, then principal', () => {
  it('changes nothing for a payment whose invoice has no charge owed (its reminder was not sent)', async () => {
    // Z1's reminder states charges but waits in the queue: they are not owed yet.
    expect((await latestAction(api, zeta)).charges.total).toBeGreaterThan(0);
    const payment = await pay(api, administrationId, zeta, 100_00, [{ invoiceId: z1, amount: 100_00 }]);
    expect(payment).toMatchObject({
      allocatedAmount: 100_00,
      allocations: [{ invoiceId: z1, amount: 100_00 }],
      chargeAllocations: [],
    });
    expect(await openAmount(api, z1)).toBe(200_00);
  });

  it('writes nothing of a payment whose transaction rolls back', async () => {
    const em = tenantEm(db.orm, tenantId);
    await expect(
      em.transactional(async (tx) => {
        const { chargeAllocations } = await createPayment(tx, tenantId, {
          administrationId,
          debtorId: alfa,
          amount: 1048_22,
          valueDate: '2025-03-10',
          allocations: [{ invoiceId: a1, amount: 1000_00 }],
        });
        expect(chargeAllocations.map((c) => c.amount)).toEqual([40_00, 8_22]);
        throw new Error('the caller fails after the payment');
      }),
    ).rejects.toThrow('the caller fails after the payment');
    expect(ledger(await chargesOf(api, alfa)).map((c) => c.paid)).toEqual([0, 0]);
    expect(await openAmount(api, a1)).toBe(1000_00);
    const payments = await api('GET', `/api/v1/payments?debtorId=${alfa}`);
    expect(payments.body.data).toEqual([]);
  });

  it('settles the charges of a payment of the reminder’s total, and the whole principal', async () => {
    // The debtor pays the €1,048.22 the reminder asked; the bank match allocates €1,000.00 to A1 (its
    // open amount) and leaves €48.22: costs €40.00, interest €8.22, principal €1,000.00.
    const payment = await pay(api, administrationId, alfa, 1048_22, [{ invoiceId: a1, amount: 1000_00 }]);
    expect(payment.allocatedAmount).toBe(1048_22);
    expect(payment.allocations).toMatchObject([{ invoiceId: a1, amount: 1000_00 }]);
    expect(payment.chargeAllocations).toMatchObject([
      { invoiceId: a1, part: 'costs', amount: 40_00 },
      { invoiceId: a1, part: 'interest', amount: 8_22 },
    ]);
    expect(await openAmount(api, a1)).toBe(0);
    expect(ledger(await chargesOf(api, alfa, '&status=settled')).map((c) => c.open)).toEqual([0, 0]);
    expect(await chargesOf(api, alfa, '&status=open')).toEqual([]);
    // The payment reads back the same.
    const read = await api('GET', `/api/v1/payments/${payment.id}`);
    expect(read.body.chargeAllocations).toEqual(JSON.parse(JSON.stringify(payment.chargeAllocations)));
    expect(read.body.allocatedAmount).toBe(1048_22);
  });

  it('splits partial payments: costs first, then interest, then principal', async () => {
    // B1 €500.00: interest 500.00 × 10 % × 30 / 365 = 4.11, costs €40.00.
    const first = await pay(api, administrationId, beta, 30_00, [{ invoiceId: b1, amount: 30_00 }]);
    expect(first.allocations).toEqual([]);
    expect(first.chargeAllocations).toMatchObject([{ part: 'costs', amount: 30_00 }]);
    expect(await openAmount(api, b1)).toBe(500_00);
    // €20.00: the costs' last €10.00, the interest €4.11, €5.89 of principal.
    const second = await pay(api, administrationId, beta, 20_00, [{ invoiceId: b1, amount: 20_00 }]);
    expect(second.chargeAllocations).toMatchObject([
      { part: 'costs', amount: 10_00 },
      { part: 'interest', amount: 4_11 },
    ]);
    expect(second.allocations).toMatchObject([{ invoiceId: b1, amount: 5_89 }]);
    expect(await openAmount(api, b1)).toBe(494_11);
    expect(ledger(await chargesOf(api, beta))).toEqual([
      { invoiceId: b1, part: 'costs', claimed: 40_00, paid: 40_00, waived: 0, open: 0 },
      { invoiceId: b1, part: 'interest', claimed: 4_11, paid: 4_11, waived: 0, open: 0 },
    ]);
    // A promise on B1 counts all €50.00 the debtor paid against it, the charges' part included.
    const paid = await tenantEm(db.orm, tenantId).transactional((tx) =>
      allocatedToInvoicesSince(tx, [b1], '2025-01-01T00:00:00Z'),
    );
    expect(paid).toBe(50_00);
  });

  it('pays the costs and interest of two invoices before their principal, oldest first', async () => {
    // G2 €200.00 due 15 January: 200.00 × 10 % × 46 / 365 = 2.52; G1 €100.00 due 31 January:
    // 100.00 × 10 % × 30 / 365 = 0.82; €40.00 costs each. €150.00 allocated G1 100.00, G2 50.00:
    // costs 80.00, interest 3.34, then principal oldest first: G2 its 50.00, G1 the last 16.66.
    const payment = await pay(api, administrationId, gamma, 150_00, [
      { invoiceId: g1, amount: 100_00 },
      { invoiceId: g2, amount: 50_00 },
    ]);
    expect(payment.chargeAllocations).toMatchObject([
      { invoiceId: g2, part: 'costs', amount: 40_00 },
      { invoiceId: g1, part: 'costs', amount: 40_00 },
      { invoiceId: g2, part: 'interest', amount: 2_52 },
      { invoiceId: g1, part: 'interest', amount: 82 },
    ]);
    expect(payment.allocations).toMatchObject([
      { invoiceId: g1, amount: 16_66 },
      { invoiceId: g2, amount: 50_00 },
    ]);
    expect(payment.allocatedAmount).toBe(150_00);
    expect(await openAmount(api, g1)).toBe(83_34);
    expect(await openAmount(api, g2)).toBe(150_00);
  });
});

describe('waivers', () => {
  it('waives all that is open once per Idempotency-Key, and refuses what is not open', async () => {
    const [costs, interest] = (await chargesOf(api, epsilon)) as [Json, Json];
    expect(costs).toMatchObject({ part: 'costs', claimed: 40_00, invoiceId: e1 });
    const key = { 'idempotency-key': 'waive-e1-costs' };
    const waive = (id: string, payload: object, headers = {}) =>
      api('POST', `/api/v1/charges/${id}/waive`, payload, headers);
    const first = await waive(costs.id, { reason: 'Goodwill: first time late' }, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ waived: 40_00, open: 0, status: 'settled' });
    expect(first.body.waivers).toMatchObject([
      { amount: 40_00, reason: 'Goodwill: first time late', waivedBy: 'usr_test' },
    ]);
    const retry = await waive(costs.id, { reason: 'Goodwill: first time late' }, key);
    expect(retry.status).toBe(201);
    expect(retry.body.waivers).toHaveLength(1);
    const again = await waive(costs.id, { reason: 'Once more' });
    expect(again).toMatchObject({ status: 409, body: { code: 'charge_settled' } });
    const tooMuch = await waive(interest.id, { amount: 9_00, reason: 'More than open' });
    expect(tooMuch).toMatchObject({ status: 400, body: { field: 'amount' } });
    const noReason = await waive(interest.id, { amount: 1_00 });
    expect(noReason).toMatchObject({ status: 400, body: { field: 'reason' } });
    const part = await waive(interest.id, { amount: 2_00, reason: 'Rounded down by phone' });
    expect(part.body).toMatchObject({ claimed: 8_22, waived: 2_00, open: 6_22, status: 'open' });
    const unknown = await waive('chg_00000000000000000000000000', { reason: 'x' });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'claimed_charge_not_found' } });
  });
});

describe('the next reminder of the episode states what is open', () => {
  it('does not claim a waived charge again, keeps what was claimed, and subtracts what was settled', async () => {
    await run(api, administrationId, '2025-04-01');
    // EPSILON: E1 €1,000.00, 1 February – 1 April is 60 days: 1,000.00 × 10 % × 60 / 365 = 16.44; €2.00
    // of the interest waived: €14.44 open. The costs were waived in full: not claimed again.
    const second = await latestAction(api, epsilon);
    expect(second.stepName).toBe('Second reminder');
    expect(second.charges).toMatchObject({
      interest: 14_44,
      compensation: 0,
      total: 14_44,
      settled: { interest: 2_00, compensation: 40_00 },
      invoices: [{ invoiceId: e1, interest: 16_44, compensation: 40_00 }],
    });
    expect(second.totalOpen.amount).toBe(1000_00 + 14_44);
    expect(second.charges.explanation.slice(-2)).toEqual([
      'Already paid or waived: €42.00; interest and costs still owed: €14.44.',
      'Total: €1,000.00 principal + €14.44 interest + €0.00 costs = €1,014.44',
    ]);
    // BETA: B1 €494.11: 494.11 × 10 % × 60 / 365 = 8.12 above the €4.11 claimed and paid: €4.01 open; the
    // costs were paid: nothing open.
    const beta2 = await latestAction(api, beta);
    expect(beta2.charges).toMatchObject({ interest: 4_01, compensation: 0, total: 4_01 });
    // Sent: the interest is raised to what the reminder states; the waived costs stay as they were.
    expect(await deliver(tenantId, second.id)).toEqual({ status: 'sent' });
    expect(ledger(await chargesOf(api, epsilon))).toEqual([
      { invoiceId: e1, part: 'costs', claimed: 40_00, paid: 0, waived: 40_00, open: 0 },
      { invoiceId: e1, part: 'interest', claimed: 16_44, paid: 0, waived: 2_00, open: 14_44 },
    ]);
    expect((await chargesOf(api, epsilon))[1]?.actionId).toBe(second.id);
  });

  it('shows the charges, their payments and waivers on the debtor timeline', async () => {
    const epsilonLine = await api('GET', `/api/v1/debtors/${epsilon}/timeline?limit=100`);
    expect(epsilonLine.status).toBe(200);
    const types = (epsilonLine.body.data as Json[]).map((e) => e.type);
    expect(types.filter((t) => t.startsWith('charge.')).sort()).toEqual([
      'charge.claimed',
      'charge.claimed',
      'charge.waived',
      'charge.waived',
    ]);
    const waived = (epsilonLine.body.data as Json[]).find((e) => e.summary.includes('Goodwill'));
    expect(waived).toMatchObject({ actor: 'usr_test', invoiceIds: [e1] });
    const betaLine = await api('GET', `/api/v1/debtors/${beta}/timeline?limit=100`);
    const paid = (betaLine.body.data as Json[]).filter((e) => e.type === 'charge.paid');
    expect(paid.map((e) => e.detail.amount.amount).sort()).toEqual([14_11, 30_00]);
  });
});

describe('claim costs on the WIK scale, and another tenant', async () => {
  const wik = await tenantCharging('WIK ledger BV', { interest: 'none', compensation: 'wik' });
  const delta = await wik.debtor('DELTA');
  const w1 = await createInvoice(wik.api, wik.administrationId, delta, 'W1', '2025-01-15', 1000_00);
  const w2 = await createInvoice(wik.api, wik.administrationId, delta, 'W2', '2025-01-31', 1000_00);

  it('pays the claim’s own costs before both invoices’ principal', async () => {
    await run(wik.api, wik.administrationId, '2025-03-02');
    const action = await latestAction(wik.api, delta);
    // WIK on €2,000.00: 15 % = €300.00, on the claim, not per invoice.
    expect(action.charges).toMatchObject({ compensation: 300_00, claimCosts: 300_00, total: 300_00 });
    expect(await deliver(wik.tenantId, action.id)).toEqual({ status: 'sent' });
    const [claim] = await chargesOf(wik.api, delta);
    expect(claim).toMatchObject({ invoiceId: null, part: 'costs', claimed: 300_00, covers: [w1, w2].sort() });
    // €2,000.00 allocated 1,000.00 to each: €300.00 costs, then W1 (older) in full, W2 €700.00.
    const payment = await pay(wik.api, wik.administrationId, delta, 2000_00, [
      { invoiceId: w2, amount: 1000_00 },
      { invoiceId: w1, amount: 1000_00 },
    ]);
    expect(payment.chargeAllocations).toMatchObject([{ invoiceId: null, part: 'costs', amount: 300_00 }]);
    expect(payment.allocations).toMatchObject([
      { invoiceId: w2, amount: 700_00 },
      { invoiceId: w1, amount: 1000_00 },
    ]);
    expect(await openAmount(wik.api, w2)).toBe(300_00);
  });

  it('keeps each tenant’s charges to itself', async () => {
    const [claim] = (await chargesOf(wik.api, delta)) as [Json];
    const [alfaCharge] = (await chargesOf(api, alfa)) as [Json];
    expect((await api('GET', `/api/v1/debtors/${delta}/charges`)).status).toBe(404);
    const foreign = await api('POST', `/api/v1/charges/${claim.id}/waive`, { reason: 'Not mine' });
    expect(foreign).toMatchObject({ status: 404, body: { code: 'claimed_charge_not_found' } });
    const back = await wik.api('POST', `/api/v1/charges/${alfaCharge.id}/waive`, { reason: 'Not mine' });
    expect(back.status).toBe(404);
    // Under row-level security the other tenant's rows are not there at all.
    const [row] = await tenantEm(db.orm, wik.tenantId).execute<{ n: number }[]>(
      'select count(*)::int as n from claimed_charge',
    );
    expect(row?.n).toBe(1);
  });
});
