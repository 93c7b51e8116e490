/**
 * What a plugin may ask the tenant for. The tenant grants the scopes at install; every host call
 * checks them, and an upgrade that asks for more needs a new grant.
 */
export const SCOPES = {
  'debtors:read': 'read debtors and their contact details',
  'debtors:risk:write': 'store a credit score, rating, limit or insurance cover on a debtor',
  'invoices:read': 'read invoices and their open amounts',
  'payments:read': 'read payments and their allocations',
  'payments:write': 'register a payment against invoices',
  'disputes:read': 'read disputes',
  'dunning:read': 'read dunning actions, promises to pay and payment plans',
  'collection:write': 'record a collection case and its status on a debtor',
} as const;

export type Scope = keyof typeof SCOPES;

export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value);
}
