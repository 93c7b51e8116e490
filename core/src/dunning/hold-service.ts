import type { EntityManager } from '@mikro-orm/postgresql';
import { readDebtor } from '../debtors/debtor-service.ts';
import { openInvoicesOf } from '../invoices/invoice-service.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { placePause } from './pauses.ts';
import { todayIn } from './state-party.ts';
import { PAUSE_COLUMNS, type PauseColumns } from './state-view.ts';

export interface HoldInput {
  /** The debtor's open invoices to hold; none: the whole debtor (its whole dossier if it is a group's parent). */
  invoiceIds?: string[];
  /** The last business date the hold holds; the first run after it lifts the hold and tells the collector. */
  endsOn: string;
  reason: string;
}

/** Places a manual hold from today to `endsOn`, in the caller's transaction: one pause per invoice, or one for the debtor. */
export async function placeHold(
  em: EntityManager,
  tenantId: string,
  debtorId: string,
  input: HoldInput,
  createdBy: string,
): Promise<PauseColumns[]> {
  const debtor = await readDebtor(em, debtorId);
  const today = await todayIn(em, debtor.administrationId);
  if (input.endsOn < today) throw invalid('endsOn', `must not be before today (${today})`);
  if (input.invoiceIds?.length) {
    const open = new Set((await openInvoicesOf(em, debtorId)).map((invoice) => invoice.id));
    input.invoiceIds.forEach((id, i) => {
      if (!open.has(id)) throw invalid(`invoiceIds[${i}]`, `${id} is not an open invoice of the debtor`);
    });
  }
  const ids = await placePause(em, tenantId, {
    administrationId: debtor.administrationId,
    debtorId,
    invoiceIds: input.invoiceIds,
    kind: 'hold',
    reason: input.reason,
    startsOn: today,
    endsOn: input.endsOn,
    createdBy,
  });
  return em.execute<PauseColumns[]>(
    `select ${PAUSE_COLUMNS} from dunning_pause where id in (?) order by id`,
    [ids],
  );
}

/** Lifts a manual hold before its end (`cancelled`); dunning resumes where it stood at the next run. */
export async function liftHold(em: EntityManager, debtorId: string, pauseId: string): Promise<void> {
  const lifted = await em.execute(
    `update dunning_pause set lifted_at = now(), lifted_because = 'cancelled'
     where id = ? and debtor_id = ? and kind = 'hold' and lifted_at is null returning id`,
    [pauseId, debtorId],
  );
  if (lifted.length === 0) throw notFound('Hold', pauseId);
}
