import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { createMailer } from '../mail/mailer.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { defaultTemplate, type Tone } from './default-templates.ts';
import { deliverAction } from './deliver-action.ts';
import { startTestSmtp } from './deliver-test-fixtures.ts';
import { dunningApiRoutes } from './dunning-module.ts';
import { actionLetterPdf } from './letter-files.ts';
import { todayIn } from './state-party.ts';
import { createDebtor, createInvoice, createStrategy } from './test-dunning-ledger.ts';

// Late-payment charges in real runs on PostgreSQL: a consumer strategy whose 14-day letter makes the
// WIK costs chargeable, with statutory interest; a business strategy with the EU €40 per invoice and
// commercial interest; a half-year without a rate. Every amount below is computed by hand from the
// shipped rates (docs/dunning.md, "The rate table"), and the e-mails are read back from a real SMTP server.
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
// Intl writes a no-break space in some languages' amounts.
const mailText = (address: string) =>
  smtp.received
    .filter((m) => m.to && 'text' in m.to && m.to.text.includes(address))
    .map((m) => (m.text ?? '').replace(/\u00a0/g, ' '));

/** A message step with the shipped English text of its tone as its own template (a manager's starting point). */
const messageStep = (action: 'email' | 'letter', name: string, tone: Tone, more: object) => ({
  name,
  action,
  templates: { en: defaultTemplate(action, 'en', tone) },
  ...more,
});
/** A letter action's PDF, drawn as the API serves it, as text. */
const letterText = async (tenantId: string, actionId: string) => {
  const pdf = new Uint8Array(await actionLetterPdf(db.orm, tenantId, actionId));
  const { text } = await extractText(await getDocumentProxy(pdf), { mergePages: true });
  return text.replace(/[\u00a0\s]+/g, ' ');
};
const address = {
  type: 'postal',
  line1: 'Dorpsstraat 12',
  postalCode: '3511 AB',
  city: 'Utrecht',
  country: 'NL',
};

type Api = Awaited<ReturnType<typeof newTenant>>['api'];
const runAs = async (api: Api, administrationId: string, asOf: string) => {
  const res = await api('POST', '/api/v1/dunning/runs', { administrationId, asOf });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.run as Json;
};
const actionsOf = async (api: Api, debtorId: string) => {
  const res = await api('GET', `/api/v1/dunning/actions?debtorId=${debtorId}&limit=100`);
  expect(res.status).toBe(200);
  return (res.body.data as Json[]).sort((a, b) => a.stepIndex - b.stepIndex);
};

/** A tenant whose default strategy is `steps` under the charges `policy`. */
async function tenantCharging(name: string, charges: object, steps: object[]) {
  const tenant = await newTenant(name);
  const definition = { defaultLanguage: 'en', charges, steps };
  const strategyId = await createStrategy(tenant.api, tenant.administrationId, name, definition);
  const settings = await tenant.api('PUT', `/api/v1/dunning/settings/${tenant.administrationId}`, {
    defaultStrategyId: strategyId,
  });
  expect(settings.status).toBe(200);
  return tenant;
}

