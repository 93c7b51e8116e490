import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { newId } from '../shared/ids.ts';

const { caller, newTenant } = await createTestApi();
const acme = await newTenant('Notes BV');
const other = await newTenant('Elsewhere BV');
const colleague = await caller(acme.tenantId, undefined, 'usr_colleague');

async function debtor(number: string) {
  const res = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number,
    name: number,
  });
  return res.body.id as string;
}
async function invoice(debtorId: string, number: string) {
  const res = await acme.api('POST', '/api/v1/invoices', {
    administrationId: acme.administrationId,
    debtorId,
    number,
    issueDate: '2026-11-01',
    amount: 12_100,
  });
  return res.body.id as string;
}
async function note(debtorId: string, body: string, extra: object = {}) {
  const res = await acme.api('POST', `/api/v1/debtors/${debtorId}/notes`, { body, ...extra });
  expect(res.status).toBe(201);
  return res.body;
}
const bodies = (page: Json) => page.data.map((n: Json) => n.body as string);

const main = await debtor('N-1');
const first = await note(main, 'first');
await note(main, 'pinned early', { pinned: true });
await note(main, 'second');

describe('notes on a debtor', () => {
  it('lists pinned ones first, then newest, and moves a note when it is pinned', async () => {
    expect(bodies((await acme.api('GET', `/api/v1/debtors/${main}/notes`)).body)).toEqual([
      'pinned early',
      'second',
      'first',
    ]);
    const pinned = await colleague('PATCH', `/api/v1/notes/${first.id}`, { pinned: true });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ pinned: true, author: 'usr_test', body: 'first' });
    expect(bodies((await acme.api('GET', `/api/v1/debtors/${main}/notes`)).body)).toEqual([
      'pinned early',
      'first',
      'second',
    ]);
  });

  it('pages in the same order with its cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/debtors/${main}/notes?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await acme.api('GET', url)).body;
      seen.push(...bodies(page));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(bodies((await acme.api('GET', `/api/v1/debtors/${main}/notes`)).body));
  });

  it('is reworded and deleted by its author only (403 for anyone else)', async () => {
    const mine = await note(main, 'draft');
    const edit = await colleague('PATCH', `/api/v1/notes/${mine.id}`, { body: 'changed' });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe('note_not_author');
    expect((await colleague('DELETE', `/api/v1/notes/${mine.id}`)).status).toBe(403);
    const reworded = await acme.api('PATCH', `/api/v1/notes/${mine.id}`, { body: 'final' });
    expect(reworded.body.body).toBe('final');
    expect((await acme.api('DELETE', `/api/v1/notes/${mine.id}`)).status).toBe(204);
    expect(bodies((await acme.api('GET', `/api/v1/debtors/${main}/notes`)).body)).not.toContain('final');
    const gone = await acme.api('PATCH', `/api/v1/notes/${mine.id}`, { pinned: true });
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('note_not_found');
  });

  it('refuses bad input naming the field', async () => {
    for (const payload of [{ body: '' }, { body: 'x'.repeat(10_001) }, { body: 'nul \u0000 here' }, {}]) {
      const res = await acme.api('POST', `/api/v1/debtors/${main}/notes`, payload);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('body');
    }
    const patch = await acme.api('PATCH', `/api/v1/notes/${first.id}`, { pinned: 'yes' });
    expect(patch.status).toBe(400);
    expect(patch.body.field).toBe('pinned');
  });
});

const own = await invoice(main, 'NI-1');
const theirs = await invoice(await debtor('N-2'), 'NI-2');

describe('notes on an invoice', () => {
  it('are listed on the invoice and on its debtor', async () => {
    const made = await note(main, 'disputes the VAT line', { invoiceId: own });
    expect(made.invoiceId).toBe(own);
    expect(bodies((await acme.api('GET', `/api/v1/invoices/${own}/notes`)).body)).toEqual([
      'disputes the VAT line',
    ]);
    expect(bodies((await acme.api('GET', `/api/v1/debtors/${main}/notes`)).body)).toContain(
      'disputes the VAT line',
    );
    expect((await acme.api('GET', `/api/v1/invoices/${theirs}/notes`)).body.data).toEqual([]);
  });

  it("must be on the debtor's own invoice (400 naming invoiceId)", async () => {
    for (const invoiceId of [theirs, newId('invoice')]) {
      const res = await acme.api('POST', `/api/v1/debtors/${main}/notes`, { body: 'wrong', invoiceId });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('invoiceId');
    }
  });

  it('answer 404 for an invoice that is not there', async () => {
    const res = await acme.api('GET', `/api/v1/invoices/${newId('invoice')}/notes`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('invoice_not_found');
  });
});

describe("another tenant's notes", () => {
  it('are not there for it (404)', async () => {
    const list = await other.api('GET', `/api/v1/debtors/${main}/notes`);
    expect(list.status).toBe(404);
    expect(list.body.code).toBe('debtor_not_found');
    const write = await other.api('POST', `/api/v1/debtors/${main}/notes`, { body: 'sneaky' });
    expect(write.status).toBe(404);
    expect((await other.api('PATCH', `/api/v1/notes/${first.id}`, { pinned: false })).body.code).toBe(
      'note_not_found',
    );
    expect((await other.api('DELETE', `/api/v1/notes/${first.id}`)).status).toBe(404);
    expect((await acme.api('GET', `/api/v1/debtors/${main}/notes`)).body.data[1]).toMatchObject({
      id: first.id,
      pinned: true,
    });
  });
});
