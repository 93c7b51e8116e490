import type { EntityManager } from '@mikro-orm/postgresql';
import { chargesPaidSinceSql } from '../late-charges/index.ts';

/**
 * What payments allocated to some invoices since an instant: the sum of allocations registered at or
 * after `since`, as a scalar SQL expression. `invoiceIds` (a text[]) and `since` (a timestamptz) are SQL
 * (columns or parameters), so set-based work in other modules (promises and plans measured against
 * incoming payments) embeds it without naming the allocation table. Credit-note allocations are
 * negative and lower it. What those payments settled of the invoices' late-payment charges counts too:
 * the debtor paid it against these invoices, and art. 6:44 BW put it on the charges first.
 */
export function allocatedSinceSql(invoiceIds: string, since: string): string {
  return `((select coalesce(sum(a.amount), 0)::bigint from allocation a
     where a.invoice_id = any(${invoiceIds}) and a.created_at >= ${since}) + ${chargesPaidSinceSql(invoiceIds, since)})`;
}

/** The same for one set of invoices, under the caller's tenant-scoped EntityManager. */
export async function allocatedToInvoicesSince(
  em: EntityManager,
  invoiceIds: readonly string[],
  since: Date | string,
): Promise<number> {
  if (invoiceIds.length === 0) return 0;
  const instant = since instanceof Date ? since.toISOString() : since;
  const [row] = await em.execute<{ paid: string | number }[]>(
    `select ${allocatedSinceSql('array[?]::text[]', '?::timestamptz')} as paid`,
    // The fragment names the invoices and the instant twice: for the allocations and for the charges.
    [invoiceIds, instant, invoiceIds, instant],
  );
  return Number(row?.paid ?? 0);
}
