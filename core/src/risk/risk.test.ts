import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { recordCreditAssessment } from '../debtors/debtor-risk.ts';
import { startJobWorker } from '../jobs/job-worker.ts';
import { monitorArrangements } from '../promises/index.ts';
import { until } from '../shared/until.ts';
import { refreshAllRisk, refreshRisk } from './refresh-risk.ts';
import { riskJobs } from './risk-jobs.ts';
import { paymentHistory } from './test-payment-history.ts';

const { db, newTenant } = await createTestApi();
const acme = await newTenant('Acme');
const other = await newTenant('Other');
const h = await paymentHistory(db.orm, acme);
/** The refresh's business date R, two days after today: promises and plans made today have failed by then. */
const R = 2;
const refresh = () =>
  tenantEm(db.orm, acme.tenantId).transactional((em) =>
    refreshRisk(em, acme.tenantId, acme.administrationId, { asOf: h.day(R) }),
  );
const limitEvents = () =>
  tenantEm(db.orm, acme.tenantId).execute<{ payload: Json }[]>(
    `select payload from outbox_event where name = 'debtor.credit_limit_exceeded' order by id`,
  );

/*
 * Debtor A, days relative to R:
 * - paid F (1,000.00) due R−10 on R: 10 days late, age 0, weight 1; G (500.00) due R−130 on R−90: 40 days
 *   late, age 90, weight 0.5. Days beyond terms (10×1 + 40×0.5) / 1.5 = 20 → −20. Trend: the last 90
 *   days' average (10) less the older (40) = −30, improving → 0.
 * - a promise for R−1 (tomorrow) unpaid, broken by R → −10; a plan's only instalment due R−1 unpaid,
 *   defaulted on R → −10; a dispute opened today → −5.
 * Score 100 − 20 − 0 − 10 − 10 − 5 = 55.
 */
const a = await h.debtor('A');
await h.paid(a, 1_000_00, R - 10, R);
await h.paid(a, 500_00, R - 130, R - 90);
const promised = await h.invoice(a, 600_00, -5);
const planned = await h.invoice(a, 300_00, -6);
const disputed = await h.invoice(a, 100_00, -7);
expect(
  (
    await acme.api('POST', `/api/v1/debtors/${a}/promises`, {
      invoiceIds: [promised],
      promisedOn: h.day(1),
      graceDays: 0,
    })
  ).status,
).toBe(201);
expect(
  (
    await acme.api('POST', `/api/v1/debtors/${a}/payment-plans`, {
      invoiceIds: [planned],
      schedule: [{ dueOn: h.day(1), amount: 300_00 }],
      graceDays: 0,
    })
  ).status,
).toBe(201);
expect(
  (
    await acme.api('POST', `/api/v1/debtors/${a}/disputes`, {
      invoiceIds: [disputed],
      type: 'quality',
      description: 'Wrong',
    })
  ).status,
).toBe(201);
expect(await monitorArrangements(db.orm, { only: acme.tenantId, asOf: h.day(R) })).toMatchObject({
  broken: 1,
  defaulted: 1,
});

describe('the payment-behaviour score', () => {
  it('is computed from the ledger, stored, and explained by its inputs beside the bureau', async () => {
    await refresh();
    const res = await acme.api('GET', `/api/v1/debtors/${a}/risk`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      debtorId: a,
      paymentBehaviour: {
        score: 55,
        inputs: [
          { name: 'daysBeyondTerms', value: 20, contribution: -20 },
          { name: 'trend', value: -30, contribution: 0 },
          { name: 'brokenPromises', value: 1, contribution: -10 },
          { name: 'missedInstalments', value: 1, contribution: -10 },
          { name: 'disputes', value: 1, contribution: -5 },
        ],
        paidInvoices: 2,
        computedOn: h.day(R),
      },
      bureau: null,
      creditLimitUse: null,
    });
  });

  it('is null for a debtor without history, and 404 for a debtor of another tenant', async () => {
    const b = await h.debtor('NEW');
    await h.invoice(b, 10_00, 10);
    await refresh();
    const res = await acme.api('GET', `/api/v1/debtors/${b}/risk`);
    expect(res.body).toMatchObject({ paymentBehaviour: null, bureau: null, creditLimitUse: null });
    expect((await other.api('GET', `/api/v1/debtors/${a}/risk`)).status).toBe(404);
  });
});

