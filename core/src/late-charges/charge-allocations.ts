// What payments settled of the claimed charges: `charge_allocation` rows, written in the payment's own
// transaction, and each charge's `paid` kept equal to their sum.
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryIn } from '../events/event-sql.ts';
import type { EventTransaction } from '../events/record-event.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { instant, minorUnits, named, prefixedId } from '../shared/schemas.ts';
import { CHARGE_PARTS, type ChargePart } from './charge-parts.ts';
import {
  type OpenCharge,
  type PaymentSplit,
  type RequestedAllocation,
  splitPayment,
} from './split-payment.ts';

/** A part of a payment that settled a claimed charge, as the payment view shows it. */
export interface ChargeAllocation {
  id: string;
  chargeId: string;
  /** Null for the claim's own costs (WIK). */
  invoiceId: string | null;
  part: ChargePart;
  amount: number;
  createdAt: string;
}

export const chargeAllocationView = named(
  'ChargeAllocation',
  Joi.object({
    id: prefixedId('cha').required(),
    chargeId: prefixedId('chg').required(),
    invoiceId: prefixedId('inv').allow(null).required().description("Null for the claim's own costs (WIK)"),
    part: Joi.string()
      .valid(...CHARGE_PARTS)
      .required(),
    amount: minorUnits.required(),
    createdAt: instant.required(),
  }),
);

interface AllocationRow {
  id: string;
  payment_id: string;
  charge_id: string;
  invoice_id: string | null;
  part: ChargePart;
  amount: string | number;
  created_at: string | Date;
}

const present = (row: AllocationRow): ChargeAllocation => ({
  id: row.id,
  chargeId: row.charge_id,
  invoiceId: row.invoice_id,
  part: row.part,
  amount: Number(row.amount),
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * A payment's split over the open charges of the invoices it is allocated to (split-payment.ts), with
 * those charges locked until the caller's transaction ends, so two payments never settle the same
 * euro. The invoices must be locked already (the caller's `lockInvoices`): charges are locked after
 * them, in one order. Without open charges the allocations come back as they were.
 */
export async function splitOverCharges(
  tx: EventTransaction,
  paymentAmount: number,
  requested: readonly RequestedAllocation[],
  dueDates: ReadonlyMap<string, string>,
): Promise<PaymentSplit> {
  const invoiceIds = requested.filter((a) => a.amount > 0).map((a) => a.invoiceId);
  if (invoiceIds.length === 0) return { allocations: [...requested], charges: [] };
  const rows = await queryIn<{
    id: string;
    invoice_id: string | null;
    part: ChargePart;
    episode: number;
    open: string;
  }>(
    tx,
    `select id, invoice_id, part, episode, claimed - paid - waived as open from claimed_charge
     where covers && $1::text[] and claimed > paid + waived
     order by id for update`,
    [invoiceIds],
  );
  const open: OpenCharge[] = rows.map((r) => ({
    id: r.id,
    invoiceId: r.invoice_id,
    part: r.part,
    episode: r.episode,
    open: Number(r.open),
  }));
  return splitPayment(paymentAmount, requested, dueDates, open);
}

/** Books a payment's charge lines: the allocation rows and each charge's `paid`, two statements. */
export async function settleCharges(
  tx: EventTransaction,
  paymentId: string,
  lines: PaymentSplit['charges'],
): Promise<ChargeAllocation[]> {
  if (lines.length === 0) return [];
  const ids = lines.map(() => newId('chargeAllocation'));
  const chargeIds = lines.map((l) => l.chargeId);
  const amounts = lines.map((l) => l.amount);
  await queryIn(
    tx,
    `update claimed_charge c set paid = c.paid + s.amount, updated_at = now()
     from (select charge_id, sum(amount) as amount from unnest($1::text[], $2::bigint[]) as u (charge_id, amount)
           group by charge_id) s
     where c.id = s.charge_id`,
    [chargeIds, amounts],
  );
  const rows = await queryIn<AllocationRow>(
    tx,
    `with inserted as (
       insert into charge_allocation (tenant_id, id, payment_id, claimed_charge_id, amount)
       select current_setting('kredo.tenant_id'), s.id, $1, s.charge_id, s.amount
       from unnest($2::text[], $3::text[], $4::bigint[]) as s (id, charge_id, amount)
       returning id, payment_id, claimed_charge_id, amount, created_at)
     select i.id, i.payment_id, i.claimed_charge_id as charge_id, c.invoice_id, c.part, i.amount, i.created_at
     from inserted i join claimed_charge c on c.id = i.claimed_charge_id order by i.id`,
    [paymentId, ids, chargeIds, amounts],
  );
  return rows.map(present);
}

/** The charge allocations of several payments in one query, keyed by payment id, oldest first. */
export async function chargeAllocationsOf(
  em: EntityManager,
  paymentIds: readonly string[],
): Promise<Map<string, ChargeAllocation[]>> {
  const byPayment = new Map<string, ChargeAllocation[]>(paymentIds.map((id) => [id, []]));
  if (paymentIds.length === 0) return byPayment;
  const rows = await em.execute<AllocationRow[]>(
    `select a.id, a.payment_id, a.claimed_charge_id as charge_id, c.invoice_id, c.part, a.amount, a.created_at
     from charge_allocation a join claimed_charge c on c.id = a.claimed_charge_id
     where a.payment_id in (?) order by a.id`,
    [paymentIds],
  );
  for (const row of rows) byPayment.get(row.payment_id)?.push(present(row));
  return byPayment;
}