describe('charges in the runs, for consumers (WIK after the 14-day letter, statutory interest)', async () => {
  const { api, tenantId, administrationId } = await tenantCharging(
    'Consumer charges BV',
    { interest: 'statutory', compensation: 'wik' },
    [
      messageStep('email', 'Reminder', 'friendly', { offsetDays: 7, from: 'due_date' }),
      messageStep('letter', 'Final notice', 'fourteen_day', {
        offsetDays: 14,
        from: 'previous_step',
        fourteenDayNotice: true,
        payWithinDays: 14,
      }),
      messageStep('email', 'Reminder with costs', 'firm', {
        offsetDays: 16,
        from: 'previous_step',
        claimCharges: true,
      }),
    ],
  );
  // The worked example of docs/dunning.md: A €1,500 due 31 March 2024 less credit note C €200, B €2,000
  // due 30 September 2024, D €500 due 15 January 2025.
  const anna = await createDebtor(api, administrationId, 'ANNA', {
    type: 'b2c',
    email: 'anna@consumer.example',
    language: 'en',
  });
  await createInvoice(api, administrationId, anna, 'A', '2024-03-31', 1500_00);
  await createInvoice(api, administrationId, anna, 'C', '2024-03-31', -200_00, 'credit_note');
  await createInvoice(api, administrationId, anna, 'B', '2024-09-30', 2000_00);
  await createInvoice(api, administrationId, anna, 'D', '2025-01-15', 500_00);
  // Emma's 14-day letter waits in the queue until 20 December: its costs wait for the term from then.
  const emma = await createDebtor(api, administrationId, 'EMMA', {
    type: 'b2c',
    email: 'emma@consumer.example',
    language: 'en',
    addresses: [address],
  });
  await createInvoice(api, administrationId, emma, 'E', '2024-03-31', 1000_00);

  it('takes the first reminder and the 14-day letter without charges', async () => {
    expect((await runAs(api, administrationId, '2024-04-08')).summary.actionsCreated).toEqual({ email: 2 });
    expect((await runAs(api, administrationId, '2024-10-01')).summary.actionsCreated).toEqual({ letter: 2 });
    const [first, notice] = await actionsOf(api, anna);
    expect(first).toMatchObject({ stepName: 'Reminder', charges: null, totalOpen: { amount: 1300_00 } });
    expect(notice).toMatchObject({ stepName: 'Final notice', charges: null, totalOpen: { amount: 3300_00 } });
  });

  it('states the concrete WIK amount in the 14-day letter to a consumer', async () => {
    const [, notice] = await actionsOf(api, emma);
    expect(await deliver(tenantId, notice?.id)).toEqual({ status: 'sent' });
    const text = await letterText(tenantId, notice?.id);
    // 15 % of €1,000.00.
    expect(text).toContain('within fourteen days, counted from the day after you receive this letter');
    expect(text).toContain('These costs amount to €150.00, calculated under the Dutch Extrajudicial');
    // Sent on Friday 20 December 2024 (09:00 in Amsterdam).
    await withTenantClient(db.orm, tenantId, (client) =>
      client.query(`update dunning_action set sent_at = '2024-12-20T08:00:00Z' where id = $1`, [notice?.id]),
    );
  });

  it('claims interest and the WIK costs 15+ days after the letter, computed as by hand', async () => {
    const run = await runAs(api, administrationId, '2024-12-31');
    expect(run.summary.actionsCreated).toEqual({ email: 2 });
    expect(run.summary.chargesSkipped).toBeUndefined();
    const claim = (await actionsOf(api, anna))[2] as Json;
    // A: €1,500.00 less C = €1,300.00: 1,300.00 × 7 % × 91 / 365 = 22.69 (1 April – 30 June) and
    //    1,300.00 × 7 % × 184 / 365 = 45.87 (1 July – 31 December): 68.56.
    // B: 2,000.00 × 7 % × 92 / 365 = 35.29 (1 October – 31 December). D is not overdue.
    // The letter was decided on Tuesday 1 October (still pending: that day counts): received Wednesday
    // 2 October, fourteen days to 16 October, costs from 17 October. WIK on €3,300.00 (A and B were
    // overdue on 1 October): 15 % of 2,500.00 + 10 % of 800.00 = 455.00.
    expect(claim.charges).toMatchObject({
      interest: 68_56 + 35_29,
      compensation: 455_00,
      total: 103_85 + 455_00,
      asOf: '2024-12-31',
      interestKind: 'statutory',
      compensationKind: 'wik',
      principal: 3300_00,
      chargeableFrom: '2024-10-17',
      notice: { on: '2024-10-01', basis: 'decided' },
      invoices: [
        { number: 'A', principal: 1300_00, interest: 68_56, compensation: 0 },
        { number: 'B', principal: 2000_00, interest: 35_29, compensation: 0 },
      ],
    });
    expect(claim.totalOpen).toEqual({ amount: 3300_00 + 558_85, currency: 'EUR' });
    expect(claim.invoices.map((i: Json) => i.number)).toEqual(['A', 'B']);
    expect(claim.charges.explanation).toEqual([
      'Invoice A, due 31 March 2024: €1,500.00 overdue.',
      'Credit notes deducted: €200.00; charged on €1,300.00.',
      'Statutory interest (art. 6:119 Dutch Civil Code): €68.56',
      '1 April 2024 – 30 June 2024: 91 days × 7.00% a year × €1,300.00 / 365 = €22.69',
      '1 July 2024 – 31 December 2024: 184 days × 7.00% a year × €1,300.00 / 365 = €45.87',
      'Invoice B, due 30 September 2024: €2,000.00 overdue.',
      'Statutory interest (art. 6:119 Dutch Civil Code): €35.29',
      '1 October 2024 – 31 December 2024: 92 days × 7.00% a year × €2,000.00 / 365 = €35.29',
      'Collection costs on the principal of €3,300.00 (Dutch WIK scale): €455.00',
      '15.00% of €2,500.00 = €375.00',
      '10.00% of €800.00 = €80.00',
      'Total: €3,300.00 principal + €103.85 interest + €455.00 costs = €3,858.85',
    ]);
  });

  it('counts a sent letter from the day it went: Emma owes interest, and costs only from 7 January', async () => {
    const claim = (await actionsOf(api, emma))[2] as Json;
    // 1,000.00 × 7 % × 91 / 365 = 17.45 and 1,000.00 × 7 % × 184 / 365 = 35.29. Sent Friday 20 December,
    // received Monday 23, fourteen days to Monday 6 January, costs from Tuesday 7 January 2025.
    expect(claim.charges).toMatchObject({
      interest: 17_45 + 35_29,
      compensation: 0,
      total: 52_74,
      withheld: 'notice_term_running',
      chargeableFrom: '2025-01-07',
      notice: { on: '2024-12-20', basis: 'sent' },
    });
    expect(claim.totalOpen.amount).toBe(1000_00 + 52_74);
  });

  it('e-mails the claim with the charges and the lines explaining them', async () => {
    const claim = (await actionsOf(api, anna))[2] as Json;
    expect(await deliver(tenantId, claim.id)).toEqual({ status: 'sent' });
    const [text] = mailText('anna@consumer.example');
    expect(text).toContain('We urgently ask you to pay €3,858.85');
    expect(text).toContain('Interest and costs  €558.85');
    expect(text).toContain('  Collection costs on the principal of €3,300.00 (Dutch WIK scale): €455.00');
    expect(text).toContain(
      '  1 July 2024 – 31 December 2024: 184 days × 7.00% a year × €1,300.00 / 365 = €45.87',
    );
    expect(text).toContain('Amount to pay: €3,858.85');
  });
});

