import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readDebtorRecords } from '../debtors/debtor-records.ts';
import { readInvoiceRecords, readOpenInvoiceRecords } from '../invoices/invoice-records.ts';
import { type CoreReadOperation, HostFunctionError } from '../plugin-host/index.ts';

/** The scope each `ctx.core` read needs (sdk/src/context.ts documents the same). */
const requiredScope: Record<CoreReadOperation, string> = {
  getDebtor: 'debtors:read',
  getInvoice: 'invoices:read',
  listOpenInvoices: 'invoices:read',
};

/**
 * `ctx.core` for one installation: each read checks the scope the tenant granted, then runs under the
 * tenant's row-level security, so another tenant's id is simply not found.
 */
export function createCoreReads(orm: Orm, tenantId: string, grantedScopes: readonly string[]) {
  return async (operation: CoreReadOperation, id: string): Promise<unknown> => {
    const scope = requiredScope[operation];
    if (!grantedScopes.includes(scope)) {
      throw new HostFunctionError(
        'scope_denied',
        `core.${operation} needs the scope ${scope}, which was not granted`,
      );
    }
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
