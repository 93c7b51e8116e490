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
});
