import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../../app/test-api.ts';
import { withTenantClient } from '../../db/tenant-scope.ts';
import { startJobWorker } from '../../jobs/job-worker.ts';
import { until } from '../../shared/until.ts';
import { matchTenant } from './match-tenant.ts';
import { type MatchingCounts, NO_ENTRIES } from './matching-counts.ts';
import { enqueueMatching, matchingJobs } from './matching-jobs.ts';
import { matchingLockKey } from './statement-lock.ts';
import { sweepUnmatched } from './sweep-unmatched.ts';
import { insertStatement } from './test-entries.ts';
import { camtStatement, type TestCamtEntry } from './test-statement-file.ts';

// Matching as background work on a real PostgreSQL with the real job worker (graphile-worker): the
// import's answer, the job its commit wakes, the sweep that heals a crash, and the counts.
const INLINE_MAX = 7;
const { db, newTenant } = await createTestApi({ config: { bankMatchInlineMax: INLINE_MAX } });
const worker = await startJobWorker({
  connectionString: db.url,
  logger: pino({ level: 'silent' }),
  pollInterval: 100,
  jobs: [matchingJobs({ orm: db.orm })],
});
afterAll(() => worker.stop());

const ACCOUNT = 'NL20INGB0001234567';
const xml = { 'content-type': 'application/xml' };
let tenants = 0;

/** A tenant whose debtor has `count` open invoices F-1 … (€10.01, €10.02 …), each with its own reference. */
async function ledger(count: number) {
  const tenant = await newTenant(`Matching job ${++tenants}`);
  const { api, administrationId } = tenant;
  await api('PUT', `/api/v1/bank-accounts/${ACCOUNT}`, { administrationId });
  const debtor = await api('POST', '/api/v1/debtors', { administrationId, number: 'D1', name: 'Debtor D1' });
  const invoices: string[] = [];
  for (let i = 1; i <= count; i++) {
    const res = await api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId: debtor.body.id,
      number: `F-${i}`,
      issueDate: '2026-01-05',
      amount: 1000 + i,
      paymentReference: `ORDER-${i}`,
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    invoices.push(res.body.id);
  }
  /** A credit paying invoice F-i exactly. */
  const paying = (i: number): TestCamtEntry => ({ cents: 1000 + i, reference: `ORDER-${i}` });
  const importFile = (entries: TestCamtEntry[]) =>
    api('POST', '/api/v1/bank-statements', camtStatement(ACCOUNT, `STMT-${tenants}`, entries), xml);
  const payments = async () =>
    (await api('GET', `/api/v1/payments?debtorId=${debtor.body.id}&limit=100`)).body.data as Json[];
  const statusOf = async (invoiceId: string) =>
    (await api('GET', `/api/v1/invoices/${invoiceId}`)).body.status;
  const matches = () =>
    withTenantClient(db.orm, tenant.tenantId, async (client) => {
      const { rows } = await client.query<{ entry_id: string; n: string }>(
        'select entry_id, count(*) as n from statement_match group by entry_id',
      );
      return rows.map((row) => Number(row.n));
    });
  return { ...tenant, invoices, paying, importFile, payments, statusOf, matches };
}

type Ledger = Awaited<ReturnType<typeof ledger>>;

/** Moves the tenant's entries back in time, as if stored `minutes` ago (the sweep's minute has passed). */
async function age(tenantId: string, minutes: number) {
  await withTenantClient(db.orm, tenantId, (client) =>
    client.query(`update bank_statement_entry set created_at = now() - make_interval(mins => $1)`, [minutes]),
  );
}

/** Every invoice paid, by one payment each and one match per entry: matched exactly once. */
async function expectPaidOnce(l: Ledger) {
  for (const invoice of l.invoices) expect(await l.statusOf(invoice)).toBe('paid');
  const payments = await l.payments();
  expect(payments).toHaveLength(l.invoices.length);
  expect(new Set(payments.map((p) => p.externalId)).size).toBe(l.invoices.length);
  expect(await l.matches()).toEqual(l.invoices.map(() => 1));
}

