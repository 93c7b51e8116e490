import { describe, expect, it } from 'vitest';
import { createTestApi } from '../../app/test-api.ts';
import { readAsTenant, tenantEm, withTenantClient } from '../../db/tenant-scope.ts';
import { insertAction, insertStrategy } from '../../dunning/deliver-test-fixtures.ts';
import { claimCharges } from '../../late-charges/index.ts';
import { matchEntry } from './match-entry.ts';
import { matchEntries } from './match-imported.ts';
import { insertStatement, type TestEntry } from './test-entries.ts';
import { matchingLedger } from './test-matching-ledger.ts';

const testApi = await createTestApi();
const { db } = testApi;

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/**
 * One tenant's ledger for the bulk-matching tests: `matchingLedger`'s debtors with the invoices each
 * test gives (`[number, debtor, amount, payment reference, due date]`), optionally a late-payment
 * interest charge claimed on some of them, as a sent reminder claims it.
 */
async function bulkLedger(
  testApi: TestApi,
  invoices: readonly (readonly [
    string,
    'd1' | 'd2',
    number,
    string | null,
    string?,
    { openAmount: number }?,
  ])[],
  charged: readonly string[] = [],
) {
  const ledger = await matchingLedger(testApi);
  const ids = new Map<string, string>();
  for (const [number, debtor, amount, reference, dueDate, extra] of invoices) {
    const id = await ledger.invoice(ledger[debtor], number, amount, {
      ...(reference ? { paymentReference: reference } : {}),
      ...(dueDate ? { dueDate } : {}),
      ...extra,
    });
    ids.set(number, id);
  }
  for (const number of charged) await claimInterest(testApi, ledger, ids.get(number) as string, number);
  return { ...ledger, ids };
}

async function claimInterest(
  { db }: TestApi,
  ledger: Awaited<ReturnType<typeof matchingLedger>>,
  invoiceId: string,
  number: string,
) {
  const { tenantId, administrationId, d1 } = ledger;
  const strategyId = await insertStrategy(db.orm, tenantId, administrationId, []);
  const [invoice] = await readAsTenant(db.orm, tenantId, (em) =>
    em.execute<{ debtor_id: string; amount: string; open_amount: string; due_date: string }[]>(
      'select debtor_id, amount, open_amount, due_date::text as due_date from invoice where id = ?',
      [invoiceId],
    ),
  );
  const debtorId = invoice?.debtor_id ?? d1;
  const actionId = await insertAction(db.orm, {
    tenantId,
    administrationId,
    debtorId,
    strategyId,
    kind: 'email',
    status: 'sent',
    invoices: [
      {
        invoiceId,
        number,
        issueDate: '2026-01-05',
        dueDate: invoice?.due_date ?? '2026-02-04',
        daysOverdue: 30,
        amount: Number(invoice?.amount),
        openAmount: Number(invoice?.open_amount),
        currency: 'EUR',
      },
    ],
  });
  await withTenantClient(db.orm, tenantId, (client) =>
    claimCharges(client, {
      administrationId,
      debtorId,
      episode: 1,
      actionId,
      currency: 'EUR',
      charges: {
        compensationKind: 'none',
        compensation: 0,
        invoices: [{ invoiceId, interest: 300, compensation: 0 }],
      },
    }),
  );
}

/**
 * What matching left in a tenant, with every generated id replaced by what it stands for (an entry by
 * its position, an invoice by its number, a debtor by its number), so two tenants matched two ways
 * compare equal when they ended the same.
 */
