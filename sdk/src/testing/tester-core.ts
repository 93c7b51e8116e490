import type { DebtorRecord, InvoiceRecord } from '../records.ts';
import { type CoreReadOperation, HostFunctionError } from '../sandbox/index.ts';

/** What `ctx.core` reads see in a test. */
export interface TesterCoreData {
  debtors?: DebtorRecord[];
  invoices?: InvoiceRecord[];
}

/** The scope each `ctx.core` read needs; core's plugin-runtime/core-reads.ts checks the same. */
const requiredScope: Record<CoreReadOperation, string> = {
  getDebtor: 'debtors:read',
  getInvoice: 'invoices:read',
  listOpenInvoices: 'invoices:read',
};

/** `ctx.core` over fixed records: `scope_denied` without the granted scope, `not_found` for an unknown id. */
export function createTesterCore(data: TesterCoreData, grantedScopes: readonly string[]) {
  const debtors = data.debtors ?? [];
  const invoices = data.invoices ?? [];
  return async (operation: CoreReadOperation, id: string): Promise<unknown> => {
    const scope = requiredScope[operation];
    if (!grantedScopes.includes(scope)) {
      throw new HostFunctionError(
        'scope_denied',
        `core.${operation} needs the scope ${scope}, which was not granted`,
      );
    }
    if (operation === 'listOpenInvoices') {
      if (!debtors.some((debtor) => debtor.id === id)) throw missing('debtor', id);
      return invoices.filter((invoice) => invoice.debtorId === id && invoice.status === 'open');
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
