import type { InvoiceRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { businessDateOf } from '../administrations/business-date.ts';
import type { DebtorRow } from '../debtors/debtor-service.ts';
import { readDebtor } from '../debtors/debtor-service.ts';
import { placePause } from '../dunning/pauses.ts';
import { recordEvent } from '../events/index.ts';
import { readOpenInvoicesOfDebtor } from '../invoices/invoice-records.ts';
import { invalid } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { createTask } from '../tasks/index.ts';
import type { AcknowledgementView } from './acknowledgement-view.ts';
import { type DisputeLanguage, disputeLanguage, formatDate, formatMoney } from './dispute-languages.ts';
import { DISPUTE_COLUMNS, type DisputeRow, disputeRecord } from './dispute-store.ts';
import { findDisputeType, renderAcknowledgement, typeName } from './dispute-type-store.ts';
import { addWorkingDays } from './working-days.ts';

export interface DisputeInput {
  invoiceIds: string[];
  /** A dispute type's code. */
  type: string;
  description: string;
  /** Staff user to handle it; default the debtor's collector. */
  assignee?: string | null;
  /** Who raised it, when not the debtor's own address: the acknowledgement goes to them, in their language. */
  contact?: { name?: string; email?: string; language?: string } | null;
  /** The business date the debtor raised it (a letter registered late); default today, never later. */
  openedOn?: string;
}

/**
 * Opens a dispute about some of a debtor's open invoices, inside the caller's transaction:
 * 1. the debtor, the type (active) and the invoices (the debtor's, open) are checked;
 * 2. the due date: the type's working days from today, skipping weekends and the administration's
 *    country's public holidays;
 * 3. the assignee: the one given, else the debtor's collector;
 * 4. the acknowledgement rendered in the contact's or debtor's language into the dispute row (an outbox:
 *    a job sends it after commit), or the reason none will be sent;
 * 5. a pause per invoice until the dispute is resolved, a `dispute` task for the assignee, and the
 *    `dispute.opened` event.
 * The due date counts from `openedOn` (default today): a dispute registered late is not due later.
 */
export async function openDispute(
  em: EntityManager,
  tenantId: string,
  actor: string,
  debtorId: string,
  input: DisputeInput,
): Promise<DisputeRow> {
  const debtor = await readDebtor(em, debtorId);
  const type = await findDisputeType(em, input.type);
  if (!type?.active) throw invalid('type', `${input.type} is not an active dispute type`);
  const invoices = await readOpenInvoicesOfDebtor(em, debtor.id, input.invoiceIds);
  const administration = await getAdministration(em, debtor.administrationId);
  const today = await businessDateOf(em, administration.id);
  if (input.openedOn && input.openedOn > today)
    throw invalid('openedOn', `must not be after today (${today})`);
  const openedOn = input.openedOn ?? today;
  const dueOn = addWorkingDays(openedOn, type.dueDays, administration.country);
  const assignee = input.assignee ?? debtor.collector ?? null;

  const id = newId('dispute');
  const language = disputeLanguage(input.contact?.language, debtor.language, debtor.contacts[0]?.language);
  const to = input.contact?.email ?? debtor.email ?? debtor.contacts.find((c) => c.email)?.email ?? null;
  const view = acknowledgementView(id, debtor, invoices, language, {
    type: typeName(type, language),
    description: input.description,
    openedOn,
    dueOn,
    contactName: input.contact?.name,
    administrationName: administration.name,
  });
  const ack = to
    ? await renderAcknowledgement(type, language, view).then(
        (mail) => ({ status: 'pending', to, ...mail, reason: null }),
        (error: Error) => ({
          status: 'not_sent',
          to,
          subject: null,
          text: null,
          reason: `template: ${error.message}`,
        }),
      )
    : { status: 'not_sent', to: null, subject: null, text: null, reason: 'the debtor has no e-mail address' };

  const [row] = await em.execute<DisputeRow[]>(
    `insert into dispute (tenant_id, id, administration_id, debtor_id, invoice_ids, type, description, assignee,
       contact, language, opened_on, due_on, ack_status, ack_to, ack_subject, ack_text, ack_reason,
       ack_next_attempt_at, created_by)
     values (?, ?, ?, ?, array[?]::text[], ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)
     returning ${DISPUTE_COLUMNS}`,
    [
      tenantId,
      id,
      debtor.administrationId,
      debtor.id,
      invoices.map((i) => i.id),
      type.code,
      input.description,
      assignee,
      input.contact ? JSON.stringify(input.contact) : null,
      language,
      openedOn,
      dueOn,
      ack.status,
      ack.to,
      ack.subject,
      ack.text,
      ack.reason,
      actor,
    ],
  );
  const dispute = row as DisputeRow;
  await placePause(em, tenantId, {
    administrationId: debtor.administrationId,
    debtorId: debtor.id,
    invoiceIds: dispute.invoice_ids,
    kind: 'dispute',
    sourceId: id,
    reason: `Dispute (${type.code}): ${input.description}`.slice(0, 2000),
    startsOn: openedOn,
    endsOn: null,
    createdBy: actor,
  });
  await createTask(em, tenantId, {
    administrationId: debtor.administrationId,
    debtorId: debtor.id,
    kind: 'dispute',
    title: `Handle the ${typeName(type, 'en').toLowerCase()} dispute of ${debtor.name}`.slice(0, 500),
    body: input.description,
    assignee,
    dueOn,
    sourceType: 'dispute',
    sourceId: id,
    idempotencyKey: `dispute:${id}:opened`,
    createdBy: actor,
  });
  await recordEvent(em, tenantId, 'dispute.opened', { dispute: disputeRecord(dispute) });
  return dispute;
}

function acknowledgementView(
  reference: string,
  debtor: DebtorRow,
  invoices: InvoiceRecord[],
  language: DisputeLanguage,
  dispute: {
    type: string;
    description: string;
    openedOn: string;
    dueOn: string;
    contactName: string | undefined;
    administrationName: string;
  },
): AcknowledgementView {
  const money = (m: { amount: number; currency: string }) => formatMoney(m.amount, m.currency, language);
  return {
    debtor: {
      name: debtor.name,
      number: debtor.number,
      contactName: dispute.contactName ?? debtor.contacts[0]?.name ?? debtor.name,
    },
    dispute: {
      reference,
      type: dispute.type,
      description: dispute.description,
      openedOn: formatDate(dispute.openedOn, language),
      dueOn: formatDate(dispute.dueOn, language),
      invoiceCount: invoices.length,
    },
    invoices: invoices.map((i) => ({
      number: i.number,
      issueDate: formatDate(i.issueDate, language),
      dueDate: formatDate(i.dueDate, language),
      amount: money(i.amount),
      openAmount: money(i.openAmount),
    })),
    administration: { name: dispute.administrationName },
  };
}
