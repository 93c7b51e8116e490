import type { TimelineEntry } from '../shared/timeline.ts';

/**
 * Where a page of the timeline stopped: the last entry's instant (to the millisecond), its id, and
 * how many entries at that very instant have been listed so far. Many entries can share an instant
 * (an import writes its invoices in one transaction), so an instant alone cannot say where to go on.
 */
export interface TimelineCursor {
  at: string;
  after: string;
  /** Entries at `at` already listed, on this page and the ones before. */
  seen: number;
}

/** What to ask each source for the next page: entries before `before`, at most `limit`. */
export function sourceQuery(page: { before?: string; cursor?: TimelineCursor; limit: number }): {
  before?: string;
  limit: number;
} {
  // One more than the page holds tells whether there is a next page. Past a cursor, the entries at its
  // instant come back too (`before` is a millisecond later), of which `seen` were listed already.
  if (page.cursor) {
    const before = new Date(Date.parse(page.cursor.at) + 1).toISOString();
    return { before, limit: page.limit + page.cursor.seen + 1 };
  }
  return { before: page.before, limit: page.limit + 1 };
}

/** Newest first; entries at the same millisecond by id, descending. */
function newerFirst(a: TimelineEntry, b: TimelineEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Merges the sources' answers into one page: instants to the millisecond, newest first, without what
 * a cursor says was listed, `limit` entries, and the cursor of the next page (null on the last).
 */
export function mergeTimeline(
  answers: TimelineEntry[][],
  page: { cursor?: TimelineCursor; limit: number },
): { entries: TimelineEntry[]; next: TimelineCursor | null } {
  const { cursor, limit } = page;
  const merged = answers
    .flat()
    .map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() }))
    .filter((entry) => !cursor || entry.at < cursor.at || (entry.at === cursor.at && entry.id < cursor.after))
    .sort(newerFirst);
  const entries = merged.slice(0, limit);
  const last = entries.at(-1);
  if (merged.length <= limit || !last) return { entries, next: null };
  const atLast = entries.filter((entry) => entry.at === last.at).length;
  const seen = atLast + (cursor?.at === last.at ? cursor.seen : 0);
  return { entries, next: { at: last.at, after: last.id, seen } };
}

export function encodeTimelineCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The cursor a previous page answered, or undefined when it is not one. */
export function decodeTimelineCursor(text: string): TimelineCursor | undefined {
  try {
    const { at, after, seen } = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    ) as Partial<TimelineCursor>;
    if (
      typeof at === 'string' &&
      !Number.isNaN(Date.parse(at)) &&
      typeof after === 'string' &&
      after.length <= 80 &&
      Number.isInteger(seen) &&
      (seen as number) >= 1
    ) {
      return { at: new Date(at).toISOString(), after, seen: seen as number };
    }
  } catch {}
  return undefined;
}
