import type { Orm } from '../../db/orm.ts';
import { tenantEm } from '../../db/tenant-scope.ts';
import { type MatchOutcome, matchEntry } from './match-entry.ts';
import { queueUnmatchable } from './sift-entries.ts';

/** Entries sifted together (sift-entries.ts): one batch's lookups, a few queries. */
const SIFT_BATCH = 1000;

/**
 * Matches the entries one import stored: per batch, the credits that name nothing known are queued
 * at once (sift-entries.ts); every other entry is matched in a transaction of its own, so one that
 * fails (an invoice changed meanwhile, a constraint) stays `unmatched` for a retry and does not hold
 * the others back. Counts what happened; the failures' messages for the caller's log. `onProgress`
 * hears the entries done so far (a progress bar's).
 */
export async function matchEntries(
  orm: Orm,
  tenantId: string,
  entryIds: readonly string[],
  options?: { onProgress?: (done: number, total: number) => void },
): Promise<{ outcomes: Record<MatchOutcome, number>; failures: { entryId: string; message: string }[] }> {
  const outcomes: Record<MatchOutcome, number> = { matched: 0, queued: 0, returned: 0, skipped: 0 };
  const failures: { entryId: string; message: string }[] = [];
  for (let start = 0; start < entryIds.length; start += SIFT_BATCH) {
    const batch = entryIds.slice(start, start + SIFT_BATCH);
    // A sift that fails only costs time: every entry of the batch then goes the long way.
    const queued = await tenantEm(orm, tenantId)
      .transactional((em) => queueUnmatchable(em, batch))
      .catch(() => new Set<string>());
    outcomes.queued += queued.size;
    let done = start + queued.size;
    options?.onProgress?.(done, entryIds.length);
    for (const entryId of batch) {
      if (queued.has(entryId)) continue;
      try {
        const outcome = await tenantEm(orm, tenantId).transactional((em) =>
          matchEntry(em, tenantId, entryId),
        );
        outcomes[outcome]++;
      } catch (error) {
        failures.push({ entryId, message: error instanceof Error ? error.message : String(error) });
      }
      options?.onProgress?.(++done, entryIds.length);
    }
  }
  return { outcomes, failures };
}
