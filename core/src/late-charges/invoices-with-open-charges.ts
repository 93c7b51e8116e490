import { queryIn } from '../events/event-sql.ts';
import type { EventTransaction } from '../events/record-event.ts';

/**
 * Which of these invoices a claimed charge with something open covers (its own costs or interest, or
 * the claim's costs): a payment allocated to one of them must go through `splitOverCharges` (art. 6:44
 * BW, charges first); one allocated to none of them would keep its allocations unchanged. One query.
 */
export async function invoicesWithOpenCharges(
  tx: EventTransaction,
  invoiceIds: readonly string[],
): Promise<Set<string>> {
  if (invoiceIds.length === 0) return new Set();
  const rows = await queryIn<{ invoice_id: string }>(
    tx,
    `select distinct covered.invoice_id from claimed_charge c, unnest(c.covers) as covered (invoice_id)
     where c.covers && $1::text[] and c.claimed > c.paid + c.waived and covered.invoice_id = any($1::text[])`,
    [[...invoiceIds]],
  );
  return new Set(rows.map((row) => row.invoice_id));
}
