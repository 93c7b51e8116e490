import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { checkClientScopes } from './client-scopes.ts';

describe('checkClientScopes', () => {
  it("allows any of the maker's own scopes", () => {
    expect(() => checkClientScopes(['ledger:read'], ['ledger:read', 'ledger:write'])).not.toThrow();
    expect(() =>
      checkClientScopes(['ledger:write', 'ledger:read'], ['ledger:read', 'ledger:write']),
    ).not.toThrow();
  });

  it('refuses a scope the maker lacks, naming its place in the list', () => {
    let error: unknown;
    try {
      checkClientScopes(['ledger:read', 'plugins:manage'], ['ledger:read', 'ledger:write']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid_request', status: 400, details: { field: 'scopes[1]' } });
    expect((error as Error).message).toMatch(/^scopes\[1\]: plugins:manage is not one of your scopes/);
  });
});
