import { describe, expect, it } from 'vitest';
import { createTestApi } from '../../app/test-api.ts';
import { withTenantClient } from '../../db/tenant-scope.ts';
import { newId } from '../../shared/ids.ts';
import { matchEntries } from './match-imported.ts';
import { insertStatement } from './test-entries.ts';
import { matchingLedger } from './test-matching-ledger.ts';

const testApi = await createTestApi();
const { db } = testApi;
const ledger = () => matchingLedger(testApi);

describe('matching bank credits to invoices', () => {
  it('1. a checked RF reference pays its invoice, in part; an RF with a wrong check digit matches nothing', async () => {
    const { d1, invoice, get, importEntries, entry, payments } = await ledger();
    const rf = await invoice(d1, 'F-1', 10_000, { paymentReference: 'RF18 5390 0754 7034' });
    // An invoice the ERP gave a mistyped RF: a payer quoting it must not be matched on it.
    const typo = await invoice(d1, 'F-2', 8_000, { paymentReference: 'RF19539007547034' });

    const { entryIds, summary } = await importEntries([
      { amount: 6_000, creditorReference: 'RF18539007547034' },
      { amount: 8_000, creditorReference: 'RF19539007547034' },
    ]);
    expect(summary.outcomes).toMatchObject({ matched: 1, queued: 1 });
    expect(await get(rf)).toMatchObject({ status: 'open', openAmount: 4_000 });
    expect(await get(typo)).toMatchObject({ status: 'open', openAmount: 8_000 });
    const matched = await entry(entryIds[0] as string);
    expect(matched).toMatchObject({
      match_status: 'matched',
      matches: [{ rule: 'structured_reference', confidence: 100 }],
    });
    expect(matched.matches[0]?.reason).toContain('F-1');
    expect(await entry(entryIds[1] as string)).toMatchObject({ match_status: 'queued', matches: [] });
    const [payment] = await payments(d1);
    expect(payment).toMatchObject({
      amount: 6_000,
      externalId: `bank:${entryIds[0]}`,
      allocations: [{ invoiceId: rf, amount: 6_000 }],
    });
  });

  it('1. a betalingskenmerk in the text and the invoice’s own payment reference match; an overpayment stays credit', async () => {
    const { d1, d2, invoice, get, importEntries, entry, payments } = await ledger();
    const kenmerk = await invoice(d1, 'F-10', 5_000, { paymentReference: '0123456789012345' });
    const own = await invoice(d2, 'F-11', 2_500, { paymentReference: 'ORDER-7788' });
    const { entryIds } = await importEntries([
      { amount: 5_000, remittanceText: 'betalingskenmerk 0123 4567 8901 2345' },
      { amount: 3_000, creditorReference: 'ORDER-7788' },
    ]);
    expect(await get(kenmerk)).toMatchObject({ status: 'paid' });
    expect(await get(own)).toMatchObject({ status: 'paid' });
    expect((await entry(entryIds[1] as string)).matches).toMatchObject([
      { rule: 'structured_reference', confidence: 95 },
    ]);
    const [payment] = await payments(d2);
    expect(payment).toMatchObject({ amount: 3_000, allocatedAmount: 2_500 });
  });

  it('2. invoice numbers in the text match as whole words only, oldest due first', async () => {
    const { d1, d2, invoice, get, importEntries, entry } = await ledger();
    const short = await invoice(d1, 'F-123', 5_000);
    const long = await invoice(d1, 'F-1234', 7_000);
    const older = await invoice(d2, 'G-500', 1_000, { dueDate: '2026-01-10' });
    const newer = await invoice(d2, 'G-501', 2_000, { dueDate: '2026-01-20' });
    const { entryIds } = await importEntries([
      { amount: 7_000, remittanceText: 'Factuur F-1234 dank u' },
      { amount: 2_500, remittanceText: 'G-501, G-500' },
    ]);
    expect(await get(short)).toMatchObject({ status: 'open', openAmount: 5_000 });
    expect(await get(long)).toMatchObject({ status: 'paid' });
    expect((await entry(entryIds[0] as string)).matches).toMatchObject([
      { rule: 'invoice_number', confidence: 90 },
    ]);
    // Part of the total: the older invoice is paid, the newer keeps the rest open.
    expect(await get(older)).toMatchObject({ status: 'paid' });
    expect(await get(newer)).toMatchObject({ status: 'open', openAmount: 500 });
    expect((await entry(entryIds[1] as string)).matches).toMatchObject([
      { rule: 'invoice_number', confidence: 80 },
    ]);
  });

  it('3. a known IBAN with the exact amount of one invoice, or of all, matches; a bare amount does not', async () => {
    const { api, administrationId, d1, invoice, get, importEntries, entry } = await ledger();
    const iban = 'NL91ABNA0417164300';
    const earlier = await invoice(d1, 'F-30', 1_000);
    await api('POST', '/api/v1/payments', {
      administrationId,
      debtorId: d1,
      amount: 1_000,
      valueDate: '2026-02-01',
      payerIban: iban,
      allocations: [{ invoiceId: earlier, amount: 1_000 }],
    });
    const a = await invoice(d1, 'F-31', 3_000, { dueDate: '2026-02-01' });
    const b = await invoice(d1, 'F-32', 4_500, { dueDate: '2026-02-10' });
    const { entryIds } = await importEntries([
      { amount: 4_500, counterpartyIban: iban },
      { amount: 3_000, counterpartyIban: 'NL02RABO0123456789' },
    ]);
    expect(await get(b)).toMatchObject({ status: 'paid' });
    expect((await entry(entryIds[0] as string)).matches).toMatchObject([
      { rule: 'iban_amount', confidence: 85 },
    ]);
    expect(await entry(entryIds[1] as string)).toMatchObject({ match_status: 'queued' });
    expect(await get(a)).toMatchObject({ status: 'open' });

    const c = await invoice(d1, 'F-33', 2_000, { dueDate: '2026-02-20' });
    const {
      entryIds: [sumEntry],
    } = await importEntries([{ amount: 5_000, counterpartyIban: iban }]);
    expect((await entry(sumEntry as string)).matches).toMatchObject([
      { rule: 'iban_amount', confidence: 80 },
    ]);
    expect(await get(a)).toMatchObject({ status: 'paid' });
    expect(await get(c)).toMatchObject({ status: 'paid' });
  });

  it('4. a pay link’s reference pays its invoices and marks it paid; a link paid already adds no payment', async () => {
    const { tenantId, api, administrationId, d1, invoice, get, importEntries, entry, payments } =
      await ledger();
    const a = await invoice(d1, 'P-1', 2_000);
    const b = await invoice(d1, 'P-2', 3_000);
    const link = (id: string, reference: string, status: string, paymentId: string | null) =>
      withTenantClient(db.orm, tenantId, (c) =>
        c.query(
          `insert into pay_link (id, tenant_id, administration_id, debtor_id, installation_id, plugin, provider_reference,
             url, expires_at, amount, currency, invoice_ids, status, payment_id)
           values ($1, $2, $3, $4, 'ins_test', 'mollie', $5, 'https://pay.example/x', now() + interval '1 day', 5000,
             'EUR', $6, $7, $8)`,
          [id, tenantId, administrationId, d1, reference, [a, b], status, paymentId],
        ),
      );
    await link(newId('payLink'), 'TR_OPEN42', 'open', null);
    const { entryIds } = await importEntries([{ amount: 5_000, remittanceText: 'Mollie payout tr_open42' }]);
    expect((await entry(entryIds[0] as string)).matches).toMatchObject([
      { rule: 'pay_link', confidence: 95 },
    ]);
    expect(await get(a)).toMatchObject({ status: 'paid' });
    expect(await get(b)).toMatchObject({ status: 'paid' });

    // The provider reported the next link paid (pay-links' own path); its payout arrives at the bank.
    const c = await invoice(d1, 'P-3', 5_000);
    const reported = await api('POST', '/api/v1/payments', {
      administrationId,
      debtorId: d1,
      amount: 5_000,
      valueDate: '2026-03-01',
      method: 'pay_link',
      allocations: [{ invoiceId: c, amount: 5_000 }],
    });
    await link(newId('payLink'), 'TR_DONE7', 'paid', reported.body.id);
    const {
      entryIds: [confirming],
    } = await importEntries([{ amount: 5_000, remittanceText: 'TR_DONE7' }]);
    expect(await entry(confirming as string)).toMatchObject({
      match_status: 'matched',
      matches: [{ payment_id: reported.body.id }],
    });
    expect(await payments(d1)).toHaveLength(2);
  });

  it('queues what it cannot place with a reason and its best guess', async () => {
    const { d1, d2, invoice, importEntries, entry } = await ledger();
    await invoice(d1, 'H-1', 1_000);
    await invoice(d2, 'H-2', 1_000);
    const { entryIds } = await importEntries([
      { amount: 1_234, remittanceText: 'gift' },
      { amount: 2_000, remittanceText: 'H-1 H-2' },
      { amount: 900, creditDebit: 'debit', remittanceText: 'bank costs' },
    ]);
    expect(await entry(entryIds[0] as string)).toMatchObject({
      match_status: 'queued',
      match_proposal: null,
    });
    const twoDebtors = await entry(entryIds[1] as string);
    expect(twoDebtors).toMatchObject({
      match_status: 'queued',
      match_proposal: { rule: 'invoice_number', confidence: 40 },
    });
    expect(twoDebtors.match_reason).toContain('2 debtors');
    expect(await entry(entryIds[2] as string)).toMatchObject({ match_status: 'queued' });
  });
});

