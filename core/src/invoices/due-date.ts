import { addDays } from '../shared/iso-date.ts';

/**
 * A document's due date: its own, or, when it has none, the issue date plus the administration's
 * payment term. The one rule for an invoice created by the API, by an import and by the bench.
 */
export function dueDateOf(
  issueDate: string,
  dueDate: string | null | undefined,
  paymentTermDays: number,
): string {
  return dueDate ?? addDays(issueDate, paymentTermDays);
}
