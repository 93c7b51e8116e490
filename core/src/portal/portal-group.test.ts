import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { addDays } from '../shared/iso-date.ts';
import { businessDay } from '../shared/test-business-date.ts';
import { debtorWithInvoices } from './test-debtor.ts';

// Sessions for a debtor group: a parent and the debtors below it, through the API as a tenant's
// backend and the widget use it. Who is in the group is read at each request.

const { server, newTenant, caller } = await createTestApi();
const acme = await newTenant('Acme');
const backend = await caller(acme.tenantId, ['portal:sessions'], 'cli_acme_web');
const today = businessDay();

let counter = 0;
/** A debtor (under `parentId` when given) with one invoice per `daysAgo`, due that many days ago. */
function debtorWith(daysAgo: number[], parentId?: string) {
  return debtorWithInvoices(acme.api, acme.administrationId, {
    number: `G${++counter}`,
    today,
    daysAgo,
    parentId,
  });
}

async function mint(debtorId: string, scope?: string) {
  return backend('POST', '/api/v1/portal/sessions', { debtorId, ...(scope && { scope }) });
}

async function portal(token: string, method: string, url: string, payload?: object) {
  const res = await server.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: (res.result ?? {}) as Json };
}

// Holding: a parent with two children, one of which has a child of its own; and another group.
const holding = await debtorWith([30]);
const north = await debtorWith([20, 5], holding.debtorId);
const south = await debtorWith([10], holding.debtorId);
const southShop = await debtorWith([2], south.debtorId);
const other = await debtorWith([15]);
const otherChild = await debtorWith([12], other.debtorId);

const ids = (invoices: Json[]) => invoices.map((i) => i.id as string).sort();
const tasksOf = async (debtorId: string) =>
  (await acme.api('GET', `/api/v1/tasks?debtorId=${debtorId}&limit=100`)).body.data as Json[];

