import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf } from '../administrations/business-date.ts';
import { readDebtor } from '../debtors/debtor-service.ts';
import { liftPauses, placePause } from '../dunning/pauses.ts';
import { recordEvent } from '../events/index.ts';
import { DomainError, invalid } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { addDays } from '../shared/iso-date.ts';
import { readArrangementSettings } from './arrangement-settings.ts';
import { coveredInvoices } from './covered-invoices.ts';
import { getPromise, PROMISE_COLUMNS, type PromiseRow, promiseRecord } from './promise-store.ts';

export interface PromiseInput {
  /** Default: every overdue invoice of the debtor. */
  invoiceIds?: string[];
  /** Minor units; default the covered invoices' open total. */
  amount?: number;
  currency?: string;
  /** A business date after today. */
  promisedOn: string;
  /** Default the administration's promise grace days (arrangement settings). */
  graceDays?: number;
}

/**
 * Records a debtor's promise to pay, inside the caller's transaction: the covered invoices (given, or
 * all overdue), the amount (default their open total) in their currency, a pause per invoice until the
 * promised date plus the grace days, and `promise.made`. `today` replaces the business date (tests).
 */
export async function makePromise(
  em: EntityManager,
  tenantId: string,
  actor: string,
  debtorId: string,
  input: PromiseInput,
  options: { today?: string } = {},
): Promise<PromiseRow> {
  const debtor = await readDebtor(em, debtorId);
  const covered = await coveredInvoices(em, debtor, input.invoiceIds);
  if (input.currency && input.currency !== covered.currency) {
    throw invalid('currency', `the invoices are in ${covered.currency}`);
  }
  const today = options.today ?? (await businessDateOf(em, debtor.administrationId));
  if (input.promisedOn <= today) throw invalid('promisedOn', `must be after today (${today})`);
  const settings = await readArrangementSettings(em, debtor.administrationId);
  const graceDays = input.graceDays ?? settings.promiseGraceDays;
  const amount = input.amount ?? covered.openTotal;
  const id = newId('promise');
  const [row] = await em.execute<PromiseRow[]>(
    `insert into payment_promise (tenant_id, id, administration_id, debtor_id, invoice_ids, currency, amount,
       open_at_start, promised_on, grace_days, made_on, created_by)
     values (?, ?, ?, ?, array[?]::text[], ?, ?, ?, ?, ?, ?, ?) returning ${PROMISE_COLUMNS}`,
    [
      tenantId,
      id,
      debtor.administrationId,
      debtor.id,
      covered.invoices.map((i) => i.id),
      covered.currency,
      amount,
      covered.openTotal,
      input.promisedOn,
      graceDays,
      today,
      actor,
    ],
  );
  const promise = row as PromiseRow;
  await placePause(em, tenantId, {
    administrationId: debtor.administrationId,
    debtorId: debtor.id,
    invoiceIds: promise.invoice_ids,
    kind: 'promise',
    sourceId: id,
    reason: `Promise to pay by ${input.promisedOn}`,
    startsOn: today,
    endsOn: addDays(input.promisedOn, graceDays),
    createdBy: actor,
  });
  await recordEvent(em, tenantId, 'promise.made', { promise: promiseRecord(promise) });
  return promise;
}

/** Withdraws an open promise: its pauses lifted (`cancelled`), so dunning resumes where it stood. */
export async function cancelPromise(em: EntityManager, id: string): Promise<PromiseRow> {
  const promise = await getPromise(em, id, true);
  if (promise.status !== 'open') {
    throw new DomainError('arrangement_closed', 409, `Promise ${id} is ${promise.status}`, {
      status: promise.status,
    });
  }
  const [row] = await em.execute<PromiseRow[]>(
    `update payment_promise set status = 'cancelled', closed_at = now(), updated_at = now()
     where id = ? returning ${PROMISE_COLUMNS}`,
    [id],
  );
  await liftPauses(em, { kind: 'promise', sourceId: id }, 'cancelled');
  return row as PromiseRow;
}
