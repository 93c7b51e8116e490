import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { newId } from '../shared/ids.ts';
import { businessDay } from '../shared/test-business-date.ts';

const { db, caller, newTenant } = await createTestApi();
const acme = await newTenant('Agenda BV');
const other = await newTenant('Elsewhere BV');
const administration = (await acme.api('GET', `/api/v1/administrations/${acme.administrationId}`)).body;

/** A business date `days` before today in the administration's time zone (what "overdue" is measured by). */
function daysAgo(days: number): string {
  return businessDay(-days, administration.timeZone);
}

let invoiceNumber = 0;
/** A debtor with invoices (`[amount, days overdue]`; negative days: not yet due) and a credit score. */
async function debtorWith(
  name: string,
  invoices: [number, number][],
  creditScore: number | null,
  collector?: string,
) {
  const debtor = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number: name,
    name,
    ...(collector ? { collector } : {}),
  });
  expect(debtor.status).toBe(201);
  for (const [amount, overdue] of invoices) {
    const due = daysAgo(overdue);
    const res = await acme.api('POST', '/api/v1/invoices', {
      administrationId: acme.administrationId,
      debtorId: debtor.body.id,
      number: `F${++invoiceNumber}`,
      issueDate: overdue > 0 ? daysAgo(overdue + 30) : daysAgo(1),
      dueDate: due,
      amount,
    });
    expect(res.status).toBe(201);
  }
  if (creditScore !== null) {
    // A credit check through a bureau plugin sets the score; the test writes it as the plugin's answer would.
    await tenantEm(db.orm, acme.tenantId).execute('update debtor set credit_score = ? where id = ?', [
      creditScore,
      debtor.body.id,
    ]);
  }
  return debtor.body.id as string;
}

async function task(debtorId: string, title: string, dueOn: string, assignee?: string) {
  const res = await acme.api('POST', '/api/v1/tasks', {
    debtorId,
    title,
    dueOn,
    ...(assignee ? { assignee } : {}),
  });
  expect(res.status).toBe(201);
  return res.body;
}

// Four debtors whose tasks come in a different order under every sort.
const big = await debtorWith('Big', [[500_000, 10]], 80);
const many = await debtorWith(
  'Many',
  [
    [10_000, 90],
    [10_000, 20],
    [10_000, 5],
  ],
  20,
);
const old = await debtorWith(
  'Old',
  [
    [60_000, 40],
    [40_000, 3],
  ],
  null,
);
const current = await debtorWith('Current', [[70_000, -10]], 50);
await task(current, 'Call Current', '2026-12-01', 'dora');
await task(old, 'Call Old', '2026-12-02', 'dora');
await task(big, 'Call Big', '2026-12-03', 'dora');
await task(many, 'Call Many', '2026-12-04', 'dora');

const titles = async (query: string) => {
  const res = await acme.api('GET', `/api/v1/tasks?assignee=dora&${query}`);
  expect(res.status).toBe(200);
  return res.body.data.map((t: { title: string }) => t.title.replace('Call ', ''));
};

