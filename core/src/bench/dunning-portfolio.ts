import { createAdministration } from '../administrations/administration-service.ts';
import { copyRows } from '../db/copy-rows.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import type { StrategyDefinition } from '../dunning/index.ts';
import { writeSettings } from '../dunning/settings-store.ts';
import { createStrategy } from '../dunning/strategy-store.ts';
import { newId } from '../shared/ids.ts';
import { addDays } from '../shared/iso-date.ts';

/**
 * The dunning bench's generated portfolio: an administration with one two-step strategy as its
 * default, and open invoices of a tenth as many debtors (10% of them in groups dunned at the parent),
 * due over the 90 days before the as-of date, written with COPY.
 */

/** The business date the bench runs as. */
export const AS_OF = '2026-12-01';
const INVOICES_PER_DEBTOR = 10;
/** Groups of one parent (dunned at group level) and four children: 10% of the debtors are in groups. */
const GROUP_SIZE = 5;
const GROUPED_EVERY = 50;
/** The first step: 7 days after the oldest due date, as the bench strategy says. */
export const FIRST_STEP_DAYS = 7;
const text = { text: 'Please pay {{ reminder.totalDue }}' };
const BENCH_STRATEGY: StrategyDefinition = {
  defaultLanguage: 'en',
  steps: [
    {
      name: 'First reminder',
      action: 'email',
      offsetDays: FIRST_STEP_DAYS,
      from: 'due_date',
      templates: { en: text },
    },
    {
      name: 'Second reminder',
      action: 'email',
      offsetDays: 14,
      from: 'previous_step',
      templates: { en: text },
    },
  ],
};

export interface Portfolio {
  tenantId: string;
  administrationId: string;
  invoices: number;
}

/** An administration with a default strategy and a generated portfolio, written with COPY. */
export async function generatePortfolio(
  orm: Orm,
  tenantId: string,
  code: string,
  invoices: number,
  log: (line: string) => void,
): Promise<Portfolio> {
  const administration = await createAdministration(tenantEm(orm, tenantId), tenantId, {
    code,
    name: `Bench ${code}`,
    currency: 'EUR',
    timeZone: 'Europe/Amsterdam',
    country: 'NL',
    paymentTermDays: 30,
  });
  const administrationId = administration.id;
  await tenantEm(orm, tenantId).transactional(async (em) => {
    const strategy = await createStrategy(
      em,
      tenantId,
      { administrationId, name: 'Bench', definition: BENCH_STRATEGY },
      'bench',
    );
    await writeSettings(em, tenantId, administrationId, { defaultStrategyId: strategy.id });
  });
  const debtorCount = Math.max(Math.ceil(invoices / INVOICES_PER_DEBTOR), 1);
  log(
    `Generating ${invoices.toLocaleString('en')} invoices of ${debtorCount.toLocaleString('en')} debtors (${code}) …`,
  );
  await withTenantClient(orm, tenantId, async (client) => {
    // COPY does not write through row-level security: the bench's own (owner) connection writes.
    await client.query('set local role none');
    const ids = Array.from({ length: debtorCount }, () => newId('debtor'));
    const debtors = ids.map((id, i) => {
      const inGroup = i % GROUPED_EVERY < GROUP_SIZE;
      const parent = inGroup && i % GROUPED_EVERY !== 0 ? ids[i - (i % GROUPED_EVERY)] : null;
      const groupDunning = inGroup && i % GROUPED_EVERY === 0;
      return [
        id,
        tenantId,
        administrationId,
        `D${i}`,
        `Debtor ${i}`,
        i % 3 === 0 ? 'b2c' : 'b2b',
        parent,
        groupDunning,
      ];
    });
    await copyRows(
      client,
      'debtor',
      ['id', 'tenant_id', 'administration_id', 'number', 'name', 'type', 'parent_id', 'group_dunning'],
      debtors,
    );
    for (let start = 0; start < invoices; start += 100_000) {
      const rows = [];
      for (let k = start; k < Math.min(invoices, start + 100_000); k++) {
        const due = addDays(AS_OF, -((k * 7919) % 90) - 1);
        const amount = 1_000 + ((k * 104_729) % 500_000);
        rows.push([
          newId('invoice'),
          tenantId,
          administrationId,
          ids[k % debtorCount],
          `I${k}`,
          'invoice',
          addDays(due, -30),
          due,
          amount,
          amount,
          'EUR',
          'open',
        ]);
      }
      await copyRows(
        client,
        'invoice',
        [
          'id',
          'tenant_id',
          'administration_id',
          'debtor_id',
          'number',
          'document_type',
          'issue_date',
          'due_date',
          'amount',
          'open_amount',
          'currency',
          'status',
        ],
        rows,
      );
    }
  });
  const pool = await orm.em.getConnection().getNativeClient();
  // Vacuumed as well as analyzed: else autovacuum takes up the freshly loaded tables at a moment of
  // its choosing, in the middle of whichever side is being timed.
  await pool.query('vacuum analyze debtor');
  await pool.query('vacuum analyze invoice');
  return { tenantId, administrationId, invoices };
}
