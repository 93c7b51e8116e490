import type { EntityManager } from '@mikro-orm/postgresql';
import { queryIn } from '../events/event-sql.ts';
import { recordEventsFrom } from '../events/index.ts';
import { settlePaidAmounts } from '../invoices/index.ts';
import { invoicesWithOpenCharges } from '../late-charges/index.ts';
import { newId } from '../shared/ids.ts';
import { paymentReceivedPayload } from './payment-received.ts';
import type { PaymentInput } from './payment-service.ts';

/** A payment for the bulk form: its currency given, allocations only to invoices (positive amounts). */
export type BulkPaymentInput = PaymentInput & { currency: string };

/**
 * The set-based `createPayment` for many simple payments in the caller's transaction: payments,
 * allocations, the invoices' open amounts (closed at zero) and one `payment.received` event each,
 * in a handful of statements whatever the count. Simple means what the payment service would do
 * without a branch: each allocation positive, to an open invoice of the payment's administration and
 * currency, no late-payment charge open on it (those go through `createPayment`, charges first). The
 * caller locks the invoices first; anything else is refused by a throw (the database's keys: the
 * external id, the debtor's administration; the invoices' re-check), and the caller's rollback leaves
 * nothing half-written. Returns the payments' ids in the inputs' order.
 */
export async function createPayments(
  em: EntityManager,
  tenantId: string,
  inputs: readonly BulkPaymentInput[],
): Promise<string[]> {
  if (inputs.length === 0) return [];
  checkSimple(inputs);
  const allocated = inputs.flatMap((input) => input.allocations ?? []);
  const charged = await invoicesWithOpenCharges(em, [...new Set(allocated.map((a) => a.invoiceId))]);
  if (charged.size > 0) {
    throw new Error(
      `invoices ${[...charged].join(', ')} have late-payment charges open: createPayment settles those`,
    );
  }
  const payments = inputs.map((input) => ({ ...input, id: newId('payment') }));
  await insertPayments(em, tenantId, payments);
  const allocations = payments.flatMap((payment) =>
    (payment.allocations ?? []).map((a) => ({ ...a, id: newId('allocation'), payment })),
  );
  await queryIn(
    em,
    `insert into allocation (id, tenant_id, payment_id, invoice_id, amount)
     select a.id, $1, a.payment_id, a.invoice_id, a.amount
     from unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) as a (id, payment_id, invoice_id, amount)`,
    [
      tenantId,
      allocations.map((a) => a.id),
      allocations.map((a) => a.payment.id),
      allocations.map((a) => a.invoiceId),
      allocations.map((a) => a.amount),
    ],
  );
  // The invoices module owns the rows: it re-checks each and closes it at zero.
  await settlePaidAmounts(
    em,
    allocations.map((a) => ({
      invoiceId: a.invoiceId,
      amount: a.amount,
      administrationId: a.payment.administrationId,
      currency: a.payment.currency,
    })),
  );
  const payloads = payments.map((p) => JSON.stringify(paymentReceivedPayload(p, p.allocations ?? [])));
  await recordEventsFrom(em, 'payment.received', 'select unnest($1::jsonb[]) as payload', [payloads]);
  return payments.map((payment) => payment.id);
}

/** What would make `createPayment` branch or refuse, caught before anything is written. */
function checkSimple(inputs: readonly BulkPaymentInput[]): void {
  for (const [i, input] of inputs.entries()) {
    const allocations = input.allocations ?? [];
    const total = allocations.reduce((sum, a) => sum + a.amount, 0);
    const invoices = new Set(allocations.map((a) => a.invoiceId));
    if (
      allocations.some((a) => !(a.amount > 0)) ||
      invoices.size !== allocations.length ||
      total > input.amount
    ) {
      throw new Error(`payment ${i}: allocations must be positive, one per invoice, at most the amount`);
    }
  }
}

async function insertPayments(
  em: EntityManager,
  tenantId: string,
  payments: readonly (BulkPaymentInput & { id: string })[],
): Promise<void> {
  const column = <T>(pick: (p: BulkPaymentInput & { id: string }) => T) => payments.map(pick);
  await queryIn(
    em,
    `insert into payment (id, tenant_id, administration_id, debtor_id, external_id, amount, currency, value_date,
       method, reference, payer_name, payer_iban)
     select p.id, $1, p.administration_id, p.debtor_id, p.external_id, p.amount, p.currency, p.value_date,
       p.method, p.reference, p.payer_name, p.payer_iban
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::date[], $9::text[],
       $10::text[], $11::text[], $12::text[])
       as p (id, administration_id, debtor_id, external_id, amount, currency, value_date, method, reference,
         payer_name, payer_iban)`,
    [
      tenantId,
      column((p) => p.id),
      column((p) => p.administrationId),
      column((p) => p.debtorId ?? null),
      column((p) => p.externalId ?? null),
      column((p) => p.amount),
      column((p) => p.currency),
      column((p) => p.valueDate),
      column((p) => p.method ?? null),
      column((p) => p.reference ?? null),
      column((p) => p.payerName ?? null),
      column((p) => p.payerIban ?? null),
    ],
  );
}