const counts = (over: Partial<MatchingCounts>): MatchingCounts => ({ ...NO_ENTRIES, ...over });

describe('when matching runs', () => {
  it('matches a small import before answering, and says so with its counts', async () => {
    const l = await ledger(3);
    const res = await l.importFile([l.paying(1), l.paying(2), l.paying(3)]);
    expect(res.status).toBe(200);
    expect(res.body.matching).toBe('done');
    expect(res.body.statements[0].matching).toEqual(counts({ matched: 3 }));
    for (const invoice of l.invoices) expect(await l.statusOf(invoice)).toBe('paid');
    const statement = await l.api('GET', `/api/v1/bank-statements/${res.body.statements[0].statementId}`);
    expect(statement.body.matching).toEqual(counts({ matched: 3 }));
  });

  it('answers a large import before matching it; the job its commit wakes then matches every entry once', async () => {
    const l = await ledger(INLINE_MAX + 1);
    // Payments wait for this transaction: a job that matched before the answer could not finish.
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    let res: Awaited<ReturnType<Ledger['importFile']>> | 'waited';
    try {
      await blocker.query('begin');
      await blocker.query('lock table payment in share mode');
      const answer = l.importFile(l.invoices.map((_, i) => l.paying(i + 1)));
      // An import that matched before answering would wait here for the lock.
      res = await Promise.race([answer, new Promise<'waited'>((done) => setTimeout(done, 10_000, 'waited'))]);
    } finally {
      await blocker.query('commit');
      await blocker.end();
    }
    if (res === 'waited') throw new Error('the import answered only after matching');
    expect(res.status).toBe(200);
    expect(res.body.matching).toBe('background');
    expect(res.body.statements[0].matching).toEqual(counts({ pending: INLINE_MAX + 1 }));
    const statementId = res.body.statements[0].statementId;
    const matched = await until(
      async () => (await l.api('GET', `/api/v1/bank-statements/${statementId}`)).body.matching,
      (matching) => matching.matched === INLINE_MAX + 1,
      20_000,
    );
    expect(matched).toEqual(counts({ matched: INLINE_MAX + 1 }));
    await expectPaidOnce(l);
  });
});

describe('a crash between the import’s commit and its matching', () => {
  it('is healed by the sweep, a minute later, matching each entry exactly once', async () => {
    const l = await ledger(3);
    // Stored and committed, never matched: what a process killed right after the commit leaves.
    await insertStatement(db.orm, l.tenantId, l.administrationId, [
      { amount: 1001, creditorReference: 'ORDER-1' },
      { amount: 1002, creditorReference: 'ORDER-2' },
      { amount: 1003, creditorReference: 'ORDER-3' },
    ]);
    const wake = (tenantId: string) => enqueueMatching(worker.runner.addJob.bind(worker.runner), tenantId);
    // Within the minute the import (or the job its commit woke) may still be at it: left alone.
    expect(await sweepUnmatched(db.orm, wake)).not.toContain(l.tenantId);
    await age(l.tenantId, 2);
    expect(await sweepUnmatched(db.orm, wake)).toContain(l.tenantId);
    await until(l.payments, (payments) => payments.length === 3, 20_000);
    // Swept and matched again: nothing is due, nothing booked twice.
    expect(await sweepUnmatched(db.orm, wake)).not.toContain(l.tenantId);
    expect(await matchTenant(db.orm, l.tenantId)).toEqual([]);
    await expectPaidOnce(l);
  });

  it('leaves a statement to the live process matching it, and takes it over when that process dies', async () => {
    const l = await ledger(2);
    await insertStatement(db.orm, l.tenantId, l.administrationId, [
      { amount: 1001, creditorReference: 'ORDER-1' },
      { amount: 1002, creditorReference: 'ORDER-2' },
    ]);
    await age(l.tenantId, 2);
    const [{ statement_id: statementId }] = (await withTenantClient(db.orm, l.tenantId, async (client) => {
      return (
        await client.query<{ statement_id: string }>('select distinct statement_id from bank_statement_entry')
      ).rows;
    })) as [{ statement_id: string }];
    // Another process holds the statement's lock, as an import matching it does.
    const holder = new pg.Client({ connectionString: db.url });
    holder.on('error', () => {});
    await holder.connect();
    await holder.query('select pg_advisory_lock(hashtextextended($1, 0))', [
      matchingLockKey(l.tenantId, statementId),
    ]);
    const busy = await matchTenant(db.orm, l.tenantId);
    expect(busy).toEqual([
      {
        statementId,
        busy: true,
        summary: { outcomes: expect.any(Object), failures: [], bookedInBulk: 0, givenUp: [] },
      },
    ]);
    expect(await l.payments()).toEqual([]);
    // The process dies: its connection goes, and its lock with it.
    const { rows } = await holder.query<{ pid: number }>('select pg_backend_pid() as pid');
    await db.orm.em.fork().execute('select pg_terminate_backend(?)', [rows[0]?.pid]);
    await until(
      () => matchTenant(db.orm, l.tenantId),
      (results) => results.every((r) => !r.busy),
      10_000,
    );
    await expectPaidOnce(l);
  });
});

