/**
 * A timeline source's query (shared/timeline.ts) around its events: `events` is SQL selecting rows
 * with an `at` (timestamptz) and an `id` column; this keeps those before the instant, newest first
 * (ties by id, descending), at most the limit. Its parameters, after the events' own: the instant
 * (or null) twice, then the limit — `windowValues(query)`.
 */
export function newestBeforeSql(events: string): string {
  return `select * from (${events}) e
    where ?::timestamptz is null or e.at < ?::timestamptz
    order by e.at desc, e.id desc limit ?`;
}

export function windowValues(query: { before?: string; limit: number }): unknown[] {
  return [query.before ?? null, query.before ?? null, query.limit];
}