describe('the action list', () => {
  it('sorts by due date by default', async () => {
    expect(await titles('')).toEqual(['Current', 'Old', 'Big', 'Many']);
  });

  it.each([
    ['overdue_balance', ['Big', 'Old', 'Many', 'Current']],
    ['oldest_overdue', ['Many', 'Old', 'Big', 'Current']],
    ['invoice_count', ['Many', 'Old', 'Big', 'Current']],
    ['risk', ['Many', 'Current', 'Big', 'Old']],
  ])('sorts by %s', async (sort, expected) => {
    expect(await titles(`sort=${sort}`)).toEqual(expected);
  });

  it('answers each task with its debtor’s overdue position', async () => {
    const [first] = (await acme.api('GET', '/api/v1/tasks?assignee=dora&sort=oldest_overdue')).body.data;
    expect(first.debtor).toEqual({
      name: 'Many',
      number: 'Many',
      collector: null,
      creditScore: 20,
      overdue: [{ currency: 'EUR', amount: 30_000 }],
      oldestDaysOverdue: 90,
      overdueInvoiceCount: 3,
    });
    const [currentTask] = (await acme.api(`GET`, `/api/v1/tasks?debtorId=${current}`)).body.data;
    expect(currentTask.debtor).toMatchObject({
      overdue: [],
      oldestDaysOverdue: null,
      overdueInvoiceCount: 0,
    });
  });

  it('pages a sorted list with its cursor, one task at a time', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/tasks?assignee=dora&sort=overdue_balance&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await acme.api('GET', query);
      seen.push(...res.body.data.map((t: { title: string }) => t.title.replace('Call ', '')));
      cursor = res.body.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(['Big', 'Old', 'Many', 'Current']);
  });

  it('filters by debtor, kind, due date and status', async () => {
    expect(await titles(`debtorId=${big}`)).toEqual(['Big']);
    expect(await titles('kind=manual&dueBefore=2026-12-03')).toEqual(['Current', 'Old']);
    expect(await titles('kind=phone_call')).toEqual([]);
    expect(await titles('status=done')).toEqual([]);
  });

  it('reads `me` as the caller', async () => {
    const dora = await caller(acme.tenantId, undefined, 'dora');
    const res = await dora('GET', '/api/v1/tasks?assignee=me');
    expect(res.body.data).toHaveLength(4);
  });

  it('refuses bad input naming the field', async () => {
    const sort = await acme.api('GET', '/api/v1/tasks?sort=name');
    expect(sort.status).toBe(400);
    expect(sort.body.field).toBe('sort');
    const cursor = await acme.api('GET', '/api/v1/tasks?cursor=nonsense');
    expect(cursor.status).toBe(400);
    expect(cursor.body.field).toBe('cursor');
    const title = await acme.api('POST', '/api/v1/tasks', { debtorId: big, dueOn: '2026-12-01' });
    expect(title.status).toBe(400);
    expect(title.body.field).toBe('title');
    const due = await acme.api('POST', '/api/v1/tasks', { debtorId: big, title: 'x', dueOn: '2026-02-30' });
    expect(due.status).toBe(400);
    expect(due.body.field).toBe('dueOn');
  });
});

describe('a task', () => {
  it('goes to the debtor’s collector unless assigned, and is created once per Idempotency-Key', async () => {
    const debtor = await debtorWith('Collected', [], null, 'erin');
    const payload = {
      debtorId: debtor,
      title: 'Check the address',
      dueOn: '2026-12-10',
      body: 'Mail bounced',
    };
    const headers = { 'idempotency-key': 'task-once' };
    const first = await acme.api('POST', '/api/v1/tasks', payload, headers);
    const again = await acme.api('POST', '/api/v1/tasks', payload, headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'manual',
      assignee: 'erin',
      status: 'open',
      createdBy: 'usr_test',
    });
    expect(again.body.id).toBe(first.body.id);
    expect((await acme.api('GET', `/api/v1/tasks?debtorId=${debtor}`)).body.data).toHaveLength(1);
  });

  it('is changed while open, completed with its outcome once, and then refused (409)', async () => {
    const open = await task(big, 'Call about the big invoice', '2026-12-05', 'dora');
    const moved = await acme.api('PATCH', `/api/v1/tasks/${open.id}`, {
      dueOn: '2026-12-06',
      assignee: null,
    });
    expect(moved.body).toMatchObject({ dueOn: '2026-12-06', assignee: null });
    const outcome = { result: 'promise_recorded', note: 'Pays Friday', promiseId: newId('promise') };
    const done = await acme.api('POST', `/api/v1/tasks/${open.id}/complete`, { outcome });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome, completedBy: 'usr_test' });
    expect(done.body.completedAt).toBeTruthy();
    for (const [method, path, body] of [
      ['POST', 'complete', { outcome }],
      ['POST', 'cancel', undefined],
      ['PATCH', '', { title: 'Again' }],
    ] as const) {
      const res = await acme.api(method, `/api/v1/tasks/${open.id}${path ? `/${path}` : ''}`, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('task_not_open');
    }
    expect((await acme.api('GET', `/api/v1/tasks/${open.id}`)).body.status).toBe('done');
  });

  it('is cancelled', async () => {
    const open = await task(big, 'No longer needed', '2026-12-05');
    const res = await acme.api('POST', `/api/v1/tasks/${open.id}/cancel`);
    expect(res.body).toMatchObject({ status: 'cancelled', outcome: null });
  });

  it('refuses an outcome it does not know, naming the field', async () => {
    const open = await task(big, 'Call', '2026-12-05');
    const res = await acme.api('POST', `/api/v1/tasks/${open.id}/complete`, {
      outcome: { result: 'shouted' },
    });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('outcome.result');
  });

  it("is invisible to another tenant (404), as is another tenant's debtor", async () => {
    const open = await task(big, 'Mine', '2026-12-05');
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { title: 'Theirs' }],
      ['POST', '/complete', { outcome: { result: 'done' } }],
      ['POST', '/cancel', undefined],
    ] as const) {
      const res = await other.api(method, `/api/v1/tasks/${open.id}${path}`, body);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('task_not_found');
    }
    expect((await other.api('GET', '/api/v1/tasks?status=open')).body.data).toEqual([]);
    const theirs = await other.api('POST', '/api/v1/tasks', {
      debtorId: big,
      title: 'x',
      dueOn: '2026-12-01',
    });
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('debtor_not_found');
  });
});

