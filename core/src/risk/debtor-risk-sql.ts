/**
 * What dunning's segments read of a debtor's stored risk, one row per debtor of one administration
 * with a refreshed risk: `(debtor_id, payment_score, credit_limit_use, credit_limit_exceeded)`. The use
 * is in percent to one decimal (null without a limit, or for a limit of 0). `administrationId` is SQL
 * (a parameter).
 */
export function debtorRiskSql(administrationId: string): string {
  return `(select r.debtor_id, r.score as payment_score,
     (case when r.limit_amount > 0 then round(r.limit_open * 100.0 / r.limit_amount, 1) end)::float8 as credit_limit_use,
     r.over_limit as credit_limit_exceeded
   from debtor_risk r where r.administration_id = ${administrationId})`;
}
