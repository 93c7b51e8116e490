import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { startJobWorker } from '../jobs/job-worker.ts';
import { addDays } from '../shared/iso-date.ts';
import { until } from '../shared/until.ts';
import { arrangementJobs } from './arrangement-jobs.ts';
import { planTimeline, promiseTimeline } from './arrangement-timeline.ts';
import { monitorArrangements } from './monitor-arrangements.ts';

const { db, newTenant } = await createTestApi();
const acme = await newTenant('Acme');
const other = await newTenant('Other');
// The administration's business date (Europe/Amsterdam by default), read as the API reads it.
const [{ today }] = (await tenantEm(db.orm, acme.tenantId).execute<{ today: string }[]>(
  `select to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today from administration where id = ?`,
  [acme.administrationId],
)) as [{ today: string }];

let counter = 0;
/** A debtor with two overdue invoices (€1,000.00 and €500.00), through the API. */
async function debtorWithInvoices(api = acme.api, administrationId = acme.administrationId) {
  const number = `D${++counter}`;
  const debtor = await api('POST', '/api/v1/debtors', {
    administrationId,
    number,
    name: `Debtor ${number}`,
    type: 'b2b',
    collector: 'usr_jan',
  });
  const invoices: string[] = [];
  for (const amount of [1_000_00, 500_00]) {
    const res = await api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId: debtor.body.id,
      number: `${number}-F${invoices.length + 1}`,
      issueDate: '2026-09-01',
      dueDate: `2026-10-0${invoices.length + 1}`,
      amount,
    });
    expect(res.status).toBe(201);
    invoices.push(res.body.id);
  }
  return { debtorId: debtor.body.id as string, invoices };
}

const sql = <T extends object>(sqlText: string, params: unknown[] = [], tenantId = acme.tenantId) =>
  tenantEm(db.orm, tenantId).execute<T[]>(sqlText, params);
const pauses = (sourceId: string) =>
  sql<Json>(
    `select invoice_id, to_char(ends_on, 'YYYY-MM-DD') as ends_on, lifted_because from dunning_pause
     where source_id = ? order by invoice_id`,
    [sourceId],
  );
const events = (name: string, key: string, id: string) =>
  sql<Json>(`select payload from outbox_event where name = ? and payload -> ? ->> 'id' = ?`, [name, key, id]);
const pay = (debtorId: string, allocations: { invoiceId: string; amount: number }[]) =>
  acme.api('POST', '/api/v1/payments', {
    administrationId: acme.administrationId,
    debtorId,
    amount: allocations.reduce((s, a) => s + a.amount, 0),
    valueDate: today,
    allocations,
  });

