import type { Money } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { creditLimitsSql } from '../debtors/index.ts';
import { disputesOpenedSql } from '../disputes/index.ts';
import { openBalancesSql } from '../invoices/index.ts';
import { brokenArrangementsSql } from '../promises/index.ts';
import { addDays } from '../shared/iso-date.ts';
import { BEHAVIOUR, paymentDelays } from './payment-delays.ts';
import { NO_HISTORY, type ScoreFacts } from './payment-score.ts';

/** What the refresh knows of one debtor: its score's inputs, its limit and its open balances. */
export interface DebtorRiskFacts {
  debtorId: string;
  score: ScoreFacts;
  limit: Money | null;
  balances: Money[];
  /** Whether the last refresh found it over its limit. */
  wasOverLimit: boolean;
  /** The limit and open amount the last refresh stored, if it had a limit: what a removed limit ends with. */
  previous: { limit: Money; open: Money } | null;
}

/**
 * Every debtor of one administration that has something to say about its risk (a paid invoice, a
 * broken promise, a defaulted plan or a dispute in the window, a limit, or a row from an earlier
 * refresh), read set-based through the owners' fragments, as of a business date.
 */
export async function readRiskFacts(
  em: EntityManager,
  administrationId: string,
  asOf: string,
): Promise<DebtorRiskFacts[]> {
  const since = addDays(asOf, -BEHAVIOUR.lookbackDays);
  const delays = await paymentDelays(em, administrationId, asOf);
  const counts = await em.execute<
    { debtor_id: string; broken_promises: number; missed_instalments: number; disputes: number }[]
  >(
    `select coalesce(b.debtor_id, d.debtor_id) as debtor_id, coalesce(b.broken_promises, 0) as broken_promises,
       coalesce(b.missed_instalments, 0) as missed_instalments, coalesce(d.disputes, 0) as disputes
     from ${brokenArrangementsSql('?', '?::date', '?::date')} b
     full join ${disputesOpenedSql('?', '?::date', '?::date')} d on d.debtor_id = b.debtor_id`,
    [administrationId, since, asOf, administrationId, since, asOf, administrationId, since, asOf],
  );
  const limits = await em.execute<
    { debtor_id: string; credit_limit: string; credit_limit_currency: string }[]
  >(
    `select debtor_id, credit_limit, credit_limit_currency from ${creditLimitsSql('?')} l where l.credit_limit is not null`,
    [administrationId],
  );
  // Balances matter only beside a limit: not a row for every debtor with an open invoice.
  const balances = await em.execute<{ debtor_id: string; currency: string; open_amount: string }[]>(
    `select debtor_id, currency, open_amount from ${openBalancesSql('?')} b
     where b.debtor_id in (select l.debtor_id from ${creditLimitsSql('?')} l where l.credit_limit is not null)`,
    [administrationId, administrationId],
  );
  const previous = await em.execute<
    {
      debtor_id: string;
      over_limit: boolean;
      limit_currency: string | null;
      limit_amount: string | null;
      limit_open: string | null;
    }[]
  >(
    'select debtor_id, over_limit, limit_currency, limit_amount, limit_open from debtor_risk where administration_id = ?',
    [administrationId],
  );

  const facts = new Map<string, DebtorRiskFacts>();
  const of = (debtorId: string): DebtorRiskFacts => {
    let found = facts.get(debtorId);
    if (!found) {
      found = {
        debtorId,
        score: { ...NO_HISTORY },
        limit: null,
        balances: [],
        wasOverLimit: false,
        previous: null,
      };
      facts.set(debtorId, found);
    }
    return found;
  };
  for (const [debtorId, delay] of delays.byDebtor) {
    Object.assign(of(debtorId).score, delay);
  }
  for (const row of counts) {
    Object.assign(of(row.debtor_id).score, {
      brokenPromises: row.broken_promises,
      missedInstalments: row.missed_instalments,
      disputes: row.disputes,
    });
  }
  for (const row of limits) {
    of(row.debtor_id).limit = { amount: Number(row.credit_limit), currency: row.credit_limit_currency };
  }
  for (const row of previous) {
    const debtor = of(row.debtor_id);
    debtor.wasOverLimit = row.over_limit;
    if (row.limit_currency !== null) {
      debtor.previous = {
        limit: { amount: Number(row.limit_amount), currency: row.limit_currency },
        open: { amount: Number(row.limit_open), currency: row.limit_currency },
      };
    }
  }
  for (const row of balances) {
    facts.get(row.debtor_id)?.balances.push({ amount: Number(row.open_amount), currency: row.currency });
  }
  return [...facts.values()];
}
