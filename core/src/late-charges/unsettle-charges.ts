import { queryIn } from '../events/event-sql.ts';
import type { EventTransaction } from '../events/record-event.ts';

/**
 * Takes back what a payment settled of late-payment charges, for its reversal or reallocation: its
 * charge allocations go and each charge's `paid` drops by what they held, in two statements of the
 * caller's transaction. The charges are locked first (by id, as `splitOverCharges` locks them), so a
 * payment settling the same charge meanwhile waits. The caller keeps what was taken back for history.
 */
export async function unsettleCharges(tx: EventTransaction, paymentId: string): Promise<void> {
  await queryIn(
    tx,
    `select c.id from claimed_charge c
     where c.id in (select a.claimed_charge_id from charge_allocation a where a.payment_id = $1)
     order by c.id for update`,
    [paymentId],
  );
  await queryIn(
    tx,
    `with removed as (delete from charge_allocation where payment_id = $1 returning claimed_charge_id, amount)
     update claimed_charge c set paid = c.paid - r.amount, updated_at = now()
     from (select claimed_charge_id, sum(amount) as amount from removed group by claimed_charge_id) r
     where c.id = r.claimed_charge_id`,
    [paymentId],
  );
}
