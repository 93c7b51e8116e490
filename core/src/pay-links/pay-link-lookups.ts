import type { EntityManager } from '@mikro-orm/postgresql';

/** A pay link a bank credit may settle: the invoices it asked for and whether it was paid already. */
export interface ReferencedPayLink {
  id: string;
  debtorId: string;
  amount: number;
  currency: string;
  invoiceIds: string[];
  status: 'open' | 'paid';
  paymentId: string | null;
}

/**
 * The administration's pay links whose provider reference or own id is one of `references` (upper
 * case, as a remittance text's words are compared), locked for the caller's transaction so a
 * provider's report of the same payment waits and then finds the link paid.
 */
export async function payLinksByReference(
  em: EntityManager,
  administrationId: string,
  references: readonly string[],
): Promise<ReferencedPayLink[]> {
  if (references.length === 0) return [];
  const rows = await em.execute<
    {
      id: string;
      debtor_id: string;
      amount: string;
      currency: string;
      invoice_ids: string[];
      status: 'open' | 'paid';
      payment_id: string | null;
    }[]
  >(
    `select id, debtor_id, amount, currency, invoice_ids, status, payment_id from pay_link
     where administration_id = ? and (upper(provider_reference) in (?) or upper(id) in (?))
     order by id for update`,
    [administrationId, references, references],
  );
  return rows.map((r) => ({
    id: r.id,
    debtorId: r.debtor_id,
    amount: Number(r.amount),
    currency: r.currency,
    invoiceIds: r.invoice_ids,
    status: r.status,
    paymentId: r.payment_id,
  }));
}

/** Marks a link paid by a payment matched from a bank statement, so the provider's report adds none. */
export async function markPayLinkPaid(em: EntityManager, linkId: string, paymentId: string): Promise<void> {
  await em.execute("update pay_link set status = 'paid', payment_id = ?, paid_at = now() where id = ?", [
    paymentId,
    linkId,
  ]);
}
