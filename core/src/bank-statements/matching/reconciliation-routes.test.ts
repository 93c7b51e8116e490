import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../../app/test-api.ts';
import { matchingLedger } from './test-matching-ledger.ts';

const testApi = await createTestApi();
const ledger = () => matchingLedger(testApi);

describe('the reconciliation queue', () => {
  it('lists what waits, matches it by hand split over two debtors, unmatches it exactly', async () => {
    const { api, d1, d2, invoice, get, importEntries, payments } = await ledger();
    const a = await invoice(d1, 'Q-1', 3_000);
    const b = await invoice(d2, 'Q-2', 5_000);
    const { entryIds } = await importEntries([
      { amount: 10_000, remittanceText: 'two invoices', counterpartyName: 'Holding BV' },
      { amount: 250, creditDebit: 'debit', remittanceText: 'bank costs' },
    ]);
    const [credit, debit] = entryIds as [string, string];

    const queue = await api('GET', '/api/v1/reconciliation/entries');
    expect(queue.status).toBe(200);
    expect((queue.body.data as Json[]).map((e) => [e.id, e.kind, e.matchStatus])).toEqual([
      [credit, 'credit', 'queued'],
      [debit, 'debit', 'queued'],
    ]);
    const debits = await api('GET', '/api/v1/reconciliation/entries?kind=debit');
    expect((debits.body.data as Json[]).map((e) => e.id)).toEqual([debit]);

    const url = `/api/v1/reconciliation/entries/${credit}/match`;
    const allocations = [
      { invoiceId: a, amount: 3_000 },
      { invoiceId: b, amount: 5_000 },
    ];
    const unplaced = await api('POST', url, { allocations });
    expect(unplaced.status).toBe(400);
    expect(unplaced.body.message).toContain('creditDebtorId');
    const tooMuch = await api('POST', url, { allocations: [{ invoiceId: a, amount: 11_000 }] });
    expect(tooMuch.status).toBe(400);

    const matched = await api('POST', url, { allocations, creditDebtorId: d2, note: 'group pays both' });
    expect(matched.status).toBe(200);
    expect(matched.body).toMatchObject({ matchStatus: 'matched', reviewedBy: 'usr_test' });
    expect(matched.body.matches).toHaveLength(2);
    expect(matched.body.matches.every((m: Json) => m.rule === 'manual' && m.createdBy === 'usr_test')).toBe(
      true,
    );
    expect(await get(a)).toMatchObject({ status: 'paid' });
    expect(await get(b)).toMatchObject({ status: 'paid' });
    expect(await payments(d2)).toMatchObject([{ amount: 7_000, allocatedAmount: 5_000 }]);
    const again = await api('POST', url, { allocations, creditDebtorId: d2 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('entry_not_open');

    const timeline = await api('GET', `/api/v1/debtors/${d1}/timeline?limit=50`);
    expect((timeline.body.data as Json[]).find((e) => e.type === 'bank_entry.matched')).toMatchObject({
      actor: 'usr_test',
      summary: expect.stringContaining('by hand'),
    });

    const unmatched = await api('POST', `/api/v1/reconciliation/entries/${credit}/unmatch`, {
      reason: 'wrong debtor',
    });
    expect(unmatched.status).toBe(200);
    expect(unmatched.body).toMatchObject({ matchStatus: 'queued' });
    expect(unmatched.body.matches.every((m: Json) => m.undoneBy === 'usr_test')).toBe(true);
    expect(await get(a)).toMatchObject({ status: 'open', openAmount: 3_000 });
    expect(await get(b)).toMatchObject({ status: 'open', openAmount: 5_000 });
    expect(await payments(d2)).toMatchObject([{ reversedAt: expect.anything(), allocatedAmount: 0 }]);

    const ignored = await api('POST', `/api/v1/reconciliation/entries/${debit}/ignore`, {
      reason: 'bank costs',
    });
    expect(ignored.body).toMatchObject({ matchStatus: 'ignored', reviewNote: 'bank costs' });
    const missing = await api(
      'POST',
      '/api/v1/reconciliation/entries/bse_00000000000000000000000000/ignore',
      {
        reason: 'x',
      },
    );
    expect(missing.status).toBe(404);
  });

  it('unmatching an automatic match reverses exactly its payment, not another one', async () => {
    const { api, administrationId, d1, invoice, get, importEntries, payments } = await ledger();
    const inv = await invoice(d1, 'U-1', 6_000);
    const byHand = await api('POST', '/api/v1/payments', {
      administrationId,
      debtorId: d1,
      amount: 1_000,
      valueDate: '2026-02-01',
      allocations: [{ invoiceId: inv, amount: 1_000 }],
    });
    const { entryIds } = await importEntries([{ amount: 5_000, remittanceText: 'U-1' }]);
    expect(await get(inv)).toMatchObject({ status: 'paid' });
    await api('POST', `/api/v1/reconciliation/entries/${entryIds[0]}/unmatch`, {});
    expect(await get(inv)).toMatchObject({ status: 'open', openAmount: 5_000 });
    const [manual, matched] = await payments(d1);
    expect(manual).toMatchObject({ id: byHand.body.id, reversedAt: null, allocatedAmount: 1_000 });
    expect(matched).toMatchObject({ reversedAt: expect.anything(), allocatedAmount: 0 });
  });

  it('unmatches an entry whose payment someone reversed by hand already', async () => {
    const { api, d1, invoice, get, importEntries, payments } = await ledger();
    const inv = await invoice(d1, 'V-1', 4_000);
    const { entryIds } = await importEntries([{ amount: 4_000, remittanceText: 'V-1' }]);
    const [payment] = await payments(d1);
    await api('POST', `/api/v1/payments/${payment?.id}/reversal`, { reason: 'wrong' });
    const unmatched = await api('POST', `/api/v1/reconciliation/entries/${entryIds[0]}/unmatch`, {});
    expect(unmatched.status).toBe(200);
    expect(unmatched.body).toMatchObject({ matchStatus: 'queued' });
    expect(await get(inv)).toMatchObject({ status: 'open', openAmount: 4_000 });
  });

  it('finds what waits by words of the payer, the text or the reference, by amount and by booking date', async () => {
    const { api, importEntries } = await ledger();
    const { entryIds } = await importEntries([
      {
        amount: 12_100,
        counterpartyName: 'Bakkerij Jansen',
        counterpartyIban: 'NL67INGB0006543210',
        remittanceText: 'factuur 2026-0042 en 0043',
        bookingDate: '2026-03-02',
      },
      { amount: 9_900, counterpartyName: 'J. de Vries', remittanceText: 'cadeau', bookingDate: '2026-03-05' },
      {
        amount: 4_400,
        counterpartyName: 'Jansen & Zn',
        remittanceText: 'voorschot',
        bookingDate: '2026-03-09',
      },
    ]);
    const [jansen, vries, zonen] = entryIds as [string, string, string];
    const found = async (query: string) => {
      const res = await api('GET', `/api/v1/reconciliation/entries?${query}`);
      expect(res.status).toBe(200);
      return (res.body.data as Json[]).map((e) => e.id);
    };
    expect(await found('q=JANSEN')).toEqual([jansen, zonen]);
    expect(await found(`q=${encodeURIComponent('jansen 2026-0042')}`)).toEqual([jansen]);
    // An IBAN typed with or without its spaces, as it is printed on an invoice.
    expect(await found(`q=${encodeURIComponent('NL67 INGB 0006 5432 10')}`)).toEqual([jansen]);
    expect(await found('q=INGB0006543210')).toEqual([jansen]);
    expect(await found('q=NL99INGB')).toEqual([]);
    // LIKE's own characters are searched for, not obeyed.
    expect(await found('q=%25')).toEqual([]);
    expect(await found('q=%26')).toEqual([zonen]);
    expect(await found('amountFrom=5000&amountTo=10000')).toEqual([vries]);
    expect(await found('bookedFrom=2026-03-03&bookedTo=2026-03-09')).toEqual([vries, zonen]);
    expect(await found('q=jansen&bookedFrom=2026-03-03')).toEqual([zonen]);
    const backwards = await api('GET', '/api/v1/reconciliation/entries?amountFrom=100&amountTo=50');
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'invalid_request', field: 'amountTo' });
    const before = await api(
      'GET',
      '/api/v1/reconciliation/entries?bookedFrom=2026-03-09&bookedTo=2026-03-02',
    );
    expect(before.status).toBe(400);
    expect(before.body).toMatchObject({ code: 'invalid_request', field: 'bookedTo' });
  });
});