describe('promises to pay', () => {
  it('covers every overdue invoice by default, pauses them until the date plus grace, and is kept by a payment', async () => {
    const { debtorId, invoices } = await debtorWithInvoices();
    const promisedOn = addDays(today, 10);
    const res = await acme.api(
      'POST',
      `/api/v1/debtors/${debtorId}/promises`,
      { promisedOn },
      { 'idempotency-key': 'promise-1' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      debtorId,
      invoiceIds: invoices,
      amount: { amount: 1_500_00, currency: 'EUR' },
      promisedOn,
      graceDays: 3,
      madeOn: today,
      status: 'open',
    });
    expect(await pauses(res.body.id)).toEqual(
      invoices
        .map((id) => ({ invoice_id: id, ends_on: addDays(promisedOn, 3), lifted_because: null }))
        .sort((a, b) => a.invoice_id.localeCompare(b.invoice_id)),
    );
    expect(await events('promise.made', 'promise', res.body.id)).toHaveLength(1);

    // Part paid: still open, paid brought up to date.
    expect((await pay(debtorId, [{ invoiceId: invoices[0] as string, amount: 1_000_00 }])).status).toBe(201);
    await monitorArrangements(db.orm, { only: acme.tenantId });
    const part = await acme.api('GET', `/api/v1/promises/${res.body.id}`);
    expect(part.body).toMatchObject({ status: 'open', paid: { amount: 1_000_00 } });

    expect((await pay(debtorId, [{ invoiceId: invoices[1] as string, amount: 500_00 }])).status).toBe(201);
    const run = await monitorArrangements(db.orm, { only: acme.tenantId });
    expect(run.kept).toBe(1);
    const kept = await acme.api('GET', `/api/v1/promises/${res.body.id}`);
    expect(kept.body).toMatchObject({ status: 'kept', paid: { amount: 1_500_00 } });
    expect((await pauses(res.body.id)).map((p) => p.lifted_because)).toEqual(['ended', 'ended']);
    expect(await events('promise.kept', 'promise', res.body.id)).toHaveLength(1);
    expect((await monitorArrangements(db.orm, { only: acme.tenantId })).kept).toBe(0);
  });

  it('is broken after the grace days when short: pauses lifted, a task for the collector, the event', async () => {
    const { debtorId, invoices } = await debtorWithInvoices();
    const promisedOn = addDays(today, 2);
    const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/promises`, {
      invoiceIds: [invoices[1]],
      amount: 300_00,
      promisedOn,
      graceDays: 1,
    });
    expect(res.body).toMatchObject({ invoiceIds: [invoices[1]], amount: { amount: 300_00 }, graceDays: 1 });
    await pay(debtorId, [{ invoiceId: invoices[1] as string, amount: 100_00 }]);
    // A fixed clock: the last day of grace is still on time, the day after breaks it.
    await monitorArrangements(db.orm, { asOf: addDays(promisedOn, 1), only: acme.tenantId });
    expect((await acme.api('GET', `/api/v1/promises/${res.body.id}`)).body.status).toBe('open');
    await monitorArrangements(db.orm, { asOf: addDays(promisedOn, 2), only: acme.tenantId });
    const broken = await acme.api('GET', `/api/v1/promises/${res.body.id}`);
    expect(broken.body).toMatchObject({ status: 'broken', paid: { amount: 100_00 } });
    expect((await pauses(res.body.id)).map((p) => p.lifted_because)).toEqual(['broken']);
    const tasks = await sql<Json>(`select kind, assignee from task where source_id = ?`, [res.body.id]);
    expect(tasks).toEqual([{ kind: 'promise_broken', assignee: 'usr_jan' }]);
    const [event] = await events('promise.broken', 'promise', res.body.id);
    expect(event?.payload.promise).toMatchObject({
      status: 'broken',
      amount: { amount: 300_00, currency: 'EUR' },
    });
  });

  it('refuses bad input naming the field, and a cancelled promise lifts its pauses', async () => {
    const { debtorId, invoices } = await debtorWithInvoices();
    const post = (payload: Json) => acme.api('POST', `/api/v1/debtors/${debtorId}/promises`, payload);
    expect((await post({ promisedOn: today })).body).toMatchObject({ statusCode: 400, field: 'promisedOn' });
    expect((await post({ promisedOn: addDays(today, 5), amount: 0 })).body.field).toBe('amount');
    expect((await post({ promisedOn: addDays(today, 5), currency: 'USD' })).body.field).toBe('currency');
    expect(
      (await post({ promisedOn: addDays(today, 5), invoiceIds: ['inv_00000000000000000000000000'] })).body
        .field,
    ).toBe('invoiceIds');
    const fresh = await acme.api('POST', '/api/v1/debtors', {
      administrationId: acme.administrationId,
      number: 'NOTHING',
      name: 'Pays on time',
      type: 'b2c',
    });
    const nothing = await acme.api('POST', `/api/v1/debtors/${fresh.body.id}/promises`, {
      promisedOn: addDays(today, 5),
    });
    expect(nothing).toMatchObject({ status: 422, body: { code: 'nothing_overdue' } });

    const made = await post({ invoiceIds: invoices, promisedOn: addDays(today, 5) });
    const cancelled = await acme.api('POST', `/api/v1/promises/${made.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await pauses(made.body.id)).map((p) => p.lifted_because)).toEqual(['cancelled', 'cancelled']);
    expect((await acme.api('POST', `/api/v1/promises/${made.body.id}/cancel`)).body.code).toBe(
      'arrangement_closed',
    );
    const list = await acme.api('GET', `/api/v1/promises?debtorId=${debtorId}&status=cancelled`);
    expect(list.body.data.map((p: Json) => p.id)).toEqual([made.body.id]);
  });

  it('hides another tenant’s promises', async () => {
    const theirs = await debtorWithInvoices(other.api, other.administrationId);
    const made = await other.api('POST', `/api/v1/debtors/${theirs.debtorId}/promises`, {
      promisedOn: addDays(today, 5),
    });
    expect(made.status).toBe(201);
    expect((await acme.api('GET', `/api/v1/promises/${made.body.id}`)).status).toBe(404);
    expect(
      (await acme.api('GET', '/api/v1/promises?limit=500')).body.data.map((p: Json) => p.id),
    ).not.toContain(made.body.id);
  });
});

