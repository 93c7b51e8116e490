import { invoiceNumberTokens } from './invoice-number-tokens.ts';

/** Why a credit with nothing to go by waits: no rule had a verdict. */
export const NOTHING_FOUND = 'no reference, invoice number, known IBAN or pay link found';

/** The words of an entry a pay link may be found by: remittance words, structured reference, end-to-end id. */
export function payLinkWords(entry: {
  remittance_text: string | null;
  creditor_reference: string | null;
  end_to_end_id: string | null;
}): string[] {
  return [
    ...invoiceNumberTokens(entry.remittance_text),
    ...(entry.creditor_reference ? [entry.creditor_reference.toUpperCase()] : []),
    ...(entry.end_to_end_id ? [entry.end_to_end_id.toUpperCase()] : []),
  ];
}
