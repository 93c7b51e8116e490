import type { Orm } from '../../db/orm.ts';
import { tenantEm } from '../../db/tenant-scope.ts';
import { DomainError } from '../../shared/errors.ts';
import { bookSureRun, guessSureMatches } from './book-sure-matches.ts';
import { type MatchOutcome, matchEntry } from './match-entry.ts';
import { queueUnmatchable } from './sift-entries.ts';

/** Entries taken together: one sift (sift-entries.ts) and at most a few bulk transactions each. */
const BATCH = 2000;

export interface MatchEntriesOptions {
  /** Called as entries are done, with how many of `entryIds` are and how many there are. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Matching that failed on an entry: `message` for the log, whatever it was; `shown` for a person
 * reading the queue, the message only of a domain error (a rule of Kredo's), else no internals.
 */
export interface MatchFailure {
  entryId: string;
  message: string;
  shown: string;
}

export interface MatchEntriesResult {
  outcomes: Record<MatchOutcome, number>;
  failures: MatchFailure[];
  /** How many of the matched were booked by the bulk path (book-sure-matches.ts). */
  bookedInBulk: number;
}

/**
 * Matches the entries one import stored, per batch of 2,000 in statement order:
 * 1. the credits that name nothing known are queued at once (sift-entries.ts);
 * 2. the rest is booked as one run, set-based, in one transaction (`bookSureRun`: the sure structured
 *    references paying invoices with no charge open); where it stops short, a read-only guess
 *    (book-sure-matches.ts) splits what is left into runs it would book and entries it would not;
 *    when a run's transaction fails, its entries go the long way;
 * 3. every other entry is matched on its own, in a transaction of its own (match-entry.ts), so one
 *    that fails (an invoice changed meanwhile, a constraint) stays `unmatched` for a retry and does not
 *    hold the others back.
 * Runs and single entries go in statement order, so each entry sees the invoices as the entries
 * before it left them, whichever way they went: the outcome is the one-by-one path's. Counts what
 * happened; the failures' messages for the caller's log. `onProgress` hears the entries done so far
 * (a progress bar's).
 */
export async function matchEntries(
  orm: Orm,
  tenantId: string,
  entryIds: readonly string[],
  options: MatchEntriesOptions = {},
): Promise<MatchEntriesResult> {
  const result: MatchEntriesResult = {
    outcomes: { matched: 0, queued: 0, returned: 0, skipped: 0 },
    failures: [],
    bookedInBulk: 0,
  };
  let done = 0;
  const advance = (count: number) => {
    done += count;
    if (count > 0) options.onProgress?.(done, entryIds.length);
  };
  const one = (entryId: string) => matchOne(orm, tenantId, entryId, result).then(() => advance(1));
  for (let start = 0; start < entryIds.length; start += BATCH) {
    const batch = entryIds.slice(start, start + BATCH);
    // A sift that fails only costs time: every entry of the batch then goes the long way.
    const queued = await tenantEm(orm, tenantId)
      .transactional((em) => queueUnmatchable(em, batch))
      .catch(() => new Set<string>());
    result.outcomes.queued += queued.size;
    advance(queued.size);
    const rest = batch.filter((id) => !queued.has(id));
    // The whole batch is tried as one run first: a statement of sure references is then booked in one
    // transaction with no guess. Only once a run stops short does a read-only guess (which fails only
    // to cost time: the entries then go one by one) split the rest into runs and single entries.
    let guess: ReadonlyMap<string, string> | null = null;
    let i = 0;
    while (i < rest.length) {
      const runEnd: number = guess ? endOfRun(rest, i, guess) : rest.length;
      if (runEnd === i) {
        await one(rest[i] as string);
        i++;
        continue;
      }
      const run = rest.slice(i, runEnd);
      const booked = await tenantEm(orm, tenantId)
        .transactional((em) => bookSureRun(em, tenantId, run))
        .catch(() => null);
      if (!booked) {
        for (const entryId of run) await one(entryId);
        i = runEnd;
        continue;
      }
      result.outcomes.matched += booked.booked;
      result.outcomes.skipped += booked.skipped;
      result.bookedInBulk += booked.booked;
      advance(booked.stoppedAt);
      i += booked.stoppedAt;
      // Where the run stopped, the entry it refused goes the long way; the next run starts after it.
      if (booked.stoppedAt < run.length) {
        guess ??= await guessSureMatches(orm, tenantId, rest.slice(i + 1)).catch(
          () => new Map<string, string>(),
        );
        await one(rest[i] as string);
        i++;
      }
    }
  }
  return result;
}

/** Where the run the bulk path would take from `start` ends: `start` itself when it would take none. */
function endOfRun(entryIds: readonly string[], start: number, guess: ReadonlyMap<string, string>): number {
  let end = start;
  while (end < entryIds.length && ['book', 'skip'].includes(guess.get(entryIds[end] as string) ?? '')) end++;
  // A run of skips only is no run: nothing to book.
  const books = entryIds.slice(start, end).some((id) => guess.get(id) === 'book');
  return books ? end : start;
}

async function matchOne(orm: Orm, tenantId: string, entryId: string, result: MatchEntriesResult) {
  try {
    const outcome = await tenantEm(orm, tenantId).transactional((em) => matchEntry(em, tenantId, entryId));
    result.outcomes[outcome]++;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const shown =
      error instanceof DomainError ? message.slice(0, 500) : 'an internal error (its details are in the log)';
    result.failures.push({ entryId, message, shown });
  }
}