describe('payment plans', () => {
  it('generates the schedule, checks the rules, pauses until the last instalment plus grace', async () => {
    const { debtorId, invoices } = await debtorWithInvoices();
    const firstDueOn = addDays(today, 7);
    const res = await acme.api(
      'POST',
      `/api/v1/debtors/${debtorId}/payment-plans`,
      { invoiceIds: invoices, instalments: 3, frequency: 'monthly', firstDueOn, interestRatePercent: 12 },
      { 'idempotency-key': 'plan-1' },
    );
    expect(res.status).toBe(201);
    // €1,500.00 over 3 months at 1% a month on what is outstanding: 15.00, 10.00, 5.00 interest.
    expect(
      res.body.instalments.map((i: Json) => [i.principal, i.interest, i.amount, i.paid, i.status]),
    ).toEqual([
      [500_00, 15_00, 515_00, 0, 'due'],
      [500_00, 10_00, 510_00, 0, 'due'],
      [500_00, 5_00, 505_00, 0, 'due'],
    ]);
    expect(res.body).toMatchObject({
      principal: { amount: 1_500_00 },
      interest: { amount: 30_00 },
      total: { amount: 1_530_00 },
      status: 'active',
      frequency: 'monthly',
      interestRatePercent: 12,
    });
    const last = res.body.instalments[2].dueOn;
    expect((await pauses(res.body.id)).map((p) => p.ends_on)).toEqual([addDays(last, 3), addDays(last, 3)]);
    expect(await events('plan.created', 'plan', res.body.id)).toHaveLength(1);

    const rules = await acme.api(
      'PUT',
      `/api/v1/administrations/${acme.administrationId}/arrangement-settings`,
      {
        planMaxInstalments: 2,
        planMinInstalment: 400_00,
      },
    );
    expect(rules.body).toMatchObject({
      planMaxInstalments: 2,
      planMinInstalment: 400_00,
      promiseGraceDays: 3,
    });
    const other = await debtorWithInvoices();
    const tooMany = await acme.api('POST', `/api/v1/debtors/${other.debtorId}/payment-plans`, {
      invoiceIds: other.invoices,
      instalments: 3,
      firstDueOn,
    });
    expect(tooMany).toMatchObject({
      status: 422,
      body: { code: 'plan_rule_violated', details: { rule: 'maxInstalments' } },
    });
    const tooSmall = await acme.api('POST', `/api/v1/debtors/${other.debtorId}/payment-plans`, {
      invoiceIds: other.invoices,
      schedule: [
        { dueOn: firstDueOn, amount: 1_200_00 },
        { dueOn: addDays(firstDueOn, 30), amount: 300_00 },
      ],
    });
    expect(tooSmall.body).toMatchObject({
      code: 'plan_rule_violated',
      details: { rule: 'minInstalment', actual: 300_00 },
    });
    await acme.api('PUT', `/api/v1/administrations/${acme.administrationId}/arrangement-settings`, {
      planMaxInstalments: 24,
      planMinInstalment: 25_00,
    });
  });

  it('refuses bad input naming the field', async () => {
    const { debtorId, invoices } = await debtorWithInvoices();
    const post = (payload: Json) => acme.api('POST', `/api/v1/debtors/${debtorId}/payment-plans`, payload);
    const firstDueOn = addDays(today, 7);
    expect((await post({ invoiceIds: invoices, instalments: 2 })).body.field).toBe('firstDueOn');
    expect((await post({ invoiceIds: invoices, firstDueOn })).body.statusCode).toBe(400);
    expect(
      (await post({ invoiceIds: invoices, instalments: 2, firstDueOn: addDays(today, -1) })).body.field,
    ).toBe('firstDueOn');
    const wrongSum = await post({ invoiceIds: invoices, schedule: [{ dueOn: firstDueOn, amount: 1 }] });
    expect(wrongSum.body.field).toBe('schedule');
    const backwards = await post({
      invoiceIds: invoices,
      schedule: [
        { dueOn: addDays(firstDueOn, 30), amount: 750_00 },
        { dueOn: firstDueOn, amount: 750_00 },
      ],
    });
    expect(backwards.body.field).toBe('schedule[1].dueOn');
    const interestOnHand = await post({
      invoiceIds: invoices,
      schedule: [{ dueOn: firstDueOn, amount: 1_500_00 }],
      interestRatePercent: 5,
    });
    expect(interestOnHand.body.statusCode).toBe(400);
  });

  it('defaults when an instalment is not covered by its date plus grace', async () => {
    const { debtorId, invoices } = await debtorWithInvoices();
    const firstDueOn = addDays(today, 1);
    const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/payment-plans`, {
      invoiceIds: invoices,
      instalments: 2,
      frequency: 'weekly',
      firstDueOn,
      graceDays: 2,
    });
    expect(res.body.instalments.map((i: Json) => i.amount)).toEqual([750_00, 750_00]);
    await pay(debtorId, [{ invoiceId: invoices[0] as string, amount: 700_00 }]);
    await monitorArrangements(db.orm, { asOf: addDays(firstDueOn, 2), only: acme.tenantId });
    const onTime = await acme.api('GET', `/api/v1/payment-plans/${res.body.id}`);
    expect(onTime.body).toMatchObject({ status: 'active', paid: { amount: 700_00 } });
    expect(onTime.body.instalments.map((i: Json) => [i.paid, i.status])).toEqual([
      [700_00, 'partly_paid'],
      [0, 'due'],
    ]);
    const run = await monitorArrangements(db.orm, { asOf: addDays(firstDueOn, 3), only: acme.tenantId });
    expect(run.defaulted).toBe(1);
    const defaulted = await acme.api('GET', `/api/v1/payment-plans/${res.body.id}`);
    expect(defaulted.body.status).toBe('defaulted');
    expect(defaulted.body.instalments[0].status).toBe('missed');
    expect((await pauses(res.body.id)).map((p) => p.lifted_because)).toEqual(['broken', 'broken']);
    const tasks = await sql<Json>(`select kind, assignee from task where source_id = ?`, [res.body.id]);
    expect(tasks).toEqual([{ kind: 'plan_defaulted', assignee: 'usr_jan' }]);
    const [event] = await events('plan.defaulted', 'plan', res.body.id);
    expect(event?.payload.plan.instalments[0]).toEqual({
      dueOn: firstDueOn,
      amount: { amount: 750_00, currency: 'EUR' },
      paid: { amount: 700_00, currency: 'EUR' },
    });
  });

  it('completes when everything is paid, and a plan can be cancelled', async () => {
    const { debtorId, invoices } = await debtorWithInvoices();
    const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/payment-plans`, {
      invoiceIds: invoices,
      schedule: [
        { dueOn: addDays(today, 5), amount: 1_000_00 },
        { dueOn: addDays(today, 35), amount: 500_00 },
      ],
    });
    expect(res.body).toMatchObject({ frequency: null, interest: { amount: 0 }, total: { amount: 1_500_00 } });
    await pay(debtorId, [
      { invoiceId: invoices[0] as string, amount: 1_000_00 },
      { invoiceId: invoices[1] as string, amount: 500_00 },
    ]);
    expect((await monitorArrangements(db.orm, { only: acme.tenantId })).completed).toBe(1);
    const completed = await acme.api('GET', `/api/v1/payment-plans/${res.body.id}`);
    expect(completed.body.status).toBe('completed');
    expect(completed.body.instalments.map((i: Json) => i.status)).toEqual(['paid', 'paid']);
    expect((await pauses(res.body.id)).map((p) => p.lifted_because)).toEqual(['ended', 'ended']);
    expect(await events('plan.completed', 'plan', res.body.id)).toHaveLength(1);

    const second = await debtorWithInvoices();
    const plan = await acme.api('POST', `/api/v1/debtors/${second.debtorId}/payment-plans`, {
      invoiceIds: second.invoices,
      instalments: 2,
      firstDueOn: addDays(today, 3),
    });
    expect((await acme.api('POST', `/api/v1/payment-plans/${plan.body.id}/cancel`)).body.status).toBe(
      'cancelled',
    );
    expect((await pauses(plan.body.id)).map((p) => p.lifted_because)).toEqual(['cancelled', 'cancelled']);
    const list = await acme.api('GET', `/api/v1/payment-plans?debtorId=${second.debtorId}`);
    expect(list.body.data.map((p: Json) => p.status)).toEqual(['cancelled']);
    expect((await other.api('GET', `/api/v1/payment-plans/${plan.body.id}`)).status).toBe(404);
  });
});

