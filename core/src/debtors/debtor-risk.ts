import type { Money } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';

export interface CreditAssessment {
  score: number;
  rating: string;
  limit: Money;
  checkedAt: Date;
}

/** Stores a debtor's latest external credit assessment, inside the caller's transaction. */
export async function recordCreditAssessment(
  em: EntityManager,
  debtorId: string,
  assessment: CreditAssessment,
): Promise<void> {
  const updated = await em.execute<{ id: string }[]>(
    `update debtor set credit_score = ?, credit_rating = ?, credit_limit = ?, credit_limit_currency = ?,
       credit_checked_at = ?, updated_at = now()
     where id = ? returning id`,
    [
      assessment.score,
      assessment.rating,
      assessment.limit.amount,
      assessment.limit.currency,
      assessment.checkedAt,
      debtorId,
    ],
  );
  if (updated.length === 0) throw notFound('Debtor', debtorId);
}

/**
 * Each debtor of one administration with the credit limit of its latest bureau assessment (null when
 * none): a derived table `(debtor_id, credit_limit, credit_limit_currency, credit_score)`, for risk's
 * limit use and dunning's facts. `administrationId` is SQL (a parameter).
 */
export function creditLimitsSql(administrationId: string): string {
  return `(select d.id as debtor_id, d.credit_limit, d.credit_limit_currency, d.credit_score from debtor d
     where d.administration_id = ${administrationId})`;
}