describe('credit-limit use', () => {
  /** A bureau's assessment of the debtor (score 62, B) with a limit in euros. */
  const limitFor = (debtorId: string, amount: number) =>
    tenantEm(db.orm, acme.tenantId).transactional((em) =>
      recordCreditAssessment(em, debtorId, {
        score: 62,
        rating: 'B',
        limit: { amount, currency: 'EUR' },
        checkedAt: new Date(),
      }),
    );

  it('warns once per crossing through the outbox, with a timeline entry each way', async () => {
    const c = await h.debtor('C');
    const limit = (amount: number) => limitFor(c, amount);
    await limit(500_00);
    await h.invoice(c, 400_00, 10);
    await h.invoice(c, 999_00, 10, 'USD'); // another currency: reported apart, never added
    expect(await refresh()).toMatchObject({ exceeded: 0, within: 0 });
    const before = await acme.api('GET', `/api/v1/debtors/${c}/risk`);
    expect(before.body).toMatchObject({
      bureau: { score: 62, rating: 'B', limit: { amount: 500_00, currency: 'EUR' } },
      creditLimitUse: {
        limit: { amount: 500_00, currency: 'EUR' },
        open: { amount: 400_00, currency: 'EUR' },
        usePercent: 80,
        exceeded: false,
      },
    });

    await h.invoice(c, 200_00, 10); // 600 of 500: over
    expect(await refresh()).toMatchObject({ exceeded: 1 });
    const events = await limitEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      debtor: { id: c, number: 'C' },
      limit: { amount: 500_00, currency: 'EUR' },
      open: { amount: 600_00, currency: 'EUR' },
      usePercent: 120,
    });

    await h.invoice(c, 50_00, 10); // still over: no second warning
    expect(await refresh()).toMatchObject({ exceeded: 0, within: 0 });
    const f = await h.invoice(c, 1_00, 10);
    await h.pay(c, f, 1_00, 0);
    expect(await limitEvents()).toHaveLength(1);

    await limit(1_000_00); // 650 of 1,000: back within
    expect(await refresh()).toMatchObject({ exceeded: 0, within: 1 });
    await limit(600_00); // over again: warned again
    expect(await refresh()).toMatchObject({ exceeded: 1 });
    expect(await limitEvents()).toHaveLength(2);

    const timeline = await acme.api('GET', `/api/v1/debtors/${c}/timeline`);
    expect(timeline.status).toBe(200);
    const crossings = timeline.body.data.filter((e: Json) => e.type.startsWith('credit_limit.'));
    expect(crossings.map((e: Json) => [e.type, e.detail.open.amount, e.detail.limit.amount])).toEqual([
      ['credit_limit.exceeded', 650_00, 600_00],
      ['credit_limit.within', 650_00, 1_000_00],
      ['credit_limit.exceeded', 600_00, 500_00],
    ]);
  });

  it('records many crossings of one refresh together, each row pointing at its own debtor’s warning', async () => {
    const debtors = [await h.debtor('D'), await h.debtor('E'), await h.debtor('G')];
    for (const [i, debtorId] of debtors.entries()) {
      await limitFor(debtorId, 100_00);
      await h.invoice(debtorId, 100_00 + (i + 1) * 10_00, 10); // 110, 120, 130 of 100: all over
    }
    const warned = (await limitEvents()).length;
    expect(await refresh()).toMatchObject({ exceeded: 3, within: 0 });
    expect((await limitEvents()).length).toBe(warned + 3);
    const rows = () =>
      tenantEm(db.orm, acme.tenantId).execute<
        { debtor_id: string; kind: string; open_amount: string; warned_debtor: string | null }[]
      >(
        `select c.debtor_id, c.kind, c.open_amount, e.payload->'debtor'->>'id' as warned_debtor
         from credit_limit_crossing c left join outbox_event e on e.id = c.event_id
         where c.debtor_id in (?, ?, ?) order by c.at, c.debtor_id`,
        debtors,
      );
    const over = await rows();
    expect(over.map((r) => [r.kind, Number(r.open_amount)]).sort()).toEqual([
      ['exceeded', 110_00],
      ['exceeded', 120_00],
      ['exceeded', 130_00],
    ]);
    expect(over.every((r) => r.warned_debtor === r.debtor_id)).toBe(true);
    for (const debtorId of debtors) await limitFor(debtorId, 1_000_00);
    expect(await refresh()).toMatchObject({ exceeded: 0, within: 3 });
    const back = (await rows()).filter((r) => r.kind === 'within');
    expect(back.map((r) => r.debtor_id).sort()).toEqual([...debtors].sort());
    expect(back.every((r) => r.warned_debtor === null)).toBe(true);
  });

  it('is refreshed for every tenant by the nightly task, each under its own row-level security', async () => {
    const run = await refreshAllRisk(db.orm, { asOf: h.day(R) });
    expect(run.debtors).toBeGreaterThanOrEqual(2);
    expect(run.exceeded).toBe(0);
  });
});

describe('the refresh job', () => {
  it('scores a debtor soon after its payment commits, woken by the outbox', async () => {
    const worker = await startJobWorker({
      connectionString: db.url,
      logger: pino({ level: 'silent' }),
      pollInterval: 100,
      jobs: [riskJobs({ orm: db.orm, debounceMs: 500 })],
    });
    try {
      const p = await h.debtor('PAYS');
      const invoice = await h.invoice(p, 80_00, -3);
      await h.pay(p, invoice, 80_00, 0); // 3 days late, paid today
      const risk = await until(
        async () => (await acme.api('GET', `/api/v1/debtors/${p}/risk`)).body,
        (body) => body.paymentBehaviour !== null,
        20_000,
      );
      expect(risk.paymentBehaviour).toMatchObject({ score: 97, paidInvoices: 1 });
    } finally {
      await worker.stop();
    }
  });
});