describe('charges in the runs, for businesses (EU €40 per invoice, commercial interest)', async () => {
  const { api, tenantId, administrationId } = await tenantCharging(
    'Business charges BV',
    { interest: 'statutory_commercial', compensation: 'eu_fixed' },
    [
      messageStep('email', 'Reminder', 'friendly', { offsetDays: 7, from: 'due_date' }),
      messageStep('letter', 'Reminder with charges', 'firm', {
        offsetDays: 30,
        from: 'due_date',
        claimCharges: true,
        conditions: { debtorTypes: ['b2b'] },
      }),
    ],
  );
  const bakery = await createDebtor(api, administrationId, 'BAKERY', { type: 'b2b', addresses: [address] });
  await createInvoice(api, administrationId, bakery, '2024-017', '2024-05-31', 10_000_00);
  await createInvoice(api, administrationId, bakery, '2024-023', '2024-06-30', 500_00);
  // Its claim falls in a half-year Kredo ships no commercial rate for (from 1 July 2026).
  const later = await createDebtor(api, administrationId, 'LATER', { type: 'b2b' });
  await createInvoice(api, administrationId, later, '2026-101', '2026-06-01', 1000_00);

  it('claims €40 per invoice and compounding commercial interest, computed as by hand', async () => {
    await runAs(api, administrationId, '2024-07-05');
    const run = await runAs(api, administrationId, '2025-08-15');
    expect(run.summary.actionsCreated).toEqual({ letter: 1 });
    const claim = (await actionsOf(api, bakery))[1] as Json;
    // 2024-017: the worked example of docs/dunning.md, €1,427.04.
    // 2024-023: 500.00 × 12.25 % × 184 / 365 = 30.88 (1 July – 31 December 2024), 500.00 × 11.15 % × 181
    //   / 365 = 27.65 (to 30 June 2025); the year's 58.53 added: 558.53 × 10.15 % × 46 / 365 = 7.14. 65.67.
    expect(claim.charges).toMatchObject({
      interest: 1427_04 + 65_67,
      compensation: 2 * 40_00,
      total: 1492_71 + 80_00,
      interestKind: 'statutory_commercial',
      compensationKind: 'eu_fixed',
      notice: null,
      invoices: [
        { number: '2024-017', principal: 10_000_00, interest: 1427_04, compensation: 40_00 },
        { number: '2024-023', principal: 500_00, interest: 65_67, compensation: 40_00 },
      ],
    });
    expect(claim.totalOpen.amount).toBe(10_500_00 + 1572_71);
    expect(claim.charges.explanation).toContain(
      'Fixed compensation for recovery costs (Directive 2011/7/EU): 2 × €40.00 = €80.00',
    );
    // The letter prints them under the invoices, with the lines, and asks the total.
    const letter = await letterText(tenantId, claim.id);
    for (const part of [
      'Late-payment charges €1,572.71',
      '1 July 2025 – 15 August 2025: 46 days × 10.15% a year × €11,181.54 / 365 = €143.03',
      'Fixed compensation for recovery costs (Directive 2011/7/EU): 2 × €40.00 = €80.00',
      'Amount to pay €12,072.71',
    ]) {
      expect(letter).toContain(part);
    }
  });

  it('creates the action without charges when a half-year has no rate, and counts it', async () => {
    await runAs(api, administrationId, '2026-06-10');
    const run = await runAs(api, administrationId, '2026-08-01');
    expect(run.status).toBe('succeeded');
    expect(run.summary.actionsCreated).toEqual({ letter: 1 });
    expect(run.summary.chargesSkipped).toEqual({ rate_missing: 1 });
    const claim = (await actionsOf(api, later))[1] as Json;
    expect(claim).toMatchObject({ stepName: 'Reminder with charges', charges: null });
    expect(claim.totalOpen.amount).toBe(1000_00);
  });

  it('charges a reminder recorded by hand for a step that claims them, as a run would today', async () => {
    // Kredo ships no commercial rate from 1 July 2026: the tenant enters one for each half-year to today.
    const today = await todayIn(tenantEm(db.orm, tenantId), administrationId);
    const nextHalfYear = (from: string) =>
      from.endsWith('-07-01') ? `${Number(from.slice(0, 4)) + 1}-01-01` : `${from.slice(0, 4)}-07-01`;
    for (let validFrom = '2026-07-01'; validFrom <= today; validFrom = nextHalfYear(validFrom)) {
      const put = await api('PUT', `/api/v1/late-charges/rates/statutory_commercial/${validFrom}`, {
        ratePercent: 10.15,
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    const byHand = await createDebtor(api, administrationId, 'BYHAND', { type: 'b2b' });
    await createInvoice(api, administrationId, byHand, '2026-201', '2026-06-01', 1000_00);
    const res = await api('POST', `/api/v1/debtors/${byHand}/dunning/actions`, {
      step: 2,
      alreadySent: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { charges, totalOpen } = res.body;
    expect(charges).toMatchObject({
      compensation: 40_00,
      asOf: today,
      interestKind: 'statutory_commercial',
      invoices: [{ number: '2026-201', principal: 1000_00, compensation: 40_00 }],
    });
    expect(charges.total).toBe(charges.interest + 40_00);
    expect(totalOpen.amount).toBe(1000_00 + charges.total);
    // Recorded as sent by hand: the debtor was told, so the charges are owed (late-charges' ledger).
    const owed = await api('GET', `/api/v1/debtors/${byHand}/charges`);
    expect(owed.body.data.map((c: Json) => [c.part, c.claimed, c.open])).toEqual([
      ['costs', 40_00, 40_00],
      ['interest', charges.interest, charges.interest],
    ]);
    // The shipped rate up to 30 June: 1,000.00 × 10.15 % × 29 / 365 = 8.06.
    expect(charges.explanation).toContain(
      '2 June 2026 – 30 June 2026: 29 days × 10.15% a year × €1,000.00 / 365 = €8.06',
    );
  });
});
