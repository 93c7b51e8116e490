import { chargeAllocatedSql } from '../late-charges/index.ts';

/**
 * The payments of one administration's debtors not (fully) allocated to invoices or to late-payment
 * charges, with what is left: money the debtor paid that a reminder must subtract from the amount it
 * asks. A derived table `(id, debtor_id, reference, currency, unallocated)`, `unallocated > 0` in minor
 * units. A reversed payment is no money of the debtor's. `administrationId` is SQL (a parameter).
 */
export function unallocatedPaymentsSql(administrationId: string): string {
  const allocated = `(coalesce((select sum(a.amount) from allocation a where a.payment_id = p.id), 0) + ${chargeAllocatedSql('p.id')})`;
  return `(select p.id, p.debtor_id, coalesce(p.reference, p.external_id, p.id) as reference, p.currency,
     p.amount - ${allocated} as unallocated
   from payment p
   where p.administration_id = ${administrationId} and p.debtor_id is not null and p.reversed_at is null
     and p.amount > ${allocated})`;
}
