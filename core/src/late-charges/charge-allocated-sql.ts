// SQL fragments over what payments settled of late-payment charges, for set-based work in other modules
// (payments' unallocated money, promises measured against incoming payments) that must count that money
// without naming the charges ledger's tables. Arguments are SQL: columns or parameters, never values.

/** What a payment settled of charges, as a scalar expression; `paymentId` is SQL. */
export function chargeAllocatedSql(paymentId: string): string {
  return `(select coalesce(sum(ca.amount), 0) from charge_allocation ca where ca.payment_id = ${paymentId})`;
}

/**
 * What payments settled since an instant of the charges on some invoices (theirs, and the claim costs
 * of claims covering them), as a scalar expression; `invoiceIds` (text[]) and `since` (timestamptz) are SQL.
 */
export function chargesPaidSinceSql(invoiceIds: string, since: string): string {
  return `(select coalesce(sum(ca.amount), 0)::bigint from charge_allocation ca
     join claimed_charge cc on cc.id = ca.claimed_charge_id
     where cc.covers && ${invoiceIds} and ca.created_at >= ${since})`;
}
