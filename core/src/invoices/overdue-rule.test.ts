import type { PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { businessDateSql } from '../administrations/business-date.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { insertLedger } from '../db/test-ledger.ts';
import { newId } from '../shared/ids.ts';
import { addDays } from '../shared/iso-date.ts';
import { OVERDUE_INVOICES_SQL, pastDueSql } from './overdue-rule.ts';

const db = await createTestDatabase();
const tenantId = newId('tenant');

// UTC+14 and UTC−11: 25 hours apart, so their calendar dates differ at every moment of the day.
const EAST = 'Pacific/Kiritimati';
const WEST = 'Pacific/Pago_Pago';

async function ledger(client: PoolClient) {
  const administrations: Record<string, { id: string; debtorId: string }> = {};
  for (const timeZone of [EAST, WEST]) {
    const ids = { tenantId, administrationId: newId('administration') };
    const debtorId = newId('debtor');
    await insertLedger(client, ids, { timeZone, debtors: [{ id: debtorId, number: 'D1' }] });
    administrations[timeZone] = { id: ids.administrationId, debtorId };
  }
  return administrations;
}

describe('the overdue rule and the business date', () => {
  it('measure a due date against the business date in each administration’s own time zone', async () => {
    await withTenantClient(db.orm, tenantId, async (client) => {
      const administrations = await ledger(client);
      const today = async (zone: string) =>
        (await client.query<{ d: string }>(`select (now() at time zone $1)::date::text as d`, [zone])).rows[0]
          ?.d as string;
      const [east, west] = [await today(EAST), await today(WEST)];
      expect(east > west).toBe(true);

      const invoice = async (
        zone: string,
        number: string,
        dueDate: string,
        fields: { documentType?: string; amount?: number; openAmount?: number; status?: string } = {},
      ) => {
        const { id: administrationId, debtorId } = administrations[zone] as { id: string; debtorId: string };
        const amount = fields.amount ?? 1000;
        await client.query(
          `insert into invoice (id, tenant_id, administration_id, debtor_id, number, document_type, issue_date,
                                due_date, amount, open_amount, currency, status)
           values ($1, $2, $3, $4, $5, $6, $7::date - 30, $7, $8, $9, 'EUR', $10)`,
          [
            newId('invoice'),
            tenantId,
            administrationId,
            debtorId,
            number,
            fields.documentType ?? 'invoice',
            dueDate,
            amount,
            fields.openAmount ?? amount,
            fields.status ?? 'open',
          ],
        );
      };
      // Due on the west's today: already past in the east, not yet in the west.
      await invoice(EAST, 'E-due-west-today', west);
      await invoice(WEST, 'W-due-today', west);
      await invoice(WEST, 'W-due-yesterday', addDays(west, -1));
      // Not overdue, though open and past due: a credit note, a paid invoice.
      await invoice(WEST, 'W-credit-note', addDays(west, -5), { documentType: 'credit_note', amount: -500 });
      await invoice(WEST, 'W-paid', addDays(west, -5), { openAmount: 0, status: 'paid' });

      const overdue = await client.query<{ number: string; days_overdue: number; today: string }>(
        `select number, days_overdue, today::text from ${OVERDUE_INVOICES_SQL} o order by number`,
      );
      expect(overdue.rows).toEqual([
        { number: 'E-due-west-today', days_overdue: daysBetween(west, east), today: east },
        { number: 'W-due-yesterday', days_overdue: 1, today: west },
      ]);

      // The list filter's documented meaning: open and due before the business date, credit notes too.
      const pastDue = await client.query<{ number: string }>(
        `select number from invoice i where ${pastDueSql('i')} order by number`,
      );
      expect(pastDue.rows.map((r) => r.number)).toEqual([
        'E-due-west-today',
        'W-credit-note',
        'W-due-yesterday',
      ]);

      const dates = await client.query<{ zone: string; today: string }>(
        `select a.time_zone as zone, ${businessDateSql('a.id')}::text as today from administration a order by 1`,
      );
      expect(dates.rows).toEqual([
        { zone: EAST, today: east },
        { zone: WEST, today: west },
      ]);
    });
  });
});

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}