describe('the matching summary', () => {
  it('counts matched, returned, queued, ignored, failed and not booked from the entries, after a retry too', async () => {
    const l = await ledger(3);
    // A payment this database refuses, as a constraint or a changed invoice would: matching fails on it.
    await db.orm.em.fork().execute(`
      create function refuse_test_payment() returns trigger language plpgsql as $$
      begin if new.amount = 1003 then raise exception 'refused by the test'; end if; return new; end $$;
      create trigger refuse_test_payment before insert on payment for each row execute function refuse_test_payment();`);
    let res: Awaited<ReturnType<Ledger['importFile']>>;
    try {
      res = await l.importFile([
        l.paying(1),
        { ...l.paying(2), endToEndId: 'E2E-BACK' },
        { cents: 1002, creditDebit: 'DBIT', endToEndId: 'E2E-BACK' },
        { cents: 500, text: 'no idea what this is' },
        { cents: 300, creditDebit: 'DBIT', text: 'bank costs' },
        l.paying(3),
        { ...l.paying(3), status: 'PDNG' },
      ]);
    } finally {
      await db.orm.em
        .fork()
        .execute('drop trigger refuse_test_payment on payment; drop function refuse_test_payment();');
    }
    expect(res.status).toBe(200);
    expect(res.body.matching).toBe('done');
    const statementId = res.body.statements[0].statementId;
    // F-1 matched, F-2's credit returned by the debit (matched), two queued, F-3 failed, one pending at the bank.
    expect(res.body.statements[0].matching).toEqual(
      counts({ matched: 2, returned: 1, queued: 2, failed: 1, notBooked: 1 }),
    );
    const queue = await l.api('GET', `/api/v1/reconciliation/entries?statementId=${statementId}&kind=credit`);
    const unknown = queue.body.data.find((entry: Json) => entry.amount.amount === 500);
    const ignored = await l.api('POST', `/api/v1/reconciliation/entries/${unknown.id}/ignore`, {
      reason: 'a test',
    });
    expect(ignored.status).toBe(200);
    // Failed an hour ago: the sweep's retry books it now.
    await withTenantClient(db.orm, l.tenantId, (client) =>
      client.query(
        `update bank_statement_entry set match_failed_at = now() - interval '2 hours' where match_failed_at is not null`,
      ),
    );
    await age(l.tenantId, 2);
    await matchTenant(db.orm, l.tenantId);
    const statement = await l.api('GET', `/api/v1/bank-statements/${statementId}`);
    expect(statement.body.matching).toEqual(
      counts({ matched: 3, returned: 1, queued: 1, ignored: 1, notBooked: 1 }),
    );
    expect(await l.statusOf(l.invoices[2] as string)).toBe('paid');
  });
});

