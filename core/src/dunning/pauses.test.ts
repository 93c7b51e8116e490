import { describe, expect, it } from 'vitest';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { insertLedger } from '../db/test-ledger.ts';
import { createTask } from '../tasks/index.ts';
import { liftPauses, placePause } from './pauses.ts';

const db = await createTestDatabase();
const ids = { tenantId: 'ten_pauses', administrationId: 'adm_pauses' };
await withTenantClient(db.orm, ids.tenantId, (client) =>
  insertLedger(client, ids, { debtors: [{ id: 'dbt_a', number: 'A' }] }),
);
const em = () => tenantEm(db.orm, ids.tenantId);

describe('pauses', () => {
  it('places a pause once per source and lifts it once', async () => {
    const pause = {
      administrationId: ids.administrationId,
      debtorId: 'dbt_a',
      kind: 'promise' as const,
      sourceId: 'prm_1',
      startsOn: '2026-12-01',
      endsOn: '2026-12-20',
    };
    const first = await em().transactional((tx) => placePause(tx, ids.tenantId, pause));
    const again = await em().transactional((tx) => placePause(tx, ids.tenantId, pause));
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);

    const lifted = await em().transactional((tx) =>
      liftPauses(tx, { kind: 'promise', sourceId: 'prm_1' }, 'broken'),
    );
    expect(lifted).toEqual([
      { id: first[0], administrationId: ids.administrationId, debtorId: 'dbt_a', invoiceId: null },
    ]);
    expect(
      await em().transactional((tx) => liftPauses(tx, { kind: 'promise', sourceId: 'prm_1' }, 'broken')),
    ).toEqual([]);
  });
});

describe('tasks', () => {
  it('creates a task once per key, assigned to the debtor’s collector by default', async () => {
    await em().execute(`update debtor set collector = 'usr_jan' where id = 'dbt_a'`);
    const input = {
      administrationId: ids.administrationId,
      debtorId: 'dbt_a',
      kind: 'phone_call',
      title: 'Call about the overdue invoices',
      dueOn: '2026-12-07',
      idempotencyKey: 'action:dac_1',
    };
    const first = await em().transactional((tx) => createTask(tx, ids.tenantId, input));
    const again = await em().transactional((tx) => createTask(tx, ids.tenantId, input));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const [row] = await em().execute<{ assignee: string }[]>('select assignee from task where id = ?', [
      first.id,
    ]);
    expect(row?.assignee).toBe('usr_jan');
  });
});
