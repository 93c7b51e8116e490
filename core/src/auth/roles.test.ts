import { describe, expect, it } from 'vitest';
import { ALL_SCOPES, SCOPES } from './principal.ts';
import { effectiveScopes, ROLE_SCOPES, ROLES } from './roles.ts';

describe('roles', () => {
  it('grant only scopes core checks, and every scope to some role', () => {
    const granted = new Set(ROLES.flatMap((role) => ROLE_SCOPES[role]));
    expect([...granted].sort()).toEqual([...ALL_SCOPES].sort());
  });

  it('keep the marketplace and identity apart: plugins:manage and identity:manage are the admin’s, marketplace:publish the partner’s alone', () => {
    const holders = (scope: string) => ROLES.filter((role) => ROLE_SCOPES[role].includes(scope));
    expect(holders(SCOPES.pluginsManage)).toEqual(['admin']);
    expect(holders(SCOPES.identityManage)).toEqual(['admin']);
    expect(holders(SCOPES.marketplacePublish)).toEqual(['partner']);
    expect(ROLE_SCOPES.partner).toEqual([SCOPES.marketplacePublish]);
  });

  it('nest: each staff role can do all the one below it can', () => {
    const ladder = ['viewer', 'collector', 'credit_manager', 'admin'] as const;
    for (let i = 1; i < ladder.length; i++) {
      const below = ROLE_SCOPES[ladder[i - 1] as (typeof ladder)[number]];
      expect(ROLE_SCOPES[ladder[i] as (typeof ladder)[number]]).toEqual(expect.arrayContaining([...below]));
    }
    expect(ROLE_SCOPES.viewer.every((scope) => scope.endsWith(':read'))).toBe(true);
    expect(ROLE_SCOPES.collector).not.toContain(SCOPES.ledgerWrite);
    expect(ROLE_SCOPES.collector).not.toContain(SCOPES.dunningManage);
  });
});

describe('effectiveScopes', () => {
  it('gives a user the granted scopes its roles allow, and no others', () => {
    const granted = [SCOPES.ledgerRead, SCOPES.ledgerWrite, SCOPES.dunningWrite, SCOPES.pluginsManage];
    expect(effectiveScopes(granted, ['collector'])).toEqual([SCOPES.ledgerRead, SCOPES.dunningWrite]);
    expect(effectiveScopes(granted, ['viewer', 'collector'])).toEqual([
      SCOPES.ledgerRead,
      SCOPES.dunningWrite,
    ]);
    expect(effectiveScopes(granted, ['admin'])).toEqual(granted);
  });

  it('never widens a token beyond what was granted, whatever the role', () => {
    expect(effectiveScopes([SCOPES.ledgerRead], ['admin'])).toEqual([SCOPES.ledgerRead]);
    expect(effectiveScopes([], ['admin'])).toEqual([]);
  });

  it('ignores unknown roles, so a user with only those gets nothing', () => {
    expect(effectiveScopes([SCOPES.ledgerRead], ['auditor'])).toEqual([]);
    expect(effectiveScopes([SCOPES.ledgerRead], ['auditor', 'viewer'])).toEqual([SCOPES.ledgerRead]);
    expect(effectiveScopes([SCOPES.ledgerRead], [])).toEqual([]);
  });

  it('takes an API client’s (no roles) granted scopes as they are, once each', () => {
    expect(effectiveScopes([SCOPES.ledgerWrite, SCOPES.importWrite, SCOPES.ledgerWrite], undefined)).toEqual([
      SCOPES.ledgerWrite,
      SCOPES.importWrite,
    ]);
  });
});