describe('reassignment in bulk', () => {
  it("hands one collector's open tasks and debtors to another, and says how many", async () => {
    const first = await debtorWith('Frank-1', [], null, 'frank');
    const second = await debtorWith('Frank-2', [], null, 'frank');
    const gina = await debtorWith('Gina-1', [], null, 'gina');
    await task(first, 'F1', '2026-12-01');
    await task(second, 'F2', '2026-12-01');
    await task(gina, 'G1', '2026-12-01');
    const closed = await task(first, 'F-done', '2026-12-01');
    await acme.api('POST', `/api/v1/tasks/${closed.id}/complete`, { outcome: { result: 'done' } });

    const res = await acme.api('POST', '/api/v1/tasks/reassign', { from: 'frank', to: 'hank' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ tasks: 2, debtors: 2 });
    expect(
      (await acme.api('GET', '/api/v1/tasks?assignee=hank')).body.data.map((t: { title: string }) => t.title),
    ).toEqual(['F1', 'F2']);
    expect((await acme.api('GET', '/api/v1/tasks?assignee=frank')).body.data).toEqual([]);
    expect((await acme.api('GET', `/api/v1/tasks/${closed.id}`)).body.assignee).toBe('frank');
    expect((await acme.api('GET', `/api/v1/debtors/${first}`)).body.collector).toBe('hank');
    expect((await acme.api('GET', `/api/v1/debtors/${gina}`)).body.collector).toBe('gina');
  });

  it('leaves the debtors when told to, and refuses a reassignment to the same collector', async () => {
    const debtor = await debtorWith('Ivy-1', [], null, 'ivy');
    await task(debtor, 'I1', '2026-12-01');
    const res = await acme.api('POST', '/api/v1/tasks/reassign', {
      from: 'ivy',
      to: 'jo',
      includeDebtors: false,
    });
    expect(res.body).toEqual({ tasks: 1, debtors: 0 });
    expect((await acme.api('GET', `/api/v1/debtors/${debtor}`)).body.collector).toBe('ivy');
    const same = await acme.api('POST', '/api/v1/tasks/reassign', { from: 'ivy', to: 'ivy' });
    expect(same.status).toBe(400);
    expect(same.body.field).toBe('to');
  });

  it("does not touch another tenant's work", async () => {
    const res = await other.api('POST', '/api/v1/tasks/reassign', { from: 'dora', to: 'kim' });
    expect(res.body).toEqual({ tasks: 0, debtors: 0 });
    expect((await acme.api('GET', '/api/v1/tasks?assignee=dora')).body.data.length).toBeGreaterThan(0);
  });
});
