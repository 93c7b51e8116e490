import type { EntityManager } from '@mikro-orm/postgresql';

/** An invoice as matching a bank credit needs it: who owes it, how much is open, when it was due. */
export interface PayableInvoice {
  id: string;
  debtorId: string;
  number: string;
  paymentReference: string | null;
  dueDate: string;
  amount: number;
  openAmount: number;
  currency: string;
  status: string;
}

interface Columns {
  id: string;
  debtor_id: string;
  number: string;
  payment_reference: string | null;
  due_date: string;
  amount: string;
  open_amount: string;
  currency: string;
  status: string;
}

const SELECT = `select id, debtor_id, number, payment_reference, due_date::text as due_date, amount, open_amount,
    currency, status from invoice`;

const present = (c: Columns): PayableInvoice => ({
  id: c.id,
  debtorId: c.debtor_id,
  number: c.number,
  paymentReference: c.payment_reference,
  dueDate: c.due_date,
  amount: Number(c.amount),
  openAmount: Number(c.open_amount),
  currency: c.currency,
  status: c.status,
});

/**
 * The administration's invoices (not credit notes, whatever their status) whose payment reference is
 * one of `references` (compact, upper case), oldest due first.
 */
export async function invoicesByPaymentReference(
  em: EntityManager,
  administrationId: string,
  references: readonly string[],
): Promise<PayableInvoice[]> {
  if (references.length === 0) return [];
  const rows = await em.execute<Columns[]>(
    // payment_reference_key: upper case without spaces, indexed (migration Reconciliation).
    `${SELECT} where administration_id = ? and document_type = 'invoice' and payment_reference_key in (?)
     order by due_date, id`,
    [administrationId, references],
  );
  return rows.map(present);
}

/** The administration's invoices whose number, upper case, is one of `numbers` (whole words of a text). */
export async function invoicesByNumber(
  em: EntityManager,
  administrationId: string,
  numbers: readonly string[],
): Promise<PayableInvoice[]> {
  if (numbers.length === 0) return [];
  const rows = await em.execute<Columns[]>(
    `${SELECT} where administration_id = ? and document_type = 'invoice' and number_key in (?)
     order by due_date, id`,
    [administrationId, numbers],
  );
  return rows.map(present);
}

/** The open invoices (not credit notes) of some debtors, oldest due first. */
export async function openInvoicesOfDebtors(
  em: EntityManager,
  debtorIds: readonly string[],
): Promise<PayableInvoice[]> {
  if (debtorIds.length === 0) return [];
  const rows = await em.execute<Columns[]>(
    `${SELECT} where debtor_id in (?) and document_type = 'invoice' and status = 'open' order by due_date, id`,
    [debtorIds],
  );
  return rows.map(present);
}

/** Some invoices by id, whatever their state (hidden ones absent): for a person's manual match. */
export async function invoicesById(em: EntityManager, ids: readonly string[]): Promise<PayableInvoice[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<Columns[]>(`${SELECT} where id in (?) order by due_date, id`, [ids]);
  return rows.map(present);
}

/**
 * `invoicesByPaymentReference` for a batch of references at once, each invoice with the key it was
 * found by (`payment_reference_key`), so the caller can hand every entry exactly the invoices its own
 * references find. With `lock`, the rows are locked first (id order, as `lockInvoices` does) for the
 * caller's transaction and then read: the amounts read are the ones the caller will change.
 */
export async function invoicesByPaymentReferences(
  em: EntityManager,
  administrationId: string,
  references: readonly string[],
  options: { lock?: boolean } = {},
): Promise<{ invoice: PayableInvoice; referenceKey: string }[]> {
  if (references.length === 0) return [];
  const where = `where administration_id = ? and document_type = 'invoice' and payment_reference_key in (?)`;
  if (options.lock) {
    await em.execute(`select id from invoice ${where} order by id for update`, [
      administrationId,
      references,
    ]);
  }
  const rows = await em.execute<(Columns & { payment_reference_key: string })[]>(
    `${SELECT.replace(' from invoice', ', payment_reference_key from invoice')} ${where} order by due_date, id`,
    [administrationId, references],
  );
  return rows.map((row) => ({ invoice: present(row), referenceKey: row.payment_reference_key }));
}
