import type { Money } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf, forEachAdministration } from '../administrations/index.ts';
import type { Orm } from '../db/orm.ts';
import { readDebtorRecords } from '../debtors/debtor-records.ts';
import { queryIn } from '../events/event-sql.ts';
import { recordEvents } from '../events/index.ts';
import { newId } from '../shared/ids.ts';
import { type LimitUse, limitUse } from './limit-use.ts';
import { paymentScore } from './payment-score.ts';
import { type DebtorRiskFacts, readRiskFacts } from './risk-facts.ts';

export const LIMIT_EXCEEDED_EVENT = 'debtor.credit_limit_exceeded';

export interface RiskRefresh {
  debtors: number;
  exceeded: number;
  within: number;
}

/**
 * Recomputes the stored risk of every debtor of one administration, in the caller's transaction:
 * 1. one refresh at a time per administration (an advisory lock), so a crossing is seen once;
 * 2. the facts, set-based (risk-facts.ts), as of the business date (`asOf`: a test's fixed date);
 * 3. per debtor, the score (payment-score.ts) and the limit use (limit-use.ts), both pure;
 * 4. the rows written in one statement;
 * 5. each crossing recorded, all in two statements: over the limit where it was not (a
 *    `credit_limit_crossing` row, and the `debtor.credit_limit_exceeded` event through the outbox), or
 *    back within it (a row only). A debtor that stays over its limit is not warned again, however its
 *    balance moves.
 */
export async function refreshRisk(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  options: { asOf?: string } = {},
): Promise<RiskRefresh> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`risk:${administrationId}`]);
  const asOf = options.asOf ?? (await businessDateOf(em, administrationId));
  const facts = await readRiskFacts(em, administrationId, asOf);
  const rows = facts.map((f) => ({
    facts: f,
    score: paymentScore(f.score),
    use: limitUse(f.limit, f.balances),
  }));
  // Bound by the driver (queryIn), not spelled into the text: MikroORM's execute escapes each parameter
  // in JavaScript, 4 of the 7 s of this statement for 92,000 debtors (a 40 MB document).
  await queryIn(
    em,
    `insert into debtor_risk (tenant_id, debtor_id, administration_id, score, inputs, paid_invoices,
       days_beyond_terms, computed_on, computed_at, limit_currency, limit_amount, limit_open, over_limit)
     select $1, r.debtor_id, $2, r.score, r.inputs, r.paid_invoices, r.days_beyond_terms, $3::date, now(),
       r.limit_currency, r.limit_amount, r.limit_open, r.over_limit
     from jsonb_to_recordset($4::jsonb) as r(debtor_id text, score integer, inputs jsonb, paid_invoices integer,
       days_beyond_terms numeric, limit_currency text, limit_amount bigint, limit_open bigint, over_limit boolean)
     on conflict (tenant_id, debtor_id) do update set score = excluded.score, inputs = excluded.inputs,
       paid_invoices = excluded.paid_invoices, days_beyond_terms = excluded.days_beyond_terms,
       computed_on = excluded.computed_on, computed_at = excluded.computed_at,
       limit_currency = excluded.limit_currency, limit_amount = excluded.limit_amount,
       limit_open = excluded.limit_open, over_limit = excluded.over_limit`,
    [
      tenantId,
      administrationId,
      asOf,
      JSON.stringify(
        rows.map(({ facts: f, score, use }) => ({
          debtor_id: f.debtorId,
          score: score.score,
          inputs: score.inputs,
          paid_invoices: f.score.paidInvoices,
          days_beyond_terms: f.score.daysBeyondTerms,
          limit_currency: use?.limit.currency ?? null,
          limit_amount: use?.limit.amount ?? null,
          limit_open: use?.open.amount ?? null,
          over_limit: use?.exceeded ?? false,
        })),
      ),
    ],
  );
  const crossings = rows.filter(({ facts: f, use }) => (use?.exceeded ?? false) !== f.wasOverLimit);
  const records = new Map(
    (
      await readDebtorRecords(
        em,
        crossings.filter((c) => c.use?.exceeded).map((c) => c.facts.debtorId),
      )
    ).map((r) => [r.id, r]),
  );
  const refresh: RiskRefresh = {
    debtors: rows.length,
    exceeded: crossings.filter((c) => c.use?.exceeded).length,
    within: crossings.filter((c) => !c.use?.exceeded).length,
  };
  await recordCrossings(em, tenantId, administrationId, crossings, records);
  return refresh;
}

/**
 * The crossings, set-based whatever their count (a first refresh may find thousands of debtors over
 * their limits): the `debtor.credit_limit_exceeded` events in one insert, then the
 * `credit_limit_crossing` rows, each over-the-limit one pointing at its event, in another.
 */
async function recordCrossings(
  em: EntityManager,
  tenantId: string,
  administrationId: string,
  crossings: readonly { facts: DebtorRiskFacts; use: LimitUse | null }[],
  records: Map<string, unknown>,
): Promise<void> {
  if (crossings.length === 0) return;
  const rows = crossings.map(({ facts, use }) => {
    // A limit removed while over it ends the crossing with what the last refresh stored.
    const { limit, open } = use ?? (facts.previous as { limit: Money; open: Money });
    return { facts, use, limit, open, exceeded: use?.exceeded ?? false };
  });
  const exceeded = rows.filter((row) => row.exceeded);
  const eventIds = await recordEvents(
    em,
    tenantId,
    LIMIT_EXCEEDED_EVENT,
    exceeded.map(({ facts, use, limit, open }) => ({
      debtor: records.get(facts.debtorId),
      limit,
      open,
      usePercent: use?.usePercent ?? null,
    })),
  );
  const eventOf = new Map(exceeded.map((row, i) => [row.facts.debtorId, eventIds[i] as string]));
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  await queryIn(
    em,
    `insert into credit_limit_crossing (tenant_id, id, administration_id, debtor_id, kind, currency, limit_amount,
       open_amount, event_id)
     select $1, c.id, $2, c.debtor_id, c.kind, c.currency, c.limit_amount, c.open_amount, c.event_id
     from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[])
       as c (id, debtor_id, kind, currency, limit_amount, open_amount, event_id)`,
    [
      tenantId,
      administrationId,
      column(() => newId('limitCrossing')),
      column((row) => row.facts.debtorId),
      column((row) => (row.exceeded ? 'exceeded' : 'within')),
      column((row) => row.limit.currency),
      column((row) => row.limit.amount),
      column((row) => row.open.amount),
      column((row) => eventOf.get(row.facts.debtorId) ?? null),
    ],
  );
}

/** Every administration of every tenant (or of `only`), each in its own transaction. */
export async function refreshAllRisk(
  orm: Orm,
  options: { only?: string; asOf?: string } = {},
): Promise<RiskRefresh> {
  const runs = await forEachAdministration(
    orm,
    (em, { tenantId, administrationId }) => refreshRisk(em, tenantId, administrationId, options),
    { only: options.only },
  );
  return runs.reduce(
    (total, one) => ({
      debtors: total.debtors + one.debtors,
      exceeded: total.exceeded + one.exceeded,
      within: total.within + one.within,
    }),
    { debtors: 0, exceeded: 0, within: 0 },
  );
}