describe('monitoring', () => {
  it('keeps a promise soon after the payment commits, without waiting for the hourly check', async () => {
    const worker = await startJobWorker({
      connectionString: db.url,
      logger: pino({ level: 'silent' }),
      pollInterval: 100,
      jobs: [arrangementJobs({ orm: db.orm })],
    });
    try {
      const { debtorId, invoices } = await debtorWithInvoices();
      const res = await acme.api(
        'POST',
        `/api/v1/debtors/${debtorId}/promises`,
        { promisedOn: addDays(today, 10) },
        { 'idempotency-key': 'promise-woken' },
      );
      expect(res.status).toBe(201);
      const paid = await pay(debtorId, [
        { invoiceId: invoices[0] as string, amount: 1_000_00 },
        { invoiceId: invoices[1] as string, amount: 500_00 },
      ]);
      expect(paid.status).toBe(201);
      const kept = await until(
        async () => (await acme.api('GET', `/api/v1/promises/${res.body.id}`)).body,
        (body) => body.status === 'kept',
        20_000,
      );
      expect(kept).toMatchObject({ status: 'kept', paid: { amount: 1_500_00 } });
      expect(await pauses(res.body.id)).toEqual(
        expect.arrayContaining([expect.objectContaining({ lifted_because: 'ended' })]),
      );
    } finally {
      await worker.stop();
    }
  });
});

