import { describe, expect, it } from 'vitest';
import { ROLE_SCOPES } from '../auth/roles.ts';
import { DomainError } from '../shared/errors.ts';
import { checkAdministrationGrants, checkRoleGrants, STAFF_ROLES } from './role-grants.ts';

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

describe('checkAdministrationGrants', () => {
  const field = (run: () => void) => {
    try {
      run();
      return undefined;
    } catch (error) {
      return (error as DomainError).details?.field;
    }
  };
  const visible = new Set(['adm_a', 'adm_b']);

  it('lets a caller reaching the whole tenant give all, or any administration it sees', () => {
    expect(field(() => checkAdministrationGrants(null, undefined, visible))).toBeUndefined();
    expect(field(() => checkAdministrationGrants(undefined, undefined, visible))).toBeUndefined();
    expect(field(() => checkAdministrationGrants(['adm_b', 'adm_a'], undefined, visible))).toBeUndefined();
  });

  it('refuses an administration the caller does not see, naming it, and "all" from a limited caller', () => {
    expect(field(() => checkAdministrationGrants(['adm_a', 'adm_x'], undefined, visible))).toBe(
      'administrations[1]',
    );
    expect(field(() => checkAdministrationGrants(null, ['adm_a'], visible))).toBe('administrations');
    expect(field(() => checkAdministrationGrants(undefined, ['adm_a'], visible))).toBe('administrations');
    expect(field(() => checkAdministrationGrants(['adm_a'], ['adm_a'], new Set(['adm_a'])))).toBeUndefined();
  });
});
