import { describe, expect, it } from 'vitest';
import { ROLE_SCOPES } from '../auth/roles.ts';
import { DomainError } from '../shared/errors.ts';
import { checkRoleGrants, STAFF_ROLES } from './role-grants.ts';

describe('checkRoleGrants', () => {
  it('lets an admin give every staff role', () => {
    expect(() => checkRoleGrants(STAFF_ROLES, ROLE_SCOPES.admin)).not.toThrow();
  });

  it('refuses a role carrying a scope the caller lacks, naming it', () => {
    const held = [...ROLE_SCOPES.collector, 'identity:manage'];
    expect(() => checkRoleGrants(['viewer', 'collector'], held)).not.toThrow();
    try {
      checkRoleGrants(['viewer', 'credit_manager'], held);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toEqual({ field: 'roles[1]' });
    }
  });
});