describe('timeline', () => {
  it('shows promises and plans with their outcome, newest first', async () => {
    const { debtorId, invoices } = await debtorWithInvoices();
    const promise = await acme.api('POST', `/api/v1/debtors/${debtorId}/promises`, {
      invoiceIds: [invoices[0]],
      promisedOn: addDays(today, 4),
    });
    await acme.api('POST', `/api/v1/promises/${promise.body.id}/cancel`);
    const plan = await acme.api('POST', `/api/v1/debtors/${debtorId}/payment-plans`, {
      invoiceIds: [invoices[1]],
      instalments: 2,
      firstDueOn: addDays(today, 10),
    });
    const read = <T>(source: typeof promiseTimeline) =>
      readAsTenant(db.orm, acme.tenantId, (em) => source(em, { debtorId, limit: 10 })) as Promise<T>;
    const promises = await read<Json[]>(promiseTimeline);
    expect(promises.map((e) => [e.id, e.type])).toEqual([
      [`${promise.body.id}:cancelled`, 'promise.cancelled'],
      [promise.body.id, 'promise'],
    ]);
    expect(promises[1]?.summary).toBe(
      `Promised to pay 100000 EUR (minor units) by ${addDays(today, 4)} for 1 invoice(s)`,
    );
    const plans = await read<Json[]>(planTimeline);
    expect(plans).toEqual([
      expect.objectContaining({
        id: plan.body.id,
        type: 'plan',
        invoiceIds: [invoices[1]],
        detail: expect.objectContaining({ until: plan.body.instalments[1].dueOn, status: 'active' }),
      }),
    ]);
  });
});
