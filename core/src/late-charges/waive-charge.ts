// Staff waive a claimed charge, in whole or in part: a waiver row with its reason, and the charge's
// `waived` raised, in one transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { type ClaimedChargeView, readCharge } from './charge-view.ts';

export interface WaiverInput {
  /** Minor units; all that is open when left out. */
  amount?: number;
  reason: string;
}

/**
 * Waives `amount` (default: all that is open) of a claimed charge, in the caller's transaction, the
 * charge locked meanwhile. A later reminder of the episode does not claim a charge waived in full
 * again (restate-charges.ts). 404 `claimed_charge_not_found`, 409 `charge_settled` when nothing is
 * open, 400 on `amount` above what is open.
 */
export async function waiveCharge(
  tx: EntityManager,
  id: string,
  input: WaiverInput,
  waivedBy: string,
): Promise<ClaimedChargeView> {
  const charge = await readCharge(tx, id, true);
  if (!charge) throw notFound('Claimed charge', id);
  if (charge.open === 0) {
    throw conflict('charge_settled', `Charge ${id} has nothing open: it is paid or waived in full`, {
      claimed: charge.claimed,
      paid: charge.paid,
      waived: charge.waived,
    });
  }
  const amount = input.amount ?? charge.open;
  if (amount > charge.open) invalidAmount(amount, charge.open);
  await tx.execute(
    `insert into charge_waiver (tenant_id, id, claimed_charge_id, amount, reason, waived_by)
     values (current_setting('kredo.tenant_id'), ?, ?, ?, ?, ?)`,
    [newId('chargeWaiver'), id, amount, input.reason, waivedBy],
  );
  await tx.execute('update claimed_charge set waived = waived + ?, updated_at = now() where id = ?', [
    amount,
    id,
  ]);
  return (await readCharge(tx, id)) as ClaimedChargeView;
}

function invalidAmount(amount: number, open: number): never {
  throw invalid('amount', `${amount} exceeds what is open of the charge, ${open}`);
}
