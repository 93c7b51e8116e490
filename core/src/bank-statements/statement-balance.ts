import type { ParsedStatement } from './parsed-statement.ts';

/**
 * A statement whose booked entries do not lead from its opening to its closing balance is worth a
 * word (an entry missing, a statement cut short), never a refusal: the bank's own figures stand.
 * Checked only where all concerned are in one currency.
 */
export function balanceWarning(statement: ParsedStatement): string | undefined {
  const opening = statement.balances.find((b) => b.type === 'OPBD');
  const closing = statement.balances.find((b) => b.type === 'CLBD');
  if (!opening || !closing || opening.currency !== closing.currency) return undefined;
  const booked = statement.entries.filter((e) => e.status === 'booked');
  if (booked.some((e) => e.currency !== opening.currency)) return undefined;
  const moved = booked.reduce((sum, e) => sum + (e.creditDebit === 'credit' ? e.amount : -e.amount), 0);
  if (opening.amount + moved === closing.amount) return undefined;
  return (
    `statement ${statement.statementRef}: the opening balance ${opening.amount} plus the booked entries ` +
    `${moved} is ${opening.amount + moved}, not the closing balance ${closing.amount} (${closing.currency} minor units)`
  );
}
