import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../shared/ids.ts';

/** What keeps a debtor or an invoice out of the runs. */
export const PAUSE_KINDS = ['dispute', 'promise', 'plan', 'hold'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/** Why a pause stopped before (or at) its end date: the owner of what it stands for says. */
export type PauseLift = 'ended' | 'broken' | 'resolved' | 'cancelled';

export interface PauseInput {
  administrationId: string;
  debtorId: string;
  /** The invoices held out of dunning; none (or empty) holds the whole debtor. */
  invoiceIds?: readonly string[];
  kind: PauseKind;
  /** The dispute, promise or plan this pause stands for: placing it twice is a no-op, lifting finds it by this. */
  sourceId?: string;
  reason?: string;
  /** Business dates (YYYY-MM-DD) in the administration's time zone. */
  startsOn: string;
  /** The last business date the pause holds; null: until lifted (a dispute, until it is resolved). */
  endsOn: string | null;
  createdBy?: string;
}

export interface LiftedPause {
  id: string;
  administrationId: string;
  debtorId: string;
  invoiceId: string | null;
}

/**
 * Holds a debtor, or some of its invoices, out of dunning, inside the caller's transaction (under the
 * tenant's row-level security). One row per invoice, or one for the whole debtor. Idempotent per
 * `sourceId`: the dispute, promise or plan that places its pause again adds nothing. Returns the ids
 * of the pauses it created. The runs skip what a pause holds while it is not lifted and its end date
 * is not past; when it ends or is lifted, the debtor's dunning resumes at the step it stood at.
 */
export async function placePause(em: EntityManager, tenantId: string, input: PauseInput): Promise<string[]> {
  const invoiceIds = input.invoiceIds?.length ? [...input.invoiceIds] : [null];
  const created: string[] = [];
  for (const invoiceId of invoiceIds) {
    const id = newId('pause');
    const rows = await em.execute<{ id: string }[]>(
      `insert into dunning_pause (tenant_id, id, administration_id, debtor_id, invoice_id, kind, source_id, reason,
         starts_on, ends_on, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (tenant_id, kind, source_id, coalesce(invoice_id, '')) where source_id is not null do nothing
       returning id`,
      [
        tenantId,
        id,
        input.administrationId,
        input.debtorId,
        invoiceId,
        input.kind,
        input.sourceId ?? null,
        input.reason ?? null,
        input.startsOn,
        input.endsOn,
        input.createdBy ?? null,
      ],
    );
    if (rows[0]) created.push(rows[0].id);
  }
  return created;
}

/**
 * Lifts the pauses a dispute, promise or plan placed (`kind` + `sourceId`), inside the caller's
 * transaction: the runs take their invoices again from the next run on, resuming each debtor at the
 * step it stood at. Returns what was lifted (nothing when they were lifted already), so the caller can
 * tell the collector (a task) that dunning resumes.
 */
export async function liftPauses(
  em: EntityManager,
  source: { kind: PauseKind; sourceId: string },
  because: PauseLift,
): Promise<LiftedPause[]> {
  const rows = await em.execute<
    { id: string; administration_id: string; debtor_id: string; invoice_id: string | null }[]
  >(
    `update dunning_pause set lifted_at = now(), lifted_because = ?
      where kind = ? and source_id = ? and lifted_at is null
      returning id, administration_id, debtor_id, invoice_id`,
    [because, source.kind, source.sourceId],
  );
  return rows.map((r) => ({
    id: r.id,
    administrationId: r.administration_id,
    debtorId: r.debtor_id,
    invoiceId: r.invoice_id,
  }));
}

/** A pause in force on a business date, as the debtor may see it: what it is and until when. */
export interface ActivePause {
  kind: PauseKind;
  /** The last business date it holds; null: until lifted (a dispute until it is resolved). */
  endsOn: string | null;
}

/**
 * The pauses in force on `today` (not lifted, started, not ended) on each of the given invoices; a
 * pause of a whole debtor counts for each of its invoices. Keyed by invoice id; invoices without a
 * pause are absent. Inside the caller's transaction (tenant's row-level security).
 */
export async function activePausesByInvoice(
  em: EntityManager,
  invoices: readonly { id: string; debtorId: string }[],
  today: string,
): Promise<Map<string, ActivePause[]>> {
  const byInvoice = new Map<string, ActivePause[]>();
  if (invoices.length === 0) return byInvoice;
  const rows = await em.execute<
    { debtor_id: string; invoice_id: string | null; kind: PauseKind; ends_on: string | null }[]
  >(
    `select debtor_id, invoice_id, kind, to_char(ends_on, 'YYYY-MM-DD') as ends_on
       from dunning_pause
      where debtor_id in (?) and lifted_at is null
        and starts_on <= ?::date and (ends_on is null or ends_on >= ?::date)
      order by kind, ends_on nulls last`,
    [[...new Set(invoices.map((invoice) => invoice.debtorId))], today, today],
  );
  for (const invoice of invoices) {
    const held = rows
      .filter((row) => row.debtor_id === invoice.debtorId && (row.invoice_id ?? invoice.id) === invoice.id)
      .map((row) => ({ kind: row.kind, endsOn: row.ends_on }));
    if (held.length > 0) byInvoice.set(invoice.id, held);
  }
  return byInvoice;
}
