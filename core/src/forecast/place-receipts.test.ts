import { describe, expect, it } from 'vitest';
import {
  type OpenItem,
  type PlacementFacts,
  placeReceipts,
  type Receipt,
  type ReceiptKind,
} from './place-receipts.ts';

const today = '2026-12-07';
const invoice = (
  id: string,
  debtorId: string,
  dueDate: string,
  openAmount: number,
  disputed = false,
): OpenItem => ({
  id,
  debtorId,
  dueDate,
  openAmount,
  disputed,
});
const at = (on: string, amount: number, kind: ReceiptKind, sourceId: string): Receipt => ({
  on,
  amount,
  kind,
  sourceId,
});
const facts = {
  today,
  arrangements: [],
  debtorDelays: new Map([
    ['dbt_late', 12.4],
    ['dbt_early', -3.5],
  ]),
  fallbackDelay: 7,
};

/** The receipts of these invoices, with the facts above changed by `more`. */
const place = (invoices: OpenItem[], more: Partial<PlacementFacts> = {}) =>
  placeReceipts({ ...facts, ...more, invoices });

describe('placeReceipts', () => {
  it("shifts an invoice's due date by its debtor's days beyond terms, rounded, or by the administration's", () => {
    const receipts = place([
      invoice('inv_a', 'dbt_late', '2026-12-10', 100),
      invoice('inv_b', 'dbt_early', '2026-12-20', 200),
      invoice('inv_c', 'dbt_new', '2026-12-20', 300),
    ]);
    expect(receipts).toEqual([
      at('2026-12-22', 100, 'invoice', 'inv_a'), // 10 + 12
      at('2026-12-17', 200, 'invoice', 'inv_b'), // 20 − 3 (−3.5 rounds to −3)
      at('2026-12-27', 300, 'invoice', 'inv_c'), // 20 + 7, the administration's
    ]);
  });

  it('lands what it expected in the past on today as overdue, and shifts by nothing without any history', () => {
    const receipts = place(
      [invoice('inv_a', 'dbt_late', '2026-11-20', 100), invoice('inv_b', 'dbt_new', '2026-11-30', 50)],
      { fallbackDelay: null },
    );
    expect(receipts).toEqual([
      at(today, 100, 'overdue', 'inv_a'), // 20 Nov + 12 = 2 Dec, past
      at(today, 50, 'overdue', 'inv_b'),
    ]);
  });

  it('puts disputed invoices apart, at their behavioural date, even past', () => {
    const receipts = place([
      invoice('inv_a', 'dbt_late', '2026-12-10', 100, true),
      invoice('inv_b', 'dbt_late', '2026-11-01', 40, true),
    ]);
    expect(receipts).toEqual([
      at('2026-12-22', 100, 'disputed', 'inv_a'),
      at(today, 40, 'disputed', 'inv_b'),
    ]);
  });

  it('replaces covered invoices by the promise or plan, the excess on its last date, past dues today', () => {
    const covered = [
      invoice('inv_a', 'dbt_late', '2026-11-01', 500),
      invoice('inv_b', 'dbt_late', '2026-11-02', 300),
      invoice('inv_c', 'dbt_late', '2026-11-03', 900),
    ];
    const receipts = place(covered, {
      arrangements: [
        {
          kind: 'promise',
          id: 'prm_1',
          invoiceIds: ['inv_a', 'inv_b'],
          dues: [{ on: '2026-12-15', amount: 600 }],
        },
        {
          kind: 'plan',
          id: 'ppl_1',
          invoiceIds: ['inv_c'],
          dues: [
            { on: '2026-12-01', amount: 300 },
            { on: '2027-01-01', amount: 300 },
            { on: '2027-02-01', amount: 300 },
          ],
        },
      ],
    });
    expect(receipts).toEqual([
      at('2026-12-15', 600, 'promise', 'prm_1'),
      at('2026-12-15', 200, 'invoice', 'prm_1'), // 800 open − 600 promised
      at(today, 300, 'plan', 'ppl_1'), // its date passed within grace
      at('2027-01-01', 300, 'plan', 'ppl_1'),
      at('2027-02-01', 300, 'plan', 'ppl_1'),
    ]);
  });
});
