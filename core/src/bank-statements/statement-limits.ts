import type { RowError } from '../imports/index.ts';
import type { ParsedStatement } from './parsed-statement.ts';

// What the tables hold at most (migration BankStatements): longer values are refused here, by
// statement and entry, before the database would refuse them as a whole.
const MAX_ACCOUNT = 70;
const MAX_STATEMENT_REF = 200;
const MAX_ENTRY_KEY = 300;

/** Why a statement cannot be stored as read: an account, statement id or entry key too long. */
export function limitErrors(statement: ParsedStatement): RowError[] {
  const errors: RowError[] = [];
  const where = `statement ${statement.statementRef.slice(0, 60)}`;
  if (statement.account.length > MAX_ACCOUNT) {
    errors.push({
      line: statement.line,
      field: 'account',
      message: `${where}: the account id is longer than ${MAX_ACCOUNT} characters`,
    });
  }
  if (statement.statementRef.length > MAX_STATEMENT_REF) {
    errors.push({
      line: statement.line,
      field: 'statementRef',
      message: `${where}: the statement id is longer than ${MAX_STATEMENT_REF} characters`,
    });
  }
  for (const entry of statement.entries) {
    if (entry.key.length <= MAX_ENTRY_KEY) continue;
    errors.push({
      line: entry.line,
      field: 'entry_key',
      message: `${where}, entry ${entry.position}: its bank references make a key longer than ${MAX_ENTRY_KEY} characters`,
    });
  }
  return errors;
}
