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