describe('a portal session for a debtor group', () => {
  it('is minted for a parent with scope group, and refused for a debtor that heads no group', async () => {
    const minted = await mint(holding.debtorId, 'group');
    expect(minted).toMatchObject({ status: 201, body: { debtorId: holding.debtorId, scope: 'group' } });
    expect((await mint(holding.debtorId)).body.scope).toBe('debtor');
    expect(await mint(southShop.debtorId, 'group')).toMatchObject({ status: 400, body: { field: 'scope' } });
    expect((await mint(holding.debtorId, 'everyone')).status).toBe(400);
  });

  it('shows the group’s invoices, each naming its debtor, and no other group’s', async () => {
    const { token } = (await mint(holding.debtorId, 'group')).body;
    const me = await portal(token, 'GET', '/api/v1/portal/me');
    expect(me.body.session.scope).toBe('group');
    expect(me.body.group.map((d: Json) => d.id)).toEqual([
      holding.debtorId,
      north.debtorId,
      south.debtorId,
      southShop.debtorId,
    ]);

    const open = await portal(token, 'GET', '/api/v1/portal/invoices');
    expect(open.status).toBe(200);
    const expected = [...holding.invoices, ...north.invoices, ...south.invoices, ...southShop.invoices];
    expect(ids(open.body.data)).toEqual(expected.sort());
    // Oldest due first across the group; each names whose it is.
    expect(open.body.data.map((i: Json) => i.daysOverdue)).toEqual([30, 20, 10, 5, 2]);
    const first = open.body.data[1];
    expect(first.debtor).toEqual({
      id: north.debtorId,
      number: north.number,
      name: `Debtor ${north.number}`,
    });
    expect(open.body.totals[0]).toMatchObject({ currency: 'EUR', open: 600_00, overdue: 600_00 });

    // Another group's invoice is not there: 404, as if it did not exist.
    const foreign = await portal(
      token,
      'POST',
      `/api/v1/portal/invoices/${otherChild.invoices[0]}/po-number`,
      {
        poNumber: 'PO-1',
      },
    );
    expect(foreign).toMatchObject({ status: 404, body: { code: 'invoice_not_found' } });
    const dispute = await portal(token, 'POST', '/api/v1/portal/disputes', {
      invoiceIds: [otherChild.invoices[0]],
      type: 'quality',
      description: 'Not ours',
    });
    expect(dispute).toMatchObject({ status: 400, body: { field: 'invoiceIds' } });
  });

  it('writes each action on the invoice’s own debtor, one debtor’s invoices at a time', async () => {
    const { token } = (await mint(holding.debtorId, 'group')).body;
    const types = await portal(token, 'GET', '/api/v1/portal/dispute-types');
    const type = types.body.data[0].code as string;

    const dispute = await portal(token, 'POST', '/api/v1/portal/disputes', {
      invoiceIds: [north.invoices[0]],
      type,
      description: 'Damaged on arrival',
    });
    expect(dispute.status).toBe(201);
    const staffDispute = await acme.api('GET', `/api/v1/disputes/${dispute.body.id}`);
    expect(staffDispute.body.debtorId).toBe(north.debtorId);

    const promise = await portal(token, 'POST', '/api/v1/portal/promises', {
      invoiceIds: [southShop.invoices[0]],
      promisedOn: addDays(today, 7),
    });
    expect(promise.status).toBe(201);
    expect((await acme.api('GET', `/api/v1/promises/${promise.body.id}`)).body.debtorId).toBe(
      southShop.debtorId,
    );

    const mixed = await portal(token, 'POST', '/api/v1/portal/promises', {
      invoiceIds: [holding.invoices[0], south.invoices[0]],
      promisedOn: addDays(today, 7),
    });
    expect(mixed).toMatchObject({ status: 400, body: { field: 'invoiceIds' } });
    expect(mixed.body.message).toContain('several debtors');

    const po = await portal(token, 'POST', `/api/v1/portal/invoices/${south.invoices[0]}/po-number`, {
      poNumber: 'PO-SOUTH',
    });
    expect(po.status).toBe(201);
    const question = await portal(token, 'POST', '/api/v1/portal/questions', {
      message: 'Who signed for this delivery?',
      invoiceIds: [south.invoices[0]],
    });
    expect(question.status).toBe(201);
    const southTasks = await tasksOf(south.debtorId);
    expect(southTasks.map((t) => t.kind).sort()).toEqual(['portal_po_number', 'portal_question']);
    expect((await tasksOf(holding.debtorId)).filter((t) => String(t.kind).startsWith('portal_'))).toEqual([]);
  });

  it('leaves a plain session with its one debtor', async () => {
    const { token } = (await mint(holding.debtorId)).body;
    const me = await portal(token, 'GET', '/api/v1/portal/me');
    expect(me.body.session.scope).toBe('debtor');
    expect(me.body).not.toHaveProperty('group');
    const open = await portal(token, 'GET', '/api/v1/portal/invoices');
    expect(ids(open.body.data)).toEqual(holding.invoices);
    expect(open.body.data[0]).not.toHaveProperty('debtor');
    const child = await portal(token, 'POST', `/api/v1/portal/invoices/${north.invoices[0]}/po-number`, {
      poNumber: 'PO-2',
    });
    expect(child).toMatchObject({ status: 404, body: { code: 'invoice_not_found' } });
    const dispute = await portal(token, 'POST', '/api/v1/portal/disputes', {
      invoiceIds: [north.invoices[0]],
      type: 'quality',
      description: 'Not the parent’s',
    });
    expect(dispute.status).toBe(400);
  });

  it('drops a child moved out of the group from a session minted before', async () => {
    const leaving = await debtorWith([8], holding.debtorId);
    const { token } = (await mint(holding.debtorId, 'group')).body;
    const before = await portal(token, 'GET', '/api/v1/portal/invoices');
    expect(ids(before.body.data)).toContain(leaving.invoices[0]);

    const moved = await acme.api('PATCH', `/api/v1/debtors/${leaving.debtorId}`, {
      parentId: other.debtorId,
    });
    expect(moved.status).toBe(200);
    const after = await portal(token, 'GET', '/api/v1/portal/invoices');
    expect(ids(after.body.data)).not.toContain(leaving.invoices[0]);
    const po = await portal(token, 'POST', `/api/v1/portal/invoices/${leaving.invoices[0]}/po-number`, {
      poNumber: 'PO-3',
    });
    expect(po).toMatchObject({ status: 404, body: { code: 'invoice_not_found' } });
    expect((await portal(token, 'GET', '/api/v1/portal/me')).body.group.map((d: Json) => d.id)).not.toContain(
      leaving.debtorId,
    );
  });
});
