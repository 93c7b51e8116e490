import type { CoreReadOperation } from './host-bridge.ts';
import { HostFunctionError } from './host-error.ts';

/** The scope each `ctx.core` read needs (sdk/src/context.ts documents the same). */
export const CORE_READ_SCOPES: Readonly<Record<CoreReadOperation, string>> = {
  getDebtor: 'debtors:read',
  getInvoice: 'invoices:read',
  listOpenInvoices: 'invoices:read',
};

/**
 * Refuses a `ctx.core` read the tenant did not grant, with `scope_denied`: one rule for core's host and
 * the test kit's, so a plugin that passes its tests is not refused in production.
 */
export function checkCoreReadScope(operation: CoreReadOperation, grantedScopes: readonly string[]): void {
  const scope = CORE_READ_SCOPES[operation];
  if (!grantedScopes.includes(scope)) {
    throw new HostFunctionError(
      'scope_denied',
      `core.${operation} needs the scope ${scope}, which was not granted`,
    );
  }
}
