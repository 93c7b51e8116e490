import type { DebtorRecord, InvoiceRecord } from '../records.ts';
import { type CoreReadOperation, checkCoreReadScope, HostFunctionError } from '../sandbox/index.ts';

/** What `ctx.core` reads see in a test. */
export interface TesterCoreData {
  debtors?: DebtorRecord[];
  invoices?: InvoiceRecord[];
}

/** `ctx.core` over fixed records: `scope_denied` without the granted scope, `not_found` for an unknown id. */
export function createTesterCore(data: TesterCoreData, grantedScopes: readonly string[]) {
  const debtors = data.debtors ?? [];
  const invoices = data.invoices ?? [];
  return async (operation: CoreReadOperation, id: string): Promise<unknown> => {
    checkCoreReadScope(operation, grantedScopes);
    if (operation === 'listOpenInvoices') {
      if (!debtors.some((debtor) => debtor.id === id)) throw missing('debtor', id);
      // As core reads them: open, with something still open (credit notes included).
      return invoices.filter(
        (invoice) => invoice.debtorId === id && invoice.status === 'open' && invoice.openAmount.amount !== 0,
      );
    }
    const record =
      operation === 'getDebtor'
        ? debtors.find((debtor) => debtor.id === id)
        : invoices.find((invoice) => invoice.id === id);
    if (record === undefined) throw missing(operation === 'getDebtor' ? 'debtor' : 'invoice', id);
    return record;
  };
}

function missing(what: string, id: string): HostFunctionError {
  return new HostFunctionError('not_found', `no ${what} ${id}`);
}
