import { addMembership, createAccount, setTenantPolicy } from '../accounts/accounts.ts';
import type { Queryable } from '../db/queryable.ts';
import type { Role } from '../provider/token-claims.ts';
import type { RoleScopes } from '../sign-in/first-party-grant.ts';

/** Core's role table as far as the test API scopes go (core/src/auth/roles.ts owns the real one). */
export const TEST_ROLE_SCOPES: RoleScopes = {
  viewer: ['ledger:read', 'dunning:read'],
  collector: ['ledger:read', 'dunning:read'],
  credit_manager: ['ledger:read', 'ledger:write', 'import:write', 'dunning:read'],
  admin: ['ledger:read', 'ledger:write', 'import:write', 'dunning:read'],
};

export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/** A person with a password and memberships; tenants listed in `require2fa` require it. */
export async function testPerson(
  db: Queryable,
  memberships: { tenantId: string; roles: Role[] }[],
  options: { require2fa?: string[]; language?: 'nl' | 'en' | 'de' | 'fr' } = {},
) {
  counter += 1;
  const email = `person${counter}.${Date.now()}@example.com`;
  const account = await createAccount(db, {
    email,
    name: `Person ${counter}`,
    language: options.language ?? 'en',
    password: TEST_PASSWORD,
  });
  for (const membership of memberships) await addMembership(db, { accountId: account.id, ...membership });
  for (const tenantId of options.require2fa ?? []) await setTenantPolicy(db, tenantId, { require2fa: true });
  return { ...account, password: TEST_PASSWORD };
}
