// A claimed charge as the API answers it, and the debtor's list of them.
import type { EntityManager } from '@mikro-orm/postgresql';
import { debtorInvoiceIdsSql } from '../invoices/invoice-timeline.ts';
import { Joi } from '../shared/joi.ts';
import { currency, instant, minorUnits, named, prefixedId } from '../shared/schemas.ts';
import { CHARGE_PARTS, type ChargePart } from './charge-parts.ts';

export const CHARGE_STATUSES = ['open', 'settled'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

export interface ClaimedChargeView {
  id: string;
  administrationId: string;
  debtorId: string;
  episode: number;
  invoiceId: string | null;
  part: ChargePart;
  currency: string;
  claimed: number;
  paid: number;
  waived: number;
  open: number;
  status: ChargeStatus;
  covers: string[];
  actionId: string;
  payments: { paymentId: string; amount: number; at: string }[];
  waivers: { id: string; amount: number; reason: string; waivedBy: string; at: string }[];
  createdAt: string;
  updatedAt: string;
}

export const claimedChargeView = named(
  'ClaimedCharge',
  Joi.object({
    id: prefixedId('chg').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').required().description('The dunned party (a group’s parent for its group)'),
    episode: Joi.number().integer().min(1).required().description('The dunning episode that claimed it'),
    invoiceId: prefixedId('inv').allow(null).required().description('Null for the claim’s own costs (WIK)'),
    part: Joi.string()
      .valid(...CHARGE_PARTS)
      .required(),
    currency: currency.required(),
    claimed: minorUnits.required().description('What the reminders claimed: only ever raised'),
    paid: minorUnits.required().description('What payments settled of it'),
    waived: minorUnits.required(),
    open: minorUnits.required().description('claimed − paid − waived'),
    status: Joi.string()
      .valid(...CHARGE_STATUSES)
      .required(),
    covers: Joi.array().items(prefixedId('inv')).required().description('The invoices of the claim'),
    actionId: prefixedId('dac').required().description('The reminder that last claimed it'),
    payments: Joi.array()
      .items(
        Joi.object({
          paymentId: prefixedId('pay').required(),
          amount: minorUnits.required(),
          at: instant.required(),
        }),
      )
      .required(),
    waivers: Joi.array()
      .items(
        Joi.object({
          id: prefixedId('cwv').required(),
          amount: minorUnits.required(),
          reason: Joi.string().required(),
          waivedBy: Joi.string().required(),
          at: instant.required(),
        }),
      )
      .required(),
    createdAt: instant.required().description('When a reminder stating it was sent'),
    updatedAt: instant.required(),
  }),
);

interface ChargeRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  episode: number;
  invoice_id: string | null;
  part: ChargePart;
  currency: string;
  claimed: string;
  paid: string;
  waived: string;
  covers: string[];
  action_id: string;
  payments: { paymentId: string; amount: number; at: string }[];
  waivers: { id: string; amount: number; reason: string; waivedBy: string; at: string }[];
  created_at: string | Date;
  updated_at: string | Date;
}

/** The select list of a charge (alias `c`) with its payments and waivers. */
export const CHARGE_COLUMNS = `c.id, c.administration_id, c.debtor_id, c.episode, c.invoice_id, c.part, c.currency,
  c.claimed, c.paid, c.waived, c.covers, c.action_id, c.created_at, c.updated_at,
  coalesce((select jsonb_agg(jsonb_build_object('paymentId', a.payment_id, 'amount', a.amount, 'at', a.created_at)
            order by a.id) from charge_allocation a where a.claimed_charge_id = c.id), '[]'::jsonb) as payments,
  coalesce((select jsonb_agg(jsonb_build_object('id', w.id, 'amount', w.amount, 'reason', w.reason,
            'waivedBy', w.waived_by, 'at', w.created_at) order by w.id)
            from charge_waiver w where w.claimed_charge_id = c.id), '[]'::jsonb) as waivers`;

export function presentCharge(row: ChargeRow): ClaimedChargeView {
  const [claimed, paid, waived] = [Number(row.claimed), Number(row.paid), Number(row.waived)];
  const open = claimed - paid - waived;
  return {
    id: row.id,
    administrationId: row.administration_id,
    debtorId: row.debtor_id,
    episode: row.episode,
    invoiceId: row.invoice_id,
    part: row.part,
    currency: row.currency.trim(),
    claimed,
    paid,
    waived,
    open,
    status: open > 0 ? 'open' : 'settled',
    covers: row.covers,
    actionId: row.action_id,
    payments: row.payments.map((p) => ({ ...p, amount: Number(p.amount), at: new Date(p.at).toISOString() })),
    waivers: row.waivers.map((w) => ({ ...w, amount: Number(w.amount), at: new Date(w.at).toISOString() })),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The charges of a debtor: claimed from it as the dunned party, or on its invoices (a group's child). */
export const debtorChargesSql = (debtorId: string) =>
  `(c.debtor_id = ${debtorId} or c.covers && array${debtorInvoiceIdsSql(debtorId)})`;

/** A debtor's claimed charges, oldest first (ids are time-ordered), `limit + 1` for the page. */
export async function listDebtorCharges(
  em: EntityManager,
  filter: { debtorId: string; status?: ChargeStatus; after?: string; limit: number },
): Promise<ClaimedChargeView[]> {
  const rows = await em.execute<ChargeRow[]>(
    `select ${CHARGE_COLUMNS} from claimed_charge c
     where ${debtorChargesSql('?')}
       and (?::text is null or (case when c.claimed > c.paid + c.waived then 'open' else 'settled' end) = ?)
       and (?::text is null or c.id > ?)
     order by c.id limit ?`,
    [
      filter.debtorId,
      filter.debtorId,
      filter.status ?? null,
      filter.status ?? null,
      filter.after ?? null,
      filter.after ?? null,
      filter.limit + 1,
    ],
  );
  return rows.map(presentCharge);
}

/** One claimed charge, locked for the caller's transaction when `lock`; undefined when there is none. */
export async function readCharge(
  em: EntityManager,
  id: string,
  lock = false,
): Promise<ClaimedChargeView | undefined> {
  const [row] = await em.execute<ChargeRow[]>(
    `select ${CHARGE_COLUMNS} from claimed_charge c where c.id = ?${lock ? ' for update of c' : ''}`,
    [id],
  );
  return row ? presentCharge(row) : undefined;
}
