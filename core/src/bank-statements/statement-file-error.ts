import { DomainError } from '../shared/errors.ts';

/** A statement file that cannot be read as a whole (not CAMT.053 v2–v13 nor MT940, a broken MT940). */
export class StatementFileError extends DomainError<'not_bank_statement' | 'bad_mt940'> {
  override name = 'StatementFileError';

  constructor(code: 'not_bank_statement' | 'bad_mt940', message: string, line?: number) {
    super(code, 422, line === undefined ? message : `${message} (line ${line})`, line ? { line } : undefined);
  }
}