describe('an entry matching keeps failing on', () => {
  it('is tried less often each time, shows why in the queue, and after the eighth failure waits for a person', async () => {
    const l = await ledger(5);
    await db.orm.em.fork().execute(`
      create function refuse_payment_1005() returns trigger language plpgsql as $$
      begin if new.amount = 1005 then raise exception 'refused by the test (secret detail)'; end if; return new; end $$;
      create trigger refuse_payment_1005 before insert on payment for each row execute function refuse_payment_1005();`);
    try {
      const res = await l.importFile([l.paying(5)]);
      expect(res.body.statements[0].matching).toEqual(counts({ failed: 1 }));
      const failure = async () => {
        const queue = await l.api('GET', '/api/v1/reconciliation/entries');
        expect(queue.status).toBe(200);
        const [entry] = queue.body.data as Json[];
        return { ...(entry?.matchFailure as Json), id: entry?.id as string } as Json;
      };
      const first = await failure();
      // What failed inside the database stays in the log: the queue says only that it was internal.
      expect(first).toMatchObject({ attempts: 1, error: 'an internal error (its details are in the log)' });
      expect(JSON.stringify(first)).not.toContain('secret');
      const hours = (f: Json) => (Date.parse(f.retryAt) - Date.parse(f.lastAt)) / 3_600_000;
      expect(hours(first)).toBe(1);

      /** Moves the last failure `minutes` into the past, then lets the job match the tenant. */
      const later = async (minutes: number) => {
        await withTenantClient(db.orm, l.tenantId, (client) =>
          client.query(
            `update bank_statement_entry set match_failed_at = now() - make_interval(mins => $1)
             where match_failed_at is not null`,
            [minutes],
          ),
        );
        return matchTenant(db.orm, l.tenantId);
      };
      // Not yet due an hour after the second failure, which waits two.
      await later(61);
      const second = await failure();
      expect(second).toMatchObject({ attempts: 2 });
      expect(hours(second)).toBe(2);
      await later(61);
      expect(await failure()).toMatchObject({ attempts: 2 });

      // The waits double up to a day: 4, 8, 16, 24 and 24 hours after the third to seventh failures.
      const waits: number[] = [];
      for (let attempt = 3; attempt <= 7; attempt++) {
        await later(25 * 60);
        const now = await failure();
        expect(now.attempts).toBe(attempt);
        waits.push(hours(now));
      }
      expect(waits).toEqual([4, 8, 16, 24, 24]);

      // The eighth failure is the last: the job says so, and nothing tries the entry again.
      const [last] = await later(25 * 60);
      expect(last?.summary.givenUp).toEqual([first.id]);
      expect(await failure()).toMatchObject({ attempts: 8, retryAt: null });
      expect(await later(30 * 24 * 60)).toEqual([]);
      expect((await failure()).attempts).toBe(8);
    } finally {
      await db.orm.em
        .fork()
        .execute('drop trigger refuse_payment_1005 on payment; drop function refuse_payment_1005();');
    }

    // A person matches it from the queue.
    const [entry] = (await l.api('GET', '/api/v1/reconciliation/entries')).body.data as Json[];
    const matched = await l.api('POST', `/api/v1/reconciliation/entries/${entry?.id}/match`, {
      allocations: [{ invoiceId: l.invoices[4], amount: 1005 }],
    });
    expect(matched.status).toBe(200);
    expect(matched.body).toMatchObject({ matchStatus: 'matched', matchFailure: null });
    expect(await l.statusOf(l.invoices[4] as string)).toBe('paid');
  });
});
