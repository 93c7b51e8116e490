import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';

const { newTenant, caller } = await createTestApi();
const acme = await newTenant('Bulk BV');

describe('bulk upsert', () => {
  it('creates debtors with a group and invoices, and a repeat changes nothing', async () => {
    const debtors = {
      administrationId: acme.administrationId,
      debtors: [
        { number: 'H1', name: 'Holding B.V.', tags: ['key-account'] },
        { number: 'S1', name: 'Dochter B.V.', parentNumber: 'H1', email: 'ap@dochter.example' },
      ],
    };
    const first = await acme.api('POST', '/api/v1/debtors/bulk', debtors);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect((await acme.api('POST', '/api/v1/debtors/bulk', debtors)).body).toMatchObject({
      created: 0,
      unchanged: 2,
    });

    const invoices = {
      administrationId: acme.administrationId,
      invoices: [
        { number: 'B-1', debtorNumber: 'S1', issueDate: '2026-04-01', amount: 10000, openAmount: 4000 },
        {
          number: 'B-1',
          documentType: 'credit_note',
          debtorNumber: 'S1',
          issueDate: '2026-04-02',
          amount: 500,
        },
        { number: 'B-2', debtorNumber: 'NOPE', issueDate: '2026-04-01', amount: 1 },
        { number: 'B-3', debtorNumber: 'S1', issueDate: '2026-04-01', amount: 10, openAmount: 11 },
      ],
    };
    const res = await acme.api('POST', '/api/v1/invoices/bulk', invoices);
    expect(res.body).toMatchObject({ created: 2, rejected: 2 });
    expect(res.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [3, 'debtorNumber'],
      [4, 'openAmount'],
    ]);
    const list = (await acme.api('GET', '/api/v1/invoices?q=B-1')).body.data;
    expect(list.map((i: { amount: number; dueDate: string }) => [i.amount, i.dueDate])).toEqual([
      [10000, '2026-05-01'],
      [-500, '2026-05-02'],
    ]);
    const child = (await acme.api('GET', '/api/v1/debtors?q=S1')).body.data[0];
    expect(child.parentId).toMatch(/^dbt_/);
  });

  it('names the item and field of a malformed payload', async () => {
    const res = await acme.api('POST', '/api/v1/debtors/bulk', {
      administrationId: acme.administrationId,
      debtors: [
        { number: 'OK', name: 'Ok' },
        { number: 'BAD', name: 'Bad', email: 'nope' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('debtors.1.email');
  });

  it('needs ledger:write', async () => {
    const reader = await caller(acme.tenantId, ['ledger:read']);
    const res = await reader('POST', '/api/v1/debtors/bulk', {
      administrationId: acme.administrationId,
      debtors: [{ number: 'X', name: 'X' }],
    });
    expect(res.status).toBe(403);
  });
});
