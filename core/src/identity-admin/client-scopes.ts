import { invalid } from '../shared/errors.ts';

/**
 * No escalation: an API client gets no scope its maker does not hold, so a tenant admin cannot mint
 * a token that does more than they can. Throws naming the first scope at fault (`scopes[i]`).
 * Pure, apart from the write.
 */
export function checkClientScopes(requested: readonly string[], held: readonly string[]): void {
  const own = new Set(held);
  requested.forEach((scope, i) => {
    if (!own.has(scope))
      throw invalid(
        `scopes[${i}]`,
        `${scope} is not one of your scopes: a client gets no more than its maker`,
      );
  });
}
