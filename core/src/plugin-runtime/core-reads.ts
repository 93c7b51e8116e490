import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readDebtorRecords } from '../debtors/debtor-records.ts';
import { readInvoiceRecords, readOpenInvoiceRecords } from '../invoices/invoice-records.ts';
import { type CoreReadOperation, checkCoreReadScope, HostFunctionError } from '../plugin-host/index.ts';

/**
 * `ctx.core` for one installation: each read checks the scope the tenant granted, then runs under the
 * tenant's row-level security, so another tenant's id is simply not found.
 */
export function createCoreReads(orm: Orm, tenantId: string, grantedScopes: readonly string[]) {
  return async (operation: CoreReadOperation, id: string): Promise<unknown> => {
    checkCoreReadScope(operation, grantedScopes);
    return readAsTenant(orm, tenantId, async (em) => {
      if (operation === 'listOpenInvoices') {
        if ((await readDebtorRecords(em, [id])).length === 0) throw missing('debtor', id);
        return readOpenInvoiceRecords(em, id);
      }
      const [record] =
        operation === 'getDebtor' ? await readDebtorRecords(em, [id]) : await readInvoiceRecords(em, [id]);
      if (record === undefined) throw missing(operation === 'getDebtor' ? 'debtor' : 'invoice', id);
      return record;
    });
  };
}

function missing(what: string, id: string): HostFunctionError {
  return new HostFunctionError('not_found', `no ${what} ${id}`);
}