async function matchingState(testApi: TestApi, tenantId: string, entryIds: readonly string[]) {
  const position = new Map(entryIds.map((id, i) => [id, `entry ${i}`]));
  return readAsTenant(testApi.db.orm, tenantId, async (em) => {
    const names = new Map<string, string>();
    for (const row of await em.execute<{ id: string; number: string }[]>('select id, number from invoice'))
      names.set(row.id, row.number);
    for (const row of await em.execute<{ id: string; number: string }[]>('select id, number from debtor'))
      names.set(row.id, row.number);
    const payments = await em.execute<{ id: string; external_id: string | null }[]>(
      'select id, external_id from payment',
    );
    for (const p of payments)
      names.set(p.id, `payment of ${position.get(p.external_id?.slice(5) ?? '') ?? p.id}`);
    for (const id of entryIds) names.set(id, position.get(id) as string);
    const name = (value: unknown): unknown => {
      if (typeof value === 'string' && value.startsWith('bank:')) return `bank:${names.get(value.slice(5))}`;
      if (typeof value === 'string') return names.get(value) ?? value;
      if (Array.isArray(value)) return value.map(name);
      if (value && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => k !== 'administrationId')
            .map(([k, v]) => [k, name(v)]),
        );
      return value;
    };
    const rows = async (sql: string) => name(await em.execute(sql)) as unknown[];
    const sorted = (list: unknown[]) => list.map((x) => JSON.stringify(x)).sort();
    return {
      entries: await rows(
        'select id, match_status, match_reason, match_proposal from bank_statement_entry order by position',
      ),
      matches: sorted(
        await rows(
          'select entry_id, payment_id, debtor_id, rule, confidence, reason, created_payment, undone_at from statement_match',
        ),
      ),
      payments: sorted(
        await rows(
          `select id, debtor_id, external_id, amount, currency, value_date::text, method, reference, payer_name, payer_iban,
             reversed_at from payment`,
        ),
      ),
      allocations: sorted(await rows('select payment_id, invoice_id, amount from allocation')),
      invoices: sorted(
        await rows('select number, amount, open_amount, source_open_amount, status from invoice'),
      ),
      events: sorted(await rows("select name, payload from outbox_event where name = 'payment.received'")),
      chargeAllocations: sorted(
        await rows(
          'select ca.payment_id, cc.invoice_id, cc.part, ca.amount from charge_allocation ca join claimed_charge cc on cc.id = ca.claimed_charge_id',
        ),
      ),
    };
  });
}

const RF = 'RF18539007547034';

/** Invoices of the mixed ledger: `[number, debtor, amount, payment reference, due date, extra]`. */
const MIXED_INVOICES = [
  ['F-1', 'd1', 10_000, RF, '2026-02-01'],
  ['F-3', 'd2', 7_000, 'ORDER-2', '2026-02-01'],
  ['F-4', 'd2', 2_000, 'ORDER-3', '2026-02-01'],
  ['F-5', 'd1', 4_000, 'ORDER-4', '2026-02-01'],
  ['F-6', 'd2', 6_000, 'ORDER-5', '2026-02-01', { openAmount: 0 }],
  ['F-7', 'd1', 3_000, null, '2026-02-01'],
  ['G-2', 'd1', 1_000, 'ORDER-6', '2026-01-20'],
  ['G-1', 'd1', 1_000, 'ORDER-6', '2026-01-10'],
] as const;

/** Credits in statement order: sure references among credits the bulk path must leave alone. */
const MIXED_ENTRIES: TestEntry[] = [
  {
    amount: 6_000,
    creditorReference: RF,
    counterpartyName: 'Debtor One',
    counterpartyIban: 'NL91ABNA0417164300',
  }, // 0: part of F-1
  { amount: 3_000, creditorReference: 'ORDER-2' }, // 1: part of F-3
  { amount: 3_000, remittanceText: 'Factuur F-7' }, // 2: invoice number: the long way
  { amount: 4_000, creditorReference: 'ORDER-2' }, // 3: the rest of F-3 and 1,000 credit
  { amount: 2_500, creditorReference: 'ORDER-3' }, // 4: F-4 and 500 credit
  { amount: 4_000, creditorReference: 'ORDER-4' }, // 5: F-5 has interest claimed: charges first, the long way
  { amount: 6_000, creditorReference: 'ORDER-5' }, // 6: F-6 is paid: queued
  { amount: 1_500, creditorReference: 'ORDER-6' }, // 7: G-1, then part of G-2 (oldest due first)
  { amount: 9_999, creditorReference: 'NOTHING-KNOWN' }, // 8: names nothing: sifted out
  { amount: 1_000, creditorReference: 'order-6' }, // 9: the rest of G-2, in the same run as 7
  { amount: 4_000, remittanceText: `paid ${RF}` }, // 10: the rest of F-1, its RF in the text
  { amount: 500, creditDebit: 'debit' }, // 11: a debit: queued
];

