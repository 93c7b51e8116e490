/** What `payment.received` carries about a payment: the fields its payload is built from. */
export interface ReceivedPayment {
  id: string;
  administrationId: string;
  debtorId?: string | null | undefined;
  amount: number;
  currency: string;
  valueDate: string;
  reference?: string | null | undefined;
}

/**
 * The `payment.received` payload: the SDK's PaymentRecord shape (sdk/src/records.ts), what a plugin's
 * payment.received hook receives. Its allocations are the principal ones: the SDK knows no charges
 * (docs/dunning.md). One builder for the payment service and its bulk form, so both say the same.
 */
export function paymentReceivedPayload(
  payment: ReceivedPayment,
  allocations: readonly { invoiceId: string; amount: number }[],
): Record<string, unknown> {
  const money = (amount: number) => ({ amount, currency: payment.currency });
  return {
    payment: {
      id: payment.id,
      administrationId: payment.administrationId,
      debtorId: payment.debtorId ?? null,
      amount: money(payment.amount),
      paidOn: payment.valueDate,
      reference: payment.reference ?? null,
      allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, amount: money(a.amount) })),
    },
  };
}
