// When charges become owed: the reminder that states them reached the debtor. The dunning channels call
// `claimCharges` in the transaction that records the action as sent; the runs read back what an
// episode claimed (`earlierCharges`) so that the next reminder states what is still open.
import { queryIn } from '../events/event-sql.ts';
import type { EventTransaction } from '../events/record-event.ts';
import { newId } from '../shared/ids.ts';
import { type ChargePart, claimedParts, type StatedCharges } from './charge-parts.ts';
import type { EarlierCharge } from './restate-charges.ts';

/** A sent reminder's charges, with whom and which episode they are claimed from. */
export interface ChargeClaim {
  administrationId: string;
  /** The dunned party: a group's parent for its group's reminders. */
  debtorId: string;
  episode: number;
  actionId: string;
  currency: string;
  charges: StatedCharges;
}

/**
 * Records what a sent reminder claims, in the caller's transaction, one statement: a row per part
 * (the claim's own costs, each invoice's costs and interest) and episode. A part claimed before is
 * raised to what this reminder states and never lowered (interest accrued before a partial payment
 * stays owed); a part waived in full stays as it is (the reminder stated nothing open for it). Sending
 * the same action twice changes nothing.
 */
export async function claimCharges(tx: EventTransaction, claim: ChargeClaim): Promise<void> {
  const parts = claimedParts(claim.charges);
  if (parts.length === 0) return;
  const covers = [...new Set(claim.charges.invoices.map((i) => i.invoiceId))].sort();
  await queryIn(
    tx,
    `insert into claimed_charge as c (tenant_id, id, administration_id, debtor_id, episode, invoice_id, part,
       currency, claimed, covers, action_id)
     select current_setting('kredo.tenant_id'), p.id, $1, $2, $3, p.invoice_id, p.part, $4, p.amount,
       case when p.invoice_id is null then $5::text[] else array[p.invoice_id] end, $6
     from unnest($7::text[], $8::text[], $9::text[], $10::bigint[]) as p (id, invoice_id, part, amount)
     on conflict (tenant_id, debtor_id, episode, invoice_id, part) do update
     set claimed = greatest(c.claimed, excluded.claimed),
         covers = array(select distinct x from unnest(c.covers || excluded.covers) as u (x) order by x),
         action_id = case when excluded.claimed >= c.claimed then excluded.action_id else c.action_id end,
         updated_at = now()
     where not (c.waived > 0 and c.claimed <= c.paid + c.waived)`,
    [
      claim.administrationId,
      claim.debtorId,
      claim.episode,
      claim.currency,
      covers,
      claim.actionId,
      parts.map(() => newId('claimedCharge')),
      parts.map((p) => p.invoiceId),
      parts.map((p) => p.part),
      parts.map((p) => p.amount),
    ],
  );
}

/**
 * What earlier reminders of these parties' episodes claimed, with what was paid and waived, keyed
 * `debtorId:episode`: one statement for a run's chunk.
 */
export async function earlierCharges(
  tx: EventTransaction,
  episodes: readonly { debtorId: string; episode: number }[],
): Promise<Map<string, EarlierCharge[]>> {
  const byEpisode = new Map<string, EarlierCharge[]>();
  if (episodes.length === 0) return byEpisode;
  const rows = await queryIn<{
    debtor_id: string;
    episode: number;
    invoice_id: string | null;
    part: ChargePart;
    claimed: string;
    paid: string;
    waived: string;
  }>(
    tx,
    `select c.debtor_id, c.episode, c.invoice_id, c.part, c.claimed, c.paid, c.waived
     from unnest($1::text[], $2::int[]) as e (debtor_id, episode)
     join claimed_charge c on c.debtor_id = e.debtor_id and c.episode = e.episode`,
    [episodes.map((e) => e.debtorId), episodes.map((e) => e.episode)],
  );
  for (const row of rows) {
    const key = `${row.debtor_id}:${row.episode}`;
    const list = byEpisode.get(key) ?? [];
    list.push({
      invoiceId: row.invoice_id,
      part: row.part,
      claimed: Number(row.claimed),
      paid: Number(row.paid),
      waived: Number(row.waived),
    });
    byEpisode.set(key, list);
  }
  return byEpisode;
}