/** The one-by-one path: every entry through `matchEntry` in a transaction of its own, as before the bulk path. */
async function matchOneByOne(tenantId: string, entryIds: readonly string[]) {
  for (const entryId of entryIds) {
    await tenantEm(db.orm, tenantId).transactional((em) => matchEntry(em, tenantId, entryId));
  }
}

async function mixedTenant() {
  const ledger = await bulkLedger(testApi, MIXED_INVOICES, ['F-5']);
  const entryIds = await insertStatement(db.orm, ledger.tenantId, ledger.administrationId, MIXED_ENTRIES);
  return { ...ledger, entryIds };
}

describe('booking sure matches in bulk', () => {
  it('ends exactly as the one-by-one path: payments, allocations, invoices, events, matches, entries', async () => {
    const bulk = await mixedTenant();
    const slow = await mixedTenant();
    const progress: [number, number][] = [];
    const summary = await matchEntries(db.orm, bulk.tenantId, bulk.entryIds, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    await matchOneByOne(slow.tenantId, slow.entryIds);

    // 0, 1, 3, 4, 7, 9 and 10 in bulk (three runs); 2 and 5 the long way; 6, 8 and 11 queued.
    expect(summary).toMatchObject({
      outcomes: { matched: 9, queued: 3, returned: 0, skipped: 0 },
      failures: [],
    });
    expect(summary.bookedInBulk).toBe(7);
    expect(progress.at(-1)).toEqual([12, 12]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));

    const bulkState = await matchingState(testApi, bulk.tenantId, bulk.entryIds);
    expect(bulkState).toEqual(await matchingState(testApi, slow.tenantId, slow.entryIds));
    // And what both ended with is right, not only the same.
    const invoice = (number: string) => bulk.get(bulk.ids.get(number) as string);
    expect(await invoice('F-1')).toMatchObject({ status: 'paid', openAmount: 0 });
    expect(await invoice('F-3')).toMatchObject({ status: 'paid', openAmount: 0 });
    expect(await invoice('G-1')).toMatchObject({ status: 'paid' });
    expect(await invoice('G-2')).toMatchObject({ status: 'paid' });
    expect(await invoice('F-6')).toMatchObject({ status: 'paid' });
    // F-5's claimed interest (300) took part of the 4,000 first: 300 of its principal stays open.
    expect(await invoice('F-5')).toMatchObject({ status: 'open', openAmount: 300 });
    expect(bulkState.chargeAllocations).toEqual([
      JSON.stringify({
        payment_id: 'payment of entry 5',
        invoice_id: 'F-5',
        part: 'interest',
        amount: '300',
      }),
    ]);
    expect(bulkState.events).toHaveLength(9);
    expect(await bulk.entry(bulk.entryIds[0] as string)).toMatchObject({
      match_status: 'matched',
      matches: [{ rule: 'structured_reference', confidence: 100 }],
    });
    const [first] = (await bulk.payments(bulk.d1)).filter((p) => p.externalId === `bank:${bulk.entryIds[0]}`);
    expect(first).toMatchObject({
      amount: 6_000,
      method: 'bank_transfer',
      reference: RF,
      payerName: 'Debtor One',
      payerIban: 'NL91ABNA0417164300',
      allocations: [{ invoiceId: bulk.ids.get('F-1'), amount: 6_000 }],
    });
  });

  it('a partial payment in bulk leaves the rest open; a second import of nothing new books nothing', async () => {
    const ledger = await bulkLedger(testApi, [['P-1', 'd1', 10_000, 'PART-1']]);
    const { entryIds, summary } = await ledger.importEntries([
      { amount: 2_500, creditorReference: 'PART-1' },
    ]);
    expect(summary).toMatchObject({ outcomes: { matched: 1 }, bookedInBulk: 1 });
    expect(await ledger.get(ledger.ids.get('P-1') as string)).toMatchObject({
      status: 'open',
      openAmount: 7_500,
    });
    const again = await matchEntries(db.orm, ledger.tenantId, entryIds);
    expect(again).toMatchObject({ outcomes: { matched: 0, skipped: 1 }, bookedInBulk: 0 });
    expect(await ledger.payments(ledger.d1)).toHaveLength(1);
  });

  it('a bulk transaction that fails leaves nothing written, and its entries are matched the long way', async () => {
    const ledger = await bulkLedger(testApi, [
      ['X-1', 'd1', 1_000, 'X-1'],
      ['X-2', 'd1', 2_000, 'X-2'],
      ['X-3', 'd2', 3_000, 'X-3'],
    ]);
    const entryIds = await insertStatement(db.orm, ledger.tenantId, ledger.administrationId, [
      { amount: 1_000, creditorReference: 'X-1' },
      { amount: 2_000, creditorReference: 'X-2' },
      { amount: 3_000, creditorReference: 'X-3' },
    ]);
    // A payment holding the second entry's external id already: the bulk insert breaks on the unique key.
    const taken = await ledger.api('POST', '/api/v1/payments', {
      administrationId: ledger.administrationId,
      debtorId: ledger.d1,
      externalId: `bank:${entryIds[1]}`,
      amount: 100,
      valueDate: '2026-03-01',
    });
    expect(taken.status).toBe(201);

    const summary = await matchEntries(db.orm, ledger.tenantId, entryIds);
    expect(summary.bookedInBulk).toBe(0);
    expect(summary.outcomes).toMatchObject({ matched: 2 });
    expect(summary.failures).toEqual([
      {
        entryId: entryIds[1],
        message: expect.stringContaining('already exists'),
        // A rule of Kredo's: its message is shown in the queue as it is.
        shown: expect.stringContaining('already exists'),
      },
    ]);
    expect(await ledger.get(ledger.ids.get('X-1') as string)).toMatchObject({ status: 'paid' });
    expect(await ledger.get(ledger.ids.get('X-2') as string)).toMatchObject({
      status: 'open',
      openAmount: 2_000,
    });
    expect(await ledger.get(ledger.ids.get('X-3') as string)).toMatchObject({ status: 'paid' });
    expect(await ledger.entry(entryIds[1] as string)).toMatchObject({
      match_status: 'unmatched',
      matches: [],
    });
    const state = await matchingState(testApi, ledger.tenantId, entryIds);
    expect(state.payments).toHaveLength(3);
    expect(state.allocations).toHaveLength(2);
    expect(state.events).toHaveLength(3);
    expect(state.matches).toHaveLength(2);
  });

  it('two matchers over the same entries at once make one payment per entry', async () => {
    const count = 40;
    const ledger = await bulkLedger(
      testApi,
      Array.from(
        { length: count },
        (_, i) => [`C-${i}`, i % 2 ? 'd1' : 'd2', 1_000 + i, `CONC-${i}`] as const,
      ),
    );
    const entryIds = await insertStatement(
      db.orm,
      ledger.tenantId,
      ledger.administrationId,
      Array.from({ length: count }, (_, i) => ({ amount: 1_000 + i, creditorReference: `CONC-${i}` })),
    );
    const [a, b] = await Promise.all([
      matchEntries(db.orm, ledger.tenantId, entryIds),
      matchEntries(db.orm, ledger.tenantId, entryIds),
    ]);
    expect(a.outcomes.matched + b.outcomes.matched).toBe(count);
    expect(a.outcomes.skipped + b.outcomes.skipped).toBe(count);
    expect([...a.failures, ...b.failures]).toEqual([]);
    const state = await matchingState(testApi, ledger.tenantId, entryIds);
    expect(state.payments).toHaveLength(count);
    expect(state.matches).toHaveLength(count);
    expect(state.events).toHaveLength(count);
    expect(state.invoices.every((row) => JSON.parse(row).status === 'paid')).toBe(true);
  });
});
