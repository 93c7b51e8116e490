import type { Orm } from '../../db/orm.ts';
import { tenantEm } from '../../db/tenant-scope.ts';
import { type MatchOutcome, matchEntry } from './match-entry.ts';

/**
 * Matches the entries one import stored, each in a transaction of its own, so one that fails (an
 * invoice changed meanwhile, a constraint) stays `unmatched` for a retry and does not hold the others
 * back. Counts what happened; the failures' messages for the caller's log.
 */
export async function matchEntries(
  orm: Orm,
  tenantId: string,
  entryIds: readonly string[],
): Promise<{ outcomes: Record<MatchOutcome, number>; failures: { entryId: string; message: string }[] }> {
  const outcomes: Record<MatchOutcome, number> = { matched: 0, queued: 0, returned: 0, skipped: 0 };
  const failures: { entryId: string; message: string }[] = [];
  for (const entryId of entryIds) {
    try {
      const outcome = await tenantEm(orm, tenantId).transactional((em) => matchEntry(em, tenantId, entryId));
      outcomes[outcome]++;
    } catch (error) {
      failures.push({ entryId, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { outcomes, failures };
}