describe('matching twice, and money that goes back', () => {
  it('books one payment however often and however concurrently an entry is matched', async () => {
    const { tenantId, administrationId, d1, invoice, payments, entry } = await ledger();
    await invoice(d1, 'K-1', 10_000);
    const entryIds = await insertStatement(db.orm, tenantId, administrationId, [
      { amount: 10_000, remittanceText: 'K-1' },
    ]);
    // matchEntries itself, not onEntriesImported: the statement's lock would let only one of them in,
    // and this is about the entry's own lock.
    const run = () => matchEntries(db.orm, tenantId, entryIds);
    const results = await Promise.all([run(), run(), run()]);
    expect(results.map((r) => r.outcomes.matched).sort()).toEqual([0, 0, 1]);
    await run();
    expect(await payments(d1)).toHaveLength(1);
    expect((await entry(entryIds[0] as string)).matches).toHaveLength(1);
  });

  it('a returned credit (same end-to-end id, a debit) reverses its payment and reopens the invoice', async () => {
    const { d1, invoice, get, importEntries, entry, payments } = await ledger();
    const inv = await invoice(d1, 'R-1', 4_000);
    const {
      entryIds: [credit],
    } = await importEntries([{ amount: 4_000, remittanceText: 'R-1', endToEndId: 'E2E-77' }]);
    expect(await get(inv)).toMatchObject({ status: 'paid' });
    const {
      entryIds: [debit],
    } = await importEntries([
      {
        amount: 4_000,
        creditDebit: 'debit',
        reversal: true,
        endToEndId: 'E2E-77',
        bookingDate: '2026-03-05',
      },
    ]);
    expect(await get(inv)).toMatchObject({ status: 'open', openAmount: 4_000 });
    expect(await entry(credit as string)).toMatchObject({ match_status: 'returned' });
    expect((await entry(credit as string)).matches[0]?.undone_at).not.toBeNull();
    expect(await entry(debit as string)).toMatchObject({
      match_status: 'matched',
      match_proposal: { returns: credit },
    });
    expect(await payments(d1)).toMatchObject([{ reversedAt: expect.anything(), allocations: [] }]);
  });
});
